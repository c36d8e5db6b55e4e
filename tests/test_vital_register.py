"""The register of vital processes not yet protected (DESIGN §6): one definition, the same figure everywhere.

Expected values are counted from the workbooks with python-calamine (not the product's reader), or
set up by the test itself.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from conftest import DEMO, edit, service_content
from docx import Document
from python_calamine import CalamineWorkbook

from pca_xlsx import pipeline
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.decisions import NOT_READY, READY, readiness
from pca_xlsx.read import read_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date.today()
SCENARIO = "Cyberattaque généralisée"


def _header(rows: list[list], label: str) -> int:
    return next(i for i, r in enumerate(rows) if label in [str(x).strip().rstrip("*").strip() for x in r])


def independent_count(folder: Path) -> dict[str, list[int]]:
    """Service code → N° of its vital rows that are not protected, read with calamine: no workaround written,
    status neither « Définie » nor « Testée », or « Non » at the latest grid observing it."""
    failed: dict[tuple[str, int], tuple[dt.date, str]] = {}
    for grid in sorted((folder / "exercices").glob("*.xlsx")) if (folder / "exercices").is_dir() else []:
        book = CalamineWorkbook.from_path(grid)
        info = {str(r[0]).rstrip("*"): r[1] for r in book.get_sheet_by_name("Exercice").to_python() if r}
        day = info["Date de l'exercice"]
        for name in book.sheet_names[2:]:
            rows = book.get_sheet_by_name(name).to_python()
            code = next(r[2] for r in rows if len(r) > 2 and str(r[1]).rstrip("*") == "Code service")
            top = _header(rows, "Parade appliquée")
            head = [str(x).rstrip("*") for x in rows[top]]
            for r in rows[top + 1 :]:
                values = dict(zip(head, r))
                if not isinstance(values.get("N°"), float) or not values.get("Parade appliquée"):
                    continue
                key = (code, int(values["N°"]))
                if key not in failed or failed[key][0] <= day:
                    failed[key] = (day, values["Parade appliquée"])
    out: dict[str, list[int]] = {}
    for path in sorted(folder.rglob("*.xlsx")):
        if path.name == "referentiel.xlsx" or "exercices" in path.parts:
            continue
        book = CalamineWorkbook.from_path(path)
        service = {str(r[0]).rstrip("*"): r[1] for r in book.get_sheet_by_name("Service").to_python() if r}
        code = service["Code service"]
        rows = book.get_sheet_by_name("Processus").to_python()
        top = _header(rows, "N°")
        head = [str(x).strip().rstrip("*").strip() for x in rows[top]]
        for r in rows[top + 1 :]:
            v = dict(zip(head, r))
            if v.get("Criticité") != "Vitale":
                continue
            number = int(v["N°"])
            protected = (
                str(v.get("Parade") or "").strip() != ""
                and v.get("Statut de la parade") in ("Définie", "Testée")
                and failed.get((code, number), (None, ""))[1] != "Non"
            )
            if not protected:
                out.setdefault(code, []).append(number)
    return out


def sheet_rows(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(path).get_sheet_by_name(sheet).to_python()


def service_column(path: Path, label: str) -> dict[str, object]:
    """Service code → value of column ``label`` of the « Par service » table of ``Synthèse``."""
    rows = sheet_rows(path, "Synthèse")
    top = next(i for i, r in enumerate(rows) if r and r[0] == "Code service" and label in r)
    col = rows[top].index(label)
    out = {}
    for r in rows[top + 1 :]:
        if not r or r[0] == "":
            return out
        out[r[0]] = r[col]
    return out


def key_figure(path: Path, label: str):
    return next(r[2] for r in sheet_rows(path, "Synthèse") if r and r[0] == label)


def register_numbers(path: Path) -> dict[str, list[int]]:
    rows = sheet_rows(path, "Processus vitaux")
    top = next(i for i, r in enumerate(rows) if r and r[0] == "Code service")
    out: dict[str, list[int]] = {}
    for r in rows[top + 1 :]:
        if not r or r[0] == "" or str(r[0]).startswith("À tester"):
            break
        out.setdefault(r[0], []).append(int(r[3]))
    return {k: sorted(v) for k, v in out.items()}


def word_texts(path: Path) -> list[str]:
    """The text of every paragraph of the document's body, table cells' too (read from its XML: python-docx
    takes 20 ms a document, and the demo writes 190)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paragraphs = re.split(r"</w:p>", xml)
    return [html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<w:tab/>", "\t", p))) for p in paragraphs]


@pytest.fixture(scope="module")
def demo(demo_run):
    """(the CLI's headline for the session's one run of the demo (conftest), its output folder)."""
    from pca_xlsx import cli_summary

    result, out = demo_run
    with cli_summary.console.capture() as captured:
        cli_summary.headline(result.consolidation)
    return captured.get(), out


def test_demo_register_equals_an_independent_count_everywhere(demo) -> None:
    output, out = demo
    expected = independent_count(DEMO)
    total = sum(len(v) for v in expected.values())
    assert total == 14  # 3 without workaround + 11 « À construire » (REA N° 7, failed at the exercise, is major)
    assert f"\n{total} processus vitaux non protégés (3 sans parade, 11 à construire ; 14 sans responsable)" in output
    levels = {"": out}
    levels |= {p.name: p for p in (out / "etablissements").iterdir()}
    ref = read_referential(DEMO / "referentiel.xlsx")
    owner = {s: e for s, e in zip(ref.services["code"], ref.services["pole"].map(
        dict(zip(ref.poles["code"], ref.poles["establishment"]))))}  # fmt: skip
    for establishment, folder in levels.items():
        mine = {k: sorted(v) for k, v in expected.items() if not establishment or owner[k] == establishment}
        count = sum(len(v) for v in mine.values())
        book = folder / "consolidation" / "PCA_consolide.xlsx"
        assert CalamineWorkbook.from_path(book).sheet_names[:2] == ["Synthèse", "Processus vitaux"]
        assert key_figure(book, "Processus vitaux non protégés (feuille Processus vitaux)") == count, establishment
        per_service = {k: int(v) for k, v in service_column(book, "Processus vitaux non protégés").items() if v}
        assert per_service == {k: len(v) for k, v in mine.items()}, establishment
        assert register_numbers(book) == mine, establishment
        synthesis = word_texts(folder / "documents" / "synthese_etablissement.docx")
        assert f"1. Processus vitaux non protégés : {count} (dont {count} sans responsable)" in synthesis
        figures = Document(str(folder / "documents" / "synthese_etablissement.docx"))
        rows = [[c.text for c in r.cells] for t in figures.tables for r in t.rows]
        listed = Counter(re.search(r"\((\w+)\)$", r[0]).group(1) for r in rows if len(r) == 7 and r[5] in (
            "sans parade", "à construire"))  # fmt: skip
        assert dict(listed) == {k: len(v) for k, v in mine.items()}, establishment
        annex = {r[0]: int(r[7]) for r in rows if len(r) == 9 and r[0] in mine}
        assert annex == {k: len(v) for k, v in mine.items()}, establishment


def test_demo_no_service_with_a_register_line_is_ready(demo) -> None:
    _, out = demo
    expected = independent_count(DEMO)
    rows = [[c.text for c in r.cells] for t in Document(str(out / "documents" / "synthese_etablissement.docx")).tables
            for r in t.rows]  # fmt: skip
    lights = {r[0]: r[2] for r in rows if len(r) == 3 and r[0] in (READY, NOT_READY)}
    ready = lights[READY]
    for code in expected:
        assert not re.search(rf"(^|, ){code}(,|$| \()", ready), code
        assert f"{code} (" in lights[NOT_READY] and "non protégé" in lights[NOT_READY]


def test_demo_pole_dashboards_and_letters_name_their_lines_by_number(demo) -> None:
    _, out = demo
    expected = independent_count(DEMO)
    ref = read_referential(DEMO / "referentiel.xlsx")
    pole_of = dict(zip(ref.services["code"], ref.services["pole"]))
    establishment_of = dict(zip(ref.poles["code"], ref.poles["establishment"]))
    for code, numbers in expected.items():
        pole = pole_of[code]  # each pôle dashboard is in its establishment's folder
        board = "\n".join(
            word_texts(out / "etablissements" / establishment_of[pole] / "documents" / "poles" / f"{pole}.docx")
        )
        letter = "\n".join(word_texts(out / "documents" / "lettres_mission" / f"{code}.docx"))
        summary = word_texts(out / "documents" / "fiches_synthese" / f"{code}.docx")
        for n in numbers:
            assert f"{code} N° {n} – protéger" in board, (code, n)
            assert f"☐  N° {n} « " in letter, (code, n)
        mine = [t for t in summary if t.startswith("Processus vital non protégé (")]
        assert sorted(int(re.search(r"N° (\d+) ", t).group(1)) for t in mine) == sorted(numbers), code
        assert "Construire la parade" not in board
    # a returned workbook: no start-up calendar; its next exercise comes from the programme with its scenario
    letter = "\n".join(word_texts(out / "documents" / "lettres_mission" / "PEDIA.docx"))
    assert "Le temps à prévoir et le calendrier" not in letter and "scénario « " in letter


def hospital(tmp_path: Path, folder: Path) -> None:
    """REA gets a vital row « À construire » named by an action, and a vital row without workaround."""
    rea = service_content("REA")
    rea["processus"] += [
        {"number": 4, "process": "Surveillance des alarmes", "criticality": "Vitale", "resource": "DPI",
         "workaround": "Binôme au lit", "status": "À construire"},
        {"number": 5, "process": "Appel de renfort", "criticality": "Vitale", "resource": "Téléphonie",
         "status": "À construire"},
    ]  # fmt: skip
    rea["plan_actions"] = [
        {"action": "Écrire la parade", "origin": "Écart", "reference": "N° 4", "owner": "Cadre de santé",
         "due": TODAY + dt.timedelta(days=30), "status": "En cours"},
    ]  # fmt: skip
    ref = read_referential(folder / "referentiel.xlsx")
    write_service_workbook(folder / "REA.xlsx", ref, "REA", copy.deepcopy(rea))


def make_grid(folder: Path, tmp_path: Path, day: dt.date, name: str) -> Path:
    kit = pipeline.exercise(pipeline.Options(folder, tmp_path / f"kit-{name}"), SCENARIO, "REA", f"{day:%d/%m/%Y}")
    target = folder / "exercices" / f"{name}.xlsx"
    target.parent.mkdir(exist_ok=True)
    shutil.move(kit.folder / "grille_observation.xlsx", target)
    return target


def test_register_reasons_owner_tolerable_and_to_test(folder: Path, tmp_path: Path) -> None:
    hospital(tmp_path, folder)
    day = TODAY - dt.timedelta(days=3)
    # REA grid rows 13, 14 = N° 1 (vital « Testée »), N° 2 (vital « Définie »); G = Parade appliquée
    edit(make_grid(folder, tmp_path, day, "a"), {"Exercice": {"B6": "Simulation"}, "REA": {"G13": "Non", "G14": "Oui"}})
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    c = result.consolidation
    reg = c.vital_register
    assert reg[["code", "number", "why", "owner", "action_status", "tolerable"]].values.tolist() == [
        ["REA", 5, "sans parade", "", "Aucune action", ""],  # no owner first (the workbook shows « sans responsable »)
        ["REA", 1, f"en échec à l'exercice du {day:%d/%m/%Y}", "", "Aucune action", "Moins d'1 h"],
        ["REA", 4, "à construire", "Cadre de santé", "En cours", "Moins d'1 h"],
    ]
    assert reg["due"].iloc[2] == TODAY + dt.timedelta(days=30)
    # LABO N° 2 « Définie » never observed, SGL tolerates 1 à 4 h: to test first; REA N° 2 was observed
    assert c.vital_to_test[["code", "number", "tolerable"]].values.tolist() == [["LABO", 2, "1 à 4 h"]]
    assert (c.headline.vital_unprotected, c.headline.vital_to_test) == (3, 1)
    status = c.service_status.set_index("code")
    assert status.loc["REA", "vital_unprotected"] == 3 and status.loc["LABO", "vital_unprotected"] == 0
    assert c.pole_board.iloc[-1]["vital_unprotected"] == 3
    _, light = readiness(Sources(result.referential, result.tables, c))
    assert light["REA"] == NOT_READY
    book = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx")
    assert book.sheetnames[:2] == ["Synthèse", "Processus vitaux"]
    assert book["Processus vitaux"]["A1"].value == "Processus vitaux non protégés : 3"


def test_a_later_exercise_that_sees_the_workaround_work_protects_it_again(folder: Path, tmp_path: Path) -> None:
    edit(make_grid(folder, tmp_path, TODAY - dt.timedelta(days=20), "a"), {"REA": {"G13": "Non"}})
    edit(make_grid(folder, tmp_path, TODAY - dt.timedelta(days=2), "b"), {"REA": {"G13": "Partiellement"}})
    c = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out")).consolidation
    assert c.vital_register.empty and c.headline.vital_unprotected == 0


CELL_REF = re.compile(r"\.(xlsx|ods)\b|![A-Z]{1,3}\d+\b")


def test_demo_word_pages_hold_no_workbook_cell_reference(demo) -> None:
    _, out = demo
    found = {}
    for path in sorted(out.rglob("*.docx")):
        hits = [t for t in word_texts(path) if CELL_REF.search(t)]
        if hits:
            found[str(path.relative_to(out))] = hits[:2]
    assert found == {}


def test_demo_summary_sheet_lists_the_services_relying_on_us(demo) -> None:
    """REA's « Services qui comptent sur nous »: every service whose « Services sollicités » names REA for a
    vital row (read with calamine), with its processes — never « — »."""
    _, out = demo
    relying = set()
    for path in sorted(DEMO.rglob("*.xlsx")):
        if path.name == "referentiel.xlsx" or "exercices" in path.parts:
            continue
        book = CalamineWorkbook.from_path(path)
        code = {str(r[0]).rstrip("*"): r[1] for r in book.get_sheet_by_name("Service").to_python() if r}["Code service"]
        rows = book.get_sheet_by_name("Processus").to_python()
        head = [str(x).strip().rstrip("*").strip() for x in rows[_header(rows, "N°")]]
        for r in rows[_header(rows, "N°") + 1 :]:
            v = dict(zip(head, r))
            if v.get("Criticité") == "Vitale" and "REA" in str(v.get("Services sollicités") or "").split(";"):
                relying.add(code)
    doc = Document(str(out / "documents" / "fiches_synthese" / "REA.docx"))
    header = ["Services qui comptent sur nous", "Services sur lesquels nous comptons"]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == header)
    cells = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text]
    listed = {re.search(r"\((\w+)\) : ", t).group(1): t.split(" : ", 1)[1] for t in cells}
    # the most exposed with their process, the others named below the table
    note = next(p.text for p in doc.paragraphs if p.text.startswith("Comptent aussi sur nous : "))
    named = set(note.removeprefix("Comptent aussi sur nous : ").split(" ; ")[0].rstrip(".").split(", "))
    assert len(relying) >= 5 and relying <= set(listed) | named and "—" not in "".join(cells)
    # the vital process first, with its own criticality (a dependency on a resource REA runs comes after, with its own)
    assert all(re.match(r"(son|notre) N° \d+ « [^»]+ » \(Vitale\)", v) for v in listed.values()), listed


