"""The analysis sheets of the consolidated workbook (dependencies, interfaces, scenarios, totals,
gaps, changes, control). Layout only; see :mod:`pca_xlsx.write.consolidated`."""

from __future__ import annotations

import pandas as pd
from xlsxwriter.utility import xl_rowcol_to_cell

from ..consolidate.common import DETAIL_SHEETS
from ..consolidate.gaps import GAP_TYPES
from ..consolidate.labels import label
from .atomic import xml_safe
from .consolidated import TOP_DEVICES, Writer, _detail


def dependencies(w: Writer, c) -> None:
    ws = w.sheet("Dépendances")
    row = w.heading(
        ws, 0, "Dépendances aux ressources",
        "Les ressources sont classées par nombre de services qui en dépendent de façon critique, puis forte "
        "(feuille Applications des classeurs) : les premières sont les points uniques de défaillance du plan.",
    )  # fmt: skip
    keys = ["resource", "category", "critical", "strong", "critical_or_strong", "critical_services"]
    headers = [label(k) for k in keys]
    headers[1] = "Catégorie de ressource"
    row = w.table(ws, row, c.spof, keys, headers, title="Points_de_defaillance", widths=False)
    for col, width in enumerate((24, 22, 16, 16, 14, 60)):
        ws.set_column(col, col, width)
    ws.write_string(row, 0, "Matrice service × ressource : niveau de dépendance déclaré", w.fmt.subtitle)
    matrix = c.dependencies
    keys = list(matrix.columns)
    headers = [label(k) if k in ("code", "name", "pole_name") else str(k) for k in keys]
    top = row + 1
    w.table(ws, top, matrix, keys, headers, title="Matrice_dependances", widths=False)
    if len(matrix) and len(keys) > 3:
        area = (top + 1, 3, top + len(matrix), len(keys) - 1)
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": '"Critique"', "format": w.red})
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": '"Forte"', "format": w.orange})


def interfaces(w: Writer, c) -> None:
    ws = w.sheet("Interfaces")
    row = w.heading(ws, 0, "Interfaces entre services et ordre des groupes de travail", c.order_rule)
    ws.write_string(row, 0, "Ordre suggéré des groupes de travail", w.fmt.subtitle)
    keys = ["rank", "code", "name", "category", "dependents", "depended_by", "depends_on", "cycle"]
    row = w.table(ws, row + 1, c.order_table, keys, title="Ordre_groupes", widths=False)
    for col, width in enumerate((8, 12, 32, 12, 16, 40, 40, 30)):
        ws.set_column(col, col, width)
    ws.write_string(row, 0, "Qui dépend de qui (colonne « Services en interface » des processus)", w.fmt.subtitle)
    keys = ["code", "name", "depends_on", "depends_on_name", "rows", "numbers", "known"]
    row = w.table(ws, row + 1, c.interfaces, keys, title="Liste_interfaces", widths=False)
    ws.write_string(row, 0, "Services qui dépendent de chaque service", w.fmt.subtitle)
    by = pd.DataFrame(
        {
            "code": list(c.depended_by),
            "dependents": [len(v) for v in c.depended_by.values()],
            "depended_by": ["; ".join(v) for v in c.depended_by.values()],
        }
    )
    by.insert(1, "name", [c.order_table.set_index("code")["name"].get(k, "") for k in by["code"]] if len(by) else [])
    row = w.table(ws, row + 1, by, ["code", "name", "dependents", "depended_by"], title="Dependants", widths=False)
    _matrix(w, ws, row, c.interfaces)


def _matrix(w: Writer, ws, row: int, edges: pd.DataFrame) -> None:
    """Sparse matrix: one row per service that depends, one column per service depended upon."""
    ws.write_string(row, 0, "Matrice : en ligne le service qui dépend, en colonne le service dont il dépend "
                    "(nombre de lignes de processus)", w.fmt.subtitle)  # fmt: skip
    if edges.empty:
        ws.write_string(row + 1, 0, "Aucune interface déclarée.", w.note)
        return
    sources = sorted(set(edges["code"]))
    targets = sorted(set(edges["depends_on"]))
    top = row + 1
    ws.write_string(top, 0, "Dépend de →", w.fmt.header)
    for j, code in enumerate(targets, 1):
        ws.write_string(top, j, xml_safe(code), w.fmt.header)
    place = {code: i for i, code in enumerate(sources, top + 1)}
    for code, i in place.items():
        ws.write_string(i, 0, xml_safe(code), w.fmt.label)
    column = {code: j for j, code in enumerate(targets, 1)}
    for src, dst, n in zip(edges["code"], edges["depends_on"], edges["rows"]):
        ws.write_number(place[src], column[dst], int(n), w.integer)


