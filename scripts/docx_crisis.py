"""Crisis templates: the one-page reflex poster, the service's crisis binder additions, the crisis
cell's binder (``cellule_de_crise.docx``). Used by ``build_docx_templates.py``.

The poster body takes a prefix so the crisis cell's binder can loop over every service's poster
(``{%p for f in fiches %}`` … ``f.phases`` …) with the very same layout.
"""

from __future__ import annotations

from docx.shared import Mm, Pt
from docx_kit import (
    ALERT_FILL,
    BLUE,
    GREY,
    RED,
    box,
    header_footer,
    landscape,
    loop_table,
    new_document,
    para,
    portrait,
    styled,
    tag,
    widths,
    write,
)

#: Poster text sizes (pt): steps, directory, call-first list.
STEP_PT = 10
#: Step text size of a long sheet (context ``serre``).
DENSE_PT = 8.5
SMALL_PT = 8
POSTER_MARGIN_MM = 10
POSTER_WIDTH = 190


def _merged_row(table, index: int, value: str, size: float, bold: bool = True, colour=None) -> None:
    row = table.rows[index]
    cell = row.cells[0].merge(row.cells[-1])
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    write(p, value, bold=bold, size=size, colour=colour)


def directory_table(doc, p: str = "", size: float = SMALL_PT, mm=(56, 58, 27, 13, 36)):
    """The hospital crisis directory (referential « Annuaire de crise »); ``mm``: column widths."""
    tag(doc, f"{{%p if {p}annuaire %}}")
    loop_table(
        doc,
        ["Fonction", "Nom", "Téléphone hors réseau", "Radio", "Disponibilité"],
        ["{{ a.fonction }}", "{{ a.nom }}", "{{ a.telephone }}", "{{ a.radio }}", "{{ a.disponibilite }}"],
        f"a in {p}annuaire",
        list(mm),
        size=size,
        header_size=size,
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "Annuaire de crise non renseigné dans le référentiel (feuille « Annuaire de crise ») : "
        "notez ici la cellule de crise et l'astreinte informatique.",
        bold=True,
        colour=RED,
        size=size + 1,
    )
    tag(doc, "{%p endif %}")


def _step_row(row, size: float) -> None:
    values = ["☐", "{{ e.numero }}", "{{ e.action }}", "{{ e.qui }}", "{{ e.quand }}", ""]
    for i, (cell, value) in enumerate(zip(row.cells, values)):
        q = cell.paragraphs[0]
        q.paragraph_format.space_after = Pt(0)
        write(q, value, size=size + 3 if i == 0 else size)
        if i < 2:
            q.alignment = 1


def steps_table(doc, p: str = ""):
    """One table for every step, a band per phase; a box to tick and a column for the time.
    A long sheet (context ``serre``) gets the smaller step rows so the poster stays on one page."""
    from docx_kit import _row_flag, keep_with_table

    keep_with_table(doc)
    table = doc.add_table(rows=11, cols=6)
    styled(table, "Tableau PCA")
    for cell, label in zip(table.rows[0].cells, ["Fait", "N°", "Action", "Qui", "Quand", "Heure"]):
        write(cell.paragraphs[0], label, size=SMALL_PT + 0.5)
    table.rows[1].cells[0].text = f"{{%tr for g in {p}phases %}}"
    _merged_row(table, 2, "Phase {{ g.numero }} – {{ g.phase }}", STEP_PT, colour=BLUE)
    table.rows[3].cells[0].text = "{%tr for e in g.etapes %}"
    table.rows[4].cells[0].text = f"{{%tr if {p}serre %}}"
    _step_row(table.rows[5], DENSE_PT)
    table.rows[6].cells[0].text = "{%tr else %}"
    _step_row(table.rows[7], STEP_PT)
    table.rows[8].cells[0].text = "{%tr endif %}"
    table.rows[9].cells[0].text = "{%tr endfor %}"
    table.rows[10].cells[0].text = "{%tr endfor %}"
    _row_flag(table.rows[0], "w:tblHeader")
    for i in (2, 5, 7):
        _row_flag(table.rows[i], "w:cantSplit")
    widths(table, [10, 7, 97.5, 31.5, 31, 13])  # « Qui » holds « d'identitovigilance »
    return table


