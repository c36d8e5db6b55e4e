"""The service workbook: the single description every stage derives from."""

from __future__ import annotations

from .model import Column, Sheet, fold
from .versions import KNOWN_TEMPLATE_VERSIONS, TEMPLATE_VERSION  # noqa: F401 - importable from here too
from .vocabulary import *  # noqa: F403 - every vocabulary stays importable from here
from .vocabulary import (
    ANSWERS,
    CATEGORIES,
    CRITICALITY,
    DATA_LOSS,
    DEGRADED,
    DEPENDENCY,
    DOCUMENT_STATES,
    DOCUMENT_TYPES,
    EXERCISE_TYPES,
    INTERRUPTION,
    OFF_NETWORK,
    PHASES,
    RESULTS,
    TELECOM_MEANS,
    WORKAROUND_STATUS,
    YES_NO,
)

MATURITY_QUESTIONS = (
    "Des procédures de fonctionnement en mode dégradé sont-elles déjà écrites ?",
    "Les procédures dégradées sont-elles connues des équipes et accessibles sur papier ?",
    "Le service connaît-il la procédure de sauvegarde et de restauration de ses données ?",
    "Un référent cybersécurité ou informatique est-il identifié pour le service ?",
    "Les documents papier de secours (prescriptions, étiquettes, dossiers) sont-ils prêts ?",
    "Un annuaire téléphonique papier à jour est-il disponible dans le service ?",
    "Les équipes ont-elles été sensibilisées au risque de cyberattaque ?",
    "Un exercice de fonctionnement sans informatique a-t-il eu lieu dans les 12 derniers mois ?",
    "Les équipements biomédicaux critiques fonctionnant hors réseau sont-ils identifiés ?",
    "Le circuit de retour à la normale (ressaisie des données) est-il défini ?",
)
MATURITY_POINTS = {"Oui": 1.0, "Partiel": 0.5, "Non": 0.0, "Ne sait pas": 0.0}
MATURITY_FORMULA = (
    "Score de maturité = 100 × (nombre de « Oui » + 0,5 × nombre de « Partiel ») ÷ nombre de questions du questionnaire"
)

C = Column
#: The interface drop-downs offer the services of the workbook's own establishment (write/lists.py).
LIST_NOTE = "La liste propose les services de votre établissement ; tout code du référentiel est accepté."

SERVICE = Sheet(
    key="service",
    name="Service",
    layout="form",
    help="Identité du service, référents et ambition de continuité. Une valeur par ligne, en colonne B.",
    columns=(
        C(
            "code",
            "Code service",
            required=True,
            locked=True,
            lookup="services",
            help="Code du service dans le référentiel. Pré-rempli : ne pas modifier.",
        ),
        C("name", "Service", required=True, locked=True, help="Nom du service. Pré-rempli."),
        C("pole", "Pôle", locked=True, help="Pôle de rattachement. Pré-rempli."),
        C(
            "category",
            "Catégorie",
            kind="choice",
            choices=CATEGORIES,
            locked=True,
            help="Critique, Support ou Modèle. Pré-rempli.",
        ),
        C("medical_referent", "Référent médical", required=True, help="Prénom NOM du médecin référent PCA du service."),
        C(
            "medical_phone",
            "Téléphone du référent médical",
            kind="phone",
            help="Numéro joignable hors réseau de l'hôpital (mobile).",
        ),
        C(
            "paramedical_referent",
            "Référent paramédical",
            required=True,
            help="Prénom NOM du cadre ou soignant référent PCA du service.",
        ),
        C(
            "paramedical_phone",
            "Téléphone du référent paramédical",
            kind="phone",
            help="Numéro joignable hors réseau de l'hôpital (mobile).",
        ),
        C(
            "capacity",
            "Capacité nominale (lits ou places)",
            kind="integer",
            min=0,
            help="Nombre de lits ou de places en fonctionnement normal (nombre entier).",
        ),
        C(
            "ambition",
            "Ambition de continuité (%)",
            kind="integer",
            required=True,
            min=0,
            max=100,
            help="Part de l'activité maintenue sans informatique, de 0 à 100.",
        ),
        C(
            "kept_activities",
            "Activités maintenues en priorité",
            help="Ex. : urgences vitales, patientes obstétricales, IVG, patients atteints de cancer.",
        ),
        C(
            "suspended_activities",
            "Activités suspendues ou reportées",
            help="Ex. : déclenchements non urgents, accueil de patients transférés.",
        ),
        C(
            "degraded_capacity",
            "Capacité d'accueil en défaillance majeure",
            help="Ce que le service peut accueillir sans informatique (lits, passages par jour...).",
        ),
        C(
            "degraded_organisation",
            "Principes d'organisation en mode dégradé",
            help="Les grands principes : qui fait quoi, circuits papier, renforts.",
        ),
        C(
            "updated",
            "Date de mise à jour",
            kind="date",
            required=True,
            help="Date de la dernière mise à jour de ce classeur (jj/mm/aaaa).",
        ),
        C(
            "validated_by",
            "Validé par",
            since=2,
            help="Qui a validé le plan du service (chef de service, chef de pôle...).",
        ),
        C(
            "validated_on",
            "Date de validation",
            kind="date",
            since=2,
            help="Date de la validation du plan (jj/mm/aaaa).",
        ),
        C(
            "medical_deputy",
            "Suppléant du référent médical",
            since=3,
            help="Prénom NOM du médecin qui remplace le référent médical en son absence.",
        ),
        C(
            "paramedical_deputy",
            "Suppléant du référent paramédical",
            since=3,
            help="Prénom NOM du soignant qui remplace le référent paramédical en son absence.",
        ),
        C(
            "duty_phone",
            "Téléphone de garde du service",
            kind="phone",
            since=3,
            help="Numéro hors réseau répondu jour et nuit (garde ou astreinte) : celui que la cellule de crise appelle.",
        ),
        C(
            "medical_email",
            "E-mail du référent médical",
            since=3,
            help="Adresse e-mail professionnelle du référent médical (pour les relances de l'équipe PCA).",
        ),
        C(
            "paramedical_email",
            "E-mail du référent paramédical",
            since=3,
            help="Adresse e-mail professionnelle du référent paramédical.",
        ),
        C(
            "template_version",
            "Version du modèle",
            locked=True,
            help="Version du modèle de classeur. Pré-rempli : ne pas modifier.",
        ),
    ),
)

