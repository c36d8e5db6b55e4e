"""The fields shared by the consolidated tables: one declaration per English column key.

A table takes a field from here (:func:`field`), under another title when its header differs
(``field("received", "Classeurs reçus", kind="integer")``), or declares its own. The input
format's columns give the detailed tables' fields (:func:`input_field`).
"""

from __future__ import annotations

from .model import Column
from .output import DEFAULT_CAP, Field, ForeignKey
from .service import SHEETS_BY_KEY

#: Widest a column of these keys grows to fit its data (characters), in every table; longer text wraps.
CAPS = {"action": 60, "code": 10, "name": 36, "pole_name": 36, "source": 34, "flag": 18, "detail": 70, "type": 52,
        "file": 24}  # fmt: skip


def input_cap(key: str) -> int:
    """The cap of a key without one in :data:`CAPS`: 40, or the service workbook's column width when wider."""
    if key in CAPS:
        return CAPS[key]
    width = next((s.column(key).width for s in SHEETS_BY_KEY.values() if key in s.keys), 0)
    return max(width, DEFAULT_CAP)


def F(key: str, title: str, kind: str = "text", **kw) -> Field:  # noqa: N802 - reads as a declaration
    """A field whose cap follows :func:`input_cap` unless given."""
    kw.setdefault("cap", input_cap(key))
    return Field(key, title, kind, **kw)


def input_field(column: Column) -> Field:
    """The consolidated field of a service workbook's column (same key, label and kind)."""
    kind = {"date": "date", "integer": "integer", "number": "number"}.get(column.kind, "text")
    if column.multi:
        kind = "list"
    return F(column.key, column.label, kind, description=column.help, choices=column.choices, raw=True)


