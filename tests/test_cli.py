"""CLI: thin layer; every command documented; French messages; exit codes of DESIGN §5."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pca_xlsx.cli import cli
from pca_xlsx.documents.render import PACKAGE_TEMPLATES

COMMANDS = ["run", "validate", "consolidate", "documents", "templates", "upgrade", "exercice", "export"]


def _text(result) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def test_every_command_has_french_help() -> None:
    assert sorted(cli.commands) == sorted(COMMANDS)
    for name, command in cli.commands.items():
        assert command.help, name
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "--workbooks" in result.output and "Dossier contenant les classeurs" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_folder_exits_2(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [command, "--workbooks", str(tmp_path / "absent"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "Impossible de démarrer" in result.output
    assert "Traceback" not in result.output


def test_missing_referential_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--workbooks", str(tmp_path), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert f"Référentiel introuvable : {tmp_path / 'referentiel.xlsx'}" in _text(result)


def test_referential_problems_are_findings_and_their_rows_are_left_out(folder: Path, tmp_path: Path) -> None:
    import openpyxl

    path = folder / "referentiel.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Services"]
    ws["A4"] = "REA"  # duplicate code
    ws.append(["URG", "Urgences", "P9", None, "Critique"])  # unknown pôle, row 5
    wb.save(path)
    result = CliRunner().invoke(cli, ["validate", "--workbooks", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    report = openpyxl.load_workbook(tmp_path / "o" / "validation" / "rapport_validation.xlsx")
    rows = [r for r in report["Anomalies"].iter_rows(values_only=True) if r and r[0] == "referentiel.xlsx"]
    assert [(r[2], r[3], r[6]) for r in rows] == [
        ("Services", "A4", "« REA » est en double (déjà en A2) : la ligne est ignorée."),
        ("Services", "C5", "le pôle « P9 » n'existe pas dans la feuille « Pôles » : la ligne est ignorée."),
    ]


def test_unusable_referential_lists_every_problem_and_exits_2(folder: Path, tmp_path: Path) -> None:
    import openpyxl

    path = folder / "referentiel.xlsx"
    wb = openpyxl.load_workbook(path)
    del wb["Scénarios"]
    wb["Pôles"]["A1"] = "Identifiant"  # the « Code pôle » header is gone
    wb.save(path)
    result = CliRunner().invoke(cli, ["validate", "--workbooks", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    text = _text(result)
    assert "referentiel.xlsx, feuille « Pôles » : La colonne obligatoire « Code pôle » est introuvable" in text
    assert "referentiel.xlsx : la feuille « Scénarios » est absente." in text


def test_bad_option_exits_2() -> None:
    assert CliRunner().invoke(cli, ["run", "--nope"]).exit_code == 2


def test_validate_clean_folder_prints_summary_and_exits_0(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _text(result)
    assert "│ LABO │ Laboratoire │ LABO.xlsx │" in text
    assert "2 classeurs trouvés, 2 lisibles ; 0 erreurs, 0 avertissements." in text
    assert f"Fichiers écrits : {out / 'validation' / 'rapport_validation.xlsx'}" in text
    assert "Des erreurs sont à corriger" not in text


def test_validate_with_an_error_exits_1_and_points_to_the_report(folder: Path, tmp_path: Path) -> None:
    import openpyxl

    path = folder / "REA.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Processus"]
    column = next(c.column_letter for c in ws[1] if str(c.value).startswith("Ressource impactée"))
    ws[f"{column}2"] = "Logiciel inconnu"
    wb.save(path)
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    text = _text(result)
    assert "│ REA │ Réanimation │ REA.xlsx │" in text
    assert "2 classeurs trouvés, 2 lisibles ; 1 erreur, 0 avertissements." in text
    assert f"Des erreurs sont à corriger : voir {out / 'validation' / 'rapport_validation.xlsx'}" in text
    assert f"{out / 'validation' / 'annotes' / 'REA.xlsx'}" in text


def test_consolidate_twice_reports_what_changed(folder: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "o"
    first = CliRunner().invoke(cli, ["consolidate", "-w", str(folder), "-o", str(out)])
    assert first.exit_code == 0, first.output
    text = _text(first)
    assert "Consolidation : 2 services sur 3 ; 6 lignes de processus ; couverture des parades 66,7 %" in text
    assert "Points uniques de défaillance : DPI (2 critiques, 0 fortes), SGL (0 critiques, 2 fortes)." in text
    assert "Évolutions : Première consolidation : il n'y a rien à comparer." in text
    assert f"{out / 'consolidation' / 'PCA_consolide.xlsx'}" in text

    path = folder / "LABO.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Processus"]
    column = next(c.column_letter for c in ws[1] if c.value == "Parade")
    ws[f"{column}2"] = "Bons papier portés à pied"
    wb.save(path)
    second = CliRunner().invoke(cli, ["consolidate", "-w", str(folder), "-o", str(out)])
    assert second.exit_code == 0, second.output
    assert ": 1 ligne modifiée dans 1 service." in _text(second)


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)].strip()


def test_what_changed_counts_each_thing_once_in_french(folder: Path, tmp_path: Path) -> None:
    """Each count of the « what changed » sentence says what it counts, with its own plural: the rows
    changed are REA's alone, the workbooks come and gone are named; an unchanged run says so once."""
    import json
    import re

    import openpyxl

    from pca_xlsx.read import read_referential
    from pca_xlsx.write.template import write_service_workbook
    from tests.conftest import edit, service_content

    out = tmp_path / "o"
    assert CliRunner().invoke(cli, ["consolidate", "-w", str(folder), "-o", str(out)]).exit_code == 0
    first = json.loads((out / "etat" / "derniere_consolidation.json").read_text(encoding="utf-8"))["generated"]
    when = f"{first[8:10]}/{first[5:7]}/{first[:4]} à {first[11:16]}"
    (folder / "LABO.xlsx").unlink()
    pui = service_content("PUI")
    write_service_workbook(folder / "PUI.xlsx", read_referential(folder / "referentiel.xlsx"), "PUI", pui)
    edit(folder / "REA.xlsx", {"Processus": {"E2": "Prescription sur carnet", "E3": "Bons portés à pied"}})
    second = CliRunner().invoke(cli, ["consolidate", "-w", str(folder), "-o", str(out)])
    assert second.exit_code == 0, second.output
    note = (
        f"Changements depuis la consolidation du {when} : 2 lignes modifiées dans 1 service ; "
        "1 nouveau classeur (PUI) ; 1 classeur absent de cette consolidation (LABO)."
    )
    lines = _between(_text(second), "Points uniques", "Fichiers écrits")
    assert f"Évolutions : {note}" in lines and "(s)" not in lines.split("Évolutions")[1]
    ws = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx")["Évolutions"]
    # the note under the title, cut between two of its parts (170 characters a line), then the table
    assert [ws["A2"].value, ws["A3"].value, ws["A4"].value] == [note[: note.index(" 1 classeur")], note[-48:], None]
    assert ws["E5"].value == "Changement"
    assert [[ws.cell(r, c).value for c in (1, 3, 4, 5)] for r in range(6, 10)] == [
        ["PUI", None, None, "Nouveau classeur"],
        ["LABO", None, None, "Classeur absent de cette consolidation"],
        ["REA", "Processus", "N° 1", "Ligne modifiée"],
        ["REA", "Processus", "N° 2", "Ligne modifiée"],
    ]
    rows = 1 + sum(len(v) for k, v in pui.items() if k != "service")  # the Service sheet is one row
    assert ws["F6"].value == f"{rows} lignes consolidées pour la première fois"

    third = CliRunner().invoke(cli, ["consolidate", "-w", str(folder), "-o", str(out)])
    assert third.exit_code == 0, third.output
    lines = _between(_text(third), "Points uniques", "Fichiers écrits")
    assert re.fullmatch(
        r".*\. Évolutions : Aucun changement depuis la consolidation du \d\d/\d\d/\d{4} à \d\d:\d\d\.", lines
    ), lines
    assert "Depuis l'exécution" not in lines and "Progression depuis" not in lines


