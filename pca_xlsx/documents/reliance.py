"""Who a service relies on and who relies on it, for its documents: summary sheet partners,
coordination gaps, and the services to call first with their off-network numbers."""

from __future__ import annotations

import re
from itertools import zip_longest

import numpy as np

from ..consolidate.reliances import WEIGHTS
from ..core.values import and_others
from ..core.words import counted
from ..format import fold
from .lookup import Records
from .text import DASH, missing, number, text

#: Services listed under « À appeler en premier » on a reflex sheet and crisis binder.
MAX_CALLS = 4
#: The crisis directory's function listed first on every reflex sheet, when the referential has it.
CRISIS_CELL = "Cellule de crise"
#: Characters of a process name in the « Pourquoi » of a call (two lines of the poster's column).
MAX_REASON = 40


def _has(frame, columns: tuple[str, ...]) -> bool:
    return not frame.empty and set(columns) <= set(frame.columns)


def _where(frame, columns: tuple[str, str], keep):
    """The rows of ``frame`` where ``keep(first, second)`` holds, the two columns as text (the GHT's tables
    are large: only the rows kept are indexed)."""
    if not _has(frame, columns):
        return frame
    return frame[keep(*(frame[c].astype(str) for c in columns)).to_numpy()]


def _texts(frame, column: str) -> list[str]:
    return [str(v) for v in frame[column].tolist()]


def _relies(sources, frame) -> None:
    """Index ``frame``'s reliance rows both ways (A relies on B: ``relied[A][B]`` and ``relying[B][A]``)."""
    if _has(frame, ("code", "relies_on")):
        records = Records(frame)
        sources.relied.add(records, _texts(frame, "code"))
        sources.relying.add(records, _texts(frame, "relies_on"))


def _gap_keys(frame) -> list[tuple]:
    """Each coordination row's identity (code, partner, source, cell, detail), as text."""
    columns = [_texts(frame, k) if k in frame.columns else ["None"] * len(frame)
               for k in ("code", "partner", "source", "cell", "detail")]  # fmt: skip
    return list(zip(*columns))


def index_reliances(sources) -> None:
    """Fill ``sources.relied``, ``sources.relying`` and ``sources.coordination`` from the consolidation."""
    _relies(sources, sources.consolidation.reliances)
    coordination = sources.consolidation.coordination
    if _has(coordination, ("code", "partner")):
        records = Records(coordination)
        sources.coordination.add(records, _texts(coordination, "code"))
        sources.coordination.add(records, _texts(coordination, "partner"))


def index_foreign(sources, ght) -> None:
    """In an establishment's documents (a GHT): the other establishments' services relying on its own, and
    the coordination gaps between them, from the GHT's consolidation ``ght`` (the part holds its own rows
    only, and each such gap is held by one establishment): each side's referent sees who counts on them."""
    if ght is None:
        return
    own = sources.received | {str(c) for c in sources.listed}
    _relies(sources, _where(ght.reliances, ("code", "relies_on"), lambda a, b: ~a.isin(own) & b.isin(own)))
    mine = sources.consolidation.coordination
    known = set(_gap_keys(mine)) if _has(mine, ("code", "partner")) else set()
    across = _where(ght.coordination, ("code", "partner"), lambda a, b: a.isin(own) != b.isin(own))
    if not _has(across, ("code", "partner")):
        return
    keys, rows = [], []
    for i, (key, a, b) in enumerate(zip(_gap_keys(across), _texts(across, "code"), _texts(across, "partner"))):
        if key not in known:  # the gaps this part holds are there
            known.add(key)
            keys.append(a if a in own else b)
            rows.append(i)
    sources.coordination.add(Records(across), keys, np.array(rows, dtype=np.intp))


def _weight(rows: list[dict]) -> int:
    return max((int(number(r.get("weight")) or 1) for r in rows), default=0)


#: Partner services listed on a summary sheet (vital and critical first); the rest is counted.
MAX_PARTNERS = 5
#: Process numbers shown per map and partner on a summary sheet; the rest is counted.
MAX_NUMBERS = 5


