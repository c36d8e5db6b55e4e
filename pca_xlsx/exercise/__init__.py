"""Exercises from the plan (DESIGN §4, §4.2, §5): the kit ``pca-xlsx exercice`` writes, and the
filled observation grids read back by every run.

- :mod:`.grid_format` — the grid, described once; :mod:`.grid_writer` and :mod:`.grid_reader` use it;
- :mod:`.plan` — which processes a scenario hits in which services;
- :mod:`.script` — the timed script of injects; :mod:`.kit` — the Word documents and the kit folder;
- :mod:`.results` — grids back into the plan (exercise history, gaps, findings);
- :mod:`.programme` — the yearly programme of exercises.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .plan import ExerciseError, ExercisePlan, build_plan


@dataclass
class Kit:
    plan: ExercisePlan
    folder: Path
    written: list[Path] = field(default_factory=list)


def parse_day(text: str | None) -> dt.date | None:
    """``JJ/MM/AAAA`` to a date; :class:`ExerciseError` (French) when it is not one."""
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ExerciseError(f"date « {text} » invalide : saisissez-la au format JJ/MM/AAAA (par exemple 15/03/2027).")


def prepare_kit(result, output: Path, scenario: str, services: str | None = None, day: dt.date | None = None) -> Kit:
    """Plan the exercise from a validated run and write its kit."""
    from .kit import write_kit

    plan = build_plan(result.referential, result.tables, scenario, services, day)
    written = write_kit(plan, output)
    return Kit(plan, written[0].parent, written)


__all__ = ["ExerciseError", "ExercisePlan", "Kit", "build_plan", "parse_day", "prepare_kit"]
