"""Évolutions: rows added, removed and changed per service since the previous run.

Each run stores a JSON snapshot of every consolidated row under ``<output>/etat/`` (:mod:`.snapshot`: read
here once the current rows are known, saved by the pipeline, atomically, after the consolidated workbook).
Rows are matched by service and a key per sheet (``N°`` for processes, the resource for applications...);
the other fields are compared as text.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..core.values import listing, texts
from ..core.words import counted, joined
from ..format import DATA_SHEETS, SHEETS_BY_KEY, fold
from ..format.tables import TABLES
from .common import Directory
from .snapshot import SNAPSHOT_VERSION, SavedState, Unchanged

#: Fields that identify a row within a service, per sheet key (from the format).
ROW_KEYS: dict[str, tuple[str, ...]] = {s.key: s.row_key for s in DATA_SHEETS}
ADDED, REMOVED, CHANGED = "Ligne ajoutée", "Ligne supprimée", "Ligne modifiée"
NEW_SERVICE, GONE_SERVICE = "Nouveau classeur", "Classeur absent de cette consolidation"
EVOLUTION_COLUMNS = TABLES["evolutions"].keys


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def shown(value: str) -> str:
    """A stored value as the user reads it: ISO dates as jj/mm/aaaa."""
    match = _ISO_DATE.fullmatch(value)
    return f"{match.group(3)}/{match.group(2)}/{match.group(1)}" if match else value


def _key_label(sheet: str, values: Sequence[str]) -> str:
    if sheet == "processus":
        return f"N° {values[0]}"
    if sheet == "service":
        return "Identité"
    return " · ".join(shown(v) for v in values if v) or "(vide)"


def make_state(details: dict[str, pd.DataFrame], generated: dt.datetime) -> dict[str, Any]:
    """Every row as text: sheets -> {columns, rows: {code: {row key: [values..., source]}}}."""
    sheets: dict[str, Any] = {}
    for sheet, keys in ROW_KEYS.items():
        frame = details.get(sheet)
        columns = [k for k in SHEETS_BY_KEY[sheet].keys if k not in keys]
        rows: dict[str, dict[str, list[str]]] = {}
        if frame is not None and not frame.empty:
            key_rows, value_rows = _text_rows(frame, keys), _text_rows(frame, columns)
            for code, source, parts, values in zip(frame["code"], frame["source"], key_rows, value_rows):
                per = rows.setdefault(code, {})
                fid = base = "|".join([fold(p) for p in parts])
                n = 2
                while fid in per:  # duplicate key within a service: keep them apart
                    fid, n = f"{base}#{n}", n + 1
                per[fid] = [_key_label(sheet, parts), *values, source]
        sheets[sheet] = {"columns": columns, "rows": rows}
    return {"version": SNAPSHOT_VERSION, "generated": generated.isoformat(timespec="seconds"), "sheets": sheets}


def _text_rows(frame: pd.DataFrame, columns: Sequence[str]):
    """The frame's ``columns`` as text, row by row (tuples; empty ones when there are no columns)."""
    if not columns:
        return itertools.repeat((), len(frame))
    return zip(*[texts(frame[c]) for c in columns])


def _label(sheet: str, column: str) -> str:
    return SHEETS_BY_KEY[sheet].column(column).label


def compare(previous: dict[str, Any], current: dict[str, Any], people: Directory) -> pd.DataFrame:
    rows: list[dict[str, str]] = []

    def add(code: str, sheet: str, key: str, change: str, detail: str, source: str) -> None:
        name = SHEETS_BY_KEY[sheet].name if sheet else ""
        rows.append(
            {
                "code": code,
                "name": people.names.get(code, ""),
                "sheet": name,
                "key": key,
                "change": change,
                "detail": detail,
                "source": source,
            }
        )

    def services(state: dict[str, Any]) -> set[str]:
        return set(state["sheets"].get("service", {}).get("rows", {}))

    before, after = services(previous), services(current)
    for code in sorted(after - before):
        count = sum(len(s["rows"].get(code, {})) for s in current["sheets"].values())
        lines = counted(count, "ligne consolidée", "lignes consolidées")
        add(code, "", "", NEW_SERVICE, f"{lines} pour la première fois", "")
    for code in sorted(before - after):
        add(code, "", "", GONE_SERVICE, "Le service figurait dans la consolidation précédente", "")
    for sheet in ROW_KEYS:
        old_sheet = previous["sheets"].get(sheet, {"columns": [], "rows": {}})
        new_sheet = current["sheets"][sheet]
        columns = new_sheet["columns"]
        same_columns = old_sheet.get("columns") == columns
        for code in sorted(before & after):
            old = old_sheet["rows"].get(code, {})
            new = new_sheet["rows"].get(code, {})
            if type(old) is Unchanged or (same_columns and old == new):  # most services between two working groups
                continue
            for fid in sorted(set(new) - set(old), key=_natural):
                add(code, sheet, new[fid][0], ADDED, _describe(sheet, columns, new[fid]), new[fid][-1])
            for fid in sorted(set(old) - set(new), key=_natural):
                add(code, sheet, old[fid][0], REMOVED, _describe(sheet, columns, old[fid]), old[fid][-1])
            if not same_columns:
                continue
            for fid in sorted(set(old) & set(new), key=_natural):
                a, b = old[fid], new[fid]
                changed = [
                    f"{_label(sheet, col)} : « {shown(x)} » → « {shown(y)} »"
                    for col, x, y in zip(columns, a[1:-1], b[1:-1])
                    if x != y
                ]
                if changed:
                    add(code, sheet, b[0], CHANGED, " ; ".join(changed), b[-1])
    return pd.DataFrame(rows, columns=EVOLUTION_COLUMNS)


