"""Annotated copies show flagged cells a filter or a hidden row would hide, and keep the referent's notes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conformance import assert_conforms

from pca_xlsx import pipeline
from pca_xlsx.validate.annotate_zip import annotate_zip

NOTE = (
    "Des cellules signalées étaient masquées (filtre ou ligne masquée) : dans cette copie, les filtres concernés ont "
    "été retirés et les lignes réaffichées (feuille « Processus », ligne(s) {rows}). Vous pourrez remettre vos "
    "filtres après correction."
)


def _filtered(folder: Path) -> None:
    """REA's « Processus » filtered on Criticité = Majeure (rows 2 and 3 hidden), row 2's process emptied."""
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    ws = book["Processus"]
    ws["B2"] = None
    ws.auto_filter.ref = "A1:J4"
    ws.auto_filter.add_filter_column(2, ["Majeure"])
    ws.row_dimensions[2].hidden = True
    ws.row_dimensions[3].hidden = True
    book.save(folder / "REA.xlsx")


@pytest.mark.parametrize("path", ["zip", "openpyxl"])
def test_a_filter_hiding_a_flagged_cell_is_cleared_and_said(folder: Path, tmp_path: Path, monkeypatch, path) -> None:
    _filtered(folder)
    if path == "openpyxl":
        monkeypatch.setenv("PCA_XLSX_ANNOTATE", "openpyxl")
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    assert [(f.code, f.sheet, f.cell) for f in result.report.findings] == [("valeur-obligatoire", "Processus", "B2")]
    target = tmp_path / "out" / "validation" / "annotes" / "REA.xlsx"
    if path == "zip":  # the fast path itself handles it (no fallback to openpyxl)
        target = annotate_zip(folder / "REA.xlsx", result.report.findings, tmp_path / "zip.xlsx", {})
    assert_conforms(target)  # filter cleared, rows shown: still a package Excel opens without repair
    copy = openpyxl.load_workbook(target)
    ws = copy["Processus"]
    assert not ws.row_dimensions[2].hidden and not ws.row_dimensions[3].hidden
    assert ws.auto_filter.ref == "A1:J4" and not ws.auto_filter.filterColumn
    assert ws["B2"].comment is not None
    assert copy["Corrections"]["A5"].value == NOTE.format(rows="2, 3")
    source = openpyxl.load_workbook(folder / "REA.xlsx")  # the input is untouched
    assert source["Processus"].row_dimensions[2].hidden and source["Processus"].auto_filter.filterColumn


def test_a_hidden_row_holding_a_flagged_cell_is_shown(folder: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["B3"] = None
    book["Processus"].row_dimensions[3].hidden = True
    book["Processus"].row_dimensions[4].hidden = True
    book.save(folder / "REA.xlsx")
    pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    assert_conforms(tmp_path / "out" / "validation" / "annotes" / "REA.xlsx")
    copy = openpyxl.load_workbook(tmp_path / "out" / "validation" / "annotes" / "REA.xlsx")
    assert not copy["Processus"].row_dimensions[3].hidden
    assert copy["Processus"].row_dimensions[4].hidden  # hidden by hand, nothing flagged there: left alone
    assert copy["Corrections"]["A5"].value == NOTE.format(rows="3")


def test_a_clean_copy_has_no_such_line(folder: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["B3"] = None
    book.save(folder / "REA.xlsx")
    pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    copy = openpyxl.load_workbook(tmp_path / "out" / "validation" / "annotes" / "REA.xlsx")
    assert copy["Corrections"]["A5"].value is None


def test_the_referents_note_on_a_flagged_cell_stays_and_only_ours_goes(folder: Path, tmp_path: Path) -> None:
    from openpyxl.comments import Comment

    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["B3"] = None
    book["Processus"]["B3"].comment = Comment("À revoir avec le Dr Martin", "Marc PETIT")
    book["Processus"]["C2"].comment = Comment("Validé en réunion", "Marc PETIT")
    book.save(folder / "REA.xlsx")
    pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    copy = tmp_path / "out" / "validation" / "annotes" / "REA.xlsx"
    assert_conforms(copy)  # the referent's notes kept beside ours
    ws = openpyxl.load_workbook(copy)["Processus"]
    own, ours = ws["B3"].comment.text.split("\n\n––– Contrôle PCA (retiré au prochain passage) –––\n")
    assert own == "À revoir avec le Dr Martin" and "« Processus » est obligatoire" in ours
    assert ws["B3"].comment.author == "Marc PETIT"
    assert ws["C2"].comment.text == "Validé en réunion"
    # the referent corrects inside the annotated copy and sends it back: our part goes, theirs stays
    book = openpyxl.load_workbook(copy)
    book["Processus"]["B3"] = "Récupération d'un résultat de biologie"
    book.save(folder / "REA.xlsx")
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out2"))
    assert result.report.findings == []
    assert_conforms(tmp_path / "out2" / "validation" / "annotes" / "REA.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out2" / "validation" / "annotes" / "REA.xlsx")["Processus"]
    assert (ws["B3"].comment.text, ws["B3"].comment.author) == ("À revoir avec le Dr Martin", "Marc PETIT")
    assert ws["B3"].fill.fgColor.rgb not in ("FFFFC7CE", "FFFFEB9C")
    assert ws["C2"].comment.text == "Validé en réunion"


def test_our_comments_are_recognised_when_libreoffice_dropped_their_author(folder: Path, tmp_path: Path) -> None:
    from openpyxl.comments import Comment

    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["B2"].comment = Comment("Erreur : « Processus » est obligatoire.", " ")  # an earlier pass
    book["Processus"]["C2"].comment = Comment("Erreur de saisie corrigée le 3/11", " ")  # the referent's own
    book.save(folder / "REA.xlsx")
    book["Processus"]["B3"] = None
    book.save(folder / "REA.xlsx")
    pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    ws = openpyxl.load_workbook(tmp_path / "out" / "validation" / "annotes" / "REA.xlsx")["Processus"]
    assert ws["B2"].comment is None
    assert ws["C2"].comment.text == "Erreur de saisie corrigée le 3/11"
