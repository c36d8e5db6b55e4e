"""The crisis cell's binder (``cellule_de_crise.docx``), one per establishment; used by
``build_docx_templates.py``. Context: :func:`pca_xlsx.documents.cell.cell_context`.

Printed before the crisis, read without IT: black text on white, no meaning carried by colour
alone, boxes to tick and columns to write the time. The five forms are one A4 page each.
"""

from __future__ import annotations

from docx.shared import Pt
from docx_crisis import POSTER_MARGIN_MM, POSTER_WIDTH, log_sheet, poster_body, poster_styles
from docx_kit import BLUE, GREY, RED, _cell_text, box, header_footer, loop_table, new_document, para, row_height, tag

SIZE = 9


def title(doc, text: str, new_page: bool = True):
    p = para(doc, text, style="Title")
    p.paragraph_format.page_break_before = new_page
    return p


def total_row(table, values: list[str], size: float = SIZE) -> None:
    """A bold last row (totals) after the loop's rows."""
    row = table.add_row()
    for cell, value in zip(row.cells, values):
        _cell_text(cell, value, bold=True, size=size, align="right" if value[:2] == "{{" else None)


def blank_lines(doc, label: str, lines: int, size: float = 10) -> None:
    para(doc, label, bold=True, size=size + 1, colour=BLUE).paragraph_format.space_after = Pt(2)
    for _ in range(lines):
        p = para(doc, "." * 150, size=size, colour=GREY)
        p.paragraph_format.space_after = Pt(4)


def cover(doc) -> None:
    p = para(doc, "CLASSEUR DE LA CELLULE DE CRISE", bold=True, size=26, colour=RED, align="center")
    p.paragraph_format.space_before = Pt(60)
    para(doc, "{{ etablissement }}", bold=True, size=20, colour=BLUE, align="center")
    para(doc, "Cyberattaque – panne informatique majeure", size=15, align="center")
    tag(doc, "{%p if not niveau_ght %}")
    para(doc, "Cellule de crise : {{ salle }}", bold=True, size=13, align="center")
    para(doc, "Téléphone de la cellule : {{ cellule_tel }}  ·  astreinte informatique : {{ astreinte_si }}",
         size=12, align="center")  # fmt: skip
    tag(doc, "{%p else %}")
    para(doc, "Classeur de coordination du GHT : chaque établissement a sa cellule et son classeur.", size=12,
         align="center")  # fmt: skip
    tag(doc, "{%p endif %}")
    para(
        doc,
        "1. Fiche réflexe de la cellule · 2. Notifications · 3. Annuaire de crise · 4. Ordre d'appel des services · "
        "5. Capacités en mode dégradé · 6. Distribution des moyens de secours · 7. Services supports · "
        "8. Formulaires à photocopier · 9. Fiches réflexes des services{% if niveau_ght %} : dans le classeur de "
        "chaque établissement{% else %} ({{ fiches|length }}), dans l'ordre d'appel{% endif %}",
        size=11,
        align="center",
    )
    para(doc, "Version du {{ date }} – à imprimer avant la crise", size=11, align="center", colour=GREY)


def reflex_sheet(doc) -> None:
    title(doc, "1. Fiche réflexe de la cellule de crise")
    box(
        doc,
        [
            "Activation",
            "Dès qu'un service signale une panne informatique majeure ou une attaque (rançongiciel, messages "
            "de rançon, écrans bloqués), l'astreinte informatique ({{ astreinte_si }}) prévient la direction de "
            "garde, qui ouvre la cellule.",
            "{% if niveau_ght %}Chaque établissement ouvre sa propre cellule ; le GHT coordonne.{% else %}"
            "Lieu : {{ salle }} – téléphone {{ cellule_tel }}.{% endif %}",
        ],
        size=SIZE + 1,
        width=190,
    )
    para(doc, "Rôles (noms et numéros de l'annuaire de crise)", style="Heading 2")
    loop_table(doc, ["Rôle", "Qui (hors réseau)", "Mission"], ["{{ r.role }}", "{{ r.qui }}", "{{ r.mission }}"],
               "r in roles", [38, 80, 72], size=SIZE, header_size=SIZE)  # fmt: skip
    para(doc, "Premières décisions (première heure)", style="Heading 2")
    loop_table(doc, ["Fait", "Décision", "Heure"], ["☐", "{{ d }}", ""], "d in decisions", [12, 160, 18], size=SIZE,
               header_size=SIZE, align=["center", None, None])  # fmt: skip
    para(doc, "Rythme des réunions", style="Heading 2").paragraph_format.page_break_before = True
    loop_table(doc, ["Échéance", "Ordre du jour", "Heure", "Tenue"], ["{{ h.echeance }}", "{{ h.objet }}", "", "☐"],
               "h in rythme", [18, 136, 20, 16], size=SIZE, header_size=SIZE,
               align=[None, None, None, "center"])  # fmt: skip
    p = para(doc, "Puis deux points de situation par jour, à {{ matin }} et à {{ soir }}, jusqu'à {{ jusqu_a }}"
             "{% if au_dela %}, jour où le plan de reprise du SI prévoit le retour des dernières applications "
             "({{ dernieres }}){% elif fin_reprise %} (le plan de reprise du SI prévoit le retour de la dernière "
             "application à {{ fin_reprise }} : {{ dernieres }}){% endif %} :", size=SIZE + 1, bold=True)  # fmt: skip
    p.paragraph_format.space_before = Pt(4)
    loop_table(doc, ["Jour", "{{ matin }}", "{{ soir }}", "Décision majeure du jour"] * 2,
               ["{{ j.a }}", "☐", "☐", "", "{{ j.b }}", "{% if j.b %}☐{% endif %}", "{% if j.b %}☐{% endif %}", ""],
               "j in jours", [13, 14, 14, 54] * 2, size=SIZE - 0.5, header_size=SIZE - 0.5,
               align=[None, "center", "center", None] * 2)  # fmt: skip
    para(doc, "Après {{ jusqu_a }} : la cellule reste ouverte tant que des services travaillent sur papier ou "
         "ressaisissent (document « Retour à la normale ») ; le directeur de crise fixe le rythme des points et "
         "décide de la levée de la cellule.", size=SIZE)  # fmt: skip


