"""Rewrite ``benchmarks/results/<name>.md`` from its ``.json`` (after a change of the tables' layout).

``python -m benchmarks.remake NAME [NAME...]``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks import report

RESULTS = Path(__file__).resolve().parent / "results"


def remake(name: str) -> None:
    data = json.loads((RESULTS / f"{name}.json").read_text())
    results = {int(n): stages for n, stages in data["results"].items()}
    (RESULTS / f"{name}.md").write_text(report.markdown(results, data["machine"]))


if __name__ == "__main__":
    for name in sys.argv[1:]:
        remake(name)
