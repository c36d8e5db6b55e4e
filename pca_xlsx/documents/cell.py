"""The crisis cell's binder (``cellule_de_crise.docx``), one per establishment (DESIGN §4, §4.1).

In order: the cell's own reflex sheet (activation, roles named from the directory, first decisions,
meeting rhythm from H+0 to J+21, or to the last application's planned return when later), the notification checklist (« Contacts externes »), the directory
with deputies and the crisis room, the call order, beds in degraded mode with totals, the telecom
distribution list, five photocopiable forms, then the establishment's reflex posters in call order.
At a GHT's level the binder coordinates: every establishment's cell and contact, the GHT-wide
tables, and no posters (each establishment's binder has its own).
"""

from __future__ import annotations

import re

from ..format import fold
from ..format.vocabulary import SUPPORT
from .cell_tables import call_order, capacities, distribution, keep_together
from .context import Sources, common
from .crisis import LOG_LINES, crisis_room, directory, it_number, poster_context
from .reliance import establishment_code, mine
from .text import DASH, text

#: The cell's roles: (role, directory functions that hold it (folded words), what it does).
ROLES = (
    ("Directeur de crise", ("cellule de crise",), "Dirige la cellule, arbitre, signe les décisions."),
    ("Déclenche le plan blanc", ("direction de garde",),
     "Décide le plan blanc (ou le niveau du plan de gestion des tensions) et en informe l'ARS et le préfet."),
    ("Donne l'ordre de « débrancher »", ("direction de garde",),
     "Ordonne, sur avis de l'astreinte informatique ou du RSSI, d'isoler le réseau : la consigne que "
     "chaque fiche réflexe attend. La cellule la transmet aux services par téléphone ou radio."),
    ("Systèmes d'information", ("astreinte informatique", "securite des systemes"),
     "Évalue l'attaque, isole, conserve les traces, déclare au CERT Santé, prépare la reprise."),
    ("Coordination des soins", ("cadre de garde",), "Suit les services dans l'ordre d'appel, les lits et les transferts."),
    ("Logistique et technique", ("astreinte technique", "astreinte biomedicale", "moyens de secours"),
     "Moyens de secours, équipements biomédicaux, bâtiments."),
    ("Communication", ("communication",), "Messages au personnel, aux patients, à la presse (validés par le directeur)."),
)  # fmt: skip
#: What the cell does in its first hour, in order.
FIRST_DECISIONS = (
    "Ouvrir la main courante (formulaire en fin de classeur) : heure, qui, quoi.",
    "Confirmer l'attaque avec l'astreinte informatique ; décider d'isoler le réseau (« débrancher ») et "
    "transmettre la consigne à chaque service dans l'ordre d'appel.",
    "Décider le plan blanc ; prévenir le SAMU pour dérouter les urgences si besoin.",
    "Faire les notifications de la liste (ARS, CERT Santé…) et noter l'heure de chacune.",
    "Distribuer les moyens de secours selon la liste de distribution ; activer les radios.",
    "Faire le point des lits (formulaire « État des lits ») et décider des transferts.",
    "Lancer les identités provisoires aux admissions (formulaire « Identités provisoires »).",
    "Fixer l'heure du prochain point de situation (H+2).",
)
#: The meeting rhythm of the first day: (milestone, agenda).
RHYTHM = (
    ("H+0", "Activation : rôles, isolement du réseau, plan blanc, premières notifications."),
    ("H+2", "Point de situation : services joints, lits, premiers transferts, moyens distribués."),
    ("H+6", "Point de situation : périmètre de l'attaque, stock papier, relèves de l'équipe de nuit."),
    ("H+12", "Point de situation : nuit, renforts, message au personnel."),
    ("H+24", "Point de situation : bilan du premier jour, plainte déposée, rythme des jours suivants."),
)
#: Then two meetings a day until the 21st day at least (DESIGN §4), and until the last application the
#: IT restart plan brings back when that is later (the cell stays open while services are on paper).
LAST_DAY = 21
TWICE_A_DAY = ("8 h 30", "18 h")
#: Organisations every cell must be able to notify (checklist warns when one is missing).
MUST_NOTIFY = ("ARS", "CERT Santé", "CNIL", "Police ou gendarmerie", "Assureur")
#: Deadline words → hours, to order the checklist (most urgent first).
_DEADLINE = re.compile(r"(\d+)\s*(h|heure|j|jour)")
#: Blank rows of the forms.
FORM_LINES = {"transferts": 16, "identites": 22}


