"""A workbook received but unreadable, named for its service: « reçu, illisible », never « non reçu » (DESIGN §6)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import _DEMO_SERVICES, REFERENTIAL

from pca_xlsx.cli import cli
from pca_xlsx.consolidate.gaps import INTERFACE, NOT_RECEIVED, UNREADABLE
from pca_xlsx.validate.summary import NOT_RECEIVED as NOT_RECEIVED_STATUS
from pca_xlsx.validate.summary import UNREADABLE as UNREADABLE_STATUS

NAMES = {s["code"]: s["name"] for s in _DEMO_SERVICES}


def _run(folder: Path, out: Path):
    result = CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output  # the unreadable workbooks are errors
    return result


def _table(ws, name: str) -> list[list]:
    return [[c.value for c in row] for row in ws[ws.tables[name].ref]]


@pytest.fixture(scope="module")
def demo_unreadable(tmp_path_factory):
    """The demo GHT with CARDIO.xlsx not a workbook (junk bytes) and LOGIST's workbook sent as « LOGIST.xls »."""
    import shutil

    from conftest import DEMO

    root = tmp_path_factory.mktemp("illisible")
    folder, out = root / "workbooks", root / "output"
    shutil.copytree(DEMO, folder)
    (folder / "CARDIO.xlsx").write_bytes(b"this is not a workbook")
    (folder / "LOGIST.xlsx").rename(folder / "LOGIST.xls")
    return _run(folder, out), out


def test_the_report_shows_them_received_unreadable_not_missing(demo_unreadable) -> None:
    _, out = demo_unreadable
    ws = openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Résumé"]
    rows = {r[2]: r for r in _table(ws, "Services")[1:]}
    assert rows["CARDIO.xlsx"][:6] == ["CARDIO", NAMES["CARDIO"], "CARDIO.xlsx", 1, 0, "Reçu, illisible : à renvoyer"]
    assert rows["LOGIST.xls"][:6] == ["LOGIST", NAMES["LOGIST"], "LOGIST.xls", 1, 0, "Reçu, illisible : à renvoyer"]
    assert None not in rows  # every service of the referential has a workbook: none « non reçu »
    anomalies = list(openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Anomalies"].values)
    assert [r[:2] for r in anomalies[1:]] == [("CARDIO.xlsx", "CARDIO"), ("LOGIST.xls", "LOGIST")]
    assert ws["A5"].value is None  # no « Services sans classeur reçu »
    assert ws["A4"].value.startswith(
        f"{len(NAMES)} classeurs reçus, 0 reçus incomplets, {len(NAMES) - 2} sans erreur, 2 à corriger dont 2 "
        "illisibles à renvoyer ;"
    )


def test_progression_and_consolidation_say_unreadable(demo_unreadable) -> None:
    _, out = demo_unreadable
    book = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx")
    statuses = {r[0]: r[2] for r in _table(book["Progression"], "T_Progression_services")[1:]}
    assert (statuses["CARDIO"], statuses["LOGIST"]) == (UNREADABLE_STATUS, UNREADABLE_STATUS)
    assert NOT_RECEIVED_STATUS not in statuses.values()
    gaps = _table(book["Écarts"], "T_Ecarts")
    head = gaps[0]
    kind, code, detail = head.index("Type d'écart"), head.index("Code service"), head.index("Détail")
    own = sorted((r[code], r[kind], r[detail]) for r in gaps[1:] if r[kind] in (NOT_RECEIVED, UNREADABLE))
    assert own == [
        ("CARDIO", UNREADABLE, "Classeur reçu (« CARDIO.xlsx ») mais illisible : à renvoyer (voir le rapport de validation)"),
        ("LOGIST", UNREADABLE, "Classeur reçu (« LOGIST.xls ») mais illisible : à renvoyer (voir le rapport de validation)"),
    ]  # fmt: skip
    interfaces = [r[detail] for r in gaps[1:] if r[kind] == INTERFACE and "CARDIO" in r[detail]]
    assert interfaces and all(
        d.endswith("le service CARDIO a envoyé un classeur illisible (à renvoyer)") for d in interfaces
    )
    synthesis = {r[0]: r for r in _table(book["Synthèse"], "T_Synthese_services")}
    received = synthesis["Code service"].index("Classeur reçu")
    assert (synthesis["CARDIO"][received], synthesis["LOGIST"][received], synthesis["REA"][received]) == (
        "Illisible",
        "Illisible",
        "Oui",
    )


def test_the_synthesis_names_them_apart_from_the_missing(demo_unreadable) -> None:
    _, out = demo_unreadable
    document = docx.Document(str(out / "documents" / "synthese_etablissement.docx"))
    text = [p.text for p in document.paragraphs]
    figures = {r.cells[0].text: r.cells[-1].text for t in document.tables for r in t.rows if len(r.cells) == 2}
    assert figures["Classeurs reçus"] == f"{len(NAMES) - 2} sur {len(NAMES)} (+ 2 illisibles)"
    assert not any(t.startswith("Classeurs attendus et non reçus") for t in text)
    assert (
        f"Classeurs reçus mais illisibles, à renvoyer : {NAMES['CARDIO']} (CARDIO : CARDIO.xlsx), "
        f"{NAMES['LOGIST']} (LOGIST : LOGIST.xls)."
    ) in text
    assert any(t.endswith("2 autres services ont envoyé un classeur illisible, à renvoyer.") for t in text)


def test_the_command_line_names_them(demo_unreadable) -> None:
    result, _ = demo_unreadable
    assert "Classeurs reçus illisibles, à renvoyer (2) : CARDIO.xlsx (CARDIO), LOGIST.xls (LOGIST)." in result.output


def test_a_workbook_turned_unreadable_is_not_gone(folder: Path, tmp_path: Path) -> None:
    """LABO read at the first run, unreadable at the second (not « disparu »), deleted at the third (« disparu »)."""
    out = tmp_path / "output"
    CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    (folder / "LABO.xlsx").write_bytes(b"PK\x03\x04 broken")
    second = _run(folder, out)
    ws = openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Résumé"]
    rows = {r[0]: r[5] for r in _table(ws, "Services")[1:]}
    names = {s["code"]: s["name"] for s in REFERENTIAL["services"]}
    assert rows == {"LABO": UNREADABLE_STATUS, "REA": "Sans erreur", "PUI": NOT_RECEIVED_STATUS}
    assert ws["A5"].value == f"Services sans classeur reçu (1) : {names['PUI']} (PUI)"
    assert ws["A6"].value is None and "disparu" not in second.output  # no « Classeurs disparus »
    (folder / "LABO.xlsx").unlink()
    CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])
    ws = openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Résumé"]
    assert ws["A6"].value.startswith(f"Classeurs disparus (1) : {names['LABO']} (LABO, disparu depuis le ")
