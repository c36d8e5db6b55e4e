"""The crisis cell's binder (``cellule_de_crise.docx``): the hospital crisis directory, capacity in
degraded mode per service, the support services' degraded organisation, every reflex poster, and
a blank log sheet (main courante)."""

from __future__ import annotations

from ..format.vocabulary import SUPPORT
from .context import Sources, common
from .crisis import LOG_LINES, directory, it_number, poster_context
from .text import DASH, integer, pct, text


def capacities(sources: Sources) -> list[dict]:
    """Nominal capacity, continuity ambition and capacity kept in a major failure, per service."""
    out = []
    for code in sources.codes:
        row = sources.identity(code)
        out.append(
            {
                "code": code,
                "nom": sources.name(code),
                "nominale": integer(row.get("capacity")),
                "ambition": pct(row.get("ambition")),
                "degradee": text(row.get("degraded_capacity"), DASH),
            }
        )
    return out


def supports(sources: Sources) -> list[dict]:
    """Support services and how they work in degraded mode (hours, rounds), when given."""
    out = []
    for code in sources.codes:
        row = sources.identity(code)
        if text(row.get("category")) == SUPPORT and text(row.get("degraded_organisation")):
            out.append({"nom": sources.name(code), "organisation": text(row.get("degraded_organisation"))})
    return out


def cell_context(sources: Sources) -> dict:
    """Everything the crisis cell's binder shows."""
    return {
        **common(sources),
        "annuaire": directory(sources),
        "astreinte_si": it_number(sources) or "voir l'annuaire de crise",
        "capacites": capacities(sources),
        "supports": supports(sources),
        "fiches": [poster_context(sources, code) for code in sources.codes],
        "lignes": list(range(LOG_LINES)),
    }
