"""The « Durée de la panne » section, shared by the summary sheet and the service's crisis binder.

Variables: ``panne`` of ``pca_xlsx.documents.outage.outage_context``.
"""

from __future__ import annotations

from docx_kit import GREY, figures, kv_table, loop_table, para, tag

INTRO = (
    "Sous une cyberattaque généralisée, rien ne redémarre avant {{ panne.investigation }} (investigation et "
    "assainissement) ; les applications reviennent ensuite une à une selon le plan de reprise du SI. Le service "
    "fonctionne sur papier jusqu'au retour de chacune."
)


def outage_band(doc, width: float = 170) -> None:
    figures(
        doc,
        [
            ("{{ panne.jours }}", "dernière application rétablie"),
            ("{{ panne.jours_vitaux }}", "fin du papier pour les processus vitaux"),
            ("{{ panne.autonomie }} j", "autonomie papier la plus courte"),
            ("{{ panne.enregistrements }}", "enregistrements à ressaisir"),
            ("{{ panne.heures }} h", "de ressaisie"),
        ],
        width=width,
    )


def outage_summary(doc) -> None:
    """The summary sheet's short version: one row of figures (the crisis binder has the detail)."""
    tag(doc, "{%p if panne %}")
    kv_table(
        doc,
        [
            (
                "Cyberattaque généralisée",
                "Papier jusqu'à {{ panne.jours }} (vitaux : {{ panne.jours_vitaux }}) · autonomie papier "
                "{{ panne.autonomie }} j · à imprimer {{ panne.j7 }} ex. pour J+7, {{ panne.j21 }} pour J+21, "
                "{{ panne.jfin }} pour tenir jusqu'à {{ panne.fin_papier }} · "
                "{{ panne.enregistrements }} enregistrements à ressaisir ({{ panne.heures }} h)",
            )
        ],
        size=9,
    )
    tag(doc, "{%p endif %}")


def outage_section(doc, title: str, width: float = 170, new_page: bool = False) -> None:
    """Under the generalised cyber attack: resources back day by day, paper autonomy, re-keying."""
    k = width / 170
    tag(doc, "{%p if panne %}")
    para(doc, title, style="Heading 1").paragraph_format.page_break_before = new_page
    para(doc, INTRO, size=9.5)
    outage_band(doc, width)
    para(doc, "Retour des applications et jours sur papier", style="Heading 2")
    loop_table(
        doc,
        ["Ressource", "Rétablie à", "Jours sur papier", "Processus touchés", "dont vitaux"],
        ["{{ r.ressource }}", "{{ r.retour }}", "{{ r.jours }}", "{{ r.processus }}", "{{ r.vitaux }}"],
        "r in panne.ressources",
        [x * k for x in (60, 28, 28, 28, 26)],
        size=9,
        header_size=8.5,
        align=[None, "center", "right", "right", "right"],
    )
    para(doc, "Autonomie papier et exemplaires à imprimer", style="Heading 2")
    para(
        doc,
        "Autonomie = exemplaires en stock ÷ consommation par jour. À imprimer pour tenir la première semaine (J+7), "
        "trois semaines (J+21), puis jusqu'à la fin du papier, {{ panne.fin_papier }} ({{ panne.fin_motif }}) = "
        "consommation × jours − stock. Document le plus court : {{ panne.document_court }}.",
        size=8.5,
        colour=GREY,
    )
    tag(doc, "{%p if panne.documents %}")
    loop_table(
        doc,
        [
            "Document",
            "En stock",
            "Par jour",
            "Autonomie (jours)",
            "À imprimer J+7",
            "À imprimer J+21",
            "À imprimer jusqu'à {{ panne.fin_papier }}",
        ],
        [
            "{{ d.document }}",
            "{{ d.stock }}",
            "{{ d.conso }}",
            "{{ d.autonomie }}",
            "{{ d.j7 }}",
            "{{ d.j21 }}",
            "{{ d.jfin }}",
        ],  # fmt: skip
        "d in panne.documents",
        [x * k for x in (50, 18, 18, 22, 20, 20, 22)],
        size=9,
        header_size=8.5,
        align=[None, "right", "right", "right", "right", "right", "right"],
    )
    para(doc, "Total à imprimer : {{ panne.j7 }} exemplaires pour J+7, {{ panne.j21 }} pour J+21, {{ panne.jfin }} "
         "pour tenir jusqu'à {{ panne.fin_papier }}.", bold=True)  # fmt: skip
    tag(doc, "{%p else %}")
    para(doc, "Aucun document recensé dans le classeur.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "À ressaisir au retour de chaque application", style="Heading 2")
    tag(doc, "{%p if panne.ressaisie %}")
    loop_table(
        doc,
        ["Application", "Rétablie à", "Enregistrements", "Heures", "Processus (volume par jour)"],
        ["{{ x.ressource }}", "{{ x.retour }}", "{{ x.enregistrements }}", "{{ x.heures }}", "{{ x.processus }}"],
        "x in panne.ressaisie",
        [x * k for x in (28, 18, 28, 16, 80)],
        size=9,
        header_size=8.5,
        align=[None, "center", "right", "right", None],
    )
    para(doc, "Enregistrements = volume par jour × jours sur papier ; heures = enregistrements × {{ panne.minutes }} "
         "minute(s) ÷ 60.", size=8.5, colour=GREY)  # fmt: skip
    tag(doc, "{%p else %}")
    para(doc, "Aucun processus « À ressaisir » avec un volume par jour.", italic=True)
    tag(doc, "{%p endif %}")
    p = para(doc, "Moyens de secours détenus sur la période : ", bold=True)
    p.add_run("{{ panne.moyens }}.")
    tag(doc, "{%p endif %}")
