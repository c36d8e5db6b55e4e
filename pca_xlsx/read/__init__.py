"""Read stage: discover files, read workbooks with cell positions, stack them per sheet type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from ..format import DATA_SHEETS, REFERENTIAL_FILE, SHEETS_BY_KEY
from .referential import Referential, ReferentialError, read_referential
from .workbook import SheetData, WorkbookData, column_letter, read_service_workbook

#: Columns added to every stacked table: source file, service code, Excel row, sheet title.
META = ["_file", "_service", "_row", "_sheet"]


def discover(folder: Path, referential: Path | None = None) -> list[Path]:
    """Every file of ``folder`` to treat as a service workbook, sorted by name.

    Editor lock files (``~$...``) and hidden files are skipped; the referential is not a
    service workbook. Any other file is returned, so that a wrong format gets a message.
    """
    folder = Path(folder)
    skip = {REFERENTIAL_FILE.casefold()}
    if referential is not None:
        skip.add(Path(referential).name.casefold())
    out = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.is_file() or path.name.startswith(("~$", ".")):
            continue
        if path.name.casefold() in skip:
            continue
        out.append(path)
    return out


def read_all(paths: Iterable[Path], progress: Callable[[Path], None] | None = None) -> list[WorkbookData]:
    """Read every workbook; ``progress`` is called after each file."""
    out = []
    for path in paths:
        out.append(read_service_workbook(path))
        if progress:
            progress(path)
    return out


def stack(workbooks: list[WorkbookData], key: str) -> pd.DataFrame:
    """One table for a sheet type across all workbooks, with ``META`` columns first.

    Values stay as read (object dtype); the validation stage normalises them.
    """
    spec = SHEETS_BY_KEY[key]
    rows: list[list] = []
    for wb in workbooks:
        sheet = wb.sheets.get(key)
        if sheet is None:
            continue
        service = wb.service
        for number, row in zip(sheet.row_numbers, sheet.rows):
            rows.append([wb.file, service, number, sheet.title, *row])
    return pd.DataFrame(rows, columns=META + spec.keys, dtype=object)


def stack_all(workbooks: list[WorkbookData]) -> dict[str, pd.DataFrame]:
    return {spec.key: stack(workbooks, spec.key) for spec in DATA_SHEETS}


__all__ = [
    "META",
    "Referential",
    "ReferentialError",
    "SheetData",
    "WorkbookData",
    "column_letter",
    "discover",
    "read_all",
    "read_referential",
    "read_service_workbook",
    "stack",
    "stack_all",
]
