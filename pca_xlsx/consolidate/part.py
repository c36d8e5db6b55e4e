"""An establishment's part of a GHT (DESIGN §4.1): what it takes from the GHT's consolidation as it is, and
how it names the other establishments' services.

The GHT's IT is rebuilt once (:func:`shared_restart`); an establishment ranks only its own services in the
working-group order and names another establishment's services a reason cites (:func:`own_order`).
"""

from __future__ import annotations

import re

import pandas as pd

from ..core.words import whole_pieces, word_char


def own_order(table: pd.DataFrame, elsewhere: dict[str, str]) -> pd.DataFrame:
    """The working-group order of an establishment's own services (another establishment's services run
    their own working groups: never ranked here; a reason that cites them names them as such)."""
    if not elsewhere or table.empty:
        return table
    own = table[~table["code"].astype(str).isin(elsewhere)].reset_index(drop=True)
    own["rank"] = range(1, len(own) + 1)
    cites = Citations(elsewhere)
    own["reason"] = [_name_foreign(str(r), elsewhere, cites) for r in own["reason"]]
    return own


class Citations:
    """Where a text cites codes as whole words (``\\bCODE\\b``): the pieces of the text between word
    boundaries are looked up among the codes (:func:`pca_xlsx.core.words.whole_pieces`), so the cost grows
    with the text, not with the codes."""

    def __init__(self, codes) -> None:
        self.rank = {code: i for i, code in enumerate(codes)}
        plain = [c for c in self.rank if c and word_char(c[0]) and word_char(c[-1])]
        self.plain, self.longest = set(plain), max(map(len, plain), default=0)
        self.other = [(c, re.compile(rf"\b{re.escape(c)}\b")) for c in self.rank if c not in self.plain]

    def __call__(self, text: str) -> list[str]:
        """The codes ``text`` cites, in the order of their first citation (then of ``codes``)."""
        first: dict[str, int] = {}
        for i, piece in whole_pieces(text, word_char, self.longest):
            if piece in self.plain and piece not in first:
                first[piece] = i
        for code, pattern in self.other:
            if hit := pattern.search(text):
                first[code] = hit.start()
        return sorted(first, key=lambda code: (first[code], self.rank[code]))


def _name_foreign(reason: str, elsewhere: dict[str, str], cites: Citations) -> str:
    """``reason`` followed by the names of the other establishment's services it cites by code."""
    cited = cites(reason)
    if not cited:
        return reason
    return f"{reason} Services d'un autre établissement : " + ", ".join(f"{c} = {elsewhere[c]}" for c in cited) + "."


def shared_restart(result, own):
    """The GHT's IT is rebuilt once after a cyber attack: an establishment's part (``result.ght``, the GHT's
    consolidation, handed by :func:`pca_xlsx.ght_run.each_part`) shows the GHT's timeline — its resources,
    days and gates — so a service's days on paper, and the records it re-keys, are the same at every level."""
    ght = getattr(result, "ght", None)
    return ght.cyber if ght is not None and ght.cyber is not None else own
