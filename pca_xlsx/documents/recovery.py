"""Context of the IT restart plan (plan_reprise_si.docx): the order by tier, the gaps between
what the services need and what the DSI guarantees, whom to warn when each application returns,
and the crisis cell's tick page. Every figure comes from ``Consolidation.recovery``."""

from __future__ import annotations

import pandas as pd

from ..consolidate.recovery import INSUFFICIENT, TIERS, band
from ..format.vocabulary import DATA_LOSS, INTERRUPTION, YES
from .context import Sources, common
from .text import DASH, code_name, missing, text

#: A guarantee no service's need calls for (nothing to ask the DSI).
NOT_NEEDED = "non requise"


def _records(frame) -> list[dict]:
    return frame.to_dict("records") if isinstance(frame, pd.DataFrame) and not frame.empty else []


def _band(value) -> str:
    return text(value) or "non déclaré"


def _resource_row(r: dict) -> dict:
    achievable = text(r.get("restart_achievable"))
    guaranteed = text(r.get("restart_guaranteed"))
    restart = guaranteed if achievable in ("", guaranteed) else f"{guaranteed}, en réalité {achievable}"
    restart = restart or NOT_NEEDED
    return {
        "rang": text(r.get("rank")),
        "ressource": text(r.get("resource")),
        "responsable": text(r.get("owner_service")),
        "palier": text(r.get("tier")).split(" – ")[0],
        "dmia": _band(r.get("need")),
        "pdma": _band(r.get("loss_need")),
        "reprise": restart,
        "perte": text(r.get("loss_guaranteed")) or NOT_NEEDED,
        "motif": text(r.get("reason")),
        "verdict": text(r.get("verdict")),
    }


def _gaps(rows: list[dict]) -> list[dict]:
    """One line per resource in « Reprise SI insuffisante »: what falls short, and for whom."""
    out = []
    for r in rows:
        if r.get("verdict") != INSUFFICIENT:
            continue
        need, given = [], []
        for key, wanted, bands, what in (
            ("restart_guaranteed", "need", INTERRUPTION, "arrêt"),
            ("loss_guaranteed", "loss_need", DATA_LOSS, "perte"),
        ):
            have, want = band(r.get(key), bands), band(r.get(wanted), bands)
            if have is not None and want is not None and have > want:
                need.append(f"{what} ≤ {r[wanted]}")
                given.append(f"{'reprise' if what == 'arrêt' else what} {r[key]}")
        out.append(
            {
                "ressource": text(r["resource"]),
                "besoin": " ; ".join(need) or DASH,
                "garantie": " ; ".join(given) or DASH,
                "services": text(r.get("concerned"), DASH),
            }
        )
    return out


def _missing(rows: list[dict]) -> list[dict]:
    """Resources whose guarantees the services' needs call for but the referential lacks."""
    out = []
    for r in rows:
        if r.get("to_fill"):
            needed = [r["need"] and f"arrêt ≤ {r['need']}", r["loss_need"] and f"perte ≤ {r['loss_need']}"]
            out.append({"ressource": text(r["resource"]), "manque": text(r["to_fill"]),
                        "besoin": " ; ".join(x for x in needed if x) or DASH})  # fmt: skip
    return out


def _returns(sources: Sources, frame) -> list[dict]:
    out: dict[tuple, dict] = {}
    for r in _records(frame):
        key = (int(r["rank"]), text(r["resource"]))
        entry = out.setdefault(key, {"rang": text(key[0]), "ressource": key[1], "services": []})
        person = sources.people.get(text(r["code"]), {})
        name, phone = text(person.get("medical_referent")), text(person.get("medical_phone"))
        referent = "\n".join(x for x in (name, phone) if x) or DASH
        processes = [p for p in str(r.get("processes") or "").split("; ") if p]
        entry["services"].append(
            {
                "service": code_name(r["code"], r["name"]),
                "referent": referent,
                "ressaisie": "\n".join(processes) if processes else "Prévenir seulement (pas de parade papier)",
            }
        )
    for entry in out.values():
        entry["nombre"] = len(entry["services"])
    return [out[k] for k in sorted(out)]


