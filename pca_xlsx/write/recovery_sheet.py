"""The « Reprise SI » sheet of the consolidated workbook: the IT restart order, tier by tier."""

from __future__ import annotations

from ..consolidate.recovery import COLUMNS, INSUFFICIENT, TIERS, TO_FILL
from ..core.values import xml_safe
from .layout import Writer

SHEET = "Reprise SI"
RETURN_KEYS = ["rank", "resource", "code", "name", "rekey", "processes"]
#: French headers of :data:`COLUMNS` (the « Reprise SI » sheet and the plan).
HEADERS = {
    "rank": "Rang",
    "tier": "Palier",
    "resource": "Ressource",
    "category": "Catégorie de ressource",
    "owner_service": "Service responsable",
    "depends_on": "Dépend de",
    "needed_by": "Nécessaire à",
    "critical_services": "Services en dépendance critique",
    "strong_services": "Services en dépendance forte",
    "other_services": "Autres services utilisateurs",
    "vital": "Processus vitaux touchés",
    "major": "Processus majeurs touchés",
    "vital_no_workaround": "Processus vitaux sans parade",
    "weight": "Besoin pondéré",
    "need": "Interruption tolérable la plus stricte (DMIA)",
    "need_from": "Besoin transmis par",
    "loss_need": "Perte de données tolérable la plus stricte (PDMA)",
    "ambition": "Ambition des services (capacité maintenue)",
    "restart_guaranteed": "Reprise garantie (DSI)",
    "restart_achievable": "Reprise réellement possible",
    "loss_guaranteed": "Perte de données garantie (DSI)",
    "verdict": "Besoin / garantie",
    "backup": "Sauvegarde",
    "reason": "Motif du rang",
    "to_fill": "À renseigner par la DSI",
    "concerned": "Services concernés par l'insuffisance",
}
RETURN_HEADERS = ["Rang", "Ressource", "Code service", "Service", "Processus à ressaisir", "Parades sur papier"]


def recovery(w: Writer, c) -> None:
    """Key figures, the order (one row per resource), then whom to warn when each comes back."""
    ws = w.sheet(SHEET)
    table = c.recovery
    note = " ".join([c.recovery_rule, *c.recovery_notes])
    row = w.heading(ws, 0, "Reprise SI : ordre de redémarrage des applications", note)
    tiers = table["tier"].value_counts() if len(table) else {}
    short = int((table["verdict"] == INSUFFICIENT).sum()) if len(table) else 0
    to_fill = int((table["to_fill"] != "").sum()) if len(table) else 0
    lines = [(label, int(tiers.get(label, 0))) for label in TIERS.values()]
    lines += [(f"Ressources en « {INSUFFICIENT} »", short), (f"Ressources aux garanties {TO_FILL}", to_fill)]
    for text, value in lines:
        ws.merge_range(row, 0, row, 2, xml_safe(text), w.fmt.label)
        ws.write_number(row, 3, value, w.big)
        row += 1
    row += 1
    headers = [HEADERS[k] for k in COLUMNS]
    end = w.table(ws, row, table, COLUMNS, headers, title="Reprise_SI", repeat=True)
    if len(table):
        col = COLUMNS.index("verdict")
        area = (row + 1, col, row + len(table), col)
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": f'"{INSUFFICIENT}"', "format": w.red})
        ws.conditional_format(*area, {"type": "text", "criteria": "containing", "value": TO_FILL, "format": w.orange})
    ws.freeze_panes(row + 1, 3)
    ws.write_string(end, 0, "À prévenir au retour de chaque application : ressaisie des parades sur papier",
                    w.fmt.subtitle)  # fmt: skip
    end = w.table(ws, end + 1, c.recovery_returns, RETURN_KEYS, RETURN_HEADERS, title="Reprise_SI_retours")
    if c.cyber is not None:
        cyber_tables(w, ws, end, c.cyber)


GATE_KEYS = ["number", "gate", "who", "day", "detail"]
GATE_HEADERS = ["Barrière", "Condition à remplir avant de continuer", "Qui décide", "Jour prévu (J+)", "Détail"]
SCHEDULE_KEYS = ["step", "resource", "tier", "exposed", "rebuild_days", "assumed", "depends_on", "start", "back",
                 "need", "exceeds", "vendor", "vendor_contact"]  # fmt: skip
SCHEDULE_HEADERS = ["Ordre", "Ressource", "Palier", "Exposée à Internet", "Reconstruction (jours)",
                    "Durée supposée", "Dépend de", "Début (J+)", "Rétablie (J+)",
                    "Interruption tolérable la plus stricte", "Au-delà de l'interruption tolérable", "Éditeur",
                    "Contact éditeur"]  # fmt: skip
DAY_KEYS = ["day", "phase", "rebuilding", "back", "gates"]
DAY_HEADERS = ["Jour (J+)", "Phase", "En reconstruction", "Rétablies ce jour", "Barrières"]


def cyber_tables(w: Writer, ws, row: int, cyber) -> int:
    """After a cyber attack: the gates, the rebuild of each resource, then day by day."""
    ws.write_string(row, 0, "Après une cyberattaque : barrières avant tout redémarrage", w.fmt.subtitle)
    row = w.table(ws, row + 1, cyber.gates, GATE_KEYS, GATE_HEADERS, title="Reprise_SI_barrieres")
    ws.write_string(row, 0, xml_safe("Calendrier de reconstruction. " + cyber.rule), w.fmt.subtitle)
    row = w.table(ws, row + 1, cyber.table, SCHEDULE_KEYS, SCHEDULE_HEADERS, title="Reprise_SI_calendrier")
    ws.write_string(row, 0, "Jour par jour", w.fmt.subtitle)
    return w.table(ws, row + 1, cyber.days, DAY_KEYS, DAY_HEADERS, title="Reprise_SI_jours")
