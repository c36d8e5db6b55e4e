"""The demo GHT's synthesis and workbooks: each figure's label says how it is computed, and the totals add up.

Expected values come from the demo's source data (scripts/demo_data), not from a run: the telecom purchases
of a GHT are the sum of each establishment's own shortfall (a surplus is not lent), the three paper figures
are three different quantities, and the pôle table's total row is the headline's gaps.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from conftest import CHU_CODES, ROOT
from docx import Document
from python_calamine import CalamineWorkbook
from xlsx_tables import table_rows

ESTABLISHMENTS = ("CHUEX", "CHVM")
GHT_RULE = (
    "À acheter = somme des manques de chaque établissement, moyen par moyen (besoin de ses services − son stock, "
    "jamais négatif) : un surplus dans un établissement ne couvre pas le manque d'un autre"
)
ONE_RULE = "À acheter = besoin des services − stock détenu, moyen par moyen (jamais négatif)"
COST_NOTE = (
    ". Stock détenu : référentiel, feuille « Moyens de secours ». Coût = à acheter × coût unitaire ; un moyen sans "
    "coût unitaire (« Autre », nommé par son usage) n'est pas compté dans le total."
)
PAPER_END = "Cyberattaque : exemplaires à imprimer en plus des quantités prévues, pour tenir jusqu'à la fin du papier"


def _services() -> dict[str, dict]:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from demo_data import load_services

    return load_services()


def _est(code: str) -> str:
    return "CHUEX" if code in CHU_CODES else "CHVM"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


@pytest.fixture(scope="module")
def telecom() -> dict[str, dict[str, Counter]]:
    """Per establishment: need, stock (own rows, plus its share of the shared rows: in proportion to the two
    establishments' needs, the remainder to the larger fraction, the CHU first on a tie) and shortfall."""
    from demo_data.referential import BACKUP_MEANS

    need = {e: Counter() for e in ESTABLISHMENTS}
    for code, data in _services().items():
        for row in data.get("telecom", []):
            need[_est(code)][row["means"]] += row["quantity"]
    held = {e: Counter() for e in ESTABLISHMENTS}
    for r in BACKUP_MEANS:
        if r["establishment"]:
            held[r["establishment"]][r["means"]] += r["stock"]
            continue
        a, b = need["CHUEX"][r["means"]], need["CHVM"][r["means"]]
        chu = math.floor((r["stock"] * a / (a + b) if a + b else r["stock"] / 2) + 0.5)
        held["CHUEX"][r["means"]] += chu
        held["CHVM"][r["means"]] += r["stock"] - chu
    short = {e: Counter({m: max(0, need[e][m] - held[e][m]) for m in need[e] | held[e]}) for e in ESTABLISHMENTS}
    return {"need": need, "held": held, "short": short}


def _paragraphs(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs]


def _table(path, first: list[str]) -> list[list[str]]:
    """The rows (header first) of the document's table whose header starts with ``first``; continued tables too."""
    rows = []
    for t in Document(path).tables:
        cells = [[c.text for c in r.cells] for r in t.rows]
        if cells[0][: len(first)] == first:
            rows += cells[1:] if rows else cells
    return rows


def _sheet(path, name: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)


def test_ght_purchases_are_the_sum_of_each_establishments_shortfall_and_say_so(demo_run, telecom) -> None:
    _, out = demo_run
    need = telecom["need"]["CHUEX"] + telecom["need"]["CHVM"]
    held = telecom["held"]["CHUEX"] + telecom["held"]["CHVM"]
    short = telecom["short"]["CHUEX"] + telecom["short"]["CHVM"]
    # CHVM holds one radio more than it needs while the CHU lacks 6: the GHT buys 6, not 45 − 40
    assert (need["Radio"], held["Radio"], short["Radio"]) == (45, 40, 6)
    assert (
        telecom["held"]["CHVM"]["Radio"] - telecom["need"]["CHVM"]["Radio"],
        telecom["short"]["CHUEX"]["Radio"],
    ) == (1, 6)
    assert (sum(need.values()), sum(held.values()), sum(short.values())) == (205, 210, 30)

    synthesis = out / "documents" / "synthese_etablissement.docx"
    assert GHT_RULE + COST_NOTE in _paragraphs(synthesis)
    assert ONE_RULE not in "\n".join(_paragraphs(synthesis))
    bought = _table(synthesis, ["Moyen", "Besoin des services", "Stock détenu", "À acheter"])
    assert ["Radio", "45", "40", "6", "2\u202f700 €"] in bought
    chu = out / "etablissements" / "CHUEX" / "documents" / "synthese_etablissement.docx"
    assert ONE_RULE + COST_NOTE in _paragraphs(chu)
    assert ["Radio", "42", "36", "6", "2\u202f700 €"] in _table(chu, ["Moyen", "Besoin des services"])

    book = out / "consolidation" / "PCA_consolide.xlsx"
    grid = _sheet(book, "Télécom")
    assert GHT_RULE in " ".join(str(r[0]) for r in grid[1:7])
    assert grid[14][:4] == ["Radio", 45, 40, 6]  # A15:D15
    own = _sheet(out / "etablissements" / "CHVM" / "consolidation" / "PCA_consolide.xlsx", "Télécom")
    assert ONE_RULE in " ".join(str(r[0]) for r in own[1:7]) and GHT_RULE not in " ".join(str(r[0]) for r in own)
    control = {r["Chiffre"]: r for r in table_rows(book, "T_Controle_niveaux")}
    assert control["Télécom : à acheter (somme des manques)"]["Ce niveau"] == 30
    assert (control["Télécom : besoin des services"]["Ce niveau"], control["Télécom : stock détenu"]["Ce niveau"]) == (
        205, 210,
    )  # fmt: skip
    assert GHT_RULE in " ".join(str(r[0]) for r in _sheet(book, "Contrôle") if r[0])


def _paper(codes: set[str], until: dict[str, int]) -> tuple[int, int, int, int]:
    """(copies planned on every row, rows still to prepare, their copies, copies to print beyond the planned
    ones to last until the service leaves paper, ``until[code]``) of the Documents rows of ``codes``."""
    rows = [(c, d) for c, data in _services().items() if c in codes for d in data.get("documents", [])]
    todo = [d for _, d in rows if d.get("state") in (None, "À préparer")]
    end = sum(max(0, until[c] * (d.get("consumption_per_day") or 0) - (d.get("quantity") or 0)) for c, d in rows)
    planned = sum(d["quantity"] or 0 for _, d in rows)
    return planned, len(todo), sum(d["quantity"] or 0 for d in todo), end


def _until(book) -> dict[str, int]:
    """Each service's « Fin du papier (J+) » (recomputed from the workbooks in ``test_outage_demo``)."""
    return {r["Code service"]: int(r["Fin du papier (J+)"]) for r in table_rows(book, "T_Duree_panne_services")}


@pytest.mark.parametrize("level", ["GHT", "CHUEX"])
def test_the_three_paper_figures_are_named_for_what_they_count(demo_run, level) -> None:
    _, out = demo_run
    codes = set(_services()) if level == "GHT" else set(CHU_CODES)
    folder = out if level == "GHT" else out / "etablissements" / level
    book = folder / "consolidation" / "PCA_consolide.xlsx"
    planned, lines, to_prepare, end = _paper(codes, _until(book))
    if level == "GHT":
        assert (planned, lines, to_prepare) == (69878, 79, 24644)
    text = _paragraphs(folder / "documents" / "synthese_etablissement.docx")
    assert f"4. Documents papier encore à préparer : {lines} lignes, {_n(to_prepare)} exemplaires à imprimer" in text
    heading = text.index("Documents papier prévus par les services (exemplaires, toutes lignes)")
    assert text[heading + 1] == (
        f"Somme de la « Quantité à prévoir » de toutes les lignes de la feuille Documents, prêtes ou non : "
        f"{_n(planned)} exemplaires, dont {_n(to_prepare)} encore à préparer (page des décisions). Pour tenir "
        "jusqu'à la fin du papier de chaque service sous cyberattaque généralisée : "
        f"{_n(end)} exemplaires à imprimer en plus (consommation par jour × jours jusqu'à la fin du papier du "
        "service − quantité prévue, document par document ; feuille « Durée de la panne »)."
    )
    levels = _table(folder / "documents" / "synthese_etablissement.docx", ["Chiffre", "Ce niveau"])
    assert [r[1] for r in levels if r[0] == PAPER_END] == [_n(end)]
    assert not [p for p in text if p.startswith("Documents papier à imprimer")]
    title = _sheet(book, "Documents")[0][0]
    split = "total GHT et par établissement" if level == "GHT" else "total établissement et par pôle"
    assert (
        title
        == f"Documents papier prévus par les services (« Quantité à prévoir », toutes lignes, prêtes ou non) — {split}"
    )
    assert (
        sum(r["Total GHT" if level == "GHT" else "Total établissement"] for r in table_rows(book, "T_Totaux_documents"))
        == planned
    )


@pytest.mark.parametrize(
    ("level", "total", "outside"), [("GHT", 263, [23, 12]), ("CHUEX", 231, [23]), ("CHVM", 32, [12])]
)
def test_the_pole_tables_total_is_the_headlines_gaps(demo_run, level, total, outside) -> None:
    """228 gaps in the pôles, 35 of the DSI (« Reprise SI insuffisante », no service): the « Hors pôle » rows
    (one per establishment in the GHT) make the total row the headline's 263 (231 + 32)."""
    _, out = demo_run
    folder = out if level == "GHT" else out / "etablissements" / level
    book = folder / "consolidation" / "PCA_consolide.xlsx"
    gaps = table_rows(book, "T_Ecarts")
    assert len(gaps) == total
    dsi = [g for g in gaps if not g["Code service"]]
    assert {g["Type d'écart"] for g in dsi} == {"Reprise SI insuffisante"} and len(dsi) == sum(outside)

    board = table_rows(book, "T_Tableau_de_bord_poles")
    assert [r["Écarts"] for r in board if r["Code pôle"] == "Hors pôle"] == outside
    assert board[-1]["Code pôle"] == "Total" and board[-1]["Écarts"] == total == sum(r["Écarts"] for r in board[:-1])
    assert board[-1]["Services"] == sum(r["Services"] for r in board[:-1])

    rows = _table(folder / "documents" / "synthese_etablissement.docx", ["Code", "Pôle", "Reçus"])
    assert rows[-1][0] == "Total" and rows[-1][7] == str(total)
    assert sum(int(r[7]) for r in rows[1:-1]) == total
    assert [r[7] for r in rows if r[0] == "Hors pôle"] == [str(n) for n in outside]
    if level == "GHT":
        assert [r[1] for r in rows if r[0] == "Hors pôle"] == [
            "CHU Exemple : écarts de la DSI (reprise SI insuffisante)",
            "Centre hospitalier du Val de Meuse : écarts de la DSI (reprise SI insuffisante)",
        ]
        assert not (folder / "documents" / "poles").exists()
    else:
        assert [r[1] for r in rows if r[0] == "Hors pôle"] == ["Écarts de la DSI (reprise SI insuffisante)"]
        assert not (folder / "documents" / "poles" / "Hors pôle.docx").exists()


def test_a_pole_dashboard_compares_with_the_services_gaps_per_service(demo_run) -> None:
    """« Écarts par service » of the CHU: its 24 services' 208 gaps (231 less the DSI's 23), 8,7 per service."""
    _, out = demo_run
    doc = out / "etablissements" / "CHUEX" / "documents" / "poles" / "URGREA.docx"
    comparison = _table(doc, ["Indicateur"])
    assert [r for r in comparison if r[0] == "Écarts par service"] == [["Écarts par service", "11,5", "8,7"]]
