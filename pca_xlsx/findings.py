"""Findings are records (code, severity, position, French message), gathered in a Report.

Modelled on frictionless-py: every rule has a code and a message template in ``RULES``;
stages create findings with :func:`finding` and never format messages by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .core.positions import address, column_index, parse_address

ERROR = "Erreur"
WARNING = "Avertissement"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    template: str  # str.format template, French
    title: str = ""  # short French name of the rule, shown in the report


#: The catalogue of rules. Add a rule here, then raise it with ``finding(code, ...)``.
RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, template: str, title: str = "") -> Rule:
    RULES[code] = Rule(code, severity, template, title or code)
    return RULES[code]


# Reading: the file itself
rule("fichier-illisible", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Fichier illisible")
rule("fichier-pas-xlsx", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Pas un classeur .xlsx")
rule("fichier-chiffre-ou-xls", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Classeur protégé ou .xls")
rule("fichier-corrompu", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Fichier endommagé")
rule("fichier-dangereux", ERROR, "Le fichier a été écarté par sécurité : {detail}.", "Fichier dangereux")
rule(
    "fichier-macros",
    WARNING,
    "Le classeur contient des macros : elles n'ont pas été exécutées, seules les valeurs ont été lues. "
    "Enregistrez-le au format .xlsx.",
    "Macros ignorées",
)
rule("fichier-vide", ERROR, "Le classeur ne contient aucune donnée.", "Classeur vide")
rule(
    "feuille-manquante",
    ERROR,
    "La feuille « {sheet} » est absente du classeur (feuilles trouvées : {found}).",
    "Feuille manquante",
)
rule(
    "entete-manquante",
    ERROR,
    "La colonne obligatoire « {label} » est introuvable dans les 10 premières lignes de la feuille.{hint}",
    "En-tête manquant",
)
rule(
    "feuille-renommee",
    WARNING,
    "La feuille « {found} » a été lue comme la feuille « {expected} » : renommez-la « {expected} ».",
    "Feuille renommée",
)
rule(
    "feuille-en-plus",
    WARNING,
    "La feuille « {sheet} » ne fait pas partie du modèle : ses {count} cellule(s) remplie(s) ne sont pas "
    "reprises. Déplacez leur contenu dans les feuilles du modèle.",
    "Feuille en plus",
)
rule(
    "colonne-en-plus",
    WARNING,
    "La colonne « {label} » ne fait pas partie du modèle : ses {count} cellule(s) remplie(s) sont gardées dans la "
    "feuille « Compléments » de la consolidation, mais ne sont pas exploitées. Mettez leur contenu dans "
    "« Commentaire » ou une colonne prévue.",
    "Colonne en plus",
)
rule(
    "ligne-en-plus",
    WARNING,
    "La ligne « {label} » ne fait pas partie du modèle : sa valeur est gardée dans la feuille « Compléments » de "
    "la consolidation, mais n'est pas exploitée. Mettez-la dans une ligne prévue (voir la feuille « Lisez-moi »).",
    "Ligne en plus",
)
rule("champ-manquant", ERROR, "La ligne « {label} » est introuvable en colonne A.{hint}", "Champ manquant")


rule(
    "formule-sans-valeur",
    ERROR,
    "La cellule contient une formule sans valeur calculée : ouvrez le classeur dans Excel ou LibreOffice, "
    "recalculez (Ctrl+Maj+F9) et enregistrez-le.",
    "Formule non calculée",
)
rule(
    "cellules-fusionnees",
    WARNING,
    "Les cellules {area} sont fusionnées : seule la valeur de la première cellule est lue, une seule fois. "
    "Défusionnez-les et remplissez chaque cellule.",
    "Cellules fusionnées",
)
rule(
    "lignes-nombreuses",
    WARNING,
    "La feuille contient {count} lignes remplies (au plus {limit} attendues) : vérifiez qu'il n'y a pas de "
    "lignes en trop.",
    "Trop de lignes",
)

# Validation: one value
rule("valeur-obligatoire", ERROR, "« {label} » est obligatoire.", "Valeur obligatoire")
rule(
    "valeur-non-permise",
    ERROR,
    "« {value} » n'est pas une valeur permise pour « {label} » ({allowed}){hint}",
    "Valeur non permise",
)
rule(
    "valeur-normalisee",
    WARNING,
    "« {value} » a été lu comme « {canonical} » : choisissez la valeur dans la liste.",
    "Valeur corrigée",
)
rule("entier-attendu", ERROR, "« {value} » : un nombre entier est attendu pour « {label} ».", "Nombre entier attendu")
rule("nombre-attendu", ERROR, "« {value} » : un nombre est attendu pour « {label} ».", "Nombre attendu")
rule("hors-limites", ERROR, "« {value} » : « {label} » doit être {bounds}.", "Valeur hors limites")
rule(
    "nombre-en-texte",
    WARNING,
    "« {value} » est saisi comme du texte : il a été lu comme le nombre {number}.",
    "Nombre saisi en texte",
)
rule(
    "date-invalide",
    ERROR,
    "« {value} » n'est pas une date : saisissez « {label} » au format jj/mm/aaaa.",
    "Date invalide",
)
rule(
    "date-en-texte",
    WARNING,
    "« {value} » est saisi comme du texte : il a été lu comme la date du {date}. Pour une vraie date, "
    "mettez la cellule au format Date (clic droit › Format de cellule › Date) et tapez-la sous la forme "
    "jj/mm/aaaa (ici {date}), sans apostrophe devant.",
    "Date saisie en texte",
)
rule(
    "telephone-invalide",
    ERROR,
    "« {value} » n'est pas un numéro de téléphone utilisable{why} : saisissez les 10 chiffres, "
    "par exemple « 06 12 34 56 78 ».",
    "Téléphone invalide",
)
rule(
    "telephone-zero-restaure",
    WARNING,
    "« {value} » a perdu son zéro initial (cellule au format Nombre) : lu comme « {phone} ». "
    "Saisissez le numéro avec ses espaces, par exemple « {phone} ».",
    "Zéro du téléphone restauré",
)
rule(
    "pourcentage-converti",
    WARNING,
    "« {value} » a été lu comme {percent} % : saisissez « {label} » comme un nombre de 0 à 100, sans « % ».",
    "Pourcentage converti",
)
rule(
    "date-future-interdite",
    ERROR,
    "La date du {value} est dans le futur : « {label} » doit être une date passée ou celle du jour.",
    "Date future impossible",
)
rule(
    "caracteres-controle",
    WARNING,
    "Le texte contient des caractères invisibles (caractères de contrôle) : ils ont été supprimés.",
    "Caractères invisibles",
)
rule(
    "texte-trop-long",
    WARNING,
    "Le texte fait {length} caractères : seuls les {limit} premiers sont repris (limite d'Excel).",
    "Texte trop long",
)

# Validation: references to the referential
rule(
    "ressource-inconnue",
    ERROR,
    "« {value} » n'existe pas dans le référentiel{hint}",
    "Ressource inconnue",
)
rule(
    "renommage-applique",
    WARNING,
    "« {value} » a été renommé « {new} » dans le référentiel (feuille « Renommages ») : lu comme « {new} » "
    "({count} cellule(s) : {cells}). Mettez le classeur à jour avec pca-xlsx upgrade --listes.",
    "Nom renommé",
)
rule("scenario-inconnu", ERROR, "« {value} » n'est pas un scénario du référentiel{hint}", "Scénario inconnu")
rule(
    "interface-inconnue",
    ERROR,
    "Le service « {item} » n'existe pas dans le référentiel{hint}",
    "Service en interface inconnu",
)
rule(
    "interface-soi-meme",
    ERROR,
    "« {item} » est le code du service lui-même : indiquez seulement les autres services impliqués.",
    "Interface avec soi-même",
)
rule(
    "interface-deux-sens",
    WARNING,
    "« {item} » est à la fois dans « Services sollicités » et dans « Services bénéficiaires » de cette ligne : "
    "gardez-le dans une seule colonne (sollicité : ce processus a besoin de lui ; bénéficiaire : ce processus "
    "travaille pour lui).",
    "Service dans les deux sens",
)
rule(
    "service-inconnu",
    ERROR,
    "Le code service « {value} » n'existe pas dans le référentiel{hint}",
    "Service inconnu",
)
rule(
    "service-en-double",
    WARNING,
    "Ce classeur est une copie identique de « {kept} » (même contenu) : il n'est compté qu'une fois. "
    "Supprimez la copie.",
    "Service en double (copie identique)",
)
rule(
    "service-en-double-retenu",
    WARNING,
    "Le service « {value} » est aussi envoyé dans {others}, copie identique : ce classeur-ci est le seul consolidé.",
    "Service en double (retenu)",
)

# The referential: « Dépend de » between resources (IT restart order)
rule(
    "dependance-inconnue",
    ERROR,
    "« Dépend de » : « {item} » n'est pas une ressource du référentiel{hint}",
    "Dépendance vers une ressource inconnue",
)
rule(
    "dependance-soi-meme",
    ERROR,
    "La ressource « {item} » dépend d'elle-même : retirez-la de « Dépend de ».",
    "Ressource dépendant d'elle-même",
)
rule(
    "dependances-en-boucle",
    ERROR,
    "Boucle de dépendances : « {item} » et {others} dépendent les unes des autres, aucune ne peut redémarrer "
    "la première. Retirez de « Dépend de » la dépendance qui n'est pas réelle.",
    "Boucle de dépendances entre ressources",
)

# Validation: rules across cells
rule("numero-en-double", ERROR, "Le N° {value} est déjà utilisé en {first} : chaque ligne a son N°.", "N° en double")
rule(
    "etape-en-double", ERROR, "L'étape {value} est déjà utilisée en {first} : numérotez les étapes.", "Étape en double"
)
rule(
    "parade-manquante",
    ERROR,
    "La parade est « {status} » mais n'est pas décrite : décrivez-la dans « Parade ».",
    "Parade non décrite",
)
rule(
    "version-modele-inconnue",
    WARNING,
    "Version du modèle « {value} » inconnue (attendue : {known}) : utilisez le modèle à jour.",
    "Version du modèle inconnue",
)
rule(
    "modele-ancien",
    WARNING,
    "modèle version {version} : mettez-le à jour avec pca-xlsx upgrade. Ce que cette version n'avait pas "
    "n'est pas exigé.",
    "Modèle à mettre à jour",
)
rule(
    "modele-futur",
    ERROR,
    "La version du modèle « {value} » est plus récente que celles que connaît pca-xlsx ({known}) : "
    "mettez à jour pca-xlsx.",
    "Modèle plus récent que l'outil",
)
rule(
    "hors-version",
    WARNING,
    "« {label} » n'existe pas dans le modèle version {version} de ce classeur : ses valeurs sont lues. "
    "Vérifiez la « Version du modèle » ou mettez le classeur à jour avec pca-xlsx upgrade.",
    "Colonne d'une autre version",
)
rule(
    "ressaisie-proposee",
    WARNING,
    "« À ressaisir » est vide alors que la parade enregistre sur papier : « Oui » est proposé (ces "
    "enregistrements seront à ressaisir au retour de l'application). Indiquez Oui ou Non.",
    "À ressaisir proposé",
)
rule(
    "interfaces-reparties",
    WARNING,
    "« {label} » (modèle version 1) est lu comme « {target} » ({reason}) : vérifiez-le, ou mettez le "
    "classeur à jour avec pca-xlsx upgrade.",
    "Services en interface répartis",
)
rule(
    "date-future",
    WARNING,
    "La date de mise à jour ({value}) est dans le futur.",
    "Date dans le futur",
)
rule(
    "mise-a-jour-ancienne",
    WARNING,
    "La dernière mise à jour ({value}) date de plus de {months} mois : le classeur est à revoir.",
    "Mise à jour ancienne",
)


# The referential: a row with a problem is left out (the run stops only when nothing usable remains)
rule("referentiel-feuille-manquante", ERROR, "la feuille « {missing} » est absente.", "Référentiel : feuille manquante")
rule(
    "referentiel-valeur-obligatoire",
    ERROR,
    "« {label} » est obligatoire : la ligne est ignorée.",
    "Référentiel : valeur obligatoire",
)
rule(
    "referentiel-valeur-non-permise",
    ERROR,
    "« {value} » n'est pas une valeur permise ({allowed}) : la ligne est ignorée.",
    "Référentiel : valeur non permise",
)
rule(
    "referentiel-doublon",
    ERROR,
    "« {value} » est en double (déjà en {first}) : la ligne est ignorée.",
    "Référentiel : doublon",
)
rule(
    "referentiel-pole-inconnu",
    ERROR,
    "le pôle « {value} » n'existe pas dans la feuille « Pôles » : la ligne est ignorée.",
    "Référentiel : pôle inconnu",
)
rule("referentiel-aucun-service", ERROR, "aucun service utilisable.", "Référentiel : aucun service")

# The referential of a GHT (DESIGN §3.1, §4.1): the row is set aside, the run goes on
rule(
    "etablissement-inconnu",
    ERROR,
    "« {value} » n'est pas un code de la feuille « Établissements »{hint} : les services du pôle ne sont "
    "comptés que dans la consolidation du GHT.",
    "Établissement inconnu",
)
rule(
    "pole-sans-etablissement",
    ERROR,
    "Le pôle « {pole} » n'a pas de « Code établissement » : dans un GHT, chaque pôle appartient à un "
    "établissement. Ses services ne sont comptés que dans la consolidation du GHT.",
    "Pôle sans établissement",
)
rule(
    "service-sans-etablissement",
    WARNING,
    "Le pôle « {value} » du service « {service_code} » n'appartient à aucun établissement du GHT : le service n'est "
    "compté que dans la consolidation du GHT.",
    "Service sans établissement",
)
rule(
    "service-deux-etablissements",
    ERROR,
    "Le code service « {value} » est déjà utilisé en {first} par l'établissement « {other} » : un code service "
    "est unique dans le GHT. Cette ligne est ignorée ; donnez un autre code à ce service.",
    "Code service dans deux établissements",
)
rule(
    "parts-activite-excessives",
    ERROR,
    "Les parts de l'activité du GHT totalisent {total} % : le total ne peut pas dépasser 100 %. "
    "L'exigence des 66 % n'est pas évaluée tant qu'elles ne sont pas corrigées.",
    "Parts d'activité au-delà de 100 %",
)
rule(
    "classeur-autre-etablissement",
    WARNING,
    "Le service « {value} » appartient à l'établissement « {owner} », mais son classeur est rangé dans le "
    "dossier « {folder} » : rangez-le dans le dossier de son établissement. Il est compté avec « {owner} ».",
    "Classeur dans le dossier d'un autre établissement",
)


# The crisis cell (DESIGN §3.1, §3.2: directory, deputies, on-duty phones, reflex steps)
rule(
    "telephone-partage",
    WARNING,
    "Le numéro {value} est celui de {who} ici et de {other} ({where}) : en crise, l'appel tombera sur "
    "une seule des deux personnes. Donnez à chacune son propre numéro hors réseau.",
    "Même numéro pour deux personnes",
)
rule(
    "referent-trop-de-services",
    WARNING,
    "{value} répond pour {count} services ({services}), plus de {limit} : en crise, une seule personne ne "
    "peut pas être jointe pour tous. Désignez d'autres référents ou des suppléants.",
    "Une personne pour trop de services",
)
rule(
    "etape-sans-informatique",
    WARNING,
    "L'étape {step} (phase « {phase} ») demande l'informatique (« {verb} ») alors qu'elle n'est plus "
    "disponible : préparez-le à l'avance (document imprimé et rangé dans le classeur de crise) et écrivez "
    "l'étape comme « prendre … dans le classeur de crise ».",
    "Étape qui suppose l'informatique",
)
rule(
    "telephone-garde-absent",
    WARNING,
    "Le service n'a pas de téléphone de garde : la cellule de crise appellera ses référents, de jour "
    "comme de nuit. Indiquez un numéro hors réseau répondu jour et nuit.",
    "Pas de téléphone de garde",
)

# Exercise grids (``<workbooks>/exercices/``) and what they say about the workbooks
rule(
    "grille-date-future",
    ERROR,
    "La date de l'exercice ({value}) est dans le futur : une grille se remplit après l'exercice. "
    "Corrigez la date : d'ici là, la grille n'est pas reprise dans le plan.",
    "Exercice daté dans le futur",
)
rule(
    "grille-scenario-modifie",
    ERROR,
    "Le scénario « {value} » diffère de celui de la grille (« {expected} ») : la feuille a été modifiée. "
    "Elle a été lue pour le scénario « {expected} ».",
    "Scénario modifié dans la grille",
)
rule(
    "grille-lignes-supprimees",
    WARNING,
    "La grille prévoyait {expected} processus pour ce service, {count} ligne(s) sont présentes : des lignes ont "
    "été supprimées. Les lignes présentes ont été lues.",
    "Lignes supprimées de la grille",
)
rule(
    "grille-feuille-renommee",
    WARNING,
    "La feuille « {sheet} » a été renommée (attendu : « {expected} ») : elle a été lue d'après son contenu.",
    "Feuille de grille renommée",
)
rule(
    "grille-feuille-inconnue",
    WARNING,
    "La feuille « {sheet} » n'est pas une feuille de la grille d'observation : elle n'a pas été lue.",
    "Feuille inconnue dans la grille",
)
rule(
    "grille-non-remplie",
    WARNING,
    "Aucune parade observée pour ce service (colonne « Parade appliquée » vide) : l'exercice n'est pas repris "
    "dans son historique.",
    "Grille non remplie",
)
rule(
    "grille-processus-inconnu",
    WARNING,
    "Le N° {value} (« {process} ») ne correspond plus à un processus du classeur {target} : l'observation est "
    "reprise telle quelle.",
    "Processus de la grille introuvable",
)
rule(
    "grille-en-double",
    WARNING,
    "Le service {target} a déjà un exercice « {scenario} » du {date} dans {other} : cette feuille n'est comptée "
    "qu'une fois.",
    "Exercice en double",
)
rule(
    "parade-testee-en-echec",
    WARNING,
    "La parade est « Testée » dans le classeur, mais elle a été observée « Non » à l'exercice du {date} "
    "({grid}) : le classeur surestime son état. Revoyez la parade et son statut.",
    "Parade « Testée » en échec à l'exercice",
)


@dataclass(frozen=True)
class Finding:
    """One problem found at one place."""

    code: str
    severity: str
    file: str
    message: str
    sheet: str = ""
    #: Excel row (1-based) and column letters of the cell, when the problem is at one cell.
    row: int | None = None
    column: str = ""
    value: str = ""
    service: str = ""

    @property
    def cell(self) -> str:
        """The cell's address (``F12``), "" when the finding is not at one cell."""
        return address(self.column, self.row)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def title(self) -> str:
        rule_ = RULES.get(self.code)
        return rule_.title if rule_ else self.code

    def sort_key(self) -> tuple:
        position = (self.row, column_index(self.column) + 1) if self.cell else (0, 0)
        return (self.file, self.sheet, position, self.code)


