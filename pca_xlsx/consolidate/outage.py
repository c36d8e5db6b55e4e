"""Each service's outage under the generalised cyber attack (« Durée de la panne »).

From the day each resource comes back (:mod:`.cyber_restart`): the days each process runs on paper;
the records to re-key per application (« Volume par jour » × days down, for the rows « À ressaisir »)
and the hours of work (× the referential's « Minutes de ressaisie par enregistrement »); the paper
autonomy of each document (copies stocked ÷ « Consommation par jour ») and the copies to print to last the
first week (J+7), three weeks (J+21) and until the service leaves paper (:func:`paper_until`); the backup means
the service holds over the period (its « Télécom » needs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..core.values import clean_text, missing
from ..format import fold
from ..format.tables import TABLES
from ..format.vocabulary import NO, VITAL, YES
from .cyber_restart import parameter
from .rekeying import rekey_value

#: The fixed horizons of the copies to print (the first week, three weeks); the last is each service's end of
#: paper, earlier or later than both.
HORIZONS = (7, 21)
PROCESS_COLUMNS = TABLES["duree_panne_processus"].frame_keys
REKEY_COLUMNS = TABLES["duree_panne_ressaisie"].frame_keys
DOCUMENT_COLUMNS = TABLES["duree_panne_documents"].frame_keys
SERVICE_COLUMNS = TABLES["duree_panne_services"].frame_keys
#: « À ressaisir » of a row left blank: guessed from the words of its workaround.
GUESSED = "proposé"  # the source rekey_value gives a guess


@dataclass
class Outage:
    """Per service (``services``), per process row, per service × application to re-key, per document."""

    services: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SERVICE_COLUMNS))
    processes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROCESS_COLUMNS))
    rekey: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REKEY_COLUMNS))
    documents: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DOCUMENT_COLUMNS))
    minutes: float = 3
    notes: list[str] = field(default_factory=list)


def whole(value) -> int:
    """A non-negative count from a cell (0 when blank or not a number)."""
    if missing(value):
        return 0
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    return max(0, int(number)) if not math.isnan(number) else 0


def hours(records: int, minutes: float) -> float:
    """Hours of re-keying of ``records``, to a tenth (computed from the records at every level)."""
    return round(records * minutes / 60, 1)


def build_outage(details: dict[str, pd.DataFrame], back: dict[str, int], referential, people) -> Outage:
    """The outage of every service that sent a workbook (referential order), from ``back``."""
    codes = [c for c in people.referential_codes if people.files.get(c)]
    codes += sorted(c for c in people.files if c and c not in codes)
    out = Outage(minutes=parameter(referential, "rekey_minutes"))
    minutes = out.minutes
    spelling = {fold(n): n for n in back}
    proc = details["processus"]
    rows = []
    keys = ("code", "name", "number", "process", "criticality", "resource", "workaround", "volume_per_day", "rekey")
    for code, name, number, process, crit, resource, workaround, volume, rekey in zip(
        *(proc[k].tolist() if k in proc else [None] * len(proc) for k in keys)
    ):
        known = spelling.get(fold(resource))
        days = back[known] if known else None
        to_rekey, source = rekey_value(rekey, workaround)
        per_day = whole(volume)
        records = per_day * days if to_rekey and days is not None else 0
        rows.append({"code": code, "name": name, "number": number, "process": clean_text(process),
                     "criticality": crit, "resource": known or clean_text(resource), "days": days,
                     "volume": per_day, "rekey": YES if to_rekey else NO, "rekey_source": source,
                     "records": records, "hours": hours(records, minutes)})  # fmt: skip
    out.processes = pd.DataFrame(rows, columns=PROCESS_COLUMNS)
    guessed = int((out.processes["rekey_source"] == GUESSED).sum())
    if guessed:
        out.notes.append(
            f"{guessed} ligne(s) de processus sans « À ressaisir » : valeur proposée d'après les mots de la parade "
            "(un enregistrement sur papier est à ressaisir)."
        )
    out.rekey = _rekey(out.processes, back, minutes)
    until = paper_until(out.processes, back)
    out.documents = _documents(details["documents"], until)
    out.services = _services(codes, details, out, people, until)
    return out


def paper_until(processes: pd.DataFrame, back: dict[str, int]):
    """Service code → the day it leaves paper, its « Jours sur papier » (the last of its applications back);
    a service with no process on a known resource: the day the last resource of the plan is back."""
    last: dict[str, int] = {}
    for code, days in zip(processes["code"].tolist(), processes["days"].tolist()):
        if not missing(days):
            last[code] = max(last.get(code, 0), int(days))
    end = max(back.values(), default=0)
    return lambda code: last.get(code, end)


def _rekey(processes: pd.DataFrame, back: dict[str, int], minutes: float) -> pd.DataFrame:
    """One row per service × application to re-key (in the order first met), then sorted."""
    groups: dict[tuple, list] = {}
    keys = ("code", "name", "resource", "criticality", "records", "number", "process", "volume", "rekey", "days")
    for code, name, resource, crit, records, number, process, volume, rekey, days in zip(
        *(processes[k].tolist() for k in keys)
    ):
        if rekey != YES or missing(days) or missing(code) or missing(resource):
            continue
        group = groups.setdefault((code, resource), [name, 0, 0, []])
        group[1] += crit == VITAL
        group[2] += records
        group[3].append(f"N° {number} {process} ({volume}/j)")
    rows = [{"code": code, "name": name, "resource": resource, "back": back[resource], "vital": int(vital),
             "records": int(records), "hours": hours(int(records), minutes), "processes": "; ".join(texts)}
            for (code, resource), (name, vital, records, texts) in groups.items()]  # fmt: skip
    table = pd.DataFrame(rows, columns=REKEY_COLUMNS)
    return table.sort_values(["code", "back", "resource"], kind="stable").reset_index(drop=True)


def _documents(docs: pd.DataFrame, until) -> pd.DataFrame:
    rows = []
    keys = ("code", "name", "document", "type", "quantity", "consumption_per_day")
    for code, name, document, kind, quantity, use in zip(
        *(docs[k].tolist() if k in docs else [None] * len(docs) for k in keys)
    ):
        stock, per_day, end = whole(quantity), whole(use), until(code)
        rows.append({"code": code, "name": name, "document": clean_text(document), "type": kind, "stock": stock,
                     "consumption": per_day, "autonomy": round(stock / per_day, 1) if per_day else None,
                     **{f"print_{h}": max(0, per_day * h - stock) for h in HORIZONS}, "until": end,
                     "print_end": max(0, per_day * end - stock)})  # fmt: skip
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _services(codes: list[str], details: dict, out: Outage, people, until) -> pd.DataFrame:
    """One row per service; every table is read once (grouped by service), whatever the number of services."""
    proc, docs, telecom = out.processes, out.documents, details["telecom"]
    paper: dict[str, list] = {}  # code → [days on paper, days of its vital processes, records]
    for code, crit, days, records in zip(*(proc[k].tolist() for k in ("code", "criticality", "days", "records"))):
        if missing(days):
            continue
        mine = paper.setdefault(code, [None, None, 0])
        mine[0] = days if mine[0] is None else max(mine[0], days)
        if crit == VITAL:
            mine[1] = days if mine[1] is None else max(mine[1], days)
        mine[2] += records
    shortest: dict[str, tuple[float, str]] = {}  # code → (autonomy, document): the first of the shortest
    prints: dict[str, list[int]] = {}
    for code, document, autonomy, print_7, print_21, print_end in zip(
        *(docs[k].tolist() for k in ("code", "document", "autonomy", "print_7", "print_21", "print_end"))
    ):
        total = prints.setdefault(code, [0, 0, 0])
        total[0] += print_7
        total[1] += print_21
        total[2] += print_end
        if not missing(autonomy) and (code not in shortest or autonomy < shortest[code][0]):
            shortest[code] = (autonomy, document)
    held: dict[str, list[tuple[str, int]]] = {}
    for code, means, quantity in zip(*(telecom[k].tolist() for k in ("code", "means", "quantity"))):
        held.setdefault(code, []).append((clean_text(means), whole(quantity)))
    rows = []
    for code in codes:
        days, vital_days, records = paper.get(code, (None, None, 0))
        autonomy, document = shortest.get(code, (None, ""))
        means = held.get(code, [])
        print_7, print_21, print_end = prints.get(code, (0, 0, 0))
        rows.append({
            "code": code, "name": people.names.get(code, ""), "pole_name": people.pole_name(code),
            "paper_days": int(days) if days is not None else None,
            "vital_paper_days": int(vital_days) if vital_days is not None else None,
            "records": int(records), "hours": hours(int(records), out.minutes),
            "autonomy": float(autonomy) if autonomy is not None else None, "autonomy_document": document,
            "print_7": int(print_7), "print_21": int(print_21), "until": until(code), "print_end": int(print_end),
            "devices": sum(q for _, q in means), "devices_text": "; ".join(f"{m} × {q}" for m, q in means if q),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=SERVICE_COLUMNS)
