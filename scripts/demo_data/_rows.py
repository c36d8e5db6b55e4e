"""Tiny helpers turning the compact tuples of the service modules into the row dicts of each sheet.

Each service module writes its tables as tuples in the column order of the workbook sheet, which
keeps the data close to what a referent types in Excel; these helpers add the keys and numbering.
"""

from __future__ import annotations

from typing import Any

Row = tuple[Any, ...]


def _table(keys: tuple[str, ...], rows: list[Row]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if len(row) != len(keys):
            raise ValueError(f"expected {len(keys)} values {keys}, got {len(row)}: {row!r}")
        out.append(dict(zip(keys, row)))
    return out


def maturity(rows: list[Row]) -> list[dict[str, Any]]:
    """(answer, comment) — one row per question, in questionnaire order."""
    return _table(("answer", "comment"), rows)


def applications(rows: list[Row]) -> list[dict[str, Any]]:
    """(resource, usage, dependency, tolerable, data_loss, degraded, comment); a row of six values
    (without the version-2 data loss) is read with ``data_loss`` empty."""
    keys = ("resource", "usage", "dependency", "tolerable", "data_loss", "degraded", "comment")
    return _table(keys, [row if len(row) != 6 else (*row[:4], None, *row[4:]) for row in rows])


def processes(rows: list[Row]) -> list[dict[str, Any]]:
    """(process, criticality, resource, workaround, interfaces, prerequisites, owner, status); N° = 1..n.

    ``interfaces``: the other services involved; ``v2.apply`` files them under relies_on or serves.
    """
    keys = ("process", "criticality", "resource", "workaround", "interfaces", "prerequisites", "owner", "status")
    return [{"number": i, **row} for i, row in enumerate(_table(keys, rows), start=1)]


def telecom(rows: list[Row]) -> list[dict[str, Any]]:
    """(means, quantity, usage)."""
    return _table(("means", "quantity", "usage"), rows)


def biomedical(rows: list[Row]) -> list[dict[str, Any]]:
    """(device, quantity, connected, offline, dependency, comment)."""
    return _table(("device", "quantity", "connected", "offline", "dependency", "comment"), rows)


def documents(rows: list[Row]) -> list[dict[str, Any]]:
    """(document, type, quantity, location, owner)."""
    return _table(("document", "type", "quantity", "location", "owner"), rows)


def reflex(rows: list[Row]) -> list[dict[str, Any]]:
    """(phase, action, who, when); step = 1..n."""
    return [{"step": i, **row} for i, row in enumerate(_table(("phase", "action", "who", "when"), rows), start=1)]


def exercises(rows: list[Row]) -> list[dict[str, Any]]:
    """(date, scenario, type, participants, result, actions)."""
    return _table(("date", "scenario", "type", "participants", "result", "actions"), rows)
