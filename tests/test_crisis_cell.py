"""The crisis cell's binder of each establishment of the demo GHT, and the checks the crisis depends on.

Expected values come from scripts/demo_data or from the workbooks read with python-calamine."""

from __future__ import annotations

import copy
import math
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
import python_calamine as pc
from conftest import DEMO, ROOT, check, edit, service_cell
from docx import Document

from pca_xlsx import pipeline
from pca_xlsx.documents.cell import MUST_NOTIFY, cell_context, deadline_hours
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.crisis import poster_context
from pca_xlsx.findings import WARNING
from pca_xlsx.format.referential import EXTERNAL_CONTACTS
from pca_xlsx.validate.crisis import MAX_SERVICES, needs_it

sys.path.insert(0, str(ROOT / "scripts"))
from demo_data import load_services  # noqa: E402
from demo_data.crisis import DIRECTORY_CHVM, DIRECTORY_CRISIS, SERVICE_CRISIS  # noqa: E402
from demo_data.referential import BACKUP_MEANS, CHU, CHVM, CRISIS_DIRECTORY, POLES, SERVICES  # noqa: E402

V2 = Path(__file__).parent / "data" / "v2"
TITLE = "FICHE RÉFLEXE – PANNE INFORMATIQUE MAJEURE"
OWNER = {s["code"]: next(p["establishment"] for p in POLES if p["code"] == s["pole"]) for s in SERVICES}
ROOM = {CHU: DIRECTORY_CRISIS["Cellule de crise"][2], CHVM: DIRECTORY_CHVM[0]["place"]}
FORMS = (
    "Formulaire – Point de situation",
    "Formulaire – État des lits par service",
    "Formulaire – Transferts de patients",
    "Formulaire – Identités provisoires",
    "Main courante",
)
#: « Interruption tolérable » → hours (the order of the bands).
HOURS = {"Moins d'1 h": 1, "1 à 4 h": 4, "4 à 24 h": 24, "1 à 3 jours": 72, "Plus de 3 jours": 10**5}
#: The on-duty phone's cell of a current « Service » sheet.
DUTY = service_cell("duty_phone")
MEANS = ("Téléphone mobile", "Radio", "Téléphone satellite", "Ordinateur hors réseau", "Imprimante hors réseau")


@pytest.fixture(scope="module")
def run(demo_run):
    """The shared demo run (tests/conftest.py): its outputs are read, never changed."""
    return demo_run


def _binder(out: Path, code: str) -> Document:
    return Document(str(out / "etablissements" / code / "documents" / "cellule_de_crise.docx"))


