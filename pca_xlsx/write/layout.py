"""The consolidated workbook's writer: tables, widths, row heights and print setup.

Layout only: every figure comes computed from :mod:`pca_xlsx.consolidate`, every table's headers,
widths, caps and formats from its declaration (:mod:`pca_xlsx.format.tables`). User text is always
written as a string (never a formula or a link); formats are created once per workbook. Column
widths follow the data (within caps), wrapped rows get an explicit height (LibreOffice does not
fit them on opening) and every sheet prints A4 landscape, fitted to the page width; a header row
repeats on every printed page only when no other table follows it (the repeated row would head
that table's rows).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ..core.bulk import BulkSheet
from ..core.values import MAX_CELL_CHARS, cell_text, listing, xml_safe
from ..core.xlsx import Formats
from ..format.output import DATE_WIDTH, Field, Table
from ..format.vocabulary import NO, YES

LINE_HEIGHT = 15.0  # points per line of 11 pt text
MAX_LINES = 26  # Excel rows stop at 409 points
#: Column width units printed on one landscape A4 page (about 36 % scale): only wider sheets get a second page.
PAGE_WIDTH = 420
NOTE_CHARS = 170  # a line of explanation under a sheet title


def plain(value: Any) -> Any:
    """A value xlsxwriter writes with its own type: None, bool→Oui/Non, int, float, date, str."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return YES if value else NO
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if value != value else float(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        return xml_safe(value)[:MAX_CELL_CHARS] or None
    if isinstance(value, (list, tuple)):  # lists stay lists until written
        return plain(listing(value))
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return cell_text(value)


def _shown(values: list, empty: str) -> list:
    """A column's values with ``empty`` (a field's words for an empty cell, « sans responsable ») in the empty ones."""
    if not empty:
        return values
    return [empty if v is None or (type(v) is str and not v.strip()) or (type(v) is float and v != v) else v
            for v in values]  # fmt: skip


class Cells:
    """One column ready to write: ``plain`` values, their text lengths, whether any text breaks lines.

    Plain strings, None, ints and real floats (nearly every cell) take a fast path.
    """

    SEPARATOR = "\ue000"  # joins a column's texts for one search (a private-use character)

    def __init__(self, values: list):
        out = [
            v if ((t := type(v)) is str and v) or v is None or t is int or (t is float and v == v)
            else None if t is float or t is str  # NaN, ""
            else plain(v)
            for v in values
        ]  # fmt: skip
        joined = self.SEPARATOR.join([v for v in out if type(v) is str])
        lengths = np.array([len(v) if v.__class__ is str else 0 for v in out], dtype=np.int64)
        if joined and (xml_safe(joined) != joined or lengths.max() > MAX_CELL_CHARS):
            out = [plain(v) if type(v) is str else v for v in out]
            lengths = np.array([len(v) if v.__class__ is str else 0 for v in out], dtype=np.int64)
        self.values = out
        self.lengths = lengths
        self.breaks = "\n" in joined
        self.texts = bool(joined)

    def longest(self) -> int:
        """Characters of the longest value as displayed (numbers as written)."""
        if self.texts:
            return int(self.lengths.max())
        return max((len(f"{v:g}") if type(v) is float else len(str(v)) for v in self.values if v is not None),
                   default=0)  # fmt: skip

    def lines(self, width: float) -> np.ndarray | None:
        """Estimated wrapped lines of each value in a column ``width`` wide; None if all fit on one."""
        per_line = max(int(width * 1.25) - 1, 4)
        long = np.flatnonzero(self.lengths > per_line)
        if self.breaks:  # typed with Alt+Entrée
            breaks = [i for i, v in enumerate(self.values) if type(v) is str and "\n" in v]
            long = np.union1d(long, np.asarray(breaks, dtype=np.int64))
        if not len(long):
            return None
        lines = np.ones(len(self.values), dtype=np.int64)
        memo: dict[str, int] = {}
        for i in long:  # word wrap only where the text is longer than a line
            text = self.values[i]
            if text not in memo:
                memo[text] = wrapped_lines(text, per_line)
            lines[i] = memo[text]
        return lines


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes once word-wrapped in a column ``width`` characters wide."""
    lines = 0
    for part in text.split("\n"):
        used = 0
        lines += 1
        for size in map(len, part.split()):
            if used and used + 1 + size > width:
                lines += 1
                used = 0
            used += size + (1 if used else 0)
    return max(lines, 1)


class Writer:
    """Formats, table names, column widths and row heights of one workbook.

    Several tables may share a sheet's columns: each column takes the widest any of them needs
    (or a width forced by a table), and row heights are computed once every width is known.
    """

    def __init__(self, workbook):
        self.wb = workbook
        self.fmt = Formats(workbook)
        add = workbook.add_format
        self.numbers = {"0.0": add({"num_format": "0.0", "valign": "top"})}  # number format -> cell format
        self.big = add({"bold": True, "font_size": 12, "font_color": "#1F4E79", "align": "left", "valign": "top"})
        self.note = add({"italic": True, "font_color": "#404040"})  # long lines overflow to the right
        self.alert = add({"bold": True, "font_color": "#C00000", "valign": "top"})
        self.red = add({"bg_color": "#F4B6B6"})
        self.orange = add({"bg_color": "#FCE4C4"})
        self.centred = add({"align": "center", "valign": "top"})
        self.spill = add({"valign": "top"})  # no wrap: long lists overflow into the empty cells on the right
        self.spill_header = add({"bold": True, "font_color": "#1F4E79", "valign": "top", "bottom": 1})
        self.names: set[str] = set()
        self.sheets: list = []
        self.widths: dict[str, dict[int, float]] = {}
        self.forced: dict[str, set[int]] = {}
        self.heights: dict[str, dict[int, float]] = {}
        self.tops: dict[str, dict[int, bool]] = {}  # header row of each table -> it asks to repeat
        self.pending: list[tuple] = []  # tables whose row heights wait for their sheet's final widths
        self.ght = False  # a GHT's own workbook: its tables have their GHT columns (Table.at_level)

    def sheet(self, name: str, charts: bool = False):
        """A new sheet; ``charts``: it will hold charts (their data is then written cell by cell). The tables
        of the sheets before are written now: their widths are final (tables are written sheet after sheet)."""
        self._flush()
        ws = self.wb.add_worksheet(name, worksheet_class=BulkSheet)
        ws.cell_by_cell = charts
        self.sheets.append(ws)
        self.widths[name], self.forced[name], self.heights[name], self.tops[name] = {}, set(), {}, {}
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.25, right=0.25, top=0.5, bottom=0.6)
        ws.set_footer("&L&8PCA consolidé — &A&R&8Page &P sur &N")
        return ws

    def width(self, ws, col: int, width: float, force: bool = False) -> None:
        widths, forced = self.widths[ws.name], self.forced[ws.name]
        if force:
            forced.add(col)
        elif col in forced:
            return
        widths[col] = width if force else max(widths.get(col, 0.0), width)

    def height(self, ws, row: int, height: float) -> None:
        rows = self.heights[ws.name]
        rows[row] = max(rows.get(row, 0.0), height)

    def finish(self) -> None:
        """The last sheet's tables, then widths, row heights and print setup (:meth:`_print`)."""
        self._flush()
        for ws in self.sheets:
            widths = self.widths[ws.name]
            for col, width in widths.items():
                ws.set_column(col, col, width)
            for row, height in self.heights[ws.name].items():
                ws.set_row(row, height)
            self._print(ws, widths)

    def _print(self, ws, widths: dict[int, float]) -> None:
        """One landscape page wide, unless the text would print below about a third of its size: then as many
        pages as keep it there, each with the row labels (the frozen columns, else the first two). The header
        row of the sheet's last table prints on every page if that table asks to; an earlier table's would
        also head the rows of the tables below it."""
        frozen = ws.panes[1] if ws.panes and ws.panes[1] else 2
        total = sum(widths.values())
        labels = sum(widths.get(col, 8.43) for col in range(frozen))
        pages = max(1, math.ceil(total / PAGE_WIDTH))
        if pages > 1 and labels < PAGE_WIDTH / 2:
            pages = math.ceil((total - labels) / (PAGE_WIDTH - labels))
            ws.repeat_columns(0, frozen - 1)
        ws.fit_to_pages(pages, 0)
        ws.center_horizontally()
        tops = self.tops[ws.name]
        if tops and tops[last := max(tops)]:
            ws.repeat_rows(last)

    def _flush(self) -> None:
        """Row heights, then the cells, of the tables waiting (a region's workbook holds one sheet's values
        at a time, not the whole workbook's); each table's values freed once written (its XML waits on
        disk: BulkSheet)."""
        for ws, top, left, fields, headers, columns, spill in self.pending:
            self._heights(ws, top, left, headers, columns, [f.key not in spill for f in fields])
        pending, self.pending = self.pending[::-1], []
        while pending:
            ws, top, left, fields, _, columns, spill = pending.pop()
            self._cells(ws, top, left, fields, columns, spill)

    def _table_name(self, text: str) -> str:
        ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        base = "T_" + re.sub(r"\W+", "_", ascii_).strip("_")
        name, n = base, 2
        while name.casefold() in self.names:
            name, n = f"{base}_{n}", n + 1
        self.names.add(name.casefold())
        return name

    def table(self, ws, top: int, df: pd.DataFrame, spec: Table, left: int = 0) -> int:
        """Write ``df`` as the Excel table declared by ``spec`` at (top, left); return the next free row.

        ``df`` is first checked against the declaration (:meth:`Table.check`). Columns are sized
        to their data within the field's cap, or to the field's ``width``; a ``spill`` field's long
        text stays on one line and overflows to the right; a ``repeat`` table's header row prints
        on every page if no table lies below it (:meth:`_print`).
        """
        spec = self.laid_out(spec)
        spec.check(df)
        fields = spec.all_fields
        keys = [f.key for f in fields]
        spill = tuple(f.key for f in fields if f.spill)
        headers = list(spec.headers)
        seen: dict[str, int] = {}
        for i, h in enumerate(headers):  # Excel table headers must be unique
            seen[h] = seen.get(h, 0) + 1
            headers[i] = h if seen[h] == 1 else f"{h} ({seen[h]})"
        columns = [Cells(_shown(df[f.key].tolist(), f.empty) if f.key in df else []) for f in fields]
        last = top + max(len(df), 1)
        header_formats = [self.spill_header if f.spill else self.fmt.header for f in fields]
        ws.add_bulk_table(
            top, left, last, left + len(keys) - 1,
            {
                "name": self._table_name(spec.name or ws.name),
                "style": "Table Style Light 9",
                "columns": [{"header": xml_safe(h), "header_format": f} for h, f in zip(headers, header_formats)],
            },
        )  # fmt: skip
        for c, (f, header, column) in enumerate(zip(fields, headers, columns), left):
            if f.width is not None:
                self.width(ws, c, f.width, force=True)
            else:
                self.width(ws, c, self._width(f, "" if f.spill else header, 0 if f.spill else column.longest()))
        self.pending.append((ws, top, left, fields, headers, columns, spill))  # cells written by finish()
        tops = self.tops[ws.name]
        tops[top] = tops.get(top, False) or spec.repeat
        return last + 2

    def laid_out(self, spec: Table) -> Table:
        """``spec`` as this workbook lays it out (its columns, in order: :meth:`Table.at_level`)."""
        return spec.at_level(self.ght)

    def _heights(self, ws, top: int, left: int, headers: list[str], columns: list[Cells], wrap: list[bool]) -> None:
        """Header and data row heights from the wrapped text, once the column widths are final."""
        sizes = [self.widths[ws.name].get(c, 8.43) for c in range(left, left + len(headers))]
        header_lines = max(wrapped_lines(h, max(w * 1.1 - 1, 1)) for h, w, x in zip(headers, sizes, wrap) if x)
        self.height(ws, top, LINE_HEIGHT * header_lines + 3)
        lines = None
        for column, size, x in zip(columns, sizes, wrap):
            counts = column.lines(size) if x and column.texts else None
            if counts is not None:
                lines = counts if lines is None else np.maximum(lines, counts)
        if lines is not None:
            for i in np.flatnonzero(lines > 1):
                self.height(ws, top + 1 + int(i), LINE_HEIGHT * min(int(lines[i]), MAX_LINES) + 1)

    def _cells(self, ws, top: int, left: int, fields: tuple[Field, ...], columns: list[Cells], spill: tuple) -> None:
        """Write a table's cells, all columns at once (:meth:`BulkSheet.write_block`). Text cells
        get a format (wrap, top) only in rows taller than one line: Excel and LibreOffice then
        keep the rows light."""
        heights = self.heights[ws.name]
        count = max((len(column.values) for column in columns), default=0)
        tall = [heights.get(row, 0.0) > LINE_HEIGHT + 1 for row in range(top + 1, top + 1 + count)]
        some = any(tall)
        formats: list = []
        for f in fields:
            fixed = self.fmt.date if f.kind == "date" else self._number(f.number_format)
            fixed = self.centred if f.center else fixed
            if fixed is not None or not some:
                formats.append(fixed)
            else:
                wrap = self.spill if f.key in spill else self.fmt.text
                formats.append([wrap if t else None for t in tall])
        ws.write_block(top + 1, left, [column.values for column in columns], formats)

    def _number(self, number_format: str | None):
        """The cell format of a number format (one per workbook); None for none."""
        if number_format is None:
            return None
        if number_format not in self.numbers:
            self.numbers[number_format] = self.wb.add_format({"num_format": number_format, "valign": "top"})
        return self.numbers[number_format]

    @staticmethod
    def _width(field: Field, header: str, longest: int) -> float:
        """Fit the data up to the field's cap; the header may wrap on up to three lines, never inside a word."""
        if field.kind == "date":
            return DATE_WIDTH
        cap = field.cap
        word = max((len(w) for w in header.split()), default=0)
        return float(max(6, word + 2, math.ceil(len(header) / 3) + 2, min(cap, longest + 2)))

    def heading(self, ws, row: int, title: str, note: str = "") -> int:
        """Title, then the note one sentence group per line (each line overflows to the right)."""
        ws.write_string(row, 0, xml_safe(title), self.fmt.title)
        self.height(ws, row, 22)
        row += 1
        for line in note_lines(note):
            ws.write_string(row, 0, xml_safe(line), self.note)
            row += 1
        return row + 1


def note_lines(note: str, size: int = NOTE_CHARS) -> list[str]:
    """``note`` cut between sentences into lines of about ``size`` characters at most."""
    lines: list[str] = []
    for sentence in re.split(r"(?<=[.:;]) ", note.strip()) if note.strip() else []:
        if lines and len(lines[-1]) + 1 + len(sentence) <= size:
            lines[-1] += " " + sentence
        else:
            lines.append(sentence)
    return lines
