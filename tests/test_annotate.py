"""Outputs of validation: the report workbook and annotated copies; inputs never change."""

from __future__ import annotations

import email
import hashlib
import re
import shutil
import subprocess
from email import policy
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
    assert labo.message == (
        "Le service « PUII » de « Services sollicités » n'existe pas dans le référentiel ; vouliez-vous dire « PUI » ?"
    )
    assert result.exit_code == 1


#: REA's planted findings in the order of the workbook: its sheets as the template has them (Service, Applications,
#: Processus, Télécom, Biomédical, Fiche réflexe, Exercices), then row, then column; errors and warnings together.
REA_IN_ORDER = [
    ("Service", "B6", ERROR), ("Service", "B11", ERROR), ("Applications", "C2", WARNING),
    ("Applications", "A3", ERROR), ("Processus", "E3", ERROR), ("Processus", "F3", ERROR), ("Processus", "A4", ERROR),
    ("Processus", "C4", ERROR), ("Télécom", "B2", ERROR), ("Biomédical", "C2", ERROR), ("Fiche réflexe", "A3", ERROR),
    ("Exercices", "A2", WARNING),
]  # fmt: skip


def test_report_lists_findings_by_file_then_position(folder: Path, tmp_path: Path) -> None:
    """DESIGN §4: one row per finding, by file (as « Résumé » lists them: by service code, unreadable files last),
    then the sheet in the template's order, row, column: a file's warnings are not split from its errors."""
    plant(folder)
    (folder / "LABO.xlsx").rename(folder / "Z_LABO.xlsx")  # after REA.xlsx by name, before it by service code
    (folder / "AAA.xlsx").write_bytes(b"not a workbook")  # first by name, last in « Résumé » (no service)
    validate(folder, tmp_path / "output")
    book = openpyxl.load_workbook(tmp_path / "output" / "validation" / "rapport_validation.xlsx")
    rows = list(book["Anomalies"].iter_rows(values_only=True))
    assert rows[0] == ("Fichier", "Service", "Feuille", "Cellule", "Gravité", "Règle", "Message", "Valeur")
    assert [r[:5] for r in rows[1:]] == [
        ("Z_LABO.xlsx", "LABO", "Processus", "F3", ERROR),
        *[("REA.xlsx", "REA", sheet, cell, severity) for sheet, cell, severity in REA_IN_ORDER],
        ("AAA.xlsx", "", "", "", ERROR),
    ]
    summary = [r[2] for r in book["Résumé"].iter_rows(min_row=8, max_col=3, values_only=True)]
    assert summary == ["Z_LABO.xlsx", "REA.xlsx", "AAA.xlsx", None]  # then PUI, not received
    assert list(book["Anomalies"].tables) == ["Anomalies"] and book["Anomalies"].tables["Anomalies"].ref == "A1:H15"
    ws = book["Anomalies"]  # a long message is shown whole: LibreOffice does not fit wrapped rows by itself
    for row, values in enumerate(rows[1:], 2):
        assert (ws.row_dimensions[row].height or 15) >= 15 * -(-len(values[6]) // 90), values[6]


def test_corrections_and_draft_list_findings_in_the_reports_order(folder: Path, tmp_path: Path) -> None:
    plant(folder)
    pipeline.validate(pipeline.Options(folder, tmp_path / "output"))
    book = openpyxl.load_workbook(tmp_path / "output" / "validation" / "annotes" / "REA.xlsx")
    shown = [(r[0].value, r[1].value, r[2].value) for r in book["Corrections"].iter_rows(min_row=7)]
    assert shown == REA_IN_ORDER
    draft = email.message_from_bytes(
        (tmp_path / "output" / "courriels" / "REA.eml").read_bytes(), policy=policy.default
    )
    text = draft.get_body(("plain",)).get_content()
    listed = re.findall(r"feuille « ([^»]+) », cellule (\w+) :", text)
    assert listed == [(sheet, cell) for sheet, cell, severity in REA_IN_ORDER if severity == ERROR]


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
    assert (
        "« Référent médical » est obligatoire : saisissez le prénom et le NOM du médecin référent PCA du service."
        in service["B6"].comment.text
    )
    assert apps["C2"].fill.fgColor.rgb == "FFFFEB9C" and "Critique" in apps["C2"].comment.text
    assert book["Processus"]["B2"].comment is None
    corrections = list(book["Corrections"].iter_rows(min_row=7))
    assert len(corrections) == 12
    links = {(row[0].value, row[1].value): row[1].hyperlink.location for row in corrections}
    assert links[("Processus", "A4")] == "'Processus'!A4"
    assert links[("Fiche réflexe", "A3")] == "'Fiche réflexe'!A3"
    assert [(row[0].value, row[1].value, row[2].value) for row in corrections] == REA_IN_ORDER
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
