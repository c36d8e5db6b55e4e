"""The commands' help in French, for a project team that is not IT: what each does, an example,
what it writes and what its exit code means. ``SHORT`` is the one line of ``pca-xlsx --help``
(whole, never cut); ``HELP`` the description of ``pca-xlsx <commande> --help``; ``EXAMPLES`` its end."""

from __future__ import annotations

SHORT = {
    "run": "Valide, consolide et produit tous les documents : la commande principale.",
    "validate": "Valide les classeurs : rapport d'anomalies et copies annotées.",
    "consolidate": "Valide puis écrit le classeur consolidé de l'établissement.",
    "documents": "Valide puis produit les documents Word.",
    "templates": "Écrit un modèle de classeur vierge par service du référentiel.",
    "upgrade": "Met les classeurs d'un ancien modèle au modèle actuel, valeurs reprises.",
    "exercice": "Prépare le kit d'un exercice pour un scénario du référentiel.",
    "export": "Exporte le plan consolidé pour d'autres outils (données, CISO Assistant).",
}

_LOCK = (
    "Une seule exécution à la fois par dossier de résultats : une seconde exécution lancée pendant la "
    "première s'arrête aussitôt (code 2) en indiquant qui l'occupe, depuis quand, sur quel poste."
)
_SWAP = (
    "Les résultats sont écrits à part puis remplacent d'un bloc ceux de l'exécution précédente : le dossier "
    "contient toujours les résultats d'une seule exécution, et plus rien d'un service disparu."
)

HELP = {
    "run": f"""Valide les classeurs des services, consolide le plan de l'établissement et produit tous les
documents Word. C'est la commande à lancer après chaque retour de classeurs.

\b
Ce qu'elle écrit dans le dossier de résultats (-o, par défaut output) :
  validation/             rapport d'anomalies et copies annotées à renvoyer
  courriels/<code>.eml    un brouillon de courriel par service à relancer
  consolidation/          PCA_consolide.xlsx (Synthèse, Progression...)
  documents/              fiches, lettres de mission, cellule de crise...
  etablissements/<code>/  dans un GHT, les mêmes pour chaque établissement
  archives/<date-heure>/  les classeurs reçus (les 10 dernières exécutions)
  etat/                   la mémoire des exécutions (Évolutions, Progression)

Un export fait avant (pca-xlsx export) est retiré de export/ : il reflétait
d'autres classeurs ; sa copie reste dans archives/<date-heure>/export/.

{_SWAP} {_LOCK}

\b
Code de sortie :
  0  aucune erreur (des avertissements possibles)
  1  des erreurs à corriger dans des classeurs (tout le reste est écrit),
     ou un fichier de résultats ouvert dans un autre programme (Excel ?) :
     rien n'est remplacé
  2  l'exécution n'a pas pu démarrer (référentiel ou dossier absent, option
     invalide, autre exécution en cours)""",
    "validate": f"""Lit et vérifie chaque classeur de service : écrit le rapport d'anomalies
(validation/rapport_validation.xlsx), une copie annotée de chaque classeur à corriger
(validation/annotes/) et un brouillon de courriel par service à relancer (courriels/). {_LOCK}
Code de sortie : 0 sans erreur, 1 erreurs à corriger, 2 impossible de démarrer.""",
    "consolidate": f"""Valide les classeurs puis écrit le classeur consolidé de l'établissement
(consolidation/PCA_consolide.xlsx), avec la feuille Progression (une ligne par exécution) et la
feuille Évolutions (ce qui a changé depuis l'exécution précédente, ou depuis --depuis). Un export
fait avant est retiré de export/ (copie dans archives/<date-heure>/export/). {_LOCK}
Code de sortie : 0 sans erreur, 1 erreurs à corriger, 2 impossible de démarrer.""",
    "documents": f"""Valide les classeurs puis produit les documents Word (documents/) : fiches synthèse,
fiches réflexes, lettres de mission, synthèse de l'établissement, classeur de la cellule de crise,
plan de reprise SI, tableaux de bord des pôles. Avec --pdf, aussi en PDF. {_LOCK}
Code de sortie : 0 sans erreur, 1 erreurs à corriger, 2 impossible de démarrer.""",
    "templates": """Écrit un modèle de classeur vierge par service du référentiel dans modeles/ du dossier de
résultats (jamais dans le dossier des classeurs) : à envoyer aux référents. Les listes déroulantes
viennent du référentiel. Code de sortie : 0, ou 2 si le référentiel est inutilisable.""",
    "upgrade": """Réécrit chaque classeur d'un ancien modèle dans le modèle actuel, toutes les valeurs reprises,
dans mises_a_jour/ du dossier de résultats, avec rapport_mise_a_jour.xlsx (ce qui a bougé, les
cellules à vérifier). Les originaux ne sont jamais modifiés. Avec --listes, réécrit aussi les
classeurs déjà au modèle actuel : listes déroulantes et libellés pré-remplis repris du référentiel
actuel, et les anciens noms de sa feuille Renommages remplacés par les nouveaux.
Code de sortie : 0, 1 si un classeur est illisible, 2 impossible de démarrer.""",
    "exercice": """Prépare le kit d'un exercice pour un scénario du référentiel, dans
exercices/<AAAA-MM-JJ>_<scénario>/ : chronogramme.docx pour les animateurs, un document par service
joueur (joueurs/) et la grille d'observation à remplir (grille_observation.xlsx), à remettre dans
<classeurs>/exercices/ une fois remplie. Code de sortie : 0, ou 2 si le scénario est inconnu.""",
    "export": f"""Valide les classeurs, consolide le plan puis l'écrit pour d'autres outils dans export/ du
dossier de résultats (dans un GHT, aussi pour chaque établissement) : donnees/, un paquet de données
ouvert (un fichier CSV par tableau du classeur consolidé et datapackage.json, norme Frictionless) ;
ciso-assistant/, les fichiers à importer dans CISO Assistant (assets.xlsx, puis bia.xlsx, l'analyse
d'impact, et audit_care_d2.xlsx, l'audit CaRE domaine 2). Une copie est gardée dans
archives/<date-heure>/export/ ; le prochain run ou consolidate retire l'export du dossier (fait
sur d'autres classeurs, il ne correspondrait plus au plan consolidé). {_LOCK}
Code de sortie : 0 sans erreur, 1 erreurs à corriger, 2 impossible de démarrer.""",
}

EXAMPLES = {
    "run": [
        "pca-xlsx run",
        "pca-xlsx run -w D:\\PCA\\classeurs -o D:\\PCA\\resultats --pdf",
        "pca-xlsx run --depuis 2026-11-30",
    ],  # fmt: skip
    "validate": ["pca-xlsx validate -w classeurs"],
    "consolidate": ["pca-xlsx consolidate --depuis 2026-11-30"],
    "documents": ["pca-xlsx documents --pdf"],
    "templates": ["pca-xlsx templates -w classeurs -o envoi"],
    "upgrade": ["pca-xlsx upgrade", "pca-xlsx upgrade --listes"],
    "exercice": [
        'pca-xlsx exercice --scenario "DPI indisponible" --date 15/01/2027',
        'pca-xlsx exercice --scenario "DPI indisponible" --services REA,URG',
    ],
    "export": ["pca-xlsx export", "pca-xlsx export --format ciso-assistant"],
}


def epilog(name: str) -> str:
    """The examples, kept as typed (``\\b``: click does not rewrap them)."""
    lines = "\n".join(f"  {e}" for e in EXAMPLES[name])
    return f"\b\nExemple{'s' if len(EXAMPLES[name]) > 1 else ''} :\n{lines}"
