"""The hospital referential workbook: establishment, pôles, services, resources, scenarios."""

from __future__ import annotations

from .model import Column, Sheet
from .service import CATEGORIES

RESOURCE_CATEGORIES = (
    "Application métier",
    "Messagerie",
    "Téléphonie",
    "Réseau",
    "Infrastructure",
    "Équipement",
    "Autre",
)
ALL_RESOURCES = "Toutes"
REFERENTIAL_FILE = "referentiel.xlsx"

C = Column

ESTABLISHMENT = Sheet(
    key="etablissement",
    name="Établissement",
    layout="form",
    help="Identité de l'établissement et périodicités de la démarche.",
    columns=(
        C("name", "Nom de l'établissement", required=True, width=40),
        C("group", "Groupement (GHT)", width=40),
        C("review_months", "Périodicité de revue (mois)", kind="integer", min=1, default=12),
        C("exercise_months", "Périodicité des exercices (mois)", kind="integer", min=1, default=12),
    ),
)

POLES = Sheet(
    key="poles",
    name="Pôles",
    layout="table",
    columns=(
        C("code", "Code pôle", required=True, width=12),
        C("name", "Pôle", required=True, width=40),
        C("chief", "Chef de pôle", width=24),
        C("manager", "Cadre de pôle", width=24),
        C("director", "Directeur référent", width=24),
    ),
)

SERVICES = Sheet(
    key="services",
    name="Services",
    layout="table",
    columns=(
        C("code", "Code service", required=True, width=12),
        C("name", "Service", required=True, width=40),
        C("pole", "Code pôle", required=True, width=12),
        C("site", "Site", width=20),
        C("category", "Catégorie", kind="choice", choices=CATEGORIES, required=True, width=12),
        C("wave", "Vague", kind="integer", min=1, width=8),
    ),
)

RESOURCES = Sheet(
    key="ressources",
    name="Ressources",
    layout="table",
    columns=(
        C("name", "Ressource", required=True, width=24),
        C("category", "Catégorie", kind="choice", choices=RESOURCE_CATEGORIES, required=True, width=20),
        C("description", "Description", width=60),
    ),
)

SCENARIOS = Sheet(
    key="scenarios",
    name="Scénarios",
    layout="table",
    columns=(
        C("name", "Scénario", required=True, width=30),
        C("resources", "Ressources indisponibles", required=True, multi=True, width=50),
        C("description", "Description", width=60),
    ),
)

REFERENTIAL_SHEETS: tuple[Sheet, ...] = (ESTABLISHMENT, POLES, SERVICES, RESOURCES, SCENARIOS)
