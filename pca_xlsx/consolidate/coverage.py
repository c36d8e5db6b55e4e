"""Per-service coverage counts for the pôle dashboards, from the one definition in :mod:`.figures`."""

from __future__ import annotations

import pandas as pd

from .figures import COVERAGE_RULE
from .figures import percent as share
from .synthesis import process_figures

__all__ = ["COVERAGE_RULE", "process_counts", "share"]


def process_counts(processes: pd.DataFrame) -> pd.DataFrame:
    """Per service code: ``processes``, ``covered``, ``tested`` (row counts, :func:`.figures.covered`)."""
    return process_figures(processes).rename(columns={"with_workaround": "covered"})
