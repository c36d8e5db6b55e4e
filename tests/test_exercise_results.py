"""Filled observation grids in ``<workbooks>/exercices/`` come back into the plan (DESIGN §4.2)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import edit

from pca_xlsx import pipeline
from pca_xlsx.consolidate.gaps import FAILED_AT_EXERCISE
from pca_xlsx.read.grid import Row
from pca_xlsx.validate.exercises import result_of

SCENARIO = "Cyberattaque généralisée"
GRID = "exercices/grille_observation.xlsx"
TODAY = dt.date.today()


def make_grid(folder: Path, tmp_path: Path, day: dt.date = TODAY) -> Path:
    """The kit's grid for REA (3 process rows in the test workbook), moved into ``<folder>/exercices/``."""
    kit = pipeline.exercise(pipeline.Options(folder, tmp_path / "kit"), SCENARIO, "REA", f"{day:%d/%m/%Y}")
    target = folder / "exercices" / "grille_observation.xlsx"
    target.parent.mkdir()
    shutil.move(kit.folder / "grille_observation.xlsx", target)
    return target


def column(path: Path, sheet: str, label: str) -> str:
    """Letter of the column headed ``label`` (row 1), read with openpyxl."""
    ws = openpyxl.load_workbook(path)[sheet]
    return next(c.column_letter for c in ws[1] if str(c.value).rstrip("*") == label)


def findings(result, code: str) -> list[tuple[str, str, str, str]]:
    return sorted((f.file, f.sheet, f.cell, f.message) for f in result.report.findings if f.code == code)


def test_filled_grid_joins_history_gaps_and_flags_an_overstated_workbook(folder: Path, tmp_path: Path) -> None:
    grid = make_grid(folder, tmp_path)
    # REA rows 13-15 are N° 1 (vital, « Testée » in the workbook), 2 and 3; G = Parade appliquée
    edit(
        grid,
        {
            "Exercice": {"B6": "Simulation"},
            "REA": {"G13": "Non", "J13": "Ordonnances introuvables", "G14": "Oui", "C9": "3 IDE"},
        },
    )
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    c = result.consolidation
    ex = c.details["exercices"]
    mine = ex[ex["source"].str.contains("grille d'observation")]
    assert mine[["code", "date", "scenario", "type", "participants", "result"]].values.tolist() == [
        ["REA", TODAY, SCENARIO, "Simulation", "3 IDE", "Échec"]
    ]
    assert mine["source"].iloc[0] == f"{GRID} · REA!C4 (grille d'observation)"
    assert mine["actions"].iloc[0] == (
        "N° 1 Prescription médicamenteuse – parade appliquée « Non ». Observation : Ordonnances introuvables"
    )
    assert c.synthesis.set_index("code").loc["REA", "last_exercise"] == TODAY
    # the failed workaround: a gap at the workbook's « Parade » cell of N° 1 (row 2)
    gaps = c.gaps[c.gaps["type"] == FAILED_AT_EXERCISE]
    parade = column(folder / "REA.xlsx", "Processus", "Parade")
    assert gaps[["code", "file", "sheet", "cell"]].values.tolist() == [["REA", "REA.xlsx", "Processus", f"{parade}2"]]
    assert (
        gaps["detail"]
        .iloc[0]
        .startswith(f"N° 1 « Prescription médicamenteuse » : parade observée « Non » à l'exercice du {TODAY:%d/%m/%Y}")
    )
    assert c.gap_counts[FAILED_AT_EXERCISE] == 1
    # « Testée » in the workbook, « Non » at the exercise: a warning on the workbook's status cell
    status = column(folder / "REA.xlsx", "Processus", "Statut de la parade")
    assert findings(result, "parade-testee-en-echec") == [
        (
            "REA.xlsx",
            "Processus",
            f"{status}2",
            f"La parade est « Testée » dans le classeur, mais elle a été observée « Non » à l'exercice du {TODAY:%d/%m/%Y} "
            f"({GRID}, feuille REA) : le classeur surestime son état. Revoyez la parade et son statut.",
        )
    ]
    annotated = openpyxl.load_workbook(tmp_path / "out" / "validation" / "annotes" / "REA.xlsx")
    assert "surestime" in annotated["Processus"][f"{status}2"].comment.text
    control = c.control[c.control["file"] == GRID]
    assert control[["service", "read", "consolidated", "rejected", "status"]].values.tolist() == [
        ["REA", 1, 1, 0, "OK"]
    ]
    book = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx")
    # no service name column; the pôle's code before the source
    sources = [r[9] for r in book["Exercices"].iter_rows(min_row=2, values_only=True)]
    assert f"{GRID} · REA!C4 (grille d'observation)" in sources
    assert result.exit_code == 0


