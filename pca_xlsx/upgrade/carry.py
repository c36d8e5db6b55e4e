"""Carry one older workbook's values into the current template's layout, noting what moved.

Every value read from the old workbook lands in the same sheet and row order of the current
template; a retired column's values go to the column that replaced it (version 1's « Services en
interface »: « Services sollicités » for a care service, « Services bénéficiaires » for a support
service), each such cell flagged « à vérifier » with a comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.positions import column_letter
from ..format import Sheet, versions
from ..format.paper import is_paper
from ..read import WorkbookData
from ..validate.versions import merge

#: The version that brought « À ressaisir »: older workbooks get it proposed from their workaround.
REKEY_SINCE = 3
#: Form sheets: label in A, value in B, first field on row 2 (see write.template).
FORM_VALUE_COLUMN = "B"
FIRST_ROW = 2


@dataclass(frozen=True)
class Move:
    """A column whose values changed place (letter or label) in the current template."""

    file: str
    sheet: str
    old_label: str
    old_column: str
    new_label: str
    new_column: str
    values: int
    note: str = ""


@dataclass(frozen=True)
class Check:
    """A cell of the upgraded workbook a referent must check."""

    file: str
    sheet: str
    cell: str
    value: str
    reason: str


@dataclass
class Carried:
    """The current-template content of one workbook, and what moved and needs checking."""

    content: dict[str, Any] = field(default_factory=dict)
    marks: dict[str, dict[tuple[int, str], str]] = field(default_factory=dict)
    moves: list[Move] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    values: int = 0  # non-empty values carried


def new_address(spec: Sheet, key: str, index: int) -> str:
    """Cell of column ``key`` in data row ``index`` of the current template."""
    position = spec.keys.index(key)
    if spec.layout == "form":
        return f"{FORM_VALUE_COLUMN}{FIRST_ROW + position}"
    return f"{column_letter(position)}{FIRST_ROW + index}"


def _filled(value: Any) -> bool:
    return value is not None and value != ""


def _column(address: str) -> str:
    return address.rstrip("0123456789")


def carry(wb: WorkbookData, category: str) -> Carried:
    """The values of ``wb`` laid out for the current template (``category``: from the referential)."""
    out = Carried()
    target = versions.interface_target(category)
    reason = "service support" if target == "serves" else "service de soins"
    for key, sheet in wb.sheets.items():
        spec = sheet.spec
        records = sheet.records()
        rows: list[dict[str, Any]] = []
        for i, record in enumerate(records):
            row = {k: v for k, v in record.items() if k in spec.keys}
            for old in spec.retired:
                if not _filled(record.get(old.key)):
                    continue
                new = spec.column(target)
                row[target] = merge(record[old.key], row.get(target))
                cell = new_address(spec, target, i)
                comment = (
                    f"À vérifier : « {old.label} » (modèle version {old.until}) valait « {record[old.key]} » "
                    f"en {sheet.address(old.key, i)}. Placé dans « {new.label} » parce que le service est un "
                    f"{reason}. Si ces services travaillent pour vous, déplacez leurs codes dans "
                    "« Services bénéficiaires » ; si vous avez besoin d'eux, dans « Services sollicités »."
                )
                out.marks.setdefault(key, {})[(i, target)] = comment
                out.checks.append(Check(wb.file, spec.name, cell, str(row[target]),
                                        f"« {old.label} » placé dans « {new.label} » ({reason})"))  # fmt: skip
            if key == "processus" and (wb.version or 0) < REKEY_SINCE:
                _propose_rekey(out, wb.file, spec, i, row)
            out.values += sum(1 for v in record.values() if _filled(v))
            rows.append(row)
        out.content[key] = rows[0] if spec.layout == "form" and rows else rows
        out.moves.extend(_moves(wb.file, sheet, records, spec, target))
    return out


def _propose_rekey(out: Carried, file: str, spec: Sheet, index: int, row: dict[str, Any]) -> None:
    """« À ressaisir » (version 3) proposed « Oui » when the workaround records on paper, flagged to check."""
    if _filled(row.get("rekey")) or not is_paper(row.get("workaround")):
        return
    row["rekey"] = "Oui"
    out.marks.setdefault("processus", {})[(index, "rekey")] = (
        "À vérifier : « À ressaisir » (nouveau en version 3) est proposé « Oui » parce que la parade enregistre sur "
        "papier. Indiquez Non si rien ne sera à saisir au retour de l'application, et le « Volume par jour »."
    )
    out.checks.append(Check(file, spec.name, new_address(spec, "rekey", index), "Oui",
                            "« À ressaisir » proposé d'après la parade"))  # fmt: skip


def _moves(file: str, sheet, records: list[dict[str, Any]], spec: Sheet, target: str) -> list[Move]:
    """Columns whose letter or label changed, and the rows that moved up (blank rows removed)."""
    out = []
    found = sheet.cells if spec.layout == "form" else sheet.letters
    for key in found:
        count = sum(1 for r in records if _filled(r.get(key)))
        old_cell = sheet.address(key, 0) if records else ""
        column = spec.column(key)
        new_key = key if key in spec.keys else target
        new = spec.column(new_key)
        new_cell = new_address(spec, new_key, 0)
        old_place = old_cell if spec.layout == "form" else _column(old_cell)
        new_place = new_cell if spec.layout == "form" else _column(new_cell)
        if (old_place, column.label) != (new_place, new.label) and old_place:
            note = "à vérifier" if new_key != key else ""
            out.append(Move(file, spec.name, column.label, old_place, new.label, new_place, count, note))
    if spec.layout == "table":
        moved = [(n, FIRST_ROW + i) for i, n in enumerate(sheet.row_numbers) if n != FIRST_ROW + i]
        if moved:
            first, last = moved[0], moved[-1]
            note = f"lignes vides retirées : la ligne {first[0]} devient la ligne {first[1]}"
            if len(moved) > 1:
                note += f", …, la ligne {last[0]} devient la ligne {last[1]}"
            out.append(Move(file, spec.name, "Lignes", "", "Lignes", "", len(moved), note))
    return out
