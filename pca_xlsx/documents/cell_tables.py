"""The crisis cell's tables, per establishment: whom to call in which order, beds in degraded mode,
who gets which backup means (DESIGN §4, ``cellule_de_crise.docx``).

- call order: services with vital processes first, then by the shortest tolerable interruption of
  their applications, most vital processes first; why in plain words; the on-duty phone;
- capacities: nominal beds, beds kept = ⌊nominal × ambition ÷ 100⌋, beds to free = nominal − kept, totals;
- telecom distribution: per service in call order, the quantities of its ``Télécom`` sheet, and
  whether the stock of « Moyens de secours » still covers it once the services before are served.
"""

from __future__ import annotations

import math
from typing import Any

from ..core.words import counted
from ..format.vocabulary import CATEGORIES
from .context import Sources
from .crisis import TOLERABLE_HOURS
from .text import DASH, missing, number, pct, text

#: « Interruption tolérable » band → words of the call order's reason.
TOLERABLE_WORDS = {
    "Moins d'1 h": "moins d'une heure",
    "1 à 4 h": "1 à 4 heures",
    "4 à 24 h": "4 à 24 heures",
    "1 à 3 jours": "1 à 3 jours",
    "Plus de 3 jours": "plus de 3 jours",
}
NO_LIMIT = 10**6
CRITICAL = CATEGORIES[0]
#: Vital processes named in a reason; the others are counted.
NAMED = 3
#: Backup means handed out (Télécom sheet « Moyen ») → context key.
MEANS = {
    "Téléphone mobile": "mobiles",
    "Radio": "radios",
    "Téléphone satellite": "satellites",
    "Ordinateur hors réseau": "pc",
    "Imprimante hors réseau": "imprimantes",
}
#: How a missing quantity of each means is said (one, many).
SHORT_WORDS = {
    "mobiles": ("mobile", "mobiles"),
    "radios": ("radio", "radios"),
    "satellites": ("téléphone satellite", "téléphones satellites"),
    "pc": ("ordinateur", "ordinateurs"),
    "imprimantes": ("imprimante", "imprimantes"),
}


def vital_processes(sources: Sources, code: str) -> list[str]:
    """Names of the service's vital processes, in sheet order, once each."""
    out: list[str] = []
    for row in sources.sheet(code, "processus"):
        name = text(row.get("process"))
        if text(row.get("criticality")) == "Vitale" and name and name not in out:
            out.append(name)
    return out


def shortest_tolerance(sources: Sources, code: str) -> tuple[int, str, list[str]]:
    """(hours, band, applications) of the shortest tolerable interruption of the service's applications."""
    best, band, apps = NO_LIMIT, "", []
    for row in sources.sheet(code, "applications"):
        label = text(row.get("tolerable"))
        hours = TOLERABLE_HOURS.get(label, NO_LIMIT - 1 if label else NO_LIMIT)
        name = text(row.get("resource"))
        if hours < best:
            best, band, apps = hours, label, [name]
        elif hours == best and label and name not in apps:
            apps.append(name)
    return best, band, apps


def reason(vital: list[str], band: str, apps: list[str]) -> str:
    """Why the cell calls this service at this rank, in plain words."""
    parts = []
    if vital:
        named = ", ".join(vital[:NAMED])
        more = f" et {counted(len(vital) - NAMED, 'autre')}" if len(vital) > NAMED else ""
        parts.append(f"Processus vitaux : {named}{more}.")
    else:
        parts.append("Aucun processus vital.")
    if band == "Moins d'1 h":
        parts.append(f"Ne tient pas une heure sans {', '.join(apps)}.")
    elif band:
        parts.append(f"Tient {TOLERABLE_WORDS.get(band, band)} sans {', '.join(apps)}.")
    return " ".join(parts)


def _person(name: Any, phone: Any = None) -> str:
    shown = text(name)
    if not shown:
        return ""
    return f"{shown} – {keep_together(phone)}" if text(phone) else shown


def keep_together(phone: Any) -> str:
    """A phone number whose groups never break across lines (non-breaking spaces)."""
    return text(phone).replace(" ", "\u00a0")


