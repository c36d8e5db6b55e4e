"""The referential's own changes in ``Évolutions``: pôles, services, resources and scenarios added,
removed or changed since the compared run (its snapshot keeps the referential's rows)."""

from __future__ import annotations

import pandas as pd

from ..consolidate.evolutions import ADDED, CHANGED, EVOLUTION_COLUMNS, REMOVED, evolutions_note, shown
from ..core.values import texts
from ..format.referential import POLES, RESOURCES, SCENARIOS, SERVICES

#: (referential attribute, sheet spec, key column).
SHEETS = (("poles", POLES, "code"), ("services", SERVICES, "code"), ("resources", RESOURCES, "name"),
          ("scenarios", SCENARIOS, "name"))  # fmt: skip
NAME = "Référentiel"


def referential_state(referential) -> dict:
    """Sheet name → {key: {column key: text}} of the referential's rows."""
    out = {}
    for attr, spec, key in SHEETS:
        frame: pd.DataFrame = getattr(referential, attr)
        columns = [c for c in spec.keys if c in frame.columns]
        values = {c: texts(frame[c]) for c in columns}
        out[spec.name] = {
            str(k): {c: values[c][i] for c in columns if c != key} for i, k in enumerate(texts(frame[key]))
        }
    return out


#: « Type » of the ``Renommages`` sheet → the referential sheet it renames in.
KIND_SHEETS = {"Pôle": POLES.name, "Service": SERVICES.name, "Ressource": RESOURCES.name, "Scénario": SCENARIOS.name}


def referential_changes(previous: dict | None, current: dict, file: str, renames=()) -> pd.DataFrame:
    """One Évolutions row per referential row added, removed or changed (none without an earlier state);
    ``renames``: (kind, old, new) of the ``Renommages`` sheet, shown as one renamed row."""
    rows = []
    if previous:
        for _, spec, _ in SHEETS:
            old, new = previous.get(spec.name, {}), current.get(spec.name, {})
            renamed = [(a, b) for kind, a, b in renames if KIND_SHEETS.get(kind) == spec.name and a in old
                       and a not in new and b in new and b not in old]  # fmt: skip
            labels = {c.key: c.label for c in spec.columns}

            def add(key: str, change: str, detail: str, sheet: str = spec.name) -> None:
                rows.append({"code": "", "name": NAME, "sheet": f"{NAME} · {sheet}", "key": key,
                             "change": change, "detail": detail, "source": f"{file} · {sheet}"})  # fmt: skip

            for a, b in renamed:
                add(b, CHANGED, f"renommé : « {a} » → « {b} » (feuille Renommages)")
            gone, came = {a for a, _ in renamed}, {b for _, b in renamed}
            for key in sorted(set(new) - set(old) - came):
                add(key, ADDED, " ; ".join(f"{labels.get(c, c)} : {shown(v)}" for c, v in new[key].items() if v)[:300])
            for key in sorted(set(old) - set(new) - gone):
                add(key, REMOVED, "")
            for key in sorted(set(old) & set(new)):
                diff = [f"{labels.get(c, c)} : « {shown(old[key].get(c, ''))} » → « {shown(v)} »"
                        for c, v in new[key].items() if old[key].get(c, "") != v]  # fmt: skip
                if diff:
                    add(key, CHANGED, " ; ".join(diff))
    return pd.DataFrame(rows, columns=EVOLUTION_COLUMNS)


def add_referential_changes(consolidation, referential, previous: dict | None) -> None:
    """Keep the referential in the snapshot to save; put its changes first in ``Évolutions``."""
    current = referential_state(referential)
    consolidation.snapshot_state["referential"] = current
    file = referential.path.name if referential.path else "referentiel.xlsx"
    frame = referential.renames
    renames = [(str(k), str(a), str(b)) for k, a, b in zip(frame["kind"], frame["old"], frame["new"])]
    changes = referential_changes((previous or {}).get("referential"), current, file, renames)
    if changes.empty:
        return
    consolidation.evolutions = pd.concat([changes, consolidation.evolutions], ignore_index=True)
    consolidation.evolutions_note = evolutions_note(consolidation.evolutions, previous or {})
