"""Directed interfaces on crafted graphs: reliances traced to cells, coordination gaps, the order and
its reasons, and the bad input of the two interface columns."""

from __future__ import annotations

from pathlib import Path

from conftest import check, edit, service_content

from pca_xlsx import pipeline
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.consolidate.gaps import COORDINATION
from pca_xlsx.findings import RULES, WARNING
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

# Processus columns of the template: F « Services sollicités », G « Services bénéficiaires »,
# J « Statut de la parade »; row 2 holds process N° 1, row 3 N° 2 (the vital « Récupération d'un
# résultat de biologie » on SGL), row 4 N° 3.


def rewrite(folder: Path, code: str, content: dict) -> None:
    write_service_workbook(folder / f"{code}.xlsx", read_referential(folder / "referentiel.xlsx"), code, content)


def consolidate(folder: Path, output: Path):
    result = pipeline.validate(pipeline.Options(folder, output), write=False)
    return build_consolidation(result, compare=False)


def one_way(folder: Path) -> None:
    """REA relies on LABO for N° 2 (vital); LABO's map names REA nowhere."""
    labo = service_content("LABO")
    labo["processus"][1]["relies_on"] = None
    rewrite(folder, "LABO", labo)


def test_a_one_way_pair_gives_exactly_one_coordination_gap_naming_both(folder: Path, tmp_path: Path) -> None:
    one_way(folder)
    c = consolidate(folder, tmp_path / "out")
    assert len(c.coordination) == 1
    gap = c.coordination.iloc[0]
    assert (gap["code"], gap["partner"], gap["file"], gap["sheet"], gap["cell"]) == (
        "REA", "LABO", "REA.xlsx", "Processus", "F3",
    )  # fmt: skip
    assert (gap["partner_file"], gap["problem"]) == ("LABO.xlsx", "absent")
    assert gap["detail"] == (
        "REA compte sur LABO pour N° 2 « Récupération d'un résultat de biologie » (vitale, SGL) ; le classeur "
        "de LABO (LABO.xlsx) ne cite REA dans les « Services bénéficiaires » d'aucun processus : à organiser "
        "entre les deux services."
    )
    rows = c.gaps[c.gaps["type"] == COORDINATION]
    assert list(zip(rows["code"], rows["file"], rows["sheet"], rows["cell"], rows["detail"])) == [
        ("REA", "REA.xlsx", "Processus", "F3", gap["detail"])
    ]
    assert c.gap_counts[COORDINATION] == 1


def test_a_two_way_pair_gives_no_coordination_gap(folder: Path, tmp_path: Path) -> None:
    labo = service_content("LABO")
    labo["processus"][1]["relies_on"] = None
    labo["processus"][1]["serves"] = "REA"  # LABO works for REA: REA's reliance is acknowledged
    rewrite(folder, "LABO", labo)
    c = consolidate(folder, tmp_path / "out")
    assert c.coordination.empty and c.gap_counts[COORDINATION] == 0
    edge = c.interfaces.set_index(["code", "depends_on"]).loc[("REA", "LABO")]
    assert (edge["rows"], edge["numbers"], edge["via"]) == (
        2,
        "2 (LABO); 2",
        "Services bénéficiaires; Services sollicités",
    )
    assert edge["sources"] == "LABO.xlsx · Processus!G3; REA.xlsx · Processus!F3"  # by file, then row


def test_tous_acknowledges_every_service(folder: Path, tmp_path: Path) -> None:
    labo = service_content("LABO")
    labo["processus"][1]["relies_on"] = None
    labo["processus"][0]["serves"] = "Tous"
    rewrite(folder, "LABO", labo)
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out"), write=False)
    assert [f.code for f in result.report.findings] == []
    c = build_consolidation(result, compare=False)
    assert c.coordination.empty
    assert ("LABO", "TOUS") not in set(zip(c.reliances["code"], c.reliances["relies_on"]))


def test_a_workaround_still_to_build_on_the_shared_resource_is_a_coordination_gap(folder: Path, tmp_path: Path) -> None:
    labo = service_content("LABO")
    labo["processus"][1].update(relies_on=None, serves="REA", status="À construire", workaround="Coursier")
    rewrite(folder, "LABO", labo)
    c = consolidate(folder, tmp_path / "out")
    assert len(c.coordination) == 1
    gap = c.coordination.iloc[0]
    assert (gap["code"], gap["partner"], gap["cell"], gap["problem"]) == ("REA", "LABO", "F3", "à construire")
    assert gap["partner_source"] == "LABO.xlsx · Processus!J3"
    assert gap["detail"].endswith("la parade de LABO pour SGL est « À construire » (LABO.xlsx · Processus!J3).")


