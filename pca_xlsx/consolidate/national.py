"""National requirements checked against the plan (programme CaRE, domain 2 « continuité et reprise d'activité »).

One row per rule: rule (French), source, status (« Atteinte », « Non atteinte », « Sans objet »,
« Non évaluée »), evidence (French: the services, dates or shares that decide it).
A service *has a signed-off plan* when its ``Service`` sheet gives « Validé par » and « Date de validation ».
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..core.values import and_others
from ..core.words import counted, plural
from ..format import fold, months_before
from ..format.tables import TABLES
from ..format.vocabulary import CATEGORIES, DONE, EXERCISE_ORIGIN, EXERCISE_TYPES
from .common import to_date

MET, NOT_MET, NOT_APPLICABLE, NOT_ASSESSED = "Atteinte", "Non atteinte", "Sans objet", "Non évaluée"
FIELD_EXERCISE = EXERCISE_TYPES[2]  # Exercice réel
FIELD_MONTHS = 12
GHT_TARGET = 66.0
CRITICAL = CATEGORIES[0]

CARE = "Programme CaRE, domaine 2 (arrêté du 3 juillet 2025)"
#: The programme named in full once, above the table (workbook sheet and synthesis).
PROGRAMME = (
    "programme national CaRE (Cybersécurité accélération et résilience des établissements), domaine 2 « Stratégie "
    "de continuité et de reprise d'activité », arrêté du 3 juillet 2025"
)
SOURCES = {
    "care": f"{CARE} : un PCRA formalisé a minima pour un service de soins à impact majeur sur la prise en charge.",
    "admin": f"{CARE} : un PCRA pour le processus administratif le plus critique de l'établissement.",
    "platform": f"{CARE} : un PCRA pour un service du plateau technique (pharmacie, biologie, imagerie…).",
    "ght": f"{CARE} : dans un GHT, les établissements dotés d'un plan représentent au moins 66 % de l'activité.",
    "perimeters": f"{CARE} : un établissement est doté d'un plan quand ses trois périmètres minimaux (un service "
    "de soins à impact majeur, le processus administratif le plus critique, un plateau technique) sont couverts.",
    "field": f"{CARE} : au moins un plan testé sur le terrain (exercice réel) dans l'année.",
    "schedule": f"{CARE} : un planning des tests des autres plans.",
}
#: Words in a service's name or code that make it a technical platform or an administrative process.
PLATFORM_WORDS = ("pharmacie", "pui", "biologie", "laboratoire", "labo", "imagerie", "radiologie", "imag")
ADMIN_WORDS = ("admission", "frais de sejour", "bureau des entrees", "facturation", "administrati", "accueil",
               "ressources humaines", "paie", "finances", "adm")  # fmt: skip
COLUMNS = TABLES["exigences_nationales"].keys
#: Printed with the table: our wording is not the official text.
CAVEAT = (
    "La formulation de ces exigences suit celles du domaine 2 du programme CaRE telles que publiées ; elle doit "
    "être vérifiée au regard du texte officiel en vigueur."
)
#: The three minimal perimeters of a plan, in order, and how they are named on the sheet.
PERIMETERS = (("care", "service de soins à impact majeur"), ("admin", "processus administratif le plus critique"),
              ("platform", "plateau technique (pharmacie, imagerie ou biologie)"))  # fmt: skip


def perimeters(rows: list[dict]) -> dict[str, list[dict]]:
    """Perimeter key → the services of ``rows`` with a signed-off plan that cover it."""
    return {key: [r for r in rows if r["kind"] == key and r["signed"]] for key, _ in PERIMETERS}


def establishment_rows(rows: list[dict], establishments: pd.DataFrame) -> tuple[list[dict], set[str]]:
    """One national row per establishment of a GHT: which of its three minimal perimeters a signed-off plan
    covers, with its activity share; and the codes of the establishments that meet all three."""
    out, complete = [], set()
    for est in establishments.to_dict("records"):
        code = str(est["code"])
        mine = [r for r in rows if str(r.get("establishment")) == code]
        found = perimeters(mine)
        parts = []
        for key, label in PERIMETERS:
            if found[key]:
                parts.append(f"{label} : oui ({_codes(found[key])})")
            else:
                candidates = [r for r in mine if r["kind"] == key]
                parts.append(f"{label} : non" + (f" (sans plan validé : {_codes(candidates)})" if candidates else
                                                 " (aucun service de ce type)"))  # fmt: skip
        share = est.get("share")
        share = f"{float(share):g} %".replace(".", ",") if isinstance(share, (int, float)) and not pd.isna(share) else (
            "part non renseignée")  # fmt: skip
        met = all(found.values())
        if met:
            complete.add(code)
        out.append({"rule": f"Périmètres minimaux couverts – {est['name']} ({share} de l'activité)",
                    "status": MET if met else NOT_MET, "evidence": " ; ".join(parts) + ".", "source": SOURCES["perimeters"]})  # fmt: skip
    return out, complete


def _matches(row: dict, words: tuple[str, ...]) -> bool:
    text = f" {fold(row['name'])} {fold(row['code'])} "
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words)


def kind_of(row: dict) -> str:
    """« platform », « admin », « care » (critical care service) or "" for a service row."""
    if _matches(row, PLATFORM_WORDS):
        return "platform"
    if _matches(row, ADMIN_WORDS):
        return "admin"
    return "care" if row.get("category") == CRITICAL else ""


def _codes(rows: list[dict], limit: int = 8) -> str:
    names = [f"{r['code']}" for r in rows[:limit]]
    return ", ".join(names) + and_others(len(rows) - limit)


def _signed_rule(key: str, label: str, rows: list[dict]) -> dict:
    candidates = [r for r in rows if r["kind"] == key]
    signed = [r for r in candidates if r["signed"]]
    if signed:
        dates = "; ".join(
            f"{r['code']} validé le {r['validated_on']:%d/%m/%Y} par {r['validated_by']}" for r in signed[:4]
        )
        signed_words = plural(len(signed), "plan validé", "plans validés")
        evidence = f"{len(signed)} {signed_words} : {dates}" + (" …" if len(signed) > 4 else "") + "."
        return {"rule": label, "status": MET, "evidence": evidence, "source": SOURCES[key]}
    if not candidates:
        evidence = "Aucun service de ce type dans le référentiel."
    else:
        among = counted(len(candidates), "service concerné", "services concernés")
        evidence = f"Aucun plan validé parmi {among} : {_codes(candidates)}."
    return {"rule": label, "status": NOT_MET, "evidence": evidence, "source": SOURCES[key]}


def _ght_rule(status: pd.DataFrame, establishments: pd.DataFrame, over_100: bool, complete: set[str]) -> dict:
    label = (
        "Établissements dotés d'un plan (leurs trois périmètres minimaux couverts par un plan validé) : au moins "
        "66 % de l'activité du GHT"
    )
    base = {"rule": label, "source": SOURCES["ght"]}
    if len(establishments) < 2:
        return {**base, "status": NOT_APPLICABLE, "evidence": "Un seul établissement : exigence propre aux GHT."}
    if over_100:
        return {
            **base,
            "status": NOT_ASSESSED,
            "evidence": "Les parts d'activité dépassent 100 % au total : à corriger.",
        }
    with_plan = complete
    parts, total = [], 0.0
    for code, name, value in establishments[["code", "name", "share"]].itertuples(index=False):
        value = float(value) if isinstance(value, (int, float)) and not pd.isna(value) else None
        mark = "trois périmètres couverts" if str(code) in with_plan else "périmètres incomplets"
        parts.append(f"{name} ({'part non renseignée' if value is None else f'{value:g} %'}, {mark})")
        if str(code) in with_plan and value is not None:
            total += value
    shown = f"{total:g}".replace(".", ",")
    evidence = f"{shown} % de l'activité dans des établissements dotés d'un plan : " + "; ".join(parts) + "."
    return {**base, "status": MET if total >= GHT_TARGET else NOT_MET, "evidence": evidence}


def _field_rule(exercises: pd.DataFrame, today: dt.date) -> dict:
    label = "Un exercice réel (sur le terrain) dans les 12 derniers mois"
    cutoff = months_before(today, FIELD_MONTHS)
    rows = []
    if not exercises.empty:
        for code, kind, day, scenario in exercises[["code", "type", "date", "scenario"]].itertuples(index=False):
            day = to_date(day)
            if kind == FIELD_EXERCISE and day and cutoff <= day <= today:
                rows.append((day, code, scenario))
    rows.sort(reverse=True)
    if rows:
        shown = "; ".join(
            f"{c} le {d:%d/%m/%Y}" + (f" ({s})" if isinstance(s, str) and s else "") for d, c, s in rows[:4]
        )
        done = plural(len(rows), "exercice réel", "exercices réels")
        evidence = f"{len(rows)} {done} depuis le {cutoff:%d/%m/%Y} : {shown}."
        return {"rule": label, "status": MET, "evidence": evidence, "source": SOURCES["field"]}
    evidence = f"Aucun exercice de type « {FIELD_EXERCISE} » saisi depuis le {cutoff:%d/%m/%Y}."
    return {"rule": label, "status": NOT_MET, "evidence": evidence, "source": SOURCES["field"]}


def scheduled_codes(actions: pd.DataFrame, today: dt.date) -> set[str]:
    """Services with an exercise planned: a Plan d'actions row of origin « Exercice », due today or later, not done."""
    if actions is None or actions.empty or "_service" not in actions.columns:
        return set()
    out = set()
    for code, origin, due, state in actions[["_service", "origin", "due", "status"]].itertuples(index=False):
        day = to_date(due)
        if origin == EXERCISE_ORIGIN and day and day >= today and state != DONE:
            out.add(str(code))
    return out


