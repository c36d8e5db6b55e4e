"""Excel tables (``<table>`` parts) of a workbook read fast: their names and ranges from the package's XML,
their values with calamine — openpyxl loads a 300-service consolidated workbook in 5 s, this in 0.4 s."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from functools import cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from pca_xlsx.core.positions import column_index, parse_address

_REL = re.compile(r"<Relationship\b[^>]*>")
_ATTR = re.compile(r'(\w+(?::\w+)?)="([^"]*)"')


def _attrs(tag: str) -> dict[str, str]:
    return dict(_ATTR.findall(tag))


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id → target part path, for ``part``."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    if path not in z.namelist():
        return {}
    out = {}
    for tag in _REL.findall(z.read(path).decode()):
        a = _attrs(tag)
        target = a["Target"]
        out[a["Id"]] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        )
    return out


def _cell(ref: str) -> tuple[int, int]:
    """0-based (row, column) of an address."""
    letters, row = parse_address(ref)
    return row - 1, column_index(letters)


@cache
def _tables(path: str, stamp: tuple) -> dict[str, tuple[str, str]]:
    """Table name → (sheet name, range), for the workbook at ``path`` (``stamp``: its size and mtime)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = _rels(z, "xl/workbook.xml")
        for tag in re.findall(r"<sheet\b[^>]*>", book):
            a = _attrs(tag)
            sheet_part = rels[a["r:id"]]
            for target in _rels(z, sheet_part).values():
                if "/tables/" in target:
                    t = _attrs(re.search(r"<table\b[^>]*>", z.read(target).decode()).group(0))
                    out[t["name"]] = (html.unescape(a["name"]), t["ref"])
    return out


def _located(path: Path) -> dict[str, tuple[str, str]]:
    stat = Path(path).stat()
    return _tables(str(path), (stat.st_size, stat.st_mtime_ns))


def _area(grid: list[list], ref: str) -> list[list]:
    """The cells of range ``ref`` of a sheet's grid, row by row (empty cells ``None``, as openpyxl shows them)."""
    (r1, c1), (r2, c2) = (_cell(x) for x in ref.split(":"))

    def value(r: int, c: int):
        v = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
        return None if v == "" else v

    return [[value(r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]


def table_rows(path: Path, name: str) -> list[dict]:
    """The data rows of Excel table ``name`` in the workbook at ``path``, as dicts keyed by header (blank rows
    dropped)."""
    sheet, ref = _located(path)[name]
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    headers, *rows = _area(grid, ref)
    return [dict(zip(headers, row)) for row in rows if any(v is not None for v in row)]


def table_grids(path: Path) -> dict[str, list[list]]:
    """Every Excel table of the workbook at ``path``: its name → its rows, header first (empty cells ``None``)."""
    book = CalamineWorkbook.from_path(str(path))
    grids: dict[str, list] = {}
    out = {}
    for name, (sheet, ref) in _located(path).items():
        if sheet not in grids:
            grids[sheet] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        out[name] = _area(grids[sheet], ref)
    return out
