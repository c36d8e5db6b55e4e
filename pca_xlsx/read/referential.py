"""Read and check the hospital referential, one function per sheet concern.

Every problem is a finding of the rule catalogue, all found at once. A row with a problem is left
out and reported; the run stops (:class:`ReferentialError`, exit 2) only when nothing usable
remains: no file, a sheet or column missing, no establishment or no service left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import python_calamine as pc

from ..core.errors import ReferentialError
from ..core.index import positions
from ..findings import Finding, finding
from ..format import ALL_RESOURCES, REFERENTIAL_SHEETS, fold, split_list
from ..format.referential import (
    BACKUP_MEANS,
    CRISIS_DIRECTORY,
    ESTABLISHMENT,
    ESTABLISHMENTS,
    EXTERNAL_CONTACTS,
    OPTIONAL_REFERENTIAL_SHEETS,
    POLES,
    RENAMES,
    RESOURCES,
    SCENARIOS,
    SERVICES,
)
from .ght import check_ght
from .phone import parse_phone
from .safety import UnsafeFile, check_file
from .sheet import SheetData, read_form, read_table
from .workbook import find_sheet


@dataclass
class Referential:
    path: Path
    establishment: dict[str, Any]
    poles: pd.DataFrame
    services: pd.DataFrame
    resources: pd.DataFrame
    scenarios: pd.DataFrame
    cells: dict[str, SheetData] = field(default_factory=dict, repr=False)
    #: Problems of rows left out (the validation report lists them).
    findings: list[Finding] = field(default_factory=list, repr=False)
    #: Version 2 sheets (empty frames with their keys when the referential lacks the sheet).
    establishments: pd.DataFrame = field(default_factory=lambda: _empty(ESTABLISHMENTS))
    crisis_directory: pd.DataFrame = field(default_factory=lambda: _empty(CRISIS_DIRECTORY))
    backup_means: pd.DataFrame = field(default_factory=lambda: _empty(BACKUP_MEANS))
    #: Optional ``Renommages`` (kind, old, new): old names read as the new (:mod:`pca_xlsx.validate.renames`).
    renames: pd.DataFrame = field(default_factory=lambda: _empty(RENAMES))
    #: Version 3 sheet « Contacts externes » (empty when absent).
    external_contacts: pd.DataFrame = field(default_factory=lambda: _empty(EXTERNAL_CONTACTS))
    #: French warnings about the referential (e.g. a version 2 sheet it lacks); the run goes on.
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.establishment.get("name") or "")

    @property
    def review_months(self) -> int:
        return int(self.establishment.get("review_months") or 12)

    @property
    def exercise_months(self) -> int:
        return int(self.establishment.get("exercise_months") or 12)

    @property
    def resource_names(self) -> list[str]:
        return list(self.resources["name"])

    @property
    def service_codes(self) -> list[str]:
        return list(self.services["code"])

    @property
    def scenario_names(self) -> list[str]:
        return list(self.scenarios["name"])

    def service(self, code: str) -> dict[str, Any]:
        """Referential row of a service, with its pôle name, or {} (the first row of that code, found
        through an index of both sheets built once, not by scanning them for each service)."""
        services, poles = self._first_rows()
        at = services.get(code)
        if at is None:
            return {}
        out = self.services.iloc[at].to_dict()
        pole = poles.get(out["pole"]) if _hashable(out["pole"]) else None
        out["pole_name"] = self.poles.iloc[pole]["name"] if pole is not None else ""
        return out

    def _first_rows(self) -> tuple[dict, dict]:
        """Code → position of its first row, in ``services`` and in ``poles``; rebuilt when either frame is
        replaced (an establishment's part of a GHT is a copy with its own frames)."""
        cached = self.__dict__.get("_first_rows_cache")
        if cached is None or cached[0] is not self.services or cached[1] is not self.poles:
            cached = (self.services, self.poles, _first_positions(self.services), _first_positions(self.poles))
            self.__dict__["_first_rows_cache"] = cached
        return cached[2], cached[3]

    def scenario_resources(self, name: str) -> list[str]:
        """Resources made unavailable by a scenario (``Toutes`` = every resource)."""
        rows = self.scenarios[self.scenarios["name"] == name]
        if rows.empty:
            return []
        items = split_list(rows.iloc[0]["resources"])
        if any(fold(i) == fold(ALL_RESOURCES) for i in items):
            return self.resource_names
        return items


def _first_positions(frame: pd.DataFrame) -> dict[Any, int]:
    """Value of ``code`` → position of its first row; missing values left out (they equal no code)."""
    return {value: int(where[0]) for value, where in positions(frame["code"].tolist()).items()}


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _empty(spec) -> pd.DataFrame:
    return pd.DataFrame(columns=spec.keys, dtype=object)


def _number_problem(col, value: Any) -> str:
    """Why ``value`` is not a valid number for ``col`` ("" when it is)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "un nombre est attendu"
    if col.kind == "integer" and not float(value).is_integer():
        return "un nombre entier est attendu"
    if (col.min is not None and value < col.min) or (col.max is not None and value > col.max):
        return "la valeur est hors limites"
    return ""


def _text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value.strip() if isinstance(value, str) else value


def describe(item: Finding) -> str:
    """``referentiel.xlsx, feuille « Services », cellule A4 : message`` (the CLI's stop message)."""
    where = (
        item.file
        + (f", feuille « {item.sheet} »" if item.sheet else "")
        + (f", cellule {item.cell}" if item.cell else "")
    )
    return f"{where} : {item.message}"


def _stop(problems: list[Finding]) -> ReferentialError:
    return ReferentialError("\n".join(describe(p) for p in problems))


def _open_sheets(path: Path, warnings: list[str]) -> dict[str, SheetData]:
    """Every sheet of the referential, read; raise when the file or a required sheet's structure is
    unusable. A missing version 2 sheet only adds a French warning to ``warnings``."""
    name = path.name
    if not path.is_file():
        raise ReferentialError(f"Référentiel introuvable : {path}. Il faut un fichier {name} dans le dossier.")
    try:
        check_file(path)
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except UnsafeFile as exc:
        raise ReferentialError(f"{name} : {exc.detail}.") from exc
    except Exception as exc:  # noqa: BLE001
        raise ReferentialError(f"{name} : le classeur est endommagé ({str(exc)[:150]}).") from exc
    sheets: dict[str, SheetData] = {}
    problems: list[Finding] = []
    try:
        for spec in REFERENTIAL_SHEETS:
            title = find_sheet(workbook, spec.name)
            if title is None and spec in OPTIONAL_REFERENTIAL_SHEETS:
                if spec not in (ESTABLISHMENTS, RENAMES):  # only a GHT has it; renames are occasional
                    headers = ", ".join(c.header for c in spec.columns)
                    warnings.append(
                        f"{name} : la feuille « {spec.name} » (modèle version {spec.since}) est absente : "
                        f"ce qui en dépend n'est pas calculé. Ajoutez-la avec les colonnes {headers}."
                    )
                continue
            if title is None:
                problems.append(finding("referentiel-feuille-manquante", name, missing=spec.name))
                continue
            reader = read_form if spec.layout == "form" else read_table
            data, found = reader(workbook.get_sheet_by_name(title), spec, name)
            problems += found
            sheets[spec.key] = data
    finally:
        workbook.close()
    if problems:
        raise _stop(problems)
    return sheets


def _check_values(data: SheetData, name: str) -> tuple[list[list[Any]], list[Finding]]:
    """Rows whose required values are given and choices allowed; the others reported."""
    spec, kept, problems = data.spec, [], []
    for i, row in enumerate(data.rows):
        found = []
        for col, value in zip(spec.columns, row):
            column, excel_row = data.position(col.key, i)
            at = {"row": excel_row, "column": column}
            if col.required and value in (None, ""):
                found.append(finding("referentiel-valeur-obligatoire", name, data.title, label=col.label, **at))
            elif col.choices and value not in (None, "") and value not in col.choices:
                allowed = ", ".join(col.choices)
                found.append(
                    finding("referentiel-valeur-non-permise", name, data.title, value=value, allowed=allowed, **at)
                )
            elif col.kind == "phone" and value not in (None, ""):
                phone = parse_phone(value)  # the service workbooks' rule: a lost leading zero is restored
                if phone.number is None:
                    shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                    found.append(finding("telephone-invalide", name, data.title, value=shown, why=phone.why, **at))
                else:
                    row[spec.keys.index(col.key)] = phone.number
            elif col.kind in ("integer", "number") and value not in (None, "") and _number_problem(col, value):
                allowed = f"{_number_problem(col, value)} pour « {col.label} »"
                found.append(
                    finding("referentiel-valeur-non-permise", name, data.title, value=value, allowed=allowed, **at)
                )
        problems += found
        if not found:
            kept.append(i)
    return kept, problems


def _check_unique(data: SheetData, key: str, kept: list[int], name: str) -> tuple[list[int], list[Finding]]:
    """The first row of each ``key`` value; later copies reported."""
    index = data.spec.keys.index(key)
    seen: dict[str, int] = {}
    out, problems = [], []
    for i in kept:
        value = str(data.rows[i][index])
        if value in seen:
            column, row = data.position(key, i)
            first = data.address(key, seen[value])
            problems.append(
                finding("referentiel-doublon", name, data.title, value=value, first=first, row=row, column=column)
            )
            continue
        seen[value] = i
        out.append(i)
    return out, problems


def _frame(data: SheetData, kept: list[int]) -> pd.DataFrame:
    return pd.DataFrame([data.rows[i] for i in kept], columns=data.spec.keys, dtype=object)


def _establishment(data: SheetData, name: str) -> dict[str, Any]:
    """The establishment's fields, defaults filled; raise when a required one is missing."""
    kept, problems = _check_values(data, name)
    if problems:
        raise _stop(problems)
    out = dict(zip(ESTABLISHMENT.keys, data.rows[0]))
    for col in ESTABLISHMENT.columns:
        if out.get(col.key) in (None, "") and col.default is not None:
            out[col.key] = col.default
    return out


def read_referential(path: Path) -> Referential:
    """Read ``referentiel.xlsx``. Rows with problems are left out and listed in ``findings``;
    raise :class:`ReferentialError` (French message, every problem) when nothing usable remains."""
    path = Path(path)
    name = path.name
    warnings: list[str] = []
    sheets = _open_sheets(path, warnings)
    for data in sheets.values():
        data.rows = [[_text(v) for v in row] for row in data.rows]
    establishment = _establishment(sheets[ESTABLISHMENT.key], name)
    problems: list[Finding] = []
    kept: dict[str, list[int]] = {}
    for spec, key in ((POLES, "code"), (SERVICES, "code"), (RESOURCES, "name"), (SCENARIOS, "name")):
        rows, found = _check_values(sheets[spec.key], name)
        kept[spec.key], more = _check_unique(sheets[spec.key], key, rows, name)
        problems += found + more
    optional: dict[str, pd.DataFrame] = {}
    for spec in (ESTABLISHMENTS, CRISIS_DIRECTORY, EXTERNAL_CONTACTS, BACKUP_MEANS, RENAMES):
        if spec.key in sheets:
            rows, found = _check_values(sheets[spec.key], name)
            problems += found
            optional[spec.key] = _frame(sheets[spec.key], rows)
        else:
            optional[spec.key] = _empty(spec)

    poles = _frame(sheets[POLES.key], kept[POLES.key])
    poles["code"] = poles["code"].astype(str)
    services_data = sheets[SERVICES.key]
    known_poles, pole_index = set(poles["code"]), SERVICES.keys.index("pole")
    with_pole = []
    for i in kept[SERVICES.key]:
        pole = services_data.rows[i][pole_index]
        if str(pole) in known_poles:
            with_pole.append(i)
            continue
        column, row = services_data.position("pole", i)
        problems.append(
            finding("referentiel-pole-inconnu", name, services_data.title, value=pole, row=row, column=column)
        )
    services = _frame(services_data, with_pole)
    if services.empty:
        raise _stop(problems + [finding("referentiel-aucun-service", name, services_data.title)])
    services["code"] = services["code"].astype(str)
    services["pole"] = services["pole"].astype(str)
    return check_ght(
        Referential(
            path=path,
            establishment=establishment,
            poles=poles,
            services=services,
            resources=_frame(sheets[RESOURCES.key], kept[RESOURCES.key]),
            scenarios=_frame(sheets[SCENARIOS.key], kept[SCENARIOS.key]),
            cells=sheets,
            findings=sorted(problems, key=Finding.sort_key),
            establishments=optional[ESTABLISHMENTS.key],
            crisis_directory=optional[CRISIS_DIRECTORY.key],
            backup_means=optional[BACKUP_MEANS.key],
            renames=optional[RENAMES.key],
            external_contacts=optional[EXTERNAL_CONTACTS.key],
            warnings=warnings,
        )
    )
