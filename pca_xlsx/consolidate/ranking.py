"""Gaps counted once and ranked: one gap per process row (the worst), worst first everywhere.

Severity (« Gravité »), most severe first:

- Critique: a vital process with no workaround; an exercise in failure; no workbook received.
- Élevée: a process with no workaround; a vital process whose workaround is « À construire »;
  a vital process tolerating under 4 h whose workaround is not tested; a critical or strong
  dependency with no process row.
- Moyenne: a workaround « À construire »; an exercise overdue; a review overdue.
- Faible: a prerequisite with no document; an interface towards a service with no workbook.

Several gaps on one process row (e.g. « à construire » and « vital non testée ») are one gap:
the worst keeps its type, the others are named in its detail.
"""

from __future__ import annotations

import pandas as pd

from ..format.vocabulary import SEVERITIES, VITAL
from .coordination import COORDINATION
from .gaps import (
    FAILED_AT_EXERCISE,
    FAILED_EXERCISE,
    GAP_TYPES,
    INCOMPLETE,
    INTERFACE,
    IT_RESTART,
    NO_EXERCISE,
    NO_WORKAROUND,
    NOT_RECEIVED,
    PREREQUISITE,
    STALE_REVIEW,
    TO_BUILD,
    UNCOVERED,
    UNREADABLE,
    VITAL_UNTESTED,
    cell_key,
)

CRITICAL, HIGH, MEDIUM, LOW = SEVERITIES
SEVERITY_RULE = (
    "Gravité : Critique = processus vital sans parade ou dont la parade a échoué à l'exercice, exercice en échec "
    "ou classeur non reçu, illisible ou incomplet ; "
    "Élevée = processus sans parade, parade en échec à l'exercice, parade vitale à construire, processus vital (< 4 h) à parade non testée, "
    "dépendance critique ou forte sans processus, reprise SI insuffisante, coordination à organiser entre services ; Moyenne = parade à construire, exercice ou revue en retard ; "
    "Faible = prérequis sans document, interface vers un service sans classeur."
)
_BASE = {
    NO_WORKAROUND: HIGH,
    TO_BUILD: MEDIUM,
    VITAL_UNTESTED: HIGH,
    PREREQUISITE: LOW,
    UNCOVERED: HIGH,
    INTERFACE: LOW,
    NO_EXERCISE: MEDIUM,
    FAILED_EXERCISE: CRITICAL,
    STALE_REVIEW: MEDIUM,
    NOT_RECEIVED: CRITICAL,
    UNREADABLE: CRITICAL,
    INCOMPLETE: CRITICAL,
    IT_RESTART: HIGH,
    COORDINATION: HIGH,
    FAILED_AT_EXERCISE: HIGH,
}
#: Row-level types merged into one gap per process row (the others stay separate rows).
_PROCESS_TYPES = {NO_WORKAROUND, TO_BUILD, VITAL_UNTESTED, PREREQUISITE, INTERFACE, FAILED_AT_EXERCISE}


def severity(kind: str, criticality) -> str:
    """The severity of one gap of type ``kind`` on a row of ``criticality``."""
    vital = criticality == VITAL
    if kind == NO_WORKAROUND and vital:
        return CRITICAL
    if kind == TO_BUILD and vital:
        return HIGH
    if kind == FAILED_AT_EXERCISE and vital:
        return CRITICAL
    return _BASE.get(kind, LOW)


def rank_gaps(gaps: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """(gaps deduplicated per process row and sorted worst first, with ``severity``; counts by type
    before deduplication)."""
    before = {kind: int(n) for kind, n in gaps["type"].value_counts().items()}
    frame = gaps.copy()
    frame["severity"] = [severity(k, c) for k, c in zip(frame["type"], frame["criticality"])]
    frame["_sev"] = frame["severity"].map(SEVERITIES.index)
    frame["_type"] = frame["type"].map({k: i for i, k in enumerate(GAP_TYPES)})
    frame["_row"] = frame["cell"].map(lambda c: cell_key(c)[0])
    frame["_vital"] = (frame["criticality"] != VITAL).astype(int)
    frame = frame.sort_values(["_sev", "_type"], kind="stable")
    process = frame["type"].isin(_PROCESS_TYPES) & (frame["_row"] > 0)
    rows = frame[process]
    keys = ["file", "sheet", "_row"]
    merged = rows.drop(columns=["type", "detail"]).groupby(keys, sort=False, as_index=False).first()
    if len(merged):  # each row's gaps, worst first (plain Python: a list aggregation per group costs seconds)
        lists: dict[tuple, tuple[list, list]] = {}
        for key, kind, detail in zip(zip(*(rows[k].tolist() for k in keys)), rows["type"], rows["detail"]):
            types, details = lists.setdefault(key, ([], []))
            types.append(kind)
            details.append(detail)
        found = [lists[key] for key in zip(*(merged[k].tolist() for k in keys))]
        merged["type"] = [types[0] for types, _ in found]
        merged["detail"] = [_merge(types, details) for types, details in found]
    out = pd.concat([merged, frame[~process]], ignore_index=True) if len(merged) else frame
    out["_cell"] = out["cell"].map(cell_key)
    out = out.sort_values(["_sev", "_vital", "_type", "code", "file", "sheet", "_cell"], kind="stable")
    columns = ["severity", *[c for c in gaps.columns]]
    return out[columns].reset_index(drop=True), before


def _merge(types: list[str], details: list[str]) -> str:
    """The worst gap's detail, then what else the row lacks."""
    first, rest = details[0], []
    for kind, detail in zip(types[1:], details[1:]):
        tail = detail.split(" : ", 1)[1] if " : " in detail else detail
        rest.append(f"{kind.lower()} ({tail})" if kind == PREREQUISITE else kind.lower())
    return first if not rest else f"{first} — également : {' ; '.join(dict.fromkeys(rest))}"
