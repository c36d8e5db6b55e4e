"""One sheet of a workbook read with python-calamine into rows that keep their cell positions.

Headers are found by their French label in the first rows of a sheet (case, accents, spaces
and order do not matter); the sheet's declared dimension is not trusted; empty rows are
skipped; a merged area is read once (its value in its first cell); the total row of an Excel Table
is not data. A form (« Libellé », « Valeur ») is read by its labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

import python_calamine as pc

from ..core.positions import address, column_letter
from ..core.words import counted
from ..findings import Finding, finding
from ..format import SHEETS_BY_KEY, Sheet, fold

HEADER_SEARCH_ROWS = 10


@dataclass
class SheetData:
    """The rows of one sheet, in the order of ``spec.all_keys``, with their Excel positions.

    Table sheets: ``rows[i][j]`` is at ``letters[key_j] + row_numbers[i]``.
    Form sheets: one row; each value is at ``positions[key]`` (column letters, Excel row).
    """

    spec: Sheet
    title: str
    rows: list[list[Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)
    positions: dict[str, tuple[str, int]] = field(default_factory=dict)
    header_row: int | None = None
    #: merged areas touching the data: (first row, first column, last row, last column), 0-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[str] = field(default_factory=set)  # cells whose formula has no cached value (read as empty)
    missing: list[str] = field(default_factory=list)  # keys of required columns not found, in finding order
    version: int = 0  # template version of the workbook (0: not a service workbook's sheet)
    headers: dict[str, str] = field(default_factory=dict)  # key -> header (table) or label (form) cell
    extra: dict[str, int] = field(default_factory=dict)  # header of a column not in the format -> filled cells
    #: what those columns (or form lines not in the format) hold: (header or label, cell, value), kept in
    #: the consolidation's « Compléments » sheet
    extra_cells: list[tuple[str, str, Any]] = field(default_factory=list)

    @property
    def cells(self) -> dict[str, str]:
        """Form sheets: key -> address of its value (``B3``)."""
        return {key: address(*where) for key, where in self.positions.items()}

    def position(self, key: str, index: int = 0) -> tuple[str, int | None]:
        """(column letters, Excel row) of column ``key`` in data row ``index``; ("", None) if absent."""
        if self.spec.layout == "form":
            return self.positions.get(key, ("", None))
        letter = self.letters.get(key)
        return (letter, self.row_numbers[index]) if letter else ("", None)

    def address(self, key: str, index: int = 0) -> str:
        """Excel address of column ``key`` in data row ``index`` ("" if the column is absent)."""
        return address(*self.position(key, index))

    def records(self) -> list[dict[str, Any]]:
        keys = self.spec.all_keys
        return [dict(zip(keys, row)) for row in self.rows]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with its spec by key (from reading processes): the format is not copied 9,000 times."""
        state = dict(self.__dict__)
        if SHEETS_BY_KEY.get(self.spec.key) is self.spec:
            state["spec"] = self.spec.key
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if isinstance(state["spec"], str):
            state["spec"] = SHEETS_BY_KEY[state["spec"]]
        self.__dict__.update(state)


def clean(value: Any) -> Any:
    """Calamine value to Python: '' becomes None; datetimes at midnight become dates."""
    if value == "" or value is None:
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _grid(sheet: pc.CalamineSheet) -> tuple[list[list[Any]], int, int]:
    """All values of a sheet and the (row, col) offset of ``grid[0][0]`` (0-based)."""
    grid = sheet.to_python(skip_empty_area=True)
    start = sheet.start or (0, 0)
    return grid, start[0], start[1]


def _fill_merged(
    sheet: pc.CalamineSheet, grid: list[list[Any]], top: int, left: int
) -> list[tuple[int, int, int, int]]:
    """The merged areas of a sheet; their value is read once, in the first cell only (Excel keeps it there)."""
    areas = []
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
        if r0 - top < 0 or c0 - left < 0 or r0 - top >= len(grid):
            continue
        for r in range(r0, r1 + 1):
            if r - top >= len(grid):
                break
            row = grid[r - top]
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and 0 <= c - left < len(row):
                    row[c - left] = ""  # LibreOffice may repeat the value in hidden cells: read it once
        areas.append((r0, c0, r1, c1))
    return areas


