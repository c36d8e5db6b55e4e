"""The rules of reading the referential, a GHT's too: the row in doubt is set aside, the run goes on."""

from .model import ERROR, WARNING, rule

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
