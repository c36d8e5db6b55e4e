"""Turn raw table values into the French text a document shows."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ..core.values import missing, percent, xml_safe
from ..format.vocabulary import NO, YES

DASH = "—"
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def text(value: Any, default: str = "") -> str:
    """Display text: integers without ``.0``, dates as dd/mm/yyyy, XML-forbidden characters stripped."""
    if missing(value):
        return default
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    lines = (" ".join(line.split()) for line in xml_safe(str(value)).splitlines())
    return "\n".join(line for line in lines if line)


def code_name(code: Any, name: Any) -> str:
    """« CODE – Name », the code once when the name already starts with it, as written, as a word (« SAMU –
    Centre 15 »); « Bloc opératoire » or « Urgences » only share letters with BLOC or URG: the code stays."""
    code, name = text(code), text(name)
    if code and re.match(rf"{re.escape(code)}\b", name):
        return name
    return f"{code} – {name}".strip(" –")


def number(value: Any) -> float | None:
    """A float from a raw value (``"12 "``, ``12.0``, ``"12,5"``), or None."""
    if missing(value) or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if math.isnan(float(value)) else float(value)
    try:
        return float(str(value).strip().replace("\u202f", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def integer(value: Any, default: str = DASH) -> str:
    """An integer with French thousands separator, e.g. ``1 200``."""
    n = number(value)
    if n is None:
        return text(value, default)
    return f"{round(n):,}".replace(",", "\u202f")


def pct(value: Any, default: str = DASH, digits: int = 0) -> str:
    """A percentage in French: ``66,7 %`` (``digits`` decimals) or ``default``."""
    return percent(number(value), digits, "\u00a0", default)


def date_fr(value: Any, default: str = DASH) -> str:
    """A date as dd/mm/yyyy, or ``default``."""
    return text(value, default)


def long_date(day: dt.date) -> str:
    """``3 mars 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def clean(value: Any) -> Any:
    """Recursively make a context safe: strings stripped of XML-forbidden characters."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


#: A workbook cell reference, as the consolidated workbook gives it: « (LOGIST.xlsx · Processus!J12) »,
#: « (LABO.xlsx) », « ; observation en exercices/…xlsx, REA!G19 ».
_CELL_REFS = (
    re.compile(r"\s*;\s*observation en [^;()]*?\.(?:xlsx|ods), [^\s;()]+![A-Z]{1,3}\d+"),
    re.compile(r"\s*\([^()]*?\.(?:xlsx|ods)(?: · [^()]*)?\)"),
    re.compile(r"[^\s()]*\.(?:xlsx|ods) · [^\s()]+![A-Z]{1,3}\d+"),
)


def paper(value: Any) -> str:
    """``value`` as text for a printed page: workbook file names and cell references taken out (the
    consolidated workbook keeps them)."""
    out = text(value)
    for pattern in _CELL_REFS:
        out = pattern.sub("", out)
    return out
