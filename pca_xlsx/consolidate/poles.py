"""The pôle dashboards' figures: each service's status, then one row per pôle and the hospital's.

``service_status``: one row per service of the synthesis; ``pole_board``: one row per pôle, a row
« Hors pôle » (per establishment in a GHT) for what no pôle holds — the services of no pôle and the
gaps of no service (the DSI's, « Reprise SI insuffisante ») — then a last row ``pole`` = "" for the
whole hospital (or GHT): the sum of the rows above, so its gaps are the headline's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..core.words import counted
from ..format import add_months, months_before
from .common import to_date
from .coverage import process_counts, share
from .vital import per_service

#: The hospital row of ``pole_board``.
ALL = ""
#: The row of ``pole_board`` for what belongs to no pôle.
OUTSIDE = "Hors pôle"
#: Its name: what it holds.
DSI_GAPS = "écarts de la DSI (reprise SI insuffisante)"
STATUS_COLUMNS = [
    "code", "name", "pole", "pole_name", "establishment", "received", "unreadable", "validated_by", "validated_on", "signed",
    "errors", "processes", "covered", "tested", "coverage_pct", "tested_pct", "vital_unprotected", "gaps", "last_exercise",
    "exercised", "review_due", "review_overdue", "next_step",
]  # fmt: skip
BOARD_COUNTS = ["services", "received", "signed", "errors", "processes", "covered", "tested", "vital_unprotected",
                "gaps", "exercised", "review_overdue"]  # fmt: skip
BOARD_COLUMNS = ["establishment", "pole", "pole_name", *BOARD_COUNTS, "coverage_pct", "tested_pct"]


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _the(n: int, one: str, many: str, article: str = "les") -> str:
    """« l'erreur signalée » for one, « les 3 erreurs signalées » for more."""
    return one if n == 1 else f"{article} {n} {many}"


def next_step(row: dict) -> str:
    """What the service should do next, the most urgent first (French, one sentence)."""
    if not row["received"] and row.get("unreadable"):
        return (
            f"Renvoyer le classeur du service enregistré au format Excel (.xlsx) : {row['unreadable']} est illisible."
        )
    if not row["received"]:
        return "Envoyer le classeur du service à l'équipe PCA."
    if row["errors"]:
        errors = _the(row["errors"], "l'erreur signalée", "erreurs signalées")
        return f"Corriger {errors} dans la copie annotée du classeur."
    uncovered = row["processes"] - row["covered"]
    if not row["processes"]:
        return "Remplir la cartographie des processus (feuille Processus)."
    if row.get("vital_unprotected"):
        vital = _the(row["vital_unprotected"], "le processus vital non protégé", "processus vitaux non protégés")
        return f"Protéger {vital} (feuille Processus vitaux)."
    if uncovered:
        lines = _the(uncovered, "de la ligne", "lignes", "des")
        return f"Construire la parade {lines} de processus ni « Définie » ni « Testée »."
    if not row["signed"]:
        return "Faire valider le plan du service (« Validé par » et « Date de validation »)."
    if not row["exercised"]:
        return "Programmer un exercice : aucun exercice dans la périodicité."
    if row["review_overdue"]:
        return "Mettre à jour le classeur : la date de revue est passée."
    if row["gaps"]:
        gaps = _the(row["gaps"], "l'écart", "écarts")
        return f"Traiter {gaps} de la feuille Écarts."
    return "Plan à jour : le maintenir et préparer le prochain exercice."


