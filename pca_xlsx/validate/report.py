"""``rapport_validation.xlsx``: one row per finding, by file then position, as a filterable Excel table."""

from __future__ import annotations

from pathlib import Path

from ..core.collector import gc_paused
from ..core.files import atomic_path
from ..core.xlsx import Formats, new_workbook, wrapped_lines, write_value
from ..findings import Finding, Report
from .summary import listed, write_summary

SHEET = "Anomalies"
COLUMNS = (
    ("Fichier", 28),
    ("Service", 10),
    ("Feuille", 16),
    ("Cellule", 9),
    ("Gravité", 14),
    ("Règle", 26),
    ("Message", 80),
    ("Valeur", 30),
)


def _row(item: Finding) -> list[str]:
    return [item.file, item.service, item.sheet, item.cell, item.severity, item.title, item.message, item.value]


def write_report(
    report: Report, path: Path, result=None, copies: dict[str, str] | None = None, scope: str = ""
) -> Path:
    """Write the findings of ``report`` to ``path`` atomically; with the run's ``result``, a ``Résumé``
    sheet comes first (one row per service, links to the annotated copies named in ``copies``). Findings are sorted
    by file (the referential's first, then the workbooks as ``Résumé`` lists them), then position."""
    files = [result.referential.path.name, *(wb.file for wb in listed(result.workbooks))] if result is not None else []
    findings = report.sorted(files)
    with gc_paused(), atomic_path(path) as tmp:
        workbook = new_workbook(tmp)
        fmt = Formats(workbook)
        if result is not None:
            write_summary(workbook, fmt, report, result.referential, result.workbooks, copies or {}, scope,
                          getattr(result, "campaign", None))  # fmt: skip
        error = workbook.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE", "valign": "top"})
        warning = workbook.add_format({"font_color": "#7F6000", "bg_color": "#FFEB9C", "valign": "top"})
        ws = workbook.add_worksheet(SHEET)
        last = max(len(findings), 1)
        ws.add_table(
            0,
            0,
            last,
            len(COLUMNS) - 1,
            {
                "name": "Anomalies",
                "style": "Table Style Light 9",
                "columns": [{"header": name} for name, _ in COLUMNS],
            },
        )
        for col, (_, width) in enumerate(COLUMNS):
            ws.set_column(col, col, width, fmt.text)
        for row, item in enumerate(findings, 1):
            values = _row(item)
            for col, value in enumerate(values):
                cell_fmt = (error if item.is_error else warning) if col == 4 else fmt.text
                write_value(ws, row, col, value, cell_fmt)
            lines = wrapped_lines(values, [width for _, width in COLUMNS])
            if lines > 1:  # wrapped text shown whole: LibreOffice does not fit the rows itself
                ws.set_row(row, 15 * lines)
        ws.freeze_panes(1, 0)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        workbook.close()
    return Path(path)
