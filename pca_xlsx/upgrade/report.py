"""``rapport_mise_a_jour.xlsx``: per file what was done, which columns moved, which cells to check."""

from __future__ import annotations

from pathlib import Path

from ..core.files import atomic_path
from ..core.xlsx import Formats, new_workbook, write_value
from ..write.readme import row_height

FILES = (
    ("file", "Fichier", 22),
    ("service", "Service", 10),
    ("version", "Version du modèle lue", 18),
    ("status", "Résultat", 30),
    ("detail", "Détail", 60),
    ("values", "Valeurs reprises", 10),
    ("checks", "Cellules à vérifier", 10),
    ("written", "Fichier écrit", 40),
)
MOVES = (
    ("file", "Fichier", 18),
    ("sheet", "Feuille", 14),
    ("old_label", "Ancienne colonne", 26),
    ("old_column", "Ancienne place", 10),
    ("new_label", "Nouvelle colonne", 26),
    ("new_column", "Nouvelle place", 10),
    ("values", "Valeurs", 9),
    ("note", "Remarque", 50),
)
CHECKS = (
    ("file", "Fichier", 18),
    ("sheet", "Feuille", 14),
    ("cell", "Cellule", 9),
    ("value", "Valeur", 30),
    ("reason", "À vérifier", 60),
)
INTRO = (
    "Classeurs réécrits dans le modèle actuel, toutes leurs valeurs reprises ligne par ligne. "
    "Les cellules surlignées en jaune dans les classeurs mis à jour portent un commentaire « À vérifier » : "
    "relisez-les avec le service, puis remplacez les anciens classeurs par les nouveaux."
)


def _sheet(workbook, fmt: Formats, name: str, columns, items, title: str, note: str = "") -> None:
    ws = workbook.add_worksheet(name)
    ws.write_string(0, 0, title, fmt.title)
    top = 1
    if note:
        ws.merge_range(1, 0, 1, len(columns) - 1, note, fmt.text)
        ws.set_row(1, 45)
        top = 2
    top += 1
    for col, (_, header, width) in enumerate(columns):
        ws.set_column(col, col, width)
        ws.write_string(top, col, header, fmt.header)
    for r, item in enumerate(items, top + 1):
        height = 15.0
        for col, (key, _, width) in enumerate(columns):
            value = getattr(item, key)
            value = str(value) if isinstance(value, Path) else value
            write_value(ws, r, col, value, fmt.text)
            height = max(height, row_height(str(value or ""), width + 2))
        ws.set_row(r, height)
    last = top + max(len(items), 1)
    ws.autofilter(top, 0, last, len(columns) - 1)
    ws.freeze_panes(top + 1, 0)
    ws.repeat_rows(top)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def write_upgrade_report(result, path: Path) -> Path:
    """Write the report of ``result`` (an :class:`pca_xlsx.upgrade.UpgradeResult`) atomically."""
    with atomic_path(path) as tmp:
        workbook = new_workbook(tmp)
        fmt = Formats(workbook)
        done = len(result.upgraded)
        _sheet(workbook, fmt, "Classeurs", FILES, result.entries, f"Mise à jour des classeurs : {done} réécrit(s)",
               INTRO)  # fmt: skip
        _sheet(workbook, fmt, "Déplacements", MOVES, result.moves, "Colonnes et lignes qui ont changé de place")
        _sheet(workbook, fmt, "À vérifier", CHECKS, result.checks, f"Cellules à vérifier : {len(result.checks)}")
        workbook.close()
    return Path(path)
