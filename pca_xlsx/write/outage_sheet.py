"""The « Durée de la panne » sheet: each service's outage under the generalised cyber attack."""

from __future__ import annotations

from ..consolidate.outage import hours
from ..core.values import xml_safe
from .layout import Writer

SHEET = "Durée de la panne"
SERVICE_KEYS = ["code", "name", "pole_name", "paper_days", "vital_paper_days", "records", "hours", "autonomy",
                "autonomy_document", "print_7", "print_21", "devices", "devices_text"]  # fmt: skip
SERVICE_HEADERS = ["Code service", "Service", "Pôle", "Jours sur papier (dernière application rétablie, J+)",
                   "Jours sur papier des processus vitaux (J+)", "Enregistrements à ressaisir",
                   "Heures de ressaisie", "Autonomie papier la plus courte (jours)", "Document le plus court",
                   "Exemplaires à imprimer pour J+7", "Exemplaires à imprimer pour J+21",
                   "Moyens de secours détenus", "Moyens de secours (détail)"]  # fmt: skip
REKEY_KEYS = ["code", "name", "resource", "back", "vital", "records", "hours", "processes"]
REKEY_HEADERS = ["Code service", "Service", "Application", "Rétablie à J+", "Processus vitaux à ressaisir",
                 "Enregistrements à ressaisir", "Heures de ressaisie", "Processus (volume par jour)"]  # fmt: skip
PROCESS_KEYS = ["code", "number", "process", "criticality", "resource", "days", "volume", "rekey", "rekey_source",
                "records", "hours"]  # fmt: skip
PROCESS_HEADERS = ["Code service", "N°", "Processus", "Criticité", "Ressource impactée", "Jours sur papier",
                   "Volume par jour", "À ressaisir", "Valeur", "Enregistrements à ressaisir",
                   "Heures de ressaisie"]  # fmt: skip
DOCUMENT_KEYS = ["code", "document", "type", "stock", "consumption", "autonomy", "print_7", "print_21"]
DOCUMENT_HEADERS = ["Code service", "Document", "Type", "Exemplaires en stock", "Consommation par jour",
                    "Autonomie (jours)", "À imprimer pour J+7", "À imprimer pour J+21"]  # fmt: skip


def outage(w: Writer, c) -> None:
    """Totals, one row per service, then the re-keying per application, the documents, the processes."""
    data = c.outage
    ws = w.sheet(SHEET)
    if data is None:
        w.heading(ws, 0, "Durée de la panne", "Aucune donnée.")
        return
    cyber = c.cyber
    note = (
        f"Cyberattaque généralisée : aucun redémarrage avant J+{cyber.investigation} (investigation et "
        f"assainissement), puis {cyber.capacity} application(s) reconstruite(s) en parallèle (feuille « Reprise SI »). "
        "Jours sur papier d'un processus = jour où sa ressource est rétablie. Enregistrements à ressaisir = volume par "
        "jour × jours sur papier, pour les lignes « À ressaisir » ; heures = enregistrements × "
        f"{f'{data.minutes:g}'.replace('.', ',')} minute(s) ÷ 60. Autonomie = exemplaires en stock ÷ consommation par "
        "jour ; à imprimer pour J+7 (J+21) = consommation × 7 (21) − stock, si positif. « Proposé » : « À ressaisir » "
        "laissé vide, valeur déduite des mots de la parade. " + " ".join(data.notes)
    )
    row = w.heading(ws, 0, "Durée de la panne : chaque service sous cyberattaque généralisée", note)
    services = data.services
    records = int(services["records"].sum())
    lines = [
        ("Enregistrements à ressaisir (tous services)", records),
        ("Heures de ressaisie (tous services)", hours(records, data.minutes)),
        ("Exemplaires à imprimer pour J+7", int(services["print_7"].sum())),
        ("Exemplaires à imprimer pour J+21", int(services["print_21"].sum())),
    ]
    for text, value in lines:
        ws.merge_range(row, 0, row, 2, xml_safe(text), w.fmt.label)
        ws.write_number(row, 3, value, w.big)
        row += 1
    row = w.table(ws, row + 1, services, SERVICE_KEYS, SERVICE_HEADERS, title="Duree_panne_services", repeat=True)
    for title, frame, keys, headers, name in (
        ("Ressaisie par service et par application", data.rekey, REKEY_KEYS, REKEY_HEADERS, "Duree_panne_ressaisie"),
        ("Autonomie papier par document", data.documents, DOCUMENT_KEYS, DOCUMENT_HEADERS, "Duree_panne_documents"),
        ("Jours sur papier par processus", data.processes, PROCESS_KEYS, PROCESS_HEADERS, "Duree_panne_processus"),
    ):
        ws.write_string(row, 0, title, w.fmt.subtitle)
        row = w.table(ws, row + 1, frame, keys, headers, title=name)
    ws.freeze_panes(0, 2)
