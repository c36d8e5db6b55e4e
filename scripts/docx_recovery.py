"""The IT restart plan's Word template (plan_reprise_si.docx), for the IT department (DSI).

Variables: the keys of ``pca_xlsx.documents.recovery.recovery_context``.
"""

from __future__ import annotations

from docx.shared import Pt
from docx_kit import (
    ALERT_FILL,
    GREY,
    box,
    figures,
    header_footer,
    landscape,
    loop_table,
    new_document,
    para,
    row_height,
    tag,
)


def recovery_plan():
    doc = new_document("Plan de reprise du système d'information", body_pt=10)
    header_footer(doc, "Plan de continuité d'activité – Plan de reprise du SI")
    para(doc, "Plan de reprise du système d'information", style="Title")
    para(doc, "{{ etablissement }}{% if ght %} – {{ ght }}{% endif %} · situation au {{ date_longue }}", size=12,
         colour=GREY)  # fmt: skip
    para(doc, "{{ introduction }}")
    figures(
        doc,
        [
            ("{{ bandeau.ressources }}", "ressources à redémarrer"),
            ("{{ bandeau.socle }}", "dans le socle T0"),
            ("{{ bandeau.sous_4h }}", "attendues sous 4 h (T1)"),
            ("{{ bandeau.ecarts }}", "reprises SI insuffisantes"),
            ("{{ bandeau.a_renseigner }}", "garanties à renseigner"),
        ],
    )
    tag(doc, "{%p for x in notes %}")
    para(doc, "{{ x }}", italic=True).paragraph_format.space_before = Pt(4)
    tag(doc, "{%p endfor %}")
    cyber_part(doc)
    para(doc, "Partie 2 – Après une panne ordinaire", style="Title").paragraph_format.page_break_before = True
    para(doc, "1. Ordre de redémarrage", style="Heading 1")
    para(doc, "{{ regle }}", size=9, colour=GREY)
    tag(doc, "{%p for t in paliers %}")
    para(doc, "{{ t.libelle }} – {{ t.nombre }} ressource(s)", style="Heading 2")
    loop_table(
        doc,
        ["Rang", "Ressource", "Besoin des services", "Garantie de la DSI", "Motif"],
        [
            "{{ r.rang }}",
            "{{ r.ressource }}{% if r.responsable %} ({{ r.responsable }}){% endif %}",
            "Arrêt : {{ r.dmia }}\nPerte : {{ r.pdma }}",
            "Reprise : {{ r.reprise }}\nPerte : {{ r.perte }}",
            "{{ r.motif }}",
        ],
        "r in t.ressources",
        [12, 32, 34, 38, 54],
        size=8.5,
        header_size=8.5,
        align=["center", None, None, None, None],
    )
    tag(doc, "{%p endfor %}")

    para(doc, "2. Besoin des services et garanties de la DSI", style="Heading 1")
    para(
        doc,
        "Une ressource dont la reprise ou la perte de données garantie est moins bonne que ce que les services "
        "tolèrent est une « Reprise SI insuffisante » : à traiter par la DSI avec les services concernés.",
    )
    tag(doc, "{%p if ecarts %}")
    loop_table(
        doc,
        ["Ressource", "Besoin des services", "Garantie de la DSI", "Services concernés"],
        ["{{ e.ressource }}", "{{ e.besoin }}", "{{ e.garantie }}", "{{ e.services }}"],
        "e in ecarts",
        [30, 44, 44, 52],
        size=8.5,
        header_size=8.5,
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucune : les garanties renseignées couvrent les besoins déclarés.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if a_renseigner %}")
    para(doc, "Garanties à renseigner par la DSI", style="Heading 2")
    para(doc, "Ces chiffres manquent au référentiel (feuille « Ressources ») : ils ne sont pas devinés.")
    loop_table(
        doc,
        ["Ressource", "À renseigner", "Besoin des services"],
        ["{{ m.ressource }}", "{{ m.manque }}", "{{ m.besoin }}"],
        "m in a_renseigner",
        [40, 70, 60],
        size=8.5,
        header_size=8.5,
    )
    tag(doc, "{%p endif %}")

    para(doc, "3. Au retour de chaque application : services à prévenir", style="Heading 1")
    para(
        doc,
        "Quand une application revient, prévenez les services qui l'utilisent. Ceux dont la parade était "
        "sur papier ont des données à ressaisir : les processus concernés sont listés.",
    )
    tag(doc, "{%p for a in retours %}")
    para(doc, "Rang {{ a.rang }} – {{ a.ressource }} : {{ a.nombre }} service(s) à prévenir", style="Heading 2")
    loop_table(
        doc,
        ["Service", "Référent (tél. hors réseau)", "À ressaisir (parades sur papier)"],
        ["{{ s.service }}", "{{ s.referent }}", "{{ s.ressaisie }}"],
        "s in a.services",
        [52, 40, 78],
        size=8.5,
        header_size=8.5,
    )
    tag(doc, "{%p endfor %}")

    landscape(doc, "Plan de reprise du SI – suivi par la cellule de crise")
    para(doc, "Suivi du retour des applications – cellule de crise", style="Title")
    para(
        doc,
        "Cochez chaque ressource quand la DSI la déclare rétablie, notez l'heure, puis cochez quand les "
        "services listés au chapitre 3 ont été prévenus.",
        size=11,
    )
    track = loop_table(
        doc,
        [
            "Rang",
            "Palier",
            "Ressource",
            "Service responsable",
            "Rétablie",
            "Le … à … h",
            "Services prévenus",
            "Visa",
            "Observations",
        ],
        ["{{ r.rang }}", "{{ r.palier }}", "{{ r.ressource }}", "{{ r.responsable }}", "☐", "", "☐", "", ""],
        "r in suivi",
        [12, 16, 42, 26, 19, 36, 22, 26, 58],
        size=10,
        header_size=9,
        align=["center", None, None, None, "center", None, "center", None, None],
    )
    row_height(track.rows[2], 11)  # room to write by hand
    box(
        doc,
        [
            "Rappel",
            "Une ressource ne redémarre qu'après celles dont elle dépend (colonne « Dépend de » du référentiel) : "
            "suivez l'ordre des rangs.",
        ],
        fill=ALERT_FILL,
        width=257,
    )
    return doc


