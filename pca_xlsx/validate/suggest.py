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
          "j": 24, "jour": 24, "jours": 24, "journee": 24, "journees": 24, "semaine": 168, "semaines": 168,
          "mois": 720}  # fmt: skip
_DURATION = re.compile(r"(\d+(?:[.,]\d+)?|\d+/\d+|une?|demi-?)\s*([a-z]+)")
_WORDS = {"un": 1.0, "une": 1.0, "demi": 0.5, "demi-": 0.5}
_UPTO = re.compile(r"moins d'?\s*(\d+)\s*([a-z]+)")
_BETWEEN = re.compile(r"(\d+)\s*a\s*(\d+)\s*([a-z]+)")
_ABOVE = re.compile(r"plus de\s*(\d+)\s*([a-z]+)")


def _amount(text: str) -> float:
    if text in _WORDS:
        return _WORDS[text]
    if "/" in text:
        top, bottom = text.split("/")
        return int(top) / int(bottom) if int(bottom) else math.nan
    return float(text.replace(",", "."))


def duration_hours(value: Any) -> float | None:
    """Hours in a typed duration (« 48h », « 2 jours », « 30 min », « 1/2 journée »), None if it is not one."""
    match = _DURATION.fullmatch(fold(value).replace(" ", ""))
    if not match or match.group(2) not in _UNITS:
        return None
    hours = _amount(match.group(1)) * _UNITS[match.group(2)]
    return None if math.isnan(hours) else hours


def _band(label: str) -> tuple[float, bool, float, bool] | None:
    """(low, low included, high, high included) of a band label: « 1 à 4 h » includes both ends,
    « Moins d'1 h » excludes 1, « Plus de 3 jours » excludes 3 days."""
    text = fold(label).replace("\u2019", "'")
    if text == "aucune":
        return (0.0, True, 0.0, True)
    if (m := _UPTO.fullmatch(text)) and m.group(2) in _UNITS:
        return (0.0, False, int(m.group(1)) * _UNITS[m.group(2)], False)
    if (m := _BETWEEN.fullmatch(text)) and m.group(3) in _UNITS:
        return (int(m.group(1)) * _UNITS[m.group(3)], True, int(m.group(2)) * _UNITS[m.group(3)], True)
    if (m := _ABOVE.fullmatch(text)) and m.group(2) in _UNITS:
        return (int(m.group(1)) * _UNITS[m.group(2)], False, math.inf, False)
    return None


def band_for(value: Any, choices: list[str]) -> str | None:
    """The band of a band list (« 1 à 4 h », « Plus de 3 jours »...) containing a typed duration; when two
    bands hold it (« 4 heures »: « 1 à 4 h » and « 4 à 24 h »), the tighter one, never the looser."""
    if not isinstance(value, str) or not choices:
        return None
    bands = [(_band(c), c) for c in choices]
    if any(b is None for b, _ in bands):
        return None
    hours = duration_hours(re.sub(r"^\s*une?\s+(?=demi)", "", value.strip(), flags=re.IGNORECASE))
    if hours is None:
        return None
    holding = [
        (high, label)
        for (low, low_in, high, high_in), label in bands
        if (low < hours or (low_in and low == hours)) and (hours < high or (high_in and hours == high))
    ]
    return min(holding)[1] if holding else None


#: Words people type for a value of a list (folded) → the words of that value.
SYNONYMS = {
    "nsp": "ne sait pas", "ne sais pas": "ne sait pas", "je ne sais pas": "ne sait pas",
    "talkie-walkie": "radio", "talkie walkie": "radio", "talkies-walkies": "radio", "talkie": "radio",
    "talkies walkies": "radio", "table top": "sur table", "tabletop": "sur table", "table-top": "sur table",
    "radiologie": "imagerie", "scanner": "imagerie", "irm": "imagerie", "labo": "laboratoire",
    "biologie": "laboratoire", "pharmacie": "pharmacie", "urgence": "urgences", "reanimation": "reanimation",
    "mail": "messagerie", "e-mail": "messagerie", "email": "messagerie", "courriel": "messagerie",
    "telephone": "telephonie", "dossier patient": "dpi",
}  # fmt: skip
#: Words too common to name one value.
_COMMON = {"de", "du", "des", "la", "le", "les", "et", "en", "a", "au", "aux", "service", "unite", "pole", "sur"}
_SPLIT = re.compile(r"[\s/\-(),.;:'’]+")


