"""The sheets of the consolidated workbook, in order. Layout only; the writer's helpers (widths,
row heights, print setup) are in :mod:`pca_xlsx.write.layout`."""

from __future__ import annotations

from typing import Any

import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell

from ..consolidate.common import DETAIL_SHEETS, SUMMARISED
from ..consolidate.figures import COVERAGE_RULE, euros
from ..consolidate.gaps import GAP_TYPES
from ..consolidate.interfaces import describe_loops
from ..consolidate.ranking import SEVERITY_RULE
from ..consolidate.vital import PROTECTED_RULE
from ..core.values import MAX_LISTED, listing, percent, xml_safe
from ..core.words import counted
from ..format import MATURITY_FORMULA
from ..format.fields import F
from ..format.output import Field
from ..format.tables import TABLES
from ..format.vocabulary import CRITICAL, RECEIVED_UNREADABLE, STRONG, TO_CHECK
from . import dashboard_sheets
from .extras_sheet import complements
from .layout import Writer
from .outage_sheet import outage
from .programme_sheet import programme
from .progression_sheet import progression
from .readme import row_height
from .reconcile_sheet import reconciliation
from .recovery_sheet import recovery
from .vital_sheet import vital_register

MATRIX_WIDTH = 11  # a resource or service column of a matrix: fits « Critique », « Modérée »
TOP_DEVICES = 10


def write_all(w: Writer, c) -> None:
    w.ght = c.establishments is not None and len(c.establishments) > 0  # a GHT's own workbook
    synthesis(w, c)
    vital_register(w, c)
    dashboard_sheets.national(w, c)
    dashboard_sheets.ght(w, c)
    progression(w, c)
    detail(w, c, "processus")
    detail(w, c, "applications")
    dependencies(w, c)
    interfaces(w, c)
    scenarios(w, c)
    recovery(w, c)
    outage(w, c)
    procurement(w, c, "telecom")
    procurement(w, c, "biomedical")
    procurement(w, c, "documents")
    detail(w, c, "fiche_reflexe")
    detail(w, c, "exercices")
    programme(w, c)
    gaps(w, c)
    action_plan(w, c)
    evolutions(w, c)
    complements(w, c)
    control(w, c)


CHART_MAX_SERVICES = 60  # beyond this, the charts show pôles instead of services
CHART_ROWS = 16  # rows the charts take (300 px)


def key_figures(c) -> list[tuple[str, Any]]:
    """The headline, as (French label, value) lines (every figure from ``c.headline``)."""
    h = c.headline

    lines = [
        ("Services du référentiel", h["services"]),
        ("Classeurs reçus", h["received"]),
        ("Lignes de processus", h["processes"]),
        ("Couverture des parades (parade « Définie » ou « Testée »)", percent(h["coverage"])),
        ("Parades testées", percent(h["tested"])),
        ("Processus vitaux non protégés (feuille Processus vitaux)", h["vital_unprotected"]),
        ("Processus vitaux à parade définie à tester en priorité", h["vital_to_test"]),
        ("Score de maturité moyen (sur 100)", "—" if h["maturity"] is None else str(h["maturity"]).replace(".", ",")),
        ("Écarts à traiter (un par processus, feuille Écarts)", h["gaps"]),
        ("dont écarts de gravité critique", h["critical_gaps"]),
        ("Moyens de télécommunication à acheter (feuille Télécom)", euros(h["budget"])),
        ("Exercices en retard / en échec", f"{h['overdue_exercises']} / {h['failed_exercises']}"),
        ("Revues de classeur dépassées", h["stale_reviews"]),
        ("Actions en retard (feuille Plan d'actions)", h["late_actions"]),
        ("Erreurs / avertissements de validation", f"{h['errors']} / {h['warnings']}"),
    ]
    for i in range(3):
        name = f"Point unique de défaillance n° {i + 1}"
        if i < len(h.spof):
            resource, critical, strong = h.spof[i]
            lines.append((name, f"{resource} : {critical} service(s) en dépendance critique, {strong} forte"))
        elif i == 0:
            lines.append((name, "aucune dépendance critique ou forte déclarée"))
    lines.append(("Contrôle des comptes", "OK" if h.control_ok else "ERREUR DE L'OUTIL : voir la feuille Contrôle"))
    lines.append(("Évolutions", c.evolutions_note))
    return lines


