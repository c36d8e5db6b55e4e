"""Closed vocabularies of the workbook format: every list a drop-down offers, and the values code tests."""

CATEGORIES = ("Critique", "Support", "Modèle")
ANSWERS = ("Oui", "Partiel", "Non", "Ne sait pas")
DEPENDENCY = ("Faible", "Modérée", "Forte", "Critique")
INTERRUPTION = ("Moins d'1 h", "1 à 4 h", "4 à 24 h", "1 à 3 jours", "Plus de 3 jours")
DEGRADED = ("Oui", "Partielle", "Non")
CRITICALITY = ("Vitale", "Majeure", "Modérée")
WORKAROUND_STATUS = ("À construire", "Définie", "Testée")
TELECOM_MEANS = (
    "Adresse e-mail de secours",
    "Téléphone mobile",
    "Téléphone satellite",
    "Ordinateur hors réseau",
    "Imprimante hors réseau",
    "Radio",
    "Autre",
)
YES_NO = ("Oui", "Non")
OFF_NETWORK = ("Oui", "Partiellement", "Non")
DOCUMENT_TYPES = (
    "Prescription",
    "Étiquettes",
    "Dossier patient",
    "Procédure",
    "Formulaire administratif",
    "Annuaire",
    "Autre",
)
PHASES = ("Alerte", "Protection", "Mode dégradé", "Communication", "Retour à la normale")
EXERCISE_TYPES = ("Sur table", "Simulation", "Exercice réel")
RESULTS = ("Réussi", "Partiel", "Échec")

DATA_LOSS = ("Aucune", "Moins d'1 h", "1 à 4 h", "4 à 24 h", "Plus de 24 h")
DOCUMENT_STATES = ("À préparer", "Prêt", "Vérifié")
ACTION_ORIGINS = ("Écart", "Exercice", "Autre")
ACTION_STATUSES = ("À faire", "En cours", "Fait")

#: Names the consolidation tests by value (one place, so a renamed choice breaks loudly here).
CARE_CATEGORIES = (CATEGORIES[0], CATEGORIES[2])  # Critique, Modèle: care services
SUPPORT = CATEGORIES[1]
TESTED = WORKAROUND_STATUS[2]
VITAL = CRITICALITY[0]
CRITICAL = DEPENDENCY[3]
STRONG = DEPENDENCY[2]
SHORT_INTERRUPTIONS = INTERRUPTION[:2]  # under 4 hours
TO_BUILD = WORKAROUND_STATUS[0]
NOT_OFF_NETWORK = OFF_NETWORK[2]
PARTLY_OFF_NETWORK = OFF_NETWORK[1]
#: The workaround statuses that cover a process row (« Définie », « Testée »): coverage, scenarios, readiness.
COVERED = WORKAROUND_STATUS[1:]
DEFINED = WORKAROUND_STATUS[1]
#: Severity of a gap (« Gravité » of the Écarts sheet), most severe first.
SEVERITIES = ("Critique", "Élevée", "Moyenne", "Faible")
MAJOR = CRITICALITY[1]
YES, NO = YES_NO
#: A service whose workbook's identity is disputed (validate.identity): neither received nor missing.
TO_CHECK = "À vérifier"
#: A service whose workbook was received but cannot be read (« Classeur reçu » of the Synthèse).
RECEIVED_UNREADABLE = "Illisible"
SUCCEEDED, FAILED = RESULTS[0], RESULTS[2]  # exercise results « Réussi », « Échec »
EXERCISE_ORIGIN = ACTION_ORIGINS[1]
DONE = ACTION_STATUSES[2]
PARTLY_SUCCEEDED = RESULTS[1]  # « Partiel »
ALERT, BACK_TO_NORMAL = PHASES[0], PHASES[-1]
TO_PREPARE, READY, CHECKED = DOCUMENT_STATES  # « À préparer », « Prêt », « Vérifié »
