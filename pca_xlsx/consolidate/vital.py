"""The register of vital processes not yet protected: the one definition every output reads (DESIGN §6).

A vital process row is *protected* when its workaround is written, its status is « Définie » or
« Testée », and the last exercise that observed it (a filled observation grid, DESIGN §4.2) did not
see it fail. Every other vital row is a line of the register, with why, the tolerable interruption
the service declared for its resource, and the action of the service's « Plan d'actions » whose
« Référence » names its N°. Vital rows « Définie » that no exercise has observed and whose resource
tolerates less than 4 hours are listed apart: the workarounds to test first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from ..core.values import missing, to_date
from ..format import fold
from ..format.tables import TABLES
from ..format.vocabulary import INTERRUPTION, SHORT_INTERRUPTIONS, VITAL, WORKAROUND_STATUS
from .actions import DONE, NO_ACTION
from .figures import covered

#: Why a vital row is in the register.
NO_WORKAROUND = "sans parade"
TO_BUILD = "à construire"
FAILED = "en échec à l'exercice du {date}"
DEFINED = WORKAROUND_STATUS[1]
#: The rule, as printed under every figure that reads the register.
PROTECTED_RULE = (
    "Un processus vital est protégé quand sa parade est écrite, « Définie » ou « Testée », et qu'elle n'a pas "
    "échoué au dernier exercice qui l'a observée ; tout autre processus vital est au registre des processus "
    "vitaux non protégés (feuille Processus vitaux)."
)
TO_TEST_RULE = (
    "À tester en priorité : processus vitaux à parade « Définie » qu'aucun exercice n'a encore observée, "
    "dont la ressource ne tolère pas plus de 4 h d'interruption."
)
#: The register's and the to-test list's columns, as declared (pca_xlsx.format.tables).
REGISTER_COLUMNS = TABLES["processus_vitaux"].frame_keys
#: How a line no action owns is shown (its ``owner`` is empty in the data: the declaration's words).
NO_OWNER = TABLES["processus_vitaux"].field("owner").empty
TO_TEST_COLUMNS = TABLES["vitaux_a_tester"].frame_keys
_NUMBERS = re.compile(r"\d+")


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def observations(grids) -> dict[tuple[str, int | str], tuple[dt.date, str]]:
    """(service code, N° — or the folded process name without N°) → (date, « Parade appliquée ») of the
    latest exercise whose grid observed that row (a row left blank in a grid was not observed)."""
    out: dict[tuple[str, int | str], tuple[dt.date, str]] = {}
    for o in grids.observed if grids else []:
        day = o.grid.day
        if day is None:
            continue
        for row in o.sheet.observations:
            applied = row.values.get("applied")
            if not applied:
                continue
            number = _int(row.values.get("number"))
            key = (o.code, number if number is not None else fold(row.values.get("process")))
            if key not in out or out[key][0] <= day:
                out[key] = (day, str(applied))
    return out


def _tolerable(applications: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(service, resource) → the shortest tolerable interruption its Applications rows declare."""
    rank = {v: i for i, v in enumerate(INTERRUPTION)}
    out: dict[tuple[str, str], str] = {}
    if applications.empty:
        return out
    for code, resource, value in zip(applications["code"], applications["resource"], applications["tolerable"]):
        if missing(value) or missing(resource):
            continue
        key, value = (str(code), fold(resource)), str(value)
        if key not in out or rank.get(value, 99) < rank.get(out[key], 99):
            out[key] = value
    return out


def _actions(plan: pd.DataFrame) -> dict[tuple[str, int], dict]:
    """(service, N°) → the Plan d'actions row whose Référence names that N° (an open one before a done one)."""
    out: dict[tuple[str, int], dict] = {}
    if plan is None or plan.empty:
        return out
    for r in plan[plan["from_plan"].astype(bool)].to_dict("records"):
        ref = str(r.get("reference") or "")
        if not ref or to_date(ref) is not None:  # an exercise date, not a process N°
            continue
        for n in {int(x) for x in _NUMBERS.findall(ref)}:
            key = (str(r["code"]), n)
            if key not in out or (out[key]["status"] == DONE and r["status"] != DONE):
                out[key] = r
    return out


