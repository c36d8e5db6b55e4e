"""Validation rules: each planted mistake gives its finding code at its exact cell."""

from __future__ import annotations

import datetime as dt
import numbers
from pathlib import Path

import openpyxl
import pytest
from conftest import check, edit

from pca_xlsx.core.values import parse_date
from pca_xlsx.findings import ERROR, RULES, WARNING
from pca_xlsx.format.service import SERVICE


def found(report, file: str = "REA.xlsx") -> set[tuple[str, str, str]]:
    return {(f.code, f.sheet, f.cell) for f in report.findings if f.file == file}


def one(report, code: str):
    items = [f for f in report.findings if f.code == code]
    assert len(items) == 1, [(f.code, f.cell, f.message) for f in report.findings]
    return items[0]


def test_valid_workbooks_have_no_finding(folder: Path) -> None:
    report, tables = check(folder)
    assert report.findings == []
    assert len(tables["processus"]) == 6 and not tables["processus"]["_errors"].any()
    assert len(tables["maturite"]) == 20


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code"),
    [
        ("Processus", "B3", None, "valeur-obligatoire"),
        ("Service", "B6", None, "valeur-obligatoire"),
        ("Processus", "C2", "Grave", "valeur-non-permise"),
        ("Applications", "C2", "Énorme", "valeur-non-permise"),
        ("Processus", "A3", "deux", "entier-attendu"),
        ("Télécom", "B2", 2.5, "entier-attendu"),
        ("Service", "B11", 120, "hors-limites"),
        ("Biomédical", "B2", -1, "hors-limites"),
        ("Exercices", "A2", "hier", "date-invalide"),
        ("Exercices", "B2", "Panne totale", "scenario-inconnu"),
        ("Applications", "A3", "Messagerie", "ressource-inconnue"),
        ("Processus", "F3", "PUI; XYZ", "interface-inconnue"),
        ("Processus", "F3", "LABO; REA", "interface-soi-meme"),
        ("Service", "B2", "URG", "service-inconnu"),
        ("Processus", "A4", 2, "numero-en-double"),
        ("Fiche réflexe", "A3", 1, "etape-en-double"),
        ("Processus", "E3", None, "parade-manquante"),
    ],
)
def test_error_rule_at_cell(folder: Path, sheet: str, cell: str, value: object, code: str) -> None:
    edit(folder / "REA.xlsx", {sheet: {cell: value}})
    report, tables = check(folder)
    item = one(report, code)
    service = value if code == "service-inconnu" else "REA"  # a finding carries the code typed in the workbook
    assert (item.file, item.sheet, item.cell, item.severity, item.service) == ("REA.xlsx", sheet, cell, ERROR, service)
    assert RULES[code].severity == ERROR
    assert found(report, "LABO.xlsx") == set()
    if sheet != "Service":
        key = {t["_sheet"].iloc[0]: k for k, t in tables.items() if len(t)}[sheet]
        flagged = tables[key][tables[key]["_errors"]]
        assert list(zip(flagged["_file"], flagged["_row"])) == [("REA.xlsx", int(cell[1:]))]


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code", "expected_key", "expected"),
    [
        ("Processus", "C3", " vitale ", "valeur-normalisee", "criticality", "Vitale"),
        ("Applications", "D2", "moins d’1 H", "valeur-normalisee", "tolerable", "Moins d'1 h"),
        ("Processus", "D2", "dpi", "valeur-normalisee", "resource", "DPI"),
        ("Processus", "A2", "1", "nombre-en-texte", "number", 1),
        ("Télécom", "B2", " 3 ", "nombre-en-texte", "quantity", 3),
        ("Exercices", "A2", "12/03/2026", "date-en-texte", "date", dt.date(2026, 3, 12)),
    ],
)
def test_normalised_with_warning(folder, sheet, cell, value, code, expected_key, expected) -> None:
    edit(folder / "REA.xlsx", {sheet: {cell: value}})
    report, tables = check(folder)
    item = one(report, code)
    assert (item.sheet, item.cell, item.severity) == (sheet, cell, WARNING)
    assert report.valid
    key = next(k for k, t in tables.items() if len(t) and t["_sheet"].iloc[0] == sheet)
    table = tables[key]
    row = table[(table["_file"] == "REA.xlsx") & (table["_row"] == int(cell[1:]))].iloc[0]
    kind = numbers.Integral if isinstance(expected, int) else type(expected)
    assert row[expected_key] == expected and isinstance(row[expected_key], kind)


