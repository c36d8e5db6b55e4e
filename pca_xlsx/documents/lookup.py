"""One service's rows of a whole table, found without scanning the table.

A document context reads a few rows of several hospital-wide tables for its service; filtering
``frame[frame["code"] == code]`` for each service costs every row of the table each time, so N services
cost N × rows. :class:`Lookup` indexes a table's column once, the first time a process asks (contexts are
built in worker processes), then gives the rows of a value in the table's order, exactly the rows and
order the filter gave, in O(rows found).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..core.index import positions

#: No row.
NONE = np.array([], dtype=np.intp)


class Lookup:
    """Rows of a table by the value of one column, each (table, column) indexed once.

    The index holds the table, so the table lives as long as its index (its ``id`` is never reused
    meanwhile); tables must not change after their first lookup (the documents only read them)."""

    def __init__(self) -> None:
        self._indexes: dict[tuple[int, str, bool], tuple[pd.DataFrame, dict[Any, np.ndarray]]] = {}

    def index(self, frame: pd.DataFrame, column: str, as_text: bool = False) -> dict[Any, np.ndarray]:
        """Value of ``column`` (as ``astype(str)`` gives it with ``as_text``) → row positions."""
        key = (id(frame), column, as_text)
        found = self._indexes.get(key)
        if found is None or found[0] is not frame:
            values = frame[column].astype(str) if as_text else frame[column]
            found = self._indexes[key] = (frame, positions(values.tolist()))
        return found[1]

    def _found(self, frame: Any, value: Any, column: str, as_text: bool) -> np.ndarray:
        if not isinstance(frame, pd.DataFrame) or column not in frame.columns or frame.empty:
            return NONE
        return self.index(frame, column, as_text).get(value, NONE)

    def frame(self, frame: pd.DataFrame, value: Any, column: str = "code", as_text: bool = False) -> pd.DataFrame:
        """The rows of ``frame`` where ``column`` equals ``value``, in the frame's order
        (``frame[frame[column] == value]``; no row when the column is missing)."""
        return frame.take(self._found(frame, value, column, as_text))

    def frame_of_any(self, frame: pd.DataFrame, values: Iterable[Any], column: str = "code") -> pd.DataFrame:
        """The rows of ``frame`` where ``column`` is one of ``values``, in the frame's order
        (``frame[frame[column].isin(values)]``)."""
        found = [self._found(frame, v, column, False) for v in set(values)]
        return frame.take(np.sort(np.concatenate(found)) if found else NONE)

    def records(self, frame: Any, value: Any, column: str = "code", as_text: bool = False) -> list[dict]:
        """The rows of :meth:`frame` as records (``to_dict("records")``); [] when ``frame`` is not a table."""
        found = self._found(frame, value, column, as_text)
        return frame.take(found).to_dict("records") if len(found) else []


class Records:
    """A table's rows as records (``to_dict("records")``), made only for the rows asked: the table's columns
    are held as arrays (an object or number column as it is: no copy)."""

    def __init__(self, frame: pd.DataFrame | None) -> None:
        frame = frame if isinstance(frame, pd.DataFrame) else pd.DataFrame()
        self.names = list(frame.columns)
        self.values = [_array(frame.iloc[:, i]) for i in range(frame.shape[1])]

    def at(self, where: Any) -> list[dict]:
        """The records of rows ``where`` (positions), in that order."""
        columns = [v[where] if v.dtype == object else v[where].tolist() for v in self.values]  # numbers: Python's
        names = self.names
        return [dict(zip(names, row)) for row in zip(*columns)]


class Grouped:
    """Rows of one or more tables by a key, as records made when a key is asked (the last key's are kept):
    ``get(key)`` gives the rows in the order they were added (a table's in its order, a row added twice
    under a key given twice), or, with ``by``, a dictionary of those rows by the text of their column ``by``
    (keys in the order of first appearance) — like the dictionaries of records it replaces, without a
    dictionary per row of a GHT's tables."""

    def __init__(self, by: str | None = None) -> None:
        self.by = by
        self._where: dict[str, list[tuple[Records, np.ndarray]]] = {}
        self._last: tuple[Any, Any] = (None, None)

    def add(self, records: Records, keys: list[str], rows: np.ndarray | None = None) -> None:
        """Add rows ``rows`` of ``records`` (default: every row), row ``rows[i]`` under ``keys[i]``."""
        rows = np.arange(len(keys), dtype=np.intp) if rows is None else rows
        for key, where in positions(keys).items():
            found = self._where.setdefault(key, [])
            if found and found[-1][0] is records:  # the same table again: merged in its order
                found[-1] = (records, np.sort(np.concatenate([found[-1][1], rows[where]]), kind="stable"))
            else:
                found.append((records, rows[where]))
        self._last = (None, None)

    def keys(self) -> list[str]:
        """The keys that have rows, in the order first added."""
        return list(self._where)

    def get(self, key: Any, default: Any = None) -> Any:
        if key not in self._where:
            return default
        if self._last[0] != key:
            rows = [row for records, where in self._where[key] for row in records.at(where)]
            if self.by is not None:
                grouped: dict[str, list[dict]] = {}
                for row in rows:
                    grouped.setdefault(str(row[self.by]), []).append(row)
                rows = grouped
            self._last = (key, rows)
        return self._last[1]


def _array(column: pd.Series) -> np.ndarray:
    """A column as an array :meth:`Records.at` reads: the column's own when it holds Python objects or numpy
    numbers (``tolist`` makes them Python's, as ``to_dict`` does), else its values as ``to_dict`` gives them
    (``Timestamp``…) in an object array."""
    if column.dtype == object or (isinstance(column.dtype, np.dtype) and column.dtype.kind in "iufb"):
        return column.to_numpy()
    out = np.empty(len(column), dtype=object)
    out[:] = column.tolist()
    return out


__all__ = ["Grouped", "Lookup", "Records"]
