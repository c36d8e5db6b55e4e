"""What the demo hospital fills in the columns new in template version 3 (DESIGN §3): the paper
records each process makes per day in degraded mode and whether they are re-keyed, and the copies
of each document used per day. Kept apart from the service modules (see ``v2.py``).

Rows are keyed by (service, N°) where a referent wrote a figure of their own (``VOLUMES``,
``REKEY``); every other row follows the rule of :func:`_rekey` and :func:`_volume`, the way a
referent would answer for an ordinary process of the service.
"""

from __future__ import annotations

# fmt: off
#: Applications that keep records: what a paper workaround writes must be keyed in when they return.
RECORD_APPS = {
    "DPI", "Réa-Soins", "SGL", "RIS/PACS", "Pharma", "Chimio", "Transfusion", "GAP", "Bloc-Op", "Régulation",
    "Toxico", "Stéril-Traça",
}
#: A process that only reads (nothing recorded, nothing to re-key).
READS = ("Consultation", "Lecture", "Accès", "Affichage", "Recherche", "Récupération", "Suivi des patients",
         "Statistiques", "Surveillance", "Report", "Programmation des pousse", "Transmissions")
#: Paper records a day for an ordinary vital process of each service (patients, requests, calls…).
BASE = {
    "REA": 24, "URG": 80, "SAMU": 150, "BLOC": 30, "LABO": 250, "IMAG": 100, "CAPTV": 40, "HEMA": 25,
    "OBST": 10, "PUI": 120, "REST": 40, "TRANS": 40, "BIOMED": 15, "TELECOM": 5, "LITS": 30,
    "STERIL": 120, "ADM": 100, "LOGIST": 20, "NEURO": 30, "PNEUMO": 26, "PEDIA": 24, "CARDIO": 32,
    "GERIA": 24, "CHIRDIG": 28, "URGVM": 30, "MEDVM": 30, "PHARVM": 40,
}
SHARE = {"Vitale": 1.0, "Majeure": 0.5, "Modérée": 0.25}
#: Figures the referents gave for their main records (service, N°) -> paper records a day.
VOLUMES = {
    ("REA", 1): 24,    # one 24-hour prescription sheet per patient
    ("REA", 5): 4,     # dialysis prescriptions
    ("REA", 6): 10,    # nutrition prescriptions
    ("REA", 13): 48,   # lab requests
    ("REA", 25): 3,    # blood product orders
    ("URG", 2): 160,   # emergency admissions
    ("URG", 5): 160,
    ("URG", 7): 110,   # lab requests
    ("URG", 11): 70,   # imaging requests
    ("SAMU", 3): 420,  # regulation files
    ("HEMA", 1): 25,   # chemotherapy prescriptions
    ("PUI", 1): 300,   # dispensing lines
}
#: (service, N°) -> « À ressaisir » where the referent decided against the rule.
REKEY = {("REA", 6): "Oui", ("HEMA", 1): "Oui", ("REA", 38): "Oui"}
#: Days of use a service's printed stock of each kind of document is meant to last.
STOCK_DAYS = {"Prescription": 6, "Étiquettes": 8, "Dossier patient": 10, "Formulaire administratif": 12, "Autre": 15}
#: Services whose stock is short (kits printed for a few days only).
SHORT = {"GERIA": 0.4, "CHIRDIG": 0.5, "IMAG": 0.5, "REST": 0.6, "LITS": 0.6, "PEDIA": 0.7}
# fmt: on


def _rekey(code: str, row: dict) -> str:
    if (code, row["number"]) in REKEY:
        return REKEY[(code, row["number"])]
    records = row["resource"] in RECORD_APPS and row.get("workaround")
    return "Oui" if records and not str(row["process"]).startswith(READS) else "Non"


def _volume(code: str, row: dict) -> int:
    if (code, row["number"]) in VOLUMES:
        return VOLUMES[(code, row["number"])]
    return max(1, round(BASE.get(code, 20) * SHARE.get(row["criticality"], 0.25)))


def _consumption(code: str, row: dict) -> int:
    days = STOCK_DAYS.get(row["type"])
    quantity = row.get("quantity") or 0
    if not days or quantity < 20:  # procedures, directories, binders: read, not used up
        return 0
    return max(1, round(quantity / (days * SHORT.get(code, 1.0))))


def apply(code: str, data: dict) -> dict:
    """``data`` of one service with its version-3 content (a new dict)."""
    data = dict(data)
    rows = []
    for row in data.get("processus", []):
        rekey = _rekey(code, row)
        rows.append({**row, "rekey": rekey, "volume_per_day": _volume(code, row) if rekey == "Oui" else None})
    data["processus"] = rows
    data["documents"] = [{**row, "consumption_per_day": _consumption(code, row)} for row in data.get("documents", [])]
    return data
