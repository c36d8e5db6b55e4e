"""A past exercise of the demo hospital, observed with the grid ``pca-xlsx exercice`` writes.

``make_demo.py`` builds the kit's grid for this scenario and these services from the demo
workbooks, then fills it with the observations below (keyed by service code, then process N° or
reflex step). One workaround is observed failing: REA N° 7, so the run shows the loop end to end.
"""

from datetime import date

SCENARIO = "DPI indisponible"
SERVICES = "REA,URG"
DAY = date(2026, 11, 5)
FILE = "2026-11-05_DPI_indisponible.xlsx"

_OK = {"applied": "Oui", "prerequisites_ok": "Oui"}

# fmt: off
FILLED = {
    "exercise": {"type": "Simulation", "animator": "Équipe projet PCA (M. GIRARD)",
                 "observers": "Cadre supérieur du pôle ; qualiticienne ; IDE référent PCA de CARDIO"},
    "REA": {
        "block": {"observer": "Cadre supérieur du pôle", "participants": "1 réanimateur, 4 IDE, 2 AS, 1 interne"},
        "observations": {
            1: {**_OK, "delay": 10, "observation": "Feuilles 24 h sorties du classeur rouge en 5 minutes."},
            2: {**_OK, "delay": 15},
            3: {**_OK, "delay": 20},
            4: {**_OK, "delay": 5},
            5: {"applied": "Partiellement", "delay": 40, "prerequisites_ok": "Non",
                "observation": "Une seule feuille de prescription EER papier dans le classeur : en imprimer 10."},
            6: {**_OK, "delay": 30},
            7: {"applied": "Non", "delay": None, "prerequisites_ok": "Non",
                "observation": "La synthèse imprimée la veille était introuvable : antécédents repris à l'interrogatoire "
                               "de la famille. Imprimer la synthèse chaque soir et la ranger dans le classeur rouge."},
            8: {**_OK, "delay": 25},
        },
        "reflex": {1: {"done": "Oui", "time": "09:02"}, 2: {"done": "Oui", "time": "09:05"},
                   5: {"done": "Oui", "time": "09:14"}, 6: {"done": "Oui", "time": "09:50"},
                   7: {"done": "Non"}, 9: {"done": "Oui", "time": "10:05"}},
    },
    "URG": {
        "block": {"observer": "Qualiticienne", "participants": "2 urgentistes, IOA, 4 IDE, agent d'accueil"},
        "observations": {n: {**_OK, "delay": 15} for n in (1, 4, 5, 6, 25, 26, 28)},
        "reflex": {1: {"done": "Oui", "time": "09:01"}, 2: {"done": "Oui", "time": "09:12"},
                   4: {"done": "Oui", "time": "09:03"}, 5: {"done": "Oui", "time": "09:25"}},
    },
}
# fmt: on
