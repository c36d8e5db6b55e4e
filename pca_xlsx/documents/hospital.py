"""Context of the hospital-wide synthesis (synthese_etablissement.docx) and its charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..consolidate.figures import COVERAGE_RULE, euros
from ..consolidate.interfaces import describe_loops
from ..consolidate.model import Headline
from ..consolidate.programme import programme_context
from ..consolidate.ranking import SEVERITY_RULE
from ..core import words
from ..core.values import MAX_LISTED, listing
from ..core.words import counted
from ..format.vocabulary import NO, RECEIVED_UNREADABLE, VITAL, YES
from . import charts
from .context import Sources, common
from .decision_items import paper_note
from .decisions import decisions_context
from .text import DASH, code_name, integer, number, paper, pct, text

#: Image variables of the synthesis template → chart file name; width in millimetres.
CHART_WIDTH_MM = 165
#: Narrower charts: ambition and maturity (one bar per service) share a page with their headings.
CHART_WIDTHS = {"graphique_ambition": 118, "graphique_maturite": 118}


def _records(frame) -> list[dict]:
    return frame.to_dict("records") if isinstance(frame, pd.DataFrame) and not frame.empty else []


def headline(sources: Sources) -> Headline:
    """The consolidation's headline figures (all empty without a consolidation)."""
    return sources.consolidation.headline


def _unreadable(sources: Sources) -> list[dict]:
    """Services of the synthesis whose only workbook received cannot be read (not counted as received)."""
    return [
        s for s in _records(sources.consolidation.synthesis) if s.get("received") is not True and s.get("unreadable")
    ]


def _headline(sources: Sources) -> list[dict]:
    h = headline(sources)
    unreadable = len(_unreadable(sources))
    rows = [
        ("Services du périmètre", integer(h.get("services"))),
        (
            "Classeurs reçus",
            f"{integer(h.get('received'))} sur {integer(h.get('services'))}"
            + (f" (+ {unreadable} illisible{'s' if unreadable > 1 else ''})" if unreadable else ""),
        ),
        ("Lignes de processus prioritaires", integer(h.get("processes"))),
        ("Lignes couvertes par une parade définie ou testée", pct(h.get("coverage"), digits=1)),
        ("Parades testées en exercice", pct(h.get("tested"), digits=1)),
        ("Processus vitaux non protégés (registre, page des décisions)", integer(h.get("vital_unprotected"), "0")),
        ("Score de maturité moyen", pct(h.get("maturity")).replace("\u00a0%", "\u00a0/ 100")),
        ("Écarts à traiter (un par processus)", integer(h.get("gaps"))),
        ("dont écarts de gravité critique", integer(h.get("critical_gaps"), "0")),
        ("Moyens de télécommunication à acheter", euros(h.get("budget", 0.0))),
        (
            "Exercices en retard / en échec",
            f"{integer(h.get('overdue_exercises'), '0')} / {integer(h.get('failed_exercises'), '0')}",
        ),
        ("Revues de classeur dépassées", integer(h.get("stale_reviews"), "0")),
        ("Actions en retard", integer(h.get("late_actions"), "0")),
        (
            "Anomalies de saisie (erreurs / avertissements)",
            f"{integer(h.errors)} / {integer(h.warnings)}",
        ),
    ]
    return [{"libelle": a, "valeur": b} for a, b in rows]


def _band(sources: Sources) -> dict:
    """The key figures, each label agreeing with its count (the workbooks' with all the services)."""
    h = headline(sources)
    return {
        "recus": f"{integer(h.received)}/{integer(h.services)}",
        "recus_libelle": words.plural(number(h.services), "classeur reçu", "classeurs reçus"),
        "parade": pct(h.coverage),
        "testees": pct(h.tested),
        "maturite": integer(h.maturity),
        "ecarts": integer(h.gaps),
        "ecarts_libelle": words.plural(number(h.gaps), "écart à traiter", "écarts à traiter"),
    }


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
            "vitaux": integer(s.get("vital_unprotected"), "0"),
            "recu": YES if s.get("received") is True else RECEIVED_UNREADABLE if s.get("unreadable") else NO,
        }
        for s in _records(sources.consolidation.synthesis)
    ]


def _spof(sources: Sources) -> list[dict]:
    rows = [r for r in _records(sources.consolidation.spof) if (number(r.get("critical_or_strong")) or 0) > 0]
    return [
        {
            "ressource": text(r.get("resource")),
            "categorie": text(r.get("category"), DASH),
            "critique": integer(r.get("critical")),
            "forte": integer(r.get("strong")),
            "services": listing(r.get("critical_services") or [], ", ", MAX_LISTED) or DASH,
            "nombre": int(number(r.get("critical_or_strong")) or 0),
        }
        for r in rows[:12]
    ]


