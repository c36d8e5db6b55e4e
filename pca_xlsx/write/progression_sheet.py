"""The ``Progression`` sheet of the consolidated workbook: one row per run, a chart, each service's status by run."""

from __future__ import annotations

import math

from xlsxwriter.utility import xl_rowcol_to_cell

from ..format.output import Field
from ..format.tables import TABLES
from ..validate.summary import NO_ERROR
from .layout import Writer

SHEET = "Progression"
RUNS = TABLES["progression_executions"]
SERVICES = TABLES["progression_services"]
#: The runs table's columns (the state in ``etat/campagne.json`` keeps the same keys but ``run``).
RUN_COLUMNS = RUNS.keys
CHART_ROWS = 16
STATUS_WIDTH = 18  # a status column: fits « Reçu incomplet », « À corriger »
NOTE = (
    "Cette feuille est tenue à jour à chaque consolidation (commande pca-xlsx run ou pca-xlsx consolidate). "
    "Elle donne une ligne par consolidation, puis le statut de chaque service aux dernières consolidations. "
    "Les services reçus et la couverture sont ceux de la Synthèse. "
    "« Dont complets » compte les classeurs au contenu minimal (identité, un processus, une application, une étape "
    "de fiche réflexe). "
    f"« Services sans erreur » (statut « {NO_ERROR} ») compte les classeurs sans erreur de saisie, des "
    "avertissements pouvant rester. "
    "Cela ne veut pas dire que le plan est validé : un plan validé a « Validé par » et « Date de validation » "
    "remplis dans son classeur (plans validés de la Synthèse). "
    "L'historique est gardé dans le dossier de sortie de l'outil, et repart de zéro si ce dossier est supprimé."
)


def progression(w: Writer, c) -> None:
    """Nothing when the run is not recorded (``documents`` alone)."""
    p = c.progression
    if p is None:
        return
    ws = w.sheet(SHEET, charts=True)
    row = w.heading(ws, 0, "Progression de la campagne", NOTE)
    top = row
    end = w.table(ws, top, p.runs, RUNS)
    first, last = top + 1, top + max(len(p.runs), 1)
    chart = w.wb.add_chart({"type": "line"})
    for key, color in (("received", "#1F4E79"), ("complete", "#2E75B6"), ("validated", "#70AD47"),
                       ("errors", "#C00000")):  # fmt: skip
        col = RUNS.index(key)
        chart.add_series({"name": [SHEET, top, col], "categories": [SHEET, first, 0, last, 0],
                          "values": [SHEET, first, col, last, col], "line": {"color": color, "width": 2.25},
                          "marker": {"type": "circle", "size": 5, "fill": {"color": color},
                                     "border": {"color": color}}})  # fmt: skip
    col = RUNS.index("coverage")
    chart.add_series({"name": [SHEET, top, col], "categories": [SHEET, first, 0, last, 0],
                      "values": [SHEET, first, col, last, col], "y2_axis": True,
                      "line": {"color": "#ED7D31", "width": 2.25, "dash_type": "dash"}})  # fmt: skip
    chart.set_title({"name": "Progression d'une exécution à l'autre"})
    counts = p.runs[["received", "complete", "validated", "errors"]].to_numpy().ravel().tolist()
    highest = max([int(v) for v in counts if v == v and v is not None] or [1])
    chart.set_y_axis({"name": "Nombre", "min": 0, "major_unit": max(1, math.ceil(highest / 8)), "num_format": "0"})
    chart.set_y2_axis({"name": "Couverture (%)", "min": 0, "max": 100})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 820, "height": 300})
    ws.insert_chart(end, 0, chart)
    row = end + CHART_ROWS + 1
    ws.write_string(row, 0, SERVICES.title, w.fmt.subtitle)
    runs = [k for k in p.services.columns if k not in SERVICES.keys]
    table = SERVICES.with_fields([Field(k, h, width=STATUS_WIDTH) for k, h in zip(runs, p.run_headers)])
    w.table(ws, row + 1, p.services, table)
    last_row = row + 1 + max(len(p.services), 1)
    if runs:
        green = w.wb.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"})
        red = w.wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        area = (row + 2, 2, last_row, 1 + len(runs))
        first = xl_rowcol_to_cell(row + 2, 2, row_abs=False, col_abs=False)
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": f'"{NO_ERROR}"', "format": green})
        ws.conditional_format(
            *area, {"type": "formula", "criteria": f'=AND({first}<>"",{first}<>"{NO_ERROR}")', "format": red}
        )  # not in that run: left blank
    ws.freeze_panes(row + 2, 2)
