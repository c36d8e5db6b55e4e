"""Who depends on whom (``Services sollicités``, ``Services bénéficiaires``) and the suggested order of working groups."""

from __future__ import annotations

import heapq
from collections import defaultdict

import pandas as pd

from ..core.values import clean_text
from ..format import split_list
from .common import Directory

CATEGORY_RANK = {"Support": 0, "Critique": 1, "Modèle": 2}
ORDER_RULE = (
    "Ordre suggéré des groupes de travail : un service passe avant les services qui dépendent de lui "
    "(il est cité dans leurs « Services sollicités », ou les cite dans ses « Services bénéficiaires »). Parmi les services disponibles au même moment, "
    "le plus sollicité passe d'abord (nombre de services qui en dépendent), puis les services support "
    "avant les services critiques et modèles, puis par code. Les services qui dépendent les uns des "
    "autres en boucle (dépendance circulaire) sont traités ensemble, à la suite ; dans une boucle, les "
    "services support passent avant les services de soins qui s'appuient sur eux."
)


def build_edges(processes: pd.DataFrame, people: Directory) -> pd.DataFrame:
    """Edge list: code -> depends_on, with the number and N° of the process rows naming it.

    A relies on B when B is in one of A's « Services sollicités », and when A is in one of B's
    « Services bénéficiaires » (that row's N° is shown with B's code: « 3 (PUI) »).
    """
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, relies_on, serves, number in zip(
        processes["code"], processes["relies_on"], processes["serves"], processes["number"]
    ):
        if not code:
            continue
        for target in split_list(relies_on):
            target = target.upper()
            if target != code:
                found[(code, target)].append(clean_text(number))
        for client in split_list(serves):
            client = client.upper()
            if client != code:
                shown = clean_text(number)
                found[(client, code)].append(f"{shown} ({code})" if shown else "")
    rows = [
        {
            "code": code,
            "name": people.names.get(code, ""),
            "depends_on": target,
            "depends_on_name": people.names.get(target, "Inconnu du référentiel"),
            "rows": len(numbers),
            "numbers": [n for n in numbers if n],
            "known": people.received(target),
        }
        for (code, target), numbers in sorted(found.items())
    ]
    columns = ["code", "name", "depends_on", "depends_on_name", "rows", "numbers", "known"]
    return pd.DataFrame(rows, columns=columns)


def depended_by(edges: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for code, target in zip(edges["code"], edges["depends_on"]):
        out[target].append(code)
    return {k: sorted(set(v)) for k, v in sorted(out.items())}


def strongly_connected(nodes: list[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (no recursion limit on long chains)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succ.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                out.append(sorted(component))
    return out


def _topological(nodes: list[str], edges: list[tuple[str, str]], key) -> list[list[str]]:
    """Strongly connected components of ``edges`` (service, depends_on), providers first.

    Among components ready at the same time, the one whose best member has the smallest ``key``
    goes first; members of a component are sorted by ``key``.
    """
    dependents: dict[str, set[str]] = defaultdict(set)
    for src, dst in edges:
        dependents[dst].add(src)
    succ = {n: sorted(dependents[n]) for n in nodes}  # from provider to its dependents
    components = [sorted(comp, key=key) for comp in strongly_connected(nodes, succ)]
    comp_of = {n: i for i, comp in enumerate(components) for n in comp}
    indegree = [0] * len(components)
    comp_succ: list[set[int]] = [set() for _ in components]
    for src, dst in edges:  # dst is needed before src
        a, b = comp_of[dst], comp_of[src]
        if a != b and b not in comp_succ[a]:
            comp_succ[a].add(b)
            indegree[b] += 1
    ready = [(key(components[i][0]), i) for i in range(len(components)) if indegree[i] == 0]
    heapq.heapify(ready)
    out: list[list[str]] = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(components[i])
        for j in comp_succ[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                heapq.heappush(ready, (key(components[j][0]), j))
    return out


def working_group_order(
    nodes: list[str], edges: list[tuple[str, str]], categories: dict[str, str]
) -> tuple[list[str], dict[str, list[str]]]:
    """Order of working groups and, per service in a cycle, the other members of its cycle.

    ``edges`` are (service, depends_on). A depended-upon service comes before its dependents
    (topological order of the graph's strongly connected components, so cycles cannot block
    it); among ready ones: most dependents first, then support before care, then code. Inside
    a cycle, a support service's own dependencies on care services are set aside, so support
    services come before the care services that rely on them (the account's advice).
    """
    nodes = sorted(set(nodes) | {n for e in edges for n in e})
    dependents: dict[str, set[str]] = defaultdict(set)
    for src, dst in edges:
        dependents[dst].add(src)

    def key(node: str) -> tuple:
        return (-len(dependents[node]), CATEGORY_RANK.get(categories.get(node, ""), 3), node)

    def support(node: str) -> bool:
        return categories.get(node) == "Support"

    order: list[str] = []
    cycles: dict[str, list[str]] = {}
    for comp in _topological(nodes, edges, key):
        if len(comp) == 1:
            order.extend(comp)
            continue
        members = set(comp)
        inner = [(s, d) for s, d in edges if s in members and d in members and not (support(s) and not support(d))]
        for part in _topological(comp, inner, key):
            order.extend(part)
        cycles.update({n: [m for m in comp if m != n] for n in comp})
    return order, cycles


def build_interfaces(details: dict[str, pd.DataFrame], people: Directory):
    """(edges, depended_by, order, order_table)."""
    edges = build_edges(details["processus"], people)
    by = depended_by(edges)
    pairs = list(zip(edges["code"], edges["depends_on"]))
    order, cycles = working_group_order(people.codes, pairs, people.categories)
    needs: dict[str, list[str]] = defaultdict(list)
    for src, dst in pairs:
        needs[src].append(dst)
    table = pd.DataFrame(
        {
            "rank": range(1, len(order) + 1),
            "code": order,
            "name": [people.names.get(c, "Inconnu du référentiel") for c in order],
            "category": [people.categories.get(c, "") for c in order],
            "dependents": [len(by.get(c, [])) for c in order],
            "depended_by": [list(by.get(c, [])) for c in order],
            "depends_on": [sorted(needs.get(c, [])) for c in order],
            "cycle": [list(cycles.get(c, [])) for c in order],
            "loop": [len(cycles[c]) + 1 if c in cycles else None for c in order],
            "mutual": [sorted(set(needs.get(c, [])) & set(by.get(c, []))) for c in order],
        }
    )
    return edges, by, order, table
