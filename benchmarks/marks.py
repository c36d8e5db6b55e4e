"""The probe's marks of one run (``pca_xlsx.core.probe``) as pipeline stages: time and memory of each."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.measure import Measure

#: A stage's end mark → its French name in the table « mémoire par étape ».
LABELS = {
    "start": "démarrage (imports, verrou)",
    "read": "lecture des classeurs",
    "validate": "validation",
    "consolidate": "consolidation (calcul)",
    "parts": "établissements un à un (calcul, classeur ; run : documents)",
    "write": "classeur consolidé écrit",
    "finish": "rapport et copies annotées terminés",
    "documents": "documents",
    "exit": "fin jusqu'à la sortie",
}


def read(path: Path) -> list[dict]:
    """The marks written to ``path`` (none when the command wrote none)."""
    if not Path(path).is_file():
        return []
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def stages(marks: list[dict], measure: Measure) -> list[dict]:
    """One row per stage, from the previous mark (the process's start) to its own, then one to the exit.

    ``seconds``: the stage's duration; ``end``: seconds since the start; ``maxrss_mib``: the main
    process's peak so far (``ru_maxrss``, a high-water mark: the stage's own peak when it rose during
    the stage); ``rss_mib``: its resident memory at the end; ``children_mib``: the largest finished
    child process so far; ``tree_mib``: the largest sum of the tree's PSS sampled during the stage."""
    if not marks:
        return []
    rows, before, begin = [], 0.0, 0.0
    for mark in marks:
        end = mark["time"]
        rows.append(
            {
                "label": mark["label"],
                "seconds": round(mark["seconds"] - before, 3),
                "end": mark["seconds"],
                "maxrss_mib": mark["maxrss_mib"],
                "rss_mib": mark["rss_mib"],
                "children_mib": mark["children_maxrss_mib"],
                "tree_mib": _peak(measure.samples, begin, end),
            }
        )
        before, begin = mark["seconds"], end
    rows.append(
        {
            "label": "exit",
            "seconds": round(max(measure.seconds - before, 0.0), 3),
            "end": round(measure.seconds, 3),
            "maxrss_mib": round(measure.peak_mib, 1),
            "rss_mib": None,
            "children_mib": None,
            "tree_mib": _peak(measure.samples, begin, float("inf")),
        }
    )
    return rows


def _peak(samples: list[tuple[float, float]], begin: float, end: float) -> float | None:
    """The largest sample taken after ``begin`` up to ``end`` (wall clock); None when none was."""
    inside = [mib for at, mib in samples if begin < at <= end]
    return round(max(inside), 1) if inside else None
