"""Per-service coverage counts for the pôle dashboards, from the one definition in :mod:`.figures`."""

from __future__ import annotations

import pandas as pd

from .figures import COVERAGE_RULE, covered, tested
from .figures import percent as share

__all__ = ["COVERAGE_RULE", "process_counts", "share"]


def process_counts(processes: pd.DataFrame) -> pd.DataFrame:
    """Per service code: ``processes``, ``covered``, ``tested`` (row counts, :func:`.figures.covered`)."""
    if processes.empty:
        return pd.DataFrame(columns=["processes", "covered", "tested"], dtype=int)
    frame = pd.DataFrame(
        {
            "code": processes["code"],
            "processes": 1,
            "covered": covered(processes).astype(int),
            "tested": tested(processes).astype(int),
        }
    )
    return frame.groupby("code").sum()