def notifications(doc) -> None:
    title(doc, "2. Notifications – qui prévenir, dans quel délai")
    para(doc, "Du plus urgent au moins urgent (colonne « Délai » des contacts externes du référentiel). "
         "Cochez et notez l'heure de chaque appel.", size=SIZE + 1)  # fmt: skip
    tag(doc, "{%p if notifications %}")
    loop_table(
        doc,
        ["Fait", "Organisme", "Objet", "Téléphone", "E-mail", "Délai", "Heure", "Par"],
        ["☐", "{{ n.organisme }}{% if n.etablissement %} ({{ n.etablissement }}){% endif %}", "{{ n.objet }}",
         "{{ n.telephone }}", "{{ n.email }}", "{{ n.delai }}", "", ""],
        "n in notifications",
        [9, 24, 39, 24, 40, 24, 14, 16],  # an e-mail address, « déclenchement » on one line
        size=SIZE - 0.5,
        header_size=SIZE - 0.5,
        align=["center"] + [None] * 7,
    )  # fmt: skip
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if a_ajouter %}")
    para(doc, "À AJOUTER à la feuille « Contacts externes » du référentiel : {{ a_ajouter|join(', ') }}.", bold=True,
         colour=RED, size=SIZE + 1)  # fmt: skip
    tag(doc, "{%p endif %}")
    para(doc, "Rappels", style="Heading 2")
    for line in (
        "CNIL : notification de la violation de données personnelles dans les 72 heures après en avoir eu connaissance.",
        "CERT Santé : déclaration obligatoire de l'incident de sécurité des systèmes d'information.",
        "Plainte : conserver les preuves (ne pas éteindre ni réinstaller les postes touchés sans l'avis de la DSN).",
        "SAMU : le prévenir pour dérouter les urgences si les services vitaux ne suivent plus.",
    ):
        para(doc, f"☐  {line}", size=SIZE + 1)


def directory(doc) -> None:
    title(doc, "3. Annuaire de crise")
    para(doc, "Lieu de la cellule : {{ salle }}", bold=True, size=SIZE + 2)
    tag(doc, "{%p if annuaire %}")
    loop_table(
        doc,
        ["Fonction", "Nom", "Téléphone hors réseau", "Suppléant", "Tél. suppléant", "Radio", "Lieu", "Étab."],
        ["{{ a.fonction }}", "{{ a.nom }}", "{{ a.telephone }}", "{{ a.suppleant }}", "{{ a.tel_suppleant }}",
         "{{ a.radio }}", "{{ a.lieu }}", "{{ a.etablissement }}"],
        "a in annuaire",
        [27, 28, 25, 28, 25, 12, 30, 15],
        size=SIZE - 0.5,
        header_size=SIZE - 0.5,
    )  # fmt: skip
    tag(doc, "{%p else %}")
    para(doc, "Annuaire de crise non renseigné dans le référentiel : notez ici la cellule et les astreintes.",
         bold=True, colour=RED)  # fmt: skip
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if cellules %}")
    para(doc, "Cellules de crise des établissements", style="Heading 2")
    loop_table(doc, ["Établissement", "Cellule", "Téléphone", "Lieu"],
               ["{{ c.etablissement }}", "{{ c.nom }}", "{{ c.telephone }}", "{{ c.lieu }}"], "c in cellules",
               [28, 62, 30, 70], size=SIZE, header_size=SIZE)  # fmt: skip
    tag(doc, "{%p endif %}")


