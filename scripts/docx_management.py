"""Word templates for management: the referents' mission letter and the hospital synthesis.

Part of ``build_docx_templates.py`` (see there); kept apart to keep each module short.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx_dashboards import synthesis_sections
from docx_decisions import decisions_page
from docx_kit import (
    GREY,
    RED,
    figures,
    header_footer,
    loop_table,
    new_document,
    para,
    provisional,
    tag,
    widths,
    write,
)


def letter():
    doc = new_document("Lettre de mission PCA – {{ service.nom }}", body_pt=11)
    header_footer(doc, "Plan de continuité d'activité – Lettre de mission")
    provisional(doc)
    head = doc.add_table(rows=1, cols=2)
    sender, place = head.rows[0].cells
    write(sender.paragraphs[0], "Direction générale", bold=True)
    sender.add_paragraph("Équipe projet PCA")
    p = place.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    write(p, "{{ etablissement }}, le {{ date_longue }}")
    widths(head, [85, 85])
    para(doc, "")
    p = para(doc, "À l'attention de", bold=True)
    p.paragraph_format.left_indent = Mm(85)
    p.paragraph_format.space_after = Pt(0)
    tag(doc, "{%p for d in destinataires %}")
    p = para(doc, "{{ d }}")
    p.paragraph_format.left_indent = Mm(85)
    p.paragraph_format.space_after = Pt(0)
    tag(doc, "{%p endfor %}")
    p = para(doc, "Service {{ service.nom }} – {{ service.pole }}")
    p.paragraph_format.left_indent = Mm(85)
    para(doc, "")
    p = para(doc, "Objet : ", bold=True)
    p.add_run("lettre de mission des référents du plan de continuité d'activité du service {{ service.nom }}")
    para(doc, "")
    para(doc, "Madame, Monsieur,")
    para(
        doc,
        "Une cyberattaque peut priver l'établissement de son informatique pendant plusieurs jours, voire "
        "plusieurs semaines. Pour que les soins essentiels continuent en mode dégradé, {{ etablissement }} "
        "construit, service par service, un plan de continuité d'activité (PCA). Vous avez accepté d'en être "
        "les référents pour le service {{ service.nom }}, et nous vous en remercions. Cette lettre précise votre "
        "rôle, ce que l'équipe projet attend de vous, le temps à y consacrer et le calendrier de la démarche.",
    )
    para(doc, "Votre rôle", style="Heading 1")
    para(
        doc,
        "Vous êtes les interlocuteurs privilégiés de l'équipe projet pour le service et le relais d'information "
        "auprès de toute l'équipe : médecins, cadres, infirmiers, aides-soignants, secrétaires, agents. À ce titre, "
        "vous participez au recueil des informations, vous identifiez et mobilisez les participants aux groupes de "
        "travail, et vous veillez ensuite à ce que le plan reste à jour et connu de tous.",
    )
    para(doc, "Ce que l'équipe projet attend de vous", style="Heading 1")
    for line in (
        "le classeur PCA du service rempli : ambition de continuité, questionnaire de maturité, applications, "
        "processus prioritaires avec leurs parades (une cinquantaine de lignes au plus), moyens de "
        "télécommunication, équipements biomédicaux, documents à préparer, fiche réflexe et exercices ;",
        "votre présence aux trois temps d'échange : un entretien sur la maturité et l'impact, puis deux groupes "
        "de travail sur les parades, avec les professionnels que vous aurez mobilisés ;",
        "la relecture de la fiche synthèse et de la fiche réflexe produites à partir du classeur, puis la "
        "préparation des documents papier de secours et du classeur de crise du service ;",
        "une revue du classeur {{ revue }} et un exercice sans informatique {{ exercice }}, organisé avec le pôle.",
    ):
        para(doc, line, style="List Bullet")
    tag(doc, "{%p if classeur_recu %}")
    para(
        doc,
        "L'équipe projet a reçu le classeur du service, mis à jour le {{ mise_a_jour }} : il décrit "
        "{{ processus }} de processus prioritaires. Votre mission porte désormais sur sa mise à jour et "
        "sur les exercices.",
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "L'équipe projet n'a pas encore reçu le classeur du service : un modèle pré-rempli vous sera transmis "
        "avec cette lettre.",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if classeur_recu %}")
    para(doc, "Ce qui reste à faire dans votre service", style="Heading 1")
    tag(doc, "{%p if a_faire %}")
    tag(doc, "{%p for x in a_faire %}")
    para(doc, "☐  {{ x }}", size=10)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Rien d'urgent : chaque processus vital est protégé et le plan est validé. Maintenez-le à jour.",
         italic=True)  # fmt: skip
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Le temps à prévoir : 2 heures pour chaque revue du classeur ({{ revue }} ; prochaine revue : "
        "{{ prochaine_revue }}) et une demi-journée pour l'exercice sans informatique ({{ exercice }} ; prochain "
        "exercice : {{ prochain_exercice }}). Ce temps est reconnu dans le contrat de pôle.",
    ).paragraph_format.space_before = Pt(6)
    tag(doc, "{%p else %}")
    para(doc, "Le temps à prévoir et le calendrier", style="Heading 1")
    para(
        doc,
        "Le service {{ service.nom }} fait partie {{ vague }} du déploiement ; il est {{ rang }} "
        "dans l'ordre suggéré des groupes de travail{{ rang_vague }}. {{ raison_rang }} Le calendrier ci-dessous est "
        "indicatif, compté à partir de la réception de cette lettre :",
    ).paragraph_format.keep_with_next = True
    loop_table(
        doc,
        ["Étape", "Quand", "Temps pour vous"],
        ["{{ e.etape }}", "{{ e.quand }}", "{{ e.temps }}"],
        "e in etapes",
        [98, 38, 34],
        size=10,
        header_size=10,
    )
    para(
        doc,
        "Soit environ {{ temps_total }} sur deux mois et demi, puis, chaque fois, 2 heures pour la revue du "
        "classeur (prochaine revue : {{ prochaine_revue }}) et une demi-journée pour l'exercice (prochain "
        "exercice : {{ prochain_exercice }}). Ce temps est reconnu dans le contrat de pôle.",
    ).paragraph_format.space_before = Pt(6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if partenaires %}")
    para(
        doc,
        "Vos parades devront être coordonnées avec les services dont le vôtre dépend : {{ partenaires }}. "
        "L'équipe projet organisera ces échanges.",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Nous savons le temps médical et soignant précieux et vous remercions de votre engagement au service "
        "de la sécurité des patients. Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos "
        "salutations distinguées.",
    ).paragraph_format.space_before = Pt(6)
    para(doc, "")
    table = doc.add_table(rows=1, cols=2)
    for cell, who in zip(
        table.rows[0].cells,
        ("Le directeur général", "Le président de la commission médicale d'établissement"),
    ):
        cell.paragraphs[0].add_run(who).bold = True
        cell.add_paragraph("")
        cell.add_paragraph("")
    widths(table, [85, 85])
    para(doc, "")
    p = para(doc, "Copie : ", bold=True, size=9, colour=GREY)
    write(p, "{{ copie }} ; équipe projet PCA.", size=9, colour=GREY)
    return doc


def synthesis():
    doc = new_document("Synthèse du plan de continuité d'activité")
    header_footer(doc, "Plan de continuité d'activité – Synthèse de l'établissement")
    para(doc, "Synthèse du plan de continuité d'activité", style="Title", size=19)
    para(
        doc,
        "{{ etablissement }}{% if ght %} – {{ ght }}{% endif %} · situation au {{ date_longue }}",
        size=12,
        colour=GREY,
    )
    decisions_page(doc)
    para(doc, "{{ introduction }}")
    figures(
        doc,
        [
            ("{{ bandeau.recus }}", "{{ bandeau.recus_libelle }}"),
            ("{{ bandeau.parade }}", "lignes à parade définie ou testée"),
            ("{{ bandeau.testees }}", "parades testées"),
            ("{{ bandeau.maturite }} / 100", "maturité moyenne"),
            ("{{ bandeau.ecarts }}", "{{ bandeau.ecarts_libelle }}"),
        ],
    )
    tag(doc, "{%p if essentiel %}")
    para(doc, "L'essentiel", style="Heading 1")
    tag(doc, "{%p for x in essentiel %}")
    para(doc, "{{ x }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "1. Chiffres clés", style="Heading 1")
    loop_table(
        doc,
        ["Indicateur", "Valeur"],
        ["{{ c.libelle }}", "{{ c.valeur }}"],
        "c in chiffres",
        [120, 50],
        align=[None, "right"],
    )
    para(doc, "{{ regle_couverture }}", size=9, italic=True, colour=GREY)
    tag(doc, "{%p if non_recus %}")
    para(doc, "Classeurs attendus et non reçus : {{ non_recus }}.", italic=True).paragraph_format.space_before = Pt(6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if illisibles %}")
    para(doc, "Classeurs reçus mais illisibles, à renvoyer : {{ illisibles }}.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if not controle_ok %}")
    para(
        doc,
        "Attention : le contrôle des comptes de la consolidation est en échec (voir la feuille « Contrôle »).",
        bold=True,
        colour=RED,
    )
    tag(doc, "{%p endif %}")
    para(doc, "2. Couverture des parades par scénario", style="Heading 1")
    para(
        doc,
        "Pour chaque scénario du référentiel, part des lignes de processus touchées qui disposent d'une parade testée, d'une parade seulement définie, ou d'aucune parade (parade absente ou « À construire »).",
    ).paragraph_format.keep_with_next = True
    para(doc, "{{ graphique_scenarios }}", align="center")
    para(doc, "3. Ambition de continuité et maturité", style="Heading 1")
    para(
        doc,
        "Part de l'activité que chaque service vise à maintenir sans informatique (vert plein ≥ 80 %, orange hachuré ≥ 50 %, rouge quadrillé en dessous).",
    ).paragraph_format.keep_with_next = True
    para(doc, "{{ graphique_ambition }}", align="center")
    para(
        doc, "Score de maturité : 100 × (Oui + 0,5 × Partiel) ÷ nombre de questions du questionnaire."
    ).paragraph_format.keep_with_next = True
    para(doc, "{{ graphique_maturite }}", align="center")
    para(doc, "4. Points uniques de défaillance", style="Heading 1")
    para(
        doc,
        "Ressources dont dépendent fortement ou de façon critique le plus de services : leur perte arrête plusieurs services à la fois.",
    ).paragraph_format.keep_with_next = True
    tag(doc, "{%p if spof %}")
    loop_table(
        doc,
        ["Ressource", "Catégorie", "Critique", "Forte", "Services en dépendance critique"],
        ["{{ s.ressource }}", "{{ s.categorie }}", "{{ s.critique }}", "{{ s.forte }}", "{{ s.services }}"],
        "s in spof",
        [30, 32, 18, 16, 74],
        size=9.5,
        header_size=9,
        align=[None, None, "right", "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucune dépendance forte ou critique déclarée.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "5. Écarts à traiter", style="Heading 1")
    tag(doc, "{%p if ecarts_types %}")
    para(doc, "{{ regle_gravite }}", size=9, italic=True, colour=GREY)
    para(doc, "Les écarts les plus graves", style="Heading 2")
    loop_table(
        doc,
        ["Gravité", "Service", "Type d'écart", "Détail"],
        ["{{ e.gravite }}", "{{ e.service }}", "{{ e.type }}", "{{ e.detail }}"],
        "e in ecarts_pires",
        [18, 20, 44, 88],
        size=8.5,
        header_size=8.5,
    )
    para(doc, "Écarts par type", style="Heading 2")
    loop_table(
        doc,
        ["Type d'écart", "Écarts", "Constats avant regroupement"],
        ["{{ e.type }}", "{{ e.nombre }}", "{{ e.avant }}"],
        "e in ecarts_types",
        [120, 20, 30],
        size=9.5,
        align=[None, "right", "right"],
    )
    para(doc, "Écarts par pôle", style="Heading 2")
    loop_table(
        doc,
        ["Pôle", "Écarts", "Services", "Écart le plus fréquent"],
        ["{{ e.pole }}", "{{ e.total }}", "{{ e.services }}", "{{ e.principal }}"],
        "e in ecarts_poles",
        [56, 17, 19, 78],
        size=9.5,
        header_size=9,
        align=[None, "right", "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun écart relevé.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "6. Matériel et documents à prévoir", style="Heading 1")
    tag(doc, "{%p if not (achats.telecom or achats.documents or achats.equipements) %}")
    para(doc, "Aucun besoin de matériel ou de document de secours renseigné dans les classeurs.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if achats.telecom %}")
    para(doc, "Moyens de télécommunication de secours : besoins des services", style="Heading 2")
    para(doc, "Le stock détenu et ce qu'il reste à acheter figurent en page 1.", size=9, italic=True, colour=GREY)
    loop_table(
        doc,
        ["Moyen", "Besoin des services"],
        ["{{ a.libelle }}", "{{ a.total }}"],
        "a in achats.telecom",
        [120, 50],
        size=9.5,
        align=[None, "right"],
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if achats.documents %}")
    para(doc, "Documents papier prévus par les services (exemplaires, toutes lignes)", style="Heading 2")
    para(doc, "{{ achats.documents_note }}", size=9, italic=True, colour=GREY)
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
        ["Équipement", "Hors réseau : non", "Partiellement", "Services"],
        ["{{ a.equipement }}", "{{ a.non }}", "{{ a.partiel }}", "{{ a.services }}"],
        "a in achats.equipements",
        [58, 24, 25, 63],
        size=9.5,
        header_size=9,
        align=[None, "right", "right", None],
    )
    tag(doc, "{%p endif %}")
    para(doc, "7. Ordre suggéré des groupes de travail", style="Heading 1")
    para(doc, "{{ regle_ordre }}", size=9.5).paragraph_format.keep_with_next = True
    tag(doc, "{%p for b in boucles %}")
    para(doc, "{{ b }}", size=9.5, italic=True).paragraph_format.keep_with_next = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if coordinations %}")
    para(doc, "Coordinations à régler en premier", style="Heading 2")
    para(doc, "{{ coordinations_note }}", size=9.5).paragraph_format.keep_with_next = True
    tag(doc, "{%p for g in coordinations %}")
    para(doc, "{{ g }}", style="List Bullet", size=9.5)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if ordre %}")
    loop_table(
        doc,
        ["Rang", "Code", "Service", "Vague pilote", "Services qui comptent sur lui", "Pourquoi ce rang"],
        ["{{ o.rang }}", "{{ o.code }}", "{{ o.nom }}", "{{ o.vague }}", "{{ o.dependants }}", "{{ o.raison }}"],
        "o in ordre",
        [12, 21, 32, 13, 18, 74],  # codes: 8 capitals on one line
        size=8.5,
        header_size=8.5,
        align=["right", None, None, "right", "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun service à ordonner.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "8. Programme d'exercices de l'année", style="Heading 1")
    tag(doc, "{%p if exercices.remplie %}")
    para(doc, "{{ exercices.exigence }}", bold=True)
    tag(doc, "{%p else %}")
    para(doc, "{{ exercices.exigence }}", bold=True, colour=RED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if exercices.non_joues %}")
    para(doc, "Scénarios jamais joués dans l'établissement : {{ exercices.non_joues }}.")
    tag(doc, "{%p endif %}")
    para(doc, "{{ exercices.regle }}", size=9.5, colour=GREY)
    tag(doc, "{%p if exercices.lignes %}")
    loop_table(
        doc,
        ["Priorité", "Service", "Motif", "Scénario proposé", "Avant le"],
        ["{{ e.rang }}", "{{ e.nom }} ({{ e.code }})", "{{ e.motif }}", "{{ e.scenario }}", "{{ e.echeance }}"],
        "e in exercices.lignes",
        [16, 46, 56, 32, 20],
        size=9,
        header_size=9,
        align=["right", None, None, None, None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun exercice à programmer : chaque service est à jour.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if exercices.suite %}")
    para(doc, "{{ exercices.suite }}", italic=True, colour=GREY)
    tag(doc, "{%p endif %}")
    synthesis_sections(doc)
    para(doc, "Annexe – Tableau des services", style="Heading 1")
    loop_table(
        doc,
        ["Code", "Service", "Pôle", "Ambition", "Maturité", "Parades", "Testées", "Vitaux non protégés", "Reçu"],
        [
            "{{ s.code }}",
            "{{ s.nom }}",
            "{{ s.pole }}",
            "{{ s.ambition }}",
            "{{ s.maturite }}",
            "{{ s.parade }}",
            "{{ s.testees }}",
            "{{ s.vitaux }}",
            "{{ s.recu }}",
        ],
        "s in services",
        [21, 34, 27.5, 16, 16, 15, 14, 16, 10.5],  # codes: 8 capitals on one line
        size=8.5,
        header_size=8,
        align=[None, None, None, "right", "right", "right", "right", "right", "center"],
    )
    return doc
