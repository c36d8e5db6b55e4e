"""Order over the referential's resources: who depends on whom, and a restart order that puts
what a resource needs before it (loops between resources are broken, never blocking)."""

from __future__ import annotations

import heapq
from collections import defaultdict


def dependents(names: list[str], edges: dict[str, list[str]]) -> dict[str, set[str]]:
    """name -> every resource that depends on it, directly or not."""
    direct: dict[str, set[str]] = defaultdict(set)
    for name, deps in edges.items():
        for d in deps:
            direct[d].add(name)
    out = {}
    for name in names:
        seen: set[str] = set()
        stack = list(direct[name])
        while stack:
            item = stack.pop()
            if item not in seen and item != name:
                seen.add(item)
                stack.extend(direct[item])
        out[name] = seen
    return out


def restart_order(names: list[str], edges: dict[str, list[str]], key) -> list[str]:
    """Dependencies first, then by ``key``; a loop is broken at its best member by ``key``."""
    from ..core.graphs import strongly_connected

    dependents: dict[str, list[str]] = {n: [] for n in names}
    for name, deps in edges.items():
        for d in deps:
            dependents[d].append(name)
    groups = [sorted(g, key=key) for g in strongly_connected(names, dependents)]
    group_of = {n: i for i, g in enumerate(groups) for n in g}
    waiting = [0] * len(groups)
    after: list[set[int]] = [set() for _ in groups]
    for name, deps in edges.items():
        for d in deps:
            a, b = group_of[d], group_of[name]
            if a != b and b not in after[a]:
                after[a].add(b)
                waiting[b] += 1
    ready = [(key(groups[i][0]), i) for i in range(len(groups)) if waiting[i] == 0]
    heapq.heapify(ready)
    out: list[str] = []
    while ready:
        _, i = heapq.heappop(ready)
        out.extend(groups[i])
        for j in after[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, (key(groups[j][0]), j))
    return out
