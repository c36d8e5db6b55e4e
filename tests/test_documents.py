"""Word documents end to end: pipeline.documents on a small hospital, then open every file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REFERENTIAL, service_content
from docx import Document

from pca_xlsx import pipeline
from pca_xlsx.documents import pdf as pdf_module
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

HOSTILE = 'Appeler « A&B » <urgent> "vite" l\'IDE 🚑 & <b>rien</b>'


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _workbooks(root: Path) -> Path:
    folder = root / "workbooks"
    folder.mkdir()
    write_referential(folder / "referentiel.xlsx", REFERENTIAL)
    ref = read_referential(folder / "referentiel.xlsx")
    rea = service_content("REA")
    rea["service"]["kept_activities"] = HOSTILE + "\x07"
    rea["applications"][1]["usage"] = HOSTILE
    rea["fiche_reflexe"] = [
        {"step": 1, "phase": "Alerte", "action": "Prévenir le cadre", "who": "IDE", "when": "Immédiat"},
        {"step": 2, "phase": "Protection", "action": "Débrancher les postes du réseau", "who": "IDE"},
        {"step": 3, "phase": "Mode dégradé", "action": HOSTILE, "who": "Cadre", "when": "Dans l'heure"},
        {"step": 4, "phase": "Communication", "action": "Informer les familles", "who": "Cadre"},
        {"step": 5, "phase": "Retour à la normale", "action": "Ressaisir les prescriptions", "who": "IDE"},
    ]
    write_service_workbook(folder / "REA.xlsx", ref, "REA", rea)
    write_service_workbook(folder / "LABO.xlsx", ref, "LABO", service_content("LABO"))
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[pipeline.RunResult, Path]:
    root = tmp_path_factory.mktemp("docs")
    options = pipeline.Options(workbooks=_workbooks(root), output=root / "out")
    return pipeline.documents(options), root / "out" / "documents"


def test_writes_every_document_and_each_opens(run):
    result, out = run
    expected = {
        "fiches_synthese/LABO.docx",
        "fiches_synthese/REA.docx",
        "fiches_reflexes/LABO.docx",
        "fiches_reflexes/REA.docx",
        "lettres_mission/LABO.docx",
        "lettres_mission/PUI.docx",
        "lettres_mission/REA.docx",
        "synthese_etablissement.docx",
    }
    found = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert found == expected  # nothing else: no temporary file left behind
    written = {p.relative_to(out).as_posix() for p in result.written if p.suffix == ".docx"}
    assert written == expected
    for name in expected:
        doc = Document(out / name)
        assert doc.sections[0].header.tables[0].rows[0].cells[1].paragraphs[0].text == "CH Test"
        assert "Document confidentiel – usage interne" in doc.sections[0].footer.paragraphs[0].text
        assert "{{" not in _all_text(doc) and "{%" not in _all_text(doc)


def test_summary_sheet_holds_name_ambition_and_every_application(run):
    _, out = run
    text = _all_text(Document(out / "fiches_synthese/REA.docx"))
    assert "Réanimation" in text
    assert "Sans informatique, le service vise à maintenir 100\u00a0% de son activité." in text
    apps = next(
        t for t in Document(out / "fiches_synthese/REA.docx").tables if t.rows[0].cells[0].text == "Application"
    )
    assert [row.cells[0].text for row in apps.rows] == ["Application", "DPI", "SGL"]  # Critique before Forte
    assert apps.rows[1].cells[2].text == "Critique" and apps.rows[2].cells[3].text == "1 à 4 h"
    assert "Le service dépend de : Laboratoire." in text


def test_reflex_sheet_holds_every_step_in_order_with_a_box_each(run):
    _, out = run
    doc = Document(out / "fiches_reflexes/REA.docx")
    step_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Fait"]
    rows = [r for t in step_tables for r in t.rows[1:]]
    assert [r.cells[1].text for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r.cells[2].text for r in rows][:2] == ["Prévenir le cadre", "Débrancher les postes du réseau"]
    assert all(r.cells[0].text == "☐" for r in rows)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:5] == [
        "Phase 1 – Alerte",
        "Phase 2 – Protection",
        "Phase 3 – Mode dégradé",
        "Phase 4 – Communication",
        "Phase 5 – Retour à la normale",
    ]
    body = doc.styles["Normal"].font.size.pt
    assert body >= 14
    assert all(
        run.font.size is None or run.font.size.pt >= 14 for r in rows for c in r.cells for run in c.paragraphs[0].runs
    )
    phones = _all_text(doc)
    assert "06 11 22 33 44" in phones and "06 55 66 77 88" in phones


def test_hostile_text_survives_intact(run):
    _, out = run
    summary = _all_text(Document(out / "fiches_synthese/REA.docx"))
    reflex = _all_text(Document(out / "fiches_reflexes/REA.docx"))
    assert summary.count(HOSTILE) == 2  # kept activities (control character stripped) and an application's usage
    assert HOSTILE + "\x07" not in summary
    assert HOSTILE in reflex


def test_synthesis_holds_charts_figures_and_order(run):
    _, out = run
    doc = Document(out / "synthese_etablissement.docx")
    assert len(doc.inline_shapes) == 3
    text = _all_text(doc)
    assert "Classeurs attendus et non reçus : Pharmacie à usage intérieur (PUI)." in text
    order = next(t for t in doc.tables if t.rows[0].cells[0].text == "Rang")
    assert [r.cells[1].text for r in order.rows[1:]] == ["LABO", "REA", "PUI"]
    spof = next(t for t in doc.tables if t.rows[0].cells[0].text == "Ressource")
    assert spof.rows[1].cells[0].text == "DPI" and spof.rows[1].cells[2].text == "2"


def test_mission_letter_names_referents_or_asks_for_them(run):
    _, out = run
    rea = _all_text(Document(out / "lettres_mission/REA.docx"))
    assert "Dr Anne DURAND (référent médical) et Marc PETIT (référent paramédical)" in rea
    assert "2 h tous les 12 mois" in rea
    pui = _all_text(Document(out / "lettres_mission/PUI.docx"))
    assert "Les référents médical et paramédical du service (à désigner)" in pui
    assert "L'équipe projet n'a pas encore reçu le classeur du service" in pui


def test_without_soffice_a_french_note_and_word_only(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    options = pipeline.Options(workbooks=folder, output=tmp_path / "out", pdf=True)
    result = pipeline.documents(options)
    assert result.notes == [pdf_module.NO_SOFFICE]
    assert not (tmp_path / "out" / "documents" / "pdf").exists()
    assert (tmp_path / "out" / "documents" / "synthese_etablissement.docx").is_file()


@pytest.mark.skipif(pdf_module.soffice() is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_converts_every_document_and_the_binders(folder, tmp_path):
    options = pipeline.Options(workbooks=folder, output=tmp_path / "out", pdf=True)
    result = pipeline.documents(options)
    out = tmp_path / "out" / "documents"
    pdfs = sorted(p.relative_to(out / "pdf").as_posix() for p in (out / "pdf").rglob("*.pdf"))
    assert pdfs == [
        "classeurs_crise/LABO.pdf",
        "classeurs_crise/REA.pdf",
        "fiches_reflexes/LABO.pdf",
        "fiches_reflexes/REA.pdf",
        "fiches_synthese/LABO.pdf",
        "fiches_synthese/REA.pdf",
        "lettres_mission/LABO.pdf",
        "lettres_mission/PUI.pdf",
        "lettres_mission/REA.pdf",
        "synthese_etablissement.pdf",
    ]
    assert all((out / "pdf" / p).read_bytes()[:5] == b"%PDF-" for p in pdfs)
    assert result.notes == []
    assert not list((out / "pdf").rglob("*.tmp"))
