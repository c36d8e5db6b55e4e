"""Vocabulary of the synthetic hospital: service types, resources, scenarios, processes, actions."""

from __future__ import annotations

#: (code prefix, service name, category, typical capacity, continuity ambition)
SERVICE_TYPES: tuple[tuple[str, str, str, int, int], ...] = (
    ("REA", "Réanimation", "Critique", 20, 100),
    ("URG", "Urgences adultes", "Critique", 40, 100),
    ("URGP", "Urgences pédiatriques", "Critique", 15, 100),
    ("SAMU", "SAMU - Centre 15", "Critique", 0, 100),
    ("BLOC", "Bloc opératoire", "Critique", 12, 70),
    ("LABO", "Laboratoire de biologie", "Critique", 0, 80),
    ("IMAG", "Imagerie médicale", "Critique", 0, 60),
    ("MATER", "Maternité - salle de naissance", "Critique", 30, 90),
    ("USIC", "Soins intensifs de cardiologie", "Critique", 12, 100),
    ("DIAL", "Hémodialyse", "Critique", 18, 90),
    ("EFS", "Dépôt de sang", "Critique", 0, 100),
    ("PUI", "Pharmacie à usage intérieur", "Support", 0, 80),
    ("REST", "Restauration", "Support", 0, 90),
    ("BIOM", "Ingénierie biomédicale", "Support", 0, 60),
    ("TRANS", "Transport de patients", "Support", 0, 80),
    ("LITS", "Gestion des lits", "Support", 0, 70),
    ("ADM", "Admissions - bureau des entrées", "Support", 0, 60),
    ("STER", "Stérilisation", "Support", 0, 80),
    ("TEL", "Standard et télécommunications", "Support", 0, 90),
    ("LOG", "Logistique et magasin", "Support", 0, 60),
    ("NEURO", "Neurologie", "Modèle", 30, 70),
    ("PNEUMO", "Pneumologie", "Modèle", 28, 70),
    ("PED", "Pédiatrie", "Modèle", 24, 80),
    ("CARDIO", "Cardiologie", "Modèle", 32, 75),
    ("GERIA", "Gériatrie", "Modèle", 40, 70),
    ("ONCO", "Oncologie", "Modèle", 26, 80),
    ("CHIR", "Chirurgie viscérale", "Modèle", 30, 50),
    ("ORTHO", "Orthopédie", "Modèle", 28, 50),
    ("PSY", "Psychiatrie adulte", "Modèle", 35, 80),
    ("MIN", "Médecine interne", "Modèle", 30, 70),
    ("SSR", "Soins de suite et réadaptation", "Modèle", 40, 60),
    ("HDJ", "Hôpital de jour", "Modèle", 15, 30),
)

#: The support services most processes lean on (used for ``Services en interface``).
INTERFACE_PREFIXES = ("LABO", "IMAG", "PUI", "EFS", "TRANS", "LITS", "REST", "BLOC", "STER", "ADM")

#: (name, category, description) — about fifteen, as in a real referential.
RESOURCES: tuple[tuple[str, str, str], ...] = (
    ("DPI", "Application métier", "Dossier patient informatisé"),
    ("SGL", "Application métier", "Système de gestion du laboratoire"),
    ("RIS/PACS", "Application métier", "Imagerie : rendez-vous, comptes rendus et images"),
    ("Logiciel pharmacie", "Application métier", "Prescription et dispensation des médicaments"),
    ("Logiciel de bloc", "Application métier", "Programmation et traçabilité du bloc opératoire"),
    ("Gestion administrative des patients", "Application métier", "Identités, admissions, mouvements"),
    ("Logiciel transfusionnel", "Application métier", "Traçabilité des produits sanguins"),
    ("Logiciel de régulation", "Application métier", "Régulation des appels du centre 15"),
    ("Logiciel de restauration", "Application métier", "Commandes de repas et régimes"),
    ("Centrale de surveillance", "Équipement", "Monitorage centralisé des patients"),
    ("Messagerie", "Messagerie", "Messagerie électronique de l'établissement"),
    ("Messagerie sécurisée de santé", "Messagerie", "Échanges avec les correspondants extérieurs"),
    ("Téléphonie", "Téléphonie", "Téléphonie fixe et DECT"),
    ("Réseau", "Réseau", "Réseau informatique de l'établissement"),
    ("Annuaire et comptes", "Infrastructure", "Authentification des utilisateurs"),
)

