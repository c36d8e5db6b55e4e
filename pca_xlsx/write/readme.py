"""The ``Lisez-moi`` sheet, written from the format description: purpose, how to, examples."""

from __future__ import annotations

from typing import Any

from ..core.xlsx import Formats, write_value
from ..format import MATURITY_FORMULA, SERVICE_SHEETS, TEMPLATE_VERSION
from ..read.referential import Referential
from ..validate.loop import loop_lines

INTRO = (
    "Ce classeur rassemble le plan de continuité d'activité (PCA) de votre service en cas de "
    "cyberattaque ou de panne informatique majeure : ce que le service maintient, les processus "
    "à risque et leurs parades papier, les documents à préparer, les moyens de communication de "
    "secours et la fiche réflexe à suivre quand l'informatique tombe."
)
HOW_TO = (
    "Remplissez une feuille après l'autre. Les cellules grises sont pré-remplies et verrouillées. "
    "Les colonnes marquées d'un astérisque (*) sont obligatoires. Cliquez sur une cellule pour voir "
    "l'aide ; une flèche propose la liste des valeurs possibles. Une liste de plusieurs valeurs se "
    "sépare par « ; ». Ne renommez pas les feuilles ni les en-têtes. Enregistrez au format .xlsx ou .ods."
)


def write_readme(workbook, fmt: Formats, referential: Referential, service: dict[str, Any]) -> None:
    ws = workbook.add_worksheet("Lisez-moi")
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 110)
    ws.hide_gridlines(2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    row = 0
    ws.write_string(row, 0, f"PCA cyber – {service.get('name', '')} ({service.get('code', '')})", fmt.title)
    row += 1
    ws.write_string(row, 0, f"{referential.name} – modèle de classeur version {TEMPLATE_VERSION}", fmt.help)
    row += 2
    loop = loop_lines(getattr(referential, "establishment", {}) or {})
    for label, text in (
        ("À quoi sert ce classeur", INTRO),
        ("Comment le remplir", HOW_TO),
        (
            "Qui contacter",
            "L'équipe projet PCA de l'établissement (chargé de mission PCA, direction des systèmes "
            f"d'information, direction qualité) — {referential.name}. Le référent médical et le "
            "référent paramédical du service coordonnent le remplissage.",
        ),
        ("Renvoyer le classeur", loop[0]),
        ("Le circuit des corrections", " ".join(loop[1:4])),
        ("Ajouter des lignes", loop[4]),
        ("Score de maturité", MATURITY_FORMULA),
    ):
        ws.write_string(row, 0, label, fmt.bold)
        ws.write_string(row, 1, text, fmt.text)
        ws.set_row(row, row_height(text, 110))
        row += 1
    row += 1
    for sheet in SERVICE_SHEETS:
        if sheet.layout == "readme":
            continue
        ws.write_string(row, 0, f"Feuille « {sheet.name} »", fmt.subtitle)
        ws.write_string(row, 1, sheet.help, fmt.subtitle_text)
        ws.set_row(row, row_height(sheet.help, 100))
        row += 1
        for column in sheet.columns:
            choices = ""
            if column.choices:
                choices = " Valeurs : " + ", ".join(column.choices) + "."
            elif column.lookup:
                choices = " Valeurs : la liste du référentiel de l'établissement."
            ws.write_string(row, 0, column.header, fmt.bold)
            ws.write_string(row, 1, f"{column.help}{choices}", fmt.text)
            ws.set_row(row, row_height(f"{column.help}{choices}", 110))
            row += 1
        for example in sheet.example:
            ws.write_string(row, 0, "Exemple", fmt.help)
            text = " | ".join(
                f"{c.label} : {_shown(example[c.key])}" for c in sheet.columns if example.get(c.key) is not None
            )
            write_value(ws, row, 1, text, fmt.help)
            ws.set_row(row, row_height(text, 110))
            row += 1
        row += 1
    ws.activate()


def _shown(value: Any) -> str:
    return str(value)


def row_height(text: str, width: int) -> float:
    """Row height (points) that shows ``text`` wrapped in a column ``width`` characters wide."""
    lines = sum(max(1, -(-len(part) // max(width - 4, 1))) for part in str(text).split("\n"))
    return 15.0 * max(lines, 1) + 2
