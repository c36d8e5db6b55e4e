"""Crisis documents of one service: the one-page reflex poster and the service's crisis binder.

The poster puts the hospital's crisis directory (referential « Annuaire de crise ») on top, then
the steps, then the services to call first (``call_first``; when the reflex context has none, the
services the service's process rows name, with their referents' off-network phones). A step that
says « numéro de crise » gets the IT on-call number of the directory instead.
"""

from __future__ import annotations

import re
from typing import Any

from ..format import fold
from ..format.model import split_list
from ..format.vocabulary import CHECKED, PARTLY_OFF_NETWORK, READY, TO_PREPARE, YES
from .context import Sources, binder_context, referents, reflex_context
from .outage import outage_context
from .reliance import establishment_code, mine
from .text import DASH, date_fr, integer, missing, text

#: The directory function whose number replaces « numéro de crise » in the steps (folded match).
IT_FUNCTION = "informatique"
CRISIS_NUMBER = re.compile(r"\bnum[ée]ro de crise\b", re.IGNORECASE)
#: Poster lines (see :func:`poster_lines`) that hold at the normal step size on one A4 page.
POSTER_LINES = 49
#: Services listed to call first when the reflex context has no ``call_first`` list.
MAX_CALLS = 5
#: Blank lines of a log sheet (main courante).
LOG_LINES = 20
#: Timeline milestones (label, hours) of the binder.
MILESTONES = (("H+0", 1), ("H+4", 4), ("H+24", 24), ("H+72", 72))
#: Tolerable interruption (Applications) → hours after which the stop is no longer tolerable.
TOLERABLE_HOURS = {"Moins d'1 h": 1, "1 à 4 h": 4, "4 à 24 h": 24, "1 à 3 jours": 72}
#: Words of a step's « Quand » that place it at H+0 (first hour).
_NOW = ("immediat", "minute", "heure", "des ", "permanence", "alerte", "consigne")
_DURATION = re.compile(r"(\d+)\s*(h\b|heure|jour)")


def directory(sources: Sources, service: str = "") -> list[dict]:
    """The crisis directory as typed in the referential: this establishment's rows (that of ``service`` at
    a GHT's level) and the GHT-wide ones; every row for the GHT itself."""
    records = sources.directory_rows
    if not records:
        return []
    rows = sources.referential.establishments
    code, in_ght = establishment_code(sources, service), len(rows) >= 1
    ght = len(rows) >= 2 and not code
    return [
        {
            "fonction": text(r.get("function"), DASH),
            "nom": text(r.get("name")),
            "telephone": text(r.get("phone"), DASH),
            "radio": text(r.get("radio"), DASH),
            "disponibilite": text(r.get("availability"), DASH),
            "suppleant": text(r.get("deputy"), DASH),
            "tel_suppleant": text(r.get("deputy_phone"), DASH),
            "lieu": text(r.get("place"), DASH),
            "etablissement": text(r.get("establishment"), "GHT" if in_ght else DASH),
        }
        for r in records
        if mine(r, code, ght)
    ]


def crisis_room(rows: list[dict]) -> str:
    """The place of the directory's « Cellule de crise » row (the establishment's own first)."""
    for row in rows:
        if "cellule de crise" in fold(row["fonction"]) and row["lieu"] != DASH:
            return row["lieu"]
    return ""


def it_number(sources: Sources) -> str:
    """The off-network number of the IT on-call (first directory function naming « informatique »)."""
    for row in directory(sources):
        if IT_FUNCTION in fold(row["fonction"]) and row["telephone"] != DASH:
            return row["telephone"]
    return ""


def with_crisis_number(value: str, number: str) -> str:
    """``value`` with « numéro de crise » replaced by the IT on-call number (kept when unknown)."""
    if not number:
        return value
    return CRISIS_NUMBER.sub(f"{number} (astreinte informatique)", value)


def fallback_calls(sources: Sources, code: str) -> list[dict]:
    """The services the service's process rows name (« Services sollicités » first, then most named),
    with their referents' off-network phones: the shape of ``call_first``."""
    count: dict[str, int] = {}
    for row in sources.sheet(code, "processus"):
        for key, weight in (("relies_on", 100), ("serves", 1)):
            for other in split_list(text(row.get(key))):
                if other != code:
                    count[other] = count.get(other, 0) + weight
    known = sources.listed
    out = []
    for other in sorted((c for c in count if c in known), key=lambda c: (-count[c], c))[:MAX_CALLS]:
        people = [
            f"{r['nom']} – {r['telephone']}" for r in referents(sources.identity(other)) if r["nom"] != "À désigner"
        ]
        why = "Service sollicité" if count[other] >= 100 else "Service bénéficiaire"
        out.append(
            {
                "qui": f"{sources.name(other)} ({other})",
                "pourquoi": why,
                "joindre": "\n".join(people) or "Référents à désigner",
            }
        )
    return out


