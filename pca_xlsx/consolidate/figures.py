"""True figures, computed once: what counts as a workaround, and the headline every output quotes.

A process row is *covered* when its workaround is written and its status is « Définie » or
« Testée »: a row « À construire » is a gap (feuille Écarts), never coverage. *Tested* rows are
covered rows « Testée ». The CLI line, the ``Synthèse`` sheet and the Word synthesis all read
:class:`Headline`; none recomputes a figure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ..format.vocabulary import COVERED, TESTED

#: Workaround statuses that count as coverage (one rule, in the vocabulary).
COVERED_STATUSES = COVERED  # Définie, Testée
#: The rule, as printed under the figures.
COVERAGE_RULE = (
    "Couverture : part des lignes de processus dont la parade est écrite et « Définie » ou « Testée » "
    "(une parade « À construire » n'est pas comptée : c'est un écart)."
)


def _written(proc: pd.DataFrame) -> pd.Series:
    """Rows with a workaround: any value but blank text."""
    values = proc["workaround"]
    text = values.astype("string").str.strip()  # numbers and dates as text: never blank
    return (values.notna() & text.ne("").fillna(False)).astype(bool)


def covered(proc: pd.DataFrame) -> pd.Series:
    """Rows with a workaround written and « Définie » or « Testée »."""
    if proc.empty:
        return pd.Series(False, index=proc.index, dtype=bool)
    return _written(proc) & proc["status"].isin(COVERED_STATUSES)


def tested(proc: pd.DataFrame) -> pd.Series:
    """Covered rows whose workaround is « Testée »."""
    if proc.empty:
        return pd.Series(False, index=proc.index, dtype=bool)
    return _written(proc) & (proc["status"] == TESTED)


def percent(part: int, whole: int) -> float | None:
    """``100 × part ÷ whole`` to one decimal, None when ``whole`` is 0."""
    return round(100.0 * part / whole, 1) if whole else None


@dataclass
class Headline:
    """The headline figures of one consolidation (each computed in one place).

    Read as attributes or, for older callers, as a mapping (``h["coverage"]``).
    """

    services: int = 0
    received: int = 0
    workbooks: int = 0
    processes: int = 0
    covered_rows: int = 0
    tested_rows: int = 0
    coverage: float | None = None  # % of process rows covered
    tested: float | None = None  # % of process rows tested
    vital_no_workaround: int = 0
    gaps: int = 0  # deduplicated: one per process row, worst first
    gaps_before_dedupe: int = 0
    critical_gaps: int = 0
    errors: int = 0
    warnings: int = 0
    maturity: float | None = None
    spof: list[tuple[str, int, int]] = field(default_factory=list)
    control_ok: bool = True
    budget: float = 0.0  # € of telecom means to buy
    overdue_exercises: int = 0
    failed_exercises: int = 0
    stale_reviews: int = 0
    late_actions: int = 0

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def __contains__(self, key: str) -> bool:
        return hasattr(self, key)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def euros(value: float | None) -> str:
    """``12 340 €`` (no decimals, thin spaces between thousands)."""
    if value is None:
        return "—"
    return f"{round(value):,} €".replace(",", "\u202f")
