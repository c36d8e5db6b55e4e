"""Whom to warn when an application comes back: the services using it, and the records their
paper workarounds made, to re-key: the rows « À ressaisir » (template version 3); a row without it
(older workbooks, or left blank) is guessed from the words of its workaround."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..core.values import clean_text
from ..format import fold
from ..format.paper import PAPER, READ_ONLY, is_paper, rekey_value  # noqa: F401 - importable from here too
from ..format.tables import TABLES
from .common import Directory


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
    rekey = proc["rekey"].tolist() if "rekey" in proc else [None] * len(proc)
    columns = ("code", "resource", "number", "process", "workaround")
    for (code, resource, number, process, workaround), answer in zip(zip(*(proc[k].tolist() for k in columns)), rekey):
        name = named(resource)
        users[name].add(code)
        if rekey_value(answer, workaround)[0]:
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
