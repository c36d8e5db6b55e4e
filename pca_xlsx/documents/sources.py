"""What the document contexts are built from (:class:`Sources`), with each service's rows found once.

The validated tables are split by service once (row positions, not rows): a service's rows become
records when a context asks for them (:class:`Records`), so a GHT's documents never hold every row of the
plan as a dictionary (10,000 services: 1.5 GB). A consolidation table's rows of one service are found
through :class:`~pca_xlsx.documents.lookup.Lookup` (indexed on first use, in the process building the
context), never by filtering the whole table for each service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..consolidate.model import Consolidation
from ..read.ght import establishment_of
from ..read.referential import Referential
from .lookup import Grouped, Lookup, Records
from .reliance import index_reliances
from .text import missing, number, text


@dataclass
class Sources:
    """What the document contexts are built from."""

    referential: Referential
    tables: dict[str, pd.DataFrame]
    consolidation: Consolidation = field(default_factory=Consolidation)
    today: dt.date = field(default_factory=dt.date.today)
    #: Table key → its rows by service code (records: :meth:`sheet`).
    sheets: dict[str, Grouped] = field(default_factory=dict, init=False, repr=False)
    people: dict[str, dict] = field(default_factory=dict, init=False, repr=False)
    needs: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    #: Service code → its gaps as records (``gaps.get(code, [])``), made when asked.
    gaps: Grouped = field(default_factory=Grouped, init=False, repr=False)
    links: dict[tuple[str, str], int] = field(default_factory=dict, init=False, repr=False)
    _identities: dict[str, dict] = field(default_factory=dict, init=False, repr=False)
    #: A -> B -> reliance rows (A relies on B); B -> A -> the same rows; code -> coordination gaps
    #: (``get(code, {})`` / ``get(code, [])``: records made when asked, :class:`~.lookup.Grouped`).
    relied: Grouped = field(default_factory=lambda: Grouped("relies_on"), init=False, repr=False)
    relying: Grouped = field(default_factory=lambda: Grouped("code"), init=False, repr=False)
    coordination: Grouped = field(default_factory=Grouped, init=False, repr=False)
    #: In an establishment's documents (a GHT): another establishment's services → « Nom (service du …) ».
    elsewhere: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    #: Rows of a consolidation table for one service (or pôle): :meth:`rows_of`, :meth:`frame_of`.
    lookup: Lookup = field(default_factory=Lookup, init=False, repr=False)

    def __post_init__(self) -> None:
        self.consolidation = self.consolidation or Consolidation()
        for key, frame in self.tables.items():
            if frame is None or frame.empty or "_service" not in frame.columns:
                continue
            kept = np.flatnonzero(frame["_service"].notna().to_numpy())  # a row of no service is no one's
            self.sheets[key] = Grouped()
            self.sheets[key].add(Records(frame), [str(c) for c in frame["_service"].to_numpy()[kept]], kept)
        synthesis = self.consolidation.synthesis
        for row in synthesis.to_dict("records"):
            self.people[str(row.get("code"))] = row
        gaps = self.consolidation.gaps
        if not gaps.empty and "code" in gaps.columns:
            self.gaps.add(Records(gaps), [str(c) for c in gaps["code"].tolist()])
        edges = self.consolidation.interfaces
        if not edges.empty and {"code", "depends_on"} <= set(edges.columns):
            weights = edges["rows"] if "rows" in edges.columns else [1] * len(edges)
            for src, dst, n in zip(edges["code"], edges["depends_on"], weights):
                if not missing(dst):
                    self.needs.setdefault(str(src), []).append(str(dst))
                    self.links[(str(src), str(dst))] = int(number(n) or 1)
        index_reliances(self)

    @property
    def codes(self) -> list[str]:
        """Services that sent a workbook, sorted by code."""
        return sorted(self.sheets["service"].keys()) if "service" in self.sheets else []

    @cached_property
    def received(self) -> frozenset[str]:
        """:attr:`codes` as a set."""
        return frozenset(self.codes)

    @cached_property
    def listed(self) -> frozenset[str]:
        """The referential's service codes, as a set."""
        return frozenset(self.referential.service_codes)

    @cached_property
    def ranks(self) -> dict[str, int]:
        """Service code → its place (from 1) in the consolidation's order, the first when repeated."""
        out: dict[str, int] = {}
        for place, code in enumerate(self.consolidation.order, 1):
            out.setdefault(str(code), place)
        return out

    @cached_property
    def owners(self) -> dict[str, str]:
        """Service code → its establishment's code in a GHT (:func:`~pca_xlsx.read.ght.establishment_of`)."""
        return establishment_of(self.referential)

    @cached_property
    def directory_rows(self) -> list[dict]:
        """The referential's crisis directory as records (read, never changed, by the contexts)."""
        frame = getattr(self.referential, "crisis_directory", None)
        return [] if frame is None or frame.empty else frame.to_dict("records")

    def sheet(self, code: str, key: str) -> list[dict]:
        """Service ``code``'s rows of validated table ``key`` as records (``to_dict("records")``), in the
        table's order; each table keeps the last service's (its contexts ask several times)."""
        rows = self.sheets.get(key)
        return rows.get(code, []) if rows is not None else []

    def rows_of(self, frame: Any, code: Any, column: str = "code", as_text: bool = False) -> list[dict]:
        """``frame[frame[column] == code].to_dict("records")`` (``frame[column].astype(str)`` with ``as_text``)
        without scanning ``frame``: [] when ``frame`` is not a table or lacks ``column``."""
        return self.lookup.records(frame, code, column, as_text)

    def frame_of(self, frame: pd.DataFrame, code: Any, column: str = "code") -> pd.DataFrame:
        """``frame[frame[column] == code]`` without scanning ``frame`` (no row when it lacks ``column``)."""
        return self.lookup.frame(frame, code, column)

    def identity(self, code: str) -> dict:
        """The service row of its workbook, completed by the referential (cached)."""
        if code in self._identities:
            return self._identities[code]
        ref = self.referential.service(code)
        rows = self.sheet(code, "service")
        row = dict(rows[0]) if rows else {}
        row.setdefault("code", code)
        for key in ("name", "category", "site", "wave"):
            if missing(row.get(key)):
                row[key] = ref.get(key)
        row["pole_name"] = ref.get("pole_name") or row.get("pole") or self.people.get(code, {}).get("pole_name")
        for key, value in self.people.get(code, {}).items():
            if missing(row.get(key)):
                row[key] = value
        self._identities[code] = row
        return row

    def name(self, code: str) -> str:
        if code in self.elsewhere:
            return self.elsewhere[code]
        return text(self.identity(code).get("name"), code)


__all__ = ["Sources"]