def _day(value) -> str:
    return f"J+{int(value)}" if not missing(value) else DASH


def cyber_context(cyber) -> dict:
    """The gates, the rebuild of each resource and the day-by-day timeline after a cyber attack."""
    if cyber is None:
        return {"cyber": {}, "barrieres": [], "calendrier": [], "jours": []}
    table = _records(cyber.table)
    last = max((int(r["back"]) for r in table), default=cyber.investigation)
    gates = [
        {"numero": text(g["number"]), "barriere": text(g["gate"]), "qui": text(g["who"]), "jour": _day(g["day"]),
         "detail": text(g["detail"])}
        for g in _records(cyber.gates)
    ]  # fmt: skip
    rows = [
        {"ordre": text(r["step"]), "ressource": text(r["resource"]), "palier": text(r["tier"]).split(" – ")[0],
         "exposee": text(r["exposed"]), "duree": text(r["rebuild_days"]) + (" (supposé)" if r["assumed"] else ""),
         "debut": _day(r["start"]), "retour": _day(r["back"]), "besoin": text(r["need"], "non déclaré"),
         "depasse": r["exceeds"] == YES, "editeur": " – ".join(x for x in (text(r["vendor"]),
                                                                             text(r["vendor_contact"])) if x)}
        for r in table
    ]  # fmt: skip
    days = [
        {"jour": _day(d["day"]), "phase": text(d["phase"]), "en_cours": text(d["rebuilding"], DASH),
         "retablies": text(d["back"]), "barrieres": text(d["gates"])}
        for d in _records(cyber.days)
    ]  # fmt: skip
    late = sum(r["depasse"] for r in rows)
    return {
        "cyber": {
            "investigation": _day(cyber.investigation),
            "capacite": text(cyber.capacity),
            "fin": _day(last),
            "regle": text(cyber.rule),
            "depassees": text(late),
        },
        "barrieres": gates,
        "calendrier": rows,
        "jours": days,
    }


def recovery_context(sources: Sources) -> dict:
    cons = sources.consolidation
    table = getattr(cons, "recovery", None)
    rows = _records(table)
    tiers = []
    for label in TIERS.values():
        members = [_resource_row(r) for r in rows if r.get("tier") == label]
        if members:
            tiers.append({"libelle": label, "nombre": len(members), "ressources": members})
    gaps = _gaps(rows)
    lacking = _missing(rows)
    count = lambda label: sum(1 for r in rows if r.get("tier") == label)  # noqa: E731
    first = [r["resource"] for r in rows[:3]]
    cyber = cyber_context(getattr(cons, "cyber", None))
    introduction = (
        f"Ce plan ordonne le redémarrage des {len(rows)} ressources du système d'information, à partir de ce que "
        "les services ont déclaré dans leur classeur PCA (dépendance, interruption et perte de données tolérables, "
        "processus vitaux et parades) et des dépendances entre ressources du référentiel. Première partie : après "
        "une cyberattaque, les barrières à franchir puis le calendrier jour par jour"
        + (f" (dernière ressource rétablie à {cyber['cyber']['fin']})" if cyber["cyber"] else "")
        + ". Seconde partie : après une panne ordinaire, l'ordre de redémarrage et les garanties de la DSI."
        + (f" Premières à rétablir après une panne ordinaire : {', '.join(first)}." if first else "")
    )
    notes = [text(n) for n in (getattr(cons, "recovery_notes", None) or []) if not missing(n)]
    return {
        **common(sources),
        **cyber,
        "introduction": introduction,
        "notes": notes,
        "regle": text(getattr(cons, "recovery_rule", "")),
        "bandeau": {
            "ressources": str(len(rows)),
            "socle": str(count(TIERS["T0"])),
            "sous_4h": str(count(TIERS["T1"])),
            "ecarts": str(len(gaps)),
            "a_renseigner": str(len(lacking)),
        },
        "paliers": tiers,
        "ecarts": gaps,
        "a_renseigner": lacking,
        "retours": _returns(sources, getattr(cons, "recovery_returns", None)),
        "suivi": [{**row, "responsable": row["responsable"] or "DSI"} for row in map(_resource_row, rows)],
    }
