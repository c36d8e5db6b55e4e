"""The IT restart plan: what the services need of each resource, in which order IT restarts them,
and where what IT can guarantee falls short (« Reprise SI insuffisante »).

Needs come from the services' ``Applications`` (dependency, tolerable interruption — DMIA —,
tolerable data loss — PDMA) and ``Processus`` (vital and major processes, workarounds); the order
and IT's guarantees from the referential's « Ressources » (« Dépend de », « Reprise garantie »,
« Perte de données garantie »). A resource needed by another inherits its strictest need, so a
tier never waits for a later one; inside a tier the order follows « Dépend de », then the
weighted need.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..core.values import clean_text, listing, missing
from ..format import SHEETS_BY_KEY, fold
from ..format.referential import RESOURCES
from ..format.tables import TABLES
from ..format.vocabulary import CRITICAL, DATA_LOSS, INTERRUPTION, MAJOR, STRONG, VITAL
from ..validate.resources import resource_graph
from .common import Directory
from .cyber_restart import TIERS, CyberRestart, build_cyber_restart
from .dependencies import RANK
from .gap import Gap
from .gaps import IT_RESTART
from .rekeying import rekeying
from .resource_order import dependents, restart_order

INSUFFICIENT = IT_RESTART
TO_FILL = "à renseigner par la DSI"
IT_DEPARTMENT = "Direction des systèmes d'information (DSI)"
UNKNOWN = "Inconnue du référentiel"
INFRASTRUCTURE = ("Réseau", "Infrastructure")
#: Tier code -> French label; a band of « Interruption tolérable » -> its tier.
BAND_TIER = {0: "T1", 1: "T1", 2: "T2", 3: "T3", 4: "T4"}
#: Weighted need: a vital process without workaround counts most.
WEIGHTS = {"vital_no_workaround": 10, "vital": 3, "major": 1, "critical": 4, "strong": 2}
WEIGHT_RULE = (
    "Besoin pondéré = 10 par processus vital sans parade + 3 par autre processus vital + 1 par processus "
    "majeur + 4 par service en dépendance critique + 2 par service en dépendance forte, plus le besoin "
    "des ressources qui en dépendent."
)
ORDER_RULE = (
    "Paliers : T0 le socle technique (réseau, infrastructure) dont dépendent d'autres ressources ; puis selon "
    "l'interruption tolérable la plus stricte déclarée par les services, y compris pour les ressources "
    "dont elles ont besoin : T1 sous 4 h, T2 sous 24 h, T3 sous 3 jours, T4 au-delà ou sans besoin déclaré. "
    "Dans un palier, une ressource vient après celles dont elle dépend (« Dépend de » du référentiel), "
    "puis par risque pour les patients : d'abord le plus de processus vitaux touchés (y compris à travers les "
    "ressources qui en dépendent), puis l'interruption tolérable la plus stricte, puis la perte de données "
    "tolérable la plus stricte — pas le nombre de services. "
    + WEIGHT_RULE.replace("Besoin pondéré", "Le besoin pondéré, donné à titre indicatif,", 1)
)
MAX_LISTED = 60
COLUMNS = TABLES["reprise_si"].keys


@dataclass
class Recovery:
    """The restart plan: ``table`` (one row per resource, in order; :data:`COLUMNS`), ``gaps``
    (gap rows, type :data:`INSUFFICIENT`), ``cyber`` (the gates and the day-by-day rebuild after a
    cyber attack, :mod:`.cyber_restart`), ``returns`` (per resource and service: the paper
    records to re-key when it comes back), ``notes`` (French sentences), ``rule``."""

    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))
    gaps: list[Gap] = field(default_factory=list)
    returns: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[str] = field(default_factory=list)
    rule: str = ORDER_RULE
    cyber: CyberRestart = field(default_factory=CyberRestart)


def band(value, bands: tuple[str, ...]) -> int | None:
    """Index of a band of ``bands`` (0 strictest), None when missing or not a band."""
    if missing(value):
        return None
    wanted = fold(value)
    return next((i for i, b in enumerate(bands) if fold(b) == wanted), None)


def codes_text(codes) -> str:
    codes = sorted(set(codes))
    return listing(codes, ", ", MAX_LISTED)


def _needs(details: dict[str, pd.DataFrame], spelling: dict[str, str]):
    """Per resource: the services by dependency level, their strictest bands, process counts."""
    apps, proc = details["applications"], details["processus"]
    level: dict[str, dict[str, int]] = defaultdict(dict)  # resource -> code -> dependency rank
    restart: dict[str, dict[str, int]] = defaultdict(dict)  # resource -> code -> strictest DMIA band
    loss: dict[str, dict[str, int]] = defaultdict(dict)
    names: dict = {}  # a resource as typed -> its referential spelling (memoised: few distinct values)

    def named(resource) -> str:
        if resource not in names:
            names[resource] = spelling.get(fold(resource)) or clean_text(resource)
        return names[resource]

    columns = ("code", "resource", "dependency", "tolerable", "data_loss")
    for code, resource, dep, tol, lost in zip(*(apps[k].tolist() for k in columns)):
        name = named(resource)
        if not name:
            continue
        level[name][code] = max(level[name].get(code, 0), RANK.get(dep, 0))
        for table, value, bands in ((restart, tol, INTERRUPTION), (loss, lost, DATA_LOSS)):
            i = band(value, bands)
            if i is not None:
                table[name][code] = min(table[name].get(code, i), i)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("vital", "major", "vital_no_workaround"), 0))
    columns = ("resource", "criticality", "workaround")
    for resource, crit, workaround in zip(*(proc[k].tolist() for k in columns)):
        name = named(resource)
        if crit == VITAL:
            counts[name]["vital_no_workaround" if missing(workaround) else "vital"] += 1
        elif crit == MAJOR:
            counts[name]["major"] += 1
    return level, restart, loss, counts


def build_recovery(
    details: dict[str, pd.DataFrame], people: Directory, referential, ambition=None, versions=None
) -> Recovery:
    """The restart plan. ``ambition``: service code -> continuity ambition (%); ``versions``:
    workbook file -> template version (a version-1 workbook has no tolerable data loss: its
    applications are ordered on the tolerable interruption alone)."""
    graph = resource_graph(referential)
    spelling = {fold(n): n for n in graph.names}
    level, restart, loss, counts = _needs(details, spelling)
    named = sorted({n for table in (level, counts) for n in table if n and fold(n) not in spelling})
    names = graph.names + named
    edges = {n: list(graph.depends_on.get(n, [])) for n in names}
    below = dependents(names, edges)  # resource -> resources depending on it
    ref = {clean_text(r["name"]): r for r in referential.resources.to_dict("records")}

    def own_weight(n: str) -> int:
        c, lv = counts.get(n, {}), level.get(n, {})
        return (
            WEIGHTS["vital_no_workaround"] * c.get("vital_no_workaround", 0)
            + WEIGHTS["vital"] * c.get("vital", 0)
            + WEIGHTS["major"] * c.get("major", 0)
            + WEIGHTS["critical"] * sum(1 for r in lv.values() if r == RANK[CRITICAL])
            + WEIGHTS["strong"] * sum(1 for r in lv.values() if r == RANK[STRONG])
        )

    weight = {n: own_weight(n) + sum(own_weight(m) for m in below[n]) for n in names}

    def own_vital(n: str) -> int:
        c = counts.get(n, {})
        return c.get("vital", 0) + c.get("vital_no_workaround", 0)

    vital = {n: own_vital(n) + sum(own_vital(m) for m in below[n]) for n in names}
    loss_need = {n: min(loss[n].values()) if loss.get(n) else None for n in names}
    # Each service's strictest need of a resource, through the resources that depend on it.
    need_by: dict[str, dict[str, int]] = {}
    from_: dict[str, str] = {}
    for n in names:
        merged: dict[str, int] = {}
        best, source = None, n
        for m in [n, *sorted(below[n])]:
            for code, b in restart.get(m, {}).items():
                merged[code] = min(merged.get(code, b), b)
                if best is None or b < best or (b == best and m == n):
                    best, source = b, m
        need_by[n] = merged
        from_[n] = source if best is not None else ""
    need = {n: min(need_by[n].values()) if need_by[n] else None for n in names}
    category = {n: clean_text(ref[n].get("category")) if n in ref else UNKNOWN for n in names}
    tier = {}
    for n in names:
        if category[n] in INFRASTRUCTURE and below[n]:
            tier[n] = "T0"
        else:
            tier[n] = BAND_TIER[need[n]] if need[n] is not None else "T4"
    for n in names:  # a resource is never restarted in a later tier than one that needs it
        for m in below[n]:
            if tier[m] < tier[n]:
                tier[n] = tier[m]
    worst = len(INTERRUPTION)
    order = restart_order(
        names,
        edges,
        key=lambda n: (tier[n], -vital[n], _or(need[n], worst), _or(loss_need[n], worst), names.index(n)),
    )
    plan = _Plan(order, edges, below, ref, tier, weight, need, from_, need_by, level, loss, counts, category)
    out = _assemble(plan, referential, people, versions or {}, details, ambition or {})
    out.cyber = build_cyber_restart(order, edges, ref, {n: TIERS[t] for n, t in tier.items()}, need, referential)
    out.notes.extend(out.cyber.notes)
    return out


def _or(value, default):
    return default if value is None else value


@dataclass
class _Plan:
    """What :func:`build_recovery` computed, per resource name: ``below`` the resources depending on it
    (directly or not), ``need`` its strictest DMIA band (own or inherited, ``from_`` whose),
    ``need_by`` each service's strictest band, ``level``/``loss``/``counts`` the services' declarations."""

    order: list[str]
    edges: dict[str, list[str]]
    below: dict[str, set[str]]
    ref: dict[str, dict]
    tier: dict[str, str]
    weight: dict[str, int]
    need: dict[str, int | None]
    from_: dict[str, str]
    need_by: dict[str, dict[str, int]]
    level: dict[str, dict[str, int]]
    loss: dict[str, dict[str, int]]
    counts: dict[str, dict[str, int]]
    category: dict[str, str]


def _assemble(plan: _Plan, referential, people: Directory, versions: dict, details: dict, ambition: dict) -> Recovery:
    order, edges, below, ref, tier, need, from_ = (
        plan.order,
        plan.edges,
        plan.below,
        plan.ref,
        plan.tier,
        plan.need,
        plan.from_,
    )
    need_by, level, loss, counts = plan.need_by, plan.level, plan.loss, plan.counts
    out = Recovery()
    data = getattr(referential, "cells", {}).get(RESOURCES.key)
    row_of = {clean_text(r): i for i, r in enumerate(referential.resources["name"])}
    file = referential.path.name if getattr(referential, "path", None) else ""
    achievable: dict[str, tuple[int | None, str]] = {}
    rows = []
    for rank, n in enumerate(order, 1):
        r = ref.get(n, {})
        lv = level.get(n, {})
        c = counts.get(n, {})
        guaranteed = band(r.get("restart_guaranteed"), INTERRUPTION)
        worst, by = guaranteed, ""
        if guaranteed is not None:
            for d in edges[n]:
                value, _ = achievable.get(d, (None, ""))
                if value is not None and value > worst:
                    worst, by = value, d
        achievable[n] = (worst, by)
        loss_need = min(loss.get(n, {}).values()) if loss.get(n) else None
        loss_guaranteed = band(r.get("loss_guaranteed"), DATA_LOSS)
        short_restart = guaranteed is not None and need[n] is not None and guaranteed > need[n]
        short_loss = loss_guaranteed is not None and loss_need is not None and loss_guaranteed > loss_need
        if short_restart or short_loss:
            verdict = INSUFFICIENT
        elif n not in ref:
            verdict = "Ressource inconnue du référentiel"
        elif need[n] is None and loss_need is None:
            verdict = "Aucun besoin déclaré"
        elif (need[n] is not None and guaranteed is None) or (loss_need is not None and loss_guaranteed is None):
            verdict = "Garanties " + TO_FILL
        else:
            verdict = "Conforme"
        services = {code: b for code, b in need_by[n].items()}
        lacking = [
            label
            for label, needed, value in (
                ("reprise garantie", need[n] is not None, guaranteed),
                ("perte de données garantie", loss_need is not None, loss_guaranteed),
                ("sauvegarde", loss_need is not None, clean_text(r.get("backup")) or None),
            )
            if n in ref and needed and value is None
        ]
        known = n in ref
        row = {
            "rank": rank,
            "tier": TIERS[tier[n]],
            "resource": n,
            "category": plan.category[n],
            "owner_service": clean_text(r.get("owner_service")),
            "depends_on": "; ".join(edges[n]),
            "needed_by": "; ".join(m for m in order if m in below[n] and n in edges[m]),
            "critical_services": codes_text(k for k, v in lv.items() if v == RANK[CRITICAL]),
            "strong_services": codes_text(k for k, v in lv.items() if v == RANK[STRONG]),
            "other_services": codes_text(k for k, v in lv.items() if 0 < v < RANK[STRONG]),
            "vital": c.get("vital", 0) + c.get("vital_no_workaround", 0),
            "major": c.get("major", 0),
            "vital_no_workaround": c.get("vital_no_workaround", 0),
            "weight": plan.weight[n],
            "need": INTERRUPTION[need[n]] if need[n] is not None else "",
            "need_from": from_[n] if from_[n] and from_[n] != n else "",
            "loss_need": DATA_LOSS[loss_need] if loss_need is not None else "",
            "ambition": _ambition(services or lv, ambition),
            "restart_guaranteed": shown(guaranteed, INTERRUPTION, known and need[n] is not None),
            "restart_achievable": _achievable(worst, by)
            if guaranteed is not None
            else shown(None, (), known and need[n] is not None),
            "loss_guaranteed": shown(loss_guaranteed, DATA_LOSS, known and loss_need is not None),
            "verdict": verdict,
            "backup": clean_text(r.get("backup")) or (TO_FILL if known and loss_need is not None else ""),
            "to_fill": ", ".join(lacking),
            "reason": "",
            "concerned": "",
        }
        row["reason"] = _reason(row, tier[n], below[n], edges[n], order, need_by[n])
        rows.append(row)
        if short_restart or short_loss:
            parts, concerned = [], set()
            if short_restart:
                who = [k for k, b in need_by[n].items() if b < guaranteed]
                concerned.update(who)
                parts.append(
                    f"reprise garantie en « {INTERRUPTION[guaranteed]} » pour un besoin de « {INTERRUPTION[need[n]]} »"
                    + (f" (par {from_[n]})" if from_[n] and from_[n] != n else "")
                    + f" — services concernés : {codes_text(who)}"
                )
            if short_loss:
                who = [k for k, b in loss.get(n, {}).items() if b < loss_guaranteed]
                concerned.update(who)
                parts.append(
                    f"perte de données garantie « {DATA_LOSS[loss_guaranteed]} » pour un besoin de "
                    f"« {DATA_LOSS[loss_need]} » — services concernés : {codes_text(who)}"
                )
            row["concerned"] = codes_text(concerned)
            key = "restart_guaranteed" if short_restart else "loss_guaranteed"
            cell = data.address(key, row_of[n]) if data is not None and n in row_of else ""
            out.gaps.append(
                Gap(
                    type=INSUFFICIENT,
                    code="",  # the DSI's matter, not a service's workbook
                    name=IT_DEPARTMENT,
                    pole_name=IT_DEPARTMENT,
                    file=file,
                    sheet=data.title if data is not None else RESOURCES.name,
                    cell=cell,
                    detail=f"{n} : " + " ; ".join(parts),
                )
            )
    out.table = pd.DataFrame(rows, columns=COLUMNS)
    out.returns = rekeying(details, order, people)
    old = sorted({f for f, v in versions.items() if v and v < SHEETS_BY_KEY["applications"].column("data_loss").since})
    if old:
        out.notes.append(
            f"{len(old)} classeur(s) au modèle version 1 ({', '.join(old)}) n'indiquent pas la perte de données "
            "tolérable : leurs applications sont ordonnées sur l'interruption tolérable seule."
        )
    return out


def shown(value: int | None, bands: tuple[str, ...], needed: bool) -> str:
    """A guarantee as shown: its band, « à renseigner par la DSI » when the services need it, else blank."""
    return bands[value] if value is not None else TO_FILL if needed else ""


def _achievable(worst: int, by: str) -> str:
    return INTERRUPTION[worst] + (f" (attend {by})" if by else "")


def _ambition(codes, ambition: dict) -> str:
    parts = []
    for code in sorted(codes):
        value = ambition.get(code)
        if value is not None and not missing(value):
            parts.append(f"{code} {int(round(float(value)))} %")
    return ", ".join(parts[:MAX_LISTED])


def _reason(row: dict, tier: str, below: set[str], deps: list[str], order: list[str], needs: dict) -> str:
    """Why this resource sits at this rank, in one sentence."""
    first = [d for d in order if d in deps]
    after = f", après {', '.join(first)} dont elle dépend" if first else ""
    if tier == "T0":
        users = [m for m in order if m in below]
        shown = ", ".join(users[:4]) + (f" et {len(users) - 4} autre(s)" if len(users) > 4 else "")
        return f"Socle technique : {len(users)} ressource(s) en dépendent ({shown}){after}."
    if not row["need"]:
        if row["critical_services"] or row["strong_services"] or row["other_services"]:
            return f"Aucune interruption tolérable déclarée par les services qui l'utilisent{after}."
        return f"Aucun service ne déclare en avoir besoin : reprise après les autres{after}."
    strict = sorted(k for k, b in needs.items() if INTERRUPTION[b] == row["need"])
    who = ", ".join(strict[:4]) + (f" et {len(strict) - 4} autre(s)" if len(strict) > 4 else "")
    through = f" à travers {row['need_from']}" if row["need_from"] else ""
    vital = row["vital_no_workaround"]
    extra = f" ; {vital} processus vita{'l' if vital == 1 else 'ux'} sans parade" if vital else ""
    return f"{who} ne tolère{'nt' if len(strict) > 1 else ''} pas plus de « {row['need']} » d'arrêt{through}{extra}{after}."
