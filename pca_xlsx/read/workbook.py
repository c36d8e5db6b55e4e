"""Read a service workbook with python-calamine: its sheets matched to the format (each read by
:mod:`.sheet`), its version recognised, its unsafe or unreadable parts reported, its extra sheets named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import python_calamine as pc

from ..core.positions import address, column_letter
from ..core.words import counted
from ..findings import Finding, finding
from ..format import DATA_SHEETS, Sheet, fold
from ..format.order import CLOSE_SHEET, starts_like
from .formulas import uncached_formulas
from .recognise import known_workbook, not_a_workbook
from .renamed import extra_advice, missing_hint, renamed_sheets
from .safety import UnsafeFile, inspect_file
from .sheet import SheetData, read_form, read_table
from .tables import drop_totals, total_rows
from .versions import keep_for_version, recognise


@dataclass
class WorkbookData:
    """What was read from one service workbook."""

    path: Path
    sheets: dict[str, SheetData] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True
    version: int = 0  # template version recognised (see read.versions); 0 when unreadable
    version_label: Any = None  # the « Version du modèle » value as typed
    folder: str = ""  # the establishment sub-folder of the workbooks folder it sits in (a GHT), or ""
    #: sheets not in the format that hold data: title -> filled cells (not consolidated)
    extra_sheets: dict[str, int] = field(default_factory=dict)
    #: the workbook carries a ``Corrections`` sheet: an annotated copy sent back by the referent
    annotated: bool = False
    #: service codes « à vérifier » because this workbook's identity is disputed (validate.identity)
    disputed: tuple[str, ...] = ()
    #: not a service workbook (a referential copy, one of our outputs, a Word file): the note saying so
    skipped: str = ""
    #: an unreadable workbook: the service code its file name gives (validate.identity), "" when none
    named: str = ""

    @property
    def file(self) -> str:
        """File name, prefixed by its establishment sub-folder (``CHV/URGV.xlsx``)."""
        return f"{self.folder}/{self.path.name}" if self.folder else self.path.name

    @property
    def service(self) -> str:
        """Service code as typed in the ``Service`` sheet (stripped), or ""."""
        sheet = self.sheets.get("service")
        if not sheet or not sheet.rows:
            return ""
        value = sheet.rows[0][sheet.spec.all_keys.index("code")]
        return "" if value is None else str(value).strip()

    def rows_read(self) -> dict[str, int]:
        return {key: len(sheet.rows) for key, sheet in self.sheets.items()}


def find_sheet(workbook: pc.CalamineWorkbook, name: str) -> str | None:
    """Actual sheet name matching ``name`` (case, accents and spaces ignored)."""
    wanted = fold(name)
    for title in workbook.sheet_names:
        if fold(title) == wanted:
            return title
    return None


#: Sheets of a service workbook that are not data: never reported as extra.
NOT_DATA_SHEETS = ("Lisez-moi", "Listes", "Corrections")


def match_sheets(titles: list[str], specs: tuple[Sheet, ...]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(spec key -> title matched exactly, spec key -> title matched by a close name, unmatched titles).

    A close name is one that starts like the expected name (« Télécoms secours ») or is within a few
    letters of it; each title serves one sheet at most.
    """
    exact: dict[str, str] = {}
    free = list(titles)
    for spec in specs:
        for title in free:
            if fold(title) == fold(spec.name):
                exact[spec.key] = title
                free.remove(title)
                break
    ignored = {fold(n) for n in NOT_DATA_SHEETS}
    free = [t for t in free if fold(t) not in ignored]
    close: dict[str, str] = {}
    for spec in specs:
        if spec.key in exact:
            continue
        wanted = fold(spec.name)
        starts = [t for t in free if starts_like(fold(t), wanted)]
        near = get_close_matches(wanted, [fold(t) for t in free], n=1, cutoff=CLOSE_SHEET)
        found = starts[:1] or [t for t in free if fold(t) in near][:1]
        if found:
            close[spec.key] = found[0]
            free.remove(found[0])
    return exact, close, free


def _filled_cells(workbook: pc.CalamineWorkbook, title: str) -> int:
    try:
        grid = workbook.get_sheet_by_name(title).to_python(skip_empty_area=True)
    except Exception:  # noqa: BLE001 - an unreadable extra sheet counts as empty
        return 0
    return sum(1 for row in grid for value in row if value not in ("", None))


