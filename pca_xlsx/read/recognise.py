"""Files of the workbooks folder that are not service workbooks: recognised, skipped with a note.

A copy of the referential (by its sheets), our own outputs (validation report, upgrade report,
consolidated workbook, an observation grid outside ``exercices/``) and files that are no workbook
at all (Word, PDF…) are never read as a service (DESIGN §6 « Identity »).
"""

from __future__ import annotations

from pathlib import Path

from ..format import fold

#: Extensions of files that are not workbooks, and what a user calls them.
NOT_WORKBOOKS = {
    ".docx": "Word", ".doc": "Word", ".docm": "Word", ".odt": "Word", ".rtf": "Word",
    ".pdf": "PDF", ".pptx": "PowerPoint", ".ppt": "PowerPoint", ".odp": "PowerPoint",
    ".txt": "texte", ".md": "texte", ".eml": "courriel", ".msg": "courriel",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".bmp": "image", ".tif": "image",
    ".tiff": "image", ".heic": "image", ".svg": "image",
}  # fmt: skip

#: (sheets that must all be there, sheets that must not, what the file is), first match wins.
KINDS = (
    (("Anomalies", "Résumé"), (), "le rapport de validation de pca-xlsx"),
    (("Classeurs", "Déplacements"), (), "le rapport de mise à jour de pca-xlsx (pca-xlsx upgrade)"),
    (("Synthèse", "Contrôle"), ("Service",), "un classeur consolidé de pca-xlsx"),
    (("Pôles", "Services", "Ressources"), ("Processus",), "une copie du référentiel"),
    (("Exercice",), ("Service",), "une grille d'observation d'exercice : rangez-la dans le dossier « exercices »"),
)


def not_a_workbook(path: Path) -> str | None:
    """The note for a file that is no workbook by its extension (« ce fichier Word… »), else None."""
    kind = NOT_WORKBOOKS.get(Path(path).suffix.lower())
    if kind is None:
        return None
    return f"« {Path(path).name} » : ce fichier {kind} n'est pas un classeur : il est ignoré."


def known_workbook(path: Path, sheet_names: list[str]) -> str | None:
    """The note for a workbook we recognise as not a service's (a referential copy, our outputs), else None."""
    titles = {fold(t) for t in sheet_names}
    for needed, absent, what in KINDS:
        if all(fold(n) in titles for n in needed) and not any(fold(n) in titles for n in absent):
            return f"« {Path(path).name} » n'est pas un classeur de service : c'est {what}. Il est ignoré."
    return None
