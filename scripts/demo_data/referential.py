"""Referential of the demo hospital "CHU Exemple" (sheets of ``referentiel.xlsx``, DESIGN §3.1).

A fictional university hospital; the 24 priority services follow the CHRU de Nancy account
(critical services, support services, model wards). All names of people are invented.
"""

from __future__ import annotations

from datetime import date

ESTABLISHMENT = {
    "name": "CHU Exemple",
    "group": "GHT Exemple Sud",
    "review_months": 12,
    "exercise_months": 12,
    "pca_contact": "Julie MARCHAND, chargée de mission PCA (direction qualité et gestion des risques)",
    "pca_phone": "03 83 00 12 34",
    "pca_email": "pca@chu-exemple.fr",
    "return_deadline": date(2027, 1, 29),
}

#: The GHT: the CHU and a small second establishment whose workbooks sit in workbooks/CHVM/.
CHU, CHVM = "CHUEX", "CHVM"
ESTABLISHMENTS = [
    {"code": CHU, "name": "CHU Exemple", "finess": "540000001", "share": 82},
    {"code": CHVM, "name": "Centre hospitalier du Val de Meuse", "finess": "550000002", "share": 14},
]

# One dict per row, kept on one or two lines for readability.
# fmt: off
POLES = [
    {"code": "URGREA", "name": "Pôle Urgences – Réanimation – SAMU", "chief": "Pr Claire MARTIN",
     "manager": "Sophie LEROY", "director": "Antoine GIRARD"},
    {"code": "CHIRANE", "name": "Pôle Chirurgie – Anesthésie – Bloc", "chief": "Pr Hugo BERNARD",
     "manager": "Nathalie FAURE", "director": "Isabelle MOREL"},
    {"code": "BIOIMA", "name": "Pôle Biologie – Imagerie", "chief": "Pr Anne DUBOIS",
     "manager": "Christophe ROUX", "director": "Antoine GIRARD"},
    {"code": "MEDSPE", "name": "Pôle Médecine et spécialités médicales", "chief": "Pr Marc LAURENT",
     "manager": "Valérie MERCIER", "director": "Isabelle MOREL"},
    {"code": "FME", "name": "Pôle Femme – Mère – Enfant", "chief": "Pr Julie FONTAINE",
     "manager": "Karine BLANC", "director": "Céline GUERIN"},
    {"code": "PHARMA", "name": "Pôle Pharmacie – Stérilisation", "chief": "Dr Olivier LEFEBVRE",
     "manager": "Patricia ANDRE", "director": "Céline GUERIN"},
    {"code": "LOGHOT", "name": "Pôle Logistique et Hôtellerie", "chief": "Dr Pierre CHEVALIER",
     "manager": "Mickaël DURAND", "director": "François LAMBERT"},
    {"code": "NUMBIO", "name": "Pôle Numérique et Ingénierie biomédicale", "chief": "Dr Bruno GARNIER",
     "manager": "Stéphane ROBIN", "director": "François LAMBERT"},
    {"code": "PARCOURS", "name": "Pôle Parcours patient et Admissions", "chief": "Dr Laure PERRIN",
     "manager": "Sandrine COLIN", "director": "Antoine GIRARD"},
    {"code": "VMMED", "name": "Pôle Médecine – Urgences du Val de Meuse", "chief": "Dr Hélène VIDAL",
     "manager": "Cédric MASSON", "director": "Marie-Christine LOPEZ", "establishment": CHVM},
]
for _pole in POLES:
    _pole.setdefault("establishment", CHU)

_CENTRAL = "Hôpital Central"
_NORD = "Hôpital Nord"
_LOG = "Plateforme logistique Sud"
_VM = "CH du Val de Meuse"

