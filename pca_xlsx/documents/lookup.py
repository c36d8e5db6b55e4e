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
    are held as arrays (an object or number column as it is: no copy). With ``by``: ``get(value, [])``
    gives the rows where column ``by`` (as text) is ``value``, like a dictionary of lists."""

    def __init__(self, frame: pd.DataFrame | None, by: str | None = None) -> None:
        frame = frame if isinstance(frame, pd.DataFrame) else pd.DataFrame()
        self.names = list(frame.columns)
        self.values = [_array(frame.iloc[:, i]) for i in range(frame.shape[1])]
        self.index = positions([str(v) for v in frame[by].tolist()]) if by and by in frame.columns else {}

    def at(self, where: Any) -> list[dict]:
        """The records of rows ``where`` (positions), in that order."""
        columns = [v[where] if v.dtype == object else v[where].tolist() for v in self.values]  # numbers: Python's
        names = self.names
        return [dict(zip(names, row)) for row in zip(*columns)]

    def get(self, value: Any, default: Any = None) -> Any:
        where = self.index.get(value)
        return default if where is None else self.at(where)


def _array(column: pd.Series) -> np.ndarray:
    """A column as an array :meth:`Records.at` reads: the column's own when it holds Python objects or numpy
    numbers (``tolist`` makes them Python's, as ``to_dict`` does), else its values as ``to_dict`` gives them
    (``Timestamp``…) in an object array."""
    if column.dtype == object or (isinstance(column.dtype, np.dtype) and column.dtype.kind in "iufb"):
        return column.to_numpy()
    out = np.empty(len(column), dtype=object)
    out[:] = column.tolist()
    return out


__all__ = ["Lookup", "Records"]