#: IT's side of each resource (referential version 2): (prefix of the responsible service, depends on,
#: restart guaranteed, data loss guaranteed, backup); some guarantees short of what services need, some missing.
RESOURCE_IT: dict[str, tuple[str | None, str | None, str | None, str | None, str | None]] = {
    "Réseau": (None, None, "4 à 24 h", None, "Configurations sauvegardées hors ligne"),
    "Annuaire et comptes": (None, "Réseau", "4 à 24 h", "Moins d'1 h", "Contrôleur de domaine isolé"),
    "Gestion administrative des patients": (
        "ADM",
        "Réseau; Annuaire et comptes",
        "1 à 3 jours",
        "4 à 24 h",
        "Sauvegarde quotidienne hors ligne",
    ),
    "DPI": (
        None,
        "Réseau; Annuaire et comptes; Gestion administrative des patients",
        "1 à 3 jours",
        "4 à 24 h",
        "Sauvegarde quotidienne hors ligne",
    ),
    "SGL": ("LABO", "Réseau; Gestion administrative des patients", "4 à 24 h", "1 à 4 h", "Réplication horaire"),
    "RIS/PACS": ("IMAG", "Réseau; Gestion administrative des patients", "1 à 3 jours", "4 à 24 h", None),
    "Logiciel pharmacie": ("PUI", "DPI", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Logiciel de bloc": ("BLOC", "DPI", "1 à 3 jours", None, None),
    "Logiciel transfusionnel": ("EFS", "Gestion administrative des patients", None, None, None),
    "Logiciel de régulation": ("SAMU", "Réseau; Téléphonie", "1 à 4 h", "Moins d'1 h", "Serveur de secours"),
    "Logiciel de restauration": ("REST", "DPI", "Plus de 3 jours", "Plus de 24 h", None),
    "Centrale de surveillance": ("BIOM", "Réseau", "1 à 4 h", "Aucune", "Alarmes locales des moniteurs"),
    "Messagerie": (None, "Réseau; Annuaire et comptes", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Messagerie sécurisée de santé": (None, "Messagerie", None, None, None),
    "Téléphonie": ("TEL", "Réseau", "1 à 4 h", None, "Lignes analogiques de repli"),
}

#: (name, unavailable resources, description)
SCENARIOS: tuple[tuple[str, str, str], ...] = (
    ("DPI indisponible", "DPI", "Le dossier patient informatisé est arrêté"),
    ("Panne de la téléphonie", "Téléphonie", "Plus de téléphonie fixe ni DECT"),
    ("Perte du réseau", "Réseau; Annuaire et comptes; Messagerie", "Le réseau informatique est coupé"),
    ("Panne du laboratoire", "SGL", "Le système du laboratoire est arrêté"),
    ("Cyberattaque généralisée", "Toutes", "Toutes les ressources informatiques sont perdues"),
)

#: (process, resources it may depend on, workaround, prerequisites)
PROCESSES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("Prescription médicamenteuse", ("DPI", "Logiciel pharmacie"), "Prescription papier", "Ordonnances papier"),
    ("Administration des médicaments", ("DPI",), "Plan d'administration papier", "Feuilles de traçabilité"),
    ("Demande d'examen de biologie", ("DPI", "SGL"), "Bon de demande papier", "Bons de biologie pré-imprimés"),
    ("Récupération d'un résultat de biologie", ("SGL", "Réseau"), "Acheminement pédestre", "Coursier identifié"),
    ("Demande d'imagerie", ("RIS/PACS", "DPI"), "Bon d'imagerie papier", "Bons d'imagerie pré-imprimés"),
    ("Lecture d'un compte rendu d'imagerie", ("RIS/PACS",), "Compte rendu dicté par téléphone", ""),
    ("Admission d'un patient", ("Gestion administrative des patients",), "Admission papier", "Étiquettes"),
    ("Identification du patient", ("Gestion administrative des patients", "DPI"), "Bracelet manuscrit", ""),
    ("Transmissions infirmières", ("DPI",), "Transmissions écrites", "Cahier de transmissions"),
    ("Commande de produits sanguins", ("Logiciel transfusionnel", "Téléphonie"), "Bon papier porté", ""),
    ("Programmation opératoire", ("Logiciel de bloc",), "Tableau papier du programme", "Planning imprimé"),
    ("Traçabilité des dispositifs implantables", ("Logiciel de bloc",), "Registre papier", "Registre"),
    ("Surveillance des constantes", ("Centrale de surveillance", "Réseau"), "Surveillance au lit", ""),
    ("Appel du médecin de garde", ("Téléphonie",), "Téléphone mobile de garde", "Annuaire papier"),
    ("Alerte d'une équipe d'urgence", ("Téléphonie",), "Coursier et talkie-walkie", "Radios chargées"),
    ("Demande de transport de patient", ("Téléphonie", "DPI"), "Bon de transport papier", ""),
    ("Commande de repas", ("Logiciel de restauration",), "Liste papier des régimes", "Fiches régimes"),
    ("Sortie du patient", ("DPI", "Gestion administrative des patients"), "Lettre de sortie manuscrite", ""),
    ("Envoi d'un courrier au médecin traitant", ("Messagerie sécurisée de santé", "Messagerie"), "Courrier postal", ""),
    ("Régulation d'un appel d'urgence", ("Logiciel de régulation", "Téléphonie"), "Fiche de régulation papier", ""),
    ("Gestion des lits disponibles", ("Gestion administrative des patients",), "Tableau blanc des lits", ""),
    ("Accès aux protocoles de soins", ("Réseau",), "Classeur de protocoles imprimés", "Protocoles imprimés"),
    ("Connexion aux postes de travail", ("Annuaire et comptes",), "Poste hors réseau", ""),
    ("Dispensation des médicaments", ("Logiciel pharmacie",), "Dispensation sur ordonnance papier", ""),
)

OWNERS = ("IDE", "Cadre de santé", "Médecin", "Interne", "Secrétaire", "Pharmacien", "Biologiste", "AS")
REFLEX_ACTIONS: dict[str, tuple[str, ...]] = {
    "Alerte": (
        "Prévenir le cadre de santé",
        "Appeler la cellule informatique au numéro de secours",
        "Informer le médecin responsable",
    ),
    "Protection": (
        "Débrancher les postes du réseau sur consigne",
        "Ne plus saisir dans le DPI",
        "Mettre en sécurité les données en cours",
    ),
    "Mode dégradé": (
        "Sortir le kit papier du classeur PCA",
        "Imprimer la liste des patients présents",
        "Passer aux prescriptions papier",
        "Organiser l'acheminement pédestre des prélèvements",
        "Utiliser les étiquettes pré-numérotées",
    ),
    "Communication": (
        "Informer les familles et les patients",
        "Faire le point avec la cellule de crise toutes les 2 heures",
        "Diffuser l'annuaire papier",
    ),
    "Retour à la normale": (
        "Ressaisir les données du mode dégradé",
        "Archiver les documents papier",
        "Faire le retour d'expérience",
    ),
}
WHEN = ("Immédiat", "Dans l'heure", "Dans les 4 heures", "Chaque jour", "À la reprise")
DEVICES = (
    "Respirateur",
    "Moniteur de surveillance",
    "Pousse-seringue",
    "Pompe à perfusion",
    "Défibrillateur",
    "Générateur de dialyse",
    "Échographe",
    "Automate d'analyses",
    "Scanner",
    "Couveuse",
)
DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("Ordonnances papier", "Prescription"),
    ("Étiquettes patients pré-numérotées", "Étiquettes"),
    ("Dossier de soins papier", "Dossier patient"),
    ("Procédure de fonctionnement dégradé", "Procédure"),
    ("Bons de demande de biologie", "Formulaire administratif"),
    ("Bons de demande d'imagerie", "Formulaire administratif"),
    ("Annuaire téléphonique papier", "Annuaire"),
    ("Plan d'administration des médicaments", "Prescription"),
    ("Fiche d'admission papier", "Formulaire administratif"),
    ("Registre des entrées et sorties", "Autre"),
)
TELECOM_USAGES = ("Joindre le médecin de garde", "Liaison avec la cellule de crise", "Appels sortants", "Secours")
FIRST_NAMES = ("Anne", "Marc", "Julie", "Paul", "Sophie", "Karim", "Claire", "Hugo", "Inès", "Louis", "Nadia", "Éric")
LAST_NAMES = ("DURAND", "PETIT", "MARTIN", "BERNARD", "MOREAU", "LEFEBVRE", "GARCIA", "ROUX", "FAURE", "MERCIER")

#: Template version 2: action plan rows and the crisis directory (function, who).
ACTIONS = (
    "Imprimer les bons de demande papier",
    "Mettre à jour l'annuaire de crise du service",
    "Former l'équipe de nuit à la procédure dégradée",
    "Organiser un exercice sur table",
    "Vérifier le kit papier en salle de soins",
)
CRISIS_FUNCTIONS = (
    ("Cellule de crise", "Directeur de crise"),
    ("Direction de garde", "Administrateur de garde"),
    ("Astreinte informatique", "Ingénieur d'astreinte"),
    ("Cadre de garde", "Cadre supérieur de garde"),
)
