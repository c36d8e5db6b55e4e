"""Coverage of the process map: the one definition the pôle dashboards and national requirements use.

A process row is *covered* when its workaround's status is « Définie » or « Testée ».
"""

from __future__ import annotations

import pandas as pd

from ..format.vocabulary import TESTED, WORKAROUND_STATUS

#: Workaround statuses that cover a process row.
COVERED = WORKAROUND_STATUS[1:]  # Définie, Testée
COVERAGE_RULE = "Couverture : part des lignes de processus dont la parade est « Définie » ou « Testée »."


def covered(processes: pd.DataFrame) -> pd.Series:
    """True for each covered process row."""
    return processes["status"].isin(COVERED) if not processes.empty else pd.Series(dtype=bool)


def process_counts(processes: pd.DataFrame) -> pd.DataFrame:
    """Per service code: ``processes``, ``covered``, ``tested`` (row counts)."""
    if processes.empty:
        return pd.DataFrame(columns=["processes", "covered", "tested"], dtype=int)
    frame = pd.DataFrame(
        {
            "code": processes["code"],
            "processes": 1,
            "covered": covered(processes).astype(int),
            "tested": (processes["status"] == TESTED).astype(int),
        }
    )
    return frame.groupby("code").sum()


def share(part, whole) -> float | None:
    """``100 × part ÷ whole`` rounded to 0.1, None when ``whole`` is 0."""
    return round(100.0 * float(part) / float(whole), 1) if whole else None
