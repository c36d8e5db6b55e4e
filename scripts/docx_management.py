"""Word templates for management: the referents' mission letter and the hospital synthesis.

Part of ``build_docx_templates.py`` (see there); kept apart to keep each module short.
"""

from __future__ import annotations

from docx.shared import Pt
from docx_kit import GREY, RED, header_footer, kv_table, loop_table, new_document, para, tag


def letter():
    doc = new_document("Lettre de mission PCA – {{ service.nom }}", body_pt=11)
    header_footer(doc, "Plan de continuité d'activité – Lettre de mission")
    para(doc, "{{ etablissement }}, le {{ date_longue }}", align="right")
    para(doc, "")
    p = para(doc, "À l'attention de : ", bold=True)
    p.add_run("{{ destinataires }} – service {{ service.nom }}, {{ service.pole }}")
    p = para(doc, "Objet : ", bold=True)
    p.add_run("lettre de mission des référents du plan de continuité d'activité (PCA) du service {{ service.nom }}")
    para(doc, "")
    para(doc, "Madame, Monsieur,")
    para(
        doc,
        "Une cyberattaque peut priver l'établissement de son informatique pendant plusieurs jours, voire plusieurs "
        "semaines. {{ etablissement }} construit, service par service, un plan de continuité d'activité pour maintenir "
        "les soins essentiels en mode dégradé. Vous êtes les référents de ce plan pour le service {{ service.nom }} ; "
        "cette lettre précise votre mission, ce que l'équipe projet attend de vous, le temps à y consacrer et le calendrier.",
    )
    para(doc, "1. Votre rôle", style="Heading 1")
    for line in (
        "être les interlocuteurs privilégiés de l'équipe projet PCA pour le service ;",
        "relayer l'information auprès de toute l'équipe (médecins, cadres, infirmiers, aides-soignants, secrétaires…) ;",
        "identifier et mobiliser les participants aux groupes de travail ;",
        "tenir à jour le classeur PCA du service et veiller à ce que les documents papier de secours soient prêts ;",
        "organiser avec le pôle les exercices de fonctionnement sans informatique.",
    ):
        para(doc, line, style="List Bullet")
    para(doc, "2. Ce que l'équipe projet attend de vous", style="Heading 1")
    for line in (
        "le classeur PCA du service rempli : identité et ambition de continuité, questionnaire de maturité, applications, "
        "cartographie des processus prioritaires (une cinquantaine de lignes au plus), télécommunications, équipements "
        "biomédicaux, documents à préparer, fiche réflexe et exercices ;",
        "votre présence aux trois temps d'échange : un entretien sur la maturité et l'impact, puis deux groupes de travail sur les parades ;",
        "la relecture de la fiche synthèse et de la fiche réflexe produites à partir du classeur ;",
        "une revue du classeur tous les {{ revue_mois }} mois et un exercice tous les {{ exercice_mois }} mois.",
    ):
        para(doc, line, style="List Bullet")
    tag(doc, "{%p if classeur_recu %}")
    para(
        doc,
        "Le classeur du service a été mis à jour le {{ mise_a_jour }} ; il décrit {{ processus }} ligne(s) de processus prioritaires.",
        italic=True,
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "L'équipe projet n'a pas encore reçu le classeur du service : un modèle pré-rempli vous sera transmis.",
        italic=True,
    )
    tag(doc, "{%p endif %}")
    para(doc, "3. Le temps à prévoir", style="Heading 1")
    kv_table(
        doc,
        [
            ("Entretien maturité et impact", "1 h 30"),
            ("Deux groupes de travail sur les parades", "2 × 2 h 30"),
            ("Préparation, recueil et relecture", "environ 4 h"),
            ("Mise à jour du classeur", "2 h tous les {{ revue_mois }} mois"),
            ("Exercice sans informatique", "une demi-journée tous les {{ exercice_mois }} mois"),
        ],
        mm=(85, 85),
    )
    para(doc, "Ce temps est à valoriser dans le contrat de pôle.", italic=True, colour=GREY)
    para(doc, "4. Le calendrier", style="Heading 1")
    kv_table(
        doc,
        [
            ("Vague de déploiement", "{{ vague }}"),
            ("Rang dans l'ordre suggéré des groupes de travail", "{{ rang }}"),
            ("Services à traiter avant le vôtre", "{{ avant }}"),
            ("Dernière mise à jour du classeur", "{{ mise_a_jour }}"),
            ("Prochaine revue du classeur", "{{ prochaine_revue }}"),
            ("Prochain exercice", "{{ prochain_exercice }}"),
        ],
        mm=(85, 85),
    )
    para(doc, "")
    para(doc, "Nous vous remercions de votre engagement au service de la sécurité des patients.")
    para(doc, "")
    table = doc.add_table(rows=1, cols=2)
    for cell, who in zip(table.rows[0].cells, ("La direction générale", "Les référents, lu et accepté")):
        cell.paragraphs[0].add_run(who).bold = True
        cell.add_paragraph("")
        cell.add_paragraph("")
    return doc


