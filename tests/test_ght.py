"""A GHT run (DESIGN §4.1): the referential's GHT rules as findings, establishment folders, one
consolidation per establishment whose figures add up to the GHT's, documents in each one's name."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import REFERENTIAL, consolidated_parts, service_content
from docx import Document
from python_calamine import CalamineWorkbook
from xlsx_tables import table_rows

from pca_xlsx import ght_run, pipeline
from pca_xlsx.format import MATURITY_QUESTIONS
from pca_xlsx.read import read_referential
from pca_xlsx.synthetic import hospital
from pca_xlsx.synthetic.__main__ import main as synthetic_main
from pca_xlsx.write.referential import write_referential
from pca_xlsx.write.template import write_service_workbook


def ght_referential(**changes) -> dict:
    """The conftest referential as a GHT: P1 (REA) in establishment A, P2 (LABO, PUI) in B."""
    content = copy.deepcopy(REFERENTIAL)
    content["etablissements"] = [
        {"code": "A", "name": "Hôpital Alpha", "finess": "540000001", "share": 60},
        {"code": "B", "name": "Hôpital Bêta", "finess": "540000002", "share": 40},
    ]
    content["poles"][0]["establishment"] = "A"
    content["poles"][1]["establishment"] = "B"
    content.update(changes)
    return content


def write_ght(root: Path, content: dict, folders: dict[str, str] | None = None) -> Path:
    """A workbooks folder: the referential, REA at the top, LABO in ``B/`` (or as ``folders`` says)."""
    folder = root / "workbooks"
    folder.mkdir()
    write_referential(folder / "referentiel.xlsx", content)
    ref = read_referential(folder / "referentiel.xlsx")
    for code, sub in (folders or {"REA": "", "LABO": "B"}).items():
        write_service_workbook(folder / sub / f"{code}.xlsx", ref, code, service_content(code))
    return folder


def findings(result, code: str) -> list[tuple[str, str, str, str]]:
    return [(f.file, f.sheet, f.cell, f.message) for f in result.report.findings if f.code == code]


# --- Referential rules: findings on the referential's cells, the run goes on ---------------------------------


def test_pole_without_establishment_and_its_services(tmp_path: Path) -> None:
    content = ght_referential()
    content["poles"][1]["establishment"] = None
    result = pipeline.consolidate(pipeline.Options(write_ght(tmp_path, content), tmp_path / "out"))
    assert findings(result, "pole-sans-etablissement") == [
        (
            "referentiel.xlsx",
            "Pôles",
            "F3",
            "Le pôle « P2 » n'a pas de « Code établissement » : dans un GHT, chaque pôle appartient à un "
            "établissement. Ses services ne sont comptés que dans la consolidation du GHT.",
        )
    ]
    assert [(f[2], f[3]) for f in findings(result, "service-sans-etablissement")] == [
        ("C3", "Le pôle « P2 » du service « LABO » n'appartient à aucun établissement du GHT : le service n'est "
               "compté que dans la consolidation du GHT."),
        ("C4", "Le pôle « P2 » du service « PUI » n'appartient à aucun établissement du GHT : le service n'est "
               "compté que dans la consolidation du GHT."),
    ]  # fmt: skip
    assert result.exit_code == 1
    # The run went on: LABO is in the GHT's consolidation, in no establishment's.
    assert sorted(result.consolidation.synthesis["code"]) == ["LABO", "PUI", "REA"]
    establishments = result.consolidation.establishments.set_index("name")
    assert establishments.loc["Sans établissement", "services"] == 2
    parts = consolidated_parts(result, tmp_path / "out")
    assert list(parts["A"].consolidation.synthesis["code"]) == ["REA"]
    assert list(parts["B"].consolidation.synthesis["code"]) == []


def test_unknown_establishment_code_suggests_the_closest(tmp_path: Path) -> None:
    content = ght_referential()
    content["poles"][1]["establishment"] = "b "  # stripped, then not the code « B »
    content["poles"][0]["establishment"] = "AA"
    result = pipeline.validate(pipeline.Options(write_ght(tmp_path, content), tmp_path / "out"), write=False)
    assert findings(result, "etablissement-inconnu")[0] == (
        "referentiel.xlsx",
        "Pôles",
        "F2",
        "« AA » n'est pas un code de la feuille « Établissements » (vouliez-vous dire « A » ?) : les services du "
        "pôle ne sont comptés que dans la consolidation du GHT.",
    )
    assert [f[2] for f in findings(result, "etablissement-inconnu")] == ["F2", "F3"]


def test_same_service_code_in_two_establishments_keeps_the_first(tmp_path: Path) -> None:
    content = ght_referential()
    content["services"].append({"code": "REA", "name": "Réanimation Bêta", "pole": "P2", "category": "Critique"})
    result = pipeline.validate(pipeline.Options(write_ght(tmp_path, content), tmp_path / "out"), write=False)
    assert findings(result, "service-deux-etablissements") == [
        (
            "referentiel.xlsx",
            "Services",
            "A5",
            "Le code service « REA » est déjà utilisé en A2 par l'établissement « Hôpital Alpha » : un code service "
            "est unique dans le GHT. Cette ligne est ignorée ; donnez un autre code à ce service.",
        )
    ]
    assert result.referential.service_codes == ["REA", "LABO", "PUI"]
    assert result.referential.service("REA")["name"] == "Réanimation"


def test_same_service_code_twice_in_one_establishment_is_a_plain_duplicate(tmp_path: Path) -> None:
    content = ght_referential()
    content["services"].append({"code": "LABO", "name": "Labo bis", "pole": "P2", "category": "Critique"})
    result = pipeline.validate(pipeline.Options(write_ght(tmp_path, content), tmp_path / "out"), write=False)
    assert [(f.sheet, f.cell) for f in result.report.findings if f.code == "referentiel-doublon"] == [
        ("Services", "A5")
    ]
    assert findings(result, "service-deux-etablissements") == []


def test_shares_over_100_percent(tmp_path: Path) -> None:
    content = ght_referential()
    content["etablissements"][1]["share"] = 45.5
    result = pipeline.consolidate(pipeline.Options(write_ght(tmp_path, content), tmp_path / "out"))
    assert findings(result, "parts-activite-excessives") == [
        (
            "referentiel.xlsx",
            "Établissements",
            "D3",
            "Les parts de l'activité du GHT totalisent 105,5 % : le total ne peut pas dépasser 100 %. "
            "L'exigence des 66 % n'est pas évaluée tant qu'elles ne sont pas corrigées.",
        )
    ]
    rule = result.consolidation.national.set_index("rule").iloc[3]
    assert (rule["status"], rule["evidence"]) == (
        "Non évaluée",
        "Les parts d'activité dépassent 100 % au total : à corriger.",
    )


def test_workbook_in_another_establishments_folder(tmp_path: Path) -> None:
    folder = write_ght(tmp_path, ght_referential(), {"REA": "B", "LABO": "B"})
    (folder / "Divers").mkdir()
    (folder / "exercices").mkdir()
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    # identity (DESIGN §6): a code disagreeing with its establishment folder is not published (an error)
    rows = 1 + len(MATURITY_QUESTIONS) + 2 + 3 + 1 + 1 + 1 + 2 + 1  # service_content("REA"), sheet by sheet
    assert findings(result, "identite-dossier") == [
        (
            "B/REA.xlsx",
            "Service",
            "B2",
            "Le code service « REA » est celui d'un service de l'établissement « Hôpital Alpha », mais le classeur "
            f"est rangé dans le dossier « B » : il n'est pas consolidé ({rows} ligne(s) écartée(s)) tant que ce n'est pas "
            "vérifié. Vérifiez le code de la feuille « Service », ou rangez le classeur dans le dossier de son "
            "établissement.",
        )
    ]
    assert findings(result, "classeur-autre-etablissement") == []
    assert result.exit_code == 1
    parts = consolidated_parts(result, tmp_path / "out")
    assert list(parts["A"].consolidation.synthesis.query("received")["code"]) == []
    # the disputed workbook belongs to the establishment whose folder holds it (plan cut), with its finding
    assert [wb.file for wb in parts["B"].workbooks] == ["B/LABO.xlsx", "B/REA.xlsx"]
    assert [wb.file for wb in parts["A"].workbooks] == []
    assert findings(parts["B"], "identite-dossier") == findings(result, "identite-dossier")
    assert findings(parts["A"], "identite-dossier") == []
    assert set(parts["B"].consolidation.synthesis.query("checking")["code"]) == set()  # REA is not B's
    control = parts["B"].consolidation.control
    assert set(control["file"]) >= {"B/REA.xlsx"}
    assert result.notes == [
        "Dossier « Divers » ignoré : ce n'est le code d'aucun établissement du référentiel (feuille « Établissements »)."
    ]


def test_one_establishment_runs_as_before(folder: Path, tmp_path: Path) -> None:
    content = copy.deepcopy(REFERENTIAL)
    content["etablissements"] = [{"code": "A", "name": "CH Test", "share": 100}]
    write_referential(folder / "referentiel.xlsx", content)
    result = pipeline.consolidate(pipeline.Options(folder, tmp_path / "out"))
    assert result.report.findings == [] and ght_run.establishment_codes(result) == []
    assert not (tmp_path / "out" / "etablissements").exists()
    sheets = openpyxl.load_workbook(tmp_path / "out" / "consolidation" / "PCA_consolide.xlsx").sheetnames
    assert "GHT" not in sheets and sheets[:3] == ["Synthèse", "Processus vitaux", "Exigences nationales"]
    assert result.consolidation.establishment == "CH Test"


# --- A synthetic GHT: three establishments ---------------------------------------------------------------------


#: Services of the synthetic GHT: 30 per establishment (the issue's 300 were checked by hand, every line OK;
#: nothing here depends on the size, and a third of the hospitals takes a third of the time).
SYNTHETIC = 90


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("ght")
    synthetic_main(["--out", str(root / "w"), "--services", str(SYNTHETIC), "--etablissements", "3", "--anomalies", "0",
                    "--date", "2026-11-30"])  # fmt: skip
    plan = hospital(SYNTHETIC, 0, dt.date(2026, 11, 30), 0.0, 3)  # what the command wrote
    result = pipeline.consolidate(pipeline.Options(root / "w", root / "out"))
    return plan, result, root / "out"


def test_synthetic_ght_writes_three_establishment_folders(synthetic) -> None:
    plan, result, out = synthetic
    assert sorted(p.name for p in (out / "etablissements").iterdir()) == ["E1", "E2", "E3"]
    assert all(
        (out / "etablissements" / e / "consolidation" / "PCA_consolide.xlsx").is_file() for e in ("E1", "E2", "E3")
    )
    assert len(result.workbooks) == SYNTHETIC and result.report.errors == []
    assert "GHT" in CalamineWorkbook.from_path(str(out / "consolidation" / "PCA_consolide.xlsx")).sheet_names


def test_each_establishments_figures_add_up_to_the_ghts(synthetic) -> None:
    """Services and process rows per establishment: from the generator's plan, from each establishment's own
    workbook, and from the GHT workbook's Synthèse and GHT sheets — all the same."""
    plan, _, out = synthetic
    by_est: dict[str, list[str]] = {}
    for code in plan.codes:
        by_est.setdefault(plan.folders[code], []).append(code)
    expected = {e: (len(codes), sum(len(plan.content(c)["processus"]) for c in codes)) for e, codes in by_est.items()}
    assert sorted(expected) == ["E1", "E2", "E3"] and sum(n for n, _ in expected.values()) == SYNTHETIC

    ght = out / "consolidation" / "PCA_consolide.xlsx"
    ght_services = table_rows(ght, "T_Synthese_services")
    ght_rows = {r["Code établissement"]: r for r in table_rows(ght, "T_GHT_etablissements")}
    for est, (services, processes) in expected.items():
        own = out / "etablissements" / est / "consolidation" / "PCA_consolide.xlsx"
        rows = table_rows(own, "T_Synthese_services")
        assert (len(rows), sum(r["Lignes de processus"] for r in rows)) == (services, processes), est
        assert (ght_rows[est]["Services"], ght_rows[est]["Lignes de processus"]) == (services, processes), est
        title = CalamineWorkbook.from_path(str(own)).get_sheet_by_name("Synthèse").to_python(nrows=1)[0][0]
        assert title == f"Plan de continuité d'activité — Établissement synthétique {est[1]}"
    total = sum(p for _, p in expected.values())
    assert sum(r["Lignes de processus"] for r in ght_services) == total
    board = table_rows(ght, "T_Tableau_de_bord_poles")
    assert board[-1]["Code pôle"] == "Total" and board[-1]["Lignes de processus"] == total
    assert sum(r["Lignes de processus"] for r in board[:-1]) == total


