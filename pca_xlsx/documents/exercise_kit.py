"""The exercise kit: contexts of the two Word templates, and the three parts written to disk.

``output/exercices/<AAAA-MM-JJ>_<scénario>/``: ``chronogramme.docx`` (animators),
``joueurs/<code>.docx`` (one per service: nothing that gives the expected answers away),
``grille_observation.xlsx`` (observers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..consolidate.exercise_plan import ExercisePlan
from ..core.words import counted, plural
from ..format.grid import GRID_FILE, RESULT_RULE
from ..format.vocabulary import TESTED, VITAL
from ..write.grid import write_grid
from .exercise_script import END, SCRIPT_RULE, build_script, clock, unavailable, without
from .text import long_date

CHRONOGRAM = "chronogramme.docx"
PLAYER = "joueur.docx"
MAX_OBJECTIVES = 10
DURATION = f"{END // 60} heures"


def objectives(plan: ExercisePlan) -> list[str]:
    """Vital processes first, then workarounds never tested, one line each."""
    vital, untested = [], []
    for part in plan.services:
        for p in part.processes:
            label = f"{part.code} – « {p.get('process')} »"
            if p.get("criticality") == VITAL:
                state = "jamais testée" if p.get("status") != TESTED else "déjà testée, à confirmer"
                vital.append(
                    f"Vérifier que le processus vital {label} continue sans {p.get('resource')} (parade {state})."
                )
            elif p.get("workaround") and p.get("status") != TESTED:
                untested.append(f"Tester pour la première fois la parade du processus {label}.")
            elif not p.get("workaround"):
                untested.append(f"Constater ce que fait le service pour {label}, qui n'a pas encore de parade.")
    return vital + untested


def chronogram_context(plan: ExercisePlan, today: dt.date) -> dict[str, Any]:
    injects = build_script(plan)
    goals = objectives(plan)
    processes = [p for part in plan.services for p in part.processes]
    vital = sum(1 for p in processes if p.get("criticality") == VITAL)
    untested = sum(1 for p in processes if p.get("status") != TESTED)
    rest = len(goals) - MAX_OBJECTIVES
    return {
        "etablissement": plan.establishment,
        "date": f"{today:%d/%m/%Y}",
        "scenario": plan.scenario,
        "description": plan.description or "—",
        "ressources": ", ".join(plan.resources),
        "jour": long_date(plan.day),
        "duree": DURATION,
        "services": [
            {
                "code": part.code,
                "nom": part.name,
                "pole": part.pole or "—",
                "processus": len(part.processes),
                "vitaux": len(part.vital),
                "non_testees": sum(1 for p in part.processes if p.get("status") != TESTED),
            }
            for part in plan.services
        ],
        "chiffres": {
            "processus": len(processes),
            "vitaux": vital,
            "non_testees": untested,
            # each key figure's label agrees with its number
            "services_libelle": plural(len(plan.services), "service joueur", "services joueurs"),
            "processus_libelle": plural(len(processes), "processus touché", "processus touchés"),
            "vitaux_libelle": plural(vital, "dont vital", "dont vitaux"),
            "non_testees_libelle": plural(untested, "parade jamais testée", "parades jamais testées"),
            "injects_libelle": plural(len(injects), "inject", "injects"),
        },
        "objectifs": goals[:MAX_OBJECTIVES],
        "objectifs_suite": (
            f"… et {counted(rest, 'autre', 'autres')} : voir la grille d'observation." if rest > 0 else ""
        ),
        "injects": [
            {
                "heure": i.time,
                "type": i.kind,
                "cible": i.target,
                "message": i.message,
                "attendu": "\n".join(i.expected),
                "vital": i.vital,
            }
            for i in injects
        ],
        "regle": SCRIPT_RULE,
        "regle_resultat": RESULT_RULE,
    }


def player_context(plan: ExercisePlan, code: str, today: dt.date) -> dict[str, Any]:
    """What one service's players get: the situation and what they will receive, no expected answer."""
    part = next(p for p in plan.services if p.code == code)
    received = [i for i in build_script(plan) if code in i.target.split(", ")]
    return {
        "etablissement": plan.establishment,
        "date": f"{today:%d/%m/%Y}",
        "scenario": plan.scenario,
        "description": plan.description or "",
        "ressources": ", ".join(plan.resources),
        "indisponibles": unavailable(plan.resources),  # « Téléphonie et DECT indisponibles »
        "sans": without(plan.resources),  # « sans Téléphonie ni DECT »: what the scenario takes away
        "jour": long_date(plan.day),
        "duree": DURATION,
        "fin": clock(END),
        "service": {"code": part.code, "nom": part.name, "pole": part.pole or "—"},
        "sollicitations": len(received),
        "messages": counted(len(received), "message", "messages"),
    }


@dataclass
class Kit:
    plan: ExercisePlan
    folder: Path
    written: list[Path] = field(default_factory=list)


def write_kit(plan: ExercisePlan, output: Path, today: dt.date | None = None, templates: Path | None = None) -> Kit:
    """Write the three parts of the kit under ``<output>/exercices/<folder>/`` (``templates``: the
    Word templates' folder, by default :func:`~pca_xlsx.documents.render.templates_folder`'s)."""
    from .render import Job, render_all

    today = today or dt.date.today()
    folder = Path(output) / "exercices" / plan.folder_name
    jobs = [Job(CHRONOGRAM, chronogram_context(plan, today), folder / CHRONOGRAM)]
    for part in plan.services:
        jobs.append(
            Job(PLAYER, player_context(plan, part.code, today), folder / "joueurs" / f"{_safe(part.code)}.docx")
        )
    written = render_all(jobs, templates, workers=1)
    written.append(write_grid(folder / GRID_FILE, plan))
    return Kit(plan, folder, written)


def _safe(code: str) -> str:
    from . import file_name

    return file_name(code)
