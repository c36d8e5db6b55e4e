"""Word rendering alone: parallel vs one process, and each document vs a bare docxtpl render.

``python -m benchmarks.render WORKBOOKS OUT`` validates and consolidates once (not measured),
then times the per-service documents (summary sheets, reflex sheets, mission letters) rendered
by ``render_all`` with one worker and with one per core (each context built by the process that
renders it), and, on a sample, the project's
``render_one`` against ``DocxTemplate(path).render(context).save(path)`` with the same template
and context. Writes ``OUT/rendu.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from docxtpl import DocxTemplate

from pca_xlsx import pipeline
from pca_xlsx.documents import service_jobs
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.render import context_of, render_all, render_one, templates_folder

SAMPLE = 60


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(workbooks: Path, out: Path) -> dict:
    options = pipeline.Options(workbooks=workbooks, output=out)
    result = pipeline.validate(options, write=False)
    cons = result.consolidation = pipeline.consolidation(result, out, snapshot=False)
    sources = Sources(result.referential, result.tables, cons, today=cons.today)
    folder = templates_folder()
    figures: dict = {}
    for name, workers in (("single", 1), ("parallel", os.cpu_count() or 1)):
        root = out / f"rendu-{name}"
        jobs = service_jobs(sources, root)
        seconds = _timed(lambda jobs=jobs, workers=workers: render_all(jobs, folder, workers, sources=sources))
        figures[f"seconds_{name}"] = seconds
        figures[f"docs_per_s_{name}"] = len(jobs) / seconds
        figures["documents"] = len(jobs)
        shutil.rmtree(root, ignore_errors=True)
    figures["speedup"] = figures["docs_per_s_parallel"] / figures["docs_per_s_single"]
    # Same template, same context, alternated to share the machine's noise.
    jobs = service_jobs(sources, out / "rendu-echantillon")
    step = max(1, len(jobs) // SAMPLE)
    jobs = [replace(job, context=context_of(job, sources)) for job in jobs[::step][:SAMPLE]]  # built once for both
    ours = bare = 0.0
    for job in jobs:
        ours += _timed(lambda job=job: render_one(job, folder))
        target = job.target.with_name(job.target.stem + "-nu.docx")

        def plain(job=job, target=target) -> None:
            tpl = DocxTemplate(folder / job.template)
            tpl.render(job.context)
            tpl.save(target)

        bare += _timed(plain)
    count = len(jobs)
    figures.update(bare_ms=1000 * bare / count, ours_ms=1000 * ours / count, bare_ratio=ours / bare, sample=count)
    shutil.rmtree(out / "rendu-echantillon", ignore_errors=True)
    (out / "rendu.json").write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2])), indent=2))
