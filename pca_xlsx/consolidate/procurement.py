"""Totals to procure: telecom means, devices that do not work off-network, documents to print."""

from __future__ import annotations

import pandas as pd

from ..format import fold
from ..format.service import DOCUMENT_TYPES, OFF_NETWORK, TELECOM_MEANS
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
            "offline_no": qty.where(bio["offline"] == "Non", 0),
            "offline_partial": qty.where(bio["offline"] == "Partiellement", 0),
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


def build_procurement(details: dict[str, pd.DataFrame], people: Directory) -> dict[str, pd.DataFrame]:
    poles = sorted(set(people.pole_names))
    bio = details["biomedical"]
    return {
        "telecom": by_pole(details["telecom"], "means", "quantity", list(TELECOM_MEANS), poles),
        "biomedical": by_pole(bio, "offline", "quantity", list(OFF_NETWORK), poles),
        "biomedical_devices": devices_offline(bio),
        "documents": by_pole(details["documents"], "type", "quantity", list(DOCUMENT_TYPES), poles),
    }
