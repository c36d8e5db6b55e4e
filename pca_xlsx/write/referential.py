"""Write a referential workbook (used by the demo and synthetic hospital generators)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.files import atomic_path
from ..core.xlsx import Formats, new_workbook, write_value
from ..format import REFERENTIAL_SHEETS


def write_referential(path: Path, content: dict[str, Any]) -> Path:
    """``content`` maps sheet keys (etablissement, poles, services, ressources, scenarios) to data."""
    with atomic_path(path) as tmp:
        workbook = new_workbook(tmp)
        fmt = Formats(workbook)
        for sheet in REFERENTIAL_SHEETS:
            ws = workbook.add_worksheet(sheet.name)
            if sheet.layout == "form":
                values = content.get(sheet.key, {})
                ws.set_column(0, 1, 40)
                for row, column in enumerate(sheet.columns):
                    ws.write_string(row, 0, column.header, fmt.label)
                    write_value(ws, row, 1, values.get(column.key), fmt.text, fmt.date)
                continue
            for col, column in enumerate(sheet.columns):
                ws.set_column(col, col, column.width)
                ws.write_string(0, col, column.header, fmt.header)
            for row, record in enumerate(content.get(sheet.key, []), 1):
                for col, column in enumerate(sheet.columns):
                    write_value(ws, row, col, record.get(column.key), fmt.text, fmt.date)
            ws.freeze_panes(1, 0)
        workbook.close()
    return Path(path)
