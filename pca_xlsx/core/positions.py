"""Cell positions: column letters and ``A1`` addresses, parsed and formatted in one place."""

from __future__ import annotations

import functools
import re

_ADDRESS = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def column_letter(index: int) -> str:
    """0-based column index to Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters to a 0-based column index (A -> 0)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def address(column: str | int, row: int | None) -> str:
    """``F12`` from a column (letters or 0-based index) and a 1-based row; "" when either is unknown."""
    letters = column_letter(column) if isinstance(column, int) else column
    return f"{letters}{row}" if letters and row else ""


def parse_address(cell: str) -> tuple[str, int] | None:
    """``"F12"`` -> ``("F", 12)``; None when ``cell`` is not a single cell address."""
    match = _ADDRESS.fullmatch((cell or "").strip())
    return (match.group(1).upper(), int(match.group(2))) if match else None


def row_of(cell: str) -> int | None:
    """Row of an address, or of the last cell of an area (``B4:C6`` -> 6); None when there is none."""
    parsed = parse_address((cell or "").rpartition(":")[2])
    return parsed[1] if parsed else None


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand addresses come back for every finding
def cell_sort_key(cell: str) -> tuple[int, int]:
    """Row then column of an address, for reading order; (0, 0) when there is none."""
    parsed = parse_address(cell)
    return (parsed[1], column_index(parsed[0]) + 1) if parsed else (0, 0)
