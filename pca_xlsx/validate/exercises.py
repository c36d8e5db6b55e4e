"""Filled grids back into the plan: each observed service's exercise, the failed workarounds, the findings.

Read during validation (:func:`read_results`); the consolidation then adds the exercises to the
``Exercices`` history (:func:`exercise_rows`), the failed workarounds to ``Écarts``
(:func:`failure_gaps`) and a ``Contrôle`` line per service sheet (:func:`control_rows`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..findings import Finding, finding
from ..format import fold
from ..format.grid import GRID_FOLDER, OBSERVATIONS
from ..format.vocabulary import FAILED as FAILED_RESULT
from ..format.vocabulary import NO, PARTLY_OFF_NETWORK, PARTLY_SUCCEEDED, SUCCEEDED, TESTED, VITAL, YES
from ..read.grid import Grid, Row, ServiceSheet, discover_grids, read_grid

SOURCE_MARK = "grille d'observation"
FAILED = NO


@dataclass
class Observed:
    """One service sheet of a grid, interpreted."""

    grid: Grid
    sheet: ServiceSheet
    scenario: str
    result: str | None  # None: nothing observed
    actions: str
    #: (grid row, its workbook process row or None, that row's « Parade » cell or "")
    failures: list[tuple[Row, dict[str, Any] | None, str]] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.sheet.code

    @property
    def source(self) -> str:
        return f"{self.grid.file} · {self.sheet.title}!{self.sheet.cells.get('code', 'A1')} ({SOURCE_MARK})"


@dataclass
class ExerciseResults:
    grids: list[Grid] = field(default_factory=list)
    observed: list[Observed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def result_of(rows: list[Row]) -> str | None:
    """The service's result by the rule of :data:`.grid_format.RESULT_RULE`."""
    seen = [r for r in rows if r.values.get("applied")]
    if not seen:
        return None
    failed = [r for r in seen if r.values["applied"] == FAILED]
    if any(r.values.get("criticality") == VITAL for r in failed) or 2 * len(failed) >= len(seen):
        return FAILED_RESULT
    if all(r.values["applied"] == YES for r in seen) and not any(r.values.get("prerequisites_ok") == NO for r in seen):
        return SUCCEEDED
    return PARTLY_SUCCEEDED


def actions_of(rows: list[Row]) -> str:
    """Corrective actions: one line per process not fully applied or missing prerequisites."""
    lines = []
    for r in rows:
        v = r.values
        problems = []
        if v.get("applied") in (NO, PARTLY_OFF_NETWORK):
            problems.append(f"parade appliquée « {v['applied']} »")
        if v.get("prerequisites_ok") == NO:
            problems.append("prérequis manquants")
        if problems:
            note = f". Observation : {v['observation']}" if v.get("observation") else ""
            lines.append(f"N° {v.get('number')} {v.get('process') or ''} – {', '.join(problems)}{note}")
    return "\n".join(lines)


class _Workbooks:
    """The validated process rows of each service, and the cell letters of each workbook."""

    def __init__(self, tables: dict[str, pd.DataFrame], workbooks: list) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {}
        for row in tables["processus"].to_dict("records"):
            self.rows.setdefault(str(row["_service"]), []).append(row)
        self.letters = {(wb.file, key): s.letters for wb in workbooks for key, s in wb.sheets.items()}

    def match(self, code: str, row: Row) -> dict[str, Any] | None:
        """The workbook row of a grid row: same N° and process, else the only row with that process."""
        name = fold(row.values.get("process"))
        same = [r for r in self.rows.get(code, []) if fold(r.get("process")) == name]
        exact = [r for r in same if _int(r.get("number")) == row.values.get("number")]
        return exact[0] if exact else same[0] if len(same) == 1 else None

    def cell(self, row: dict[str, Any], key: str) -> str:
        letter = self.letters.get((row["_file"], "processus"), {}).get(key)
        return f"{letter}{row['_row']}" if letter else ""


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _scenario(grid: Grid, referential, out: list[Finding]) -> str | None:
    value = grid.values.get("scenario")
    names = {fold(n): str(n) for n in referential.scenario_names}
    if value is None:
        return None
    if fold(value) not in names:
        hint = f". Scénarios du référentiel : {', '.join(names.values())}."
        out.append(
            finding(
                "scenario-inconnu", grid.file, grid.exercise_sheet, grid.cells.get("scenario", ""), value, hint=hint
            )
        )
        return None
    return names[fold(value)]


