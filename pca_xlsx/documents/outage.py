"""The « Durée de la panne » section of a service's summary sheet and crisis binder: under the
generalised cyber attack, when each of its resources comes back, its paper autonomy, the copies to
print, the records to re-key. Every figure comes from ``Consolidation.outage`` and ``.cyber``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..format.vocabulary import VITAL
from .text import DASH, integer, text

if TYPE_CHECKING:  # annotations only: the context module imports this one
    from .context import Sources


def decimal(value, default: str = DASH) -> str:
    """A number to a tenth, French style: ``12,5`` (``12`` when whole)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return default
    number = round(float(value), 1)
    shown = f"{number:,.1f}".replace(",", "\u202f").replace(".", ",")
    return shown[:-2] if shown.endswith(",0") else shown


def day(value, default: str = DASH) -> str:
    return f"J+{int(value)}" if value is not None and not pd.isna(value) else default


def outage_context(sources: Sources, code: str) -> dict:
    """``panne``: the service's outage (empty dict when the consolidation has none)."""
    cons = sources.consolidation
    outage, cyber = getattr(cons, "outage", None), getattr(cons, "cyber", None)
    if outage is None or cyber is None:
        return {"panne": {}}
    summary = next(iter(sources.rows_of(outage.services, code)), None)
    if summary is None:
        return {"panne": {}}
    processes = sources.rows_of(outage.processes, code)
    back: dict[str, dict] = {}
    for p in processes:
        if p["days"] is None or pd.isna(p["days"]):
            continue
        entry = back.setdefault(p["resource"], {"jour": int(p["days"]), "vitaux": 0, "processus": 0})
        entry["processus"] += 1
        entry["vitaux"] += p["criticality"] == VITAL
    resources = [
        {"ressource": name, "retour": day(e["jour"]), "jours": integer(e["jour"]),
         "processus": integer(e["processus"]), "vitaux": integer(e["vitaux"])}
        for name, e in sorted(back.items(), key=lambda kv: (kv[1]["jour"], kv[0]))
    ]  # fmt: skip
    documents = [
        {"document": text(d["document"]), "stock": integer(d["stock"]), "conso": integer(d["consumption"]),
         "autonomie": decimal(d["autonomy"], "non consommé"), "j7": integer(d["print_7"]),
         "j21": integer(d["print_21"]), "jfin": integer(d["print_end"]),
         "court": d["autonomy"] is not None and not pd.isna(d["autonomy"]) and d["autonomy"] < 7}
        for d in sources.rows_of(outage.documents, code)
    ]  # fmt: skip
    rekey = [
        {"ressource": text(r["resource"]), "retour": day(r["back"]), "enregistrements": integer(r["records"]),
         "heures": decimal(r["hours"]), "processus": text(r["processes"])}
        for r in sorted(sources.rows_of(outage.rekey, code), key=lambda r: (r["back"], r["resource"]))
    ]  # fmt: skip
    return {
        "panne": {
            "investigation": day(cyber.investigation),
            "jours": day(summary["paper_days"]),
            "jours_vitaux": day(summary["vital_paper_days"]),
            "enregistrements": integer(summary["records"]),
            "heures": decimal(summary["hours"]),
            "autonomie": decimal(summary["autonomy"], "—"),
            "document_court": text(summary["autonomy_document"]),
            "j7": integer(summary["print_7"]),
            "j21": integer(summary["print_21"]),
            "jfin": integer(summary["print_end"]),
            "fin_papier": day(summary["until"]),
            "fin_motif": "dernière application du service rétablie"
            if summary["paper_days"] is not None and not pd.isna(summary["paper_days"])
            else "aucun processus touché : retour de la dernière ressource du plan de reprise du SI",
            "moyens": text(summary["devices_text"], "aucun recensé"),
            "minutes": decimal(outage.minutes),
            "ressources": resources,
            "documents": documents,
            "ressaisie": rekey,
        }
    }
