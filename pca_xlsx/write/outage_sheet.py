"""The « Durée de la panne » sheet: each service's outage under the generalised cyber attack."""

from __future__ import annotations

from ..consolidate.outage import hours
from ..core.values import xml_safe
from ..format.tables import TABLES
from .layout import Writer

SHEET = "Durée de la panne"


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
        "jour ; à imprimer pour J+7 (J+21) = consommation × 7 (21) − stock, et jusqu'à la fin du papier = "
        "consommation × jours jusqu'à la « Fin du papier » du service (sa dernière application rétablie ; sans processus touché, la "
        "dernière ressource du plan de reprise) − stock, si positif. « Proposé » : « À ressaisir » "
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
        ("Exemplaires à imprimer jusqu'à la fin du papier", int(services["print_end"].sum())),
    ]
    for text, value in lines:
        ws.merge_range(row, 0, row, 2, xml_safe(text), w.fmt.label)
        ws.write_number(row, 3, value, w.big)
        row += 1
    row = w.table(ws, row + 1, services, TABLES["duree_panne_services"])
    for frame, key in (
        (data.rekey, "duree_panne_ressaisie"),
        (data.documents, "duree_panne_documents"),
        (data.processes, "duree_panne_processus"),
    ):
        spec = TABLES[key]
        ws.write_string(row, 0, spec.title, w.fmt.subtitle)
        row = w.table(ws, row + 1, frame, spec)
    ws.freeze_panes(0, 2)
