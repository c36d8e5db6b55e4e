"""The grids' share of the consolidation: exercise rows, failed-workaround gaps, ``Contrôle`` lines."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..validate.exercises import ExerciseResults, control_rows, exercise_rows, failure_gaps
from .gap import Gap


def add_grid_exercises(details: dict[str, pd.DataFrame], people, results: ExerciseResults | None) -> None:
    """Append each observed service's exercise to ``details["exercices"]`` (source marks the grid)."""
    rows = exercise_rows(results)
    if not rows:
        return
    from .common import sort_rows

    frame = details["exercices"]
    new = pd.DataFrame(rows)
    new["code"] = new["_service"]
    new["name"] = new["code"].map(lambda c: people.names.get(c, ""))
    new["pole"] = new["code"].map(lambda c: people.poles.get(c, ""))
    new["pole_name"] = new["code"].map(people.pole_name)
    new["establishment"] = new["code"].map(people.establishment)
    new["source"] = new.pop("_source")
    new["flag"] = ""
    if "_errors" in frame.columns:
        new["_errors"] = False
    new = new.reindex(columns=frame.columns).astype(object)
    both = pd.concat([frame.astype(object), new], ignore_index=True) if len(frame) else new
    details["exercices"] = sort_rows(both)


def failed_at_exercise(ctx) -> Iterator[Gap]:
    """Gap rule: one gap per workaround observed « Non », at the workbook's process row when it is
    found (else at the grid's cell), with the process's criticality and N° as reference."""
    for gap in failure_gaps(ctx.grids):
        yield Gap(code=gap["code"], file=gap["file"], sheet=gap["sheet"], cell=gap["cell"], detail=gap["detail"],
                  criticality=gap["criticality"], reference=gap["reference"])  # fmt: skip


def add_control(control: pd.DataFrame, results: ExerciseResults | None) -> pd.DataFrame:
    rows = control_rows(results)
    if not rows:
        return control
    return pd.concat([control, pd.DataFrame(rows, columns=control.columns)], ignore_index=True)
