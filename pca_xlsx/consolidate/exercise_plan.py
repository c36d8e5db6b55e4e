"""Which processes a scenario breaks in which services: the content of an exercise kit.

Built from the validated tables (``RunResult.tables``) and the referential; knows nothing about
Word or Excel. :func:`build_plan` raises :class:`ExerciseError` (French, exit 2) on bad input.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..core.errors import StartError
from ..format import fold, split_list
from ..format.vocabulary import VITAL

#: Services hit hardest by the scenario that a kit covers when ``--services`` is not given.
DEFAULT_SERVICES = 3
PROCESS_KEYS = ("number", "process", "criticality", "resource", "workaround", "prerequisites", "status")
REFLEX_KEYS = ("step", "phase", "action", "who", "when")


class ExerciseError(StartError):
    """The kit cannot be written (unknown scenario or service, nothing hit); French message."""

    title = "Exercice impossible à préparer"


@dataclass
class ServicePart:
    """One service of the exercise: the process rows the scenario hits and its reflex steps."""

    code: str
    name: str
    pole: str
    processes: list[dict[str, Any]] = field(default_factory=list)
    reflex: list[dict[str, Any]] = field(default_factory=list)

    @property
    def vital(self) -> list[dict[str, Any]]:
        return [p for p in self.processes if p.get("criticality") == VITAL]


@dataclass
class ExercisePlan:
    establishment: str
    scenario: str
    description: str
    resources: list[str]
    day: dt.date
    services: list[ServicePart]
    #: Services asked for with ``--services`` that the scenario does not hit.
    skipped: list[str] = field(default_factory=list)

    @property
    def folder_name(self) -> str:
        """``<AAAA-MM-JJ>_<scénario>`` with the scenario made safe for a folder name."""
        safe = re.sub(r"[^\w-]+", "_", self.scenario).strip("_") or "scenario"
        return f"{self.day:%Y-%m-%d}_{safe}"


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


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


def find_scenario(referential, name: str | None) -> str:
    """The referential's spelling of scenario ``name`` (case and accents ignored)."""
    names = [str(n) for n in referential.scenario_names]
    if not name or not str(name).strip():
        raise ExerciseError(
            f"indiquez le scénario à jouer avec --scenario. Scénarios du référentiel : {', '.join(names)}."
        )
    for known in names:
        if fold(known) == fold(name):
            return known
    raise ExerciseError(f"scénario inconnu « {name} ». Scénarios du référentiel : {', '.join(names)}.")


def hit_rows(tables: dict[str, pd.DataFrame], referential, scenario: str) -> pd.DataFrame:
    """Process rows of every service whose impacted resource the scenario makes unavailable."""
    proc = tables["processus"]
    wanted = {fold(r) for r in referential.scenario_resources(scenario)}
    return proc[proc["resource"].map(fold).isin(wanted)]


def choose_services(referential, rows: pd.DataFrame, services: str | None) -> list[str]:
    """Service codes from ``--services`` (codes or pôle codes, separated by , or ;) or the most hit."""
    codes = [str(c) for c in referential.service_codes]
    if not services:
        vital = rows["criticality"].eq(VITAL)
        counts = pd.DataFrame({"code": rows["_service"].astype(str), "vital": vital.astype(int), "hit": 1})
        counts = counts[counts["code"].isin(codes)].groupby("code")[["vital", "hit"]].sum().reset_index()
        counts = counts.sort_values(["vital", "hit", "code"], ascending=[False, False, True])
        return list(counts["code"].head(DEFAULT_SERVICES))
    by_fold = {fold(c): c for c in codes}
    poles = {fold(p): str(p) for p in referential.poles["code"]}
    chosen: list[str] = []
    for item in split_list(str(services).replace(",", ";")):
        if fold(item) in by_fold:
            found = [by_fold[fold(item)]]
        elif fold(item) in poles:
            pole = poles[fold(item)]
            found = [
                str(c) for c, p in zip(referential.services["code"], referential.services["pole"]) if str(p) == pole
            ]
        else:
            raise ExerciseError(
                f"service ou pôle inconnu « {item} ». Codes des services : {', '.join(sorted(codes))}. "
                f"Codes des pôles : {', '.join(poles.values())}."
            )
        chosen += [c for c in found if c not in chosen]
    return chosen


def _records(frame: pd.DataFrame, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{k: _value(row.get(k)) for k in keys} for row in frame.to_dict("records")]


def _number_key(value: Any) -> tuple[int, str]:
    return (value if isinstance(value, int) else 10**9, str(value))


def build_plan(
    referential, tables: dict[str, pd.DataFrame], scenario: str, services: str | None = None, day: dt.date | None = None
) -> ExercisePlan:
    """The exercise for ``scenario``: the chosen services and, for each, the process rows hit."""
    name = find_scenario(referential, scenario)
    rows = hit_rows(tables, referential, name)
    codes = choose_services(referential, rows, services)
    parts, skipped = [], []
    reflex = tables["fiche_reflexe"]
    for code in codes:
        own = rows[rows["_service"].astype(str) == code]
        if own.empty:
            skipped.append(code)
            continue
        info = referential.service(code)
        processes = sorted(_records(own, PROCESS_KEYS), key=lambda p: _number_key(p["number"]))
        steps = _records(reflex[reflex["_service"].astype(str) == code], REFLEX_KEYS)
        steps.sort(key=lambda s: _number_key(s["step"]))
        parts.append(ServicePart(code, str(info.get("name", code)), str(info.get("pole_name", "")), processes, steps))
    if not parts:
        chosen = ", ".join(codes) or "aucun"
        raise ExerciseError(
            f"le scénario « {name} » ne touche aucun processus des services choisis ({chosen}) : "
            "aucun kit n'a été écrit. Choisissez d'autres services avec --services."
        )
    row = referential.scenarios[referential.scenarios["name"] == name].iloc[0]
    description = _value(row.get("description")) or ""
    resources = [str(r) for r in referential.scenario_resources(name)]
    return ExercisePlan(referential.name, name, str(description), resources, day or dt.date.today(), parts, skipped)
