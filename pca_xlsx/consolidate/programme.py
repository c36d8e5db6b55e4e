"""The yearly programme of exercises, and whether the year's field-exercise requirement is met.

Rule (also written in the workbook): services overdue come first (never exercised, then the
oldest last exercise), then services whose vital processes have workarounds never tested (most
first). Each is proposed the scenario that hits it hardest among those it has not played yet,
preferring scenarios nobody in the establishment has played nor already proposed. Due date: the
end of the next quarter for overdue services, otherwise the end of the service's exercise period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..core.words import counted, plural
from ..format import add_months, fold, months_before
from ..format.grid import FIELD_TYPES
from ..format.tables import TABLES
from ..format.vocabulary import NO, TESTED, VITAL, YES

PROGRAMME_COLUMNS = TABLES["programme_exercices"].keys
OVERDUE_DELAY = 3  # months
#: The rule, as shown to users (the consolidated workbook, the synthesis).
PROGRAMME_RULE = (
    "Programme proposé : d'abord les services en retard (jamais exercés, puis le dernier exercice le plus ancien), "
    "puis ceux dont des processus vitaux ont une parade jamais testée (les plus nombreux d'abord, puis le dernier "
    "exercice le plus ancien). À chacun est "
    "proposé un scénario qu'il n'a pas encore joué : de préférence jamais joué dans l'établissement, puis le moins "
    "proposé aux autres services, puis celui qui touche le plus ses processus vitaux. Échéance : dans les "
    f"{OVERDUE_DELAY} mois pour un service en retard, sinon la fin de sa période d'exercice."
)


@dataclass
class FieldRequirement:
    """At least one field exercise (Simulation or Exercice réel) in the calendar year."""

    year: int
    count: int = 0
    exercises: list[str] = field(default_factory=list)  # "REA le 12/03/2026 (Simulation)"
    unplayed: list[str] = field(default_factory=list)  # scenarios nobody has played yet

    @property
    def met(self) -> bool:
        return self.count > 0

    @property
    def sentence(self) -> str:
        head = f"Exigence {self.year} : au moins un exercice de terrain ({' ou '.join(FIELD_TYPES)}) par an"
        if self.met:
            done = plural(self.count, "exercice de terrain", "exercices de terrain")
            return f"{head} – remplie : {self.count} {done} en {self.year}."
        return f"{head} – NON remplie : aucun exercice de terrain en {self.year} à ce jour."


def _date(value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def build_programme(details: dict[str, pd.DataFrame], scenarios: pd.DataFrame, people, referential, today: dt.date):
    """(programme table, field requirement) from the consolidated details and scenario table."""
    exercises, proc = details["exercices"], details["processus"]
    months = referential.exercise_months
    cutoff = months_before(today, months)
    history: dict[str, list[tuple[dt.date, str]]] = {}
    for code, day, scenario in zip(exercises["code"], exercises["date"], exercises["scenario"]):
        day = _date(day)
        if day is not None and day <= today:
            history.setdefault(code, []).append((day, fold(scenario)))
    played = {s for items in history.values() for _, s in items if s}
    vital = proc[(proc["criticality"] == VITAL) & (proc["status"] != TESTED)]
    untested = vital.groupby("code").size().to_dict() if not vital.empty else {}
    hits: dict[str, list[tuple[int, int, str]]] = {}
    for row in scenarios.itertuples(index=False):
        hits.setdefault(row.code, []).append((int(row.vital_hit), int(row.hit), str(row.scenario)))

    candidates = []
    for code in people.codes:
        if not people.received(code):
            continue
        last = max((d for d, _ in history.get(code, [])), default=None)
        count = int(untested.get(code, 0))
        if last is None or last < cutoff:
            seen = f"dernier exercice le {last:%d/%m/%Y}" if last else "aucun exercice enregistré"
            candidates.append(((0, 0, last or dt.date.min, code), code, last, count, f"En retard : {seen}"))
        elif count:
            reason = f"{count} processus vita{'l' if count == 1 else 'ux'} dont la parade n'a jamais été testée"
            candidates.append(((1, -count, last, code), code, last, count, reason))
    candidates.sort(key=lambda c: c[0])
    proposed: dict[str, int] = {}
    rows = []
    for rank, (key, code, last, count, reason) in enumerate(candidates, 1):
        mine = {s for _, s in history.get(code, [])}
        options = [h for h in hits.get(code, []) if fold(h[2]) not in mine] or hits.get(code, [])
        options.sort(key=lambda h: (fold(h[2]) in played, proposed.get(fold(h[2]), 0), -h[0], -h[1], h[2]))
        scenario = options[0][2] if options else ""
        proposed[fold(scenario)] = proposed.get(fold(scenario), 0) + 1
        due = add_months(today, OVERDUE_DELAY) if key[0] == 0 else add_months(last, months)
        rows.append([rank, code, people.names.get(code, ""), people.pole_name(code), reason, last, count,
                     scenario, YES if scenario and fold(scenario) not in played else NO, due])  # fmt: skip
    table = pd.DataFrame(rows, columns=PROGRAMME_COLUMNS)

    requirement = FieldRequirement(today.year)
    for row in exercises.itertuples(index=False):
        day = _date(row.date)
        if day is not None and day.year == today.year and day <= today and row.type in FIELD_TYPES:
            requirement.count += 1
            requirement.exercises.append(f"{row.code} le {day:%d/%m/%Y} ({row.type})")
    requirement.unplayed = [str(n) for n in referential.scenario_names if fold(n) not in played]
    return table, requirement


#: Programme rows shown in the establishment synthesis; the rest is counted.
SYNTHESIS_ROWS = 8


def programme_context(consolidation) -> dict:
    """The synthesis' « Programme d'exercices » section (display-ready French strings)."""
    req = getattr(consolidation, "field_exercises", None)
    table = getattr(consolidation, "programme", None)
    rows = table.to_dict("records") if isinstance(table, pd.DataFrame) else []
    shown = [
        {
            "rang": r["rank"],
            "code": r["code"],
            "nom": r["name"],
            "motif": r["reason"],
            "scenario": r["scenario"] or "—",
            "echeance": f"{r['due']:%d/%m/%Y}" if isinstance(r["due"], dt.date) else "—",
        }
        for r in rows[:SYNTHESIS_ROWS]
    ]
    rest = len(rows) - len(shown)
    return {
        "exigence": req.sentence if req is not None else "",
        "remplie": bool(req.met) if req is not None else True,
        "non_joues": ", ".join(req.unplayed) if req is not None else "",
        "lignes": shown,
        "suite": f"… et {counted(rest, 'autre', 'autres')} : voir la feuille « Programme d'exercices » du "
        "classeur consolidé."
        if rest > 0
        else "",
        "regle": PROGRAMME_RULE,
    }
