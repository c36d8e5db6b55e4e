"""The action plan: the services' « Plan d'actions » rows and the exercises' corrective actions,
late ones first; each gap takes the owner, due date and status of the action that references it.

An action references a gap when it belongs to the same service and its « Référence » is the
gap's process N° or exercise date (``reference`` column of the gaps).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..core.values import clean_text, missing, to_date
from ..format.tables import TABLES
from ..format.vocabulary import ACTION_ORIGINS, ACTION_STATUSES

DONE = ACTION_STATUSES[2]  # Fait
TODO = ACTION_STATUSES[0]  # À faire
EXERCISE = ACTION_ORIGINS[1]  # Exercice
LATE = "En retard"
NO_ACTION = "Aucune action"
PLAN_COLUMNS = [*TABLES["plan_actions"].keys, "from_plan"]


def ref_key(value) -> str:
    """« Référence » as compared: a date as dd/mm/yyyy, a number without decimals, text stripped."""
    if missing(value):
        return ""
    day = to_date(value)
    if day is not None:
        return f"{day:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def build_action_plan(details: dict[str, pd.DataFrame], today: dt.date) -> pd.DataFrame:
    """Every action of every service, then the exercises' corrective actions no action covers."""
    rows = []
    plan = details.get("plan_actions", pd.DataFrame())
    covered = set()
    for r in plan.to_dict("records"):
        due = to_date(r.get("due"))
        ref = ref_key(r.get("reference"))
        if r.get("origin") == EXERCISE and ref:
            covered.add((r["code"], ref))
        rows.append(_row(r, r.get("action"), r.get("origin"), ref, r.get("owner"), due, r.get("status"), today, True))
    exercises = details["exercices"]
    for r in exercises.to_dict("records"):
        actions = clean_text(r.get("actions"))
        ref = ref_key(r.get("date"))
        if not actions or (r["code"], ref) in covered:
            continue
        rows.append(_row(r, actions, EXERCISE, ref, None, None, TODO, today, False))
    out = pd.DataFrame(rows, columns=[*PLAN_COLUMNS, "_due"])
    if out.empty:
        return out[PLAN_COLUMNS]
    out["_late"] = (out["late"] != LATE).astype(int)
    out["_done"] = (out["status"] == DONE).astype(int)
    out["_nodue"] = out["_due"].isna().astype(int)
    out["_due"] = out["_due"].fillna(dt.date.max)
    out = out.sort_values(["_late", "_done", "_nodue", "_due", "code"], kind="stable")
    return out[PLAN_COLUMNS].reset_index(drop=True)


def _row(r: dict, action, origin, ref: str, owner, due, status, today: dt.date, from_plan: bool) -> dict:
    status = clean_text(status) or TODO
    return {
        "late": LATE if due is not None and due < today and status != DONE else "",
        "code": r.get("code"),
        "name": r.get("name"),
        "pole_name": r.get("pole_name"),
        "action": clean_text(action),
        "origin": clean_text(origin),
        "reference": ref,
        "owner": clean_text(owner),
        "due": due,
        "status": status,
        "source": r.get("source"),
        "from_plan": from_plan,
        "_due": due,
    }


def assign_actions(gaps: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """Gaps with ``owner``, ``due`` and ``action_status`` of the service's Plan d'actions row
    referencing them (an open action before a done one), « Aucune action » otherwise."""
    out = gaps.copy()
    found: dict[tuple[str, str], dict] = {}
    for r in plan[plan["from_plan"]].to_dict("records") if len(plan) else []:
        key = (r["code"], r["reference"])
        if r["reference"] and (key not in found or found[key]["status"] == DONE != r["status"]):
            found[key] = r
    hits = [found.get((c, ref)) if ref else None for c, ref in zip(out["code"], out["reference"])]
    out["owner"] = [h["owner"] if h else "" for h in hits]
    out["due"] = [h["due"] if h else None for h in hits]
    out["action_status"] = [h["status"] if h else NO_ACTION for h in hits]
    return out
