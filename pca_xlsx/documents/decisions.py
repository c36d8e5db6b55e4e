"""The decisions page opening the hospital synthesis: what to buy, what is not ready, what is late.

Every figure comes from the consolidation (headline, budget, gaps, exercises, action plan); this
module only turns rows into French display strings. The readiness light is printed as a word and a
symbol, so it reads the same in black and white.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..consolidate.common import last_exercises, to_date
from ..consolidate.figures import euros
from ..consolidate.gaps import FAILED_EXERCISE, INCOMPLETE, NO_EXERCISE, NOT_RECEIVED, STALE_REVIEW, UNREADABLE
from ..consolidate.vital import NO_OWNER, PROTECTED_RULE
from ..core.words import counted
from ..format import add_months
from .context import Sources
from .decision_items import OTHER, documents_to_print, it_gaps, other_means
from .text import DASH, integer, paper, text

READY, PARTLY, NOT_READY = "✔ Prêt", "▲ À consolider", "✖ Non prêt"
#: Coverage a service needs to be « Prêt » (% of its process rows covered).
READY_COVERAGE = 80.0
READINESS_RULE = (
    f"Règle : {NOT_READY} = classeur non reçu, illisible ou incomplet, processus vital non protégé (registre des processus vitaux) ou "
    "exercice en échec ; "
    f"{PARTLY} = moins de {READY_COVERAGE:.0f} % de lignes à parade définie ou testée, exercice ou revue "
    f"en retard ; {READY} sinon."
)
#: Next exercises listed on the decisions page.
MAX_NEXT = 6


def _frame(sources: Sources, name: str) -> pd.DataFrame:
    return getattr(sources.consolidation, name)


def budget(sources: Sources) -> tuple[list[dict], str]:
    """(means to buy with needed / held / to buy / cost, the total cost of those with a unit cost)."""
    tables = sources.consolidation.procurement
    frame = tables.get("telecom_budget")
    rows = []
    if isinstance(frame, pd.DataFrame):
        for r in frame.to_dict("records"):
            if (r.get("to_buy") or 0) <= 0:
                continue
            cost = r.get("cost")
            if r.get("means") == OTHER and (cost is None or cost != cost) and not (r.get("held") or 0):
                # « Autre » has no unit cost: each is named, never summed as « Autre : 5 »
                rows += [{"moyen": o["moyen"], "besoin": o["besoin"], "stock": "0", "achat": o["besoin"],
                          "cout": "coût à renseigner"} for o in other_means(sources.consolidation)]  # fmt: skip
                continue
            rows.append(
                {
                    "moyen": text(r.get("means")),
                    "besoin": integer(r.get("needed")),
                    "stock": integer(r.get("held")),
                    "achat": integer(r.get("to_buy")),
                    "cout": euros(cost) if cost == cost and cost is not None else "coût à renseigner",
                }
            )
    h = sources.consolidation.headline
    return rows, euros(h.get("budget", 0.0))


def vital_register(sources: Sources) -> list[dict]:
    """The register of vital processes not yet protected (:mod:`pca_xlsx.consolidate.vital`), lines
    without owner first, as display strings."""
    register = getattr(sources.consolidation, "vital_register", None)
    if not isinstance(register, pd.DataFrame) or register.empty:
        return []
    out = []
    for r in register.to_dict("records"):
        due = to_date(r.get("due"))
        owner = text(r.get("owner"), NO_OWNER)
        out.append(
            {
                "code": text(r.get("code")),
                "service": f"{text(r.get('name'), r.get('code'))} ({text(r.get('code'))})",
                "numero": integer(r.get("number")),
                "processus": text(r.get("process"), DASH),
                "ressource": text(r.get("resource"), DASH),
                "interruption": text(r.get("tolerable"), "non déclarée"),
                "pourquoi": text(r.get("why")),
                "responsable": owner if owner == NO_OWNER or due is None else f"{owner}, {due:%d/%m/%Y}",
                "sans_responsable": owner == NO_OWNER,
            }
        )
    return out


def to_test_first(sources: Sources) -> str:
    """« REA N° 2, URG N° 12 … »: the vital workarounds « Définie » to test first, on one line."""
    frame = getattr(sources.consolidation, "vital_to_test", None)
    if not isinstance(frame, pd.DataFrame) or frame.empty:
        return ""
    numbers: dict[str, list[str]] = {}
    for r in frame.to_dict("records"):
        numbers.setdefault(text(r["code"]), []).append(integer(r["number"]))
    return " ; ".join(f"{code} N° {', '.join(n)}" for code, n in numbers.items())


def readiness(sources: Sources) -> tuple[list[dict], dict[str, str]]:
    """([{etat, services (text), nombre}] for the three lights, code → light)."""
    synth = _frame(sources, "synthesis")
    gaps = _frame(sources, "gaps")
    reasons: dict[str, list[str]] = {}
    light: dict[str, str] = {}
    kinds = gaps.groupby("code")["type"].agg(set).to_dict() if len(gaps) else {}
    vital: dict[str, int] = {}
    for r in vital_register(sources):
        vital[r["code"]] = vital.get(r["code"], 0) + 1
    for s in synth.to_dict("records") if len(synth) else []:
        code = text(s.get("code"))
        mine = kinds.get(code, set())
        hard, soft = [], []
        if UNREADABLE in mine:
            hard.append("classeur illisible, à renvoyer")
        elif NOT_RECEIVED in mine or s.get("received") is not True:
            hard.append("classeur non reçu")
        elif INCOMPLETE in mine:
            hard.append("classeur incomplet")
        if vital.get(code):
            hard.append(counted(vital[code], "processus vital non protégé", "processus vitaux non protégés"))
        if FAILED_EXERCISE in mine:
            hard.append("exercice en échec")
        cover = s.get("with_workaround_pct")
        if s.get("received") is True and (cover is None or cover != cover or cover < READY_COVERAGE):
            soft.append(f"couverture {integer(cover, '0')} %")
        if NO_EXERCISE in mine:
            soft.append("exercice en retard")
        if STALE_REVIEW in mine:
            soft.append("revue dépassée")
        light[code] = NOT_READY if hard else PARTLY if soft else READY
        reasons[code] = hard or soft
    out = []
    for state in (NOT_READY, PARTLY, READY):
        codes = [c for c, v in light.items() if v == state]
        shown = [f"{c} ({', '.join(reasons[c])})" if reasons[c] and state != READY else c for c in codes]
        out.append({"etat": state, "nombre": integer(len(codes), "0"), "services": ", ".join(shown) or DASH})
    return out, light


def exercises(sources: Sources) -> dict:
    """Overdue exercises (with their due date), failed ones (with corrective actions), next ones due."""
    cons = sources.consolidation
    gaps = _frame(sources, "gaps")
    months = sources.referential.exercise_months
    overdue, failed = [], []
    for g in gaps.to_dict("records") if len(gaps) else []:
        code = text(g.get("code"))
        if g["type"] == NO_EXERCISE:
            last = to_date(g.get("reference"))
            due = f"dû le {add_months(last, months):%d/%m/%Y}" if last else "aucun exercice saisi"
            overdue.append((last or dt.date.min, f"{code} ({due})"))
        elif g["type"] == FAILED_EXERCISE:
            failed.append({"service": f"{text(g.get('name'))} ({code})", "detail": paper(g.get("detail"))})
    today = cons.today
    details = cons.details
    last = last_exercises(details["exercices"]).to_dict() if "exercices" in details else {}
    upcoming = sorted((add_months(day, months), code) for code, day in last.items())
    upcoming = [(due, code) for due, code in upcoming if due >= today]
    return {
        "en_retard": ", ".join(x for _, x in sorted(overdue)),
        "nombre_retard": integer(len(overdue), "0"),
        "echecs": failed,
        "prochains": ", ".join(f"{code} ({due:%d/%m/%Y})" for due, code in upcoming[:MAX_NEXT]),
    }


def stale_reviews(sources: Sources) -> str:
    """Services whose workbook review is overdue, with the date it was due, on one line."""
    gaps = _frame(sources, "gaps")
    if gaps.empty:
        return ""
    rows = gaps[gaps["type"] == STALE_REVIEW]
    return ", ".join(f"{text(r['code'])} ({text(r['detail']).split(' ; ')[-1]})" for r in rows.to_dict("records"))


def late_actions(sources: Sources) -> list[str]:
    plan = sources.consolidation.actions
    if not isinstance(plan, pd.DataFrame) or plan.empty:
        return []
    rows = plan[plan["late"] != ""]
    out = []
    for r in rows.to_dict("records"):
        due = to_date(r.get("due"))
        when = f"échéance {due:%d/%m/%Y}" if isinstance(due, dt.date) else "sans échéance"
        owner = text(r.get("owner"), "responsable à désigner")
        out.append(f"{text(r.get('code'))} : {text(r.get('action'))} ({owner}, {when})")
    return out


def decisions_context(sources: Sources) -> dict:
    """Variables of the decisions page (key ``decisions`` of the synthesis template)."""
    to_buy, total = budget(sources)
    lights, _ = readiness(sources)
    cons = sources.consolidation
    gaps = it_gaps(cons)
    return {
        "achats": to_buy,
        "budget_total": total,
        "regle_achats": cons.buy_rule,
        "vitaux": vital_register(sources),
        "vitaux_sans_responsable": sum(1 for v in vital_register(sources) if v["sans_responsable"]),
        "vitaux_a_tester": to_test_first(sources),
        "regle_vitaux": PROTECTED_RULE,
        "feux": lights,
        "reprise_si": gaps,
        "reprise_si_nombre": counted(len(gaps), "application"),
        "documents": documents_to_print(cons)[0],
        "documents_total": documents_to_print(cons)[1],
        "regle_feux": READINESS_RULE,
        "exercices": exercises(sources),
        "revues": stale_reviews(sources),
        "actions_retard": late_actions(sources),
        # Slots for sections other branches add to the consolidation: shown when present.
        "programme": [text(x) for x in getattr(cons, "exercise_programme_lines", []) or []],
        "coordination": [text(x) for x in getattr(cons, "coordination_lines", []) or []],
    }