def finding(
    code: str,
    file: str,
    sheet: str = "",
    cell: str = "",
    value: Any = "",
    service: str = "",
    *,
    row: int | None = None,
    column: str = "",
    **params: Any,
) -> Finding:
    """Create the finding of rule ``code``; ``params`` fill its message template.

    The position is ``row`` and ``column``, or ``cell`` for an address read from a file (``F12``).
    """
    rule_ = RULES[code]
    if cell:
        column, row = parse_address(cell) or ("", None)
    message = rule_.template.format(sheet=sheet, cell=address(column, row), value=value, **params)
    shown = "" if value is None else str(value)
    return Finding(code, rule_.severity, file, message, sheet, row, column, shown[:500], service)


@dataclass
class Report:
    """All findings of a run, with the errors and warnings apart."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, item: Finding) -> None:
        self.findings.append(item)

    def extend(self, items) -> None:
        self.findings.extend(items)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def valid(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Finding]:
        """Errors first, then by file and position."""
        return sorted(self.findings, key=lambda f: (not f.is_error, *f.sort_key()))

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for item in sorted(self.findings, key=Finding.sort_key):
            out.setdefault(item.file, []).append(item)
        return out

    def counts(self) -> dict[str, tuple[int, int]]:
        """File -> (errors, warnings), in one pass over the findings."""
        out: dict[str, tuple[int, int]] = {}
        for item in self.findings:
            errors, warnings = out.get(item.file, (0, 0))
            out[item.file] = (errors + 1, warnings) if item.is_error else (errors, warnings + 1)
        return out
