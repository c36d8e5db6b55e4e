"""Contrôle: per file and sheet, rows read = rows consolidated + rows rejected.

Rows read come from the reader (``WorkbookData``); rows consolidated are those of the stacked
tables. A row is rejected when validation left it out of the tables; it must then be traced in
the validation report (a finding on its file, on its sheet's row, or on the whole file or
sheet). Anything else — a consolidated row that was never read, a row counted twice, a rejected
row with no finding — is an error of the tool itself, shown in the status column.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..format import DATA_SHEETS

OK = "OK"
UNREADABLE = "Classeur illisible : voir le rapport de validation"
TOOL_ERROR = "ERREUR DE L'OUTIL"
#: The rules of a workbook set aside as a whole (an exact copy, a disputed identity: validate.identity).
SET_ASIDE = ("service-en-double", "identite-nom-fichier", "identite-dossier", "identite-code-partage")
EXTRA = "Contenu hors modèle : non consolidé, voir le rapport de validation"
KEPT = "Contenu hors modèle : gardé dans la feuille « Compléments »"
CONTROL_COLUMNS = ["file", "service", "sheet", "read", "consolidated", "rejected", "status", "key"]


def build_control(result) -> tuple[pd.DataFrame, bool]:
    """(table, ok). ``ok`` is False when some count does not reconcile."""
    consolidated: dict[tuple[str, str], list[int]] = defaultdict(list)
    for spec in DATA_SHEETS:
        table = result.tables.get(spec.key)
        if table is None or table.empty:
            continue
        for file, row in zip(table["_file"], table["_row"]):
            consolidated[(file, spec.key)].append(int(row))
    kept_files = {file for file, _ in consolidated}
    traced: dict[str, set] = defaultdict(set)  # file -> {(sheet, row)} ; (sheet, None) = whole sheet
    for item in result.report.findings:
        traced[item.file].add((item.sheet, item.row if item.cell else None))
        if item.code in SET_ASIDE:  # the whole workbook is rejected, with the reason at its service code
            traced[item.file].add(("", None))
    rows, ok = [], True
    for wb in sorted(result.workbooks, key=lambda w: w.file):
        if not wb.readable or not wb.sheets:
            rows.append([wb.file, wb.service or wb.named, "—", 0, 0, 0, UNREADABLE, ""])
            continue
        for spec in DATA_SHEETS:
            sheet = wb.sheets.get(spec.key)
            read = list(sheet.row_numbers) if sheet else []
            kept = consolidated.pop((wb.file, spec.key), [])
            title = sheet.title if sheet else spec.name
            problems = []
            kept_set = set(kept)
            if len(kept_set) != len(kept):
                problems.append("ligne consolidée deux fois")
            unknown = kept_set - set(read)
            if unknown:
                problems.append(f"{len(unknown)} ligne(s) consolidée(s) jamais lue(s)")
            rejected = [r for r in read if r not in kept_set]
            marks = traced.get(wb.file, set())
            whole = ("", None) in marks or (title, None) in marks
            untraced = [r for r in rejected if not whole and (title, r) not in marks]
            if untraced:
                problems.append(f"{len(untraced)} ligne(s) rejetée(s) absente(s) du rapport")
            if len(read) != len(kept) - len(unknown) + len(rejected):
                problems.append("les comptes ne s'additionnent pas")
            status = OK if not problems else f"{TOOL_ERROR} : " + ", ".join(problems)
            ok = ok and not problems
            if sheet is None and not kept:
                status = "Feuille absente : voir le rapport de validation" if not problems else status
            rows.append([wb.file, wb.service, title, len(read), len(kept), len(rejected), status, spec.key])
            what = "ligne" if spec.layout == "form" else "colonne"
            for label, cells in sheet.extra.items() if sheet else ():
                place = f"{title} › {what} « {label} »"
                if wb.file in kept_files:  # kept in « Compléments » (consolidate.extras)
                    rows.append([wb.file, wb.service, place, cells, cells, 0, KEPT, ""])
                else:
                    rows.append([wb.file, wb.service, place, cells, 0, cells, EXTRA, ""])
        for title, cells in wb.extra_sheets.items():
            rows.append([wb.file, wb.service, title, cells, 0, cells, EXTRA, ""])
    for (file, key), kept in sorted(consolidated.items()):  # rows from a file nobody read
        ok = False
        rows.append([file, "", key, 0, len(kept), 0, f"{TOOL_ERROR} : lignes d'un classeur non lu", key])
    return pd.DataFrame(rows, columns=CONTROL_COLUMNS), ok
