"""Write a service workbook from the format description: a blank template, or a filled one.

Every sheet, label, help text, drop-down and validation comes from ``pca_xlsx.format``.
Lists live on a hidden ``Listes`` sheet behind defined names (no 255-character limit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.files import atomic_path
from ..core.positions import column_letter
from ..core.xlsx import Formats, new_workbook, write_value
from ..format import SERVICE_SHEETS, TEMPLATE_VERSION, Column, Sheet
from ..read.referential import Referential
from .lists import service_choices
from .readme import row_height, write_readme

#: Rows that get drop-downs and validation below the header (beyond the prepared rows).
VALIDATED_ROWS = 500
LISTS_SHEET = "Listes"
PROTECTION = {
    "format_cells": True,
    "format_columns": True,
    "format_rows": True,
    "insert_rows": True,
    "delete_rows": True,
    "sort": True,
    "autofilter": True,
}


def list_name(column: Column, sheet: Sheet) -> str:
    """Defined name of the drop-down list of a column."""
    if column.lookup:
        return f"Liste_{column.lookup}"
    return f"Liste_{sheet.key}_{column.key}"


def _lists(referential: Referential, code: str) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {
        "Liste_ressources": [str(v) for v in referential.resource_names],
        "Liste_services": service_choices(referential, code),
        "Liste_scenarios": [str(v) for v in referential.scenario_names],
        "Liste_poles": [str(v) for v in referential.poles["code"]],
    }
    for sheet in SERVICE_SHEETS:
        for column in sheet.columns:
            if column.choices:
                lists[list_name(column, sheet)] = list(column.choices)
    return lists


def _write_lists(workbook, fmt: Formats, lists: dict[str, list[str]]) -> None:
    ws = workbook.add_worksheet(LISTS_SHEET)
    for col, (name, values) in enumerate(lists.items()):
        ws.write_string(0, col, name, fmt.bold)
        for row, value in enumerate(values, 1):
            ws.write_string(row, col, value)
        last = max(len(values), 1) + 1
        letter = _letter(col)
        workbook.define_name(name, f"={LISTS_SHEET}!${letter}$2:${letter}${last}")
    ws.hide()
    ws.protect()


def _letter(col: int) -> str:

    return column_letter(col)


#: Excel shows at most 32 characters of an input or error message title.
TITLE_LIMIT = 32
_ABBREVIATIONS = (("Téléphone", "Tél."), ("référent", "réf."), ("paramédical", "paraméd."))


def short_title(label: str) -> str:
    """``label`` within Excel's 32-character title limit: usual abbreviations, then cut at a word."""
    for word, short in _ABBREVIATIONS:
        if len(label) <= TITLE_LIMIT:
            break
        label = label.replace(word, short)
    if len(label) <= TITLE_LIMIT:
        return label
    return label[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _validation(column: Column, sheet: Sheet) -> dict[str, Any] | None:
    """The xlsxwriter data validation of a column, with its help as input message."""
    message = (column.help or column.label)[:255]
    title = short_title(column.label)
    base = {"input_title": title, "input_message": message}
    if column.vocabulary:
        if column.multi:
            # A list of codes: the drop-down helps, any text is accepted.
            error = "information"
        elif column.lookup:
            error = "warning"
        else:
            error = "stop"
        return base | {
            "validate": "list",
            "source": f"={list_name(column, sheet)}",
            "error_type": error,
            "error_title": title,
            "error_message": f"Choisissez une valeur dans la liste de « {column.label} ».",
        }
    if column.kind == "integer":
        lo = int(column.min) if column.min is not None else -1_000_000_000
        hi = int(column.max) if column.max is not None else 1_000_000_000
        return base | {
            "validate": "integer",
            "criteria": "between",
            "minimum": lo,
            "maximum": hi,
            "error_title": title,
            "error_message": f"« {column.label} » : un nombre entier est attendu"
            + (f" entre {lo} et {hi}." if column.max is not None else f" supérieur ou égal à {lo}."),
        }
    if column.kind == "date":
        import datetime as dt

        return base | {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "error_title": title,
            "error_message": f"« {column.label} » : une date est attendue (jj/mm/aaaa).",
        }
    return base | {"validate": "any"}


#: Cells to flag for a human check: (row index, column key) -> comment (``write_service_workbook(marks=)``).
Marks = dict[tuple[int, str], str]


def _flag(ws, row: int, col: int, value: Any, check, comment: str) -> None:
    """Rewrite a cell in the « à vérifier » format with its comment."""
    write_value(ws, row, col, value, check, check)
    ws.write_comment(row, col, comment, {"x_scale": 2, "y_scale": 2, "author": "pca-xlsx"})


def _write_form(workbook, fmt: Formats, sheet: Sheet, values: dict[str, Any], marks: Marks | None = None) -> None:
    ws = workbook.add_worksheet(sheet.name)
    ws.set_column(0, 0, 42)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 2, 60)
    ws.write_string(0, 0, "Libellé", fmt.header)
    ws.write_string(0, 1, "Valeur", fmt.header)
    ws.write_string(0, 2, "Aide", fmt.header)
    for row, column in enumerate(sheet.columns, 1):
        ws.write_string(row, 0, column.header, fmt.label)
        value = values.get(column.key)
        if column.locked:
            write_value(ws, row, 1, value, fmt.locked, fmt.locked_date)
        else:
            write_value(ws, row, 1, value, fmt.input_text if column.kind == "phone" else fmt.input, fmt.input_date)
            rule = _validation(column, sheet)
            if rule and rule["validate"] != "any":
                ws.data_validation(row, 1, row, 1, rule)
            elif rule:
                ws.data_validation(
                    row,
                    1,
                    row,
                    1,
                    {"validate": "any", "input_title": rule["input_title"], "input_message": rule["input_message"]},
                )
        ws.write_string(row, 2, column.help, fmt.help)
        ws.set_row(row, max(row_height(column.help, 60), row_height(str(value or ""), 60)))
        if marks and (0, column.key) in marks:
            _flag(ws, row, 1, value, fmt.check, marks[(0, column.key)])
    ws.freeze_panes(1, 1)
    _print_setup(ws)
    ws.protect("", PROTECTION)