SERVICES = [
    # Critical services
    {"code": "REA", "name": "Réanimation médicale", "pole": "URGREA", "site": _CENTRAL, "category": "Critique", "wave": 1},
    {"code": "URG", "name": "Urgences adultes", "pole": "URGREA", "site": _CENTRAL, "category": "Critique", "wave": 1},
    {"code": "SAMU", "name": "SAMU – Centre 15 et SMUR", "pole": "URGREA", "site": _CENTRAL, "category": "Critique", "wave": 1},
    {"code": "BLOC", "name": "Bloc opératoire central", "pole": "CHIRANE", "site": _CENTRAL, "category": "Critique", "wave": 2},
    {"code": "LABO", "name": "Laboratoire de biologie médicale", "pole": "BIOIMA", "site": _CENTRAL, "category": "Critique", "wave": 1},
    {"code": "IMAG", "name": "Imagerie médicale", "pole": "BIOIMA", "site": _CENTRAL, "category": "Critique", "wave": 2},
    {"code": "CAPTV", "name": "Centre antipoison et de toxicovigilance", "pole": "URGREA", "site": _CENTRAL, "category": "Critique", "wave": 2},
    {"code": "HEMA", "name": "Hématologie clinique", "pole": "MEDSPE", "site": _NORD, "category": "Critique", "wave": 2},
    {"code": "OBST", "name": "Obstétrique – Salle de naissance", "pole": "FME", "site": _NORD, "category": "Critique", "wave": 1},
    # Support services
    {"code": "PUI", "name": "Pharmacie à usage intérieur", "pole": "PHARMA", "site": _CENTRAL, "category": "Support", "wave": 1},
    {"code": "REST", "name": "Restauration", "pole": "LOGHOT", "site": _LOG, "category": "Support", "wave": 2},
    {"code": "TRANS", "name": "Transport des patients et brancardage", "pole": "LOGHOT", "site": _CENTRAL, "category": "Support", "wave": 2},
    {"code": "BIOMED", "name": "Ingénierie biomédicale", "pole": "NUMBIO", "site": _CENTRAL, "category": "Support", "wave": 2},
    {"code": "TELECOM", "name": "Télécommunications", "pole": "NUMBIO", "site": _CENTRAL, "category": "Support", "wave": 2},
    {"code": "LITS", "name": "Gestion des lits", "pole": "PARCOURS", "site": _CENTRAL, "category": "Support", "wave": 3},
    {"code": "STERIL", "name": "Stérilisation centrale", "pole": "PHARMA", "site": _CENTRAL, "category": "Support", "wave": 3},
    {"code": "ADM", "name": "Admissions et frais de séjour", "pole": "PARCOURS", "site": _CENTRAL, "category": "Support", "wave": 3},
    {"code": "LOGIST", "name": "Logistique – magasin, linge et déchets", "pole": "LOGHOT", "site": _LOG, "category": "Support", "wave": 3},
    # Model wards
    {"code": "NEURO", "name": "Neurologie et unité neurovasculaire", "pole": "MEDSPE", "site": _CENTRAL, "category": "Modèle", "wave": 1},
    {"code": "PNEUMO", "name": "Pneumologie", "pole": "MEDSPE", "site": _NORD, "category": "Modèle", "wave": 1},
    {"code": "PEDIA", "name": "Médecine infantile", "pole": "FME", "site": _NORD, "category": "Modèle", "wave": 2},
    {"code": "CARDIO", "name": "Cardiologie", "pole": "MEDSPE", "site": _CENTRAL, "category": "Modèle", "wave": 3},
    {"code": "GERIA", "name": "Gériatrie aiguë", "pole": "MEDSPE", "site": _NORD, "category": "Modèle", "wave": 3},
    {"code": "CHIRDIG", "name": "Chirurgie digestive", "pole": "CHIRANE", "site": _CENTRAL, "category": "Modèle", "wave": 3},
    # Centre hospitalier du Val de Meuse (second establishment of the GHT)
    {"code": "URGVM", "name": "Urgences – Val de Meuse", "pole": "VMMED", "site": _VM, "category": "Critique", "wave": 1},
    {"code": "MEDVM", "name": "Médecine polyvalente – Val de Meuse", "pole": "VMMED", "site": _VM, "category": "Modèle", "wave": 2},
    {"code": "PHARVM", "name": "Pharmacie – Val de Meuse", "pole": "VMMED", "site": _VM, "category": "Support", "wave": 2},
]
#: Service code → the sub-folder of workbooks/ its workbook is written to ("" for the CHU's).
FOLDERS = {s["code"]: (CHVM if s["pole"] == "VMMED" else "") for s in SERVICES}

