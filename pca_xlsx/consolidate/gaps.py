"""Écarts: what is still missing in the plan, each with its service, file, sheet and cell.

Like findings, every gap has a rule: a code, a French label (the « Type » shown) and one function
that yields its gaps, registered in :data:`GAP_RULES`. Add a rule there to add a kind of gap.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from ..core.matching import DocumentMatcher
from ..core.positions import address, cell_sort_key
from ..core.values import clean_text, missing, to_date
from ..format import SHEETS_BY_KEY, add_months, fold, months_before, split_list
from ..format.service import INTERFACE_COLUMNS, names_all
from ..format.vocabulary import CRITICAL, FAILED, SHORT_INTERRUPTIONS, STRONG, TESTED, VITAL
from ..format.vocabulary import TO_BUILD as STATUS_TO_BUILD
from ..validate.completeness import sentence
from .common import Directory, last_exercises
from .coordination import COORDINATION
from .exercises import failed_at_exercise
from .gap import Gap, gaps_frame

NO_WORKAROUND = "Processus sans parade"
TO_BUILD = "Parade à construire"
VITAL_UNTESTED = "Processus vital, interruption tolérable < 4 h, parade non testée"
PREREQUISITE = "Prérequis sans document correspondant"
UNCOVERED = "Dépendance critique ou forte sans processus"
INTERFACE = "Interface vers un service sans classeur"
NO_EXERCISE = "Aucun exercice dans la période"
NOT_RECEIVED = "Classeur non reçu"
UNREADABLE = "Classeur illisible"  # received, named for the service, but it cannot be read: to send again
INCOMPLETE = "Classeur incomplet"  # received below the minimum content (pca_xlsx.validate.completeness)
FAILED_EXERCISE = "Exercice en échec"
STALE_REVIEW = "Revue du classeur dépassée"
FAILED_AT_EXERCISE = "Parade en échec à l'exercice"  # from the observation grids (pca_xlsx.validate.exercises)
IT_RESTART = "Reprise SI insuffisante"  # raised by recovery.build_recovery, on the referential
SHORT_INTERRUPTION = set(SHORT_INTERRUPTIONS)
PLAIN = {"_file": "file_", "_sheet": "sheet_", "_row": "row_"}  # itertuples drops _names


class Context:
    """What the gap rules read: the detailed tables, who is who, the referential, today, and the
    observation grids put back (``pca_xlsx.validate.exercises.ExerciseResults`` or None)."""

    def __init__(self, details: dict[str, pd.DataFrame], people: Directory, referential, today: dt.date, grids=None):
        self.details, self.people, self.referential, self.today = details, people, referential, today
        self.grids = grids

    @cached_property
    def processes(self) -> list:
        return list(self.details["processus"].rename(columns=PLAIN).itertuples(index=False))

    @cached_property
    def applications(self) -> list:
        return list(self.details["applications"].rename(columns=PLAIN).itertuples(index=False))

    def cell(self, file: str, key: str, column: str, row) -> str:
        return address(self.people.letters.get((file, key), {}).get(column, ""), row)

    def at(self, row, column: str, detail: str, key: str = "processus", item: str = "") -> Gap:
        """A gap at column ``column`` of a detailed row (a process row keeps its criticality and N°)."""
        criticality, ref = (row.criticality, reference(row.number)) if key == "processus" else (None, "")
        cell = self.cell(row.file_, key, column, row.row_)
        return Gap(code=row.code, file=row.file_, sheet=row.sheet_, cell=cell, detail=detail, item=item,
                   criticality=criticality, reference=ref)  # fmt: skip


def reference(number) -> str:
    """A process N° as the Plan d'actions writes it in « Référence » (``9``, not ``9.0``)."""
    if number is None or number != number:
        return ""
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number).strip()


def cell_key(cell: str) -> tuple[int, int]:
    """Sort key of a cell address: row, then column."""
    return cell_sort_key(cell)


def _label(row) -> str:
    return f"N° {row.number if row.number is not None else '?'} « {row.process or ''} »"


def no_workaround(ctx: Context) -> Iterator[Gap]:
    for row in ctx.processes:
        if missing(row.workaround):
            yield ctx.at(row, "workaround", f"{_label(row)} ({row.resource or ''})")


def to_build(ctx: Context) -> Iterator[Gap]:
    for row in ctx.processes:
        if not missing(row.workaround) and row.status == STATUS_TO_BUILD:
            yield ctx.at(row, "status", f"{_label(row)} : {row.workaround}")


def vital_untested(ctx: Context) -> Iterator[Gap]:
    apps = ctx.details["applications"]
    tolerable = {(c, fold(r)): t for c, r, t in zip(apps["code"], apps["resource"], apps["tolerable"])}
    for row in ctx.processes:
        limit = tolerable.get((row.code, fold(row.resource)))
        if row.criticality == VITAL and limit in SHORT_INTERRUPTION and row.status != TESTED:
            detail = f"{_label(row)} : {row.resource} tolère « {limit} », parade « {row.status or 'non renseignée'} »"
            yield ctx.at(row, "status", detail)


