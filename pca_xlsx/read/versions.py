"""Recognise a service workbook's template version and judge it by that version's format.

The version comes from the « Version du modèle » cell; when that is missing or unknown, from
the headers the workbook has (the newest sheet or column found). What the workbook's version
did not have is never an error; an older workbook gets one warning to upgrade it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import Finding, finding
from ..format import versions

if TYPE_CHECKING:  # annotations only: the reader imports this module
    from .sheet import SheetData
    from .workbook import WorkbookData


def _found(sheet: SheetData) -> list[str]:
    """Keys of the columns (or form rows) found in a sheet, in sheet order."""
    return list(sheet.cells if sheet.spec.layout == "form" else sheet.letters)


def infer_version(data: WorkbookData) -> int:
    """The newest version any sheet or column found belongs to (1 when only version-1 items)."""
    newest = 1
    for sheet in data.sheets.values():
        newest = max(newest, sheet.spec.since)
        for key in _found(sheet):
            newest = max(newest, sheet.spec.column(key).since)
    return min(newest, versions.current())


def recognise(data: WorkbookData) -> list[Finding]:
    """Set ``data.version`` (and each sheet's); findings about the version itself."""
    file = data.file
    out: list[Finding] = []
    service = data.sheets.get("service")
    label = None
    if service is not None and service.rows:
        label = service.rows[0][service.spec.all_keys.index("template_version")]
    data.version_label = label
    version = versions.from_label(label)
    if version is None and versions.is_newer(label):
        version = versions.current()
        known = ", ".join(versions.VERSIONS[v] for v in sorted(versions.VERSIONS) if v <= versions.current())
        out.append(finding("modele-futur", file, service.title, service.cells.get("template_version", ""), label,
                           known=known))  # fmt: skip
    elif version is None or version > versions.current():
        version = infer_version(data)
    data.version = version
    for sheet in data.sheets.values():
        sheet.version = version
    if version < versions.current():
        cell = service.cells.get("template_version", "") if service is not None else ""
        title = service.title if service is not None else ""
        out.append(finding("modele-ancien", file, title, cell, label or "", version=version))
    out.extend(foreign_items(data))
    return out


def foreign_items(data: WorkbookData) -> list[Finding]:
    """A warning per sheet or column found that the workbook's version does not have."""
    out = []
    version = data.version
    for sheet in data.sheets.values():
        if sheet.spec.since > version:
            out.append(finding("hors-version", data.file, sheet.title, "", label=sheet.spec.name,
                               version=version))  # fmt: skip
            continue
        for key in _found(sheet):
            column = sheet.spec.column(key)
            if not column.in_version(version):
                out.append(finding("hors-version", data.file, sheet.title, sheet.headers.get(key, ""),
                                   label=column.label, version=version))  # fmt: skip
    return out


def keep_for_version(sheet: SheetData, problems: list[Finding]) -> list[Finding]:
    """The missing-column findings of a sheet, less those for columns its version did not have."""
    if not sheet.missing:
        return problems
    keep = [sheet.spec.column(key).since <= sheet.version for key in sheet.missing]
    # the reader's problems are exactly one finding per missing required column, in order
    if len(keep) != len(problems):
        return problems
    return [item for item, ok in zip(problems, keep) if ok]