def _find_header(grid: list[list[Any]], spec: Sheet) -> tuple[int | None, dict[str, int]]:
    """Index of the header row among the first rows, and column index per spec key."""
    wanted = {fold(c.label): c.key for c in spec.all_columns}
    best: tuple[int | None, dict[str, int]] = (None, {})
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = wanted.get(fold(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = c
        if len(found) > len(best[1]):
            best = (r, found)
            if len(found) == len(wanted):  # no later row can match more
                break
    return best


def read_table(sheet: pc.CalamineSheet, spec: Sheet, file: str) -> tuple[SheetData, list[Finding]]:
    grid, top, left = _grid(sheet)
    data = SheetData(spec, sheet.name)
    data.merged = _fill_merged(sheet, grid, top, left)
    header, columns = _find_header(grid, spec)
    problems = []
    hinted = set()
    header_labels = [v for v in (grid[header] if header is not None else []) if isinstance(v, str) and v.strip()]
    for col in spec.required:
        if col.key not in columns:
            data.missing.append(col.key)
            close = get_close_matches(fold(col.label), [fold(h) for h in header_labels], n=1, cutoff=0.5)
            hint = ""
            if close:
                shown = next(h for h in header_labels if fold(h) == close[0])
                hinted.add(shown.strip())
                hint = f" La colonne la plus proche est « {shown.strip()} » : renommez-la « {col.label} »."
            problems.append(finding("entete-manquante", file, sheet.name, label=col.label, hint=hint))
    if header is None:
        return data, problems
    data.header_row = top + header + 1
    data.letters = {key: column_letter(left + c) for key, c in columns.items()}
    data.headers = {key: f"{letter}{data.header_row}" for key, letter in data.letters.items()}
    positions = [columns.get(key) for key in spec.all_keys]
    known = set(columns.values())
    for c, value in enumerate(grid[header]):
        if c in known or value in ("", None):
            continue
        cells = [
            (f"{column_letter(left + c)}{top + r + 1}", clean(row[c]))
            for r, row in enumerate(grid[header + 1 :], header + 1)
            if c < len(row) and row[c] not in ("", None)
        ]
        count = len(cells)
        if count:
            label = str(value).strip()
            data.extra[label] = count
            data.extra_cells += [(label, cell, item) for cell, item in cells]
            if label in hinted:
                continue
            cell = f"{column_letter(left + c)}{data.header_row}"
            cells_filled = counted(count, "cellule remplie", "cellules remplies")
            problems.append(finding("colonne-en-plus", file, sheet.name, cell, label=label, filled=cells_filled))
    for r in range(header + 1, len(grid)):
        row = grid[r]
        if all(v == "" or v is None for v in row):
            continue
        data.rows.append([clean(row[c]) if c is not None and c < len(row) else None for c in positions])
        data.row_numbers.append(top + r + 1)
    return data, problems


def read_form(sheet: pc.CalamineSheet, spec: Sheet, file: str) -> tuple[SheetData, list[Finding]]:
    """Label in one cell, value in the cell to its right."""
    grid, top, left = _grid(sheet)
    data = SheetData(spec, sheet.name)
    data.merged = _fill_merged(sheet, grid, top, left)
    wanted = {fold(c.label): c.key for c in spec.all_columns}
    values: dict[str, Any] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row[:-1] if row else row):
            key = wanted.get(fold(value)) if isinstance(value, str) else None
            if key and key not in data.positions:
                data.positions[key] = (column_letter(left + c + 1), top + r + 1)
                data.headers[key] = f"{column_letter(left + c)}{top + r + 1}"
                values[key] = clean(row[c + 1])
                break
    problems = _extra_lines(grid, top, left, data, wanted, file, spec)
    labels = [v for row in grid for v in row[:1] if isinstance(v, str) and v.strip()]
    for col in spec.required:
        if col.key not in data.positions:
            data.missing.append(col.key)
            close = get_close_matches(fold(col.label), [fold(v) for v in labels], n=1, cutoff=0.6)
            hint = ""
            if close:
                shown = next(v for v in labels if fold(v) == close[0])
                hint = f" La ligne la plus proche est « {shown.strip()} » : renommez-la « {col.label} »."
            problems.append(finding("champ-manquant", file, sheet.name, label=col.label, hint=hint))
    data.rows = [[values.get(key) for key in spec.all_keys]]
    data.row_numbers = [0]
    return data, problems


#: Header cells of the form (« Libellé », « Valeur »): not lines of their own.
FORM_HEADERS = ("libelle", "valeur")


def _extra_lines(grid, top: int, left: int, data: SheetData, wanted: dict, file: str, spec: Sheet) -> list[Finding]:
    """Lines of a form whose label (first column) is not in the format but whose value is filled."""
    problems = []
    rows = {row for _, row in data.positions.values()}
    for r, row in enumerate(grid):
        if top + r + 1 in rows or len(row) < 2 or not isinstance(row[0], str) or not row[0].strip():
            continue
        label, value = row[0].strip(), clean(row[1])
        if value is None or fold(label) in wanted or fold(label) in FORM_HEADERS:
            continue
        cell = f"{column_letter(left + 1)}{top + r + 1}"
        data.extra[label] = data.extra.get(label, 0) + 1
        data.extra_cells.append((label, cell, value))
        problems.append(finding("ligne-en-plus", file, data.title, cell, value, label=label))
    return problems
