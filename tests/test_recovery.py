"""The IT restart plan on crafted referentials: tiers, order, loops, insufficient guarantees, gaps."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
from conftest import REFERENTIAL, ROOT, check, service_content

from pca_xlsx import pipeline
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.findings import ERROR
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date.today()
INSUFFICIENT = "Reprise SI insuffisante"


def app(resource: str, tolerable: str, dependency: str = "Forte", data_loss: str | None = None) -> dict:
    return {"resource": resource, "dependency": dependency, "tolerable": tolerable, "data_loss": data_loss}


def hospital(tmp_path: Path, resources: list[dict], apps: dict[str, list[dict]], processes=None) -> Path:
    """A folder with the small referential's services, ``resources``, and one workbook per ``apps`` key."""
    folder = tmp_path / "workbooks"
    folder.mkdir()
    content = copy.deepcopy(REFERENTIAL)
    content["ressources"] = resources
    content["scenarios"] = [{"name": "Cyberattaque généralisée", "resources": "Toutes"}]
    write_referential(folder / "referentiel.xlsx", content)
    ref = read_referential(folder / "referentiel.xlsx")
    for code, rows in apps.items():
        data = service_content(code)
        data["applications"] = rows
        data["processus"] = (processes or {}).get(code, [])
        data["exercices"] = []
        write_service_workbook(folder / f"{code}.xlsx", ref, code, data)
    return folder


def res(name: str, category: str = "Application métier", depends_on=None, restart=None, loss=None, backup=None):
    return {"name": name, "category": category, "depends_on": depends_on, "restart_guaranteed": restart,
            "loss_guaranteed": loss, "backup": backup}  # fmt: skip


def consolidate(folder: Path, output: Path):
    result = pipeline.validate(pipeline.Options(folder, output), write=False)
    return result, build_consolidation(result, compare=False, today=TODAY)


def rows(c) -> dict[str, dict]:
    return {r["resource"]: r for r in c.recovery.to_dict("records")}


def test_tiers_follow_the_strictest_tolerable_interruption(tmp_path: Path) -> None:
    resources = [res(n) for n in ("A", "B", "C", "D", "E")]
    apps = {
        "REA": [app("A", "1 à 4 h"), app("B", "4 à 24 h"), app("C", "Plus de 3 jours")],
        "LABO": [app("A", "Moins d'1 h"), app("C", "1 à 3 jours"), app("D", "Plus de 3 jours")],
    }
    _, c = consolidate(hospital(tmp_path, resources, apps), tmp_path / "out")
    got = {name: (r["tier"], r["need"]) for name, r in rows(c).items()}
    assert got == {
        "A": ("T1 – Sous 4 h", "Moins d'1 h"),  # LABO's « Moins d'1 h » is stricter than REA's « 1 à 4 h »
        "B": ("T2 – Sous 24 h", "4 à 24 h"),
        "C": ("T3 – Sous 3 jours", "1 à 3 jours"),
        "D": ("T4 – Au-delà de 3 jours", "Plus de 3 jours"),
        "E": ("T4 – Au-delà de 3 jours", ""),  # nobody needs it
    }
    assert list(c.recovery["resource"]) == ["A", "B", "C", "D", "E"]
    assert list(c.recovery["rank"]) == [1, 2, 3, 4, 5]
    assert rows(c)["E"]["reason"] == "Aucun service ne déclare en avoir besoin : reprise après les autres."


def test_order_respects_depends_on_and_needs_pass_to_what_a_resource_needs(tmp_path: Path) -> None:
    resources = [
        res("SGL", depends_on="DPI"),
        res("DPI", depends_on="Annuaire; Réseau"),
        res("Annuaire", "Infrastructure", depends_on="Réseau"),
        res("Réseau", "Réseau"),
        res("Pharma"),
    ]
    apps = {
        "LABO": [app("SGL", "Moins d'1 h", "Critique")],
        "REA": [app("DPI", "4 à 24 h"), app("Pharma", "Moins d'1 h", "Faible")],
    }
    _, c = consolidate(hospital(tmp_path, resources, apps), tmp_path / "out")
    assert list(c.recovery["resource"]) == ["Réseau", "Annuaire", "DPI", "SGL", "Pharma"]
    got = rows(c)
    assert [got[n]["tier"][:2] for n in ("Réseau", "Annuaire", "DPI", "SGL", "Pharma")] == [
        "T0",
        "T0",
        "T1",
        "T1",
        "T1",
    ]
    # DPI itself is only needed within 24 h, but SGL (needed within the hour) cannot run without it.
    assert (got["DPI"]["need"], got["DPI"]["need_from"]) == ("Moins d'1 h", "SGL")
    assert got["SGL"]["reason"] == ("LABO ne tolère pas plus de « Moins d'1 h » d'arrêt, après DPI dont elle dépend.")
    assert got["Annuaire"]["reason"] == (
        "Socle technique : 2 ressource(s) en dépendent (DPI, SGL), après Réseau dont elle dépend."
    )
    assert got["Réseau"]["needed_by"] == "Annuaire; DPI"


