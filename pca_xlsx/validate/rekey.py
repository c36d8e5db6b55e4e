"""« À ressaisir » left blank in a version-3 workbook: the guess from the workaround's words is
only proposed, as a warning on the cell (older workbooks, which had no such column, get none)."""

from __future__ import annotations

from ..findings import Finding, finding
from ..format.paper import is_paper
from ..read import WorkbookData

SINCE = 3


def rekey_proposals(workbooks: list[WorkbookData]) -> list[Finding]:
    """One warning per process row of a version-3 workbook with a blank « À ressaisir » and a paper workaround."""
    out = []
    for wb in workbooks:
        sheet = wb.sheets.get("processus")
        if sheet is None or (wb.version or 0) < SINCE or "rekey" not in sheet.letters:
            continue
        keys = sheet.spec.all_keys
        rekey, workaround = keys.index("rekey"), keys.index("workaround")
        for i, row in enumerate(sheet.rows):
            if row[rekey] in (None, "") and is_paper(row[workaround]):
                out.append(finding("ressaisie-proposee", wb.file, sheet.title, sheet.address("rekey", i), ""))
    return out
