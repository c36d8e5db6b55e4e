"""The output folder as one unit: a run writes into a staging folder, swapped in at the end.

Each command owns some top-level folders of the output (:data:`OWNED`); the swap moves every
file the previous run left there into a backup folder, then every new file into place, then
deletes the backup. A file another program holds (Excel on Windows refuses to let an open
workbook be moved) stops the swap before anything new is moved in: what was moved is put back,
the previous outputs stay complete and :class:`OutputLocked` names the file (exit 1). Files of
services, pôles or establishments that no longer exist are not in the new set: they go.

``etat/`` (the state compared with by the next run) is copied into the staging folder first, so
the run reads and extends it there and it is swapped with the rest.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core.errors import OutputLocked
from ..ght_run import ESTABLISHMENTS_DIR

__all__ = ["OutputLocked", "Staging", "exported", "owned", "recover"]

STAGING_PREFIX = ".en-cours-"
BACKUP_PREFIX = ".precedent-"
JOURNAL = ".nouveaux.txt"
STATE_DIR = "etat"
EXPORT_DIR = "export"
#: Top-level output folders each command rewrites (in a GHT run, also under ``etablissements/<code>/``).
#: A new consolidation (``consolidate``, ``run``) takes an earlier export out of the folder: made from
#: other workbooks, it would sit beside the plan as if it were its data (:func:`.archives.retired_export`).
OWNED = {
    "validate": ("validation", "courriels", STATE_DIR),
    "consolidate": ("validation", "courriels", "consolidation", STATE_DIR, EXPORT_DIR),
    "documents": ("validation", "courriels", "documents", STATE_DIR),
    "run": ("validation", "courriels", "consolidation", "documents", STATE_DIR, ESTABLISHMENTS_DIR, EXPORT_DIR),
    "export": ("validation", "courriels", EXPORT_DIR, STATE_DIR),
}


def final_folder(path: Path) -> Path:
    """The output folder a path stands for: a staging folder's parent, else itself."""
    path = Path(path)
    return path.parent if path.name.startswith(STAGING_PREFIX) else path


def _move(source: Path, target: Path) -> None:
    """One file moved (a rename; tests make it fail as Windows does on a file open in Excel)."""
    os.replace(source, target)


def owned(rel: Path, names: Iterable[str]) -> bool:
    """Whether an output path (relative to the output folder) belongs to a command owning ``names``."""
    parts, names = rel.parts, set(names)
    if not parts or parts[0].startswith("."):
        return False
    if parts[0] in names:
        return True
    return parts[0] == ESTABLISHMENTS_DIR and len(parts) > 2 and parts[2] in names


def exported(root: Path) -> list[Path]:
    """The files of the export folders under ``root`` (``export/``, each establishment's), relative to it."""
    root = Path(root)
    folders = [Path(EXPORT_DIR), *(p.relative_to(root) for p in root.glob(f"{ESTABLISHMENTS_DIR}/*/{EXPORT_DIR}"))]
    return sorted(folder / rel for folder in folders for rel in _files(root / folder))


def _files(root: Path) -> Iterator[Path]:
    """Every file under ``root``, relative to it, skipping our hidden folders and lock."""
    for folder, dirs, files in os.walk(root):
        base = Path(folder).relative_to(root)
        if base == Path("."):
            dirs[:] = [d for d in dirs if not d.startswith((STAGING_PREFIX, BACKUP_PREFIX))]
        for name in files:
            yield base / name


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # writes replace the file (atomic_path): the original is untouched
    except OSError:
        shutil.copy2(source, target)


def recover(output: Path) -> list[str]:
    """Undo a swap a crash interrupted (backup folder left): the previous set is put back whole."""
    notes = []
    for backup in sorted(Path(output).glob(f"{BACKUP_PREFIX}*")):
        journal = backup / JOURNAL
        if journal.is_file():
            for line in journal.read_text(encoding="utf-8").splitlines():
                (Path(output) / line).unlink(missing_ok=True)
            journal.unlink()
        for rel in list(_files(backup)):
            target = Path(output) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _move(backup / rel, target)
        shutil.rmtree(backup, ignore_errors=True)
        notes.append("Une exécution interrompue pendant le remplacement des résultats : les précédents ont été remis.")
    for staging in Path(output).glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(staging, ignore_errors=True)
    return notes


class Staging:
    """The staging folder of one run on ``output`` for ``command`` (a key of :data:`OWNED`)."""

    def __init__(self, output: Path, command: str):
        self.output = Path(output)
        self.names = OWNED[command]
        self.folder = self.output / f"{STAGING_PREFIX}{os.getpid()}"
        self.notes = recover(self.output)
        self.folder.mkdir(parents=True)
        for rel in self._current():
            if STATE_DIR in rel.parts[:3]:
                link_or_copy(self.output / rel, self.folder / rel)

    def _current(self) -> list[Path]:
        return sorted(rel for rel in _files(self.output) if owned(rel, self.names))

    def final(self, path: Path) -> Path:
        """Where a path written in the staging folder is after the swap."""
        try:
            return self.output / Path(path).relative_to(self.folder)
        except ValueError:
            return Path(path)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def commit(self) -> None:
        """Swap the new set in; raise :class:`OutputLocked` (everything as before) on a held file."""
        old, new = self._current(), sorted(_files(self.folder))
        backup = self.output / f"{BACKUP_PREFIX}{os.getpid()}"
        moved: list[Path] = []
        try:
            for rel in old:
                (backup / rel).parent.mkdir(parents=True, exist_ok=True)
                _move(self.output / rel, backup / rel)
                moved.append(rel)
        except PermissionError:
            self._put_back(backup, moved)
            raise OutputLocked(self.output / rel) from None
        backup.mkdir(exist_ok=True)
        (backup / JOURNAL).write_text("\n".join(r.as_posix() for r in new), encoding="utf-8")
        placed: list[Path] = []
        try:
            for rel in new:
                (self.output / rel).parent.mkdir(parents=True, exist_ok=True)
                _move(self.folder / rel, self.output / rel)
                placed.append(rel)
        except OSError as exc:
            for done in placed:
                _move(self.output / done, self.folder / done)
            self._put_back(backup, moved)
            if isinstance(exc, PermissionError):
                raise OutputLocked(self.output / rel) from None
            raise
        shutil.rmtree(backup, ignore_errors=True)
        self.discard()
        self._prune()

    def _put_back(self, backup: Path, moved: list[Path]) -> None:
        for rel in moved:
            _move(backup / rel, self.output / rel)
        shutil.rmtree(backup, ignore_errors=True)

    def _prune(self) -> None:
        """Remove the empty folders the swap left (an old pôle's, a removed establishment's)."""
        for folder, _dirs, _names in sorted(os.walk(self.output), key=lambda t: -len(Path(t[0]).parts)):
            path = Path(folder)
            rel = path.relative_to(self.output)
            if rel != Path(".") and owned(rel, self.names) or rel.parts[:1] == (ESTABLISHMENTS_DIR,):
                try:
                    path.rmdir()
                except OSError:
                    pass  # not empty
