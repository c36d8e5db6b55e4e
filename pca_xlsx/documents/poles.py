"""The pôle dashboards (``documents/poles/<code pôle>.docx``) and the synthesis' national, GHT and pôle sections.

Everything is read from the consolidation's ``service_status``, ``pole_board``, ``national``,
``establishments`` and ``cross_reliances`` (:mod:`pca_xlsx.consolidate.poles` and neighbours), so a
dashboard quotes the same figures as the consolidated workbook's ``Synthèse``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..consolidate.common import to_date
from ..consolidate.coverage import COVERAGE_RULE
from ..consolidate.gaps import NO_EXERCISE
from ..consolidate.national import CAVEAT, PROGRAMME
from ..consolidate.poles import OUTSIDE
from ..consolidate.vital import NO_OWNER, PROTECTED_RULE
from ..core import words
from ..core.values import missing
from ..format import add_months
from ..format.vocabulary import NO, RECEIVED_UNREADABLE, YES
from .context import Sources, common
from .render import Job
from .text import DASH, date_fr, integer, number, pct, text

DASHBOARD = "tableau_pole.docx"
#: Next steps listed on a dashboard; the rest are counted.
MAX_STEPS = 10
UP_TO_DATE = "Plan à jour"


def _frame(sources: Sources, name: str) -> pd.DataFrame:
    value = getattr(sources.consolidation, name, None)
    return value if isinstance(value, pd.DataFrame) else pd.DataFrame()


def _ratio(part: int, whole: int) -> str:
    return f"{part} / {whole}"


def _band(row, mine: dict) -> dict:
    """The dashboard's key figures, each label agreeing with its count (a ratio's with its whole: « 1 / 1
    classeur reçu », « 0 / 2 plans validés »)."""
    services, gaps = int(row["services"]), int(row["gaps"])
    unprotected = int(number(row.get("vital_unprotected")) or 0)
    return {
        "recus": _ratio(int(row["received"]), services),
        "recus_libelle": words.plural(services, "classeur reçu", "classeurs reçus"),
        "valides": _ratio(int(row["signed"]), services),
        "valides_libelle": words.plural(services, "plan validé", "plans validés"),
        "couverture": mine["couverture"],
        "testees": mine["testees"],
        "ecarts": integer(gaps),
        "ecarts_libelle": words.plural(gaps, "écart à traiter", "écarts à traiter"),
        "vitaux": integer(unprotected, "0"),
        "vitaux_libelle": words.plural(unprotected, "processus vital non protégé", "processus vitaux non protégés"),
    }


def _share(part: int, whole: int) -> str:
    return pct(100.0 * part / whole, digits=1) if whole else DASH


def _service_row(s: dict) -> dict:
    signed = f"{date_fr(s['validated_on'])} ({text(s['validated_by'])})" if s["signed"] else NO
    return {
        "code": text(s["code"]),
        "nom": text(s["name"]),
        "recu": YES if s["received"] else RECEIVED_UNREADABLE if s.get("unreadable") else NO,
        "valide": signed,
        "erreurs": integer(s["errors"]) if s["received"] else DASH,
        "couverture": pct(s["coverage_pct"], digits=1),
        "testees": pct(s["tested_pct"], digits=1),
        "ecarts": integer(s["gaps"]),
        "vitaux": integer(s.get("vital_unprotected"), "0"),
        "exercice": date_fr(s["last_exercise"]),
        "revue": date_fr(s["review_due"]) + (" (échue)" if s["review_overdue"] else ""),
    }


def _figures(row: dict) -> dict:
    """A pôle_board row as the dashboard's comparable figures."""
    n, received = int(row["services"]), int(row["received"])
    return {
        "recus": _share(received, n),
        "valides": _share(int(row["signed"]), n),
        "couverture": pct(row["coverage_pct"], digits=1),
        "testees": pct(row["tested_pct"], digits=1),
        "exerces": _share(int(row["exercised"]), n),
        "ecarts": f"{row['gaps'] / n:.1f}".replace(".", ",") if n else DASH,
        "revues": integer(row["review_overdue"]),
        "erreurs": integer(row["errors"]),
        "vitaux": integer(row.get("vital_unprotected"), "0"),
    }