def call_first_block(doc, p: str = ""):
    """« À appeler en premier »: the ``call_first`` list (services relied on, off-network numbers)."""
    tag(doc, f"{{%p if {p}call_first %}}")
    para(doc, "À appeler en premier (numéros hors réseau)", style="Heading 2")
    loop_table(
        doc,
        ["Qui", "Pourquoi", "Joindre"],
        ["{{ c.qui }}", "{{ c.pourquoi }}", "{{ c.joindre }}"],
        f"c in {p}call_first",
        [50, 56, 84],
        size=SMALL_PT,
        header_size=SMALL_PT,
    )
    tag(doc, "{%p endif %}")


def poster_body(doc, p: str = "", new_page: bool = False):
    """The reflex poster: title, directory, steps, services to call first, the service's referents."""
    title = para(doc, "FICHE RÉFLEXE – PANNE INFORMATIQUE MAJEURE", bold=True, size=15, colour=RED)
    title.paragraph_format.space_after = Pt(0)
    title.paragraph_format.page_break_before = new_page
    title.paragraph_format.keep_with_next = True
    tag(doc, f"{{%p if {p}service.provisoire %}}")
    para(doc, f"{{{{ {p}service.provisoire }}}}", bold=True, size=12, colour=RED)
    tag(doc, "{%p endif %}")
    line = para(doc, f"{{{{ {p}service.nom }}}}", bold=True, size=15, colour=BLUE)
    write(line, f"  ·  astreinte informatique : {{{{ {p}astreinte_si }}}}", bold=True, size=11, colour=RED)
    line.paragraph_format.space_after = Pt(2)
    head = para(doc, "Annuaire de crise", style="Heading 2")
    write(head, f"  ·  cellule de crise : {{{{ {p}salle_crise }}}}", size=SMALL_PT + 0.5)
    directory_table(doc, p)
    para(doc, "Étapes – cochez chaque case et notez l'heure", style="Heading 2")
    tag(doc, f"{{%p if {p}phases %}}")
    steps_table(doc, p)
    tag(doc, "{%p else %}")
    para(
        doc,
        "Aucune étape n'est encore renseignée dans le classeur du service : fiche à compléter.",
        bold=True,
        colour=RED,
    )
    tag(doc, "{%p endif %}")
    call_first_block(doc, p)
    q = para(doc, "Référents PCA du service : ", bold=True, size=SMALL_PT + 1, colour=BLUE)
    q.paragraph_format.space_before = Pt(4)
    write(
        q,
        f"{{{{ {p}service.referents[0].nom }}}} – {{{{ {p}service.referents[0].telephone }}}} (médical) · "
        f"{{{{ {p}service.referents[1].nom }}}} – {{{{ {p}service.referents[1].telephone }}}} (paramédical)",
        size=SMALL_PT + 1,
    )


def poster_styles(doc) -> None:
    """Tighter headings for the poster pages (the poster must hold on one A4 page)."""
    heading = doc.styles["Heading 2"]
    heading.font.size = Pt(11)
    heading.paragraph_format.space_before = Pt(5)
    heading.paragraph_format.space_after = Pt(2)


def poster():
    """``fiche_reflexe.docx``: one A4 page to print and pin up."""
    doc = new_document("Fiche réflexe PCA – {{ service.nom }}", body_pt=SMALL_PT + 1, margin_mm=POSTER_MARGIN_MM)
    header_footer(doc, "Fiche réflexe – à imprimer et afficher", width=POSTER_WIDTH)
    poster_styles(doc)
    poster_body(doc)
    return doc


def log_sheet(doc, title: str = "Main courante", lines: str = "lignes"):
    """A blank log sheet: time, who, event or decision, action taken, initials."""
    para(doc, title, style="Title")
    para(doc, "Date : ……/……/………   Page : ……   Tenue par : ……………………………………………", size=11)
    loop_table(
        doc,
        ["Heure", "Émetteur", "Événement, information ou décision", "Suite donnée", "Visa"],
        ["", "", "", "", ""],
        f"_ in {lines}",
        [18, 32, 78, 46, 16],
        size=11,
        header_size=10,
    )
    from docx_kit import row_height

    row_height(doc.tables[-1].rows[2], 10)


