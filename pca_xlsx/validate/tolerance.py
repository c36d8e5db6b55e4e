"""The same tolerance everywhere a value is matched: invisible characters, spacing, « h » for
« heures », numbers typed with their unit (« 32 lits »).

A value that differs from an allowed one only by case, accents, spaces, apostrophes or « h » /
« heures » is the allowed one (normalised with a warning, never an error).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..findings import WARNING, rule
from ..format import Column, fold
from .locate import Collector

#: Characters nobody sees: zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: Spaces that are not the space bar's (non-breaking, narrow non-breaking, figure, thin).
ODD_SPACES = re.compile("[\u00a0\u202f\u2007\u2009]")
_HOURS = re.compile(r"\bheures?\b")
_OF = re.compile(r"\bde\s+(?=\d)")
#: A number followed by a word (« 32 lits », « 200 ex. »): the number is read, the word dropped.
_WITH_UNIT = re.compile(r"([+-]?\d+(?:[.,]\d+)?)\s*([^\W\d_][^\d]*)")

rule(
    "caracteres-invisibles",
    WARNING,
    "« {value} » contenait des caractères invisibles (espace de largeur nulle, trait d'union conditionnel…) : "
    "ils ont été supprimés. Retapez la valeur ou choisissez-la dans la liste.",
    "Caractères invisibles supprimés",
)
rule(
    "nombre-avec-unite",
    WARNING,
    "« {value} » a été lu comme le nombre {number} : saisissez seulement le nombre, sans unité ni texte.",
    "Nombre suivi de texte",
)


def matched(column: Column) -> bool:
    """Values of this column are compared with a list, a number or a date (not free text)."""
    return bool(column.choices or column.lookup) or column.kind != "text"


def loose(value: Any) -> str:
    """The key two values share when they differ only by case, accents, spaces, apostrophes or « h »/« heures »."""
    text = _HOURS.sub("h", fold(INVISIBLE.sub("", str(value))))
    text = _OF.sub("d", text)  # « moins de 1 h » as « moins d'1 h »
    return re.sub(r"[\s'’]", "", text)


def clean_invisible(series: pd.Series, key: str, sheet: str, out: Collector, frame: pd.DataFrame) -> pd.Series:
    """Strings without invisible characters (a warning each) and with ordinary spaces."""
    joined = "".join(v for v in series.tolist() if type(v) is str)  # one search for the whole column
    if not INVISIBLE.search(joined) and not ODD_SPACES.search(joined):
        return series
    result = series.astype(object).copy()
    for idx, value in series.items():
        if not isinstance(value, str):
            continue
        cleaned = ODD_SPACES.sub(" ", INVISIBLE.sub("", value))
        if cleaned == value:
            continue
        if INVISIBLE.search(value):
            out.at("caracteres-invisibles", sheet, frame, idx, key, cleaned.strip())
        result[idx] = cleaned
    return result


def number_with_unit(text: str) -> float | int | None:
    """The number of « 32 lits » (a number then words, no other digit); None otherwise."""
    match = _WITH_UNIT.fullmatch(text.strip())
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return int(number) if number.is_integer() else number
