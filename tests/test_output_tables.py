"""The consolidated tables' declaration (:mod:`pca_xlsx.format.tables`): the writer follows it, its
schema rejects a table that does not match, adding a column is one declaration; one ``Gap`` record;
one topological order."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pca_xlsx import pipeline
from pca_xlsx.consolidate.gap import GAP_COLUMNS, Gap, gaps_frame
from pca_xlsx.core.graphs import topological_groups
from pca_xlsx.format import SHEETS_BY_KEY
from pca_xlsx.format.fields import F, field
from pca_xlsx.format.output import TableError
from pca_xlsx.format.tables import TABLES
from pca_xlsx.format.vocabulary import COVERED, SEVERITIES

#: Headers of a few tables, typed here from the sheets users know (not read from the declaration).
EXPECTED_HEADERS = {
    "T_Ecarts_par_type": ["Type d'écart", "Écarts", "Constats avant regroupement"],
    "T_Controle": [
        "Fichier",
        "Code service",
        "Feuille",
        "Lignes lues",
        "Lignes consolidées",
        "Lignes rejetées",
        "Statut",
    ],  # fmt: skip
    "T_Synthese_poles": [
        "Code pôle",
        "Pôle",
        "Services",
        "Classeurs reçus",
        "Score de maturité moyen",
        "Lignes de processus",
        "Parade définie ou testée (%)",
        "Parade testée (%)",
        "Processus vitaux non protégés",
        "Applications",
        "Erreurs",
        "Avertissements",
    ],  # fmt: skip
    "T_Exercices": [
        "Code service",
        "Pôle",
        "Date",
        "Scénario",
        "Type",
        "Participants",
        "Résultat",
        "Actions correctives",
        "Code pôle",
        "Source (fichier · feuille!cellule)",
        "Anomalie de validation",
    ],  # fmt: skip
}


def excel_tables(path: Path) -> dict[str, list[str]]:
    """Excel table name → its column headers, read from the file's table parts."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/tables/"):
                xml = z.read(name).decode()
                table = re.search(r'<table [^>]*displayName="([^"]+)"', xml).group(1)
                out[table] = [
                    h.replace("&apos;", "'").replace("&amp;", "&")
                    for h in re.findall(r'<tableColumn id="\d+" name="([^"]*)"', xml)
                ]
    return out


def consolidate(folder: Path, output: Path) -> Path:
    result = pipeline.validate(pipeline.Options(folder, output), write=False)
    return pipeline.save_consolidation(pipeline.consolidation(result, output), output)


def test_every_table_written_follows_its_declaration(folder: Path, tmp_path: Path) -> None:
    tables = excel_tables(consolidate(folder, tmp_path / "out"))
    for name, headers in EXPECTED_HEADERS.items():
        assert tables[name] == headers, name
    declared = {f"T_{t.name}": t for t in TABLES.values()}
    fixed = [n for n in tables if n in declared and not declared[n].extra]
    assert len(fixed) >= 25  # every table of a one-establishment run but the dynamic ones
    for name in fixed:  # a hospital's workbook: without the GHT's establishment column
        assert tables[name] == declared[name].at_level(ght=False).headers, name
    # the detailed tables take their labels from the service workbook's format
    assert tables["T_Processus"][2:-3] == [c.label for c in SHEETS_BY_KEY["processus"].columns]
    assert tables["T_Processus"][-3:] == ["Code pôle", "Source (fichier · feuille!cellule)", "Anomalie de validation"]


