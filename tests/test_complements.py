"""Content outside the format (a line added to the « Service » form, an extra column) is kept and counted."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import check

from pca_xlsx import pipeline
from pca_xlsx.findings import WARNING


def _add_extras(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    form = book["Service"]
    last = form.max_row + 1
    form[f"A{last}"], form[f"B{last}"] = "Référent médical suppléant", "Dr Paul LEROY"
    ws = book["Processus"]
    ws["K1"], ws["K2"], ws["K4"] = "Remarques cadre", "voir DSI", "à revoir"
    book.save(folder / "REA.xlsx")


def test_an_extra_form_line_and_column_are_named_kept_and_counted(folder: Path, tmp_path: Path) -> None:
    _add_extras(folder)
    last = openpyxl.load_workbook(folder / "REA.xlsx")["Service"].max_row
    report, _ = check(folder)
    assert sorted((f.code, f.severity, f.sheet, f.cell) for f in report.findings) == [
        ("colonne-en-plus", WARNING, "Processus", "K1"),
        ("ligne-en-plus", WARNING, "Service", f"B{last}"),
    ]
    assert next(f for f in report.findings if f.code == "ligne-en-plus").message == (
        "La ligne « Référent médical suppléant » ne fait pas partie du modèle : sa valeur est gardée dans la feuille "
        "« Compléments » de la consolidation, mais n'est pas exploitée. Mettez-la dans une ligne prévue (voir la "
        "feuille « Lisez-moi »)."
    )
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    c = result.consolidation
    assert c.control_ok
    assert c.extras.values.tolist() == [
        ["REA.xlsx", "REA", "Service", f"B{last}", "Référent médical suppléant", "Dr Paul LEROY"],
        ["REA.xlsx", "REA", "Processus", "K2", "Remarques cadre", "voir DSI"],
        ["REA.xlsx", "REA", "Processus", "K4", "Remarques cadre", "à revoir"],
    ]
    control = c.control[c.control["status"].str.startswith("Contenu hors modèle")]
    assert control[["sheet", "read", "consolidated", "rejected"]].values.tolist() == [
        ["Service › ligne « Référent médical suppléant »", 1, 1, 0],
        ["Processus › colonne « Remarques cadre »", 2, 2, 0],
    ]
    book = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx", read_only=True)
    assert book.sheetnames.index("Compléments") == book.sheetnames.index("Contrôle") - 1
    rows = list(book["Compléments"].iter_rows(values_only=True))
    assert any(  # the three cells of REA, counted in the heading
        str(v).startswith("3 cellules remplies dans des colonnes ou des lignes qui ne font pas partie du modèle")
        for row in rows[:3]
        for v in row
    )
    values = [row for row in rows if row and row[0] == "REA.xlsx"]
    assert [row[3:6] for row in values] == [
        (f"B{last}", "Référent médical suppléant", "Dr Paul LEROY"),
        ("K2", "Remarques cadre", "voir DSI"),
        ("K4", "Remarques cadre", "à revoir"),
    ]


def test_no_complements_sheet_without_such_content(folder: Path, tmp_path: Path) -> None:
    pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    book = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx", read_only=True)
    assert "Compléments" not in book.sheetnames
