"""Word tables as printed: no date, code, word or e-mail address cut across two lines (issues 9 and 10).

The templates' column widths (read with python-docx, in twips as Word stores them), then every table of the
demo's documents measured word by word (tests/docx_fit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from docx_fit import MARGINS_PT, cut_words, width_pt

sys.path.insert(0, str(ROOT / "scripts"))
from demo_data.referential import ESTABLISHMENTS, POLES, SERVICES  # noqa: E402

TEMPLATES = ROOT / "pca_xlsx" / "templates"
#: template -> first headers of a table -> its columns' widths (mm), as the template scripts set them.
WIDTHS = {
    "tableau_pole.docx": {
        ("Code", "Service", "Reçu", "Plan validé le (par)"): [19.5, 29.5, 9.5, 19, 12.5, 16.5, 12.5, 14, 11, 18, 18],
    },
    "synthese_etablissement.docx": {
        ("Rang", "Code", "Service", "Vague pilote"): [12, 21, 32, 13, 18, 74],
        ("Code", "Établissement", "Part d'activité"): [21.5, 31.5, 17, 16, 17, 20, 17, 17, 13],
        ("Code", "Pôle", "Reçus"): [21, 42, 16, 14, 19, 14.5, 16, 13, 14.5],
        ("Code", "Service", "Pôle", "Ambition"): [21, 34, 27.5, 16, 16, 15, 14, 16, 10.5],
    },
    "cellule_de_crise.docx": {
        ("Fait", "Organisme", "Objet", "Téléphone", "E-mail", "Délai"): [9, 24, 39, 24, 40, 24, 14, 16],
        ("Service", "Lits nominaux", "Ambition", "Lits maintenus"): [46, 18, 17, 19, 22, 68],
        ("Service", "Lits nominaux", "Lits maintenus", "Occupés"): [57, 18, 19, 18, 18, 20, 20, 20],
        ("N°", "Service", "Mobiles", "Radios"): [8, 34, 15, 13.5, 18, 16, 21.5, 34, 30],
    },
    "fiche_reflexe.docx": {("Fait", "N°", "Action", "Qui", "Quand"): [10, 7, 97.5, 31.5, 31, 13]},
}
#: A code column holds ~8 capitals: the demo's widest service, pôle or establishment code (PARCOURS).
CODES = [s["code"] for s in SERVICES] + [p["code"] for p in POLES] + [e["code"] for e in ESTABLISHMENTS]


def _table(doc, headers: tuple[str, ...]):
    found = [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells[: len(headers)]) == headers]
    assert len(found) == 1, headers
    return found[0]


def _grid(table) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def _body_pt(table) -> float:
    """The font size of the table's data row (its third row: the loop row of a template's table)."""
    run = next(r for c in table.rows[2].cells for p in c.paragraphs for r in p.runs if r.font.size)
    return run.font.size.pt


@pytest.mark.parametrize("name", sorted(WIDTHS))
def test_the_templates_column_widths(name: str) -> None:
    doc = Document(TEMPLATES / name)
    for headers, mm in WIDTHS[name].items():
        table = _table(doc, headers)
        twips = [int(Mm(w).twips) for w in mm]
        assert _grid(table) == twips, headers
        for tr in table._tbl.tr_lst:  # each cell as wide as its grid column (Word reads tcW, LibreOffice the grid)
            if len(tr.tc_lst) == len(twips):  # not a merged band (a reflex sheet's phase)
                assert [tc.width.twips for tc in tr.tc_lst] == twips, headers


def test_a_date_and_the_longest_code_fit_their_columns() -> None:
    """Independent of the demo's content: « 00/00/0000 » in the pôle dashboard's two date columns, and the
    widest code of the demo's referential in every code column, at the table's own font size."""
    pole = _table(Document(TEMPLATES / "tableau_pole.docx"), ("Code", "Service", "Reçu", "Plan validé le (par)"))
    room = [w / 20 - MARGINS_PT for w in _grid(pole)]
    assert [c.text for c in pole.rows[0].cells[9:]] == ["Dernier exercice", "Revue prévue"]
    assert all(width_pt("00/00/0000", _body_pt(pole)) <= r for r in room[9:])
    widest = max(CODES, key=lambda code: width_pt(code, 10))
    assert widest == "PARCOURS"
    codes = [("tableau_pole.docx", ("Code", "Service", "Reçu", "Plan validé le (par)"), 0)]
    codes += [("synthese_etablissement.docx", h, h.index("Code")) for h in WIDTHS["synthese_etablissement.docx"]]
    for name, headers, col in codes:
        table = _table(Document(TEMPLATES / name), headers)
        assert width_pt(widest, _body_pt(table)) <= _grid(table)[col] / 20 - MARGINS_PT, (name, headers)


def _demo_documents(out: Path) -> list[Path]:
    """Every document of the demo GHT once: the GHT's folder (every service's), each establishment's own."""
    own = [p for e in (out / "etablissements").iterdir() for p in (e / "documents").glob("*.docx")]
    poles = sorted((out / "etablissements").glob("*/documents/poles/*.docx"))
    return sorted((out / "documents").rglob("*.docx")) + sorted(own) + poles


def test_no_word_of_the_demos_documents_is_cut(demo_run) -> None:
    """Every table of every document of the demo: the pôle dashboards' dates, the synthesis' codes and
    headings (« Couverture », « Exercés »), the crisis binder's « déclenchement » and e-mail addresses."""
    documents = _demo_documents(demo_run[1])
    names = {p.name for p in documents}
    assert {"synthese_etablissement.docx", "cellule_de_crise.docx", "MEDSPE.docx", "ADM.docx"} <= names
    cut = {f"{p.relative_to(demo_run[1])}: {w!r} {size:.1f} > {room:.1f} pt"
           for p in documents for _, w, size, room in cut_words(Document(p))}  # fmt: skip
    assert sorted(cut) == []
