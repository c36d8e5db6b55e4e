"""The validated plan handed from validation to consolidation, and its cut to one establishment (DESIGN §4.1).

A GHT is cut once, before consolidation, by :meth:`Plan.cut`: every part of the plan (and of its
referential and observation grids) is filtered by a function declared in a table below, so a part
added later cannot be forgotten — ``tests/test_plan_cut.py`` fails when a field has no entry.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .findings import Report
from .format import fold
from .read import Referential, WorkbookData
from .read.ght import establishment_of, foreign, is_ght
from .validate.exercises import ExerciseResults


@dataclass(frozen=True, eq=False)
class Scope:
    """What one establishment holds: its code and name, its services, the files of its workbooks, and the
    services of the other establishments (code → « Nom (service du CHU Exemple) »), named as such in its outputs."""

    code: str
    name: str
    services: frozenset[str]
    files: frozenset[str]
    elsewhere: dict[str, str]
    #: Its « Moyens de secours »: its own rows and its share of the GHT's shared stock (:mod:`.consolidate.stock`).
    stock: pd.DataFrame | None = None


def _frame_rows(frame: pd.DataFrame, keep) -> pd.DataFrame:
    return frame[keep].reset_index(drop=True)


def own_or_shared(frame: pd.DataFrame | None, code: str):
    """Rows of ``frame`` whose « Code établissement » is ``code`` or blank (shared by the GHT); all rows
    when the sheet has no such column (a referential before version 3)."""
    if frame is None or "establishment" not in frame.columns:
        return frame
    owner = frame["establishment"].map(lambda v: "" if v is None or v != v else str(v).strip())
    return _frame_rows(frame, owner.isin(["", code]))


def _establishment(ref: Referential, s: Scope) -> dict:
    return {**ref.establishment, "name": s.name, "group": ref.name}


#: Referential field → its value in one establishment's part (every field declared: see the module's doc).
REFERENTIAL_CUT: dict[str, Callable[[Referential, Scope], Any]] = {
    "path": lambda ref, s: ref.path,
    "establishment": _establishment,
    "poles": lambda ref, s: _frame_rows(ref.poles, ref.poles["establishment"] == s.code),
    "services": lambda ref, s: _frame_rows(ref.services, ref.services["code"].astype(str).isin(s.services)),
    "resources": lambda ref, s: ref.resources,  # one information system for the GHT: shared
    "scenarios": lambda ref, s: ref.scenarios,  # shared
    "cells": lambda ref, s: ref.cells,  # the referential's sheets as read: addresses of shared rows
    "findings": lambda ref, s: [],  # the referential's findings are the GHT's report
    "establishments": lambda ref, s: _frame_rows(ref.establishments, ref.establishments["code"].astype(str) == s.code),
    # its own crisis cell, room and contacts (« Code établissement »), and the GHT-wide rows (blank code)
    "crisis_directory": lambda ref, s: own_or_shared(ref.crisis_directory, s.code),
    "external_contacts": lambda ref, s: own_or_shared(ref.external_contacts, s.code),
    "backup_means": lambda ref, s: s.stock,
    "renames": lambda ref, s: ref.renames,  # « Renommages »: one referential of names for the GHT, shared
    "warnings": lambda ref, s: [],  # already among the GHT run's notes
}


def _each(obj, table: dict, scope: Scope) -> dict[str, Any]:
    """Every field of dataclass ``obj`` through its entry of ``table``; a field without one is an error."""
    missing = [f.name for f in dataclasses.fields(obj) if f.name not in table]
    if missing:
        raise TypeError(f"{type(obj).__name__}: parts the cut does not handle: {', '.join(missing)}")
    return {f.name: table[f.name](obj, scope) for f in dataclasses.fields(obj)}


def cut_referential(ref: Referential, scope: Scope) -> Referential:
    out = copy.copy(ref)
    for name, value in _each(ref, REFERENTIAL_CUT, scope).items():
        setattr(out, name, value)
    return out


def _grids(results: ExerciseResults, s: Scope) -> list:
    out = []
    for grid in results.grids:
        own = [sheet for sheet in grid.services if sheet.code in s.services]
        if own:
            out.append(dataclasses.replace(grid, services=own))
    return out


#: Observation grids' field → its value in one establishment's part.
EXERCISES_CUT: dict[str, Callable[[ExerciseResults, Scope], Any]] = {
    "grids": _grids,
    "observed": lambda r, s: [o for o in r.observed if o.code in s.services],
    "findings": lambda r, s: [f for f in r.findings if f.service in s.services],
}


def cut_exercises(results: ExerciseResults | None, scope: Scope) -> ExerciseResults | None:
    if results is None:
        return None
    return dataclasses.replace(results, **_each(results, EXERCISES_CUT, scope))


def _findings(plan: Plan, s: Scope) -> Report:
    """Findings on its workbooks, and those of its services made on files of no workbook (observation grids)."""
    others = {wb.file for wb in plan.workbooks} - s.files
    kept = [f for f in plan.report.findings if f.file in s.files or (f.service in s.services and f.file not in others)]
    return Report(kept)


@dataclass
class Plan:
    """Validated, normalised tables with their positions: what consolidation is handed and trusts."""

    referential: Referential
    workbooks: list[WorkbookData]
    report: Report
    #: Sheet key → every validated row of every workbook (``_file``, ``_sheet``, ``_row``, ``_service``…).
    tables: dict[str, pd.DataFrame]
    #: Filled observation grids read from ``<workbooks>/exercices/`` (``pca_xlsx.validate.exercises``).
    exercises: ExerciseResults | None = None
    #: In an establishment's part of a GHT: services of the other establishments → their name, saying whose.
    elsewhere: dict[str, str] = field(default_factory=dict)

    def owners(self) -> dict[str, str]:
        """Service code → establishment code ({} outside a GHT): services of the referential by their pôle;
        a workbook naming an unknown service belongs to the establishment folder it sits in."""
        if not is_ght(self.referential):
            return {}
        out = establishment_of(self.referential)
        codes = {str(c) for c in self.referential.establishments["code"]}
        for wb in self.workbooks:
            if wb.service and wb.service not in out and wb.folder in codes:
                out[wb.service] = wb.folder
        return out

    def scope(self, code: str, owners: dict[str, str] | None = None) -> Scope:
        owners = self.owners() if owners is None else owners
        est = self.referential.establishments
        names = dict(zip(est["code"].astype(str), est["name"].astype(str)))
        services = frozenset(s for s, e in owners.items() if e == code)
        files = frozenset(wb.file for wb in self.workbooks if self.holder(wb, owners) == code)
        titles = dict(zip(self.referential.services["code"].astype(str), self.referential.services["name"].astype(str)))
        elsewhere = {
            s: f"{titles.get(s, s)} ({foreign(names.get(e, e))})" for s, e in owners.items() if e and e != code
        }
        return Scope(code, names.get(code, code), services, files, elsewhere, self.stock(owners)[code])

    def holder(self, wb: WorkbookData, owners: dict[str, str]) -> str:
        """The establishment a workbook belongs to: its service's; a workbook whose identity is disputed
        (``wb.disputed``, :mod:`.validate.identity`) belongs to the establishment folder it sits in."""
        if wb.disputed and wb.folder:
            folders = {fold(str(c)): str(c) for c in self.referential.establishments["code"]}
            if fold(wb.folder) in folders:
                return folders[fold(wb.folder)]
        return owners.get(wb.service or wb.named, "")  # an unreadable workbook: the service its file name gives

    def stock(self, owners: dict[str, str]) -> dict[str, pd.DataFrame]:
        """Establishment code → its « Moyens de secours » (own rows, its share of the shared ones)."""
        from .consolidate.stock import allocate, needs

        telecom = self.tables.get("telecom")
        need = needs(telecom, "_service", owners) if telecom is not None else {}
        codes = [str(c) for c in self.referential.establishments["code"]]
        return allocate(self.referential.backup_means, need, codes)

    def cut(self, code: str, owners: dict[str, str] | None = None) -> Plan:
        """Establishment ``code``'s part of the plan: every field filtered by :data:`PLAN_CUT`."""
        scope = self.scope(code, owners)
        fresh = self.fresh()
        values = {}
        for f in dataclasses.fields(self):
            if f.name in PLAN_CUT:
                values[f.name] = PLAN_CUT[f.name](self, scope)
            elif f.name in fresh:
                values[f.name] = fresh[f.name]
            else:
                raise TypeError(f"{type(self).__name__}.{f.name}: part of the plan the cut does not handle")
        return dataclasses.replace(self, **values)

    def fresh(self) -> dict[str, Any]:
        """Values of the fields a subclass adds beyond the plan (run state), for a part (none here)."""
        return {}


#: Plan field → its value in one establishment's part.
PLAN_CUT: dict[str, Callable[[Plan, Scope], Any]] = {
    "referential": lambda p, s: cut_referential(p.referential, s),
    "workbooks": lambda p, s: [wb for wb in p.workbooks if wb.file in s.files],
    "report": _findings,
    "tables": lambda p, s: {k: _frame_rows(t, t["_file"].isin(s.files)) for k, t in p.tables.items()},
    "exercises": lambda p, s: cut_exercises(p.exercises, s),
    "elsewhere": lambda p, s: s.elsewhere,
}
