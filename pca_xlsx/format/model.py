"""Building blocks of the declarative workbook format: columns and sheets."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["text", "integer", "number", "date", "choice", "phone", "email"]
Layout = Literal["table", "form", "readme"]
Lookup = Literal["ressources", "services", "scenarios", "poles"]
#: Template version a sheet or column exists since when not said (the first template, "2026.1").
FIRST_VERSION = 1


#: What a looked-up column asks for (:attr:`Column.request`).
_LOOKED_UP = {
    "ressources": "la ressource (logiciel ou moyen de communication)",
    "services": "le code du service",
    "scenarios": "le scénario",
    "poles": "le pôle",
}


@dataclass(frozen=True)
class Column:
    """One field: a table column or a form row (label in A, value in B).

    ``key`` is the English identifier used in code; ``label`` is the French header the
    user sees and the reader matches. ``lookup`` names a list taken from the referential
    (resources, service codes...) instead of a closed vocabulary. ``multi`` means a list
    separated by ``;``.

    ``since`` is the template version the column appeared in; ``until`` the last version that
    had it (a retired column, kept only to read older workbooks); ``replaces`` the key of the
    older column whose values it takes over.
    """

    key: str
    label: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    lookup: Lookup | None = None
    multi: bool = False
    min: float | None = None
    max: float | None = None
    help: str = ""
    width: int = 18
    default: Any = None
    locked: bool = False  # pre-filled by the template (form fields only)
    since: int = FIRST_VERSION
    until: int | None = None
    replaces: str | None = None

    def in_version(self, version: int) -> bool:
        """The column is part of template ``version``."""
        return self.since <= version and (self.until is None or version <= self.until)

    past: bool = False  # a date that cannot be in the future (an exercise held, a plan signed)
    #: What to type in the cell when it is required and left empty (French, starts lowercase); see :attr:`request`.
    ask: str = ""

    @property
    def percent(self) -> bool:
        """A percentage column: « 80 % » typed or stored by Excel as 0.8 is read as 80."""
        return "(%)" in self.label

    @property
    def header(self) -> str:
        """Label as shown in a template: ``*`` marks a required value."""
        return f"{self.label}*" if self.required else self.label

    @property
    def vocabulary(self) -> bool:
        return bool(self.choices) or self.lookup is not None

    @property
    def request(self) -> str:
        """What to type in this cell, in French: ``ask``, else said from its kind (the list, a number, a date)."""
        if self.ask:
            return self.ask
        if self.choices and len(self.choices) <= 5:
            return f"choisissez {', '.join(self.choices[:-1])} ou {self.choices[-1]} dans la liste de la cellule"
        if self.vocabulary:
            return f"choisissez {_LOOKED_UP.get(self.lookup or '', 'une valeur')} dans la liste de la cellule"
        if self.kind == "date":
            return "saisissez une date au format jj/mm/aaaa"
        if self.kind in ("integer", "number"):
            what = "un nombre entier" if self.kind == "integer" else "un nombre"
            if self.min is not None and self.max is not None:
                return f"saisissez {what} de {self.min:g} à {self.max:g}"
            return f"saisissez {what}"
        return f"saisissez « {self.label} »"


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook and how to fill it.

    ``columns`` are the current template's; ``retired`` the columns of older versions, read
    only so that older workbooks lose nothing (see :mod:`pca_xlsx.format.versions`).
    """

    key: str
    name: str
    layout: Layout
    columns: tuple[Column, ...] = ()
    help: str = ""
    example: tuple[dict[str, Any], ...] = ()
    prepared_rows: int = 30
    expected_rows: int | None = None  # more rows than this is a warning
    prefilled: tuple[str, ...] = field(default=())  # first-column values written by the template
    since: int = FIRST_VERSION
    retired: tuple[Column, ...] = ()
    detail: str = ""  # title of the consolidated workbook's sheet listing every row ("" = none)
    row_key: tuple[str, ...] = ()  # fields identifying a row within a service (Évolutions)

    def column(self, key: str) -> Column:
        for col in (*self.columns, *self.retired):
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def all_columns(self) -> tuple[Column, ...]:
        """Current then retired columns: every header a workbook of any version may have."""
        return (*self.columns, *self.retired)

    @property
    def all_keys(self) -> list[str]:
        return [c.key for c in self.all_columns]

    def columns_in(self, version: int) -> list[Column]:
        """The columns of template ``version``."""
        return [c for c in self.all_columns if c.in_version(version)]

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]


#: Characters nobody sees (zero-width, word joiner, byte-order mark, soft hyphen): ignored when matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def fold(text: Any) -> str:
    """Case-, accent- and space-insensitive form of a label or value, for matching."""
    if text is None:
        return ""
    return _fold(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """``fold`` of a string, memoised: labels and values repeat in every workbook (hot at 1,000 files)."""
    text = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("*", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def split_list(value: Any) -> list[str]:
    """Items of a ``;``-separated list cell, stripped, empty items dropped."""
    if value is None:
        return []
    if isinstance(value, float) and value != value:  # NaN
        return []
    return [item.strip() for item in re.split(r"[;\n]", str(value)) if item.strip()]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months later (earlier if negative), clamped to the month's end."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_before(day: dt.date, months: int) -> dt.date:
    """The start of a review or exercise period of ``months`` months ending on ``day``."""
    return add_months(day, -months)