def _natural(fid: str) -> tuple:
    head = fid.split("|")[0].split("#")[0]
    return (0, float(head), fid) if head.replace(".", "", 1).isdigit() else (1, 0.0, fid)


def _describe(sheet: str, columns: list[str], values: list[str]) -> str:
    parts = [f"{_label(sheet, c)} : {shown(v)}" for c, v in zip(columns, values[1:-1]) if v][:4]
    return " ; ".join(parts)


def build_evolutions(
    details: dict[str, pd.DataFrame],
    people: Directory,
    generated: dt.datetime,
    previous: dict[str, Any] | SavedState | None,
    wanted: bool,
) -> tuple[pd.DataFrame, str, dict[str, Any] | None]:
    """(changes since ``previous``, French note, new state to save or None when not ``wanted``); a
    :class:`~.snapshot.SavedState` is read here, once the current rows are known."""
    if not wanted:
        return pd.DataFrame(columns=EVOLUTION_COLUMNS), "Comparaison non demandée pour cette exécution.", None
    current = make_state(details, generated)
    if isinstance(previous, SavedState):
        previous = previous.read(current)
    if previous is None:
        note = (
            "Première consolidation : il n'y a rien à comparer. Les changements apparaîtront à la prochaine exécution."
        )
        return pd.DataFrame(columns=EVOLUTION_COLUMNS), note, current
    changes = compare(previous, current, people)
    return changes, evolutions_note(changes, previous), current


#: (change, singular, plural) as the note counts them: rows of the services' sheets, then whole workbooks.
_ROW_CHANGES = ((ADDED, "ligne ajoutée", "lignes ajoutées"), (REMOVED, "ligne supprimée", "lignes supprimées"),
                (CHANGED, "ligne modifiée", "lignes modifiées"))  # fmt: skip
_WORKBOOK_CHANGES = ((NEW_SERVICE, "nouveau classeur", "nouveaux classeurs"),
                     (GONE_SERVICE, "classeur absent de cette consolidation",
                      "classeurs absents de cette consolidation"))  # fmt: skip
#: Service codes the note names at most (the sheet lists them all).
NAMED = 10


def evolutions_note(changes: pd.DataFrame, previous: dict[str, Any]) -> str:
    """The French sentence above ``Évolutions`` and in the CLI, each count saying what it counts: « 1 ligne
    modifiée dans 1 service ; 1 classeur absent de cette consolidation (PNEUMO) ». Rows with no service
    code are the referential's (:mod:`pca_xlsx.campaign.referential_changes`)."""
    when = previous.get("generated", "")
    try:
        when = dt.datetime.fromisoformat(when).strftime("%d/%m/%Y à %H:%M")
    except (TypeError, ValueError):
        pass
    if changes.empty:
        return f"Aucun changement depuis la consolidation du {when}."
    parts = []
    kinds = changes["change"]
    rows = changes[kinds.isin([c for c, _, _ in _ROW_CHANGES]) & (changes["code"] != "")]
    per_change = rows["change"].value_counts()
    row_counts = [counted(int(per_change[c]), one, many) for c, one, many in _ROW_CHANGES if c in per_change.index]
    if row_counts:
        parts.append(f"{joined(row_counts)} dans {counted(rows['code'].nunique(), 'service')}")
    for change, one, many in _WORKBOOK_CHANGES:
        codes = changes.loc[kinds == change, "code"].tolist()
        if codes:
            parts.append(f"{counted(len(codes), one, many)} ({listing(codes, ', ', NAMED)})")
    referential = int((changes["code"] == "").sum())
    if referential:
        parts.append(f"{counted(referential, 'changement')} du référentiel (en tête de la feuille)")
    return f"Changements depuis la consolidation du {when} : {' ; '.join(parts)}."