#: Characters across the key figures' labels (columns A and B merged: a service code's and its name's widths).
KEY_LABEL_WIDTH = 40


def synthesis(w: Writer, c) -> None:
    """Key figures, charts, then the tables per pôle (key figures, the pôle dashboards'), then per service."""
    ws = w.sheet("Synthèse", charts=True)
    h = c.headline
    row = w.heading(
        ws, 0, f"Plan de continuité d'activité — {c.establishment}",
        f"Tableau de bord de la consolidation du {c.generated:%d/%m/%Y à %H:%M} "
        f"({counted(int(h.received), 'classeur reçu', 'classeurs reçus')} pour {counted(int(h.services), 'service')} "
        "du référentiel) : chiffres clés, graphiques, puis une ligne par pôle et "
        "une par service.",
    )  # fmt: skip
    for text, value in key_figures(c):
        ws.merge_range(row, 0, row, 1, text, w.fmt.label)
        w.height(ws, row, row_height(text, KEY_LABEL_WIDTH))  # a merged cell's wrapped label: no row fits it
        fmt = w.alert if text == "Contrôle des comptes" and not h.control_ok else w.big
        if isinstance(value, str):
            ws.write_string(row, 2, xml_safe(value), fmt)  # overflows to the right
        else:
            ws.write_number(row, 2, value, fmt)
        row += 1
    ws.write_string(row + 1, 0, MATURITY_FORMULA + ".", w.note)
    ws.write_string(row + 3, 0, PROTECTED_RULE, w.note)
    ws.write_string(
        row + 2, 0,
        COVERAGE_RULE + " Testée : statut « Testée ». Les pourcentages sont calculés sur les lignes de processus "
        "du service ou du pôle.",
        w.note,
    )  # fmt: skip
    chart_top = row + 5
    pole_top = chart_top + CHART_ROWS + 1
    ws.write_string(pole_top - 1, 0, "Par pôle", w.fmt.subtitle)
    end = w.table(ws, pole_top, c.poles, TABLES["synthese_poles"])
    service_top = dashboard_sheets.board_block(w, ws, c, end) + 1
    ws.write_string(service_top - 1, 0, "Par service", w.fmt.subtitle)
    # last: its header row repeats on every printed page (Writer._print), above its own rows only
    w.table(ws, service_top, shown_synthesis(c.synthesis), TABLES["synthese_services"])
    charts(w, ws, c, chart_top, pole_top, service_top)


def shown_synthesis(synthesis):
    """The services as the Synthèse shows them: a service whose workbook's identity is disputed is
    « À vérifier », one whose workbook cannot be read « Illisible », rather than « Non » received."""
    marks = [(key, label) for key, label in (("checking", TO_CHECK), ("unreadable", RECEIVED_UNREADABLE))
             if key in synthesis and synthesis[key].astype(bool).any()]  # fmt: skip
    if not marks:
        return synthesis
    out = synthesis.copy()
    out["received"] = out["received"].astype(object)
    for key, label in marks:
        out["received"] = out["received"].where(~out[key].astype(bool), label)
    return out


def charts(w: Writer, ws, c, row: int, pole_top: int, service_top: int) -> None:
    """Maturity, and workaround coverage, per service (per pôle when there are too many services)."""
    if len(c.synthesis) <= CHART_MAX_SERVICES:
        n, top, table, what = len(c.synthesis), service_top, w.laid_out(TABLES["synthese_services"]), "service"
    else:
        n, top, table, what = len(c.poles), pole_top, w.laid_out(TABLES["synthese_poles"]), "pôle"
    if n == 0:
        return
    first, last = top + 1, top + n
    mat, cover, tested = (table.index(k) for k in ("maturity", "with_workaround_pct", "tested_pct"))
    label = table.index("code" if what == "service" else "pole")
    categories = ["Synthèse", first, label, last, label]
    maturity = w.wb.add_chart({"type": "column"})
    maturity.add_series(
        {
            "name": "Score de maturité",
            "categories": categories,
            "values": ["Synthèse", first, mat, last, mat],
            "fill": {"color": "#1F4E79"},
        }
    )
    maturity.set_title({"name": f"Maturité par {what} (sur 100)"})
    maturity.set_y_axis({"min": 0, "max": 100})
    maturity.set_legend({"none": True})
    maturity.set_size({"width": 620, "height": 300})
    coverage = w.wb.add_chart({"type": "column"})
    for col, label_, color in (
        (cover, table.field("with_workaround_pct").title, "#2E75B6"),
        (tested, table.field("tested_pct").title, "#70AD47"),
    ):
        coverage.add_series(
            {"name": label_, "categories": categories, "values": ["Synthèse", first, col, last, col],
             "fill": {"color": color}}
        )  # fmt: skip
    coverage.set_title({"name": f"Couverture des parades par {what} (%)"})
    coverage.set_y_axis({"min": 0, "max": 100})
    coverage.set_legend({"position": "bottom"})
    coverage.set_size({"width": 620, "height": 300})
    ws.insert_chart(row, 0, maturity)
    ws.insert_chart(row, 0, coverage, {"x_offset": 640})


