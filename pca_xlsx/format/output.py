"""Building blocks of the consolidated tables' declaration: fields and tables.

The output twin of :mod:`pca_xlsx.format.model`: a :class:`Table` is one table of
``PCA_consolide.xlsx`` (the tables themselves are in :mod:`pca_xlsx.format.tables`), in the spirit
of a Frictionless Table Schema: fields with a name (``key``), a French ``title``, a ``description``,
a ``kind``, constraints (``required``, ``choices``, ``min``), a primary key and foreign keys. The
writer takes its headers, widths, caps and number formats from it, and :meth:`Table.check`
validates every table written against the pandera schema derived from it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Literal

import pandas as pd
import pandera.pandas as pa

#: text, whole number, number, date, Oui/Non, or a list written as « a ; b ».
Kind = Literal["text", "integer", "number", "date", "yesno", "list"]
#: Frictionless Table Schema types of the kinds.
FRICTIONLESS_TYPES = {"text": "string", "integer": "integer", "number": "number", "date": "date",
                      "yesno": "string", "list": "string"}  # fmt: skip
DATE_WIDTH = 12  # a date column: « 31/12/2026 »
DEFAULT_CAP = 40  # widest a column grows to fit its data unless the field says otherwise


class TableError(RuntimeError):
    """A table built by the tool does not match its declaration (a bug of the tool, never of the input)."""


@dataclass(frozen=True)
class Field:
    """One column of a consolidated table.

    ``key`` is the English name of the DataFrame column; ``title`` the French header. ``width``
    forces the column's width; otherwise it fits the data up to ``cap`` characters (longer text
    wraps). ``decimals``: numbers shown with that many decimals. ``spill``: long text stays on one
    line and overflows to the right (last columns only). ``center``: a short value (a status) centred in
    its column, clear of the number right-aligned in the column before. ``required``: never empty. ``raw``: the
    value as typed in a workbook or the referential (validation checks its kind and keeps a row in
    error, so the schema does not re-check it). ``empty``: the words the workbook shows in an empty cell
    (« sans responsable »); the data stays empty, and so does a data export's cell. ``ght``: a column of a
    GHT's own workbook only (the establishment's code), left out of an establishment's or a hospital's.
    """

    key: str
    title: str
    kind: Kind = "text"
    description: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    min: float | None = None
    width: float | None = None
    cap: int = DEFAULT_CAP
    decimals: int | None = None
    spill: bool = False
    center: bool = False
    raw: bool = False
    empty: str = ""
    ght: bool = False

    def titled(self, title: str, **changes) -> Field:
        """The same field under another header (e.g. « Classeurs reçus » in a per-pôle table)."""
        return replace(self, title=title, **changes)

    @property
    def number_format(self) -> str | None:
        """The Excel number format of the field's cells, if any (dates use the workbook's)."""
        return "0." + "0" * self.decimals if self.decimals else None

    def descriptor(self) -> dict:
        """The field as a Frictionless Table Schema field."""
        out = {"name": self.key, "title": self.title, "type": FRICTIONLESS_TYPES[self.kind]}
        if self.description:
            out["description"] = self.description
        constraints = {"required": True} if self.required else {}
        if self.choices:
            constraints["enum"] = list(self.choices)
        if self.min is not None and self.kind in ("integer", "number"):
            constraints["minimum"] = self.min
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table reference ``reference`` of table ``table`` (its key in TABLES)."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table of the consolidated workbook.

    ``key`` names it in code and in an export; ``sheet`` is the workbook sheet holding it, ``name``
    its Excel table name, ``title`` its French title. ``extra``: what the columns added at run time
    are (one per resource, per pôle…), "" when the table has no such columns. ``repeat``: its
    header row prints on every page, when it is the last table of its sheet (print titles head every page
    after them: they would head the rows of a table below). ``raw``: its values are the services' as typed (checked by the
    validation, which keeps rows in error): only presence, required fields and keys are checked.
    ``documents``: the columns the frame also carries because a Word document reads them (not written
    in the workbook, checked like the others).
    """

    key: str
    sheet: str
    name: str
    title: str
    fields: tuple[Field, ...]
    description: str = ""
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    extra: str = ""
    repeat: bool = False
    raw: bool = False
    documents: tuple[Field, ...] = ()
    extra_fields: tuple[Field, ...] = field(default=(), compare=False)

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.all_fields]

    @property
    def headers(self) -> list[str]:
        return [f.title for f in self.all_fields]

    @property
    def frame_keys(self) -> list[str]:
        """The columns of the table's frame: the written ones, then those only the Word documents read."""
        return [f.key for f in (*self.fields, *self.documents)]

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return (*self.fields, *self.extra_fields)

    def field(self, key: str) -> Field:
        for f in self.all_fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def index(self, key: str) -> int:
        """Position of column ``key`` in the table (0 = first)."""
        return self.keys.index(key)

    def with_fields(self, extra: list[Field] | tuple[Field, ...]) -> Table:
        """The table with the columns added at run time (declared by :attr:`extra`)."""
        return replace(self, extra_fields=tuple(extra))

    def retitled(self, key: str, title: str) -> Table:
        """The table with field ``key`` under another header (e.g. « Total GHT » in a GHT's workbook)."""
        return replace(self, fields=tuple(f.titled(title) if f.key == key else f for f in self.fields))

    def at_level(self, ght: bool) -> Table:
        """The table as a workbook of this level lays it out: without its :attr:`Field.ght` columns unless
        ``ght`` (the workbook of a GHT, not an establishment's or a single hospital's)."""
        if ght or not any(f.ght for f in self.fields):
            return self
        return replace(self, fields=tuple(f for f in self.fields if not f.ght))

    def empty(self) -> pd.DataFrame:
        return pd.DataFrame(columns=self.keys)

    def descriptor(self) -> dict:
        """The table as a Frictionless Table Schema (with its title and description)."""
        fields = [f.descriptor() for f in (*self.fields, *self.documents)]
        out: dict = {"name": self.key, "title": self.title, "fields": fields}
        if self.description:
            out["description"] = self.description
        if self.primary_key:
            out["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            out["foreignKeys"] = [
                {"fields": list(k.fields), "reference": {"resource": k.table, "fields": list(k.reference)}}
                for k in self.foreign_keys
            ]
        return out

    @property
    def schema(self) -> pa.DataFrameSchema:
        return _schema(self)

    def check(self, df: pd.DataFrame) -> None:
        """Raise :class:`TableError` when ``df`` does not match the declaration."""
        try:
            self.schema.validate(df, lazy=True)
        except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
            cases = getattr(exc, "failure_cases", None)
            shown = cases.head(10).to_string() if cases is not None else str(exc)
            raise TableError(f"Table « {self.title} » ({self.key}) non conforme à sa déclaration :\n{shown}") from exc


