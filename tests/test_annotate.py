"""Outputs of validation: the report workbook and annotated copies; inputs never change."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import edit

from pca_xlsx import pipeline
from pca_xlsx.findings import ERROR, WARNING

PLANTED = {
    "REA.xlsx": [
        ("Service", "B6", None, "valeur-obligatoire", ERROR),
        ("Service", "B11", "cent", "entier-attendu", ERROR),
        ("Applications", "A3", "Labo", "ressource-inconnue", ERROR),
        ("Applications", "C2", "critique", "valeur-normalisee", WARNING),
        ("Processus", "A4", 2, "numero-en-double", ERROR),
        ("Processus", "E3", None, "parade-manquante", ERROR),
        ("Processus", "F3", "REA", "interface-soi-meme", ERROR),
        ("Processus", "C4", "Urgente", "valeur-non-permise", ERROR),
        ("Télécom", "B2", "deux", "entier-attendu", ERROR),
        ("Biomédical", "C2", "Peut-être", "valeur-non-permise", ERROR),
        ("Fiche réflexe", "A3", 1, "etape-en-double", ERROR),
        ("Exercices", "A2", "12 mars 2026", "date-en-texte", WARNING),
    ],
    "LABO.xlsx": [("Processus", "F3", "PUII", "interface-inconnue", ERROR)],
}


def plant(folder: Path) -> None:
    for file, mistakes in PLANTED.items():
        changes: dict[str, dict[str, object]] = {}
        for sheet, cell, value, _, _ in mistakes:
            changes.setdefault(sheet, {})[cell] = value
        edit(folder / file, changes)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def validate(folder: Path, output: Path, calls: list | None = None) -> pipeline.RunResult:
    def progress(label: str, done: int, total: int) -> None:
        if calls is not None:
            calls.append((label, done, total))

    return pipeline.validate(pipeline.Options(folder, output), progress)


@pytest.fixture
def planted(folder: Path, tmp_path: Path) -> tuple[Path, pipeline.RunResult]:
    plant(folder)
    return folder, validate(folder, tmp_path / "output")


def test_planted_mistakes_give_exactly_those_findings(planted) -> None:
    _, result = planted
    got = sorted((f.file, f.sheet, f.cell, f.code, f.severity) for f in result.report.findings)
    expected = sorted((file, s, c, code, sev) for file, items in PLANTED.items() for s, c, _, code, sev in items)
    assert got == expected
    labo = next(f for f in result.report.findings if f.file == "LABO.xlsx")
    assert labo.message == "Le service « PUII » n'existe pas dans le référentiel ; vouliez-vous dire « PUI » ?"
    assert result.exit_code == 1


def test_report_workbook_lists_errors_first_as_a_table(planted, tmp_path: Path) -> None:
    _, result = planted
    path = tmp_path / "output" / "validation" / "rapport_validation.xlsx"
    assert path in result.written
    ws = openpyxl.load_workbook(path)["Anomalies"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Fichier", "Service", "Feuille", "Cellule", "Gravité", "Règle", "Message", "Valeur")
    assert len(rows) == 14
    severities = [r[4] for r in rows[1:]]
    assert severities == [ERROR] * 11 + [WARNING] * 2
    assert rows[1][:4] == ("LABO.xlsx", "LABO", "Processus", "F3")
    assert rows[2][:4] == ("REA.xlsx", "REA", "Applications", "A3")
    assert list(ws.tables) == ["Anomalies"] and ws.tables["Anomalies"].ref == "A1:H14"


def test_user_text_stays_text_in_the_report(folder: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["C2"] = "=1+1"  # typed as text by a user (openpyxl would write a formula: force a string)
    book["Processus"]["C2"].data_type = "s"
    book.save(folder / "REA.xlsx")
    validate(folder, tmp_path / "output")
    ws = openpyxl.load_workbook(tmp_path / "output" / "validation" / "rapport_validation.xlsx")["Anomalies"]
    assert ws["H2"].value == "=1+1" and ws["H2"].data_type == "s"
    annotated = openpyxl.load_workbook(tmp_path / "output" / "validation" / "annotes" / "REA.xlsx")["Corrections"]
    assert annotated["E7"].value == "=1+1" and annotated["E7"].data_type == "s"


def test_annotated_copy_marks_cells_and_lists_corrections(planted, tmp_path: Path) -> None:
    _, result = planted
    folder = tmp_path / "output" / "validation" / "annotes"
    assert sorted(p.name for p in folder.iterdir()) == ["LABO.xlsx", "REA.xlsx"]
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    assert book.sheetnames[0] == "Corrections" and book.active.title == "Corrections"
    service, apps = book["Service"], book["Applications"]
    assert service["B6"].fill.fgColor.rgb == "FFFFC7CE"
    assert "« Référent médical » est obligatoire." in service["B6"].comment.text
    assert apps["C2"].fill.fgColor.rgb == "FFFFEB9C" and "Critique" in apps["C2"].comment.text
    assert book["Processus"]["B2"].comment is None
    corrections = list(book["Corrections"].iter_rows(min_row=7))
    assert len(corrections) == 12
    links = {(row[0].value, row[1].value): row[1].hyperlink.location for row in corrections}
    assert links[("Processus", "A4")] == "'Processus'!A4"
    assert links[("Fiche réflexe", "A3")] == "'Fiche réflexe'!A3"
    assert [row[2].value for row in corrections] == [ERROR] * 10 + [WARNING] * 2
    sheet = book["Corrections"]
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (
        "landscape",
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$6:$6"


def test_inputs_are_byte_identical_after_a_run(folder: Path, tmp_path: Path) -> None:
    plant(folder)
    shutil.copy(folder / "REA.xlsx", folder / "REA2.xlsm")
    (folder / "BROKEN.xlsx").write_bytes(b"PK\x03\x04 not really")
    before = digests(folder)
    calls: list = []
    result = validate(folder, tmp_path / "output", calls)
    assert digests(folder) == before
    assert ("Copies annotées", 3, 3) in calls
    names = sorted(p.name for p in (tmp_path / "output" / "validation" / "annotes").iterdir())
    assert names == ["LABO.xlsx", "REA.xlsx", "REA2.xlsm"]  # the broken file gets no copy
    assert any(f.file == "BROKEN.xlsx" for f in result.report.errors)
    openpyxl.load_workbook(tmp_path / "output" / "validation" / "annotes" / "REA2.xlsm", keep_vba=True)


def test_stale_annotated_copies_are_removed(planted, tmp_path: Path) -> None:
    folder, _ = planted
    annotes = tmp_path / "output" / "validation" / "annotes"
    assert (annotes / "LABO.xlsx").exists()
    book = openpyxl.load_workbook(folder / "LABO.xlsx")
    book["Processus"]["F3"] = "PUI"
    book.save(folder / "LABO.xlsx")
    validate(folder, tmp_path / "output")
    assert sorted(p.name for p in annotes.iterdir()) == ["REA.xlsx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_libreoffice_opens_an_annotated_copy(planted, tmp_path: Path) -> None:
    source = tmp_path / "output" / "validation" / "annotes" / "REA.xlsx"
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    book = openpyxl.load_workbook(out / "REA.xlsx")  # as LibreOffice understood and saved it
    assert book.sheetnames[0] == "Corrections"
    cell = book["Service"]["B6"]
    assert cell.fill.fgColor.rgb == "FFFFC7CE" and "obligatoire" in cell.comment.text


def test_demo_with_planted_mistakes_gives_exactly_those(demo_copy: Path, tmp_path: Path) -> None:
    plant(demo_copy)
    result = validate(demo_copy, tmp_path / "o")
    found = sorted((f.file, f.sheet, f.cell, f.code, f.severity) for f in result.report.findings)
    expected = sorted(
        (file, sheet, cell, code, severity) for file, rows in PLANTED.items() for sheet, cell, _, code, severity in rows
    )
    assert found == expected
    annotated = sorted(p.name for p in (tmp_path / "o" / "validation" / "annotes").iterdir())
    assert annotated == ["LABO.xlsx", "REA.xlsx"]


def test_copies_are_written_by_a_fresh_worker_that_inherits_nothing(demo_copy: Path, tmp_path: Path) -> None:
    """The annotated copies' worker starts anew (spawn), even where it could be forked: forked after validation,
    it kept as its own every page the consolidation touched meanwhile (1 GB at 10,000 services)."""
    mistaken = ["ADM", "BIOMED", "BLOC", "CAPTV", "CARDIO", "CHIRDIG", "GERIA", "HEMA"]
    for code in mistaken:
        edit(demo_copy / f"{code}.xlsx", {"Processus": {"F3": "Parfois"}})  # not a criticality of the list
    from pca_xlsx.validate.annotate import start_annotated

    result = pipeline.validate(pipeline.Options(demo_copy, tmp_path / "o"), write=False)
    folder = tmp_path / "annotes"
    copies = start_annotated(result.report, result.workbooks, folder, lambda *a: None, jobs=2)
    assert copies.batch.start_method == "spawn"
    assert [p.name for p in copies.wait()] == [f"{code}.xlsx" for code in mistaken]
    assert sorted(p.name for p in folder.iterdir()) == [f"{code}.xlsx" for code in mistaken]
    for code in mistaken:
        book = openpyxl.load_workbook(folder / f"{code}.xlsx")
        cell = book["Processus"]["F3"]
        assert cell.fill.fgColor.rgb == "FFFFC7CE" and "Parfois" in cell.comment.text, code
        assert [(row[0].value, row[1].value) for row in book["Corrections"].iter_rows(min_row=7)] == [
            ("Processus", "F3")
        ], code