def prerequisite(ctx: Context) -> Iterator[Gap]:
    docs = ctx.details["documents"]
    documents: dict[str, list[str]] = defaultdict(list)
    for code, name in zip(docs["code"], docs["document"]):
        if name:
            documents[code].append(fold(name))
    matchers = {code: DocumentMatcher(names) for code, names in documents.items()}
    nothing = DocumentMatcher([])
    for row in ctx.processes:
        for item in split_list(row.prerequisites):
            if not matchers.get(row.code, nothing).matches(item):
                detail = f"{_label(row)} : « {item} » ne figure pas dans la feuille Documents"
                yield ctx.at(row, "prerequisites", detail, item=item)


def uncovered(ctx: Context) -> Iterator[Gap]:
    proc = ctx.details["processus"]
    covered = {(c, fold(r)) for c, r in zip(proc["code"], proc["resource"])}
    for row in ctx.applications:
        if row.dependency in (CRITICAL, STRONG) and (row.code, fold(row.resource)) not in covered:
            detail = f"Dépendance {row.dependency.lower()} à {row.resource} : aucune ligne de la feuille Processus"
            yield ctx.at(row, "dependency", detail, key="applications")


def interface(ctx: Context) -> Iterator[Gap]:
    for row in ctx.processes:
        for column in INTERFACE_COLUMNS:
            for target in split_list(getattr(row, column)):
                target = target.upper()
                if target != row.code and not names_all(target) and not ctx.people.received(target):
                    why = ("a envoyé un classeur illisible (à renvoyer)" if ctx.people.only_unreadable(target)
                           else "n'a pas envoyé de classeur")  # fmt: skip
                    yield ctx.at(row, column, f"{_label(row)} : le service {target} {why}")


def no_exercise(ctx: Context) -> Iterator[Gap]:
    months = ctx.referential.exercise_months
    cutoff = months_before(ctx.today, months)
    last = last_exercises(ctx.details["exercices"]).to_dict()
    sheet_name = SHEETS_BY_KEY["exercices"].name
    for code in ctx.people.codes:
        files = sorted(ctx.people.files.get(code, []))
        day = last.get(code)
        if not files:
            continue
        if day is None:
            detail = f"aucun exercice saisi ; un exercice est attendu tous les {months} mois"
            yield Gap(code=code, file=files[0], sheet=sheet_name, detail=detail)
        elif day < cutoff:
            due = add_months(day, months)
            detail = f"dernier exercice le {day:%d/%m/%Y} ; le suivant était dû le {due:%d/%m/%Y} (périodicité {months} mois)"
            yield Gap(code=code, file=files[0], sheet=sheet_name, detail=detail, reference=f"{day:%d/%m/%Y}")


def failed_exercise(ctx: Context) -> Iterator[Gap]:
    """Exercises whose result is « Échec », quoting their corrective actions."""
    exercises = ctx.details["exercices"].rename(columns=PLAIN)
    for row in exercises[exercises["result"] == FAILED].itertuples(index=False):
        day = to_date(row.date)
        shown = f"{day:%d/%m/%Y}" if day else clean_text(row.date)
        actions = clean_text(row.actions) or "aucune action corrective saisie"
        detail = f"exercice du {shown} ({clean_text(row.scenario) or 'scénario non précisé'}) en échec : {actions}"
        cell = ctx.cell(row.file_, "exercices", "result", row.row_)
        yield Gap(code=row.code, file=row.file_, sheet=row.sheet_, cell=cell, detail=detail, reference=shown)


def stale_review(ctx: Context) -> Iterator[Gap]:
    """Workbooks whose last update is older than the review period (quoting the due date)."""
    months = ctx.referential.review_months
    for row in ctx.details["service"].rename(columns=PLAIN).itertuples(index=False):
        day = to_date(row.updated)
        if day is None or add_months(day, months) >= ctx.today:
            continue
        detail = (
            f"mis à jour le {day:%d/%m/%Y} ; la revue était due le {add_months(day, months):%d/%m/%Y} "
            f"(périodicité {months} mois)"
        )
        cell = ctx.cell(row.file_, "service", "updated", row.row_)
        yield Gap(code=row.code, file=row.file_, sheet=row.sheet_, cell=cell, detail=detail)


def not_received(ctx: Context) -> Iterator[Gap]:
    for code in ctx.people.codes:
        if ctx.people.only_unreadable(code):
            continue  # received, unreadable: its own gap
        if not ctx.people.files.get(code) and code in ctx.people.referential_codes:
            checking = ctx.people.to_check.get(code)
            detail = (
                f"Classeur à vérifier (identité contestée : {', '.join(sorted(checking))}) : voir le rapport de validation"
                if checking
                else "Aucun classeur reçu pour ce service"
            )
            yield Gap(code=code, detail=detail)


