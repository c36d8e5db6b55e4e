"""French phone numbers: the numbers a crisis cell dials with the switchboard down.

One parser for service workbooks and the referential: a number becomes ``06 12 34 56 78``;
a leading zero lost by a Number cell is restored; letters and internal extensions are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SEPARATORS = re.compile(r"[\s\u00a0\u202f.\-/()]")
_INTERNATIONAL = re.compile(r"\+(\d{8,15})")


@dataclass(frozen=True)
class Phone:
    """The outcome of reading one phone cell: ``number`` when usable, ``restored`` when a zero was added,
    else ``why`` says what is wrong (French, starts with " (" or is empty)."""

    number: str | None
    restored: bool = False
    why: str = ""


def _grouped(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def parse_phone(value: Any) -> Phone:
    """Read a phone cell (text or number) as a French number."""
    if isinstance(value, bool):
        return Phone(None, why=" (une case à cocher n'est pas un numéro)")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        if len(digits) == 9 and digits[0] != "0":
            return Phone(_grouped("0" + digits), restored=True)
        return Phone(None, why=f" ({len(digits)} chiffres au lieu de 10)")
    text = str(value).strip()
    compact = _SEPARATORS.sub("", text)
    if compact.startswith("+33"):
        compact = "0" + compact[3:].lstrip("0")
    elif compact.startswith("0033"):
        compact = "0" + compact[4:].lstrip("0")
    elif _INTERNATIONAL.fullmatch(compact):
        return Phone(compact)
    if compact.isdigit():
        if len(compact) == 10 and compact[0] == "0":
            return Phone(_grouped(compact))
        if len(compact) == 9 and compact[0] != "0":
            return Phone(_grouped("0" + compact), restored=True)
        return Phone(None, why=f" ({len(compact)} chiffres au lieu de 10)")
    folded = text.casefold()
    if "poste" in folded or folded.startswith(("p.", "p ", "ext")):
        return Phone(None, why=" (un poste interne ne répond plus quand le standard est coupé)")
    if re.search(r"\d", compact) and re.fullmatch(r"[\dOoIl]+", compact):
        return Phone(None, why=" (une lettre à la place d'un chiffre : « O » pour zéro ?)")
    return Phone(None, why=" (il faut des chiffres)")