def test_unknown_resource_suggests_the_closest_name(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Processus": {"D3": "Telephon"}})
    item = one(check(folder)[0], "ressource-inconnue")
    assert item.message == "« Telephon » n'existe pas dans le référentiel ; vouliez-vous dire « Téléphonie » ?"
    assert item.cell == "D3" and item.value == "Telephon"


def test_a_short_name_missed_by_a_look_alike_or_swapped_letter_gets_its_suggestion(folder: Path, tmp_path) -> None:
    """« DPl » (L minuscule) reads as « DPI » on screen; difflib rates one letter in three at 0.67, below
    its cut-off, so the message showed no name. An unrelated short word still gets none."""
    from pca_xlsx import pipeline

    edit(folder / "REA.xlsx", {"Applications": {"A2": "DPl", "A3": "SLG"}, "Processus": {"D4": "Fax"}})
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "output"), lambda *_: None)
    messages = {f.cell: f.message for f in result.report.findings if f.code == "ressource-inconnue"}
    assert messages == {
        "A2": "« DPl » n'existe pas dans le référentiel ; vouliez-vous dire « DPI » ? "
        "Le nom s'écrit avec un i majuscule, et non un L minuscule.",
        "A3": "« SLG » n'existe pas dans le référentiel ; vouliez-vous dire « SGL » ?",
        "D4": "« Fax » n'existe pas dans le référentiel ; s'il manque, demandez à l'équipe PCA de l'ajouter "
        "au référentiel.",
    }
    book = openpyxl.load_workbook(tmp_path / "output" / "validation" / "annotes" / "REA.xlsx")
    assert "vouliez-vous dire « DPI » ? Le nom s'écrit avec un i majuscule" in book["Applications"]["A2"].comment.text


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("dpl", " ; vouliez-vous dire « DPI » ? Le nom s'écrit avec un i majuscule, et non un L minuscule."),
        ("DP1", " ; vouliez-vous dire « DPI » ? Le nom s'écrit avec un i majuscule, et non le chiffre un."),
        ("GMA0", " ; vouliez-vous dire « GMAO » ? Le nom s'écrit avec la lettre O, et non le chiffre zéro."),
        ("DCET", " ; vouliez-vous dire « DECT » ?"),
        ("SGI", "."),  # a capital I does not look like a capital L
        ("API", "."),
        ("GPS", "."),
        ("Bip", "."),
        ("OK", "."),
    ],
)
def test_short_names_get_a_suggestion_only_for_a_near_miss(typed: str, hint: str) -> None:
    from pca_xlsx.validate.suggest import suggestion

    assert suggestion(typed, ["DPI", "SGL", "GAP", "GMAO", "DECT", "RIS/PACS"]) == hint


def test_no_suggestion_when_a_look_alike_names_two_known_names() -> None:
    from pca_xlsx.validate.suggest import suggestion

    assert suggestion("Ml", ["M1", "MI"]) == "."


