"""Findings are records (code, severity, position, French message), gathered in a Report.

Modelled on frictionless-py: every rule has a code and a message template in ``RULES``;
stages create findings with :func:`finding` and never format messages by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ERROR = "Erreur"
WARNING = "Avertissement"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    template: str  # str.format template, French
    title: str = ""  # short French name of the rule, shown in the report


#: The catalogue of rules. Add a rule here, then raise it with ``finding(code, ...)``.
RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, template: str, title: str = "") -> Rule:
    RULES[code] = Rule(code, severity, template, title or code)
    return RULES[code]


# Reading: the file itself
rule("fichier-illisible", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Fichier illisible")
rule("fichier-pas-xlsx", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Pas un classeur .xlsx")
rule("fichier-chiffre-ou-xls", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Classeur protégé ou .xls")
rule("fichier-corrompu", ERROR, "Le fichier ne peut pas être lu : {detail}.", "Fichier endommagé")
rule("fichier-dangereux", ERROR, "Le fichier a été écarté par sécurité : {detail}.", "Fichier dangereux")
rule(
    "fichier-macros",
    WARNING,
    "Le classeur contient des macros : elles n'ont pas été exécutées, seules les valeurs ont été lues. "
    "Enregistrez-le au format .xlsx.",
    "Macros ignorées",
)
rule("fichier-vide", ERROR, "Le classeur ne contient aucune donnée.", "Classeur vide")
rule("feuille-manquante", ERROR, "La feuille « {sheet} » est absente du classeur.", "Feuille manquante")
rule(
    "entete-manquante",
    ERROR,
    "La colonne obligatoire « {label} » est introuvable dans les 10 premières lignes de la feuille.{hint}",
    "En-tête manquant",
)
rule("champ-manquant", ERROR, "La ligne « {label} » est introuvable en colonne A.{hint}", "Champ manquant")
rule(
    "lecture-service-absent",
    ERROR,
    "Le code service est vide : le classeur ne peut pas être rattaché.",
    "Code service absent",
)


def _cell_sort_key(cell: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell or "")
    if not match:
        return (0, 0)
    letters, row = match.groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return (int(row), col)


@dataclass(frozen=True)
class Finding:
    """One problem found at one place."""

    code: str
    severity: str
    file: str
    message: str
    sheet: str = ""
    cell: str = ""
    value: str = ""
    service: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def title(self) -> str:
        rule_ = RULES.get(self.code)
        return rule_.title if rule_ else self.code

    def sort_key(self) -> tuple:
        return (self.file, self.sheet, _cell_sort_key(self.cell), self.code)


def finding(
    code: str,
    file: str,
    sheet: str = "",
    cell: str = "",
    value: Any = "",
    service: str = "",
    **params: Any,
) -> Finding:
    """Create the finding of rule ``code``; ``params`` fill its message template."""
    rule_ = RULES[code]
    message = rule_.template.format(sheet=sheet, cell=cell, value=value, **params)
    shown = "" if value is None else str(value)
    return Finding(code, rule_.severity, file, message, sheet, cell, shown[:500], service)


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

    def sorted(self) -> list[Finding]:
        """Errors first, then by file and position."""
        return sorted(self.findings, key=lambda f: (not f.is_error, *f.sort_key()))

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for item in sorted(self.findings, key=Finding.sort_key):
            out.setdefault(item.file, []).append(item)
        return out

    def counts(self, file: str) -> tuple[int, int]:
        """(errors, warnings) for one file."""
        items = [f for f in self.findings if f.file == file]
        errors = sum(f.is_error for f in items)
        return errors, len(items) - errors
