"""Context of the referents' mission letter (lettre_mission.docx).

The account's own lesson: a letter from the direction that sets the referents' role, what the
project team expects, the time needed and the timeline, filled from the referential and workbook.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..consolidate.vital import NO_OWNER, lines_of
from ..core.values import to_date
from ..core.words import counted
from ..format import add_months
from .context import Sources, common, depends_on, service_header
from .text import date_fr, integer, missing, number, text

#: The build of a service's plan, as the account describes it: (step, when, time for the referents).
STEPS = (
    ("Questionnaire de maturité et recensement des applications", "dans les 2 semaines", "1 h"),
    ("Entretien sur la maturité et l'impact, avec l'équipe projet", "semaine 3", "1 h 30"),
    ("Groupe de travail n° 1 : processus prioritaires et ressources", "semaine 5", "2 h 30"),
    ("Groupe de travail n° 2 : parades, interfaces et prérequis", "semaine 7", "2 h 30"),
    ("Relecture de la fiche synthèse et de la fiche réflexe", "semaine 9", "1 h"),
    ("Impression des documents papier et du classeur de crise", "semaine 10", "2 h"),
)
#: Sum of the times above, as said in the letter.
BUILD_TIME = "10 h 30"


def every(months: Any) -> str:
    """``chaque année``, ``tous les 6 mois``, ``tous les 2 ans``."""
    n = int(number(months) or 12)
    if n == 12:
        return "chaque année"
    if n % 12 == 0:
        return f"tous les {n // 12} ans"
    return f"tous les {n} mois"


def pole_trio(sources: Sources, code: str) -> str:
    """« Pr X, chef de pôle ; Y, cadre de pôle ; Z, directeur référent » or a generic line."""
    ref = sources.referential
    poles = ref.poles
    pole = ref.service(code).get("pole")
    people = []
    if not missing(pole) and "code" in poles.columns:
        rows = sources.rows_of(poles, str(pole), as_text=True)
        row = rows[0] if rows else {}
        for key, role in (("chief", "chef de pôle"), ("manager", "cadre de pôle"), ("director", "directeur référent")):
            if not missing(row.get(key)):
                people.append(f"{text(row.get(key))}, {role}")
    return " ; ".join(people) or "le chef, le cadre et le directeur référent du pôle"


def rank_in_wave(sources: Sources, code: str) -> dict:
    """``rang_vague`` (« , 3e des 7 services de la vague 1 ») and ``raison_rang`` (the order table's reason)."""
    rows = sources.rows_of(sources.consolidation.order_table, code)
    row = rows[0] if rows else {}
    place, size, wave = number(row.get("wave_rank")), number(row.get("wave_size")), number(row.get("wave"))
    among = ""
    if place is not None and size is not None and wave is not None:
        nth = "1er" if int(place) == 1 else f"{int(place)}e"
        among = f", {nth} des {counted(int(size), 'service')} de la vague {int(wave)}"
    return {"rang_vague": among, "raison_rang": text(row.get("reason"))}


def open_items(sources: Sources, code: str) -> list[str]:
    """The service's own open items: its register lines by N° (:mod:`pca_xlsx.consolidate.vital`), errors to
    correct, its late actions, its plan to sign off."""
    cons = sources.consolidation
    items = [
        f"N° {integer(r['number'])} « {text(r['process'])} » ({text(r['resource'])}) : processus vital non protégé, "
        f"{text(r['why'])} – {text(r['owner'], NO_OWNER)}"
        + (f", échéance {d:%d/%m/%Y}" if (d := to_date(r.get("due"))) else "")
        for r in lines_of(sources.frame_of(cons.vital_register, code))
    ]
    row = sources.rows_of(cons.service_status, code)
    if row and row[0]["errors"]:
        items.append(f"corriger les {row[0]['errors']} erreur(s) signalée(s) dans la copie annotée du classeur")
    plan = cons.actions
    if isinstance(plan, pd.DataFrame) and len(plan):
        mine = sources.frame_of(plan, code)
        for a in mine[mine["late"] != ""].to_dict("records"):
            due = to_date(a.get("due"))
            items.append(f"action en retard : {text(a['action'])} ({text(a.get('owner'), 'responsable à désigner')}"
                         f"{f', échéance {due:%d/%m/%Y}' if due else ''})")  # fmt: skip
    if row and row[0]["received"] and not row[0]["signed"]:
        items.append("faire valider le plan du service (« Validé par » et « Date de validation » du classeur)")
    return items


def next_exercise_of(sources: Sources, code: str, fallback: str) -> str:
    """« avant le 31/03/2027, scénario « DPI indisponible » » from the programme, else ``fallback``."""
    rows = sources.rows_of(sources.consolidation.programme, code)
    if not rows:
        return fallback
    due, scenario = to_date(rows[0].get("due")), text(rows[0].get("scenario"))
    when = f"avant le {due:%d/%m/%Y}" if due else fallback
    return f"{when}, scénario « {scenario} »" if scenario else when


def letter_context(sources: Sources, code: str, rank: int | None, total: int) -> dict:
    """The referents' mission letter (role, expectations, time, timeline)."""
    row = sources.identity(code)
    ref = sources.referential
    review, exercise = ref.review_months, ref.exercise_months
    updated, last = to_date(row.get("updated")), to_date(row.get("last_exercise"))
    wave = number(row.get("wave"))
    header = service_header(sources, code)
    named = [f"{r['nom']}, {r['role'].lower()}" for r in header["referents"] if r["nom"] != "À désigner"]
    partners = [sources.name(c) for c in depends_on(sources, code)]
    next_review = add_months(updated, review) if updated else None
    next_exercise = add_months(last, exercise) if last else None
    return {
        **common(sources),
        "service": header,
        "destinataires": named or ["Les référents médical et paramédical du service (à désigner)"],
        "copie": pole_trio(sources, code),
        "classeur_recu": bool(sources.sheet(code, "service")),
        "vague": f"de la vague {int(wave)}" if wave is not None else "d'une vague encore à définir",
        "rang": f"au rang {rank} sur {total}" if rank else "à un rang encore à définir",
        **rank_in_wave(sources, code),
        "partenaires": ", ".join(partners),
        "processus": counted(rows, "ligne") if (rows := len(sources.sheet(code, "processus"))) else "aucune ligne",
        "etapes": [{"etape": a, "quand": b, "temps": c} for a, b, c in STEPS],
        "temps_total": BUILD_TIME,
        "revue": every(review),
        "exercice": every(exercise),
        "prochaine_revue": date_fr(next_review, f"{integer(review)} mois après la réception du classeur"),
        "prochain_exercice": next_exercise_of(sources, code, date_fr(next_exercise, "à programmer dès que possible")),
        "a_faire": open_items(sources, code),
        "mise_a_jour": date_fr(updated, "classeur non encore reçu"),
    }
