"""xlsxwriter helpers shared by every workbook we write: safe workbook options, formats, cells."""

from __future__ import annotations

import datetime as dt
import math
import numbers
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .values import cell_text

#: User text is never turned into a formula, a link or a number by the writer.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
}
DATE_FORMAT = "dd/mm/yyyy"


def new_workbook(path) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)


class Formats:
    """The few formats a workbook needs, created once per workbook (never per cell)."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        add = workbook.add_format
        self.header = add(
            {
                "bold": True,
                "bg_color": "#1F4E79",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "locked": True,
            }
        )
        self.label = add(
            {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1, "locked": True}
        )
        self.locked = add({"bg_color": "#F2F2F2", "text_wrap": True, "valign": "top", "border": 1, "locked": True})
        self.locked_date = add({"bg_color": "#F2F2F2", "num_format": DATE_FORMAT, "border": 1, "locked": True})
        self.input = add({"text_wrap": True, "valign": "top", "border": 1, "border_color": "#BFBFBF", "locked": False})
        self.input_date = add(
            {"num_format": DATE_FORMAT, "valign": "top", "border": 1, "border_color": "#BFBFBF", "locked": False}
        )
        self.unlocked = add({"text_wrap": True, "valign": "top", "locked": False})
        #: Text cells (phone numbers: Excel keeps the leading zero and the spaces)
        self.input_text = add(
            {"num_format": "@", "valign": "top", "border": 1, "border_color": "#BFBFBF", "locked": False}
        )
        self.unlocked_text = add({"num_format": "@", "valign": "top", "locked": False})
        self.unlocked_date = add({"num_format": DATE_FORMAT, "valign": "top", "locked": False})
        self.help = add({"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"})
        self.title = add({"bold": True, "font_size": 16, "font_color": "#1F4E79"})
        self.subtitle = add({"bold": True, "font_size": 12, "font_color": "#1F4E79", "top": 1})
        self.text = add({"text_wrap": True, "valign": "top"})
        self.date = add({"num_format": DATE_FORMAT, "valign": "top"})
        self.bold = add({"bold": True, "text_wrap": True, "valign": "top"})
        self.percent = add({"num_format": "0%", "valign": "top"})
        #: a subtitle's explanation beside it: same look, wrapped in its column (a long one never widens the page)
        self.subtitle_text = add(
            {"bold": True, "font_size": 12, "font_color": "#1F4E79", "top": 1, "text_wrap": True, "valign": "top"}
        )


def write_value(ws: Worksheet, row: int, col: int, value: Any, fmt=None, date_fmt=None) -> None:
    """Write one value with its own type; strings always as strings (never formulas)."""
    if value is None or _is_missing(value):
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date)):
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        ws.write_datetime(row, col, value, date_fmt or fmt)
    elif isinstance(value, numbers.Real):
        if isinstance(value, float) and math.isinf(value):
            ws.write_string(row, col, str(value), fmt)
        else:
            ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, cell_text(value), fmt)


def _is_missing(value: Any) -> bool:
    """NaN, NaT and pandas NA (all unequal to themselves, or ambiguous)."""
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def wrapped_lines(values, widths) -> int:
    """Lines a row needs to show each text whole, wrapped in its column's width (in characters): LibreOffice
    does not fit the height of rows written with wrapped text itself."""
    return max((-(-len(str(v or "")) // max(w - 2, 1)) for v, w in zip(values, widths)), default=1) or 1