def cyber_part(doc) -> None:
    """Part 1: after a cyber attack, the gates (a box to tick each), the rebuild and the day-by-day timeline."""
    tag(doc, "{%p if cyber %}")
    para(doc, "Partie 1 – Après une cyberattaque", style="Title")
    figures(
        doc,
        [
            ("{{ cyber.investigation }}", "premier redémarrage possible"),
            ("{{ cyber.capacite }}", "reconstructions en parallèle"),
            ("{{ cyber.fin }}", "dernière ressource rétablie"),
            ("{{ cyber.depassees }}", "au-delà de l'interruption tolérable"),
        ],
    )
    para(doc, "A. Les barrières : rien ne redémarre avant qu'elles soient franchies", style="Heading 1")
    para(
        doc,
        "Cochez chaque barrière quand celui qui décide l'a franchie, avec la date et son visa. Elles sont numérotées "
        "dans l'ordre des jours prévus, comptés depuis l'attaque (J+0) : un palier vite reconstruit peut précéder un "
        "palier plus prioritaire dont la reconstruction est plus longue.",
    )
    gates = loop_table(
        doc,
        ["Fait", "Barrière", "Qui décide", "Jour prévu", "Le … / visa"],
        ["☐", "{{ g.numero }}. {{ g.barriere }}\n{{ g.detail }}", "{{ g.qui }}", "{{ g.jour }}", ""],
        "g in barrieres",
        [12, 78, 36, 18, 26],
        size=9,
        header_size=8.5,
        align=["center", None, None, "center", None],
    )
    row_height(gates.rows[2], 14)
    para(doc, "B. Calendrier de reconstruction", style="Heading 1")
    para(doc, "{{ cyber.regle }}", size=9, colour=GREY)
    loop_table(
        doc,
        ["Ordre", "Ressource", "Exposée à Internet", "Jours", "Début", "Rétablie", "Interruption tolérable",
         "Éditeur"],
        ["{{ r.ordre }}", "{{ r.ressource }} ({{ r.palier }})", "{{ r.exposee }}", "{{ r.duree }}", "{{ r.debut }}",
         "{{ r.retour }}", "{{ r.besoin }}{% if r.depasse %} – dépassée{% endif %}", "{{ r.editeur }}"],
        "r in calendrier",
        [11, 30, 22, 14, 15, 16, 28, 34],
        size=8.5,
        header_size=8,
        align=["center", None, None, "right", "center", "center", None, None],
    )  # fmt: skip
    para(doc, "C. Jour par jour", style="Heading 1")
    para(doc, "Ce que l'équipe reconstruit chaque jour, ce qui revient, et les barrières attendues ce jour-là.")
    loop_table(
        doc,
        ["Jour", "En reconstruction", "Rétablies ce jour", "Barrières"],
        ["{{ d.jour }}", "{% if d.phase != 'Reconstruction' %}{{ d.phase }}{% else %}{{ d.en_cours }}{% endif %}",
         "{{ d.retablies }}", "{{ d.barrieres }}"],
        "d in jours",
        [16, 74, 52, 28],
        size=8.5,
        header_size=8.5,
        align=["center", None, None, None],
    )  # fmt: skip
    tag(doc, "{%p endif %}")
