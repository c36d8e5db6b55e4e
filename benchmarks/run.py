"""The benchmark: for N services, the floor and each pipeline command as a user runs it.

    python -m benchmarks.run [--sizes 24 240 1000] [--repeat 3] [--lignes 50] [--stages ...]
                             [--etablissements K] [--denses] [--dossier DIR ...] [--name NAME]

For each N, generates a synthetic hospital into ``benchmarks/data/`` once (reused while the
generator is unchanged; the folder's name and stamp carry N, the seed, the rows, the establishments
and the density, so each variant is kept apart): ``--lignes`` process rows per service (50, the
account's maximum, by default: the worst case), about 5 % of workbooks with an input mistake,
``--etablissements K`` (a GHT of K establishments, one sub-folder each) and, with ``--denses``, two
services named on every process row (the interfaces' worst case); for the stages ending in
``-erreurs``, the same hospital where every workbook carries one mistake (a first campaign).
Generation uses one process per core (10,000 services, 5 establishments, dense: 1,633 s measured on 2 busy cores).
``--dossier DIR ...`` measures hospitals already generated (``python -m pca_xlsx.synthetic``; give their
``--etablissements`` and ``--denses`` too, for the report's description), N
counted from their workbooks, without generating anything (``-erreurs`` stages are skipped for them).

Measures, as whole child processes: the floor (``benchmarks.floor``), ``pca-xlsx validate``,
``consolidate``, ``documents`` (parallel, and with one process) and ``run`` (documents included):
one run for the memory, then ``--repeat`` timed runs (not sampled); keeps the median
(``--repeat 0``: the memory run's time, slightly slowed by the sampling). The memory run sets
``PCA_XLSX_SONDE``: the pipeline marks the end of each of its stages (``pca_xlsx.core.probe``),
lined up with the tree's memory samples, which gives the table « mémoire par étape ».

Reports each command against the floor of the same run, the cells written per cell read, the
growth table (time and memory per size; the 3,000 / 1,000 time ratio and the memory's growth from
3,000 to 10,000) and the targets of issue 30 (OK / NON). Prints the tables and writes them to
``benchmarks/results/<name>.md`` and ``.json``. Large sizes take long and much of the machine:
``--sizes 300 1000 3000 10000 --etablissements 5 --denses --stages floor consolidate run``.
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

from benchmarks import cells, marks, report
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
    "run",
    "run-erreurs",
)
DEFAULT_STAGES = ("floor", "validate", "consolidate", "consolidate-erreurs", "run")
#: Stages that are a pca-xlsx command (the probe marks their stages).
COMMANDS = ("validate", "consolidate", "documents", "run")
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


def hospital_name(
    n: int, seed: int, rows: int | None = None, faults: float = FAULTS, establishments: int = 1, dense: bool = False
) -> str:
    """The folder of a synthetic hospital under ``benchmarks/data/``: one per variant."""
    name = f"hopital-{n}-graine-{seed}"
    if rows is not None:
        name += f"-lignes-{rows}"
    if establishments > 1:
        name += f"-etablissements-{establishments}"
    if dense:
        name += "-denses"
    if faults != FAULTS:
        name += f"-erreurs-{round(faults * 100)}"
    return name


def ensure_hospital(
    n: int,
    seed: int,
    rows: int | None = None,
    faults: float = FAULTS,
    establishments: int = 1,
    dense: bool = False,
) -> Path:
    """The synthetic hospital of ``n`` services, generated once per generator version (one process per core)."""
    folder = DATA / hospital_name(n, seed, rows, faults, establishments, dense)
    marker = folder / ".genere.json"
    stamp = {
        "services": n,
        "seed": seed,
        "rows": rows,
        "faults": faults,
        "establishments": establishments,
        "dense": dense,
        "generator": _generator_hash(),
    }
    if marker.is_file() and json.loads(marker.read_text()) == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    from pca_xlsx.synthetic import write_hospital

    start = time.perf_counter()
    jobs = os.cpu_count() or 1
    what = f"{n} services" + (f", {establishments} établissements" if establishments > 1 else "")
    with console.status(f"Génération de l'hôpital synthétique ({what}, {jobs} processus)..."):
        write_hospital(folder, n, seed, faults=faults, jobs=jobs, establishments=establishments, rows=rows, dense=dense)
    console.print(f"Hôpital ({what}) généré en {time.perf_counter() - start:.1f} s dans {folder}.")
    marker.write_text(json.dumps(stamp))
    return folder


def services_in(folder: Path) -> int:
    """The services of a hospital already generated: its stamp's, else its workbooks counted."""
    marker = folder / ".genere.json"
    if marker.is_file():
        return int(json.loads(marker.read_text())["services"])
    skipped = {"referentiel.xlsx"}
    return sum(1 for p in folder.rglob("*.xlsx") if p.name not in skipped and not p.name.startswith("~$"))


