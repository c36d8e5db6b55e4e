"""Document contexts for one service: summary sheet, reflex sheet, crisis binder.

Everything here turns raw rows into display-ready French strings (plain dicts and lists, so
contexts pickle to worker processes). Inputs: the referential, the validated tables (one
DataFrame per sheet key, META column ``_service``) and the :class:`Consolidation` (figures, gaps,
interfaces, order); an empty table means an empty section.
"""

from __future__ import annotations

from typing import Any

from ..consolidate.coordination import COORDINATION
from ..consolidate.gaps import PREREQUISITE
from ..consolidate.ranking import CRITICAL
from ..consolidate.vital import NO_OWNER, PROTECTED_RULE
from ..core import words
from ..core.values import to_date
from ..format import fold
from ..format.model import split_list
from ..format.ranks import RANK
from ..format.vocabulary import VITAL
from .outage import outage_context
from .reliance import (
    call_first,
    coordination_lines,
    interfaces_shown,
    partners,
    referents,
    sides,
)
from .sources import Sources
from .text import DASH, date_fr, integer, long_date, number, paper, pct, text

#: Gaps listed on a summary sheet; the rest is counted.
MAX_GAPS = 5
#: Key services listed with their phones on a reflex sheet.
MAX_CONTACTS = 5


def common(sources: Sources) -> dict:
    """Variables every template uses: establishment, group, date."""
    ref = sources.referential
    establishment = ref.establishment
    return {
        "etablissement": text(establishment.get("name"), "Établissement"),
        "ght": text(establishment.get("group")),
        "date": sources.today.strftime("%d/%m/%Y"),
        "date_longue": long_date(sources.today),
    }


def provisional(errors: Any) -> str:
    """The banner of a document built from a workbook with errors, "" when there are none."""
    count = int(number(errors) or 0)
    return f"PROVISOIRE – {count} {'erreur' if count == 1 else 'erreurs'} à corriger" if count else ""


def service_header(sources: Sources, code: str) -> dict:
    row = sources.identity(code)
    return {
        "provisoire": provisional(sources.people.get(code, {}).get("errors")),
        "code": text(code),
        "nom": text(row.get("name"), code),
        "pole": text(row.get("pole_name"), DASH),
        "categorie": text(row.get("category"), DASH),
        "site": text(row.get("site")),
        "referents": referents(row),
    }


def _rank(level: Any) -> int:
    """Faible 1 … Critique 4 (values are canonical after validation), 0 otherwise."""
    return RANK.get(level, 0)


def _figures(sources: Sources, code: str) -> dict:
    synth = sources.people.get(code, {})
    processes = sources.sheet(code, "processus")
    vital = sum(p.get("criticality") == VITAL for p in processes)
    rows = synth.get("processes", len(processes))
    unprotected = len(sources.frame_of(sources.consolidation.vital_register, code))
    return {
        "processus": integer(rows),
        "processus_libelle": words.plural(number(rows), "ligne de processus", "lignes de processus"),
        "vitaux": integer(vital),
        "parade": pct(synth.get("with_workaround_pct")),
        "testees": pct(synth.get("tested_pct")),
        "maturite": pct(synth.get("maturity")).replace("\u00a0%", "\u00a0/ 100"),
        "applications": integer(len(sources.sheet(code, "applications"))),
        "non_proteges": integer(unprotected, "0"),
        "non_proteges_libelle": words.plural(
            unprotected, "processus vital non protégé", "processus vitaux non protégés"
        ),
    }


def _links(sources: Sources, codes: list[str]) -> list[dict]:
    return [{"code": c, "nom": sources.name(c)} for c in codes]


def depends_on(sources: Sources, code: str) -> list[str]:
    return sorted(set(sources.needs.get(code, [])))


def depended_by(sources: Sources, code: str) -> list[str]:
    mapping = sources.consolidation.depended_by
    return sorted(str(c) for c in mapping.get(code, []))


def _vital_lines(sources: Sources, code: str) -> list[dict]:
    """The service's lines of the register of vital processes not yet protected, as section 7's first items,
    in the register's order (without owner first, then no workaround, to build, failed at an exercise)."""
    out = []
    for r in sources.rows_of(sources.consolidation.vital_register, code):
        due = to_date(r.get("due"))
        out.append(
            {
                "type": f"Processus vital non protégé ({text(r.get('why'))})",
                "detail": f"N° {integer(r.get('number'))} « {text(r.get('process'))} » – ressource "
                f"{text(r.get('resource'), DASH)}, interruption tolérable {text(r.get('tolerable'), 'non déclarée')} "
                f"– {text(r.get('owner'), NO_OWNER)}" + (f", échéance {due:%d/%m/%Y}" if due else "") + ".",
                "number": integer(r.get("number")),
            }
        )
    return out