def _row(applied, criticality="Majeure", prerequisites_ok=None) -> Row:
    return Row({"applied": applied, "criticality": criticality, "prerequisites_ok": prerequisites_ok}, {}, 1)


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([_row("Oui"), _row("Oui", "Vitale")], "Réussi"),
        ([_row("Oui"), _row("Oui", prerequisites_ok="Non")], "Partiel"),
        ([_row("Oui"), _row("Partiellement")], "Partiel"),
        ([_row("Oui"), _row("Oui"), _row("Non")], "Partiel"),
        ([_row("Oui"), _row("Non")], "Échec"),  # half of the observed rows
        ([_row("Oui"), _row("Oui"), _row("Non", "Vitale")], "Échec"),  # a vital one
        ([_row(None), _row(None)], None),  # nothing observed
        ([_row("Oui"), _row(None)], "Réussi"),  # a blank row is not observed
    ],
)
def test_result_rule(rows, expected) -> None:
    assert result_of(rows) == expected


def test_grid_dated_in_the_future_is_an_error_and_not_taken(folder: Path, tmp_path: Path) -> None:
    grid = make_grid(folder, tmp_path)
    later = TODAY + dt.timedelta(days=5)
    edit(grid, {"Exercice": {"B5": later}, "REA": {"G13": "Non"}})
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert findings(result, "grille-date-future") == [
        (
            GRID,
            "Exercice",
            "B5",
            f"La date de l'exercice ({later:%d/%m/%Y}) est dans le futur : une grille se remplit après l'exercice. "
            "Corrigez la date : d'ici là, la grille n'est pas reprise dans le plan.",
        )
    ]
    assert result.exit_code == 1
    c = result.consolidation
    assert not c.details["exercices"]["source"].str.contains("grille").any()
    assert c.gap_counts[FAILED_AT_EXERCISE] == 0
    assert (tmp_path / "out" / "validation" / "annotes" / "exercices" / "grille_observation.xlsx").is_file()


def test_grid_out_of_shape_gets_findings_at_the_cells_and_the_rest_is_read(folder: Path, tmp_path: Path) -> None:
    grid = make_grid(folder, tmp_path)
    book = openpyxl.load_workbook(grid)
    ws = book["REA"]
    ws.protection.sheet = False
    ws["G13"] = "Non"  # N° 1
    ws["G15"] = "Oui"  # N° 3
    ws["C6"] = "DPI indisponible"  # scenario changed on the service sheet
    ws.delete_rows(14)  # N° 2 deleted
    ws["A13"], ws["B13"] = 7, "Un processus inventé"  # no longer a process of the workbook
    ws["H14"] = "dix"  # not an integer
    ws.title = "Réanimation"  # renamed sheet
    book.create_sheet("Notes")["A1"] = "Remarques libres"
    book.save(grid)
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    got = sorted((f.code, f.sheet, f.cell) for f in result.report.findings if f.file == GRID)
    assert got == [
        ("entier-attendu", "Réanimation", "H14"),
        ("grille-feuille-inconnue", "Notes", ""),
        ("grille-feuille-renommee", "Réanimation", "C4"),
        ("grille-lignes-supprimees", "Réanimation", "C7"),
        ("grille-processus-inconnu", "Réanimation", "A13"),
        ("grille-scenario-modifie", "Réanimation", "C6"),
    ]
    messages = {f.code: f.message for f in result.report.findings if f.file == GRID}
    assert messages["grille-lignes-supprimees"] == (
        "La grille prévoyait 3 processus pour ce service, 2 ligne(s) sont présentes : des lignes ont été supprimées. "
        "Les lignes présentes ont été lues."
    )
    assert messages["grille-scenario-modifie"].startswith(
        "Le scénario « DPI indisponible » diffère de celui de la grille"
    )
    c = result.consolidation
    ex = c.details["exercices"]
    assert ex[ex["source"].str.contains("grille")]["result"].tolist() == ["Échec"]  # N° « 7 » is vital and « Non »
    gaps = c.gaps[c.gaps["type"] == FAILED_AT_EXERCISE]
    assert gaps[["file", "sheet", "cell"]].values.tolist() == [
        [GRID, "Réanimation", "G13"]
    ]  # no workbook row to point at


def test_unfilled_grid_is_a_warning_and_adds_no_exercise(folder: Path, tmp_path: Path) -> None:
    make_grid(folder, tmp_path)
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert [(f.sheet, f.cell) for f in result.report.findings if f.code == "grille-non-remplie"] == [("REA", "C4")]
    c = result.consolidation
    assert not c.details["exercices"]["source"].str.contains("grille").any()
    control = c.control[c.control["file"] == GRID]
    assert control[["read", "consolidated", "rejected"]].values.tolist() == [[1, 0, 1]]
    assert result.exit_code == 0


def test_grid_without_its_exercise_sheet_is_reported_not_a_crash(folder: Path, tmp_path: Path) -> None:
    (folder / "exercices").mkdir()
    book = openpyxl.Workbook()
    book.active.title, book.active["A1"] = "Feuil1", "notes"
    book.save(folder / "exercices" / "grille.xlsx")
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    (missing,) = [f for f in result.report.errors if f.code == "feuille-manquante"]
    assert (missing.file, missing.sheet) == ("exercices/grille.xlsx", "Exercice")
    assert missing.message == (
        "La feuille « Exercice » est absente du classeur (feuilles trouvées : « Feuil1 »). Si elle a été supprimée ou "
        "renommée, remettez-la avec son nom exact « Exercice » (elle est dans la grille vierge écrite par pca-xlsx "
        "exercice, que l'équipe PCA peut vous renvoyer)."
    )