def _text(doc: Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _table(doc: Document, *headers: str) -> list[list[str]]:
    """Rows (cell texts) of the first table whose header row holds ``headers``."""
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        if all(h in head for h in headers):
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(headers)


def _expected_order(codes: list[str]) -> list[str]:
    """Call order from the demo data: vital processes first, shortest tolerable interruption, most vital."""
    data = load_services()
    category = {s["code"]: s["category"] for s in SERVICES}

    def key(code: str):
        vital = {r["process"] for r in data[code]["processus"] if r["criticality"] == "Vitale"}
        hours = min((HOURS[a["tolerable"]] for a in data[code]["applications"] if a.get("tolerable")), default=10**6)
        return (0 if vital else 1, hours, -len(vital), 0 if category[code] == "Critique" else 1, code)

    return sorted(codes, key=key)


def _telecom_from_workbooks(code: str) -> dict[str, int]:
    """Quantities per means of a service's Télécom sheet, read with calamine."""
    path = DEMO / (f"{CHVM}/{code}.xlsx" if OWNER[code] == CHVM else f"{code}.xlsx")
    book = pc.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Télécom").to_python()
    book.close()
    head = [str(v).rstrip("*") for v in rows[0]]
    means, quantity = head.index("Moyen"), head.index("Quantité")
    out = dict.fromkeys(MEANS, 0)
    for row in rows[1:]:
        if row[means] in out and row[quantity] != "":
            out[row[means]] += int(row[quantity])
    return out


@pytest.mark.parametrize("establishment", [CHU, CHVM])
def test_each_establishment_binder_holds_every_part_and_only_its_posters_in_call_order(run, establishment):
    _, out = run
    doc = _binder(out, establishment)
    body = _text(doc)
    for part in ("1. Fiche réflexe de la cellule de crise", "2. Notifications", "3. Annuaire de crise",
                 "4. Ordre d'appel des services", "5. Capacités en mode dégradé",
                 "6. Distribution des moyens de secours", *FORMS):  # fmt: skip
        assert part in body, part
    for organisation in ("ARS", "CERT Santé", "CNIL", "Police ou gendarmerie", "Assureur", "EFS"):
        assert organisation in [row[1].split(" (")[0] for row in _table(doc, "Organisme", "Délai")], organisation
    deputies = _table(doc, "Suppléant", "Tél. suppléant", "Lieu")
    assert [row[3] for row in deputies if row[0] == "Direction de garde"] == [
        DIRECTORY_CRISIS["Direction de garde"][0] if establishment == CHU else DIRECTORY_CHVM[1]["deputy"]
    ]
    own = [code for code, owner in OWNER.items() if owner == establishment]
    order = _expected_order(own)
    calls = _table(doc, "Téléphone de garde", "Pourquoi")
    assert [row[1].rsplit("(", 1)[1].rstrip(")") for row in calls] == order
    names = {s["code"]: s["name"] for s in SERVICES}
    posters = [p for p in doc.paragraphs if p.text == TITLE]
    assert len(posters) == len(own)
    tail = body[body.index(TITLE) :]
    assert [c for c in sorted(own, key=lambda c: tail.index(f"\n{names[c]}  ·"))] == order
    assert all(SERVICE_CRISIS[c][2] or c == "LOGIST" for c in own)
    for code in own:  # the on-duty phone of each service, or the plain warning
        row = next(r for r in calls if r[1].endswith(f"({code})"))
        assert row[2] == (SERVICE_CRISIS[code][2] or "PAS DE NUMÉRO DE GARDE")
    # its own crisis room on the cover, the directory and every poster, never the other establishment's
    other = CHVM if establishment == CHU else CHU
    # the cover, each poster and the header of four forms (point, beds, transfers, identities)
    assert body.count(f"cellule de crise : {ROOM[establishment]}") == len(own) + 4
    assert ROOM[other] not in body


def test_the_reason_to_call_is_said_in_plain_words(demo_parts):
    part = demo_parts[CHU]
    context = cell_context(Sources(part.referential, part.tables, part.consolidation))
    first = context["appels"][0]
    assert "ligne(s)" not in first["pourquoi"] and first["pourquoi"].startswith("Processus vitaux : ")
    assert first["pourquoi"].endswith("sans " + first["pourquoi"].split(" sans ", 1)[1])


@pytest.mark.parametrize("establishment", [CHU, CHVM])
def test_capacities_add_up_with_totals(run, establishment):
    _, out = run
    data = load_services()
    own = [c for c, owner in OWNER.items() if owner == establishment and data[c]["service"].get("capacity")]
    nominal = sum(data[c]["service"]["capacity"] for c in own)
    kept = sum(math.floor(data[c]["service"]["capacity"] * data[c]["service"]["ambition"] / 100) for c in own)
    rows = _table(_binder(out, establishment), "Lits nominaux", "Lits maintenus", "À transférer ou faire sortir")
    assert rows[-1][:5] == ["Total", str(nominal), "", str(kept), str(nominal - kept)]
    assert {CHU: (312, 247), CHVM: (54, 40)}[establishment] == (nominal, kept)


@pytest.mark.parametrize("establishment", [CHU, CHVM])
def test_each_services_own_words_start_with_the_beds_the_cell_counts(run, establishment):
    """The demo tells one story: a service's « Capacité d'accueil en défaillance majeure » opens with the beds (or
    rooms, boxes) kept, ⌊nominal × ambition ÷ 100⌋, the number the cell's table computes beside it."""
    _, out = run
    data = load_services()
    doc = _binder(out, establishment)
    table = next(t for t in doc.tables if "Lits maintenus" in [c.text for c in t.rows[0].cells])
    head = [c.text for c in table.rows[0].cells]
    kept_at, words_at = head.index("Lits maintenus"), len(head) - 1
    seen = 0
    for row in table.rows[1:-1]:
        cells = [c.text for c in row.cells]
        code = cells[0].rsplit("(", 1)[-1].rstrip(")") if "(" in cells[0] else cells[0].split(" ")[0]
        service = data.get(code, {}).get("service", {})
        if not service.get("capacity"):
            continue
        kept = math.floor(service["capacity"] * service["ambition"] / 100)
        assert cells[kept_at] == str(kept), code
        assert service["degraded_capacity"].split(" ")[0] == str(kept), (code, service["degraded_capacity"])
        assert cells[words_at].startswith(str(kept)), (code, cells[words_at])
        seen += 1
    assert seen == {CHU: 11, CHVM: 2}[establishment]


@pytest.mark.parametrize("establishment", [CHU, CHVM])
def test_the_distribution_list_is_the_services_telecom_sheets(run, establishment):
    _, out = run
    rows = _table(_binder(out, establishment), "Mobiles", "Radios", "Couvert")
    *services, total, stock, gap = rows
    shown = {row[1].rsplit("(", 1)[1].rstrip(")"): [int(v) for v in row[2:7]] for row in services}
    own = [c for c, owner in OWNER.items() if owner == establishment]
    expected = {c: [_telecom_from_workbooks(c)[m] for m in MEANS] for c in own}
    assert shown == {c: q for c, q in expected.items() if any(q)}
    sums = [sum(q[i] for q in expected.values()) for i in range(len(MEANS))]
    assert [int(v) for v in total[2:7]] == sums and total[1] == "Total des besoins"
    held = _stock_held()[establishment]
    assert [int(v) for v in stock[2:7]] == [held[m] for m in MEANS]
    assert [int(v) for v in gap[2:7]] == [held[m] - s for m, s in zip(MEANS, sums)]
    assert "Remis par" in _text(_binder(out, establishment))


def _stock_held() -> dict[str, dict[str, int]]:
    """Establishment → means → stock it holds, from the demo data: its own « Moyens de secours » rows, plus
    its share of each shared (code-less) row, split by the establishments' needs (their services' Télécom
    sheets read with calamine) at the largest remainder; the GHT (key "") holds the whole sheet."""
    need = {e: dict.fromkeys(MEANS, 0) for e in (CHU, CHVM)}
    for code, owner in OWNER.items():
        for means, quantity in _telecom_from_workbooks(code).items():
            need[owner][means] += quantity
    held = {e: dict.fromkeys(MEANS, 0) for e in (CHU, CHVM, "")}
    for row in BACKUP_MEANS:
        if row["means"] not in MEANS:
            continue
        held[""][row["means"]] += row["stock"]
        if row["establishment"]:
            held[row["establishment"]][row["means"]] += row["stock"]
            continue
        weights = [need[e][row["means"]] for e in (CHU, CHVM)]
        exact = [row["stock"] * w / sum(weights) for w in weights] if sum(weights) else [row["stock"] / 2] * 2
        shares = [math.floor(x) for x in exact]
        for i in sorted(range(2), key=lambda i: (shares[i] - exact[i], i))[: row["stock"] - sum(shares)]:
            shares[i] += 1
        for e, n in zip((CHU, CHVM), shares):
            held[e][row["means"]] += n
    return held


def test_each_binder_counts_its_own_stock_and_the_ght_their_sum(run, demo_parts):
    """Stock per establishment (« Moyens de secours » « Code établissement »): the CHU's and the Val de Meuse's
    binders show their own stock, the GHT's coordination binder their sum, and each is the consolidation's."""
    result, out = run
    held = _stock_held()
    shown = {}
    for level, path in ((CHU, _binder(out, CHU)), (CHVM, _binder(out, CHVM)), ("", None)):
        doc = path or Document(str(out / "documents" / "cellule_de_crise.docx"))
        row = next(r for r in _table(doc, "Mobiles", "Radios", "Couvert") if r[1] == "Stock détenu")
        shown[level] = dict(zip(MEANS, (int(v) for v in row[2:7])))
        assert shown[level] == held[level], level
    assert all(shown[""][m] == shown[CHU][m] + shown[CHVM][m] for m in MEANS)
    assert shown[CHU] != shown[""] and shown[CHVM] != shown[""]  # no binder counts the whole GHT stock
    for code, part in demo_parts.items():  # the same stock as the establishment's Télécom sheet
        budget = part.consolidation.procurement["telecom_budget"].set_index("means")["held"]
        assert all(budget.get(m, 0) == shown[code][m] for m in MEANS if m in budget.index)


CRISIS_CODES = ("telephone-partage", "referent-trop-de-services", "etape-sans-informatique", "telephone-garde-absent")


def test_the_demo_passes_the_crisis_checks(run):
    result, _ = run
    assert [f for f in result.report.findings if f.code in CRISIS_CODES] == []


@pytest.fixture(scope="module")
def flawed(tmp_path_factory):
    """The demo with the flaws the issue found: LABO's referent on the « Direction de garde » number, the
    bed manager also answering for admissions and transport, an early step to print, no on-duty phone."""
    folder = tmp_path_factory.mktemp("flawed") / "workbooks"
    shutil.copytree(DEMO, folder)
    guard = next(r for r in CRISIS_DIRECTORY if r["function"] == "Direction de garde")
    adm = load_services()["ADM"]["service"]
    edit(folder / "LABO.xlsx", {"Service": {"B7": guard["phone"]}})
    edit(folder / "LITS.xlsx", {"Service": {"B6": adm["medical_referent"], "B7": adm["medical_phone"]}})
    edit(folder / "REST.xlsx", {"Fiche réflexe": {"C3": "Imprimer les effectifs de la veille par unité"}})
    edit(folder / "LOGIST.xlsx", {"Service": {DUTY: None}})
    report, _ = check(folder)
    return [f for f in report.findings if f.code in CRISIS_CODES], folder


def test_the_shared_number_is_warned_naming_both_cells(flawed):
    found, folder = flawed
    shared = [f for f in found if f.code == "telephone-partage"]
    book = pc.CalamineWorkbook.from_path(str(folder / "referentiel.xlsx"))
    rows = book.get_sheet_by_name("Annuaire de crise").to_python()
    book.close()
    guard = next(r for r in CRISIS_DIRECTORY if r["function"] == "Direction de garde")
    row = 1 + next(i for i, r in enumerate(rows) if r[0] == "Direction de garde")
    assert [(f.file, f.sheet, f.cell, f.severity, f.value) for f in shared] == [
        ("LABO.xlsx", "Service", "B7", WARNING, guard["phone"])
    ]
    assert f"referentiel.xlsx, feuille « Annuaire de crise », cellule C{row}" in shared[0].message
    assert "Dr Hélène CARON" in shared[0].message and guard["name"] in shared[0].message


def test_crafted_shared_numbers_between_an_on_duty_phone_and_an_outside_contact(tmp_path):
    folder = tmp_path / "workbooks"
    shutil.copytree(DEMO, folder)
    from openpyxl import load_workbook

    book = load_workbook(folder / "referentiel.xlsx")
    ws = book["Contacts externes"]
    ws.append(["Autre", "Taxi de garde", SERVICE_CRISIS["SAMU"][2], None, None, None])
    book.save(folder / "referentiel.xlsx")
    report, _ = check(folder)
    found = [f for f in report.findings if f.code == "telephone-partage"]
    assert [(f.file, f.sheet, f.cell) for f in found] == [("SAMU.xlsx", "Service", DUTY)]
    assert f"« Contacts externes », cellule C{ws.max_row}" in found[0].message


def test_a_person_covering_too_many_services_is_warned(flawed):
    found, _ = flawed
    busy = [f for f in found if f.code == "referent-trop-de-services"]
    name = load_services()["ADM"]["service"]["medical_referent"]
    assert [(f.file, f.cell, f.value) for f in busy] == [("ADM.xlsx", "B6", name)]
    assert f"3 services (ADM, LITS, TRANS), plus de {MAX_SERVICES}" in busy[0].message
    people: dict[str, set[str]] = {}  # the demo itself: nobody above the limit
    for code, data in load_services().items():
        for key in ("medical_referent", "paramedical_referent", "medical_deputy", "paramedical_deputy"):
            if data["service"].get(key):
                people.setdefault(data["service"][key], set()).add(code)
    assert max(len(codes) for codes in people.values()) == MAX_SERVICES == 2


def test_an_early_step_that_needs_it_is_warned(flawed):
    found, _ = flawed
    steps = [(f.file, f.sheet, f.cell) for f in found if f.code == "etape-sans-informatique"]
    assert steps == [("REST.xlsx", "Fiche réflexe", "C3")]
    assert needs_it("Imprimer les fiches de dotation") == "imprimer"
    assert needs_it("Consulter le dossier informatisé du patient") == "consulter le dossier informatise"
    assert needs_it("Éditer la liste des patients") == "editer"
    assert needs_it("Vérifier que chaque cardiotocographe imprime son tracé en local") == ""


def test_a_service_without_on_duty_phone_is_warned_not_an_older_workbook(flawed, tmp_path):
    found, _ = flawed
    assert [(f.file, f.cell) for f in found if f.code == "telephone-garde-absent"] == [("LOGIST.xlsx", DUTY)]
    folder = tmp_path / "workbooks"
    folder.mkdir()
    shutil.copy(DEMO / "referentiel.xlsx", folder)
    shutil.copy(V2 / "URG.xlsx", folder)  # version 2: no on-duty phone row, not asked for
    report, _ = check(folder)
    assert [(f.code, f.cell) for f in report.findings] == [("modele-ancien", service_cell("template_version", 2))]


def test_version_2_workbooks_are_upgraded_to_version_3_with_the_new_rows(tmp_path):
    folder = tmp_path / "workbooks"
    folder.mkdir()
    for name in ("referentiel.xlsx", "URG.xlsx", "TELECOM.xlsx"):
        shutil.copy(V2 / name, folder)
    result = pipeline.upgrade(pipeline.Options(folder, tmp_path / "out"))
    assert [(e.file, e.status, e.version) for e in result.entries] == [
        ("TELECOM.xlsx", "Mis à jour", "2026.2"),
        ("URG.xlsx", "Mis à jour", "2026.2"),
    ]
    target = tmp_path / "out" / "mises_a_jour"
    for name in ("URG.xlsx", "TELECOM.xlsx"):
        old = pd.read_excel(V2 / name, sheet_name=None, header=None, engine="calamine")
        new = pd.read_excel(target / name, sheet_name=None, header=None, engine="calamine")
        labels = list(new["Service"][0])
        assert labels[18:24] == [
            "Suppléant du référent médical",
            "Suppléant du référent paramédical",
            "Téléphone de garde du service",
            "E-mail du référent médical",
            "E-mail du référent paramédical",
            "Version du modèle",
        ]
        assert new["Service"][1][23] == "2026.3" and pd.isna(new["Service"][1][20])
        for sheet in ("Processus", "Télécom", "Fiche réflexe"):  # every old column kept (v3 adds columns after)
            width = old[sheet].shape[1]
            assert old[sheet].fillna("").values.tolist() == new[sheet].iloc[:, :width].fillna("").values.tolist(), (
                name,
                sheet,
            )
        kept = dict(zip(old["Service"][0], old["Service"][1]))
        after = dict(zip(new["Service"][0], new["Service"][1]))
        assert all(after[k] == v for k, v in kept.items() if k != "Version du modèle" and v == v), name


def test_a_referential_without_contacts_still_gives_a_binder_that_says_what_to_add(demo_parts):
    part = demo_parts[CHVM]
    referential = copy.copy(part.referential)  # the shared run's part stays as it is
    referential.external_contacts = pd.DataFrame(columns=EXTERNAL_CONTACTS.keys)
    context = cell_context(Sources(referential, part.tables, part.consolidation))
    assert context["notifications"] == [] and context["a_ajouter"] == list(MUST_NOTIFY)


def test_notifications_come_most_urgent_first(demo_parts):
    part = demo_parts[CHU]
    context = cell_context(Sources(part.referential, part.tables, part.consolidation))
    hours = [deadline_hours(n["delai"]) for n in context["notifications"]]
    assert hours == sorted(hours) and context["a_ajouter"] == []
    cnil = next(n for n in context["notifications"] if n["organisme"] == "CNIL")
    assert cnil["delai"] == "72 h"
    assert all(
        n["organisme"] != "Police ou gendarmerie" or "Verdun" not in n["objet"] for n in context["notifications"]
    )
    assert (deadline_hours("Sans délai"), deadline_hours("H+2"), deadline_hours("5 jours ouvrés")) == (0, 2, 120)


def test_a_poster_sends_a_call_to_another_establishment_through_the_cell(demo_parts):
    part = demo_parts[CHVM]
    calls = poster_context(Sources(part.referential, part.tables, part.consolidation), "URGVM")["call_first"]
    chvm_cell = DIRECTORY_CHVM[0]
    assert calls[0]["joindre"] == f"{chvm_cell['name']} – {chvm_cell['phone']}"
    labo = next(c for c in calls if c["qui"].endswith("(LABO)"))  # the CHU's laboratory
    assert labo["joindre"] == "Autre établissement du GHT : passer par la cellule de crise"
    pharmacy = next(c for c in calls if c["qui"].endswith("(PHARVM)"))
    assert pharmacy["joindre"].startswith(f"Garde (jour et nuit) : {SERVICE_CRISIS['PHARVM'][2]}\n")


def test_an_establishment_part_holds_its_own_and_the_ght_wide_contacts(run, demo_parts):
    """The cut (pca_xlsx/plan.py REFERENTIAL_CUT): « Annuaire de crise » and « Contacts externes » rows of
    the establishment by « Code établissement », plus the blank (GHT-wide) ones; never the other's."""
    result, _ = run
    for code, part in demo_parts.items():
        for name in ("crisis_directory", "external_contacts"):
            whole, mine = getattr(result.referential, name), getattr(part.referential, name)
            owner = whole["establishment"].map(lambda v: "" if pd.isna(v) else str(v))
            assert len(mine) == int(owner.isin(["", code]).sum()) and len(mine) < len(whole), (code, name)
            assert set(mine["establishment"].dropna()) == {code}, (code, name)
