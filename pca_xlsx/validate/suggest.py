"""Hints after an unknown value: a really close known name, or the band that contains a duration."""

from __future__ import annotations

import difflib
import math
import re
from typing import Any

from ..format import fold

#: Below this similarity no name is proposed: an unrelated proposal misleads more than none.
CLOSE = 0.75
ASK_TEAM = " ; s'il manque, demandez à l'équipe PCA de l'ajouter au référentiel."

_UNITS = {"min": 1 / 60, "minute": 1 / 60, "minutes": 1 / 60, "mn": 1 / 60, "h": 1, "heure": 1, "heures": 1,
          "j": 24, "jour": 24, "jours": 24, "semaine": 168, "semaines": 168}  # fmt: skip
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")
_UPTO = re.compile(r"moins d'?\s*(\d+)\s*([a-z]+)")
_BETWEEN = re.compile(r"(\d+)\s*a\s*(\d+)\s*([a-z]+)")
_ABOVE = re.compile(r"plus de\s*(\d+)\s*([a-z]+)")


def duration_hours(value: Any) -> float | None:
    """Hours in a typed duration (« 48h », « 2 jours », « 30 min »), None if it is not one."""
    match = _DURATION.fullmatch(fold(value).replace(" ", ""))
    if not match or match.group(2) not in _UNITS:
        return None
    return float(match.group(1).replace(",", ".")) * _UNITS[match.group(2)]


def _band(label: str) -> tuple[float, float] | None:
    text = fold(label)
    if text == "aucune":
        return (0.0, 0.0)
    if (m := _UPTO.fullmatch(text)) and m.group(2) in _UNITS:
        return (0.0, int(m.group(1)) * _UNITS[m.group(2)])
    if (m := _BETWEEN.fullmatch(text)) and m.group(3) in _UNITS:
        return (int(m.group(1)) * _UNITS[m.group(3)], int(m.group(2)) * _UNITS[m.group(3)])
    if (m := _ABOVE.fullmatch(text)) and m.group(2) in _UNITS:
        return (int(m.group(1)) * _UNITS[m.group(2)], math.inf)
    return None


def band_for(value: Any, choices: list[str]) -> str | None:
    """The band of a band list (« 1 à 4 h », « Plus de 3 jours »...) containing a typed duration."""
    hours = duration_hours(value)
    bands = [(_band(c), c) for c in choices]
    if hours is None or not bands or any(b is None for b, _ in bands):
        return None
    for (low, high), label in bands:
        if low == high == hours or low <= hours < high:
            return label
    return None


def suggestion(value: Any, known: list[str], referential: bool = False) -> str:
    """`` ; vouliez-vous dire « X » ?`` when X is really close (or is the band holding a duration);
    otherwise ``.``, or, for names of the referential, a pointer to the PCA team."""
    band = band_for(value, known)
    if band:
        return f" ; vouliez-vous dire « {band} » ?"
    folded: dict[str, str] = {}
    for name in known:
        folded.setdefault(fold(name), name)
    target = fold(value)
    if target:
        starts = [
            name
            for key, name in folded.items()
            if min(len(key), len(target)) >= 3 and (key.startswith(target) or target.startswith(key))
        ]
        if len(starts) == 1:
            return f" ; vouliez-vous dire « {starts[0]} » ?"
        close = difflib.get_close_matches(target, list(folded), n=1, cutoff=CLOSE)
        if close:
            return f" ; vouliez-vous dire « {folded[close[0]]} » ?"
    return ASK_TEAM if referential else "."