def test_large_run_lists_only_workbooks_with_findings(tmp_path: Path) -> None:
    from pca_xlsx.synthetic import write_hospital

    folder = tmp_path / "ght"
    plan = write_hospital(folder, 32, seed=3, faults=0.1, jobs=1)
    faulty = sorted(code for code in plan.codes if plan.fault(code))
    assert faulty, "the seed must plant at least one mistake"
    result = CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(tmp_path / "o")])
    text = _text(result)
    assert "Classeurs avec anomalies" in text
    listed = {code for code in plan.codes if f"│ {code}.xlsx │" in text or f"│ {code} │" in text}
    assert listed == set(faulty)
    assert "32 classeurs trouvés, 32 lisibles ;" in text


def test_missing_word_template_is_a_clear_message(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PCA_XLSX_TEMPLATES", str(tmp_path / "no-templates"))
    result = CliRunner().invoke(cli, ["documents", "-w", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "Documents impossibles à produire :" in result.output
    assert "Traceback" not in result.output


def test_pdf_without_libreoffice_says_so(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = CliRunner().invoke(cli, ["documents", "--pdf", "-w", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "Remarque : LibreOffice (soffice) est introuvable" in _text(result)
    assert (tmp_path / "o" / "documents" / "fiches_reflexes" / "REA.docx").is_file()


def test_modeles_option_replaces_the_word_templates(folder: Path, tmp_path: Path, monkeypatch) -> None:
    """``--modeles`` wins over $PCA_XLSX_TEMPLATES; a folder without the templates is a clear message."""
    monkeypatch.setenv("PCA_XLSX_TEMPLATES", str(tmp_path / "no-templates"))
    empty = tmp_path / "vide"
    empty.mkdir()
    result = CliRunner().invoke(
        cli, ["documents", "-w", str(folder), "-o", str(tmp_path / "o"), "--modeles", str(empty)]
    )
    assert result.exit_code == 2
    assert f"Documents impossibles à produire : Modèle Word introuvable : {empty}{os.sep}" in _text(result)
    restyled = tmp_path / "maison"
    shutil.copytree(PACKAGE_TEMPLATES, restyled)
    out = tmp_path / "o2"
    result = CliRunner().invoke(cli, ["documents", "-w", str(folder), "-o", str(out), "--modeles", str(restyled)])
    assert result.exit_code in (0, 1), result.output
    assert (out / "documents" / "synthese_etablissement.docx").is_file()


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].replace("┃", "│").split("│")]


def test_summary_table_counts_the_process_rows_the_summary_sheet_shows(folder: Path, tmp_path: Path) -> None:
    """The table's count is headed « Lignes de processus » and is the figure the summary sheet shows under those
    words: it read « Lignes » with the rows of every sheet (105 for the demo's REA, whose sheet says 42)."""
    import openpyxl
    from docx import Document

    rows = {c: sum(1 for r in openpyxl.load_workbook(folder / f"{c}.xlsx")["Processus"].iter_rows(min_row=2) if r[0].value)
            for c in ("REA", "LABO")}  # fmt: skip
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┃ Service"))
    assert _cells(lines[top - 1]) == ["", "", "", "Lignes de", "", ""]
    assert _cells(lines[top]) == ["Service", "Nom", "Fichier", "processus", "Erreurs", "Avertis."]
    shown = {c[0]: int(c[3]) for line in lines[top + 2 :] if line.startswith("│") for c in [_cells(line)]}
    assert shown == rows
    for code, count in shown.items():
        band = next(t for t in Document(str(out / "documents" / "fiches_synthese" / f"{code}.docx")).tables
                    if len(t.rows) == 2 and t.rows[1].cells[1].text.endswith("de processus"))  # fmt: skip
        assert band.rows[0].cells[1].text == str(count), code
