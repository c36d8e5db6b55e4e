"""A campaign of runs (issue 31): deletion, incomplete workbook, renamed resource; Progression, drafts."""

from __future__ import annotations

import copy
import datetime as dt
import email
import json
import shutil
from email import policy
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import REFERENTIAL, service_content

from pca_xlsx.cli import cli
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

DEADLINE = dt.date.today() + dt.timedelta(days=40)
EMAILS = {"REA": ("anne.durand@ch-test.fr", "marc.petit@ch-test.fr"), "LABO": ("a@ch-test.fr", None),
          "PUI": ("p@ch-test.fr", "q@ch-test.fr")}  # fmt: skip


def _referential(renamed: bool) -> dict:
    data = copy.deepcopy(REFERENTIAL)
    data["etablissement"].update(pca_contact="Julie MARCHAND", pca_phone="03 83 00 12 34", pca_email="pca@ch-test.fr",
                                 return_deadline=DEADLINE)  # fmt: skip
    if renamed:  # « SGL » becomes « Système labo »: the workbooks still say SGL
        for r in data["ressources"]:
            if r["name"] == "SGL":
                r["name"] = "Système labo"
        data["renommages"] = [{"kind": "Ressource", "old": "SGL", "new": "Système labo"}]
    return data


def _content(code: str, complete: bool = True) -> dict:
    content = service_content(code)
    medical, paramedical = EMAILS[code]
    content["service"].update(medical_email=medical, paramedical_email=paramedical)
    if not complete:  # only the Service and Maturité sheets filled
        for key in ("processus", "applications", "fiche_reflexe", "telecom", "biomedical", "documents", "exercices"):
            content[key] = []
    return content


def _write(folder: Path, code: str, content: dict) -> None:
    write_service_workbook(folder / f"{code}.xlsx", read_referential(folder / "referentiel.xlsx"), code, content)


def _run(folder: Path, out: Path):
    return CliRunner().invoke(cli, ["run", "-w", str(folder), "-o", str(out)])


def _table(ws, name: str) -> list[list]:
    ref = ws.tables[name].ref
    return [[c.value for c in row] for row in ws[ref]]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    """Three runs: all three services; LABO deleted, PUI emptied and SGL renamed; PUI back and an error in REA."""
    root = tmp_path_factory.mktemp("campagne")
    folder, out = root / "workbooks", root / "output"
    folder.mkdir()
    write_referential(folder / "referentiel.xlsx", _referential(renamed=False))
    for code in ("REA", "LABO", "PUI"):
        _write(folder, code, _content(code))
    runs = [_run(folder, out)]
    trees = [sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())]
    (folder / "LABO.xlsx").unlink()
    _write(folder, "PUI", _content("PUI", complete=False))
    write_referential(folder / "referentiel.xlsx", _referential(renamed=True))
    runs.append(_run(folder, out))
    trees.append(sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()))
    shutil.copy(out / "consolidation" / "PCA_consolide.xlsx", root / "run2.xlsx")
    shutil.copy(out / "courriels" / "PUI.eml", root / "PUI_run2.eml")
    _write(folder, "PUI", _content("PUI"))
    rea = _content("REA")
    rea["service"]["ambition"] = 150  # one error: out of 0–100
    _write(folder, "REA", rea)
    runs.append(_run(folder, out))
    return folder, out, runs, trees


def test_each_run_succeeds_and_says_what_changed(campaign) -> None:
    _, _, runs, _ = campaign
    assert [r.exit_code for r in runs] == [0, 0, 1], [r.output for r in runs]
    text = [" ".join(r.output.split()) for r in runs]
    assert "Première exécution suivie : la feuille Progression démarre." in text[0]
    assert ": reçus 3 → 2, complets 3 → 1, sans erreur 3 → 1" in text[1]
    assert "Progression depuis l'exécution du " in text[1] and "Depuis l'exécution" not in text[1]
    assert f"LABO : Classeur disparu depuis le {dt.date.today():%d/%m/%Y} : LABO.xlsx (" in text[1]
    assert "complets 1 → 2, erreurs 0 → 1" in text[2]
    assert "Erreur interne" not in " ".join(text)