def call_order(doc) -> None:
    title(doc, "4. Ordre d'appel des services")
    para(doc, "D'abord les services dont des vies dépendent, puis ceux qui tiennent le moins longtemps sans leurs "
         "applications. Appelez le téléphone de garde ; à défaut, les référents.", size=SIZE + 1)  # fmt: skip
    tag(doc, "{%p if sans_garde %}")
    para(doc, "{{ sans_garde }} service(s) sans téléphone de garde : la nuit, appelez la direction de garde.",
         bold=True, colour=RED, size=SIZE + 1)  # fmt: skip
    tag(doc, "{%p endif %}")
    loop_table(
        doc,
        ["N°", "Service", "Téléphone de garde", "Pourquoi", "Référents (suppléants)", "Joint à"],
        ["{{ a.rang }}", "{{ a.nom }} ({{ a.code }})", "{{ a.garde }}", "{{ a.pourquoi }}",
         "{{ a.referents }}\n({{ a.suppleants }})", ""],
        "a in appels",
        [10, 34, 24, 60, 48, 14],
        size=SIZE - 0.5,
        header_size=SIZE - 0.5,
        align=["center", None, None, None, None, None],
    )  # fmt: skip


def capacities(doc) -> None:
    title(doc, "5. Capacités en mode dégradé")
    para(doc, "Lits maintenus = lits nominaux × ambition de continuité, arrondi à l'inférieur ; à transférer ou "
         "faire sortir = lits nominaux − lits maintenus. Services sans capacité nominale en lits : "
         "{{ lits.sans }} (non comptés).", size=SIZE)  # fmt: skip
    table = loop_table(
        doc,
        ["Service", "Lits nominaux", "Ambition", "Lits maintenus", "À transférer ou faire sortir",
         "Capacité d'accueil en défaillance majeure"],
        ["{{ c.nom }} ({{ c.code }})", "{{ c.nominale }}", "{{ c.ambition }}", "{{ c.maintenus }}",
         "{{ c.transferer }}", "{{ c.degradee }}"],
        "c in capacites",
        [46, 18, 17, 19, 22, 68],
        size=SIZE - 0.5,
        header_size=SIZE - 0.5,
        align=[None, "right", "right", "right", "right", None],
    )  # fmt: skip
    total_row(table, ["Total", "{{ lits.nominale }}", "", "{{ lits.maintenus }}", "{{ lits.transferer }}", ""])


def telecom(doc) -> None:
    title(doc, "6. Distribution des moyens de secours")
    para(doc, "Remis par : {{ remis_par }}", bold=True, size=SIZE + 1)
    para(doc, "Besoins de chaque service (feuille « Télécom » de son classeur), servis dans l'ordre d'appel ; "
         "« Couvert » dit si le stock détenu (« Moyens de secours ») suffit encore une fois les services "
         "précédents servis. Dans un GHT, le stock d'un établissement est le sien plus sa part du stock "
         "partagé (au prorata des besoins) ; celui du GHT est la somme des établissements.", size=SIZE)  # fmt: skip
    d = "distribution"
    table = loop_table(
        doc,
        ["N°", "Service", "Mobiles", "Radios", "Satellites", "PC hors réseau", "Imprimantes", "Couvert",
         "Remis le, à (signature)"],
        ["{{ t.rang }}", "{{ t.nom }} ({{ t.code }})", "{{ t.mobiles }}", "{{ t.radios }}", "{{ t.satellites }}",
         "{{ t.pc }}", "{{ t.imprimantes }}", "{{ t.couvert }}", ""],
        f"t in {d}.lignes",
        [8, 34, 15, 13.5, 18, 16, 21.5, 34, 30],
        size=SIZE - 0.5,
        header_size=SIZE - 0.5,
        align=["center", None, "right", "right", "right", "right", "right", None, None],
    )  # fmt: skip
    keys = ("mobiles", "radios", "satellites", "pc", "imprimantes")
    for label, part in (("Total des besoins", "total"), ("Stock détenu", "stock"), ("Stock − besoins", "ecart")):
        total_row(table, ["", label] + [f"{{{{ {d}.{part}.{k} }}}}" for k in keys] + ["", ""], SIZE - 0.5)


def supports(doc) -> None:
    tag(doc, "{%p if supports %}")
    title(doc, "7. Services supports en mode dégradé")
    loop_table(doc, ["Service", "Organisation en mode dégradé"], ["{{ s.nom }}", "{{ s.organisation }}"],
               "s in supports", [50, 140], size=SIZE, header_size=SIZE)  # fmt: skip
    tag(doc, "{%p endif %}")


