"""Bulk table cells for xlsxwriter: whole columns turned into sheet XML at once.

xlsxwriter keeps every cell as an object, checks it, then writes it through its generic XML
writer: about 6 µs a cell, most of the consolidated workbook's time at GHT size (1.8 million
cells). :class:`BulkSheet` is an xlsxwriter worksheet (``add_worksheet(name,
worksheet_class=BulkSheet)``) that also takes a table's columns in one call: their cells become
XML text at once (strings go to the workbook's shared-string table and formats get their index
from xlsxwriter, as its own cells do) and are merged, at close, into the rows xlsxwriter writes
itself (titles, table headers, row heights). Everything else — tables, widths, print setup,
zip — stays xlsxwriter's. Before/after figures: README « Performances ».

It relies on a few of xlsxwriter's internals (``_write_rows``, ``fh``, ``str_table`` and its ``string_table``/``count``/``unique_count``,
``_get_xf_index``, ``_check_dimensions``, ``_convert_date_time``, ``tables``), stable since xlsxwriter 1.x;
``tests/test_bulk.py`` reads the result back with openpyxl and LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import xl_col_to_name, xl_range
from xlsxwriter.worksheet import Worksheet

#: zlib level of :class:`BulkWorkbook` (xlsxwriter's own: 6).
ZIP_LEVEL = 1
_ROW = re.compile(r'<row r="(\d+)"([^>]*?)(?:/>|>(.*?)</row>)', re.S)
_CELL = re.compile(r'<c r="([A-Z]+)\d+"[^>]*?(?:/>|>.*?</c>)', re.S)
_SPANS = re.compile(r' spans="[^"]*"')
#: Characters xlsxwriter writes as ``_xHHHH_`` escapes (U+FFFE and U+FFFF are not XML characters).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")


#: Rows of a spilled block read back at once while the sheet is written.
READ_ROWS = 4096


class _Block:
    """Where the XML of a block's rows is in the spill file: row ``first + i`` is bytes
    ``ends[i - 1]:ends[i]`` from ``start`` (empty when the row has no cell)."""

    __slots__ = ("first", "col", "start", "ends")

    def __init__(self, first: int, col: int, start: int, ends: list[int]) -> None:
        self.first, self.col, self.start, self.ends = first, col, start, ends

    @property
    def last(self) -> int:
        return self.first + len(self.ends) - 1

    def has(self, row: int) -> bool:
        i = row - self.first
        return 0 <= i < len(self.ends) and self.ends[i] > (self.ends[i - 1] if i else 0)

    def rows(self, spill) -> Iterator[tuple[int, str]]:
        """(Excel row number, cells XML) of its rows that have cells, read a few thousand at a time."""
        ends = self.ends
        for lo in range(0, len(ends), READ_ROWS):
            hi = min(lo + READ_ROWS, len(ends))
            base = ends[lo - 1] if lo else 0
            spill.seek(self.start + base)
            data = spill.read(ends[hi - 1] - base)
            for i in range(lo, hi):
                a, b = (ends[i - 1] if i else 0) - base, ends[i] - base
                if b > a:
                    yield self.first + i, data[a:b].decode()


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


class BulkSheet(Worksheet):
    """A worksheet that also writes whole columns of a table (:meth:`write_block`)."""

    def __init__(self) -> None:
        super().__init__()
        #: The written blocks (Excel row numbers, 1-based), their XML in ``spill``; merged in at close.
        self.blocks: list[_Block] = []
        self.spill = None  # a temporary file, opened by the first block
        #: Hand the cells to xlsxwriter one by one instead (a chart on the sheet caches its
        #: data from xlsxwriter's cells).
        self.cell_by_cell = False

    def add_bulk_table(self, first_row: int, first_col: int, last_row: int, last_col: int, options: dict) -> None:
        """``add_table`` without its per-cell overlap bookkeeping (a dictionary entry per cell
        of the range): declared on the header and first data row, then given its full range.
        The caller guarantees tables don't overlap (our layout stacks them)."""
        if self.cell_by_cell:
            super().add_table(first_row, first_col, last_row, last_col, options)
            return
        super().add_table(first_row, first_col, min(last_row, first_row + 1), last_col, options)
        if last_row > first_row + 1:
            table = self.tables[-1]
            table["range"] = table["a_range"] = xl_range(first_row, first_col, last_row, last_col)
            if table.get("autofilter"):
                table["autofilter"] = table["a_range"]

    def write_block(self, first_row: int, first_col: int, columns: Sequence[Sequence[Any]],
                    formats: Sequence[Any]) -> None:  # fmt: skip
        """Write ``columns`` side by side from (``first_row``, ``first_col``), zero-indexed.

        Values are None (no cell), str, int, float, ``datetime.date`` or ``datetime.datetime``;
        text is written as text, never as a formula or link. ``formats[i]`` is column i's format:
        one xlsxwriter Format (or None) for the whole column, or a list with one per row.
        """
        if not columns:
            return
        height = max(len(values) for values in columns)
        if not height:
            return
        if self.cell_by_cell:
            self._write_each(first_row, first_col, columns, formats)
            return
        if self.spill is None:
            self.spill = tempfile.TemporaryFile()
        spill = self.spill
        spill.seek(0, io.SEEK_END)
        start, ends, end = spill.tell(), [], 0
        for lo in range(0, height, READ_ROWS):  # a slice of rows at a time: memory never holds a table's XML
            hi = min(lo + READ_ROWS, height)
            rows = [f'{r}"' for r in range(first_row + 1 + lo, first_row + 1 + hi)]  # Excel row numbers, quote closed
            rendered = [
                self._column(rows, first_col + i, values[lo:hi],
                             fmt[lo:hi] if isinstance(fmt, list) else fmt, hi - lo)
                for i, (values, fmt) in enumerate(zip(columns, formats))
            ]  # fmt: skip
            data = [cells.encode() for cells in map("".join, zip(*rendered))]
            for cells in data:
                end += len(cells)
                ends.append(end)
            spill.write(b"".join(data))
        self.blocks.append(_Block(first_row + 1, first_col, start, ends))
        self._check_dimensions(first_row, first_col)
        self._check_dimensions(first_row + height - 1, first_col + len(columns) - 1)

    def _write_each(self, first_row: int, first_col: int, columns: Sequence[Sequence[Any]],
                    formats: Sequence[Any]) -> None:  # fmt: skip
        write = {str: self.write_string, int: self.write_number, float: self.write_number}
        for col, (values, fmt) in enumerate(zip(columns, formats), first_col):
            for row, value in enumerate(values, first_row):
                if value is not None:
                    write.get(type(value), self.write)(
                        row, col, value, fmt[row - first_row] if isinstance(fmt, list) else fmt
                    )

    def _column(self, rows: list[str], col: int, values: Sequence[Any], fmt: Any, height: int) -> list[str]:
        """One column's cells as XML strings ('' for no cell); ``rows``: the rows' numbers, each
        followed by the closing quote of the cell reference.

        Plain text and number columns (nearly all) take one list comprehension each."""
        letter = xl_col_to_name(col)
        styles: dict[int, str] = {}

        def style(f) -> str:
            if f is None:
                return ""
            if id(f) not in styles:
                styles[id(f)] = f' s="{f._get_xf_index()}"'
            return styles[id(f)]

        if isinstance(fmt, list):
            attrs = list(map({f: style(f) for f in set(fmt)}.__getitem__, fmt))
        else:
            attrs = [style(fmt)] * len(values)
        kinds = set(map(type, values))
        table, new = self._strings()
        if kinds <= {str, type(None)}:
            out = [
                f'<c r="{letter}{r}{s} t="s"><v>{table[v] if v in table else new(v)}</v></c>' if v is not None else ""
                for r, v, s in zip(rows, values, attrs)
            ]  # fmt: skip
            self.str_table.count += len(values) - values.count(None)
        elif kinds <= {int, float, type(None)}:
            out = [
                f'<c r="{letter}{r}{s}><v>{v:.16G}</v></c>' if v is not None and v - v == 0 else ""
                for r, v, s in zip(rows, values, attrs)
            ]  # not NaN nor infinite: those stay empty  # fmt: skip
        else:
            out = [self._cell(f"{letter}{r}", v, s, table, new) for r, v, s in zip(rows, values, attrs)]
        out.extend([""] * (height - len(out)))
        return out

    def _cell(self, ref: str, value: Any, s: str, table: dict, new) -> str:
        """One cell of a mixed column: ``ref`` ends with the reference's closing quote (``table``,
        ``new``: from :meth:`_strings`)."""
        kind = type(value)
        if value is None:
            return ""
        if kind is str:
            self.str_table.count += 1
            return f'<c r="{ref}{s} t="s"><v>{table[value] if value in table else new(value)}</v></c>'
        if kind is int or kind is float:
            return f'<c r="{ref}{s}><v>{value:.16G}</v></c>' if value - value == 0 else ""
        if isinstance(value, (dt.date, dt.datetime)):
            return f'<c r="{ref}{s}><v>{self._convert_date_time(value):.16G}</v></c>'
        raise TypeError(f"write_block: unsupported value {value!r} ({kind.__name__})")

    def _strings(self):
        """xlsxwriter's shared-string dictionary (text → index) and a function adding a text to
        it; the caller counts the cells (as xlsxwriter's ``count``)."""
        shared = self.str_table
        table = shared.string_table

        def new(text: str) -> int:
            index = table[text] = shared.unique_count
            shared.unique_count += 1
            return index

        return table, new

    def _write_rows(self) -> None:
        """xlsxwriter's own rows, with the bulk cells merged in, in row and column order, written
        as they are read back from the spill file.

        A bulk row xlsxwriter has no cell in, with at most a height, gets its tag from here
        (xlsxwriter's ``ht``/``customHeight``); the few others are merged with xlsxwriter's row."""
        if not self.blocks:
            super()._write_rows()
            return
        blocks = sorted(self.blocks, key=lambda b: (b.first, b.col))

        def ours_has(number: int) -> bool:
            return any(b.has(number) for b in blocks if b.first <= number <= b.last)

        heights: dict[int, float] = {}
        for row, info in list(self.row_info.items()):
            plain = info.height is not None and not (info.row_format or info.hidden or info.level or info.collapsed)
            if plain and not self.table.get(row) and ours_has(row + 1):
                heights[row + 1] = info.height
                del self.row_info[row]
        real, self.fh = self.fh, io.StringIO()
        try:
            super()._write_rows()
            theirs = self.fh.getvalue()
        finally:
            self.fh = real
        rows = {int(m.group(1)): m for m in _ROW.finditer(theirs)}
        descent = ' x14ac:dyDescent="0.25"' if self.excel_version == 2010 else ""  # as xlsxwriter's rows
        tall: dict[float, str] = {}  # a height's row attributes
        out: list[str] = []

        def row_xml(number: int, ours: list[tuple[int, str]] | None) -> str:
            match = rows.get(number)
            if ours is None:
                return match.group(0)
            if match:
                attributes = _SPANS.sub("", match.group(2))
                if match.group(3):
                    ours = ours + [(_column_index(c.group(1)), c.group(0)) for c in _CELL.finditer(match.group(3))]
            elif number in heights:
                height = heights[number]
                attributes = tall.get(height) or tall.setdefault(
                    height, f' ht="{height * 0.75:.16g}" customHeight="1"{descent}'
                )
            else:
                attributes = descent
            if len(ours) == 1:
                return f'<row r="{number}"{attributes}>{ours[0][1]}</row>'
            ours.sort(key=lambda item: item[0])
            return f'<row r="{number}"{attributes}>{"".join([cells for _, cells in ours])}</row>'

        theirs_left = sorted(rows)
        t = 0
        for number, ours in self._bulk_rows(blocks):
            while t < len(theirs_left) and theirs_left[t] < number:
                out.append(row_xml(theirs_left[t], None))
                t += 1
            if t < len(theirs_left) and theirs_left[t] == number:
                t += 1
            out.append(row_xml(number, ours))
            if len(out) >= READ_ROWS:
                real.write("".join(out))
                out.clear()
        out.extend(row_xml(number, None) for number in theirs_left[t:])
        real.write("".join(out))
        self.spill.close()
        self.spill, self.blocks = None, []

    def _bulk_rows(self, blocks: list[_Block]) -> Iterator[tuple[int, list[tuple[int, str]]]]:
        """(row number, [(first column, cells XML)]) of every bulk row, in row order: the blocks are
        read side by side (tables sharing rows) as a merge of their sorted rows."""
        streams = [((number, b.col, xml) for number, xml in b.rows(self.spill)) for b in blocks]
        current, cells = None, []
        for number, col, xml in heapq.merge(*streams):
            if number != current:
                if cells:
                    yield current, cells
                current, cells = number, []
            cells.append((col, xml))
        if cells:
            yield current, cells