def synthesis():
    doc = new_document("Synthèse du plan de continuité d'activité")
    header_footer(doc, "Plan de continuité d'activité – Synthèse de l'établissement")
    para(doc, "Synthèse du plan de continuité d'activité", style="Title")
    para(
        doc,
        "{{ etablissement }}{% if ght %} – {{ ght }}{% endif %} · situation au {{ date_longue }}",
        size=12,
        colour=GREY,
    )
    para(doc, "{{ introduction }}")
    para(doc, "1. Chiffres clés", style="Heading 1")
    loop_table(
        doc,
        ["Indicateur", "Valeur"],
        ["{{ c.libelle }}", "{{ c.valeur }}"],
        "c in chiffres",
        [120, 50],
        align=[None, "right"],
    )
    tag(doc, "{%p if non_recus %}")
    para(doc, "Classeurs attendus et non reçus : {{ non_recus }}.", italic=True).paragraph_format.space_before = Pt(6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if not controle_ok %}")
    para(
        doc,
        "Attention : le contrôle des comptes de la consolidation est en échec (voir la feuille « Contrôle »).",
        bold=True,
        colour=RED,
    )
    tag(doc, "{%p endif %}")
    para(doc, "2. Ambition de continuité et maturité", style="Heading 1")
    para(
        doc,
        "Part de l'activité que chaque service vise à maintenir sans informatique (vert ≥ 80 %, orange ≥ 50 %, rouge en dessous).",
    ).paragraph_format.keep_with_next = True
    para(doc, "{{ graphique_ambition }}", align="center")
    para(
        doc, "Score de maturité : 100 × (Oui + 0,5 × Partiel) ÷ nombre de questions du questionnaire."
    ).paragraph_format.keep_with_next = True
    para(doc, "{{ graphique_maturite }}", align="center")
    para(doc, "3. Couverture des parades par scénario", style="Heading 1")
    para(
        doc,
        "Pour chaque scénario du référentiel, part des lignes de processus touchées qui disposent d'une parade testée, d'une parade seulement définie, ou d'aucune parade.",
    ).paragraph_format.keep_with_next = True
    para(doc, "{{ graphique_scenarios }}", align="center")
    para(doc, "4. Points uniques de défaillance", style="Heading 1")
    para(
        doc,
        "Ressources dont dépendent fortement ou de façon critique le plus de services : leur perte arrête plusieurs services à la fois.",
    )
    tag(doc, "{%p if spof %}")
    loop_table(
        doc,
        ["Ressource", "Catégorie", "Critique", "Forte", "Services en dépendance critique"],
        ["{{ s.ressource }}", "{{ s.categorie }}", "{{ s.critique }}", "{{ s.forte }}", "{{ s.services }}"],
        "s in spof",
        [28, 32, 20, 16, 74],
        size=9.5,
        align=[None, None, "right", "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucune dépendance forte ou critique déclarée.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "5. Écarts à traiter", style="Heading 1")
    tag(doc, "{%p if ecarts_types %}")
    loop_table(
        doc,
        ["Type d'écart", "Nombre"],
        ["{{ e.type }}", "{{ e.nombre }}"],
        "e in ecarts_types",
        [140, 30],
        size=9.5,
        align=[None, "right"],
    )
    para(doc, "Écarts par pôle", style="Heading 2")
    loop_table(
        doc,
        ["Pôle", "Écarts", "Services concernés", "Écart le plus fréquent"],
        ["{{ e.pole }}", "{{ e.total }}", "{{ e.services }}", "{{ e.principal }}"],
        "e in ecarts_poles",
        [50, 18, 22, 80],
        size=9.5,
        align=[None, "right", "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun écart relevé.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "6. Matériel et documents à prévoir", style="Heading 1")
    tag(doc, "{%p if achats.telecom %}")
    para(doc, "Moyens de télécommunication de secours", style="Heading 2")
    loop_table(
        doc,
        ["Moyen", "Total"],
        ["{{ a.libelle }}", "{{ a.total }}"],
        "a in achats.telecom",
        [120, 50],
        size=9.5,
        align=[None, "right"],
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if achats.documents %}")
    para(doc, "Documents papier à imprimer (exemplaires)", style="Heading 2")
    loop_table(
        doc,
        ["Type de document", "Total"],
        ["{{ a.libelle }}", "{{ a.total }}"],
        "a in achats.documents",
        [120, 50],
        size=9.5,
        align=[None, "right"],
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if achats.equipements %}")
    para(doc, "Équipements biomédicaux ne fonctionnant pas (ou partiellement) hors réseau", style="Heading 2")
    loop_table(
        doc,
        ["Équipement", "Non", "Partiellement", "Services"],
        ["{{ a.equipement }}", "{{ a.non }}", "{{ a.partiel }}", "{{ a.services }}"],
        "a in achats.equipements",
        [60, 18, 26, 66],
        size=9.5,
        align=[None, "right", "right", None],
    )
    tag(doc, "{%p endif %}")
    para(doc, "7. Ordre suggéré des groupes de travail", style="Heading 1")
    para(doc, "{{ regle_ordre }}", size=9.5)
    loop_table(
        doc,
        ["Rang", "Code", "Service", "Catégorie", "Services dépendants", "Dépendance circulaire"],
        ["{{ o.rang }}", "{{ o.code }}", "{{ o.nom }}", "{{ o.categorie }}", "{{ o.dependants }}", "{{ o.boucle }}"],
        "o in ordre",
        [14, 22, 54, 22, 27, 31],
        size=9.5,
        align=["right", None, None, None, "right", None],
    )
    para(doc, "Annexe – Tableau des services", style="Heading 1")
    loop_table(
        doc,
        ["Code", "Service", "Pôle", "Ambition", "Maturité", "Parade", "Testées", "Reçu"],
        [
            "{{ s.code }}",
            "{{ s.nom }}",
            "{{ s.pole }}",
            "{{ s.ambition }}",
            "{{ s.maturite }}",
            "{{ s.parade }}",
            "{{ s.testees }}",
            "{{ s.recu }}",
        ],
        "s in services",
        [19, 38, 34, 17, 17, 16, 16, 13],
        size=8.5,
    )
    return doc
