"""The return to normal's Word template (retour_a_la_normale.docx), one per establishment.

Variables: the keys of ``pca_xlsx.documents.return_normal.return_context``.
"""

from __future__ import annotations

from docx_kit import (
    ALERT_FILL,
    GREY,
    box,
    figures,
    header_footer,
    loop_table,
    new_document,
    para,
    tag,
)


def return_to_normal():
    doc = new_document("Retour à la normale", body_pt=10)
    header_footer(doc, "Plan de continuité d'activité – Retour à la normale")
    para(doc, "Retour à la normale après une cyberattaque", style="Title")
    para(doc, "{{ etablissement }}{% if ght %} – {{ ght }}{% endif %} · situation au {{ date_longue }}", size=12,
         colour=GREY)  # fmt: skip
    para(
        doc,
        "Application par application, dans l'ordre où la DSI les rétablit (plan de reprise du SI) : les services à "
        "prévenir, ce que chacun doit ressaisir, avec les volumes et les heures de travail.",
    )
    tag(doc, "{%p if totaux %}")
    figures(
        doc,
        [
            ("{{ totaux.applications }}", "applications qui reviennent"),
            ("{{ totaux.services }}", "services à prévenir"),
            ("{{ totaux.enregistrements }}", "enregistrements à ressaisir"),
            ("{{ totaux.heures }} h", "de ressaisie"),
            ("{{ totaux.journees }}", "journées de travail (7 h)"),
        ],
    )
    para(doc, "1. Avant de quitter le papier", style="Heading 1")
    para(doc, "Pour chaque application, cochez avant que les services repassent sur informatique :")
    tag(doc, "{%p for v in verifications %}")
    para(doc, "☐ {{ v }}")
    tag(doc, "{%p endfor %}")
    box(
        doc,
        [
            "Identitovigilance d'abord",
            "Les patients admis pendant la panne ont une identité provisoire. Avant toute ressaisie dans une "
            "application, la cellule d'identitovigilance rapproche chaque identité provisoire de l'identité "
            "définitive et fusionne les doublons : sinon les données ressaisies partent dans le mauvais dossier.",
        ],
        fill=ALERT_FILL,
    )
    para(doc, "2. Ordre de ressaisie et charge de travail", style="Heading 1")
    para(doc, "{{ regle_ordre }}")
    para(
        doc,
        "Enregistrements = volume par jour × jours sur papier (jusqu'au retour de l'application) ; heures = "
        "enregistrements × {{ totaux.minutes }} minute(s) ÷ 60 ; une journée = {{ totaux.heures_jour }} h de ressaisie.",
        size=9,
        colour=GREY,
    )
    loop_table(
        doc,
        ["Personnes affectées à la ressaisie", "Jours pour tout ressaisir"],
        ["{{ e.personnes }}", "{{ e.jours }}"],
        "e in equipes",
        [80, 60],
        align=["center", "center"],
    )
    para(doc, "3. Application par application", style="Heading 1")
    tag(doc, "{%p for a in applications %}")
    para(doc, "{{ a.jour }} – Rétablissement : {{ a.ressource }}", style="Heading 2")
    tag(doc, "{%p if a.ensuite %}")
    para(doc, "En dépendent, et reviennent ensuite : {{ a.ensuite }}. Les services qui les utilisent sont prévenus "
         "au retour de chacune.", size=8.5, italic=True)  # fmt: skip
    tag(doc, "{%p endif %}")
    para(doc, "{{ a.nombre }} service(s) à prévenir ; {{ a.enregistrements }} enregistrements à ressaisir, "
         "{{ a.heures }} h. ☐ Identités provisoires fusionnées   ☐ Vérifications faites", size=9.5)  # fmt: skip
    tag(doc, "{%p if a.services %}")
    loop_table(
        doc,
        ["Prévenu", "Service", "À appeler", "À ressaisir, dans cet ordre", "Enreg.", "Heures"],
        ["☐", "{{ s.service }}", "{{ s.telephone }}", "{{ s.ressaisie }}", "{{ s.enregistrements }}",
         "{{ s.heures }}"],
        "s in a.services",
        [15, 30, 28, 67, 15, 15],
        size=8.5,
        header_size=8.5,
        align=["center", None, None, None, "right", "right"],
    )  # fmt: skip
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if a.prevenir %}")
    para(doc, "À prévenir aussi (rien à ressaisir) : {{ a.prevenir }}", size=8.5)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Le plan de reprise du SI n'est pas disponible : rien à ordonner.", italic=True)
    tag(doc, "{%p endif %}")
    return doc
