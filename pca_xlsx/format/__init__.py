"""The declarative workbook format: one place that describes every sheet and column."""

from . import versions
from .model import Column, Sheet, add_months, fold, months_before, split_list
from .referential import ALL_RESOURCES, REFERENTIAL_FILE, REFERENTIAL_SHEETS
from .service import (
    DATA_SHEETS,
    KNOWN_TEMPLATE_VERSIONS,
    MATURITY_FORMULA,
    MATURITY_POINTS,
    MATURITY_QUESTIONS,
    SERVICE_SHEETS,
    SHEETS_BY_KEY,
    TEMPLATE_VERSION,
)

__all__ = [
    "versions",
    "ALL_RESOURCES",
    "add_months",
    "Column",
    "DATA_SHEETS",
    "KNOWN_TEMPLATE_VERSIONS",
    "MATURITY_FORMULA",
    "MATURITY_POINTS",
    "MATURITY_QUESTIONS",
    "REFERENTIAL_FILE",
    "REFERENTIAL_SHEETS",
    "SERVICE_SHEETS",
    "SHEETS_BY_KEY",
    "Sheet",
    "TEMPLATE_VERSION",
    "fold",
    "months_before",
    "split_list",
]