def scenarios(w: Writer, c) -> None:
    ws = w.sheet("Scénarios")
    row = w.heading(
        ws, 0, "Ce que chaque scénario met à l'arrêt",
        "Pour chaque scénario du référentiel (« Toutes » = toutes les ressources) : lignes de processus touchées "
        "par service, sans parade, avec une parade non encore testée. Les services ayant des processus vitaux "
        "sans parade viennent en premier.",
    )  # fmt: skip
    keys = ["scenario", "code", "name", "pole_name", "hit", "vital_hit", "no_workaround", "untested",
            "vital_no_workaround"]  # fmt: skip
    row = w.table(ws, row, c.scenarios, keys, title="Scenarios_services", widths=False)
    for col, width in enumerate((30, 10, 30, 26, 14, 10, 12, 14, 14)):
        ws.set_column(col, col, width)
    ws.write_string(row, 0, "Processus vitaux sans parade, par scénario", w.fmt.subtitle)
    keys = ["scenario", "code", "name", "pole_name", "number", "process", "resource", "status", "source"]
    w.table(ws, row + 1, c.scenario_vital, keys, title="Scenarios_vitaux", widths=False)


PROCUREMENT = {
    "telecom": ("Moyens de télécommunication à prévoir", "means", "Moyen"),
    "biomedical": ("Équipements biomédicaux selon leur fonctionnement hors réseau (quantités)", "offline",
                   "Fonctionne hors réseau"),
    "documents": ("Documents à imprimer (quantités à prévoir)", "type", "Type de document"),
}  # fmt: skip


def procurement(w: Writer, c, key: str) -> None:
    """Totals to procure (hospital-wide and per pôle, non-zero rows) above the detailed rows."""
    ws = w.sheet(DETAIL_SHEETS[key])
    title, index, header = PROCUREMENT[key]
    ws.write_string(0, 0, title + " — total établissement et par pôle", w.fmt.title)
    totals = c.procurement[key]
    shown = totals[totals["total"] != 0].reset_index()
    keys = [index, *totals.columns]
    headers = [header, "Total établissement", *[f"Pôle {p}" for p in totals.columns[1:]]]
    row = w.table(ws, 1, shown, keys, headers, title=f"Totaux_{key}", widths=False)
    if key == "biomedical":
        devices = c.procurement["biomedical_devices"].head(TOP_DEVICES)
        left = len(keys) + 1
        ws.write_string(0, left, f"Équipements ne fonctionnant pas hors réseau (les {TOP_DEVICES} premiers)",
                        w.fmt.subtitle)  # fmt: skip
        end = w.table(ws, 1, devices, ["device", "offline_no", "offline_partial", "services"],
                      ["Équipement", "Ne fonctionne pas hors réseau", "Partiellement", "Services"],
                      title="Equipements_hors_reseau", left=left, widths=False)  # fmt: skip
        row = max(row, end)
    ws.write_string(row, 0, "Toutes les lignes des services", w.fmt.subtitle)
    _detail(w, c, key, ws=ws, top=row + 1)


def gaps(w: Writer, c) -> None:
    ws = w.sheet("Écarts")
    row = w.heading(
        ws, 0, f"Écarts à traiter : {len(c.gaps)}",
        "Chaque écart renvoie au service, au fichier, à la feuille et à la cellule à compléter. "
        "Décompte par type, puis la liste complète (filtrable).",
    )  # fmt: skip
    counts = pd.DataFrame({"type": list(GAP_TYPES), "n": [c.gap_counts.get(t, 0) for t in GAP_TYPES]})
    row = w.table(ws, row, counts, ["type", "n"], ["Type d'écart", "Nombre"], title="Ecarts_par_type", widths=False)
    keys = ["type", "code", "name", "pole_name", "file", "sheet", "cell", "detail"]
    w.table(ws, row, c.gaps, keys, title="Ecarts")
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 10)


def evolutions(w: Writer, c) -> None:
    ws = w.sheet("Évolutions")
    row = w.heading(ws, 0, "Évolutions depuis la consolidation précédente", c.evolutions_note)
    keys = ["code", "name", "sheet", "key", "change", "detail", "source"]
    w.table(ws, row, c.evolutions, keys, title="Evolutions")
    ws.set_column(5, 5, 80)
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
        "classeurs en erreur sont consolidées et signalées ; une ligne rejetée figure dans le rapport de validation.",
    )  # fmt: skip
    if not c.control_ok:
        ws.write_string(2, 0, verdict, w.alert)
        row += 1
    keys = ["file", "service", "sheet", "read", "consolidated", "rejected", "status"]
    headers = ["Fichier", "Code service", "Feuille", *[label(k) for k in keys[3:]]]
    last = w.table(ws, row, ctl, keys, headers, title="Controle", widths=False)
    for col, width in enumerate((30, 12, 18, 12, 14, 14, 50)):
        ws.set_column(col, col, width)
    total = last - 1
    ws.write_string(total, 0, "Total", w.fmt.bold)
    for col in (3, 4, 5):
        first, end = xl_rowcol_to_cell(row + 1, col), xl_rowcol_to_cell(total - 1, col)
        value = (read, kept, rejected)[col - 3]
        ws.write_formula(total, col, f"=SUM({first}:{end})", w.fmt.bold, value)
    ws.freeze_panes(row + 1, 0)
