"""The ``Progression`` sheet of the consolidated workbook: one row per run, a chart, each service's status by run."""

from __future__ import annotations

import math

from .layout import Writer

SHEET = "Progression"
RUN_COLUMNS = ["run", "received", "complete", "validated", "errors", "coverage", "vital"]
RUN_HEADERS = ["Exécution", "Services reçus", "Dont complets", "Validés", "Erreurs", "Couverture des parades (%)",
               "Processus vitaux non protégés"]  # fmt: skip
CHART_ROWS = 16
#: Statuses shown green (done) and red (to chase) in the per-service table.
GOOD = ("Validé",)


def progression(w: Writer, c) -> None:
    """Nothing when the run is not recorded (``documents`` alone)."""
    p = c.progression
    if p is None:
        return
    ws = w.sheet(SHEET, charts=True)
    row = w.heading(
        ws, 0, "Progression de la campagne",
        "Une ligne par consolidation (pca-xlsx run ou consolidate), gardée d'une exécution à l'autre dans "
        "etat/campagne.json ; puis le statut de chaque service à chacune des dernières exécutions. Services reçus et "
        "couverture : ceux de la Synthèse ; dont complets : reçus au contenu minimal (identité, un processus, une "
        "application, une étape de fiche réflexe) ; validés : sans erreur.",
    )  # fmt: skip
    top = row
    end = w.table(ws, top, p.runs, RUN_COLUMNS, RUN_HEADERS, title="Progression_executions")
    first, last = top + 1, top + max(len(p.runs), 1)
    chart = w.wb.add_chart({"type": "line"})
    for key, color in (("received", "#1F4E79"), ("complete", "#2E75B6"), ("validated", "#70AD47"),
                       ("errors", "#C00000")):  # fmt: skip
        col = RUN_COLUMNS.index(key)
        chart.add_series({"name": [SHEET, top, col], "categories": [SHEET, first, 0, last, 0],
                          "values": [SHEET, first, col, last, col], "line": {"color": color, "width": 2.25},
                          "marker": {"type": "circle", "size": 5, "fill": {"color": color},
                                     "border": {"color": color}}})  # fmt: skip
    col = RUN_COLUMNS.index("coverage")
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
    ws.write_string(row, 0, "Statut de chaque service par exécution", w.fmt.subtitle)
    keys = list(p.services.columns)
    headers = ["Code service", "Service", *p.run_headers]
    w.table(ws, row + 1, p.services, keys, headers, title="Progression_services", repeat=True)
    last_row = row + 1 + max(len(p.services), 1)
    if len(keys) > 2:
        green = w.wb.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"})
        red = w.wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        area = (row + 2, 2, last_row, len(keys) - 1)
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": '"Validé"', "format": green})
        ws.conditional_format(*area, {"type": "text", "criteria": "not containing", "value": "Valid", "format": red})
    ws.freeze_panes(row + 2, 2)
