"""What the demo hospital fills in the items new in template version 3 for the crisis cell.

Kept apart from the service modules and ``referential.py`` (as ``v2.py`` is): the referents'
deputies and each service's on-duty phone (« Service » sheet), the crisis directory's deputies,
rooms and establishments, and the « Contacts externes » sheet. ``load_services`` and
``make_demo.py`` merge them in.

The demo passes the crisis checks (tests/test_crisis_cell.py shows each one firing on an edited
copy): the LABO referent's mobile, once the CHU's « Direction de garde » number, is now her own, and
the bed manager no longer also answers for admissions and patient transport.
"""

from __future__ import annotations

from .referential import CHU, CHVM

# fmt: off
#: Service code → (deputy of the medical referent, deputy of the paramedical referent, on-duty phone).
SERVICE_CRISIS = {
    "REA": ("Dr Lucie GARREAU", "Karine PETIT", "06 11 20 31 42"),
    "URG": ("Dr Paul SIMON", "Mélanie FOURNIER", "06 11 20 31 43"),
    "SAMU": ("Dr Élise MARTINEAU", "Olivier BRUNET", "06 11 20 31 44"),
    "BLOC": ("Dr Antoine RIVIÈRE", "Sandra LEBRUN", "06 11 20 31 45"),
    "LABO": ("Dr Marc JOLY", "Céline PRÉVOST", "06 11 20 31 46"),
    "IMAG": ("Dr Sophie HAMON", "Julien MAILLARD", "06 11 20 31 47"),
    "CAPTV": ("Dr Bertrand COSTE", "Laura RENARD", "06 11 20 31 48"),
    "HEMA": ("Dr Élodie CARON", "Fanny AUBERT", "06 11 20 31 49"),
    "OBST": ("Dr Claire BESSON", "Nathalie GIRAUD", "06 11 20 31 50"),
    "PUI": ("Dr Raphaël MENARD", "Cécile ROY", "06 11 20 31 51"),
    "REST": ("Jean-Luc POIRIER", "Denis HUET", "06 11 20 31 52"),
    "TRANS": ("Marc DELMAS", "Kevin LEROUX", "06 11 20 31 53"),
    "BIOMED": ("Arnaud SCHMITT", "Loïc GAILLARD", "06 11 20 31 54"),
    "TELECOM": ("Arnaud SCHMITT", "Patrick FERRAND", "06 11 20 31 55"),
    "LITS": ("Dr Damien ROUSSEAU", "Sylvie BARRE", "06 11 20 31 56"),
    "STERIL": ("Dr Raphaël MENARD", "Christine MARIE", "06 11 20 31 57"),
    "ADM": ("Hélène DUPRÉ", "Audrey PASCAL", "06 11 20 31 58"),
    "LOGIST": ("Jean-Luc POIRIER", "Frédéric LACROIX", "06 11 20 31 59"),
    "NEURO": ("Dr Agathe BLANCHARD", "Émilie MARCHAL", "06 11 20 31 60"),
    "PNEUMO": ("Dr Yves COLAS", "Sophie MAURY", "06 11 20 31 61"),
    "PEDIA": ("Dr Léa BOURGEOIS", "Virginie HUBERT", "06 11 20 31 62"),
    "CARDIO": ("Dr Nicolas TESSIER", "Aline GUICHARD", "06 11 20 31 63"),
    "GERIA": ("Dr Monique FLEURY", "Patricia JACOB", "06 11 20 31 64"),
    "CHIRDIG": ("Dr Étienne LAMY", "Aurore BAILLY", "06 11 20 31 65"),
    "URGVM": ("Dr Romain FAVRE", "Julie CARRÉ", "03 29 80 40 15"),
    "MEDVM": ("Dr Anne-Sophie VIAL", "Bruno HERVÉ", "03 29 80 40 16"),
    "PHARVM": ("Dr Louis ROCHE", "Maëlle DENIS", "03 29 80 40 17"),
}

_ROOM_CHU = "Salle de crise, bâtiment administratif, 1er étage – Hôpital Central"
_ROOM_VM = "Salle du conseil, direction – CH du Val de Meuse"

#: The CHU's directory rows (referential.py) by function: (deputy, deputy's phone, place, establishment).
#: The IT on-call, the RSSI and communication are the GHT's, shared by both establishments (blank code).
DIRECTORY_CRISIS = {
    "Cellule de crise": ("Isabelle MOREL, directrice adjointe", "06 12 45 78 91", _ROOM_CHU, CHU),
    "Direction de garde": ("Directeur adjoint d'astreinte", "06 23 56 89 13", _ROOM_CHU, CHU),
    "Astreinte informatique": ("Responsable d'exploitation DSN", "06 34 67 90 24", "Salle serveurs, sous-sol – Hôpital Central", None),
    "Responsable de la sécurité des systèmes d'information": ("Adjoint RSSI du GHT", "06 45 78 01 35",
                                                              "Direction du numérique du GHT – Hôpital Central", None),
    "Cadre de garde": ("Cadre de santé d'astreinte", "06 56 89 12 46", _ROOM_CHU, CHU),
    "Astreinte biomédicale": ("Ingénieur biomédical", "06 67 90 23 57", "Atelier biomédical – Hôpital Central", CHU),
    "Astreinte technique": ("Ingénieur des services techniques", "06 78 01 34 68", "PC sécurité – Hôpital Central", CHU),
    "Communication": ("Directrice de la communication du GHT", "06 89 12 45 79",
                      "Direction de la communication du GHT – Hôpital Central", None),
}

