"""Lay out a :class:`~pca_xlsx.consolidate.Consolidation` as ``consolidation/PCA_consolide.xlsx``.

Layout only: every figure comes computed from :mod:`pca_xlsx.consolidate`. User text is always
written as a string (never a formula or a link); formats are created once per workbook.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..consolidate.common import DETAIL_SHEETS
from ..consolidate.evolutions import save_state
from ..consolidate.labels import label
from ..format import MATURITY_FORMULA, SHEETS_BY_KEY
from .atomic import atomic_path, xml_safe
from .sheets import MAX_CELL_CHARS, Formats, new_workbook

OUTPUT_FILE = Path("consolidation") / "PCA_consolide.xlsx"
SHEET_NAMES = (
    "Synthèse",
    "Processus",
    "Applications",
    "Dépendances",
    "Interfaces",
    "Scénarios",
    "Télécom",
    "Biomédical",
    "Documents",
    "Fiches réflexes",
    "Exercices",
    "Écarts",
    "Évolutions",
    "Contrôle",
)
WIDTHS = {"code": 10, "name": 30, "pole_name": 26, "source": 34, "flag": 18, "detail": 70, "type": 40}
DATE_KEYS = {"updated", "last_exercise", "date"}
DECIMAL_KEYS = {"maturity", "with_workaround_pct", "tested_pct"}
CHART_MAX_SERVICES = 60  # beyond this, the charts show pôles instead of services
TOP_DEVICES = 10
SYNTHESIS_SHOWN = [
    "code", "name", "pole_name", "category", "received", "medical_referent", "medical_phone",
    "paramedical_referent", "paramedical_phone", "ambition", "maturity", "processes",
    "with_workaround_pct", "tested_pct", "applications", "updated", "last_exercise", "errors", "warnings",
]  # fmt: skip


def plain(value: Any) -> Any:
    """A value xlsxwriter writes with its own type: None, bool→Oui/Non, int, float, date, str."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return "Oui" if value else "Non"
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if value != value else float(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        return xml_safe(value)[:MAX_CELL_CHARS] or None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return xml_safe(str(value))[:MAX_CELL_CHARS]


class Writer:
    def __init__(self, workbook):
        self.wb = workbook
        self.fmt = Formats(workbook)
        add = workbook.add_format
        self.decimal = add({"num_format": "0.0", "valign": "top"})
        self.integer = add({"num_format": "0", "valign": "top"})
        self.big = add({"bold": True, "font_size": 12, "font_color": "#1F4E79", "align": "left", "valign": "top"})
        self.note = add({"italic": True, "font_color": "#404040"})  # long lines overflow to the right
        self.alert = add({"bold": True, "font_color": "#C00000", "text_wrap": True, "valign": "top"})
        self.red = add({"bg_color": "#F4B6B6"})
        self.orange = add({"bg_color": "#FCE4C4"})
        self.names: set[str] = set()

    def sheet(self, name: str):
        return self.wb.add_worksheet(name)

    def _table_name(self, text: str) -> str:
        ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        base = "T_" + re.sub(r"\W+", "_", ascii_).strip("_")
        name, n = base, 2
        while name.casefold() in self.names:
            name, n = f"{base}_{n}", n + 1
        self.names.add(name.casefold())
        return name

    def table(self, ws, top: int, df: pd.DataFrame, keys: list[str], headers: list[str] | None = None,
              title: str = "", left: int = 0, widths: bool = True) -> int:  # fmt: skip
        """Write ``df[keys]`` as an Excel table at (top, left); return the next free row."""
        headers = list(headers or [label(k) for k in keys])
        seen: dict[str, int] = {}
        for i, h in enumerate(headers):  # Excel table headers must be unique
            seen[h] = seen.get(h, 0) + 1
            headers[i] = h if seen[h] == 1 else f"{h} ({seen[h]})"
        formats = [self._format(k, df[k] if k in df else None) for k in keys]
        columns = [df[k].tolist() if k in df else [None] * len(df) for k in keys]
        write = ws.write
        for r, values in enumerate(zip(*columns), top + 1):
            for c, (value, fmt) in enumerate(zip(values, formats), left):
                value = plain(value)
                if isinstance(value, str):
                    ws.write_string(r, c, value, fmt)
                elif value is not None:
                    write(r, c, value, fmt)
        last = top + max(len(df), 1)
        ws.add_table(
            top, left, last, left + len(keys) - 1,
            {
                "name": self._table_name(title or ws.name),
                "style": "Table Style Light 9",
                "columns": [{"header": xml_safe(h), "header_format": self.fmt.header} for h in headers],
            },
        )  # fmt: skip
        if widths:
            for c, (key, header) in enumerate(zip(keys, headers), left):
                ws.set_column(c, c, self._width(key, header, df))
        return last + 2

    def _format(self, key: str, series: pd.Series | None):
        if key in DATE_KEYS:
            return self.fmt.date
        if key in DECIMAL_KEYS:
            return self.decimal
        return self.fmt.text

    @staticmethod
    def _width(key: str, header: str, df: pd.DataFrame) -> int:
        if key in WIDTHS:
            return WIDTHS[key]
        if key in DATE_KEYS:
            return 12
        spec_width = next((s.column(key).width for s in SHEETS_BY_KEY.values() if key in s.keys), None)
        return max(10, min(50, spec_width or len(header) + 2))

    def heading(self, ws, row: int, title: str, note: str = "") -> int:
        ws.write_string(row, 0, title, self.fmt.title)
        if note:
            ws.write_string(row + 1, 0, xml_safe(note), self.note)
            return row + 3
        return row + 2


def write_consolidated(consolidation, output: Path) -> Path:
    """Write ``<output>/consolidation/PCA_consolide.xlsx``, then the snapshot for the next run."""
    target = Path(output) / OUTPUT_FILE
    with atomic_path(target) as tmp:
        workbook = new_workbook(tmp)
        try:
            _write_all(Writer(workbook), consolidation)
        finally:
            workbook.close()
    if consolidation.snapshot_state is not None and consolidation.snapshot_path is not None:
        save_state(consolidation.snapshot_state, consolidation.snapshot_path)
    return target


def _write_all(w: Writer, c) -> None:
    from . import consolidated_sheets as more

    _synthesis(w, c)
    _detail(w, c, "processus")
    _detail(w, c, "applications")
    more.dependencies(w, c)
    more.interfaces(w, c)
    more.scenarios(w, c)
    more.procurement(w, c, "telecom")
    more.procurement(w, c, "biomedical")
    more.procurement(w, c, "documents")
    _detail(w, c, "fiche_reflexe")
    _detail(w, c, "exercices")
    more.gaps(w, c)
    more.evolutions(w, c)
    more.control(w, c)


def detail_keys(key: str) -> list[str]:
    return ["code", "name", "pole_name", *SHEETS_BY_KEY[key].keys, "source", "flag"]


def _detail(w: Writer, c, key: str, ws=None, top: int = 0) -> int:
    """Every row of every service for one sheet type, as one Excel table with a frozen header."""
    ws = ws or w.sheet(DETAIL_SHEETS[key])
    df = c.details[key]
    expected = int(c.control.loc[c.control["key"] == key, "consolidated"].sum()) if len(c.control) else len(df)
    if len(df) != expected:
        raise RuntimeError(f"Contrôle : {len(df)} lignes écrites dans « {ws.name} » pour {expected} consolidées")
    headers = [
        label(k) if k not in SHEETS_BY_KEY[key].keys else SHEETS_BY_KEY[key].column(k).label for k in detail_keys(key)
    ]
    nxt = w.table(ws, top, df, detail_keys(key), headers, title=DETAIL_SHEETS[key])
    ws.freeze_panes(top + 1, 2)
    return nxt


def _synthesis(w: Writer, c) -> None:
    ws = w.sheet("Synthèse")
    h = c.headline
    ws.write_string(0, 0, xml_safe(f"Plan de continuité d'activité — {c.establishment}"), w.fmt.title)
    ws.write_string(
        1, 0,
        f"Consolidation du {c.generated:%d/%m/%Y à %H:%M} : {h['received']} classeur(s) reçu(s) "
        f"pour {h['services']} service(s) du référentiel.",
        w.note,
    )  # fmt: skip

    def pct(value) -> str:
        return "—" if value is None else f"{value:.1f} %".replace(".", ",")

    spof = h["spof"]
    lines = [
        ("Services du référentiel", h["services"]),
        ("Classeurs reçus", h["received"]),
        ("Lignes de processus", h["processes"]),
        ("Couverture des parades (lignes avec une parade)", pct(h["coverage"])),
        ("Parades testées", pct(h["tested"])),
        ("Score de maturité moyen (sur 100)", "—" if h["maturity"] is None else str(h["maturity"]).replace(".", ",")),
        ("Écarts à traiter (feuille Écarts)", h["gaps"]),
        ("Erreurs / avertissements de validation", f"{h['errors']} / {h['warnings']}"),
    ]
    for i in range(3):
        name = f"Point unique de défaillance n° {i + 1}"
        if i < len(spof):
            resource, critical, strong = spof[i]
            lines.append((name, f"{resource} : {critical} service(s) en dépendance critique, {strong} forte"))
        elif i == 0:
            lines.append((name, "aucune dépendance critique ou forte déclarée"))
    lines.append(("Contrôle des comptes", "OK" if h["control_ok"] else "ERREUR DE L'OUTIL : voir la feuille Contrôle"))
    lines.append(("Évolutions", c.evolutions_note))
    row = 3
    for text, value in lines:
        ws.merge_range(row, 0, row, 2, text, w.fmt.label)
        fmt = w.alert if text == "Contrôle des comptes" and not h["control_ok"] else w.big
        if isinstance(value, str):
            ws.merge_range(row, 3, row, 5, xml_safe(value), fmt)
        else:
            ws.merge_range(row, 3, row, 5, "", fmt)
            ws.write_number(row, 3, value, fmt)
        row += 1
    row += 1
    ws.write_string(row, 0, MATURITY_FORMULA + ".", w.note)
    ws.write_string(
        row + 1, 0,
        "Avec parade : part des lignes de processus dont la colonne « Parade » est remplie ; testée : statut "
        "« Testée ». Les pourcentages sont calculés sur les lignes de processus du service ou du pôle.",
        w.note,
    )  # fmt: skip
    top = max(row + 3, 24)
    ws.write_string(top, 0, "Par service", w.fmt.subtitle)
    syn = c.synthesis
    first = top + 1
    nxt = w.table(ws, first, syn, SYNTHESIS_SHOWN, title="Synthese_services")
    ws.write_string(nxt, 0, "Par pôle", w.fmt.subtitle)
    pole_keys = ["pole", "pole_name", "services", "received", "maturity", "processes", "with_workaround_pct",
                 "tested_pct", "applications", "errors", "warnings"]  # fmt: skip
    pole_headers = ["Code pôle", "Pôle", "Services", "Classeurs reçus", "Score de maturité moyen", "Lignes de processus",
                    "Avec parade (%)", "Parade testée (%)", "Applications", "Erreurs", "Avertissements"]  # fmt: skip
    pole_top = nxt + 1
    w.table(ws, pole_top, c.poles, pole_keys, pole_headers, title="Synthese_poles", widths=False)
    _charts(w, ws, c, first, pole_top)


def _charts(w: Writer, ws, c, service_top: int, pole_top: int) -> None:
    by_service = len(c.synthesis) <= CHART_MAX_SERVICES
    if by_service:
        n, top, cat, mat, cover, tested = len(c.synthesis), service_top, 0, 10, 12, 13
        what = "service"
    else:
        n, top, cat, mat, cover, tested = len(c.poles), pole_top, 0, 4, 6, 7
        what = "pôle"
    if n == 0:
        return
    first, last = top + 1, top + n
    name = "Synthèse"
    maturity = w.wb.add_chart({"type": "column"})
    maturity.add_series(
        {
            "name": "Score de maturité",
            "categories": [name, first, cat, last, cat],
            "values": [name, first, mat, last, mat],
            "fill": {"color": "#1F4E79"},
        }
    )
    maturity.set_title({"name": f"Maturité par {what} (sur 100)"})
    maturity.set_y_axis({"min": 0, "max": 100})
    maturity.set_legend({"none": True})
    maturity.set_size({"width": 620, "height": 300})
    coverage = w.wb.add_chart({"type": "column"})
    for col, label_, color in ((cover, "Avec parade (%)", "#2E75B6"), (tested, "Parade testée (%)", "#70AD47")):
        coverage.add_series(
            {"name": label_, "categories": [name, first, cat, last, cat], "values": [name, first, col, last, col],
             "fill": {"color": color}}
        )  # fmt: skip
    coverage.set_title({"name": f"Couverture des parades par {what} (%)"})
    coverage.set_y_axis({"min": 0, "max": 100})
    coverage.set_legend({"position": "bottom"})
    coverage.set_size({"width": 620, "height": 300})
    ws.insert_chart(2, 7, maturity)
    ws.insert_chart(2, 7, coverage, {"x_offset": 640})
