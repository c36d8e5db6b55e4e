"""Coordination gaps: A relies on B for a vital or major process, and B's plan does not say so.

One gap per (A, B, A's process row) when A names B in « Services sollicités » and B sent a
workbook, and either no process of B names A (or « Tous ») in « Services bénéficiaires », or every
process of B that serves A on the same resource has its workaround « À construire ».
"""

from __future__ import annotations

import pandas as pd

from ..format import fold
from ..format.tables import TABLES
from ..format.vocabulary import CRITICALITY, TO_BUILD
from .common import Directory
from .gap import Gap
from .reliances import ALL_SERVICES, RELIES, serving

COORDINATION = "Coordination à organiser entre services"
URGENT = CRITICALITY[:2]  # Vitale, Majeure
ABSENT = "absent"
UNBUILT = "à construire"
COLUMNS = TABLES["coordinations"].frame_keys


def _address(people: Directory, row: dict) -> str:
    letter = people.letters.get((row["file"], "processus"), {}).get("status")
    return f"{row['file']} · {row['sheet']}!{letter}{row['row']}" if letter else row["file"]


def build_coordination(reliances: pd.DataFrame, details: dict[str, pd.DataFrame], people: Directory) -> pd.DataFrame:
    """The coordination gaps, sorted by service, partner and cell."""
    served = serving(details)
    out = []
    asked = reliances[(reliances["via"] == RELIES) & reliances["criticality"].isin(URGENT)]
    for r in asked.itertuples(index=False):
        a, b = r.code, r.relies_on
        if not people.received(b):
            continue  # reported as « Interface vers un service sans classeur »
        rows = served.get(b, {}).get(a, []) + served.get(b, {}).get(ALL_SERVICES, [])
        files = ", ".join(sorted(people.files.get(b, [])))
        head = (
            f"{a} compte sur {b} pour {r.process} ({r.criticality.lower()}, {r.resource or 'ressource non précisée'})"
        )
        if not rows:
            problem, partner_source = ABSENT, files
            detail = (
                f"{head} ; le classeur de {b} ({files}) ne cite {a} dans les « Services bénéficiaires » "
                "d'aucun processus : à organiser entre les deux services."
            )
        else:
            same = [x for x in rows if fold(x["resource"]) == fold(r.resource)]
            if not same or any(x["status"] != TO_BUILD for x in same):
                continue
            problem = UNBUILT
            partner_source = "; ".join(_address(people, x) for x in same)
            detail = f"{head} ; la parade de {b} pour {r.resource} est « {TO_BUILD} » ({partner_source})."
        out.append(
            {
                "code": a,
                "name": r.name,
                "partner": b,
                "partner_name": people.names.get(b, ""),
                "number": r.number,
                "process": r.process,
                "criticality": r.criticality,
                "resource": r.resource,
                "file": r.file,
                "sheet": r.sheet,
                "cell": r.cell,
                "source": r.source,
                "partner_file": files,
                "partner_source": partner_source,
                "problem": problem,
                "detail": detail,
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)


def coordination_gaps(coordination: pd.DataFrame, people: Directory) -> list[Gap]:
    """The coordination gaps, gaps of type :data:`COORDINATION` (one per row of ``coordination``)."""
    return [
        Gap(
            type=COORDINATION,
            code=code,
            name=name,
            pole_name=people.pole_name(code),
            file=file,
            sheet=sheet,
            cell=cell,
            detail=detail,
        )  # fmt: skip
        for code, name, file, sheet, cell, detail in zip(
            *(coordination[k] for k in ("code", "name", "file", "sheet", "cell", "detail"))
        )  # fmt: skip
    ]
