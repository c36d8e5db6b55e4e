"""From a stacked-table row back to a cell: findings at exact addresses, and closest-name hints."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core.positions import address
from ..findings import Finding, finding
from ..read import SheetData, WorkbookData
from .suggest import suggestion  # noqa: F401 - re-exported


class Collector:
    """Creates findings at the cell of a stacked-table row and remembers the rows in error."""

    def __init__(self, workbooks: list[WorkbookData]):
        self.sheets: dict[tuple[str, str], SheetData] = {
            (wb.file, key): sheet for wb in workbooks for key, sheet in wb.sheets.items()
        }
        self.findings: list[Finding] = []
        #: (file, sheet title, Excel row) of rows in error that have no finding of their own
        self.error_rows: set[tuple[str, str, int]] = set()

    def position(self, file: str, key: str, column: str, row: int) -> tuple[str, int | None]:
        """(column letters, Excel row) of column ``column`` in row ``row`` of a sheet; ("", None) if absent."""
        sheet = self.sheets.get((file, key))
        if sheet is None:
            return "", None
        if sheet.spec.layout == "form":
            return sheet.positions.get(column, ("", None))
        letter = sheet.letters.get(column)
        return (letter, int(row)) if letter else ("", None)

    def address(self, file: str, key: str, column: str, row: int) -> str:
        return address(*self.position(file, key, column, row))

    def at(self, code: str, key: str, frame: pd.DataFrame, idx: Any, column: str, value: Any = "", **params):
        """Finding ``code`` at column ``column`` of row ``idx`` of the table of sheet ``key``."""
        file, row, title = frame.at[idx, "_file"], frame.at[idx, "_row"], frame.at[idx, "_sheet"]
        letters, excel_row = self.position(file, key, column, row)
        item = finding(code, file, title, value=value, row=excel_row, column=letters, **params)
        self.findings.append(item)
        return item

    def mark(self, frame: pd.DataFrame, idx: Any) -> None:
        self.error_rows.add((frame.at[idx, "_file"], frame.at[idx, "_sheet"], int(frame.at[idx, "_row"])))


def row_keys(findings: list[Finding], sheets: dict[tuple[str, str], SheetData]) -> set[tuple[str, str, int]]:
    """(file, sheet title, Excel row) of every error finding at a cell; form sheets use row 0."""
    forms = {(file, s.title) for (file, _), s in sheets.items() if s.spec.layout == "form"}
    out = set()
    for item in findings:
        if not item.is_error or not item.cell:
            continue
        if (item.file, item.sheet) in forms:
            out.add((item.file, item.sheet, 0))
        else:
            out.add((item.file, item.sheet, item.row))
    return out


def flag_errors(frame: pd.DataFrame, keys: set[tuple[str, str, int]]) -> pd.Series:
    """Boolean ``_errors`` column: the row has at least one error."""
    if frame.empty:
        return pd.Series([], dtype=bool, index=frame.index)
    index = pd.MultiIndex.from_arrays([frame["_file"], frame["_sheet"], frame["_row"].astype(int)])
    return pd.Series(index.isin(list(keys)) if keys else False, index=frame.index, dtype=bool)