#: The Val de Meuse's own crisis cell (its staff go to its own room, not the CHU's).
DIRECTORY_CHVM = [
    {"function": "Cellule de crise", "name": "Marie-Christine LOPEZ, directrice déléguée", "phone": "03 29 80 40 01",
     "radio": "Canal 5", "availability": "24 h/24 dès son ouverture", "deputy": "Cédric MASSON, cadre de pôle",
     "deputy_phone": "06 58 30 14 93", "place": _ROOM_VM, "establishment": CHVM},
    {"function": "Direction de garde", "name": "Administrateur de garde du Val de Meuse", "phone": "03 29 80 40 02",
     "radio": "Canal 5", "availability": "24 h/24", "deputy": "Directeur de garde suppléant", "deputy_phone": "03 29 80 40 09",
     "place": _ROOM_VM, "establishment": CHVM},
    {"function": "Cadre de garde", "name": "Cadre de santé de garde", "phone": "03 29 80 40 03", "radio": "Canal 6",
     "availability": "24 h/24", "deputy": "Infirmière de nuit référente", "deputy_phone": "03 29 80 40 04",
     "place": _ROOM_VM, "establishment": CHVM},
    {"function": "Astreinte technique", "name": "Agent technique d'astreinte", "phone": "03 29 80 40 05", "radio": "Canal 6",
     "availability": "24 h/24", "deputy": "Responsable des services techniques", "deputy_phone": "03 29 80 40 06",
     "place": "Atelier technique – CH du Val de Meuse", "establishment": CHVM},
    {"function": "Moyens de secours (télécom)", "name": "Agent logistique de garde", "phone": "03 29 80 40 07",
     "radio": "Canal 6", "availability": "24 h/24", "deputy": "Cadre logistique", "deputy_phone": "03 29 80 40 08",
     "place": "Magasin central – CH du Val de Meuse", "establishment": CHVM},
]

#: « Contacts externes »: (organisation, purpose, phone, e-mail, deadline, establishment code or None).
EXTERNAL_CONTACTS = [
    ("ARS", "Signalement de l'événement indésirable grave et point de situation (astreinte ARS)", "03 83 39 28 72",
     "ars-grand-est-alerte@ars.sante.fr", "Sans délai", None),
    ("CERT Santé", "Déclaration de l'incident de sécurité (obligatoire) et appui technique", "09 72 43 91 25",
     "cyberveille@esante.gouv.fr", "Sans délai", None),
    ("ANSSI", "Signalement d'une attaque d'ampleur (via le CERT Santé ou le CERT-FR)", "01 71 75 84 68",
     "cert-fr@ssi.gouv.fr", "24 h", None),
    ("CNIL", "Notification de la violation de données personnelles", "01 53 73 22 22", None, "72 h", None),
    ("Police ou gendarmerie", "Dépôt de plainte (section cybercriminalité)", "03 83 17 27 37", None, "Dès que possible", CHU),
    ("Police ou gendarmerie", "Dépôt de plainte (brigade de gendarmerie de Verdun)", "03 29 86 07 17", None,
     "Dès que possible", CHVM),
    ("Assureur", "Déclaration de sinistre cyber et cellule d'assistance", "01 40 15 60 60", "sinistres-cyber@assureur.fr",
     "5 jours ouvrés", None),
    ("EFS", "Délivrance des produits sanguins en mode dégradé (site de Nancy)", "03 83 44 62 62", None, "Sans délai", None),
    ("Éditeur", "Support du DPI (astreinte éditeur)", "01 85 65 20 00", "support@editeur-dpi.fr", "H+2", None),
    ("Éditeur", "Support du SGL et des middlewares du laboratoire", "04 72 10 35 35", "hotline@editeur-sgl.fr", "H+2", None),
    ("Établissement partenaire", "Accueil de patients transférés : CHR de Metz-Thionville (cellule de crise)",
     "03 87 55 31 31", None, "Dès la décision de transfert", None),
    ("Préfecture", "Information du préfet (plan blanc déclenché)", "03 83 34 26 26", None, "Dès le déclenchement", None),
]
# fmt: on
CONTACT_KEYS = ("organisation", "purpose", "phone", "email", "deadline", "establishment")


def service(code: str, data: dict) -> dict:
    """``data`` of one service with its version-3 « Service » rows (a new dict)."""
    if code not in SERVICE_CRISIS:
        return data
    medical, paramedical, phone = SERVICE_CRISIS[code]
    extra = {"medical_deputy": medical, "paramedical_deputy": paramedical, "duty_phone": phone}
    return {**data, "service": {**data["service"], **extra}}


def directory(rows: list[dict]) -> list[dict]:
    """The referential's directory rows with their version-3 columns, then the Val de Meuse's own cell."""
    keys = ("deputy", "deputy_phone", "place", "establishment")
    out = [{**row, **dict(zip(keys, DIRECTORY_CRISIS.get(row["function"], (None,) * 4)))} for row in rows]
    return out + [dict(row) for row in DIRECTORY_CHVM]


def contacts() -> list[dict]:
    return [dict(zip(CONTACT_KEYS, row)) for row in EXTERNAL_CONTACTS]
