"""The referential's rules: each problem is a finding at its cell, the row is left out, and the
run stops only when nothing usable remains."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import REFERENTIAL

from pca_xlsx.core.errors import ReferentialError
from pca_xlsx.read import read_referential
from pca_xlsx.write.referential import write_referential


def _read(tmp_path: Path, change) -> object:
    content = copy.deepcopy(REFERENTIAL)
    change(content)
    path = tmp_path / "referentiel.xlsx"
    write_referential(path, content)
    return read_referential(path)


def _found(ref) -> list[tuple[str, str, str]]:
    return [(f.code, f.sheet, f.cell) for f in ref.findings]


def test_missing_required_value_and_unknown_choice_leave_the_row_out(tmp_path: Path) -> None:
    def change(content):
        content["services"][1]["name"] = None  # LABO without a name (row 3)
        content["services"][2]["category"] = "Autre"  # PUI with a category not in the list (row 4)

    ref = _read(tmp_path, change)
    assert ref.service_codes == ["REA"]
    assert _found(ref) == [
        ("referentiel-valeur-obligatoire", "Services", "B3"),
        ("referentiel-valeur-non-permise", "Services", "E4"),
    ]
    assert ref.findings[0].message == "« Service » est obligatoire : la ligne est ignorée."
    assert ref.findings[1].message.startswith("« Autre » n'est pas une valeur permise (")


def test_duplicate_resource_keeps_the_first(tmp_path: Path) -> None:
    ref = _read(tmp_path, lambda c: c["ressources"].append(dict(c["ressources"][0], description="Autre")))
    assert ref.resource_names == ["DPI", "SGL", "Téléphonie"]
    assert _found(ref) == [("referentiel-doublon", "Ressources", "A5")]
    assert ref.findings[0].message == "« DPI » est en double (déjà en A2) : la ligne est ignorée."


def test_no_usable_service_stops_with_every_problem(tmp_path: Path) -> None:
    def change(content):
        for row in content["services"]:
            row["pole"] = "P9"

    with pytest.raises(ReferentialError) as caught:
        _read(tmp_path, change)
    lines = str(caught.value).splitlines()
    assert lines == [
        *[
            f"referentiel.xlsx, feuille « Services », cellule C{row} : le pôle « P9 » n'existe pas dans la feuille "
            "« Pôles » : la ligne est ignorée."
            for row in (2, 3, 4)
        ],
        "referentiel.xlsx, feuille « Services » : aucun service utilisable.",
    ]