RESOURCES = [
    {"name": "DPI", "category": "Application métier",
     "description": "Dossier patient informatisé : prescriptions, plan de soins, transmissions, comptes rendus."},
    {"name": "Réa-Soins", "category": "Application métier",
     "description": "Logiciel de soins critiques (réanimation, bloc, SSPI) : prescriptions, feuilles de surveillance, anesthésie."},
    {"name": "SGL", "category": "Application métier",
     "description": "Système de gestion du laboratoire : demandes, étiquetage, automates, validation et diffusion des résultats."},
    {"name": "RIS/PACS", "category": "Application métier",
     "description": "Demandes et rendez-vous d'imagerie (RIS), stockage et diffusion des images (PACS)."},
    {"name": "Pharma", "category": "Application métier",
     "description": "Logiciel de pharmacie : validation pharmaceutique, dispensation, stocks, commandes fournisseurs."},
    {"name": "Chimio", "category": "Application métier",
     "description": "Prescription, validation et préparation des chimiothérapies."},
    {"name": "Transfusion", "category": "Application métier",
     "description": "Traçabilité transfusionnelle et commandes de produits sanguins labiles à l'EFS."},
    {"name": "GAP", "category": "Application métier",
     "description": "Gestion administrative des patients : identités (IPP), venues, mouvements, facturation."},
    {"name": "Bloc-Op", "category": "Application métier",
     "description": "Programmation du bloc opératoire, suivi des salles et traçabilité peropératoire."},
    {"name": "Repas", "category": "Application métier",
     "description": "Logiciel de restauration : commandes de repas, régimes, textures et allergies."},
    {"name": "Brancardage", "category": "Application métier",
     "description": "Demandes et suivi des transports de patients et des courses internes."},
    {"name": "GMAO", "category": "Application métier",
     "description": "Gestion de la maintenance biomédicale : parc, interventions, contrôles qualité."},
    {"name": "Centrale de surveillance", "category": "Équipement",
     "description": "Surveillance centralisée des moniteurs et report des alarmes vers les DECT."},
    {"name": "Régulation", "category": "Application métier",
     "description": "Logiciel de régulation médicale du SAMU : dossiers de régulation, localisation, engagement des moyens."},
    {"name": "Toxico", "category": "Application métier",
     "description": "Dossiers d'appel du centre antipoison et base de composition des produits."},
    {"name": "GestLits", "category": "Application métier",
     "description": "Tableau de bord des lits disponibles et des demandes d'hospitalisation."},
    {"name": "Stéril-Traça", "category": "Application métier",
     "description": "Traçabilité des cycles de stérilisation et des compositions de boîtes."},
    {"name": "Planning", "category": "Application métier",
     "description": "Gestion du temps de travail : plannings, coordonnées et rappel des agents."},
    {"name": "Messagerie", "category": "Messagerie",
     "description": "Messagerie de l'établissement et messagerie sécurisée de santé."},
    {"name": "Téléphonie", "category": "Téléphonie",
     "description": "Téléphonie fixe (autocommutateur IP), numéros courts et lignes extérieures."},
    {"name": "DECT", "category": "Téléphonie",
     "description": "Téléphones sans fil DECT et bipeurs des équipes de garde."},
    {"name": "Réseau", "category": "Réseau",
     "description": "Réseau informatique local (filaire et Wi-Fi) et intranet."},
    {"name": "Internet", "category": "Réseau",
     "description": "Accès Internet, VPN et services en ligne (ROR, portails régionaux, EFS, ABM)."},
    {"name": "Active Directory", "category": "Infrastructure",
     "description": "Annuaire et authentification : sessions Windows et accès aux applications."},
    {"name": "Impression", "category": "Infrastructure",
     "description": "Serveurs d'impression, imprimantes d'étiquettes et de bracelets."},
]

SCENARIOS = [
    {"name": "DPI indisponible", "resources": "DPI; Réa-Soins",
     "description": "Le dossier patient et le logiciel de soins critiques sont arrêtés ; téléphonie et réseau fonctionnent."},
    {"name": "Panne de la téléphonie", "resources": "Téléphonie; DECT",
     "description": "Plus de téléphonie fixe ni de DECT ; seuls les mobiles personnels et de service passent."},
    {"name": "Perte du réseau informatique", "resources": "Réseau; Internet; Messagerie; Active Directory; Impression",
     "description": "Le réseau est coupé : applications injoignables depuis les postes, plus d'impression ni de messagerie."},
    {"name": "Messagerie compromise", "resources": "Messagerie",
     "description": "La messagerie est coupée par précaution après un hameçonnage réussi."},
    {"name": "Cyberattaque généralisée", "resources": "Toutes",
     "description": "Rançongiciel : tout le système d'information est arrêté pour plusieurs semaines."},
]
# fmt: on

