"""Normalise raw cell values per column kind, in bulk, before the pandera schemas run.

Text is stripped; a choice matching exactly one allowed value once case, accents and spaces
are ignored becomes that value (with a warning); dates and numbers typed as text are parsed
(with a warning). Values that cannot be normalised are left as typed, for the schemas to reject.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from typing import Any

import pandas as pd

from ..core.values import MAX_CELL_CHARS, XML_FORBIDDEN, parse_date
from ..format import Column, Sheet
from ..read.address import EXAMPLE, parse_address
from ..read.phone import parse_phone
from .locate import Collector
from .suggest import band_for
from .tolerance import clean_invisible, loose, matched, number_with_unit

_SPACES = r"[\s\u00a0\u202f]"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != dt.time(0) else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _blank(value: Any) -> bool:
    """An empty cell: nothing, NaN, or only spaces."""
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str):
        return "str"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, numbers.Integral):
        return "int"
    if isinstance(value, numbers.Real):
        return "float"
    return "other"


#: Kind of the exact types calamine returns (subclasses go through :func:`_kind`).
_KINDS = {bool: "bool", str: "str", dt.datetime: "datetime", dt.date: "date", int: "int", float: "float"}


def _types(series: pd.Series) -> pd.Series:
    """The kind of each value ("str", "float"...), None for missing values."""
    missing = series.isna().to_numpy()
    kinds = [None if m else _KINDS.get(type(v)) or _kind(v) for v, m in zip(series.tolist(), missing)]
    return pd.Series(kinds, index=series.index, dtype=object)


def normalise_text(series: pd.Series, key: str, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """Strings stripped (control characters removed, 32,767 characters at most); other values as text."""
    result = series.astype(object).copy()
    types = _types(series)
    is_str = types == "str"
    if is_str.any():
        index = series.index[is_str.to_numpy()]
        text = [v.strip() for v in series[is_str].tolist()]
        joined = "\n".join(text)  # one search for the column: "\n" is not a control character here
        control = (
            [i for i, value in enumerate(text) if XML_FORBIDDEN.search(value)] if XML_FORBIDDEN.search(joined) else []
        )
        for i in control:
            out.at("caracteres-controle", sheet, frame, index[i], key, text[i])
        for i in control:
            text[i] = XML_FORBIDDEN.sub("", text[i]).strip()
        too_long = max(map(len, text)) > MAX_CELL_CHARS
        long = [i for i, value in enumerate(text) if len(value) > MAX_CELL_CHARS] if too_long else []
        for i in long:
            out.at("texte-trop-long", sheet, frame, index[i], key, text[i][:200], length=len(text[i]),
                   limit=MAX_CELL_CHARS)  # fmt: skip
            text[i] = text[i][:MAX_CELL_CHARS]
        result[is_str] = pd.Series([value or None for value in text], index=index, dtype=object)
    other = types.notna() & ~is_str
    if other.any():
        result[other] = series[other].map(_show)
    return result


def normalise_choice(
    series: pd.Series, column: Column, allowed: list[str], sheet: str, out: Collector, frame: pd.DataFrame
) -> pd.Series:
    """Exact allowed values kept; a unique case/accent/space-insensitive match becomes canonical."""
    result = normalise_text(series, column.key, sheet, out, frame)
    rest = result[result.notna() & ~result.isin(allowed)]
    if rest.empty:
        return result
    folded: dict[str, str | None] = {}
    for value in allowed:
        key = loose(value)
        folded[key] = None if key in folded and folded[key] != value else value
    canonical = rest.map(lambda v: folded.get(loose(v)) or band_for(v, allowed))
    for idx in canonical.index[canonical.notna()]:
        out.at("valeur-normalisee", sheet, frame, idx, column.key, rest[idx], canonical=canonical[idx])
        result[idx] = canonical[idx]
    return result


def normalise_number(series: pd.Series, column: Column, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """Integer-valued floats become ints; numbers typed as text are parsed (with a warning)."""
    result = series.astype(object).copy()
    types = _types(series)
    floats = types == "float"
    if floats.any():
        values = series[floats].astype(float)
        whole = values.map(float.is_integer) & (values.abs() < 2**53)
        result[whole[whole].index] = values[whole].map(int)
    strings = types == "str"
    if strings.any():
        text = series[strings].str.strip()
        compact = text.str.replace(_SPACES, "", regex=True).str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(compact.where(compact.str.fullmatch(r"[+-]?\d+(\.\d+)?")), errors="coerce")
        result[strings] = text.where(text != "", None)
        for idx in numbers.index[numbers.notna()]:
            number = float(numbers[idx])
            value: Any = int(number) if number.is_integer() else number
            out.at("nombre-en-texte", sheet, frame, idx, column.key, text[idx], number=_show(value))
            result[idx] = value
        for idx in numbers.index[numbers.isna() & (text != "")]:
            value = number_with_unit(text[idx])
            if value is not None:  # « 32 lits »
                out.at("nombre-avec-unite", sheet, frame, idx, column.key, text[idx], number=_show(value))
                result[idx] = value
    return result


def _percent(value: Any) -> Any:
    return int(value) if float(value).is_integer() else value


def normalise_percent(series: pd.Series, column: Column, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """« 80 % » typed as text, or 0.8 stored by Excel for « 80% », read as 80 (with a warning)."""
    result = series.copy()
    for idx, value in series.items():
        if isinstance(value, str) and (match := re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*", value)):
            number = _percent(round(float(match.group(1).replace(",", ".")), 6))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1:
            number = _percent(round(value * 100, 6))
        else:
            continue
        shown = value if isinstance(value, str) else f"{_show(value)} (affiché {_show(number)} % dans Excel)"
        out.at("pourcentage-converti", sheet, frame, idx, column.key, shown, percent=_show(number), label=column.label)
        result[idx] = number
    return result


def normalise_phone(series: pd.Series, column: Column, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """Phone numbers as « 06 12 34 56 78 »; a lost leading zero restored (warning); others refused (error)."""
    result = series.astype(object).copy()
    for idx, value in series.items():
        if _blank(value):
            result[idx] = None
            continue
        phone = parse_phone(value)
        if phone.number is None:
            out.at("telephone-invalide", sheet, frame, idx, column.key, _show(value), why=phone.why)
            result[idx] = _show(value)
            continue
        if phone.restored:
            out.at("telephone-zero-restaure", sheet, frame, idx, column.key, _show(value), phone=phone.number)
        result[idx] = phone.number
    return result


def normalise_email(series: pd.Series, column: Column, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """E-mail addresses stripped; one that cannot be written to is kept as typed, with a warning."""
    result = series.astype(object).copy()
    for idx, value in series.items():
        if _blank(value):
            result[idx] = None
            continue
        parsed = parse_address(value)
        if parsed.address is None:
            out.at("email-invalide", sheet, frame, idx, column.key, _show(value), why=parsed.why, example=EXAMPLE)
        result[idx] = parsed.address or _show(value)
    return result


def normalise_date(series: pd.Series, column: Column, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """Datetimes become dates; dates typed as text are parsed (with a warning)."""
    result = series.astype(object).copy()
    types = _types(series)
    stamps = types == "datetime"
    if stamps.any():
        result[stamps] = series[stamps].map(lambda v: v.date())
    strings = types == "str"
    if strings.any():
        text = series[strings].str.strip()
        result[strings] = text.where(text != "", None)
        parsed = text.map(parse_date)
        for idx in parsed.index[parsed.notna()]:
            out.at("date-en-texte", sheet, frame, idx, column.key, text[idx], date=parsed[idx].strftime("%d/%m/%Y"))
            result[idx] = parsed[idx]
    return result


def normalise_table(frame: pd.DataFrame, spec: Sheet, lookups: dict[str, list[str]], out: Collector) -> pd.DataFrame:
    """A copy of a stacked table with every spec column normalised for its kind."""
    frame = frame.copy()
    for column in spec.columns:
        series = frame[column.key]
        if matched(column):  # invisible characters removed before any matching
            series = clean_invisible(series, column.key, spec.key, out, frame)
        if column.kind in ("integer", "number"):
            if column.percent:
                series = normalise_percent(series, column, spec.key, out, frame)
            values = normalise_number(series, column, spec.key, out, frame)
        elif column.kind == "phone":
            values = normalise_phone(series, column, spec.key, out, frame)
        elif column.kind == "email":
            values = normalise_email(series, column, spec.key, out, frame)
        elif column.kind == "date":
            values = normalise_date(series, column, spec.key, out, frame)
        elif column.choices or (column.lookup and not column.multi):
            allowed = list(column.choices) or lookups.get(column.lookup or "", [])
            values = normalise_choice(series, column, allowed, spec.key, out, frame)
        else:
            values = normalise_text(series, column.key, spec.key, out, frame)
        frame[column.key] = values
    return frame