def dependencies(w: Writer, c) -> None:
    ws = w.sheet("Dépendances")
    row = w.heading(
        ws, 0, "Dépendances aux ressources : points uniques de défaillance",
        "Pour chaque ressource, le nombre de services qui en dépendent de façon critique ou forte (feuille "
        "Applications des classeurs), les plus partagées d'abord : ce sont les points uniques de défaillance. "
        "Dessous, la matrice service × ressource.",
    )  # fmt: skip
    spof = c.spof.assign(critical_services=[listing(s, most=MAX_LISTED) for s in c.spof["critical_services"]])
    row = w.table(ws, row, spof, TABLES["points_de_defaillance"])
    if len(spof):  # bars: the single points of failure stand out at a glance
        first, last = row - 1 - len(spof), row - 2
        for col, color in ((2, "#C00000"), (3, "#ED7D31")):
            ws.conditional_format(first, col, last, col, {"type": "data_bar", "bar_color": color, "bar_solid": True})
    ws.write_string(row, 0, "Matrice service × ressource : niveau de dépendance déclaré", w.fmt.subtitle)
    matrix = c.dependencies
    table = TABLES["matrice_dependances"]
    resources = [k for k in matrix.columns if k not in table.keys]
    table = table.with_fields([Field(k, str(k), width=MATRIX_WIDTH) for k in resources])
    top = row + 1
    w.table(ws, top, matrix, table)
    if len(matrix) and resources:
        area = (top + 1, 3, top + len(matrix), len(table.keys) - 1)
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": f'"{CRITICAL}"', "format": w.red})
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": f'"{STRONG}"', "format": w.orange})


def interfaces(w: Writer, c) -> None:
    """Order of the working groups with reasons, loops, coordination gaps, then who relies on whom
    (a list of reliances, never a services × services matrix: 1,000 × 1,000 in a GHT). The three
    tables share their columns: short codes first, a name in C, the long text in H (80 wide)."""
    ws = w.sheet("Interfaces")
    row = w.heading(
        ws, 0, "Qui compte sur qui, coordinations à organiser et ordre des groupes de travail", c.order_rule
    )
    ws.write_string(row, 0, "Ordre suggéré des groupes de travail, avec la raison de chaque rang", w.fmt.subtitle)
    row = w.table(ws, row + 1, c.order_table, TABLES["ordre_groupes"])
    ws.write_string(row, 0, "Boucles : services qui comptent l'un sur l'autre, dans les deux sens", w.fmt.subtitle)
    loops = describe_loops(getattr(c, "loops", None) or [], c.interfaces)
    for i, sentence in enumerate(loops, row + 1):
        ws.write_string(i, 0, xml_safe(sentence), w.note)
    if not loops:
        ws.write_string(
            row + 1, 0, "Aucune boucle : aucun service ne compte sur un service qui compte sur lui.", w.note
        )
    row += max(len(loops), 1) + 2
    ws.write_string(row, 0, "Coordinations à organiser (aussi dans la feuille « Écarts »)", w.fmt.subtitle)
    table = TABLES["coordinations"]
    coordination = getattr(c, "coordination", None)
    if not isinstance(coordination, pd.DataFrame):
        coordination = table.empty()
    row = w.table(ws, row + 1, coordination, table)
    ws.write_string(row, 0, "Qui compte sur qui : une ligne par service et service sollicité", w.fmt.subtitle)
    w.table(ws, row + 1, c.interfaces, TABLES["liste_interfaces"])