def test_grid_that_is_not_a_workbook_is_reported(folder: Path, tmp_path: Path) -> None:
    (folder / "exercices").mkdir()
    (folder / "exercices" / "grille.xlsx").write_text("pas un classeur")
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out"))
    assert [f.file for f in result.report.errors] == ["exercices/grille.xlsx"]


def test_yearly_programme_overdue_first_then_vital_untested(folder: Path, tmp_path: Path) -> None:
    # REA's only exercise is older than the 12-month period; LABO's is recent. Both have one vital row
    # (N° 2) whose workaround is « Définie », not « Testée »; both played only « DPI indisponible ».
    edit(folder / "REA.xlsx", {"Exercices": {"A2": TODAY - dt.timedelta(days=400)}})
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    c = result.consolidation
    p = c.programme
    assert p["code"].tolist() == ["REA", "LABO"]
    assert p["reason"].tolist() == [
        f"En retard : dernier exercice le {TODAY - dt.timedelta(days=400):%d/%m/%Y}",
        "1 processus vital dont la parade n'a jamais été testée",
    ]
    assert p["scenario"].tolist() == [SCENARIO, SCENARIO]
    assert p["new_scenario"].tolist() == ["Oui", "Oui"]
    assert not c.field_exercises.met  # « Sur table » only
    assert c.field_exercises.sentence.endswith(f"NON remplie : aucun exercice de terrain en {TODAY.year} à ce jour.")
    book = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx")
    ws = book["Programme d'exercices"]
    assert ws["A1"].value == f"Programme d'exercices {TODAY.year}"
    # a Simulation observed today meets the year's requirement
    grid = make_grid(folder, tmp_path)
    edit(grid, {"Exercice": {"B6": "Simulation"}, "REA": {"G13": "Oui", "G14": "Oui"}})
    c = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out2")).consolidation
    assert c.field_exercises.met and c.field_exercises.exercises == [f"REA le {TODAY:%d/%m/%Y} (Simulation)"]
    # REA is no longer overdue but its vital N° 2 is still untested: both in the second group, the oldest exercise first
    assert c.programme["code"].tolist() == ["LABO", "REA"]
    assert c.programme["reason"].iloc[1] == "1 processus vital dont la parade n'a jamais été testée"


def test_documents_show_the_exercise_and_the_programme(folder: Path, tmp_path: Path) -> None:
    import docx

    grid = make_grid(folder, tmp_path)
    edit(grid, {"Exercice": {"B6": "Exercice réel"}, "REA": {"G13": "Oui", "G14": "Non"}})
    pipeline.run(pipeline.Options(folder, tmp_path / "out", jobs=1))

    def text(path: Path) -> str:
        document = docx.Document(str(path))
        return "\n".join(
            [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
        )

    synthesis = text(tmp_path / "out" / "documents" / "synthese_etablissement.docx")
    assert "8. Programme d'exercices de l'année" in synthesis
    assert f"– remplie : 1 exercice de terrain en {TODAY.year}." in synthesis
    summary = text(tmp_path / "out" / "documents" / "fiches_synthese" / "REA.docx")
    # N° 2 is vital: its failure puts it in the register, listed first (the gap on the same N° not repeated)
    assert (
        f"Processus vital non protégé (en échec à l'exercice du {TODAY:%d/%m/%Y}) : N° 2 « Récupération d'un "
        "résultat de biologie »"
    ) in summary
    assert f"{TODAY:%d/%m/%Y}" in summary  # « Dernier exercice »


def test_same_grid_put_twice_counts_once(folder: Path, tmp_path: Path) -> None:
    grid = make_grid(folder, tmp_path)
    edit(grid, {"REA": {"G13": "Oui"}})
    shutil.copy(grid, grid.with_name("copie.xlsx"))
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert [(f.file, f.sheet, f.cell, f.message) for f in result.report.findings if f.code == "grille-en-double"] == [
        (
            GRID,
            "REA",
            "C4",
            f"Le service REA a déjà un exercice « {SCENARIO} » du {TODAY:%d/%m/%Y} dans exercices/copie.xlsx, "
            "feuille REA : cette feuille n'est comptée qu'une fois.",
        )
    ]
    ex = result.consolidation.details["exercices"]
    assert ex["source"].str.contains("grille").sum() == 1


def test_cli_summary_counts_the_grids(demo_copy: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pca_xlsx.cli import cli

    result = CliRunner().invoke(cli, ["validate", "-w", str(demo_copy), "-o", str(tmp_path / "o")])
    # the demo grid (scripts/demo_data/exercises.py): REA and URG observed, REA N° 7 « Non »
    assert "Grilles d'exercice : 1 grille lue ; 2 exercices de service repris, 1 parade en échec." in result.output
