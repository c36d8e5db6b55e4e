"""The rules of reading a workbook: the file itself, its sheets, headers and cells."""

from .model import ERROR, WARNING, rule

# Reading: the file itself
rule("fichier-illisible", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Fichier illisible")
rule("fichier-pas-xlsx", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Pas un classeur .xlsx")
rule("fichier-chiffre-ou-xls", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Classeur protégé ou .xls")
rule("fichier-chiffre", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Classeur protégé par mot de passe")
rule("fichier-xls", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Ancien format Excel (.xls)")
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
    "La feuille « {sheet} » est absente du classeur (feuilles trouvées : {found}).{hint}",
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
    "La feuille « {sheet} » ne fait pas partie du modèle : son contenu ({filled}) n'est pas repris. {advice}",
    "Feuille en plus",
)
rule(
    "colonne-en-plus",
    WARNING,
    "La colonne « {label} » ne fait pas partie du modèle : son contenu ({filled}) est gardé dans la feuille "
    "« Compléments » de la consolidation, mais n'est pas exploité. Mettez-le dans « Commentaire » ou une colonne "
    "prévue.",
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