MATURITY = Sheet(
    key="maturite",
    name="Maturité",
    layout="table",
    row_key=("question",),
    help="Répondez à chaque question pré-remplie : Oui, Partiel, Non ou Ne sait pas.",
    prefilled=MATURITY_QUESTIONS,
    prepared_rows=len(MATURITY_QUESTIONS),
    columns=(
        C("question", "Question", width=70, locked=True, help="Question pré-remplie : ne pas modifier."),
        C(
            "answer",
            "Réponse",
            kind="choice",
            choices=ANSWERS,
            required=True,
            width=14,
            help="Oui, Partiel, Non ou Ne sait pas.",
        ),
        C("comment", "Commentaire", width=50, help="Précision utile (où est la procédure, qui...)."),
    ),
    example=(
        {
            "question": MATURITY_QUESTIONS[0],
            "answer": "Partiel",
            "comment": "Procédure d'admission papier écrite, pas encore celle des prescriptions.",
        },
    ),
)

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
        ),
        C(
            "process",
            "Processus",
            required=True,
            width=36,
            help="Ex. : envoi d'une demande d'imagerie, récupération d'un résultat de biologie.",
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


TELECOM = Sheet(
    key="telecom",
    name="Télécom",
    layout="table",
    detail="Télécom",
    row_key=("means",),
    help="Les moyens de communication de secours dont le service a besoin, hors réseau de l'hôpital.",
    prepared_rows=15,
    columns=(
        C(
            "means",
            "Moyen",
            kind="choice",
            choices=TELECOM_MEANS,
            required=True,
            width=26,
            help="Type de moyen de communication de secours.",
        ),
        C(
            "quantity",
            "Quantité",
            kind="integer",
            required=True,
            min=0,
            width=10,
            help="Nombre nécessaire (nombre entier).",
        ),
        C("usage", "Usage", width=50, help="Pour quoi faire, par qui."),
    ),
    example=({"means": "Téléphone mobile", "quantity": 2, "usage": "Joindre le médecin de garde"},),
)

BIOMEDICAL = Sheet(
    key="biomedical",
    name="Biomédical",
    layout="table",
    detail="Biomédical",
    row_key=("device",),
    help="Les équipements biomédicaux critiques du service et leur fonctionnement hors réseau.",
    prepared_rows=20,
    columns=(
        C("device", "Équipement", required=True, width=30, help="Type d'équipement (respirateur...)."),
        C(
            "quantity",
            "Quantité",
            kind="integer",
            required=True,
            min=0,
            width=10,
            help="Nombre d'appareils (nombre entier).",
        ),
        C(
            "connected",
            "Connecté au réseau",
            kind="choice",
            choices=YES_NO,
            required=True,
            width=12,
            help="L'appareil est-il relié au réseau de l'hôpital ? Oui ou Non.",
        ),
        C(
            "offline",
            "Fonctionne hors réseau",
            kind="choice",
            choices=OFF_NETWORK,
            required=True,
            width=14,
            help="Fonctionne-t-il débranché du réseau ? Oui, Partiellement, Non.",
        ),
        C("dependency", "Dépendance", width=28, help="Ce dont il dépend (serveur, centrale...)."),
        C("comment", "Commentaire", width=40, help="Précisions libres."),
    ),
    example=(
        {
            "device": "Moniteur de surveillance",
            "quantity": 12,
            "connected": "Oui",
            "offline": "Partiellement",
            "dependency": "Centrale de surveillance",
            "comment": "Alarmes locales seulement",
        },
    ),
)

DOCUMENTS = Sheet(
    key="documents",
    name="Documents",
    layout="table",
    detail="Documents",
    row_key=("document",),
    help="Les documents papier à préparer et imprimer à l'avance.",
    prepared_rows=25,
    columns=(
        C("document", "Document", required=True, width=40, help="Nom du document à prévoir."),
        C(
            "type",
            "Type",
            kind="choice",
            choices=DOCUMENT_TYPES,
            required=True,
            width=18,
            help="Prescription, Étiquettes, Dossier patient, Procédure, Formulaire administratif...",
        ),
        C(
            "quantity",
            "Quantité à prévoir",
            kind="integer",
            min=0,
            width=10,
            help="Nombre d'exemplaires à imprimer (nombre entier).",
        ),
        C("location", "Emplacement", width=28, help="Où le document est rangé (classeur PCA...)."),
        C("owner", "Responsable", width=18, help="Qui le tient à jour."),
        C(
            "state",
            "État",
            kind="choice",
            choices=DOCUMENT_STATES,
            since=2,
            width=12,
            help="À préparer, Prêt (imprimé et rangé) ou Vérifié (contrôlé sur place).",
        ),
        C(
            "checked_on",
            "Date de vérification",
            kind="date",
            since=2,
            width=12,
            help="Date du dernier contrôle sur place (jj/mm/aaaa).",
        ),
        C(
            "consumption_per_day",
            "Consommation par jour",
            kind="integer",
            min=0,
            since=3,
            width=10,
            help="Exemplaires utilisés par jour en mode dégradé (nombre entier).",
        ),
    ),
    example=(
        {
            "document": "Étiquettes patients pré-numérotées",
            "type": "Étiquettes",
            "quantity": 500,
            "location": "Classeur PCA, bureau infirmier",
            "owner": "Cadre de santé",
            "state": "Vérifié",
            "checked_on": "2026-03-02",
            "consumption_per_day": 60,
        },
    ),
)

REFLEX = Sheet(
    key="fiche_reflexe",
    name="Fiche réflexe",
    layout="table",
    detail="Fiches réflexes",
    row_key=("step",),
    help="Les actions pas à pas quand l'informatique tombe, dans l'ordre où elles sont faites.",
    prepared_rows=25,
    columns=(
        C("step", "Étape", kind="integer", required=True, min=1, width=7, help="Numéro d'ordre."),
        C(
            "phase",
            "Phase",
            kind="choice",
            choices=PHASES,
            required=True,
            width=18,
            help="Alerte, Protection, Mode dégradé, Communication, Retour à la normale.",
        ),
        C("action", "Action", required=True, width=60, help="L'action à faire, en une phrase."),
        C("who", "Qui", required=True, width=20, help="Fonction qui agit (IDE, cadre...)."),
        C("when", "Quand", width=20, help="Délai (immédiat, dans l'heure...)."),
    ),
    example=(
        {
            "step": 1,
            "phase": "Alerte",
            "action": "Prévenir le cadre et la cellule informatique",
            "who": "IDE",
            "when": "Immédiatement",
        },
    ),
)

EXERCISES = Sheet(
    key="exercices",
    name="Exercices",
    layout="table",
    detail="Exercices",
    row_key=("date", "scenario"),
    help="Les exercices de fonctionnement sans informatique réalisés par le service.",
    prepared_rows=10,
    columns=(
        C("date", "Date", kind="date", required=True, past=True, width=12, help="Date de l'exercice (jj/mm/aaaa)."),
        C("scenario", "Scénario", lookup="scenarios", kind="choice", width=26, help="Scénario du référentiel joué."),
        C(
            "type",
            "Type",
            kind="choice",
            choices=EXERCISE_TYPES,
            width=14,
            help="Sur table, Simulation ou Exercice réel.",
        ),
        C("participants", "Participants", width=30, help="Qui a participé."),
        C("result", "Résultat", kind="choice", choices=RESULTS, width=10, help="Réussi, Partiel ou Échec."),
        C("actions", "Actions correctives", width=44, help="Ce qui doit être amélioré."),
    ),
    example=(
        {
            "date": "2026-03-12",
            "scenario": "DPI indisponible",
            "type": "Sur table",
            "participants": "Cadre, 4 IDE, 1 médecin",
            "result": "Partiel",
            "actions": "Imprimer les bons de demande d'imagerie",
        },
    ),
)

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
