"""Lay out a :class:`~pca_xlsx.consolidate.Consolidation` as ``consolidation/PCA_consolide.xlsx``.

The sheets are in :mod:`pca_xlsx.write.consolidated_sheets`, the writer's helpers in
:mod:`pca_xlsx.write.layout`.
"""

from __future__ import annotations

from pathlib import Path

from ..consolidate.common import gc_paused
from ..core.files import atomic_path
from ..core.xlsx import new_workbook
from .consolidated_sheets import write_all
from .layout import Writer

OUTPUT_FILE = Path("consolidation") / "PCA_consolide.xlsx"
SHEET_NAMES = (
    "Synthèse",
    "Processus",
    "Applications",
    "Dépendances",
    "Interfaces",
    "Scénarios",
    "Télécom",
    "Biomédical",
    "Documents",
    "Fiches réflexes",
    "Exercices",
    "Écarts",
    "Plan d'actions",
    "Évolutions",
    "Contrôle",
)


def write_consolidated(consolidation, output: Path) -> Path:
    """Write ``<output>/consolidation/PCA_consolide.xlsx``."""
    target = Path(output) / OUTPUT_FILE
    with gc_paused(), atomic_path(target) as tmp:
        workbook = new_workbook(tmp)
        try:
            writer = Writer(workbook)
            write_all(writer, consolidation)
            writer.finish()
        finally:
            workbook.close()
    return target
