"""A GHT run (DESIGN §4.1): one establishment's share of a run, and the GHT-wide tables.

:meth:`pca_xlsx.plan.Plan.cut` filters a validated run down to one establishment, so that the
ordinary consolidation and writers make that establishment's own workbook and documents.
:func:`build_establishments` and
:func:`build_cross_reliances` are the GHT's own tables, from the same service status.
"""

from __future__ import annotations

import pandas as pd

from ..format.tables import TABLES
from .coverage import share

EST_COLUMNS = ["code", "name", "finess", "share", "services", "received", "signed", "errors", "processes", "covered",
               "tested", "coverage_pct", "tested_pct", "gaps", "exercised"]  # fmt: skip
CROSS_COLUMNS = TABLES["ght_interfaces"].keys


def owners(result) -> dict[str, str]:
    """Service code → establishment code for every service of the run ({} outside a GHT): see
    :meth:`pca_xlsx.plan.Plan.owners`."""
    return result.owners()


def _sum_row(part: pd.DataFrame) -> dict:
    keys = ["received", "signed", "errors", "processes", "covered", "tested", "gaps", "exercised"]
    row = {"services": len(part), **{k: int(part[k].astype(int).sum()) for k in keys}}
    row["coverage_pct"] = share(row["covered"], row["processes"])
    row["tested_pct"] = share(row["tested"], row["processes"])
    return row


def build_establishments(status: pd.DataFrame, referential) -> pd.DataFrame:
    """One row per establishment of the GHT (then, if any, the services of no establishment), summed from ``status``."""
    rows = []
    for est in referential.establishments.to_dict("records"):
        code = str(est["code"])
        rows.append({"code": code, "name": est["name"], "finess": est.get("finess"), "share": est.get("share"),
                     **_sum_row(status[status["establishment"] == code])})  # fmt: skip
    orphans = status[status["establishment"] == ""]
    if len(orphans):
        rows.append({"code": "", "name": "Sans établissement", "finess": None, "share": None, **_sum_row(orphans)})
    return pd.DataFrame(rows, columns=EST_COLUMNS)


def build_cross_reliances(edges: pd.DataFrame, mapping: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """Interface edges between services of two different establishments."""
    if edges.empty or not mapping:
        return pd.DataFrame(columns=CROSS_COLUMNS)
    rows = []
    for e in edges.to_dict("records"):
        a, b = mapping.get(str(e["code"]), ""), mapping.get(str(e["depends_on"]), "")
        if a and b and a != b:
            rows.append({**{k: e.get(k) for k in CROSS_COLUMNS}, "establishment": names.get(a, a),
                         "depends_on_establishment": names.get(b, b)})  # fmt: skip
    return pd.DataFrame(rows, columns=CROSS_COLUMNS)


#: Procurement tables whose pôle columns a GHT's workbook shows per establishment instead.
PROCUREMENT_KEYS = ("telecom", "biomedical", "documents")


def procurement_by_establishment(procurement: dict[str, pd.DataFrame], referential) -> dict[str, pd.DataFrame]:
    """The same totals with one column per establishment code instead of one per pôle (each establishment's
    own workbook keeps its pôles): a GHT's sheets stay a few dozen columns wide whatever its number of pôles."""
    owner = {str(p): str(e or "") for p, e in zip(referential.poles["code"], referential.poles["establishment"])}
    codes = [str(c) for c in referential.establishments["code"]]
    out = dict(procurement)
    for key in PROCUREMENT_KEYS:
        table = procurement.get(key)
        if table is None or "total" not in table.columns:
            continue
        parts = table.drop(columns="total")
        grouped = parts.T.groupby(lambda pole: owner.get(str(pole), "")).sum().T
        grouped = grouped.reindex(columns=codes, fill_value=0)
        grouped.insert(0, "total", table["total"])
        grouped.columns.name = None
        out[key] = grouped
    return out
