"""The rules of validating one value: required, allowed, typed, read with a correction."""

from .model import ERROR, WARNING, rule

# Validation: one value
rule("valeur-obligatoire", ERROR, "« {label} » est obligatoire : {request}.", "Valeur obligatoire")
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
    "email-invalide",
    WARNING,
    "« {value} » n'est pas une adresse e-mail utilisable{why} : l'équipe PCA ne pourra pas écrire au référent. "
    "Saisissez son adresse professionnelle complète, par exemple « {example} ».",
    "E-mail invalide",
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
