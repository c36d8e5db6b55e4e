"""Read stage: discover files, read workbooks with cell positions, stack them per sheet type."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from ..core.collector import gc_paused
from ..core.pool import Batch, chunked, fork_context
from ..format import DATA_SHEETS, REFERENTIAL_FILE, SHEETS_BY_KEY
from .referential import Referential, read_referential
from .sheet import SheetData
from .workbook import WorkbookData, read_service_workbook

#: Files per worker below which reading stays in one process; most files per task sent to a worker.
PARALLEL_MIN, CHUNK = 20, 25

#: Columns added to every stacked table: source file, service code, Excel row, sheet title.
META = ["_file", "_service", "_row", "_sheet"]


def discover(folder: Path, referential: Path | None = None, subfolders: Iterable[str] = ()) -> list[Path]:
    """Every file of ``folder`` (then of each of its ``subfolders``, a GHT's establishment folders)
    to treat as a service workbook, sorted by name.

    Editor lock files (``~$...``) and hidden files are skipped; the referential is not a
    service workbook. Any other file is returned, so that a wrong format gets a message.
    """
    out = _files(folder, referential)
    for name in subfolders:
        out += _files(Path(folder) / name, referential)
    return out


def _files(folder: Path, referential: Path | None) -> list[Path]:
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


def _read_chunk(paths: list[Path]) -> list[WorkbookData]:
    return [read_service_workbook(path) for path in paths]


def read_all(
    paths: Iterable[Path], progress: Callable[[int], None] | None = None, jobs: int | None = None
) -> list[WorkbookData]:
    """Read every workbook, in order, across ``jobs`` processes (default: one per core).

    ``progress(files read)`` is called as files are read. Small batches stay in this process.
    """
    paths = list(paths)
    processes = max(1, min(jobs or os.cpu_count() or 1, len(paths) // PARALLEL_MIN or 1))
    chunks = chunked(paths, processes, 4, CHUNK) if processes > 1 else [[path] for path in paths]
    with gc_paused():  # the workbooks read stay alive: collections would only scan them again and again
        return [wb for chunk in Batch(_read_chunk, chunks, processes).run(progress) for wb in chunk]


def stack(workbooks: list[WorkbookData], key: str) -> pd.DataFrame:
    """One table for a sheet type across all workbooks, with ``META`` columns first.

    Values stay as read (object dtype); the validation stage normalises them.
    """
    spec = SHEETS_BY_KEY[key]
    files: list[str] = []
    services: list[str] = []
    numbers: list[int] = []
    titles: list[str] = []
    rows: list[list] = []
    for wb in workbooks:
        sheet = wb.sheets.get(key)
        if sheet is None:
            continue
        count = len(sheet.rows)
        files += [wb.file] * count
        services += [wb.service] * count
        numbers += sheet.row_numbers
        titles += [sheet.title] * count
        rows += sheet.rows
    frame = pd.DataFrame(rows, columns=spec.all_keys, dtype=object)
    if spec.retired:  # read only to be carried forward (validate.versions); not consolidated
        frame = frame[spec.keys]
    for name, values in reversed(list(zip(META, (files, services, numbers, titles)))):
        frame.insert(0, name, pd.Series(values, index=frame.index, dtype=object))
    return frame


def stack_all(workbooks: list[WorkbookData]) -> dict[str, pd.DataFrame]:
    return {spec.key: stack(workbooks, spec.key) for spec in DATA_SHEETS}


__all__ = [
    "META",
    "Referential",
    "SheetData",
    "WorkbookData",
    "discover",
    "Batch",
    "chunked",
    "fork_context",
    "read_all",
    "read_referential",
    "read_service_workbook",
    "stack",
    "stack_all",
]
