"""Totals to procure: telecom means, devices that do not work off-network, documents to print."""

from __future__ import annotations

import pandas as pd

from ..format import fold
from ..format.service import DOCUMENT_TYPES, OFF_NETWORK, TELECOM_MEANS
from ..format.tables import TABLES
from ..format.vocabulary import NOT_OFF_NETWORK, PARTLY_OFF_NETWORK
from .common import Directory


def by_pole(frame: pd.DataFrame, index: str, values: str, order: list[str], poles: list[str]) -> pd.DataFrame:
    """Rows ``order`` (then other values), columns ``total`` then one per pôle code; sums of ``values``."""
    qty = pd.to_numeric(frame[values], errors="coerce").fillna(0)
    data = pd.DataFrame({"index": frame[index].fillna("").astype(object), "pole": frame["pole"], "qty": qty})
    extra = sorted(set(data["index"]) - set(order) - {""})
    rows = list(order) + extra + (["(non renseigné)"] if (data["index"] == "").any() else [])
    data["index"] = data["index"].replace("", "(non renseigné)")
    table = data.pivot_table(index="index", columns="pole", values="qty", aggfunc="sum", fill_value=0)
    total = table.sum(axis=1)  # before keeping the known pôles: a service outside them still counts
    table = table.reindex(index=rows, columns=poles, fill_value=0).fillna(0)
    table.insert(0, "total", total.reindex(rows, fill_value=0))
    table = table.astype(int) if (table == table.round()).all().all() else table
    table.index.name = index
    table.columns.name = None
    return table


def devices_offline(bio: pd.DataFrame) -> pd.DataFrame:
    """Per device name (grouped case- and accent-insensitively): quantities not or partly working off-network."""
    columns = ["device", "offline_no", "offline_partial", "services"]
    if bio.empty:
        return pd.DataFrame(columns=columns)
    qty = pd.to_numeric(bio["quantity"], errors="coerce").fillna(0)
    frame = pd.DataFrame(
        {
            "fold": bio["device"].map(fold),
            "device": bio["device"].fillna(""),
            "offline_no": qty.where(bio["offline"] == NOT_OFF_NETWORK, 0),
            "offline_partial": qty.where(bio["offline"] == PARTLY_OFF_NETWORK, 0),
            "code": bio["code"],
        }
    )
    frame = frame[(frame["offline_no"] > 0) | (frame["offline_partial"] > 0)]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    out = frame.groupby("fold").agg(
        device=("device", "first"),
        offline_no=("offline_no", "sum"),
        offline_partial=("offline_partial", "sum"),
        services=("code", lambda s: sorted(set(s))),
    )
    out = out.sort_values(["offline_no", "offline_partial", "device"], ascending=[False, False, True])
    return out.reset_index(drop=True).astype({"offline_no": int, "offline_partial": int})[columns]


def build_procurement(details: dict[str, pd.DataFrame], people: Directory, stock=None) -> dict[str, pd.DataFrame]:
    """``stock``: the referential's « Moyens de secours » (means, stock, unit_cost)."""
    poles = sorted(set(people.pole_names))
    bio = details["biomedical"]
    stock = stock if stock is not None else pd.DataFrame(columns=["means", "stock", "unit_cost"])
    return {
        "telecom": by_pole(details["telecom"], "means", "quantity", list(TELECOM_MEANS), poles),
        "telecom_budget": telecom_budget(details["telecom"], stock),
        "biomedical": by_pole(bio, "offline", "quantity", list(OFF_NETWORK), poles),
        "biomedical_devices": devices_offline(bio),
        "documents": by_pole(details["documents"], "type", "quantity", list(DOCUMENT_TYPES), poles),
    }


BUDGET_COLUMNS = TABLES["budget_telecom"].keys
#: How « À acheter » is computed in one establishment, as every output states it (a GHT's:
#: :data:`pca_xlsx.consolidate.stock.GHT_BUY_RULE`).
BUY_RULE = "À acheter = besoin des services − stock détenu, moyen par moyen (jamais négatif)"


def telecom_budget(telecom: pd.DataFrame, stock: pd.DataFrame) -> pd.DataFrame:
    """Per means: needed (the services' Télécom rows), held (referential « Moyens de secours »),
    to buy = max(0, needed − held), cost = to buy × unit cost (NaN when the cost is unknown).

    Rows: every means needed or held, in the Télécom list's order."""
    needed = pd.to_numeric(telecom["quantity"], errors="coerce").fillna(0).groupby(telecom["means"]).sum()
    rows = stock.dropna(subset=["means"]) if len(stock) else stock
    held = pd.to_numeric(rows["stock"], errors="coerce").fillna(0).groupby(rows["means"]).sum()
    cost = pd.to_numeric(rows["unit_cost"], errors="coerce").groupby(rows["means"]).max()
    names = set(needed[needed > 0].index) | set(held[held > 0].index)
    order = [m for m in TELECOM_MEANS if m in names] + sorted(names - set(TELECOM_MEANS))
    out = pd.DataFrame({"means": pd.Series(order, dtype=object)})
    out["needed"] = [int(needed.get(m, 0)) for m in order]
    out["held"] = [int(held.get(m, 0)) for m in order]
    out["to_buy"] = (out["needed"] - out["held"]).clip(lower=0).astype(int)
    out["unit_cost"] = [float(cost[m]) if m in cost and cost[m] == cost[m] else float("nan") for m in order]
    out["cost"] = (out["to_buy"] * out["unit_cost"]).where(out["to_buy"] > 0, 0.0)
    return out[BUDGET_COLUMNS]
