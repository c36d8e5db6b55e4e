"""Carry the values of retired columns into the columns that replaced them, before validation.

Version 1's « Services en interface » becomes « Services sollicités » for a care service and
« Services bénéficiaires » for a support service (category from the referential, else the
workbook's own), with one warning per workbook; findings then point at the old column's cells.
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..format import fold, split_list, versions
from ..read import Referential, WorkbookData


def service_category(referential: Referential, wb: WorkbookData) -> str:
    """Category of the workbook's service: the referential's, else the workbook's own « Catégorie »."""
    row = referential.service(wb.service) if wb.service else {}
    if row.get("category"):
        return str(row["category"])
    sheet = wb.sheets.get("service")
    if sheet is None or not sheet.rows:
        return ""
    value = sheet.rows[0][sheet.spec.all_keys.index("category")]
    return "" if value is None else str(value)


def merge(old: object, new: object) -> object:
    """The target cell's items, then the old column's items it lacks ("A; B")."""
    items = split_list(new)
    seen = {fold(i) for i in items}
    for item in split_list(old):
        if fold(item) not in seen:
            items.append(item)
            seen.add(fold(item))
    return "; ".join(items) if items else None


def carry_forward(referential: Referential, workbooks: list[WorkbookData]) -> list[Finding]:
    """Move retired columns' values into their replacement (idempotent); a warning per workbook moved."""
    out = []
    for wb in workbooks:
        for sheet in wb.sheets.values():
            for old in sheet.spec.retired:
                if old.key not in sheet.letters:
                    continue
                keys = sheet.spec.all_keys
                source = keys.index(old.key)
                if not any(row[source] not in (None, "") for row in sheet.rows):
                    continue
                category = service_category(referential, wb)
                target = versions.interface_target(category)
                index = keys.index(target)
                for row in sheet.rows:
                    row[index] = merge(row[source], row[index])
                sheet.letters.setdefault(target, sheet.letters[old.key])
                label = sheet.spec.column(target).label
                reason = "service support" if target == "serves" else "service de soins"
                out.append(finding("interfaces-reparties", wb.file, sheet.title, sheet.headers.get(old.key, ""),
                                   label=old.label, target=label, reason=reason))  # fmt: skip
    return out
