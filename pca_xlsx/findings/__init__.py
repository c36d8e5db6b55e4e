"""Findings are records (code, severity, position, French message), gathered in a Report.

Modelled on frictionless-py: every rule has a code and a message template in ``RULES``;
stages create findings with :func:`finding` and never format messages by hand. The records are
in :mod:`.model`, the catalogue of rules in one module per stage, registered in the order below.
"""

from .model import ERROR, RULES, WARNING, Finding, Report, Rule, finding, rule

# isort: off
# The catalogue, stage by stage: importing a module registers its rules, in this order (RULES keeps it).
from . import read, values, references, cross, referential, crisis, exercises  # noqa: F401
# isort: on

__all__ = ["ERROR", "RULES", "WARNING", "Finding", "Report", "Rule", "finding", "rule"]