class BulkSharedStrings(SharedStrings):
    """xlsxwriter's shared-string part, its strings written a few thousand at a time (a regular
    expression finds the rare ones needing more than the usual escapes). Text is never taken for a rich
    string: we write none, and xlsxwriter would copy a typed ``<r>…</r>`` raw into the XML."""

    def _write_sst_strings(self) -> None:
        out = []
        control = _CONTROL.search
        for i, text in enumerate(self.string_table.string_array, 1):
            if not i % READ_ROWS:  # written a few thousand at a time: memory never holds the part
                self.fh.write("".join(out))
                out.clear()
            if "_x" in text or control(text):
                text = self._escape_control_characters(text)
            text_ = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if text[:1].isspace() or text[-1:].isspace():
                out.append(f'<si><t xml:space="preserve">{text_}</t></si>')
            else:
                out.append(f"<si><t>{text_}</t></si>")
        self.fh.write("".join(out))


class BulkPackager(Packager):
    def _write_shared_strings_file(self) -> None:
        if not self.workbook.str_table.count:
            return
        sst = BulkSharedStrings()
        sst.string_table = self.workbook.str_table
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()


class BulkWorkbook(xlsxwriter.Workbook):
    """A workbook zipped at zlib level 1 instead of 6, for the large consolidated workbook:
    at GHT size (85 MB of XML) 0.3 s instead of 1.0 s, for a file a third larger; its shared
    strings written by :class:`BulkSharedStrings`."""

    def _get_packager(self) -> Packager:
        return BulkPackager()

    def _store_workbook(self) -> None:
        original = xlsxwriter.workbook.ZipFile
        xlsxwriter.workbook.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=ZIP_LEVEL)
        try:
            super()._store_workbook()
        finally:
            xlsxwriter.workbook.ZipFile = original