def test_progression_holds_the_figures_and_statuses_of_every_run(campaign) -> None:
    _, out, _, _ = campaign
    ws = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx")["Progression"]
    note = [ws.cell(r, 1).value for r in range(2, 8)]
    assert (
        note[0]
        == "Cette feuille est tenue à jour à chaque consolidation (commande pca-xlsx run ou pca-xlsx consolidate)."
    )
    assert note[3] == (
        "« Services sans erreur » (statut « Sans erreur ») compte les classeurs sans erreur de saisie, des "
        "avertissements pouvant rester."
    )
    assert note[4].startswith("Cela ne veut pas dire que le plan est validé : un plan validé a « Validé par »")
    assert not any("etat/" in line or ".json" in line for line in note)
    runs = _table(ws, "T_Progression_executions")
    assert runs[0] == ["Exécution", "Services reçus", "Dont complets", "Services sans erreur", "Erreurs",
                       "Couverture des parades (%)", "Processus vitaux non protégés"]  # fmt: skip
    # each service_content has 3 process rows, 2 with a defined or tested workaround; no vital one lacks it
    assert [row[1:] for row in runs[1:]] == [
        [3, 3, 3, 0, round(100 * 6 / 9, 1), 0],  # REA, LABO, PUI
        [2, 1, 1, 0, round(100 * 2 / 3, 1), 0],  # LABO gone, PUI empty: only REA's rows
        [2, 2, 1, 1, round(100 * 4 / 6, 1), 0],  # PUI back, REA with an error
    ]
    day = dt.date.today().strftime("%d/%m/%Y")
    assert all(row[0].startswith(day) for row in runs[1:])
    services = _table(ws, "T_Progression_services")
    assert [row[:2] for row in services[1:]] == [["LABO", "Laboratoire"], ["PUI", "Pharmacie à usage intérieur"],
                                                 ["REA", "Réanimation"]]  # fmt: skip
    assert [row[2:] for row in services[1:]] == [
        ["Sans erreur", f"Disparu depuis le {day}", f"Disparu depuis le {day}"],
        ["Sans erreur", "Reçu incomplet", "Sans erreur"],
        ["Sans erreur", "Sans erreur", "À corriger"],
    ]
    state = json.loads((out / "etat" / "campagne.json").read_text(encoding="utf-8"))
    assert len(state["runs"]) == 3 and state["services"]["LABO"]["gone"] == dt.date.today().isoformat()
    assert ws._charts, "the progression chart"


def test_a_state_saved_by_an_earlier_version_still_loads(tmp_path: Path) -> None:
    """A run saved when a workbook without error was « Validé » keeps its row; its statuses are shown in
    today's words, so « validé » is left to a signed-off plan."""
    folder, out = tmp_path / "workbooks", tmp_path / "output"
    folder.mkdir()
    write_referential(folder / "referentiel.xlsx", _referential(renamed=False))
    for code in ("REA", "LABO"):
        _write(folder, code, _content(code))
    earlier = {  # as etat/campagne.json was written before the status was renamed
        "version": 1,
        "runs": [{"at": "2026-01-05T10:12:00", "received": 2, "complete": 2, "validated": 1, "errors": 3,
                  "coverage": 50.0, "vital": 1, "statuses": {"REA": "Validé", "LABO": "À corriger"},
                  "errors_by_service": {"REA": 0, "LABO": 3}}],
        "services": {code: {"file": f"{code}.xlsx", "digest": "0", "since": "2026-01-05", "rows": 30,
                            "errors": errors, "archive": ""} for code, errors in (("REA", 0), ("LABO", 3))},
    }  # fmt: skip
    (out / "etat").mkdir(parents=True)
    (out / "etat" / "campagne.json").write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    result = _run(folder, out)
    assert result.exit_code == 0, result.output
    assert "Progression depuis l'exécution du 05/01/2026 10:12 : sans erreur 1 → 2, erreurs 3 → 0," in " ".join(
        result.output.split()
    )
    ws = openpyxl.load_workbook(out / "consolidation" / "PCA_consolide.xlsx")["Progression"]
    runs = _table(ws, "T_Progression_executions")
    assert runs[1] == ["05/01/2026 10:12", 2, 2, 1, 3, 50.0, 1]
    assert runs[2][1:] == [2, 2, 2, 0, round(100 * 4 / 6, 1), 0]  # 2 of each service's 3 rows covered
    services = _table(ws, "T_Progression_services")
    assert services[0][2] == "05/01/2026 10:12"
    assert [row[:1] + row[2:] for row in services[1:]] == [
        ["LABO", "À corriger", "Sans erreur"],
        ["PUI", None, "Classeur non reçu"],  # in the referential, never sent
        ["REA", "Sans erreur", "Sans erreur"],
    ]
    state = json.loads((out / "etat" / "campagne.json").read_text(encoding="utf-8"))
    assert [r["statuses"] for r in state["runs"]] == [
        {"REA": "Validé", "LABO": "À corriger"},  # a saved run is kept as it was written
        {"LABO": "Sans erreur", "REA": "Sans erreur", "PUI": "Classeur non reçu"},
    ]


