"""The first sheet of the validation report: title, run date, scope, one row per service, missing services."""

from __future__ import annotations

import datetime as dt

from ..core.words import counted
from ..core.xlsx import Formats, wrapped_lines, write_value
from ..findings import Report
from ..format.vocabulary import TO_CHECK
from .completeness import INCOMPLETE
from .identity import to_check

SHEET = "Résumé"
COLUMNS = (
    ("Code service", 12),
    ("Service", 34),
    ("Fichier", 26),
    ("Erreurs", 9),
    ("Avertissements", 14),
    ("Statut", 28),
    ("Copie annotée", 30),
    ("Erreurs à l'exécution précédente", 14),
    ("Reçu le", 11),
    ("Pôle", 28),
    ("Établissement", 14),
    ("Référent médical", 24),
    ("E-mail du référent médical", 30),
    ("Référent paramédical", 24),
    ("E-mail du référent paramédical", 30),
    ("À compléter", 50),
)
#: « Sans erreur » says what the tool checked (no input error); « validé » is left to a plan signed off
#: (« Validé par », « Date de validation »: the Synthèse's « Plans validés »).
NO_ERROR, TO_FIX, NOT_RECEIVED = "Sans erreur", "À corriger", "Classeur non reçu"
#: A workbook received that cannot be read: the service did send one (not « non reçu », not to chase).
UNREADABLE = "Reçu, illisible : à renvoyer"
#: Statuses saved in the campaign state by earlier versions → today's wording (``Progression`` of past runs).
EARLIER_STATUSES = {"Validé": NO_ERROR}
STATUS, COPY = 5, 6  # columns of a row
#: Statuses of a service with a workbook that counts as received and complete.
RECEIVED_COMPLETE = (NO_ERROR, TO_FIX)
REFERENTS = ("medical_referent", "medical_email", "paramedical_referent", "paramedical_email")


def _form(wb) -> dict:
    sheet = wb.sheets.get("service")
    return dict(zip(sheet.spec.all_keys, sheet.rows[0])) if sheet and sheet.rows else {}


def code_of(wb) -> str:
    """The service a workbook is shown under: its ``Service`` sheet's code, else (unreadable) its file name's."""
    return wb.service or wb.named


def listed(workbooks) -> list:
    """The workbooks in the order the report lists them: by service code, those of no service last, by file."""
    return sorted(workbooks, key=lambda w: (code_of(w) or "~", w.file))


def service_rows(report: Report, referential, workbooks, copies: dict[str, str], campaign=None) -> list[list]:
    """One row per workbook read (by service code), then one per service of the referential without
    workbook: « disparu depuis le … » when an earlier run received one (``campaign``), else non reçu."""
    from ..read.ght import establishment_of, is_ght
    from .completeness import incomplete

    counts = report.counts()
    names = dict(zip(referential.services["code"], referential.services["name"]))
    pole_names = dict(zip(referential.poles["code"].astype(str), referential.poles["name"]))
    poles = {c: pole_names.get(str(p), "") for c, p in zip(referential.services["code"], referential.services["pole"])}
    establishments = establishment_of(referential) if is_ght(referential) else {}
    lacking = incomplete(workbooks)
    gone = campaign.gone if campaign is not None else {}

    def follow_up(code: str) -> list:
        last = campaign.last_errors(code) if campaign is not None else None
        received = campaign.received_on(code) if campaign is not None else ""
        return [last, received, poles.get(code, ""), establishments.get(code, "")]

    rows, seen = [], set()
    checking = to_check(workbooks)
    for wb in listed(workbooks):
        errors, warnings = counts.get(wb.file, (0, 0))
        code = code_of(wb)
        todo = ""
        if not wb.readable:
            status = UNREADABLE
        elif code in lacking:
            status, todo = INCOMPLETE, ", ".join(lacking[code])
        else:
            status = TO_FIX if errors else NO_ERROR
        if wb.disputed:
            status = TO_CHECK
        elif code:
            seen.add(code)
        form = _form(wb)
        row = [code, names.get(code, ""), wb.file, errors, warnings, status, copies.get(wb.file, "")]
        rows.append([*row, *follow_up(code), *(form.get(k) for k in REFERENTS), todo])
    for code in referential.service_codes:
        if code not in seen:
            status, todo = NOT_RECEIVED, ""
            if code in checking:
                status = f"{TO_CHECK} : {', '.join(checking[code])}"
            elif code in gone:
                status, todo = gone[code].status, gone[code].sentence()
            row = [code, names.get(code, ""), None, 0, 0, status, ""]
            rows.append([*row, *follow_up(code), None, None, None, None, todo])
    return rows


