"""The rules across the cells of a workbook: numbers, workarounds, the template's version, the update's date."""

from .model import ERROR, WARNING, rule

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