def test_synthetic_shares_add_to_100() -> None:
    plan = hospital(10, establishments=3)
    assert [e["share"] for e in plan.referential["etablissements"]] == [34, 33, 33]
    assert hospital(10).referential["etablissements"] == []


# --- Documents in each establishment's name -------------------------------------------------------------------


def test_each_establishments_documents_carry_its_name(tmp_path: Path) -> None:
    folder = write_ght(tmp_path, ght_referential())
    result = pipeline.run(pipeline.Options(folder, tmp_path / "out"))
    out = tmp_path / "out"
    assert result.report.findings == []
    for code, name in (("A", "Hôpital Alpha"), ("B", "Hôpital Bêta")):
        docs = out / "etablissements" / code / "documents"
        synthesis = Document(docs / "synthese_etablissement.docx")
        assert synthesis.paragraphs[1].text.startswith(f"{name} – GHT Test · situation au "), code
        pole = "P1" if code == "A" else "P2"
        dashboard = Document(docs / "poles" / f"{pole}.docx")
        assert dashboard.paragraphs[2].text.startswith(f"{pole} · {name} – GHT Test"), code
    assert Document(out / "etablissements" / "A" / "documents" / "fiches_synthese" / "REA.docx")
    assert not (out / "etablissements" / "A" / "documents" / "fiches_synthese" / "LABO.docx").exists()
    top = Document(out / "documents" / "synthese_etablissement.docx")
    assert top.paragraphs[1].text.startswith("GHT Test · situation au ")


