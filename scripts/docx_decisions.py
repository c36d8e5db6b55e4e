"""The decisions page opening the hospital synthesis (part of ``build_docx_templates.py``).

Variables: ``decisions`` from :func:`pca_xlsx.documents.decisions.decisions_context`. Readiness is
printed as words and symbols (✔ ▲ ✖), readable in black and white.
"""

from __future__ import annotations

from docx.shared import Pt
from docx_kit import GREY, loop_table, para, tag

SMALL = 9


def _heading(doc, value: str) -> None:
    p = para(doc, value, style="Heading 2", size=11.5)
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.keep_with_next = True


def _line(doc, value: str, **run) -> None:
    p = para(doc, value, size=SMALL, **run)
    p.paragraph_format.space_after = Pt(2)


def decisions_page(doc) -> None:
    """Budget, vital processes without workaround, readiness, exercises, reviews, late actions."""
    para(doc, "Les décisions à prendre", style="Heading 1")
    _heading(
        doc,
        "1. Processus vitaux non protégés : {{ decisions.vitaux|length }} "
        "(dont {{ decisions.vitaux_sans_responsable }} sans responsable)",
    )
    tag(doc, "{%p if decisions.vitaux %}")
    loop_table(
        doc,
        ["Service", "N°", "Processus", "Ressource perdue", "Interruption tolérable", "Pourquoi", "Responsable"],
        [
            "{{ v.service }}",
            "{{ v.numero }}",
            "{{ v.processus }}",
            "{{ v.ressource }}",
            "{{ v.interruption }}",
            "{{ v.pourquoi }}",
            "{{ v.responsable }}",
        ],
        "v in decisions.vitaux",
        [29, 8, 46, 21, 21, 21, 24],
        size=8.5,
        header_size=8,
        align=[None, "right", None, None, None, None, None],
    )
    tag(doc, "{%p else %}")
    _line(doc, "Aucun : chaque processus vital a une parade définie ou testée, qui n'a pas échoué au dernier exercice.",
          italic=True)  # fmt: skip
    tag(doc, "{%p endif %}")
    _line(doc, "{{ decisions.regle_vitaux }} Décision : désigner un responsable et une échéance pour chaque ligne "
          "sans responsable (Plan d'actions du service, « Référence » = N°).", italic=True, colour=GREY)  # fmt: skip
    tag(doc, "{%p if decisions.vitaux_a_tester %}")
    _line(doc, "À tester en priorité (parade « Définie » jamais observée en exercice, interruption tolérable de moins "
          "de 4 h) : {{ decisions.vitaux_a_tester }}.")  # fmt: skip
    tag(doc, "{%p endif %}")

    _heading(doc, "2. Acheter les moyens de télécommunication de secours : {{ decisions.budget_total }}")
    tag(doc, "{%p if decisions.achats %}")
    loop_table(
        doc,
        ["Moyen", "Besoin des services", "Stock détenu", "À acheter", "Coût"],
        ["{{ a.moyen }}", "{{ a.besoin }}", "{{ a.stock }}", "{{ a.achat }}", "{{ a.cout }}"],
        "a in decisions.achats",
        [62, 28, 26, 24, 30],
        size=SMALL,
        header_size=8.5,
        align=[None, "right", "right", "right", "right"],
    )
    _line(doc, "{{ decisions.regle_achats }}. Stock détenu : référentiel, feuille « Moyens de secours ». Coût = à "
          "acheter × coût unitaire ; un moyen sans coût unitaire (« Autre », nommé par son usage) n'est pas compté "
          "dans le total.",
          italic=True, colour=GREY)  # fmt: skip
    tag(doc, "{%p else %}")
    _line(doc, "Le stock détenu couvre les besoins déclarés par les services.", italic=True)
    tag(doc, "{%p endif %}")

    _heading(doc, "3. Reprise informatique insuffisante : {{ decisions.reprise_si_nombre }}")
    tag(doc, "{%p if decisions.reprise_si %}")
    loop_table(
        doc,
        ["Application", "Besoin des services", "Garantie de la DSI", "Services concernés"],
        ["{{ g.ressource }}", "{{ g.besoin }}", "{{ g.garantie }}", "{{ g.services }}"],
        "g in decisions.reprise_si",
        [30, 44, 44, 52],
        size=SMALL,
        header_size=8.5,
    )
    _line(doc, "Décision : financer une reprise plus rapide (ou une perte de données moindre) de ces applications, ou "
          "faire accepter l'écart aux services concernés (plan de reprise SI).", italic=True, colour=GREY)  # fmt: skip
    tag(doc, "{%p else %}")
    _line(doc, "Aucune : la reprise garantie par la DSI couvre le besoin déclaré par les services.", italic=True)
    tag(doc, "{%p endif %}")

    _heading(doc, "4. Documents papier encore à préparer : {{ decisions.documents_total.texte }}")
    tag(doc, "{%p if decisions.documents %}")
    loop_table(
        doc,
        ["Type de document", "Lignes", "Exemplaires", "Services"],
        ["{{ d.type }}", "{{ d.lignes }}", "{{ d.exemplaires }}", "{{ d.services }}"],
        "d in decisions.documents",
        [44, 18, 24, 84],
        size=SMALL,
        header_size=8.5,
        align=[None, "right", "right", None],
    )
    _line(doc, "Lignes de la feuille Documents « À préparer » ou sans état, et leur « Quantité à prévoir » (les "
          "lignes « Prêt » ou « Vérifié » sont imprimées) : décision = budget et délai d'impression.",
          italic=True, colour=GREY)  # fmt: skip
    tag(doc, "{%p else %}")
    _line(doc, "Aucun : chaque document est prêt ou vérifié.", italic=True)
    tag(doc, "{%p endif %}")

    _heading(doc, "5. Les services sont-ils prêts ?")
    loop_table(
        doc,
        ["État", "Services", "Lesquels (et pourquoi)"],
        ["{{ f.etat }}", "{{ f.nombre }}", "{{ f.services }}"],
        "f in decisions.feux",
        [30, 18, 122],
        size=SMALL,
        header_size=8.5,
        align=[None, "right", None],
    )
    _line(doc, "{{ decisions.regle_feux }}", italic=True, colour=GREY)

    _heading(doc, "6. Exercices")
    tag(doc, "{%p if decisions.exercices.echecs %}")
    loop_table(
        doc,
        ["Exercice en échec", "Date, scénario et actions correctives"],
        ["{{ e.service }}", "{{ e.detail }}"],
        "e in decisions.exercices.echecs",
        [50, 120],
        size=SMALL,
        header_size=8.5,
    )
    tag(doc, "{%p endif %}")
    _line(doc, "En retard ({{ decisions.exercices.nombre_retard }}) : {{ decisions.exercices.en_retard or 'aucun' }}.")
    _line(doc, "Prochains exercices dus : {{ decisions.exercices.prochains or 'aucun exercice planifiable' }}.")
    tag(doc, "{%p if decisions.programme %}")
    _line(doc, "Programme annuel des exercices :", bold=True)
    tag(doc, "{%p for x in decisions.programme %}")
    _line(doc, "• {{ x }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    _heading(doc, "7. Revues et actions en retard")
    _line(doc, "Revues de classeur dépassées : {{ decisions.revues or 'aucune' }}.")
    _line(doc, "Actions en retard ({{ decisions.actions_retard|length }}) : "
          "{{ decisions.actions_retard|join(' ; ') or 'aucune' }}.")  # fmt: skip
    tag(doc, "{%p if decisions.coordination %}")
    _line(doc, "Coordination entre services :", bold=True)
    tag(doc, "{%p for x in decisions.coordination %}")
    _line(doc, "• {{ x }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
