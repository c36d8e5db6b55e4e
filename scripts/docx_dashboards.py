"""Word template of the pôle dashboard, and the synthesis' national requirements, GHT and pôle sections.

Variables: :mod:`pca_xlsx.documents.poles` (``pole_context`` and ``synthesis_sections``).
"""

from __future__ import annotations

from docx_kit import GREY, figures, header_footer, kv_table, loop_table, new_document, para, tag


def pole_dashboard():
    doc = new_document("Tableau de bord PCA du pôle – {{ pole.nom }}", body_pt=10, margin_mm=15)
    header_footer(doc, "Plan de continuité d'activité – Tableau de bord du pôle", width=180)
    para(doc, "Tableau de bord du plan de continuité d'activité", size=11, colour=GREY)
    para(doc, "{{ pole.nom }}", style="Title")
    para(doc, "{{ pole.code }} · {{ etablissement }}{% if ght %} – {{ ght }}{% endif %} · situation au {{ date_longue }}",
         colour=GREY)  # fmt: skip
    kv_table(
        doc,
        [("Chef de pôle", "{{ pole.chef }}"), ("Cadre de pôle", "{{ pole.cadre }}"),
         ("Directeur référent", "{{ pole.directeur }}")],
        mm=(50, 130), size=9.5,
    )  # fmt: skip
    para(doc, "")
    figures(
        doc,
        [
            ("{{ bandeau.recus }}", "{{ bandeau.recus_libelle }}"),
            ("{{ bandeau.valides }}", "{{ bandeau.valides_libelle }}"),
            ("{{ bandeau.couverture }}", "processus couverts"),
            ("{{ bandeau.testees }}", "parades testées"),
            ("{{ bandeau.vitaux }}", "{{ bandeau.vitaux_libelle }}"),
            ("{{ bandeau.ecarts }}", "{{ bandeau.ecarts_libelle }}"),
        ],
        width=180,
    )
    para(doc, "À faire maintenant", style="Heading 1")
    tag(doc, "{%p if a_faire %}")
    tag(doc, "{%p for x in a_faire %}")
    para(doc, "☐  {{ x }}", size=9.5)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if a_faire_reste %}")
    para(
        doc,
        "… et {{ a_faire_reste_texte }} : voir le tableau ci-dessous et le classeur consolidé.",
        size=9,
        italic=True,
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, "Tous les plans du pôle sont à jour : maintenir et préparer le prochain exercice.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "Les services du pôle", style="Heading 1")
    loop_table(
        doc,
        ["Code", "Service", "Reçu", "Plan validé le (par)", "Erreurs", "Couverture", "Testées",
         "Vitaux non protégés", "Écarts", "Dernier exercice", "Revue prévue"],
        ["{{ s.code }}", "{{ s.nom }}", "{{ s.recu }}", "{{ s.valide }}", "{{ s.erreurs }}", "{{ s.couverture }}",
         "{{ s.testees }}", "{{ s.vitaux }}", "{{ s.ecarts }}", "{{ s.exercice }}", "{{ s.revue }}"],
        "s in services",
        [19.5, 29.5, 9.5, 19, 12.5, 16.5, 12.5, 14, 11, 18, 18],  # a code of 8 capitals, a date on one line
        size=8,
        header_size=7,
        align=[None, None, "center", None, "right", "right", "right", "right", "right", None, None],
    )  # fmt: skip
    para(doc, "Le pôle comparé à l'ensemble : {{ reference }}", style="Heading 1")
    loop_table(
        doc,
        ["Indicateur", "Pôle", "{{ reference }}"],
        ["{{ c.libelle }}", "{{ c.pole }}", "{{ c.reference }}"],
        "c in comparaison",
        [90, 45, 45],
        size=9,
        align=[None, "right", "right"],
    )
    para(doc, "{{ regle }} {{ regle_vitaux }} Plan validé : « Validé par » et « Date de validation » remplis dans le classeur. "
              "Exercé : un exercice dans la périodicité du référentiel.", size=8, colour=GREY)  # fmt: skip
    return doc


def synthesis_sections(doc) -> None:
    """Sections 8–10 of the synthesis: national requirements, the GHT, the pôles' dashboard table."""
    para(doc, "9. Exigences nationales", style="Heading 1")
    para(doc, "Ce que demande aux établissements de santé le {{ programme }}, vérifié sur les classeurs reçus. "
              "{{ avertissement_care }}",
         size=9.5).paragraph_format.keep_with_next = True  # fmt: skip
    loop_table(
        doc,
        ["Exigence", "Statut", "Preuve", "Source"],
        ["{{ x.regle }}", "{{ x.statut }}", "{{ x.preuve }}", "{{ x.source }}"],
        "x in exigences",
        [40, 20, 65, 45],
        size=8.5,
        header_size=8.5,
    )
    tag(doc, "{%p if etablissements %}")
    para(doc, "10. Le GHT, établissement par établissement", style="Heading 1")
    loop_table(
        doc,
        ["Code", "Établissement", "Part d'activité", "Reçus", "Plans validés", "Couverture", "Testées",
         "Vitaux non protégés", "Écarts"],
        ["{{ e.code }}", "{{ e.nom }}", "{{ e.part }}", "{{ e.recus }}", "{{ e.valides }}", "{{ e.couverture }}",
         "{{ e.testees }}", "{{ e.vitaux }}", "{{ e.ecarts }}"],
        "e in etablissements",
        [21.5, 31.5, 17, 16, 17, 20, 17, 17, 13],  # codes: 8 capitals on one line
        size=9,
        header_size=8.5,
        align=[None, None, "right", "right", "right", "right", "right", "right", "right"],
    )  # fmt: skip
    para(doc, "Services qui s'appuient sur un autre établissement", style="Heading 2")
    tag(doc, "{%p if interfaces_ght %}")
    loop_table(
        doc,
        ["Service", "Établissement", "S'appuie sur", "Établissement", "Lignes"],
        ["{{ i.service }}", "{{ i.etablissement }}", "{{ i.sollicite }}", "{{ i.autre }}", "{{ i.lignes }}"],
        "i in interfaces_ght",
        [45, 32, 45, 32, 16],
        size=8.5,
        header_size=8.5,
        align=[None, None, None, None, "right"],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucune interface entre établissements déclarée.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    para(doc, "{% if etablissements %}11{% else %}10{% endif %}. Tableau de bord des pôles", style="Heading 1")
    para(doc, "{{ regle_couverture }} Chaque pôle reçoit son propre tableau de bord ({{ dossier_poles }}).",
         size=9).paragraph_format.keep_with_next = True  # fmt: skip
    loop_table(
        doc,
        ["Code", "Pôle", "Reçus", "Plans validés", "Couverture", "Testées", "Vitaux non protégés", "Écarts",
         "Exercés"],
        ["{{ p.code }}", "{{ p.nom }}", "{{ p.recus }}", "{{ p.valides }}", "{{ p.couverture }}", "{{ p.testees }}",
         "{{ p.vitaux }}", "{{ p.ecarts }}", "{{ p.exerces }}"],
        "p in poles_bord",
        [21, 42, 16, 14, 19, 14.5, 16, 13, 14.5],  # « PARCOURS », « Couverture », « Exercés » uncut
        size=8.5,
        header_size=8,
        align=[None, None, "right", "right", "right", "right", "right", "right", "right"],
    )  # fmt: skip
    tag(doc, "{%p if niveaux %}")
    para(doc, "Les niveaux s'additionnent", style="Heading 2")
    para(doc, "Chaque total comparé à la somme de ses établissements et de ses pôles (feuille Contrôle). Hors pôle : "
         "les écarts de la DSI et le stock de moyens de secours, détenu par l'établissement. "
         "{{ decisions.regle_achats }}.",
         size=9).paragraph_format.keep_with_next = True  # fmt: skip
    loop_table(
        doc,
        ["Chiffre", "Ce niveau", "Établissements", "Pôles", "Hors pôle", "Statut"],
        ["{{ n.chiffre }}", "{{ n.niveau }}", "{{ n.etablissements }}", "{{ n.poles }}", "{{ n.hors_pole }}",
         "{{ n.statut }}"],
        "n in niveaux",
        [60, 22, 26, 22, 22, 24],
        size=8.5,
        header_size=8,
        align=[None, "right", "right", "right", "right", None],
    )  # fmt: skip
    tag(doc, "{%p endif %}")


__all__ = ["pole_dashboard", "synthesis_sections"]
