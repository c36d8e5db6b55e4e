"""The floor: read every workbook with python-calamine and write every value read, once, with xlsxwriter.

``python -m benchmarks.floor WORKBOOKS OUT.xlsx``. Reads the referential and the sheets the
contract says are read (not ``Lisez-moi`` nor the hidden ``Listes``, which carry no user data and
whose size grows with the number of services); writes every non-empty value into one workbook
(one sheet per sheet name, rows appended, ``constant_memory``) — the least any pipeline must do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import python_calamine as pc
import xlsxwriter

SKIPPED = {"Lisez-moi", "Listes"}


def floor(folder: Path, out: Path) -> int:
    """Return the number of values written."""
    workbook = xlsxwriter.Workbook(
        str(out), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheets: dict[str, list] = {}  # name -> [worksheet, next row]
    written = 0
    for path in sorted(Path(folder).rglob("*.xlsx")):  # a GHT: the establishments' sub-folders too
        book = pc.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            if name in SKIPPED:
                continue
            target = sheets.get(name)
            if target is None:
                target = sheets[name] = [workbook.add_worksheet(name[:31]), 0]
            ws, row = target
            string, number = ws.write_string, ws.write_number
            for values in book.get_sheet_by_name(name).to_python(skip_empty_area=True):
                if not any(v != "" for v in values):
                    continue
                for col, value in enumerate(values):
                    if value == "":
                        continue
                    if isinstance(value, str):
                        string(row, col, value)
                    elif isinstance(value, bool):
                        ws.write_boolean(row, col, value)
                    elif isinstance(value, (int, float)):
                        number(row, col, value)
                    else:
                        ws.write_datetime(row, col, value, date)
                    written += 1
                row += 1
            target[1] = row
        book.close()
    workbook.close()
    return written


if __name__ == "__main__":
    count = floor(Path(sys.argv[1]), Path(sys.argv[2]))
    print(count)
