"""The minimum content of a received workbook (DESIGN §4): below it the service is « Reçu incomplet ».

A workbook counts as complete when its identity is filled (service code, at least one referent) and it has
at least one process row, one application and one step of the reflex sheet. Counted on the rows
read (before validation): a row with an error still shows the referent worked on that sheet.
"""

from __future__ import annotations

INCOMPLETE = "Reçu incomplet"
#: (sheet key, French name of what is missing when it has no row).
MINIMUM_ROWS = (
    ("processus", "aucun processus"),
    ("applications", "aucune application"),
    ("fiche_reflexe", "aucune étape de fiche réflexe"),
)
REFERENTS = ("medical_referent", "paramedical_referent")


def _blank(value) -> bool:
    return value is None or not str(value).strip()


def missing_parts(wb) -> list[str]:
    """What a readable workbook lacks to be complete, in French (empty: complete)."""
    if not wb.readable:
        return []
    out = []
    form = wb.sheets.get("service")
    values = dict(zip(form.spec.all_keys, form.rows[0])) if form and form.rows else {}
    lacking = ["code service"] if _blank(values.get("code")) else []
    if all(_blank(values.get(key)) for key in REFERENTS):
        lacking.append("aucun référent")
    if lacking:
        out.append("identité incomplète (" + ", ".join(lacking) + ")")
    for key, label in MINIMUM_ROWS:
        sheet = wb.sheets.get(key)
        if sheet is None or not sheet.rows:
            out.append(label)
    return out


def incomplete(workbooks) -> dict[str, list[str]]:
    """Service code → what its workbook lacks, for every readable incomplete workbook with a code
    (a service sent twice is complete when one of its workbooks is)."""
    out: dict[str, list[str]] = {}
    complete = set()
    for wb in workbooks:
        if not wb.service or not wb.readable:
            continue
        parts = missing_parts(wb)
        if parts:
            out.setdefault(wb.service, parts)
        else:
            complete.add(wb.service)
    return {code: parts for code, parts in out.items() if code not in complete}


def sentence(parts: list[str]) -> str:
    """« Classeur incomplet : aucun processus, aucune application. »"""
    return "Classeur incomplet : " + ", ".join(parts) + "."
