"""Per-service and per-pôle figures, and the maturity score (``format.MATURITY_FORMULA``)."""

from __future__ import annotations

import pandas as pd

from ..format import MATURITY_POINTS, MATURITY_QUESTIONS
from .common import Directory, last_exercises
from .figures import covered, tested

SERVICE_FIELDS = (
    "medical_referent",
    "medical_phone",
    "paramedical_referent",
    "paramedical_phone",
    "ambition",
    "updated",
)
SYNTHESIS_COLUMNS = [
    "code",
    "name",
    "pole",
    "pole_name",
    "establishment",
    "category",
    "files",
    "received",
    "checking",
    "unreadable",
    *SERVICE_FIELDS[:4],
    "ambition",
    "maturity",
    "processes",
    "with_workaround_pct",
    "tested_pct",
    "applications",
    "updated",
    "last_exercise",
    "errors",
    "warnings",
]


def maturity_scores(maturity: pd.DataFrame) -> pd.Series:
    """Score 0-100 per service code: 100 × (Oui + 0.5 × Partiel) ÷ number of questions."""
    if maturity.empty:
        return pd.Series(dtype=float)
    points = maturity["answer"].map(lambda a: MATURITY_POINTS.get(a, 0.0)).astype(float)
    total = points.groupby(maturity["code"]).sum()
    return (100.0 * total / len(MATURITY_QUESTIONS)).clip(upper=100.0).round(1)


def process_figures(processes: pd.DataFrame) -> pd.DataFrame:
    """Per service: process rows, covered (« Définie » or « Testée »), tested (counts)."""
    if processes.empty:
        return pd.DataFrame(columns=["processes", "with_workaround", "tested"], dtype=float)
    frame = pd.DataFrame(
        {
            "code": processes["code"],
            "processes": 1,
            "with_workaround": covered(processes).astype(int),
            "tested": tested(processes).astype(int),
        }
    )
    return frame.groupby("code").sum()


def pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (100.0 * part / whole.where(whole > 0)).round(1)


def files_shown(people: Directory, code: str) -> str:
    """The service's workbooks; those whose identity is disputed are named « à vérifier », those that cannot be
    read « illisible »."""
    shown = ", ".join(sorted(people.files.get(code, [])))
    unreadable = people.only_unreadable(code)
    if unreadable:
        shown += ("; " if shown else "") + f"illisible : {', '.join(unreadable)}"
    checking = people.to_check.get(code)
    if checking:
        shown += ("; " if shown else "") + f"à vérifier : {', '.join(sorted(checking))}"
    return shown


def build_synthesis(details: dict[str, pd.DataFrame], people: Directory) -> pd.DataFrame:
    codes = people.codes
    out = pd.DataFrame({"code": pd.Series(codes, dtype=object)})
    out["name"] = [people.names.get(c, "") for c in codes]
    out["pole"] = [people.poles.get(c, "") for c in codes]
    out["pole_name"] = [people.pole_name(c) for c in codes]
    out["establishment"] = [people.establishment(c) for c in codes]
    out["category"] = [people.categories.get(c, "") for c in codes]
    out["files"] = [files_shown(people, c) for c in codes]
    out["received"] = [people.received(c) for c in codes]
    out["checking"] = [bool(people.to_check.get(c)) for c in codes]  # « À vérifier » in the Synthèse
    # the files received for a service that cannot be read ("" for none): « Illisible » in the Synthèse
    out["unreadable"] = [", ".join(people.only_unreadable(c)) for c in codes]
    out = out.set_index("code", drop=False)

    identity = details["service"].drop_duplicates("code").set_index("code")
    for key in SERVICE_FIELDS:
        out[key] = identity[key].reindex(out.index).astype(object) if key in identity else None
    out["maturity"] = maturity_scores(details["maturite"]).reindex(out.index)
    figures = process_figures(details["processus"]).reindex(out.index).fillna(0).astype(int)
    out["processes"] = figures["processes"]
    out["with_workaround_pct"] = pct(figures["with_workaround"], figures["processes"])
    out["tested_pct"] = pct(figures["tested"], figures["processes"])
    apps = details["applications"]
    out["applications"] = apps.groupby("code").size().reindex(out.index).fillna(0).astype(int)
    out["last_exercise"] = last_exercises(details["exercices"]).reindex(out.index).astype(object)
    out["errors"] = [sum(people.file_errors.get(f, 0) for f in people.files.get(c, [])) for c in codes]
    out["warnings"] = [sum(people.file_warnings.get(f, 0) for f in people.files.get(c, [])) for c in codes]
    return out.reset_index(drop=True)[SYNTHESIS_COLUMNS]


def build_poles(synthesis: pd.DataFrame, details: dict[str, pd.DataFrame], people: Directory) -> pd.DataFrame:
    """Per pôle: the synthesis figures summed (percentages recomputed from the rows)."""
    poles = sorted(set(people.pole_names) | {p for p in synthesis["pole"] if p})
    figures = process_figures(details["processus"])
    by_service = figures.reindex(synthesis["code"]).fillna(0)
    by_service.index = synthesis.index
    frame = pd.concat([synthesis[["pole", "received", "applications", "errors", "warnings"]], by_service], axis=1)
    frame["maturity"] = pd.to_numeric(synthesis["maturity"], errors="coerce")
    frame["services"] = 1
    sums = frame.groupby("pole")[
        ["services", "received", "applications", "errors", "warnings", "processes", "with_workaround", "tested"]
    ].sum()
    means = frame.groupby("pole")["maturity"].mean().round(1)
    out = pd.DataFrame({"pole": pd.Series(poles, dtype=object)}).set_index("pole", drop=False)
    out["pole_name"] = [people.pole_names.get(p, "") for p in poles]
    out = out.join(sums).join(means)
    for col in ("services", "received", "applications", "errors", "warnings", "processes", "with_workaround", "tested"):
        out[col] = out[col].fillna(0).astype(int)
    out["with_workaround_pct"] = pct(out["with_workaround"], out["processes"])
    out["tested_pct"] = pct(out["tested"], out["processes"])
    out["establishment"] = [people.pole_owners.get(p, "") for p in poles]
    columns = ["establishment", "pole", "pole_name", "services", "received", "maturity", "processes"]
    columns += ["with_workaround_pct", "tested_pct", "applications", "errors", "warnings"]
    return out.reset_index(drop=True)[columns]