def test_ght_procurement_per_establishment_adds_up(synthetic) -> None:
    """In the GHT workbook, telecom totals are per establishment; each equals that establishment's own total."""
    _, result, out = synthetic
    ght = result.consolidation.procurement["telecom"]
    assert list(ght.columns) == ["total", "E1", "E2", "E3"]
    parts = consolidated_parts(result, out)
    for est in ("E1", "E2", "E3"):
        own = parts[est].consolidation.procurement["telecom"]
        poles = set(parts[est].referential.poles["code"])
        assert own.columns[0] == "total" and len(own.columns) > 2 and set(own.columns[1:]) <= poles  # its own pôles
        assert ght[est].to_dict() == own["total"].reindex(ght.index, fill_value=0).to_dict(), est
    assert (ght[["E1", "E2", "E3"]].sum(axis=1) == ght["total"]).all()
    assert list(table_rows(out / "consolidation" / "PCA_consolide.xlsx", "T_Totaux_telecom")[0])[:5] == [
        "Moyen",
        "Besoin total",
        "Établissement E1",
        "Établissement E2",
        "Établissement E3",
    ]


def test_synthetic_ght_levels_add_up(synthetic) -> None:
    """« Contrôle »'s reconciliation: every line OK in the GHT's workbook and in each establishment's."""
    from python_calamine import CalamineWorkbook

    _, result, out = synthetic
    books = [out / "consolidation" / "PCA_consolide.xlsx", *sorted(out.glob("etablissements/*/consolidation/*.xlsx"))]
    assert len(books) == 4
    own_gaps = []
    for book in books:
        data = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Contrôle").to_python()
        top = next(i for i, r in enumerate(data) if r[0] == "Chiffre")
        lines = {r[0]: r for r in data[top + 1 :] if r[0]}
        assert len(lines) == 15 and {r[5] for r in lines.values()} == {"OK"}, book  # with the re-keying and prints
        if book == books[0]:
            assert lines["Services"][1:4] == [SYNTHETIC] * 3
        else:
            own_gaps.append(lines["Écarts"][1])
    gaps = result.consolidation.gaps_raw
    assert set(gaps["_establishment"]) <= {"E1", "E2", "E3"}  # every GHT gap held by exactly one establishment
    assert sum(own_gaps) == len(result.consolidation.gaps)  # each establishment's own workbook counts its own


