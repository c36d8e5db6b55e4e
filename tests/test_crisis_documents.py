"""Crisis documents: the one-page reflex poster, the service binder's additions, the crisis cell's
binder, and print-friendly charts. Expected values come from scripts/demo_data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from matplotlib.colors import to_rgb
from python_calamine import CalamineWorkbook

from pca_xlsx.documents import charts, crisis, render
from pca_xlsx.documents import pdf as pdf_module
from pca_xlsx.documents.cell import cell_context
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.crisis import poster_context, service_binder_context, step_hours, with_crisis_number

sys.path.insert(0, str(ROOT / "scripts"))
from demo_data import load_services  # noqa: E402
from demo_data.crisis import directory  # noqa: E402
from demo_data.referential import CHU, CRISIS_DIRECTORY, POLES, SERVICES  # noqa: E402

#: Service code → its establishment, from the demo's pôles.
ESTABLISHMENT_OF = {s["code"]: next(p["establishment"] for p in POLES if p["code"] == s["pole"]) for s in SERVICES}

IT_PHONE = next(r["phone"] for r in CRISIS_DIRECTORY if r["function"] == "Astreinte informatique")
TITLE = "FICHE RÉFLEXE – PANNE INFORMATIQUE MAJEURE"
NEEDS_SOFFICE = pytest.mark.skipif(pdf_module.soffice() is None, reason="LibreOffice (soffice) absent")


@pytest.fixture(scope="module")
def demo(demo_run):
    result, out = demo_run  # the session's one run of the demo (conftest)
    cons = result.consolidation
    return Sources(result.referential, result.tables, cons, today=cons.today), out / "documents"


def _all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.mark.parametrize(
    ("when", "hours"),
    [
        ("Immédiatement", 1),
        ("Dans les 5 minutes", 1),
        ("Dans l'heure", 1),
        ("Dès la consigne", 1),
        ("En permanence", 1),
        ("Dans les 2 heures", 4),
        ("Dans la journée", 24),
        ("À 8 h et 17 h", 24),
        ("Dans les 48 heures", 72),
        ("Dans les 3 jours", 72),
        ("Dans la semaine", None),
        ("Dans les 15 jours", None),
        ("Au retour du DPI", None),
        ("", None),
    ],
)
def test_a_steps_when_falls_in_its_milestone(when, hours):
    assert step_hours(when) == hours


def test_the_crisis_number_is_the_directorys_it_on_call():
    assert with_crisis_number("Appeler le support au numéro de crise", "06 34 67 90 23") == (
        "Appeler le support au 06 34 67 90 23 (astreinte informatique)"
    )
    assert with_crisis_number("Appeler au numéro de crise", "") == "Appeler au numéro de crise"


def test_poster_has_the_directory_on_top_and_no_crisis_number_left(demo):
    sources, out = demo
    context = poster_context(sources, "REA")
    assert [(a["fonction"], a["telephone"]) for a in context["annuaire"]] == [
        (r["function"], r["phone"]) for r in CRISIS_DIRECTORY
    ]
    assert context["astreinte_si"] == IT_PHONE
    first = context["phases"][0]["etapes"][0]["action"]
    assert first.endswith(f"appeler le support informatique au {IT_PHONE} (astreinte informatique)")
    full = directory(CRISIS_DIRECTORY)
    own = {code: [r for r in full if r["establishment"] in (code, None)] for code in (CHU, "CHVM")}
    assert [r["phone"] for r in own[CHU]] == [r["phone"] for r in CRISIS_DIRECTORY]
    for code in sources.codes:
        body = _all_text(out / "fiches_reflexes" / f"{code}.docx")
        assert "numéro de crise" not in body, code
        assert body.index("Annuaire de crise") < body.index("Étapes"), code
        rows = own[ESTABLISHMENT_OF[code]]
        assert all(r["phone"] in body for r in rows), code
        room = next(r["place"] for r in rows if r["function"] == "Cellule de crise")
        assert f"cellule de crise : {room}" in body, code
    # the Val de Meuse's staff are sent to their own crisis cell, not to the CHU's
    chu_cell = next(r["phone"] for r in CRISIS_DIRECTORY if r["function"] == "Cellule de crise")
    assert chu_cell not in _all_text(out / "fiches_reflexes" / "URGVM.docx")


def test_the_poster_keeps_the_call_first_list_of_the_reflex_context(demo):
    sources, _ = demo
    calls = poster_context(sources, "REA")["call_first"]
    assert calls[0]["qui"] == "Cellule de crise"  # issue 12's list: the crisis cell, then services relied on
    assert calls == crisis.reflex_context(sources, "REA")["call_first"]


def test_without_call_first_the_poster_calls_the_services_its_processes_name(demo, monkeypatch):
    sources, _ = demo
    plain = crisis.reflex_context
    monkeypatch.setattr(
        crisis, "reflex_context", lambda s, c: {k: v for k, v in plain(s, c).items() if k != "call_first"}
    )
    context = poster_context(sources, "REA")
    named = set()
    for row in load_services()["REA"]["processus"]:
        for key in ("relies_on", "serves"):
            named |= {x.strip() for x in str(row.get(key) or "").split(";") if x.strip()}
    calls = context["call_first"]
    assert calls and len(calls) <= 5
    assert {c["qui"].rsplit("(", 1)[1].rstrip(")") for c in calls} <= named
    assert all(c["pourquoi"] == "Service sollicité" for c in calls)  # REA names only services it relies on


def test_service_binder_adds_offline_devices_telecom_timeline_checklist_and_log(demo, tmp_path):
    sources, _ = demo
    data = load_services()["REA"]
    context = service_binder_context(sources, "REA")
    offline = [b["device"] for b in data["biomedical"] if b["offline"] in ("Oui", "Partiellement")]
    assert [b["equipement"] for b in context["hors_reseau"]] == offline
    assert [(t["moyen"], t["quantite"]) for t in context["telecom"]] == [
        (t["means"], str(t["quantity"])) for t in data["telecom"]
    ]
    assert [h["jalon"] for h in context["chronologie"]] == ["H+0", "H+4", "H+24", "H+72", "Au-delà"]
    placed = sum(len(h["actions"]) for h in context["chronologie"])
    assert placed == len(data["fiche_reflexe"])
    ready = [d for d in data["documents"] if d.get("state") in ("Prêt", "Vérifié")]
    assert context["documents_prets"] == len(ready)
    path = render.render_one(
        render.Job("classeur_crise.docx", context, tmp_path / "REA.docx"), render.templates_folder()
    )
    body = _all_text(path)
    for label in ("Moyens qui fonctionnent hors réseau", "Chronologie de la crise", "Main courante", "H+72"):
        assert label in body
    assert offline[0] in body


def test_the_ghts_binder_coordinates_and_leaves_the_posters_to_each_establishment(demo):
    sources, out = demo
    context = cell_context(sources)
    # the demo is a GHT: the top-level binder holds every service of its two establishments (24 + 3), no poster
    assert context["fiches"] == [] and len(context["appels"]) == len(SERVICES) == 27
    assert [c["etablissement"] for c in context["cellules"]] == [CHU, "CHVM"]
    body = _all_text(out / "cellule_de_crise.docx")
    assert body.count(TITLE) == 0
    # the cover says where the posters are instead of announcing « (0) » of them
    assert "9. Fiches réflexes des services : dans le classeur de chaque établissement" in body
    assert "Fiches réflexes des services (0)" not in body
    assert "Cellules de crise des établissements" in body and "Main courante" in body
    for s in SERVICES:
        assert s["name"] in body, s["code"]


@NEEDS_SOFFICE
def test_every_demo_poster_is_one_page_and_the_cell_binder_holds_them_all(demo, tmp_path):
    _, out = demo
    pairs = [(p, tmp_path / f"{p.stem}.pdf") for p in sorted((out / "fiches_reflexes").glob("*.docx"))]
    binder = out.parent / "etablissements" / CHU / "documents" / "cellule_de_crise.docx"
    pairs.append((binder, tmp_path / "cellule_de_crise.pdf"))
    written, problems = pdf_module.convert(pairs)
    assert problems == [] and len(written) == len(SERVICES) + 1
    pages = {p.stem: len(_pdf_pages(p)) for p in written if p.stem != "cellule_de_crise"}
    assert pages == {s["code"]: 1 for s in SERVICES}
    cell = _pdf_pages(tmp_path / "cellule_de_crise.pdf")
    posters = [i for i, page in enumerate(cell) if TITLE in page]
    mine = [code for code, owner in ESTABLISHMENT_OF.items() if owner == CHU]
    assert len(posters) == len(mine) == 24  # one page each: every poster starts a page and none spills over
    assert posters == list(range(len(cell) - 24, len(cell)))  # the posters close the binder


def _grey(colour: str) -> float:
    r, g, b = to_rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_chart_levels_stay_apart_in_greyscale_and_hatching():
    levels = [charts.PALETTE[k] for k in ("good", "watch", "bad")]
    greys = sorted(_grey(c) for c in levels)
    assert min(b - a for a, b in zip(greys, greys[1:])) >= 0.15
    assert len(set(charts.HATCH.values())) == 3
    assert [charts.level(v) for v in (80, 79.9, 50, 49.9)] == ["good", "watch", "watch", "bad"]


@NEEDS_SOFFICE
def test_a_longer_sheet_gets_the_tighter_steps_and_stays_on_one_page(demo, tmp_path, monkeypatch):
    sources, _ = demo
    assert not any(poster_context(sources, code)["serre"] for code in sources.codes)  # the demo: normal size
    steps = sources.sheet("REA", "fiche_reflexe")
    longer = steps + [dict(s, step=100 + i) for i, s in enumerate(steps[4:8])]
    real = sources.sheet
    monkeypatch.setattr(
        sources, "sheet", lambda code, key: longer if (code, key) == ("REA", "fiche_reflexe") else real(code, key)
    )
    context = poster_context(sources, "REA")
    monkeypatch.undo()
    assert context["serre"] and sum(len(g["etapes"]) for g in context["phases"]) == len(steps) + 4
    path = render.render_one(
        render.Job("fiche_reflexe.docx", context, tmp_path / "REA.docx"), render.templates_folder()
    )
    written, problems = pdf_module.convert([(path, tmp_path / "REA.pdf")])
    assert problems == [] and len(_pdf_pages(written[0])) == 1


def _cell_rows(doc: Document, first: str) -> list[list[str]]:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == first)
    return [[c.text for c in r.cells] for r in table.rows[1:]]


@pytest.mark.parametrize("level", ["GHT", CHU])
def test_the_cells_roles_name_people_and_its_meetings_last_until_the_last_application_is_back(demo, level):
    _, out = demo
    folder = out if level == "GHT" else out.parent / "etablissements" / CHU / "documents"
    doc = Document(str(folder / "cellule_de_crise.docx"))
    # the crisis director is the person the directory names for the cell (demo data), with the cell's number
    cell = next(r for r in CRISIS_DIRECTORY if r["function"] == "Cellule de crise")
    director = next(r for r in _cell_rows(doc, "Rôle") if r[0] == "Directeur de crise")[1].replace("\xa0", " ")
    assert director.startswith(f"{cell['name']} – {cell['phone']} (suppléant") and "Salle" not in director
    # the last resource back in the IT restart plan's timeline (« Reprise SI », read with python-calamine)
    rows = CalamineWorkbook.from_path(str(folder.parent / "consolidation" / "PCA_consolide.xlsx"))
    sheet = rows.get_sheet_by_name("Reprise SI").to_python()
    top = next(i for i, r in enumerate(sheet) if r and r[0] == "Ordre")
    back = {}
    for r in sheet[top + 1 :]:
        if r[0] in ("", None):
            break
        back[r[1]] = int(r[sheet[top].index("Rétablie (J+)")])
    last = max(back.values())
    assert last > 21  # the demo's outage outlasts the three weeks DESIGN §4 asks at least
    days = [d for r in _cell_rows(doc, "Jour") for d in (r[0], r[4]) if d]
    assert sorted(days, key=lambda d: int(d[2:])) == [f"J+{d}" for d in range(2, last + 1)]
    lasts = ", ".join(n for n, b in back.items() if b == last)
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith(f"Puis deux points de situation par jour, à 8 h 30 et à 18 h, jusqu'à J+{last}, ")
               and t.endswith(f"({lasts}) :") for t in texts)  # fmt: skip
    assert any(t.startswith(f"Après J+{last} : la cellule reste ouverte") for t in texts)
