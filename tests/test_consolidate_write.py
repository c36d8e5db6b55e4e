"""The consolidated workbook: 14 sheets, tables whose rows reconcile with the inputs, text stays text."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from conftest import service_content

from pca_xlsx import pipeline
from pca_xlsx.format import DATA_SHEETS
from pca_xlsx.read import read_referential
from pca_xlsx.write.consolidated import SHEET_NAMES, write_consolidated
from pca_xlsx.write.template import write_service_workbook

DETAIL = {
    "Processus": ("T_Processus", "processus"),
    "Applications": ("T_Applications", "applications"),
    "Télécom": ("T_Telecom", "telecom"),
    "Biomédical": ("T_Biomedical", "biomedical"),
    "Documents": ("T_Documents", "documents"),
    "Fiches réflexes": ("T_Fiches_reflexes", "fiche_reflexe"),
    "Exercices": ("T_Exercices", "exercices"),
}
INJECTED = '=HYPERLINK("http://evil.example","clic")'


def write(folder: Path, output: Path):
    result = pipeline.validate(pipeline.Options(folder, output), write=False)
    c = pipeline.consolidation(result, output)
    return result, c, pipeline.save_consolidation(c, output)


def table_rows(ws, name: str) -> tuple[int, int, list[str]]:
    """(first data row, data rows, headers) of an Excel table."""
    ref = ws.tables[name].ref
    first, last = ref.split(":")
    top = int("".join(ch for ch in first if ch.isdigit()))
    bottom = int("".join(ch for ch in last if ch.isdigit()))
    headers = [cell.value for cell in ws[top] if cell.value is not None]
    return top + 1, bottom - top, headers


@pytest.fixture
def consolidated(folder: Path, tmp_path: Path):
    ref = read_referential(folder / "referentiel.xlsx")
    content = service_content("REA")
    content["processus"][0]["workaround"] = INJECTED
    content["telecom"][0]["usage"] = "+cmd|' /C calc'!A0"
    content["documents"].append({"document": "@SUM(A1:A2)", "type": "Autre", "quantity": 1})
    write_service_workbook(folder / "REA.xlsx", ref, "REA", content)
    return write(folder, tmp_path / "out")


#: The consolidated workbook's sheets, as the design lists them (not taken from the writer); « Exigences
#: nationales » is issue 16's sheet (and « GHT » follows it in a GHT run only).
DESIGN_SHEETS = [
    "Synthèse", "Processus vitaux", "Exigences nationales", "Processus", "Applications", "Dépendances", "Interfaces",
    "Scénarios", "Reprise SI", "Durée de la panne", "Télécom", "Biomédical",
    "Documents", "Fiches réflexes", "Exercices", "Programme d'exercices", "Écarts", "Plan d'actions", "Évolutions",
    "Contrôle",
]  # fmt: skip


def test_sheets_in_the_design_order(consolidated) -> None:
    _, _, path = consolidated
    assert path.name == "PCA_consolide.xlsx" and path.parent.name == "consolidation"
    assert openpyxl.load_workbook(path).sheetnames == DESIGN_SHEETS


def test_detail_rows_reconcile_with_rows_read(consolidated) -> None:
    result, c, path = consolidated
    wb = openpyxl.load_workbook(path)
    for sheet, (table, key) in DETAIL.items():
        ws = wb[sheet]
        first, rows, headers = table_rows(ws, table)
        read = sum(w.rows_read().get(key, 0) for w in result.workbooks)
        assert rows == read, sheet
        assert headers[:2] == ["Code service", "Pôle"] and headers[-2].startswith("Source")
        assert "Service" not in headers  # the name comes from the code (Synthèse), not repeated per row
        codes = [ws.cell(first + i, 1).value for i in range(rows)]
        assert codes == sorted(codes), sheet  # deterministic order: service code first
        assert ws.freeze_panes is not None
    ws = wb["Processus"]
    first, _, _ = table_rows(ws, "T_Processus")
    assert [ws.cell(first, col).value for col in (1, 2, 3)] == ["LABO", "Pôle Médico-technique", 1]
    # after « Volume par jour », « À ressaisir » and the pôle's code (no establishment's outside a GHT)
    assert [ws.cell(first, col).value for col in (15, 16)] == ["P2", "LABO.xlsx · Processus!A2"]


def test_injected_formulas_stay_text(consolidated) -> None:
    _, _, path = consolidated
    wb = openpyxl.load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+@" and cell.value != "=":
                    found.setdefault(cell.value, set()).add(cell.data_type)
    assert found.get(INJECTED) == {"s"}
    assert found.get("+cmd|' /C calc'!A0") == {"s"}
    assert found.get("@SUM(A1:A2)") == {"s"}
    assert set(found) <= {INJECTED, "+cmd|' /C calc'!A0", "@SUM(A1:A2)"} | {
        v
        for v in found
        if v.startswith("=SUM(")  # our own totals in Contrôle
    }
    workbook = pc.CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_name("Processus").to_python()
    assert any(INJECTED in row for row in rows)


def test_synthesis_top_is_readable(consolidated) -> None:
    _, c, path = consolidated
    wb = openpyxl.load_workbook(path)
    ws = wb["Synthèse"]
    assert ws["A1"].value == "Plan de continuité d'activité — CH Test"
    labels = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(4, 26)}
    assert labels["Services du référentiel"] == 3
    assert labels["Lignes de processus"] == 6
    assert labels["Couverture des parades (parade « Définie » ou « Testée »)"] == "66,7 %"
    assert labels["Point unique de défaillance n° 1"] == "DPI : 2 service(s) en dépendance critique, 0 forte"
    assert labels["Contrôle des comptes"] == "OK"
    rows = {ws.cell(r, 1).value: r for r in range(4, 26)}
    # a label wrapped in its merged cell (columns A-B, 36 characters a line): its row shows every line,
    # 2 × 15 + 2 = 32 points (stored as whole pixels: 43 px = 32.25 pt); a one-line label 17 (23 px = 17.25 pt)
    assert ws.row_dimensions[rows["Couverture des parades (parade « Définie » ou « Testée »)"]].height == 32.25
    assert ws.row_dimensions[rows["Services du référentiel"]].height == 17.25
    texts = [ws.cell(r, 1).value for r in range(1, 30)]
    assert any(t and t.startswith("Score de maturité = 100 ×") for t in texts)
    assert len(ws._charts) == 2
    assert {"T_Synthese_services", "T_Synthese_poles"} <= set(ws.tables)
    first, rows, headers = table_rows(ws, "T_Synthese_services")
    assert rows == 3 and headers[5:8] == ["Ambition (%)", "Score de maturité (0-100)", "Lignes de processus"]
    assert [ws.cell(first + i, 1).value for i in range(3)] == ["LABO", "PUI", "REA"]


def test_dependencies_and_gaps_sheets_lead_with_the_answer(consolidated) -> None:
    _, c, path = consolidated
    wb = openpyxl.load_workbook(path)
    ws = wb["Dépendances"]
    first, rows, _ = table_rows(ws, "T_Points_de_defaillance")
    assert rows == 3 and [ws.cell(first, col).value for col in (1, 3, 4)] == ["DPI", 2, 0]
    ws = wb["Écarts"]
    first, rows, headers = table_rows(ws, "T_Ecarts")
    assert rows == len(c.gaps) and headers[:2] == ["Gravité", "Type d'écart"] and headers[6] == "Cellule"
    assert "Service" not in headers  # the name comes from the code (Synthèse), not repeated per row
    assert headers[-3:] == ["Responsable", "Échéance", "Statut de l'action"]
    cells = {(ws.cell(first + i, 3).value, ws.cell(first + i, 7).value) for i in range(rows)}
    assert ("REA", "E4") in cells and ("LABO", "J3") in cells


def test_control_sheet_adds_up(consolidated) -> None:
    result, c, path = consolidated
    ws = openpyxl.load_workbook(path)["Contrôle"]
    first, rows, _ = table_rows(ws, "T_Controle")
    values = [[ws.cell(first + i, col).value for col in (4, 5, 6, 7)] for i in range(rows)]
    assert rows == len(result.workbooks) * len(DATA_SHEETS)
    assert all(read == kept + rejected and status == "OK" for read, kept, rejected, status in values)
    assert ws.cell(first + rows, 1).value == "Total"
    total_read = sum(sum(w.rows_read().values()) for w in result.workbooks)
    assert ws.cell(first + rows, 4).value == f"=SUM(D{first}:D{first + rows - 1})"
    assert f"Total : {total_read} lignes lues = {total_read} consolidées + 0 rejetées." in ws["A2"].value


def test_second_run_lists_changes_in_the_workbook(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(folder, out)
    content = service_content("LABO")
    content["processus"][0]["status"] = "Définie"
    write_service_workbook(folder / "LABO.xlsx", read_referential(folder / "referentiel.xlsx"), "LABO", content)
    _, c, path = write(folder, out)
    ws = openpyxl.load_workbook(path)["Évolutions"]
    first, rows, _ = table_rows(ws, "T_Evolutions")
    assert rows == 1
    assert [ws.cell(first, col).value for col in (1, 3, 4, 5)] == ["LABO", "Processus", "N° 1", "Ligne modifiée"]
    assert ws.cell(first, 6).value == "Statut de la parade : « Testée » → « Définie »"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_opens_it(consolidated, tmp_path: Path) -> None:
    _, _, path = consolidated
    target = tmp_path / "lo"
    profile = f"file:///tmp/lo_{uuid.uuid4().hex}"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(target),
            str(path),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=180,
    )
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    assert done.returncode == 0, done.stderr
    pdf = target / "PCA_consolide.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"


def test_dates_are_real_dates(consolidated) -> None:
    _, _, path = consolidated
    ws = openpyxl.load_workbook(path)["Exercices"]
    first, _, headers = table_rows(ws, "T_Exercices")
    cell = ws.cell(first, headers.index("Date") + 1)
    assert isinstance(cell.value, dt.datetime) and cell.number_format == "dd/mm/yyyy"


def test_hostile_text_is_written_as_strings_never_formulas(folder: Path, tmp_path: Path) -> None:
    """Read the sheet XML itself: no <f> element but our own totals; every hostile text is a string cell."""
    hostile = {
        "process": "=1+1",
        "workaround": INJECTED,
        "owner": "-2+3",
        "document": "@SUM(1)",
        "usage": "+cmd|' /C calc'!A0",
    }
    content = service_content("REA")
    content["processus"][0].update(process=hostile["process"], workaround=None)  # vital, so quoted elsewhere too
    content["processus"][1].update(workaround=hostile["workaround"], owner=hostile["owner"])
    content["documents"].append({"document": hostile["document"], "type": "Autre", "quantity": 1})
    content["telecom"][0]["usage"] = hostile["usage"]
    write_service_workbook(folder / "REA.xlsx", read_referential(folder / "referentiel.xlsx"), "REA", content)
    _, _, path = write(folder, tmp_path / "out")
    with zipfile.ZipFile(path) as z:
        sheets = {n: z.read(n).decode() for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)}
        shared = [html.unescape(s) for s in re.findall(r"<si><t[^>]*>(.*?)</t></si>", z.read("xl/sharedStrings.xml").decode(), re.S)]  # fmt: skip
    formulas = {n: re.findall(r"<f>(.*?)</f>", xml) for n, xml in sheets.items()}
    control = f"xl/worksheets/sheet{SHEET_NAMES.index('Contrôle') + 1}.xml"
    assert {n for n, found in formulas.items() if found} == {control}
    assert all(re.fullmatch(r"SUM\([DEF]\d+:[DEF]\d+\)", f) for f in formulas[control])
    assert set(hostile.values()) <= set(shared)
    cells_of = {}  # hostile text -> sheets where a cell holds it exactly, with its openpyxl type
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in hostile.values():
                    cells_of.setdefault(cell.value, set()).add((ws.title, cell.data_type))
    assert cells_of == {
        "=1+1": {("Processus", "s"), ("Processus vitaux", "s"), ("Scénarios", "s"), ("Durée de la panne", "s")},
        INJECTED: {("Processus", "s")},
        "-2+3": {("Processus", "s")},
        "@SUM(1)": {("Documents", "s"), ("Durée de la panne", "s")},
        "+cmd|' /C calc'!A0": {("Télécom", "s")},
    }
    gaps = book["Écarts"]
    assert any("« =1+1 »" in (c.value or "") for c in gaps["H"])  # quoted inside a gap's detail


def test_a_failed_control_is_announced_without_hiding_the_heading(folder: Path, tmp_path: Path) -> None:
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    c = pipeline.consolidation(result, tmp_path / "out")
    c.control_ok = False
    ws = openpyxl.load_workbook(write_consolidated(c, tmp_path / "out"))["Contrôle"]
    texts = [ws.cell(r, 1).value or "" for r in range(1, 8)]
    alert = "ERREUR DE L'OUTIL : les comptes ne s'additionnent pas (voir la colonne Statut) — signalez-le."
    assert texts.count(alert) == 1
    note = " ".join(t for t in texts[1 : texts.index(alert)])
    assert note.startswith("Total : ") and "une ligne rejetée figure dans le rapport de validation." in note
    first, rows, _ = table_rows(ws, "T_Controle")
    assert first > texts.index(alert) + 1 and rows == len(result.workbooks) * len(DATA_SHEETS)


def test_tables_are_written_sheet_after_sheet(demo_run, demo_parts, tmp_path: Path, monkeypatch) -> None:
    """write/layout.Writer writes a sheet's tables when the next sheet starts (their widths are final then):
    no writer of the GHT's or an establishment's workbook goes back to an earlier sheet."""
    from pca_xlsx.write import layout

    real, tables, late = layout.Writer.table, {}, []

    def table(self, ws, top, df, spec, left=0):
        tables.setdefault(self, set()).add(ws.name)  # the writer kept: one key per workbook
        if ws is not self.sheets[-1]:
            late.append((ws.name, self.sheets[-1].name))
        return real(self, ws, top, df, spec, left)

    monkeypatch.setattr(layout.Writer, "table", table)
    result, _ = demo_run
    for name, consolidation in [("GHT", result.consolidation)] + [(c, p.consolidation) for c, p in demo_parts.items()]:
        write_consolidated(consolidation, tmp_path / name)
    assert late == [] and len(tables) == 3 and all(len(sheets) >= 20 for sheets in tables.values())
