"""``pca-xlsx export``: the consolidated plan for other tools (DESIGN §4 and §5).

``output/export/ciso-assistant/``: ``assets.xlsx`` (the referential's resources as supporting assets),
``bia.xlsx`` (a business impact analysis per establishment) and ``audit_care_d2.xlsx`` (the CaRE domain 2
audit); ``output/export/donnees/``: the open data package. In a GHT each establishment gets its own set
under ``output/etablissements/<code>/export/`` and the top level is the GHT's.
"""

from __future__ import annotations

from pathlib import Path

from . import care_d2, ciso, impact

DATAPACKAGE, CISO = "datapackage", "ciso-assistant"
FORMATS = (DATAPACKAGE, CISO)
FOLDER = "export"
RULES = (
    "Règles : documentée = chaque ligne de processus touchée par la ressource a une parade écrite ; testée = chacune "
    "est « Testée » ; objectifs tenus = la reprise garantie par la DSI ne dépasse pas l'interruption tolérable la "
    "plus stricte des services ; seuils : à 1 h, 4 h, 24 h, 3 jours et 7 jours, la criticité la plus haute des "
    "processus dont l'interruption tolérable est dépassée (Vitale 3, Majeure 2, Modérée 1, aucun 0 ; matrice "
    "EBIOS RM 4×4)."
)


def assessments(consolidation, referential) -> list[impact.Assessment]:
    details = consolidation.details
    return impact.assess(referential.resources, details["processus"], details["applications"])


def analysis(consolidation, referential) -> tuple[str, str, list[impact.Assessment]]:
    name = f"PCA {consolidation.establishment}".strip()
    found = assessments(consolidation, referential)
    description = (
        f"Analyse d'impact tirée du plan de continuité consolidé par pca-xlsx le {consolidation.today:%d/%m/%Y} : "
        f"{len(found)} ressource(s). {RULES}"
    )
    return name, description, found


def write_ciso(folder: Path, analyses: list, consolidation, referential) -> list[Path]:
    """The three CISO Assistant files of one level (``analyses`` as for :func:`ciso.write_bia`). Every
    analysis assesses every resource of the referential (shared by a GHT): the first one's give the assets."""
    requirements = care_d2.assess(
        consolidation.national, referential, consolidation.synthesis, consolidation.details["fiche_reflexe"]
    )
    return [
        ciso.write_assets(folder / "assets.xlsx", analyses[0][2]),
        ciso.write_bia(folder / "bia.xlsx", analyses),
        ciso.write_audit(folder / "audit_care_d2.xlsx", requirements),
    ]


def write_level(result, output: Path, formats: tuple[str, ...], analyses: list | None = None) -> list[Path]:
    """The export of one level (an establishment, or the GHT with ``analyses`` = one per establishment)."""
    consolidation, referential = result.consolidation, result.referential
    written: list[Path] = []
    if CISO in formats:
        analyses = analyses or [analysis(consolidation, referential)]
        written += write_ciso(output / FOLDER / CISO, analyses, consolidation, referential)
    if DATAPACKAGE in formats:
        from .datapackage import write_package

        written += write_package(output / FOLDER / "donnees", consolidation)
    return written
