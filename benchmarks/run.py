"""The benchmark: for N services, the floor and each pipeline stage as a user runs it.

    python -m benchmarks.run [--sizes 24 240 1000] [--repeat 3] [--lignes 50] [--stages ...]

For each N, generates a synthetic hospital into ``benchmarks/data/`` once (reused while the
generator is unchanged): ``--lignes`` process rows per service (50, the account's maximum, by
default: the worst case), about 5 % of workbooks with an input mistake; and, for the stages ending
in ``-erreurs``, the same hospital where every workbook carries one mistake (a first campaign).
Measures, as whole child processes: the floor (``benchmarks.floor``), ``pca-xlsx validate``,
``consolidate`` and ``documents`` (parallel, and with one process): one run for the memory, then
``--repeat`` timed runs (not sampled); keeps the median. Reports each stage against the floor of the same run and the cells written per
cell read. Prints a table and writes it to ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "benchmarks"

from rich.console import Console

from benchmarks import cells, report
from benchmarks.measure import Measure, run

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"
STAGES = (
    "floor",
    "validate",
    "consolidate",
    "validate-erreurs",
    "consolidate-erreurs",
    "documents",
    "documents-1",
    "render",
    "copies-erreurs",
)
DEFAULT_STAGES = ("floor", "validate", "consolidate", "consolidate-erreurs", "documents", "render")
#: Share of workbooks with an input mistake: the usual campaign, and a first campaign.
FAULTS, ALL_FAULTS = 0.05, 1.0
console = Console(highlight=False)


def _generator_hash() -> str:
    digest = hashlib.sha256()
    package = ROOT / "pca_xlsx"
    sources = [*sorted(package.glob("synthetic/*.py")), *sorted(package.glob("format/*.py"))]
    sources += [package / "write" / name for name in ("template.py", "referential.py", "readme.py", "layout.py")]
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_hospital(n: int, seed: int, rows: int | None = None, faults: float = FAULTS) -> Path:
    """The synthetic hospital of ``n`` services, generated once per generator version."""
    name = f"hopital-{n}-graine-{seed}"
    if rows is not None:
        name += f"-lignes-{rows}"
    if faults != FAULTS:
        name += f"-erreurs-{round(faults * 100)}"
    folder = DATA / name
    marker = folder / ".genere.json"
    stamp = {"services": n, "seed": seed, "rows": rows, "faults": faults, "generator": _generator_hash()}
    if marker.is_file() and json.loads(marker.read_text()) == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    from pca_xlsx.synthetic import write_hospital

    start = time.perf_counter()
    with console.status(f"Génération de l'hôpital synthétique de {n} services..."):
        write_hospital(folder, n, seed, faults=faults, rows=rows)
    console.print(f"Hôpital de {n} services généré en {time.perf_counter() - start:.1f} s dans {folder}.")
    marker.write_text(json.dumps(stamp))
    return folder


def _command(stage: str, workbooks: Path, output: Path) -> tuple[list[str], dict[str, str]]:
    if stage == "floor":
        return [sys.executable, "-m", "benchmarks.floor", str(workbooks), str(output / "plancher.xlsx")], {}
    if stage == "render":
        return [sys.executable, "-m", "benchmarks.render", str(workbooks), str(output)], {}
    if stage == "copies-erreurs":
        return [sys.executable, "-m", "benchmarks.annotate", str(workbooks), str(output)], {}
    command = "documents" if stage.startswith("documents") else stage.removesuffix("-erreurs")
    env = {"PCA_XLSX_JOBS": "1"} if stage == "documents-1" else {}
    return [sys.executable, "-m", "pca_xlsx", command, "--workbooks", str(workbooks), "--output", str(output)], env


def measure_stage(stage: str, workbooks: Path, repeat: int) -> dict:
    """A first run follows the memory (sampled, not timed: sampling slows a large process), then
    ``repeat`` timed runs, not sampled. Each run finds the previous one's snapshot, as a team
    re-running after a working group; figures a stage writes itself come from the last run."""
    runs: list[Measure] = []
    extra: dict = {}
    memory: Measure | None = None
    output = DATA / "sortie" / f"{workbooks.name}-{stage}"
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    for i in range(repeat + 1):
        cmd, env = _command(stage, workbooks, output)
        result = run(cmd, cwd=ROOT, env=env, sample=i == 0)
        if result.returncode not in (0, 1):
            console.print(f"[red]{stage} a échoué (code {result.returncode})[/] :\n{result.stderr}")
            break
        if i == 0:
            memory = result
            if stage in ("floor", "consolidate", "consolidate-erreurs"):
                extra["cells"] = cells.written(output)
        else:
            runs.append(result)
        if stage.startswith("documents"):
            extra["documents"] = sum(1 for _ in (output / "documents").rglob("*.docx"))
        if stage == "render" and (output / "rendu.json").is_file():
            extra.update(json.loads((output / "rendu.json").read_text()))
        if stage == "copies-erreurs" and (output / "copies.json").is_file():
            extra.update(json.loads((output / "copies.json").read_text()))
        what = "mémoire" if i == 0 else f"essai {i}/{repeat}"
        console.print(f"  {stage:<12} {what:<10} : {result.seconds:7.2f} s, {result.tree_mib:7.0f} Mio")
    if memory is None or not runs:
        return {"stage": stage, "failed": True}
    return {
        "stage": stage,
        "seconds": statistics.median(r.seconds for r in runs),
        "seconds_all": [round(r.seconds, 3) for r in runs],
        "seconds_memory_run": round(memory.seconds, 3),
        "peak_mib": max(r.peak_mib for r in (memory, *runs)),
        "tree_mib": max(r.tree_mib for r in (memory, *runs)),
        "exit": runs[-1].returncode,
        **extra,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[24, 240, 1000], help="nombres de services")
    parser.add_argument("--repeat", type=int, default=3, help="mesures par étape (médiane)")
    parser.add_argument(
        "--doc-repeat", type=int, default=None, help="mesures des étapes documents à N ≥ 1000 (défaut : --repeat)"
    )
    parser.add_argument("--stages", nargs="+", default=list(DEFAULT_STAGES), choices=STAGES, help="étapes mesurées")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--lignes", type=int, default=50, help="lignes de processus par service (0 : 10 à 50 au hasard ; défaut : 50)"
    )
    parser.add_argument("--name", default="resultats", help="nom des fichiers écrits dans benchmarks/results/")
    args = parser.parse_args(argv)
    machine = {
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "repeat": args.repeat,
        "seed": args.seed,
        "rows": args.lignes or "10-50",
    }
    results: dict[int, dict[str, dict]] = {}
    for n in args.sizes:
        rows = args.lignes or None
        workbooks = ensure_hospital(n, args.seed, rows)
        if any(stage.endswith("-erreurs") for stage in args.stages):
            first_campaign = ensure_hospital(n, args.seed, rows, ALL_FAULTS)
        console.rule(f"{n} services")
        results[n] = {}
        for stage in args.stages:
            folder = first_campaign if stage.endswith("-erreurs") else workbooks
            slow = stage.startswith(("documents", "render")) and n >= 1000
            repeat = (args.doc_repeat or args.repeat) if slow else args.repeat
            results[n][stage] = measure_stage(stage, folder, repeat)
    rows = report.rows(results)
    console.print(report.table(rows, machine))
    for note in report.NOTES:
        console.print(f"[dim]{note}[/]")
    for line in report.targets(results):
        console.print(line)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2, ensure_ascii=False)
    )
    (RESULTS / f"{args.name}.md").write_text(report.markdown(rows, machine, report.targets(results)))
    console.print(f"Résultats écrits dans {RESULTS / args.name}.md et .json")


if __name__ == "__main__":
    main()
