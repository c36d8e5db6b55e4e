"""Order over the referential's resources: who depends on whom, and a restart order that puts
what a resource needs before it (loops between resources are broken, never blocking)."""

from __future__ import annotations

from collections import defaultdict

from ..core.graphs import topological_groups


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
    """Dependencies first, then by ``key``; a loop is broken at its best member by ``key``
    (:func:`pca_xlsx.core.graphs.topological_groups`, the order the services' working groups use too)."""
    pairs = [(d, name) for name, deps in edges.items() for d in deps]
    return [name for group in topological_groups(names, pairs, key) for name in group]
