"""The referents' e-mails (template version 3, sheet « Service »), derived from their names.

A few services leave them blank, as real returns do: their drafts go to no one until filled.
"""

from __future__ import annotations

import unicodedata

#: Services whose referents did not give their e-mails.
BLANK = {"GERIA", "LOGIST", "CHIRDIG"}
DOMAINS = {"VM": "ch-valmont.fr"}


def address(name: str | None, domain: str) -> str | None:
    """« Dr Thomas REMY » → thomas.remy@domain."""
    if not name:
        return None
    words = [w for w in name.replace("Pr ", "").replace("Dr ", "").split() if w]
    plain = unicodedata.normalize("NFKD", ".".join(words).lower()).encode("ascii", "ignore").decode()
    return f"{plain}@{domain}"


def apply(code: str, data: dict) -> dict:
    """``data`` with the referents' e-mails added to its ``service`` form."""
    if code in BLANK:
        return data
    domain = next((d for suffix, d in DOMAINS.items() if code.endswith(suffix)), "chu-exemple.fr")
    service = dict(data["service"])
    service["medical_email"] = address(service.get("medical_referent"), domain)
    service["paramedical_email"] = address(service.get("paramedical_referent"), domain)
    return {**data, "service": service}