COMPARISON = (
    ("recus", "Classeurs reçus (% des services)"),
    ("valides", "Plans validés (% des services)"),
    ("couverture", "Couverture des processus"),
    ("testees", "Parades testées"),
    ("vitaux", "Processus vitaux non protégés"),
    ("exerces", "Services exercés dans la périodicité"),
    ("ecarts", "Écarts par service"),
    ("erreurs", "Erreurs de validation restantes"),
    ("revues", "Revues échues"),
)


def to_do(sources: Sources, services: list[dict]) -> tuple[list[str], list[str]]:
    """« À faire maintenant » for these services: (each register line by service and N°, then the other
    steps: workbooks to send, errors to correct, overdue exercises, overdue actions, plans to sign off)."""
    cons = sources.consolidation
    codes = [s["code"] for s in services]
    mine = set(codes)
    register = getattr(cons, "vital_register", None)
    vital = []
    if isinstance(register, pd.DataFrame) and len(register):
        for r in sources.lookup.frame_of_any(register, mine).sort_values(["code", "number"]).to_dict("records"):
            due = to_date(r.get("due"))
            owner = text(r.get("owner"), NO_OWNER) + (f", échéance {due:%d/%m/%Y}" if due else "")
            vital.append(f"{text(r['code'])} N° {integer(r['number'])} – protéger « {text(r['process'])} » "
                         f"({text(r['resource'])}, {text(r['why'])}) – {owner}")  # fmt: skip
    steps = []
    for s in services:
        if not s["received"]:
            steps.append(f"{s['code']} – envoyer le classeur du service à l'équipe PCA")
        elif s["errors"]:
            what = "l'erreur" if s["errors"] == 1 else f"les {s['errors']} erreurs"
            steps.append(f"{s['code']} – corriger {what} de la copie annotée du classeur")
    gaps = cons.gaps
    months = sources.referential.exercise_months
    if len(gaps):
        theirs = sources.lookup.frame_of_any(gaps, mine)
        for g in theirs[theirs["type"] == NO_EXERCISE].to_dict("records"):
            last = to_date(g.get("reference"))
            due = f"dû le {add_months(last, months):%d/%m/%Y}" if last else "aucun exercice saisi"
            steps.append(f"{text(g['code'])} – exercice en retard ({due})")
    plan = cons.actions
    if isinstance(plan, pd.DataFrame) and len(plan):
        theirs = sources.lookup.frame_of_any(plan, mine)
        for a in theirs[theirs["late"] != ""].to_dict("records"):
            due = to_date(a.get("due"))
            steps.append(f"{text(a['code'])} – action en retard : {text(a['action'])} "
                         f"({text(a.get('owner'), 'responsable à désigner')}, échéance {date_fr(due)})")  # fmt: skip
    for s in services:
        if s["received"] and not s["signed"]:
            steps.append(f"{s['code']} – faire valider le plan (« Validé par » et « Date de validation »)")
    return vital, steps


def pole_context(sources: Sources, pole: str) -> dict:
    """Every variable of the pôle dashboard template for pôle ``pole``."""
    board = _frame(sources, "pole_board")
    status = _frame(sources, "service_status")
    row = sources.frame_of(board, pole, "pole").iloc[0].to_dict()
    total = sources.frame_of(board, "", "pole").iloc[0].to_dict()
    found = sources.frame_of(sources.referential.poles, pole)
    info = found.iloc[0].to_dict() if len(found) else {}
    services = sources.rows_of(status, pole, "pole")
    vital, steps = to_do(sources, services)
    # « Écarts par service » of the hospital: its services' gaps, not the DSI's (no service's) of its total
    mine, theirs = _figures(row), _figures({**total, "gaps": int(status["gaps"].sum())})
    rest = max(0, len(steps) - MAX_STEPS)
    return {
        **common(sources),
        "pole": {
            "code": text(pole),
            "nom": text(row["pole_name"], pole),
            "chef": text(info.get("chief"), DASH),
            "cadre": text(info.get("manager"), DASH),
            "directeur": text(info.get("director"), DASH),
        },
        "reference": text(total["pole_name"], "l'établissement"),
        "bandeau": _band(row, mine),
        "a_faire": vital + steps[:MAX_STEPS],
        "a_faire_reste": rest,
        "a_faire_reste_texte": f"{rest} {words.plural(rest, 'autre point', 'autres points')}",
        "regle_vitaux": PROTECTED_RULE,
        "services": [_service_row(s) for s in services],
        "comparaison": [{"libelle": label, "pole": mine[k], "reference": theirs[k]} for k, label in COMPARISON],
        "regle": COVERAGE_RULE,
    }