def deadline_hours(value: str) -> float:
    """Hours a « Délai » gives (« Sans délai » 0, « 72 h » 72, « 5 jours ouvrés » 120); unknown last."""
    folded = fold(value)
    if not folded:
        return 10**6
    if folded.startswith(("sans delai", "immediat", "des ")):
        return 0
    later = re.match(r"([hj])\s*\+\s*(\d+)", folded)
    if later:
        return int(later.group(2)) * (24 if later.group(1) == "j" else 1)
    found = _DEADLINE.search(folded)
    if found:
        return int(found.group(1)) * (24 if found.group(2).startswith("j") else 1)
    return 10**5


def _holders(annuaire: list[dict], words: tuple[str, ...]) -> list[dict]:
    return [a for a in annuaire if any(w in fold(a["fonction"]) for w in words)]


def roles(annuaire: list[dict]) -> list[dict]:
    """Each role of the cell with the directory's names and numbers (deputy too)."""
    out = []
    for role, words, mission in ROLES:
        found = _holders(annuaire, words)
        who = [
            f"{a['nom'] or a['fonction']} – {keep_together(a['telephone'])}"
            + (
                f" (suppléant : {a['suppleant']} – {keep_together(a['tel_suppleant'])})"
                if a["suppleant"] != DASH
                else ""
            )
            for a in found
        ]
        out.append({"role": role, "qui": "\n".join(who) or "À désigner : fonction absente de l'annuaire de crise",
                    "mission": mission})  # fmt: skip
    return out


def last_return(cyber) -> tuple[int | None, str]:
    """The day the IT restart plan brings the last resource back under the generalised attack, and which ones."""
    table = getattr(cyber, "table", None)
    if table is None or table.empty:
        return None, ""
    end = int(table["back"].max())
    return end, ", ".join(text(n) for n, b in zip(table["resource"], table["back"]) if int(b) == end)


def rhythm(end: int | None = None) -> tuple[list[dict], list[dict]]:
    """The first day's meetings, then the days J+2 … J+21, or … J+``end`` when the last application comes back
    later (two meetings each), in two columns of days."""
    first = [{"echeance": e, "objet": o} for e, o in RHYTHM]
    days = [f"J+{d}" for d in range(2, max(LAST_DAY, end or 0) + 1)]
    half = (len(days) + 1) // 2
    pairs = [{"a": days[i], "b": days[i + half] if i + half < len(days) else ""} for i in range(half)]
    return first, pairs


def notifications(sources: Sources, establishment: str, ght: bool) -> tuple[list[dict], list[str]]:
    """Outside contacts of this establishment (and the GHT's), most urgent first; organisations missing."""
    frame = sources.referential.external_contacts
    rows = [r for r in frame.to_dict("records") if mine(r, establishment, ght)] if frame is not None else []
    rows.sort(key=lambda r: deadline_hours(text(r.get("deadline"))))
    out = [
        {
            "organisme": text(r.get("organisation"), DASH),
            "objet": text(r.get("purpose"), DASH),
            "telephone": text(r.get("phone"), DASH),
            "email": text(r.get("email"), DASH),
            "delai": text(r.get("deadline"), DASH),
            "etablissement": text(r.get("establishment"), "GHT" if ght else ""),
        }
        for r in rows
    ]
    have = {fold(r["organisme"]) for r in out}
    return out, [o for o in MUST_NOTIFY if fold(o) not in have]


