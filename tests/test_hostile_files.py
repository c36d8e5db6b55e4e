"""Broken and hostile files become findings on that file; the other workbooks are still validated."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import check

from pca_xlsx.cli import cli
from pca_xlsx.findings import ERROR, WARNING
from pca_xlsx.read import discover, read_referential, safety

PROCESSES_PART = "xl/worksheets/sheet5.xml"  # Lisez-moi, Service, Maturité, Applications, Processus...


def rezip(path: Path, change) -> None:
    """Rewrite the zip at ``path`` with ``change(name, data) -> data`` applied to each part."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, change(info.filename, data))


def replace_in(part: str, old: bytes, new: bytes):
    def change(name: str, data: bytes) -> bytes:
        if name == part:
            assert old in data
            data = data.replace(old, new, 1)
        return data

    return change


def formula_at_a3(part: str, cached: bool):
    """Turn cell A3 (the value 2, whatever its style id) into the formula 1+1, with or without its cached value."""

    def change(name: str, data: bytes) -> bytes:
        if name == part:
            match = re.search(rb'<c r="A3"( s="\d+")?><v>2</v>', data)
            assert match
            formula = b'<c r="A3"' + (match.group(1) or b"") + b"><f>1+1</f>" + (b"<v>2</v>" if cached else b"")
            data = data[: match.start()] + formula + data[match.end() :]
        return data

    return change


def findings_of(report, file: str) -> list[tuple[str, str, str, str]]:
    return sorted((f.code, f.severity, f.sheet, f.cell) for f in report.findings if f.file == file)


def others_still_validated(report, tables, broken: str) -> None:
    assert findings_of(report, "LABO.xlsx") == []
    processes = tables["processus"]
    assert list(processes.loc[processes["_file"] == "LABO.xlsx", "_row"]) == [2, 3, 4]
    assert all(f.file == broken for f in report.findings)


#: An OLE container (encrypted Office file or legacy workbook) holding the directory entry ``name`` (UTF-16).
def ole(name: str = "") -> bytes:
    return safety.OLE_MAGIC + b"\0" * 600 + name.encode("utf-16-le") + b"\0" * 64


CANNOT = "Le fichier ne peut pas être lu : "
PASSWORD = (
    CANNOT + "c'est un classeur protégé par mot de passe ; ouvrez-le dans Excel, retirez le mot de passe (Fichier › "
    "Informations › Protéger le classeur › Chiffrer avec mot de passe : effacez-le), enregistrez-le et renvoyez-le."
)
LEGACY = (
    CANNOT + "c'est un ancien format Excel (.xls) ; ouvrez-le dans Excel et enregistrez-le au format .xlsx (Fichier › "
    "Enregistrer sous › Classeur Excel), puis renvoyez-le."
)


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("REA.xlsx", b"Bonjour, ceci n'est pas un classeur", "fichier-pas-xlsx",
         CANNOT + "ce n'est pas un classeur Excel .xlsx ; enregistrez-le au format .xlsx."),
        ("REA.xlsx", ole("EncryptionInfo"), "fichier-chiffre", PASSWORD),  # an encrypted .xlsx: an OLE container
        ("REA.xls", ole("Workbook"), "fichier-xls", LEGACY),
        ("REA.xls", ole(), "fichier-xls", LEGACY),  # the extension settles it
        ("REA.xlsx", ole("Workbook"), "fichier-xls", LEGACY),  # a .xls renamed .xlsx
        ("REA.xlsx", ole(), "fichier-chiffre-ou-xls",
         CANNOT + "c'est un classeur protégé par mot de passe ou un ancien format Excel (.xls) ; ouvrez-le dans Excel "
         "ou LibreOffice et enregistrez-le au format .xlsx sans mot de passe."),
        ("REA.xlsx", b"", "fichier-illisible",
         CANNOT + "le fichier est vide (0 octet) ; ouvrez le classeur dans Excel, enregistrez-le de nouveau et "
         "renvoyez-le."),
    ],
)  # fmt: skip
def test_unreadable_file_is_one_error(folder: Path, name: str, content: bytes, code: str, message: str) -> None:
    (folder / "REA.xlsx").unlink()
    (folder / name).write_bytes(content)
    report, tables = check(folder)
    assert findings_of(report, name) == [(code, ERROR, "", "")]
    others_still_validated(report, tables, name)
    assert report.findings[0].message == message


