"""Graph helpers shared by the stages: dependency loops, and the one topological order used for the
services' working groups (:mod:`pca_xlsx.consolidate.order`) and the resources' restart
(:mod:`pca_xlsx.consolidate.resource_order`)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable


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


def topological_groups(nodes: list[str], edges: Iterable[tuple[str, str]], key: Callable) -> list[list[str]]:
    """The strongly connected components of the graph of ``edges`` (before, after), each sorted by
    ``key``, in an order where a component comes after every component it has an edge from; among
    components ready at the same time, the one whose best member has the smallest ``key`` first.
    A loop is thus one group, never a block."""
    edges = list(edges)
    after: dict[str, set[str]] = defaultdict(set)
    for before, node in edges:
        after[before].add(node)
    groups = [sorted(g, key=key) for g in strongly_connected(nodes, {n: sorted(after[n]) for n in nodes})]
    group_of = {n: i for i, g in enumerate(groups) for n in g}
    waiting = [0] * len(groups)
    successors: list[set[int]] = [set() for _ in groups]
    for before, node in edges:
        a, b = group_of[before], group_of[node]
        if a != b and b not in successors[a]:
            successors[a].add(b)
            waiting[b] += 1
    ready = [(key(groups[i][0]), i) for i in range(len(groups)) if waiting[i] == 0]
    heapq.heapify(ready)
    out: list[list[str]] = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(groups[i])
        for j in successors[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, (key(groups[j][0]), j))
    return out