def poster_context(sources: Sources, code: str) -> dict:
    """The one-page reflex poster: directory, steps (crisis number filled in), services to call first."""
    context = reflex_context(sources, code)
    number = it_number(sources)
    for group in context["phases"]:
        for step in group["etapes"]:
            step["action"] = with_crisis_number(step["action"], number)
    if not context.get("call_first"):
        context["call_first"] = fallback_calls(sources, code)
    context["annuaire"] = directory(sources, code)
    context["salle_crise"] = crisis_room(context["annuaire"]) or "voir l'annuaire"
    context["serre"] = poster_lines(context) > POSTER_LINES
    context["astreinte_si"] = number or "voir l'annuaire de crise"
    return context


def _lines(value: str, width: int) -> int:
    return sum(max(1, -(-len(part) // width)) for part in str(value).split("\n"))


def poster_lines(context: dict) -> int:
    """Lines of 10 pt text the poster's variable parts take (steps, phase bands, directory, calls)."""
    steps = sum(
        max(_lines(e["action"], 60), _lines(e["qui"], 17), _lines(e["quand"], 17))
        for g in context["phases"]
        for e in g["etapes"]
    )
    calls = sum(
        max(_lines(c["joindre"], 46), _lines(c["qui"], 27), _lines(c["pourquoi"], 31)) for c in context["call_first"]
    )
    rows = sum(max(_lines(a["fonction"], 30), _lines(a["nom"], 30)) for a in context["annuaire"])
    return steps + len(context["phases"]) + round(0.8 * (calls + rows))


def step_hours(when: Any) -> int | None:
    """The milestone hour a step's « Quand » falls in (1, 4, 24, 72), None when not a delay."""
    value = fold(text(when))
    if not value or value.startswith("au retour") or "semaine" in value:
        return None
    found = _DURATION.search(value)
    if found:
        n = int(found.group(1)) * (24 if "jour" in found.group(2) else 1)
        return next((h for _, h in MILESTONES if n <= h), None)
    if "journee" in value or value.startswith("a "):
        return 24
    if any(word in value for word in _NOW):
        return 1
    return None


def timeline(sources: Sources, code: str) -> list[dict]:
    """H+0 / H+4 / H+24 / H+72: the reflex steps due by each milestone and the applications whose
    tolerable interruption ends there; then the steps of the return to normal."""
    rows = []
    steps = sources.sheet(code, "fiche_reflexe")
    apps = sources.sheet(code, "applications")
    number = it_number(sources)
    previous = 0
    for label, hours in MILESTONES:
        actions = [
            f"{with_crisis_number(text(s.get('action'), DASH), number)} ({text(s.get('who'), DASH)})"
            for s in steps
            if step_hours(s.get("when")) == hours
        ]
        limits = [
            text(a.get("resource"), DASH)
            for a in apps
            if previous < TOLERABLE_HOURS.get(text(a.get("tolerable")), 10**6) <= hours
        ]
        rows.append({"jalon": label, "actions": actions, "limites": ", ".join(limits) or DASH})
        previous = hours
    later = [
        f"{text(s.get('action'), DASH)} ({text(s.get('when'), DASH)})"
        for s in steps
        if step_hours(s.get("when")) is None
    ]
    longer = [text(a.get("resource"), DASH) for a in apps if text(a.get("tolerable")) == "Plus de 3 jours"]
    rows.append({"jalon": "Au-delà", "actions": later, "limites": ", ".join(longer) or DASH})
    return rows


def offline_devices(sources: Sources, code: str) -> list[dict]:
    """Biomedical devices that work off the network (« Oui » or « Partiellement »)."""
    return [
        {
            "equipement": text(b.get("device"), DASH),
            "quantite": integer(b.get("quantity")),
            "hors_reseau": text(b.get("offline"), DASH),
        }
        for b in sources.sheet(code, "biomedical")
        if text(b.get("offline")) in (YES, PARTLY_OFF_NETWORK)
    ]


def checklist(sources: Sources, code: str) -> list[dict]:
    """Documents with their readiness: ☑ when Prêt or Vérifié, the check date when given."""
    out = []
    for d in sources.sheet(code, "documents"):
        state = text(d.get("state"), TO_PREPARE)
        checked = "" if missing(d.get("checked_on")) else f" le {date_fr(d.get('checked_on'))}"
        out.append(
            {
                "case": "☑" if state in (READY, CHECKED) else "☐",
                "document": text(d.get("document"), DASH),
                "type": text(d.get("type"), DASH),
                "quantite": integer(d.get("quantity")),
                "emplacement": text(d.get("location"), DASH),
                "responsable": text(d.get("owner"), DASH),
                "etat": state + (checked if state == CHECKED else ""),
            }
        )
    return out


def service_binder_context(sources: Sources, code: str) -> dict:
    """The service's crisis binder: poster, process map, off-network devices, telecom allocation,
    timeline, documents checklist, blank log sheet."""
    context = binder_context(sources, code)
    context.update(poster_context(sources, code))
    context["documents"] = checklist(sources, code)
    context["documents_prets"] = sum(d["case"] == "☑" for d in context["documents"])
    context["hors_reseau"] = offline_devices(sources, code)
    context["telecom"] = [
        {"moyen": text(t.get("means"), DASH), "quantite": integer(t.get("quantity")), "usage": text(t.get("usage"))}
        for t in sources.sheet(code, "telecom")
    ]
    context["chronologie"] = timeline(sources, code)
    context["lignes"] = list(range(LOG_LINES))
    context.update(outage_context(sources, code))
    return context
