"""One record type for every gap, whatever rule made it (a rule of :mod:`.gaps`, the coordination
between services, the IT restart plan, a workaround failed at an exercise)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter

import pandas as pd


@dataclass(frozen=True, slots=True)
class Gap:
    """One gap: the service's code ("" for the IT department's), where it is (file, sheet, cell),
    its French ``detail``; ``item``: what it is about when the cell lists several (the unmatched
    prerequisite), else ""; ``criticality``: the process row's (None when not about a process row);
    ``reference``: the process N° or exercise date an action of the Plan d'actions quotes.

    ``rule`` (its code), ``type`` (its French label, the « Type d'écart »), ``name`` and
    ``pole_name`` are filled by :func:`pca_xlsx.consolidate.gaps.rule_gaps` when a rule found it.
    """

    rule: str = ""
    type: str = ""
    code: str = ""
    name: str = ""
    pole_name: str = ""
    file: str = ""
    sheet: str = ""
    cell: str = ""
    detail: str = ""
    item: str = ""
    criticality: str | None = None
    reference: str = ""


#: The columns of the gaps table before ranking (:func:`pca_xlsx.consolidate.ranking.rank_gaps`).
GAP_COLUMNS = [f.name for f in fields(Gap)]
_ROW = attrgetter(*GAP_COLUMNS)


def gaps_frame(gaps: list[Gap]) -> pd.DataFrame:
    """The gaps as a table of :data:`GAP_COLUMNS`, one row per gap, in order."""
    return pd.DataFrame([_ROW(g) for g in gaps], columns=GAP_COLUMNS)
