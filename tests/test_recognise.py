"""Files of the workbooks folder that are not service workbooks are skipped with a one-line note."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document

from pca_xlsx import pipeline


def test_our_own_files_and_non_workbooks_are_skipped_with_a_note(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    pipeline.consolidate(pipeline.Options(folder, out))
    pipeline.upgrade(pipeline.Options(folder, out))
    kit = pipeline.exercise(pipeline.Options(folder, out), "DPI indisponible", services="REA", day="05/11/2026")
    grid = next(p for p in kit.written if p.name == "grille_observation.xlsx")
    shutil.copy(folder / "referentiel.xlsx", folder / "referentiel (copie).xlsx")
    shutil.copy(out / "validation" / "rapport_validation.xlsx", folder)
    shutil.copy(out / "consolidation" / "PCA_consolide.xlsx", folder)
    shutil.copy(out / "mises_a_jour" / "rapport_mise_a_jour.xlsx", folder)
    shutil.copy(grid, folder)
    document = Document()
    document.add_paragraph("Compte rendu du groupe de travail")
    document.save(folder / "compte rendu.docx")
    (folder / "plan.pdf").write_bytes(b"%PDF-1.4\n")

    result = pipeline.validate(pipeline.Options(folder, tmp_path / "out2"))
    assert sorted(wb.file for wb in result.workbooks) == ["LABO.xlsx", "REA.xlsx"]
    assert result.report.findings == []
    assert result.exit_code == 0
    assert result.notes == [
        "« PCA_consolide.xlsx » n'est pas un classeur de service : c'est un classeur consolidé de pca-xlsx. "
        "Il est ignoré.",
        "« compte rendu.docx » : ce fichier Word n'est pas un classeur : il est ignoré.",
        "« grille_observation.xlsx » n'est pas un classeur de service : c'est une grille d'observation "
        "d'exercice : rangez-la dans le dossier « exercices ». Il est ignoré.",
        "« plan.pdf » : ce fichier PDF n'est pas un classeur : il est ignoré.",
        "« rapport_mise_a_jour.xlsx » n'est pas un classeur de service : c'est le rapport de mise à jour de "
        "pca-xlsx (pca-xlsx upgrade). Il est ignoré.",
        "« rapport_validation.xlsx » n'est pas un classeur de service : c'est le rapport de validation de "
        "pca-xlsx. Il est ignoré.",
        "« referentiel (copie).xlsx » n'est pas un classeur de service : c'est une copie du référentiel. "
        "Il est ignoré.",
    ]
    summary = pipeline.upgrade(pipeline.Options(folder, tmp_path / "out3"))
    ignored = sorted(e.file for e in summary.entries if e.status == "Ignoré : pas un classeur de service")
    assert len(ignored) == 7 and "compte rendu.docx" in ignored
