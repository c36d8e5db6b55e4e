"""The restart after a generalised cyber attack: the gates, then the day-by-day rebuild.

Nothing restarts before the attack is contained and clean backups are proven (the referential's
« Investigation et assainissement (jours) »); then the resources are rebuilt by the list schedule
of :mod:`.restart_schedule` in the restart plan's priority order, within the team's capacity
(« Applications reconstruites en parallèle »), each taking its « Reconstruction après cyberattaque
(jours) »; the resources exposed to the Internet come last. Days are counted from the attack (J+0).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core.values import clean_text, missing
from ..format import fold
from ..format.referential import ESTABLISHMENT
from ..format.tables import TABLES
from ..format.vocabulary import INTERRUPTION, NO, YES
from .restart_schedule import SCHEDULE_RULE, Job, list_schedule

#: Hours of each « Interruption tolérable » band (the last has no bound).
BAND_HOURS = (1, 4, 24, 72, None)
ASSUMED_DAYS = 1
COLUMNS = TABLES["reprise_si_calendrier"].frame_keys
#: The restart plan's tiers, in order (:mod:`.recovery` shows the same labels).
TIERS = {
    "T0": "T0 – Socle technique",
    "T1": "T1 – Sous 4 h",
    "T2": "T2 – Sous 24 h",
    "T3": "T3 – Sous 3 jours",
    "T4": "T4 – Au-delà de 3 jours",
}
GATE_COLUMNS = TABLES["reprise_si_barrieres"].frame_keys
DAY_COLUMNS = TABLES["reprise_si_jours"].frame_keys


def parameter(referential, key: str):
    """An establishment parameter of version 3, its default when the referential lacks it."""
    value = (getattr(referential, "establishment", None) or {}).get(key)
    default = ESTABLISHMENT.column(key).default
    if missing(value) or value == "":
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return int(number) if ESTABLISHMENT.column(key).kind == "integer" else number


@dataclass
class CyberRestart:
    """``table`` one row per resource (:data:`COLUMNS`, by start day; ``step`` its priority); ``gates`` (:data:`GATE_COLUMNS`);
    ``days`` one row per day from J+0 (:data:`DAY_COLUMNS`); ``back`` resource -> day it is back."""

    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))
    gates: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=GATE_COLUMNS))
    days: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DAY_COLUMNS))
    back: dict[str, int] = field(default_factory=dict)
    rule: str = ""
    notes: list[str] = field(default_factory=list)
    investigation: int = 3
    capacity: int = 2


def _days(row: dict) -> int | None:
    value = row.get("rebuild_days")
    if missing(value) or value == "":
        return None
    try:
        return max(0, int(float(value)))
    except (TypeError, ValueError):
        return None


def exceeds(back: int, band: int | None) -> bool:
    """Back later than the strictest tolerable interruption (a band index, None: no bound)."""
    hours = BAND_HOURS[band] if band is not None else None
    return hours is not None and back * 24 > hours


def build_cyber_restart(order: list[str], edges: dict, ref: dict, tier: dict, need: dict, referential) -> CyberRestart:
    """The gates and the day-by-day rebuild of the resources of ``order`` (the restart plan's; ``tier``:
    resource -> its tier's label, :data:`TIERS` in order)."""
    out = CyberRestart()
    out.investigation = start = parameter(referential, "investigation_days")
    out.capacity = capacity = parameter(referential, "parallel_rebuilds")
    declared = {n: fold(ref.get(n, {}).get("internet_exposed")) == "oui" for n in order}
    exposed = dict(declared)
    changed = True
    while changed:  # a resource needing an exposed one waits with it
        changed = False
        for n in order:
            if not exposed[n] and any(exposed.get(d) for d in edges.get(n, [])):
                exposed[n], changed = True, True
    days = {n: _days(ref.get(n, {})) for n in order}
    jobs = [
        Job(n, days[n] if days[n] is not None else ASSUMED_DAYS, exposed[n], tuple(edges.get(n, []))) for n in order
    ]
    jobs.sort(key=lambda j: j.exposed)  # stable: the plan's order inside each group
    slots = list_schedule(jobs, start, capacity)
    out.back = {n: s.end for n, s in slots.items()}
    rows = []
    for step, job in enumerate(jobs, 1):
        n, slot, r = job.name, slots[job.name], ref.get(job.name, {})
        inherited = [d for d in edges.get(n, []) if exposed.get(d)]
        rows.append({
            "step": step, "resource": n, "tier": tier[n],
            "exposed": YES if declared[n] else f"{YES} (dépend de {', '.join(inherited)})" if exposed[n] else NO,
            "rebuild_days": job.days, "assumed": YES if days[n] is None else "",
            "depends_on": "; ".join(edges.get(n, [])), "start": slot.start, "back": slot.end,
            "need": INTERRUPTION[need[n]] if need.get(n) is not None else "",
            "exceeds": YES if exceeds(slot.end, need.get(n)) else NO,
            "vendor": clean_text(r.get("vendor")), "vendor_contact": clean_text(r.get("vendor_contact")),
        })  # fmt: skip
    rows.sort(key=lambda r: (r["start"], r["step"]))  # a timeline: by start day, then priority
    out.table = pd.DataFrame(rows, columns=COLUMNS)
    out.gates = pd.DataFrame(_gates(out.table, start), columns=GATE_COLUMNS)
    out.days = pd.DataFrame(_timeline(out.table, out.gates, start), columns=DAY_COLUMNS)
    out.rule = SCHEDULE_RULE.format(capacity=capacity)
    assumed = [n for n in order if days[n] is None]
    if assumed:
        out.notes.append(
            f"{len(assumed)} ressource(s) sans « Reconstruction après cyberattaque (jours) » au référentiel "
            f"({', '.join(assumed[:8])}{' …' if len(assumed) > 8 else ''}) : {ASSUMED_DAYS} jour supposé, "
            "à renseigner par la DSI."
        )
    return out


def _gates(table: pd.DataFrame, start: int) -> list[dict]:
    """The gates, numbered by planned day: a tier rebuilt early (no dependency, short rebuild) comes before the
    socle or a longer tier, so the crisis cell ticks them in number order; same day, the dependency order."""
    inside = table[table["exposed"] == NO]
    socle = inside[inside["tier"] == TIERS["T0"]]
    names = lambda frame: ", ".join(frame["resource"])  # noqa: E731
    last = lambda frame: int(frame["back"].max()) if len(frame) else start  # noqa: E731
    gates = [
        ("Attaque contenue : confinement, investigation et assainissement terminés",
         "Cellule de crise, sur avis du RSSI et du CERT Santé", start,
         "Aucun redémarrage avant : postes et serveurs isolés, périmètre de l'attaque établi."),
        ("Sauvegardes saines vérifiées (restauration d'essai hors réseau)", "DSI, validé par le RSSI", start,
         "Les sauvegardes à restaurer sont antérieures à la compromission et analysées."),
        ("Socle reconstruit : réseau, annuaire et identifiants renouvelés", "DSI", last(socle),
         (f"{names(socle)} ; " if len(socle) else "") + "tous les mots de passe et comptes à privilèges renouvelés."),
    ]  # fmt: skip
    for label in list(TIERS.values())[1:]:
        members = inside[(inside["tier"] == label) & ~inside.index.isin(socle.index)]
        if len(members):
            gates.append((f"Palier {label} rétabli", "DSI, avec la cellule de crise", last(members), names(members)))
    outside = table[table["exposed"] != NO]
    if len(outside):
        gates.append(("Ouverture vers Internet : ressources exposées, en dernier", "Cellule de crise, sur avis du RSSI",
                      last(inside), f"{names(outside)} ; rétablies au plus tard à J+{last(outside)}."))  # fmt: skip
    # numbered in the order they are crossed: by planned day, then in the order above (their dependency order)
    gates.sort(key=lambda gate: gate[2])  # stable
    return [{"number": i, "gate": g, "who": w, "day": d, "detail": x} for i, (g, w, d, x) in enumerate(gates, 1)]


def _timeline(table: pd.DataFrame, gates: pd.DataFrame, start: int) -> list[dict]:
    end = int(max([start, *table["back"].tolist()]))
    rows = []
    for day in range(end + 1):
        busy = table[(table["start"] <= day) & (table["back"] > day)]
        back = table[table["back"] == day] if day >= start else table.iloc[0:0]
        due = gates[gates["day"] == day]
        phase = "Confinement et investigation" if day < start else "Reconstruction"
        rows.append({"day": day, "phase": phase, "rebuilding": ", ".join(busy["resource"]),
                     "back": ", ".join(back["resource"]), "gates": " ; ".join(f"Barrière {n}" for n in due["number"])})  # fmt: skip
    return rows
