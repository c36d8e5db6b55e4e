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
        # an empty value is empty in the data; the workbook shows the field's words (« sans responsable »)
        empty = {f.key: f.empty for f in TABLES[resource["name"]].fields}  # (not the run-time columns)
        words = [empty.get(f["name"], "") for f in resource["schema"]["fields"]]
        for mine, theirs in zip(rows[1:], data, strict=True):
            shown = [w if w and v == "" else _norm(v) for v, w in zip(mine, words)]
            assert shown == theirs, resource["name"]


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


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rows_carry_their_pole_and_establishment_codes_and_empty_values_stay_empty(output: Path):
    """At GHT level another tool places every service, pôle and process row in its establishment: the codes
    are the referential's (read here from referentiel.xlsx); a count says it is a count; an empty owner or
    tolerable interruption is empty, not the workbook's words for it."""
    import openpyxl

    ref = openpyxl.load_workbook(ROOT / "workbooks" / "referentiel.xlsx", read_only=True)
    pole_of = {r[0]: r[2] for r in ref["Services"].iter_rows(min_row=2, values_only=True) if r[0]}
    owner_of = {r[0]: r[5] for r in ref["Pôles"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert set(owner_of.values()) == {"CHUEX", "CHVM"}
    folder = output / "export" / "donnees"
    services = _csv(folder, "synthese_services")
    assert {r["code"]: (r["pole"], r["establishment"]) for r in services} == {
        code: (pole, owner_of[pole]) for code, pole in pole_of.items()
    }
    processes = _csv(folder, "processus")
    assert len(processes) == 697 and all(  # the demo's process rows
        (r["pole"], r["establishment"]) == (pole_of[r["code"]], owner_of[pole_of[r["code"]]]) for r in processes
    )
    poles = _csv(folder, "synthese_poles")
    assert {r["pole"]: r["establishment"] for r in poles} == owner_of
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    received = fields["synthese_poles"]["received"]
    assert received["type"] == "integer" and received["description"] == "Services dont le classeur est reçu."
    assert sum(int(r["received"]) for r in poles) == sum(r["received"] == "Oui" for r in services) == 27
    vital = _csv(folder, "processus_vitaux")
    assert len(vital) == 14 and sum(r["owner"] == "" for r in vital) == 14  # no action cites them
    assert [r["code"] for r in vital if r["tolerable"] == ""] == ["HEMA"]  # Internet, not in HEMA's applications
    for path in folder.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert "sans responsable" not in text and "non déclarée" not in text, path.name
    # an establishment's own package: its pôle codes, no establishment column (it is the package's)
    own = output / "etablissements" / "CHVM" / "export" / "donnees"
    rows = _csv(own, "processus")
    assert "establishment" not in rows[0] and {r["pole"] for r in rows} == {"VMMED"}
