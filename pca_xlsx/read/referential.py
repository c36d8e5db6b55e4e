"""Read and check the hospital referential (DESIGN §3.1). Any problem stops the run (exit 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import python_calamine as pc

from ..findings import finding
from ..format import ALL_RESOURCES, REFERENTIAL_SHEETS, fold, split_list
from ..format.referential import (
    BACKUP_MEANS,
    CRISIS_DIRECTORY,
    ESTABLISHMENT,
    ESTABLISHMENTS,
    OPTIONAL_REFERENTIAL_SHEETS,
    POLES,
    RESOURCES,
    SCENARIOS,
    SERVICES,
)
from .ght import check_ght, other_establishment
from .phone import parse_phone
from .safety import UnsafeFile, check_file
from .workbook import SheetData, find_sheet, read_form, read_table


class ReferentialError(Exception):
    """The referential cannot be used; the message is French and names sheet and cell."""


@dataclass
class Referential:
    path: Path
    establishment: dict[str, Any]
    poles: pd.DataFrame
    services: pd.DataFrame
    resources: pd.DataFrame
    scenarios: pd.DataFrame
    cells: dict[str, SheetData] = field(default_factory=dict, repr=False)
    #: Version 2 sheets (empty frames with their keys when the referential lacks the sheet).
    establishments: pd.DataFrame = field(default_factory=lambda: _empty(ESTABLISHMENTS))
    crisis_directory: pd.DataFrame = field(default_factory=lambda: _empty(CRISIS_DIRECTORY))
    backup_means: pd.DataFrame = field(default_factory=lambda: _empty(BACKUP_MEANS))
    #: French warnings about the referential (e.g. a version 2 sheet it lacks); the run goes on.
    warnings: list[str] = field(default_factory=list)
    #: Problems of rows set aside (GHT rules, :mod:`pca_xlsx.read.ght`); the validation report lists them.
    findings: list = field(default_factory=list, repr=False)

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
        """Referential row of a service, with its pôle name, or {}."""
        rows = self.services[self.services["code"] == code]
        if rows.empty:
            return {}
        out = rows.iloc[0].to_dict()
        pole = self.poles[self.poles["code"] == out["pole"]]
        out["pole_name"] = pole.iloc[0]["name"] if not pole.empty else ""
        return out

    def scenario_resources(self, name: str) -> list[str]:
        """Resources made unavailable by a scenario (``Toutes`` = every resource)."""
        rows = self.scenarios[self.scenarios["name"] == name]
        if rows.empty:
            return []
        items = split_list(rows.iloc[0]["resources"])
        if any(fold(i) == fold(ALL_RESOURCES) for i in items):
            return self.resource_names
        return items


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


def _phone(value: Any, name: str, data: SheetData, key: str, index: int) -> str:
    """A phone of the referential (crisis directory, PCA team) as « 03 83 00 12 34 »; the same rule as in
    service workbooks (a lost leading zero is restored), an unusable number stops the run."""
    phone = parse_phone(value)
    if phone.number is None:
        shown = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        message = finding("telephone-invalide", name, value=shown, why=phone.why).message
        raise ReferentialError(f"{name}, feuille « {data.title} », cellule {data.address(key, index)} : {message}")
    return phone.number


def read_referential(path: Path) -> Referential:
    """Read ``referentiel.xlsx``; raise :class:`ReferentialError` with a French message."""
    path = Path(path)
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
    warnings: list[str] = []
    try:
        for spec in REFERENTIAL_SHEETS:
            title = find_sheet(workbook, spec.name)
            if title is None and spec in OPTIONAL_REFERENTIAL_SHEETS:
                if spec is not ESTABLISHMENTS:  # only a GHT has it
                    headers = ", ".join(c.header for c in spec.columns)
                    warnings.append(
                        f"{name} : la feuille « {spec.name} » (modèle version {spec.since}) est absente : "
                        f"ce qui en dépend n'est pas calculé. Ajoutez-la avec les colonnes {headers}."
                    )
                continue
            if title is None:
                raise ReferentialError(f"{name} : la feuille « {spec.name} » est absente.")
            reader = read_form if spec.layout == "form" else read_table
            data, problems = reader(workbook.get_sheet_by_name(title), spec, name)
            if problems:
                raise ReferentialError(f"{name}, feuille « {title} » : {problems[0].message}")
            sheets[spec.key] = data
    finally:
        workbook.close()

    for spec in REFERENTIAL_SHEETS:
        if spec.key not in sheets:
            continue
        data = sheets[spec.key]
        data.rows = [[_text(v) for v in row] for row in data.rows]
        for i, row in enumerate(data.rows):
            for col, value in zip(spec.columns, row):
                if col.required and value in (None, ""):
                    raise ReferentialError(
                        f"{name}, feuille « {data.title} », cellule {data.address(col.key, i)} : "
                        f"« {col.label} » est obligatoire."
                    )
                if col.kind == "phone" and value not in (None, ""):
                    row[spec.keys.index(col.key)] = _phone(value, name, data, col.key, i)
                if col.choices and value not in (None, "") and value not in col.choices:
                    allowed = ", ".join(col.choices)
                    raise ReferentialError(
                        f"{name}, feuille « {data.title} », cellule {data.address(col.key, i)} : "
                        f"« {value} » n'est pas une valeur permise ({allowed})."
                    )
                if col.kind in ("integer", "number") and value not in (None, "") and _number_problem(col, value):
                    raise ReferentialError(
                        f"{name}, feuille « {data.title} », cellule {data.address(col.key, i)} : "
                        f"« {value} » : {_number_problem(col, value)} pour « {col.label} »."
                    )

    def frame(spec) -> pd.DataFrame:
        if spec.key not in sheets:
            return _empty(spec)
        data = sheets[spec.key]
        return pd.DataFrame(data.rows, columns=spec.keys, dtype=object)

    for spec, key in ((POLES, "code"), (SERVICES, "code"), (RESOURCES, "name"), (SCENARIOS, "name")):
        data = sheets[spec.key]
        seen: dict[str, int] = {}
        index = spec.keys.index(key)
        for i, row in enumerate(data.rows):
            value = str(row[index])
            if value in seen and spec is SERVICES and other_establishment(sheets, seen[value], i):
                continue  # reported by read.ght (service-deux-etablissements), the row set aside
            if value in seen:
                raise ReferentialError(
                    f"{name}, feuille « {data.title} », cellule {data.address(key, i)} : "
                    f"« {value} » est en double (déjà en {data.address(key, seen[value])})."
                )
            seen[value] = i

    services = frame(SERVICES)
    services["code"] = services["code"].astype(str)
    poles = frame(POLES)
    poles["code"] = poles["code"].astype(str)
    known_poles = set(poles["code"])
    data = sheets[SERVICES.key]
    for i, pole in enumerate(services["pole"]):
        if str(pole) not in known_poles:
            raise ReferentialError(
                f"{name}, feuille « {data.title} », cellule {data.address('pole', i)} : "
                f"le pôle « {pole} » n'existe pas dans la feuille « Pôles »."
            )
    services["pole"] = services["pole"].astype(str)
    establishment = dict(zip(ESTABLISHMENT.keys, sheets[ESTABLISHMENT.key].rows[0]))
    for col in ESTABLISHMENT.columns:
        if establishment.get(col.key) in (None, "") and col.default is not None:
            establishment[col.key] = col.default
    return check_ght(
        Referential(
            path=path,
            establishment=establishment,
            poles=poles,
            services=services,
            resources=frame(RESOURCES),
            scenarios=frame(SCENARIOS),
            cells=sheets,
            establishments=frame(ESTABLISHMENTS),
            crisis_directory=frame(CRISIS_DIRECTORY),
            backup_means=frame(BACKUP_MEANS),
            warnings=warnings,
        )
    )
