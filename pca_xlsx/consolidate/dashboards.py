"""Pôle dashboards, national requirements and, in a GHT, the establishments' tables of a consolidation."""

from __future__ import annotations

import datetime as dt

from .ght import build_cross_reliances, build_establishments, owners, procurement_by_establishment
from .ght_gaps import HOLDER
from .national import build_national
from .poles import build_pole_board, build_service_status


def _dsi_gaps(c, codes) -> list[int]:
    """Per establishment code: the gaps of no service (the DSI's) it holds (:mod:`.ght_gaps`)."""
    raw = c.gaps_raw
    if raw is None or HOLDER not in raw.columns:
        return [0] * len(codes)
    held = raw[raw["code"].astype(str) == ""][HOLDER].value_counts()
    return [int(held.get(str(code), 0)) for code in codes]


def _outside_gaps(c, codes) -> dict[str, int]:
    """Establishment code → the gaps of no service it holds ("" outside a GHT, and for any none holds)."""
    held = dict(zip([str(code) for code in codes], _dsi_gaps(c, codes)))
    held[""] = int((c.gaps["code"].astype(str) == "").sum()) - sum(held.values()) if len(c.gaps) else 0
    return held


def add_dashboards(c, result, today: dt.date) -> None:
    """Fill ``c.service_status``, ``c.pole_board``, ``c.national``, ``c.establishments`` and ``c.cross_reliances``;
    in a GHT, ``c.procurement`` totals per establishment rather than per pôle."""
    ref = result.referential
    mapping = owners(result)
    c.service_status = build_service_status(c, ref, today, mapping, result.tables.get("service"))
    codes = ref.establishments["code"] if mapping else []
    c.pole_board = build_pole_board(c.service_status, ref, c.establishment, _outside_gaps(c, codes))
    over_100 = any(f.code == "parts-activite-excessives" for f in getattr(ref, "findings", []))
    actions = result.tables.get("plan_actions")
    c.national = build_national(c.service_status, ref, c.details["exercices"], actions, today, over_100)
    if mapping:
        c.establishments = build_establishments(c.service_status, ref)
        c.establishments["gaps"] += _dsi_gaps(c, c.establishments["code"])
        names = {str(k): str(v) for k, v in zip(ref.establishments["code"], ref.establishments["name"])}
        c.cross_reliances = build_cross_reliances(c.interfaces, mapping, names)
        c.procurement = procurement_by_establishment(c.procurement, ref)
        c.procurement_columns = "Établissement"