def _observe(
    grid: Grid, sheet: ServiceSheet, scenario: str, referential, books: _Workbooks, out: list[Finding]
) -> Observed | None:
    file, title, code = grid.file, sheet.title, sheet.code
    codes = {fold(c): str(c) for c in referential.service_codes}
    if fold(code) not in codes:
        out.append(finding("service-inconnu", file, title, sheet.cells.get("code", ""), code, hint="."))
        return None
    code = sheet.values["code"] = codes[fold(code)]
    written = sheet.values.get("scenario")
    if written is not None and fold(written) != fold(scenario):
        out.append(
            finding("grille-scenario-modifie", file, title, sheet.cells.get("scenario", ""), written, expected=scenario)
        )
    expected = sheet.values.get("expected")
    if isinstance(expected, int) and len(sheet.observations) < expected:
        out.append(
            finding(
                "grille-lignes-supprimees",
                file,
                title,
                sheet.cells["expected"],
                expected,
                expected=expected,
                count=len(sheet.observations),
            )
        )
    result = result_of(sheet.observations)
    if result is None:
        out.append(finding("grille-non-remplie", file, title, sheet.cells.get("code", "")))
    observed = Observed(grid, sheet, scenario, result, actions_of(sheet.observations))
    for row in sheet.observations:
        match = books.match(code, row)
        if match is None and row.values.get("number") is not None:
            out.append(
                finding(
                    "grille-processus-inconnu",
                    file,
                    title,
                    row.cells["number"],
                    row.values["number"],
                    process=row.values.get("process") or "",
                    service=code,
                    target=code,
                )
            )
        if row.values.get("applied") != FAILED:
            continue
        observed.failures.append((row, match, books.cell(match, "workaround") if match is not None else ""))
        if match is not None and match.get("status") == TESTED:
            out.append(
                finding(
                    "parade-testee-en-echec",
                    match["_file"],
                    match.get("_sheet") or "Processus",
                    books.cell(match, "status"),
                    TESTED,
                    service=code,
                    date=f"{grid.day:%d/%m/%Y}",
                    grid=f"{file}, feuille {title}",
                )  # fmt: skip
            )
    return observed


def read_results(workbooks_folder: Path, referential, tables: dict[str, pd.DataFrame], workbooks: list,
                 today: dt.date | None = None) -> ExerciseResults:  # fmt: skip
    """Read every grid of ``<workbooks>/exercices/`` and interpret it against the validated workbooks."""
    out = ExerciseResults()
    paths = discover_grids(workbooks_folder)
    if not paths:  # the usual case: nothing to index
        return out
    books = _Workbooks(tables, workbooks)
    seen: dict[tuple[str, dt.date, str], str] = {}
    for path in paths:
        grid = read_grid(path, today)
        out.grids.append(grid)
        out.findings.extend(grid.findings)
        scenario = _scenario(grid, referential, out.findings)
        if scenario is None or grid.day is None:
            continue
        for sheet in grid.services:
            key = (fold(sheet.code), grid.day, scenario)
            if key in seen:
                out.findings.append(
                    finding(
                        "grille-en-double",
                        grid.file,
                        sheet.title,
                        sheet.cells.get("code", ""),
                        sheet.code,
                        target=sheet.code,
                        scenario=scenario,
                        date=f"{grid.day:%d/%m/%Y}",
                        other=seen[key],
                    )  # fmt: skip
                )
                continue
            seen[key] = f"{grid.file}, feuille {sheet.title}"
            observed = _observe(grid, sheet, scenario, referential, books, out.findings)
            if observed is not None:
                out.observed.append(observed)
    codes = {(g.file, s.title): s.code for g in out.grids for s in g.services}
    out.findings = [
        f if f.service else dataclasses.replace(f, service=codes.get((f.file, f.sheet), "")) for f in out.findings
    ]
    return out


