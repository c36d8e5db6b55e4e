"""The service workbook's ``Plan d'actions`` sheet (template version 2, DESIGN §3.2)."""

from __future__ import annotations

from .model import Column as C
from .model import Sheet
from .vocabulary import ACTION_ORIGINS, ACTION_STATUSES

ACTION_PLAN = Sheet(
    key="plan_actions",
    name="Plan d'actions",
    layout="table",
    row_key=("action",),
    since=2,
    help="Les actions décidées pour combler les écarts et les leçons des exercices : qui, pour quand, où on en est.",
    prepared_rows=20,
    columns=(
        C(
            "action",
            "Action",
            required=True,
            width=50,
            since=2,
            help="Ce qui doit être fait, en une phrase.",
            ask="écrivez ce qui doit être fait, en une phrase",
        ),
        C(
            "origin",
            "Origine",
            kind="choice",
            choices=ACTION_ORIGINS,
            since=2,
            width=12,
            help="Écart (relevé par la consolidation), Exercice (leçon d'un exercice) ou Autre.",
        ),
        C(
            "reference",
            "Référence",
            since=2,
            width=16,
            help="N° du processus concerné ou date de l'exercice (jj/mm/aaaa).",
        ),
        C("owner", "Responsable", since=2, width=22, help="Qui porte l'action (fonction ou Prénom NOM)."),
        C("due", "Échéance", kind="date", since=2, width=12, help="Date prévue de réalisation (jj/mm/aaaa)."),
        C(
            "status",
            "Statut",
            kind="choice",
            choices=ACTION_STATUSES,
            since=2,
            width=12,
            help="À faire, En cours ou Fait.",
        ),
    ),
    example=(
        {
            "action": "Imprimer 200 bons de demande d'imagerie",
            "origin": "Exercice",
            "reference": "12/03/2026",
            "owner": "Cadre de santé",
            "due": "2026-04-30",
            "status": "En cours",
        },
    ),
)
