"""Content the format does not know, kept: extra columns and extra lines of the ``Service`` form.

Each filled cell of a column not in the format, and each line of the ``Service`` form whose label
is not in the format, becomes a row of the consolidation's « Compléments » sheet (named in a
finding; counted in ``Contrôle``). Workbooks set aside (an exact copy, a disputed identity) are not.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..format.tables import TABLES

#: The columns of the « Compléments » table (declared in :mod:`pca_xlsx.format.tables`).
EXTRA_COLUMNS = TABLES["complements"].keys


def kept_files(result) -> set[str]:
    """Files whose rows are consolidated."""
    out: set[str] = set()
    for table in result.tables.values():
        out.update(table["_file"].unique().tolist())
    return out


def _shown(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def build_extras(result) -> pd.DataFrame:
    """One row per cell kept from outside the format, in file then sheet order."""
    kept = kept_files(result)
    rows = []
    for wb in sorted(result.workbooks, key=lambda w: w.file):
        if wb.file not in kept:
            continue
        for sheet in wb.sheets.values():
            for label, cell, value in sheet.extra_cells:
                rows.append([wb.file, wb.service, sheet.title, cell, label, _shown(value)])
    return pd.DataFrame(rows, columns=EXTRA_COLUMNS, dtype=object)
