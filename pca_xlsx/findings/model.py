"""The records: a rule (code, severity, French template), a finding raised by a rule, the Report gathering them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.positions import address, column_index, parse_address
from ..format.model import fold
from ..format.order import sheet_rank

ERROR = "Erreur"
WARNING = "Avertissement"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    template: str  # str.format template, French
    title: str = ""  # short French name of the rule, shown in the report


#: The catalogue of rules, filled stage by stage by the modules of :mod:`pca_xlsx.findings`. Add a rule
#: to its stage's module, then raise it with ``finding(code, ...)``.
RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, template: str, title: str = "") -> Rule:
    RULES[code] = Rule(code, severity, template, title or code)
    return RULES[code]


@dataclass(frozen=True)
class Finding:
    """One problem found at one place."""

    code: str
    severity: str
    file: str
    message: str
    sheet: str = ""
    #: Excel row (1-based) and column letters of the cell, when the problem is at one cell.
    row: int | None = None
    column: str = ""
    value: str = ""
    service: str = ""

    @property
    def cell(self) -> str:
        """The cell's address (``F12``), "" when the finding is not at one cell."""
        return address(self.column, self.row)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def title(self) -> str:
        rule_ = RULES.get(self.code)
        return rule_.title if rule_ else self.code

    def sort_key(self) -> tuple:
        """File, then its sheets in the template's order (the whole file first, unknown sheets last), row, column."""
        position = (self.row, column_index(self.column) + 1) if self.cell else (0, 0)
        return (self.file, sheet_rank(self.sheet), fold(self.sheet), position, self.code)


def finding(
    code: str,
    file: str,
    sheet: str = "",
    cell: str = "",
    value: Any = "",
    service: str = "",
    *,
    row: int | None = None,
    column: str = "",
    **params: Any,
) -> Finding:
    """Create the finding of rule ``code``; ``params`` fill its message template.

    The position is ``row`` and ``column``, or ``cell`` for an address read from a file (``F12``).
    """
    rule_ = RULES[code]
    if cell:
        column, row = parse_address(cell) or ("", None)
    message = rule_.template.format(sheet=sheet, cell=address(column, row), value=value, **params)
    shown = "" if value is None else str(value)
    return Finding(code, rule_.severity, file, message, sheet, row, column, shown[:500], service)


@dataclass
class Report:
    """All findings of a run, with the errors and warnings apart."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, item: Finding) -> None:
        self.findings.append(item)

    def extend(self, items) -> None:
        self.findings.extend(items)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def valid(self) -> bool:
        return not self.errors

    def sorted(self, files: Sequence[str] = ()) -> list[Finding]:
        """By file, the ``files`` first in their order (the others after, by name), then by position
        (:meth:`Finding.sort_key`): a file's errors and warnings stay together."""
        rank = {file: i for i, file in enumerate(files)}
        return sorted(self.findings, key=lambda f: (rank.get(f.file, len(rank)), *f.sort_key()))

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for item in sorted(self.findings, key=Finding.sort_key):
            out.setdefault(item.file, []).append(item)
        return out

    def counts(self) -> dict[str, tuple[int, int]]:
        """File -> (errors, warnings), in one pass over the findings."""
        out: dict[str, tuple[int, int]] = {}
        for item in self.findings:
            errors, warnings = out.get(item.file, (0, 0))
            out[item.file] = (errors + 1, warnings) if item.is_error else (errors, warnings + 1)
        return out