def _gaps(sources: Sources, code: str) -> tuple[list[dict], str]:
    """The gaps of section 7: the service's register lines first (:mod:`pca_xlsx.consolidate.vital`), then,
    worst first, the critical ones, the coordination gaps (where the service relies on a partner or a partner
    relies on it, each told from this service's side; their severity is « Élevée ») and the others; a gap on a
    register line's N° is not repeated."""
    vital = _vital_lines(sources, code)
    numbers = {v["number"] for v in vital}
    coordination = [
        {"type": f"Coordination à organiser avec {g['avec']}", "detail": g["detail"]}
        for g in coordination_lines(sources, code)
    ]
    # the gaps table is sorted worst first: a service's first gaps are its worst
    own = [g for g in sources.gaps.get(code, []) if g.get("type") != COORDINATION
           and text(g.get("reference")) not in numbers]  # fmt: skip
    critical = sum(1 for g in own if g.get("severity") == CRITICAL)
    others = [
        {"type": f"{text(g.get('severity'))} · {text(g.get('type'))}" if g.get("severity") else text(g.get("type")),
         "detail": paper(g.get("detail"))}
        for g in own
    ]  # fmt: skip
    mine = vital + others[:critical] + coordination + others[critical:]
    shown = mine[: max(MAX_GAPS, len(vital))]
    rest = len(mine) - len(shown)
    others = words.plural(rest, "autre écart", "autres écarts")
    more = f"… et {rest} {others} : voir le classeur consolidé, feuille « Écarts »." if rest > 0 else ""
    return shown, more


def capacity(value: Any) -> str:
    """``24 lits ou places``, ``1 lit ou place``, or a sentence when not given."""
    n = number(value)
    if n is None:
        return "Non renseignée"
    return f"{integer(n)} lit ou place" if round(n) == 1 else f"{integer(n)} lits ou places"


def summary_context(sources: Sources, code: str) -> dict:
    """The summary sheet for management (fiche synthèse)."""
    row = sources.identity(code)
    apps = sorted(
        sources.sheet(code, "applications"), key=lambda a: (-_rank(a.get("dependency")), fold(text(a.get("resource"))))
    )
    gaps, more = _gaps(sources, code)
    biomedical = sources.sheet(code, "biomedical")
    return {
        **common(sources),
        **outage_context(sources, code),
        "service": service_header(sources, code),
        "capacite": capacity(row.get("capacity")),
        "ambition": pct(row.get("ambition")),
        "maintenues": text(row.get("kept_activities"), "Non renseigné."),
        "suspendues": text(row.get("suspended_activities"), "Non renseigné."),
        "capacite_degradee": text(row.get("degraded_capacity"), "Non renseignée."),
        "organisation": text(row.get("degraded_organisation"), "Non renseignés."),
        "mise_a_jour": date_fr(row.get("updated")),
        "dernier_exercice": date_fr(row.get("last_exercise"), "Aucun exercice enregistré"),
        "chiffres": _figures(sources, code),
        "applications": [
            {
                "ressource": text(a.get("resource"), DASH),
                "usage": text(a.get("usage")),
                "dependance": text(a.get("dependency"), DASH),
                "interruption": text(a.get("tolerable"), DASH),
                "degradee": text(a.get("degraded"), DASH),
            }
            for a in apps
        ],
        "depend_de": _links(sources, depends_on(sources, code)),
        "dependants": _links(sources, depended_by(sources, code)),
        "comptons": partners(sources, code, "relied"),
        "comptent": partners(sources, code, "relying"),
        "interfaces": interfaces_shown(sources, code)[0],
        "interfaces_suite": interfaces_shown(sources, code)[1],
        **sides(sources, code),
        "telecom": [
            {"moyen": text(t.get("means"), DASH), "quantite": integer(t.get("quantity")), "usage": text(t.get("usage"))}
            for t in sources.sheet(code, "telecom")
        ],
        "biomedical": [
            {
                "equipement": text(b.get("device"), DASH),
                "quantite": integer(b.get("quantity")),
                "reseau": text(b.get("connected"), DASH),
                "hors_reseau": text(b.get("offline"), DASH),
            }
            for b in biomedical
        ],
        "ecarts": gaps,
        "ecarts_suite": more,
        "regle_vitaux": PROTECTED_RULE,
    }


