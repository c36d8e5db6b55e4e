"""Earlier runs' snapshots, for ``--depuis AAAA-MM-JJ``: ``etat/historique/<date-heure>.json``.

Each consolidating run keeps its snapshot (the one ``Évolutions`` compares with) under its date and
time; the :data:`KEPT` most recent are kept. ``--depuis`` picks the last run of that day.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from ..core.errors import StartError

HISTORY_DIR = Path("etat") / "historique"
KEPT = 10  # like the archives: a snapshot of a GHT weighs tens of megabytes


def keep(snapshot: Path, output: Path, generated: dt.datetime) -> Path:
    """Keep a copy of the snapshot just saved (a hard link when possible); prune the oldest."""
    folder = Path(output) / HISTORY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{generated:%Y-%m-%d_%H-%M-%S}"
    target, n = folder / f"{stem}.json", 2
    while target.exists():  # two runs in the same second: each keeps its own snapshot, in order
        target, n = folder / f"{stem}_{n:02d}.json", n + 1
    try:
        os.link(snapshot, target)  # the snapshot is replaced, never rewritten: the link keeps this run's
    except OSError:
        shutil.copy2(snapshot, target)
    for old in sorted(folder.glob("*.json"))[:-KEPT]:
        old.unlink(missing_ok=True)
    return target


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise StartError(f"--depuis « {text} » : date attendue au format AAAA-MM-JJ (ex. 2026-11-30).") from None


def snapshot_of(output: Path, day: dt.date) -> Path:
    """The snapshot of the last run of ``day``; a French StartError listing the days kept otherwise."""
    folder = Path(output) / HISTORY_DIR
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    mine = [p for p in files if p.stem.startswith(day.isoformat())]
    if mine:
        return mine[-1]
    days = sorted({p.stem[:10] for p in files})
    known = ", ".join(dt.date.fromisoformat(d).strftime("%d/%m/%Y") for d in days) or "aucune"
    raise StartError(f"--depuis {day:%d/%m/%Y} : aucune consolidation gardée ce jour-là (jours disponibles : {known}).")