def test_letters_and_decisions_page_items(folder: Path, tmp_path: Path) -> None:
    """REA returned its workbook: its letter lists its open items by N°, no start-up calendar; PUI did not:
    its letter keeps the calendar. The decisions page names « Autre » means by their usage and counts the
    documents still to print."""
    hospital(tmp_path, folder)
    ref = read_referential(folder / "referentiel.xlsx")
    labo = service_content("LABO")
    labo["telecom"] += [{"means": "Autre", "quantity": 2, "usage": "Fax analogique"},
                        {"means": "Autre", "quantity": 1, "usage": "Talkie-walkie"}]  # fmt: skip
    labo["documents"] += [{"document": "Bons de demande", "type": "Formulaire administratif", "quantity": 50,
                           "state": "À préparer"}]  # fmt: skip
    write_service_workbook(folder / "LABO.xlsx", ref, "LABO", labo)
    result = pipeline.run(pipeline.Options(folder, tmp_path / "out"))
    letters = tmp_path / "out" / "documents" / "lettres_mission"
    rea = "\n".join(word_texts(letters / "REA.docx"))
    assert (
        "☐  N° 4 « Surveillance des alarmes » (DPI) : processus vital non protégé, à construire – Cadre de santé" in rea
    )
    assert (
        "☐  N° 5 « Appel de renfort » (Téléphonie) : processus vital non protégé, sans parade – sans responsable" in rea
    )
    assert "Le temps à prévoir et le calendrier" not in rea
    pui = "\n".join(word_texts(letters / "PUI.docx"))
    assert "Le temps à prévoir et le calendrier" in pui and "Ce qui reste à faire" not in pui
    from pca_xlsx.documents.decisions import decisions_context

    page = decisions_context(Sources(result.referential, result.tables, result.consolidation))
    named = [a["moyen"] for a in page["achats"] if a["moyen"].startswith("Autre")]
    assert named == ["Autre : Fax analogique", "Autre : Talkie-walkie"]
    # conftest documents have no state: 1 row per service (200 copies each) + LABO's 50 « À préparer »
    assert page["documents_total"] == {
        "lignes": "3",
        "exemplaires": "450",
        "texte": "3 lignes, 450 exemplaires à imprimer",
    }
