"""The service workbook: the single description every stage derives from.

The table sheets of the care itself are declared here; the two forms in :mod:`.service_form`, the paper
means and preparation in :mod:`.means`, the action plan in :mod:`.actions`: every sheet is importable from here.
"""

from __future__ import annotations

from .means import BIOMEDICAL, DOCUMENTS, EXERCISES, REFLEX, TELECOM  # noqa: F401 - declared in their own module
from .model import Column, Sheet, fold
from .service_form import MATURITY, MATURITY_FORMULA, MATURITY_POINTS, MATURITY_QUESTIONS, SERVICE  # noqa: F401 - likewise
from .versions import KNOWN_TEMPLATE_VERSIONS, TEMPLATE_VERSION  # noqa: F401 - importable from here too
from .vocabulary import *  # noqa: F403 - every vocabulary stays importable from here
from .vocabulary import (
    CRITICALITY,
    DATA_LOSS,
    DEGRADED,
    DEPENDENCY,
    INTERRUPTION,
    WORKAROUND_STATUS,
    YES_NO,
)

C = Column
#: The interface drop-downs offer the services of the workbook's own establishment (write/lists.py).
LIST_NOTE = "La liste propose les services de votre établissement ; tout code du référentiel est accepté."

APPLICATIONS = Sheet(
    key="applications",
    name="Applications",
    layout="table",
    detail="Applications",
    row_key=("resource",),
    help="Les logiciels et moyens de communication utilisés par le service, et votre dépendance à chacun.",
    prepared_rows=25,
    columns=(
        C(
            "resource",
            "Ressource",
            kind="choice",
            lookup="ressources",
            required=True,
            width=28,
            help="Choisir dans la liste du référentiel (DPI, SGL, messagerie...).",
        ),
        C("usage", "Usage dans le service", width=40, help="À quoi sert ce logiciel dans le service."),
        C(
            "dependency",
            "Dépendance",
            kind="choice",
            choices=DEPENDENCY,
            required=True,
            width=14,
            help="Faible, Modérée, Forte ou Critique.",
        ),
        C(
            "tolerable",
            "Interruption tolérable",
            kind="choice",
            choices=INTERRUPTION,
            required=True,
            width=18,
            help="Durée d'arrêt que le service peut supporter sans mettre de patient en danger.",
        ),
        C(
            "data_loss",
            "Perte de données tolérable",
            kind="choice",
            choices=DATA_LOSS,
            since=2,
            width=18,
            help="Données récentes que le service peut accepter de perdre (ressaisie) : Aucune, Moins d'1 h...",
        ),
        C(
            "degraded",
            "Solution dégradée",
            kind="choice",
            choices=DEGRADED,
            width=14,
            help="Existe-t-il déjà une solution papier ou de secours ? Oui, Partielle, Non.",
        ),
        C("comment", "Commentaire", width=40, help="Précisions libres."),
    ),
    example=(
        {
            "resource": "DPI",
            "usage": "Prescriptions, transmissions, dossier de soins",
            "dependency": "Critique",
            "tolerable": "Moins d'1 h",
            "degraded": "Partielle",
            "comment": "Kit papier en salle de soins",
        },
    ),
)

