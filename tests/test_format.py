"""The format description is the single source: a new column flows to template, reader and Lisez-moi."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl

from pca_xlsx.format import DATA_SHEETS, SERVICE_SHEETS, Column, fold
from pca_xlsx.format import service as fmt
from pca_xlsx.read import read_referential, read_service_workbook
from pca_xlsx.write import template as template_writer


def test_labels_keys_and_vocabularies_are_consistent() -> None:
    assert [s.name for s in SERVICE_SHEETS] == [
        "Lisez-moi",
        "Service",
        "Maturité",
        "Applications",
        "Processus",
        "Télécom",
        "Biomédical",
        "Documents",
        "Fiche réflexe",
        "Exercices",
        "Plan d'actions",
    ]
    for sheet in DATA_SHEETS:
        keys = [c.key for c in sheet.columns]
        assert len(keys) == len(set(keys)), sheet.name
        folded = [fold(c.label) for c in sheet.columns]
        assert len(folded) == len(set(folded)), sheet.name
        for column in sheet.columns:
            assert column.help, (sheet.name, column.label)
            assert len(column.help) <= 255
            if column.kind == "choice":
                assert column.choices or column.lookup, column.label
    assert fmt.PROCESSES.prepared_rows >= 60
    assert [c.label for c in fmt.PROCESSES.columns] == [
        "N°",
        "Processus",
        "Criticité",
        "Ressource impactée",
        "Parade",
        "Services sollicités",
        "Services bénéficiaires",
        "Prérequis",
        "Responsable",
        "Statut de la parade",
        "Volume par jour",
        "À ressaisir",
    ]


def test_adding_a_column_touches_one_place(folder: Path, tmp_path: Path, monkeypatch) -> None:
    extra = Column("site", "Site de l'équipement", help="Bâtiment et étage.")
    biomedical = dataclasses.replace(fmt.BIOMEDICAL, columns=(*fmt.BIOMEDICAL.columns, extra))
    sheets = tuple(biomedical if s.key == "biomedical" else s for s in SERVICE_SHEETS)
    monkeypatch.setattr(template_writer, "SERVICE_SHEETS", sheets)
    from pca_xlsx.write import readme

    monkeypatch.setattr(readme, "SERVICE_SHEETS", sheets)
    ref = read_referential(folder / "referentiel.xlsx")
    content = {
        "biomedical": [
            {
                "device": "Pousse-seringue",
                "quantity": 4,
                "connected": "Non",
                "offline": "Oui",
                "site": "Bâtiment B, 2e étage",
            }
        ]
    }
    path = template_writer.write_service_workbook(tmp_path / "REA.xlsx", ref, "REA", content)
    wb = openpyxl.load_workbook(path)
    assert wb["Biomédical"]["G1"].value == "Site de l'équipement"
    assert any(c.value == "Site de l'équipement" for row in wb["Lisez-moi"].iter_rows() for c in row)
    data = read_service_workbook(path, tuple(s for s in sheets if s.layout != "readme"))
    sheet = data.sheets["biomedical"]
    assert sheet.records()[0]["site"] == "Bâtiment B, 2e étage" and sheet.address("site", 0) == "G2"


def test_every_data_sheet_is_consolidated_or_explicitly_summarised() -> None:
    from pca_xlsx.consolidate.common import DETAIL_SHEETS, SUMMARISED
    from pca_xlsx.consolidate.evolutions import ROW_KEYS
    from pca_xlsx.write.consolidated import SHEET_NAMES

    keys = {s.key for s in DATA_SHEETS}
    assert set(DETAIL_SHEETS) | set(SUMMARISED) == keys and not set(DETAIL_SHEETS) & set(SUMMARISED)
    assert set(DETAIL_SHEETS.values()) | set(SUMMARISED.values()) <= set(SHEET_NAMES)
    assert SUMMARISED["plan_actions"] == "Plan d'actions"
    assert set(ROW_KEYS) == keys
    for sheet in DATA_SHEETS:
        assert set(ROW_KEYS[sheet.key]) <= set(sheet.keys), sheet.key


def test_a_required_column_in_a_version_4_is_one_line_and_older_workbooks_still_validate(
    tmp_path: Path, monkeypatch
) -> None:
    """A hypothetical version 4 adds a required column to Processus: one line plus its ``since``."""
    import shutil

    from conftest import check

    from pca_xlsx.format import versions

    extra = Column("owner_phone", "Téléphone du responsable", required=True, since=4, help="Numéro hors réseau.")
    columns = fmt.PROCESSES.columns
    monkeypatch.setitem(versions.VERSIONS, 4, "2027.1")
    monkeypatch.setattr(versions, "CURRENT", 4)
    folder = tmp_path / "mix"
    folder.mkdir()
    for name in ("referentiel.xlsx", "REA.xlsx"):  # the demo: version 3
        shutil.copy(Path(__file__).parents[1] / "workbooks" / name, folder / name)
    shutil.copy(Path(__file__).parent / "data" / "v1" / "LABO.xlsx", folder / "LABO.xlsx")  # version 1
    object.__setattr__(fmt.PROCESSES, "columns", (*columns, extra))  # the format is frozen: the one line
    try:
        report, tables = check(folder)  # REA.xlsx is version 3, LABO.xlsx version 1
    finally:
        object.__setattr__(fmt.PROCESSES, "columns", columns)
    assert report.errors == []
    assert sorted((f.file, f.code) for f in report.findings if f.code == "modele-ancien") == [
        ("LABO.xlsx", "modele-ancien"),
        ("REA.xlsx", "modele-ancien"),
    ]
    rea = next(f for f in report.findings if f.file == "REA.xlsx")
    assert rea.message.startswith("modèle version 3 : mettez-le à jour avec pca-xlsx upgrade.")
    assert "owner_phone" in tables["processus"].columns and not tables["processus"]["_errors"].any()
