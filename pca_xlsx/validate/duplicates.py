"""Rows repeated inside one workbook: the same process row, application or document twice.

A finding at each of the rows, naming the others. The same application with different values
(dependency, tolerable interruption...) is an error: nobody can tell which one holds.
"""

from __future__ import annotations

import pandas as pd

from ..findings import ERROR, WARNING, rule
from ..format import SHEETS_BY_KEY, fold
from .locate import Collector

rule(
    "processus-en-double",
    WARNING,
    "Le processus « {value} » (ressource « {resource} ») est aussi en {others} : gardez une seule ligne, ou "
    "indiquez une autre ressource impactée.",
    "Processus en double",
)
rule(
    "application-en-double",
    WARNING,
    "L'application « {value} » est aussi en {others}, avec les mêmes valeurs : supprimez la ligne en double.",
    "Application en double",
)
rule(
    "application-contradictoire",
    ERROR,
    "L'application « {value} » est aussi en {others}, avec d'autres valeurs ({columns}) : gardez une seule "
    "ligne, avec les bonnes valeurs.",
    "Application en double, valeurs contradictoires",
)
rule(
    "document-en-double",
    WARNING,
    "Le document « {value} » est aussi en {others} : gardez une seule ligne (additionnez les quantités).",
    "Document en double",
)

#: Other rows a finding names at most (a sheet of many copies: « … et 12 autre(s) »).
MAX_OTHERS = 5
#: A file's sheet with more rows than this is not checked (it already has « lignes-nombreuses »).
MAX_ROWS = 1_000

#: Columns of an application row that must agree when it is listed twice.
APPLICATION_VALUES = ("usage", "dependency", "tolerable", "data_loss", "degraded")


def _key(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    parts = [frame[c].map(lambda v: fold(v) if v is not None and v == v else "") for c in columns]
    key = parts[0]
    for part in parts[1:]:
        key = key + "\x1f" + part
    return key


def _groups(frame: pd.DataFrame, columns: tuple[str, ...]):
    """Groups of row labels of one file sharing the key ``columns`` (the first one filled)."""
    if frame.empty:
        return
    sizes = frame.groupby("_file")["_file"].transform("size")
    filled = frame[frame[columns[0]].notna() & (sizes <= MAX_ROWS)]
    if filled.empty:
        return
    key = _key(filled, columns)
    repeated = pd.DataFrame({"file": filled["_file"], "key": key}).duplicated(keep=False)
    if not repeated.any():
        return
    rows = filled[repeated.to_numpy()]
    for _, group in rows.groupby([rows["_file"], key[repeated.to_numpy()]], sort=False):
        yield list(group.index)


def _others(out: Collector, frame: pd.DataFrame, key: str, column: str, group: list, idx) -> str:
    others = [i for i in group if i != idx]
    cells = [out.address(frame.at[i, "_file"], key, column, frame.at[i, "_row"]) for i in others[:MAX_OTHERS]]
    more = len(others) - MAX_OTHERS
    return ", ".join(cells) + (f" et {more} autre(s)" if more > 0 else "")


def _shown(value) -> str:
    return "" if value is None or value != value else str(value)


def check_duplicates(tables: dict[str, pd.DataFrame], out: Collector) -> None:
    """Every repeated row of ``Processus`` (process and resource), ``Applications`` and ``Documents``."""
    processes = tables["processus"]
    for group in _groups(processes, ("process", "resource")):
        for idx in group:
            out.at("processus-en-double", "processus", processes, idx, "process", processes.at[idx, "process"],
                   resource=_shown(processes.at[idx, "resource"]),
                   others=_others(out, processes, "processus", "process", group, idx))  # fmt: skip
    apps = tables["applications"]
    labels = {c.key: c.label for c in SHEETS_BY_KEY["applications"].columns}
    values = [c for c in APPLICATION_VALUES if c in apps.columns]
    for group in _groups(apps, ("resource",)):
        differ = [c for c in values if len({_shown(apps.at[i, c]) for i in group}) > 1]
        code = "application-contradictoire" if differ else "application-en-double"
        columns = ", ".join(f"« {labels[c]} »" for c in differ)
        for idx in group:
            out.at(code, "applications", apps, idx, "resource", apps.at[idx, "resource"], columns=columns,
                   others=_others(out, apps, "applications", "resource", group, idx))  # fmt: skip
    documents = tables["documents"]
    for group in _groups(documents, ("document",)):
        for idx in group:
            out.at("document-en-double", "documents", documents, idx, "document", documents.at[idx, "document"],
                   others=_others(out, documents, "documents", "document", group, idx))  # fmt: skip