def _numeric(kind: str, least: float | None):
    """A vectorised check: every value given is a number (a whole one for ``integer``), ≥ ``least``."""

    def check(series: pd.Series) -> pd.Series:
        given = series.notna() & (series.astype(object) != "")
        values = pd.to_numeric(series.where(given), errors="coerce")
        ok = values.notna()
        if kind == "integer":
            ok &= values.fillna(0) % 1 == 0
        if least is not None:
            ok &= values.fillna(least) >= least
        return ok | ~given

    return pa.Check(check, error=f"{kind}{'' if least is None else f' ≥ {least}'}")


def _choices(choices: tuple[str, ...]):
    allowed = set(choices)

    def check(series: pd.Series) -> pd.Series:
        return series.isna() | (series.astype(object) == "") | series.isin(allowed)

    return pa.Check(check, error=f"une valeur parmi {', '.join(choices)}")


def _filled(series: pd.Series) -> pd.Series:
    return series.notna() & (series.astype(object) != "")


@functools.cache
def _schema(table: Table) -> pa.DataFrameSchema:
    """The pandera schema of ``table``'s declared fields (extra run-time columns are not checked)."""
    columns = {}
    for f in (*table.fields, *table.documents):
        checks = [pa.Check(_filled, error="valeur obligatoire")] if f.required else []
        if not (table.raw or f.raw):
            if f.kind in ("integer", "number"):
                checks.append(_numeric(f.kind, f.min))
            if f.choices:
                checks.append(_choices(f.choices))
        columns[f.key] = pa.Column(checks=checks, nullable=True, required=True, coerce=False)
    return pa.DataFrameSchema(columns, unique=list(table.primary_key) or None, strict=False)
