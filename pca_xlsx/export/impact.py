"""Business impact of each resource, from the plan: what CISO Assistant's BIA import asks for.

Rules (printed in the export's README section and in each analysis' observation):

- a resource's **processes** are the process rows (``Processus``) whose « Ressource impactée » is it;
- ``recovery_documented``: it has processes and every one has a workaround written;
- ``recovery_tested``: it has processes and every one has its workaround « Testée »;
- ``recovery_targets_met``: IT's « Reprise garantie » is no longer than the strictest « Interruption
  tolérable » the services give it (``Applications``); False without a guarantee or without a target;
- **escalation thresholds**: at each point in time (1 h, 4 h, 24 h, 3 days, 7 days) the impact level
  is the highest criticality among the processes whose service's tolerable interruption for the
  resource is exceeded by then — a band is exceeded from its upper bound on (« 1 à 4 h » at 4 h,
  « Plus de 3 jours » at 7 days) — (Vitale → 3 « Critique », Majeure → 2 « Important », Modérée → 1
  « Significatif », none → 0 « Mineur », the four levels of the EBIOS RM 4×4 matrix). A process whose
  service gave no tolerable interruption counts from the first point (prudence).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..format.vocabulary import CRITICALITY, INTERRUPTION, TESTED, WORKAROUND_STATUS

#: Points in time (seconds) and the tolerable-interruption bands exceeded once each is reached.
POINTS = (3600, 14400, 86400, 259200, 604800)
POINT_LABELS = {3600: "1 h", 14400: "4 h", 86400: "24 h", 259200: "3 jours", 604800: "7 jours"}
#: When each band is exceeded, in seconds: from its upper bound on (« 1 à 4 h » from 4 h; « Plus de 3 jours »
#: at 7 days, the last point).
BAND_LIMIT = dict(zip(INTERRUPTION, POINTS, strict=True))
#: Criticality → impact level of the EBIOS RM 4×4 matrix (0 Mineur … 3 Critique).
LEVEL = {CRITICALITY[0]: 3, CRITICALITY[1]: 2, CRITICALITY[2]: 1}
COVERED = WORKAROUND_STATUS[1:]  # Définie, Testée


@dataclass
class Threshold:
    point_in_time: int
    level: int
    services: list[str]  # « REA (vitale, N° 1, 2) » …

    @property
    def justification(self) -> str:
        when = POINT_LABELS[self.point_in_time]
        if not self.services:
            return f"À {when} : aucun processus du plan n'a dépassé son interruption tolérable."
        return f"À {when}, interruption tolérable dépassée pour : " + " ; ".join(self.services) + "."


@dataclass
class Assessment:
    """One resource's business impact."""

    resource: str
    category: str
    processes: int
    services: list[str]
    documented: bool
    tested: bool
    targets_met: bool
    strictest: str  # strictest tolerable interruption given by a service, "" if none
    guaranteed: str  # IT's guaranteed restart, "" if none
    thresholds: list[Threshold] = field(default_factory=list)

    @property
    def observation(self) -> str:
        if not self.processes:
            return "Aucun processus du plan ne dépend de cette ressource."
        target = self.strictest or "non renseignée"
        guarantee = self.guaranteed or "non renseignée"
        return (
            f"{self.processes} ligne(s) de processus dans {len(self.services)} service(s) "
            f"({', '.join(self.services)}) ; interruption tolérable la plus stricte : {target} ; "
            f"reprise garantie par la DSI : {guarantee}."
        )


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _rank(band: str) -> int | None:
    return INTERRUPTION.index(band) if band in INTERRUPTION else None


def assess(resources: pd.DataFrame, processes: pd.DataFrame, applications: pd.DataFrame) -> list[Assessment]:
    """One :class:`Assessment` per resource of the referential, in its order."""
    tolerance: dict[tuple[str, str], str] = {}
    for code, resource, band in applications[["code", "resource", "tolerable"]].itertuples(index=False):
        band, key = _text(band), (str(code), _text(resource))
        if band in INTERRUPTION and (key not in tolerance or _rank(band) < _rank(tolerance[key])):
            tolerance[key] = band
    by_resource = {name: rows for name, rows in processes.groupby(processes["resource"].map(_text), sort=False)}
    out = []
    for name, category, guaranteed in resources[["name", "category", "restart_guaranteed"]].itertuples(index=False):
        name, guaranteed = _text(name), _text(guaranteed)
        rows = by_resource.get(name, processes.iloc[0:0])
        codes = sorted({str(c) for c in rows["code"]})
        bands = [tolerance[(c, name)] for c in codes if (c, name) in tolerance]
        strictest = min(bands, key=_rank) if bands else ""
        statuses = [_text(s) for s in rows["status"]]
        documented = bool(len(rows)) and all(_text(w) for w in rows["workaround"])
        tested = bool(len(rows)) and all(s == TESTED for s in statuses)
        met = bool(strictest and guaranteed in INTERRUPTION and _rank(guaranteed) <= _rank(strictest))
        out.append(
            Assessment(
                name,
                _text(category),
                len(rows),
                codes,
                documented,
                tested,
                met,
                strictest,
                guaranteed,
                _thresholds(rows, name, tolerance),
            )  # fmt: skip
        )
    return out


def _thresholds(rows: pd.DataFrame, resource: str, tolerance: dict[tuple[str, str], str]) -> list[Threshold]:
    if rows.empty:
        return []
    out = []
    for point in POINTS:
        hit: dict[str, list[tuple[int, str]]] = {}
        for code, number, criticality in rows[["code", "number", "criticality"]].itertuples(index=False):
            band = tolerance.get((str(code), resource))
            if band is not None and point < BAND_LIMIT[band]:
                continue
            level = LEVEL.get(_text(criticality), 1)
            shown = _text(number)
            hit.setdefault(str(code), []).append((level, shown[:-2] if shown.endswith(".0") else shown))
        level = max((lv for items in hit.values() for lv, _ in items), default=0)
        named = []
        for code in sorted(hit, key=lambda c: (-max(lv for lv, _ in hit[c]), c)):
            worst = max(lv for lv, _ in hit[code])
            label = {3: "vitale", 2: "majeure", 1: "modérée"}[worst]
            numbers = ", ".join(n for _, n in hit[code] if n)
            named.append(f"{code} ({label}" + (f", N° {numbers})" if numbers else ")"))
        out.append(Threshold(point, level, named))
    return out