def _step_key(item: tuple[int, dict]) -> tuple:
    i, step = item
    n = number(step.get("step"))
    return (n is None, n if n is not None else 0, i)


def phases(steps: list[dict]) -> list[dict]:
    """Steps in order of their number, grouped into runs of the same phase."""
    groups: list[dict] = []
    for _, step in sorted(enumerate(steps), key=_step_key):
        phase = text(step.get("phase"), "Autres actions")
        if not groups or groups[-1]["phase"] != phase:
            groups.append({"phase": phase, "numero": len(groups) + 1, "etapes": []})
        groups[-1]["etapes"].append(
            {
                "numero": integer(step.get("step"), DASH),
                "action": text(step.get("action"), DASH),
                "qui": text(step.get("who"), DASH),
                "quand": text(step.get("when"), DASH),
            }
        )
    return groups


def contacts(sources: Sources, code: str) -> list[dict]:
    """Key services with their referents' off-network phones: those the service's process rows
    name most often first, then those that depend on it."""
    weight = sources.links
    needed = sorted(depends_on(sources, code), key=lambda c: (-weight.get((code, c), 0), c))
    others = sorted(
        (c for c in depended_by(sources, code) if c not in needed), key=lambda c: (-weight.get((c, code), 0), c)
    )
    linked = needed + others
    out = []
    for other in linked[:MAX_CONTACTS]:
        row = sources.identity(other)
        people = [f"{r['nom']} – {r['telephone']}" for r in referents(row) if r["nom"] != "À désigner"]
        out.append({"code": other, "nom": sources.name(other), "joindre": "\n".join(people) or "Référents à désigner"})
    return out


def reflex_context(sources: Sources, code: str) -> dict:
    """The reflex sheet: steps by phase, phones."""
    steps = sources.sheet(code, "fiche_reflexe")
    return {
        **common(sources),
        "service": service_header(sources, code),
        "phases": phases(steps),
        "nb_etapes": len(steps),
        "contacts": contacts(sources, code),
        "call_first": call_first(sources, code),
    }


def _process_row(p: dict) -> dict:
    return {
        "numero": integer(p.get("number")),
        "processus": text(p.get("process"), DASH),
        "criticite": text(p.get("criticality"), DASH),
        "ressource": text(p.get("resource"), DASH),
        "parade": text(p.get("workaround"), "AUCUNE PARADE DÉFINIE"),
        "interfaces": " ; ".join(
            part
            for part in (
                ", ".join(split_list(text(p.get("relies_on")))),
                ("pour " + ", ".join(split_list(text(p.get("serves"))))) if split_list(text(p.get("serves"))) else "",
            )
            if part
        )
        or DASH,
        "prerequis": text(p.get("prerequisites"), DASH),
        "responsable": text(p.get("owner"), DASH),
        "statut": text(p.get("status"), DASH),
    }


def by_resource(processes: list[dict]) -> list[dict]:
    """Process rows grouped by lost resource, groups in order of their first row number."""
    groups: dict[str, list[dict]] = {}
    for p in sorted(processes, key=lambda p: (number(p.get("number")) is None, number(p.get("number")) or 0)):
        groups.setdefault(text(p.get("resource"), "Ressource non précisée"), []).append(_process_row(p))
    return [{"ressource": name, "lignes": rows} for name, rows in groups.items()]


def other_prerequisites(sources: Sources, code: str) -> list[str]:
    """Prerequisites named by the workarounds that the documents list does not already hold:
    the consolidation's « Prérequis sans document correspondant » gaps of the service."""
    items = {fold(g["item"]): g["item"] for g in sources.gaps.get(code, []) if g.get("type") == PREREQUISITE}
    return sorted(items.values(), key=fold)


def binder_context(sources: Sources, code: str) -> dict:
    """The crisis binder: reflex sheet + process map by lost resource + documents checklist."""
    processes = sources.sheet(code, "processus")
    documents = sources.sheet(code, "documents")
    return {
        **reflex_context(sources, code),
        "parades": by_resource(processes),
        "documents": [
            {
                "document": text(d.get("document"), DASH),
                "type": text(d.get("type"), DASH),
                "quantite": integer(d.get("quantity")),
                "emplacement": text(d.get("location"), DASH),
                "responsable": text(d.get("owner"), DASH),
            }
            for d in documents
        ],
        "prerequis": other_prerequisites(sources, code),
    }
