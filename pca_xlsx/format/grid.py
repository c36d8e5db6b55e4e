"""The observation grid (``grille_observation.xlsx``), described once: the writer and the reader use it.

A grid has a ``Lisez-moi`` sheet, an ``Exercice`` sheet (form: label in A, value in B) and one
sheet per service named after its code. A service sheet holds a form block (label, value to its
right), then two tables found by their header labels: the processes hit by the scenario, and the
reflex steps to tick.
"""

from __future__ import annotations

from .model import Column, Sheet
from .service import EXERCISE_TYPES, OFF_NETWORK, YES_NO

GRID_FILE = "grille_observation.xlsx"
#: Folder of ``<workbooks>`` where filled grids are put back.
GRID_FOLDER = "exercices"
GRID_VERSION = "2026.1"
APPLIED = OFF_NETWORK  # Oui, Partiellement, Non
#: Types counted as a field exercise for the yearly requirement (played in the service, not around a table).
FIELD_TYPES = EXERCISE_TYPES[1:]  # Simulation, Exercice réel

C = Column

EXERCISE = Sheet(
    key="grille_exercice",
    name="Exercice",
    layout="form",
    help="L'exercice : scénario joué, date, type, animation et observation.",
    columns=(
        C("establishment", "Établissement", locked=True, help="Pré-rempli."),
        C(
            "scenario",
            "Scénario",
            required=True,
            locked=True,
            help="Scénario du référentiel joué. Pré-rempli.",
            ask="remettez le nom du scénario joué, tel que la grille l'avait pré-rempli",
        ),
        C("description", "Description du scénario", locked=True, help="Pré-rempli."),
        C(
            "date",
            "Date de l'exercice",
            kind="date",
            required=True,
            help="Date à laquelle l'exercice a été joué (jj/mm/aaaa). Corrigez-la si l'exercice a été déplacé.",
        ),
        C(
            "type",
            "Type d'exercice",
            kind="choice",
            choices=EXERCISE_TYPES,
            help="Sur table, Simulation ou Exercice réel. Simulation et Exercice réel comptent comme exercice de terrain.",
        ),
        C("animator", "Animateur", help="Qui a animé l'exercice."),
        C("observers", "Observateurs", help="Qui a observé (noms, fonctions)."),
        C("version", "Version de la grille", locked=True, help="Pré-rempli : ne pas modifier."),
    ),
)

SERVICE_BLOCK = Sheet(
    key="grille_service",
    name="(code du service)",
    layout="form",
    help="En tête de chaque feuille de service : le service observé et le scénario.",
    columns=(
        C("code", "Code service", required=True, locked=True, help="Pré-rempli : ne pas modifier."),
        C("name", "Service", locked=True, help="Pré-rempli."),
        C("scenario", "Scénario", required=True, locked=True, help="Pré-rempli : ne pas modifier."),
        C(
            "expected",
            "Processus à observer",
            kind="integer",
            locked=True,
            help="Nombre de lignes de processus de la grille. Pré-rempli.",
        ),
        C("observer", "Observateur", help="Qui a observé ce service."),
        C("participants", "Participants", help="Qui a joué dans le service (fonctions, nombre)."),
    ),
)

OBSERVATIONS = Sheet(
    key="grille_processus",
    name="Processus touchés par le scénario",
    layout="table",
    help="Une ligne par processus du service touché par le scénario : la parade attendue, et ce qui a été constaté.",
    columns=(
        C(
            "number",
            "N°",
            kind="integer",
            required=True,
            locked=True,
            width=6,
            help="N° du processus dans le classeur du service.",
        ),
        C("process", "Processus", required=True, locked=True, width=30, help="Pré-rempli."),
        C("criticality", "Criticité", locked=True, width=10, help="Pré-rempli."),
        C("resource", "Ressource impactée", locked=True, width=14, help="Pré-rempli."),
        C(
            "workaround",
            "Parade attendue",
            locked=True,
            width=38,
            help="La parade décrite dans le classeur. Pré-rempli.",
        ),
        C("prerequisites", "Prérequis", locked=True, width=28, help="Ce que la parade suppose. Pré-rempli."),
        C(
            "applied",
            "Parade appliquée",
            kind="choice",
            choices=APPLIED,
            width=14,
            help="La parade a-t-elle été appliquée comme prévu ? Oui, Partiellement ou Non.",
        ),
        C(
            "delay",
            "Délai constaté (min)",
            kind="integer",
            min=0,
            width=12,
            help="Minutes entre la sollicitation et la parade en place (nombre entier).",
        ),
        C(
            "prerequisites_ok",
            "Prérequis disponibles",
            kind="choice",
            choices=YES_NO,
            width=12,
            help="Les prérequis (formulaires, étiquettes...) étaient-ils là ? Oui ou Non.",
        ),
        C("observation", "Observation", width=40, help="Ce qui a été vu ; ce qu'il faut corriger."),
    ),
)

REFLEX_CHECK = Sheet(
    key="grille_reflexe",
    name="Fiche réflexe : étapes à cocher",
    layout="table",
    help="Les étapes de la fiche réflexe du service : cochez celles qui ont été faites et notez l'heure.",
    columns=(
        C("step", "Étape", kind="integer", required=True, locked=True, help="Pré-rempli."),
        C("action", "Action", locked=True, help="Pré-rempli."),
        C("phase", "Phase", locked=True, help="Pré-rempli."),
        C("who", "Qui", locked=True, help="Pré-rempli."),
        C("when", "Quand", locked=True, help="Délai prévu par la fiche réflexe. Pré-rempli."),
        C("done", "Fait", kind="choice", choices=YES_NO, help="L'étape a-t-elle été faite ? Oui ou Non."),
        C("time", "Heure constatée", help="Heure à laquelle l'étape a été faite (hh:mm)."),
    ),
)
# The reflex table sits below the process table, in the same columns: widths come from OBSERVATIONS.

#: Sheets of a grid, in order (service sheets repeat per service, named by code).
GRID_TABLES = (OBSERVATIONS, REFLEX_CHECK)

RESULT_RULE = (
    "Résultat d'un service, calculé par la grille : « Échec » si un processus vital a sa parade observée « Non » "
    "ou si la moitié au moins des parades observées sont « Non » ; « Réussi » si toutes les parades observées sont "
    "« Oui » et qu'aucun prérequis ne manquait ; « Partiel » sinon. Une ligne sans « Parade appliquée » n'est pas "
    "observée ; un service sans aucune ligne observée n'a pas de résultat."
)