def form_header(doc, name: str) -> None:
    title(doc, name)
    para(doc, "{{ etablissement }} – cellule de crise{% if not niveau_ght %} : {{ salle }}{% endif %}", size=10)
    para(doc, "Date : ……/……/…………   Heure : ……h……   Rédigé par : ……………………………………   Page : ……", size=10)


def forms(doc) -> None:
    form_header(doc, "Formulaire – Point de situation")
    para(doc, "Point n° ……   Prochain point prévu à ……h……   (rythme : H+0, H+2, H+6, H+12, H+24, puis 8 h 30 et 18 h)",
         size=10)  # fmt: skip
    for label, lines in (
        ("Situation : faits nouveaux depuis le dernier point", 5),
        ("Systèmes : ce qui est arrêté, isolé, rétabli (avis de l'astreinte informatique)", 4),
        ("Services en difficulté (ordre d'appel), lits et transferts", 4),
        ("Notifications faites ou en attente (ARS, CERT Santé, CNIL 72 h, plainte, assureur)", 3),
        ("Décisions prises (qui, pour quand)", 5),
        ("Communication : personnel, patients, presse", 3),
    ):
        blank_lines(doc, label, lines)
    form_header(doc, "Formulaire – État des lits par service")
    loop_table(
        doc,
        ["Service", "Lits nominaux", "Lits maintenus", "Occupés", "Libres", "Sorties possibles", "À transférer",
         "Heure"],
        ["{{ c.nom }} ({{ c.code }})", "{{ c.nominale }}", "{{ c.maintenus }}", "", "", "", "", ""],
        "c in capacites",
        [57, 18, 19, 18, 18, 20, 20, 20],
        size=SIZE - 0.5,
        header_size=SIZE - 0.5,
        align=[None, "right", "right", None, None, None, None, None],
    )  # fmt: skip
    form_header(doc, "Formulaire – Transferts de patients")
    para(doc, "Établissements partenaires : {{ partenaires }}", size=10)
    table = loop_table(
        doc,
        ["Heure", "N° provisoire ou identité", "Service d'origine", "Destination", "Moyen (SAMU, ambulance)",
         "Accompagnant", "Dossier papier joint"],
        ["", "", "", "", "", "", "☐"],
        "_ in lignes_transferts",
        [16, 40, 26, 32, 26, 28, 22],
        size=10,
        header_size=SIZE,
        align=[None] * 6 + ["center"],
    )  # fmt: skip
    row_height(table.rows[2], 11)
    form_header(doc, "Formulaire – Identités provisoires")
    para(doc, "Identitovigilance sans informatique : chaque patient admis reçoit un numéro provisoire formé "
         "du code de l'établissement, de la lettre de la feuille et du n° de ligne (ex. : "
         "{{ code_etablissement or 'ETAB' }}-B-07). Lettre de cette feuille : ……   Une seule feuille par lettre ; "
         "rapprocher chaque numéro de l'identifiant définitif (IPP) au retour de l'informatique.", size=9.5)  # fmt: skip
    table = loop_table(
        doc,
        ["N°", "Nom de naissance", "Prénom", "Date de naissance", "Sexe", "Service", "Heure", "Pièce vue",
         "IPP au retour"],
        ["{{ n }}", "", "", "", "", "", "", "☐", ""],
        "n in lignes_identites",
        [10, 34, 28, 24, 12, 26, 14, 16, 26],
        size=10,
        header_size=SIZE - 0.5,
        align=["center"] + [None] * 6 + ["center", None],
    )  # fmt: skip
    row_height(table.rows[2], 9)
    doc.add_paragraph().paragraph_format.page_break_before = True
    log_sheet(doc)


def cell_binder():
    """``cellule_de_crise.docx``: the crisis cell's binder of one establishment (or the GHT's coordination)."""
    doc = new_document("Classeur de la cellule de crise", body_pt=10, margin_mm=POSTER_MARGIN_MM)
    header_footer(doc, "Classeur de la cellule de crise – à imprimer avant la crise", width=POSTER_WIDTH)
    poster_styles(doc)
    cover(doc)
    reflex_sheet(doc)
    notifications(doc)
    directory(doc)
    call_order(doc)
    capacities(doc)
    telecom(doc)
    supports(doc)
    forms(doc)
    tag(doc, "{%p if niveau_ght %}")
    title(doc, "9. Fiches réflexes des services")
    para(doc, "Elles sont dans le classeur de chaque établissement, avec sa cellule de crise.", size=12)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for f in fiches %}")
    poster_body(doc, "f.", new_page=True)
    tag(doc, "{%p endfor %}")
    return doc
