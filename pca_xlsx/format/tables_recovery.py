"""The consolidated tables of the restart after an attack, declared as the others (:mod:`.tables`).

« Reprise SI »: the applications' restart order, what to warn of as each comes back, the barriers,
the rebuilding calendar day by day; « Durée de la panne »: days on paper, re-keying, paper autonomy.
"""

from __future__ import annotations

from .fields import SERVICE_KEY, F, field
from .output import Table
from .vocabulary import YES_NO

_RECORDS = F(
    "records",
    "Enregistrements à ressaisir",
    "integer",
    min=0,
    description="Volume par jour × jours sur papier, pour les lignes « À ressaisir ».",
)
_HOURS = F(
    "hours",
    "Heures de ressaisie",
    "number",
    min=0,
    decimals=1,
    description="Enregistrements × minutes de ressaisie par enregistrement ÷ 60.",
)
_UNTIL = F(
    "until",
    "Fin du papier (J+)",
    "integer",
    min=0,
    description="Jour où le service quitte le papier : ses jours sur papier (dernière application rétablie) ; "
    "sans processus touché, le retour de la dernière ressource du plan de reprise.",
)

# fmt: off
#: « Reprise SI » then « Durée de la panne », in workbook order.
RECOVERY_TABLES = (
    Table(
        "reprise_si", "Reprise SI", "Reprise_SI", "Ordre de redémarrage des applications",
        (field("rank"), F("tier", "Palier", required=True), field("resource", required=True),
         field("reason", "Motif du rang"), F("verdict", "Besoin / garantie"),
         F("need", "Interruption tolérable la plus stricte (DMIA)"),
         F("restart_guaranteed", "Reprise garantie (DSI)"), F("restart_achievable", "Reprise réellement possible"),
         F("loss_need", "Perte de données tolérable la plus stricte (PDMA)"),
         F("loss_guaranteed", "Perte de données garantie (DSI)"), field("category", "Catégorie de ressource"),
         F("owner_service", "Service responsable"), field("depends_on", "Dépend de", kind="list"),
         F("needed_by", "Nécessaire à", "list"), F("need_from", "Besoin transmis par"),
         field("critical_services", "Services en dépendance critique"),
         F("strong_services", "Services en dépendance forte", "list"),
         F("other_services", "Autres services utilisateurs", "list"),
         F("vital", "Processus vitaux touchés", "integer", min=0), F("major", "Processus majeurs touchés", "integer", min=0),
         field("vital_no_workaround", "Processus vitaux sans parade"), field("weight", "Besoin pondéré"),
         F("ambition", "Ambition des services (capacité maintenue)"), F("backup", "Sauvegarde"),
         F("to_fill", "À renseigner par la DSI"), F("concerned", "Services concernés par l'insuffisance", "list")),
        "Une ligne par ressource du référentiel, dans l'ordre de redémarrage, palier par palier.",
        primary_key=("resource",), repeat=True,
    ),
    Table(
        "reprise_si_retours", "Reprise SI", "Reprise_SI_retours", "À prévenir au retour de chaque application",
        (field("rank"), field("resource"), field("code"), field("name"), F("rekey", "Processus à ressaisir", "list"),
         field("processes", "Parades sur papier", kind="list")),
        "Par ressource et par service : les enregistrements papier à ressaisir à son retour.",
        primary_key=("resource", "code"), foreign_keys=SERVICE_KEY,
    ),
    Table(
        "reprise_si_barrieres", "Reprise SI", "Reprise_SI_barrieres", "Après une cyberattaque : barrières avant tout redémarrage",
        (F("number", "Barrière", "integer", min=1, required=True),
         F("gate", "Condition à remplir avant de continuer", required=True, cap=60), F("who", "Qui décide"),
         F("day", "Jour prévu (J+)", "integer", min=0, description="Jours depuis l'attaque (J+0)."),
         F("detail", "Détail", cap=70)),
        "Les barrières dans l'ordre où elles sont franchies (jour prévu, puis attaque contenue, sauvegardes saines, "
        "socle reconstruit, paliers, ouverture vers Internet en dernier).", primary_key=("number",),
    ),
    Table(
        "reprise_si_calendrier", "Reprise SI", "Reprise_SI_calendrier", "Calendrier de reconstruction après une cyberattaque",
        (F("step", "Ordre", "integer", min=1, description="Priorité de la ressource dans le plan de reprise."),
         field("resource", required=True), F("tier", "Palier"),
         F("exposed", "Exposée à Internet", description="« Oui », « Oui (dépend de …) » pour une ressource qui "
           "dépend d'une ressource exposée, ou « Non »."),
         F("rebuild_days", "Reconstruction (jours)", "integer", min=0),
         F("assumed", "Durée supposée", choices=YES_NO,
           description="« Oui » : durée absente du référentiel, 1 jour supposé."),
         field("depends_on", "Dépend de", kind="list", description="Ressources dont elle dépend (référentiel)."),
         F("start", "Début (J+)", "integer", min=0), F("back", "Rétablie (J+)", "integer", min=0),
         F("need", "Interruption tolérable la plus stricte"),
         F("exceeds", "Au-delà de l'interruption tolérable", choices=YES_NO),
         F("vendor", "Éditeur"), F("vendor_contact", "Contact éditeur")),
        "Une ligne par ressource : jour de début et de retour de sa reconstruction (ordonnancement de liste), "
        "par jour de début.", primary_key=("resource",), repeat=True,
    ),
    Table(
        "reprise_si_jours", "Reprise SI", "Reprise_SI_jours", "Reconstruction jour par jour",
        (F("day", "Jour (J+)", "integer", min=0, required=True), F("phase", "Phase"),
         F("rebuilding", "En reconstruction", "list"), F("back", "Rétablies ce jour", "list"),
         F("gates", "Barrières")),
        "Une ligne par jour depuis l'attaque : ressources en reconstruction, rétablies, barrières prévues.",
        primary_key=("day",),
    ),
    Table(
        "duree_panne_services", "Durée de la panne", "Duree_panne_services", "Durée de la panne par service",
        (field("code"), field("name"), field("pole_name"),
         F("paper_days", "Jours sur papier (dernière application rétablie, J+)", "integer", min=0),
         F("vital_paper_days", "Jours sur papier des processus vitaux (J+)", "integer", min=0),
         _RECORDS, _HOURS,
         F("autonomy", "Autonomie papier la plus courte (jours)", "number", min=0, decimals=1,
           description="Exemplaires en stock ÷ consommation par jour, du document le plus court."),
         F("autonomy_document", "Document le plus court"),
         F("print_7", "Exemplaires à imprimer pour J+7", "integer", min=0),
         F("print_21", "Exemplaires à imprimer pour J+21", "integer", min=0), _UNTIL,
         F("print_end", "Exemplaires à imprimer jusqu'à la fin du papier", "integer", min=0,
           description="Par document : consommation par jour × jours jusqu'à la fin du papier − stock, si positif."),
         F("devices", "Moyens de secours détenus", "integer", min=0),
         F("devices_text", "Moyens de secours (détail)", "list")),
        "Une ligne par service ayant envoyé son classeur : sous cyberattaque généralisée, jours sur papier, "
        "ressaisie, autonomie papier et moyens détenus.", primary_key=("code",), foreign_keys=SERVICE_KEY, repeat=True,
    ),
    Table(
        "duree_panne_ressaisie", "Durée de la panne", "Duree_panne_ressaisie", "Ressaisie par service et par application",
        (field("code"), field("name"), F("resource", "Application", required=True),
         F("back", "Rétablie à J+", "integer", min=0),
         F("vital", "Processus vitaux à ressaisir", "integer", min=0), _RECORDS, _HOURS,
         F("processes", "Processus (volume par jour)", "list")),
        "Par service et par application : les enregistrements accumulés sur papier à ressaisir à son retour.",
        primary_key=("code", "resource"), foreign_keys=SERVICE_KEY,
    ),
    Table(
        "duree_panne_documents", "Durée de la panne", "Duree_panne_documents", "Autonomie papier par document",
        (field("code"), F("document", "Document"), F("type", "Type"),
         F("stock", "Exemplaires en stock", "integer", min=0), F("consumption", "Consommation par jour", "integer", min=0),
         F("autonomy", "Autonomie (jours)", "number", min=0, decimals=1),
         F("print_7", "À imprimer pour J+7", "integer", min=0), F("print_21", "À imprimer pour J+21", "integer", min=0),
         _UNTIL,
         F("print_end", "À imprimer jusqu'à la fin du papier", "integer", min=0)),
        "Par document papier d'un service : stock ÷ consommation par jour, exemplaires à imprimer pour tenir.",
        foreign_keys=SERVICE_KEY, documents=(field("name"),),
    ),
    Table(
        "duree_panne_processus", "Durée de la panne", "Duree_panne_processus", "Jours sur papier par processus",
        (field("code"), field("number"), field("process"), field("criticality"),
         F("resource", "Ressource impactée"), F("days", "Jours sur papier", "integer", min=0),
         F("volume", "Volume par jour", "integer", min=0), F("rekey", "À ressaisir", choices=YES_NO),
         F("rekey_source", "Valeur", description="« Proposé » : « À ressaisir » laissé vide, déduit de la parade."),
         _RECORDS, _HOURS),
        "Par ligne de processus : jours sur papier (retour de sa ressource) et enregistrements à ressaisir.",
        foreign_keys=SERVICE_KEY, repeat=True, documents=(field("name"),),
    ),
)
# fmt: on