def read_service_workbook(path: Path, sheets: tuple[Sheet, ...] = DATA_SHEETS) -> WorkbookData:
    """Read one service workbook; problems become findings, never exceptions."""
    path = Path(path)
    data = WorkbookData(path)
    file = path.name
    data.skipped = not_a_workbook(path) or ""
    if data.skipped:
        data.readable = False
        return data
    try:
        inspection = inspect_file(path)
    except UnsafeFile as exc:
        data.readable = False
        data.findings.append(finding(exc.code, file, detail=exc.detail))
        return data
    if "macros" in inspection.warnings:
        data.findings.append(finding("fichier-macros", file))
    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises several types for broken files
        data.readable = False
        data.findings.append(finding("fichier-corrompu", file, detail=f"classeur endommagé ({_short(exc)})"))
        return data
    deferred: list[tuple[SheetData, list[Finding]]] = []
    totals: dict[str, list[tuple[str, int]]] = {}
    data.skipped = known_workbook(path, list(workbook.sheet_names)) or ""
    if data.skipped:
        data.readable = False
        workbook.close()
        return data
    try:
        missing = []
        exact, close, unmatched = match_sheets(list(workbook.sheet_names), sheets)
        data.annotated = any(fold(t) == fold("Corrections") for t in workbook.sheet_names)
        found = ", ".join(f"« {t} »" for t in workbook.sheet_names) or "aucune"
        for spec in sheets:
            title = exact.get(spec.key) or close.get(spec.key)
            if title is None:
                missing.append(spec)
                continue
            if spec.key in close:
                data.findings.append(finding("feuille-renommee", file, title, "A1", found=title, expected=spec.name))
            try:
                sheet = workbook.get_sheet_by_name(title)
                reader = read_form if spec.layout == "form" else read_table
                sheet_data, problems = reader(sheet, spec, file)
            except Exception as exc:  # noqa: BLE001
                data.findings.append(
                    finding("fichier-corrompu", file, title, detail=f"feuille « {title} » illisible ({_short(exc)})")
                )
                continue
            data.sheets[spec.key] = sheet_data
            deferred.append((sheet_data, problems))
            data.findings.extend(_merged_findings(sheet_data, file))
        totals = total_rows(path)  # an Excel Table's total row is not data
        for sheet_data in data.sheets.values():
            if sheet_data.spec.layout == "table" and sheet_data.title in totals:
                data.findings.extend(drop_totals(sheet_data, totals[sheet_data.title], file))
        if len(missing) == len(sheets) and _is_empty(workbook):
            data.findings.append(finding("fichier-vide", file))
        else:
            data.findings.extend(recognise(data))
            missing = [spec for spec in missing if spec.since <= data.version]
            for sheet_data, problems in deferred:
                data.findings.extend(keep_for_version(sheet_data, problems))
            data.extra_sheets = {t: n for t in unmatched if (n := _filled_cells(workbook, t))}
            renamed = renamed_sheets(workbook, missing, list(data.extra_sheets))
            for spec in missing:
                data.findings.append(finding("feuille-manquante", file, spec.name, found=found,
                                             hint=missing_hint(spec.name, renamed.get(spec.name))))  # fmt: skip
            former = {title: name for name, title in renamed.items()}
            for title, count in data.extra_sheets.items():
                advice = extra_advice(former.get(title))
                filled = counted(count, "cellule remplie", "cellules remplies")
                data.findings.append(finding("feuille-en-plus", file, title, "A1", filled=filled, advice=advice))
    finally:
        workbook.close()
    formulas = _formula_findings(data, file, inspection.formula_parts)
    if totals:  # a Table's total row is not data: its formulas do not matter either
        skip = {(title, row) for title, rows in totals.items() for _, row in rows}
        formulas = [f for f in formulas if (f.sheet, f.row) not in skip]
    data.findings.extend(formulas)
    return data


def _merged_findings(sheet: SheetData, file: str) -> list[Finding]:
    """A warning per merged area that touches the data (below the header row of a table)."""
    out = []
    for r0, c0, r1, c1 in sheet.merged:
        if sheet.spec.layout == "table" and (sheet.header_row is None or r1 + 1 <= sheet.header_row):
            continue
        area = f"{address(c0, r0 + 1)}:{address(c1, r1 + 1)}"
        out.append(finding("cellules-fusionnees", file, sheet.title, row=r0 + 1, column=column_letter(c0), area=area))
    return out


def _is_empty(workbook: pc.CalamineWorkbook) -> bool:
    for name in workbook.sheet_names:
        try:
            if workbook.get_sheet_by_name(name).to_python(skip_empty_area=True):
                return False
        except Exception:  # noqa: BLE001 - an unreadable sheet is not data
            continue
    return True


def _formula_findings(data: WorkbookData, file: str, parts: set[str]) -> list[Finding]:
    """Formulas without a cached value in the sheets read (calamine sees them as empty)."""
    if not data.sheets or not parts:
        return []
    try:
        found = uncached_formulas(data.path, [s.title for s in data.sheets.values()], parts)
    except Exception:  # noqa: BLE001 - the scan is a bonus: calamine already read the file
        return []
    out = []
    for sheet in data.sheets.values():
        for cell in found.get(sheet.title, []):
            sheet.formulas.add(cell)
            out.append(finding("formule-sans-valeur", file, sheet.title, cell))
    return out


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
