"""The outage over time on the demo: the cyber restart timeline, « Durée de la panne », the summary
sheets' outage section and retour_a_la_normale.docx, every figure recomputed from the workbooks read
with python-calamine (and the demo's source data for the referential), never from the consolidation."""

from __future__ import annotations

import math
import sys
from collections import defaultdict

import pytest
from conftest import CHU_CODES, DEMO, DEMO_CODES, DEMO_FOLDERS, ROOT
from docx import Document
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(ROOT / "scripts"))
from demo_data.referential import ESTABLISHMENT, RESOURCES  # noqa: E402


def rows_of(path, sheet: str, first: str) -> list[dict]:
    """The table of ``sheet`` whose first header (``*`` stripped) is ``first``, up to a blank row."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    top = next(i for i, r in enumerate(rows) if r and str(r[0]).rstrip("*") == first)
    header = [str(h).rstrip("*") for h in rows[top]]
    out = []
    for r in rows[top + 1 :]:
        if r[0] in ("", None):
            break
        out.append(dict(zip(header, r)))
    return out


def whole(value) -> int:
    return int(value) if value not in ("", None) else 0


def shown(number: float) -> str:
    """A figure as the documents write it: thousands with a narrow space, a decimal comma, no ``,0``."""
    text = f"{number:,.1f}".replace(",", "\u202f").replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


@pytest.fixture(scope="module")
def run(demo_run):
    return demo_run[1]  # the session's one run of the demo (conftest): read, never changed


@pytest.fixture(scope="module")
def calendar(run) -> dict[str, tuple[int, int, int]]:
    """Resource -> (start, back, rebuild days) from the « Reprise SI » sheet."""
    table = rows_of(run / "consolidation" / "PCA_consolide.xlsx", "Reprise SI", "Ordre")
    return {r["Ressource"]: (int(r["Début (J+)"]), int(r["Rétablie (J+)"]), int(r["Reconstruction (jours)"]))
            for r in table}  # fmt: skip


@pytest.fixture(scope="module")
def expected(calendar) -> dict[str, dict]:
    """Per service, recomputed from its workbook: records, hours, shortest autonomy, copies for J+7, J+21 and
    until it leaves paper (the day the last resource its processes name is back)."""
    minutes = ESTABLISHMENT["rekey_minutes"]
    out = {}
    for code in DEMO_CODES:
        path = DEMO / DEMO_FOLDERS[code] / f"{code}.xlsx"
        records = 0
        processes = rows_of(path, "Processus", "N°")
        until = max(calendar[p["Ressource impactée"]][1] for p in processes)
        for p in processes:
            if p["À ressaisir"] == "Oui":
                records += whole(p["Volume par jour"]) * calendar[p["Ressource impactée"]][1]
        docs = rows_of(path, "Documents", "Document")
        autonomy = [whole(d["Quantité à prévoir"]) / whole(d["Consommation par jour"])
                    for d in docs if whole(d["Consommation par jour"])]  # fmt: skip
        out[code] = {
            "records": records,
            "hours": round(records * minutes / 60, 1),
            "autonomy": round(min(autonomy), 1) if autonomy else None,
            "until": until,
            **{key: sum(max(0, whole(d["Consommation par jour"]) * h - whole(d["Quantité à prévoir"])) for d in docs)
               for key, h in (("print_7", 7), ("print_21", 21), ("print_end", until))},
        }  # fmt: skip
    return out


def test_the_timeline_keeps_the_gates_the_dependencies_and_the_capacity(calendar) -> None:
    investigation, capacity = ESTABLISHMENT["investigation_days"], ESTABLISHMENT["parallel_rebuilds"]
    exposed = {r["name"] for r in RESOURCES if r["internet_exposed"] == "Oui"}
    depends = {r["name"]: [d.strip() for d in (r["depends_on"] or "").split(";") if d.strip()] for r in RESOURCES}
    assert set(calendar) == set(depends) and exposed == {"Internet", "Messagerie", "Transfusion"}
    last_inside = max(back for name, (_, back, _) in calendar.items() if name not in exposed)
    for name, (start, back, days) in calendar.items():
        assert start >= investigation and back == start + days, name
        assert all(start >= calendar[d][1] for d in depends[name]), name  # after what it depends on
        if name in exposed:
            assert start >= last_inside, name  # after every resource not exposed
    for day in range(max(b for _, b, _ in calendar.values())):
        busy = [n for n, (s, b, _) in calendar.items() if s <= day < b]
        assert len(busy) <= capacity, (day, busy)
    # the three-week story: the DPI (15 days) back after three weeks, Internet-exposed ones last
    assert calendar["DPI"][1] >= 21 and calendar["Téléphonie"][2] == 1 and calendar["DPI"][2] == 15


def test_the_outage_sheet_is_recomputed_from_the_workbooks(run, expected, calendar) -> None:
    sheet = rows_of(run / "consolidation" / "PCA_consolide.xlsx", "Durée de la panne", "Code service")
    got = {
        r["Code service"]: {
            "records": int(r["Enregistrements à ressaisir"]),
            "hours": float(r["Heures de ressaisie"]),
            "autonomy": float(r["Autonomie papier la plus courte (jours)"])
            if r["Autonomie papier la plus courte (jours)"] != ""
            else None,
            "print_7": int(r["Exemplaires à imprimer pour J+7"]),
            "print_21": int(r["Exemplaires à imprimer pour J+21"]),
            "until": int(r["Fin du papier (J+)"]),
            "print_end": int(r["Exemplaires à imprimer jusqu'à la fin du papier"]),
        }
        for r in sheet
    }
    assert got == expected
    assert sum(e["records"] for e in expected.values()) > 100_000  # weeks of paper: a real re-keying workload
    assert expected["REA"]["records"] > 0 and expected["TELECOM"]["records"] == 0
    # NEURO's vital processes stay on paper until Internet is back (J+27): its copies last that long, not J+21
    assert expected["NEURO"]["until"] == calendar["Internet"][1] > 21


def test_each_summary_sheet_carries_the_same_figures(run, expected, calendar) -> None:
    for code in ("REA", "HEMA", "LABO", "GERIA"):
        doc = Document(run / "documents" / "fiches_synthese" / f"{code}.docx")
        row = next(r for t in doc.tables for r in t.rows if r.cells[0].text == "Cyberattaque généralisée")
        e = expected[code]
        used = {p["Ressource impactée"] for p in rows_of(DEMO / f"{code}.xlsx", "Processus", "N°")}
        assert row.cells[1].text.startswith(f"Papier jusqu'à J+{max(calendar[n][1] for n in used)} ")
        assert f"autonomie papier {shown(e['autonomy'])} j" in row.cells[1].text
        assert (
            f"à imprimer {shown(e['print_7'])} ex. pour J+7, {shown(e['print_21'])} pour J+21, "
            f"{shown(e['print_end'])} pour tenir jusqu'à "
            f"J+{e['until']} ·"
        ) in row.cells[1].text
        assert row.cells[1].text.endswith(f"{shown(e['records'])} enregistrements à ressaisir ({shown(e['hours'])} h)")


def test_the_return_to_normal_totals_add_up_per_establishment(run, expected) -> None:
    minutes = ESTABLISHMENT["rekey_minutes"]
    for folder, codes in ((run, DEMO_CODES), (run / "etablissements" / "CHUEX", CHU_CODES)):
        doc = Document(folder / "documents" / "retour_a_la_normale.docx")
        records = sum(expected[c]["records"] for c in codes)
        hours = round(records * minutes / 60, 1)
        band = [c.text for c in doc.tables[0].rows[0].cells]
        assert band[2:5] == [shown(records), f"{shown(hours)} h", shown(round(hours / 7, 1))]
        teams = next(t for t in doc.tables if t.rows[0].cells[0].text == "Personnes affectées à la ressaisie")
        assert [r.cells[1].text for r in teams.rows[1:]] == [shown(math.ceil(hours / (7 * n))) for n in (1, 2, 5, 10)]
        # per application, in the order they come back; the records of its table add up to its heading
        headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
        days = [int(h.split(" – ")[0][2:]) for h in headings]
        assert days == sorted(days) and headings[0].startswith("J+")


def test_the_return_to_normal_lists_vital_records_first_with_their_volumes(run, calendar) -> None:
    doc = Document(run / "documents" / "retour_a_la_normale.docx")
    per_app: dict[str, int] = defaultdict(int)
    path = DEMO / "HEMA.xlsx"
    for p in rows_of(path, "Processus", "N°"):
        if p["À ressaisir"] == "Oui":
            per_app[p["Ressource impactée"]] += whole(p["Volume par jour"]) * calendar[p["Ressource impactée"]][1]
    cells = [
        r.cells for t in doc.tables for r in t.rows[1:] if len(r.cells) == 6 and r.cells[1].text.startswith("HEMA")
    ]
    assert len(cells) == len(per_app)  # one row per application HEMA re-keys
    assert sum(int(c[4].text.replace("\u202f", "")) for c in cells) == sum(per_app.values())
    first = [c[3].text.splitlines()[0] for c in cells]
    assert any(f.startswith("VITAL – N° 1 ") for f in first)  # HEMA N° 1 chemotherapy prescription, vital


def test_the_crisis_binder_details_the_outage(tmp_path, demo_run, expected, calendar) -> None:
    from pca_xlsx.documents import BINDER
    from pca_xlsx.documents.context import Sources
    from pca_xlsx.documents.crisis import service_binder_context
    from pca_xlsx.documents.render import Job, render_one, templates_folder

    result, _ = demo_run
    c = result.consolidation
    context = service_binder_context(Sources(result.referential, result.tables, c, today=c.today), "HEMA")
    doc = Document(render_one(Job(BINDER, context, tmp_path / "HEMA.docx"), templates_folder()))
    texts = "\n".join(p.text for p in doc.paragraphs)
    e = expected["HEMA"]
    total = (
        f"Total à imprimer : {shown(e['print_7'])} exemplaires pour J+7, {shown(e['print_21'])} pour J+21, "
        f"{shown(e['print_end'])} pour tenir jusqu'à"
    )
    assert f"{total} J+{e['until']}." in texts
    back = next(
        t for t in doc.tables if t.rows[0].cells[0].text == "Ressource" and t.rows[0].cells[1].text == "Rétablie à"
    )
    used = {p["Ressource impactée"] for p in rows_of(DEMO / "HEMA.xlsx", "Processus", "N°")}
    assert {r.cells[0].text: r.cells[1].text for r in back.rows[1:]} == {n: f"J+{calendar[n][1]}" for n in used}
    rekey = next(t for t in doc.tables if t.rows[0].cells[0].text == "Application")
    assert sum(int(r.cells[2].text.replace("\u202f", "")) for r in rekey.rows[1:]) == e["records"]


def test_the_return_to_normal_names_each_application_and_its_services_once(run, calendar) -> None:
    from demo_data.referential import SERVICES

    doc = Document(run / "etablissements" / "CHUEX" / "documents" / "retour_a_la_normale.docx")
    paragraphs = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    # « Réseau rétablie » agreed with no gender: the heading names the application after a colon
    assert f"J+{calendar['Réseau'][1]} – Rétablissement : Réseau" in headings
    assert all(" – Rétablissement : " in h and not h.endswith("rétablie") for h in headings)
    body = "\n".join(paragraphs + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    samu = next(s["name"] for s in SERVICES if s["code"] == "SAMU")
    assert samu.startswith("SAMU ") and "SAMU – SAMU" not in body and f"· {samu} (Garde" in body
    assert "URG – Urgences adultes (Garde" in body  # a name that only starts with the code's letters keeps it
    # Active Directory: the services naming it in a workbook (Applications or Processus), read with calamine
    users = set()
    for code in CHU_CODES:
        path = DEMO / DEMO_FOLDERS[code] / f"{code}.xlsx"
        named = [a["Ressource"] for a in rows_of(path, "Applications", "Ressource")]
        named += [p["Ressource impactée"] for p in rows_of(path, "Processus", "N°")]
        if "Active Directory" in named:
            users.add(code)
    at = paragraphs.index(f"J+{calendar['Active Directory'][1]} – Rétablissement : Active Directory")
    assert users == {"URG"} and paragraphs[at + 2].startswith(f"{len(users)} service(s) à prévenir")
    # ... and, first, the applications that need it, whose services are told when each comes back
    needing = {r["name"] for r in RESOURCES if "Active Directory" in (r["depends_on"] or "")}
    said = paragraphs[at + 1]
    assert said.startswith("En dépendent, et reviennent ensuite : ")
    assert set(said.split(" : ", 1)[1].split(". ")[0].split(", ")) == needing


def test_the_restart_gates_are_numbered_in_the_order_of_their_days(run) -> None:
    doc = Document(run / "documents" / "plan_reprise_si.docx")
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["Fait", "Barrière"])
    gates = [(int(r.cells[1].text.split(".")[0]), int(r.cells[3].text[2:])) for r in table.rows[1:]]
    assert [n for n, _ in gates] == list(range(1, len(gates) + 1))
    assert [d for _, d in gates] == sorted(d for _, d in gates)
    # the demo's story: Planning (tier T3, 2 days) is rebuilt before the DPI (tier T1, 15 days)
    tiers = [r.cells[1].text.split(". ", 1)[1][:9] for r in table.rows[1:] if ". Palier T" in r.cells[1].text]
    assert tiers.index("Palier T3") < tiers.index("Palier T1")
