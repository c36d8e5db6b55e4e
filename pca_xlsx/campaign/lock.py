"""One run at a time per output folder: a lock file naming its holder (machine, user, start time).

The lock is created with ``O_EXCL`` (atomic on every platform and on network shares). A lock is
stale, and taken over with a note, when its holder ran on this machine and its process is gone,
or when it is older than :data:`STALE_AFTER` (a run takes minutes; a crashed PC leaves its lock).
A second run stops at once (exit 2) with the holder's name: it does not wait.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import StartError

LOCK_FILE = ".pca-xlsx.verrou"
#: A lock older than this is abandoned whoever holds it.
STALE_AFTER = dt.timedelta(hours=6)


class RunInProgress(StartError):
    """Another run holds the output folder (exit 2)."""

    title = "Exécution impossible"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "?"


def holder() -> dict:
    """This process as a lock holder."""
    now = dt.datetime.now().replace(microsecond=0)
    return {"host": socket.gethostname(), "user": _user(), "pid": os.getpid(), "started": now.isoformat()}


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (no signal sent: ``os.kill`` terminates on Windows)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def stale(data: dict | None, now: dt.datetime | None = None) -> bool:
    """Whether a lock's holder is gone (same machine, process ended) or the lock is too old."""
    if data is None:
        return True  # unreadable: left half-written by a crash
    now = now or dt.datetime.now()
    try:
        started = dt.datetime.fromisoformat(str(data.get("started")))
    except ValueError:
        return True
    if now - started > STALE_AFTER:
        return True
    pid = data.get("pid")
    return data.get("host") == socket.gethostname() and isinstance(pid, int) and not alive(pid)


def busy_message(data: dict) -> str:
    started = dt.datetime.fromisoformat(str(data["started"]))
    when = f"{started:%H:%M}" if started.date() == dt.date.today() else f"{started:%d/%m/%Y %H:%M}"
    return (
        f"une exécution est déjà en cours depuis {when} ({data.get('host', '?')}, {data.get('user', '?')}) : "
        "attendez sa fin"
    )


def _create(path: Path, data: dict) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return True


@contextmanager
def output_lock(output: Path) -> Iterator[list[str]]:
    """Hold ``<output>/.pca-xlsx.verrou`` for the block; yields French notes (a stale lock taken over).

    Raises :class:`RunInProgress` when another live run holds it.
    """
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK_FILE
    mine, notes = holder(), []
    while not _create(path, mine):
        data = _read(path)
        if not stale(data):
            raise RunInProgress(busy_message(data))
        gone = path.with_name(f"{LOCK_FILE}.{os.getpid()}")
        try:
            os.replace(path, gone)  # one taker wins; the others loop and see its fresh lock
        except FileNotFoundError:
            continue
        if _read(gone) != data:  # another run took it over between our read and the rename: give it back
            os.replace(gone, path)
            continue
        gone.unlink(missing_ok=True)
        if data:
            notes.append(
                f"Verrou d'une exécution interrompue ({data.get('host', '?')}, {data.get('user', '?')}, "
                f"{str(data.get('started', '?')).replace('T', ' ')}) repris."
            )
    try:
        yield notes
    finally:
        if _read(path) == mine:
            path.unlink(missing_ok=True)