def binder_extras(doc):
    """Off-network devices, telecom allocation, H+0…H+72 timeline, blank log sheet (service binder)."""
    portrait(doc, "Classeur de crise – moyens hors réseau et chronologie")
    para(doc, "Moyens qui fonctionnent hors réseau", style="Title")
    para(doc, "Équipements biomédicaux", style="Heading 1")
    tag(doc, "{%p if hors_reseau %}")
    loop_table(
        doc,
        ["Équipement", "Quantité", "Fonctionne hors réseau"],
        ["{{ b.equipement }}", "{{ b.quantite }}", "{{ b.hors_reseau }}"],
        "b in hors_reseau",
        [110, 30, 46],
        size=11,
        header_size=10,
        align=[None, "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun équipement biomédical recensé ne fonctionne hors réseau.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "Moyens de télécommunication attribués au service", style="Heading 1")
    tag(doc, "{%p if telecom %}")
    loop_table(
        doc,
        ["Moyen", "Quantité", "Usage"],
        ["{{ t.moyen }}", "{{ t.quantite }}", "{{ t.usage }}"],
        "t in telecom",
        [56, 24, 106],
        size=11,
        header_size=10,
        align=[None, "right", None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun besoin de télécommunication de secours recensé.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "Chronologie de la crise", style="Heading 1")
    para(
        doc,
        "Ce que la fiche réflexe prévoit à chaque échéance, et les applications dont l'arrêt n'est plus "
        "tolérable à cette échéance (colonne « Interruption tolérable » du classeur).",
        size=10,
        colour=GREY,
    )
    loop_table(
        doc,
        ["Échéance", "Actions prévues (qui)", "Applications à bout de tolérance"],
        [
            "{{ h.jalon }}",
            "{% for x in h.actions %}{{ x }}{% if not loop.last %}\n{% endif %}{% endfor %}",
            "{{ h.limites }}",
        ],
        "h in chronologie",
        [22, 110, 54],
        size=10,
        header_size=10,
    )


def documents_checklist(doc):
    """Documents with their readiness (``state``, ``checked_on``) as a checklist."""
    para(doc, "Documents à préparer", style="Title")
    para(
        doc,
        "{{ documents_prets }} document(s) sur {{ documents|length }} prêt(s) ou vérifié(s). ☑ = prêt ou vérifié.",
        size=12,
    )
    tag(doc, "{%p if documents %}")
    loop_table(
        doc,
        ["", "Document", "Type", "Qté", "Emplacement", "Responsable", "État"],
        [
            "{{ d.case }}",
            "{{ d.document }}",
            "{{ d.type }}",
            "{{ d.quantite }}",
            "{{ d.emplacement }}",
            "{{ d.responsable }}",
            "{{ d.etat }}",
        ],  # fmt: skip
        "d in documents",
        [9, 50, 24, 12, 37, 28, 26],
        size=10,
        header_size=9.5,
        align=["center", None, None, "right", None, None, None],
    )
    tag(doc, "{%p else %}")
    para(doc, "Aucun document recensé dans le classeur.", italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if prerequis %}")
    para(doc, "Autres prérequis cités par les parades", style="Heading 1")
    para(doc, "Ces prérequis ne figurent pas dans la liste des documents : à préparer aussi.", size=11)
    tag(doc, "{%p for x in prerequis %}")
    para(doc, "☐  {{ x }}", size=12)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def service_binder_sections(doc):
    """What the service binder adds after its process map (kept for build_docx_templates.binder)."""
    binder_extras(doc)
    doc.add_paragraph().paragraph_format.page_break_before = True
    documents_checklist(doc)
    doc.add_paragraph().paragraph_format.page_break_before = True
    log_sheet(doc)


__all__ = ["ALERT_FILL", "box", "landscape", "Mm", "poster", "poster_body", "service_binder_sections"]
