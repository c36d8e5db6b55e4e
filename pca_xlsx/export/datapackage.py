"""The open data package: one CSV per table of the consolidated workbook and ``datapackage.json``.

The tables and their rows are exactly those the workbook writer lays out: the sheets are laid out
once by a :class:`Recorder`, a workbook writer that keeps each table's frame instead of writing its
cells. Each resource's schema is the table's declaration (:mod:`pca_xlsx.format.tables`) as a
Frictionless Table Schema: field names, French titles and descriptions, types, required fields,
primary and foreign keys. CSV: UTF-8, one header row of field names, ISO dates, lists as « ; ».
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import xlsxwriter

from ..core.files import atomic_path
from ..format.output import Field, Table
from ..format.vocabulary import NO, YES
from ..write.consolidated_sheets import write_all
from ..write.layout import Writer

PACKAGE = "datapackage.json"


class Recorder(Writer):
    """A workbook writer that records each table (declaration and frame) and writes no cell of it."""

    def __init__(self):
        super().__init__(xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True}))
        self.recorded: dict[str, tuple[Table, pd.DataFrame]] = {}

    def table(self, ws, top: int, df: pd.DataFrame, spec: Table, left: int = 0) -> int:
        spec = self.laid_out(spec)
        spec.check(df)
        self.recorded.setdefault(spec.key, (spec, df))
        return top + max(len(df), 1) + 2


def tables(consolidation) -> list[tuple[Table, pd.DataFrame]]:
    """Every table of the consolidated workbook, in workbook order, with its rows."""
    recorder = Recorder()
    write_all(recorder, consolidation)
    return list(recorder.recorded.values())


def _missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(value, f: Field) -> str:
    """One value as CSV text, in the field's Frictionless type."""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value if not _missing(v))
    if _missing(value):
        return ""
    if f.kind == "date":
        day = pd.Timestamp(value).date() if not isinstance(value, dt.date) else value
        return (day.date() if isinstance(day, dt.datetime) else day).isoformat()
    if f.kind == "integer" and isinstance(value, (int, float)) and float(value).is_integer():
        return str(int(value))
    if f.kind == "yesno" and isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer() and f.kind != "number":
        return str(int(value))
    return str(value)


def _schema(spec: Table) -> dict:
    schema = spec.descriptor()
    schema["fields"] = [f.descriptor() for f in spec.all_fields]
    for f in schema["fields"]:
        if f["type"] == "date":
            f["format"] = "%Y-%m-%d"
    out = {"fields": schema["fields"]}
    if "primaryKey" in schema:
        out["primaryKey"] = schema["primaryKey"]
    if "foreignKeys" in schema:
        out["foreignKeys"] = schema["foreignKeys"]
    return out


def _write_csv(path: Path, spec: Table, df: pd.DataFrame) -> None:
    fields = spec.all_fields
    columns = [df[f.key].tolist() if f.key in df else [None] * len(df) for f in fields]
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.key for f in fields])
        for row in zip(*columns, strict=True) if columns else ():
            writer.writerow([_cell(v, f) for v, f in zip(row, fields, strict=True)])


def write_package(folder: Path, consolidation) -> list[Path]:
    """``folder/<table>.csv`` for every table and ``folder/datapackage.json``."""
    folder = Path(folder)
    resources, written = [], []
    found = tables(consolidation)
    present = {spec.key for spec, _ in found}
    for spec, df in found:
        path = folder / f"{spec.key}.csv"
        _write_csv(path, spec, df)
        written.append(path)
        schema = _schema(spec)
        keys = [k for k in schema.get("foreignKeys", []) if k["reference"]["resource"] in present]
        schema.pop("foreignKeys", None)
        if keys:
            schema["foreignKeys"] = keys
        resource = {"name": spec.key, "path": path.name, "title": spec.title, "format": "csv",
                    "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}  # fmt: skip
        if spec.description:
            resource["description"] = spec.description
        resources.append(resource)
    package = {
        "name": "pca-consolide",
        "title": f"Plan de continuité d'activité consolidé — {consolidation.establishment}",
        "description": "Les tableaux du classeur consolidé PCA_consolide.xlsx, produits par pca-xlsx.",
        "created": consolidation.generated.replace(microsecond=0).isoformat(),
        "resources": resources,
    }
    target = folder / PACKAGE
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*written, target]