def scenarios(w: Writer, c) -> None:
    ws = w.sheet("Scénarios")
    row = w.heading(
        ws, 0, "Ce que chaque scénario met à l'arrêt",
        "Pour chaque scénario du référentiel (« Toutes » = toutes les ressources) : lignes de processus touchées, "
        "sans parade, à parade « À construire », à parade définie mais non encore testée. Puis les processus vitaux sans parade, et le détail par "
        "service (ceux qui ont des processus vitaux sans parade d'abord).",
    )  # fmt: skip
    row = w.table(ws, row, c.scenario_summary, TABLES["scenarios_resume"])
    ws.write_string(row, 0, "Processus vitaux sans parade, par scénario", w.fmt.subtitle)
    row = w.table(ws, row + 1, c.scenario_vital, TABLES["scenarios_vitaux"])
    ws.write_string(row, 0, "Par scénario et par service", w.fmt.subtitle)
    w.table(ws, row + 1, c.scenarios, TABLES["scenarios_services"])


PROCUREMENT = {
    "telecom": "Moyens de télécommunication : besoins des services",
    "biomedical": "Équipements biomédicaux selon leur fonctionnement hors réseau (quantités)",
    "documents": "Documents papier prévus par les services (« Quantité à prévoir », toutes lignes, prêtes ou non)",
}


def procurement(w: Writer, c, key: str) -> None:
    """Totals to procure (hospital-wide and per pôle, non-zero rows) above the detailed rows."""
    ws = w.sheet(DETAIL_SHEETS[key])
    by = c.procurement_columns  # « Pôle », or « Établissement » in a GHT's workbook
    levels = ("établissement", "pôle") if by == "Pôle" else ("GHT", "établissement")
    if key == "telecom":
        row = telecom_budget(w, ws, c)
        ws.write_string(row, 0, f"Besoins des services, total {levels[0]} et par {levels[1]}", w.fmt.subtitle)
        row += 1
    else:
        row = w.heading(
            ws, 0, f"{PROCUREMENT[key]} — total {levels[0]} et par {levels[1]}",
            f"Sommes des lignes des services ({levels[0]}, {levels[1]}s), puis toutes leurs lignes (filtrables).",
        )  # fmt: skip
    totals = c.procurement[key]
    shown = totals[totals["total"] != 0].reset_index()
    table = TABLES[f"totaux_{key}"]
    if key != "telecom" and by != "Pôle":
        table = table.retitled("total", "Total GHT")
    table = table.with_fields([F(p, f"{by} {p}", "number") for p in totals.columns[1:]])
    end = w.table(ws, row, shown, table)
    if key == "biomedical":
        devices = c.procurement["biomedical_devices"].head(TOP_DEVICES)
        left = len(table.keys) + 1
        ws.write_string(row - 1, left, f"Équipements ne fonctionnant pas hors réseau (les {TOP_DEVICES} premiers)",
                        w.fmt.subtitle)  # fmt: skip
        end = max(end, w.table(ws, row, devices, TABLES["equipements_hors_reseau"], left=left))
    ws.write_string(end, 0, "Toutes les lignes des services", w.fmt.subtitle)
    detail(w, c, key, ws=ws, top=end + 1)


def telecom_budget(w: Writer, ws, c) -> int:
    """Needs against the referential's stock: what to buy and its cost. Returns the next free row."""
    budget = c.procurement.get("telecom_budget")
    total = euros(c.headline["budget"])
    row = w.heading(
        ws, 0, f"Moyens de télécommunication de secours : à acheter pour {total}",
        "Besoin des services : somme des lignes de la feuille Télécom de leurs classeurs. Stock détenu et coût "
        f"unitaire : feuille « Moyens de secours » du référentiel. {c.buy_rule} ; "
        "coût = à acheter × coût unitaire (vide si le coût unitaire n'est pas renseigné)."
        + (f" {c.stock_rule}" if getattr(c, "stock_rule", "") else ""),
    )  # fmt: skip
    table = TABLES["budget_telecom"]
    return w.table(ws, row, budget if budget is not None else table.empty(), table)