def write_summary(workbook, fmt: Formats, report: Report, referential, workbooks, copies, scope: str,
                  campaign=None) -> None:  # fmt: skip
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
    rows = service_rows(report, referential, workbooks, copies, campaign)
    missing = [r for r in rows if r[2] is None and not str(r[STATUS]).startswith(TO_CHECK)]
    short = sum(r[STATUS] == INCOMPLETE for r in rows)
    checking = sum(r[2] is not None and r[STATUS] == TO_CHECK for r in rows)
    unreadable = sum(r[STATUS] == UNREADABLE for r in rows)
    received = sum(r[2] is not None for r in rows) - short - checking
    line = (
        f"{counted(received, 'classeur reçu', 'classeurs reçus')}, {counted(short, 'reçu incomplet', 'reçus incomplets')}, "
        f"{sum(r[STATUS] == NO_ERROR for r in rows)} sans erreur, "
        f"{sum(r[STATUS] in (TO_FIX, UNREADABLE) for r in rows)} à corriger"
        + (f" dont {counted(unreadable, 'illisible', 'illisibles')} à renvoyer" if unreadable else "")
        + (f", {checking} à vérifier (identité)" if checking else "")
        + f" ; {counted(len(report.errors), 'erreur')}, "
        f"{counted(len(report.warnings), 'avertissement')} au total (détail : feuille « Anomalies »)."
    )
    ws.write_string(3, 0, line, bold)
    gone = [r for r in missing if r[STATUS] != NOT_RECEIVED]  # received at an earlier run
    missing = [r for r in missing if r[STATUS] == NOT_RECEIVED]
    if missing:
        shown = ", ".join(f"{r[1] or r[0]} ({r[0]})" for r in missing)
        ws.write_string(4, 0, f"Services sans classeur reçu ({len(missing)}) : {shown}", alert)
    if gone:
        shown = ", ".join(f"{r[1] or r[0]} ({r[0]}, {r[STATUS].lower()})" for r in gone)
        ws.write_string(5, 0, f"Classeurs disparus ({len(gone)}) : {shown}", alert)
    top = 6
    ws.add_table(top, 0, top + max(len(rows), 1), len(COLUMNS) - 1,
                 {"name": "Services", "style": "Table Style Light 9",
                  "columns": [{"header": name} for name, _ in COLUMNS]})  # fmt: skip
    for col, (_, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width, fmt.text)
    for r, row in enumerate(rows, top + 1):
        for c, value in enumerate(row):
            if c == COPY:
                if value:
                    ws.write_url(r, c, f"external:annotes/{value}", link, string=value)
                continue
            cell_fmt = (green if value == NO_ERROR else red) if c == STATUS else fmt.text
            write_value(ws, r, c, None if value == "" else value, cell_fmt, fmt.date)
        lines = wrapped_lines([v if isinstance(v, str) else "" for v in row], [width for _, width in COLUMNS])
        if lines > 1:
            ws.set_row(r, 15 * lines)
    ws.freeze_panes(top + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(3, 0)  # three pages wide, the code and name repeated: the follow-up columns stay readable
    ws.repeat_columns(0, 1)
    ws.repeat_rows(top)
    ws.activate()