def test_weighted_need_orders_a_tier_vital_processes_without_workaround_first(tmp_path: Path) -> None:
    resources = [res("A"), res("B")]
    apps = {"REA": [app("A", "1 à 4 h", "Critique"), app("B", "1 à 4 h", "Modérée")]}
    vital = {"number": 1, "process": "Surveillance", "criticality": "Vitale", "resource": "B",
             "workaround": None, "status": "À construire"}  # fmt: skip
    _, c = consolidate(hospital(tmp_path, resources, apps, {"REA": [vital]}), tmp_path / "out")
    got = rows(c)
    assert (got["A"]["weight"], got["B"]["weight"]) == (
        4,
        10,
    )  # 4 per critical service, 10 per vital without workaround
    assert list(c.recovery["resource"]) == ["B", "A"]


def _resource_cells(folder: Path) -> tuple[str, dict[str, int]]:
    """Column letter of « Dépend de » and the row of each resource, read from the referential itself."""
    ws = openpyxl.load_workbook(folder / "referentiel.xlsx")["Ressources"]
    letter = next(c.column_letter for c in ws[1] if c.value == "Dépend de")
    return letter, {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}


def test_referential_dependency_problems_are_findings_on_its_cells(tmp_path: Path) -> None:
    resources = [
        res("DPI", depends_on="Reseau; Inconnu"),
        res("Réseau", "Réseau", depends_on="Réseau"),
        res("X", depends_on="Y"),
        res("Y", depends_on="Z"),
        res("Z", depends_on="X"),
    ]
    folder = hospital(tmp_path, resources, {"REA": [app("DPI", "Moins d'1 h")]})
    letter, row = _resource_cells(folder)
    report, _ = check(folder)
    got = sorted((f.code, f.cell, f.value) for f in report.findings if f.file == "referentiel.xlsx")
    assert got == sorted([
        ("dependance-inconnue", f"{letter}{row['DPI']}", "Inconnu"),
        ("dependance-soi-meme", f"{letter}{row['Réseau']}", "Réseau"),
        ("dependances-en-boucle", f"{letter}{row['X']}", "Y"),
        ("dependances-en-boucle", f"{letter}{row['Y']}", "Z"),
        ("dependances-en-boucle", f"{letter}{row['Z']}", "X"),
    ])  # fmt: skip
    # « Reseau » (no accent) is the resource Réseau, spelled loosely: not a finding.
    items = {f.code: f for f in report.findings if f.file == "referentiel.xlsx"}
    assert all(f.severity == ERROR and f.sheet == "Ressources" for f in items.values())
    assert items["dependance-inconnue"].message == (
        "« Dépend de » : « Inconnu » n'est pas une ressource du référentiel."
    )
    assert items["dependance-soi-meme"].message == (
        "La ressource « Réseau » dépend d'elle-même : retirez-la de « Dépend de »."
    )
    loop = next(f for f in report.findings if f.code == "dependances-en-boucle" and f.value == "Y")
    assert loop.message.startswith("Boucle de dépendances : « X » et « Y », « Z » dépendent les unes des autres")


def test_a_loop_still_gives_an_order_listing_every_resource(tmp_path: Path) -> None:
    resources = [res("X", depends_on="Y"), res("Y", depends_on="X"), res("W", depends_on="X")]
    apps = {"REA": [app("Y", "1 à 4 h", "Critique"), app("W", "1 à 4 h")]}
    _, c = consolidate(hospital(tmp_path, resources, apps), tmp_path / "out")
    order = list(c.recovery["resource"])
    assert sorted(order) == ["W", "X", "Y"] and order[-1] == "W"  # W waits for X, whatever the loop


