"""The referential's resource graph (« Dépend de » on « Ressources ») and its findings.

A dependency naming an unknown resource, a resource depending on itself and a loop between
resources are findings on the referential's own cells; the graph kept for the IT restart
order drops the first two and leaves loops to be broken by the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding, finding
from ..format import fold, split_list
from ..format.referential import RESOURCES
from .locate import suggestion


@dataclass
class ResourceGraph:
    """Resources of the referential (its spelling and order) and what each needs to run."""

    names: list[str] = field(default_factory=list)
    #: name -> resources it depends on (known, not itself), in the order typed
    depends_on: dict[str, list[str]] = field(default_factory=dict)
    #: (row index, item typed, problem: "unknown" or "self")
    problems: list[tuple[int, str, str]] = field(default_factory=list)

    def loops(self) -> list[list[str]]:
        """Groups of resources that depend on each other (each sorted), in referential order."""
        from ..core.graphs import strongly_connected

        groups = [g for g in strongly_connected(self.names, self.depends_on) if len(g) > 1]
        first = {name: i for i, name in enumerate(self.names)}
        return sorted(groups, key=lambda g: min(first[n] for n in g))


def resource_graph(referential) -> ResourceGraph:
    """The dependency graph of the referential's « Ressources » sheet."""
    frame = referential.resources
    names = [str(n).strip() for n in frame["name"]]
    canonical = {fold(n): n for n in names}
    graph = ResourceGraph(names=names, depends_on={n: [] for n in names})
    column = frame["depends_on"] if "depends_on" in frame.columns else [None] * len(names)
    for i, (name, value) in enumerate(zip(names, column)):
        for item in split_list(value):
            target = canonical.get(fold(item))
            if target is None:
                graph.problems.append((i, item, "unknown"))
            elif target == name:
                graph.problems.append((i, item, "self"))
            elif target not in graph.depends_on[name]:
                graph.depends_on[name].append(target)
    return graph


def check_resources(referential) -> list[Finding]:
    """Findings on « Dépend de »: unknown resource, the resource itself, loops between resources."""
    data = getattr(referential, "cells", {}).get(RESOURCES.key)
    if data is None:
        return []
    graph = resource_graph(referential)
    file = referential.path.name
    out = []
    for i, item, problem in graph.problems:
        cell = data.address("depends_on", i)
        if problem == "unknown":
            hint = suggestion(item, graph.names)
            out.append(finding("dependance-inconnue", file, data.title, cell, item, item=item, hint=hint))
        else:
            out.append(finding("dependance-soi-meme", file, data.title, cell, item, item=graph.names[i]))
    row = {name: i for i, name in enumerate(graph.names)}
    for group in graph.loops():
        members = set(group)
        for name in group:  # one finding per member, on its own cell
            inside = [d for d in graph.depends_on[name] if d in members]
            out.append(
                finding(
                    "dependances-en-boucle",
                    file,
                    data.title,
                    data.address("depends_on", row[name]),
                    "; ".join(inside),
                    item=name,
                    others=", ".join(f"« {m} »" for m in group if m != name),
                )
            )
    return out
