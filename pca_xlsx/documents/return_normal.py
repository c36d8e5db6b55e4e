"""Context of ``retour_a_la_normale.docx``: the return to normal after the generalised cyber attack,
application by application in the order they come back (:mod:`pca_xlsx.consolidate.cyber_restart`):
the services to tell, what each re-keys (vital processes first, then by date), the identity
vigilance step, the checks before leaving paper, and the totals. Figures from ``Consolidation.outage``."""

from __future__ import annotations

import math

import pandas as pd

from ..consolidate.outage import hours
from ..format.vocabulary import VITAL, YES
from .context import Sources, common
from .outage import decimal
from .text import DASH, code_name, integer, text

#: Hours one person re-keys in a day, and the team sizes the totals are given for.
HOURS_PER_DAY = 7
TEAMS = (1, 2, 5, 10)
CHECKS = (
    "La DSI a déclaré l'application rétablie et la cellule de crise a autorisé son usage.",
    "Les identités provisoires créées pendant la panne sont rapprochées et fusionnées dans la gestion "
    "administrative des patients (cellule d'identitovigilance) avant toute ressaisie.",
    "Un soignant du service a vérifié sur un dossier test l'accès, les droits et l'exactitude des données restaurées.",
    "Les données de la dernière sauvegarde sont comparées aux derniers documents papier (rien ne manque entre les deux).",
    "Les documents papier restent la référence jusqu'à la fin de la ressaisie, puis sont classés au dossier du patient.",
)
ORDER_RULE = (
    "Dans chaque service, ressaisir d'abord les enregistrements des processus vitaux, puis les autres du plus ancien "
    "au plus récent ; chaque document papier ressaisi est paraphé et daté."
)


def _records(frame) -> list[dict]:
    return frame.to_dict("records") if isinstance(frame, pd.DataFrame) and not frame.empty else []


def _by_resource(chosen: pd.DataFrame) -> dict[str, tuple[list[dict], dict[str, list[dict]]]]:
    """Resource → (its process rows to re-key, service code → its rows among them), in table order: one pass
    over the table instead of one filter per application and service."""
    out: dict[str, tuple[list[dict], dict[str, list[dict]]]] = {}
    for p in _records(chosen):
        rows, by_code = out.setdefault(p["resource"], ([], {}))
        rows.append(p)
        by_code.setdefault(p["code"], []).append(p)
    return out


def _phone(sources: Sources, code: str) -> str:
    """The service's on-duty phone when its workbook has one, else its medical then paramedical referent's."""
    row = sources.identity(code)
    duty = text(row.get("duty_phone"))
    if duty:
        return f"Garde : {duty}"
    for who, phone in (("medical_referent", "medical_phone"), ("paramedical_referent", "paramedical_phone")):
        if text(row.get(phone)):
            return "\n".join(x for x in (text(row.get(who)), text(row.get(phone))) if x)
    return DASH


def _needed_by(schedule: list[dict]) -> dict[str, list[str]]:
    """Resource → the resources that depend on it (« Dépend de »), in the order they come back."""
    out: dict[str, list[str]] = {}
    for r in schedule:
        for d in str(r.get("depends_on") or "").split(";"):
            if d.strip():
                out.setdefault(d.strip(), []).append(text(r["resource"]))
    return out


def _listed(names: list[str], most: int = 8) -> str:
    return ", ".join(names[:most]) + (f" et {len(names) - most} autre(s)" if len(names) > most else "")


def return_context(sources: Sources) -> dict:
    cons = sources.consolidation
    outage, cyber = getattr(cons, "outage", None), getattr(cons, "cyber", None)
    base = {**common(sources), "applications": [], "verifications": list(CHECKS), "regle_ordre": ORDER_RULE}
    if outage is None or cyber is None:
        return {**base, "totaux": {}, "equipes": []}
    minutes = outage.minutes
    users: dict[str, list[str]] = {}
    for r in _records(getattr(cons, "recovery_returns", None)):
        users.setdefault(text(r["resource"]), []).append(text(r["code"]))
    processes = outage.processes
    chosen = processes[(processes["rekey"] == YES) & processes["days"].notna()] if len(processes) else processes
    by_resource = _by_resource(chosen)
    schedule = sorted(_records(cyber.table), key=lambda r: (int(r["back"]), int(r["step"])))
    needed_by = _needed_by(schedule)
    apps, total, told = [], 0, set()
    for r in schedule:
        name = text(r["resource"])
        codes = sorted(set(users.get(name, [])))
        if not codes:
            continue
        every, mine = by_resource.get(name, ([], {}))
        services = []
        for code in sorted(codes, key=lambda c: (-sum(p["criticality"] == VITAL for p in mine.get(c, [])), c)):
            rows = mine.get(code, [])
            ordered = sorted(rows, key=lambda p: (p["criticality"] != VITAL, p["number"]))
            records = int(sum(p["records"] for p in rows))
            services.append({
                "service": code_name(code, sources.identity(code).get("name")),
                "telephone": _phone(sources, code),
                "ressaisie": "\n".join(
                    f"{'VITAL – ' if p['criticality'] == VITAL else ''}N° {p['number']} {p['process']} : "
                    f"{integer(p['volume'])}/j × {int(p['days'])} j = {integer(p['records'])}" for p in ordered
                ) or "Prévenir seulement (rien à ressaisir)",
                "enregistrements": integer(records), "heures": decimal(hours(records, minutes)), "records": records,
            })  # fmt: skip
        records = int(sum(p["records"] for p in every))
        total += records
        told.update(codes)
        apps.append({
            "ressource": name, "jour": f"J+{int(r['back'])}", "nombre": str(len(services)),
            "ensuite": _listed(needed_by.get(name, [])),
            "enregistrements": integer(records), "heures": decimal(hours(records, minutes)),
            "services": [x for x in services if x["records"]],
            "prevenir": " · ".join(f"{x['service']} ({x['telephone']})".replace("\n", " ")
                                   for x in services if not x["records"]),
        })  # fmt: skip
    total_hours = hours(total, minutes)
    teams = [{"personnes": str(n), "jours": integer(math.ceil(total_hours / (HOURS_PER_DAY * n)))} for n in TEAMS]
    return {
        **base,
        "applications": apps,
        "totaux": {
            "applications": str(len(apps)),
            "services": str(len(told)),
            "enregistrements": integer(total),
            "heures": decimal(total_hours),
            "journees": decimal(total_hours / HOURS_PER_DAY),
            "minutes": decimal(minutes),
            "heures_jour": str(HOURS_PER_DAY),
        },
        "equipes": teams,
    }
