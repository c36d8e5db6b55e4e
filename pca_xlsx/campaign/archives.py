"""The workbooks received, kept at each run: ``<output>/archives/<date-heure>/`` (DESIGN §4).

Every workbook read and the referential are copied there, in their establishment sub-folders.
A file unchanged since the previous archive is a hard link to its copy there (no space taken;
archived copies are never modified). The :data:`KEPT` most recent archives are kept.

``pca-xlsx export`` also keeps what it exported there, under ``export/`` (hard links); a later
consolidation takes the export out of the output folder (it was made from other workbooks) and says
where that copy is (:func:`retired_export`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from .outputs import EXPORT_DIR, Staging, exported, link_or_copy
from .tracking import ARCHIVES_DIR, digest

#: Archives kept: the most recent ten runs.
KEPT = 10


def _previous(root: Path) -> Path | None:
    folders = sorted(p for p in root.glob(f"{ARCHIVES_DIR}/*") if p.is_dir())
    return folders[-1] if folders else None


def write_archive(result, staging: Path, final: Path) -> list[Path]:
    """Copy this run's workbooks and referential into ``<staging>/<campaign.archive>/`` (swapped in
    with the run's outputs); ``final``: the output folder, where the previous archive is."""
    campaign = result.campaign
    target = Path(staging) / campaign.archive
    before = _previous(Path(final))
    files = [(wb.path, wb.file) for wb in result.workbooks]
    referential = result.referential.path
    if referential is not None and Path(referential).is_file():
        files.append((Path(referential), Path(referential).name))
    written = []
    for source, name in files:
        copy = target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        old = before / name if before else None
        if old is not None and old.is_file() and old.stat().st_size == source.stat().st_size:
            if digest(old) == digest(source):
                try:
                    os.link(old, copy)
                    written.append(copy)
                    continue
                except OSError:
                    pass
        shutil.copy2(source, copy)
        written.append(copy)
    for rel in exported(Path(staging)):  # `export`: what it wrote, beside the workbooks it came from
        link_or_copy(Path(staging) / rel, target / _archived(rel))
    return written


def _archived(rel: Path) -> Path:
    """Where an export file is kept in an archive: ``export/…``, an establishment's under
    ``export/etablissements/<code>/…``."""
    parts = rel.parts
    return Path(*parts) if parts[0] == EXPORT_DIR else Path(EXPORT_DIR, parts[0], parts[1], *parts[3:])


def retired_export(stage: Staging, output: Path) -> list[str]:
    """The note of a command that owns the export folders but writes none (a new consolidation): the
    earlier export, about to be swapped out, came from the workbooks of another run."""
    if EXPORT_DIR not in stage.names or exported(stage.folder):
        return []
    earlier = exported(Path(output))
    if not earlier:
        return []
    copies = sorted(p for p in (Path(output) / ARCHIVES_DIR).glob(f"*/{EXPORT_DIR}") if p.is_dir())
    if copies:
        when = dt.datetime.strptime(copies[-1].parent.name[:19], "%Y-%m-%d_%H-%M-%S")
        kept = f" Il reste dans {copies[-1]}."
    else:  # made before exports were archived
        when = dt.datetime.fromtimestamp(max((Path(output) / rel).stat().st_mtime for rel in earlier))
        kept = ""
    where = Path(output) / EXPORT_DIR
    if any(rel.parts[0] != EXPORT_DIR for rel in earlier):
        where = f"{where} et des dossiers export des établissements"
    return [
        f"L'export du {when:%d/%m/%Y à %H:%M} a été retiré de {where} : il reflétait les classeurs de ce "
        f"moment-là, pas ceux de cette exécution.{kept} Pour exporter cette exécution : pca-xlsx export."
    ]


def prune(output: Path) -> None:
    """Remove all but the :data:`KEPT` most recent archives."""
    folders = sorted(p for p in Path(output).glob(f"{ARCHIVES_DIR}/*") if p.is_dir())
    for old in folders[:-KEPT]:
        shutil.rmtree(old, ignore_errors=True)
