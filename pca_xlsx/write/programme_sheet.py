"""The ``Programme d'exercices`` sheet of the consolidated workbook: the year's field-exercise
requirement, then the exercises to schedule (:mod:`pca_xlsx.consolidate.programme`)."""

from __future__ import annotations

import pandas as pd

from ..consolidate.labels import label
from ..consolidate.programme import PROGRAMME_COLUMNS, PROGRAMME_LABELS, PROGRAMME_RULE
from ..format.grid import RESULT_RULE
from .layout import Writer

SHEET = "Programme d'exercices"


def programme(w: Writer, c) -> None:
    req = c.field_exercises
    table = c.programme if isinstance(c.programme, pd.DataFrame) else pd.DataFrame(columns=PROGRAMME_COLUMNS)
    ws = w.sheet(SHEET)
    title = f"Programme d'exercices {req.year}" if req is not None else "Programme d'exercices"
    row = w.heading(ws, 0, title, f"{req.sentence if req is not None else ''} {PROGRAMME_RULE} {RESULT_RULE}".strip())
    if req is not None:
        summary = pd.DataFrame(
            {
                "year": [req.year],
                "count": [req.count],
                "met": ["Oui" if req.met else "Non"],
                "unplayed": ["; ".join(req.unplayed) or "—"],
                "done": ["; ".join(req.exercises) or "—"],
            }
        )
        headers = ["Année", "Exercices de terrain", "Exigence remplie", "Scénarios jamais joués", "Réalisés"]
        row = w.table(ws, row, summary, list(summary.columns), headers, title="Exigence_terrain", spill=("done",))
        if not req.met:
            ws.write_string(row - 1, 0, f"Aucun exercice de terrain en {req.year} : à programmer en priorité.", w.alert)
    ws.write_string(row, 0, f"Exercices à programmer : {len(table)}", w.fmt.subtitle)
    headers = [PROGRAMME_LABELS.get(k) or label(k) for k in PROGRAMME_COLUMNS]
    w.table(ws, row + 1, table, PROGRAMME_COLUMNS, headers, title="Programme_exercices", repeat=True)