def _numbers(values) -> str:
    found = sorted({int(n) for v in values if (n := number(v)) is not None})
    shown = ", ".join(str(n) for n in found[:MAX_NUMBERS])
    return f"{shown} et {len(found) - MAX_NUMBERS} autres" if len(found) > MAX_NUMBERS else shown


def _level(value) -> str:
    """`` (Vitale)`` after a process: its own criticality, "" when the row has none."""
    shown = text(value)
    return f" ({shown})" if shown else ""


def _resource_parts(rows: list[dict]) -> list[str]:
    """« dépendance critique à DECT », « dépendance forte à GAP, SGL »: the dependencies on resources the
    other service runs, each with its own level (a resource row's criticality is the dependency's, never a
    process's)."""
    by_level: dict[str, set[str]] = {}
    for r in rows:
        if r.get("via") == "Ressource":
            by_level.setdefault(text(r.get("criticality")), set()).add(text(r.get("resource")))
    out = []
    for level in sorted(by_level, key=lambda v: -(WEIGHTS.get(v, 1))):
        names = ", ".join(sorted(by_level[level], key=fold))
        out.append(f"dépendance {level.lower()} à {names}" if level else f"dépendance à {names}")
    return out


def _summary(rows: list[dict], mine: bool) -> str:
    """« nos N° 1, 2 (Vitale) ; ses N° 10 (Majeure) ; dépendance critique à DECT » for the reliance rows
    between two services, each part with its own criticality; ``mine``: the rows' relying service is the
    sheet's own."""
    groups: dict[tuple[bool, str], list] = {}
    for r in rows:
        if r.get("via") != "Ressource":
            ours = (r.get("via") == "Services sollicités") == mine
            groups.setdefault((ours, text(r.get("criticality"))), []).append(r.get("number"))
    order = sorted(groups, key=lambda k: (not k[0], -(WEIGHTS.get(k[1], 1))))
    parts = [f"{'nos' if ours else 'ses'} N° {_numbers(groups[ours, level])}{_level(level)}" for ours, level in order]
    return " ; ".join(parts + _resource_parts(rows)) or DASH


def partners(sources, code: str, side: str) -> list[dict]:
    """``side`` "relied": services ``code`` relies on; "relying": services relying on ``code``;
    each with what for (highest criticality, process N° of each map, resources), most needed first."""
    table = getattr(sources, side).get(code, {})
    ordered = sorted(table.items(), key=lambda kv: (-_weight(kv[1]), -len(kv[1]), kv[0]))
    mine = side == "relied"
    return [{"code": other, "nom": sources.name(other), "processus": _summary(rows, mine)} for other, rows in ordered]


def interface_rows(sources, code: str) -> list[dict]:
    """One row per partner: what we rely on it for, what it relies on us for (« — » when nothing)."""
    ours = {p["code"]: p for p in partners(sources, code, "relied")}
    theirs = {p["code"]: p for p in partners(sources, code, "relying")}
    order = list(ours) + [c for c in theirs if c not in ours]
    rank = {c: i for i, c in enumerate(order)}
    order.sort(key=lambda c: (-max(_weight(sources.relied.get(code, {}).get(c, [])),
                                   _weight(sources.relying.get(code, {}).get(c, []))), rank[c]))  # fmt: skip
    return [
        {
            "service": f"{sources.name(c)} ({c})",
            "comptons": ours[c]["processus"] if c in ours else DASH,
            "comptent": theirs[c]["processus"] if c in theirs else DASH,
        }
        for c in order
    ]


def interfaces_shown(sources, code: str) -> tuple[list[dict], str]:
    """The first ``MAX_PARTNERS`` rows of :func:`interface_rows`, and a note counting the others."""
    rows = interface_rows(sources, code)
    rest = len(rows) - MAX_PARTNERS
    more = (
        f"… et {counted(rest, 'autre service')} : voir la feuille « Interfaces » du classeur consolidé."
        if rest > 0
        else ""
    )
    return rows[:MAX_PARTNERS], more


#: Services listed in each of the two tables of a summary sheet; processes named per service.
MAX_SIDE = 2
MAX_PROCESSES = 1


