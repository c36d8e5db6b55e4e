"""Flagged cells hidden by a filter or a hidden row: shown again in the annotated copy, and said.

Both annotation paths use this: :func:`reveal_sheet` for openpyxl, :func:`reveal_xml` for the zip
path (text editing of the worksheet part, never a full parse). A filter whose criteria hide a
flagged row is cleared (its drop-down arrows stay) and the rows it hid are shown; a row hidden by
hand is shown when it holds a flagged cell.
"""

from __future__ import annotations

import re

_AUTOFILTER = re.compile(r"<autoFilter\b[^>]*?(?:/>|>.*?</autoFilter>)", re.S)
_CRITERIA = re.compile(r"<filterColumn\b[^>]*?(?:/>|>.*?</filterColumn>)", re.S)
_ROW_TAG = re.compile(r"<row\b[^>]*>")
_HIDDEN = re.compile(r'\shidden="(?:1|true)"')
_REF = re.compile(r'\bref="[A-Z]+(\d+):[A-Z]+(\d+)"')
_NUMBER = re.compile(r'\br="(\d+)"')


def note(revealed: dict[str, list[int]]) -> str:
    """The line of the ``Corrections`` sheet saying which rows were shown again, or ""."""
    if not revealed:
        return ""
    where = " ; ".join(
        f"feuille « {title} », ligne(s) {', '.join(map(str, rows[:10]))}{' …' if len(rows) > 10 else ''}"
        for title, rows in revealed.items()
    )
    return (
        f"Des cellules signalées étaient masquées (filtre ou ligne masquée) : dans cette copie, les filtres "
        f"concernés ont été retirés et les lignes réaffichées ({where}). Vous pourrez remettre vos filtres après "
        "correction."
    )


def reveal_sheet(ws, rows: set[int]) -> list[int]:
    """openpyxl: show the flagged ``rows`` that are hidden (clearing the filter hiding them); the rows shown."""
    hidden = sorted(r for r in rows if ws.row_dimensions[r].hidden) if rows else []
    if not hidden:
        return []
    shown = set(hidden)
    flt = ws.auto_filter
    if flt is not None and flt.ref and flt.filterColumn:
        match = re.fullmatch(r"[A-Z]+(\d+):[A-Z]+(\d+)", flt.ref)
        if match:
            first, last = int(match.group(1)), int(match.group(2))
            shown |= {r for r, dim in ws.row_dimensions.items() if first < r <= last and dim.hidden}
        flt.filterColumn = []
    for r in sorted(shown):
        ws.row_dimensions[r].hidden = False
    return sorted(shown)


def reveal_xml(xml: str, rows: set[int]) -> tuple[str, list[int]]:
    """Zip path: the worksheet part with the flagged ``rows`` shown (and a filter hiding them cleared)."""
    if 'hidden="' not in xml or not rows:
        return xml, []
    hidden = set()
    for tag in _ROW_TAG.finditer(xml):
        text = tag.group(0)
        number = _NUMBER.search(text)
        if number and int(number.group(1)) in rows and _HIDDEN.search(text):
            hidden.add(int(number.group(1)))
    if not hidden:
        return xml, []
    span = None
    auto = _AUTOFILTER.search(xml)
    if auto and _CRITERIA.search(auto.group(0)):
        ref = _REF.search(auto.group(0))
        span = (int(ref.group(1)), int(ref.group(2))) if ref else None
        cleared = _CRITERIA.sub("", auto.group(0))
        cleared = re.sub(r"<autoFilter\b([^>]*?)>\s*</autoFilter>", r"<autoFilter\1/>", cleared)
        xml = xml[: auto.start()] + cleared + xml[auto.end() :]
    shown: list[int] = []

    def show(match: re.Match) -> str:
        text = match.group(0)
        number = _NUMBER.search(text)
        row = int(number.group(1)) if number else 0
        wanted = row in hidden or (span is not None and span[0] < row <= span[1])
        if wanted and _HIDDEN.search(text):
            shown.append(row)
            return _HIDDEN.sub("", text)
        return text

    xml = _ROW_TAG.sub(show, xml)
    return xml, shown