def call_order(sources: Sources) -> list[dict]:
    """Every service of the establishment in the order the cell must reach them."""
    keyed = []
    for code in sources.codes:
        row = sources.identity(code)
        vital = vital_processes(sources, code)
        hours, band, apps = shortest_tolerance(sources, code)
        critical = text(row.get("category")) == CRITICAL
        keyed.append(
            ((0 if vital else 1, hours, -len(vital), 0 if critical else 1, code), code, row, vital, band, apps)
        )
    out = []
    for rank, (_, code, row, vital, band, apps) in enumerate(sorted(keyed), start=1):
        people = [
            _person(row.get("medical_referent"), row.get("medical_phone")),
            _person(row.get("paramedical_referent"), row.get("paramedical_phone")),
        ]
        deputies = [text(row.get("medical_deputy")), text(row.get("paramedical_deputy"))]
        out.append(
            {
                "rang": rank,
                "code": code,
                "nom": sources.name(code),
                "garde": text(row.get("duty_phone")) or "PAS DE NUMÉRO DE GARDE",
                "sans_garde": missing(row.get("duty_phone")) or not text(row.get("duty_phone")),
                "pourquoi": reason(vital, band, apps),
                "referents": "\n".join(p for p in people if p) or "Référents à désigner",
                "suppleants": ", ".join(d for d in deputies if d) or DASH,
            }
        )
    return out


def capacities(sources: Sources, order: list[dict]) -> tuple[list[dict], dict]:
    """Beds per service in call order, and the totals over the services with a nominal capacity."""
    rows, total = [], {"nominale": 0, "maintenus": 0, "transferer": 0, "sans": 0}
    for item in order:
        row = sources.identity(item["code"])
        nominal, ambition = number(row.get("capacity")), number(row.get("ambition"))
        line = {"code": item["code"], "nom": item["nom"], "ambition": pct(row.get("ambition")),
                "degradee": text(row.get("degraded_capacity"), DASH)}  # fmt: skip
        if nominal is None:
            total["sans"] += 1
            line.update(nominale=DASH, maintenus=DASH, transferer=DASH)
        else:
            kept = math.floor(int(nominal) * (ambition or 0) / 100)
            line.update(nominale=int(nominal), maintenus=kept, transferer=int(nominal) - kept)
            total["nominale"] += int(nominal)
            total["maintenus"] += kept
            total["transferer"] += int(nominal) - kept
        rows.append(line)
    return rows, total


def telecom_needs(sources: Sources, code: str) -> dict[str, int]:
    """Quantity of each handed-out means in the service's ``Télécom`` sheet (rows of one means summed)."""
    out = dict.fromkeys(MEANS.values(), 0)
    for row in sources.sheet(code, "telecom"):
        key = MEANS.get(text(row.get("means")))
        quantity = number(row.get("quantity"))
        if key and quantity is not None:
            out[key] += int(quantity)
    return out


def stock(sources: Sources) -> dict[str, int]:
    """Backup means held (« Moyens de secours ») by the establishment the binder is for.

    In a GHT the establishment's part of the referential holds its own rows and its share of the GHT's
    shared stock (:mod:`pca_xlsx.consolidate.stock`, allocated once in proportion to the needs), so each
    establishment's binder counts its own stock and the GHT's binder, on the whole sheet, their sum: the
    same « Stock détenu » as the consolidation's Télécom sheet at each level.
    """
    out = dict.fromkeys(MEANS.values(), 0)
    frame = sources.referential.backup_means
    for row in frame.to_dict("records") if frame is not None else []:
        key, held = MEANS.get(text(row.get("means"))), number(row.get("stock"))
        if key and held is not None:
            out[key] += int(held)
    return out


def distribution(sources: Sources, order: list[dict]) -> dict:
    """Per service in call order: what it needs, and whether the stock still covers it (served in order)."""
    held = stock(sources)
    left = dict(held)
    rows, total = [], dict.fromkeys(MEANS.values(), 0)
    for item in order:
        need = telecom_needs(sources, item["code"])
        if not any(need.values()):
            continue
        short = []
        for key in MEANS.values():
            total[key] += need[key]
            lacking = need[key] - max(left[key], 0)
            if need[key] and lacking > 0:
                short.append(counted(lacking, *SHORT_WORDS[key]))
            left[key] -= need[key]
        rows.append({"rang": item["rang"], "code": item["code"], "nom": item["nom"], **need,
                     "couvert": "Oui" if not short else "Non : manque " + ", ".join(short)})  # fmt: skip
    gap = {key: held[key] - total[key] for key in total}
    return {"lignes": rows, "total": total, "stock": held, "ecart": gap}
