"""Context of the hospital-wide synthesis (synthese_etablissement.docx) and its charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import charts
from .context import Sources, common
from .text import DASH, integer, missing, number, pct, plural, text

#: Image variables of the synthesis template → chart file name; width in millimetres.
CHART_WIDTH_MM = 165


def _records(frame) -> list[dict]:
    return frame.to_dict("records") if isinstance(frame, pd.DataFrame) and not frame.empty else []


def _headline(sources: Sources) -> list[dict]:
    h = getattr(sources.consolidation, "headline", None) or {}
    rows = [
        ("Services du périmètre", integer(h.get("services"))),
        ("Classeurs reçus", f"{integer(h.get('received'))} sur {integer(h.get('services'))}"),
        ("Lignes de processus prioritaires", integer(h.get("processes"))),
        ("Processus couverts par une parade", pct(h.get("coverage"), digits=1)),
        ("Parades testées en exercice", pct(h.get("tested"), digits=1)),
        ("Score de maturité moyen", pct(h.get("maturity")).replace("\u00a0%", "\u00a0/ 100")),
        ("Écarts à traiter", integer(h.get("gaps"))),
        (
            "Anomalies de saisie (erreurs / avertissements)",
            f"{integer(h.get('errors'))} / {integer(h.get('warnings'))}",
        ),
    ]
    return [{"libelle": a, "valeur": b} for a, b in rows]


def _services(sources: Sources) -> list[dict]:
    return [
        {
            "code": text(s.get("code")),
            "nom": text(s.get("name")),
            "pole": text(s.get("pole_name"), DASH),
            "categorie": text(s.get("category"), DASH),
            "ambition": pct(s.get("ambition")),
            "maturite": integer(s.get("maturity")),
            "parade": pct(s.get("with_workaround_pct")),
            "testees": pct(s.get("tested_pct")),
            "recu": "Oui" if s.get("received") is True else "Non",
        }
        for s in _records(sources._frame("synthesis"))
    ]


def _spof(sources: Sources) -> list[dict]:
    rows = [r for r in _records(sources._frame("spof")) if (number(r.get("critical_or_strong")) or 0) > 0]
    return [
        {
            "ressource": text(r.get("resource")),
            "categorie": text(r.get("category"), DASH),
            "critique": integer(r.get("critical")),
            "forte": integer(r.get("strong")),
            "services": text(r.get("critical_services"), DASH).replace(";", ",") or DASH,
        }
        for r in rows[:12]
    ]


def _gaps_by_pole(sources: Sources) -> list[dict]:
    gaps = sources._frame("gaps")
    if gaps.empty or "pole_name" not in gaps.columns:
        return []
    out = []
    frame = gaps.assign(pole_name=gaps["pole_name"].fillna("(pôle inconnu)"))
    for pole, part in frame.groupby("pole_name", sort=True):
        counts = part["type"].value_counts()
        out.append(
            {
                "pole": text(pole),
                "total": integer(len(part)),
                "services": integer(part["code"].nunique()),
                "principal": f"{text(counts.index[0])} ({counts.iloc[0]})",
            }
        )
    return out


def _gap_types(sources: Sources) -> list[dict]:
    counts = getattr(sources.consolidation, "gap_counts", None) or {}
    return [{"type": text(k), "nombre": integer(v)} for k, v in counts.items() if v]


def _procurement(sources: Sources) -> dict[str, list[dict]]:
    tables = getattr(sources.consolidation, "procurement", None) or {}

    def totals(key: str) -> list[dict]:
        frame = tables.get(key)
        if not isinstance(frame, pd.DataFrame) or frame.empty or "total" not in frame.columns:
            return []
        return [{"libelle": text(i), "total": integer(t)} for i, t in frame["total"].items() if (number(t) or 0) > 0]

    devices = [
        {
            "equipement": text(r.get("device")),
            "non": integer(r.get("offline_no")),
            "partiel": integer(r.get("offline_partial")),
            "services": text(r.get("services")).replace(";", ","),
        }
        for r in _records(tables.get("biomedical_devices"))
    ]
    return {"telecom": totals("telecom"), "documents": totals("documents"), "equipements": devices[:15]}


def _loop(cycle) -> str:
    members = [c for c in text(cycle).split(";") if c.strip()]
    return f"avec {len(members)} service(s)" if members else ""


def _order(sources: Sources) -> list[dict]:
    return [
        {
            "rang": integer(r.get("rank")),
            "code": text(r.get("code")),
            "nom": text(r.get("name")),
            "categorie": text(r.get("category"), DASH),
            "dependants": integer(r.get("dependents"), "0"),
            "boucle": _loop(r.get("cycle")),
        }
        for r in _records(sources._frame("order_table"))
    ]


def _scenario_rows(sources: Sources) -> list[tuple[str, int, int, int]]:
    frame = sources._frame("scenarios")
    if frame.empty:
        return []
    rows = []
    for name, part in frame.groupby("scenario", sort=False):
        hit = int(pd.to_numeric(part["hit"]).sum())
        none = int(pd.to_numeric(part["no_workaround"]).sum())
        untested = int(pd.to_numeric(part["untested"]).sum())
        rows.append((text(name), hit - none - untested, untested, none))
    return rows


def make_charts(sources: Sources, folder: Path) -> dict[str, str]:
    """Draw the three charts into ``folder``; return template variable → PNG path."""
    synth = _records(sources._frame("synthesis"))
    received = [s for s in synth if s.get("received") is True]
    labels = [f"{text(s.get('code'))} – {text(s.get('name'))}"[:38] for s in received]
    ambition = charts.horizontal_bars(
        folder / "ambition.png",
        labels,
        [number(s.get("ambition")) for s in received],
        "Part de l'activité maintenue sans informatique (%)",
        "Ambition de continuité par service",
        "Aucun classeur reçu : pas d'ambition à représenter.",
    )
    maturity = charts.horizontal_bars(
        folder / "maturite.png",
        labels,
        [number(s.get("maturity")) for s in received],
        "Score de maturité (sur 100)",
        "Maturité par service",
        "Aucun questionnaire de maturité rempli.",
    )
    coverage = charts.coverage_by_scenario(
        folder / "scenarios.png", _scenario_rows(sources), "Aucun processus touché par les scénarios du référentiel."
    )
    return {
        "graphique_ambition": str(ambition),
        "graphique_maturite": str(maturity),
        "graphique_scenarios": str(coverage),
    }


def synthesis_context(sources: Sources) -> dict:
    """Every variable of the synthesis template but the chart images."""
    cons = sources.consolidation
    h = getattr(cons, "headline", None) or {}
    services = _services(sources)
    missing_books = [s for s in services if s["recu"] == "Non"]
    spof = _spof(sources)
    intro = (
        f"Ce document présente l'état du plan de continuité d'activité de l'établissement face à une "
        f"défaillance informatique majeure : {plural(int(number(h.get('received')) or 0), 'service')} sur "
        f"{integer(h.get('services'))} ont transmis leur classeur, décrivant "
        f"{plural(int(number(h.get('processes')) or 0), 'ligne')} de processus prioritaires."
    )
    return {
        **common(sources),
        "introduction": intro,
        "chiffres": _headline(sources),
        "services": services,
        "non_recus": ", ".join(f"{s['nom']} ({s['code']})" for s in missing_books),
        "spof": spof,
        "ecarts_poles": _gaps_by_pole(sources),
        "ecarts_types": _gap_types(sources),
        "achats": _procurement(sources),
        "ordre": _order(sources),
        "regle_ordre": text(getattr(cons, "order_rule", ""), DASH),
        "controle_ok": bool(getattr(cons, "control_ok", True))
        if not missing(getattr(cons, "control_ok", True))
        else True,
    }
