"""``pca-xlsx export --format datapackage`` on the demo GHT: valid for Frictionless, same rows as the workbook.

The consolidated workbook is read back with openpyxl (its Excel tables give each table's cells); the
CSV files with the csv module; the package is validated by the ``frictionless`` library itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from xlsx_tables import table_grids

from pca_xlsx import pipeline
from pca_xlsx.format.tables import TABLES

frictionless = pytest.importorskip("frictionless")
ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("", "etablissements/CHUEX", "etablissements/CHVM")


@pytest.fixture(scope="module")
def output(tmp_path_factory, demo_run) -> Path:
    """The demo's export, beside the consolidated workbooks of the session's demo run (same plan, same day)."""
    base = tmp_path_factory.mktemp("package")
    shutil.copytree(ROOT / "workbooks", base / "workbooks")
    options = pipeline.Options(base / "workbooks", base / "output")
    assert pipeline.export(options, formats=("datapackage",)).exit_code == 0
    _, run = demo_run
    for level in LEVELS:
        shutil.copytree(run / level / "consolidation", base / "output" / level / "consolidation")
    return base / "output"


@pytest.mark.parametrize("level", LEVELS)
def test_frictionless_validates_the_package(output: Path, level: str):
    report = frictionless.validate(str(output / level / "export" / "donnees" / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


def _norm(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() and "." in text else text


def _workbook_tables(path: Path) -> dict[str, list[list[str]]]:
    """Excel table name → its rows (header first) as normalised text."""
    return {name: [[_norm(v) for v in row] for row in rows] for name, rows in table_grids(path).items()}


def _excel_name(name: str) -> str:
    """The Excel table name the workbook gives a declared table: « T_ » and its name in ASCII."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "T_" + re.sub(r"\W+", "_", plain).strip("_")


@pytest.mark.parametrize("level", LEVELS)
def test_each_csv_holds_the_workbook_rows(output: Path, level: str):
    folder = output / level / "export" / "donnees"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    sheets = _workbook_tables(output / level / "consolidation" / "PCA_consolide.xlsx")
    assert len(package["resources"]) >= 30
    for resource in package["resources"]:
        with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == [f["name"] for f in resource["schema"]["fields"]]
        excel = sheets.get(_excel_name(TABLES[resource["name"]].name))
        assert excel is not None, resource["name"]
        assert [f["title"] for f in resource["schema"]["fields"]] == [h.split(" (")[0] if h.endswith(")") and
               h.rsplit(" (", 1)[-1][:-1].isdigit() else h for h in excel[0]]  # fmt: skip
        data = [r for r in excel[1:] if any(r)]
        assert len(rows) - 1 == len(data), resource["name"]
        for mine, theirs in zip(rows[1:], data, strict=True):
            assert [_norm(v) for v in mine] == theirs, resource["name"]


def test_package_describes_fields_and_keys(output: Path):
    package = json.loads((output / "export" / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in package["resources"]}
    services = by_name["synthese_services"]["schema"]
    assert services["primaryKey"] == ["code"]
    code = next(f for f in services["fields"] if f["name"] == "code")
    assert code["title"] == "Code service" and code["constraints"]["required"] is True
    processes = by_name["processus"]["schema"]
    assert {"fields": ["code"], "reference": {"resource": "synthese_services", "fields": ["code"]}} in processes[
        "foreignKeys"
    ]
    assert next(f for f in processes["fields"] if f["name"] == "number")["title"] == "N°"