def test_adding_a_column_is_one_declaration(folder: Path, tmp_path: Path, monkeypatch) -> None:
    """One field more in the Synthèse table's declaration: a new column, header, width and check;
    a declared column its builder does not compute stops the run with the column named."""
    table = TABLES["synthese_services"]
    fields = list(table.fields)
    fields.insert(table.index("received") + 1, field("files"))
    monkeypatch.setitem(TABLES, "synthese_services", dataclasses.replace(table, fields=tuple(fields)))
    path = consolidate(folder, tmp_path / "out")
    headers = excel_tables(path)["T_Synthese_services"]
    assert headers[4:7] == ["Classeur reçu", "Classeur(s)", "Ambition (%)"]
    assert len(headers) == len(table.at_level(ght=False).fields) + 1
    evolutions = TABLES["evolutions"]
    monkeypatch.setitem(TABLES, "evolutions", dataclasses.replace(evolutions, fields=(*evolutions.fields, F("x", "X"))))
    with pytest.raises(TableError, match="column_in_dataframe"):
        consolidate(folder, tmp_path / "out2")


def test_schema_rejects_a_table_unlike_its_declaration() -> None:
    counts = TABLES["ecarts_par_type"]
    good = pd.DataFrame({"type": ["A", "B"], "n": [1, 0], "before": [2, 0]})
    counts.check(good)
    with pytest.raises(TableError, match="Écarts par type"):
        counts.check(good.assign(n=[1, -1]))  # a negative count
    with pytest.raises(TableError):
        counts.check(good.assign(n=["un", 0]))  # a count that is not a number
    with pytest.raises(TableError):
        counts.check(good.drop(columns=["before"]))  # a declared column missing
    with pytest.raises(TableError):
        counts.check(good.assign(type=["A", "A"]))  # primary key repeated
    gaps = TABLES["ecarts"]
    row = {k: "" for k in gaps.keys} | {"severity": SEVERITIES[0], "type": "Processus sans parade", "rule": "r"}
    row |= {"criticality": None, "name": "", "item": "", "reference": ""}
    gaps.check(pd.DataFrame([row]))
    with pytest.raises(TableError):
        gaps.check(pd.DataFrame([row | {"severity": "Grave"}]))  # not a severity
    # a detailed table holds the services' values as typed (validation reports them): not re-checked
    TABLES["telecom"].check(pd.DataFrame([{k: "" for k in TABLES["telecom"].keys} | {"code": "REA", "quantity": "x"}]))


def test_declaration_is_a_table_schema_for_an_export() -> None:
    gaps = TABLES["ecarts"].descriptor()
    severity = next(f for f in gaps["fields"] if f["name"] == "severity")
    assert severity == {"name": "severity", "title": "Gravité", "type": "string",
                        "constraints": {"required": True, "enum": list(SEVERITIES)}}  # fmt: skip
    assert TABLES["synthese_services"].descriptor()["primaryKey"] == ["code"]
    assert TABLES["processus"].descriptor()["foreignKeys"] == [
        {"fields": ["code"], "reference": {"resource": "synthese_services", "fields": ["code"]}}
    ]
    assert next(f for f in TABLES["synthese_services"].fields if f.key == "updated").kind == "date"


def test_one_gap_record() -> None:
    gaps = [Gap(rule="r", type="T", code="REA", cell="F12", detail="d", criticality="Vitale"), Gap(code="LABO")]
    frame = gaps_frame(gaps)
    assert list(frame.columns) == GAP_COLUMNS
    assert frame.loc[0, "cell"] == "F12" and pd.isna(frame.loc[1, "criticality"])
    declared = {f.key for f in (*TABLES["ecarts"].fields, *TABLES["ecarts"].documents)}
    assert set(GAP_COLUMNS) == declared - {"severity", "owner", "due", "action_status"}  # those come with ranking


def test_one_topological_order_for_services_and_resources() -> None:
    # a before b; b and c rely on each other (one group); d is ready at once, but after a by key
    groups = topological_groups(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "b")], key=lambda n: n)
    assert groups == [["a"], ["b", "c"], ["d"]]
    groups = topological_groups(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "b")], key=lambda n: -ord(n))
    assert groups == [["d"], ["a"], ["c", "b"]]
    assert COVERED == ("Définie", "Testée")