def distributor(sources: Sources, annuaire: list[dict]) -> str:
    """Who hands the backup means out: the directory's « télécom » or « moyens de secours » function,
    else the service running the telephony (its on-duty phone), else the nurse manager on duty."""
    found = _holders(annuaire, ("telecom", "moyens de secours"))
    if found:
        return "; ".join(f"{a['nom'] or a['fonction']} ({a['fonction']}) – {a['telephone']}" for a in found)
    resources = sources.referential.resources
    owners = [text(o) for n, o in zip(resources["name"], resources.get("owner_service", [])) if fold(n) == "telephonie"]
    for code in owners:
        if code in sources.codes:
            row = sources.identity(code)
            phone = text(row.get("duty_phone")) or text(row.get("paramedical_phone"))
            return f"{sources.name(code)} ({code}) – {text(row.get('paramedical_referent'))} – {phone}".strip(" –")
    return "Cadre de garde (aucun service des télécommunications dans l'établissement)"


def cells_of_ght(annuaire: list[dict]) -> list[dict]:
    """At a GHT's level: each establishment's crisis cell (room, number)."""
    return [a for a in annuaire if "cellule de crise" in fold(a["fonction"])]


def supports(sources: Sources, order: list[dict]) -> list[dict]:
    """Support services and how they work in degraded mode, in call order."""
    out = []
    for item in order:
        row = sources.identity(item["code"])
        if text(row.get("category")) == SUPPORT and text(row.get("degraded_organisation")):
            out.append({"nom": item["nom"], "organisation": text(row.get("degraded_organisation"))})
    return out


def cell_context(sources: Sources) -> dict:
    """Everything the crisis cell's binder shows."""
    ght = len(sources.referential.establishments) >= 2
    code = establishment_code(sources)
    annuaire = directory(sources)
    order = call_order(sources)
    beds, totals = capacities(sources, order)
    end, last = last_return(getattr(sources.consolidation, "cyber", None))
    first, days = rhythm(end)
    contacts, missing = notifications(sources, code, ght)
    room = crisis_room([a for a in annuaire if a["etablissement"] not in ("GHT", DASH)] or annuaire)
    partners = [c for c in contacts if fold(c["organisme"]) == fold("Établissement partenaire")]
    return {
        **common(sources),
        "niveau_ght": ght,
        "code_etablissement": code,
        "salle": "celle de chaque établissement (ci-dessous)"
        if ght
        else room or "à préciser (colonne « Lieu » de l'annuaire de crise)",
        "cellule_tel": next((a["telephone"] for a in cells_of_ght(annuaire)), DASH) if not ght else DASH,
        "annuaire": annuaire,
        "cellules": cells_of_ght(annuaire) if ght else [],
        "astreinte_si": it_number(sources) or "voir l'annuaire de crise",
        "roles": roles(annuaire),
        "decisions": list(FIRST_DECISIONS),
        "rythme": first,
        "jours": days,
        "jusqu_a": f"J+{max(LAST_DAY, end or 0)}",
        "fin_reprise": f"J+{end}" if end is not None else "",
        "dernieres": last,
        "au_dela": end is not None and end > LAST_DAY,
        "matin": TWICE_A_DAY[0],
        "soir": TWICE_A_DAY[1],
        "notifications": contacts,
        "a_ajouter": missing,
        "appels": order,
        "sans_garde": sum(1 for a in order if a["sans_garde"]),
        "capacites": beds,
        "lits": totals,
        "distribution": distribution(sources, order),
        "remis_par": distributor(sources, annuaire),
        "supports": supports(sources, order),
        "partenaires": ", ".join(f"{p['objet']} – {p['telephone']}" for p in partners) or DASH,
        "fiches": [] if ght else [poster_context(sources, item["code"]) for item in order],
        "lignes": list(range(LOG_LINES)),
        "lignes_transferts": list(range(FORM_LINES["transferts"])),
        "lignes_identites": [f"{n:02d}" for n in range(1, FORM_LINES["identites"] + 1)],
    }