def test_truncated_zip(folder: Path) -> None:
    data = (folder / "REA.xlsx").read_bytes()
    (folder / "REA.xlsx").write_bytes(data[: len(data) // 2])
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("fichier-corrompu", ERROR, "", "")]
    others_still_validated(report, tables, "REA.xlsx")


def test_macro_workbook_is_read_with_a_warning(folder: Path) -> None:
    (folder / "REA.xlsx").rename(folder / "REA.xlsm")
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsm") == [("fichier-macros", WARNING, "", "")]
    assert (tables["processus"]["_file"] == "REA.xlsm").sum() == 3


def test_empty_workbook(folder: Path) -> None:
    openpyxl.Workbook().save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("fichier-vide", ERROR, "", "")]
    others_still_validated(report, tables, "REA.xlsx")


def test_missing_sheet(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    del book["Télécom"]
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("feuille-manquante", ERROR, "Télécom", "")]
    assert (tables["processus"]["_file"] == "REA.xlsx").sum() == 3


def test_missing_required_header_names_the_closest(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["J1"] = "Statut parade"
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("entete-manquante", ERROR, "Processus", "")]
    assert "« Statut parade »" in report.findings[0].message and "« Statut de la parade »" in report.findings[0].message
    rea = tables["processus"][tables["processus"]["_file"] == "REA.xlsx"]
    assert len(rea) == 3 and rea["_errors"].all()


def test_merged_cells_warn_and_are_read_once(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["H3"] = "Tubes et bons"
    book["Processus"].merge_cells("H3:I3")
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("cellules-fusionnees", WARNING, "Processus", "H3")]
    row = tables["processus"].query("_file == 'REA.xlsx' and _row == 3").iloc[0]
    assert (row["prerequisites"], row["owner"]) == ("Tubes et bons", None)


def test_formula_with_cached_value_is_read(folder: Path) -> None:
    rezip(
        folder / "REA.xlsx",
        formula_at_a3(PROCESSES_PART, cached=True),
    )
    report, tables = check(folder)
    assert report.findings == []
    assert tables["processus"].query("_file == 'REA.xlsx'")["number"].tolist() == [1, 2, 3]


def test_formula_without_cached_value_is_an_error(folder: Path) -> None:
    rezip(folder / "REA.xlsx", formula_at_a3(PROCESSES_PART, cached=False))
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("formule-sans-valeur", ERROR, "Processus", "A3")]
    assert "recalculez" in report.findings[0].message
    assert tables["processus"].query("_file == 'REA.xlsx'")["_errors"].tolist() == [False, True, False]


@pytest.mark.parametrize("padding", [b"", b"<!--" + b" <a> " * 1000 + b"-->"])
def test_xml_entity_attack_is_refused(folder: Path, padding: bytes) -> None:
    bomb = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    rezip(folder / "REA.xlsx", replace_in(PROCESSES_PART, b"<worksheet ", padding + bomb + b"<worksheet "))
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("fichier-dangereux", ERROR, "", "")]
    assert "entités XML" in report.findings[0].message
    others_still_validated(report, tables, "REA.xlsx")


def test_zip_bomb_is_refused_before_inflating(folder: Path) -> None:
    rezip(folder / "REA.xlsx", replace_in(PROCESSES_PART, b"<sheetData>", b"<sheetData>" + b" " * 4_000_000))
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("fichier-dangereux", ERROR, "", "")]
    assert "bombe de décompression" in report.findings[0].message
    others_still_validated(report, tables, "REA.xlsx")


