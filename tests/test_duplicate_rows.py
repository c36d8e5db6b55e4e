"""Rows repeated inside one workbook: a finding at each row, naming the other."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import check

from pca_xlsx.findings import ERROR, WARNING


def _copy_row(ws, source: int, target: int, **changes) -> None:
    for cell in ws[source]:
        ws.cell(target, cell.column, cell.value)
    for letter, value in changes.items():
        ws[f"{letter}{target}"] = value


def test_the_same_process_application_and_document_twice(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    _copy_row(book["Processus"], 2, 5, A=4)  # an exact copy of row 2, with its own N°
    _copy_row(book["Applications"], 2, 4, D="Plus de 3 jours")  # DPI again, another tolerable interruption
    _copy_row(book["Applications"], 3, 5)  # SGL again, same values
    _copy_row(book["Documents"], 2, 3)
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    found = sorted((f.code, f.severity, f.sheet, f.cell) for f in report.findings)
    assert found == [
        ("application-contradictoire", ERROR, "Applications", "A2"),
        ("application-contradictoire", ERROR, "Applications", "A4"),
        ("application-en-double", WARNING, "Applications", "A3"),
        ("application-en-double", WARNING, "Applications", "A5"),
        ("document-en-double", WARNING, "Documents", "A2"),
        ("document-en-double", WARNING, "Documents", "A3"),
        ("processus-en-double", WARNING, "Processus", "B2"),
        ("processus-en-double", WARNING, "Processus", "B5"),
    ]
    messages = {(f.sheet, f.cell): f.message for f in report.findings}
    assert messages[("Applications", "A4")] == (
        "L'application « DPI » est aussi en A2, avec d'autres valeurs (« Interruption tolérable ») : gardez une "
        "seule ligne, avec les bonnes valeurs."
    )
    assert messages[("Processus", "B5")] == (
        "Le processus « Prescription médicamenteuse » (ressource « DPI ») est aussi en B2 : gardez une seule ligne, "
        "ou indiquez une autre ressource impactée."
    )
    assert messages[("Documents", "A2")] == (
        "Le document « Ordonnances papier » est aussi en A3 : gardez une seule ligne (additionnez les quantités)."
    )
    assert len(tables["processus"].query("_file == 'REA.xlsx'")) == 4  # nothing dropped


def test_one_process_on_two_resources_is_not_a_duplicate(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    _copy_row(book["Processus"], 2, 5, A=4, D="SGL")
    book.save(folder / "REA.xlsx")
    report, _ = check(folder)
    assert report.findings == []
