"""Template versions: version-1 workbooks stay readable beside version-2 ones, judged by their own format."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import DEMO, check, edit

from pca_xlsx import pipeline
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.findings import ERROR, WARNING
from pca_xlsx.format import DATA_SHEETS, SHEETS_BY_KEY, TEMPLATE_VERSION, versions
from pca_xlsx.read import read_referential, read_service_workbook

V1 = Path(__file__).parent / "data" / "v1"
V1_FILES = ("IMAG.xlsx", "LABO.xlsx", "PUI.xlsx", "REA.xlsx")
TODAY = dt.date(2026, 11, 29)
OLD = "modèle version 1 : mettez-le à jour avec pca-xlsx upgrade. Ce que cette version n'avait pas n'est pas exigé."


def interface_cells(path: Path) -> dict[int, str]:
    """Row -> « Services en interface » (column F) of a version-1 workbook, read with openpyxl."""
    ws = openpyxl.load_workbook(path)["Processus"]
    assert ws["F1"].value == "Services en interface"
    return {cell.row: cell.value for cell in ws["F"][1:] if cell.value}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The demo (version 2) with four of its workbooks replaced by their version-1 copies."""
    folder = tmp_path / "workbooks"
    shutil.copytree(DEMO, folder)
    for name in V1_FILES:
        shutil.copy(V1 / name, folder / name)
    return folder


def test_the_current_template_is_version_2() -> None:
    assert versions.CURRENT == 3 and TEMPLATE_VERSION == "2026.3" == versions.VERSIONS[3]
    assert versions.VERSIONS[1] == "2026.1" and versions.VERSIONS[2] == "2026.2"
    assert [s.name for s in DATA_SHEETS if s.since == 2] == ["Plan d'actions"]


def test_a_version_1_workbook_is_recognised_and_needs_nothing_new() -> None:
    data = read_service_workbook(V1 / "REA.xlsx")
    assert data.version == 1 and data.version_label == "2026.1"
    assert [(f.code, f.severity, f.sheet, f.cell, f.message) for f in data.findings] == [
        ("modele-ancien", WARNING, "Service", "B17", OLD)
    ]
    assert "plan_actions" not in data.sheets


def test_version_1_workbooks_validate_with_two_warnings_each(mixed: Path) -> None:
    report, tables = check(mixed)
    assert report.errors == []
    by_file = {}
    for item in report.findings:
        by_file.setdefault(item.file, []).append((item.code, item.sheet, item.cell))
    assert by_file == {
        name: [("modele-ancien", "Service", "B17"), ("interfaces-reparties", "Processus", "F1")] for name in V1_FILES
    }
    pui = next(f for f in report.findings if f.file == "PUI.xlsx" and f.code == "interfaces-reparties")
    assert pui.message == (
        "« Services en interface » (modèle version 1) est lu comme « Services bénéficiaires » (service support) : "
        "vérifiez-le, ou mettez le classeur à jour avec pca-xlsx upgrade."
    )
    processes = tables["processus"]
    for name, column, other in (("REA.xlsx", "relies_on", "serves"), ("PUI.xlsx", "serves", "relies_on")):
        rows = processes[processes["_file"] == name].set_index("_row")
        expected = interface_cells(V1 / name)
        assert {r: v for r, v in rows[column].items() if v} == expected
        assert rows[other].isna().all()
        assert "interfaces" not in processes.columns
    # a version-1 workbook has no Plan d'actions, no validation, no document state: empty, not missing
    service = tables["service"].set_index("_file")
    assert service.loc["REA.xlsx", "validated_by"] is None and "validated_by" in service.columns
    assert not (tables["plan_actions"]["_file"] == "REA.xlsx").any()


def test_findings_on_a_version_1_interface_point_at_its_old_cell(tmp_path: Path) -> None:
    folder = tmp_path / "workbooks"
    folder.mkdir()
    shutil.copy(V1 / "referentiel.xlsx", folder)
    shutil.copy(V1 / "REA.xlsx", folder)
    edit(folder / "REA.xlsx", {"Processus": {"F2": "PUI; XYZ"}})
    report, _ = check(folder)
    unknown = [f for f in report.findings if f.code == "interface-inconnue"]
    assert [(f.sheet, f.cell, f.value, f.severity) for f in unknown] == [("Processus", "F2", "PUI; XYZ", ERROR)]


