"""Words: whole-word pieces of a text (to look codes up in an index instead of searching the text once per code),
and the French form agreeing with a count."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator


def word_char(char: str) -> bool:
    """A character of a word as regular expressions' ``\\w`` has it (letters, digits, underscore)."""
    return char.isalnum() or char == "_"


def whole_pieces(text: str, inner: Callable[[str], bool], longest: int | None = None) -> Iterator[tuple[int, str]]:
    """(start, piece) of every piece of ``text`` that no ``inner`` character continues on either side
    (what ``(?<!X)piece(?!X)`` would find for the class X of ``inner``), ``longest`` characters at most,
    by start then length: a piece looked up in a dictionary of codes finds the codes the text holds as
    whole words, at a cost that grows with the text, not with the codes."""
    n = len(text)
    inside = [inner(c) for c in text]
    starts = [i for i in range(n) if i == 0 or not inside[i - 1]]
    ends = [j for j in range(1, n + 1) if j == n or not inside[j]]
    for i in starts:
        for j in ends[bisect.bisect_right(ends, i) :]:
            if longest is not None and j - i > longest:
                break
            yield i, text[i:j]


def plural(n: float, singular: str, plural: str) -> str:
    """The French form agreeing with the count ``n``, without the number: ``singular`` for 1 (« 1 cellule
    remplie »), ``plural`` otherwise (« 0 cellules remplies », « 3 processus vitaux »)."""
    return singular if n == 1 else plural


def counted(n: int, singular: str, plural_form: str | None = None) -> str:
    """The count and the form agreeing with it: « 1 cellule remplie », « 3 cellules remplies », « 1 200 lignes »
    (thousands by a narrow space; ``plural_form`` defaults to ``singular`` + « s »)."""
    return f"{int(n):,}".replace(",", "\u202f") + f" {plural(n, singular, plural_form or singular + 's')}"


def joined(items, last: str = "et") -> str:
    """« Téléphonie et DECT », « A, B et C » (``last`` = "ni": « A, B ni C »), « A » alone, "" for none."""
    items = [str(i) for i in items]
    return f"{', '.join(items[:-1])} {last} {items[-1]}" if len(items) > 1 else "".join(items)