def _gaps_by_pole(sources: Sources) -> list[dict]:
    gaps = sources.consolidation.gaps
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
                "services": integer(part["code"].replace("", None).nunique()),  # IT gaps name no service
                "principal": f"{text(counts.index[0])} ({counts.iloc[0]})",
            }
        )
    return out


def _gap_types(sources: Sources) -> list[dict]:
    counts = sources.consolidation.gap_counts
    before = sources.consolidation.gap_counts_before
    return [
        {"type": text(k), "nombre": integer(v), "avant": integer(before.get(k, v))}
        for k, v in counts.items()
        if v or before.get(k)
    ]


def _procurement(sources: Sources) -> dict:
    tables = sources.consolidation.procurement

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
            "services": listing(r.get("services") or [], ", "),
        }
        for r in _records(tables.get("biomedical_devices"))
    ]
    return {
        "telecom": totals("telecom"),
        "documents": totals("documents"),
        "documents_note": paper_note(sources.consolidation),
        "equipements": devices[:15],
    }


def _worst_gaps(sources: Sources, size: int = 12) -> list[dict]:
    """The worst gaps of the hospital (the gaps table is sorted worst first)."""
    return [
        {
            "gravite": text(g.get("severity")),
            "service": text(g.get("code")),
            "type": text(g.get("type")),
            "detail": paper(g.get("detail")),
        }
        for g in _records(sources.consolidation.gaps)[:size]
    ]


def _order(sources: Sources) -> list[dict]:
    return [
        {
            "rang": integer(r.get("rank")),
            "code": text(r.get("code")),
            "nom": text(r.get("name")),
            "categorie": text(r.get("category"), DASH),
            "vague": integer(r.get("wave"), DASH),
            "dependants": integer(r.get("dependents"), "0"),
            "boucle": YES if r.get("cycle") else "",
            "raison": text(r.get("reason")),
        }
        for r in _records(sources.consolidation.order_table)
    ]


def _loops(sources: Sources) -> list[str]:
    """Each real loop (services relying on each other in both directions), once, by its members."""
    return describe_loops(sources.consolidation.loops, sources.consolidation.interfaces)


#: Coordination gaps named in the synthesis; the rest is counted.
MAX_COORDINATIONS = 8


def _coordinations(sources: Sources) -> tuple[list[str], str]:
    """The coordination gaps to settle first (vital processes first), and a note with their count."""
    rows = _records(sources.consolidation.coordination)
    if not rows:
        return [], ""
    rows.sort(key=lambda r: (text(r.get("criticality")) != VITAL, text(r.get("code")), text(r.get("partner"))))
    shown = [
        f"{text(r.get('code'))} compte sur {text(r.get('partner'))} pour {text(r.get('process'))} "
        f"({text(r.get('criticality')).lower()}, {text(r.get('resource'), 'ressource non précisée')}) : "
        + ("le classeur de " + text(r.get("partner")) + " ne le cite pas." if r.get("problem") == "absent"
           else "la parade de " + text(r.get("partner")) + " est « À construire ».")
        for r in rows[:MAX_COORDINATIONS]
    ]  # fmt: skip
    note = (
        f"{counted(len(rows), 'coordination')} à organiser entre deux services (feuille « Écarts » du classeur "
        "consolidé) : un service compte sur un autre pour un processus vital ou majeur, et le plan de l'autre "
        "ne le prévoit pas encore."
    )
    if len(rows) > len(shown):
        note += f" Les {len(shown)} premières, processus vitaux d'abord :"
    return shown, note


def _scenario_rows(sources: Sources) -> list[tuple[str, int, int, int]]:
    """(scenario, tested, defined not tested, without workaround or « À construire ») for each
    scenario that hits a process."""
    return [
        (
            text(r.scenario),
            int(r.hit - r.no_workaround - r.to_build - r.untested),
            int(r.untested),
            int(r.no_workaround + r.to_build),
        )
        for r in sources.consolidation.scenario_summary.itertuples()
        if r.hit
    ]


def _label(s: dict, size: int = 40) -> str:
    label = code_name(s.get("code"), s.get("name"))
    return label if len(label) <= size else label[: size - 1].rstrip(" –,") + "…"


def make_charts(sources: Sources, folder: Path) -> dict[str, str]:
    """Draw the three charts into ``folder``; return template variable → PNG path."""
    synth = _records(sources.consolidation.synthesis)
    received = [s for s in synth if s.get("received") is True]
    labels = [_label(s) for s in received]
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


def _below_full(value) -> bool:
    n = number(value)
    return n is not None and n < 100


def _names(rows: list[tuple[str, float]], unit: str) -> str:
    return ", ".join(f"{name} ({integer(v)}{unit})" for name, v in rows)


