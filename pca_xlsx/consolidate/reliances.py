"""Who relies on whom, row by row: the directed edges of the services' graph, each traced to a cell.

Three sources, one record per (service, service relied on, source row):

- « Services sollicités » of A's process row names B: A relies on B for that process;
- « Services bénéficiaires » of B's process row names A: B works for A, so A relies on B;
- A depends (Critique or Forte) on a resource whose « Service responsable » in the referential
  is B (Téléphonie → TELECOM): A relies on B for that resource.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..core.values import clean_text, missing
from ..format import fold, split_list
from ..format.service import ALL_SERVICES, names_all
from ..format.vocabulary import CRITICAL, CRITICALITY, STRONG
from .common import Directory

RELIES = "Services sollicités"
SERVES = "Services bénéficiaires"
RESOURCE = "Ressource"
#: Weight of one reliance: a vital process or a critical dependency counts 3, major or strong 2.
WEIGHTS = {CRITICALITY[0]: 3, CRITICAL: 3, CRITICALITY[1]: 2, STRONG: 2, CRITICALITY[2]: 1}
COLUMNS = [
    "code",
    "name",
    "relies_on",
    "relies_on_name",
    "via",
    "number",
    "process",
    "criticality",
    "resource",
    "weight",
    "file",
    "sheet",
    "cell",
    "source",
]


def process_label(number, process) -> str:
    shown = clean_text(number)
    return f"N° {shown or '?'} « {clean_text(process)} »"


def _cell(people: Directory, file: str, key: str, column: str, row) -> str:
    letter = people.letters.get((file, key), {}).get(column)
    return f"{letter}{row}" if letter else ""


def resource_owners(referential) -> dict[str, str]:
    """Folded resource name -> code of its « Service responsable » (referential, version 2)."""
    resources = getattr(referential, "resources", None)
    if resources is None or "owner_service" not in getattr(resources, "columns", []):
        return {}
    return {
        fold(name): clean_text(owner).upper()
        for name, owner in zip(resources["name"], resources["owner_service"])
        if not missing(owner) and not missing(name)
    }


def build_reliances(details: dict[str, pd.DataFrame], people: Directory, referential) -> pd.DataFrame:
    """One row per reliance and source cell, sorted by service, service relied on, file and row."""
    rows: list[dict] = []

    def add(code, target, via, number, process, criticality, resource, file, sheet, cell):
        rows.append(
            {
                "code": code,
                "name": people.names.get(code, ""),
                "relies_on": target,
                "relies_on_name": people.names.get(target, "Inconnu du référentiel"),
                "via": via,
                "number": int(number) if isinstance(number, float) and number.is_integer() else number,
                "process": process,
                "criticality": criticality,
                "resource": resource,
                "weight": WEIGHTS.get(criticality, 1),
                "file": file,
                "sheet": sheet,
                "cell": cell,
                "source": f"{file} · {sheet}!{cell}" if cell else file,
            }
        )

    proc = details["processus"]
    for code, number, process, crit, res, relies, serves, file, sheet, row in zip(
        proc["code"], proc["number"], proc["process"], proc["criticality"], proc["resource"],
        proc["relies_on"], proc["serves"], proc["_file"], proc["_sheet"], proc["_row"],
    ):  # fmt: skip
        if not code:
            continue
        label = process_label(number, process)
        res = clean_text(res)
        for target in split_list(relies):
            target = target.upper()
            if target != code and not names_all(target):
                cell = _cell(people, file, "processus", "relies_on", row)
                add(code, target, RELIES, number, label, clean_text(crit), res, file, sheet, cell)
        for client in split_list(serves):
            client = client.upper()
            if client != code and not names_all(client):
                cell = _cell(people, file, "processus", "serves", row)
                add(client, code, SERVES, number, f"{label} ({code})", clean_text(crit), res, file, sheet, cell)

    owners = resource_owners(referential)
    apps = details["applications"]
    if owners:
        for code, res, dep, file, sheet, row in zip(
            apps["code"], apps["resource"], apps["dependency"], apps["_file"], apps["_sheet"], apps["_row"]
        ):
            owner = owners.get(fold(res))
            if code and owner and owner != code and dep in (CRITICAL, STRONG):
                cell = _cell(people, file, "applications", "dependency", row)
                add(code, owner, RESOURCE, None, f"Dépendance {dep.lower()} à {res}", dep, clean_text(res),
                    file, sheet, cell)  # fmt: skip
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        return frame
    frame["_row"] = [_row_number(c) for c in frame["cell"]]
    frame = frame.sort_values(["code", "relies_on", "file", "_row"], kind="stable")
    return frame.drop(columns="_row").reset_index(drop=True)


def _row_number(cell: str) -> int:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else 0


def serving(details: dict[str, pd.DataFrame]) -> dict[str, dict[str, list[dict]]]:
    """Service B -> service named as beneficiary (or ``ALL_SERVICES``) -> B's process rows naming it."""
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    proc = details["processus"]
    for code, serves, number, process, res, status, file, sheet, row in zip(
        proc["code"], proc["serves"], proc["number"], proc["process"], proc["resource"], proc["status"],
        proc["_file"], proc["_sheet"], proc["_row"],
    ):  # fmt: skip
        for client in split_list(serves):
            key = ALL_SERVICES if names_all(client) else client.upper()
            out[code][key].append(
                {
                    "number": number,
                    "process": process,
                    "resource": clean_text(res),
                    "status": status,
                    "file": file,
                    "sheet": sheet,
                    "row": row,
                }  # fmt: skip
            )
    return out