def what_for(rows: list[dict], mine: bool) -> str:
    """« son N° 13 « Transfert en réanimation » (Vitale) et 1 autre ; dépendance critique à DECT »: the first
    process behind the reliance rows between two services with its own criticality, the others counted, then
    the dependencies on resources with theirs, told from the sheet's service (``mine``: the rows' relying
    service is the sheet's own)."""
    names = []
    for r in sorted(rows, key=lambda r: (-(number(r.get("weight")) or 1), number(r.get("number")) or 0)):
        if r.get("via") == "Ressource":
            continue
        # the row's N° is the relying service's on « Services sollicités », the other's on « Services bénéficiaires »
        ours = (r.get("via") == "Services sollicités") == mine
        label = re.sub(r"\s*\([A-Z0-9_-]+\)$", "", text(r.get("process"), DASH))  # « N° 31 « … » (REA) »
        item = f"{'notre' if ours else 'son'} {label}{_level(r.get('criticality'))}"
        if item not in names:
            names.append(item)
    first = " ".join(names[:MAX_PROCESSES]) + and_others(len(names) - MAX_PROCESSES)
    return " ; ".join(([first] if first else []) + _resource_parts(rows)) or DASH


def sides(sources, code: str) -> dict:
    """The summary sheet's two lists, side by side (``cotes``): the services relying on us and those we rely
    on, most needed first, each with its first process; the others are named in ``cotes_suite``."""
    out, rest = {}, []
    for key, side, mine in (("comptent_sur_nous", "relying", False), ("nous_comptons", "relied", True)):
        table = getattr(sources, side).get(code, {})
        ordered = sorted(table.items(), key=lambda kv: (-_weight(kv[1]), -len(kv[1]), kv[0]))
        out[key] = [{"service": f"{sources.name(o)} ({o})", "pour": what_for(rows, mine)} for o, rows in
                    ordered[:MAX_SIDE]]  # fmt: skip
        if len(ordered) > MAX_SIDE:
            others = ", ".join(o for o, _ in ordered[MAX_SIDE:])
            rest.append(f"{'nous comptons aussi sur' if mine else 'comptent aussi sur nous'} : {others}")
    note = " ; ".join(rest)
    out["cotes_suite"] = f"{note[:1].upper()}{note[1:]}." if rest else ""
    theirs, ours = out["comptent_sur_nous"], out["nous_comptons"]
    out["cotes"] = [
        {
            "comptent": f"{a['service']} : {a['pour']}" if a else "",
            "comptons": f"{b['service']} : {b['pour']}" if b else "",
        }
        for a, b in zip_longest(theirs, ours)
    ]
    return out


def coordination_lines(sources, code: str) -> list[dict]:
    """The coordination gaps where ``code`` relies on a partner, or a partner relies on it."""
    out = []
    for g in sources.coordination.get(code, []):
        mine = str(g.get("code")) == code
        other = str(g.get("partner") if mine else g.get("code"))
        level = text(g.get("criticality")).lower()
        what = f"{text(g.get('process'))} ({level}, {text(g.get('resource'), 'ressource non précisée')})"
        if g.get("problem") == "absent":
            detail = (
                f"nous comptons sur lui pour notre {what}, son classeur ne nous cite pas."
                if mine
                else f"il compte sur nous pour son {what}, notre classeur ne le cite pas."
            )
        else:
            detail = (
                f"nous comptons sur lui pour notre {what}, sa parade est « À construire »."
                if mine
                else f"il compte sur nous pour son {what}, notre parade est « À construire »."
            )
        out.append({"avec": f"{sources.name(other)} ({other})", "detail": detail})
    return out


def _words(value) -> set[str]:
    return {w for w in fold(value).replace("-", " ").split() if len(w) > 4}


def establishment_code(sources, service: str = "") -> str:
    """The code of the one establishment these documents are for: the referential's only one, or at a
    GHT's level the establishment of ``service`` ("" for the GHT itself or an unnamed one)."""
    rows = sources.referential.establishments
    if rows is not None and len(rows) == 1:
        return str(rows.iloc[0]["code"])
    if service and rows is not None and len(rows) >= 2:
        return sources.owners.get(service, "")
    return ""


