"""The shipped demo hospital: complete, realistic in size, and read identically after LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CHU_CODES, DEMO_CODES

from pca_xlsx.read import discover, read_referential, read_service_workbook

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "workbooks"


def test_demo_referential() -> None:
    ref = read_referential(DEMO / "referentiel.xlsx")
    assert ref.name == "CHU Exemple"
    assert ref.service_codes == DEMO_CODES and len(CHU_CODES) == 24
    assert list(ref.establishments["code"]) == ["CHUEX", "CHVM"] and ref.establishments["share"].sum() <= 100
    assert 6 <= len(ref.poles) <= 11 and ref.findings == []
    assert len(ref.resource_names) == 25
    assert 4 <= len(ref.scenario_names) <= 5
    assert set(ref.services["category"]) == {"Critique", "Support", "Modèle"}


def test_demo_workbooks_read_cleanly() -> None:
    ref = read_referential(DEMO / "referentiel.xlsx")
    paths = discover(DEMO, subfolders=["CHVM"])
    assert [p.stem for p in paths] == sorted(CHU_CODES) + sorted(set(DEMO_CODES) - set(CHU_CODES))
    total = 0
    services = []
    for path in paths:
        data = read_service_workbook(path)
        assert data.findings == [], path.name
        rows = data.rows_read()
        assert 10 <= rows["processus"] <= 50, path.name
        assert rows["maturite"] == 10 and rows["service"] == 1
        assert rows["fiche_reflexe"] >= 5
        total += rows["processus"]
        services.append(data.service)
        assert path.name == f"{data.service}.xlsx"
    assert sorted(services) == sorted(ref.service_codes)
    assert total >= 600


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_demo_workbook_resaved_by_libreoffice_reads_back_identically(tmp_path: Path) -> None:
    source = DEMO / "OBST.xlsx"
    if not source.exists():
        source = discover(DEMO)[0]
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    before = read_service_workbook(source)
    after = read_service_workbook(out / source.name)
    assert after.findings == []
    for key, sheet in before.sheets.items():
        again = after.sheets[key]
        assert again.records() == sheet.records(), key
        assert again.row_numbers == sheet.row_numbers, key
        assert again.letters == sheet.letters and again.cells == sheet.cells, key


def test_demo_validates_without_any_finding(tmp_path: Path) -> None:
    from pca_xlsx import pipeline

    result = pipeline.validate(pipeline.Options(DEMO, tmp_path / "o"))
    assert [f.code for f in result.report.findings] == []
    assert len(result.workbooks) == len(DEMO_CODES)
    assert result.exit_code == 0
