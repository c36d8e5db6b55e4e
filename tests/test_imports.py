"""The package's import graph: no cycle, and no stage importing a later stage."""

from __future__ import annotations

import ast
from pathlib import Path

import pca_xlsx

ROOT = Path(pca_xlsx.__file__).parent

#: Layers, earliest first: a module may import its own layer or an earlier one.
LAYERS = {
    "core": 0,
    "format": 0,
    "findings": 0,
    "read": 1,
    "validate": 2,
    "consolidate": 3,
    "plan": 3,  # the validated plan consolidation is handed, and its cut (allocates the shared stock)
    "write": 4,
    "documents": 4,
    "export": 4,  # pca-xlsx export: the consolidated tables laid out as the writer does, as files for other tools
    "pipeline": 5,
    "ght_run": 5,  # the GHT part of the pipeline
    "cli": 6,
    "cli_fr": 6,
    "cli_help": 6,
    "cli_summary": 6,
    "__main__": 6,
    "synthetic": 6,  # the demo generator: writes workbooks with the template writer
    "campaign": 5,  # the output folder's lock and swap, archives, progression, drafts: around the pipeline
    "upgrade": 5,  # pca-xlsx upgrade: reads, carries values forward, writes with the template writer
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The ``pca_xlsx`` modules ``path`` imports (at any depth: lazy imports count too; ``TYPE_CHECKING`` ones do not)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {  # ``if TYPE_CHECKING:`` imports never run: annotations only
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for sub in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("pca_xlsx")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("pca_xlsx"):
                continue
            for alias in node.names:  # ``from . import x`` may name a submodule
                sub = f"{target}.{alias.name}"
                out.add(sub if (ROOT.parent / sub.replace(".", "/")).with_suffix(".py").exists() else target)
    out.discard(name)
    return out


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(ROOT.rglob("*.py"))}


def layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    assert top in LAYERS, f"{module}: add its package to LAYERS"
    return LAYERS[top]


def test_no_stage_imports_a_later_stage() -> None:
    wrong = [
        f"{source} -> {target}"
        for source, targets in graph().items()
        if source != "pca_xlsx"
        for target in targets
        if target != "pca_xlsx" and layer(target) > layer(source)
    ]
    assert wrong == []


def test_core_imports_no_stage() -> None:
    wrong = [
        f"{source} -> {target}"
        for source, targets in graph().items()
        if source.startswith("pca_xlsx.core")
        for target in targets
        if not target.startswith(("pca_xlsx.core", "pca_xlsx.format"))
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []
