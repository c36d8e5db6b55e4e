"""The hospital referential workbook: establishment, pôles, services, resources, scenarios."""

from __future__ import annotations

from .model import Column, Sheet
from .vocabulary import CATEGORIES, DATA_LOSS, INTERRUPTION, TELECOM_MEANS

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
        C("pca_contact", "Contact de l'équipe PCA", width=40),
        C("pca_phone", "Téléphone de l'équipe PCA", kind="phone", width=20),
        C("pca_email", "E-mail de l'équipe PCA", width=40),
        C("return_deadline", "Date limite de retour des classeurs", kind="date", width=14),
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
        C("establishment", "Code établissement", since=2, width=14),
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
        C("owner_service", "Service responsable", lookup="services", since=2, width=14),
        C("depends_on", "Dépend de", lookup="ressources", multi=True, since=2, width=30),
        C("restart_guaranteed", "Reprise garantie", kind="choice", choices=INTERRUPTION, since=2, width=16),
        C("loss_guaranteed", "Perte de données garantie", kind="choice", choices=DATA_LOSS, since=2, width=16),
        C("backup", "Sauvegarde", since=2, width=30),
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

ESTABLISHMENTS = Sheet(
    key="etablissements",
    name="Établissements",
    layout="table",
    since=2,
    help="Les établissements d'un GHT (facultatif) : deux lignes ou plus font une consolidation de GHT.",
    columns=(
        C("code", "Code établissement", required=True, since=2, width=14),
        C("name", "Établissement", required=True, since=2, width=40),
        C("finess", "FINESS", since=2, width=12),
        C("share", "Part de l'activité du GHT (%)", kind="number", min=0, max=100, since=2, width=14),
    ),
)

CRISIS_DIRECTORY = Sheet(
    key="annuaire",
    name="Annuaire de crise",
    layout="table",
    since=2,
    help="Qui appeler quand le réseau et la téléphonie de l'hôpital sont tombés.",
    columns=(
        C("function", "Fonction", required=True, since=2, width=30),
        C("name", "Nom", since=2, width=24),
        C("phone", "Téléphone hors réseau", kind="phone", required=True, since=2, width=18),
        C("radio", "Radio ou canal", since=2, width=16),
        C("availability", "Disponibilité", since=2, width=24),
    ),
)

BACKUP_MEANS = Sheet(
    key="moyens_secours",
    name="Moyens de secours",
    layout="table",
    since=2,
    help="Les moyens de communication de secours détenus par l'établissement et leur coût unitaire.",
    columns=(
        C("means", "Moyen", kind="choice", choices=TELECOM_MEANS, required=True, since=2, width=26),
        C("stock", "Stock détenu", kind="integer", min=0, since=2, width=12),
        C("unit_cost", "Coût unitaire (€)", kind="number", min=0, since=2, width=14),
        C(
            "establishment",
            "Code établissement",
            since=3,
            width=16,
            help="Vide : stock partagé par le GHT, réparti entre ses établissements au prorata de leur besoin.",
        ),
    ),
)

REFERENTIAL_SHEETS: tuple[Sheet, ...] = (
    ESTABLISHMENT,
    ESTABLISHMENTS,
    POLES,
    SERVICES,
    RESOURCES,
    SCENARIOS,
    CRISIS_DIRECTORY,
    BACKUP_MEANS,
)
#: Referential sheets a referential may lack (version 2 additions): a warning, not a stop.
OPTIONAL_REFERENTIAL_SHEETS = tuple(s for s in REFERENTIAL_SHEETS if s.since > 1)