def _schedule_rule(status: pd.DataFrame, scheduled: set[str]) -> dict:
    label = "Les autres plans : exercés dans la périodicité ou un exercice programmé"
    received = status.loc[status["received"].astype(bool)]
    late = received.loc[~received["exercised"].astype(bool)]
    planned = late[late["code"].isin(scheduled)]
    missing = late[~late["code"].isin(scheduled)].to_dict("records")
    exercised = len(received) - len(late)
    evidence = (
        f"{counted(exercised, 'service exercé', 'services exercés')} dans la périodicité, "
        f"{len(planned)} avec un exercice "
        f"programmé (Plan d'actions, origine « Exercice », échéance à venir), {len(missing)} sans"
        + (f" : {_codes(missing)}." if missing else ".")
    )
    met = MET if received.size and not missing else NOT_MET
    return {"rule": label, "status": met, "evidence": evidence, "source": SOURCES["schedule"]}


def build_national(status: pd.DataFrame, referential, exercises: pd.DataFrame, actions: pd.DataFrame,
                   today: dt.date, over_100: bool = False) -> pd.DataFrame:  # fmt: skip
    """The national requirements table (``COLUMNS``) from the pôle dashboards' service status."""
    categories = dict(zip(referential.services["code"], referential.services["category"]))
    rows = [dict(r, category=categories.get(r["code"], "")) for r in status.to_dict("records")]
    for r in rows:
        r["kind"] = kind_of(r)
    out = [
        _signed_rule("care", "Plan validé pour au moins un service de soins critique", rows),
        _signed_rule("admin", "Plan validé pour au moins un processus administratif", rows),
        _signed_rule(
            "platform", "Plan validé pour au moins une plateforme technique (pharmacie, imagerie, biologie)", rows
        ),
    ]
    per_establishment, complete = establishment_rows(rows, referential.establishments)
    out += [
        _ght_rule(status, referential.establishments, over_100, complete),
        *(per_establishment if len(referential.establishments) >= 2 else []),
        _field_rule(exercises, today),
        _schedule_rule(status, scheduled_codes(actions, today)),
    ]
    return pd.DataFrame(out, columns=COLUMNS)
