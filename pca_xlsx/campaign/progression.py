"""Progress across runs: one record per consolidating run, kept in ``etat/campagne.json``.

The ``Progression`` sheet shows one row per run (date, services received, complete, without error,
errors, coverage, vital processes not protected) and one row per service with its status at each
run. Figures are the run's own: received and coverage are the consolidation's headline figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..write.progression_sheet import RUN_COLUMNS
from .tracking import Campaign, french_date, next_state

#: Runs shown as columns of the per-service table (the most recent); the runs table has them all.
STATUS_RUNS = 12


def vital_not_protected(consolidation) -> int:
    """Vital processes not protected at this run: the headline figure, read from the register of vital
    processes not yet protected (:mod:`pca_xlsx.consolidate.vital`)."""
    return int(consolidation.headline.vital_unprotected)


def statuses(result, campaign: Campaign) -> dict[str, str]:
    """Service code → its status at this run, as the validation report's ``Résumé`` gives it (a service with a
    readable workbook and an unreadable file too: the readable one's)."""
    from ..validate.summary import STATUS, UNREADABLE, service_rows

    out: dict[str, str] = {}
    for row in service_rows(result.report, result.referential, result.workbooks, {}, campaign):
        if row[0] and out.get(row[0], UNREADABLE) == UNREADABLE:
            out[row[0]] = row[STATUS]
    return out


def record(result, consolidation, campaign: Campaign) -> dict:
    """This run's record (figures and each service's status and errors)."""
    from ..validate.summary import NO_ERROR, RECEIVED_COMPLETE

    status = statuses(result, campaign)
    h = consolidation.headline
    return {
        "at": campaign.now.isoformat(),
        "received": int(h.received),
        "complete": sum(s in RECEIVED_COMPLETE for s in status.values()),
        "validated": sum(s == NO_ERROR for s in status.values()),  # the key of earlier states
        "errors": len(result.report.errors),
        "coverage": None if h.coverage is None or h.coverage != h.coverage else round(float(h.coverage), 1),
        "vital": vital_not_protected(consolidation),
        "statuses": status,
        "errors_by_service": {code: e["errors"] for code, e in campaign.current.items()},
    }


@dataclass
class Progression:
    runs: pd.DataFrame
    services: pd.DataFrame
    #: Headers of ``services``' run columns (« 06/12/2026 11:22 »).
    run_headers: list[str]


def _label(at: str, seconds: bool = False) -> str:
    return f"{french_date(at)} {at[11:19] if seconds else at[11:16]}"


def _labels(runs: list[dict]) -> list[str]:
    """« jj/mm/aaaa hh:mm » per run; with the seconds when two runs share a minute, and « (2) »… when they
    share a second too (each label names one run: the table's key and the status columns' headers)."""
    short = [_label(r["at"]) for r in runs]
    labels = [_label(r["at"], short.count(s) > 1) for r, s in zip(runs, short)]
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _status(run: dict, code: str) -> str:
    """A service's status at a saved run, in today's words (« Validé », saved by earlier versions, is
    « Sans erreur »)."""
    from ..validate.summary import EARLIER_STATUSES

    status = run.get("statuses", {}).get(code, "")
    return EARLIER_STATUSES.get(status, status)


def progression(state: dict, names: dict[str, str]) -> Progression:
    """The two tables of the ``Progression`` sheet from the state saved after this run."""
    runs = state["runs"]
    labels = _labels(runs)
    frame = pd.DataFrame([{**{k: r.get(k) for k in RUN_COLUMNS[1:]}, "run": label} for r, label in zip(runs, labels)],
                         columns=RUN_COLUMNS)  # fmt: skip
    shown = runs[-STATUS_RUNS:]
    headers = labels[-STATUS_RUNS:]
    codes = sorted({c for r in shown for c in r.get("statuses", {})})
    rows = [
        {
            "code": c,
            "name": names.get(c, ""),
            **{f"run{i}": _status(r, c) for i, r in enumerate(shown)},
        }
        for c in codes
    ]
    services = pd.DataFrame(rows, columns=["code", "name", *[f"run{i}" for i in range(len(shown))]])
    return Progression(frame, services, headers)


def attach(result, consolidation, campaign: Campaign) -> None:
    """Give ``consolidation`` the state to save and its ``Progression`` tables."""
    state = next_state(campaign, record(result, consolidation, campaign))
    names = dict(zip(result.referential.services["code"], result.referential.services["name"]))
    consolidation.campaign_state = state
    consolidation.progression = progression(state, names)


def change_line(state: dict) -> str:
    """The campaign's figures against the run before: « Progression depuis l'exécution du 05/12/2026 10:12 :
    erreurs 28 → 12, … »; on a first run, that the sheet starts; "" when no figure moved (the
    ``Évolutions`` line already says whether anything changed: one sentence, not two)."""
    runs = state.get("runs", [])
    if len(runs) < 2:
        return "Première exécution suivie : la feuille Progression démarre." if runs else ""
    before, now = runs[-2], runs[-1]
    parts = []
    for key, label in (("received", "reçus"), ("complete", "complets"), ("validated", "sans erreur"),
                       ("errors", "erreurs"), ("coverage", "couverture %"), ("vital", "vitaux non protégés")):  # fmt: skip
        a, b = before.get(key), now.get(key)
        if a != b:
            parts.append(f"{label} {_show(a)} → {_show(b)}")
    return f"Progression depuis l'exécution du {_label(before['at'])} : {', '.join(parts)}." if parts else ""


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)
