"""The return loop as a referent lives it: annotated copy, corrections inside it, sent back, validated."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import REFERENTIAL, edit
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from pca_xlsx import pipeline
from pca_xlsx.cli import cli
from pca_xlsx.write.referential import write_referential

CONTACT = {
    "pca_contact": "Julie MARCHAND",
    "pca_phone": "03 83 00 12 34",
    "pca_email": "pca@ch-test.fr",
    "return_deadline": dt.date(2027, 1, 29),
}
GREEN = "FF00B050"


@pytest.fixture
def team(folder: Path) -> Path:
    """The test folder with a referential giving the PCA team's contact and the return deadline."""
    write_referential(
        folder / "referentiel.xlsx", REFERENTIAL | {"etablissement": REFERENTIAL["etablissement"] | CONTACT}
    )
    return folder


def run(folder: Path, output: Path) -> pipeline.RunResult:
    return pipeline.validate(pipeline.Options(folder, output))


def ours(book) -> list[tuple[str, str]]:
    """(sheet, cell) of every comment the tool left."""
    return sorted(
        (ws.title, c.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.comment is not None and c.comment.author == "pca-xlsx"
    )


def test_loop_fixed_cells_lose_their_marks_and_a_clean_workbook_comes_back_validated(team: Path, tmp_path: Path):
    book = openpyxl.load_workbook(team / "REA.xlsx")
    book["Processus"]["B2"].fill = PatternFill("solid", start_color=GREEN, end_color=GREEN)  # the referent's own
    book["Processus"]["B3"].comment = Comment("à relire avec le Dr Durand", "Marc PETIT")
    book["Service"]["B6"] = None  # mistake 1
    book["Applications"]["C2"] = "critique"  # mistake 2 (warning)
    book.save(team / "REA.xlsx")
    out = tmp_path / "o"
    run(team, out)
    copy = out / "validation" / "annotes" / "REA.xlsx"
    annotated = openpyxl.load_workbook(copy)
    assert ours(annotated) == [("Applications", "C2"), ("Service", "B6")]
    sheet = annotated["Corrections"]
    assert sheet["A1"].value == "Corrections à apporter : 1 erreur(s), 1 point(s) à vérifier"
    assert sheet["A3"].value == "Renvoyez-le à : Julie MARCHAND – 03 83 00 12 34 – pca@ch-test.fr avant le 29/01/2027."
    assert [c.value for c in sheet[6]] == ["Feuille", "Cellule", "Gravité", "Message", "Valeur"]
    assert [(r[0].value, r[1].value) for r in sheet.iter_rows(min_row=7)] == [("Service", "B6"), ("Applications", "C2")]

    # The referent fixes both inside the annotated copy, adds a new mistake and sends the copy back.
    annotated["Service"]["B6"] = "Dr Anne DURAND"
    annotated["Applications"]["C2"] = "Critique"
    annotated["Télécom"]["B2"] = "deux"
    annotated.save(team / "REA.xlsx")
    run(team, out)
    second = openpyxl.load_workbook(copy)
    assert ours(second) == [("Télécom", "B2")]
    assert second["Service"]["B6"].fill.fgColor.rgb != "FFFFC7CE"
    assert second["Applications"]["C2"].fill.fgColor.rgb != "FFFFEB9C"
    assert second["Télécom"]["B2"].fill.fgColor.rgb == "FFFFC7CE"
    assert second.sheetnames.count("Corrections") == 1
    assert [(r[0].value, r[1].value) for r in second["Corrections"].iter_rows(min_row=7)] == [("Télécom", "B2")]
    # The referent's own formatting and comments stay.
    assert second["Processus"]["B2"].fill.fgColor.rgb == GREEN
    assert second["Processus"]["B3"].comment.text == "à relire avec le Dr Durand"

    # Fixed again and sent back: a copy marked as without error, nothing red.
    second["Télécom"]["B2"] = 2
    second.save(team / "REA.xlsx")
    result = run(team, out)
    assert not [f for f in result.report.findings if f.file == "REA.xlsx"]
    final = openpyxl.load_workbook(copy)
    assert ours(final) == []
    assert final["Télécom"]["B2"].fill.fgColor.rgb != "FFFFC7CE"
    assert final["Corrections"]["A1"].value == "Classeur sans erreur : aucune correction restante"
    assert final["Corrections"]["A2"].value == (
        "Il n'y a plus rien à corriger. Gardez ce classeur : c'est votre version à jour du PCA du service."
    )
    assert final["Corrections"]["A7"].value is None
    assert final["Processus"]["B2"].fill.fgColor.rgb == GREEN
    assert sorted(p.name for p in (out / "validation" / "annotes").iterdir()) == ["REA.xlsx"]  # LABO: never marked


def test_lisez_moi_says_whom_to_send_to_and_how_the_loop_works(team: Path) -> None:
    from pca_xlsx.read import read_referential
    from pca_xlsx.write.template import write_template

    path = write_template(team / "modele.xlsx", read_referential(team / "referentiel.xlsx"), "PUI")
    rows = {r[0]: r[1] for r in openpyxl.load_workbook(path)["Lisez-moi"].iter_rows(values_only=True) if r[0]}
    assert rows["Renvoyer le classeur"] == (
        "Remplissez les feuilles, enregistrez le classeur au format .xlsx (ou .ods) et renvoyez-le à : "
        "Julie MARCHAND – 03 83 00 12 34 – pca@ch-test.fr, avant le 29/01/2027."
    )
    assert "retirés automatiquement" in rows["Le circuit des corrections"]
    assert rows["Ajouter des lignes"].startswith("Pour ajouter des lignes, écrivez simplement sous la dernière ligne")


def test_validation_report_opens_with_one_row_per_service(team: Path, tmp_path: Path) -> None:
    edit(team / "REA.xlsx", {"Service": {"B6": None}})
    run(team, tmp_path / "o")
    book = openpyxl.load_workbook(tmp_path / "o" / "validation" / "rapport_validation.xlsx")
    assert book.sheetnames == ["Résumé", "Anomalies"]
    ws = book["Résumé"]
    assert ws["A1"].value == "Rapport de validation – CH Test"
    assert ws["A2"].value.startswith(f"Exécuté le {dt.date.today().strftime('%d/%m/%Y')} à ")
    assert ws["A3"].value == f"Classeurs pris en compte : tous les classeurs du dossier « {team} »"
    assert ws["A5"].value == "Services sans classeur reçu (1) : Pharmacie à usage intérieur (PUI)"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=7, max_row=10)]
    today = dt.datetime.combine(dt.date.today(), dt.time())  # first run: received today, no earlier errors
    poles = {p["code"]: p["name"] for p in REFERENTIAL["poles"]}
    assert rows == [
        ["Code service", "Service", "Fichier", "Erreurs", "Avertissements", "Statut", "Copie annotée",
         "Erreurs à l'exécution précédente", "Reçu le", "Pôle", "Établissement", "Référent médical",
         "E-mail du référent médical", "Référent paramédical", "E-mail du référent paramédical", "À compléter"],
        ["LABO", "Laboratoire", "LABO.xlsx", 0, 0, "Sans erreur", None, None, today, poles["P2"], None, "Dr Anne DURAND",
         None, "Marc PETIT", None, None],
        ["REA", "Réanimation", "REA.xlsx", 1, 0, "À corriger", "REA.xlsx", None, today, poles["P1"], None, None,
         None, "Marc PETIT", None, None],
        ["PUI", "Pharmacie à usage intérieur", None, 0, 0, "Classeur non reçu", None, None, None, poles["P2"], None,
         None, None, None, None, None],
    ]  # fmt: skip
    assert ws["G9"].hyperlink.target.replace("\\", "/") == "annotes/REA.xlsx"  # xlsxwriter writes Windows separators


