"""Names changed in the referential (optional sheet ``Renommages``) applied to what was written before.

A workbook or an observation grid written with an old resource, service, pôle or scenario name is
read with the new one: one warning per workbook and old name (with the cells), not an error per
cell, and nothing lost (an exercise grid naming an old scenario still counts).
"""

from __future__ import annotations

from ..core.words import counted
from ..findings import Finding, finding
from ..format import fold, split_list

#: « Type » of the sheet → the ``lookup`` of the columns it applies to (the Service form's « Pôle » for pôles).
LOOKUPS = {"Ressource": "ressources", "Service": "services", "Scénario": "scenarios", "Pôle": "poles"}
CELLS_SHOWN = 6


def rename_map(referential) -> dict[str, dict[str, str]]:
    """lookup → {folded old name: new name}."""
    out: dict[str, dict[str, str]] = {}
    frame = getattr(referential, "renames", None)
    if frame is None or frame.empty:
        return out
    for kind, old, new in zip(frame["kind"], frame["old"], frame["new"]):
        if kind in LOOKUPS and old not in (None, "") and new not in (None, "") and fold(old) != fold(new):
            out.setdefault(LOOKUPS[kind], {})[fold(str(old))] = str(new).strip()
    return out


def _lookup(sheet_key: str, column) -> str | None:
    if sheet_key == "service" and column.key == "pole":
        return "poles"
    return column.lookup


def apply_to_workbooks(referential, workbooks) -> list[Finding]:
    """Replace old names in every readable workbook's rows (in place); one warning per workbook and name."""
    renames = rename_map(referential)
    if not renames:
        return []
    out = []
    for wb in workbooks:
        hits: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (old, new) -> [(sheet title, cell)]
        for key, sheet in wb.sheets.items():
            for column in sheet.spec.columns:
                mapping = renames.get(_lookup(key, column) or "")
                if not mapping or column.key not in sheet.spec.all_keys:
                    continue
                j = sheet.spec.all_keys.index(column.key)
                for i, row in enumerate(sheet.rows):
                    value = row[j]
                    if value is None:
                        continue
                    items = split_list(value) if column.multi else [str(value).strip()]
                    found = [item for item in items if fold(item) in mapping]
                    if not found:
                        continue
                    new_items = [mapping.get(fold(item), item) for item in items]
                    row[j] = "; ".join(new_items) if column.multi else new_items[0]
                    for item in found:
                        hits.setdefault((item, mapping[fold(item)]), []).append(
                            (sheet.title, sheet.address(column.key, i))
                        )
        for (old, new), cells in hits.items():
            first_sheet, first_cell = cells[0]
            shown = ", ".join(f"{t}!{c}" for t, c in cells[:CELLS_SHOWN]) + (" …" if len(cells) > CELLS_SHOWN else "")
            out.append(finding("renommage-applique", wb.file, first_sheet, first_cell, old, wb.service,
                               new=new, how_many=counted(len(cells), "cellule", "cellules"), cells=shown))  # fmt: skip
    for wb in workbooks:
        wb.findings.extend(f for f in out if f.file == wb.file)
    return out


def apply_to_grid(referential, grid) -> list[Finding]:
    """An observation grid naming an old scenario: read with the new name."""
    mapping = rename_map(referential).get("scenarios", {})
    value = grid.values.get("scenario")
    if value is None or fold(str(value)) not in mapping:
        return []
    new = mapping[fold(str(value))]
    grid.values["scenario"] = new
    for sheet in grid.services:  # each service sheet repeats the scenario
        if fold(str(sheet.values.get("scenario") or "")) == fold(str(value)):
            sheet.values["scenario"] = new
    cell = grid.cells.get("scenario", "")
    return [finding("renommage-applique", grid.file, grid.exercise_sheet, cell, value, new=new, how_many="1 cellule",
                    cells=f"{grid.exercise_sheet}!{cell}")]  # fmt: skip