def _words(text: str) -> set[str]:
    return {w for w in _SPLIT.split(fold(text)) if len(w) >= 3 and w not in _COMMON}


def alias(value: Any, known: list[str], names: dict[str, str] | None = None) -> str | None:
    """The one known value ``value`` names by a synonym (NSP → Ne sait pas), a word of the value
    (PACS → RIS/PACS) or a word of its name (radiologie → imagerie → IMAG); None if none or several."""
    target = fold(value)
    target = SYNONYMS.get(target, target)
    if not target:
        return None
    exact = [k for k in known if fold(k) == target]
    if exact:
        return exact[0]
    hits = []
    for name in known:
        described = (names or {}).get(name, "")
        if target in _words(name) | _words(described) or (described and fold(described) == target):
            hits.append(name)
    if len(hits) != 1 and " " in target:  # several words: each must name the same value
        words = set(_SPLIT.split(target)) - _COMMON
        hits = [n for n in known if words <= _words(n) | _words((names or {}).get(n, ""))]
    return hits[0] if len(hits) == 1 else None


#: Characters that look alike on screen, before case is folded: « DPl » reads as « DPI » (« SGI » does not
#: read as « SGL »).
_LOOKALIKE = str.maketrans({"l": "I", "1": "I", "|": "I", "0": "O"})
#: How a look-alike character is named in a message (the character itself would look alike again).
_SPELLED = {"I": "un i majuscule", "l": "un L minuscule", "1": "le chiffre un", "|": "une barre verticale",
            "0": "le chiffre zéro", "O": "la lettre O", "o": "la lettre o"}  # fmt: skip


def _swapped(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring characters swapped (« SLG » for « SGL »)."""
    if len(a) != len(b) or len(a) < 3:
        return False
    apart = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(apart) == 2 and apart[1] == apart[0] + 1 and a[apart[0]] == b[apart[1]] and a[apart[1]] == b[apart[0]]


def near_miss(value: Any, known: list[str]) -> str | None:
    """The one known name ``value`` misses by look-alike characters (« DPl », « GMA0 ») or two swapped
    neighbours (« SLG »); None if none or several. A similarity ratio cannot tell these from an
    unrelated word when the name is three letters long."""
    key = fold(str(value).translate(_LOOKALIKE))
    target = fold(value)
    if not key:
        return None
    hits = {n for n in known if fold(n.translate(_LOOKALIKE)) == key or _swapped(fold(n), target)}
    return hits.pop() if len(hits) == 1 else None


def _spelling(value: Any, name: str) -> str:
    """`` Le nom s'écrit avec un i majuscule, et non un L minuscule.`` when ``value`` differs from ``name``
    only by look-alike characters, which the message itself would show alike; otherwise ``""``."""
    typed = str(value).strip()
    if len(typed) != len(name):
        return ""
    pairs = {(t, n) for t, n in zip(typed, name) if t.casefold() != n.casefold()}
    if not pairs or any(t not in _SPELLED or n not in _SPELLED for t, n in pairs):
        return ""
    right = ", ".join(_SPELLED[n] for _, n in sorted(pairs))
    wrong = ", ".join(_SPELLED[t] for t, _ in sorted(pairs))
    return f" Le nom s'écrit avec {right}, et non {wrong}."


def suggestion(value: Any, known: list[str], referential: bool = False, names: dict[str, str] | None = None) -> str:
    """`` ; vouliez-vous dire « X » ?`` when X is really close (:func:`near_miss`, a shared start, a
    similar spelling), the band holding a duration, or named by an alias (:func:`alias`; ``names``:
    value → its descriptive name, e.g. a service code's name); otherwise ``.``, or, for names of the
    referential, a pointer to the PCA team."""
    band = band_for(value, known) or alias(value, known, names)
    if band:
        return f" ; vouliez-vous dire « {band} » ?"
    folded: dict[str, str] = {}
    for name in known:
        folded.setdefault(fold(name), name)
    if near := near_miss(value, known):
        return f" ; vouliez-vous dire « {near} » ?{_spelling(value, near)}"
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