def test_total_uncompressed_size_is_limited(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 100_000)
    report, _ = check(folder)
    assert {f.code for f in report.findings} == {"fichier-dangereux"} and len(report.findings) == 2


def test_control_characters_are_stripped(folder: Path) -> None:
    rezip(
        folder / "REA.xlsx",
        replace_in(
            "xl/sharedStrings.xml", b"Prescription m\xc3\xa9dicamenteuse", b"Prescription_x0007_ m\xc3\xa9dicamenteuse"
        ),
    )
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("caracteres-controle", WARNING, "Processus", "B2")]
    assert tables["processus"].query("_file == 'REA.xlsx'")["process"].iloc[0] == "Prescription médicamenteuse"


def test_cell_longer_than_excel_allows(folder: Path) -> None:
    rezip(
        folder / "REA.xlsx",
        replace_in("xl/sharedStrings.xml", b"Prescription m\xc3\xa9dicamenteuse", b"x" * 40_000),
    )
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("texte-trop-long", WARNING, "Processus", "B2")]
    assert "40000 caractères" in report.findings[0].message
    assert len(tables["processus"].query("_file == 'REA.xlsx'")["process"].iloc[0]) == 32_767


def test_ten_thousand_rows(folder: Path) -> None:
    from conftest import service_content

    from pca_xlsx.write.template import write_service_workbook

    content = service_content("REA")
    base = content["processus"][0]
    content["processus"] = [dict(base, number=n) for n in range(1, 10_001)]
    ref = read_referential(folder / "referentiel.xlsx")
    write_service_workbook(folder / "REA.xlsx", ref, "REA", content)
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("lignes-nombreuses", WARNING, "Processus", "A52")]
    assert "10000 lignes" in report.findings[0].message
    assert (tables["processus"]["_file"] == "REA.xlsx").sum() == 10_000


def test_lock_files_are_skipped_silently(folder: Path) -> None:
    shutil.copy(folder / "REA.xlsx", folder / "~$REA.xlsx")
    (folder / "~$LABO.xlsx").write_bytes(b"\0" * 165)
    assert [p.name for p in discover(folder)] == ["LABO.xlsx", "REA.xlsx"]


def test_cli_reports_broken_files_without_traceback(folder: Path, tmp_path: Path) -> None:
    (folder / "PUI.xlsx").write_bytes(b"PK\x03\x04 tronque")
    (folder / "OLD.xls").write_bytes(ole("Workbook"))
    result = CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    report = tmp_path / "out" / "validation" / "rapport_validation.xlsx"
    book = openpyxl.load_workbook(report)
    rows = list(book["Anomalies"].iter_rows(min_row=2, values_only=True))
    assert sorted((r[0], r[5]) for r in rows) == [
        ("OLD.xls", "Ancien format Excel (.xls)"),
        ("PUI.xlsx", "Fichier endommagé"),
    ]
    assert re.search(r"2 erreur", result.output)


FAR_ROW = b'<row r="1048576"><c r="XFD1048576" %s</row></sheetData>'


def test_a_far_away_cell_is_refused_before_reading(folder: Path) -> None:
    far = FAR_ROW % b't="inlineStr"><is><t>x</t></is></c>'
    rezip(folder / "REA.xlsx", replace_in("xl/worksheets/sheet6.xml", b"</sheetData>", far))
    report, tables = check(folder)
    assert findings_of(report, "REA.xlsx") == [("fichier-dangereux", ERROR, "", "")]
    others_still_validated(report, tables, "REA.xlsx")


def test_a_far_away_styled_empty_cell_is_harmless(folder: Path) -> None:
    rezip(folder / "REA.xlsx", replace_in("xl/worksheets/sheet6.xml", b"</sheetData>", FAR_ROW % b's="1"/>'))
    report, tables = check(folder)
    assert report.findings == []
    assert (tables["telecom"]["_file"] == "REA.xlsx").sum() == 1
