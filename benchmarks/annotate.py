"""Annotated copies alone: the cost of one copy, rewriting the zip's changed parts vs openpyxl.

``python -m benchmarks.annotate WORKBOOKS OUT [SAMPLE]`` validates once (not measured), then writes
the annotated copies of the first ``SAMPLE`` workbooks with findings (40 by default) both ways, in
this one process, and writes ``OUT/copies.json`` (milliseconds per copy, median and mean).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from pca_xlsx import pipeline
from pca_xlsx.validate.annotate import annotate


def _time(tasks, folder: Path, mode: str | None) -> list[float]:
    if mode:
        os.environ["PCA_XLSX_ANNOTATE"] = mode
    else:
        os.environ.pop("PCA_XLSX_ANNOTATE", None)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for source, findings in tasks:
        start = time.perf_counter()
        assert annotate(source, findings, folder / source.name, {}) is not None
        out.append((time.perf_counter() - start) * 1000)
    return out


def main(workbooks: Path, output: Path, sample: int = 40) -> dict:
    result = pipeline.validate(pipeline.Options(workbooks, output / "validation-seule"), lambda *a: None)
    by_file = result.report.by_file()
    tasks = [(workbooks / name, items) for name, items in sorted(by_file.items()) if any(f.cell for f in items)]
    tasks = tasks[:sample]
    figures = {"copies": len(tasks)}
    for label, mode in (("zip", None), ("openpyxl", "openpyxl")):
        times = _time(tasks, output / f"copies-{label}", mode)
        figures[f"{label}_ms_median"] = round(statistics.median(times), 1)
        figures[f"{label}_ms_mean"] = round(statistics.fmean(times), 1)
    figures["ratio"] = round(figures["openpyxl_ms_median"] / figures["zip_ms_median"], 1)
    (output / "copies.json").write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    args = sys.argv[1:]
    print(main(Path(args[0]), Path(args[1]), int(args[2]) if len(args) > 2 else 40))
