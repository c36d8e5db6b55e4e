"""The output folder as one unit (DESIGN §6): a lock, a staged swap, a held file leaves all intact."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pca_xlsx import pipeline
from pca_xlsx.campaign import outputs
from pca_xlsx.campaign.lock import LOCK_FILE
from pca_xlsx.cli import cli

ROOT = Path(__file__).resolve().parents[1]
HOLD = """
import sys
from pathlib import Path
from pca_xlsx.campaign.lock import output_lock
with output_lock(Path(sys.argv[1])):
    print("tenu", flush=True)
    sys.stdin.readline()
"""


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _text(result) -> str:
    return " ".join(result.output.split())


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → sha1), our lock excluded."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK_FILE
    }


def test_second_run_stops_while_the_first_holds_the_folder(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=_env())  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "tenu"
        result = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
        data = json.loads((out / LOCK_FILE).read_text(encoding="utf-8"))
        since = dt.datetime.fromisoformat(data["started"])
        expected = (
            f"Exécution impossible : une exécution est déjà en cours depuis {since:%H:%M} "
            f"({socket.gethostname()}, {data['user']}) : attendez sa fin"
        )
        assert result.exit_code == 2
        assert expected in _text(result)
        assert data["pid"] == holder.pid
        assert _tree(out) == {}  # nothing written by the refused run
    finally:
        holder.communicate("\n")
    assert holder.returncode == 0 and not (out / LOCK_FILE).exists()
    result = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "consolidation" / "PCA_consolide.xlsx").is_file()


def test_two_runs_started_together_leave_the_outputs_of_one(folder: Path, tmp_path: Path) -> None:
    """Two processes on one folder, one with LABO and one without: the outputs are one run's."""
    other = tmp_path / "sans_labo"
    other.mkdir()
    for name in ("referentiel.xlsx", "REA.xlsx"):
        (other / name).write_bytes((folder / name).read_bytes())
    out = tmp_path / "o"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "pca_xlsx", "run", "-w", str(w), "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=_env(),
        )  # fmt: skip
        for w in (folder, other)
    ]
    outcomes = [(p.wait(), " ".join(p.stdout.read().split())) for p in runs]
    for code, text in outcomes:
        assert code in (0, 2), text
        if code == 2:
            assert "une exécution est déjà en cours depuis" in text and "attendez sa fin" in text
        assert "Traceback" not in text and "Erreur interne" not in text
    state = json.loads((out / "etat" / "derniere_consolidation.json").read_text(encoding="utf-8"))
    consolidated = set(state["sheets"]["service"]["rows"])
    sheets = {p.stem for p in (out / "documents" / "fiches_reflexes").glob("*.docx")}
    assert consolidated == sheets and consolidated in ({"REA", "LABO"}, {"REA"})
    assert not [p for p in out.iterdir() if p.name.startswith((".en-cours", ".precedent"))]


def test_stale_lock_of_a_dead_process_is_taken_over(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    started = dt.datetime.now().replace(microsecond=0)
    lock = {"host": socket.gethostname(), "user": "autre", "pid": dead.pid, "started": started.isoformat()}
    (out / LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        f"Verrou d'une exécution interrompue ({socket.gethostname()}, autre, {started:%Y-%m-%d %H:%M:%S}) repris."
        in (_text(result))
    )
    assert not (out / LOCK_FILE).exists()


def test_lock_older_than_the_bound_is_taken_over_from_another_machine(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    old = (dt.datetime.now() - dt.timedelta(hours=7)).replace(microsecond=0)
    lock = {"host": "poste-absent", "user": "x", "pid": 1, "started": old.isoformat()}
    (out / LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")
    assert CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)]).exit_code == 0
    recent = {**lock, "started": dt.datetime.now().replace(microsecond=0).isoformat()}
    (out / LOCK_FILE).write_text(json.dumps(recent), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 2 and "(poste-absent, x) : attendez sa fin" in _text(result)


def test_file_open_in_another_program_leaves_the_previous_outputs_intact(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "o"
    assert CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)]).exit_code == 0
    before = _tree(out)
    assert "documents/fiches_reflexes/LABO.docx" in before
    (folder / "LABO.xlsx").unlink()  # the next run would remove LABO's documents
    move = outputs._move

    def held(source: Path, target: Path) -> None:
        if Path(source).name == "PCA_consolide.xlsx" and Path(source).parent.parent == out:
            raise PermissionError(13, "Le processus ne peut pas accéder au fichier", str(source))
        move(source, target)

    monkeypatch.setattr(outputs, "_move", held)
    result = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    text = _text(result)
    assert (
        "Fichier ouvert : PCA_consolide.xlsx est ouvert dans un autre programme (Excel ?) : fermez-le puis relancez"
    ) in text
    assert "Aucun résultat n'a été remplacé : ceux de l'exécution précédente sont intacts." in text
    assert "Erreur interne" not in text
    assert _tree(out) == before  # not one file replaced, removed or added
    monkeypatch.setattr(outputs, "_move", move)
    result = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 0
    after = _tree(out)
    # the deleted workbook's outputs are gone; LABO is still in the referential: its mission letter stays
    labo = [name for name in after if "LABO" in name and not name.startswith("archives/")]  # the 1st run's archive
    assert labo == ["documents/lettres_mission/LABO.docx"]
    assert "documents/fiches_reflexes/REA.docx" in after


