"""Checks the crisis depends on (DESIGN §3.1, §3.2): numbers, people, reflex steps, on-duty phones.

All warnings, the run goes on:

- ``telephone-partage``: one off-network number given to two different people or functions (a
  referent, a deputy, a service's on-duty phone, a directory row, an outside contact); the finding
  sits on the later cell and names the first one;
- ``referent-trop-de-services``: a person referent or deputy of more than :data:`MAX_SERVICES` services;
- ``etape-sans-informatique``: a step of the first phases (Alerte, Protection) that needs IT;
- ``telephone-garde-absent``: a version-3 workbook whose « Téléphone de garde du service » is empty.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..findings import Finding, finding
from ..format import fold
from ..format.referential import CRISIS_DIRECTORY, EXTERNAL_CONTACTS
from .locate import Collector

#: Most services one person may answer for as referent or deputy.
MAX_SERVICES = 2
#: Reflex phases during which IT is already gone.
FIRST_PHASES = ("Alerte", "Protection")
#: What a step asks that needs IT (matched on the folded action, as a whole word).
NEEDS_IT = re.compile(
    r"\b(imprimer|editer|reediter|telecharger|exporter|extraire|se connecter"
    r"|consulter (?:le |la |les |l')?(?:dossier informatise|dpi|logiciel|application|intranet|messagerie)"
    r"|envoyer (?:un |le |les )?(?:e-?mail|courriel|mail))\b"
)
#: Service form rows holding a person (name key, phone key, what the person is).
PEOPLE = (
    ("medical_referent", "medical_phone", "référent médical"),
    ("paramedical_referent", "paramedical_phone", "référent paramédical"),
    ("medical_deputy", None, "suppléant du référent médical"),
    ("paramedical_deputy", None, "suppléant du référent paramédical"),
)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


class _Holder:
    """One number's holder: who (shown), identity (compared), file, sheet, cell."""

    def __init__(self, who: str, identity: str, file: str, sheet: str, cell: str):
        self.who, self.identity, self.file, self.sheet, self.cell = who, identity, file, sheet, cell

    @property
    def where(self) -> str:
        return f"{self.file}, feuille « {self.sheet} », cellule {self.cell}" if self.cell else self.file


def _service_holders(service: pd.DataFrame, out: Collector) -> list[tuple[str, _Holder]]:
    found = []
    for _, row in service.iterrows():
        file, excel_row, title, code = row["_file"], row["_row"], row["_sheet"], _text(row.get("code"))
        for name_key, phone_key, role in PEOPLE[:2]:
            phone, name = _text(row.get(phone_key)), _text(row.get(name_key))
            if phone and name:  # a number without a name may be anybody's: nothing to compare
                who = f"{name} ({role} de {code})"
                found.append((phone, _Holder(who, fold(name), file, title,
                                             out.address(file, "service", phone_key, excel_row))))  # fmt: skip
        phone = _text(row.get("duty_phone"))
        if phone:
            where = out.address(file, "service", "duty_phone", excel_row)
            found.append((phone, _Holder(f"la garde de {code}", f"garde/{code}", file, title, where)))
    return found


def _referential_holders(referential) -> list[tuple[str, _Holder]]:
    file, found = referential.path.name, []
    data = referential.cells.get(CRISIS_DIRECTORY.key)
    if data is not None:
        keys = data.spec.all_keys
        for i, raw in enumerate(data.rows):
            row = dict(zip(keys, raw))
            function, name = _text(row.get("function")), _text(row.get("name"))
            if _text(row.get("phone")):
                who = f"{name} ({function})" if name else function
                found.append((_text(row["phone"]), _Holder(who, fold(name or function), file, data.title,
                                                           data.address("phone", i))))  # fmt: skip
            if _text(row.get("deputy_phone")):
                deputy = _text(row.get("deputy")) or f"suppléant ({function})"
                found.append((_text(row["deputy_phone"]), _Holder(f"{deputy} (suppléant, {function})", fold(deputy),
                                                                  file, data.title, data.address("deputy_phone", i))))  # fmt: skip
    data = referential.cells.get(EXTERNAL_CONTACTS.key)
    if data is not None:
        keys = data.spec.all_keys
        for i, raw in enumerate(data.rows):
            row = dict(zip(keys, raw))
            if _text(row.get("phone")):
                who = f"{_text(row.get('organisation'))} ({_text(row.get('purpose'))})"
                identity = "externe/" + fold(_text(row.get("organisation")))
                found.append((_text(row["phone"]), _Holder(who, identity, file, data.title, data.address("phone", i))))
    return found