def test_consolidating_a_mix_of_versions_keeps_the_direction_of_interfaces(mixed: Path, tmp_path: Path) -> None:
    result = pipeline.validate(pipeline.Options(mixed, tmp_path / "out"), write=False)
    c = build_consolidation(result, compare=False, today=TODAY)
    edges = set(zip(c.interfaces["code"], c.interfaces["depends_on"]))
    # REA (care, version 1) names PUI on row 2: REA relies on PUI
    assert ("REA", "PUI") in edges
    # PUI (support, version 1) names LOGIST and BIOMED on row 2: they rely on PUI
    assert {("LOGIST", "PUI"), ("BIOMED", "PUI")} <= edges
    assert c.control_ok
    assert len(c.details["processus"]) == sum(wb.rows_read()["processus"] for wb in result.workbooks)


def test_a_newer_version_says_to_update_the_tool(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B19": "2027.1"}})
    report, _ = check(folder)
    assert [(f.code, f.severity, f.cell, f.value) for f in report.findings] == [
        ("modele-futur", ERROR, "B19", "2027.1")
    ]
    assert report.findings[0].message == (
        "La version du modèle « 2027.1 » est plus récente que celles que connaît pca-xlsx (2026.1, 2026.2, 2026.3) : "
        "mettez à jour pca-xlsx."
    )


def test_a_missing_version_is_recognised_from_the_headers(tmp_path: Path, folder: Path) -> None:
    old = tmp_path / "old.xlsx"
    shutil.copy(V1 / "LABO.xlsx", old)
    edit(old, {"Service": {"B17": None}})
    assert read_service_workbook(old).version == 1
    edit(folder / "REA.xlsx", {"Service": {"B19": "n'importe quoi"}})
    data = read_service_workbook(folder / "REA.xlsx")
    # recognised as the newest version whose columns a service workbook has (then « older » if not the current)
    newest = max(c.since for s in DATA_SHEETS for c in s.columns)
    assert data.version == newest
    assert [f.code for f in data.findings] == ([] if newest == versions.CURRENT else ["modele-ancien"])


def test_mixed_headers_are_read_by_label_and_the_stray_column_warned(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    ws = book["Processus"]
    ws["K1"], ws["K2"] = "Services en interface", "PUI"
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert sorted((f.code, f.sheet, f.cell) for f in report.findings) == [
        ("hors-version", "Processus", "K1"),
        ("interfaces-reparties", "Processus", "K1"),
    ]
    stray = next(f for f in report.findings if f.code == "hors-version")
    assert stray.message.startswith(
        f"« Services en interface » n'existe pas dans le modèle version {versions.CURRENT} de ce classeur"
    )
    rea = tables["processus"].query("_file == 'REA.xlsx'").set_index("_row")
    assert rea.loc[2, "relies_on"] == "PUI"


def test_a_version_1_label_with_version_2_columns_warns_on_them(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B19": "2026.1"}})
    report, _ = check(folder)
    found = sorted((f.code, f.sheet, f.cell) for f in report.findings)
    assert ("modele-ancien", "Service", "B19") in found
    assert ("hors-version", "Processus", "F1") in found and ("hors-version", "Service", "A17") in found
    assert ("hors-version", "Plan d'actions", "") in found
    assert not report.errors


def test_a_referential_without_the_new_sheets_still_works() -> None:
    ref = read_referential(V1 / "referentiel.xlsx")
    assert len(ref.warnings) == 2
    assert ref.warnings[0].startswith(
        "referentiel.xlsx : la feuille « Annuaire de crise » (modèle version 2) est absente"
    )
    assert ref.crisis_directory.empty and list(ref.crisis_directory.columns) == [
        "function",
        "name",
        "phone",
        "radio",
        "availability",
    ]
    assert ref.resources["owner_service"].isna().all()


def test_the_demo_referential_has_the_version_2_sheets() -> None:
    ref = read_referential(DEMO / "referentiel.xlsx")
    assert ref.warnings == []
    assert len(ref.crisis_directory) == 8 and ref.crisis_directory["phone"].notna().all()
    means = list(dict.fromkeys(ref.backup_means["means"]))  # a means may have one row per establishment (v3)
    assert means == list(SHEETS_BY_KEY["telecom"].column("means").choices)