def test_interface_case_is_normalised(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Processus": {"F3": "labo ; pui"}})
    report, tables = check(folder)
    assert sorted((f.code, f.cell, f.value) for f in report.findings) == [
        ("valeur-normalisee", "F3", "labo"),
        ("valeur-normalisee", "F3", "pui"),
    ]
    processes = tables["processus"]
    assert processes.loc[(processes["_file"] == "REA.xlsx") & (processes["_row"] == 3), "relies_on"].item() == (
        "LABO; PUI"
    )


def test_an_exact_copy_of_a_workbook_is_consolidated_once(folder: Path) -> None:
    import shutil

    shutil.copy(folder / "REA.xlsx", folder / "REA (copie).xlsx")
    report, tables = check(folder)
    duplicates = sorted((f.code, f.severity, f.file, f.cell) for f in report.findings)
    assert duplicates == [
        ("service-en-double", WARNING, "REA (copie).xlsx", "B2"),
        ("service-en-double-retenu", WARNING, "REA.xlsx", "B2"),
    ]
    assert one(report, "service-en-double").message == (
        "Ce classeur est une copie identique de « REA.xlsx » (même contenu) : il n'est compté qu'une fois. "
        "Supprimez la copie."
    )
    assert report.valid
    assert all("REA (copie).xlsx" not in set(frame["_file"]) for frame in tables.values())
    assert len(tables["processus"]) == 6


def test_unknown_template_version_is_a_warning(folder: Path) -> None:
    cell = f"B{[c.key for c in SERVICE.columns].index('template_version') + 2}"  # moves as versions add rows
    edit(folder / "REA.xlsx", {"Service": {cell: "2019.3"}})
    item = one(check(folder)[0], "version-modele-inconnue")
    assert (item.cell, item.severity, item.value) == (cell, WARNING, "2019.3")


@pytest.mark.parametrize(
    ("days", "code"), [(-10, "date-future"), (400, "mise-a-jour-ancienne")]
)  # review period is 12 months
def test_update_date_warnings(folder: Path, days: int, code: str) -> None:
    edit(
        folder / "REA.xlsx",
        {"Service": {"B16": dt.datetime.combine(dt.date.today(), dt.time()) - dt.timedelta(days=days)}},
    )
    report, _ = check(folder)
    item = one(report, code)
    assert (item.cell, item.severity, report.valid) == ("B16", WARNING, True)


def test_more_than_fifty_processes_is_a_warning(folder: Path) -> None:
    book = openpyxl.load_workbook(folder / "REA.xlsx")
    ws = book["Processus"]
    for n in range(4, 56):  # rows 5..56 -> 55 processes
        for col, value in enumerate([n, f"Processus {n}", "Modérée", "DPI"] + [None] * 4 + ["À construire"], 1):
            ws.cell(n + 1, col, value)
    book.save(folder / "REA.xlsx")
    report, tables = check(folder)
    item = one(report, "lignes-nombreuses")
    assert (item.cell, item.severity) == ("A52", WARNING) and "55 lignes" in item.message
    assert (tables["processus"]["_file"] == "REA.xlsx").sum() == 55


def test_rows_with_errors_are_kept_and_typed(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Processus": {"A3": "deux", "D2": "Inconnue"}})
    report, tables = check(folder)
    processes = tables["processus"]
    assert len(processes) == 6
    rea = processes[processes["_file"] == "REA.xlsx"]
    assert list(rea["_errors"]) == [True, True, False]
    assert [(type(v), v) for v in rea["number"]] == [(int, 1), (type(None), None), (int, 3)]  # « deux »: reported
    assert rea["resource"].iloc[0] == "Inconnue"
    assert all(s == "REA" for s in rea["_service"])
    assert {f.service for f in report.findings} == {"REA"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/03/2026", dt.date(2026, 3, 12)),
        ("12-03-2026", dt.date(2026, 3, 12)),
        ("12.03.26", dt.date(2026, 3, 12)),
        ("12 mars 2026", dt.date(2026, 3, 12)),
        ("1er Février 2026", dt.date(2026, 2, 1)),
        ("2026-03-12", dt.date(2026, 3, 12)),
        ("12/03/2026 14:30", dt.date(2026, 3, 12)),
        ("31/02/2026", None),
        ("mars", None),
    ],
)
def test_french_dates(text: str, expected) -> None:
    assert parse_date(text) == expected


def test_renamed_service_label_is_a_missing_field_with_a_hint(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Service": {"A11": "Ambition de la continuité"}})
    report, _ = check(folder)
    item = one(report, "champ-manquant")
    assert (item.file, item.sheet, item.severity) == ("REA.xlsx", "Service", ERROR)
    assert "« Ambition de continuité (%) »" in item.message
    assert "« Ambition de la continuité »" in item.message
    assert found(report, "LABO.xlsx") == set()
