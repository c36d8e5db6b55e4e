"""Templates: generated from the referential, filled as a referent would, read back cell by cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import service_cell

from pca_xlsx import pipeline
from pca_xlsx.format import MATURITY_QUESTIONS, SERVICE_SHEETS, TEMPLATE_VERSION
from pca_xlsx.read import read_referential, read_service_workbook
from pca_xlsx.write.template import write_template


@pytest.fixture
def template(folder: Path, tmp_path: Path) -> Path:
    ref = read_referential(folder / "referentiel.xlsx")
    return write_template(tmp_path / "PUI.xlsx", ref, "PUI")


def _list_values(wb: openpyxl.Workbook, name: str) -> list[str]:
    defined = wb.defined_names[name]
    ((sheet, ref),) = defined.destinations
    return [c.value for row in wb[sheet][ref.replace("$", "")] for c in row]


def test_template_sheets_and_prefilled_service(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == [s.name for s in SERVICE_SHEETS] + ["Listes"]
    assert wb["Listes"].sheet_state == "hidden"
    ws = wb["Service"]
    assert ws["A2"].value == "Code service*"
    assert ws["B2"].value == "PUI"
    assert ws["B3"].value == "Pharmacie à usage intérieur"
    assert ws["B4"].value == "Pôle Médico-technique"
    assert ws["B5"].value == "Support"
    assert ws[service_cell("template_version")].value == TEMPLATE_VERSION  # after the rows of every version
    assert ws.protection.sheet is True
    assert ws["B2"].protection.locked is True
    assert ws["B6"].protection.locked is False  # Référent médical: to fill
    assert [wb["Maturité"].cell(r, 1).value for r in range(2, 12)] == list(MATURITY_QUESTIONS)


def test_template_dropdowns_list_referential_values(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb["Processus"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "N°*"
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    resource = rules["D2:D501"]
    assert resource.type == "list" and resource.formula1 == "Liste_ressources"
    assert _list_values(wb, "Liste_ressources") == ["DPI", "SGL", "Téléphonie"]
    assert rules["F2:F501"].formula1 == "Liste_services"
    assert _list_values(wb, "Liste_services") == ["LABO", "REA"]  # its pôle first, itself excluded
    assert rules["J2:J501"].formula1 == "Liste_processus_status"
    assert _list_values(wb, "Liste_processus_status") == ["À construire", "Définie", "Testée"]
    assert rules["A2:A501"].type == "whole"
    assert rules["C2:C501"].promptTitle == "Criticité"
    exercises = {str(dv.sqref): dv for dv in wb["Exercices"].data_validations.dataValidation}
    assert exercises["A2:A501"].type == "date"
    # at least 60 prepared rows in Processus, input cells unlocked, labels locked
    assert ws.max_row >= 61
    assert ws["A1"].protection.locked is True and ws["B61"].protection.locked is False


def test_template_round_trip(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb["Service"]
    ws["B6"] = "Dr Hélène ROUX"
    ws["B8"] = "Paul MARTIN"
    ws["B11"] = 80
    ws["B16"] = dt.datetime(2026, 6, 1)
    m = wb["Maturité"]
    for r in range(2, 12):
        m.cell(r, 2).value = "Oui"
    p = wb["Processus"]
    p.append([])  # nothing: appended rows land after the prepared ones, the reader must not care
    p["A2"], p["B2"], p["C2"], p["D2"] = 1, "Commande des gaz médicaux", "Vitale", "Téléphonie"
    p["E2"], p["F2"], p["J2"] = "Bon de commande papier faxé", "REA; LABO", "Définie"
    p["A3"], p["B3"], p["C3"], p["D3"], p["J3"] = 2, "Délivrance nominative", "Majeure", "DPI", "À construire"
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)

    data = read_service_workbook(filled)
    assert data.findings == []
    assert data.service == "PUI"
    service = data.sheets["service"]
    record = service.records()[0]
    assert record["medical_referent"] == "Dr Hélène ROUX" and service.address("medical_referent") == "B6"
    assert record["ambition"] == 80 and service.address("ambition") == "B11"
    assert record["updated"] == dt.date(2026, 6, 1)
    assert record["template_version"] == TEMPLATE_VERSION
    processes = data.sheets["processus"]
    assert len(processes.rows) == 2
    first, second = processes.records()
    assert first["process"] == "Commande des gaz médicaux" and processes.address("process", 0) == "B2"
    assert first["relies_on"] == "REA; LABO" and processes.address("relies_on", 0) == "F2"
    assert first["status"] == "Définie" and processes.address("status", 0) == "J2"
    assert second["resource"] == "DPI" and processes.address("resource", 1) == "D3"
    answers = data.sheets["maturite"]
    assert len(answers.rows) == 10 and answers.address("answer", 9) == "B11"
    assert data.rows_read()["applications"] == 0


def test_templates_command_writes_one_per_service(folder: Path, tmp_path: Path) -> None:
    written = pipeline.templates(pipeline.Options(workbooks=folder, output=tmp_path / "out"))
    assert sorted(p.name for p in written) == ["LABO.xlsx", "PUI.xlsx", "REA.xlsx"]
    assert all(p.parent == tmp_path / "out" / "modeles" for p in written)
    assert not (folder / "modeles").exists()


def test_written_files_are_readable_by_colleagues(tmp_path: Path) -> None:
    import os
    import stat

    from pca_xlsx.core.files import atomic_path

    target = tmp_path / "partage" / "rapport.xlsx"
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]
