"""Who a service relies on and who relies on it, for its documents: summary sheet partners,
coordination gaps, and the services to call first with their off-network numbers."""

from __future__ import annotations

from ..format import fold
from .text import DASH, integer, missing, number, text

#: Processes named per partner on a summary sheet; the rest is counted.
MAX_PROCESSES = 4
#: Services listed under « À appeler en premier » on a reflex sheet and crisis binder.
MAX_CALLS = 6
#: The crisis directory's function listed first on every reflex sheet, when the referential has it.
CRISIS_CELL = "Cellule de crise"


def index_reliances(sources) -> None:
    """Fill ``sources.relied``, ``sources.relying`` and ``sources.coordination`` from the consolidation."""
    frame = sources._frame("reliances")
    if not frame.empty and {"code", "relies_on"} <= set(frame.columns):
        for row in frame.to_dict("records"):
            a, b = str(row["code"]), str(row["relies_on"])
            sources.relied.setdefault(a, {}).setdefault(b, []).append(row)
            sources.relying.setdefault(b, {}).setdefault(a, []).append(row)
    gaps = sources._frame("coordination")
    if not gaps.empty and {"code", "partner"} <= set(gaps.columns):
        for row in gaps.to_dict("records"):
            sources.coordination.setdefault(str(row["code"]), []).append(row)
            sources.coordination.setdefault(str(row["partner"]), []).append(row)


def _weight(rows: list[dict]) -> int:
    return max((int(number(r.get("weight")) or 1) for r in rows), default=0)


def _processes(rows: list[dict]) -> str:
    """« N° 1 « … » (vitale) ; … » — at most ``MAX_PROCESSES``, then a count."""
    seen: dict[str, None] = {}
    for r in sorted(rows, key=lambda r: -(number(r.get("weight")) or 1)):
        level = text(r.get("criticality")).lower()
        seen.setdefault(f"{text(r.get('process'))}{f' ({level})' if level else ''}", None)
    items = list(seen)
    shown = " ; ".join(items[:MAX_PROCESSES])
    rest = len(items) - MAX_PROCESSES
    return f"{shown} ; et {rest} autre(s)" if rest > 0 else shown


def partners(sources, code: str, side: str) -> list[dict]:
    """``side`` "relied": services ``code`` relies on; "relying": services relying on ``code``;
    each with its processes, the most needed first."""
    table = getattr(sources, side).get(code, {})
    ordered = sorted(table.items(), key=lambda kv: (-_weight(kv[1]), -len(kv[1]), kv[0]))
    return [{"code": other, "nom": sources.name(other), "processus": _processes(rows)} for other, rows in ordered]


def coordination_lines(sources, code: str) -> list[dict]:
    """The coordination gaps where ``code`` relies on a partner, or a partner relies on it."""
    out = []
    for g in sources.coordination.get(code, []):
        mine = str(g.get("code")) == code
        other = str(g.get("partner") if mine else g.get("code"))
        out.append(
            {
                "avec": f"{sources.name(other)} ({other})",
                "sens": "Nous comptons sur lui" if mine else "Il compte sur nous",
                "detail": text(g.get("detail")),
            }
        )
    return out


def _words(value) -> set[str]:
    return {w for w in fold(value).replace("-", " ").split() if len(w) > 4}


def _directory(sources) -> list[dict]:
    frame = getattr(sources.referential, "crisis_directory", None)
    if frame is None or getattr(frame, "empty", True):
        return []
    return [r for r in frame.to_dict("records") if not missing(r.get("phone"))]


def call_first(sources, code: str) -> list[dict]:
    """The crisis cell, then the services ``code`` relies on most (vital first), each with its
    referents' off-network phones and the hospital function of the crisis directory that matches
    its name (« Ingénierie biomédicale » → « Astreinte biomédicale »)."""
    from .context import referents

    directory = _directory(sources)
    out = [
        {"qui": text(r.get("function")), "pourquoi": text(r.get("availability"), DASH),
         "joindre": f"{text(r.get('name'))} – {text(r.get('phone'))}".strip(" –")}  # fmt: skip
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
        vital = sum(1 for r in rows if (number(r.get("weight")) or 1) >= 3)
        why = f"{integer(len(rows))} ligne(s)" + (f", dont {integer(vital)} vitale(s) ou critique(s)" if vital else "")
        out.append(
            {"qui": f"{sources.name(other)} ({other})", "pourquoi": why, "joindre": "\n".join(lines) or "Référents à désigner"}
        )
    return out
