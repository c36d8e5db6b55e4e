"""Help a non-IT person can use (issue 31): whole descriptions, French placeholders, examples, exit codes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import REFERENTIAL, service_content

from pca_xlsx.cli import cli
from pca_xlsx.cli_help import EXAMPLES, SHORT
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook


def _invoke(*args: str):
    return CliRunner(env={"COLUMNS": "80"}).invoke(cli, list(args))


def _text(result) -> str:
    return " ".join(result.output.split())


def test_the_command_list_gives_every_description_whole() -> None:
    result = _invoke("--help")
    assert result.exit_code == 0
    text = _text(result)
    for name, line in SHORT.items():
        assert f"{name} {line}" in text, name
    assert "..." not in result.output.split("Commandes:")[1]


def test_every_command_has_examples_and_french_placeholders() -> None:
    for name in cli.commands:
        result = _invoke(name, "--help")
        assert result.exit_code == 0
        assert " TEXT" not in result.output and " PATH" not in result.output, name
        assert all(f"    {example}\n" in result.output for example in EXAMPLES[name]), name
        assert max(len(line) for line in result.output.splitlines()) <= 80, name
    exercise = _invoke("exercice", "--help").output
    assert "--scenario NOM" in exercise and "--services CODES" in exercise and "--date JJ/MM/AAAA" in exercise


def test_run_help_lists_the_outputs_and_the_exit_codes() -> None:
    out = _invoke("run", "--help").output
    for line in (
        "  courriels/<code>.eml    un brouillon de courriel par service à relancer\n",
        "  archives/<date-heure>/  les classeurs reçus (les 10 dernières exécutions)\n",
        "  Code de sortie :\n    0  aucune erreur (des avertissements possibles)\n",
        "    2  l'exécution n'a pas pu démarrer (référentiel ou dossier absent, option\n",
        "  --depuis AAAA-MM-JJ      Évolutions comparées à la dernière exécution de ce\n",
    ):
        assert line in out, line


def test_depuis_with_a_bad_date_or_a_day_without_run(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = _invoke("consolidate", "-w", str(folder), "-o", str(out), "--depuis", "30/11/2026")
    assert result.exit_code == 2
    assert _text(result) == (
        "Impossible de démarrer : --depuis « 30/11/2026 » : date attendue au format AAAA-MM-JJ (ex. 2026-11-30)."
    )
    assert _invoke("consolidate", "-w", str(folder), "-o", str(out)).exit_code == 0
    result = _invoke("consolidate", "-w", str(folder), "-o", str(out), "--depuis", "2020-01-31")
    assert result.exit_code == 2
    today = dt.date.today().strftime("%d/%m/%Y")
    assert _text(result).endswith(
        f"--depuis 31/01/2020 : aucune consolidation gardée ce jour-là (jours disponibles : {today})."
    )


def test_depuis_compares_with_the_chosen_run(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert _invoke("consolidate", "-w", str(folder), "-o", str(out)).exit_code == 0
    first = sorted((out / "etat" / "historique").iterdir())[0].name
    (folder / "LABO.xlsx").unlink()
    assert _invoke("consolidate", "-w", str(folder), "-o", str(out)).exit_code == 0
    # the second run already saw LABO gone: compared with it, nothing changed; with the first, LABO went
    assert "Aucun changement" in _text(_invoke("consolidate", "-w", str(folder), "-o", str(out)))
    # keep only the first run's snapshot for its day, so --depuis picks it
    for path in sorted((out / "etat" / "historique").iterdir())[1:]:
        path.unlink()
    result = _invoke("consolidate", "-w", str(folder), "-o", str(out), "--depuis", first[:10])
    assert result.exit_code == 0
    ws = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx")["Évolutions"]
    changes = {(row[0], row[4]) for row in ws.iter_rows(values_only=True)}
    assert ("LABO", "Classeur absent de cette consolidation") in changes


def test_upgrade_listes_rewrites_current_workbooks_from_the_current_referential(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    folder.mkdir()
    write_referential(folder / "referentiel.xlsx", REFERENTIAL)
    write_service_workbook(folder / "REA.xlsx", read_referential(folder / "referentiel.xlsx"), "REA",
                           service_content("REA"))  # fmt: skip
    renamed = {**REFERENTIAL, "ressources": [dict(r, name="Système labo") if r["name"] == "SGL" else r
                                             for r in REFERENTIAL["ressources"]],
               "renommages": [{"kind": "Ressource", "old": "SGL", "new": "Système labo"}]}  # fmt: skip
    write_referential(folder / "referentiel.xlsx", renamed)
    before = openpyxl.load_workbook(folder / "REA.xlsx")
    assert _invoke("upgrade", "-w", str(folder), "-o", str(tmp_path / "o")).exit_code == 0
    assert not (tmp_path / "o" / "mises_a_jour" / "REA.xlsx").exists()  # current: left alone without --listes
    result = _invoke("upgrade", "-w", str(folder), "-o", str(tmp_path / "o"), "--listes")
    assert result.exit_code == 0, result.output
    assert "Listes mises à jour" in result.output
    after = openpyxl.load_workbook(tmp_path / "o" / "mises_a_jour" / "REA.xlsx")
    for sheet in before.sheetnames:
        if sheet.startswith("_") or before[sheet].sheet_state != "visible":
            continue
        old = {c.coordinate: c.value for row in before[sheet].iter_rows() for c in row if c.value is not None}
        new = {c.coordinate: c.value for row in after[sheet].iter_rows() for c in row if c.value is not None}
        expected = {k: ("Système labo" if v == "SGL" else v) for k, v in old.items()}
        assert new == expected, sheet  # every value kept, the old name replaced
    lists = [c.value for ws in after.worksheets if ws.sheet_state != "visible" for row in ws.iter_rows() for c in row]
    assert "Système labo" in lists and "SGL" not in lists
    shutil.copy(folder / "referentiel.xlsx", tmp_path / "o" / "mises_a_jour")
    result = _invoke("validate", "-w", str(tmp_path / "o" / "mises_a_jour"), "-o", str(tmp_path / "v"))
    assert "renommé" not in result.output
