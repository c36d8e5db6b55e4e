"""Consolidate stage: the whole hospital's plan as pandas tables (no writing here).

:func:`build_consolidation` turns a validated :class:`pca_xlsx.pipeline.RunResult` into a
:class:`Consolidation`; :mod:`pca_xlsx.write.consolidated` lays it out as ``PCA_consolide.xlsx``
and the Word documents quote the same figures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .build import build
from .common import gc_paused
from .model import Consolidation


def build_consolidation(result, output: Path, snapshot: bool = True, today: dt.date | None = None) -> Consolidation:
    """Consolidate a validated run. ``snapshot``: compare with the previous run's snapshot
    (stored under ``<output>/etat/``); the pipeline saves the new snapshot once the
    workbook is written."""
    with gc_paused():
        return build(result, Path(output), snapshot=snapshot, today=today)


__all__ = ["Consolidation", "build_consolidation"]
