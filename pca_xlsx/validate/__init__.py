"""Validate stage: normalise the stacked tables, run one pandera schema per table, cross-check.

``validate_all`` returns the report and the normalised tables (rows in error are kept and
flagged by ``_errors``); ``start_validation`` writes the report workbook and starts the annotated copies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd

from ..findings import Report
from ..format import DATA_SHEETS, Sheet
from ..read import Referential, WorkbookData, stack_all
from .crisis import crisis_checks
from .cross import cross_checks
from .identity import name_unreadable
from .locate import Collector, flag_errors, row_keys
from .normalise import normalise_table
from .rekey import rekey_proposals
from .renames import apply_to_workbooks as apply_renames
from .resources import check_resources
from .schema import is_date, is_integer, is_real, run_schema
from .versions import carry_forward


def _lookups(referential: Referential) -> dict[str, list[str]]:
    return {
        "ressources": [str(v) for v in referential.resource_names],
        "scenarios": [str(v) for v in referential.scenario_names],
        "services": [str(v) for v in referential.service_codes],
        "poles": [str(v) for v in referential.poles["code"]],
    }


def _typed(frame: pd.DataFrame, spec: Sheet) -> pd.DataFrame:
    """The values consolidation trusts, in object columns: integers ``int``, numbers ``int`` when whole else
    ``float``, dates ``datetime.date``; ``None`` where a cell is empty or its value invalid (reported)."""
    for column in spec.columns:
        values = frame[column.key]
        if column.kind == "integer":
            kept = [v if is_integer(v) else None for v in values.tolist()]
        elif column.kind == "number":
            kept = [_number(v) if is_real(v) else None for v in values.tolist()]
        elif column.kind == "date":
            kept = [v if is_date(v) else None for v in values.tolist()]
        else:
            continue
        frame[column.key] = pd.Series(kept, index=frame.index, dtype=object)
    return frame


def _number(v) -> int | float | None:
    v = float(v)
    return None if v != v else int(v) if v.is_integer() and abs(v) < 2**53 else v


def validate_all(
    referential: Referential, workbooks: list[WorkbookData], today: dt.date | None = None
) -> tuple[Report, dict[str, pd.DataFrame]]:
    """Every finding of the run, and one normalised table per sheet type (META columns + spec keys)."""
    name_unreadable(referential, workbooks)  # an unreadable file named for its service: received, to send again
    apply_renames(referential, workbooks)  # old names read as the new ones (findings on the workbooks)
    moved = carry_forward(referential, workbooks) + rekey_proposals(workbooks)
    out = Collector(workbooks)
    lookups = _lookups(referential)
    raw = stack_all(workbooks)
    tables = {spec.key: normalise_table(raw[spec.key], spec, lookups, out) for spec in DATA_SHEETS}
    service = tables["service"]
    codes = dict(zip(service["_file"], service["code"].map(lambda v: "" if v is None else str(v))))
    for frame in tables.values():
        frame["_service"] = frame["_file"].map(codes).fillna("").astype(object)
    for spec in DATA_SHEETS:
        run_schema(tables[spec.key], spec, lookups, out)
    set_aside = cross_checks(referential, tables, out, today, workbooks)
    crisis = crisis_checks(referential, tables, out)

    findings = list(referential.findings) + [f for wb in workbooks for f in wb.findings] + moved + out.findings
    findings += check_resources(referential) + crisis
    codes.update((wb.file, wb.named) for wb in workbooks if wb.named)  # unreadable: the service its name gives
    findings = [f if f.service else dataclasses.replace(f, service=codes.get(f.file, "")) for f in findings]
    keys = row_keys(findings, out.sheets) | out.error_rows
    for spec in DATA_SHEETS:
        frame = _typed(tables[spec.key], spec)
        if set_aside:  # disputed identities and exact copies: their rows are rejected (reported)
            frame = frame[~frame["_file"].isin(set_aside)]
        frame["_errors"] = flag_errors(frame, keys)
        tables[spec.key] = frame
    return Report(findings), tables


def workbooks_folder(result) -> str:
    """The folder the workbooks were read from (that of the first workbook, else the referential's)."""
    paths = [wb.path for wb in result.workbooks]
    return str(paths[0].parent if paths else result.referential.path.parent)


class PendingWrites:
    """Validation outputs still being written (annotated copies, in worker processes)."""

    def __init__(self, written: list[Path], copies):
        self.written, self.copies = written, copies

    def wait(self) -> list[Path]:
        """Every path written: the report, then the annotated copies."""
        return self.written + self.copies.wait()

    def idle(self) -> bool:
        """The worker processes wrote every copy (:meth:`wait` then only collects them)."""
        return self.copies.batch.idle()


def start_validation(result, output: Path, progress, jobs: int | None = None) -> PendingWrites:
    """Write ``<output>/validation/rapport_validation.xlsx`` and start the annotated copies
    (across ``jobs`` processes); the caller may work meanwhile, then calls ``wait()``."""
    from .annotate import start_annotated
    from .report import write_report

    folder = Path(output) / "validation"
    establishment = result.referential.establishment
    copies = start_annotated(result.report, result.workbooks, folder / "annotes", progress, jobs, establishment)
    try:
        names = {Path(task[0]).name: Path(task[2]).name for task in copies.tasks}
        scope = f"tous les classeurs du dossier « {workbooks_folder(result)} »"
        report = write_report(result.report, folder / "rapport_validation.xlsx", result, names, scope)
    except BaseException:
        copies.wait()
        raise
    return PendingWrites([report], copies)


__all__ = ["PendingWrites", "start_validation", "validate_all"]
