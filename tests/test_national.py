"""National requirements (programme CaRE, domain 2) checked on crafted GHTs: each rule's status and evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from conftest import service_content
from test_ght import ght_referential, table

from pca_xlsx import pipeline
from pca_xlsx.consolidate.national import kind_of
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date.today()


def run(tmp_path: Path, contents: dict[str, dict], content: dict | None = None) -> dict[str, dict]:
    """Consolidate REA (establishment A, top folder) and LABO (B, in ``B/``); the national table by rule."""
    folder = tmp_path / "workbooks"
    folder.mkdir(parents=True)
    write_referential(folder / "referentiel.xlsx", content or ght_referential())
    ref = read_referential(folder / "referentiel.xlsx")
    for code, data in contents.items():
        write_service_workbook(folder / ("B" if code == "LABO" else "") / f"{code}.xlsx", ref, code, data)
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert result.report.errors == []
    return {r["rule"]: r for r in result.consolidation.national.to_dict("records")}


def signed(code: str, by: str, days: int = 10) -> dict:
    data = service_content(code)
    data["service"].update(validated_by=by, validated_on=TODAY - dt.timedelta(days=days))
    return data


CARE = "Plan validé pour au moins un service de soins critique"
ADMIN = "Plan validé pour au moins un processus administratif"
PLATFORM = "Plan validé pour au moins une plateforme technique (pharmacie, imagerie, biologie)"
GHT = "Établissements dotés d'un plan : au moins 66 % de l'activité du GHT"
FIELD = "Un exercice réel (sur le terrain) dans les 12 derniers mois"
SCHEDULE = "Les autres plans : exercés dans la périodicité ou un exercice programmé"


def test_nothing_signed_off(tmp_path: Path) -> None:
    rules = run(tmp_path, {"REA": service_content("REA"), "LABO": service_content("LABO")})
    assert list(rules) == [CARE, ADMIN, PLATFORM, GHT, FIELD, SCHEDULE]
    assert (rules[CARE]["status"], rules[CARE]["evidence"]) == (
        "Non atteinte",
        "Aucun plan validé parmi 1 service(s) concerné(s) : REA.",
    )
    assert (rules[ADMIN]["status"], rules[ADMIN]["evidence"]) == (
        "Non atteinte",
        "Aucun service de ce type dans le référentiel.",
    )
    assert rules[PLATFORM]["evidence"] == "Aucun plan validé parmi 2 service(s) concerné(s) : LABO, PUI."
    assert rules[GHT]["status"] == "Non atteinte"
    assert rules[GHT]["evidence"].startswith("0 % de l'activité couverte")
    assert rules[FIELD]["status"] == "Non atteinte"  # the conftest exercise is « Sur table »
    assert "CaRE" in rules[CARE]["source"] and "3 juillet 2025" in rules[CARE]["source"]


def test_care_service_signed_in_the_60_percent_establishment(tmp_path: Path) -> None:
    rules = run(tmp_path, {"REA": signed("REA", "Pr Claire MARTIN"), "LABO": service_content("LABO")})
    day = (TODAY - dt.timedelta(days=10)).strftime("%d/%m/%Y")
    assert (rules[CARE]["status"], rules[CARE]["evidence"]) == (
        "Atteinte",
        f"1 plan(s) validé(s) : REA validé le {day} par Pr Claire MARTIN.",
    )
    assert (rules[GHT]["status"], rules[GHT]["evidence"]) == (
        "Non atteinte",
        "60 % de l'activité couverte (au moins un plan de service validé) : Hôpital Alpha (60 %, plan validé); "
        "Hôpital Bêta (40 %, aucun plan validé).",
    )


def test_both_establishments_with_a_plan_reach_66_percent(tmp_path: Path) -> None:
    rules = run(tmp_path, {"REA": signed("REA", "Pr Claire MARTIN"), "LABO": signed("LABO", "Pr Anne DUBOIS")})
    assert rules[PLATFORM]["status"] == rules[GHT]["status"] == "Atteinte"
    assert rules[GHT]["evidence"].startswith("100 % de l'activité couverte")


def test_one_establishment_has_no_ght_rule(tmp_path: Path) -> None:
    content = ght_referential()
    content["etablissements"] = []
    rules = run(tmp_path, {"REA": service_content("REA")}, content)
    assert (rules[GHT]["status"], rules[GHT]["evidence"]) == (
        "Sans objet",
        "Un seul établissement : exigence propre aux GHT.",
    )


def test_field_exercise_and_the_others_scheduled(tmp_path: Path) -> None:
    rea = service_content("REA")
    field_day = TODAY - dt.timedelta(days=30)
    rea["exercices"] = [{"date": field_day, "scenario": "DPI indisponible", "type": "Exercice réel"}]
    labo = service_content("LABO")
    labo["exercices"] = [{"date": TODAY - dt.timedelta(days=500), "type": "Sur table"}]
    rules = run(tmp_path, {"REA": rea, "LABO": labo})
    cutoff = TODAY.replace(year=TODAY.year - 1) if not (TODAY.month == 2 and TODAY.day == 29) else None
    assert rules[FIELD]["status"] == "Atteinte"
    assert rules[FIELD]["evidence"] == (
        f"1 exercice(s) réel(s) depuis le {cutoff:%d/%m/%Y} : REA le {field_day:%d/%m/%Y} (DPI indisponible)."
    )
    assert (rules[SCHEDULE]["status"], rules[SCHEDULE]["evidence"]) == (
        "Non atteinte",
        "1 service(s) exercé(s) dans la périodicité, 0 avec un exercice programmé (Plan d'actions, origine "
        "« Exercice », échéance à venir), 1 sans : LABO.",
    )
    labo["plan_actions"] = [
        {
            "action": "Exercice coupure SGL",
            "origin": "Exercice",
            "due": TODAY + dt.timedelta(days=40),
            "status": "À faire",
        }
    ]
    rules = run(tmp_path / "again", {"REA": rea, "LABO": labo})
    assert rules[SCHEDULE]["status"] == "Atteinte"
    assert "1 avec un exercice programmé" in rules[SCHEDULE]["evidence"]


def test_kinds_of_service() -> None:
    row = {"category": "Critique"}
    assert kind_of({**row, "code": "REA", "name": "Réanimation médicale"}) == "care"
    assert kind_of({**row, "code": "IMAG", "name": "Imagerie médicale"}) == "platform"
    assert kind_of({"category": "Support", "code": "PUI", "name": "Pharmacie à usage intérieur"}) == "platform"
    assert kind_of({"category": "Support", "code": "ADM", "name": "Admissions et frais de séjour"}) == "admin"
    assert kind_of({"category": "Support", "code": "REST", "name": "Restauration"}) == ""
    assert kind_of({"category": "Modèle", "code": "PNEUMO", "name": "Pneumologie"}) == ""


def test_sheet_in_the_consolidated_workbook(tmp_path: Path) -> None:
    run(tmp_path, {"REA": signed("REA", "Pr Claire MARTIN")})
    ws = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx")["Exigences nationales"]
    assert ws["A1"].value == "Exigences nationales : 2 sur 6 atteintes"
    rows = table(ws, "T_Exigences_nationales")
    assert [(r["Exigence"], r["Statut"]) for r in rows[:2]] == [(CARE, "Atteinte"), (ADMIN, "Non atteinte")]
    assert list(rows[0]) == ["Exigence", "Statut", "Preuve", "Source"] and len(rows) == 6
