"""Word documents end to end: pipeline.documents on a small hospital, then open every file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REFERENTIAL, service_content
from docx import Document

from pca_xlsx import pipeline
from pca_xlsx.documents import BINDER
from pca_xlsx.documents import pdf as pdf_module
from pca_xlsx.documents.context import Sources
from pca_xlsx.documents.crisis import service_binder_context
from pca_xlsx.documents.render import Job, render_one, templates_folder
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
    rea["processus"][1]["workaround"] = HOSTILE
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
        "plan_reprise_si.docx",
        "retour_a_la_normale.docx",
        "poles/P1.docx",
        "poles/P2.docx",
        "synthese_etablissement.docx",
        "cellule_de_crise.docx",
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
    # REA and LABO rely on each other for N° 2 (the fixture), and neither names the other as beneficiary
    doc = Document(out / "fiches_synthese/REA.docx")
    partners = next(t for t in doc.tables if t.rows[0].cells[0].text == "Services qui comptent sur nous")
    assert [[c.text for c in r.cells] for r in partners.rows] == [
        ["Services qui comptent sur nous", "Services sur lesquels nous comptons"],
        [
            "Laboratoire (LABO) : son N° 2 « Récupération d'un résultat de biologie » (Vitale)",
            "Laboratoire (LABO) : notre N° 2 « Récupération d'un résultat de biologie » (Vitale)",
        ],
    ]
    coordination = [p.text for p in doc.paragraphs if p.text.startswith("Coordination à organiser")]
    assert coordination == [
        "Coordination à organiser avec Laboratoire (LABO) : il compte sur nous pour son N° 2 « Récupération d'un "
        "résultat de biologie » (vitale, SGL), notre classeur ne le cite pas.",
        "Coordination à organiser avec Laboratoire (LABO) : nous comptons sur lui pour notre N° 2 « Récupération "
        "d'un résultat de biologie » (vitale, SGL), son classeur ne nous cite pas.",
    ]
    identity = Document(out / "fiches_synthese/REA.docx").tables[1]
    assert [c.text for c in identity.rows[2].cells] == ["Capacité nominale", "20 lits ou places"]


def test_reflex_sheet_holds_every_step_in_order_with_a_box_each(run):
    _, out = run
    doc = Document(out / "fiches_reflexes/REA.docx")
    step_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Fait"]
    assert len(step_tables) == 1  # one table, a band per phase
    bands = [r.cells[0].text for r in step_tables[0].rows[1:] if r.cells[0].text != "☐"]
    rows = [r for r in step_tables[0].rows[1:] if r.cells[0].text == "☐"]
    assert [r.cells[1].text for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r.cells[2].text for r in rows] == [
        "Prévenir le cadre",
        "Débrancher les postes du réseau",
        HOSTILE,
        "Informer les familles",
        "Ressaisir les prescriptions",
    ]
    assert [r.cells[3].text for r in rows] == ["IDE", "IDE", "Cadre", "Cadre", "IDE"]
    assert [r.cells[4].text for r in rows] == ["Immédiat", "—", "Dans l'heure", "—", "—"]
    assert all(r.cells[0].text == "☐" and r.cells[5].text == "" for r in rows)  # tick box, time to write
    assert bands == [
        "Phase 1 – Alerte",
        "Phase 2 – Protection",
        "Phase 3 – Mode dégradé",
        "Phase 4 – Communication",
        "Phase 5 – Retour à la normale",
    ]
    assert all(run.font.size.pt >= 10 for r in rows for c in r.cells for run in c.paragraphs[0].runs)
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
    assert [r.cells[1].text for r in order.rows[1:]] == ["PUI", "LABO", "REA"]  # a support service first
    assert [r.cells[3].text for r in order.rows[1:]] == ["1", "1", "1"]  # the pilot wave, beside
    spof = next(t for t in doc.tables if t.rows[0].cells[0].text == "Ressource")
    assert spof.rows[1].cells[0].text == "DPI" and spof.rows[1].cells[2].text == "2"


def _paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def test_mission_letter_names_referents_or_asks_for_them(run):
    _, out = run
    doc = Document(out / "lettres_mission/REA.docx")
    rea = _paragraphs(doc)
    start = rea.index("À l'attention de")
    assert rea[start + 1 : start + 4] == [
        "Dr Anne DURAND, référent médical",
        "Marc PETIT, référent paramédical",
        "Service Réanimation – Pôle Urgences – Réanimation",
    ]
    assert rea[start + 4] == (
        "Objet : lettre de mission des référents du plan de continuité d'activité du service Réanimation"
    )
    assert rea[start + 5] == "Madame, Monsieur,"
    text = "\n".join(rea)
    assert "une revue du classeur chaque année et un exercice sans informatique chaque année" in text
    assert "avec les services dont le vôtre dépend : Laboratoire." in text
    assert "Copie : le chef, le cadre et le directeur référent du pôle ; équipe projet PCA." in text
    assert "il décrit 3 lignes de processus prioritaires." in text
    assert "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées." in text
    # REA returned its workbook: its own open items and next exercise, no start-up calendar
    assert "Ce qui reste à faire dans votre service" in text and "prochain exercice : " in text
    assert not any(t.rows[0].cells[0].text == "Étape" for t in doc.tables)
    # PUI has not: the start-up calendar, with its place in the order of the working groups
    pui = Document(out / "lettres_mission/PUI.docx")
    assert "fait partie de la vague 1 du déploiement ; il est au rang " in "\n".join(_paragraphs(pui))
    steps = next(t for t in pui.tables if t.rows[0].cells[0].text == "Étape")
    assert [[c.text for c in r.cells] for r in steps.rows[1:3]] == [
        ["Questionnaire de maturité et recensement des applications", "dans les 2 semaines", "1 h"],
        ["Entretien sur la maturité et l'impact, avec l'équipe projet", "semaine 3", "1 h 30"],
    ]
    assert len(steps.rows) == 7
    pui = "\n".join(_paragraphs(Document(out / "lettres_mission/PUI.docx")))
    assert "Les référents médical et paramédical du service (à désigner)" in pui
    assert "L'équipe projet n'a pas encore reçu le classeur du service" in pui
    assert "Le calendrier ci-dessous est indicatif, compté à partir de la réception de cette lettre" in pui
    assert "dont le vôtre dépend" not in pui  # no workbook, no interfaces: the sentence is left out


def test_synthesis_opens_with_what_management_reads_first(run):
    _, out = run
    doc = Document(out / "synthese_etablissement.docx")
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [
        "66,7\u00a0% des lignes de processus prioritaires ont une parade définie ou testée, "
        "mais 33,3\u00a0% seulement ont été testées en exercice.",
        "Ressources dont dépendent fortement ou de façon critique le plus de services : "
        "DPI (2 services), SGL (2 services).",
        "Maturité la plus faible : Laboratoire (75), Réanimation (75).",  # ambitions all 100 %: no line
        "Scénario le moins couvert : « Cyberattaque généralisée », 33\u00a0% des lignes touchées sans parade "
        "définie ou testée.",
        "7 écarts restent à traiter (un par processus), dont 1 de gravité critique.",  # PUI: no workbook
        "2 coordinations à organiser entre 1 paire de services : un service compte sur un autre dont le plan ne "
        "le prévoit pas encore.",
        "Groupes de travail à mener en premier : Pharmacie à usage intérieur, Laboratoire, Réanimation.",
        # section 7: the coordination gaps to settle first, vital processes first
        "LABO compte sur REA pour N° 2 « Récupération d'un résultat de biologie » (vitale, SGL) : le classeur de "
        "REA ne le cite pas.",
        "REA compte sur LABO pour N° 2 « Récupération d'un résultat de biologie » (vitale, SGL) : le classeur de "
        "LABO ne le cite pas.",
    ]
    loops = [p.text for p in doc.paragraphs if p.text.endswith("pour accorder leurs parades.")]
    assert loops == [
        "Boucle LABO, REA : LABO et REA comptent chacun sur l'autre. "
        "Réunissez-les dans des groupes de travail communs pour accorder leurs parades."
    ]
    text = _all_text(doc)
    assert "en boucle (" not in text and "24 services" not in text  # the old one-loop sentence


def test_crisis_binder_groups_workarounds_by_lost_resource(run, tmp_path):
    result, _ = run
    sources = Sources(result.referential, result.tables, result.consolidation)
    target = tmp_path / "REA.docx"
    render_one(Job(BINDER, service_binder_context(sources, "REA"), target), templates_folder())
    doc = Document(target)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == [
        "Si « DPI » est indisponible",
        "Si « SGL » est indisponible",
        "Si « Téléphonie » est indisponible",
    ]
    maps = [t for t in doc.tables if len(t.columns) == 8 and t.rows[0].cells[3].text == "Parade à appliquer"]
    assert [[c.text for c in t.rows[1].cells] for t in maps] == [
        ["1", "Prescription médicamenteuse", "Vitale", "Prescription papier", "—", "Ordonnances papier", "—", "Testée"],
        ["2", "Récupération d'un résultat de biologie", "Vitale", HOSTILE, "LABO", "—", "—", "Définie"],
        ["3", "Appel du médecin de garde", "Majeure", "AUCUNE PARADE DÉFINIE", "—", "—", "—", "À construire"],
    ]
    docs = next(t for t in doc.tables if t.rows[0].cells[1].text == "Document")
    assert [c.text for c in docs.rows[1].cells] == [
        "☐", "Ordonnances papier", "Prescription", "200", "—", "—", "À préparer"
    ]  # fmt: skip
    assert "Autres prérequis cités par les parades" not in headings  # the only one is in the documents list
    steps = [r for t in doc.tables if t.rows[0].cells[0].text == "Fait" for r in t.rows[1:] if r.cells[0].text == "☐"]
    assert [r.cells[1].text for r in steps] == ["1", "2", "3", "4", "5"]
    orientations = [(round(s.page_width.mm), round(s.page_height.mm)) for s in doc.sections]
    assert orientations == [(210, 297), (297, 210), (210, 297)]
    for section in doc.sections:  # each section has its own header: the landscape one spans the page
        assert section.header.tables[0].rows[0].cells[1].paragraphs[0].text == "CH Test"
        assert "Document confidentiel – usage interne" in section.footer.paragraphs[0].text


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
        "cellule_de_crise.pdf",
        "classeurs_crise/LABO.pdf",
        "classeurs_crise/REA.pdf",
        "fiches_reflexes/LABO.pdf",
        "fiches_reflexes/REA.pdf",
        "fiches_synthese/LABO.pdf",
        "fiches_synthese/REA.pdf",
        "lettres_mission/LABO.pdf",
        "lettres_mission/PUI.pdf",
        "lettres_mission/REA.pdf",
        "plan_reprise_si.pdf",
        "poles/P1.pdf",
        "poles/P2.pdf",
        "retour_a_la_normale.pdf",
        "synthese_etablissement.pdf",
    ]
    assert all((out / "pdf" / p).read_bytes()[:5] == b"%PDF-" for p in pdfs)
    assert result.notes == []
    assert not list((out / "pdf").rglob("*.tmp"))


def test_why_call_counts_the_other_processes_in_words() -> None:
    """The « Pourquoi » of a service to call first names one process and says how many others, in words (it
    showed « (+7) »)."""
    from pca_xlsx.documents.reliance import why_call

    def rows(names, level="Vitale"):
        return [{"process": f"N° {i} « {n} »", "criticality": level} for i, n in enumerate(names, 1)]

    vital = [f"Processus vital {i}" for i in range(1, 9)]
    assert why_call(rows(vital) + rows(["Un majeur"], "Majeure")) == "Vital : Processus vital 1 et 7 autres"
    assert why_call(rows(["Transfert en réanimation d'un patient instable", "Appel du réanimateur"])) == (
        "Vital : Transfert en réanimation d'un patient… et 1 autre"
    )
    assert why_call(rows(["Commande de repas"], "Majeure")) == "Majeur : Commande de repas"