# fmt: off
_PCT = "part des lignes de processus du service (ou du pôle) "
FIELDS: dict[str, Field] = {
    f.key: f
    for f in (
        F("code", "Code service", required=True, description="Code du service dans le référentiel."),
        F("name", "Service", description="Nom du service."),
        F("pole", "Code pôle", description="Code du pôle de rattachement."),
        F("establishment", "Code établissement", ght=True,
          description="Code de l'établissement du GHT (feuille Établissements du référentiel)."),
        F("pole_name", "Pôle", description="Nom du pôle de rattachement."),
        F("category", "Catégorie", description="Critique, Support ou Modèle."),
        F("files", "Classeur(s)", "list", description="Fichiers reçus pour ce service."),
        F("received", "Classeur reçu", "yesno", description="Oui si le service a envoyé son classeur."),
        F("medical_referent", "Référent médical"),
        F("medical_phone", "Tél. référent médical"),
        F("paramedical_referent", "Référent paramédical"),
        F("paramedical_phone", "Tél. référent paramédical"),
        F("ambition", "Ambition (%)", "number", min=0, raw=True, description="Part de l'activité maintenue en mode dégradé."),
        F("maturity", "Score de maturité (0-100)", "number", decimals=1, min=0,
          description="100 × (« Oui » + 0,5 × « Partiel ») ÷ nombre de questions."),
        F("processes", "Lignes de processus", "integer", min=0),
        F("with_workaround_pct", "Parade définie ou testée (%)", "number", decimals=1, min=0,
          description=_PCT + "dont la parade est « Définie » ou « Testée »."),
        F("tested_pct", "Parade testée (%)", "number", decimals=1, min=0,
          description=_PCT + "dont la parade est « Testée »."),
        F("applications", "Applications", "integer", min=0),
        F("updated", "Mise à jour", "date", description="Date de mise à jour du classeur."),
        F("last_exercise", "Dernier exercice", "date"),
        F("errors", "Erreurs", "integer", min=0, description="Erreurs de validation du classeur."),
        F("warnings", "Avertissements", "integer", min=0),
        F("services", "Services", "integer", min=0),
        F("source", "Source (fichier · feuille!cellule)", description="Où la ligne a été lue."),
        F("flag", "Anomalie de validation", description="Erreur de validation sur la ligne, le cas échéant."),
        F("resource", "Ressource", description="Ressource du référentiel."),
        F("critical", "Services en dépendance critique", "integer", min=0),
        F("strong", "Services en dépendance forte", "integer", min=0),
        F("critical_or_strong", "Critique ou forte", "integer", min=0),
        F("critical_services", "Services dépendants (critique)", "list"),
        F("depends_on", "Compte sur", description="Code du service sollicité."),
        F("depends_on_name", "Service sur lequel il compte"),
        F("rows", "Lignes de processus", "integer", min=0),
        F("numbers", "N° des lignes", "list"),
        F("known", "Classeur reçu (service cible)", "yesno"),
        F("dependents", "Services qui comptent sur lui", "integer", min=0),
        F("depended_by", "Codes des services qui comptent sur lui", "list"),
        F("rank", "Rang", "integer", min=1),
        F("cycle", "Dépendance circulaire"),
        F("loop", "Services dans sa boucle de dépendances", "list"),
        F("mutual", "Dans les deux sens", "yesno"),
        F("wave", "Vague pilote"),
        F("weight", "Poids", "integer", min=0,
          description="3 par service qui compte sur lui pour un processus vital ou une dépendance critique, "
          "2 pour un processus majeur ou une dépendance forte, 1 sinon."),  # fmt: skip
        F("reason", "Pourquoi ce rang"),
        F("process_names", "Processus concernés", "list"),
        F("criticality", "Criticité", description="Vitale, Majeure ou Modérée."),
        F("resources", "Ressources", "list"),
        F("via", "Déclaré dans", "list"),
        F("sources", "Cellules sources", "list"),
        F("partner", "Compte sur"),
        F("partner_name", "Service sollicité"),
        F("partner_source", "Classeur ou cellule du service sollicité"),
        F("problem", "Constat"),
        F("relies_on", "Compte sur"),
        F("scenario", "Scénario", description="Scénario du référentiel."),
        F("hit", "Lignes de processus touchées", "integer", min=0),
        F("vital_hit", "dont vitales", "integer", min=0),
        F("no_workaround", "Sans parade", "integer", min=0),
        F("to_build", "Parade à construire", "integer", min=0),
        F("untested", "Parade définie, non testée", "integer", min=0),
        F("vital_no_workaround", "Vitales sans parade", "integer", min=0),
        F("vital_unprotected", "Processus vitaux non protégés", "integer", min=0,
          description="Lignes du registre des processus vitaux non protégés (feuille Processus vitaux) : "
          "processus vitaux sans parade écrite, à parade ni « Définie » ni « Testée », ou en échec au dernier "
          "exercice qui les a observés."),  # fmt: skip
        F("tolerable", "Interruption tolérable", empty="non déclarée",
          description="La plus courte interruption tolérable que le service a déclarée pour la ressource "
          "(feuille Applications) ; vide s'il n'en a déclaré aucune (« non déclarée » dans le classeur)."),  # fmt: skip
        F("why", "Pourquoi non protégé",
          description="Sans parade, à construire, ou en échec à l'exercice du JJ/MM/AAAA."),
        F("number", "N°", description="N° de la ligne de processus."),
        F("process", "Processus"),
        F("type", "Type d'écart"),
        F("file", "Fichier"),
        F("sheet", "Feuille"),
        F("cell", "Cellule"),
        F("detail", "Détail"),
        F("key", "Clé"),
        F("change", "Changement"),
        F("read", "Lignes lues", "integer", min=0),
        F("consolidated", "Lignes consolidées", "integer", min=0),
        F("rejected", "Lignes rejetées", "integer", min=0),
        F("status", "Statut"),
        F("total", "Total établissement", "number"),
        F("quantity", "Quantité", "integer", min=0),
        F("means", "Moyen"),
        F("offline", "Fonctionne hors réseau"),
        F("device", "Équipement"),
        F("offline_no", "Quantité ne fonctionnant pas hors réseau", "integer", min=0),
        F("offline_partial", "Quantité fonctionnant partiellement", "integer", min=0),
        F("doc_type", "Type de document"),
        F("severity", "Gravité"),
        F("owner", "Responsable"),
        F("due", "Échéance", "date"),
        F("action_status", "Statut de l'action"),
        F("late", "Retard"),
        F("action", "Action"),
        F("origin", "Origine"),
        F("reference", "Référence", description="N° de processus ou date d'exercice cité par une action."),
        F("needed", "Besoin des services", "integer", min=0),
        F("held", "Stock détenu", "integer", min=0, raw=True),
        F("to_buy", "À acheter", "integer", min=0),
        F("unit_cost", "Coût unitaire (€)", "number", min=0, raw=True),
        F("cost", "Coût (€)", "number", min=0, raw=True),
    )
}
# fmt: on


def field(key: str, title: str | None = None, **changes) -> Field:
    """The shared field ``key``, under ``title`` and with ``changes`` when given."""
    base = FIELDS[key]
    return base.titled(title or base.title, **changes)


#: The services' table, and the foreign key to it of every table with a service code.
SERVICES = "synthese_services"
SERVICE_KEY = (ForeignKey(("code",), SERVICES, ("code",)),)