def test_provisional_documents_say_so(team: Path, tmp_path: Path) -> None:
    edit(team / "REA.xlsx", {"Service": {"B6": None, "B11": "cent"}})
    pipeline.documents(pipeline.Options(team, tmp_path / "o"))
    docs = tmp_path / "o" / "documents"

    def first_lines(path: Path) -> list[str]:
        return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()][:4]

    for folder in ("fiches_synthese", "fiches_reflexes", "lettres_mission"):
        assert "PROVISOIRE – 2 erreurs à corriger" in first_lines(docs / folder / "REA.docx"), folder
        assert not any("PROVISOIRE" in line for line in first_lines(docs / folder / "LABO.docx")), folder


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_ods_workbook_is_read_and_annotated_as_xlsx(team: Path, tmp_path: Path) -> None:
    edit(team / "REA.xlsx", {"Service": {"B6": None}})
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods", "--outdir", str(team),
         str(team / "REA.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    (team / "REA.xlsx").unlink()
    result = run(team, tmp_path / "o")
    assert sorted((f.file, f.code, f.sheet, f.cell) for f in result.report.findings) == [
        ("REA.ods", "valeur-obligatoire", "Service", "B6")
    ]
    assert len(result.tables["processus"][result.tables["processus"]["_file"] == "REA.ods"]) == 3
    copy = openpyxl.load_workbook(tmp_path / "o" / "validation" / "annotes" / "REA.xlsx")
    assert copy.sheetnames[0] == "Corrections"
    assert copy["Service"]["B6"].fill.fgColor.rgb == "FFFFC7CE"
    assert (copy["Service"]["A8"].value, copy["Service"]["B8"].value) == ("Référent paramédical*", "Marc PETIT")


def test_click_texts_are_french(tmp_path: Path) -> None:
    help_text = CliRunner().invoke(cli, ["--help"]).output
    assert help_text.startswith("Utilisation : ") and "Affiche cette aide et quitte." in help_text
    assert "Show this message" not in help_text and "Commandes:" in help_text
    bad = CliRunner().invoke(cli, ["validate", "--bogus"])
    assert bad.exit_code == 2
    assert "Erreur : Option inconnue : '--bogus'." in bad.output
    assert "validate --help » pour l'aide." in bad.output


def test_evolutions_show_french_dates_and_real_cells(team: Path, tmp_path: Path) -> None:
    options = pipeline.Options(team, tmp_path / "o")
    pipeline.consolidate(options)
    edit(team / "REA.xlsx", {"Service": {"B16": dt.date(2026, 11, 2)}, "Exercices": {"A2": dt.date(2026, 3, 12)}})
    ev = pipeline.consolidate(options).consolidation.evolutions
    service = ev[ev["sheet"] == "Service"].iloc[0]
    assert service["detail"].endswith("→ « 02/11/2026 »") and service["source"] == "REA.xlsx · Service"
    added = ev[(ev["sheet"] == "Exercices") & (ev["change"] == "Ligne ajoutée")].iloc[0]
    assert added["key"] == "12/03/2026 · DPI indisponible" and added["source"] == "REA.xlsx · Exercices!A2"
    assert not ev["source"].str.endswith("!A0").any()
