"""The service workbook's paper means and preparation: « Télécom », « Biomédical », « Documents »,
« Fiches réflexes », « Exercices »."""

from __future__ import annotations

from .model import Column as C
from .model import Sheet
from .vocabulary import (
    DOCUMENT_STATES,
    DOCUMENT_TYPES,
    EXERCISE_TYPES,
    OFF_NETWORK,
    PHASES,
    RESULTS,
    TELECOM_MEANS,
    YES_NO,
)

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