def shared_numbers(referential, service: pd.DataFrame, out: Collector) -> list[Finding]:
    """One warning per number held by a second (third…) different person, naming the first holder."""
    first: dict[str, _Holder] = {}
    found = []
    holders = _referential_holders(referential) + _service_holders(service, out)
    for phone, holder in holders:
        key = _digits(phone)
        if len(key) < 6:
            continue
        seen = first.setdefault(key, holder)
        if seen is holder or seen.identity == holder.identity:
            continue
        found.append(finding("telephone-partage", holder.file, holder.sheet, holder.cell, phone, who=holder.who,
                             other=seen.who, where=seen.where))  # fmt: skip
    return found


def _person_keys(service: pd.DataFrame) -> dict[str, str]:
    """Folded name → the key of the one referent bearing it (name and phone: homonyms with their own
    mobiles are two people); a deputy is matched to that referent by name."""
    found: dict[str, set[str]] = {}
    for _, row in service.iterrows():
        for name_key, phone_key, _ in PEOPLE[:2]:
            name = fold(_text(row.get(name_key)))
            if name:
                found.setdefault(name, set()).add(f"{name}|{_digits(_text(row.get(phone_key)))}")
    return {name: next(iter(keys)) for name, keys in found.items() if len(keys) == 1}


def busy_people(service: pd.DataFrame, out: Collector) -> list[Finding]:
    """A person referent or deputy of more than :data:`MAX_SERVICES` services (one warning, at the first)."""
    people: dict[str, list[tuple[str, str, str, str]]] = {}
    shown: dict[str, str] = {}
    single = _person_keys(service)
    for _, row in service.iterrows():
        code = _text(row.get("code"))
        for name_key, phone_key, _ in PEOPLE:
            name = _text(row.get(name_key))
            if not name or not code:
                continue
            key = (
                f"{fold(name)}|{_digits(_text(row.get(phone_key)))}"
                if phone_key
                else single.get(fold(name), fold(name))
            )
            cell = out.address(row["_file"], "service", name_key, row["_row"])
            spots = people.setdefault(key, [])
            shown.setdefault(key, name)
            if code not in {s[0] for s in spots}:
                spots.append((code, row["_file"], row["_sheet"], cell))
    found = []
    for key, spots in people.items():
        if len(spots) > MAX_SERVICES:
            codes = ", ".join(sorted(s[0] for s in spots))
            _, file, sheet, cell = spots[0]
            found.append(finding("referent-trop-de-services", file, sheet, cell, shown[key], count=len(spots),
                                 services=codes, limit=MAX_SERVICES))  # fmt: skip
    return found


def needs_it(action: Any) -> str:
    """The words of a step's action that need IT ("" when none)."""
    match = NEEDS_IT.search(fold(_text(action)))
    return match.group(1) if match else ""


def early_it_steps(reflex: pd.DataFrame, out: Collector) -> None:
    for idx, row in reflex.iterrows():
        if _text(row.get("phase")) not in FIRST_PHASES:
            continue
        verb = needs_it(row.get("action"))
        if verb:
            out.at("etape-sans-informatique", "fiche_reflexe", reflex, idx, "action", _text(row.get("action")),
                   step=_text(row.get("step")), phase=_text(row.get("phase")), verb=verb)  # fmt: skip


def missing_duty_phones(service: pd.DataFrame, out: Collector) -> None:
    """Only workbooks whose « Service » sheet has the row (version 3): older ones lack it by design."""
    for idx, row in service.iterrows():
        has_row = out.position(row["_file"], "service", "duty_phone", row["_row"])[1] is not None
        if has_row and not _text(row.get("duty_phone")):
            out.at("telephone-garde-absent", "service", service, idx, "duty_phone", "")


def crisis_checks(referential, tables: dict[str, pd.DataFrame], out: Collector) -> list[Finding]:
    """Every crisis check; the at-a-cell ones go to ``out``, the others are returned."""
    service = tables.get("service", pd.DataFrame())
    reflex = tables.get("fiche_reflexe", pd.DataFrame())
    found = shared_numbers(referential, service, out)
    if not service.empty:
        missing_duty_phones(service, out)
        found += busy_people(service, out)
    if not reflex.empty:
        early_it_steps(reflex, out)
    return found
