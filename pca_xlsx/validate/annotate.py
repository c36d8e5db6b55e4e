"""Annotated copies: the referent's own workbook with faulty cells filled and commented.

The original's bytes are read once and the copy is edited in memory with openpyxl (the only
place it is used); the original file is never opened for writing. Marks an earlier run left
(our fills, our comments, the ``Corrections`` sheet) are removed first, and nothing else; a
workbook left without finding gets a copy marked as validated. An ``.ods`` workbook is copied
(values) into an ``.xlsx``.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from ..core.files import atomic_path
from ..core.pool import Batch, chunked
from ..core.values import cell_text
from ..findings import ERROR, WARNING, Finding, Report
from ..format import fold
from ..read import WorkbookData
from .annotate_hidden import note, reveal_sheet
from .annotate_parts import (
    AUTHOR,
    COLUMNS,
    ERROR_COLOR,
    HEADER_COLOR,
    INTRO_ROWS,
    LINK_COLOR,
    NOTE_SEPARATOR,
    SHEET,
    TITLE_COLORS,
    WARNING_COLOR,
    comment_box,
    comment_text,
    row_lines,
)
from .annotate_zip import annotate_zip
from .loop import corrections_lines
from .package_text import number_comment_drawings

#: How each line of our comments starts (:func:`annotate_parts.comment_text`).
OUR_PREFIXES = (f"{ERROR} : ", f"{WARNING} : ")
ERROR_FILL = PatternFill("solid", start_color=ERROR_COLOR, end_color=ERROR_COLOR)
WARNING_FILL = PatternFill("solid", start_color=WARNING_COLOR, end_color=WARNING_COLOR)
HEADER_FILL = PatternFill("solid", start_color=HEADER_COLOR, end_color=HEADER_COLOR)
#: Copies per worker below which they are written in this process.
PARALLEL_MIN = 4
LABEL = "Copies annotées"


def _text(value: str) -> str:
    return cell_text(value)


def _set_string(cell, value: str) -> None:
    """Write user text as a string, never as a formula."""
    cell.value = _text(value)
    cell.data_type = "s"


def _worksheet(book, title: str):
    if title in book.sheetnames:
        return book[title]
    wanted = fold(title)
    return next((book[name] for name in book.sheetnames if fold(name) == wanted), None)


def _target_cell(ws, address: str):
    cell = ws[address]
    if isinstance(cell, MergedCell):
        for area in ws.merged_cells.ranges:
            if address in area:
                return ws.cell(area.min_row, area.min_col)
    return cell


def ours(comment) -> bool:
    """A comment we wrote: by its author, or by its text when a spreadsheet lost the author (LibreOffice)."""
    if comment.author == AUTHOR:
        return True
    lines = comment.text.split("\n")
    return bool(lines) and all(line.startswith(OUR_PREFIXES) for line in lines if line.strip())


def _clear_marks(book) -> None:
    """Remove what an earlier run left: the ``Corrections`` sheet, our comments and the fills under them.

    A cell's fill is reset only where our comment sits and the fill is one of our two colours: the
    referent's own colours, comments and formatting stay.
    """
    if SHEET in book.sheetnames:
        del book[SHEET]
    for ws in book.worksheets:
        for cell in list(ws._cells.values()):  # existing cells only: iter_rows would create every empty one
            comment = cell.comment
            if comment is None or (not ours(comment) and NOTE_SEPARATOR not in comment.text):
                continue
            if ours(comment):
                cell.comment = None
            else:  # the referent's own note, ours added below it: only ours goes
                own = comment.text.split(NOTE_SEPARATOR)[0]
                height, width = comment_box(own)
                cell.comment = Comment(own, comment.author, height=height, width=width)
            if cell.fill is not None and cell.fill.fgColor.rgb in (ERROR_COLOR, WARNING_COLOR):
                cell.fill = PatternFill()


def _mark_cells(book, findings: list[Finding]) -> dict[str, list[int]]:
    """Fill and comment every flagged cell; returns the rows shown again per sheet (:mod:`.annotate_hidden`)."""
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for item in findings:
        if item.cell and item.sheet:
            grouped.setdefault((item.sheet, item.cell), []).append(item)
    flagged: dict[str, set[int]] = {}
    for (title, address), items in grouped.items():
        ws = _worksheet(book, title)
        if ws is None or ws.title == SHEET:
            continue
        cell = _target_cell(ws, address)
        cell.fill = ERROR_FILL if any(i.is_error for i in items) else WARNING_FILL
        flagged.setdefault(ws.title, set()).add(cell.row)
        text, author = comment_text(items), AUTHOR
        if cell.comment is not None and not ours(cell.comment):  # the referent's note stays, ours below
            text, author = cell.comment.text.rstrip() + NOTE_SEPARATOR + text, cell.comment.author
        height, width = comment_box(text)
        cell.comment = Comment(text, author, height=height, width=width)
    revealed = {title: reveal_sheet(book[title], rows) for title, rows in flagged.items()}
    return {title: rows for title, rows in revealed.items() if rows}


def _corrections(book, findings: list[Finding], establishment: dict, extra: str = "") -> None:
    ws = book.create_sheet(SHEET, 0)
    errors = sum(f.is_error for f in findings)
    title, lines = corrections_lines(establishment, errors, len(findings) - errors)
    lines = lines + [extra] if extra else lines  # one more line fits above the header row
    head = ws.cell(1, 1, title)
    head.font = Font(bold=True, size=14, color=TITLE_COLORS[0] if errors else TITLE_COLORS[1])
    for row, line in enumerate(lines, 2):
        _set_string(ws.cell(row, 1), line)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 32
    top = INTRO_ROWS + 1
    for col, (name, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(top, col, name)
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    ordered = sorted(findings, key=Finding.sort_key)  # as the report: by sheet, row, column
    for row, item in enumerate(ordered, top + 1):
        for col, value in enumerate((item.sheet, item.cell, item.severity, item.message, item.value), 1):
            cell = ws.cell(row, col)
            _set_string(cell, value)
            cell.alignment = wrap
        ws.cell(row, 3).fill = ERROR_FILL if item.is_error else WARNING_FILL
        ws.row_dimensions[row].height = 15 * row_lines(item)
        if item.cell and item.sheet and _worksheet(book, item.sheet) is not None:
            title = _worksheet(book, item.sheet).title.replace("'", "''")
            link = ws.cell(row, 2)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{title}'!{item.cell}")
            link.font = Font(color=LINK_COLOR, underline="single")
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:E{max(len(ordered) + top, top + 1)}"
    # Printed for the referent: A4 landscape, one page wide, header row on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{top}:{top}"
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == SHEET


def _load(source: Path):
    """The workbook to annotate: the file itself, or for an ``.ods`` a copy of its values."""
    if source.suffix.lower() == ".ods":
        return ods_values(source)
    data = source.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data), keep_vba=source.suffix.lower() == ".xlsm")


def ods_values(source: Path):
    """An openpyxl workbook holding the values of every sheet of an ``.ods`` (read with calamine)."""
    import python_calamine as pc

    book = openpyxl.Workbook()
    book.remove(book.active)
    calamine = pc.CalamineWorkbook.from_path(str(source))
    try:
        for name in calamine.sheet_names:
            sheet = calamine.get_sheet_by_name(name)
            ws = book.create_sheet(name[:31])
            top, left = sheet.start or (0, 0)
            for r, row in enumerate(sheet.to_python(skip_empty_area=True)):
                for c, value in enumerate(row):
                    if value in ("", None):
                        continue
                    cell = ws.cell(top + r + 1, left + c + 1)
                    if isinstance(value, str):
                        _set_string(cell, value)
                    else:
                        cell.value = value
    finally:
        calamine.close()
    return book


def annotated_name(source: Path) -> str:
    """File name of the annotated copy: the same, ``.ods`` becoming ``.xlsx``."""
    source = Path(source)
    return source.stem + ".xlsx" if source.suffix.lower() == ".ods" else source.name


def annotate(source: Path, findings: list[Finding], target: Path, establishment: dict | None = None) -> Path | None:
    """Write the annotated copy of ``source`` to ``target``; None if it cannot be built.

    An ``.xlsx`` goes through :func:`annotate_zip` (the parts that change, rewritten); openpyxl
    takes what that path does not handle (earlier marks, comments, ``.ods``, ``.xlsm``...).
    """
    if Path(source).suffix.lower() == ".xlsx" and os.environ.get("PCA_XLSX_ANNOTATE") != "openpyxl":
        try:
            return annotate_zip(Path(source), findings, Path(target), establishment or {})
        except Exception:  # noqa: BLE001, S110 - anything unexpected: the openpyxl path below
            pass
    try:
        book = _load(Path(source))
        _clear_marks(book)
        revealed = _mark_cells(book, findings)
        _corrections(book, findings, establishment or {}, note(revealed))
        buffer = io.BytesIO()
        book.save(buffer)
        content = number_comment_drawings(buffer.getvalue())  # openpyxl numbers every drawing's shapes alike
        with atomic_path(target) as tmp:
            tmp.write_bytes(content)
    except Exception:  # noqa: BLE001 - a copy we cannot build is skipped; the report still lists the findings
        return None
    return Path(target)


class AnnotatedCopies:
    """Annotated copies being written by worker processes; :meth:`wait` collects them.

    Started as soon as the findings are known: the caller may go on meanwhile (consolidation);
    :meth:`wait` then writes, in this process, the copies no worker has started yet.
    """

    def __init__(self, tasks: list[tuple[Path, list[Finding], Path, dict]], folder: Path, progress, jobs: int | None):
        self.tasks, self.folder, self.progress = tasks, folder, progress
        progress(LABEL, 0, len(tasks))
        processes = max(1, min(jobs or os.cpu_count() or 1, len(tasks) // PARALLEL_MIN or 1))
        chunks = chunked(tasks, processes, 12) if processes > 1 else [[task] for task in tasks]
        self.batch = Batch(_annotate_chunk, chunks, processes, fresh=True)  # small tasks, this process goes on

    def wait(self) -> list[Path]:
        """Paths of the copies written, in workbook order; stale copies in the folder are removed."""
        total = len(self.tasks)
        results = self.batch.run(lambda done: self.progress(LABEL, done, total))
        written = [path for chunk in results for path in chunk if path is not None]
        if self.folder.is_dir():
            keep = {p.name for p in written}
            for path in self.folder.iterdir():
                if path.is_file() and not path.name.startswith(".") and path.name not in keep:
                    path.unlink()
        return written


def _annotate_chunk(tasks: list[tuple[Path, list[Finding], Path, dict]]) -> list[Path | None]:
    return [annotate(*task) for task in tasks]


def start_annotated(
    report: Report,
    workbooks: list[WorkbookData],
    folder: Path,
    progress: Callable[[str, int, int], None],
    jobs: int | None = None,
    establishment: dict | None = None,
) -> AnnotatedCopies:
    """Start one annotated copy per readable workbook with findings on cells, or carrying marks of an
    earlier run (then validated), across ``jobs`` processes (default: one per core, this one included)."""
    by_file = report.by_file()
    targets = [
        wb for wb in workbooks if wb.readable and (wb.annotated or any(f.cell for f in by_file.get(wb.file, [])))
    ]
    context = dict(establishment or {})
    tasks = [(wb.path, by_file.get(wb.file, []), folder / annotated_name(wb.path), context) for wb in targets]
    return AnnotatedCopies(tasks, folder, progress, jobs)
