"""The service workbook's two forms: « Service » (who, what, how ready) and « Maturité » (the questionnaire)."""

from __future__ import annotations

from .model import Column as C
from .model import Sheet
from .vocabulary import (
    ANSWERS,
    CATEGORIES,
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
            ask="remettez le code du service, tel que le modèle l'avait pré-rempli",
        ),
        C(
            "name",
            "Service",
            required=True,
            locked=True,
            help="Nom du service. Pré-rempli.",
            ask="remettez le nom du service, tel que le modèle l'avait pré-rempli",
        ),
        C("pole", "Pôle", locked=True, help="Pôle de rattachement. Pré-rempli."),
        C(
            "category",
            "Catégorie",
            kind="choice",
            choices=CATEGORIES,
            locked=True,
            help="Critique, Support ou Modèle. Pré-rempli.",
        ),
        C(
            "medical_referent",
            "Référent médical",
            required=True,
            help="Prénom NOM du médecin référent PCA du service.",
            ask="saisissez le prénom et le NOM du médecin référent PCA du service",
        ),
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
            ask="saisissez le prénom et le NOM du cadre ou soignant référent PCA du service",
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
            kind="email",
            since=3,
            help="Adresse e-mail professionnelle du référent médical (pour les relances de l'équipe PCA).",
        ),
        C(
            "paramedical_email",
            "E-mail du référent paramédical",
            kind="email",
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
