"""A sheet the format misses beside a sheet it does not know: most likely the same sheet, renamed.

Each missing sheet is paired with the unknown sheet (holding data) whose first rows carry most of its
labels (table headers, or the form's labels in column A); one missing sheet and one unknown sheet are
paired even without a shared label. Both findings then say so: rename it back.
"""

from __future__ import annotations

import python_calamine as pc

from ..format import Sheet, fold

#: Rows of an unknown sheet looked at for the labels of a missing one.
HEAD_ROWS = 12


def _labels(workbook: pc.CalamineWorkbook, title: str) -> set[str]:
    """The folded texts of the first rows of sheet ``title`` (none when it cannot be read)."""
    try:
        rows = workbook.get_sheet_by_name(title).to_python(nrows=HEAD_ROWS)
    except Exception:  # noqa: BLE001 - an unreadable sheet shares no label
        return set()
    return {fold(str(v).rstrip("*")) for row in rows for v in row if isinstance(v, str) and v.strip()}


def renamed_sheets(workbook: pc.CalamineWorkbook, missing: list[Sheet], unknown: list[str]) -> dict[str, str]:
    """Name of a missing sheet → the unknown sheet it most likely is (see the module's docstring)."""
    if not missing or not unknown:
        return {}
    found = {title: _labels(workbook, title) for title in unknown}
    out: dict[str, str] = {}
    free = list(unknown)
    for spec in missing:
        wanted = {fold(c.label) for c in spec.all_columns}
        shared = {title: len(wanted & found[title]) for title in free}
        best = max(free, key=lambda t: shared[t], default=None)
        if best is not None and shared[best] > 0:
            out[spec.name] = best
            free.remove(best)
    if len(missing) == 1 and len(unknown) == 1 and not out:
        out[missing[0].name] = unknown[0]
    return out


#: Where a sheet put back is found: a service workbook's template.
TEMPLATE = "le modèle vierge, que l'équipe PCA peut vous renvoyer"


def missing_hint(name: str, renamed: str | None = None, blank: str = TEMPLATE) -> str:
    """What the missing sheet's finding tells to do: rename the sheet that most likely is it, else put it back
    (from ``blank``)."""
    if renamed:
        return f" La feuille « {renamed} » est-elle la feuille « {name} » renommée ? Redonnez-lui son nom « {name} »."
    return f" Si elle a été supprimée ou renommée, remettez-la avec son nom exact « {name} » (elle est dans {blank})."


def extra_advice(former: str | None = None) -> str:
    """What an unknown sheet's finding tells to do: rename it back when it most likely is a missing sheet."""
    if former:
        return (
            f"Si c'est la feuille « {former} » renommée, redonnez-lui son nom « {former} » ; sinon, déplacez-le "
            "dans les feuilles du modèle."
        )
    return "Déplacez-le dans les feuilles du modèle."