def test_an_establishments_working_group_order_ranks_its_own_services_and_names_the_others(demo_run):
    """CHVM's working groups are for CHVM's services; the CHU services they rely on are named as such."""
    from python_calamine import CalamineWorkbook

    _, out = demo_run
    path = out / "etablissements" / "CHVM" / "consolidation" / "PCA_consolide.xlsx"
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Interfaces").to_python()
    top = next(i for i, r in enumerate(rows) if r[0] == "Rang")
    reason = rows[top].index("Pourquoi ce rang")
    ranked = [r for r in rows[top + 1 :] if isinstance(r[0], float)]
    assert [r[1] for r in ranked] == ["PHARVM", "MEDVM", "URGVM"]  # the Val de Meuse's three workbooks
    assert [r[0] for r in ranked] == [1.0, 2.0, 3.0]
    assert ranked[0][reason].endswith(
        "Services d'un autre établissement : TELECOM = Télécommunications (service du CHU Exemple), "
        "PUI = Pharmacie à usage intérieur (service du CHU Exemple)."
    )


def test_citations_find_codes_as_whole_words_in_order_of_first_citation():
    from pca_xlsx.consolidate.part import Citations

    cites = Citations(["REA", "URG", "URGP", "A-B", "B"])
    assert cites("Dépend de URGP puis de A-B ; REA et URG.") == ["URGP", "A-B", "B", "REA", "URG"]
    assert cites("REA01, URGENCES, AB, X") == []  # part of a longer word: not a citation
    assert cites("B et A-B") == ["B", "A-B"]  # B first cited alone, then inside A-B (same start: codes' order)