def mine(row: dict, establishment: str, ght: bool = False) -> bool:
    """A referential row (directory, contacts) for this establishment: its own or the whole GHT's (blank
    code); at a GHT's level (``ght``) every row."""
    owner = text(row.get("establishment"))
    return ght or not owner or not establishment or fold(owner) == fold(establishment)


def _directory(sources, service: str = "") -> list[dict]:
    """The directory rows with a phone for this establishment (its own crisis cell, not another's)."""
    rows = sources.directory_rows
    if not rows:
        return []
    code = establishment_code(sources, service)
    return [r for r in rows if not missing(r.get("phone")) and mine(r, code)]


_QUOTED = re.compile(r"«\s*(.+?)\s*»")


def why_call(rows: list[dict]) -> str:
    """Why a service is called first, in plain words: the processes of this service that depend on it."""
    names: dict[str, list[str]] = {"Vitale": [], "Majeure": [], "": []}
    for r in rows:
        found = _QUOTED.search(text(r.get("process")))
        name = found.group(1) if found else text(r.get("process"))
        level = text(r.get("criticality")) if text(r.get("criticality")) in names else ""
        if name and name not in names[level]:
            names[level].append(name)
    for level, words in (("Vitale", "Vital : "), ("Majeure", "Majeur : "), ("", "")):
        if names[level]:
            more = len(names[level]) - 1
            name = names[level][0]
            if len(name) > MAX_REASON:
                name = name[:MAX_REASON].rsplit(" ", 1)[0] + "…"
            return f"{words}{name}{and_others(more)}"
    return "Service dont ce service dépend"


def call_first(sources, code: str) -> list[dict]:
    """The crisis cell, then the services ``code`` relies on most (vital first), each with its
    referents' off-network phones and the hospital function of the crisis directory that matches
    its name (« Ingénierie biomédicale » → « Astreinte biomédicale »)."""
    directory = _directory(sources, code)
    out = [
        {
            "qui": text(r.get("function")),
            "pourquoi": text(r.get("availability"), DASH),
            "joindre": f"{text(r.get('name'))} – {text(r.get('phone'))}".strip(" –"),
        }  # fmt: skip
        for r in directory
        if fold(r.get("function")) == fold(CRISIS_CELL)
    ]
    table = sources.relied.get(code, {})
    ordered = sorted(table.items(), key=lambda kv: (-_weight(kv[1]), -len(kv[1]), kv[0]))[:MAX_CALLS]
    for other, rows in ordered:
        row = sources.identity(other)
        lines = [f"{r['nom']} – {r['telephone']}" for r in referents(row) if r["nom"] != "À désigner"]
        words = _words(sources.name(other))
        lines += [
            f"{text(r.get('function'))} – {text(r.get('phone'))}"
            for r in directory
            if words and words & _words(r.get("function"))
        ]
        elsewhere = other not in sources.received and other not in sources.listed
        if elsewhere and not lines:  # a service of another establishment of the GHT: its workbook is not here
            lines = ["Autre établissement du GHT : passer par la cellule de crise"]
        duty = text(row.get("duty_phone"))
        if duty:  # the on-duty phone answers day and night; the first referent as a fallback
            lines = [f"Garde (jour et nuit) : {duty}", *lines[:1], *lines[2:]]
        why = why_call(rows)
        out.append(
            {
                "qui": f"{sources.name(other)} ({other})",
                "pourquoi": why,
                "joindre": "\n".join(lines) or "Référents à désigner",
            }
        )
    return out


def referents(row: dict) -> list[dict]:
    """The two referents with role, name and off-network phone."""
    return [
        {
            "role": role,
            "nom": text(row.get(name_key), "À désigner"),
            "telephone": text(row.get(phone_key), DASH),
        }
        for role, name_key, phone_key in (
            ("Référent médical", "medical_referent", "medical_phone"),
            ("Référent paramédical", "paramedical_referent", "paramedical_phone"),
        )
    ]
