"""Whom to warn when an application comes back: the services using it, and the records their
paper workarounds made, to re-key."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..core.values import clean_text, missing
from ..format import fold
from ..format.tables import TABLES
from .common import Directory

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


def rekeying(details: dict[str, pd.DataFrame], order: list[str], people: Directory) -> pd.DataFrame:
    """Per resource and service using it: the processes whose paper workaround must be re-keyed."""
    apps, proc = details["applications"], details["processus"]
    spelling = {fold(n): n for n in order}
    names: dict = {}  # a resource as typed -> its name in the order (memoised: few distinct values)

    def named(resource) -> str:
        if resource not in names:
            names[resource] = spelling.get(fold(resource)) or clean_text(resource)
        return names[resource]

    users: dict[str, set[str]] = defaultdict(set)
    for code, resource in zip(apps["code"].tolist(), apps["resource"].tolist()):
        users[named(resource)].add(code)
    paper: dict[tuple[str, str], list[str]] = defaultdict(list)
    columns = ("code", "resource", "number", "process", "workaround")
    for code, resource, number, process, workaround in zip(*(proc[k].tolist() for k in columns)):
        name = named(resource)
        users[name].add(code)
        if is_paper(workaround):
            label = f"N° {clean_text(number)} {clean_text(process)}".strip()
            paper[(name, code)].append(label)
    rows = []
    for rank, n in enumerate(order, 1):
        for code in sorted(users.get(n, ())):
            rows.append(
                {
                    "rank": rank,
                    "resource": n,
                    "code": code,
                    "name": people.names.get(code, ""),
                    "rekey": len(paper.get((n, code), [])),
                    "processes": "; ".join(paper.get((n, code), [])),
                }
            )
    return pd.DataFrame(rows, columns=TABLES["reprise_si_retours"].keys)
