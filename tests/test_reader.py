"""Reader: headers found by label anywhere near the top, positions kept, empty rows skipped."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl

from pca_xlsx.core.positions import column_letter
from pca_xlsx.format import fold, split_list
from pca_xlsx.read import discover, read_service_workbook, stack


def _workbook(path: Path) -> Path:
    """A hand-made workbook: header of Processus on row 4, shuffled, odd case/accents/spaces."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Service"
    ws["A3"], ws["B3"] = "  code SERVICE ", "REA"
    ws["A4"], ws["B4"] = "Ambition de continuite (%)", 100
    ws["A5"], ws["B5"] = "Date de mise à jour", dt.datetime(2026, 4, 2)
    p = wb.create_sheet("processus")
    p["A1"] = "Cartographie des processus prioritaires"
    headers = ["statut de la parade", " PROCESSUS ", "n°", "Criticite", "Ressource impactée*", "Parade"]
    for c, h in enumerate(headers, start=3):
        p.cell(4, c, h)
    p.cell(5, 3, "Définie"), p.cell(5, 4, "Admission"), p.cell(5, 5, 1), p.cell(5, 6, "Vitale")
    p.cell(5, 7, "DPI"), p.cell(5, 8, "Fiche papier")
    # row 6 empty, row 7 filled
    p.cell(7, 4, "Sortie"), p.cell(7, 5, 2)
    wb.save(path)
    return path


def test_headers_found_anywhere_and_cells_kept(tmp_path: Path) -> None:
    data = read_service_workbook(_workbook(tmp_path / "REA.xlsx"))
    sheet = data.sheets["processus"]
    assert sheet.header_row == 4
    assert sheet.letters["status"] == "C" and sheet.letters["number"] == "E"
    assert sheet.row_numbers == [5, 7]
    first, second = sheet.records()
    assert first["process"] == "Admission" and sheet.address("process", 0) == "D5"
    assert first["resource"] == "DPI" and sheet.address("resource", 0) == "G5"
    assert second["process"] == "Sortie" and second["status"] is None
    assert sheet.address("interfaces", 0) == ""  # absent optional column
    service = data.sheets["service"]
    assert service.cells["code"] == "B3" and service.records()[0]["code"] == "REA"
    assert service.records()[0]["updated"] == dt.date(2026, 4, 2)
    assert data.service == "REA"
    codes = {f.code for f in data.findings}
    # the other sheets are absent: one finding per missing sheet, each named
    assert sum(f.code == "feuille-manquante" for f in data.findings) == 7
    assert "entete-manquante" not in codes


def test_declared_dimension_not_trusted(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "REA.xlsx")
    lied = tmp_path / "LIED.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(lied, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                body = body.replace(b'<dimension ref="A1:H7"/>', b'<dimension ref="A1:A1"/>')
                assert b'ref="A1:A1"' in body
            dst.writestr(item, body)
    assert read_service_workbook(lied).sheets["processus"].row_numbers == [5, 7]


def test_missing_required_header_names_closest(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "REA.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["processus"]["F4"] = "Criticités du processus"
    wb.save(path)
    data = read_service_workbook(path)
    missing = [f for f in data.findings if f.code == "entete-manquante"]
    assert len(missing) == 1
    assert missing[0].sheet == "processus"
    assert "« Criticité »" in missing[0].message and "« Criticités du processus »" in missing[0].message


def test_stack_keeps_file_service_and_row(tmp_path: Path) -> None:
    data = read_service_workbook(_workbook(tmp_path / "REA.xlsx"))
    table = stack([data], "processus")
    assert list(table[["_file", "_service", "_row"]].itertuples(index=False, name=None)) == [
        ("REA.xlsx", "REA", 5),
        ("REA.xlsx", "REA", 7),
    ]


def test_discover_skips_lock_files_and_referential(folder: Path) -> None:
    (folder / "~$REA.xlsx").write_bytes(b"lock")
    (folder / ".hidden.xlsx").write_bytes(b"")
    (folder / "notes.txt").write_text("x")
    assert [p.name for p in discover(folder)] == ["LABO.xlsx", "REA.xlsx", "notes.txt"]


def test_helpers() -> None:
    assert fold("  Ressource  Impactée* ") == "ressource impactee"
    assert split_list(" LABO ;PUI;; IMAG ") == ["LABO", "PUI", "IMAG"]
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
