"""Who relies on whom, aggregated per pair of services, and the working-group order with its reasons.

Row-level reliances come from :mod:`.reliances`, the order from :mod:`.order`, the coordination
gaps from :mod:`.coordination`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..core.values import clean_text, missing
from ..core.words import joined
from .common import Directory
from .coordination import build_coordination
from .order import ORDER_RULE, working_group_order
from .reliances import RELIES, build_reliances

__all__ = ["ORDER_RULE", "Interfaces", "build_interfaces", "describe_loops", "working_group_order"]

EDGE_COLUMNS = [
    "code", "name", "depends_on", "depends_on_name", "rows", "numbers", "process_names", "criticality",
    "resources", "via", "weight", "sources", "known", "mutual",
]  # fmt: skip
#: At most this many codes are named in a reason sentence; the rest are counted.
NAMED = 4


@dataclass
class Interfaces:
    """Everything the consolidation keeps about interfaces (see :class:`..Consolidation`)."""

    reliances: pd.DataFrame
    edges: pd.DataFrame
    depended_by: dict[str, list[str]]
    order: list[str]
    order_table: pd.DataFrame
    loops: list[list[str]] = field(default_factory=list)
    coordination: pd.DataFrame = field(default_factory=pd.DataFrame)


def _unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if not missing(v):
            seen.setdefault(clean_text(v), None)
    return list(seen)


def aggregate(reliances: pd.DataFrame, people: Directory) -> pd.DataFrame:
    """One row per (service, service relied on): processes, highest criticality, resources, cells.

    Plain Python over the rows (a pandas group per pair costs seconds at 10,000 pairs)."""
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    columns = ["code", "relies_on", "number", "via", "process", "criticality", "resource", "weight", "source"]
    for row in zip(*(reliances[c].tolist() for c in columns)):
        groups[(row[0], row[1])].append(row)
    rows = []
    for (code, target), part in sorted(groups.items()):
        top = max(part, key=lambda r: r[7])
        numbers = [clean_text(r[2]) + (f" ({target})" if r[3] != RELIES else "") for r in part if not missing(r[2])]
        rows.append(
            {
                "code": code,
                "name": people.names.get(code, ""),
                "depends_on": target,
                "depends_on_name": people.names.get(target, "Inconnu du référentiel"),
                "rows": len(part),
                "numbers": "; ".join(numbers),
                "process_names": "; ".join(_unique(r[4] for r in part)),
                "criticality": clean_text(top[5]),
                "resources": "; ".join(_unique(r[6] for r in part)),
                "via": "; ".join(_unique(r[3] for r in part)),
                "weight": int(top[7]),
                "sources": "; ".join(_unique(r[8] for r in part)),
                "known": people.received(target),
                "mutual": (target, code) in groups,
            }
        )
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def depended_by(edges: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for code, target in zip(edges["code"], edges["depends_on"]):
        out[target].append(code)
    return {k: sorted(set(v)) for k, v in sorted(out.items())}


def codes_text(codes: list[str]) -> str:
    """« A, B et C », or the first ``NAMED`` and « et N autres »."""
    if len(codes) > NAMED:
        return f"{', '.join(codes[:NAMED])} et {len(codes) - NAMED} autres"
    return joined(codes)


def reason(code: str, context: dict) -> str:
    """Why ``code`` is at its rank, in one or two French sentences."""
    by, needs, vital = context["by"].get(code, []), context["needs"].get(code, []), context["vital"].get(code, 0)
    category = context["categories"].get(code) or ""
    kind = f"Service {category.lower()}" if category else "Service"
    if by:
        who = f"{len(by)} service{'s' if len(by) > 1 else ''} compte{'nt' if len(by) > 1 else ''} sur lui"
        if vital:
            who += f", dont {vital} pour un processus vital ou une dépendance critique"
    else:
        who = "aucun service ne compte sur lui"
    rank = context["rank"]
    before = sorted((n for n in needs if rank.get(n, 0) < rank[code]), key=lambda n: rank[n])
    loop = context["loop_of"].get(code, [])
    later = sorted((n for n in needs if rank.get(n, 0) > rank[code] and n not in loop), key=lambda n: rank[n])
    if before:
        after = f"il passe après {codes_text(before)}, dont il dépend"
    elif needs:
        after = "il ne dépend d'aucun service placé avant lui"
    else:
        after = "il ne dépend d'aucun autre service"
    out = f"{kind} : {who} ; {after}."
    if later:
        out += (
            f" Il compte aussi sur {codes_text(later)}, placé{'s' if len(later) > 1 else ''} après lui : "
            f"{'leurs' if len(later) > 1 else 'ses'} propres dépendances passent par lui (dépendances en cercle)."
        )
    if loop:
        others = [m for m in loop if m != code]
        out += f" En boucle avec {codes_text(others)} (dépendance dans les deux sens) : groupes de travail communs."
    earlier = context["earlier_waves"].get(code)
    if earlier:
        out += (
            f" Vague {context['waves'][code]} : {len(earlier)} service{'s' if len(earlier) > 1 else ''} d'une vague "
            f"plus précoce compte{'nt' if len(earlier) > 1 else ''} sur lui, à avancer dans le déploiement."
        )
    return out


def describe_loops(loops: list[list[str]], edges: pd.DataFrame) -> list[str]:
    """One French sentence per real loop: its members and the pairs relying on each other."""
    pairs = []
    if not edges.empty and {"code", "depends_on", "mutual"} <= set(edges.columns):
        pairs = sorted((a, b) for a, b, m in zip(edges["code"], edges["depends_on"], edges["mutual"]) if m and a < b)
    out = []
    for members in loops:
        inside = [f"{a} et {b}" for a, b in pairs if a in members and b in members]
        out.append(
            f"Boucle {', '.join(members)} : {', '.join(inside)} comptent chacun sur l'autre. Réunissez-les dans des "
            "groupes de travail communs pour accorder leurs parades."
        )
    return out


def _waves(referential) -> dict[str, int]:
    services = getattr(referential, "services", None)
    if services is None or "wave" not in getattr(services, "columns", []):
        return {}
    out = {}
    for code, wave in zip(services["code"], services["wave"]):
        try:
            out[str(code)] = int(float(wave))
        except (TypeError, ValueError):
            continue
    return out


def order_table(order: list[str], loops: list[list[str]], edges: pd.DataFrame, people: Directory, referential):
    by = depended_by(edges)
    needs: dict[str, list[str]] = defaultdict(list)
    vital: dict[str, int] = defaultdict(int)
    weight: dict[str, int] = defaultdict(int)
    for src, dst, w in zip(edges["code"], edges["depends_on"], edges["weight"]):
        needs[src].append(dst)
        weight[dst] += int(w)
        vital[dst] += int(w) >= 3
    waves = _waves(referential)
    earlier = {
        code: sorted(c for c in by.get(code, []) if code in waves and c in waves and waves[c] < waves[code])
        for code in order
    }
    loop_of = {m: loop for loop in loops for m in loop}
    rank = {code: i for i, code in enumerate(order, 1)}
    wave_rank: dict[int, int] = defaultdict(int)
    in_wave = []
    for code in order:
        if code in waves:
            wave_rank[waves[code]] += 1
            in_wave.append(wave_rank[waves[code]])
        else:
            in_wave.append(None)
    context = {
        "by": by, "needs": needs, "vital": vital, "categories": people.categories, "rank": rank,
        "loop_of": loop_of, "earlier_waves": earlier, "waves": waves,
    }  # fmt: skip
    return pd.DataFrame(
        {
            "rank": range(1, len(order) + 1),
            "code": order,
            "name": [people.names.get(c, "Inconnu du référentiel") for c in order],
            "category": [people.categories.get(c, "") for c in order],
            "wave": [waves.get(c) for c in order],
            "wave_rank": in_wave,
            "wave_size": [sum(1 for w in waves.values() if w == waves[c]) if c in waves else None for c in order],
            "dependents": [len(by.get(c, [])) for c in order],
            "weight": [weight.get(c, 0) for c in order],
            "depended_by": ["; ".join(by.get(c, [])) for c in order],
            "depends_on": ["; ".join(sorted(needs.get(c, []))) for c in order],
            "cycle": ["; ".join(m for m in loop_of.get(c, []) if m != c) for c in order],
            "loop": [len(loop_of[c]) if c in loop_of else None for c in order],
            "mutual": ["; ".join(sorted(set(needs.get(c, [])) & set(by.get(c, [])))) for c in order],
            "reason": [reason(c, context) for c in order],
        }
    )


def build_interfaces(details: dict[str, pd.DataFrame], people: Directory, referential=None) -> Interfaces:
    reliances = build_reliances(details, people, referential)
    edges = aggregate(reliances, people)
    pairs = list(zip(edges["code"], edges["depends_on"]))
    weights = dict(zip(pairs, (int(w) for w in edges["weight"])))
    order, loops = working_group_order(people.codes, pairs, people.categories, weights)
    return Interfaces(
        reliances=reliances,
        edges=edges,
        depended_by=depended_by(edges),
        order=order,
        order_table=order_table(order, loops, edges, people, referential),
        loops=loops,
        coordination=build_coordination(reliances, details, people),
    )
