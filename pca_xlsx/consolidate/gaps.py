"""Écarts: what is still missing in the plan, each with its service, file, sheet and cell."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from ..core.matching import DocumentMatcher
from ..core.positions import cell_sort_key
from ..core.values import missing
from ..format import SHEETS_BY_KEY, fold, months_before, split_list
from .common import Directory, last_exercises

NO_WORKAROUND = "Processus sans parade"
TO_BUILD = "Parade à construire"
VITAL_UNTESTED = "Processus vital, interruption tolérable < 4 h, parade non testée"
PREREQUISITE = "Prérequis sans document correspondant"
UNCOVERED = "Dépendance critique ou forte sans processus"
INTERFACE = "Interface vers un service sans classeur"
NO_EXERCISE = "Aucun exercice dans la période"
NOT_RECEIVED = "Classeur non reçu"
GAP_TYPES = (NO_WORKAROUND, TO_BUILD, VITAL_UNTESTED, PREREQUISITE, UNCOVERED, INTERFACE, NO_EXERCISE, NOT_RECEIVED)
GAP_COLUMNS = ["type", "code", "name", "pole_name", "file", "sheet", "cell", "detail"]
SHORT_INTERRUPTION = {"Moins d'1 h", "1 à 4 h"}
PLAIN = {"_file": "file_", "_sheet": "sheet_", "_row": "row_"}  # itertuples drops _names


class _Gaps:
    def __init__(self, people: Directory):
        self.people = people
        self.rows: list[dict] = []

    def add(self, kind: str, code: str, file: str, sheet: str, cell: str, detail: str) -> None:
        self.rows.append(
            {
                "type": kind,
                "code": code,
                "name": self.people.names.get(code, ""),
                "pole_name": self.people.pole_name(code),
                "file": file,
                "sheet": sheet,
                "cell": cell,
                "detail": detail,
            }
        )

    def cell(self, file: str, key: str, column: str, row) -> str:
        letter = self.people.letters.get((file, key), {}).get(column)
        return f"{letter}{row}" if letter else ""


def build_gaps(details: dict[str, pd.DataFrame], people: Directory, referential, today: dt.date) -> pd.DataFrame:
    out = _Gaps(people)
    proc, apps, docs = details["processus"], details["applications"], details["documents"]
    tolerable = {(c, fold(r)): t for c, r, t in zip(apps["code"], apps["resource"], apps["tolerable"])}
    documents: dict[str, list[str]] = defaultdict(list)
    for code, name in zip(docs["code"], docs["document"]):
        if name:
            documents[code].append(fold(name))
    matchers = {code: DocumentMatcher(names) for code, names in documents.items()}
    nothing = DocumentMatcher([])
    covered = {(c, fold(r)) for c, r in zip(proc["code"], proc["resource"])}

    for row in proc.rename(columns=PLAIN).itertuples(index=False):
        where = (row.code, row.file_, row.sheet_)
        label = f"N° {row.number if row.number is not None else '?'} « {row.process or ''} »"
        if missing(row.workaround):
            out.add(
                NO_WORKAROUND,
                *where,
                out.cell(row.file_, "processus", "workaround", row.row_),
                f"{label} ({row.resource or ''})",
            )
        elif row.status == "À construire":
            out.add(
                TO_BUILD, *where, out.cell(row.file_, "processus", "status", row.row_), f"{label} : {row.workaround}"
            )
        limit = tolerable.get((row.code, fold(row.resource)))
        if row.criticality == "Vitale" and limit in SHORT_INTERRUPTION and row.status != "Testée":
            out.add(
                VITAL_UNTESTED,
                *where,
                out.cell(row.file_, "processus", "status", row.row_),
                f"{label} : {row.resource} tolère « {limit} », parade « {row.status or 'non renseignée'} »",
            )
        for item in split_list(row.prerequisites):
            if not matchers.get(row.code, nothing).matches(item):
                out.add(
                    PREREQUISITE,
                    *where,
                    out.cell(row.file_, "processus", "prerequisites", row.row_),
                    f"{label} : « {item} » ne figure pas dans la feuille Documents",
                )
        for target in split_list(row.interfaces):
            target = target.upper()
            if target != row.code and not people.received(target):
                out.add(
                    INTERFACE,
                    *where,
                    out.cell(row.file_, "processus", "interfaces", row.row_),
                    f"{label} : le service {target} n'a pas envoyé de classeur",
                )
    for row in apps.rename(columns=PLAIN).itertuples(index=False):
        if row.dependency in ("Critique", "Forte") and (row.code, fold(row.resource)) not in covered:
            out.add(
                UNCOVERED,
                row.code,
                row.file_,
                row.sheet_,
                out.cell(row.file_, "applications", "dependency", row.row_),
                f"Dépendance {row.dependency.lower()} à {row.resource} : aucune ligne de la feuille Processus",
            )

    cutoff = months_before(today, referential.exercise_months)
    last = last_exercises(details["exercices"]).to_dict()
    sheet_name = SHEETS_BY_KEY["exercices"].name
    for code in people.codes:
        files = sorted(people.files.get(code, []))
        if not files:
            if code in people.referential_codes:
                out.add(NOT_RECEIVED, code, "", "", "", "Aucun classeur reçu pour ce service")
            continue
        day = last.get(code)
        if day is None or day < cutoff:
            seen = f"dernier exercice le {day:%d/%m/%Y}" if day else "aucun exercice saisi"
            out.add(
                NO_EXERCISE,
                code,
                files[0],
                sheet_name,
                "",
                f"{seen} ; un exercice est attendu depuis le {cutoff:%d/%m/%Y} "
                f"(périodicité {referential.exercise_months} mois)",
            )
    gaps = pd.DataFrame(out.rows, columns=GAP_COLUMNS)
    order = {kind: i for i, kind in enumerate(GAP_TYPES)}
    gaps["_type"] = gaps["type"].map(order)
    gaps["_cell"] = gaps["cell"].map(cell_sort_key)
    gaps = gaps.sort_values(["code", "file", "sheet", "_cell", "_type"], kind="stable")
    return gaps.drop(columns=["_type", "_cell"]).reset_index(drop=True)


def gap_counts(gaps: pd.DataFrame) -> dict[str, int]:
    counts = gaps["type"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in GAP_TYPES}
