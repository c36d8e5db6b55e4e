"""Value helpers: missing values, display text, dates typed as text, XML-safe cell text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..format.model import fold
from .words import counted

#: Characters XML forbids (control characters except tab and line breaks).
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The most characters an Excel cell holds.
MAX_CELL_CHARS = 32_767


def missing(value: Any) -> bool:
    """None, NaN, NaT and blank strings are missing."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def clean_text(value: Any) -> str:
    """Display text of a value: '' for missing, integral floats without '.0', strings stripped."""
    if missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def texts(values) -> list[str]:
    """``clean_text`` of every value; strings, None and ints (nearly all values) take a fast path."""
    return [
        v.strip() if (t := type(v)) is str else "" if v is None else str(v) if t is int else clean_text(v)
        for v in values
    ]


def xml_safe(value):
    """Strip the control characters XML forbids from strings; other values pass through."""
    return XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def cell_text(value) -> str:
    """``value`` as text a spreadsheet cell can hold: XML-safe, at most :data:`MAX_CELL_CHARS`."""
    return xml_safe(str(value))[:MAX_CELL_CHARS]


#: Items listed in one cell or sentence at most (service codes of a single point of failure).
MAX_LISTED = 60


def and_others(count: int) -> str:
    """`` et 7 autres`` (`` et 1 autre``) after a list cut short, in words a reader understands; "" for none."""
    return f" et {counted(count, 'autre')}" if count > 0 else ""


def listing(items, separator: str = "; ", most: int | None = None) -> str:
    """A list as text (``A; B; C``); beyond ``most`` items, the count of the others (``A; B et 3 autres``)."""
    items = [str(i) for i in items]
    shown = separator.join(items[:most] if most else items)
    return shown + (and_others(len(items) - most) if most else "")


def percent(value: float | None, digits: int = 1, space: str = " ", default: str = "—") -> str:
    """A percentage in French (``66,7 %``), or ``default`` for a missing value."""
    if value is None:
        return default
    return f"{value:.{digits}f}".replace(".", ",") + f"{space}%"


MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORD_DATE = re.compile(r"(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4}|\d{2})")
_TIME = re.compile(r"(?:\s+|t)\d{1,2}[:h]\d{2}(?::\d{2})?$")


def parse_date(text: str) -> dt.date | None:
    """A date typed as text in the usual French forms (12/03/2026, 12-03-26, 12 mars 2026, ISO)."""
    value = _TIME.sub("", fold(text))
    try:
        if match := _NUMERIC_DATE.fullmatch(value):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
        if match := _ISO_DATE.fullmatch(value):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if (match := _WORD_DATE.fullmatch(value)) and match.group(2) in MONTHS:
            year = int(match.group(3))
            return dt.date(year + 2000 if year < 100 else year, MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        return None
    return None


def to_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime or text (see :func:`parse_date`); None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        return parse_date(value)
    return None
