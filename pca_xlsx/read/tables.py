"""Excel Tables (Insertion › Tableau): the rows of their total row, which are not data.

Read from the zip as text (the file already passed :mod:`.safety`): each ``xl/tables/tableN.xml``
with ``totalsRowCount`` gives the last rows of its ``ref``; the sheet holding it is found through
the worksheets' relationships and the workbook's sheet list.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..findings import WARNING, Finding, finding, rule

rule(
    "ligne-total-ignoree",
    WARNING,
    "La ligne {line} est la ligne de total du tableau Excel « {table} » : elle n'est pas lue (ce n'est pas une "
    "ligne de données).",
    "Ligne de total ignorée",
)

_SHEET = re.compile(r'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                  r'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')  # fmt: skip
_TABLE = re.compile(r"<table\b[^>]*>")
_REF = re.compile(r'\bref="\$?[A-Z]+\$?\d+:\$?([A-Z]+)\$?(\d+)"')
_TOTALS = re.compile(r'\btotalsRowCount="(\d+)"')
_NAME = re.compile(r'\bdisplayName="([^"]*)"')
_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def _rels(text: str) -> dict[str, str]:
    out = {}
    for a, b, c, d in _REL.findall(text):
        out[a or d] = b or c
    return out


def _part(base: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    stack = base.split("/")
    for piece in target.split("/"):
        if piece == "..":
            stack = stack[:-1]
        elif piece and piece != ".":
            stack.append(piece)
    return "/".join(stack)


def total_rows(path: Path) -> dict[str, list[tuple[str, int]]]:
    """Sheet title → (table name, Excel row) of every total row of its Excel Tables; {} when none."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not any(n.startswith("xl/tables/") for n in names):
                return {}
            read = lambda name: archive.read(name).decode("utf-8", "replace")  # noqa: E731
            rels = _rels(read("xl/_rels/workbook.xml.rels"))
            out: dict[str, list[tuple[str, int]]] = {}
            for title, rid in _SHEET.findall(read("xl/workbook.xml")):
                sheet = _part("xl", rels.get(rid, ""))
                folder, _, file = sheet.rpartition("/")
                sheet_rels = f"{folder}/_rels/{file}.rels"
                if sheet_rels not in names:
                    continue
                for target in _rels(read(sheet_rels)).values():
                    table = _part(folder, target)
                    if not table.startswith("xl/tables/") or table not in names:
                        continue
                    head = _TABLE.search(read(table))
                    totals = _TOTALS.search(head.group(0)) if head else None
                    ref = _REF.search(head.group(0)) if head else None
                    if not totals or not ref or int(totals.group(1)) < 1:
                        continue
                    last, name = int(ref.group(2)), _NAME.search(head.group(0))
                    shown = re.sub(r"&\w+;", lambda m: _UNESCAPE.get(m.group(0), m.group(0)), title)
                    for row in range(last - int(totals.group(1)) + 1, last + 1):
                        out.setdefault(shown, []).append((name.group(1) if name else "", row))
            return out
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return {}


def drop_totals(sheet, rows: list[tuple[str, int]], file: str) -> list[Finding]:
    """Remove the total rows from a sheet read (``SheetData``); one warning per table."""
    out = []
    for table, row in rows:
        if row in sheet.row_numbers:
            i = sheet.row_numbers.index(row)
            del sheet.rows[i], sheet.row_numbers[i]
            letter = sheet.letters.get(sheet.spec.keys[0], "A")
            out.append(finding("ligne-total-ignoree", file, sheet.title, f"{letter}{row}", line=row, table=table))
    return out
