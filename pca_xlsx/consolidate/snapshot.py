"""The snapshot a run leaves under ``<output>/etat/`` for the next one to compare with (:mod:`.evolutions`).

Both snapshots of a re-run are large at region scale (53 MB of JSON at 3,000 services, 226 MB of Python
objects once read), and both were held through the whole consolidation: a team's second run peaked
about 190 MiB higher than its first at 3,000 services (README « Performances »). So:

- the earlier snapshot is read once the current rows are known (:class:`SavedState`): a service's rows
  equal, text for text, to its rows now stay unread, a :class:`Unchanged` mark in their place;
- the snapshot to save is held compressed (:func:`pack`) from the end of the consolidation until the
  consolidated workbook is written, then written as the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.collector import gc_paused
from ..core.jsonfile import PackedJson, encode, save_json

SNAPSHOT_VERSION = 1
SNAPSHOT_FILE = Path("etat") / "derniere_consolidation.json"
#: Levels written (and packed) piece by piece: state → sheets → sheet → rows → one service's rows.
DEPTH = 4


def snapshot_path(output: Path) -> Path:
    return Path(output) / SNAPSHOT_FILE


class Unchanged:
    """A service's rows of one sheet in the earlier snapshot, left unread: their digest is that of some
    service's rows now (:func:`verified` checks it is the same service's, under the same columns)."""

    __slots__ = ("digest",)

    def __init__(self, digest: bytes):
        self.digest = digest


def digest(rows: dict[str, list]) -> bytes:
    """The digest of a service's rows of one sheet, from their JSON text (the text the snapshot holds)."""
    return hashlib.blake2b(encode(rows).encode("utf-8"), digest_size=16).digest()


def digests(state: dict[str, Any]) -> dict[tuple[str, str], bytes]:
    """(sheet, service code) → :func:`digest` of its rows, for every service with rows in ``state``."""
    return {
        (sheet, code): digest(rows)
        for sheet, data in state["sheets"].items()
        for code, rows in data["rows"].items()
        if rows
    }


def load_state(path: Path, now: dict[tuple[str, str], bytes] | None = None) -> dict[str, Any] | None:
    """The earlier snapshot, or None (absent, unreadable or of another version). With ``now`` (the current
    :func:`digests`), the rows of a service whose digest is among them are read as an :class:`Unchanged` mark:
    only the rows that changed are held."""
    wanted = set((now or {}).values())

    def rows_or_mark(pairs: list[tuple[str, Any]]):
        read = dict(pairs)
        if wanted and pairs and all(type(value) is list for _, value in pairs):  # a service's rows: fid → row
            mark = digest(read)
            if mark in wanted:
                return Unchanged(mark)
        return read

    try:
        with gc_paused():  # a million small objects: collections over the whole run's heap would double the time
            state = json.loads(Path(path).read_text(encoding="utf-8"), object_pairs_hook=rows_or_mark)
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != SNAPSHOT_VERSION:
        return None
    return state


def verified(previous: dict[str, Any], current: dict[str, Any], now: dict[tuple[str, str], bytes]) -> bool:
    """Whether every :class:`Unchanged` mark of ``previous`` stands for the same service's rows now, under
    the same columns (else the snapshot must be read whole: two services with the very same rows)."""
    sheets = previous.get("sheets")
    if not isinstance(sheets, dict):
        return True
    for sheet, data in sheets.items():
        rows = data.get("rows") if isinstance(data, dict) else None
        if not isinstance(rows, dict):
            continue
        for code, old in rows.items():
            if type(old) is Unchanged:
                same = current["sheets"].get(sheet, {}).get("columns") == data.get("columns")
                if not same or now.get((sheet, code)) != old.digest:
                    return False
    return True


@dataclass
class SavedState:
    """The snapshot of an earlier run, to be read once the current rows are known (:meth:`read`); ``state``:
    what was read (None before, or when there is none to compare with)."""

    path: Path
    state: dict[str, Any] | None = None

    def read(self, current: dict[str, Any]) -> dict[str, Any] | None:
        if not Path(self.path).is_file():  # a first run: nothing to compare, no digest to compute
            return None
        now = digests(current)
        self.state = load_state(self.path, now)
        if self.state is not None and not verified(self.state, current, now):
            self.state = load_state(self.path)
        return self.state


def pack(state: dict[str, Any]) -> PackedJson:
    """The snapshot to save, held compressed until :func:`save_state` writes it."""
    return PackedJson(state, DEPTH)


def save_state(state: dict[str, Any] | PackedJson, path: Path) -> Path:
    """The snapshot as JSON, written a service's rows at a time (or unpacked, the same bytes)."""
    return save_json(state, path, depth=DEPTH)
