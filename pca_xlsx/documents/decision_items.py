"""The decisions page's figures beyond the telecom total: the IT recovery gaps by application, the
documents still to prepare, and the « Autre » telecom means listed by name (no unit cost to sum them);
and the note that tells the synthesis' three paper figures apart."""

from __future__ import annotations

import pandas as pd

from ..consolidate.reconcile import outage_total
from ..core.values import and_others, missing
from ..core.words import counted
from ..format.vocabulary import DOCUMENT_STATES, TELECOM_MEANS
from .recovery import _gaps as insufficient_recovery
from .text import DASH, integer, text

OTHER = TELECOM_MEANS[-1]  # Autre
TO_PREPARE = DOCUMENT_STATES[0]  # À préparer
#: Services named per line; the rest is counted.
MAX_CODES = 8


def _codes(codes) -> str:
    found = sorted({str(c) for c in codes if not missing(c)})
    shown = ", ".join(found[:MAX_CODES])
    return f"{shown}{and_others(len(found) - MAX_CODES)}" if len(found) > MAX_CODES else shown or DASH


def it_gaps(consolidation) -> list[dict]:
    """One line per application whose guaranteed restart or data loss falls short of what services need
    (in restart order), the services concerned named up to ``MAX_CODES``."""
    table = consolidation.recovery
    rows = insufficient_recovery(table.to_dict("records")) if isinstance(table, pd.DataFrame) and len(table) else []
    for r in rows:
        r["services"] = _codes(r["services"].split(", ")) if r["services"] != DASH else DASH
    return rows


def documents_to_print(consolidation) -> tuple[list[dict], dict]:
    """Per document type, the lines « À préparer » or without state: lines, copies, services; and the totals."""
    docs = consolidation.details.get("documents", pd.DataFrame())
    if docs.empty:
        return [], {"lignes": "0", "exemplaires": "0", "texte": "0 ligne, 0 exemplaire à imprimer"}
    todo = docs[docs["state"].isna() | (docs["state"] == TO_PREPARE)]
    copies = pd.to_numeric(todo["quantity"], errors="coerce").fillna(0)
    rows = []
    for kind, part in todo.assign(_n=copies).groupby(todo["type"].fillna("(type non précisé)"), sort=True):
        rows.append({"type": text(kind), "lignes": integer(len(part)), "exemplaires": integer(part["_n"].sum(), "0"),
                     "services": _codes(part["code"])})  # fmt: skip
    total = {"lignes": integer(len(todo), "0"), "exemplaires": integer(copies.sum(), "0")}
    return rows, {**total, "texte": f"{counted(len(todo), 'ligne')}, {counted(copies.sum(), 'exemplaire')} à imprimer"}


def paper_note(consolidation) -> str:
    """The three paper figures, each named for what it counts: the copies the services plan (every row of
    their Documents sheet), those still to prepare, and those to print beyond them to last until each service
    leaves paper (« Fin du papier », :func:`pca_xlsx.consolidate.outage.paper_until`)."""
    totals = consolidation.procurement.get("documents")
    planned = totals["total"].sum() if isinstance(totals, pd.DataFrame) and "total" in totals.columns else 0
    to_prepare = documents_to_print(consolidation)[1]["exemplaires"]
    return (
        f"Somme de la « Quantité à prévoir » de toutes les lignes de la feuille Documents, prêtes ou non : "
        f"{counted(planned, 'exemplaire')}, dont {to_prepare} encore à préparer (page des décisions). Pour "
        "tenir jusqu'à la fin du papier de chaque service sous cyberattaque généralisée : "
        f"{counted(outage_total(consolidation, 'print_end') or 0, 'exemplaire')} à imprimer en plus (consommation "
        "par jour × jours jusqu'à la fin du papier du service − quantité prévue, document par document ; feuille "
        "« Durée de la panne »)."
    )


def other_means(consolidation) -> list[dict]:
    """The telecom means « Autre » by name (their « Usage »), with the services and quantities asked."""
    telecom = consolidation.details.get("telecom", pd.DataFrame())
    if telecom.empty:
        return []
    rows = telecom[telecom["means"] == OTHER]
    quantity = pd.to_numeric(rows["quantity"], errors="coerce").fillna(0)
    out = []
    names = rows["usage"].map(lambda u: text(u, "sans précision"))
    for name, part in rows.assign(_q=quantity).groupby(names, sort=True):
        out.append({"moyen": f"{OTHER} : {name}", "besoin": integer(part["_q"].sum(), "0"),
                    "services": _codes(part["code"])})  # fmt: skip
    return out
