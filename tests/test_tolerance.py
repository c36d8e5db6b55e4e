"""Values as people type them: lists, invisible characters, durations, units, dates, aliases."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from conftest import REFERENTIAL, check, edit

from pca_xlsx.findings import ERROR, WARNING
from pca_xlsx.write.referential import write_referential

ZWSP, NBSP, SHY = "\u200b", "\u00a0", "\u00ad"


def found(report, file: str = "REA.xlsx") -> list[tuple[str, str, str, str]]:
    return sorted((f.code, f.severity, f.sheet, f.cell) for f in report.findings if f.file == file)


def rea(tables, key: str):
    frame = tables[key]
    return frame[frame["_file"] == "REA.xlsx"]


def test_lists_of_codes_split_on_commas_slashes_and_line_breaks(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Processus": {"F2": "LABO, PUI", "F3": "LABO / PUI", "F4": "LABO\nPUI"}})
    report, tables = check(folder)
    assert report.findings == []
    assert rea(tables, "processus")["relies_on"].tolist() == ["LABO; PUI"] * 3


def test_invisible_characters_are_removed_before_matching(folder: Path) -> None:
    edit(
        folder / "REA.xlsx",
        {
            "Processus": {"F2": f"LA{ZWSP}BO", "J2": f"Tes{SHY}tée", "D3": f"SGL{ZWSP}"},
            "Applications": {"D2": f"Moins d'1{NBSP}h"},
        },
    )
    report, tables = check(folder)
    assert found(report) == [
        ("caracteres-invisibles", WARNING, "Processus", "D3"),
        ("caracteres-invisibles", WARNING, "Processus", "F2"),
        ("caracteres-invisibles", WARNING, "Processus", "J2"),
    ]
    processes = rea(tables, "processus")
    assert processes["relies_on"].tolist()[0] == "LABO"
    assert processes["status"].tolist()[0] == "Testée"
    assert processes["resource"].tolist()[1] == "SGL"
    assert rea(tables, "applications")["tolerable"].tolist()[0] == "Moins d'1 h"
    assert next(f for f in report.findings if f.cell == "F2").message == (
        "« LABO » contenait des caractères invisibles (espace de largeur nulle, trait d'union conditionnel…) : "
        "ils ont été supprimés. Retapez la valeur ou choisissez-la dans la liste."
    )


def test_same_tolerance_for_spaces_and_hours_everywhere(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Applications": {"D2": "4 à 24h", "D3": "moins d'1h", "E2": "moins de 1 heure"}})
    report, tables = check(folder)
    assert found(report) == [
        ("valeur-normalisee", WARNING, "Applications", "D2"),
        ("valeur-normalisee", WARNING, "Applications", "D3"),
        ("valeur-normalisee", WARNING, "Applications", "E2"),
    ]
    apps = rea(tables, "applications")
    assert apps["tolerable"].tolist() == ["4 à 24 h", "Moins d'1 h"]
    assert apps["data_loss"].tolist()[0] == "Moins d'1 h"


def test_a_number_typed_with_its_unit(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"B10": "32 lits"}, "Télécom": {"B2": "2 postes"}})
    report, tables = check(folder)
    assert found(report) == [
        ("nombre-avec-unite", WARNING, "Service", "B10"),
        ("nombre-avec-unite", WARNING, "Télécom", "B2"),
    ]
    assert rea(tables, "service")["capacity"].tolist() == [32]
    assert rea(tables, "telecom")["quantity"].tolist() == [2]
    assert next(f for f in report.findings if f.cell == "B10").message == (
        "« 32 lits » a été lu comme le nombre 32 : saisissez seulement le nombre, sans unité ni texte."
    )


def test_french_dates_typed_as_text_with_two_digit_years(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Exercices": {"A2": "12/01/26"}, "Service": {"B16": "3 janv. 26"}})
    report, tables = check(folder)
    assert found(report) == [
        ("date-en-texte", WARNING, "Exercices", "A2"),
        ("date-en-texte", WARNING, "Service", "B16"),
    ]
    assert rea(tables, "exercices")["date"].tolist() == [dt.date(2026, 1, 12)]
    assert next(f for f in report.findings if f.cell == "A2").message == (
        "« 12/01/26 » est saisi comme du texte : il a été lu comme la date du 12/01/2026. Pour une vraie date, "
        "mettez la cellule au format Date (clic droit › Format de cellule › Date) et tapez-la sous la forme "
        "jj/mm/aaaa (ici 12/01/2026), sans apostrophe devant."
    )


def test_suggestions_through_aliases_before_asking_the_pca_team(folder: Path) -> None:
    content = copy.deepcopy(REFERENTIAL)
    content["services"].append({"code": "IMAG", "name": "Imagerie médicale", "pole": "P2", "category": "Critique"})
    content["ressources"].append({"name": "RIS/PACS", "category": "Application métier"})
    write_referential(folder / "referentiel.xlsx", content)
    edit(
        folder / "REA.xlsx",
        {
            "Processus": {"D2": "PACS", "F2": "radiologie"},
            "Maturité": {"B2": "NSP"},
            "Télécom": {"A2": "Talkie-walkie"},
            "Exercices": {"C2": "Table top"},
        },
    )
    report, _ = check(folder)
    hints = {(f.sheet, f.cell): f.message.rsplit(";", 1)[-1].strip() for f in report.findings if f.file == "REA.xlsx"}
    assert hints == {
        ("Processus", "D2"): "vouliez-vous dire « RIS/PACS » ?",
        ("Processus", "F2"): "vouliez-vous dire « IMAG » ?",
        ("Maturité", "B2"): "vouliez-vous dire « Ne sait pas » ?",
        ("Télécom", "A2"): "vouliez-vous dire « Radio » ?",
        ("Exercices", "C2"): "vouliez-vous dire « Sur table » ?",
    }
    assert {f.severity for f in report.findings if f.file == "REA.xlsx"} == {ERROR}
