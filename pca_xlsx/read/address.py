"""E-mail addresses: the referents' the PCA team writes to (and the team's own, in the referential).

One check for service workbooks, the referential and the e-mail drafts: an address is usable when it
reads ``name@domain.tld`` (one address, no space); otherwise ``why`` says in French what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_ADDRESS = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$")
#: What a referent is asked to type instead (the message of rule « email-invalide »).
EXAMPLE = "prenom.nom@etablissement.fr"


@dataclass(frozen=True)
class Address:
    """The outcome of reading one e-mail cell: ``address`` when usable, else ``why`` (French, starts with " (")."""

    address: str | None
    why: str = ""


def parse_address(value: Any) -> Address:
    """Read an e-mail cell (stripped, a « mailto: » link's prefix dropped)."""
    text = str(value).strip()
    if text.casefold().startswith("mailto:"):
        text = text[7:].strip()
    if _ADDRESS.match(text):
        return Address(text)
    if re.search(r"[,;]", text) or text.count("@") > 1:
        return Address(None, " (une seule adresse par cellule)")
    if "@" not in text:
        return Address(None, " (il manque « @ »)")
    if re.search(r"\s", text):
        return Address(None, " (elle contient une espace)")
    domain = text.rpartition("@")[2]
    if "." not in domain or domain.endswith("."):
        return Address(None, " (il manque la fin de l'adresse après « @ », par exemple « .fr »)")
    return Address(None)


def valid_address(value: Any) -> str:
    """The address when it is usable, else ""."""
    if value is None:
        return ""
    return parse_address(value).address or ""
