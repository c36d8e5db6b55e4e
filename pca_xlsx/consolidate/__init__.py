"""Consolidate stage: the whole hospital's plan as pandas tables (no writing here).

:func:`build_consolidation` turns a validated :class:`pca_xlsx.pipeline.RunResult` into a
:class:`Consolidation`; :mod:`pca_xlsx.write.consolidated` lays it out as ``PCA_consolide.xlsx``
and the Word documents quote the same figures.
"""

from __future__ import annotations

import datetime as dt

from ..core.collector import gc_paused
from .build import build
from .model import Consolidation


def build_consolidation(
    result, previous: dict | None = None, compare: bool = True, today: dt.date | None = None
) -> Consolidation:
    """Consolidate a validated run. ``compare``: list the changes since ``previous`` (the last run's
    snapshot, None for a first run) and keep the new snapshot in ``snapshot_state``; the pipeline
    loads and saves snapshots (:func:`pca_xlsx.pipeline.consolidation`)."""
    with gc_paused():
        return build(result, previous, compare, today=today)


__all__ = ["Consolidation", "build_consolidation"]
