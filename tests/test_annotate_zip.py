"""Annotated copies written by rewriting only the parts that change: the same as the openpyxl copy."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_annotate import plant

from pca_xlsx import pipeline
from pca_xlsx.findings import ERROR, WARNING, Finding
from pca_xlsx.synthetic import write_hospital
from pca_xlsx.validate import annotate as annotate_module
from pca_xlsx.validate.annotate_zip import Unsupported, annotate_zip


def _findings(folder: Path) -> dict[str, list[Finding]]:
    result = pipeline.validate(pipeline.Options(folder, folder.parent / "sortie"), lambda *a: None)
    by_file = result.report.by_file()
    return {name: items for name, items in by_file.items() if any(f.cell for f in items)}


def _openpyxl_copy(monkeypatch, source: Path, findings: list[Finding], target: Path) -> None:
    monkeypatch.setenv("PCA_XLSX_ANNOTATE", "openpyxl")
    assert annotate_module.annotate(source, findings, target, {}) == target
    monkeypatch.delenv("PCA_XLSX_ANNOTATE")


def _assert_same(fast: Path, slow: Path) -> int:
    """Every cell the openpyxl copy holds looks the same in the fast copy; returns the cells compared."""
    a, b = openpyxl.load_workbook(fast), openpyxl.load_workbook(slow)
    assert a.sheetnames == b.sheetnames and a.active.title == b.active.title == "Corrections"
    compared = 0
    for name in b.sheetnames:
        x, y = a[name], b[name]
        assert bool(x.sheet_view.tabSelected) == (name == "Corrections") == bool(y.sheet_view.tabSelected)
        assert x.freeze_panes == y.freeze_panes and x.sheet_state == y.sheet_state
        assert sorted(map(str, x.merged_cells.ranges)) == sorted(map(str, y.merged_cells.ranges))
        for row in y.iter_rows():
            for cell in row:
                other = x[cell.coordinate]
                assert (other.value or None) == (cell.value or None), (name, cell.coordinate)
                assert other.fill.fgColor.rgb == cell.fill.fgColor.rgb, (name, cell.coordinate)
                assert (other.font.b, other.font.color, other.font.sz) == (cell.font.b, cell.font.color, cell.font.sz)
                assert (
                    other.number_format == cell.number_format and other.alignment.wrap_text == cell.alignment.wrap_text
                )
                assert (other.comment and (other.comment.text, other.comment.author)) == (
                    cell.comment and (cell.comment.text, cell.comment.author)
                ), (name, cell.coordinate)
                assert (other.hyperlink and other.hyperlink.location) == (cell.hyperlink and cell.hyperlink.location)
                compared += 1
    corrections = (a["Corrections"], b["Corrections"])
    assert [corrections[0].row_dimensions[r].height for r in range(1, 30)] == [
        corrections[1].row_dimensions[r].height for r in range(1, 30)
    ]
    assert corrections[0].print_title_rows == corrections[1].print_title_rows == "$6:$6"
    assert corrections[0].auto_filter.ref == corrections[1].auto_filter.ref
    return compared


def test_fast_copy_of_openpyxl_saved_workbooks_matches_the_openpyxl_copy(folder: Path, tmp_path: Path, monkeypatch):
    plant(folder)
    findings = _findings(folder)
    assert sorted(findings) == ["LABO.xlsx", "REA.xlsx"]
    for name, items in findings.items():
        annotate_zip(folder / name, items, tmp_path / f"z-{name}", {})
        _openpyxl_copy(monkeypatch, folder / name, items, tmp_path / f"o-{name}")
        assert _assert_same(tmp_path / f"z-{name}", tmp_path / f"o-{name}") > 100


def test_fast_copy_of_fresh_templates_matches_and_rewrites_only_what_changes(tmp_path: Path, monkeypatch):
    folder = tmp_path / "hopital"
    write_hospital(folder, 12, seed=3, faults=1.0, jobs=1)  # every workbook carries one mistake
    findings = _findings(folder)
    assert len(findings) >= 8
    for name, items in findings.items():
        fast, slow = tmp_path / f"z-{name}", tmp_path / f"o-{name}"
        annotate_zip(folder / name, items, fast, {})
        _openpyxl_copy(monkeypatch, folder / name, items, slow)
        _assert_same(fast, slow)
        marked = {f.sheet for f in items if f.cell}
        with zipfile.ZipFile(folder / name) as before, zipfile.ZipFile(fast) as after:
            book = openpyxl.load_workbook(folder / name, read_only=True)
            titles = book.sheetnames
            book.close()
            for index, title in enumerate(titles, 1):
                part = f"xl/worksheets/sheet{index}.xml"
                if title not in marked and title != titles[0]:  # the first sheet loses its selection only
                    assert after.read(part) == before.read(part), (name, title)
            assert after.read("xl/sharedStrings.xml") == before.read("xl/sharedStrings.xml")


def test_cells_outside_written_rows_and_inside_merged_areas_are_marked(folder: Path, tmp_path: Path):
    source = folder / "REA.xlsx"
    book = openpyxl.load_workbook(source)
    book["Exercices"].merge_cells("B5:C6")
    book.save(source)
    items = [
        Finding("valeur-obligatoire", ERROR, "REA.xlsx", "Manque en bas.", "Processus", 400, "B"),
        Finding("valeur-obligatoire", WARNING, "REA.xlsx", "Au milieu.", "Processus", 2, "Z"),
        Finding("valeur-obligatoire", ERROR, "REA.xlsx", "Dans la fusion.", "Exercices", 6, "C"),
    ]
    target = annotate_zip(source, items, tmp_path / "REA.xlsx", {})
    copy = openpyxl.load_workbook(target)
    assert copy["Processus"]["B400"].fill.fgColor.rgb == "FFFFC7CE"
    assert copy["Processus"]["Z2"].fill.fgColor.rgb == "FFFFEB9C" and copy["Processus"]["Z2"].comment.text == (
        f"{WARNING} : Au milieu."
    )
    assert copy["Exercices"]["B5"].comment.text == f"{ERROR} : Dans la fusion."
    assert copy["Processus"]["A2"].value == openpyxl.load_workbook(source)["Processus"]["A2"].value


def test_earlier_marks_comments_and_hostile_parts_go_to_openpyxl_or_nowhere(folder: Path, tmp_path: Path, monkeypatch):
    plant(folder)
    findings = _findings(folder)
    copy = annotate_zip(folder / "LABO.xlsx", findings["LABO.xlsx"], tmp_path / "LABO.xlsx", {})
    with pytest.raises(Unsupported):  # an annotated copy sent back: its marks are removed by openpyxl
        annotate_zip(copy, findings["LABO.xlsx"], tmp_path / "again.xlsx", {})
    again = annotate_module.annotate(copy, [], tmp_path / "again.xlsx", {})
    book = openpyxl.load_workbook(again)
    assert book["Processus"]["F3"].comment is None
    assert book["Corrections"]["A1"].value.startswith("Classeur sans erreur")
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(folder / "REA.xlsx") as source, zipfile.ZipFile(hostile, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/styles.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data
            out.writestr(info.filename, data)
    with pytest.raises(Unsupported):
        annotate_zip(hostile, findings["REA.xlsx"], tmp_path / "h.xlsx", {})
