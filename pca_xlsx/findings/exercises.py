"""The rules of exercise grids and what they say about the workbooks."""

from .model import ERROR, WARNING, rule

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
