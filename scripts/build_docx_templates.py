"""Rebuild the Word templates (docxtpl tags inside real .docx files) into templates/ (the ones an
establishment edits, used by default when beside workbooks/) and pca_xlsx/templates/ (the package's
copies, the fallback of a wheel install).

    python scripts/build_docx_templates.py [--out DOSSIER ...]

The .docx files are the source a hospital edits (logo, wording, styles); run this script only
to start again from the project's layout (it overwrites both folders). Variables available in each template are the keys of
the contexts built in pca_xlsx/documents/context.py and hospital.py.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
#: Where the templates go: the project's top-level folder, then the package's copies.
OUTS = (ROOT / "templates", ROOT / "pca_xlsx" / "templates")
sys.path.insert(0, str(ROOT / "scripts"))

from docx_cell import cell_binder  # noqa: E402
from docx_crisis import poster, poster_body, poster_styles, service_binder_sections  # noqa: E402
from docx_dashboards import pole_dashboard  # noqa: E402
from docx_exercise import BUILDERS as EXERCISE_BUILDERS  # noqa: E402
from docx_kit import (  # noqa: E402
    BLUE,
    GREY,
    RED,
    figures,
    header_footer,
    kv_table,
    landscape,
    loop_table,
    new_document,
    para,
    provisional,
    tag,
)
from docx_management import letter, synthesis  # noqa: E402
from docx_outage import outage_section, outage_summary  # noqa: E402
from docx_recovery import recovery_plan  # noqa: E402
from docx_return import return_to_normal  # noqa: E402

SERVICE_LINE = "{{ service.code }} · {{ service.pole }} · Service {{ service.categorie|lower }}{% if service.site %} · Site : {{ service.site }}{% endif %}"
REFLEX_PT = 14


def summary():
    doc = new_document("Fiche synthèse PCA – {{ service.nom }}")
    header_footer(doc, "Plan de continuité d'activité – Fiche synthèse")
    provisional(doc)
    para(doc, "Fiche synthèse du plan de continuité d'activité", size=11, colour=GREY)
    para(doc, "{{ service.nom }}", style="Title")
    para(doc, SERVICE_LINE, colour=GREY)
    figures(
        doc,
        [
            ("{{ ambition }}", "ambition de continuité"),
            ("{{ chiffres.processus }}", "{{ chiffres.processus_libelle }}"),
            ("{{ chiffres.parade }}", "avec une parade"),
            ("{{ chiffres.testees }}", "parades testées"),
            ("{{ chiffres.maturite }}", "score de maturité"),
            ("{{ chiffres.non_proteges }}", "{{ chiffres.non_proteges_libelle }}"),
        ],
    )
    para(doc, "1. Identité et référents", style="Heading 1")
    kv_table(
        doc,
        [
            ("Pôle", "{{ service.pole }}"),
            ("Catégorie", "{{ service.categorie }}"),
            ("Capacité nominale", "{{ capacite }}"),
            (
                "{{ service.referents[0].role }}",
                "{{ service.referents[0].nom }} – tél. hors réseau : {{ service.referents[0].telephone }}",
            ),
            (
                "{{ service.referents[1].role }}",
                "{{ service.referents[1].nom }} – tél. hors réseau : {{ service.referents[1].telephone }}",
            ),
            ("Dernière mise à jour du classeur", "{{ mise_a_jour }}"),
            ("Dernier exercice", "{{ dernier_exercice }}"),
        ],
    )
    para(doc, "2. Ambition de continuité", style="Heading 1")
    p = para(doc, "Sans informatique, le service vise à maintenir ")
    p.add_run("{{ ambition }}").bold = True
    p.add_run(" de son activité.")
    kv_table(
        doc,
        [
            ("Activités maintenues en priorité", "{{ maintenues }}"),
            ("Activités suspendues ou reportées", "{{ suspendues }}"),
        ],
    )
    para(doc, "3. Organisation en mode dégradé", style="Heading 1")
    kv_table(
        doc,
        [
            ("Capacité d'accueil en défaillance majeure", "{{ capacite_degradee }}"),
            ("Principes d'organisation", "{{ organisation }}"),
        ],
    )
    outage_summary(doc)
    para(doc, "4. Applications et dépendance", style="Heading 1")
    tag(doc, "{%p if applications %}")
    loop_table(
        doc,
        ["Application", "Usage dans le service", "Dépendance", "Interruption tolérable", "Solution dégradée"],
        ["{{ a.ressource }}", "{{ a.usage }}", "{{ a.dependance }}", "{{ a.interruption }}", "{{ a.degradee }}"],
        "a in applications",
        [32, 54, 26, 30, 28],
        size=9.5,
        header_size=9,
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucune application recensée dans le classeur.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "5. Interfaces avec les autres services", style="Heading 1")
    tag(doc, "{%p if cotes %}")
    loop_table(
        doc,
        ["Services qui comptent sur nous", "Services sur lesquels nous comptons"],
        ["{{ x.comptent }}", "{{ x.comptons }}"],
        "x in cotes",
        [85, 85],
        size=8,
        header_size=8.5,
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucune interface avec un autre service dans les classeurs reçus.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if cotes_suite %}")
    para(doc, "{{ cotes_suite }}", italic=True, colour=GREY, size=9)
    tag(doc, "{%p endif %}")
    para(doc, "6. Moyens de secours", style="Heading 1")
    para(doc, "Télécommunications hors réseau", style="Heading 2")
    tag(doc, "{%p if telecom %}")
    loop_table(
        doc,
        ["Moyen", "Quantité", "Usage"],
        ["{{ t.moyen }}", "{{ t.quantite }}", "{{ t.usage }}"],
        "t in telecom",
        [52, 20, 98],
        size=9.5,
        header_size=9,
        align=[None, "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun besoin de télécommunication de secours recensé.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "Équipements biomédicaux critiques", style="Heading 2")
    tag(doc, "{%p if biomedical %}")
    loop_table(
        doc,
        ["Équipement", "Quantité", "Connecté au réseau", "Fonctionne hors réseau"],
        ["{{ b.equipement }}", "{{ b.quantite }}", "{{ b.reseau }}", "{{ b.hors_reseau }}"],
        "b in biomedical",
        [74, 20, 36, 40],
        size=9.5,
        header_size=9,
        align=[None, "right", None, None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun équipement biomédical critique recensé.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "7. Processus vitaux non protégés et principaux écarts à traiter", style="Heading 1")
    tag(doc, "{%p for g in ecarts %}")
    p = para(doc, "{{ g.type }} : ", style="List Bullet", bold=True)
    p.add_run("{{ g.detail }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not ecarts %}")
    para(doc, "Aucun écart relevé par la consolidation.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ecarts_suite %}")
    para(doc, "{{ ecarts_suite }}", italic=True, colour=GREY)
    tag(doc, "{%p endif %}")
    return doc


def reflex_body(doc, width: float = 186):
    """The reflex sheet itself (also the first part of the crisis binder): the one-page poster."""
    poster_body(doc)


def reflex():
    return poster()


def binder():
    doc = new_document("Classeur de crise PCA – {{ service.nom }}", body_pt=10.5, margin_mm=10)
    header_footer(doc, "Classeur de crise – à imprimer avant la crise", width=190)
    poster_styles(doc)
    para(doc, "CLASSEUR DE CRISE", bold=True, size=30, colour=RED, align="center").paragraph_format.space_before = Pt(
        110
    )
    para(doc, "{{ service.nom }}", bold=True, size=24, colour=BLUE, align="center")
    para(doc, "{{ service.pole }}", size=16, colour=GREY, align="center")
    para(
        doc,
        "À imprimer et ranger dans le service. À ouvrir en cas de panne informatique majeure.",
        size=16,
        align="center",
    )
    para(
        doc,
        "Contenu : 1. Fiche réflexe · 2. Processus et parades · 3. Moyens hors réseau et chronologie · "
        "4. Documents à préparer · 5. Main courante",
        size=12,
        align="center",
        colour=GREY,
    )
    para(doc, "Version du {{ date }}", size=12, align="center", colour=GREY).add_run().add_break(WD_BREAK.PAGE)
    reflex_body(doc)
    landscape(doc, "Classeur de crise – processus prioritaires et parades")
    para(doc, "Processus prioritaires et parades", style="Title")
    para(
        doc,
        "Repérez la ressource en panne, puis appliquez la parade de chaque processus. "
        "Un processus sans parade est à signaler à la cellule de crise.",
        size=12,
    )
    tag(doc, "{%p for r in parades %}")
    para(doc, "Si « {{ r.ressource }} » est indisponible", style="Heading 1")
    loop_table(
        doc,
        [
            "N°",
            "Processus",
            "Criticité",
            "Parade à appliquer",
            "Services sollicités ; pour…",
            "Prérequis",
            "Responsable",
            "Statut",
        ],
        [
            "{{ p.numero }}",
            "{{ p.processus }}",
            "{{ p.criticite }}",
            "{{ p.parade }}",
            "{{ p.interfaces }}",
            "{{ p.prerequis }}",
            "{{ p.responsable }}",
            "{{ p.statut }}",
        ],
        "p in r.lignes",
        [11, 50, 21, 78, 26, 38, 26, 23],
        size=10.5,
        header_size=9.5,
        align=["center", None, None, None, None, None, None, None],
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not parades %}")
    para(doc, "Aucun processus renseigné dans le classeur.", italic=True)
    tag(doc, "{%p endif %}")
    outage_section(doc, "Durée de la panne (cyberattaque généralisée)", width=257, new_page=True)
    service_binder_sections(doc)
    return doc


BUILDERS = {
    "fiche_synthese.docx": summary,
    "fiche_reflexe.docx": reflex,
    "classeur_crise.docx": binder,
    "lettre_mission.docx": letter,
    "synthese_etablissement.docx": synthesis,
    "cellule_de_crise.docx": cell_binder,
    "tableau_pole.docx": pole_dashboard,
    "plan_reprise_si.docx": recovery_plan,
    "retour_a_la_normale.docx": return_to_normal,
    **EXERCISE_BUILDERS,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--out", type=Path, action="append", help="dossier de sortie (par défaut : templates/ et pca_xlsx/templates/)"
    )
    args = parser.parse_args(argv)
    first, *others = args.out or OUTS
    for out in (first, *others):
        out.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build().save(first / name)
        for out in others:  # the same bytes everywhere
            shutil.copyfile(first / name, out / name)
        print(", ".join(str(out / name) for out in (first, *others)))


if __name__ == "__main__":
    main()