def test_the_removed_service_leaves_no_output_and_is_reported_as_gone(campaign) -> None:
    _, out, _, trees = campaign
    assert "documents/fiches_reflexes/LABO.docx" in trees[0]
    for tree in trees[1:]:
        labo = [p for p in tree if "LABO" in p and not p.startswith("archives/")]
        assert labo == ["documents/lettres_mission/LABO.docx"]  # still in the referential: its letter stays
    ws = openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Résumé"]
    rows = {r[0]: r for r in _table(ws, "Services")[1:]}
    day = dt.date.today().strftime("%d/%m/%Y")
    assert rows["LABO"][5] == f"Disparu depuis le {day}"
    assert (rows["REA"][3], rows["REA"][7], rows["PUI"][7], rows["LABO"][7]) == (1, 0, 0, None)  # errors now, before
    assert rows["REA"][11:15] == ["Dr Anne DURAND", EMAILS["REA"][0], "Marc PETIT", EMAILS["REA"][1]]
    assert ws["A4"].value.startswith("2 classeurs reçus, 0 reçus incomplets, 1 sans erreur, 1 à corriger ;")
    assert ws["A5"].value is None  # no service that never sent one
    assert ws["A6"].value == f"Classeurs disparus (1) : Laboratoire (LABO, disparu depuis le {day})"
    first = sorted(p for p in (out / "archives").iterdir())[0].name
    lost = 1 + sum(len(v) for v in service_content("LABO").values() if isinstance(v, list))  # Service: one row
    assert rows["LABO"][15] == (
        f"Classeur disparu depuis le {day} : LABO.xlsx ({lost} ligne(s) perdue(s) ; dernière copie : "
        f"archives/{first}/LABO.xlsx)."
    )
    assert (out / "archives" / first / "LABO.xlsx").is_file()


def test_the_renamed_resource_is_a_warning_not_an_error(campaign) -> None:
    _, _, runs, _ = campaign
    text = " ".join(runs[1].output.split())
    assert "0 erreurs" in text


def test_a_draft_per_service_with_something_to_do(campaign) -> None:
    _, out, _, trees = campaign
    assert [p for p in trees[0] if p.startswith("courriels/")] == []
    assert [p for p in trees[1] if p.startswith("courriels/")] == ["courriels/PUI.eml"]
    assert sorted(p.name for p in (out / "courriels").iterdir()) == ["REA.eml"]
    msg = email.message_from_bytes((out / "courriels" / "REA.eml").read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["From"] == "Équipe PCA <pca@ch-test.fr>"
    assert [a.addr_spec for a in msg["To"].addresses] == list(EMAILS["REA"])
    assert msg["Subject"] == f"PCA – Réanimation (REA) : votre classeur à reprendre avant le {DEADLINE:%d/%m/%Y}"
    text = msg.get_body(("plain",)).get_content()
    assert text.startswith("Bonjour Dr Anne DURAND et Marc PETIT,\n")
    assert "- Corriger 1 erreur :\n  - feuille « Service », cellule B11 : " in text
    assert f"Date limite de retour : {DEADLINE:%d/%m/%Y}." in text
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "REA.xlsx"
    assert attachment.get_content() == (out / "validation" / "annotes" / "REA.xlsx").read_bytes()


def test_the_renamed_resource_is_one_warning_per_workbook_naming_its_cells(campaign) -> None:
    folder, out, _, _ = campaign
    ws = openpyxl.load_workbook(out / "validation" / "rapport_validation.xlsx")["Anomalies"]
    found = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[5] == "Nom renommé"]
    assert [r[0] for r in found] == ["PUI.xlsx", "REA.xlsx"]  # both workbooks still say SGL; not an error
    for row in found:
        book = openpyxl.load_workbook(folder / row[0])
        cells = [f"{ws.title}!{c.coordinate}" for ws in book.worksheets if ws.sheet_state == "visible"
                 for line in ws.iter_rows() for c in line if c.value == "SGL"]  # fmt: skip
        assert len(cells) == 2  # Applications and Processus
        assert (row[2], row[3], row[4]) == ("Applications", cells[0].split("!")[1], "Avertissement")
        assert row[6] == (
            "« SGL » a été renommé « Système labo » dans le référentiel (feuille « Renommages ») : lu comme "
            f"« Système labo » (2 cellules : {', '.join(cells)}). Mettez le classeur à jour avec "
            "pca-xlsx upgrade --listes."
        )


def test_evolutions_lead_with_the_referential_s_own_changes(campaign) -> None:
    folder, _, _, _ = campaign
    ws = openpyxl.load_workbook(folder.parent / "run2.xlsx")["Évolutions"]
    rows = _table(ws, "T_Evolutions")
    assert rows[1] == [
        None,
        "Référentiel",
        "Référentiel · Ressources",
        "Système labo",
        "Ligne modifiée",
        "renommé : « SGL » → « Système labo » (feuille Renommages)",
        "referentiel.xlsx · Ressources",
    ]
    assert all(r[1] != "Référentiel" for r in rows[2:])  # nothing else changed in the referential
    note = " ".join(ws.cell(r, 1).value for r in range(2, 4) if ws.cell(r, 1).value)
    assert note.endswith(
        "; 1 classeur absent de cette consolidation (LABO) ; 1 changement du référentiel (en tête de la feuille)."
    )


def test_the_incomplete_workbook_s_draft_says_what_is_missing(campaign) -> None:
    folder, _, _, _ = campaign
    msg = email.message_from_bytes((folder.parent / "PUI_run2.eml").read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == list(EMAILS["PUI"])
    text = msg.get_body(("plain",)).get_content()
    assert (
        "- Compléter le classeur (aucun processus, aucune application, aucune étape de fiche réflexe pour "
        "l'instant) : il faut au moins un référent, un processus, une application et une étape de fiche réflexe.\n"
    ) in text