def _command(stage: str, workbooks: Path, output: Path) -> tuple[list[str], dict[str, str]]:
    if stage == "floor":
        return [sys.executable, "-m", "benchmarks.floor", str(workbooks), str(output / "plancher.xlsx")], {}
    if stage == "render":
        return [sys.executable, "-m", "benchmarks.render", str(workbooks), str(output)], {}
    if stage == "copies-erreurs":
        return [sys.executable, "-m", "benchmarks.annotate", str(workbooks), str(output)], {}
    command = "documents" if stage.startswith("documents") else stage.removesuffix("-erreurs")  # run, validate…
    env = {"PCA_XLSX_JOBS": "1"} if stage == "documents-1" else {}
    return [sys.executable, "-m", "pca_xlsx", command, "--workbooks", str(workbooks), "--output", str(output)], env


def measure_stage(stage: str, workbooks: Path, repeat: int, rerun: bool = False) -> dict:
    """A first run follows the memory (sampled, and the pipeline's stages marked by the probe; its
    time is kept only with ``repeat`` 0: sampling slows a large process), then ``repeat`` timed runs,
    not sampled. Each run finds the previous one's snapshot, as a team re-running after a working
    group; figures a stage writes itself come from the last run. ``rerun``: the memory run is itself a
    re-run, after a first run (sampled too: both memories are reported) that leaves the snapshot it compares."""
    runs: list[Measure] = []
    extra: dict = {}
    memory: Measure | None = None
    output = DATA / "sortie" / f"{workbooks.name}-{stage}"
    probe = output.with_name(output.name + ".sonde.jsonl")  # beside the output folder: the run swaps it whole
    shutil.rmtree(output, ignore_errors=True)
    probe.unlink(missing_ok=True)
    output.mkdir(parents=True)
    if rerun:
        cmd, env = _command(stage, workbooks, output)
        first = run(cmd, cwd=ROOT, env=env)
        extra["first_run"] = {"seconds": round(first.seconds, 3), "tree_mib": first.tree_mib}
        console.print(f"  {stage:<12} {'1re exéc.':<10} : {first.seconds:7.2f} s, {first.tree_mib:7.0f} Mio")
    for i in range(repeat + 1):
        cmd, env = _command(stage, workbooks, output)
        if i == 0:
            env = {**env, "PCA_XLSX_SONDE": str(probe)}
        result = run(cmd, cwd=ROOT, env=env, sample=i == 0)
        if result.returncode not in (0, 1):
            console.print(f"[red]{stage} a échoué (code {result.returncode})[/] :\n{result.stderr}")
            break
        if i == 0:
            memory = result
            if stage in ("floor", "consolidate", "consolidate-erreurs"):
                extra["cells"] = cells.written(output)
            if stage.removesuffix("-erreurs").removesuffix("-1") in COMMANDS:
                extra["probe"] = marks.stages(marks.read(probe), result)
        else:
            runs.append(result)
        if stage.startswith(("documents", "run")):  # a GHT's establishments' documents too
            extra["documents"] = sum(1 for _ in output.rglob("*.docx"))
        if stage == "render" and (output / "rendu.json").is_file():
            extra.update(json.loads((output / "rendu.json").read_text()))
        if stage == "copies-erreurs" and (output / "copies.json").is_file():
            extra.update(json.loads((output / "copies.json").read_text()))
        what = "mémoire" if i == 0 else f"essai {i}/{repeat}"
        console.print(f"  {stage:<12} {what:<10} : {result.seconds:7.2f} s, {result.tree_mib:7.0f} Mio")
    if memory is None or (repeat and not runs):
        return {"stage": stage, "failed": True}
    timed = runs or [memory]
    return {
        "stage": stage,
        "seconds": statistics.median(r.seconds for r in timed),
        "seconds_all": [round(r.seconds, 3) for r in timed],
        "seconds_memory_run": round(memory.seconds, 3),
        "peak_mib": max(r.peak_mib for r in (memory, *runs)),
        "tree_mib": max(r.tree_mib for r in (memory, *runs)),
        "exit": timed[-1].returncode,
        **extra,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=None,
        help="nombres de services (défaut : 24 240 1000, aucun avec --dossier)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="mesures chronométrées par étape (médiane ; 0 : le passage mémoire)"
    )
    parser.add_argument(
        "--doc-repeat",
        type=int,
        default=None,
        help="mesures des étapes documents et run à N ≥ 1000 (défaut : --repeat)",
    )
    parser.add_argument("--stages", nargs="+", default=list(DEFAULT_STAGES), choices=STAGES, help="étapes mesurées")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--lignes", type=int, default=50, help="lignes de processus par service (0 : 10 à 50 au hasard ; défaut : 50)"
    )
    parser.add_argument("--etablissements", type=int, default=1, help="établissements du GHT généré (défaut : 1)")
    parser.add_argument(
        "--denses", action="store_true", help="deux services sollicités sur chaque ligne de processus (le pire cas)"
    )
    parser.add_argument(
        "--dossier", type=Path, nargs="+", default=[], help="hôpitaux déjà générés à mesurer (sans génération)"
    )
    parser.add_argument(
        "--relance",
        action="store_true",
        help="le passage mémoire est une relance : une première exécution (mesurée aussi) écrit l'état qu'il compare",
    )
    parser.add_argument("--name", default="resultats", help="nom des fichiers écrits dans benchmarks/results/")
    return parser