def exercise_rows(results: ExerciseResults | None) -> list[dict[str, Any]]:
    """One ``Exercices`` row per observed service (the sheet keys, plus META and source)."""
    rows = []
    for o in results.observed if results else []:
        if o.result is None:
            continue
        rows.append(
            {
                "_file": o.grid.file,
                "_service": o.code,
                "_row": int("".join(ch for ch in o.sheet.cells.get("code", "0") if ch.isdigit()) or 0),
                "_sheet": o.sheet.title,
                "date": o.grid.day,
                "scenario": o.scenario,
                "type": o.grid.values.get("type"),
                "participants": o.sheet.values.get("participants"),
                "result": o.result,
                "actions": o.actions or None,
                "_source": o.source,
            }
        )
    return rows


def failure_gaps(results: ExerciseResults | None) -> list[dict[str, Any]]:
    """One gap per workaround observed « Non »: at the workbook's process row when it is found, else the grid."""
    rows = []
    for o in results.observed if results else []:
        for row, match, cell in o.failures:
            v = row.values
            detail = (
                f"N° {v.get('number')} « {v.get('process') or ''} » : parade observée « Non » à l'exercice du "
                f"{o.grid.day:%d/%m/%Y} ({o.scenario}) ; observation en {o.grid.file}, {o.sheet.title}!{row.cells.get('applied', '')}"
            )
            if match is not None:
                where = (match["_file"], match.get("_sheet") or "Processus", cell)
            else:
                where = (o.grid.file, o.sheet.title, row.cells.get("applied", ""))
            number = v.get("number")
            rows.append(
                {
                    "code": o.code,
                    "file": where[0],
                    "sheet": where[1],
                    "cell": where[2],
                    "detail": detail,
                    "criticality": (match or {}).get("criticality") or v.get("criticality"),
                    "reference": "" if number is None else str(number),
                }
            )
    return rows


def control_rows(results: ExerciseResults | None) -> list[list[Any]]:
    """``Contrôle`` lines: per grid service sheet, the exercise read and whether it was consolidated."""
    rows = []
    for o in results.observed if results else []:
        kept = int(o.result is not None)
        seen = sum(1 for r in o.sheet.observations if r.values.get("applied"))
        status = "OK" if kept else "Grille non remplie : voir le rapport de validation"
        sheet = f"{o.sheet.title} ({SOURCE_MARK} : {seen} parade(s) observée(s) sur {len(o.sheet.observations)}, {len(o.failures)} en échec)"
        rows.append([o.grid.file, o.code, sheet, 1, kept, 1 - kept, status, "exercices"])
    return rows


def annotate_grids(results: ExerciseResults, report, output: Path) -> list[Path]:
    """Annotated copies of the grids with findings on cells, in ``<output>/validation/annotes/exercices/``
    (copies left by an earlier run are removed)."""
    from .annotate import annotate

    folder = Path(output) / "validation" / "annotes" / GRID_FOLDER
    by_file = report.by_file()
    written = []
    for grid in results.grids:
        items = by_file.get(grid.file, [])
        if grid.readable and any(f.cell for f in items):
            path = annotate(grid.path, items, folder / grid.path.name)
            if path is not None:
                written.append(path)
    if folder.is_dir():
        keep = {p.name for p in written}
        for path in folder.iterdir():
            if path.is_file() and not path.name.startswith(".") and path.name not in keep:
                path.unlink()
    return written


__all__ = [
    "ExerciseResults",
    "OBSERVATIONS",
    "annotate_grids",
    "control_rows",
    "exercise_rows",
    "failure_gaps",
    "read_results",
]
