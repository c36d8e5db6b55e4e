"""``python -m pca_xlsx.synthetic --services N --seed S --out DOSSIER``: write a synthetic hospital."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from . import write_hospital


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m pca_xlsx.synthetic",
        description="Écrit un établissement synthétique : le référentiel et N classeurs de service remplis.",
    )
    parser.add_argument("--services", "-n", type=int, default=240, help="nombre de services (défaut : 240)")
    parser.add_argument("--seed", type=int, default=0, help="graine du générateur (défaut : 0)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data/synthetique"), help="dossier de sortie")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=None, help="date du jour (AAAA-MM-JJ)")
    parser.add_argument("--anomalies", type=float, default=0.05, help="part des classeurs avec une erreur de saisie")
    parser.add_argument("--etablissements", type=int, default=1, help="établissements du GHT (défaut : 1)")
    parser.add_argument(
        "--lignes", type=int, default=None, help="lignes de processus par service (défaut : 10 à 50 au hasard)"
    )
    parser.add_argument(
        "--denses", action="store_true", help="deux services sollicités sur chaque ligne de processus (le pire cas)"
    )
    parser.add_argument("--jobs", type=int, default=None, help="processus d'écriture (défaut : nombre de cœurs)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    write_hospital(
        args.out,
        args.services,
        args.seed,
        args.date,
        args.anomalies,
        args.jobs,
        args.etablissements,
        args.lignes,
        dense=args.denses,
    )
    print(f"{args.services} classeurs et le référentiel écrits dans {args.out} en {time.perf_counter() - start:.1f} s.")


if __name__ == "__main__":
    main()
