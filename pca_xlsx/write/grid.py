"""Write ``grille_observation.xlsx`` from the grid format (:mod:`pca_xlsx.format.grid`) and an exercise plan.

Pre-filled cells are grey and locked; the observers' cells have drop-downs, input messages and
checks; sheets are protected without password, printable A4 landscape one page wide.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..consolidate.exercise_plan import ExercisePlan, ServicePart
from ..core.files import atomic_path
from ..core.xlsx import Formats, new_workbook, write_value
from ..format.grid import EXERCISE, GRID_VERSION, OBSERVATIONS, REFLEX_CHECK, RESULT_RULE, SERVICE_BLOCK
from ..format.model import Column, Sheet
from .readme import row_height

PROTECTION = {"format_cells": True, "format_columns": True, "format_rows": True, "insert_rows": True}
#: Where a service sheet's form block sits: labels in column B, values in column C.
BLOCK_COL = 1


def validation(column: Column) -> dict[str, Any]:
    """The data validation of an input cell: drop-down or check, with the help as input message."""
    base = {"input_title": column.label[:32], "input_message": (column.help or column.label)[:255]}
    if column.choices:
        return base | {
            "validate": "list",
            "source": list(column.choices),
            "error_title": column.label[:32],
            "error_message": f"Choisissez une valeur dans la liste de « {column.label} ».",
        }
    if column.kind == "integer":
        return base | {
            "validate": "integer",
            "criteria": ">=",
            "value": int(column.min or 0),
            "error_title": column.label[:32],
            "error_message": f"« {column.label} » : un nombre entier est attendu.",
        }
    if column.kind == "date":
        return base | {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "error_title": column.label[:32],
            "error_message": f"« {column.label} » : une date est attendue (jj/mm/aaaa).",
        }
    return base | {"validate": "any"}


class GridFormats(Formats):
    """The service workbooks' formats, plus one line of italic grey text overflowing to the right."""

    def __init__(self, workbook):
        super().__init__(workbook)
        self.plain = workbook.add_format({"italic": True, "font_color": "#595959"})


def _print(ws, header_row: int | None = None) -> None:
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&8Grille d'observation — &A&R&8Page &P sur &N")
    if header_row is not None:
        ws.repeat_rows(header_row)


def _form(ws, fmt: GridFormats, spec: Sheet, values: dict[str, Any], top: int, col: int, span: int = 0) -> int:
    """Label, value and help per field of ``spec`` from row ``top``; return the next free row.

    ``span`` > 0: no help column, the value cell is merged over ``span`` more columns (room to read and type).
    """
    for row, column in enumerate(spec.columns, top):
        ws.write_string(row, col, column.header, fmt.label)
        value = values.get(column.key)
        cell, date = (fmt.locked, fmt.locked_date) if column.locked else (fmt.input, fmt.input_date)
        if span:
            ws.merge_range(row, col + 1, row, col + 1 + span, None, cell)
        write_value(ws, row, col + 1, value, cell, date)
        if not column.locked:
            ws.data_validation(row, col + 1, row, col + 1, validation(column))
        if not span:
            ws.write_string(row, col + 2, column.help, fmt.help)
            ws.set_row(row, max(row_height(column.help, 70), row_height(str(value or ""), 50), 18))
    return top + len(spec.columns)


def _table(ws, fmt: GridFormats, spec: Sheet, rows: list[dict[str, Any]], top: int) -> int:
    """Section title, header row and rows of ``spec`` from row ``top``; return the next free row."""
    ws.write_string(top, 0, spec.name, fmt.subtitle)
    header = top + 1
    for col, column in enumerate(spec.columns):
        ws.write_string(header, col, column.header, fmt.header)
    ws.set_row(header, 45)
    for i, record in enumerate(rows, header + 1):
        for col, column in enumerate(spec.columns):
            cell, date = (fmt.locked, fmt.locked_date) if column.locked else (fmt.input, fmt.input_date)
            write_value(ws, i, col, record.get(column.key), cell, date)
        longest = max(row_height(str(record.get(c.key) or ""), max(OBSERVATIONS.columns[j].width, 8))
                      for j, c in enumerate(spec.columns))  # fmt: skip
        ws.set_row(i, max(longest, 30))
    last = header + max(len(rows), 1)  # the table's own rows: the next table starts two rows below
    for col, column in enumerate(spec.columns):
        if not column.locked:
            ws.data_validation(header + 1, col, last, col, validation(column))
    return header + 1 + len(rows) + 1


