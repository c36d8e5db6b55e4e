"""Whether a workaround records on paper what will be re-keyed: the guess used when « À ressaisir »
(template version 3) is blank, by the validation (a proposal), the upgrade and the consolidation."""

from __future__ import annotations

from ..core.values import missing
from .model import fold

#: Words of a workaround that records on paper (the records to re-key when the application comes
#: back), and of one that only reads from paper (a printed list, a binder of protocols: nothing to re-key).
PAPER = ("papier", "manuscri", "registre", "cahier", "formulaire", "bon de", "bons de", "feuille", "bordereau")
READ_ONLY = ("liste papier", "annuaire", "imprim", "classeur", "protocole", "affich")


def is_paper(workaround) -> bool:
    """Whether a workaround records on paper what will have to be re-keyed."""
    if missing(workaround):
        return False
    text = fold(workaround)
    return any(word in text for word in PAPER) and not any(word in text for word in READ_ONLY)


def rekey_value(value, workaround) -> tuple[bool, str]:
    """(to re-key, source): the referent's « À ressaisir » (Oui/Non), else the guess from the workaround
    (source « proposé »)."""
    answer = fold(value)
    if answer in ("oui", "non"):
        return answer == "oui", ""
    return is_paper(workaround), "proposé"
