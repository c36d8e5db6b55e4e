"""A referent's e-mail the PCA team cannot write to is a warning on its cell, saying what to type."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import edit, service_cell

from pca_xlsx import pipeline
from pca_xlsx.findings import RULES, WARNING
from pca_xlsx.read.address import parse_address

MEDICAL, PARAMEDICAL = service_cell("medical_email"), service_cell("paramedical_email")


def test_an_invalid_referent_email_is_a_warning_on_its_cell(folder: Path, tmp_path: Path) -> None:
    assert (MEDICAL, PARAMEDICAL) == ("B22", "B23")  # the « Service » sheet of the template (version 3)
    edit(folder / "REA.xlsx", {"Service": {MEDICAL: "nadia.moreau@chu", PARAMEDICAL: " marc.petit@ch-test.fr "}})
    result = pipeline.validate(pipeline.Options(folder, tmp_path / "o"))
    found = [(f.file, f.sheet, f.cell, f.severity, f.code) for f in result.report.findings]
    assert found == [("REA.xlsx", "Service", "B22", WARNING, "email-invalide")]
    message = (
        "« nadia.moreau@chu » n'est pas une adresse e-mail utilisable (il manque la fin de l'adresse après « @ », "
        "par exemple « .fr ») : l'équipe PCA ne pourra pas écrire au référent. Saisissez son adresse "
        "professionnelle complète, par exemple « prenom.nom@etablissement.fr »."
    )
    assert result.report.findings[0].message == message
    assert RULES["email-invalide"].title == "E-mail invalide"
    rows = list(openpyxl.load_workbook(tmp_path / "o" / "validation" / "rapport_validation.xlsx")["Anomalies"].values)
    assert rows[1] == ("REA.xlsx", "REA", "Service", "B22", WARNING, "E-mail invalide", message, "nadia.moreau@chu")
    annotated = openpyxl.load_workbook(tmp_path / "o" / "validation" / "annotes" / "REA.xlsx")
    assert message in annotated["Service"]["B22"].comment.text
    assert annotated["Service"]["B23"].comment is None
    service = result.tables["service"].set_index("_file")
    assert service.loc["REA.xlsx", "paramedical_email"] == "marc.petit@ch-test.fr"  # stripped, no finding


@pytest.mark.parametrize(
    ("typed", "address", "why"),
    [
        ("Nadia.Moreau@chu-exemple.fr", "Nadia.Moreau@chu-exemple.fr", ""),
        ("mailto:n.moreau@chu.fr", "n.moreau@chu.fr", ""),
        ("nadia.moreau", None, " (il manque « @ »)"),
        ("nadia moreau@chu.fr", None, " (elle contient une espace)"),
        ("a@chu.fr; b@chu.fr", None, " (une seule adresse par cellule)"),
        ("nadia.moreau@chu.", None, " (il manque la fin de l'adresse après « @ », par exemple « .fr »)"),
    ],
)
def test_addresses(typed: str, address: str | None, why: str) -> None:
    assert (parse_address(typed).address, parse_address(typed).why) == (address, why)