def pole_jobs(sources: Sources, root: Path, file_name) -> list[Job]:
    """One dashboard per pôle with at least one service; ``file_name(code)`` a safe file name."""
    board = _frame(sources, "pole_board")
    if board.empty:
        return []
    poles = [p for p, n in zip(board["pole"], board["services"]) if p and p != OUTSIDE and int(n) > 0]
    return [Job(DASHBOARD, pole_context(sources, p), root / "poles" / f"{file_name(p)}.docx") for p in poles]


def synthesis_sections(sources: Sources) -> dict:
    """The synthesis' national requirements, GHT and pôle dashboard sections."""
    national = _frame(sources, "national")
    establishments = _frame(sources, "establishments")
    cross = _frame(sources, "cross_reliances")
    board = _frame(sources, "pole_board")
    return {
        "exigences": [
            {
                "regle": text(r["rule"]),
                "statut": text(r["status"]),
                "preuve": text(r["evidence"]),
                "source": text(r["source"]),
            }
            for r in national.to_dict("records")
        ],  # fmt: skip
        "etablissements": [
            {
                "code": text(r["code"], DASH),
                "nom": text(r["name"]),
                "part": pct(r["share"]),
                "recus": _ratio(int(r["received"]), int(r["services"])),
                "valides": integer(r["signed"]),
                "couverture": pct(r["coverage_pct"], digits=1),
                "testees": pct(r["tested_pct"], digits=1),
                "ecarts": integer(r["gaps"]),
                "vitaux": integer(r.get("vital_unprotected"), "0"),
            }
            for r in establishments.to_dict("records")
        ],  # fmt: skip
        "interfaces_ght": [
            {
                "service": f"{text(r['name'])} ({text(r['code'])})",
                "etablissement": text(r["establishment"]),
                "sollicite": f"{text(r['depends_on_name'])} ({text(r['depends_on'])})",
                "autre": text(r["depends_on_establishment"]),
                "lignes": integer(r["rows"]),
            }
            for r in cross.to_dict("records")
        ],  # fmt: skip
        "poles_bord": [
            {
                "code": text(r["pole"], "Total"),
                "nom": text(r["pole_name"]),
                "recus": _ratio(int(r["received"]), int(r["services"])) if int(r["services"]) else DASH,
                "valides": integer(r["signed"]),
                "couverture": pct(r["coverage_pct"], digits=1),
                "testees": pct(r["tested_pct"], digits=1),
                "ecarts": integer(r["gaps"]),
                "vitaux": integer(r.get("vital_unprotected"), "0"),
                "exerces": integer(r["exercised"]),
            }
            for r in board.to_dict("records")
        ],  # fmt: skip
        "regle_couverture": COVERAGE_RULE,
        "programme": PROGRAMME,
        "avertissement_care": CAVEAT,
        "dossier_poles": POLES_IN_ESTABLISHMENTS if len(establishments) else POLES_HERE,
        "niveaux": levels(sources),
    }


#: Where the pôle dashboards are: each written once, in its establishment's folder in a GHT.
POLES_HERE = "documents/poles/"
POLES_IN_ESTABLISHMENTS = "dans le dossier de son établissement : etablissements/<code>/documents/poles/"


def levels(sources: Sources) -> list[dict]:
    """The reconciliation of totals across levels (:mod:`pca_xlsx.consolidate.reconcile`), as the synthesis shows it."""
    table = _frame(sources, "reconciliation")

    def shown(value) -> str:
        return DASH if missing(value) else f"{value:,.0f}".replace(",", "\u202f")

    return [
        {"chiffre": text(r["figure"]), "niveau": shown(r["level"]), "etablissements": shown(r["establishments"]),
         "poles": shown(r["poles"]), "hors_pole": shown(r["outside"]), "statut": text(r["status"])}
        for r in table.to_dict("records")
    ]  # fmt: skip
