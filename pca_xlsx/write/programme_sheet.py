"""The ``Programme d'exercices`` sheet of the consolidated workbook: the year's field-exercise
requirement, then the exercises to schedule (:mod:`pca_xlsx.consolidate.programme`)."""

from __future__ import annotations

import pandas as pd

from ..consolidate.programme import PROGRAMME_RULE
from ..format.grid import RESULT_RULE
from ..format.tables import TABLES
from ..format.vocabulary import NO, YES
from .layout import Writer

SHEET = "Programme d'exercices"


def programme(w: Writer, c) -> None:
    req = c.field_exercises
    spec = TABLES["programme_exercices"]
    table = c.programme if isinstance(c.programme, pd.DataFrame) else spec.empty()
    ws = w.sheet(SHEET)
    title = f"Programme d'exercices {req.year}" if req is not None else "Programme d'exercices"
    row = w.heading(ws, 0, title, f"{req.sentence if req is not None else ''} {PROGRAMME_RULE} {RESULT_RULE}".strip())
    if req is not None:
        summary = pd.DataFrame(
            {
                "year": [req.year],
                "count": [req.count],
                "met": [YES if req.met else NO],
                "unplayed": ["; ".join(req.unplayed)],
                "done": ["; ".join(req.exercises) or "—"],
            }
        )
        row = w.table(ws, row, summary, TABLES["exigence_terrain"])
        if not req.met:
            ws.write_string(row - 1, 0, f"Aucun exercice de terrain en {req.year} : à programmer en priorité.", w.alert)
    ws.write_string(row, 0, f"Exercices à programmer : {len(table)}", w.fmt.subtitle)
    w.table(ws, row + 1, table, spec)
