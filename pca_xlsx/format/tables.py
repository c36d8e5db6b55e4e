"""Every table of the consolidated workbook ``PCA_consolide.xlsx``, declared once.

The writer (:mod:`pca_xlsx.write.consolidated_sheets`) lays each table out from its declaration
(headers, widths, caps, date and decimal formats) and checks the frame against the pandera schema
derived from it (:meth:`~pca_xlsx.format.output.Table.check`); the builders of
:mod:`pca_xlsx.consolidate` take their column lists from here. To add a column to a table, add
one field to its declaration below, or in :mod:`.tables_recovery` for « Reprise SI » and « Durée de
la panne » (and compute it in its builder).
"""

from __future__ import annotations

from .fields import SERVICE_KEY, SERVICES, F, field, input_field
from .output import Table
from .service import DATA_SHEETS, SHEETS_BY_KEY
from .tables_recovery import RECOVERY_TABLES
from .vocabulary import SEVERITIES

_PCT = "part des lignes de processus "


def _counts(*keys: str):
    return tuple(field(k) for k in keys)


# fmt: off
SCENARIO_COUNTS = _counts("hit", "vital_hit", "no_workaround", "to_build", "untested", "vital_no_workaround")
#: « Classeurs reçus » of a pôle, an establishment: a count (a service's « Classeur reçu » is Oui or Non).
RECEIVED = field("received", "Classeurs reçus", kind="integer", min=0, description="Services dont le classeur est reçu.")
BOARD_FIELDS = (
    field("pole", required=False), field("pole_name"), field("services"), RECEIVED,
    F("signed", "Plans validés", "integer", min=0, description="Services dont « Validé par » et « Date de validation » sont remplis."),
    F("errors", "Erreurs restantes", "integer", min=0), field("processes"),
    F("coverage_pct", "Couverture (%)", "number", min=0, description=_PCT + "à parade « Définie » ou « Testée »."),
    field("tested_pct"), field("vital_unprotected"),
    F("gaps", "Écarts", "integer", min=0),
    F("exercised", "Exercés dans la périodicité", "integer", min=0),
    F("review_overdue", "Revues échues", "integer", min=0),
)