def unreadable(ctx: Context) -> Iterator[Gap]:
    """Services whose only workbook received cannot be read: not « non reçu », to send again."""
    for code in ctx.people.codes:
        files = ctx.people.only_unreadable(code)
        if files:
            shown = ", ".join(f"« {f} »" for f in files)
            detail = f"Classeur reçu ({shown}) mais illisible : à renvoyer (voir le rapport de validation)"
            yield Gap(code=code, file=files[0], detail=detail)


def incomplete(ctx: Context) -> Iterator[Gap]:
    for code, parts in sorted(ctx.people.incomplete.items()):
        files = ctx.people.files.get(code) or [""]
        yield Gap(code=code, file=files[0], detail=sentence(parts))


@dataclass(frozen=True)
class GapRule:
    code: str
    label: str  # French, the « Type » column
    find: Callable[[Context], Iterator[Gap]]


#: The gap rules, in the order of the « Écarts » sheet's count table.
GAP_RULES: tuple[GapRule, ...] = (
    GapRule("processus-sans-parade", NO_WORKAROUND, no_workaround),
    GapRule("parade-a-construire", TO_BUILD, to_build),
    GapRule("vital-non-teste", VITAL_UNTESTED, vital_untested),
    GapRule("parade-en-echec", FAILED_AT_EXERCISE, failed_at_exercise),
    GapRule("prerequis-sans-document", PREREQUISITE, prerequisite),
    GapRule("dependance-sans-processus", UNCOVERED, uncovered),
    GapRule("interface-sans-classeur", INTERFACE, interface),
    GapRule("exercice-manquant", NO_EXERCISE, no_exercise),
    GapRule("exercice-en-echec", FAILED_EXERCISE, failed_exercise),
    GapRule("revue-depassee", STALE_REVIEW, stale_review),
    GapRule("classeur-non-recu", NOT_RECEIVED, not_received),
    GapRule("classeur-illisible", UNREADABLE, unreadable),
    GapRule("classeur-incomplet", INCOMPLETE, incomplete),
)
#: Gaps found by another builder of the consolidation (rule code, French label), fed to
#: :func:`build_gaps` as ``extra`` gaps of that ``type``: coordination between services to organise (from the
#: directed interfaces) and the IT restart plan's guarantees short of the need.
EXTERNAL_RULES: tuple[tuple[str, str], ...] = (
    ("coordination-a-organiser", COORDINATION),
    ("reprise-si-insuffisante", IT_RESTART),
)
GAP_TYPES = tuple(rule.label for rule in GAP_RULES) + tuple(label for _, label in EXTERNAL_RULES)


def rule_gaps(
    details: dict[str, pd.DataFrame], people: Directory, referential, today: dt.date, grids=None
) -> list[Gap]:
    """The gaps every rule of :data:`GAP_RULES` finds, with their rule, service name and pôle, in rule order."""
    ctx = Context(details, people, referential, today, grids)
    return [
        replace(
            gap,
            rule=rule.code,
            type=rule.label,
            name=people.names.get(gap.code, ""),
            pole_name=people.pole_name(gap.code),
        )  # fmt: skip
        for rule in GAP_RULES
        for gap in rule.find(ctx)
    ]


def build_gaps(
    details: dict[str, pd.DataFrame],
    people: Directory,
    referential,
    today: dt.date,
    extra: list[Gap] = (),
    grids=None,
    found: list[Gap] | None = None,
) -> pd.DataFrame:
    """Every gap of every rule (``found``: :func:`rule_gaps` computed beforehand) and the ``extra``
    gaps of :data:`EXTERNAL_RULES` (their ``type`` set), as a table of :data:`GAP_COLUMNS` sorted by
    service, file, sheet, cell, then rule."""
    rows = list(found) if found is not None else rule_gaps(details, people, referential, today, grids)
    codes = {label: code for code, label in EXTERNAL_RULES}
    rows += [gap if gap.rule else replace(gap, rule=codes[gap.type]) for gap in extra]
    gaps = gaps_frame(rows)
    order = {code: i for i, code in enumerate([rule.code for rule in GAP_RULES] + list(codes.values()))}
    gaps["_type"] = gaps["rule"].map(order)
    gaps["_cell"] = gaps["cell"].map(cell_sort_key)
    gaps = gaps.sort_values(["code", "file", "sheet", "_cell", "_type"], kind="stable")
    return gaps.drop(columns=["_type", "_cell"]).reset_index(drop=True)


def gap_counts(gaps: pd.DataFrame) -> dict[str, int]:
    """French label → count, every rule listed (zeros included)."""
    counts = gaps["type"].value_counts()
    return {kind: int(counts.get(kind, 0)) for kind in GAP_TYPES}
