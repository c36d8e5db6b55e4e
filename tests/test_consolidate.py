"""Consolidation tables: known facts, gaps with their cells, working-group order, control, changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import service_content

from pca_xlsx import pipeline
from pca_xlsx.consolidate.control import TOOL_ERROR
from pca_xlsx.consolidate.gaps import (
    COORDINATION,
    INTERFACE,
    NO_EXERCISE,
    NO_WORKAROUND,
    NOT_RECEIVED,
    PREREQUISITE,
    UNCOVERED,
    VITAL_UNTESTED,
)
from pca_xlsx.consolidate.interfaces import working_group_order
from pca_xlsx.read import read_referential
from pca_xlsx.write.template import write_service_workbook

TODAY = dt.date.today()


def validated(folder: Path, output: Path) -> pipeline.RunResult:
    return pipeline.validate(pipeline.Options(folder, output), write=False)


def consolidate(folder: Path, output: Path, snapshot: bool = True):
    result = validated(folder, output)
    return result, pipeline.consolidation(result, output, snapshot=snapshot, today=TODAY)


def rewrite(folder: Path, code: str, content: dict) -> None:
    ref = read_referential(folder / "referentiel.xlsx")
    write_service_workbook(folder / f"{code}.xlsx", ref, code, content)


def test_resource_most_services_depend_on_critically_comes_first(folder: Path, tmp_path: Path) -> None:
    for code in ("REA", "LABO", "PUI"):
        content = service_content(code)
        content["applications"][0]["dependency"] = "Critique" if code == "REA" else "Modérée"  # DPI
        content["applications"][1]["dependency"] = "Critique"  # SGL, everywhere
        rewrite(folder, code, content)
    _, c = consolidate(folder, tmp_path / "out")
    first = c.spof.iloc[0]
    assert (first["resource"], first["critical"], first["strong"]) == ("SGL", 3, 0)
    assert first["critical_services"] == ["LABO", "PUI", "REA"]
    assert list(c.spof["resource"]) == ["SGL", "DPI", "Téléphonie"]
    assert c.headline.spof == [("SGL", 3, 0), ("DPI", 1, 0)]
    row = c.dependencies.set_index("code").loc["LABO"]
    assert (row["DPI"], row["SGL"], row["Téléphonie"]) == ("Modérée", "Critique", "")


def test_synthesis_figures_and_maturity_formula(folder: Path, tmp_path: Path) -> None:
    _, c = consolidate(folder, tmp_path / "out")
    syn = c.synthesis.set_index("code")
    assert list(syn.index) == ["LABO", "PUI", "REA"]
    rea = syn.loc["REA"]
    # 10 questions: 5 « Oui », 5 « Partiel » -> 100 × (5 + 2.5) / 10
    assert rea["maturity"] == 75.0
    assert (rea["processes"], rea["with_workaround_pct"], rea["tested_pct"]) == (3, 66.7, 33.3)
    assert (rea["applications"], rea["ambition"], rea["pole_name"]) == (2, 100, "Pôle Urgences – Réanimation")
    assert rea["last_exercise"] == TODAY - dt.timedelta(days=60)
    assert not syn.loc["PUI", "received"] and syn.loc["PUI", "processes"] == 0
    poles = c.poles.set_index("pole")
    assert (poles.loc["P2", "services"], poles.loc["P2", "received"], poles.loc["P2", "processes"]) == (2, 1, 3)
    h = c.headline
    assert (h.services, h.received, h.processes, h.coverage, h.tested) == (3, 2, 6, 66.7, 33.3)


def test_gaps_name_service_and_cell(folder: Path, tmp_path: Path) -> None:
    content = service_content("REA")
    content["processus"][1]["resource"] = "Téléphonie"  # SGL (Forte) left without a process row
    content["processus"][1]["relies_on"] = "PUI"  # PUI sent no workbook
    content["processus"][0]["prerequisites"] = "Ordonnances papier; Bons d'imagerie"
    content["exercices"][0]["date"] = TODAY - dt.timedelta(days=400)
    rewrite(folder, "REA", content)
    _, c = consolidate(folder, tmp_path / "out")
    rea = c.gaps[c.gaps["code"] == "REA"]
    found = sorted(zip(rea["type"], rea["sheet"], rea["cell"]))
    assert found == sorted(
        [
            (PREREQUISITE, "Processus", "H2"),
            (INTERFACE, "Processus", "F3"),
            (NO_WORKAROUND, "Processus", "E4"),
            (UNCOVERED, "Applications", "C3"),
            (NO_EXERCISE, "Exercices", ""),
        ]
    )
    assert "Bons d'imagerie" in rea.loc[rea["type"] == PREREQUISITE, "detail"].iloc[0]
    labo = c.gaps[c.gaps["code"] == "LABO"]
    # LABO's row 2 relies on REA (vital); REA's map names LABO nowhere: a coordination gap at F3
    assert sorted(zip(labo["type"], labo["cell"])) == sorted(
        [(VITAL_UNTESTED, "J3"), (NO_WORKAROUND, "E4"), (COORDINATION, "F3")]
    )
    assert list(c.gaps.loc[c.gaps["code"] == "PUI", "type"]) == [NOT_RECEIVED]
    assert c.gap_counts[NO_WORKAROUND] == 2 and sum(c.gap_counts.values()) == len(c.gaps) == 9
    # each gap names its rule by code, like a finding
    assert sorted(zip(labo["rule"], labo["cell"])) == [
        ("coordination-a-organiser", "F3"),
        ("processus-sans-parade", "E4"),
        ("vital-non-teste", "J3"),
    ]
    assert list(c.gaps.loc[c.gaps["code"] == "PUI", "rule"]) == ["classeur-non-recu"]


def test_working_group_order_puts_providers_first_and_survives_cycles() -> None:
    edges = [
        ("IMAG", "BIO"),  # imaging relies on biomedical
        ("REA", "IMAG"),
        ("REA", "LABO"),
        ("LABO", "BIO"),
        ("URG", "IMAG"),
        ("X", "Y"),  # a real loop X <-> Y, itself relying on BIO
        ("Y", "X"),
        ("X", "BIO"),
    ]
    categories = {"BIO": "Support", "PUI": "Support", "IMAG": "Critique", "LABO": "Critique", "REA": "Critique"}
    order, loops = working_group_order(["PUI", "NEURO", "REA"], edges, categories)
    # support first (BIO: 3 services rely on it, PUI: none), then the most relied on among the ready ones
    assert order == ["BIO", "PUI", "IMAG", "LABO", "X", "Y", "NEURO", "REA", "URG"]
    assert loops == [["X", "Y"]]
    position = {code: i for i, code in enumerate(order)}
    for src, dst in edges:
        if {src, dst} != {"X", "Y"}:
            assert position[dst] < position[src]


def test_inside_a_circle_support_comes_before_the_care_it_serves() -> None:
    edges = [
        ("IMAG", "BIOMED"),  # imaging needs biomedical...
        ("BIOMED", "IMAG"),  # ...which also relies on imaging: the back-and-forth of the account
        ("REA", "IMAG"),
        ("URG", "IMAG"),
        ("NEURO", "IMAG"),
    ]
    categories = {"BIOMED": "Support", "IMAG": "Critique", "REA": "Critique", "URG": "Critique", "NEURO": "Modèle"}
    order, loops = working_group_order([], edges, categories)
    assert order == ["BIOMED", "IMAG", "NEURO", "REA", "URG"]  # IMAG has more dependents, BIOMED still first
    assert loops == [["BIOMED", "IMAG"]]


def test_a_one_way_circle_is_ordered_but_not_reported_as_a_loop() -> None:
    order, loops = working_group_order([], [("A", "B"), ("B", "C"), ("C", "A")], {})
    assert sorted(order) == ["A", "B", "C"] and loops == []


def test_weights_decide_among_ready_services() -> None:
    edges = [("REA", "LABO"), ("URG", "IMAG"), ("NEURO", "IMAG")]
    weights = {("REA", "LABO"): 3, ("URG", "IMAG"): 1, ("NEURO", "IMAG"): 1}
    order, _ = working_group_order([], edges, {}, weights)
    assert order[:2] == ["LABO", "IMAG"]  # one vital reliance (3) outweighs two moderate ones (1 + 1)


def test_interfaces_and_reverse_dependencies(folder: Path, tmp_path: Path) -> None:
    _, c = consolidate(folder, tmp_path / "out")
    assert list(zip(c.interfaces["code"], c.interfaces["depends_on"], c.interfaces["numbers"])) == [
        ("LABO", "REA", "2"),
        ("REA", "LABO", "2"),
    ]
    assert list(c.interfaces["mutual"]) == [True, True]
    assert c.depended_by == {"LABO": ["REA"], "REA": ["LABO"]}
    assert c.order == ["PUI", "LABO", "REA"]  # a support service first, even with nobody relying on it yet
    assert c.loops == [["LABO", "REA"]]
    table = c.order_table.set_index("code")
    assert (table.loc["LABO", "cycle"], table.loc["LABO", "mutual"], table.loc["LABO", "loop"]) == ("REA", "REA", 2)
    assert table.loc["PUI", "mutual"] == ""
    assert (
        table.loc["PUI", "reason"]
        == "Service support : aucun service ne compte sur lui ; il ne dépend d'aucun autre service."
    )
    assert table.loc["LABO", "reason"] == (
        "Service critique : 1 service compte sur lui, dont 1 pour un processus vital ou une dépendance critique ; "
        "il ne dépend d'aucun service placé avant lui. En boucle avec REA (dépendance dans les deux sens) : "
        "groupes de travail communs."
    )
    assert (table.loc["REA", "wave"], table.loc["REA", "wave_rank"], table.loc["REA", "wave_size"]) == (1, 3, 3)


def test_scenarios_count_hits_and_vital_without_workaround(folder: Path, tmp_path: Path) -> None:
    content = service_content("REA")
    content["processus"][0]["workaround"] = None  # vital, DPI
    rewrite(folder, "REA", content)
    _, c = consolidate(folder, tmp_path / "out")
    dpi = c.scenarios[c.scenarios["scenario"] == "DPI indisponible"]
    assert list(dpi["code"]) == ["REA", "LABO"]  # vital without workaround first
    assert list(dpi.iloc[0][["hit", "vital_hit", "no_workaround", "vital_no_workaround"]]) == [1, 1, 1, 1]
    everything = c.scenarios[c.scenarios["scenario"] == "Cyberattaque généralisée"].set_index("code")
    assert list(everything.loc["LABO", ["hit", "no_workaround", "untested"]]) == [3, 1, 1]
    assert list(zip(c.scenario_vital["scenario"], c.scenario_vital["code"], c.scenario_vital["number"])) == [
        ("DPI indisponible", "REA", 1),
        ("Cyberattaque généralisée", "REA", 1),
    ]
    assert c.scenario_vital["source"].iloc[0] == "REA.xlsx · Processus!A2"


def test_procurement_totals_hospital_wide_and_per_pole(folder: Path, tmp_path: Path) -> None:
    content = service_content("REA")
    content["biomedical"].append({"device": "Pousse-seringue", "quantity": 7, "connected": "Oui", "offline": "Non"})
    content["telecom"].append({"means": "Téléphone mobile", "quantity": 3})
    rewrite(folder, "REA", content)
    _, c = consolidate(folder, tmp_path / "out")
    telecom = c.procurement["telecom"]
    assert list(telecom.loc["Téléphone mobile", ["total", "P1", "P2"]]) == [7, 5, 2]
    assert list(c.procurement["documents"].loc["Prescription", ["total", "P1", "P2"]]) == [400, 200, 200]
    assert list(c.procurement["biomedical"].loc["Non", ["total", "P1"]]) == [7, 7]
    devices = c.procurement["biomedical_devices"]
    assert list(devices.iloc[0][["device", "offline_no", "services"]]) == ["Pousse-seringue", 7, ["REA"]]


def test_control_adds_up_and_detects_a_lost_row(folder: Path, tmp_path: Path) -> None:
    result, c = consolidate(folder, tmp_path / "out")
    ctl = c.control
    assert c.control_ok and (ctl["status"] == "OK").all()
    assert int(ctl["read"].sum()) == sum(sum(wb.rows_read().values()) for wb in result.workbooks)
    # a row silently dropped (no finding) is an error of the tool
    result.tables["processus"] = result.tables["processus"].iloc[1:]
    c2 = pipeline.consolidation(result, tmp_path / "out", snapshot=False, today=TODAY)
    assert not c2.control_ok and not c2.headline.control_ok
    bad = c2.control[c2.control["status"] != "OK"]
    assert len(bad) == 1 and bad.iloc[0]["status"].startswith(TOOL_ERROR)
    assert list(bad.iloc[0][["read", "consolidated", "rejected"]]) == [3, 2, 1]


def test_rows_of_workbooks_with_errors_are_kept_and_flagged(folder: Path, tmp_path: Path) -> None:
    content = service_content("REA")
    content["processus"][2]["criticality"] = "Pas une criticité"
    rewrite(folder, "REA", content)
    result, c = consolidate(folder, tmp_path / "out")
    assert not result.report.valid
    rea = c.details["processus"][c.details["processus"]["code"] == "REA"]
    assert len(rea) == 3 and set(rea["flag"]) <= {"Ligne en erreur", "Classeur en erreur"}
    assert set(rea["flag"]) != {""} and c.synthesis.set_index("code").loc["REA", "errors"] >= 1


def _processus_sheet(path: Path):
    wb = openpyxl.load_workbook(path)
    return wb, wb["Processus"]


def test_evolutions_between_two_runs(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _, first = consolidate(folder, out)
    assert first.evolutions.empty and first.evolutions_note.startswith("Première consolidation")
    pipeline.save_consolidation(first, out)
    assert (out / "etat" / "derniere_consolidation.json").is_file()

    wb, ws = _processus_sheet(folder / "REA.xlsx")
    ws["E2"] = "Prescription papier sur carnet"  # N° 1 changed
    ws["A4"] = None  # N° 3 removed (row cleared)
    for col in "BCDEFGHIJ":
        ws[f"{col}4"] = None
    for col, value in zip("ABCDJ", (4, "Transmissions", "Majeure", "DPI", "Définie")):
        ws[f"{col}5"] = value  # N° 4 added
    wb.save(folder / "REA.xlsx")

    _, second = consolidate(folder, out)
    ev = second.evolutions
    assert list(zip(ev["code"], ev["sheet"], ev["key"], ev["change"])) == [
        ("REA", "Processus", "N° 4", "Ligne ajoutée"),
        ("REA", "Processus", "N° 3", "Ligne supprimée"),
        ("REA", "Processus", "N° 1", "Ligne modifiée"),
    ]
    changed = ev.iloc[2]
    assert changed["detail"] == "Parade : « Prescription papier » → « Prescription papier sur carnet »"
    assert changed["source"] == "REA.xlsx · Processus!A2"
    assert "Changements depuis la consolidation du" in second.evolutions_note


def test_evolutions_report_new_and_missing_workbooks(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _, first = consolidate(folder, out)
    pipeline.save_consolidation(first, out)
    (folder / "LABO.xlsx").unlink()
    rewrite(folder, "PUI", service_content("PUI"))
    _, second = consolidate(folder, out)
    assert list(zip(second.evolutions["code"], second.evolutions["change"])) == [
        ("PUI", "Nouveau classeur"),
        ("LABO", "Classeur absent de cette consolidation"),
    ]


def test_without_snapshot_nothing_is_stored(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _, c = consolidate(folder, out, snapshot=False)
    pipeline.save_consolidation(c, out)
    assert not (out / "etat").exists()


@pytest.mark.parametrize("value", ["  vitale ", "VITALE"])
def test_raw_choice_values_are_canonicalised(folder: Path, tmp_path: Path, value: str) -> None:
    content = service_content("REA")
    content["processus"][0]["criticality"] = value
    rewrite(folder, "REA", content)
    _, c = consolidate(folder, tmp_path / "out")
    rea = c.details["processus"][c.details["processus"]["code"] == "REA"]
    assert rea.iloc[0]["criticality"] == "Vitale"


def test_prerequisite_matching_keeps_its_meaning_with_its_shortcuts() -> None:
    """The memoised matcher (cheap ratio bounds first) answers as the plain pairwise comparison."""
    from difflib import SequenceMatcher

    from pca_xlsx.core.matching import MATCH_RATIO, DocumentMatcher, matches_document
    from pca_xlsx.format import fold

    def reference(item: str, documents: list[str]) -> bool:
        wanted = fold(item)
        words = {w for w in wanted.split() if len(w) > 3}
        for doc in documents:
            if wanted in doc or doc in wanted:
                return True
            if words and len(words & {w for w in doc.split() if len(w) > 3}) >= max(1, len(words) // 2):
                return True
            if SequenceMatcher(None, wanted, doc).ratio() >= MATCH_RATIO:
                return True
        return False

    documents = [
        fold(d)
        for d in ("Ordonnances papier", "Étiquettes patients pré-numérotées", "Bons de demande de biologie",
                  "Annuaire téléphonique papier", "Registre des entrées et sorties")
    ]  # fmt: skip
    items = ["Ordonnance papier", "étiquettes", "Bons biologie pré-imprimés", "Annuaire", "Registre", "Radios chargées",
             "Coursier identifié", "Planning imprimé", "Bon de demande d'imagerie", "Ordonnancier", "x", "Bons"]  # fmt: skip
    expected = [reference(i, documents) for i in items]
    assert expected.count(True) >= 5 and expected.count(False) >= 3  # both answers are exercised
    assert [matches_document(i, documents) for i in items] == expected
    matcher = DocumentMatcher(documents)
    assert [matcher.matches(i) for i in items + items] == expected + expected
    assert not DocumentMatcher([]).matches("Ordonnances papier")


def test_procurement_total_counts_services_outside_the_known_poles() -> None:
    import pandas as pd

    from pca_xlsx.consolidate.procurement import by_pole

    frame = pd.DataFrame(
        {"means": ["Téléphone mobile", "Téléphone mobile", "Radio"], "pole": ["P1", "", ""], "quantity": [3, 5, 2]}
    )
    table = by_pole(frame, "means", "quantity", ["Téléphone mobile", "Radio"], ["P1", "P2"])
    assert table.loc["Téléphone mobile"].to_dict() == {"total": 8, "P1": 3, "P2": 0}
    assert table.loc["Radio"].to_dict() == {"total": 2, "P1": 0, "P2": 0}


def test_share_texts_keeps_values_and_types_and_makes_equal_texts_one_object() -> None:
    """consolidate/common.share_texts: the same values, dtypes and missing values; equal texts become one
    object per column, those of ``like``'s same-named column reused."""
    import pandas as pd

    from pca_xlsx.consolidate.common import share_texts

    made = ["".join(["B", str(i % 2)]) for i in range(6)]  # built one by one: six objects, two texts
    frame = pd.DataFrame({"cell": pd.Series(made, dtype="str"), "mixed": [made[0], 1.5, None, made[2], 3, "x"],
                          "n": range(6)})  # fmt: skip
    frame.loc[5, "cell"] = None
    before = frame.copy()
    like = pd.DataFrame({"cell": ["".join(["B", "1"])]})
    assert share_texts(frame, like=like) is frame
    pd.testing.assert_frame_equal(frame, before)
    assert frame["cell"].isna().tolist() == [False] * 5 + [True]
    cells = frame["cell"].array
    assert cells[0] is cells[2] is cells[4] is made[0] and made[2] is not made[0]  # "B0": the first one met
    assert cells[1] is cells[3] is like["cell"][0]  # "B1": like's
    assert frame["mixed"][0] is frame["mixed"][3]


def test_the_consolidations_largest_tables_hold_each_text_once(demo_run) -> None:
    """The reliances, interfaces, coordination and gaps tables of a run: one object per distinct text in each
    text column (a cell address or a gap's sentence built row by row), the gaps' shared with the raw gaps'."""
    result, _ = demo_run
    c = result.consolidation
    for name in ("reliances", "interfaces", "coordination", "gaps", "gaps_raw"):
        frame = getattr(c, name)
        for column in frame.columns:
            texts = [v for v in frame[column].tolist() if type(v) is str]
            assert len({id(v) for v in texts}) == len(set(texts)), (name, column)
    assert len(c.gaps) > 200 and c.reliances["cell"].nunique() < len(c.reliances)
    raw = {v: v for v in c.gaps_raw["detail"].tolist()}
    assert all(raw[v] is v for v in c.gaps["detail"].tolist() if v in raw)