# Version 2 sheets (DESIGN §3.1).
# fmt: off
CRISIS_DIRECTORY = [
    {"function": "Cellule de crise", "name": "Philippe DELORME, directeur général", "phone": "06 12 45 78 90",
     "radio": "Canal 1", "availability": "24 h/24 dès son ouverture"},
    {"function": "Direction de garde", "name": "Administrateur de garde", "phone": "06 23 56 89 12",
     "radio": "Canal 1", "availability": "24 h/24"},
    {"function": "Astreinte informatique", "name": "Ingénieur d'astreinte DSN", "phone": "06 34 67 90 23",
     "radio": "Canal 2", "availability": "24 h/24"},
    {"function": "Responsable de la sécurité des systèmes d'information", "name": "Julien NOËL", "phone": "06 45 78 01 34",
     "radio": "Canal 2", "availability": "Jours ouvrés 8 h – 18 h, puis via l'astreinte"},
    {"function": "Cadre de garde", "name": "Cadre supérieur de garde", "phone": "06 56 89 12 45",
     "radio": "Canal 3", "availability": "24 h/24"},
    {"function": "Astreinte biomédicale", "name": "Technicien biomédical d'astreinte", "phone": "06 67 90 23 56",
     "radio": "Canal 4", "availability": "24 h/24"},
    {"function": "Astreinte technique", "name": "Technicien d'astreinte des services techniques", "phone": "06 78 01 34 67",
     "radio": "Canal 4", "availability": "24 h/24"},
    {"function": "Communication", "name": "Chargée de communication d'astreinte", "phone": "06 89 12 45 78",
     "radio": None, "availability": "7 h – 22 h"},
]
# fmt: on

#: « Moyens de secours »: the central stock of backup means, held by the telecom department, and
#: their unit cost (€). « Autre » has no unit cost: the budget shows it as to be filled in.
# means: (stock held, unit cost)
_STOCK = {
    "Adresse e-mail de secours": (30, 0),
    "Téléphone mobile": (120, 180),
    "Téléphone satellite": (4, 1200),
    "Ordinateur hors réseau": (10, 900),
    "Imprimante hors réseau": (6, 350),
    "Radio": (40, 450),
    "Autre": (0, None),
}
#: Where that stock is (« Code établissement », version 3): each establishment's own, the rest (a pool of
#: mobiles, satellite phones and radios kept by the GHT's telecom department for a crisis) shared by the GHT.
_STOCK_HELD_BY = {
    "Adresse e-mail de secours": {"CHUEX": 20, "CHVM": 5},
    "Téléphone mobile": {"CHUEX": 90, "CHVM": 10},
    "Téléphone satellite": {"CHUEX": 2},
    "Ordinateur hors réseau": {"CHUEX": 8, "CHVM": 2},
    "Imprimante hors réseau": {"CHUEX": 5, "CHVM": 1},
    "Radio": {"CHUEX": 30, "CHVM": 4},
}


def _stock_rows(means: str, stock: int, cost) -> list[dict]:
    held = _STOCK_HELD_BY.get(means, {})
    rows = [{"means": means, "stock": n, "unit_cost": cost, "establishment": code} for code, n in held.items()]
    shared = stock - sum(held.values())
    return rows + (
        [{"means": means, "stock": shared, "unit_cost": cost, "establishment": None}] if shared or not rows else []
    )


BACKUP_MEANS = [row for means, (stock, cost) in _STOCK.items() for row in _stock_rows(means, stock, cost)]

