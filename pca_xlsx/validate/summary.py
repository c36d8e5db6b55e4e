"""The first sheet of the validation report: title, run date, scope, one row per service, missing services."""

from __future__ import annotations

import datetime as dt

from ..core.xlsx import Formats, write_value
from ..findings import Report
from ..format.vocabulary import TO_CHECK
from .identity import to_check

SHEET = "Résumé"
COLUMNS = (
    ("Code service", 12),
    ("Service", 34),
    ("Fichier", 26),
    ("Erreurs", 9),
    ("Avertissements", 14),
    ("Statut", 26),
    ("Copie annotée", 30),
)
VALIDATED, TO_FIX, UNREADABLE, NOT_RECEIVED = "Validé", "À corriger", "Illisible : à renvoyer", "Classeur non reçu"


def service_rows(report: Report, referential, workbooks, copies: dict[str, str]) -> list[list]:
    """One row per workbook read (by service code), then one per service of the referential without workbook."""
    counts = report.counts()
    names = dict(zip(referential.services["code"], referential.services["name"]))
    rows, seen = [], set()
    checking = to_check(workbooks)
    for wb in sorted(workbooks, key=lambda w: (w.service or "~", w.file)):
        errors, warnings = counts.get(wb.file, (0, 0))
        status = UNREADABLE if not wb.readable else (TO_FIX if errors else VALIDATED)
        code = wb.service
        if wb.disputed:
            status = TO_CHECK
        else:
            seen.add(code)
        rows.append([code, names.get(code, ""), wb.file, errors, warnings, status, copies.get(wb.file, "")])
    for code in referential.service_codes:
        if code not in seen:
            status = f"{TO_CHECK} : {', '.join(checking[code])}" if code in checking else NOT_RECEIVED
            rows.append([code, names.get(code, ""), None, 0, 0, status, ""])
    return rows


def write_summary(workbook, fmt: Formats, report: Report, referential, workbooks, copies, scope: str) -> None:
    """The ``Résumé`` sheet; ``copies`` maps a file to its annotated copy's name (in ``annotes/``)."""
    ws = workbook.add_worksheet(SHEET)
    bold = workbook.add_format({"bold": True, "valign": "top"})
    plain = workbook.add_format({"valign": "top"})  # header lines overflow to the right, unwrapped
    link = workbook.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
    red = workbook.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE", "valign": "top"})
    alert = workbook.add_format({"bold": True, "font_color": "#9C0006", "valign": "top"})
    green = workbook.add_format({"font_color": "#006100", "bg_color": "#C6EFCE", "valign": "top"})
    ws.write_string(0, 0, f"Rapport de validation – {referential.name}", fmt.title)
    ws.write_string(1, 0, f"Exécuté le {dt.datetime.now().strftime('%d/%m/%Y à %H:%M')}", plain)
    ws.write_string(2, 0, f"Classeurs pris en compte : {scope}", plain)
    rows = service_rows(report, referential, workbooks, copies)
    missing = [r for r in rows if r[5] == NOT_RECEIVED]
    checking = sum(r[2] is not None and r[5] == TO_CHECK for r in rows)
    line = (
        f"{sum(r[2] is not None for r in rows)} classeur(s) reçu(s), {sum(r[5] == VALIDATED for r in rows)} validé(s), "
        f"{sum(r[5] in (TO_FIX, UNREADABLE) for r in rows)} à corriger"
        + (f", {checking} à vérifier (identité)" if checking else "")
        + f" ; {len(report.errors)} erreur(s), "
        f"{len(report.warnings)} avertissement(s) au total (détail : feuille « Anomalies »)."
    )
    ws.write_string(3, 0, line, bold)
    if missing:
        shown = ", ".join(f"{r[1] or r[0]} ({r[0]})" for r in missing)
        ws.write_string(4, 0, f"Services sans classeur reçu ({len(missing)}) : {shown}", alert)
    top = 6
    ws.add_table(top, 0, top + max(len(rows), 1), len(COLUMNS) - 1,
                 {"name": "Services", "style": "Table Style Light 9",
                  "columns": [{"header": name} for name, _ in COLUMNS]})  # fmt: skip
    for col, (_, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width, fmt.text)
    for r, row in enumerate(rows, top + 1):
        for c, value in enumerate(row[:6]):
            cell_fmt = (green if value == VALIDATED else red) if c == 5 else fmt.text
            write_value(ws, r, c, value, cell_fmt)
        if row[6]:
            ws.write_url(r, 6, f"external:annotes/{row[6]}", link, string=row[6])
    ws.freeze_panes(top + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    ws.activate()
