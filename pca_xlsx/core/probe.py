"""An opt-in probe of the pipeline's stages, for the benchmark (``benchmarks.run``).

When ``$PCA_XLSX_SONDE`` names a file (read once, at import), each :func:`mark` appends one JSON
line to it: the stage's label, the seconds since the process started, this process's peak memory
(``ru_maxrss``), that of its finished child processes, its current resident memory, and the wall
clock (to line the marks up with the benchmark's samples). Unset, :func:`mark` returns at once.
"""

from __future__ import annotations

import os
import sys
import time

_PATH = os.environ.get("PCA_XLSX_SONDE", "").strip() or None
#: When this module was imported: the start when the process's own start time is unknown.
_IMPORTED = time.time()


def mark(label: str) -> None:
    """Record the end of the stage ``label`` (nothing when ``$PCA_XLSX_SONDE`` is unset)."""
    if _PATH is None:
        return
    _record(label, _PATH)


def _record(label: str, path: str) -> None:
    import json

    now = time.time()
    self_mib, children_mib = _maxrss_mib()
    line = {
        "label": label,
        "seconds": round(now - _started(now), 3),
        "maxrss_mib": self_mib,
        "children_maxrss_mib": children_mib,
        "rss_mib": _rss_mib(),
        "time": now,
    }
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


def _started(now: float) -> float:
    """The process's start (wall clock), from ``/proc`` where there is one, else this module's import."""
    try:
        with open("/proc/self/stat", "rb") as handle:
            stat = handle.read()
        with open("/proc/uptime", "rb") as handle:
            uptime = float(handle.read().split()[0])
        ticks = int(stat[stat.rindex(b")") + 2 :].split()[19])
        started = now - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return _IMPORTED
    return min(started, _IMPORTED)  # a clock read in another namespace cannot put the start after the import


def _maxrss_mib() -> tuple[float | None, float | None]:
    try:
        import resource
    except ImportError:  # Windows
        return None, None
    unit = 2**20 if sys.platform == "darwin" else 2**10  # bytes on macOS, KiB elsewhere
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(own / unit, 1), round(children / unit, 1)


def _rss_mib() -> float | None:
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
