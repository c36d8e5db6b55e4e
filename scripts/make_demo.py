"""Regenerate the demo hospital ("CHU Exemple") in workbooks/ from the readable data in scripts/demo_data/.

Run after any change of the workbook format:  python scripts/make_demo.py [--out workbooks]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from demo_data import crisis, exercises, load_services  # noqa: E402
from demo_data.referential import (  # noqa: E402
    BACKUP_MEANS,
    CRISIS_DIRECTORY,
    ESTABLISHMENT,
    ESTABLISHMENTS,
    FOLDERS,
    POLES,
    RESOURCES,
    SCENARIOS,
    SERVICES,
)

from pca_xlsx import pipeline  # noqa: E402
from pca_xlsx.consolidate.exercise_plan import build_plan  # noqa: E402
from pca_xlsx.format import REFERENTIAL_FILE  # noqa: E402
from pca_xlsx.format.grid import GRID_FOLDER  # noqa: E402
from pca_xlsx.read import read_referential  # noqa: E402
from pca_xlsx.write.grid import write_grid  # noqa: E402
from pca_xlsx.write.referential import write_referential  # noqa: E402
from pca_xlsx.write.template import write_service_workbook  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "workbooks")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_referential(
        out / REFERENTIAL_FILE,
        {
            "etablissement": ESTABLISHMENT,
            "etablissements": ESTABLISHMENTS,
            "poles": POLES,
            "services": SERVICES,
            "ressources": RESOURCES,
            "scenarios": SCENARIOS,
            "annuaire": crisis.directory(CRISIS_DIRECTORY),
            "contacts_externes": crisis.contacts(),
            "moyens_secours": BACKUP_MEANS,
        },
    )
    referential = read_referential(out / REFERENTIAL_FILE)
    services = load_services()
    for code, content in sorted(services.items()):
        write_service_workbook(out / FOLDERS[code] / f"{code}.xlsx", referential, code, content)
    rows = sum(len(c.get("processus", [])) for c in services.values())
    print(f"{len(services)} classeurs de service et le référentiel écrits dans {out} ({rows} lignes de processus).")
    grid = write_demo_grid(out)
    print(f"Grille d'observation remplie d'un exercice passé : {grid}.")


def write_demo_grid(out: Path) -> Path:
    """The kit's grid for the demo's past exercise, built from the workbooks just written, then filled."""
    result = pipeline.validate(pipeline.Options(out, jobs=1), write=False)
    plan = build_plan(result.referential, result.tables, exercises.SCENARIO, exercises.SERVICES, exercises.DAY)
    return write_grid(out / GRID_FOLDER / exercises.FILE, plan, exercises.FILLED)


if __name__ == "__main__":
    main()
