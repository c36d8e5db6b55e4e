"""The working-group order on the directed graph of services, with a French reason per service.

Services nobody's plan can start without come first: a service comes before every service that
relies on it (topological order of the graph's strongly connected components, so loops cannot
block it); among services ready at the same time, support services first, then by weighted
number of services relying on them, then by code. Inside a circle of reliances (a strongly
connected component), support services come before the care services they serve. A loop is
reported only when real: services that rely on each other in both directions, by their members.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..core.graphs import topological_groups
from ..format.vocabulary import SUPPORT

ORDER_RULE = (
    "Ordre suggéré des groupes de travail : un service passe avant les services qui comptent sur lui "
    "(ils le citent dans leurs « Services sollicités », il les cite dans ses « Services bénéficiaires », "
    "ou ils dépendent fortement ou de façon critique d'une ressource dont il est le « Service responsable »). "
    "Parmi les services disponibles au même moment, les services support passent d'abord, puis le plus "
    "sollicité (poids : 3 par service qui compte sur lui pour un processus vital ou une dépendance critique, "
    "2 pour un processus majeur ou une dépendance forte, 1 sinon), puis par code. Une boucle (deux services "
    "ou plus qui comptent l'un sur l'autre, dans les deux sens) se traite dans des groupes de travail communs ; "
    "la vague pilote du référentiel est rappelée à côté."
)


def _topological(nodes: list[str], edges: list[tuple[str, str]], key: Callable) -> list[list[str]]:
    """Strongly connected components of ``edges`` (service, relied on), providers first; among
    components ready at the same time, the one whose best member has the smallest ``key``."""
    return topological_groups(nodes, [(dst, src) for src, dst in edges], key)


def working_group_order(
    nodes: list[str],
    edges: list[tuple[str, str]],
    categories: dict[str, str],
    weights: dict[tuple[str, str], int] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """(order, loops): the codes in working-group order and the loops (sorted member lists).

    ``edges`` are (service, service it relies on); ``weights`` their weight (1 when absent).
    """
    nodes = sorted(set(nodes) | {n for e in edges for n in e})
    weights = weights or {}
    load: dict[str, int] = defaultdict(int)
    for src, dst in set(edges):
        load[dst] += weights.get((src, dst), 1)

    def support(node: str) -> bool:
        return categories.get(node) == SUPPORT

    def key(node: str) -> tuple:
        return (0 if support(node) else 1, -load[node], node)

    order: list[str] = []
    for comp in _topological(nodes, edges, key):
        if len(comp) == 1:
            order.extend(comp)
            continue
        members = set(comp)
        inner = [(s, d) for s, d in edges if s in members and d in members and not (support(s) and not support(d))]
        for part in _topological(comp, inner, key):
            order.extend(part)
    return order, mutual_loops(edges)


def mutual_loops(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Services linked by reliances present in both directions (A relies on B and B on A), grouped
    when they share a member: sorted member lists, largest first."""
    pairs = set(edges)
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        if a != b and (b, a) in pairs:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[root(node)].append(node)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda m: (-len(m), m))