_TABLES = (
    Table(
        SERVICES, "Synthèse", "Synthese_services", "Synthèse par service",
        (field("code"), field("name"), field("pole_name"), field("category"), field("received"), field("ambition"),
         field("maturity"), field("processes"), field("with_workaround_pct"), field("tested_pct"),
         field("vital_unprotected"), field("applications"), field("errors"), field("warnings"), field("updated"),
         field("last_exercise"),
         field("medical_referent"), field("medical_phone"), field("paramedical_referent"),
         field("paramedical_phone"), field("pole"), field("establishment")),
        "Une ligne par service du référentiel (et par service inconnu ayant envoyé un classeur) : chiffres clés.",
        primary_key=("code",), repeat=True,
        documents=(field("files"),
                   F("checking", "Identité à vérifier", "yesno",
                     description="Oui quand un classeur concernant ce service a une identité contestée : "
                                 "« Classeur reçu » montre « À vérifier »")),
    ),
    Table(
        "synthese_poles", "Synthèse", "Synthese_poles", "Synthèse par pôle",
        (field("establishment"), field("pole", required=True), field("pole_name"), field("services"), RECEIVED,
         field("maturity", "Score de maturité moyen"), field("processes"), field("with_workaround_pct"),
         field("tested_pct"), field("vital_unprotected"), field("applications"), field("errors"),
         field("warnings")),
        "Une ligne par pôle, sommes et moyennes de ses services.", primary_key=("pole",),
    ),
    Table(
        "tableau_de_bord_poles", "Synthèse", "Tableau_de_bord_poles", "Tableau de bord des pôles",
        (field("establishment"), *BOARD_FIELDS[:1], BOARD_FIELDS[1].titled("Pôle", width=30), *BOARD_FIELDS[2:]),
        "Une ligne par pôle puis le total (« Total ») : les chiffres des tableaux de bord de pôle.",
    ),
    Table(
        "processus_vitaux", "Processus vitaux", "Registre_processus_vitaux", "Processus vitaux non protégés",
        (field("code"), field("name"), field("pole_name"), field("number"), field("process"),
         field("resource", "Ressource impactée"), field("tolerable"), field("why", required=True),
         field("owner", empty="sans responsable",
               description="Responsable de l'action du Plan d'actions dont la « Référence » cite le N° ; vide "
               "quand aucune ne le cite (« sans responsable » dans le classeur)."),
         field("due"), field("action_status"), F("action", "Action du plan", cap=60), field("source")),
        "Le registre des processus vitaux non protégés : une ligne par processus vital dont la parade n'est pas "
        "écrite, n'est ni « Définie » ni « Testée », ou a échoué au dernier exercice qui l'a observée ; les lignes "
        "sans responsable d'abord.",
        foreign_keys=SERVICE_KEY, repeat=True, documents=(field("pole"), field("status", "Statut de la parade")),
    ),
    Table(
        "vitaux_a_tester", "Processus vitaux", "Vitaux_a_tester", "Processus vitaux à tester en priorité",
        (field("code"), field("name"), field("pole_name"), field("number"), field("process"),
         field("resource", "Ressource impactée"), field("tolerable"), field("source")),
        "Processus vitaux à parade « Définie » qu'aucun exercice n'a encore observée, dont la ressource ne tolère "
        "pas plus de 4 h d'interruption.",
        foreign_keys=SERVICE_KEY, repeat=True, documents=(field("pole"),),
    ),
    Table(
        "exigences_nationales", "Exigences nationales", "Exigences_nationales", "Exigences nationales",
        (F("rule", "Exigence", width=40), F("status", "Statut", width=12), F("evidence", "Preuve", width=70),
         F("source", "Source", width=50)),
        "Chaque exigence du programme national, son statut, la preuve tirée des classeurs et sa source.",
        primary_key=("rule",),
    ),
    Table(
        "ght_etablissements", "GHT", "GHT_etablissements", "Établissements du GHT",
        (field("code", "Code établissement", required=False), field("name", "Établissement"), F("finess", "FINESS"),
         F("share", "Part de l'activité du GHT (%)", "number", min=0, raw=True), field("services"),
         *BOARD_FIELDS[3:12]),
        "Une ligne par établissement puis le total du GHT, sur les mêmes lignes de service que la synthèse.",
        primary_key=("code",),
    ),
    Table(
        "ght_interfaces", "GHT", "GHT_interfaces", "Interfaces entre établissements",
        (field("code"), field("name"), F("establishment", "Établissement"), field("depends_on", "Dépend de"),
         field("depends_on_name", "Service dont il dépend"),
         F("depends_on_establishment", "Établissement du service sollicité"), field("rows"), field("numbers")),
        "Les services qui s'appuient sur un service d'un autre établissement.", repeat=True,
        foreign_keys=SERVICE_KEY,
    ),
    Table(
        "progression_executions", "Progression", "Progression_executions", "Progression d'une exécution à l'autre",
        (F("run", "Exécution", required=True, description="Date et heure de la consolidation (jj/mm/aaaa hh:mm)."),
         field("received", "Services reçus", kind="integer", min=0,
               description="Services dont le classeur est reçu (ceux de la Synthèse)."),
         F("complete", "Dont complets", "integer", min=0,
           description="Reçus au contenu minimal : identité, un processus, une application, une étape de fiche réflexe."),
         F("validated", "Services sans erreur", "integer", min=0,
           description="Services dont le classeur est reçu, complet et sans erreur de saisie (pas un plan validé)."),
         field("errors", description="Erreurs de validation de l'exécution."),
         F("coverage", "Couverture des parades (%)", "number", decimals=1, min=0,
           description=_PCT + "à parade « Définie » ou « Testée » (celle de la Synthèse)."),
         F("vital", "Processus vitaux non protégés", "integer", min=0,
           description="Lignes de processus vitales sans parade.")),
        "Une ligne par consolidation (commande pca-xlsx run ou pca-xlsx consolidate), gardée d'une exécution à "
        "l'autre.", primary_key=("run",),
    ),
    Table(
        "progression_services", "Progression", "Progression_services", "Statut de chaque service par exécution",
        (field("code"), field("name")),
        "Le statut de chaque service (celui du Résumé du rapport de validation) à chacune des dernières exécutions.",
        primary_key=("code",), extra="une colonne par exécution (son statut à cette exécution)", repeat=True,
    ),
    Table(
        "points_de_defaillance", "Dépendances", "Points_de_defaillance", "Points uniques de défaillance",
        (field("resource", required=True), field("category", "Catégorie de ressource", choices=()),
         field("critical"), field("strong"), field("critical_or_strong"), field("critical_services", spill=True)),
        "Par ressource, les services qui en dépendent de façon critique ou forte, les plus partagées d'abord.",
        primary_key=("resource",),
    ),
    Table(
        "matrice_dependances", "Dépendances", "Matrice_dependances", "Matrice service × ressource",
        (field("code"), field("name"), field("pole_name")),
        "Le niveau de dépendance déclaré par chaque service à chaque ressource.",
        primary_key=("code",), foreign_keys=SERVICE_KEY, extra="une colonne par ressource (son niveau de dépendance)",
    ),
    Table(
        "ordre_groupes", "Interfaces", "Ordre_groupes", "Ordre des groupes de travail",
        (field("rank"), field("code"), field("name"), field("category"), field("wave"), field("dependents"),
         field("weight"), field("reason", width=80)),
        "L'ordre suggéré des groupes de travail, avec la raison de chaque rang.", primary_key=("code",),
        foreign_keys=SERVICE_KEY,
        documents=(F("wave_rank", "Rang dans la vague", "integer", min=1,
                     description="Lettre de mission : le rang du service parmi ceux de sa vague."),
                   F("wave_size", "Services de la vague", "integer", min=1)),
    ),
    Table(
        "coordinations", "Interfaces", "Coordinations", "Coordinations à organiser",
        (field("code"), field("partner"), field("partner_name"), field("criticality"), field("resource"),
         field("problem"), field("source"), field("detail", width=80)),
        "Un service compte sur un autre pour un processus vital ou majeur et le plan de l'autre ne le dit pas.",
        foreign_keys=SERVICE_KEY,
        documents=(field("name"), field("number"), field("process"), field("file"), field("sheet"), field("cell"),
                   F("partner_file", "Classeur du service sollicité"), field("partner_source")),
    ),
    Table(
        "liste_interfaces", "Interfaces", "Liste_interfaces", "Qui compte sur qui",
        (field("code"), field("depends_on"), field("depends_on_name"), field("criticality"), field("mutual"),
         field("rows"), field("resources"), field("process_names", width=80), field("via"), field("sources")),
        "Une ligne par service et service sollicité.", primary_key=("code", "depends_on"), foreign_keys=SERVICE_KEY,
    ),
    Table(
        "scenarios_resume", "Scénarios", "Scenarios_resume", "Ce que chaque scénario met à l'arrêt",
        (field("scenario", required=True), field("services", "Services touchés"), *SCENARIO_COUNTS),
        "Par scénario du référentiel, les lignes de processus touchées et leur parade.", primary_key=("scenario",),
    ),
    Table(
        "scenarios_vitaux", "Scénarios", "Scenarios_vitaux", "Processus vitaux sans parade, par scénario",
        (field("scenario"), field("code"), field("name"), field("pole_name"), field("number"), field("process"),
         field("resource"), field("status"), field("source")),
        "Les processus vitaux sans parade que chaque scénario met à l'arrêt.", foreign_keys=SERVICE_KEY,
    ),
    Table(
        "scenarios_services", "Scénarios", "Scenarios_services", "Par scénario et par service",
        (field("scenario"), field("code"), field("name"), field("pole_name"), *SCENARIO_COUNTS),
        "Par scénario et par service touché, les lignes de processus touchées et leur parade.",
        primary_key=("scenario", "code"), foreign_keys=SERVICE_KEY, repeat=True,
    ),
    *RECOVERY_TABLES,
    Table(
        "budget_telecom", "Télécom", "Budget_telecom", "Moyens de télécommunication à acheter",
        (field("means", required=True), field("needed"), field("held"), field("to_buy"), field("unit_cost"),
         field("cost")),
        "Besoin des services contre le stock du référentiel : ce qu'il reste à acheter, moyen par moyen, et son "
        "coût (à acheter × coût unitaire) ; la règle de « À acheter » est en tête de la feuille Télécom.",
        primary_key=("means",),
    ),
    *(
        Table(
            f"totaux_{key}", sheet, f"Totaux_{key}", f"Totaux : {title}",
            (index, field("total", title_)),
            f"{title} : total, puis une colonne par pôle (par établissement dans le classeur d'un GHT).",
            primary_key=(index.key,), extra="une colonne par pôle, ou par établissement dans un GHT",
        )
        for key, sheet, title, index, title_ in (
            ("telecom", "Télécom", "moyens de télécommunication", field("means"), "Besoin total"),
            ("biomedical", "Biomédical", "équipements biomédicaux par fonctionnement hors réseau",
             field("offline"), "Total établissement"),
            ("documents", "Documents", "documents à imprimer", field("type", "Type de document"),
             "Total établissement"),
        )
    ),
    Table(
        "equipements_hors_reseau", "Biomédical", "Equipements_hors_reseau", "Équipements ne fonctionnant pas hors réseau",
        (field("device", required=True), field("offline_no", "Ne fonctionne pas hors réseau"),
         field("offline_partial", "Partiellement"), field("services", kind="list")),
        "Les équipements biomédicaux les plus nombreux à ne pas fonctionner hors réseau.", primary_key=("device",),
    ),
    Table(
        "exigence_terrain", "Programme d'exercices", "Exigence_terrain", "Exercices de terrain de l'année",
        (F("year", "Année", "integer"), F("count", "Exercices de terrain", "integer", min=0),
         F("met", "Exigence remplie", "yesno"), F("unplayed", "Scénarios jamais joués", "list", empty="—"),
         F("done", "Réalisés", "list", spill=True)),
        "L'exigence annuelle d'exercice de terrain : combien, remplie ou non, les scénarios jamais joués.",
    ),
    Table(
        "programme_exercices", "Programme d'exercices", "Programme_exercices", "Exercices à programmer",
        (field("rank", "Priorité"), field("code"), field("name"), field("pole_name"), field("reason", "Motif"),
         field("last_exercise"), F("vital_untested", "Processus vitaux à parade non testée", "integer", min=0),
         field("scenario", "Scénario proposé"), F("new_scenario", "Jamais joué dans l'établissement", "yesno"),
         field("due", "À réaliser avant le")),
        "Les exercices à programmer, les services en retard d'abord.", primary_key=("code",),
        foreign_keys=SERVICE_KEY, repeat=True,
    ),
    Table(
        "ecarts_par_type", "Écarts", "Ecarts_par_type", "Écarts par type",
        (field("type", required=True), F("n", "Écarts", "integer", min=0),
         F("before", "Constats avant regroupement", "integer", min=0)),
        "Le nombre d'écarts de chaque type, avant et après regroupement par processus.", primary_key=("type",),
    ),
    Table(
        "ecarts", "Écarts", "Ecarts", "Écarts à traiter",
        (field("severity", required=True, choices=SEVERITIES), field("type", required=True),
         field("code", required=False, description="Code du service (vide : écart de la DSI, au référentiel)."), field("pole_name"),
         field("file"), field("sheet"), field("cell"), field("detail"), field("owner"), field("due"),
         field("action_status")),
        "Ce qui manque encore au plan, un écart par processus, le plus grave d'abord.", repeat=True,
        documents=(F("rule", "Règle", required=True, description="Code de la règle qui a trouvé l'écart."),
                   field("name"), F("item", "Élément", description="Le prérequis sans document, le cas échéant."),
                   field("criticality"), field("reference")),
    ),
    Table(
        "plan_actions", "Plan d'actions", "Plan_actions", "Plan d'actions",
        (field("late"), field("code"), field("name"), field("pole_name"), field("action", required=True),
         field("origin"), field("reference"), field("owner"), field("due"), field("status"), field("source")),
        "Les actions des services et les actions correctives des exercices qu'aucune action ne reprend.",
        foreign_keys=SERVICE_KEY, repeat=True, raw=True,
    ),
    Table(
        "evolutions", "Évolutions", "Evolutions", "Évolutions depuis la consolidation précédente",
        (field("code", required=False, description="Code du service (vide : changement du référentiel)."),
         field("name"), field("sheet"), field("key"), field("change"), field("detail"), field("source")),
        "Ce qui a changé dans les classeurs et dans le référentiel depuis la consolidation précédente.", repeat=True,
    ),
    Table(
        "controle", "Contrôle", "Controle", "Contrôle des comptes",
        (field("file"), F("service", "Code service"), field("sheet"), field("read"),
         field("consolidated"), field("rejected"), field("status", required=True, center=True)),
        "Par fichier et feuille : lignes lues = lignes consolidées + lignes rejetées.", repeat=True,
    ),
    Table(
        "complements", "Compléments", "Complements", "Compléments : contenu hors modèle, gardé tel quel",
        (field("file", required=True), F("service", "Code service"), field("sheet", required=True),
         field("cell", required=True),
         F("label", "Colonne ou ligne hors modèle", required=True,
           description="En-tête de la colonne, ou libellé de la ligne du formulaire « Service », absent du modèle."),
         F("value", "Valeur", description="La valeur de la cellule, telle que saisie.")),
        "Chaque cellule remplie d'une colonne ou d'une ligne qui ne fait pas partie du modèle, gardée telle quelle "
        "(non exploitée) ; le classeur a un avertissement qui la nomme.",
        primary_key=("file", "sheet", "cell"), repeat=True,
    ),
    Table(
        "controle_niveaux", "Contrôle", "Controle_niveaux", "Les niveaux s'additionnent",
        (F("figure", "Chiffre", required=True), F("level", "Ce niveau", "number"),
         F("establishments", "Somme des établissements", "number",
           description="Somme des mêmes chiffres dans les classeurs des établissements (un GHT), sinon vide."),
         F("poles", "Somme des pôles", "number"),
         F("outside", "Hors pôle", "number",
           description="Ce qu'aucun pôle ne détient : écarts de la DSI (reprise SI insuffisante), stock de moyens de secours."),
         F("status", "Statut", required=True, center=True, description="« OK » quand les niveaux s'additionnent.")),
        "Chaque total comparé à la somme de ses établissements et à celle de ses pôles.", primary_key=("figure",),
    ),
)
# fmt: on


def _detail(key: str) -> Table:
    """The detailed table of a service workbook sheet: every row of every service. The service's name
    is not repeated on every row (the ``Synthèse`` gives it from the code); the pôle stays, to filter on, and
    its code and, in a GHT, the establishment's come before the source, for another tool to place the row."""
    sheet = SHEETS_BY_KEY[key]
    fields = (
        field("code"),
        field("pole_name"),
        *(input_field(c) for c in sheet.columns),
        field("pole"),
        field("establishment"),
        field("source"),
        field("flag"),
    )
    return Table(
        key, sheet.detail, sheet.detail, sheet.detail, fields,
        f"Toutes les lignes de la feuille « {sheet.name} » des classeurs des services, avec leur source.",
        foreign_keys=SERVICE_KEY, repeat=True, raw=True,
    )  # fmt: skip


#: Every consolidated table by key, in workbook order of declaration.
TABLES: dict[str, Table] = {t.key: t for t in (*_TABLES, *(_detail(s.key) for s in DATA_SHEETS if s.detail))}


def table(key: str) -> Table:
    return TABLES[key]
