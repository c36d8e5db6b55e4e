"""Read a filled observation grid with python-calamine, keeping every value's cell.

Sheets are recognised by their content, not their name (a renamed sheet is still read, with a
warning): the ``Exercice`` sheet by its « Date de l'exercice » label, a service sheet by its
« Code service » label and the header of its process table. Values are checked against the
grid format (drop-down values, integers, the date, not in the future); problems are findings
at their cells, and the rest of the grid is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as pc

from ..core.positions import column_letter
from ..core.values import to_date
from ..findings import Finding, finding
from ..format.grid import EXERCISE, GRID_FOLDER, OBSERVATIONS, REFLEX_CHECK, SERVICE_BLOCK
from ..format.model import Column, Sheet, fold
from .renamed import missing_hint
from .safety import UnsafeFile, inspect_file
from .sheet import clean

README = fold("Lisez-moi")


@dataclass
class Row:
    """One table row: values by key, their cells, the Excel row number."""

    values: dict[str, Any]
    cells: dict[str, str]
    row: int


@dataclass
class ServiceSheet:
    title: str
    values: dict[str, Any] = field(default_factory=dict)  # form block
    cells: dict[str, str] = field(default_factory=dict)
    observations: list[Row] = field(default_factory=list)
    reflex: list[Row] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.values.get("code") or "").strip()


@dataclass
class Grid:
    path: Path
    values: dict[str, Any] = field(default_factory=dict)  # the Exercice sheet
    cells: dict[str, str] = field(default_factory=dict)
    exercise_sheet: str = ""
    services: list[ServiceSheet] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True
    sheet_names: list[str] = field(default_factory=list)  # every sheet of the file, as found

    @property
    def file(self) -> str:
        """How the grid is named in reports: ``exercices/<file name>``."""
        return f"{GRID_FOLDER}/{self.path.name}"

    @property
    def day(self) -> dt.date | None:
        value = self.values.get("date")
        return value if isinstance(value, dt.date) else None


def _grid(sheet) -> tuple[list[list[Any]], int, int]:
    grid = sheet.to_python(skip_empty_area=True)
    start = sheet.start or (0, 0)
    return grid, start[0], start[1]


def _labels(spec: Sheet) -> dict[str, str]:
    return {fold(c.label): c.key for c in spec.columns}


def _form(grid: list[list[Any]], top: int, left: int, spec: Sheet) -> tuple[dict[str, Any], dict[str, str]]:
    """Label anywhere, value in the cell to its right (first occurrence)."""
    wanted = _labels(spec)
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row[:-1]):
            key = wanted.get(fold(value)) if isinstance(value, str) else None
            if key and key not in cells:
                cells[key] = f"{column_letter(left + c + 1)}{top + r + 1}"
                values[key] = clean(row[c + 1])
    return values, cells


def _header(grid: list[list[Any]], spec: Sheet, start: int = 0) -> tuple[int | None, dict[str, int]]:
    """The row (from ``start``) matching most of ``spec``'s labels (at least two) and its columns."""
    wanted = _labels(spec)
    best: tuple[int | None, dict[str, int]] = (None, {})
    for r in range(start, len(grid)):
        found: dict[str, int] = {}
        for c, value in enumerate(grid[r]):
            key = wanted.get(fold(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = c
        if len(found) >= 2 and len(found) > len(best[1]):
            best = (r, found)
    return best


def _rows(grid, top: int, left: int, spec: Sheet, header: int, columns: dict[str, int], stop: int) -> list[Row]:
    out = []
    for r in range(header + 1, stop):
        row = grid[r]
        if all(v == "" or v is None for v in row):
            continue
        values, cells = {}, {}
        for key in spec.keys:
            c = columns.get(key)
            values[key] = clean(row[c]) if c is not None and c < len(row) else None
            cells[key] = f"{column_letter(left + c)}{top + r + 1}" if c is not None else ""
        out.append(Row(values, cells, top + r + 1))
    return out


def _check(column: Column, value: Any, file: str, sheet: str, cell: str) -> tuple[Any, list[Finding]]:
    """The value as the format wants it, or None with a finding."""
    if value is None:
        return None, []
    if column.choices:
        canonical = {fold(c): c for c in column.choices}.get(fold(value))
        if canonical is None:
            allowed = ", ".join(column.choices)
            return None, [
                finding("valeur-non-permise", file, sheet, cell, value, label=column.label, allowed=allowed, hint=".")
            ]
        return canonical, []
    if column.kind == "integer":
        number = value
        if isinstance(value, str):
            try:
                number = float(value.strip().replace(",", "."))
            except ValueError:
                number = None
        if (
            isinstance(number, (int, float))
            and not isinstance(number, bool)
            and float(number).is_integer()
            and number >= (column.min or 0)
        ):
            return int(number), []
        return None, [finding("entier-attendu", file, sheet, cell, value, label=column.label)]
    if column.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date(), []
        if isinstance(value, dt.date):
            return value, []
        day = to_date(value) if isinstance(value, str) else None
        if day is None:
            return None, [finding("date-invalide", file, sheet, cell, value, label=column.label)]
        return day, [finding("date-en-texte", file, sheet, cell, value, date=f"{day:%d/%m/%Y}")]
    return (str(value).strip() if isinstance(value, str) else value), []


def _checked_rows(rows: list[Row], spec: Sheet, file: str, sheet: str, out: list[Finding]) -> None:
    for row in rows:
        for column in spec.columns:
            value, problems = _check(column, row.values[column.key], file, sheet, row.cells[column.key])
            row.values[column.key] = value
            out.extend(problems)


def _service_sheet(grid, top: int, left: int, title: str, file: str, out: list[Finding]) -> ServiceSheet | None:
    values, cells = _form(grid, top, left, SERVICE_BLOCK)
    header, columns = _header(grid, OBSERVATIONS)
    if "code" not in cells or header is None:
        return None
    sheet = ServiceSheet(title, values, cells)
    reflex_header, reflex_columns = _header(grid, REFLEX_CHECK, header + 1)
    if reflex_header is not None and "done" not in reflex_columns:
        reflex_header = None
    stop = len(grid) if reflex_header is None else reflex_header
    if reflex_header is not None and reflex_header > 0 and fold(grid[reflex_header - 1][0]) == fold(REFLEX_CHECK.name):
        stop = reflex_header - 1  # the section title above the reflex header is not a process row
    sheet.observations = _rows(grid, top, left, OBSERVATIONS, header, columns, stop)
    if reflex_header is not None:
        sheet.reflex = _rows(grid, top, left, REFLEX_CHECK, reflex_header, reflex_columns, len(grid))
    _checked_rows(sheet.observations, OBSERVATIONS, file, title, out)
    _checked_rows(sheet.reflex, REFLEX_CHECK, file, title, out)
    value, problems = _check(
        SERVICE_BLOCK.column("expected"), values.get("expected"), file, title, cells.get("expected", "")
    )
    sheet.values["expected"] = value
    if sheet.code and fold(title) != fold(sheet.code):
        out.append(finding("grille-feuille-renommee", file, title, cells["code"], sheet.code, expected=sheet.code))
    return sheet


def read_grid(path: Path, today: dt.date | None = None) -> Grid:
    """Read one grid; every problem becomes a finding, never an exception."""
    today = today or dt.date.today()
    grid_data = Grid(Path(path))
    file = grid_data.file
    out = grid_data.findings
    try:
        inspect_file(path)
        book = pc.CalamineWorkbook.from_path(str(path))
    except UnsafeFile as exc:
        grid_data.readable = False
        out.append(finding(exc.code, file, detail=exc.detail))
        return grid_data
    except Exception as exc:  # noqa: BLE001 - calamine raises several types for broken files
        grid_data.readable = False
        out.append(finding("fichier-corrompu", file, detail=f"classeur endommagé ({str(exc)[:150]})"))
        return grid_data
    grid_data.sheet_names = list(book.sheet_names)
    try:
        for title in book.sheet_names:
            if fold(title) == README:
                continue
            try:
                grid, top, left = _grid(book.get_sheet_by_name(title))
            except Exception as exc:  # noqa: BLE001
                out.append(
                    finding("fichier-corrompu", file, title, detail=f"feuille « {title} » illisible ({str(exc)[:150]})")
                )
                continue
            values, cells = _form(grid, top, left, EXERCISE)
            if "date" in cells and not grid_data.exercise_sheet:
                grid_data.values, grid_data.cells, grid_data.exercise_sheet = values, cells, title
                if fold(title) != fold(EXERCISE.name):
                    out.append(finding("grille-feuille-renommee", file, title, cells["date"], expected=EXERCISE.name))
                continue
            sheet = _service_sheet(grid, top, left, title, file, out)
            if sheet is None:
                out.append(finding("grille-feuille-inconnue", file, title))
            else:
                grid_data.services.append(sheet)
    finally:
        book.close()
    _check_exercise(grid_data, today)
    return grid_data


#: Where a grid's missing sheet is found again.
BLANK_GRID = "la grille vierge écrite par pca-xlsx exercice, que l'équipe PCA peut vous renvoyer"


def _check_exercise(grid: Grid, today: dt.date) -> None:
    file, out = grid.file, grid.findings
    if not grid.exercise_sheet:
        found = ", ".join(f"« {t} »" for t in grid.sheet_names) or "aucune"
        out.append(
            finding(
                "feuille-manquante",
                file,
                EXERCISE.name,
                found=found,
                hint=missing_hint(EXERCISE.name, blank=BLANK_GRID),
            )
        )
        return
    title = grid.exercise_sheet
    for column in EXERCISE.columns:
        cell = grid.cells.get(column.key, "")
        value, problems = _check(column, grid.values.get(column.key), file, title, cell)
        grid.values[column.key] = value
        out.extend(problems)
        if column.required and value is None and not problems:
            out.append(finding("valeur-obligatoire", file, title, cell, label=column.label, request=column.request))
    day = grid.values.get("date")
    if isinstance(day, dt.date) and day > today:
        out.append(finding("grille-date-future", file, title, grid.cells["date"], f"{day:%d/%m/%Y}"))
        grid.values["date"] = None


def discover_grids(workbooks: Path) -> list[Path]:
    """The grids put back in ``<workbooks>/exercices/`` (lock and hidden files skipped), sorted."""
    folder = Path(workbooks) / GRID_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", "."))), key=lambda p: p.name
    )