PROCESSES = Sheet(
    key="processus",
    name="Processus",
    layout="table",
    detail="Processus",
    row_key=("number",),
    help=(
        "La cartographie des processus prioritaires : pour chaque processus à risque, la ressource "
        "dont la perte le touche, la parade, les services sollicités et bénéficiaires, et les prérequis. Un processus "
        "touché par plusieurs ressources occupe une ligne par ressource, chacune avec son N°."
    ),
    prepared_rows=60,
    expected_rows=50,
    columns=(
        C(
            "number",
            "N°",
            kind="integer",
            required=True,
            min=1,
            width=6,
            help="Numéro unique de la ligne dans le classeur (1, 2, 3...).",
            ask="numérotez la ligne (1, 2, 3…), un numéro différent pour chaque ligne",
        ),
        C(
            "process",
            "Processus",
            required=True,
            width=36,
            help="Ex. : envoi d'une demande d'imagerie, récupération d'un résultat de biologie.",
            ask="décrivez en quelques mots ce que fait le service, par exemple « Envoi d'une demande d'imagerie »",
        ),
        C(
            "criticality",
            "Criticité",
            kind="choice",
            choices=CRITICALITY,
            required=True,
            width=11,
            help="Vitale, Majeure ou Modérée.",
        ),
        C(
            "resource",
            "Ressource impactée",
            kind="choice",
            lookup="ressources",
            required=True,
            width=22,
            help="Logiciel ou moyen de communication dont la perte touche ce processus.",
        ),
        C(
            "workaround",
            "Parade",
            width=44,
            help="Ce qui sera fait sans informatique. Ex. : prescription papier, acheminement pédestre.",
        ),
        C(
            "relies_on",
            "Services sollicités",
            lookup="services",
            multi=True,
            since=2,
            replaces="interfaces",
            width=18,
            help="Codes des services dont ce processus a besoin, séparés par « ; » (ex. : LABO; PUI). " + LIST_NOTE,
        ),
        C(
            "serves",
            "Services bénéficiaires",
            lookup="services",
            multi=True,
            since=2,
            replaces="interfaces",
            width=18,
            help="Codes des services pour qui ce processus travaille, séparés par « ; » (ex. : REA; URG), "
            "ou « Tous » s'il travaille pour tous les services. " + LIST_NOTE,
        ),
        C(
            "prerequisites",
            "Prérequis",
            width=36,
            help="Documents ou outils nécessaires à la parade (bons papier, étiquettes...).",
        ),
        C("owner", "Responsable", width=18, help="Fonction responsable de la parade (cadre, IDE...)."),
        C(
            "status",
            "Statut de la parade",
            kind="choice",
            choices=WORKAROUND_STATUS,
            required=True,
            width=14,
            help="À construire, Définie (écrite) ou Testée (en exercice).",
        ),
        C(
            "volume_per_day",
            "Volume par jour",
            kind="integer",
            min=0,
            since=3,
            width=10,
            help="Enregistrements papier faits par jour en mode dégradé (prescriptions, demandes, admissions...).",
        ),
        C(
            "rekey",
            "À ressaisir",
            kind="choice",
            choices=YES_NO,
            since=3,
            width=10,
            help="Oui si ces enregistrements papier devront être saisis dans l'application à son retour.",
        ),
    ),
    retired=(
        C(
            "interfaces",
            "Services en interface",
            lookup="services",
            multi=True,
            until=1,
            width=18,
            help="Version 1 : codes des autres services impliqués. Remplacée par « Services sollicités » "
            "et « Services bénéficiaires ».",
        ),
    ),
    example=(
        {
            "number": 1,
            "process": "Envoi d'une demande d'imagerie",
            "criticality": "Majeure",
            "resource": "RIS/PACS",
            "workaround": "Prescription papier sur bon d'imagerie pré-imprimé",
            "relies_on": "IMAG",
            "prerequisites": "Bons de demande d'imagerie papier",
            "owner": "IDE",
            "status": "Définie",
            "volume_per_day": 15,
            "rekey": "Oui",
        },
    ),
)

#: Process columns holding codes of other services (directed interfaces, version 2).
INTERFACE_COLUMNS = tuple(c.key for c in PROCESSES.columns if c.lookup == "services")
#: « Tous » in « Services bénéficiaires »: the process works for every service.
ALL_SERVICES = "Tous"


def names_all(item: object) -> bool:
    """« Tous » or « Tous les services » (case and accents ignored)."""
    return fold(item) in ("tous", "tous les services")


README = Sheet(key="lisez_moi", name="Lisez-moi", layout="readme")

from .actions import ACTION_PLAN  # noqa: E402 - the sheet is declared in its own module

#: Every sheet of a service workbook, in workbook order.
SERVICE_SHEETS: tuple[Sheet, ...] = (
    README,
    SERVICE,
    MATURITY,
    APPLICATIONS,
    PROCESSES,
    TELECOM,
    BIOMEDICAL,
    DOCUMENTS,
    REFLEX,
    EXERCISES,
    ACTION_PLAN,
)
#: The sheets that are read (all but ``Lisez-moi``).
DATA_SHEETS: tuple[Sheet, ...] = tuple(s for s in SERVICE_SHEETS if s.layout != "readme")
SHEETS_BY_KEY = {s.key: s for s in SERVICE_SHEETS}
