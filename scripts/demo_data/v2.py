"""What the demo hospital fills in the sheets and columns new in template version 2 (DESIGN §3).

Kept apart from the service modules, which hold the version-1 content as referents typed it:
``load_services`` merges these into each service's ``DATA``.
"""

from __future__ import annotations

from datetime import date

from .interfaces import directed

# fmt: off
#: The plan's sign-off (« Validé par », « Date de validation »), for about half of the services.
VALIDATIONS = {
    "REA": ("Pr Claire MARTIN, cheffe de pôle", date(2026, 9, 21)),
    "URG": ("Dr Paul SIMON, chef de service", date(2026, 10, 9)),
    "SAMU": ("Pr Claire MARTIN, cheffe de pôle", date(2026, 9, 4)),
    "LABO": ("Pr Anne DUBOIS, cheffe de pôle", date(2026, 7, 10)),
    "OBST": ("Pr Julie FONTAINE, cheffe de pôle", date(2026, 9, 15)),
    "HEMA": ("Dr Élodie CARON, cheffe de service", date(2026, 10, 20)),
    "PUI": ("Dr Olivier LEFEBVRE, chef de pôle", date(2026, 4, 16)),
    "TELECOM": ("François LAMBERT, directeur référent", date(2026, 7, 28)),
    "BIOMED": ("Dr Bruno GARNIER, chef de pôle", date(2026, 6, 19)),
    "ADM": ("Antoine GIRARD, directeur référent", date(2026, 11, 3)),
    "NEURO": ("Pr Marc LAURENT, chef de pôle", date(2026, 10, 1)),
    "PNEUMO": ("Pr Marc LAURENT, chef de pôle", date(2026, 6, 11)),
}

#: « État » of each document, in the order of the service's Documents sheet: V = Vérifié,
#: P = Prêt, A = À préparer, . = not filled; and the date of the last on-site check of the
#: documents marked Vérifié (« Date de vérification »).
DOCUMENT_STATES = {
    "REA": ("VVVPPPVPAPPA", date(2026, 9, 10)),
    "URG": ("VVPPPAPPVAPP", date(2026, 9, 28)),
    "SAMU": ("VVVVPPPAPPV", date(2026, 8, 20)),
    "BLOC": ("PPAAPP.AAP", None),
    "LABO": ("VVVPPPPAPPA", date(2026, 6, 30)),
    "IMAG": ("PAAP.AA", None),
    "CAPTV": ("VPPPAPPA", date(2026, 4, 15)),
    "HEMA": ("VVVVPPPPAPPA", date(2026, 10, 8)),
    "OBST": ("VVVPPPPPVAPP", date(2026, 8, 28)),
    "PUI": ("VVPPAP", date(2026, 4, 2)),
    "REST": ("PPAA.A", None),
    "TRANS": ("VPPA", date(2026, 5, 5)),
    "BIOMED": ("VVPP", date(2026, 6, 5)),
    "TELECOM": ("VVVP", date(2026, 7, 15)),
    "LITS": ("PAA.", None),
    "STERIL": ("PPAA", None),
    "ADM": ("VVPPA", date(2026, 10, 21)),
    "LOGIST": ("PA.", None),
    "NEURO": ("VVPPPAPA", date(2026, 9, 18)),
    "PNEUMO": ("VPPPAPA", date(2026, 5, 28)),
    "PEDIA": ("PPPAAPA", None),
    "CARDIO": ("PPAPAAP.", None),
    "GERIA": ("AAA.", None),
    "CHIRDIG": ("PPAAPA", None),
}
STATES = {"V": "Vérifié", "P": "Prêt", "A": "À préparer", ".": None}

#: « Plan d'actions »: (action, origin, reference, owner, due, status).
ACTION_PLANS = {
    "REA": [
        ("Imprimer une table de dilution par chariot de soins", "Exercice", "17/03/2026", "Pharmacien référent",
         date(2026, 4, 30), "Fait"),
        ("Prévoir un coursier de relève entre 12 h et 14 h", "Exercice", "17/03/2026", "Cadre de santé",
         date(2026, 6, 30), "En cours"),
        ("Tester en exercice la surveillance par binôme sans report des alarmes", "Écart", "10", "Réanimateur senior",
         date(2027, 1, 31), "À faire"),
    ],
    "URG": [
        ("Pré-numéroter 200 dossiers d'urgence supplémentaires", "Écart", "2", "Cadre de santé",
         date(2026, 12, 15), "En cours"),
        ("Refaire l'exercice de tri IOA sans DPI avec l'équipe de nuit", "Exercice", "11/06/2026", "Dr Paul SIMON",
         date(2027, 2, 28), "À faire"),
    ],
    "LABO": [
        ("Tester en exercice la validation sur ticket d'automate", "Écart", "9", "Biologiste responsable",
         date(2026, 11, 15), "En cours"),
    ],
    "IMAG": [
        ("Organiser un premier exercice sans RIS/PACS", "Écart", None, "Cadre d'imagerie",
         date(2026, 10, 31), "À faire"),
        ("Imprimer les plannings papier par modalité", "Écart", "2", "Secrétariat d'imagerie",
         date(2026, 9, 30), "Fait"),
    ],
    "PUI": [
        ("Imprimer les fiches de stock des références critiques", "Exercice", "22/01/2026", "Préparateur référent",
         date(2026, 3, 31), "Fait"),
    ],
    "TELECOM": [
        ("Acheter deux téléphones satellites pour la cellule de crise", "Autre", None, "Responsable télécom",
         date(2027, 3, 31), "En cours"),
    ],
    "GERIA": [
        ("Préparer les plans de soins papier et les bons de demande", "Écart", None, "Cadre de santé",
         date(2026, 8, 31), "À faire"),
    ],
}
# fmt: on


def apply(code: str, category: str, data: dict) -> dict:
    """``data`` of one service with its version-2 content (a new dict; the module's is left alone)."""
    data = dict(data)
    if code in VALIDATIONS:
        by, on = VALIDATIONS[code]
        data["service"] = {**data["service"], "validated_by": by, "validated_on": on}
    # The fifth value of a process row names the other services involved; interfaces.py files
    # them under Services sollicités / Services bénéficiaires.
    data["processus"] = directed(code, category, data.get("processus", []))
    states, checked = DOCUMENT_STATES.get(code, ("", None))
    documents = []
    for i, row in enumerate(data.get("documents", [])):
        state = STATES[states[i]] if i < len(states) else None
        documents.append({**row, "state": state, "checked_on": checked if state == "Vérifié" else None})
    data["documents"] = documents
    keys = ("action", "origin", "reference", "owner", "due", "status")
    data["plan_actions"] = [dict(zip(keys, row)) for row in ACTION_PLANS.get(code, [])]
    return data
