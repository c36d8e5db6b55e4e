"""The rules of names the referential must know (resources, scenarios, services, « Dépend de »), a service twice."""

from .model import ERROR, WARNING, rule

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
    "({how_many} : {cells}). Mettez le classeur à jour avec pca-xlsx upgrade --listes.",
    "Nom renommé",
)
rule("scenario-inconnu", ERROR, "« {value} » n'est pas un scénario du référentiel{hint}", "Scénario inconnu")
rule(
    "interface-inconnue",
    ERROR,
    "Le service « {item} » de « {label} » n'existe pas dans le référentiel{hint}",
    "Service sollicité ou bénéficiaire inconnu",
)
rule(
    "interface-soi-meme",
    ERROR,
    "« {item} » est le code du service lui-même : indiquez seulement les autres services impliqués.",
    "Service qui se cite lui-même",
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
