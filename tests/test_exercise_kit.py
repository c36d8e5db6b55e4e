"""``pca-xlsx exercice``: the kit's three parts, the grid's processes computed independently, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import DEMO

from pca_xlsx import pipeline
from pca_xlsx.cli import cli
from pca_xlsx.consolidate import build_consolidation

SCENARIO = "DPI indisponible"
TODAY = dt.date.today()


def _text(result) -> str:
    return " ".join(result.output.split())


def _norm(value) -> str:
    return " ".join(str(value or "").split()).casefold()


def _demo_hits(scenario: str) -> dict[str, set[tuple[int, str, bool]]]:
    """Per service code: (N°, process, vital) of the rows whose resource the scenario makes unavailable,
    read with openpyxl straight from the demo workbooks."""
    ref = openpyxl.load_workbook(DEMO / "referentiel.xlsx", read_only=True)
    rows = list(ref["Scénarios"].iter_rows(values_only=True))
    header = [_norm(v).rstrip("*") for v in rows[0]]
    line = next(r for r in rows[1:] if r[0] == scenario)
    resources = {_norm(v) for v in str(line[header.index("ressources indisponibles")]).split(";")}
    out = {}
    for path in sorted(DEMO.glob("*.xlsx")):
        if path.name == "referentiel.xlsx":
            continue
        book = openpyxl.load_workbook(path, read_only=True)
        sheet = list(book["Processus"].iter_rows(values_only=True))
        head = [_norm(v).rstrip("*") for v in sheet[0]]
        number, process = head.index("n°"), head.index("processus")
        resource, crit = head.index("ressource impactée"), head.index("criticité")
        hits = {
            (int(r[number]), r[process], r[crit] == "Vitale")
            for r in sheet[1:]
            if r[number] is not None and _norm(r[resource]) in resources
        }
        if hits:
            out[path.stem] = hits
    return out


def _grid_rows(path: Path) -> dict[str, set[tuple[int, str]]]:
    """Per service sheet of a written grid: (N°, process) of the process table, read with openpyxl."""
    book = openpyxl.load_workbook(path)
    out = {}
    for ws in book.worksheets:
        if ws.title in ("Lisez-moi", "Exercice"):
            continue
        values = [[c.value for c in row] for row in ws.iter_rows()]
        header = next(i for i, r in enumerate(values) if r[0] == "N°*")
        rows = set()
        for r in values[header + 1 :]:
            if r[0] is None:
                break
            rows.add((r[0], r[1]))
        out[ws.title] = rows
    return out


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("kit")
    result = CliRunner().invoke(
        cli, ["exercice", "--scenario", SCENARIO, "--workbooks", str(DEMO), "-o", str(out), "--date", "15/03/2027"]
    )
    return result, out / "exercices" / "2027-03-15_DPI_indisponible"


def _played(scenario: str, since: dt.date) -> set[str]:
    """Services that played ``scenario`` since ``since``: their « Exercices » sheet or a filled grid, read
    with openpyxl."""
    out = set()
    for path in sorted(DEMO.rglob("*.xlsx")):
        book = openpyxl.load_workbook(path, read_only=True)
        if "Exercices" in book.sheetnames:  # a service workbook
            code = next(r[1] for r in book["Service"].iter_rows(values_only=True) if _norm(r[0]).startswith("code"))
            for r in list(book["Exercices"].iter_rows(values_only=True))[1:]:
                day = r[0].date() if isinstance(r[0], dt.datetime) else r[0]
                if isinstance(day, dt.date) and day >= since and _norm(r[1]) == _norm(scenario):
                    out.add(code)
        elif "Exercice" in book.sheetnames:  # an observation grid
            info = {_norm(r[0]).rstrip("*"): r[1] for r in book["Exercice"].iter_rows(values_only=True) if r[0]}
            day = info["date de l'exercice"]
            day = day.date() if isinstance(day, dt.datetime) else day
            if day >= since and _norm(info["scénario"]) == _norm(scenario):
                out |= set(book.sheetnames[2:])
    return out


def test_demo_kit_has_three_parts_and_exactly_the_processes_hit(kit) -> None:
    result, folder = kit
    assert result.exit_code == 0, result.output
    hits = _demo_hits(SCENARIO)
    # default services: the programme's next services for the scenario (those it proposes this scenario to,
    # in its order), then its others, never one that played it in the last 12 months nor one it does not hit
    c = build_consolidation(pipeline.validate(pipeline.Options(DEMO, Path("unused")), write=False), compare=False)
    programme = c.programme.sort_values("rank")
    order = [code for code, s in zip(programme["code"], programme["scenario"]) if s == SCENARIO]
    order += list(programme["code"])
    played = _played(SCENARIO, TODAY.replace(year=TODAY.year - 1))
    assert {"REA", "URG"} <= played  # the demo grid of 05/11/2026
    ranked = list(dict.fromkeys(code for code in order if code in hits and code not in played))[:3]
    assert len(ranked) == 3
    assert (folder / "chronogramme.docx").is_file() and (folder / "grille_observation.xlsx").is_file()
    assert sorted(p.name for p in (folder / "joueurs").iterdir()) == sorted(f"{c}.docx" for c in ranked)
    grid = _grid_rows(folder / "grille_observation.xlsx")
    assert sorted(grid) == sorted(ranked)
    for code in ranked:
        assert grid[code] == {(n, p) for n, p, _ in hits[code]}, code
    assert f"Kit écrit dans {folder}" in _text(result)


def test_grid_sheets_have_drop_downs_locked_cells_and_readme(kit) -> None:
    _, folder = kit
    book = openpyxl.load_workbook(folder / "grille_observation.xlsx")
    assert book.sheetnames[:2] == ["Lisez-moi", "Exercice"]
    assert "Résultat d'un service" in " ".join(str(c.value) for row in book["Lisez-moi"].iter_rows() for c in row)
    ws = book[book.sheetnames[2]]
    assert ws.protection.sheet
    assert [ws.cell(12, c).value for c in range(7, 11)] == [
        "Parade appliquée",
        "Délai constaté (min)",
        "Prérequis disponibles",
        "Observation",
    ]
    assert ws["B13"].protection.locked and not ws["G13"].protection.locked
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
    assert lists["G13"] == '"Oui,Partiellement,Non"' and lists["I13"] == '"Oui,Non"'
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9


def test_player_documents_never_give_the_answers_away(kit) -> None:
    _, folder = kit
    hits = _demo_hits(SCENARIO)
    book = openpyxl.load_workbook(folder / "grille_observation.xlsx")
    for path in sorted((folder / "joueurs").iterdir()):
        text = _docx_text(path)
        assert "EXERCICE" in text and "Situation de départ" in text
        ws = book[path.stem]
        values = [[c.value for c in row] for row in ws.iter_rows()]
        header = next(i for i, r in enumerate(values) if r[0] == "N°*")
        answers = [r[4] for r in values[header + 1 : header + 1 + len(hits[path.stem])] if r[4]]
        answers += [r[5] for r in values[header + 1 : header + 1 + len(hits[path.stem])] if r[5]]
        assert answers
        for answer in answers:
            assert answer not in text, (path.name, answer)
        assert "Réaction attendue" not in text and "Parade attendue" not in text


def test_chronogram_has_timed_injects_for_every_process_hit(kit) -> None:
    _, folder = kit
    document = docx.Document(str(folder / "chronogramme.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Heure")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    players = {p.stem for p in (folder / "joueurs").iterdir()}  # chosen from the programme (test above)
    assert rows[0][:2] == ["H+0:00", "Alerte"] and set(rows[0][2].split(", ")) == players and len(players) == 3
    assert rows[-1][0] == "H+4:00" and rows[-1][1] == "Fin"
    situations = [r for r in rows if r[1].startswith("Situation")]
    assert len(situations) == sum(len(v) for c, v in _demo_hits(SCENARIO).items() if c in players)
    assert all(r[4].startswith("N° ") and "Parade attendue" in r[4] for r in situations)
    times = [r[0] for r in rows]
    minutes = [int(t[2:].split(":")[0]) * 60 + int(t.split(":")[1]) for t in times]
    assert minutes == sorted(minutes)
    text = _docx_text(folder / "chronogramme.docx")
    assert "NE PAS DIFFUSER AUX JOUEURS" in text and "Objectifs de l'exercice" in text


def test_services_option_takes_codes_or_a_pole(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = CliRunner().invoke(
        cli,
        ["exercice", "--scenario", "dpi INDISPONIBLE", "--services", "urg, rea", "-w", str(demo_copy), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    # without --date: the next working day (Monday to Friday)
    day = TODAY + dt.timedelta(days={4: 3, 5: 2}.get(TODAY.weekday(), 1))
    folder = out / "exercices" / f"{day:%Y-%m-%d}_DPI_indisponible"
    assert sorted(p.stem for p in (folder / "joueurs").iterdir()) == ["REA", "URG"]


def test_unknown_scenario_or_service_exits_2_with_the_valid_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["exercice", "--scenario", "Inondation", "-w", str(DEMO), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        "scénario inconnu « Inondation ». Scénarios du référentiel : DPI indisponible, Panne de la téléphonie"
        in _text(result)
    )
    result = CliRunner().invoke(
        cli, ["exercice", "--scenario", SCENARIO, "--services", "REA;XYZ", "-w", str(DEMO), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "service ou pôle inconnu « XYZ ». Codes des services : ADM, BIOMED" in _text(result)
    result = CliRunner().invoke(cli, ["exercice", "-w", str(DEMO), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "indiquez le scénario à jouer avec --scenario" in _text(result)
    result = CliRunner().invoke(
        cli, ["exercice", "--scenario", SCENARIO, "--date", "31/02/2027", "-w", str(DEMO), "-o", str(tmp_path)]
    )
    assert result.exit_code == 2 and "date « 31/02/2027 » invalide" in _text(result)
    assert not (tmp_path / "exercices").exists()
    assert "Traceback" not in result.output


def test_scenario_hitting_nothing_writes_no_kit(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = CliRunner().invoke(
        cli, ["exercice", "--scenario", SCENARIO, "--services", "PUI", "-w", str(folder), "-o", str(out)]
    )
    assert result.exit_code == 2
    assert (
        "le scénario « DPI indisponible » ne touche aucun processus des services choisis (PUI) : aucun kit n'a été écrit."
        in _text(result)
    )
    assert not (out / "exercices").exists()


@pytest.mark.parametrize(
    "when, expected",
    [
        ("Immédiatement", 0),
        ("Dès l'alerte de la DSN", 0),
        ("Dans les 5 minutes", 5),
        ("dans les 15 min", 15),
        ("Dans la demi-heure", 30),
        ("Dans l'heure", 60),
        ("Dans les 2 heures", 120),
        ("H+1:30", 90),
        ("Au retour du logiciel", None),
        ("À 8 h et 17 h", None),
        (None, None),
    ],
)
def test_reflex_timing_read_from_quand(when, expected) -> None:
    from pca_xlsx.documents.exercise_script import minutes

    assert minutes(when) == expected


def test_process_injects_spread_from_h030_to_h330() -> None:
    from pca_xlsx.documents.exercise_script import _spread

    for count in (1, 2, 7, 25, 120):
        offsets = [_spread(i, count) for i in range(count)]
        assert offsets[0] == 30 and offsets == sorted(offsets) and offsets[-1] == (210 if count > 1 else 30)


def test_telephone_kit_names_what_it_takes_away_and_no_patient_for_a_support_service(tmp_path: Path) -> None:
    """« Panne de la téléphonie » played by LOGIST (a support service) and CARDIO: each situation is the process
    hit, without the resource it uses (no « pour un patient du service » for gas cylinders or cleaning), and the
    players' brief names the resources the scenario takes away (not « sans informatique »). Expected values read
    with openpyxl from the referential's « Scénarios » and the workbooks."""
    scenario = "Panne de la téléphonie"
    out = tmp_path / "o"
    args = ["exercice", "--scenario", scenario, "--services", "LOGIST,CARDIO", "--date", "15/03/2027"]
    result = CliRunner().invoke(cli, [*args, "-w", str(DEMO), "-o", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "exercices" / "2027-03-15_Panne_de_la_téléphonie"
    ref = openpyxl.load_workbook(DEMO / "referentiel.xlsx", read_only=True)
    rows = list(ref["Scénarios"].iter_rows(values_only=True))
    column = [_norm(v).rstrip("*") for v in rows[0]].index("ressources indisponibles")
    resources = [r.strip() for r in next(r for r in rows[1:] if r[0] == scenario)[column].split(";")]
    category = {r[0]: r[4] for r in ref["Services"].iter_rows(min_row=2, values_only=True)}
    assert resources == ["Téléphonie", "DECT"] and category["LOGIST"] == "Support"
    expected = set()
    for code in ("LOGIST", "CARDIO"):
        sheet = list(
            openpyxl.load_workbook(DEMO / f"{code}.xlsx", read_only=True)["Processus"].iter_rows(values_only=True)
        )
        head = [_norm(v).rstrip("*") for v in sheet[0]]
        process, resource = head.index("processus"), head.index("ressource impactée")
        expected |= {
            (code, f"Situation à gérer sans {r[resource]} : « {r[process]} ».")
            for r in sheet[1:]
            if r[resource] in resources
        }
    table = next(
        t for t in docx.Document(str(folder / "chronogramme.docx")).tables if t.rows[0].cells[0].text == "Heure"
    )
    injects = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert {(r[2], r[3]) for r in injects if r[1].startswith("Situation")} == expected
    assert ("LOGIST", "Situation à gérer sans Téléphonie : « Livraison des bouteilles de gaz médicaux ».") in expected
    assert injects[0][3].startswith("Alerte : Téléphonie et DECT indisponibles. ")
    assert injects[-1][3] == "Fin de l'incident : Téléphonie et DECT de nouveau disponibles. Fin de l'exercice."
    chronogram = _docx_text(folder / "chronogramme.docx")
    assert "patient du service" not in chronogram and "sans informatique" not in chronogram
    for code in ("LOGIST", "CARDIO"):
        brief = _docx_text(folder / "joueurs" / f"{code}.docx")
        assert "À H+0 : Téléphonie et DECT indisponibles." in brief
        assert "des situations (fictives) à gérer sans Téléphonie ni DECT. " in brief, code
        assert "informatique" not in brief and "(s)" not in brief, code
