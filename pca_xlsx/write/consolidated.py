"""Lay out a :class:`~pca_xlsx.consolidate.Consolidation` as ``consolidation/PCA_consolide.xlsx``.

The sheets are in :mod:`pca_xlsx.write.consolidated_sheets`, the writer's helpers in
:mod:`pca_xlsx.write.layout`.
"""

from __future__ import annotations

from pathlib import Path

from ..consolidate.common import DETAIL_SHEETS, SUMMARISED
from ..core.bulk import BulkWorkbook
from ..core.collector import gc_paused
from ..core.files import atomic_path
from ..core.xlsx import WORKBOOK_OPTIONS
from .consolidated_sheets import write_all
from .layout import Writer

OUTPUT_FILE = Path("consolidation") / "PCA_consolide.xlsx"
#: Sheets of the consolidated workbook, in order; the data sheets' titles come from the format.
#: « GHT » (a GHT run) and « Progression » (a run the campaign records) follow « Exigences nationales ».
SHEET_NAMES = (
    "Synthèse",
    "Processus vitaux",
    "Exigences nationales",
    DETAIL_SHEETS["processus"],
    DETAIL_SHEETS["applications"],
    "Dépendances",
    "Interfaces",
    "Scénarios",
    "Reprise SI",
    "Durée de la panne",
    DETAIL_SHEETS["telecom"],
    DETAIL_SHEETS["biomedical"],
    DETAIL_SHEETS["documents"],
    DETAIL_SHEETS["fiche_reflexe"],
    DETAIL_SHEETS["exercices"],
    "Programme d'exercices",
    "Écarts",
    SUMMARISED["plan_actions"],
    "Évolutions",
    "Contrôle",
)


def write_consolidated(consolidation, output: Path) -> Path:
    """Write ``<output>/consolidation/PCA_consolide.xlsx``."""
    target = Path(output) / OUTPUT_FILE
    with gc_paused(), atomic_path(target) as tmp:
        workbook = BulkWorkbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            writer = Writer(workbook)
            write_all(writer, consolidation)
            writer.finish()
        finally:
            workbook.close()
    return target