def build_service_status(c, referential, today: dt.date, owners: dict[str, str] | None = None,
                         identity: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per service of ``c.synthesis`` (see ``STATUS_COLUMNS``); ``identity``: the validated
    ``service`` table (``_service`` and the Service sheet's keys), for the sign-off."""
    syn = c.synthesis
    owners = owners or {}
    identity = identity if identity is not None else pd.DataFrame()
    if not identity.empty:
        identity = identity.assign(code=identity["_service"].astype(str))
    counts = process_counts(c.details["processus"])
    register = per_service(c.vital_register)
    gaps = c.gaps.groupby("code").size() if not c.gaps.empty else pd.Series(dtype=int)
    ident = identity.drop_duplicates("code").set_index("code") if not identity.empty else pd.DataFrame()
    rows = []
    for s in syn.to_dict("records"):
        code = s["code"]
        who = _text(ident["validated_by"].get(code)) if "validated_by" in ident else ""
        when = to_date(ident["validated_on"].get(code)) if "validated_on" in ident else None
        updated = to_date(s.get("updated"))
        last = to_date(s.get("last_exercise"))
        n = counts.loc[code] if code in counts.index else None
        processes = int(n["processes"]) if n is not None else 0
        cov = int(n["covered"]) if n is not None else 0
        tested = int(n["tested"]) if n is not None else 0
        due = add_months(updated, referential.review_months) if updated else None
        row = {
            "code": code,
            "name": s["name"],
            "pole": s["pole"],
            "pole_name": s["pole_name"],
            "establishment": owners.get(code, ""),
            "received": bool(s["received"]),
            "unreadable": s.get("unreadable") or "",  # the files received that cannot be read
            "validated_by": who,
            "validated_on": when,
            "signed": bool(who and when),
            "errors": int(s["errors"]),
            "processes": processes,
            "covered": cov,
            "tested": tested,
            "coverage_pct": share(cov, processes),
            "tested_pct": share(tested, processes),
            "vital_unprotected": int(register.get(code, 0)),
            "gaps": int(gaps.get(code, 0)),
            "last_exercise": last,
            "exercised": bool(last and last >= months_before(today, referential.exercise_months)),
            "review_due": due,
            "review_overdue": bool(s["received"] and due is not None and due < today),
        }
        row["next_step"] = next_step(row)
        rows.append(row)
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def _board_row(part: pd.DataFrame, establishment: str, pole: str, pole_name: str) -> dict:
    row = {"establishment": establishment, "pole": pole, "pole_name": pole_name, "services": len(part)}
    for key in BOARD_COUNTS[1:]:
        row[key] = int(part[key].astype(int).sum()) if len(part) else 0
    row["coverage_pct"] = share(row["covered"], row["processes"])
    row["tested_pct"] = share(row["tested"], row["processes"])
    return row


def _outside_name(services: int, gaps: int, establishment: str) -> str:
    parts = ([f"{counted(services, 'service', 'services')} sans pôle"] if services else []) + (
        [DSI_GAPS] if gaps else []
    )
    text = " et ".join(parts)
    return f"{establishment} : {text}" if establishment else text[:1].upper() + text[1:]


def build_pole_board(status: pd.DataFrame, referential, total_name: str,
                     outside: dict[str, int] | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per pôle of the referential (and per pôle only seen in workbooks), the « Hors pôle » row of
    each establishment that has services of no pôle or gaps of no service (``outside``: establishment code
    → those gaps, "" outside a GHT), then the total row, the sum of them all."""
    outside = outside or {}
    poles = {str(p): (str(n), str(e or "")) for p, n, e in referential.poles[["code", "name", "establishment"]]
             .itertuples(index=False)}  # fmt: skip
    for pole, name in zip(status["pole"], status["pole_name"]):
        poles.setdefault(str(pole), (str(name), ""))
    names = dict(zip(referential.establishments["code"].astype(str), referential.establishments["name"].astype(str)))
    orphan = status["pole"].astype(str) == ""
    rows = [
        _board_row(status[status["pole"] == pole], owner, pole, name)
        for pole, (name, owner) in sorted(poles.items(), key=lambda item: (item[1][1], item[0]))
        if pole
    ]
    for owner in sorted(set(status.loc[orphan, "establishment"].astype(str)) | {e for e, n in outside.items() if n}):
        part = status[orphan & (status["establishment"].astype(str) == owner)]
        row = _board_row(part, owner, OUTSIDE, _outside_name(len(part), outside.get(owner, 0), names.get(owner, "")))
        row["gaps"] += outside.get(owner, 0)
        after = [i for i, r in enumerate(rows) if r["establishment"] == owner] if owner else []
        rows.insert(after[-1] + 1 if after else len(rows), row)  # after its establishment's pôles
    total = _board_row(status, "", ALL, total_name)
    total["gaps"] += sum(outside.values())
    rows.append(total)
    return pd.DataFrame(rows, columns=BOARD_COLUMNS)
