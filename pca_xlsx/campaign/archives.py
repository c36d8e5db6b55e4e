"""The workbooks received, kept at each run: ``<output>/archives/<date-heure>/`` (DESIGN §4).

Every workbook read and the referential are copied there, in their establishment sub-folders.
A file unchanged since the previous archive is a hard link to its copy there (no space taken;
archived copies are never modified). The :data:`KEPT` most recent archives are kept.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
    return written


def prune(output: Path) -> None:
    """Remove all but the :data:`KEPT` most recent archives."""
    folders = sorted(p for p in Path(output).glob(f"{ARCHIVES_DIR}/*") if p.is_dir())
    for old in folders[:-KEPT]:
        shutil.rmtree(old, ignore_errors=True)
