"""CLI: thin layer; every command documented; French messages; exit codes of DESIGN §5."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pca_xlsx.cli import cli

COMMANDS = ["run", "validate", "consolidate", "documents", "templates"]


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
    assert f"Référentiel introuvable : {tmp_path / 'referentiel.xlsx'}" in " ".join(result.output.split())


def test_broken_referential_names_sheet_and_cell(folder: Path, tmp_path: Path) -> None:
    import openpyxl

    path = folder / "referentiel.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Services"]["A4"] = "REA"  # duplicate code
    wb.save(path)
    result = CliRunner().invoke(cli, ["validate", "--workbooks", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "referentiel.xlsx, feuille « Services », cellule A4 : « REA » est en double (déjà en A2)." in text


def test_bad_option_exits_2() -> None:
    assert CliRunner().invoke(cli, ["run", "--nope"]).exit_code == 2
