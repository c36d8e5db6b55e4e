"""A GHT run (DESIGN §4.1): one establishment's share of a run, and the GHT-wide tables.

:func:`establishment_result` filters a validated run down to one establishment (its referential
rows, workbooks, findings and table rows), so that the ordinary consolidation and writers make
that establishment's own workbook and documents. :func:`build_establishments` and
:func:`build_cross_reliances` are the GHT's own tables, from the same service status.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import pandas as pd

from ..findings import Report
from ..read.ght import establishment_of, is_ght
from .coverage import share

EST_COLUMNS = ["code", "name", "finess", "share", "services", "received", "signed", "errors", "processes", "covered",
               "tested", "coverage_pct", "tested_pct", "vital_unprotected", "gaps", "exercised"]  # fmt: skip
CROSS_COLUMNS = ["code", "name", "establishment", "depends_on", "depends_on_name", "depends_on_establishment", "rows",
                 "numbers"]  # fmt: skip


def owners(result) -> dict[str, str]:
    """Service code → establishment code for every service of the run ({} outside a GHT).

    Services of the referential by their pôle; a workbook naming an unknown service belongs to the
    establishment folder it sits in.
    """
    if not is_ght(result.referential):
        return {}
    out = establishment_of(result.referential)
    codes = {str(c) for c in result.referential.establishments["code"]}
    for wb in result.workbooks:
        if wb.service and wb.service not in out and wb.folder in codes:
            out[wb.service] = wb.folder
    return out


def _referential(ref, code: str):
    """The referential of one establishment: its pôles and services, in its own name."""
    rows = ref.establishments[ref.establishments["code"].astype(str) == code]
    name = str(rows.iloc[0]["name"]) if not rows.empty else code
    out = copy.copy(ref)
    out.establishment = {**ref.establishment, "name": name, "group": ref.name}
    out.establishments = rows.reset_index(drop=True)
    out.poles = ref.poles[ref.poles["establishment"] == code].reset_index(drop=True)
    out.services = ref.services[ref.services["pole"].isin(set(out.poles["code"]))].reset_index(drop=True)
    out.findings = []
    return out


def establishment_result(result, code: str, mapping: dict[str, str]):
    """The part of ``result`` (a :class:`pca_xlsx.pipeline.RunResult`) that belongs to establishment ``code``."""
    workbooks = [wb for wb in result.workbooks if mapping.get(wb.service) == code]
    files = {wb.file for wb in workbooks}
    tables = {key: frame[frame["_file"].isin(files)].reset_index(drop=True) for key, frame in result.tables.items()}
    report = Report([f for f in result.report.findings if f.file in files])
    return replace(
        result, referential=_referential(result.referential, code), workbooks=workbooks, report=report,
        tables=tables, consolidation=None, written=[], notes=[], pending=None,
    )  # fmt: skip


def _sum_row(part: pd.DataFrame) -> dict:
    keys = ["received", "signed", "errors", "processes", "covered", "tested", "vital_unprotected", "gaps", "exercised"]
    row = {"services": len(part), **{k: int(part[k].astype(int).sum()) for k in keys}}
    row["coverage_pct"] = share(row["covered"], row["processes"])
    row["tested_pct"] = share(row["tested"], row["processes"])
    return row


def build_establishments(status: pd.DataFrame, referential) -> pd.DataFrame:
    """One row per establishment of the GHT (then, if any, the services of no establishment), summed from ``status``."""
    rows = []
    for est in referential.establishments.to_dict("records"):
        code = str(est["code"])
        rows.append({"code": code, "name": est["name"], "finess": est.get("finess"), "share": est.get("share"),
                     **_sum_row(status[status["establishment"] == code])})  # fmt: skip
    orphans = status[status["establishment"] == ""]
    if len(orphans):
        rows.append({"code": "", "name": "Sans établissement", "finess": None, "share": None, **_sum_row(orphans)})
    return pd.DataFrame(rows, columns=EST_COLUMNS)


def build_cross_reliances(edges: pd.DataFrame, mapping: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """Interface edges between services of two different establishments."""
    if edges.empty or not mapping:
        return pd.DataFrame(columns=CROSS_COLUMNS)
    rows = []
    for e in edges.to_dict("records"):
        a, b = mapping.get(str(e["code"]), ""), mapping.get(str(e["depends_on"]), "")
        if a and b and a != b:
            rows.append({**{k: e.get(k) for k in CROSS_COLUMNS}, "establishment": names.get(a, a),
                         "depends_on_establishment": names.get(b, b)})  # fmt: skip
    return pd.DataFrame(rows, columns=CROSS_COLUMNS)


#: Procurement tables whose pôle columns a GHT's workbook shows per establishment instead.
PROCUREMENT_KEYS = ("telecom", "biomedical", "documents")


def procurement_by_establishment(procurement: dict[str, pd.DataFrame], referential) -> dict[str, pd.DataFrame]:
    """The same totals with one column per establishment code instead of one per pôle (each establishment's
    own workbook keeps its pôles): a GHT's sheets stay a few dozen columns wide whatever its number of pôles."""
    owner = {str(p): str(e or "") for p, e in zip(referential.poles["code"], referential.poles["establishment"])}
    codes = [str(c) for c in referential.establishments["code"]]
    out = dict(procurement)
    for key in PROCUREMENT_KEYS:
        table = procurement.get(key)
        if table is None or "total" not in table.columns:
            continue
        parts = table.drop(columns="total")
        grouped = parts.T.groupby(lambda pole: owner.get(str(pole), "")).sum().T
        grouped = grouped.reindex(columns=codes, fill_value=0)
        grouped.insert(0, "total", table["total"])
        grouped.columns.name = None
        out[key] = grouped
    return out