def gaps(w: Writer, c) -> None:
    ws = w.sheet("Écarts")
    before = sum(c.gap_counts_before.values())
    row = w.heading(
        ws, 0, f"Écarts à traiter : {len(c.gaps)}",
        "Ce qui manque encore au plan, le plus grave d'abord. Un processus ne compte qu'une fois : ses autres "
        f"manques sont cités dans le détail ({before} constats regroupés en {len(c.gaps)} écarts). " + SEVERITY_RULE
        + " Responsable, échéance et statut viennent de la feuille « Plan d'actions » du service quand une action "
        "y cite le N° du processus ou la date de l'exercice.",
    )  # fmt: skip
    counts = pd.DataFrame(
        {
            "type": list(GAP_TYPES),
            "n": [c.gap_counts.get(t, 0) for t in GAP_TYPES],
            "before": [c.gap_counts_before.get(t, 0) for t in GAP_TYPES],
        }
    )
    row = w.table(ws, row, counts, TABLES["ecarts_par_type"])
    ws.write_string(row, 0, "Liste des écarts, les plus graves d'abord", w.fmt.subtitle)
    # the service's name is not repeated on every row: the code and the Synthèse give it
    w.table(ws, row + 1, c.gaps, TABLES["ecarts"])


def action_plan(w: Writer, c) -> None:
    ws = w.sheet(SUMMARISED["plan_actions"])
    plan = c.actions
    late = int((plan["late"] != "").sum()) if len(plan) else 0
    row = w.heading(
        ws, 0, f"Plan d'actions : {len(plan)} action(s), dont {late} en retard",
        "Les actions des feuilles « Plan d'actions » des services et les actions correctives des exercices qu'aucune "
        "action ne reprend encore (origine Exercice, sans responsable). En retard : échéance passée et statut autre "
        "que « Fait ». Les actions en retard d'abord, puis par échéance.",
    )  # fmt: skip
    w.table(ws, row, plan, TABLES["plan_actions"])
    ws.freeze_panes(row + 1, 0)


def evolutions(w: Writer, c) -> None:
    ws = w.sheet("Évolutions")
    row = w.heading(ws, 0, "Évolutions depuis la consolidation précédente", c.evolutions_note)
    w.table(ws, row, c.evolutions, TABLES["evolutions"])
    ws.freeze_panes(row + 1, 0)


def control(w: Writer, c) -> None:
    ws = w.sheet("Contrôle")
    ctl = c.control
    read, kept, rejected = (int(ctl[k].sum()) if len(ctl) else 0 for k in ("read", "consolidated", "rejected"))
    verdict = (
        "Les comptes s'additionnent : rien n'est perdu."
        if c.control_ok and read == kept + rejected
        else "ERREUR DE L'OUTIL : les comptes ne s'additionnent pas (voir la colonne Statut) — signalez-le."
    )
    row = w.heading(
        ws, 0, "Contrôle : lignes lues = lignes consolidées + lignes rejetées",
        f"Total : {read} lignes lues = {kept} consolidées + {rejected} rejetées. {verdict} Les lignes des "
        "classeurs en erreur sont consolidées et signalées ; une ligne rejetée figure dans le rapport de validation. "
        "Le contenu hors modèle (colonne ou feuille en plus) est compté en cellules.",
    )  # fmt: skip
    if not c.control_ok:
        ws.write_string(row, 0, verdict, w.alert)  # below the heading's note, however many lines it has
        row += 2
    last = w.table(ws, row, ctl, TABLES["controle"])
    total = last - 1
    ws.write_string(total, 0, "Total", w.fmt.bold)
    for col in (3, 4, 5):
        first, end = xl_rowcol_to_cell(row + 1, col), xl_rowcol_to_cell(total - 1, col)
        value = (read, kept, rejected)[col - 3]
        ws.write_formula(total, col, f"=SUM({first}:{end})", w.fmt.bold, value)
    ws.freeze_panes(row + 1, 0)
    reconciliation(w, ws, c, last + 2)


def detail(w: Writer, c, key: str, ws=None, top: int = 0) -> int:
    """Every row of every service for one sheet type, as one Excel table with a frozen header."""
    ws = ws or w.sheet(DETAIL_SHEETS[key])
    df = c.details[key]
    expected = int(c.control.loc[c.control["key"] == key, "consolidated"].sum()) if len(c.control) else len(df)
    if len(df) != expected:
        raise RuntimeError(f"Contrôle : {len(df)} lignes écrites dans « {ws.name} » pour {expected} consolidées")
    nxt = w.table(ws, top, df, TABLES[key])
    ws.freeze_panes(top + 1, 2)
    return nxt
