"""What Excel and LibreOffice do to a table: a Table's total row, merged cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import check
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from pca_xlsx import pipeline
from pca_xlsx.findings import WARNING


def _as_table_with_totals(path: Path) -> None:
    """« Processus » formatted as an Excel Table (Insertion › Tableau) with its total row (row 5)."""
    book = openpyxl.load_workbook(path)
    ws = book["Processus"]
    headers = [c.value for c in ws[1]][:10]
    ws["A5"], ws["B5"], ws["J5"] = 6, "Total", 3  # what Excel writes: the sum of N°, a label, a count
    table = Table(displayName="Processus_service", ref="A1:J5", totalsRowCount=1)
    table.tableColumns = [TableColumn(id=i + 1, name=str(h)) for i, h in enumerate(headers)]
    table.tableColumns[0].totalsRowFunction = "sum"
    table.tableColumns[1].totalsRowLabel = "Total"
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    book.save(path)


def test_the_total_row_of_an_excel_table_is_not_read(folder: Path, tmp_path: Path) -> None:
    _as_table_with_totals(folder / "REA.xlsx")
    report, tables = check(folder)
    assert [(f.code, f.severity, f.sheet, f.cell, f.message) for f in report.findings] == [
        (
            "ligne-total-ignoree",
            WARNING,
            "Processus",
            "A5",
            "La ligne 5 est la ligne de total du tableau Excel « Processus_service » : elle n'est pas lue (ce n'est "
            "pas une ligne de données).",
        )
    ]
    assert tables["processus"].query("_file == 'REA.xlsx'")["_row"].tolist() == [2, 3, 4]
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert result.exit_code == 0 and result.consolidation.control_ok


def test_merged_cells_are_read_once(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    ws = book["Processus"]
    ws["E4"] = "Appel par le standard sur le téléphone de secours"
    ws.merge_cells("E4:F4")  # the workaround spread over « Services sollicités »
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert [(f.code, f.cell, f.message) for f in report.findings] == [
        (
            "cellules-fusionnees",
            "E4",
            "Les cellules E4:F4 sont fusionnées : seule la valeur de la première cellule est lue, une seule fois. "
            "Défusionnez-les et remplissez chaque cellule.",
        )
    ]
    row = tables["processus"].query("_file == 'REA.xlsx' and _row == 4").iloc[0]
    assert row["workaround"] == "Appel par le standard sur le téléphone de secours" and row["relies_on"] is None
