"""National requirements (programme CaRE, domain 2) checked on crafted GHTs: each rule's status and evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from conftest import service_content
from test_ght import ght_referential
from xlsx_tables import table_rows

from pca_xlsx import pipeline
from pca_xlsx.consolidate import build_consolidation
from pca_xlsx.consolidate.national import kind_of
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date.today()


def run(
    tmp_path: Path, contents: dict[str, dict], content: dict | None = None, written: bool = False
) -> dict[str, dict]:
    """Consolidate REA (establishment A, top folder) and LABO (B, in ``B/``); the national table by rule."""
    folder = tmp_path / "workbooks"
    folder.mkdir(parents=True)
    write_referential(folder / "referentiel.xlsx", content or ght_referential())
    ref = read_referential(folder / "referentiel.xlsx")
    for code, data in contents.items():
        write_service_workbook(folder / ("B" if code == "LABO" else "") / f"{code}.xlsx", ref, code, data)
    options = pipeline.Options(folder, tmp_path / "out")
    if written:
        result = pipeline.consolidate(options)
        national = result.consolidation.national
    else:  # the table alone: validated and consolidated in memory, nothing written
        result = pipeline.validate(options, write=False)
        national = build_consolidation(result, compare=False).national
    assert result.report.errors == []
    return {r["rule"]: r for r in national.to_dict("records")}


def signed(code: str, by: str, days: int = 10) -> dict:
    data = service_content(code)
    data["service"].update(validated_by=by, validated_on=TODAY - dt.timedelta(days=days))
    return data


CARE = "Plan validé pour au moins un service de soins critique"
ADMIN = "Plan validé pour au moins un processus administratif"
PLATFORM = "Plan validé pour au moins une plateforme technique (pharmacie, imagerie, biologie)"
GHT = (
    "Établissements dotés d'un plan (leurs trois périmètres minimaux couverts par un plan validé) : au moins 66 % "
    "de l'activité du GHT"
)
ALPHA = "Périmètres minimaux couverts – Hôpital Alpha (60 % de l'activité)"
BETA = "Périmètres minimaux couverts – Hôpital Bêta (40 % de l'activité)"
FIELD = "Un exercice réel (sur le terrain) dans les 12 derniers mois"
SCHEDULE = "Les autres plans : exercés dans la périodicité ou un exercice programmé"


def test_nothing_signed_off(tmp_path: Path) -> None:
    rules = run(tmp_path, {"REA": service_content("REA"), "LABO": service_content("LABO")})
    assert list(rules) == [CARE, ADMIN, PLATFORM, GHT, ALPHA, BETA, FIELD, SCHEDULE]
    assert (rules[CARE]["status"], rules[CARE]["evidence"]) == (
        "Non atteinte",
        "Aucun plan validé parmi 1 service concerné : REA.",
    )
    assert (rules[ADMIN]["status"], rules[ADMIN]["evidence"]) == (
        "Non atteinte",
        "Aucun service de ce type dans le référentiel.",
    )
    assert rules[PLATFORM]["evidence"] == "Aucun plan validé parmi 2 services concernés : LABO, PUI."
    assert rules[GHT]["status"] == "Non atteinte"
    assert rules[GHT]["evidence"].startswith("0 % de l'activité dans des établissements dotés d'un plan")
    assert rules[FIELD]["status"] == "Non atteinte"  # the conftest exercise is « Sur table »
    assert "CaRE" in rules[CARE]["source"] and "3 juillet 2025" in rules[CARE]["source"]


def test_care_service_signed_in_the_60_percent_establishment(tmp_path: Path) -> None:
    rules = run(tmp_path, {"REA": signed("REA", "Pr Claire MARTIN"), "LABO": service_content("LABO")})
    day = (TODAY - dt.timedelta(days=10)).strftime("%d/%m/%Y")
    assert (rules[CARE]["status"], rules[CARE]["evidence"]) == (
        "Atteinte",
        f"1 plan validé : REA validé le {day} par Pr Claire MARTIN.",
    )
    # Alpha's care service is signed off, but it has no administrative process nor technical platform:
    # one plan is not « doté d'un plan », so nothing counts towards the 66 %
    assert (rules[GHT]["status"], rules[GHT]["evidence"]) == (
        "Non atteinte",
        "0 % de l'activité dans des établissements dotés d'un plan : Hôpital Alpha (60 %, périmètres incomplets); "
        "Hôpital Bêta (40 %, périmètres incomplets).",
    )
    assert (rules[ALPHA]["status"], rules[ALPHA]["evidence"]) == (
        "Non atteinte",
        "service de soins à impact majeur : oui (REA) ; processus administratif le plus critique : non (aucun "
        "service de ce type) ; plateau technique (pharmacie, imagerie ou biologie) : non (aucun service de ce type).",
    )
    assert rules[BETA]["evidence"] == (
        "service de soins à impact majeur : non (aucun service de ce type) ; processus administratif le plus "
        "critique : non (aucun service de ce type) ; plateau technique (pharmacie, imagerie ou biologie) : non (sans "
        "plan validé : LABO, PUI)."
    )


def test_an_establishment_counts_only_with_its_three_perimeters_signed(tmp_path: Path) -> None:
    content = ght_referential()
    content["services"] = [*content["services"], {"code": "ADM", "name": "Admissions et frais de séjour",
                                                  "pole": "P1", "category": "Support"},
                           {"code": "IMAG", "name": "Imagerie médicale", "pole": "P1", "category": "Critique"}]  # fmt: skip
    workbooks = {"REA": signed("REA", "Pr Claire MARTIN"), "LABO": signed("LABO", "Pr Anne DUBOIS"),
                 "ADM": signed("ADM", "M. Paul NOEL")}  # fmt: skip
    rules = run(tmp_path, workbooks, content)
    assert rules[ALPHA]["status"] == "Non atteinte"  # IMAG, its platform, has no signed-off plan
    assert rules[ALPHA]["evidence"].endswith("plateau technique (pharmacie, imagerie ou biologie) : non (sans plan "
                                             "validé : IMAG).")  # fmt: skip
    assert rules[GHT]["evidence"].startswith("0 % de l'activité")
    rules = run(tmp_path / "again", {**workbooks, "IMAG": signed("IMAG", "Dr Luc BRUN")}, content)
    assert rules[ALPHA]["status"] == "Atteinte" and rules[BETA]["status"] == "Non atteinte"
    assert (rules[GHT]["status"], rules[GHT]["evidence"]) == (
        "Non atteinte",
        "60 % de l'activité dans des établissements dotés d'un plan : Hôpital Alpha (60 %, trois périmètres "
        "couverts); Hôpital Bêta (40 %, périmètres incomplets).",
    )


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
        f"1 exercice réel depuis le {cutoff:%d/%m/%Y} : REA le {field_day:%d/%m/%Y} (DPI indisponible)."
    )
    assert (rules[SCHEDULE]["status"], rules[SCHEDULE]["evidence"]) == (
        "Non atteinte",
        "1 service exercé dans la périodicité, 0 avec un exercice programmé (Plan d'actions, origine "
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
    run(tmp_path, {"REA": signed("REA", "Pr Claire MARTIN")}, written=True)
    ws = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx")["Exigences nationales"]
    assert ws["A1"].value == "Exigences nationales : 2 sur 8 atteintes"  # 6 rules + one row per establishment
    note = " ".join(str(ws.cell(r, 1).value or "") for r in range(2, 6))
    assert "doit être vérifiée au regard du texte officiel en vigueur" in note
    rows = table_rows(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx", "T_Exigences_nationales")
    assert [(r["Exigence"], r["Statut"]) for r in rows[:2]] == [(CARE, "Atteinte"), (ADMIN, "Non atteinte")]
    assert list(rows[0]) == ["Exigence", "Statut", "Preuve", "Source"] and len(rows) == 8
