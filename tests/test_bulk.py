"""core/bulk.py: whole columns written as sheet XML give the same workbook as xlsxwriter cell by cell,
and the shared strings the same part."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from pca_xlsx.core.bulk import BulkSheet, BulkWorkbook
from pca_xlsx.core.xlsx import WORKBOOK_OPTIONS

# Every kind of value, and text XML or Excel treat specially.
TEXTS = ["Admission", "R&D <urgent>", "  espaces  ", "_x000D_ littéral", "Réa\nligne 2", "Admission", "é€😀"]
NUMBERS = [1, 2.5, float("nan"), 10**15, -0.125, float("inf"), 3]
DATES = [
    dt.date(2026, 1, 31),
    None,
    dt.datetime(2025, 12, 1, 8, 30),
    dt.date(1900, 1, 1),
    None,
    None,
    dt.date(2026, 12, 1),
]
MIXED = ["texte", 4, None, dt.date(2024, 2, 29), 7.75, "", None]


def _write(path: Path, cell_by_cell: bool) -> None:
    """A sheet with a title row, a table of four columns whose data rows partly share rows with
    cells xlsxwriter writes itself (a note on the right), row heights on some data rows."""
    wb = BulkWorkbook(str(path), WORKBOOK_OPTIONS)
    ws = wb.add_worksheet("Feuille", worksheet_class=BulkSheet)
    ws.cell_by_cell = cell_by_cell
    title = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "Titre", title)
    ws.add_bulk_table(2, 0, 2 + len(TEXTS), 3, {"name": "T_Essai", "columns": [{"header": h} for h in "ABCD"]})
    per_row = [wrap if i % 2 else None for i in range(len(TEXTS))]
    ws.write_block(3, 0, [TEXTS, NUMBERS, DATES, MIXED], [per_row, None, date, None])
    ws.write_string(4, 6, "note à droite")  # same row as block data, written by xlsxwriter
    ws.write_number(12, 1, 99)  # below the block
    for row, height in ((3, 30), (5, 45), (12, 20)):
        ws.set_row(row, height)
    wb.close()


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bulk")
    bulk, plain = folder / "bulk.xlsx", folder / "plain.xlsx"
    _write(bulk, cell_by_cell=False)
    _write(plain, cell_by_cell=True)
    return bulk, plain


def _cells(path: Path) -> dict:
    ws = openpyxl.load_workbook(path)["Feuille"]
    out = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                out[cell.coordinate] = (cell.value, cell.number_format, cell.alignment.wrap_text, cell.font.b)
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
    return {"cells": out, "heights": heights, "table": ws.tables["T_Essai"].ref, "dimension": ws.dimensions}


def test_same_workbook_as_xlsxwriter_cell_by_cell(pair) -> None:
    bulk, plain = pair
    expected = _cells(plain)
    # xlsxwriter writes NaN and infinity as error formulas (nan_inf_to_errors); the bulk writer
    # leaves them empty, as the consolidated workbook's writer does for a missing number.
    assert expected["cells"].pop("B6")[0] == "=#NUM!" and expected["cells"].pop("B9")[0] == "=1/0"
    assert _cells(bulk) == expected


def test_blocks_side_by_side_and_longer_than_a_read_are_merged_in_row_order(tmp_path: Path, monkeypatch) -> None:
    """Two tables sharing rows (the second starting lower), rows with no cell, a cell xlsxwriter
    writes between them, read back a few rows at a time: the same cells as cell by cell."""
    import pca_xlsx.core.bulk as bulk_module

    monkeypatch.setattr(bulk_module, "READ_ROWS", 3)
    left = [f"gauche {i}" if i % 4 else None for i in range(11)]
    right = [i * 1.5 if i % 3 else None for i in range(7)]
    paths = {}
    for cell_by_cell in (False, True):
        path = paths[cell_by_cell] = tmp_path / f"cote-{cell_by_cell}.xlsx"
        wb = BulkWorkbook(str(path), WORKBOOK_OPTIONS)
        ws = wb.add_worksheet("Feuille", worksheet_class=BulkSheet)
        ws.cell_by_cell = cell_by_cell
        ws.write_block(5, 4, [right, [f"d{i}" for i in range(7)]], [None, None])
        ws.write_block(1, 0, [left, list(range(11))], [None, None])
        ws.write_string(6, 2, "entre les deux")
        ws.set_row(7, 40)
        wb.close()
    read = {
        k: [[c.value for c in row] for row in openpyxl.load_workbook(v)["Feuille"].iter_rows()]
        for k, v in paths.items()
    }
    assert read[False] == read[True]
    assert read[False][6] == ["gauche 5", 5, "entre les deux", None, 1.5, "d1"]
    sheet = zipfile.ZipFile(paths[False]).read("xl/worksheets/sheet1.xml").decode()
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', sheet)]
    assert rows == list(range(2, 13))


def test_a_block_rendered_a_few_rows_at_a_time_is_the_same(pair, tmp_path: Path, monkeypatch) -> None:
    """A table's cells become XML a slice of rows at a time (memory never holds a whole table's XML):
    slices of 2 rows across the 7 data rows, a format per row, give the same workbook."""
    import pca_xlsx.core.bulk as bulk_module

    monkeypatch.setattr(bulk_module, "READ_ROWS", 2)
    sliced = tmp_path / "tranches.xlsx"
    _write(sliced, cell_by_cell=False)
    bulk, _ = pair
    assert _cells(sliced) == _cells(bulk)
    assert _cells(sliced)["cells"]["A5"] == ("R&D <urgent>", "General", True, False)


def test_values_types_and_formats(pair) -> None:
    bulk, _ = pair
    got = _cells(bulk)
    cells, heights = got["cells"], got["heights"]
    assert got["table"] == "A3:D10"
    assert cells["A1"] == ("Titre", "General", None, True)
    assert cells["A4"][0] == "Admission" and cells["A9"][0] == "Admission"
    assert cells["A5"] == ("R&D <urgent>", "General", True, False)  # odd data rows wrap
    assert cells["A6"][0] == "  espaces  "
    assert cells["A7"][0] == "_x000D_ littéral"  # typed text, not an escape
    assert cells["A8"][0] == "Réa\nligne 2"
    assert cells["A10"][0] == "é€😀"
    assert cells["B4"][0] == 1 and cells["B5"][0] == 2.5 and cells["B7"][0] == 10**15
    assert "B6" not in cells and "B9" not in cells  # NaN and infinity: no cell
    assert cells["C4"] == (dt.datetime(2026, 1, 31), "dd/mm/yyyy", None, False)
    assert cells["C6"][0] == dt.datetime(2025, 12, 1, 8, 30)
    serial = (dt.date(2024, 2, 29) - dt.date(1899, 12, 30)).days  # no date format: Excel's day number
    assert cells["D4"][0] == "texte" and cells["D5"][0] == 4 and cells["D7"][0] == serial
    assert cells["D9"][0] == ""  # an empty text cell, as xlsxwriter writes it (the Writer passes None instead)
    assert cells["G5"][0] == "note à droite" and cells["B13"][0] == 99
    assert heights == {4: 30, 6: 45, 13: 20.25}  # xlsxwriter rounds to whole pixels


def test_shared_strings_and_row_order_in_the_xml(pair) -> None:
    bulk, _ = pair
    with zipfile.ZipFile(bulk) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        strings = archive.read("xl/sharedStrings.xml").decode()
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', sheet)]
    assert rows == sorted(rows) and len(rows) == len(set(rows))
    row5 = re.search(r'<row r="5"[^>]*>(.*?)</row>', sheet).group(1)
    assert re.findall(r'<c r="([A-Z]+)5"', row5) == ["A", "B", "D", "G"]  # merged in column order
    assert strings.count("<t>Admission</t>") == 1  # repeated text shared once
    assert re.search(r'<dimension ref="A1:G13"/>', sheet)


def test_calamine_reads_it(pair) -> None:
    bulk, _ = pair
    rows = CalamineWorkbook.from_path(str(bulk)).get_sheet_by_name("Feuille").to_python()
    assert rows[3][:2] == ["Admission", 1.0] and rows[4][6] == "note à droite"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_reads_the_same_values(pair, tmp_path: Path) -> None:
    bulk, _ = pair
    profile = f"file:///tmp/lo_{uuid.uuid4().hex}"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         'csv:Text - txt - csv (StarCalc):44,34,76', "--outdir", str(tmp_path), str(bulk)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "bulk.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Titre" and rows[2][:4] == ["A", "B", "C", "D"]
    assert rows[3][:4] == ["Admission", "1", "31/01/2026", "texte"]
    assert rows[4][:2] == ["R&D <urgent>", "2.5"] and rows[4][6] == "note à droite"
    assert rows[7][0] == "Réa\nligne 2" and rows[9][0] == "é€😀"
    assert rows[12][1] == "99"


def _shared_strings(path: Path, workbook_class, texts: list[str]) -> str:
    wb = workbook_class(str(path), WORKBOOK_OPTIONS)
    ws = wb.add_worksheet("Feuille")
    for row, text in enumerate(texts):
        ws.write_string(row, 0, text)
    wb.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/sharedStrings.xml").decode()


@pytest.mark.parametrize("read_rows", [4096, 3])
def test_shared_strings_part_as_xlsxwriter_writes_it(tmp_path: Path, monkeypatch, read_rows: int) -> None:
    """BulkSharedStrings writes the part byte for byte as xlsxwriter does, escapes included, also
    when it writes the strings a few at a time (3: five writes for 14 strings)."""
    import pca_xlsx.core.bulk as bulk_module

    monkeypatch.setattr(bulk_module, "READ_ROWS", read_rows)
    texts = [
        *TEXTS,
        "\r retour chariot",
        "fin\t",
        "\u00a0insécable",
        "_x0041_",
        "a_xZZZZ_b",
        "a & b",
        "x\x01y",
        "\ufffe",
    ]
    ours = _shared_strings(tmp_path / "ours.xlsx", BulkWorkbook, texts)
    theirs = _shared_strings(tmp_path / "theirs.xlsx", xlsxwriter.Workbook, texts)
    assert ours == theirs
    assert '<si><t xml:space="preserve">  espaces  </t></si>' in ours
    assert "<si><t>_x005F_x0041_</t></si>" in ours and "<si><t>_x000D_ retour chariot</t></si>" in ours
    assert "<si><t>R&amp;D &lt;urgent&gt;</t></si>" in ours and "<si><t>x_x0001_y</t></si>" in ours
    assert "<si><t>_xFFFE_</t></si>" in ours  # escaped as xlsxwriter does: raw, U+FFFE is not an XML character


def test_text_looking_like_a_rich_string_stays_text(tmp_path: Path) -> None:
    """A referent may type « <r>…</r> »: xlsxwriter would copy it raw into the XML (a broken
    part); we write it escaped, and it reads back as typed."""
    typed = "<r><t>gras</t></r>"
    assert f"<si>{typed}</si>" in _shared_strings(tmp_path / "theirs.xlsx", xlsxwriter.Workbook, [typed])
    ours = _shared_strings(tmp_path / "ours.xlsx", BulkWorkbook, [typed])
    assert "<si><t>&lt;r&gt;&lt;t&gt;gras&lt;/t&gt;&lt;/r&gt;</t></si>" in ours
    assert openpyxl.load_workbook(tmp_path / "ours.xlsx")["Feuille"]["A1"].value == typed
    assert CalamineWorkbook.from_path(str(tmp_path / "ours.xlsx")).get_sheet_by_name("Feuille").to_python() == [[typed]]
