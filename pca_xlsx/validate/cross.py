"""Checks across cells, rows and workbooks, on the normalised tables."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..format import KNOWN_TEMPLATE_VERSIONS, SHEETS_BY_KEY, fold, months_before, split_list, versions
from ..format.service import ALL_SERVICES, INTERFACE_COLUMNS, PROCESSES, names_all
from ..format.vocabulary import COVERED
from ..read import Referential
from ..read.ght import establishment_of, is_ght
from .duplicates import check_duplicates
from .identity import check_identity
from .locate import Collector, suggestion

#: Statuses of a workaround that require its text.
DESCRIBED_STATUSES = COVERED  # Définie, Testée
#: More rows than this in any sheet is a warning (sheets with ``expected_rows`` use their own limit).
MAX_ROWS_PER_SHEET = 1_000


def check_services(
    referential: Referential, service: pd.DataFrame, out: Collector, rows: dict[str, int], workbooks=()
) -> set[str]:
    """The workbook's service code exists and its identity is not disputed (:mod:`.identity`).

    Returns the files set aside (their rows are not consolidated); ``rows`` counts each file's rows read.
    """
    codes = [str(c) for c in referential.service_codes]
    known = set(codes)
    claimed = service[service["code"].notna()]
    for idx in claimed.index[~claimed["code"].isin(known)]:
        value = claimed.at[idx, "code"]
        out.at(
            "service-inconnu", "service", service, idx, "code", value,
            hint=suggestion(value, codes, referential=True, names=service_names(referential)),
        )  # fmt: skip
    owners = establishment_of(referential) if is_ght(referential) else None
    return check_identity(referential, service, workbooks, out, rows, owners)


def service_names(referential: Referential) -> dict[str, str]:
    """Service code → its name in the referential (for suggestions: « radiologie » → IMAG)."""
    return {str(c): str(n) for c, n in zip(referential.services["code"], referential.services["name"])}


def split_codes(value, known: dict[str, str]) -> list[str]:
    """Items of a list of service codes, separated by « ; », line breaks, « , » or « / » (a known code
    holding « / » or « , » stays whole)."""
    items = []
    for item in split_list(value):
        if fold(item) in known:
            items.append(item)
        else:
            items += [part.strip() for part in re.split(r"[,/]", item) if part.strip()]
    return items


def check_interfaces(referential: Referential, processes: pd.DataFrame, out: Collector) -> None:
    """Service codes of every interface column exist and are not the service itself; a code is in
    one column of a row only."""
    for name in INTERFACE_COLUMNS:
        check_interface_column(referential, processes, name, out)
    check_both_ways(processes, out)


def check_both_ways(processes: pd.DataFrame, out: Collector) -> None:
    """A code named in both « Services sollicités » and « Services bénéficiaires » of one row."""
    if not set(INTERFACE_COLUMNS) <= set(processes.columns):
        return
    relies, serves = (processes[c] for c in INTERFACE_COLUMNS)
    both = relies.notna() & serves.notna()
    for idx in processes.index[both.to_numpy()]:
        asked = {fold(i): i for i in split_list(relies[idx])}
        for item in split_list(serves[idx]):
            if fold(item) in asked:
                out.at("interface-deux-sens", "processus", processes, idx, INTERFACE_COLUMNS[1], serves[idx], item=item)


def check_interface_column(referential: Referential, processes: pd.DataFrame, name: str, out: Collector) -> None:
    """Codes of one column exist and are not the service itself; case-insensitive matches are normalised."""
    codes = [str(c) for c in referential.service_codes]
    by_fold = {fold(c): c for c in codes}
    names = service_names(referential)
    column = processes[name]
    label = PROCESSES.column(name).label
    filled = column.notna().to_numpy()
    if not filled.any():
        return
    values = column.tolist()
    parsed: dict[str, list[tuple[str, str | None]]] = {}  # cell text -> (item, canonical code or None)
    labels = processes.index[filled]
    for idx, i, raw, service in zip(labels, filled.nonzero()[0], column[filled], processes["_service"][filled]):
        key = raw if isinstance(raw, str) else str(raw)
        pairs = parsed.get(key)
        if pairs is None:
            pairs = parsed[key] = [(item, by_fold.get(fold(item))) for item in split_codes(raw, by_fold)]
        own = fold(service)
        items = []
        for item, canonical in pairs:
            if canonical is None and name == "serves" and names_all(item):
                items.append(ALL_SERVICES)
                continue
            if canonical is None:
                out.at("interface-inconnue", "processus", processes, idx, name, raw, item=item, label=label,
                       hint=suggestion(item, codes, referential=True, names=names))  # fmt: skip
                items.append(item)
                continue
            if fold(canonical) == own:
                out.at("interface-soi-meme", "processus", processes, idx, name, raw, item=item)
            elif canonical != item:
                out.at("valeur-normalisee", "processus", processes, idx, name, item, canonical=canonical)
            items.append(canonical)
        values[i] = "; ".join(items) if items else None
    processes[name] = pd.Series(values, index=processes.index, dtype=object)


def check_unique(frame: pd.DataFrame, key: str, column: str, code: str, out: Collector) -> None:
    """Values of ``column`` unique within each workbook; each repeat names the first cell."""
    filled = frame[frame[column].notna()]
    if filled.empty:
        return
    values = filled[column].map(str)
    repeated = pd.DataFrame({"file": filled["_file"], "value": values}).duplicated().to_numpy()
    if not repeated.any():
        return
    firsts = filled[~repeated]
    first_at = {(f, str(v)): i for i, f, v in zip(firsts.index, firsts["_file"], firsts[column])}
    for idx in filled.index[repeated]:
        first = first_at[(filled.at[idx, "_file"], values[idx])]
        cell = out.address(frame.at[first, "_file"], key, column, frame.at[first, "_row"])
        out.at(code, key, frame, idx, column, frame.at[idx, column], first=cell)


def check_workarounds(processes: pd.DataFrame, out: Collector) -> None:
    """A workaround "Définie" or "Testée" has its text."""
    missing = processes["status"].isin(DESCRIBED_STATUSES) & processes["workaround"].isna()
    for idx in processes.index[missing]:
        column = "workaround"
        if not out.address(processes.at[idx, "_file"], "processus", column, processes.at[idx, "_row"]):
            column = "status"
        out.at("parade-manquante", "processus", processes, idx, column, status=processes.at[idx, "status"])


def check_form(referential: Referential, service: pd.DataFrame, out: Collector, today: dt.date) -> None:
    """Known template version; update date neither in the future nor older than the review period."""
    known = ", ".join(KNOWN_TEMPLATE_VERSIONS)
    unknown = ~service["template_version"].isin(KNOWN_TEMPLATE_VERSIONS)
    unknown &= ~service["template_version"].map(versions.is_newer).astype(bool)  # reported by the reader
    for idx in service.index[unknown]:
        value = service.at[idx, "template_version"]
        out.at("version-modele-inconnue", "service", service, idx, "template_version", value or "—", known=known)
    oldest = months_before(today, referential.review_months)
    for idx, value in service["updated"].items():
        if not isinstance(value, dt.date):
            continue
        shown = value.strftime("%d/%m/%Y")
        if value > today:
            out.at("date-future", "service", service, idx, "updated", shown)
        elif value < oldest:
            out.at("mise-a-jour-ancienne", "service", service, idx, "updated", shown,
                   months=referential.review_months)  # fmt: skip


def check_past_dates(tables: dict[str, pd.DataFrame], out: Collector, today: dt.date) -> None:
    """Dates that record something done (an exercise held) cannot be in the future."""
    for key, frame in tables.items():
        for column in SHEETS_BY_KEY[key].columns:
            if not column.past or frame.empty:
                continue
            for idx, value in frame[column.key].items():
                if isinstance(value, dt.date) and value > today:
                    out.at("date-future-interdite", key, frame, idx, column.key, value.strftime("%d/%m/%Y"),
                           label=column.label)  # fmt: skip


def check_row_counts(tables: dict[str, pd.DataFrame], out: Collector) -> None:
    """More rows than expected in a sheet is a warning, at the first row beyond the limit."""
    for key, frame in tables.items():
        spec = SHEETS_BY_KEY[key]
        if spec.layout != "table" or frame.empty:
            continue
        limit = spec.expected_rows or MAX_ROWS_PER_SHEET
        position = frame.groupby("_file").cumcount()
        counts = frame.groupby("_file")["_file"].transform("size")
        for idx in frame.index[(position == limit) & (counts > limit)]:
            out.at("lignes-nombreuses", key, frame, idx, spec.keys[0], count=counts[idx], limit=limit)


def cross_checks(
    referential: Referential,
    tables: dict[str, pd.DataFrame],
    out: Collector,
    today: dt.date | None = None,
    workbooks=(),
) -> set[str]:
    """Every check across cells and workbooks; returns the files set aside (a service sent twice)."""
    today = today or dt.date.today()
    rows: dict[str, int] = {}
    for frame in tables.values():
        for file, count in frame["_file"].value_counts().items():
            rows[file] = rows.get(file, 0) + int(count)
    set_aside = check_services(referential, tables["service"], out, rows, list(workbooks))
    check_form(referential, tables["service"], out, today)
    check_interfaces(referential, tables["processus"], out)
    check_unique(tables["processus"], "processus", "number", "numero-en-double", out)
    check_unique(tables["fiche_reflexe"], "fiche_reflexe", "step", "etape-en-double", out)
    check_workarounds(tables["processus"], out)
    check_duplicates(tables, out)
    check_past_dates(tables, out, today)
    check_row_counts(tables, out)
    return set_aside
