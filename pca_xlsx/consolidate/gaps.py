"""Écarts: what is still missing in the plan, each with its service, file, sheet and cell."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from difflib import SequenceMatcher

import pandas as pd

from ..format import SHEETS_BY_KEY, fold, months_before, split_list
from ..format.service import INTERFACE_COLUMNS
from .common import Directory, last_exercises, missing

NO_WORKAROUND = "Processus sans parade"
TO_BUILD = "Parade à construire"
VITAL_UNTESTED = "Processus vital, interruption tolérable < 4 h, parade non testée"
PREREQUISITE = "Prérequis sans document correspondant"
UNCOVERED = "Dépendance critique ou forte sans processus"
INTERFACE = "Interface vers un service sans classeur"
NO_EXERCISE = "Aucun exercice dans la période"
NOT_RECEIVED = "Classeur non reçu"
FAILED_AT_EXERCISE = "Parade en échec à l'exercice"  # from the observation grids (pca_xlsx.validate.exercises)
GAP_TYPES = (
    NO_WORKAROUND,
    TO_BUILD,
    VITAL_UNTESTED,
    FAILED_AT_EXERCISE,
    PREREQUISITE,
    UNCOVERED,
    INTERFACE,
    NO_EXERCISE,
    NOT_RECEIVED,
)
GAP_COLUMNS = ["type", "code", "name", "pole_name", "file", "sheet", "cell", "detail"]
SHORT_INTERRUPTION = {"Moins d'1 h", "1 à 4 h"}
MATCH_RATIO = 0.6
PLAIN = {"_file": "file_", "_sheet": "sheet_", "_row": "row_"}  # itertuples drops _names


@functools.lru_cache(maxsize=1 << 16)
def spelled_alike(wanted: str, doc: str) -> bool:
    """``SequenceMatcher`` ratio at least ``MATCH_RATIO``, its cheap upper bounds tried first;
    memoised: the same prerequisites and documents recur across services."""
    matcher = SequenceMatcher(None, wanted, doc)
    return (
        matcher.real_quick_ratio() >= MATCH_RATIO
        and matcher.quick_ratio() >= MATCH_RATIO
        and matcher.ratio() >= MATCH_RATIO
    )


class DocumentMatcher:
    """The documents of one service (folded names), prepared once; prerequisites memoised.

    A prerequisite matches a document when one contains the other, their words overlap, or they
    are spelled alike.
    """

    def __init__(self, documents: list[str]):
        self.docs = [(doc, {w for w in doc.split() if len(w) > 3}) for doc in documents]
        self.memo: dict[str, bool] = {}

    def matches(self, item: str) -> bool:
        wanted = fold(item)
        hit = self.memo.get(wanted)
        if hit is None:
            hit = self.memo[wanted] = self._match(wanted)
        return hit

    def _match(self, wanted: str) -> bool:
        words = {w for w in wanted.split() if len(w) > 3}
        need = max(1, len(words) // 2)
        for doc, doc_words in self.docs:
            if wanted in doc or doc in wanted or (words and len(words & doc_words) >= need):
                return True
        return any(spelled_alike(wanted, doc) for doc, _ in self.docs)


def matches_document(item: str, documents: list[str]) -> bool:
    """Whether ``item`` matches one of ``documents`` (folded names); see :class:`DocumentMatcher`."""
    return DocumentMatcher(documents).matches(item)


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
        for column in INTERFACE_COLUMNS:
            for target in split_list(getattr(row, column)):
                target = target.upper()
                if target != row.code and not people.received(target):
                    out.add(
                        INTERFACE,
                        *where,
                        out.cell(row.file_, "processus", column, row.row_),
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
    return sort_gaps(pd.DataFrame(out.rows, columns=GAP_COLUMNS))


def sort_gaps(gaps: pd.DataFrame) -> pd.DataFrame:
    """By service, file, sheet, cell, then gap type."""
    order = {kind: i for i, kind in enumerate(GAP_TYPES)}
    gaps["_type"] = gaps["type"].map(order)
    gaps["_cell"] = gaps["cell"].map(_cell_key)
    gaps = gaps.sort_values(["code", "file", "sheet", "_cell", "_type"], kind="stable")
    return gaps.drop(columns=["_type", "_cell"]).reset_index(drop=True)


def _cell_key(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (int(digits) if digits else 0, letters.rjust(3))


def gap_counts(gaps: pd.DataFrame) -> dict[str, int]:
    counts = gaps["type"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in GAP_TYPES}