def _essentials(sources: Sources, spof: list[dict]) -> list[str]:
    """A few sentences management reads first: coverage, weak points, where to start."""
    h = headline(sources)
    out = []
    if h.get("vital_unprotected"):
        out.append(
            f"{counted(h.vital_unprotected, 'processus vital', 'processus vitaux')} ne "
            f"{words.plural(h.vital_unprotected, 'serait pas protégé', 'seraient pas protégés')} demain : sans "
            "parade, parade à construire ou en échec au dernier exercice (registre en page des décisions)."
        )
    if number(h.processes):
        out.append(
            f"{pct(h.get('coverage'), digits=1)} des lignes de processus prioritaires ont une parade définie ou "
            f"testée, mais {pct(h.get('tested'), digits=1)} seulement ont été testées en exercice."
        )
    if spof:
        top = ", ".join(f"{s['ressource']} ({counted(s['nombre'], 'service')})" for s in spof[:3])
        out.append(f"Ressources dont dépendent fortement ou de façon critique le plus de services : {top}.")
    synth = [s for s in _records(sources.consolidation.synthesis) if s.get("received") is True]
    for key, unit, label in (
        ("ambition", "\u00a0%", "Ambitions de continuité les plus basses"),
        ("maturity", "", "Maturité la plus faible"),
    ):
        rows = sorted(
            ((text(s.get("name"), text(s.get("code"))), number(s.get(key))) for s in synth if _below_full(s.get(key))),
            key=lambda r: r[1],
        )
        if rows:
            out.append(f"{label} : {_names(rows[:3], unit)}.")
    scenarios = [
        (name, none / total)
        for name, tested, untested, none in _scenario_rows(sources)
        if (total := tested + untested + none)
    ]
    if scenarios:
        name, share = max(scenarios, key=lambda r: r[1])
        if share > 0:
            out.append(
                f"Scénario le moins couvert : « {name} », {pct(100 * share)} des lignes touchées sans parade "
                "définie ou testée."
            )
    if number(h.get("gaps")):
        out.append(
            f"{integer(h.get('gaps'))} écarts restent à traiter (un par processus), dont "
            f"{integer(h.get('critical_gaps'), '0')} de gravité critique."
        )
    coordination = _records(sources.consolidation.coordination)
    if coordination:
        pairs = {frozenset((text(r.get("code")), text(r.get("partner")))) for r in coordination}
        out.append(
            f"{counted(len(coordination), 'coordination')} à organiser entre {counted(len(pairs), 'paire')} de "
            "services : un service compte sur un autre dont le plan ne le prévoit pas encore."
        )
    order = _order(sources)
    if order:
        out.append("Groupes de travail à mener en premier : " + ", ".join(o["nom"] for o in order[:3]) + ".")
    return out


def synthesis_context(sources: Sources) -> dict:
    """Every variable of the synthesis template but the chart images."""
    cons = sources.consolidation
    h = headline(sources)
    services = _services(sources)
    missing_books = [s for s in services if s["recu"] == NO]
    unreadable = _unreadable(sources)
    spof = _spof(sources)
    intro = (
        f"Ce document présente l'état du plan de continuité d'activité de l'établissement face à une "
        f"défaillance informatique majeure : {counted(int(number(h.received) or 0), 'service')} sur "
        f"{integer(h.services)} ont transmis leur classeur, décrivant "
        f"{counted(int(number(h.processes) or 0), 'ligne')} de processus prioritaires."
        + (f" {counted(len(unreadable), 'autre service a', 'autres services ont')} envoyé un classeur illisible, "
           "à renvoyer." if unreadable else "")
    )  # fmt: skip
    return {
        **common(sources),
        "introduction": intro,
        "chiffres": _headline(sources),
        "bandeau": _band(sources),
        "essentiel": _essentials(sources, spof),
        "boucles": _loops(sources),
        "coordinations": _coordinations(sources)[0],
        "coordinations_note": _coordinations(sources)[1],
        "services": services,
        "non_recus": ", ".join(f"{s['nom']} ({s['code']})" for s in missing_books),
        "illisibles": ", ".join(
            f"{text(s.get('name'))} ({text(s.get('code'))} : {s['unreadable']})" for s in unreadable
        ),
        "spof": spof,
        "ecarts_poles": _gaps_by_pole(sources),
        "ecarts_types": _gap_types(sources),
        "ecarts_pires": _worst_gaps(sources),
        "regle_gravite": SEVERITY_RULE,
        "regle_couverture": COVERAGE_RULE,
        "decisions": decisions_context(sources),
        "achats": _procurement(sources),
        "ordre": _order(sources),
        "regle_ordre": text(cons.order_rule, DASH),
        "exercices": programme_context(cons),
        "controle_ok": bool(cons.control_ok),
    }