# Version 2 columns of « Ressources » (DESIGN §3.1): who runs each resource, what it needs to run,
# and what the IT department (DSI) can guarantee after a cyber attack. Some guarantees are
# deliberately short of what the services need, some are left for the DSI to fill.
# resource: (owner service, depends on, restart guaranteed, data loss guaranteed, backup)
# fmt: off
_IT = {
    "Réseau": (None, None, "4 à 24 h", None, "Configurations des équipements sauvegardées hors ligne"),
    "Active Directory": (None, "Réseau", "4 à 24 h", "Moins d'1 h", "Contrôleur de domaine de secours isolé"),
    "Internet": (None, "Réseau", "1 à 4 h", None, None),
    "Messagerie": (None, "Réseau; Active Directory; Internet", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Téléphonie": ("TELECOM", "Réseau", "1 à 4 h", None, "Autocommutateur de secours, lignes analogiques de repli"),
    "DECT": ("TELECOM", "Téléphonie", "1 à 4 h", None, None),
    "Impression": (None, "Réseau; Active Directory", "4 à 24 h", None, None),
    "GAP": ("ADM", "Réseau; Active Directory", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne hors ligne"),
    "DPI": (None, "Réseau; Active Directory; GAP", "1 à 3 jours", "4 à 24 h",
            "Sauvegarde quotidienne hors ligne, réplication sur le site Nord"),
    "Réa-Soins": ("REA", "DPI", "4 à 24 h", "1 à 4 h", "Réplication toutes les heures"),
    "SGL": ("LABO", "Réseau; Active Directory; GAP", "4 à 24 h", "1 à 4 h", "Réplication toutes les heures"),
    "RIS/PACS": ("IMAG", "Réseau; Active Directory; GAP", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Pharma": ("PUI", "DPI", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Chimio": ("PUI", "DPI; Pharma", None, None, None),
    "Transfusion": ("LABO", "GAP; Internet", None, None, None),
    "Bloc-Op": ("BLOC", "DPI", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Repas": ("REST", "DPI", "Plus de 3 jours", "Plus de 24 h", "Sauvegarde hebdomadaire"),
    "Brancardage": ("TRANS", "Réseau", "Plus de 3 jours", "Plus de 24 h", None),
    "GMAO": ("BIOMED", "Réseau", "Plus de 3 jours", "Plus de 24 h", "Sauvegarde hebdomadaire"),
    "Centrale de surveillance": ("BIOMED", "Réseau", "1 à 4 h", "Aucune", "Alarmes locales sur chaque moniteur"),
    "Régulation": ("SAMU", "Réseau; Téléphonie", "1 à 4 h", "Moins d'1 h", "Serveur de secours au SAMU voisin"),
    "Toxico": ("CAPTV", "Réseau; Téléphonie", "4 à 24 h", "4 à 24 h", None),
    "GestLits": ("LITS", "DPI", "1 à 3 jours", None, None),
    "Stéril-Traça": ("STERIL", "Réseau", "1 à 3 jours", "4 à 24 h", "Sauvegarde quotidienne"),
    "Planning": (None, "Réseau; Active Directory", "Plus de 3 jours", "Plus de 24 h", "Sauvegarde hebdomadaire"),
}
# fmt: on
for _row in RESOURCES:
    _row.update(
        zip(("owner_service", "depends_on", "restart_guaranteed", "loss_guaranteed", "backup"), _IT[_row["name"]])
    )

# Version 3 (DESIGN §3.1): the establishment's restart parameters after a cyber attack, and per
# resource the days to rebuild it from clean backups, whether it faces the Internet, its vendor.
ESTABLISHMENT.update({"investigation_days": 3, "parallel_rebuilds": 3, "rekey_minutes": 3})
# resource: (rebuild days, exposed to the Internet, vendor, vendor's off-network phone)
# fmt: off
_REBUILD = {
    "Réseau": (1, "Non", "Intégrateur réseau Est", "03 83 41 20 00"),
    "Active Directory": (2, "Non", None, None),
    "Internet": (1, "Oui", "Opérateur Télécom Pro", "03 83 41 21 00"),
    "Messagerie": (2, "Oui", "Éditeur Messagerie Santé", "01 45 00 30 30"),
    "Téléphonie": (1, "Non", "Opérateur Télécom Pro", "03 83 41 21 00"),
    "DECT": (1, "Non", "Opérateur Télécom Pro", "03 83 41 21 00"),
    "Impression": (1, "Non", None, None),
    "GAP": (2, "Non", "Éditeur GAP", "01 46 00 10 10"),
    "DPI": (15, "Non", "Éditeur DPI", "01 46 00 20 20"),
    "Réa-Soins": (1, "Non", "Éditeur Soins critiques", "01 47 00 30 30"),
    "SGL": (4, "Non", "Éditeur Laboratoire", "01 47 00 40 40"),
    "RIS/PACS": (5, "Non", "Éditeur Imagerie", "01 47 00 50 50"),
    "Pharma": (2, "Non", "Éditeur Pharmacie", "01 47 00 60 60"),
    "Chimio": (1, "Non", "Éditeur Chimiothérapie", "01 47 00 70 70"),
    "Transfusion": (2, "Oui", "Éditeur Transfusion", "01 47 00 80 80"),
    "Bloc-Op": (1, "Non", "Éditeur DPI", "01 46 00 20 20"),
    "Repas": (1, "Non", "Éditeur Restauration", "01 48 00 10 10"),
    "Brancardage": (1, "Non", "Éditeur Brancardage", "01 48 00 20 20"),
    "GMAO": (2, "Non", "Éditeur GMAO", "01 48 00 30 30"),
    "Centrale de surveillance": (1, "Non", "Constructeur moniteurs", "01 48 00 40 40"),
    "Régulation": (2, "Non", "Éditeur Régulation", "01 48 00 50 50"),
    "Toxico": (2, "Non", None, None),
    "GestLits": (1, "Non", None, None),
    "Stéril-Traça": (2, "Non", "Éditeur Stérilisation", "01 48 00 60 60"),
    "Planning": (2, "Non", "Éditeur Temps de travail", "01 48 00 70 70"),
}
# fmt: on
for _row in RESOURCES:
    _row.update(zip(("rebuild_days", "internet_exposed", "vendor", "vendor_contact"), _REBUILD[_row["name"]]))
