"""pandera schemas derived from the format description; one lazy validation per stacked table."""

from __future__ import annotations

import datetime as dt
import numbers
from typing import Any

import pandas as pd
import pandera.pandas as pa

from ..format import Column, Sheet
from .locate import Collector, suggestion

#: Lookups whose values are checked by the schema (service codes are cross-checked with their own messages).
SCHEMA_LOOKUPS = {"ressources": "ressource-inconnue", "scenarios": "scenario-inconnu"}


_NOT_NUMBERS = (str, bool, type(None), dt.date, dt.datetime)


def is_integer(v: Any) -> bool:
    """An integer (not a boolean) that fits in 64 bits; exact types first, for speed."""
    kind = type(v)
    if kind is int:
        return -(2**63) < v < 2**63
    if kind is float or kind in _NOT_NUMBERS:
        return False
    return isinstance(v, numbers.Integral) and not isinstance(v, bool) and abs(v) < 2**63


def is_real(v: Any) -> bool:
    """A real number, not a boolean (NaN included)."""
    kind = type(v)
    if kind is float or kind is int:
        return True
    if kind in _NOT_NUMBERS:
        return False
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def is_date(v: Any) -> bool:
    """A date without time."""
    kind = type(v)
    if kind is dt.date:
        return True
    if kind is dt.datetime or kind is str or kind is float or kind is int or v is None:
        return False
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def _is_integer(series: pd.Series) -> pd.Series:
    return series.map(is_integer)


def _is_number(series: pd.Series) -> pd.Series:
    return series.map(lambda v: is_real(v) and v == v)


def _is_date(series: pd.Series) -> pd.Series:
    return series.map(is_date)


def _in_range(low: float | None, high: float | None):
    def check(series: pd.Series) -> pd.Series:
        values = pd.to_numeric(series.where(_is_number(series)), errors="coerce")
        ok = pd.Series(True, index=series.index)
        if low is not None:
            ok &= ~(values < low)
        if high is not None:
            ok &= ~(values > high)
        return ok

    return check


def _bounds(column: Column) -> str:
    def show(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")

    if column.min is not None and column.max is not None:
        return f"entre {show(column.min)} et {show(column.max)}"
    if column.min is not None:
        return f"supérieur ou égal à {show(column.min)}"
    return f"inférieur ou égal à {show(column.max)}"


def allowed_values(column: Column, lookups: dict[str, list[str]]) -> list[str] | None:
    """Values the schema accepts for a column, or None when it checks no vocabulary."""
    if column.choices:
        return list(column.choices)
    if column.lookup in SCHEMA_LOOKUPS and not column.multi:
        return lookups.get(column.lookup, [])
    return None


def build_schema(spec: Sheet, lookups: dict[str, list[str]]) -> pa.DataFrameSchema:
    """The pandera schema of one sheet: required -> not null, choices -> isin, kinds and bounds -> checks."""
    columns = {}
    for column in spec.columns:
        checks = []
        if column.kind == "integer":
            checks.append(pa.Check(_is_integer, name="entier"))
        elif column.kind == "number":
            checks.append(pa.Check(_is_number, name="nombre"))
        elif column.kind == "date":
            checks.append(pa.Check(_is_date, name="date"))
        if column.kind in ("integer", "number") and (column.min is not None or column.max is not None):
            checks.append(pa.Check(_in_range(column.min, column.max), name="limites"))
        allowed = allowed_values(column, lookups)
        if allowed is not None:
            accepted = frozenset(allowed)
            checks.append(pa.Check(lambda s, a=accepted: s.isin(a), name="choix"))
        columns[column.key] = pa.Column(None, checks=checks, nullable=not column.required, required=True)
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


def run_schema(frame: pd.DataFrame, spec: Sheet, lookups: dict[str, list[str]], out: Collector) -> None:
    """Validate one stacked table lazily and turn every failure case into a finding at its cell."""
    if frame.empty:
        return
    try:
        build_schema(spec, lookups).validate(frame, lazy=True)
        return
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    for case in cases.itertuples(index=False):
        if case.column not in spec.keys or pd.isna(case.index):
            continue
        column = spec.column(case.column)
        idx = int(case.index)
        _report(case.check, column, frame, idx, frame.at[idx, column.key], spec, lookups, out)


def _report(check: str, column: Column, frame, idx: int, value: Any, spec: Sheet, lookups, out: Collector) -> None:
    key, label = column.key, column.label
    if check == "not_nullable":
        file = frame.at[idx, "_file"]
        cell = out.address(file, spec.key, key, frame.at[idx, "_row"])
        sheet = out.sheets[(file, spec.key)]
        if not cell and sheet.version and not column.in_version(sheet.version):
            return  # the workbook's template version has no such column: never an error
        if not cell or cell in sheet.formulas:
            out.mark(frame, idx)  # missing column or uncomputed formula: already reported
            return
        out.at("valeur-obligatoire", spec.key, frame, idx, key, label=label, request=column.request)
    elif check == "entier":
        out.at("entier-attendu", spec.key, frame, idx, key, value, label=label)
    elif check == "nombre":
        out.at("nombre-attendu", spec.key, frame, idx, key, value, label=label)
    elif check == "date":
        out.at("date-invalide", spec.key, frame, idx, key, value, label=label)
    elif check == "limites":
        out.at("hors-limites", spec.key, frame, idx, key, value, label=label, bounds=_bounds(column))
    elif check == "choix":
        allowed = allowed_values(column, lookups) or []
        hint = suggestion(value, allowed, referential=column.lookup is not None)
        if column.lookup in SCHEMA_LOOKUPS and not column.choices:
            out.at(SCHEMA_LOOKUPS[column.lookup], spec.key, frame, idx, key, value, hint=hint)
        else:
            shown = ", ".join(allowed)
            out.at("valeur-non-permise", spec.key, frame, idx, key, value, label=label, allowed=shown, hint=hint)
