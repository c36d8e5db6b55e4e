"""Values used in a crisis are checked and normalised; nothing is dropped without a word; helpful hints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import REFERENTIAL, check, edit

from pca_xlsx import pipeline
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.core.errors import ReferentialError
from pca_xlsx.findings import ERROR, WARNING
from pca_xlsx.read import read_referential
from pca_xlsx.read.phone import parse_phone
from pca_xlsx.validate.suggest import band_for
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import short_title


def found(report, file: str = "REA.xlsx") -> list[tuple[str, str, str, str]]:
    return sorted((f.code, f.severity, f.sheet, f.cell) for f in report.findings if f.file == file)


def message(report, code: str) -> str:
    (item,) = [f for f in report.findings if f.code == code]
    return item.message


def test_phone_with_a_letter_is_an_error_saying_what_to_type(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B7": "O6 12 34 56 78"}})
    report, _ = check(folder)
    assert found(report) == [("telephone-invalide", ERROR, "Service", "B7")]
    assert message(report, "telephone-invalide") == (
        "« O6 12 34 56 78 » n'est pas un numéro de téléphone utilisable (une lettre à la place d'un chiffre : "
        "« O » pour zéro ?) : saisissez les 10 chiffres, par exemple « 06 12 34 56 78 »."
    )


def test_internal_extension_is_an_error(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B9": "poste 4521"}})
    report, _ = check(folder)
    assert found(report) == [("telephone-invalide", ERROR, "Service", "B9")]
    assert "(un poste interne ne répond plus quand le standard est coupé)" in message(report, "telephone-invalide")


def test_mobile_number_typed_in_a_number_cell_gets_its_zero_back(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B9": 612345678, "B7": "0611223344"}})
    report, tables = check(folder)
    assert found(report) == [("telephone-zero-restaure", WARNING, "Service", "B9")]
    assert message(report, "telephone-zero-restaure") == (
        "« 612345678 » a perdu son zéro initial (cellule au format Nombre) : lu comme « 06 12 34 56 78 ». "
        "Saisissez le numéro avec ses espaces, par exemple « 06 12 34 56 78 »."
    )
    rea = tables["service"].set_index("_file").loc["REA.xlsx"]
    assert (rea["paramedical_phone"], rea["medical_phone"]) == ("06 12 34 56 78", "06 11 22 33 44")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("0033612345678", "06 12 34 56 78"),
    ],
)
def test_phone_forms_are_normalised(typed: str, number: str) -> None:
    assert parse_phone(typed).number == number


def test_template_phone_cells_are_text(folder: Path) -> None:
    ws = openpyxl.load_workbook(folder / "REA.xlsx")["Service"]
    assert (ws["B7"].number_format, ws["B9"].number_format) == ("@", "@")


def test_percentage_typed_with_percent_sign_is_read_as_its_number(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Service"]["B11"] = 1  # what Excel stores for « 100% » typed in a General cell
    book["Service"]["B11"].number_format = "0%"
    book.save(folder / "REA.xlsx")
    edit(folder / "LABO.xlsx", {"Service": {"B11": "80 %"}})
    report, tables = check(folder)
    assert found(report) == [("pourcentage-converti", WARNING, "Service", "B11")]
    assert found(report, "LABO.xlsx") == [("pourcentage-converti", WARNING, "Service", "B11")]
    rea = next(f for f in report.findings if f.file == "REA.xlsx")
    assert rea.message == (
        "« 1 (affiché 100 % dans Excel) » a été lu comme 100 % : saisissez « Ambition de continuité (%) » "
        "comme un nombre de 0 à 100, sans « % »."
    )
    ambition = dict(zip(tables["service"]["_file"], tables["service"]["ambition"]))
    assert ambition == {"REA.xlsx": 100, "LABO.xlsx": 80}


def test_exercise_in_the_future_is_an_error(folder: Path) -> None:
    later = dt.date.today() + dt.timedelta(days=365)
    edit(folder / "REA.xlsx", {"Exercices": {"A2": later}})
    report, tables = check(folder)
    assert found(report) == [("date-future-interdite", ERROR, "Exercices", "A2")]
    assert message(report, "date-future-interdite") == (
        f"La date du {later.strftime('%d/%m/%Y')} est dans le futur : « Date » doit être une date passée "
        "ou celle du jour."
    )
    exercises = tables["exercices"]
    assert exercises.loc[exercises["_file"] == "REA.xlsx", "_errors"].tolist() == [True]


def test_referential_phones_follow_the_same_rule(tmp_path: Path) -> None:
    path = tmp_path / "referentiel.xlsx"
    write_referential(path, REFERENTIAL | {"etablissement": REFERENTIAL["etablissement"] | {"pca_phone": 383001234}})
    assert read_referential(path).establishment["pca_phone"] == "03 83 00 12 34"
    write_referential(path, REFERENTIAL | {"etablissement": REFERENTIAL["etablissement"] | {"pca_phone": "O3 83"}})
    with pytest.raises(ReferentialError) as error:
        read_referential(path)
    assert str(error.value) == (
        "referentiel.xlsx, feuille « Établissement », cellule B6 : « O3 83 » n'est pas un numéro de téléphone "
        "utilisable (une lettre à la place d'un chiffre : « O » pour zéro ?) : saisissez les 10 chiffres, "
        "par exemple « 06 12 34 56 78 »."
    )


def test_sheet_renamed_close_to_the_expected_one_is_read_with_a_warning(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Télécom"].title = "Télécoms secours"
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    assert found(report) == [("feuille-renommee", WARNING, "Télécoms secours", "A1")]
    assert message(report, "feuille-renommee") == (
        "La feuille « Télécoms secours » a été lue comme la feuille « Télécom » : renommez-la « Télécom »."
    )
    assert tables["telecom"]["_file"].tolist().count("REA.xlsx") == 1


def test_sheet_renamed_far_from_any_expected_one_names_the_sheets_found(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Télécom"].title = "Feuil1"
    book.save(folder / "REA.xlsx")
    report, _ = check(folder)
    assert ("feuille-manquante", ERROR, "Télécom", "") in found(report)
    assert message(report, "feuille-manquante") == (
        "La feuille « Télécom » est absente du classeur (feuilles trouvées : « Lisez-moi », « Service », "
        "« Maturité », « Applications », « Processus », « Feuil1 », « Biomédical », « Documents », "
        "« Fiche réflexe », « Exercices », « Plan d'actions », « Listes »). La feuille « Feuil1 » est-elle la feuille "
        "« Télécom » renommée ? Redonnez-lui son nom « Télécom »."
    )


def test_extra_column_and_extra_sheet_get_a_warning_naming_them(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    ws = book["Processus"]
    ws["K1"], ws["K2"], ws["K4"] = "Remarques cadre", "voir avec la DSI", "à revoir"
    notes = book.create_sheet("Notes")
    notes["A1"], notes["B3"], notes["C5"] = "Idées", "Groupe électrogène", 3
    book.create_sheet("Vide")
    book.save(folder / "REA.xlsx")
    report, _ = check(folder)
    assert found(report) == [
        ("colonne-en-plus", WARNING, "Processus", "K1"),
        ("feuille-en-plus", WARNING, "Notes", "A1"),
    ]
    assert message(report, "colonne-en-plus") == (
        "La colonne « Remarques cadre » ne fait pas partie du modèle : son contenu (2 cellules remplies) est gardé "
        "dans la feuille « Compléments » de la consolidation, mais n'est pas exploité. Mettez-le dans « Commentaire » "
        "ou une colonne prévue."
    )
    assert message(report, "feuille-en-plus") == (
        "La feuille « Notes » ne fait pas partie du modèle : son contenu (3 cellules remplies) n'est pas repris. "
        "Déplacez-le dans les feuilles du modèle."
    )


def test_control_adds_up_with_renamed_sheet_extra_content_and_a_duplicate(folder: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    book["Télécom"].title = "Télécoms secours"
    book["Processus"]["K1"], book["Processus"]["K2"] = "Remarques cadre", "voir DSI"
    book.create_sheet("Notes")["A1"] = "Idée"
    book.save(folder / "REA.xlsx")
    (folder / "LABO_bis.xlsx").write_bytes((folder / "LABO.xlsx").read_bytes())  # an exact copy: set aside
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "o"), write=False)
    consolidation = build_consolidation(result, compare=False)
    control = consolidation.control
    assert consolidation.control_ok
    assert (control["read"] == control["consolidated"] + control["rejected"]).all()
    bis = control[control["file"] == "LABO_bis.xlsx"]
    read_bis = sum(len(s.rows) for s in next(w for w in result.workbooks if w.file == "LABO_bis.xlsx").sheets.values())
    assert (bis["consolidated"].sum(), bis["rejected"].sum()) == (0, read_bis)
    extra = control[control["status"].str.startswith("Contenu hors modèle")]
    assert sorted(zip(extra["sheet"], extra["read"], extra["rejected"])) == [
        ("Notes", 1, 1),
        ("Processus › colonne « Remarques cadre »", 1, 0),  # kept in « Compléments »
    ]
    telecom = control[(control["file"] == "REA.xlsx") & (control["key"] == "telecom")]
    assert telecom[["sheet", "read", "consolidated"]].values.tolist() == [["Télécoms secours", 1, 1]]
    assert set(result.tables["processus"]["_file"]) == {"REA.xlsx", "LABO.xlsx"}


def test_unknown_code_far_from_any_known_asks_the_pca_team(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B2": "ANAPATH"}})
    report, _ = check(folder)
    assert message(report, "service-inconnu") == (
        "Le code service « ANAPATH » n'existe pas dans le référentiel ; s'il manque, demandez à l'équipe PCA "
        "de l'ajouter au référentiel."
    )


def test_a_duration_typed_in_a_band_list_is_read_as_the_band_holding_it(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Applications": {"D2": "48h", "D3": "4 heures", "E2": "1/2 journée"}})
    report, tables = check(folder)
    assert found(report) == [
        ("valeur-normalisee", WARNING, "Applications", "D2"),
        ("valeur-normalisee", WARNING, "Applications", "D3"),
        ("valeur-normalisee", WARNING, "Applications", "E2"),
    ]
    apps = tables["applications"].query("_file == 'REA.xlsx'")
    assert apps["tolerable"].tolist() == ["1 à 3 jours", "1 à 4 h"]  # 4 h: the tighter band, never « 4 à 24 h »
    assert apps["data_loss"].tolist()[0] == "4 à 24 h"


@pytest.mark.parametrize(
    ("typed", "band"),
    [("48h", "1 à 3 jours"), ("2 jours", "1 à 3 jours"), ("30 min", "Moins d'1 h"), ("4 h", "1 à 4 h"),
     ("4 heures", "1 à 4 h"), ("1 h", "1 à 4 h"), ("5 h", "4 à 24 h"), ("1/2 journée", "4 à 24 h"),
     ("une demi-journée", "4 à 24 h"), ("24h", "4 à 24 h"), ("3 jours", "1 à 3 jours"),
     ("1 semaine", "Plus de 3 jours")],
)  # fmt: skip
def test_band_containing_a_duration(typed: str, band: str) -> None:
    bands = ["Moins d'1 h", "1 à 4 h", "4 à 24 h", "1 à 3 jours", "Plus de 3 jours"]
    assert band_for(typed, bands) == band


def test_input_titles_fit_excel_limit(folder: Path) -> None:
    assert short_title("Téléphone du référent paramédical") == "Tél. du référent paramédical"
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    titles = [dv.promptTitle for ws in book.worksheets for dv in ws.data_validations.dataValidation if dv.promptTitle]
    assert titles and max(map(len, titles)) <= 32
    assert "Tél. du référent paramédical" in titles


def test_a_renamed_sheet_is_named_in_both_findings_with_what_to_do(folder: Path) -> None:
    """« Télécom » renamed « Moyens de communication »: the missing sheet asks whether it is the renamed one, the
    extra sheet is still named (its cells are not read) and says the same."""
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    cells = sum(c.value not in (None, "") for row in book["Télécom"].iter_rows() for c in row)
    book["Télécom"].title = "Moyens de communication"
    notes = book.create_sheet("Notes")  # a second unknown sheet, without any label of the Télécom sheet
    notes["A1"] = "Idées"
    book.save(folder / "REA.xlsx")
    report, _ = check(folder)
    assert found(report) == [
        ("feuille-en-plus", WARNING, "Moyens de communication", "A1"),
        ("feuille-en-plus", WARNING, "Notes", "A1"),
        ("feuille-manquante", ERROR, "Télécom", ""),
    ]
    assert message(report, "feuille-manquante").endswith(
        "« Listes », « Notes »). La feuille « Moyens de communication » est-elle la feuille « Télécom » renommée ? "
        "Redonnez-lui son nom « Télécom »."
    )
    extra = {f.sheet: f.message for f in report.findings if f.code == "feuille-en-plus"}
    assert extra == {
        "Moyens de communication": "La feuille « Moyens de communication » ne fait pas partie du modèle : son "
        f"contenu ({cells} cellules remplies) n'est pas repris. Si c'est la feuille « Télécom » renommée, "
        "redonnez-lui son nom « Télécom » ; sinon, déplacez-le dans les feuilles du modèle.",
        "Notes": "La feuille « Notes » ne fait pas partie du modèle : son contenu (1 cellule remplie) n'est pas repris. "
        "Déplacez-le dans les feuilles du modèle.",
    }


def test_a_missing_sheet_with_no_look_alike_says_to_put_it_back(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    del book["Télécom"]
    book.save(folder / "REA.xlsx")
    report, _ = check(folder)
    assert message(report, "feuille-manquante").endswith(
        "« Listes »). Si elle a été supprimée ou renommée, remettez-la avec son nom exact « Télécom » (elle est dans "
        "le modèle vierge, que l'équipe PCA peut vous renvoyer)."
    )


def test_a_required_value_says_what_to_type(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Fiche réflexe": {"C2": None}})
    report, _ = check(folder)
    assert found(report) == [("valeur-obligatoire", ERROR, "Fiche réflexe", "C2")]
    assert message(report, "valeur-obligatoire") == (
        "« Action » est obligatoire : écrivez l'action à faire à cette étape, en une phrase, par exemple « Prévenir "
        "le cadre de santé »."
    )
