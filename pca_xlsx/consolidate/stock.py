"""Backup means per establishment (« Moyens de secours », DESIGN §3.1): own stock, shared stock allocated once.

A row with a « Code établissement » is that establishment's stock; a row without one is shared by the
GHT and allocated once between its establishments in proportion to their need (the services' Télécom
rows), by largest remainder, equally when none needs it. Each establishment's budget is computed on its
own stock plus its share, and the GHT's budget is the sum of its establishments' (so they add up).
"""

from __future__ import annotations

import pandas as pd

from ..format.service import TELECOM_MEANS
from .common import numbers
from .procurement import BUDGET_COLUMNS, telecom_budget

#: The rule, as the « Télécom » sheet of a GHT states it.
SHARED_RULE = (
    "Une ligne de « Moyens de secours » sans code établissement est un stock partagé par le GHT : il est "
    "réparti une seule fois entre les établissements, au prorata de leur besoin (au plus fort reste ; à parts "
    "égales si aucun n'en a besoin). Le budget du GHT est la somme de ceux de ses établissements."
)
#: How a GHT's « À acheter » is computed (:func:`ght_budget`), as every output of the GHT states it: not the
#: GHT's need minus its stock (a surplus is not lent), so it may exceed that difference.
GHT_BUY_RULE = (
    "À acheter = somme des manques de chaque établissement, moyen par moyen (besoin de ses services − son stock, "
    "jamais négatif) : un surplus dans un établissement ne couvre pas le manque d'un autre"
)
STOCK_COLUMNS = ["means", "stock", "unit_cost", "establishment"]


def _owner(value) -> str:
    return "" if value is None or value != value else str(value).strip()


def needs(telecom: pd.DataFrame, service: str, owners: dict[str, str]) -> dict[str, dict[str, int]]:
    """Establishment code → means → the quantity its services need (rows of a Télécom table whose
    service code is in column ``service``)."""
    if telecom is None or telecom.empty:
        return {}
    frame = pd.DataFrame(
        {
            "est": telecom[service].map(lambda c: owners.get(str(c), "")),
            "means": telecom["means"],  # canonical: validated
            "qty": pd.to_numeric(telecom["quantity"]).fillna(0),  # int or None: validated
        }
    )
    out: dict[str, dict[str, int]] = {}
    for (est, means), qty in frame.groupby(["est", "means"])["qty"].sum().items():
        out.setdefault(est, {})[means] = int(qty)
    return out


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` into integers summing to it (equal shares when all are 0)."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    exact = [total * w / sum(weights) for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def allocate(stock: pd.DataFrame, need: dict[str, dict[str, int]], codes: list[str]) -> dict[str, pd.DataFrame]:
    """Establishment code → its « Moyens de secours » rows: its own, then its share of each shared means."""
    frame = stock.reindex(columns=STOCK_COLUMNS) if stock is not None else pd.DataFrame(columns=STOCK_COLUMNS)
    frame = frame.dropna(subset=["means"])
    owner = frame["establishment"].map(_owner)
    out = {code: [r for r in frame[owner == code].to_dict("records")] for code in codes}
    shared = frame[owner == ""]
    held = numbers(shared["stock"]).fillna(0).groupby(shared["means"]).sum()
    cost = numbers(shared["unit_cost"]).groupby(shared["means"]).max()
    for means in held.index:
        parts = largest_remainder(int(held[means]), [need.get(c, {}).get(means, 0) for c in codes])
        for code, n in zip(codes, parts):
            out[code].append({"means": means, "stock": n, "unit_cost": cost.get(means), "establishment": code})
    return {code: pd.DataFrame(rows, columns=STOCK_COLUMNS) for code, rows in out.items()}


def _prices(stock: pd.DataFrame | None) -> pd.DataFrame:
    """The « Moyens de secours » rows with none held: each means' unit cost, for needs of no establishment."""
    frame = stock.reindex(columns=STOCK_COLUMNS) if stock is not None else pd.DataFrame(columns=STOCK_COLUMNS)
    return frame.dropna(subset=["means"]).assign(stock=0, establishment="")


def ght_budget(telecom: pd.DataFrame, stock: pd.DataFrame, owners: dict[str, str], codes: list[str]) -> pd.DataFrame:
    """The GHT's telecom budget: per means, the sum of its establishments' budgets (each on its own stock
    and share), plus the need of services of no establishment (no stock of their own)."""
    shares = allocate(stock, needs(telecom, "code", owners), codes)
    est = telecom["code"].map(lambda c: owners.get(str(c), ""))
    parts = [telecom_budget(telecom[est == code], shares[code]) for code in codes]
    orphans = telecom[est == ""]
    if len(orphans):  # no stock of their own, bought at the referential's unit costs
        parts.append(telecom_budget(orphans, _prices(stock)))
    every = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if every is None:
        return pd.DataFrame(columns=BUDGET_COLUMNS)
    sums = every.groupby("means", sort=False).agg(
        needed=("needed", "sum"), held=("held", "sum"), to_buy=("to_buy", "sum"), unit_cost=("unit_cost", "max"),
        cost=("cost", lambda s: s.sum() if s.notna().all() else float("nan")),
    )  # fmt: skip
    order = [m for m in TELECOM_MEANS if m in sums.index] + sorted(set(sums.index) - set(TELECOM_MEANS))
    out = sums.reindex(order).reset_index()
    for col in ("needed", "held", "to_buy"):
        out[col] = out[col].astype(int)
    return out[BUDGET_COLUMNS]
