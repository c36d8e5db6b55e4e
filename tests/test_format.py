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