def test_template_open_in_excel_is_the_same_message(folder: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "o"
    (out / "modeles").mkdir(parents=True)
    real = os.replace

    def held(source, target) -> None:
        if Path(target).name == "REA.xlsx":
            raise PermissionError(13, "refusé", str(target))
        real(source, target)

    monkeypatch.setattr(os, "replace", held)
    result = CliRunner().invoke(cli, ["templates", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "REA.xlsx est ouvert dans un autre programme (Excel ?) : fermez-le puis relancez" in _text(result)


def test_library_callers_find_the_outputs_where_they_asked(folder: Path, tmp_path: Path) -> None:
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "o"))
    assert tmp_path / "o" / "consolidation" / "PCA_consolide.xlsx" in result.written
    assert all(p.is_file() for p in result.written)


def test_archives_keep_the_last_ten_runs_and_link_unchanged_workbooks(folder: Path, tmp_path: Path) -> None:
    from pca_xlsx.campaign import archives

    out = tmp_path / "o"
    for i in range(12):  # older archives, as earlier runs left them
        (out / "archives" / f"2026-01-{i + 1:02d}_10-00-00").mkdir(parents=True)
    assert CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)]).exit_code == 0
    assert CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)]).exit_code == 0
    kept = sorted(p.name for p in (out / "archives").iterdir())
    assert len(kept) == archives.KEPT == 10 and kept[:8] == [f"2026-01-{i:02d}_10-00-00" for i in range(5, 13)]
    first, second = (out / "archives" / kept[-2]), (out / "archives" / kept[-1])
    assert sorted(p.name for p in second.iterdir()) == ["LABO.xlsx", "REA.xlsx", "referentiel.xlsx"]
    for name in ("LABO.xlsx", "REA.xlsx"):
        assert (second / name).read_bytes() == (folder / name).read_bytes()
        assert (second / name).stat().st_ino == (first / name).stat().st_ino  # unchanged: one copy on disk


def test_a_swap_interrupted_by_a_crash_is_undone_at_the_next_run(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert CliRunner().invoke(cli, ["validate", "-w", str(folder), "-o", str(out)]).exit_code == 0
    before = _tree(out)
    # a crash after the old report was moved aside and a new, half-written set partly moved in
    backup = out / ".precedent-99999"
    (backup / "validation").mkdir(parents=True)
    os.replace(out / "validation" / "rapport_validation.xlsx", backup / "validation" / "rapport_validation.xlsx")
    (out / "validation" / "rapport_validation.xlsx").write_bytes(b"moitie")
    (backup / outputs.JOURNAL).write_text("validation/rapport_validation.xlsx", encoding="utf-8")
    notes = outputs.recover(out)
    assert notes == ["Une exécution interrompue pendant le remplacement des résultats : les précédents ont été remis."]
    assert _tree(out) == before


def test_a_new_run_takes_an_earlier_export_out_and_says_where_its_copy_is(folder: Path, tmp_path: Path) -> None:
    """run, export, a workbook removed, run: output/export/ held the first workbooks' data beside the new
    plan; now the second run takes it out, says so, and the export's own archive keeps it."""
    out = tmp_path / "o"
    assert CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)]).exit_code == 0
    exported = CliRunner().invoke(cli, ["export", "-w", str(folder), "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    archive = sorted((out / "archives").iterdir())[-1]
    assert f"Classeurs reçus archivés dans {archive}, avec une copie de cet export" in _text(exported)
    services = (out / "export" / "donnees" / "synthese_services.csv").read_bytes()
    assert b"LABO" in services
    (folder / "LABO.xlsx").unlink()
    again = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    assert again.exit_code == 0, again.output
    assert not (out / "export").exists()
    when = dt.datetime.strptime(archive.name, "%Y-%m-%d_%H-%M-%S")
    assert (
        f"Remarque : L'export du {when:%d/%m/%Y à %H:%M} a été retiré de {out / 'export'} : il reflétait les "
        f"classeurs de ce moment-là, pas ceux de cette exécution. Il reste dans {archive / 'export'}. Pour "
        "exporter cette exécution : pca-xlsx export."
    ) in _text(again)
    assert (archive / "export" / "donnees" / "synthese_services.csv").read_bytes() == services
    assert sorted(p.name for p in archive.iterdir()) == ["LABO.xlsx", "REA.xlsx", "export", "referentiel.xlsx"]
    third = CliRunner().invoke(cli, ["consolidate", "-w", str(folder), "-o", str(out)])
    assert "export" not in _text(third)  # nothing left to take out


def test_only_a_new_consolidation_takes_the_export_out(tmp_path: Path) -> None:
    """A GHT's exports (the GHT's and each establishment's): ``validate`` and ``documents`` leave them,
    ``consolidate`` takes them all out; an export made before exports were archived is named by its date."""
    from pca_xlsx.campaign.archives import retired_export

    out = tmp_path / "o"
    for rel in ("export/donnees/processus.csv", "etablissements/CHVM/export/donnees/processus.csv",
                "etablissements/CHVM/consolidation/PCA_consolide.xlsx"):  # fmt: skip
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("x", encoding="utf-8")
    made = dt.datetime(2026, 11, 30, 14, 5)
    os.utime(out / "export/donnees/processus.csv", (made.timestamp(), made.timestamp()))
    os.utime(out / "etablissements/CHVM/export/donnees/processus.csv", (made.timestamp() - 60,) * 2)
    for command in ("validate", "documents"):
        stage = outputs.Staging(out, command)
        assert retired_export(stage, out) == []
        stage.discard()
    stage = outputs.Staging(out, "consolidate")
    assert retired_export(stage, out) == [
        f"L'export du 30/11/2026 à 14:05 a été retiré de {out / 'export'} et des dossiers export des "
        "établissements : il reflétait les classeurs de ce moment-là, pas ceux de cette exécution. Pour exporter "
        "cette exécution : pca-xlsx export."
    ]
    stage.commit()
    assert sorted(_tree(out)) == []  # consolidate owns the establishment's consolidation too
