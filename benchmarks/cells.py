"""Cells written by a stage: the ``<c>`` elements of every worksheet of the workbooks it wrote."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_CELL = re.compile(rb"<c[ >]")
_SHEET = re.compile(r"xl/worksheets/sheet\d+\.xml")


def count(path: Path) -> int:
    """Cells stored in one workbook (a cell with only a style counts: it was written)."""
    total = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if _SHEET.fullmatch(name):
                with archive.open(name) as handle:
                    tail = b""
                    while chunk := handle.read(1 << 20):
                        total += len(_CELL.findall(tail + chunk))
                        tail = chunk[-2:]
    return total


def written(output: Path) -> int:
    """Cells of the floor's workbook or of the consolidation's (``consolidation/``, not the copies)."""
    output = Path(output)
    paths = [*output.glob("*.xlsx"), *(output / "consolidation").rglob("*.xlsx")]
    return sum(count(path) for path in sorted(paths))
