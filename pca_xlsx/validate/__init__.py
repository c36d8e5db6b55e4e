"""Validate stage (placeholder until the validation issue lands): reader findings only."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..findings import Report
from ..read import Referential, WorkbookData, stack_all


def validate_all(referential: Referential, workbooks: list[WorkbookData]) -> tuple[Report, dict[str, pd.DataFrame]]:
    report = Report()
    for wb in workbooks:
        report.extend(wb.findings)
    return report, stack_all(workbooks)


def write_validation(result, output: Path, progress) -> list[Path]:
    return []