def test_a_resource_edge_goes_to_the_resource_owner(tmp_path: Path) -> None:
    from conftest import REFERENTIAL

    folder = tmp_path / "workbooks"
    folder.mkdir()
    referential = {**REFERENTIAL, "ressources": [dict(r) for r in REFERENTIAL["ressources"]]}
    referential["ressources"][2]["owner_service"] = "PUI"  # Téléphonie run by PUI (crafted)
    write_referential(folder / "referentiel.xlsx", referential)
    rea = service_content("REA")
    rea["applications"].append({"resource": "Téléphonie", "dependency": "Critique", "tolerable": "Moins d'1 h"})
    rewrite(folder, "REA", rea)
    c = consolidate(folder, tmp_path / "out")
    row = c.reliances[c.reliances["relies_on"] == "PUI"].iloc[0]
    assert (row["code"], row["via"], row["criticality"], row["resource"], row["cell"]) == (
        "REA", "Ressource", "Critique", "Téléphonie", "C4",
    )  # fmt: skip
    assert c.order[0] == "PUI"
    assert c.order_table.set_index("code").loc["PUI", "reason"] == (
        "Service support : 1 service compte sur lui, dont 1 pour un processus vital ou une dépendance critique ; "
        "il ne dépend d'aucun autre service."
    )
    assert (
        c.coordination.empty
    )  # PUI sent no workbook: not a coordination gap (« Interface vers un service sans classeur » is for processes)


def test_support_before_care_with_reasons_and_a_real_loop(folder: Path, tmp_path: Path) -> None:
    # REA and LABO rely on each other (fixture); both rely on PUI, which serves REA.
    for code in ("REA", "LABO"):
        content = service_content(code)
        content["processus"][0]["relies_on"] = "PUI"
        rewrite(folder, code, content)
    pui = service_content("PUI")
    pui["processus"][1]["relies_on"] = None
    pui["processus"][0]["serves"] = "REA; LABO"
    rewrite(folder, "PUI", pui)
    c = consolidate(folder, tmp_path / "out")
    assert c.order == ["PUI", "LABO", "REA"]
    assert c.loops == [["LABO", "REA"]]
    reasons = c.order_table.set_index("code")["reason"]
    assert reasons["PUI"] == (
        "Service support : 2 services comptent sur lui, dont 2 pour un processus vital ou une dépendance critique ; "
        "il ne dépend d'aucun autre service."
    )
    assert reasons["REA"] == (
        "Service critique : 1 service compte sur lui, dont 1 pour un processus vital ou une dépendance critique ; "
        "il passe après PUI et LABO, dont il dépend. En boucle avec LABO (dépendance dans les deux sens) : "
        "groupes de travail communs."
    )


def test_a_code_in_both_columns_of_a_row_is_a_warning_at_the_cell(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Processus": {"F3": "LABO; PUI", "G3": "pui"}})  # « pui » normalised first
    report, _ = check(folder)
    found = [f for f in report.findings if f.code == "interface-deux-sens"]
    assert [(f.file, f.sheet, f.cell, f.severity) for f in found] == [("REA.xlsx", "Processus", "G3", WARNING)]
    assert found[0].message == (
        "« PUI » est à la fois dans « Services sollicités » et dans « Services bénéficiaires » de cette ligne : "
        "gardez-le dans une seule colonne (sollicité : ce processus a besoin de lui ; bénéficiaire : ce processus "
        "travaille pour lui)."
    )
    assert RULES["interface-deux-sens"].severity == WARNING


def test_unknown_and_own_codes_in_beneficiaries_are_errors_at_the_cell(folder: Path) -> None:
    edit(folder / "REA.xlsx", {"Processus": {"G2": "LABOO", "G4": "REA"}})
    report, _ = check(folder)
    found = {(f.code, f.cell): f.message for f in report.findings}
    assert found[("interface-inconnue", "G2")] == (
        "Le service « LABOO » de « Services bénéficiaires » n'existe pas dans le référentiel ; vouliez-vous dire "
        "« LABO » ?"
    )
    assert ("interface-soi-meme", "G4") in found
    titles = (RULES["interface-inconnue"].title, RULES["interface-soi-meme"].title)
    assert titles == ("Service sollicité ou bénéficiaire inconnu", "Service qui se cite lui-même")  # the columns' words
