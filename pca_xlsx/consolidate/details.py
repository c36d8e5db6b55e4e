"""The detailed tables: every row of every service, identified, sourced, flagged and sorted.

The rows are the plan's (:class:`pca_xlsx.plan.Plan`): validated and typed once by the validate stage
(``pca_xlsx.validate._typed``), trusted here as they are.
"""

from __future__ import annotations

import pandas as pd

from ..format import SHEETS_BY_KEY
from ..read import META
from .common import DETAIL_SHEETS, SUMMARISED, Directory, identify, sort_rows


def empty_table(key: str) -> pd.DataFrame:
    return pd.DataFrame(columns=META + SHEETS_BY_KEY[key].keys, dtype=object)


def build_details(tables: dict[str, pd.DataFrame], people: Directory) -> dict[str, pd.DataFrame]:
    """Sheet key -> identified rows (code, name, pole, pole_name, spec keys, source, flag, META)."""
    out = {}
    for key in (*DETAIL_SHEETS, *SUMMARISED):
        table = tables.get(key)
        if table is None:
            table = empty_table(key)
        out[key] = sort_rows(identify(table, people, key))
    return out