def build_register(processes: pd.DataFrame, applications: pd.DataFrame, plan: pd.DataFrame,
                   grids) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """(the register of vital processes not yet protected, the vital workarounds to test first)."""
    if processes.empty:
        return pd.DataFrame(columns=REGISTER_COLUMNS), pd.DataFrame(columns=TO_TEST_COLUMNS)
    vital = processes[processes["criticality"] == VITAL]
    ok = covered(vital)
    seen = observations(grids)
    tolerable = _tolerable(applications)
    actions = _actions(plan)
    register, to_test = [], []
    for r, is_covered in zip(vital.to_dict("records"), ok):
        code, number = str(r["code"]), _int(r.get("number"))
        last = seen.get((code, number)) or seen.get((code, fold(r.get("process"))))
        written = not missing(r.get("workaround")) and str(r.get("workaround")).strip() != ""
        base = {
            "code": code,
            "name": r.get("name"),
            "pole": r.get("pole"),
            "pole_name": r.get("pole_name"),
            "number": number,
            "process": r.get("process"),
            "resource": r.get("resource"),
            "tolerable": tolerable.get((code, fold(r.get("resource"))), ""),
            "source": r.get("source"),
        }
        if is_covered and not (last and last[1] == "Non"):
            if r.get("status") == DEFINED and last is None and base["tolerable"] in SHORT_INTERRUPTIONS:
                to_test.append(base)
            continue
        why = (
            NO_WORKAROUND if not written
            else TO_BUILD if not is_covered
            else FAILED.format(date=f"{last[0]:%d/%m/%Y}")
        )  # fmt: skip
        action = actions.get((code, number)) if number is not None else None
        register.append(
            {
                **base,
                "why": why,
                "status": r.get("status"),
                "owner": (action or {}).get("owner") or "",
                "due": (action or {}).get("due"),
                "action_status": action["status"] if action else NO_ACTION,
                "action": (action or {}).get("action") or "",
            }
        )
    order = {NO_WORKAROUND: 0, TO_BUILD: 1}
    out = pd.DataFrame(register, columns=REGISTER_COLUMNS)
    if len(out):
        out = (
            out.assign(_o=(out["owner"] != "").astype(int), _w=out["why"].map(lambda w: order.get(w, 2)))
            .sort_values(["_o", "_w", "code", "number"], kind="stable")
            .drop(columns=["_o", "_w"])
            .reset_index(drop=True)
        )
    return out, pd.DataFrame(to_test, columns=TO_TEST_COLUMNS)


def per_service(register: pd.DataFrame) -> pd.Series:
    """Service code → number of register lines."""
    return register.groupby("code").size() if len(register) else pd.Series(dtype=int)


def lines_of(rows: pd.DataFrame) -> list[dict]:
    """The register lines of one service (its rows of the register, as the documents' ``Sources.frame_of``
    gives them without scanning the register for each service), N° order."""
    if rows.empty:
        return []
    return rows.sort_values("number", kind="stable").to_dict("records")


def register_line(c) -> str:
    """The CLI line: « 14 processus vitaux non protégés (3 sans parade, 11 à construire) ; … »."""
    register = c.vital_register
    n = len(register)
    parts = []
    if n:
        whys = register["why"].map(lambda w: w if w in (NO_WORKAROUND, TO_BUILD) else "en échec à l'exercice")
        parts = [f"{count} {why}" for why, count in whys.value_counts(sort=False).items()]
    orphans = int((register["owner"] == "").sum()) if n else 0
    detail = f" ({', '.join(parts)} ; {orphans} {NO_OWNER})" if n else ""
    return (
        f"{n} processus vitaux non protégés{detail} ; {len(c.vital_to_test)} processus vitaux à parade définie "
        "à tester en priorité (feuille Processus vitaux)."
    )


__all__ = ["PROTECTED_RULE", "REGISTER_COLUMNS", "build_register", "lines_of", "per_service", "register_line"]