def _hospitals(args: argparse.Namespace) -> list[tuple[int, Path, Path | None]]:
    """(N, its workbooks, its first campaign's or None): the sizes generated, then the folders given."""
    sizes = args.sizes if args.sizes is not None else ([] if args.dossier else [24, 240, 1000])
    rows = args.lignes or None
    errors = any(stage.endswith("-erreurs") for stage in args.stages)
    out = []
    for n in sizes:
        variant = {"establishments": args.etablissements, "dense": args.denses}
        workbooks = ensure_hospital(n, args.seed, rows, **variant)
        out.append((n, workbooks, ensure_hospital(n, args.seed, rows, ALL_FAULTS, **variant) if errors else None))
    for folder in args.dossier:
        if not folder.is_dir():
            raise SystemExit(f"Dossier introuvable : {folder}")
        if errors:
            console.print(f"[yellow]{folder} : étapes « -erreurs » non mesurées (pas de première campagne).[/]")
        out.append((services_in(folder), folder.resolve(), None))
    return out


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    hospitals = _hospitals(args)
    machine = {
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "repeat": args.repeat,
        "seed": args.seed,
        "rows": args.lignes or "10-50",
        "establishments": args.etablissements,
        "dense": args.denses,
        "rerun": args.relance,
        "folders": {},
        "given": {str(n): str(path) for n, path, _ in hospitals[len(hospitals) - len(args.dossier) :]},
    }
    results: dict[int, dict[str, dict]] = {}
    for n, workbooks, first_campaign in hospitals:
        machine["folders"][n] = workbooks.name
        console.rule(f"{n} services ({workbooks.name})")
        results[n] = {}
        for stage in args.stages:
            folder = first_campaign if stage.endswith("-erreurs") else workbooks
            if folder is None:
                continue
            slow = stage.startswith(("documents", "render", "run")) and n >= 1000
            repeat = args.doc_repeat if slow and args.doc_repeat is not None else args.repeat
            results[n][stage] = measure_stage(stage, folder, repeat, args.relance)
        _save(args.name, machine, results)  # after each size: a long run interrupted keeps the sizes done
    report.show(console, results, machine)
    console.print(f"Résultats écrits dans {RESULTS / args.name}.md et .json")


def _save(name: str, machine: dict, results: dict[int, dict[str, dict]]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine, "results": results}
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
    (RESULTS / f"{name}.md").write_text(report.markdown(results, machine))


if __name__ == "__main__":
    main()