def _service_sheet(workbook, fmt: GridFormats, plan: ExercisePlan, part: ServicePart, filled: dict[str, Any]) -> None:
    ws = workbook.add_worksheet(part.code[:31])
    for col, column in enumerate(OBSERVATIONS.columns):
        ws.set_column(col, col, column.width)
    ws.write_string(0, 0, f"Grille d'observation – {part.name} ({part.code})", fmt.title)
    ws.write_string(1, 0, f"Scénario « {plan.scenario} » – exercice du {plan.day:%d/%m/%Y}", fmt.plain)
    block = {
        "code": part.code,
        "name": part.name,
        "scenario": plan.scenario,
        "expected": len(part.processes),
        **filled.get("block", {}),
    }
    row = _form(ws, fmt, SERVICE_BLOCK, block, 3, BLOCK_COL, span=3) + 1
    observed = filled.get("observations", {})
    processes = [{**p, **observed.get(p.get("number"), {})} for p in part.processes]
    obs_top = row
    row = _table(ws, fmt, OBSERVATIONS, processes, row)
    done = filled.get("reflex", {})
    _table(ws, fmt, REFLEX_CHECK, [{**s, **done.get(s.get("step"), {})} for s in part.reflex], row)
    ws.freeze_panes(obs_top + 2, 2)
    _print(ws)
    ws.protect("", PROTECTION)


def _readme(workbook, fmt: GridFormats, plan: ExercisePlan) -> None:
    ws = workbook.add_worksheet("Lisez-moi")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 110)
    ws.hide_gridlines(2)
    _print(ws)
    ws.write_string(0, 0, f"Grille d'observation – exercice « {plan.scenario} »", fmt.title)
    ws.write_string(
        1, 0, f"{plan.establishment} – exercice du {plan.day:%d/%m/%Y} – grille version {GRID_VERSION}", fmt.plain
    )
    services = ", ".join(f"{p.code} ({p.name})" for p in plan.services)
    lines = [
        ("À quoi sert cette grille", "Les observateurs y notent, service par service, ce qui a été constaté pendant "
         "l'exercice : chaque parade a-t-elle été appliquée, en combien de temps, avec ses prérequis ; quelles étapes "
         "de la fiche réflexe ont été faites, et à quelle heure."),
        ("Services observés", services),
        ("Comment la remplir", "Une feuille par service. Les cellules grises sont pré-remplies et verrouillées ; "
         "remplissez les cellules blanches (une flèche propose les valeurs possibles, un message d'aide s'affiche). "
         "Ne renommez pas les feuilles, ne supprimez pas de lignes : laissez vide ce qui n'a pas été observé."),
        ("Après l'exercice", "Déposez la grille remplie (au format .xlsx) dans le sous-dossier « exercices » du "
         "dossier des classeurs, puis relancez pca-xlsx : chaque service observé reçoit l'exercice dans son "
         "historique, et chaque parade observée « Non » devient un écart à traiter."),
        ("Résultat", RESULT_RULE),
    ]  # fmt: skip
    row = 3
    for label, text in lines:
        ws.write_string(row, 0, label, fmt.bold)
        ws.write_string(row, 1, text, fmt.text)
        ws.set_row(row, row_height(text, 110))
        row += 1
    for spec in (EXERCISE, SERVICE_BLOCK, OBSERVATIONS, REFLEX_CHECK):
        row += 1
        ws.write_string(
            row, 0, spec.name if spec is not SERVICE_BLOCK else "En-tête des feuilles de service", fmt.subtitle
        )
        ws.write_string(row, 1, spec.help, fmt.subtitle_text)
        row += 1
        for column in spec.columns:
            text = column.help + (f" Valeurs : {', '.join(column.choices)}." if column.choices else "")
            ws.write_string(row, 0, column.header, fmt.bold)
            ws.write_string(row, 1, text, fmt.text)
            ws.set_row(row, row_height(text, 110))
            row += 1
    ws.activate()


def write_grid(path: Path, plan: ExercisePlan, filled: dict[str, Any] | None = None) -> Path:
    """Write the observation grid of ``plan``. ``filled`` (demo, tests): ``{"exercise": {key: value},
    code: {"block": {...}, "observations": {N°: {...}}, "reflex": {étape: {...}}}}``."""
    filled = filled or {}
    with atomic_path(path) as tmp:
        workbook = new_workbook(tmp)
        fmt = GridFormats(workbook)
        _readme(workbook, fmt, plan)
        ws = workbook.add_worksheet(EXERCISE.name)
        ws.set_column(0, 0, 30)
        ws.set_column(1, 1, 50)
        ws.set_column(2, 2, 70)
        for col, text in enumerate(("Libellé", "Valeur", "Aide")):
            ws.write_string(0, col, text, fmt.header)
        values = {
            "establishment": plan.establishment,
            "scenario": plan.scenario,
            "description": plan.description,
            "date": plan.day,
            "version": GRID_VERSION,
            **filled.get("exercise", {}),
        }
        _form(ws, fmt, EXERCISE, values, 1, 0)
        ws.freeze_panes(1, 1)
        _print(ws)
        ws.protect("", PROTECTION)
        for part in plan.services:
            _service_sheet(workbook, fmt, plan, part, filled.get(part.code, {}))
        workbook.close()
    return Path(path)