def test_an_insufficient_guarantee_gives_exactly_one_gap_naming_the_services(tmp_path: Path) -> None:
    resources = [
        res("DPI", restart="1 à 3 jours", loss="4 à 24 h", backup="Quotidienne"),
        res("SGL", restart="1 à 4 h", loss="1 à 4 h", backup="Horaire"),  # good enough
    ]
    apps = {
        "REA": [app("DPI", "Moins d'1 h", "Critique", "1 à 4 h"), app("SGL", "1 à 4 h", "Forte", "1 à 4 h")],
        "LABO": [app("DPI", "1 à 3 jours", "Modérée", "Aucune"), app("SGL", "4 à 24 h")],
    }
    folder = hospital(tmp_path, resources, apps)
    ws = openpyxl.load_workbook(folder / "referentiel.xlsx")["Ressources"]
    column = next(c.column_letter for c in ws[1] if c.value == "Reprise garantie")
    _, c = consolidate(folder, tmp_path / "out")
    gaps = c.gaps[c.gaps["type"] == INSUFFICIENT]
    assert len(gaps) == 1 and c.gap_counts[INSUFFICIENT] == 1
    gap = gaps.iloc[0]
    assert (gap["file"], gap["sheet"], gap["cell"]) == ("referentiel.xlsx", "Ressources", f"{column}2")
    # REA needs DPI within the hour; LABO can wait 1 to 3 days but loses no data.
    assert gap["detail"] == (
        "DPI : reprise garantie en « 1 à 3 jours » pour un besoin de « Moins d'1 h » — services concernés : REA ; "
        "perte de données garantie « 4 à 24 h » pour un besoin de « Aucune » — services concernés : LABO, REA"
    )
    got = rows(c)
    assert (got["DPI"]["verdict"], got["DPI"]["concerned"]) == (INSUFFICIENT, "LABO, REA")
    assert (got["SGL"]["verdict"], got["SGL"]["to_fill"]) == ("Conforme", "")
    assert c.headline["gaps"] == len(c.gaps)


def test_missing_it_figures_are_to_be_filled_by_the_dsi_never_guessed(tmp_path: Path) -> None:
    resources = [res("DPI", depends_on="Réseau"), res("Réseau", "Réseau", restart="1 à 4 h")]
    apps = {"REA": [app("DPI", "1 à 4 h", "Critique", "Moins d'1 h")]}
    _, c = consolidate(hospital(tmp_path, resources, apps), tmp_path / "out")
    got = rows(c)
    dpi = got["DPI"]
    assert (dpi["restart_guaranteed"], dpi["loss_guaranteed"], dpi["restart_achievable"]) == (
        "à renseigner par la DSI",
        "à renseigner par la DSI",
        "à renseigner par la DSI",
    )
    assert dpi["to_fill"] == "reprise garantie, perte de données garantie, sauvegarde"
    assert dpi["verdict"] == "Garanties à renseigner par la DSI"
    # The network's data loss matters to nobody: nothing to fill there.
    assert (got["Réseau"]["to_fill"], got["Réseau"]["loss_guaranteed"]) == ("", "")
    assert c.gap_counts[INSUFFICIENT] == 0


def test_achievable_restart_waits_for_what_a_resource_depends_on(tmp_path: Path) -> None:
    resources = [res("DPI", depends_on="Réseau", restart="1 à 4 h"), res("Réseau", "Réseau", restart="4 à 24 h")]
    _, c = consolidate(hospital(tmp_path, resources, {"REA": [app("DPI", "1 à 3 jours")]}), tmp_path / "out")
    assert rows(c)["DPI"]["restart_achievable"] == "4 à 24 h (attend Réseau)"


def test_a_version_1_workbook_is_ordered_on_interruption_alone_said_once(tmp_path: Path) -> None:
    folder = tmp_path / "workbooks"
    shutil.copytree(ROOT / "workbooks", folder)
    shutil.copy(ROOT / "tests" / "data" / "v1" / "REA.xlsx", folder / "REA.xlsx")
    result, c = consolidate(folder, tmp_path / "out")
    assert c.recovery_notes == [
        "1 classeur(s) au modèle version 1 (REA.xlsx) n'indiquent pas la perte de données tolérable : leurs "
        "applications sont ordonnées sur l'interruption tolérable seule."
    ]
    apps = c.details["applications"]
    assert apps.loc[apps["code"] == "REA", "data_loss"].isna().all()
    from pca_xlsx.documents.context import Sources
    from pca_xlsx.documents.recovery import recovery_context

    context = recovery_context(Sources(result.referential, result.tables, c))
    assert context["notes"] == c.recovery_notes  # said once in the plan


def test_a_referential_without_it_figures_still_orders(tmp_path: Path) -> None:
    resources = [{"name": "DPI", "category": "Application métier"}, {"name": "Réseau", "category": "Réseau"}]
    _, c = consolidate(hospital(tmp_path, resources, {"REA": [app("DPI", "1 à 4 h")]}), tmp_path / "out")
    assert list(c.recovery["resource"]) == ["DPI", "Réseau"]
    assert rows(c)["DPI"]["restart_guaranteed"] == "à renseigner par la DSI"
