"""Property: arbitrary cell contents never crash validation and never lose a row."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from conftest import REFERENTIAL, service_content
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pca_xlsx.format import DATA_SHEETS
from pca_xlsx.read import read_referential, read_service_workbook
from pca_xlsx.validate import validate_all
from pca_xlsx.validate.identity import DISPUTE_RULES
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["Vitale", " vitale ", "DPI", "dpi", "12/03/2026", "1", "12,5", "REA", "LABO; rea", "Définie"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.booleans(),
)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("prop")
    write_referential(folder / "referentiel.xlsx", REFERENTIAL)
    ref = read_referential(folder / "referentiel.xlsx")
    books = []
    for code in ("REA", "LABO"):
        write_service_workbook(folder / f"{code}.xlsx", ref, code, service_content(code))
        books.append(read_service_workbook(folder / f"{code}.xlsx"))
    return ref, books


@st.composite
def contents(draw):
    """Per workbook and sheet: a list of rows of arbitrary cells (the form sheet keeps one row)."""
    out = []
    for _ in range(2):
        sheets = {}
        for spec in DATA_SHEETS:
            count = 1 if spec.layout == "form" else draw(st.integers(0, 4))
            sheets[spec.key] = [[draw(CELL) for _ in spec.all_columns] for _ in range(count)]
        out.append(sheets)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=contents())
def test_arbitrary_cells_never_crash_nor_lose_rows(base, data) -> None:
    ref, books = base
    workbooks = []
    for book, sheets in zip(books, data):
        wb = copy.deepcopy(book)
        for key, rows in sheets.items():
            sheet = wb.sheets[key]
            sheet.rows = rows
            if sheet.spec.layout == "table":
                sheet.row_numbers = list(range(2, 2 + len(rows)))
        workbooks.append(wb)
    report, tables = validate_all(ref, workbooks)
    # a service sent twice is consolidated once, a workbook whose identity is disputed (« REA » typed in
    # LABO.xlsx) not at all: the set-aside file's rows are reported, not tabled
    set_aside = {item.file for item in report.findings if item.code in ("service-en-double", *DISPUTE_RULES)}
    for spec in DATA_SHEETS:
        read = sum(len(wb.sheets[spec.key].rows) for wb in workbooks if wb.file not in set_aside)
        table = tables[spec.key]
        assert len(table) == read, spec.key
        assert table["_errors"].dtype == bool
        assert list(table.columns[-1:]) == ["_errors"]
    for item in report.findings:
        assert item.file in {"REA.xlsx", "LABO.xlsx"} and item.message
        assert item.cell == "" or item.cell[0].isalpha()


def test_a_workbook_naming_another_service_is_set_aside_and_reported(base) -> None:
    """The case the property found: LABO.xlsx's « Service » code says REA — two different workbooks claim REA and
    LABO.xlsx's file name disputes it: both are set aside until checked, their rows reported, never tabled."""
    ref, books = base
    labo = copy.deepcopy(books[1])
    form = labo.sheets["service"]
    form.rows = [[("REA" if column.key == "code" else v) for column, v in zip(form.spec.all_columns, form.rows[0])]]
    report, tables = validate_all(ref, [copy.deepcopy(books[0]), labo])
    codes = {(item.file, item.code) for item in report.findings if item.code in DISPUTE_RULES}
    assert codes == {("LABO.xlsx", "identite-nom-fichier"), ("LABO.xlsx", "identite-code-partage"),
                     ("REA.xlsx", "identite-code-partage")}  # fmt: skip
    assert all(tables[spec.key].empty for spec in DATA_SHEETS)
