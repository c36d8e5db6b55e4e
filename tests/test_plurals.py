"""Words agree with their count: the key figures of the summary sheets, pôle dashboards and syntheses (« 1
processus vital non protégé », never « 1 / vitaux non protégés »), and no « (s) » left in those documents.

Expected counts are computed from the demo workbooks (python-calamine) and the referential, not from the run.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from conftest import DEMO, DEMO_CODES, check
from docx import Document
from python_calamine import CalamineWorkbook
from test_vital_register import _header, independent_count

from pca_xlsx.core.words import plural
from pca_xlsx.read import read_referential

VITAL = ("processus vital non protégé", "processus vitaux non protégés")


def test_plural_is_singular_for_one_only() -> None:
    assert [plural(n, "écart", "écarts") for n in (0, 1, 2, 14)] == ["écarts", "écart", "écarts", "écarts"]


def _band(path: Path) -> dict[str, str]:
    """Label → value of the document's band of key figures (the first table of two rows, values above labels)."""
    table = next(t for t in Document(str(path)).tables if len(t.rows) == 2 and len(t.columns) >= 4)
    return {b.text: a.text for a, b in zip(table.rows[0].cells, table.rows[1].cells)}


def _process_rows(code: str) -> int:
    path = next(p for p in DEMO.rglob(f"{code}.xlsx") if "exercices" not in p.parts)
    rows = CalamineWorkbook.from_path(path).get_sheet_by_name("Processus").to_python()
    top = _header(rows, "N°")
    return sum(1 for r in rows[top + 1 :] if r and r[0] not in ("", None))


def _form(n: int, forms: tuple[str, str]) -> str:
    return forms[0] if n == 1 else forms[1]


def test_summary_sheet_key_figures_agree_with_their_count(demo_run) -> None:
    """Each summary sheet's « vital not protected » and « process lines » figures, with the label of their number."""
    _, out = demo_run
    unprotected = independent_count(DEMO)
    seen = set()
    for code in DEMO_CODES:
        band = _band(out / "documents" / "fiches_synthese" / f"{code}.docx")
        n, rows = len(unprotected.get(code, [])), _process_rows(code)
        vital, lines = _form(n, VITAL), _form(rows, ("ligne de processus", "lignes de processus"))
        assert (band.get(vital), band.get(lines)) == (str(n), str(rows)), (code, band)
        seen.add(min(n, 2))
    assert seen == {0, 1, 2}  # the demo has services with none, one (REA) and several (NEURO) such processes


def test_pole_dashboards_and_syntheses_key_figures_agree_with_their_count(demo_run) -> None:
    """A pôle's « vital not protected » is the sum over its services, « received » counts its services; a
    synthesis' « received » the services of its level."""
    _, out = demo_run
    ref = read_referential(DEMO / "referentiel.xlsx")
    unprotected = independent_count(DEMO)
    pole_of = dict(zip(ref.services["code"], ref.services["pole"]))
    establishment_of = dict(zip(ref.poles["code"], ref.poles["establishment"]))
    forms = set()
    for pole, establishment in establishment_of.items():
        services = [c for c, p in pole_of.items() if p == pole]
        band = _band(out / "etablissements" / establishment / "documents" / "poles" / f"{pole}.docx")
        n = sum(len(unprotected.get(c, [])) for c in services)
        received = _form(len(services), ("classeur reçu", "classeurs reçus"))
        assert band.get(_form(n, VITAL)) == str(n) and received in band, (pole, band)
        gaps = "écart à traiter" if "écart à traiter" in band else "écarts à traiter"
        assert (band[gaps] == "1") == (gaps == "écart à traiter"), (pole, band)
        forms.add(_form(n, VITAL))
    assert forms == set(VITAL)  # LOGHOT has one, MEDSPE several
    for folder, services in [(out, DEMO_CODES)] + [
        (out / "etablissements" / e, [c for c, p in pole_of.items() if establishment_of[p] == e])
        for e in sorted(set(establishment_of.values()))
    ]:
        band = _band(folder / "documents" / "synthese_etablissement.docx")
        assert band["classeurs reçus"] == f"{len(services)}/{len(services)}", folder


def test_no_count_left_with_a_parenthesised_plural(demo_run) -> None:
    """Summary sheets, pôle dashboards and syntheses: no « 1 autre(s) écart(s) », « vital(aux) » and the like."""
    _, out = demo_run
    found = []
    paths = [
        *out.rglob("fiches_synthese/*.docx"),
        *out.rglob("poles/*.docx"),
        *out.rglob("synthese_etablissement.docx"),
    ]
    for path in sorted(paths):
        doc = Document(str(path))
        texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        found += [f"{path.relative_to(out)}: {m.group(0)}" for t in texts for m in re.finditer(r"\w+\((s|aux|x)\)", t)]
    assert sorted(set(found)) == []


def test_one_cell_outside_the_format_is_counted_in_the_singular(folder: Path) -> None:
    """The report and the annotated copy said « ses 1 cellule(s) remplie(s) »: one cell of an extra column and
    one of an extra sheet."""
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Processus"]["K1"], book["Processus"]["K2"] = "Remarques cadre", "voir avec la DSI"
    book.create_sheet("Notes")["B3"] = "Groupe électrogène"
    book.save(folder / "REA.xlsx")
    report, _ = check(folder)
    messages = {f.code: f.message for f in report.findings if f.file == "REA.xlsx"}
    assert messages["colonne-en-plus"] == (
        "La colonne « Remarques cadre » ne fait pas partie du modèle : son contenu (1 cellule remplie) est gardé "
        "dans la feuille « Compléments » de la consolidation, mais n'est pas exploité. Mettez-le dans « Commentaire » "
        "ou une colonne prévue."
    )
    assert messages["feuille-en-plus"] == (
        "La feuille « Notes » ne fait pas partie du modèle : son contenu (1 cellule remplie) n'est pas repris. "
        "Déplacez-le dans les feuilles du modèle."
    )
