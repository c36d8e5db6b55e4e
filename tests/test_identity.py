"""Identity (DESIGN §6): a workbook is never published under a disputed service code."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import REFERENTIAL, check, edit, service_content

from pca_xlsx import pipeline
from pca_xlsx.findings import ERROR
from pca_xlsx.format import MATURITY_QUESTIONS
from pca_xlsx.read import read_referential
from pca_xlsx.write.template import write_service_workbook

#: Rows read from a workbook written from ``service_content`` (sheet by sheet: Service, Maturité,
#: Applications, Processus, Télécom, Biomédical, Documents, Fiche réflexe, Exercices).
ROWS = 1 + len(MATURITY_QUESTIONS) + 2 + 3 + 1 + 1 + 1 + 2 + 1


def identity(report) -> list[tuple[str, str, str, str]]:
    return sorted((f.code, f.file, f.cell, f.severity) for f in report.findings if f.code.startswith("identite-"))


def test_another_services_form_pasted_into_a_workbook(folder: Path) -> None:
    """LABO.xlsx holds REA's code (its « Service » sheet pasted from REA): neither is published as REA."""
    edit(folder / "LABO.xlsx", {"Service": {"B2": "REA"}})
    report, tables = check(folder)
    assert identity(report) == [
        ("identite-code-partage", "LABO.xlsx", "B2", ERROR),
        ("identite-code-partage", "REA.xlsx", "B2", ERROR),
        ("identite-nom-fichier", "LABO.xlsx", "B2", ERROR),
    ]
    messages = {(f.code, f.file): f.message for f in report.findings}
    assert messages[("identite-nom-fichier", "LABO.xlsx")] == (
        "Le code service « REA » ne correspond pas au nom du fichier « LABO.xlsx », qui désigne le service « LABO » : "
        f"ce classeur n'est consolidé ni comme « REA » ni comme « LABO » ({ROWS} ligne(s) écartée(s)) tant que ce "
        "n'est pas vérifié. Vérifiez la feuille « Service » : si elle a été copiée d'un autre classeur, remettez le "
        "code « LABO » ; si le classeur est bien celui de « REA », renommez le fichier « REA.xlsx »."
    )
    assert messages[("identite-code-partage", "REA.xlsx")] == (
        "Le code service « REA » est aussi celui de « LABO.xlsx », dont le contenu est différent : aucun de ces "
        f"classeurs n'est consolidé comme « REA » ({ROWS} ligne(s) écartée(s) ici) tant que ce n'est pas vérifié. "
        "Ouvrez-les : gardez celui du service « REA » et corrigez le code de l'autre dans sa feuille « Service » "
        "(ou supprimez l'ancienne version)."
    )
    assert "« REA.xlsx »" in messages[("identite-code-partage", "LABO.xlsx")]
    assert all(frame.empty for frame in tables.values())


def test_a_workbook_named_for_one_service_holding_anothers_code(folder: Path) -> None:
    """PUI.xlsx holds LABO's code (no LABO.xlsx): not consolidated as LABO, and PUI is not « non reçu »."""
    (folder / "LABO.xlsx").rename(folder / "PUI.xlsx")
    report, tables = check(folder)
    assert identity(report) == [("identite-nom-fichier", "PUI.xlsx", "B2", ERROR)]
    assert set(tables["processus"]["_file"]) == {"REA.xlsx"}


def test_disputed_services_are_to_check_in_the_report_and_the_consolidation(folder: Path, tmp_path: Path) -> None:
    (folder / "LABO.xlsx").rename(folder / "PUI_2026.xlsx")
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert result.exit_code == 1
    book = openpyxl.load_workbook(tmp_path / "out" / "validation" / "rapport_validation.xlsx", read_only=True)
    rows = [r[:6] for r in book["Résumé"].iter_rows(min_row=8, values_only=True)]
    assert rows == [
        ("LABO", "Laboratoire", "PUI_2026.xlsx", 1, 0, "À vérifier"),
        ("REA", "Réanimation", "REA.xlsx", 0, 0, "Sans erreur"),
        ("LABO", "Laboratoire", None, 0, 0, "À vérifier : PUI_2026.xlsx"),
        ("PUI", "Pharmacie à usage intérieur", None, 0, 0, "À vérifier : PUI_2026.xlsx"),
    ]
    line = book["Résumé"]["A4"].value
    assert line.startswith(
        "1 classeur reçu, 0 reçus incomplets, 1 sans erreur, 0 à corriger, 1 à vérifier (identité) ;"
    )
    synthesis = result.consolidation.synthesis.set_index("code")
    assert not synthesis.loc["LABO", "received"] and not synthesis.loc["PUI", "received"]
    assert synthesis.loc["LABO", "files"] == "à vérifier : PUI_2026.xlsx"
    assert (
        synthesis.loc["LABO", "checking"] and synthesis.loc["PUI", "checking"] and not synthesis.loc["REA", "checking"]
    )
    sheet = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx")["Synthèse"]
    header = next(r for r in sheet.iter_rows() if r[0].value == "Code service")
    column = [c.value for c in header].index("Classeur reçu")
    shown = {r[0].value: r[column].value for r in sheet.iter_rows(min_row=header[0].row + 1) if r[0].value}
    assert (shown["LABO"], shown["PUI"], shown["REA"]) == ("À vérifier", "À vérifier", "Oui")
    assert synthesis.loc["LABO", "processes"] == 0
    control = result.consolidation.control
    assert set(control.loc[control["file"] == "PUI_2026.xlsx", "status"]) == {"OK"}


def test_a_name_without_a_known_code_is_not_checked(folder: Path) -> None:
    (folder / "LABO.xlsx").rename(folder / "classeur labo final.xlsx")
    (folder / "REA.xlsx").rename(folder / "reanimation.xlsx")
    report, _ = check(folder)
    assert report.findings == [], [f.message for f in report.findings]


def test_two_versions_of_one_service_are_both_to_check(folder: Path) -> None:
    ref = read_referential(folder / "referentiel.xlsx")
    content = service_content("REA")
    content["service"]["ambition"] = 80
    write_service_workbook(folder / "REA_v2.xlsx", ref, "REA", content)
    report, tables = check(folder)
    assert identity(report) == [
        ("identite-code-partage", "REA.xlsx", "B2", ERROR),
        ("identite-code-partage", "REA_v2.xlsx", "B2", ERROR),
    ]
    assert set(tables["service"]["_file"]) == {"LABO.xlsx"}
    assert REFERENTIAL["services"][0]["code"] == "REA"


def test_file_names_name_codes_as_whole_words_longest_first():
    from pca_xlsx.validate.identity import code_index, named_codes

    index = code_index(["REA", "REA01", "PNEUMO", "URG", "URGP", "LABO"])
    assert named_codes("PNEUMO_v2.xlsx", index) == ["PNEUMO"]
    assert named_codes("REA01 (copie).xlsx", index) == ["REA01"]  # not REA: « 01 » continues the word
    assert named_codes("rea.xlsx", index) == ["REA"]
    assert named_codes("URGP-URG.xlsx", index) == ["URGP", "URG"]
    assert named_codes("Labo REA.xlsx", index) == ["LABO", "REA"]
    assert named_codes("URG REA.xlsx", index) == ["REA", "URG"]  # same length: the referential's order
    assert named_codes("preao.xlsx", index) == []
    assert named_codes("labo2.xlsx", index) == []