def _write_table(workbook, fmt: Formats, sheet: Sheet, rows: list[dict[str, Any]], marks: Marks | None = None) -> None:
    ws = workbook.add_worksheet(sheet.name)
    for col, column in enumerate(sheet.columns):
        locked = column.locked
        kinds = {"date": fmt.unlocked_date, "phone": fmt.unlocked_text}
        cell_fmt = fmt.locked if locked else kinds.get(column.kind, fmt.unlocked)
        ws.set_column(col, col, column.width, cell_fmt)
        ws.write_string(0, col, column.header, fmt.header)
        rule = _validation(column, sheet)
        if rule and not locked:
            ws.data_validation(1, col, VALIDATED_ROWS, col, rule)
    ws.set_row(0, 32)
    ws.freeze_panes(1, 0)
    if sheet.prefilled:
        rows = rows or [{} for _ in sheet.prefilled]
        rows = [dict(r, **{sheet.columns[0].key: q}) for r, q in zip(rows, sheet.prefilled)]
    count = max(len(rows), sheet.prepared_rows)
    for i in range(count):
        record = rows[i] if i < len(rows) else {}
        for col, column in enumerate(sheet.columns):
            if column.locked:
                cell_fmt, date_fmt = fmt.locked, fmt.locked_date
            else:
                cell_fmt, date_fmt = fmt.input, fmt.input_date
            write_value(ws, i + 1, col, record.get(column.key), cell_fmt, date_fmt)
    for (i, key), comment in (marks or {}).items():
        col = sheet.keys.index(key)
        _flag(ws, i + 1, col, rows[i].get(key) if i < len(rows) else None, fmt.check, comment)
    ws.autofilter(0, 0, count, len(sheet.columns) - 1)
    ws.repeat_rows(0)
    _print_setup(ws)
    ws.protect("", PROTECTION)


def _print_setup(ws) -> None:
    """Printable by a referent: A4 landscape, one page wide."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def service_values(referential: Referential, code: str) -> dict[str, Any]:
    """Pre-filled fields of the ``Service`` sheet, from the referential."""
    row = referential.service(code)
    return {
        "code": code,
        "name": row.get("name", ""),
        "pole": row.get("pole_name") or row.get("pole", ""),
        "category": row.get("category", ""),
        "template_version": TEMPLATE_VERSION,
    }


def write_service_workbook(
    path: Path,
    referential: Referential,
    code: str,
    content: dict[str, Any] | None = None,
    marks: dict[str, Marks] | None = None,
) -> Path:
    """Write the workbook of service ``code``; ``content`` maps sheet keys to rows (demo data, an
    upgraded workbook's values); ``marks`` maps sheet keys to cells flagged « à vérifier »."""
    content = content or {}
    marks = marks or {}
    with atomic_path(path) as tmp:
        workbook = new_workbook(tmp)
        fmt = Formats(workbook)
        fmt.check = workbook.add_format(
            {"bg_color": "#FFEB9C", "text_wrap": True, "valign": "top", "border": 1, "locked": False}
        )
        # the referential names the service; what it does not know keeps the workbook's value
        values = {k: v for k, v in service_values(referential, code).items() if v not in ("", None)}
        for sheet in SERVICE_SHEETS:
            if sheet.layout == "readme":
                write_readme(workbook, fmt, referential, values)
            elif sheet.layout == "form":
                _write_form(workbook, fmt, sheet, {**content.get(sheet.key, {}), **values}, marks.get(sheet.key))
            else:
                _write_table(workbook, fmt, sheet, list(content.get(sheet.key, [])), marks.get(sheet.key))
        _write_lists(workbook, fmt, _lists(referential, code))
        workbook.close()
    return Path(path)


def write_template(path: Path, referential: Referential, code: str) -> Path:
    """A blank template for service ``code``."""
    return write_service_workbook(path, referential, code)
