"""Word templates of the exercise kit: the animators' chronogram and the players' brief.

Part of ``build_docx_templates.py`` (see there). Variables: :mod:`pca_xlsx.documents.exercise_kit`.
The players' brief never holds an expected reaction, a workaround or a prerequisite.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from docx_kit import (
    ALERT_FILL,
    BLUE,
    GREY,
    RED,
    box,
    figures,
    header_footer,
    kv_table,
    loop_table,
    new_document,
    para,
    tag,
)


def _landscape_first(doc) -> float:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


def chronogram():
    doc = new_document("Chronogramme d'exercice PCA – {{ scenario }}", body_pt=10)
    width = _landscape_first(doc)
    header_footer(doc, "Exercice PCA – chronogramme des animateurs (ne pas diffuser aux joueurs)", width=width)
    para(doc, "DOCUMENT ANIMATEURS – NE PAS DIFFUSER AUX JOUEURS", bold=True, size=11, colour=RED)
    para(doc, "Exercice « {{ scenario }} »", style="Title")
    para(
        doc,
        "{{ jour }} · durée de jeu {{ duree }} · services joueurs : {{ services|map(attribute='code')|join(', ') }}",
        colour=GREY,
    )
    figures(
        doc,
        [
            ("{{ services|length }}", "{{ chiffres.services_libelle }}"),
            ("{{ chiffres.processus }}", "{{ chiffres.processus_libelle }}"),
            ("{{ chiffres.vitaux }}", "{{ chiffres.vitaux_libelle }}"),
            ("{{ chiffres.non_testees }}", "{{ chiffres.non_testees_libelle }}"),
            ("{{ injects|length }}", "{{ chiffres.injects_libelle }}"),
        ],
        width=width,
    )
    para(doc, "1. Scénario", style="Heading 1")
    kv_table(
        doc,
        [
            ("Scénario", "{{ scenario }}"),
            ("Ressources indisponibles", "{{ ressources }}"),
            ("Situation", "{{ description }}"),
            ("Date de l'exercice", "{{ jour }}"),
        ],
        mm=(60, width - 60),
    )
    para(doc, "2. Services joueurs", style="Heading 1")
    loop_table(
        doc,
        ["Code", "Service", "Pôle", "Processus touchés", "dont vitaux", "Parades non testées"],
        ["{{ s.code }}", "{{ s.nom }}", "{{ s.pole }}", "{{ s.processus }}", "{{ s.vitaux }}", "{{ s.non_testees }}"],
        "s in services",
        [22, 70, 70, 35, 30, 40],
        align=[None, None, None, "right", "right", "right"],
    )
    para(doc, "3. Objectifs de l'exercice", style="Heading 1")
    para(
        doc,
        "Tirés des processus vitaux des services joueurs et des parades qui n'ont encore jamais été testées.",
        colour=GREY,
    )
    tag(doc, "{%p for o in objectifs %}")
    para(doc, "{{ o }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if objectifs_suite %}")
    para(doc, "{{ objectifs_suite }}", italic=True, colour=GREY)
    tag(doc, "{%p endif %}")
    para(doc, "4. Chronogramme des injects", style="Heading 1")
    para(doc, "{{ regle }}", size=9, colour=GREY)
    loop_table(
        doc,
        ["Heure", "Type", "Service", "Message transmis aux joueurs", "Réaction attendue", "Fait à"],
        [
            "{{ i.heure }}",
            "{{ i.type }}{% if i.vital %} (vital){% endif %}",
            "{{ i.cible }}",
            "{{ i.message }}",
            "{{ i.attendu }}",
            "",
        ],
        "i in injects",
        [16, 26, 24, 75, 108, 18],
        size=9,
        header_size=9,
    )
    para(doc, "5. Déroulé et consignes d'animation", style="Heading 1")
    for line in (
        "Avant l'exercice : remettre à chaque service joueur son document « joueurs » ; imprimer la grille "
        "d'observation (une feuille par service) pour les observateurs ; prévenir le standard et la cellule de crise.",
        "Pendant l'exercice : chaque message commence et finit par « EXERCICE – EXERCICE – EXERCICE » ; transmettre "
        "chaque inject à l'heure prévue au service indiqué ; ne jamais donner la réaction attendue.",
        "Les observateurs notent dans la grille, pour chaque processus, si la parade a été appliquée, le délai "
        "constaté, si les prérequis étaient disponibles, et l'heure de chaque étape de la fiche réflexe.",
        "Après l'exercice : débriefing à chaud avec les joueurs (30 minutes), puis déposer la grille remplie dans "
        "le sous-dossier « exercices » du dossier des classeurs et relancer pca-xlsx.",
    ):
        para(doc, line, style="List Bullet")
    box(doc, ["Rappel", "{{ regle_resultat }}"], fill=ALERT_FILL, width=width)
    return doc


def player():
    doc = new_document("Exercice PCA – {{ service.nom }}", body_pt=11)
    header_footer(doc, "Exercice PCA – document des joueurs")
    para(doc, "EXERCICE – EXERCICE – EXERCICE", bold=True, size=16, colour=RED, align="center")
    para(doc, "{{ service.nom }}", style="Title")
    para(doc, "{{ service.code }} · {{ service.pole }} · exercice du {{ jour }}", colour=GREY)
    para(doc, "Situation de départ", style="Heading 1")
    box(
        doc,
        [
            "À H+0 : {{ indisponibles }}.",
            "{{ description }}",
            "L'exercice dure {{ duree }}. Tout se passe comme en réel, sauf la prise en charge réelle des patients, "
            "qui n'est jamais interrompue.",
        ],
        fill=ALERT_FILL,
    )
    para(doc, "Ce que vous allez recevoir", style="Heading 1")
    para(
        doc,
        "Pendant l'exercice, les animateurs vous transmettront environ {{ messages }} : l'alerte, des demandes de "
        "point de situation de la cellule de crise et des situations (fictives) à gérer {{ sans }}. Chaque message "
        "commence par « EXERCICE ».",
    )
    para(doc, "Ce dont vous disposez", style="Heading 1")
    for line in (
        "La fiche réflexe et le classeur de crise du service, comme un jour de vraie panne.",
        "Les documents papier, formulaires et moyens de secours rangés dans le service.",
        "Le téléphone de l'animation (à compléter) : ______________________",
    ):
        para(doc, line, style="List Bullet")
    para(doc, "Règles du jeu", style="Heading 1")
    for line in (
        "Jouez comme un jour de vraie panne : appliquez vos procédures {{ sans }}.",
        "N'appelez pas les numéros réels d'autres services sans dire « EXERCICE » en début d'appel.",
        "Un patient réel passe toujours avant l'exercice : dites « STOP EXERCICE » à l'animateur si besoin.",
        "Des observateurs notent ce qu'ils voient ; ils ne répondent pas aux questions pendant le jeu.",
        "À la fin : débriefing à chaud de 30 minutes avec les animateurs.",
    ):
        para(doc, line, style="List Bullet")
    para(doc, "Journal de bord du service", style="Heading 1")
    para(doc, "Notez l'heure de chaque message reçu et de chaque décision prise.", colour=GREY)
    kv_table(doc, [("Heure", "Message reçu / décision prise")] + [("", "")] * 6, mm=(25, 145), min_height=9)
    return doc


BUILDERS = {"chronogramme.docx": chronogram, "joueur.docx": player}
__all__ = ["BLUE", "BUILDERS"]
