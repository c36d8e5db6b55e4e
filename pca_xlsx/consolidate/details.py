"""The detailed tables: every row of every service, identified, sourced, flagged and sorted."""

from __future__ import annotations

import math

import pandas as pd

from ..core.values import clean_text, texts, to_date
from ..format import SHEETS_BY_KEY
from ..read import META
from .common import DETAIL_SHEETS, SUMMARISED, Directory, canon, identify, numbers, sort_rows


def normalise(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Typed values whatever the validation did: canonical choices, numbers, dates, stripped text."""
    out = df.copy()
    for col in SHEETS_BY_KEY[key].columns:
        if col.key not in out.columns:
            continue
        series = out[col.key]
        if col.choices:
            out[col.key] = canon(series, col.choices)
        elif col.kind in ("integer", "number"):
            values = numbers(series).astype(float)
            out[col.key] = pd.Series(
                [
                    (int(v) if v.is_integer() else v) if not math.isnan(v) else clean_text(raw) or None
                    for v, raw in zip(values.tolist(), series)
                ],
                index=out.index,
                dtype=object,
            )
        elif col.kind == "date":
            out[col.key] = pd.Series(
                [to_date(v) or (clean_text(v) or None) for v in series], index=out.index, dtype=object
            )
        else:
            out[col.key] = pd.Series([t or None for t in texts(series)], index=out.index, dtype=object)
    return out


def empty_table(key: str) -> pd.DataFrame:
    return pd.DataFrame(columns=META + SHEETS_BY_KEY[key].keys, dtype=object)


def build_details(tables: dict[str, pd.DataFrame], people: Directory) -> dict[str, pd.DataFrame]:
    """Sheet key -> identified rows (code, name, pole, pole_name, spec keys, source, flag, META)."""
    out = {}
    for key in (*DETAIL_SHEETS, *SUMMARISED):
        table = tables.get(key)
        if table is None:
            table = empty_table(key)
        out[key] = sort_rows(identify(normalise(table, key), people, key))
    return out
