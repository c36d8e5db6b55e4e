"""Shared helpers: value normalisation robust to raw reader values, and the service directory."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..core.values import clean_text, missing, texts, to_date
from ..format import DATA_SHEETS, SHEETS_BY_KEY, fold
from ..validate.completeness import incomplete

#: The detailed sheets, in workbook order: sheet key -> title in the consolidated workbook (from the format).
DETAIL_SHEETS = {s.key: s.detail for s in DATA_SHEETS if s.detail}
#: The other data sheets and the consolidated sheet that takes their rows: identity and maturity are
#: summed up per service in « Synthèse », the action plans are merged in « Plan d'actions ».
SUMMARISED = {"service": "Synthèse", "maturite": "Synthèse", "plan_actions": SHEETS_BY_KEY["plan_actions"].name}
LINE_ERROR = "Ligne en erreur"
FILE_ERROR = "Classeur en erreur"


def share_texts(frame: pd.DataFrame, like: pd.DataFrame | None = None) -> pd.DataFrame:
    """``frame`` (changed in place, and returned) with one object per distinct text in each text column: a text
    built row by row (a cell address, a source, a gap's sentence) is mostly equal to another row's, each a
    separate object — at 1,000 services about 50 MB of the consolidation, held to the last document (README
    « Une région sur une machine », 6ᵉ passe). ``like``: the texts of its columns of the same name are reused."""
    for column in frame.columns:
        series = frame[column]
        if not (series.dtype == object or isinstance(series.dtype, pd.StringDtype)):
            continue
        pool: dict[str, str] = {}
        if like is not None and column in like.columns:
            pool = {v: v for v in like[column].tolist() if type(v) is str}
        shared = [pool.setdefault(v, v) if type(v) is str else v for v in series.tolist()]
        del pool
        frame[column] = pd.Series(shared, index=frame.index, dtype=series.dtype)
    return frame


def canon(series: pd.Series, choices: tuple[str, ...]) -> pd.Series:
    """Map values onto their canonical choice (case, accents, spaces ignored); others stay as text."""
    table = {fold(c): c for c in choices}
    memo: dict = {}

    def one(v):
        if missing(v):
            return None
        return table.get(fold(v), clean_text(v))

    values = []
    for v in series:  # values repeat: memoised by type and value (1, 1.0 and True stay apart)
        key = (type(v), v)
        try:
            found = memo[key]
        except KeyError:
            found = memo[key] = one(v)
        except TypeError:  # unhashable raw value
            found = one(v)
        values.append(found)
    return pd.Series(values, index=series.index, dtype=object)


def numbers(series: pd.Series) -> pd.Series:
    """Numbers, NaN where the value is not one (text numbers are accepted)."""
    return pd.to_numeric(
        series.map(lambda v: v.strip().replace(",", ".") if isinstance(v, str) else v), errors="coerce"
    )


def last_exercises(exercises: pd.DataFrame) -> pd.Series:
    """Service code -> date of its latest exercise (services with no dated exercise are absent)."""
    dates = exercises.assign(_d=exercises["date"].map(to_date)).dropna(subset=["_d"])
    return dates.groupby("code")["_d"].max()


def errors_column(df: pd.DataFrame) -> pd.Series:
    """The validation's boolean ``_errors`` column, False where absent."""
    if "_errors" not in df.columns:
        return pd.Series(False, index=df.index, dtype=bool)
    return df["_errors"].fillna(False).astype(bool)


@dataclass
class Directory:
    """Who is who: services of the referential and of the workbooks, pôles, files with errors."""

    names: dict[str, str] = field(default_factory=dict)
    poles: dict[str, str] = field(default_factory=dict)  # service code -> pôle code
    pole_names: dict[str, str] = field(default_factory=dict)  # pôle code -> name
    categories: dict[str, str] = field(default_factory=dict)
    referential_codes: list[str] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # code -> files
    file_errors: dict[str, int] = field(default_factory=dict)
    file_warnings: dict[str, int] = field(default_factory=dict)
    letters: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (file, sheet key)
    #: Received but below the minimum content: code -> what it lacks (pca_xlsx.validate.completeness).
    incomplete: dict[str, list[str]] = field(default_factory=dict)
    #: code -> disputed files concerning it (validate.identity): not received, « à vérifier »
    to_check: dict[str, list[str]] = field(default_factory=dict)
    #: In a GHT: service code -> establishment code (:meth:`pca_xlsx.plan.Plan.owners`), pôle code -> its.
    owners: dict[str, str] = field(default_factory=dict)
    pole_owners: dict[str, str] = field(default_factory=dict)
    #: code -> files received for it that cannot be read (named for it: validate.identity.name_unreadable)
    unreadable: dict[str, list[str]] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        """Every known service code, sorted: the referential's and those of received workbooks."""
        return sorted(set(self.referential_codes) | {c for c in self.files if c})

    def pole_name(self, code: str) -> str:
        return self.pole_names.get(self.poles.get(code, ""), "")

    def received(self, code: str) -> bool:
        return bool(self.files.get(code))

    def establishment(self, code: str) -> str:
        """The service's establishment code in a GHT, "" otherwise."""
        return self.owners.get(code, "")

    def only_unreadable(self, code: str) -> list[str]:
        """The unreadable files received for a service that has no readable workbook (else [])."""
        return [] if self.received(code) else sorted(self.unreadable.get(code, []))


def directory(result) -> Directory:
    ref = result.referential
    out = Directory()
    out.pole_names = {str(r.code): clean_text(r.name) for r in ref.poles.itertuples()}
    for row in ref.services.itertuples():
        code = str(row.code)
        out.referential_codes.append(code)
        out.names[code] = clean_text(row.name)
        out.poles[code] = str(row.pole)
        out.categories[code] = clean_text(row.category)
    for wb in result.workbooks:
        code = wb.service
        if wb.named:  # unreadable: the service sent it, it is to send again (not « non reçu »)
            out.unreadable.setdefault(wb.named, []).append(wb.file)
        if wb.disputed:  # published under no code until the team checks it
            for disputed in wb.disputed:
                out.to_check.setdefault(disputed, []).append(wb.file)
            continue
        out.files[code].append(wb.file)
        if code and code not in out.names:
            sheet = wb.sheets.get("service")
            name = sheet.rows[0][sheet.spec.all_keys.index("name")] if sheet and sheet.rows else ""
            out.names[code] = clean_text(name)
        for key, sheet in wb.sheets.items():
            out.letters[(wb.file, key)] = sheet.letters
    out.incomplete = incomplete(result.workbooks)
    out.owners = result.owners() if hasattr(result, "owners") else {}
    if out.owners and "establishment" in ref.poles:
        out.pole_owners = {str(p): str(e or "") for p, e in zip(ref.poles["code"], ref.poles["establishment"])}
    for code, label in getattr(result, "elsewhere", {}).items():  # another establishment's, in a GHT
        out.names.setdefault(code, label)
    for item in result.report.findings:
        target = out.file_errors if item.is_error else out.file_warnings
        target[item.file] = target.get(item.file, 0) + 1
    return out


def identify(df: pd.DataFrame, people: Directory, key: str) -> pd.DataFrame:
    """Add code, name, pole, pole_name, establishment, source and flag to a stacked table (a copy)."""
    codes = texts(df["_service"])
    pole_names = {c: people.pole_name(c) for c in set(codes)}
    ident = pd.DataFrame(
        {
            "code": pd.Series(codes, index=df.index, dtype=object),
            "name": pd.Series([people.names.get(c, "") for c in codes], index=df.index, dtype=object),
            "pole": pd.Series([people.poles.get(c, "") for c in codes], index=df.index, dtype=object),
            "pole_name": pd.Series([pole_names[c] for c in codes], index=df.index, dtype=object),
            "establishment": pd.Series([people.establishment(c) for c in codes], index=df.index, dtype=object),
        },
        index=df.index,
    )
    out = pd.concat([ident, df.drop(columns=[c for c in ident.columns if c in df.columns])], axis=1)
    first = SHEETS_BY_KEY[key].keys
    sources = []
    for file, sheet, row in zip(out["_file"], out["_sheet"], out["_row"]):
        letters = people.letters.get((file, key), {})
        letter = next((letters[k] for k in first if k in letters), "A")
        # a form sheet (label in A, value in B) has no row of its own: the source is the sheet
        sources.append(f"{file} · {sheet}!{letter}{row}" if row else f"{file} · {sheet}")
    out["source"] = pd.Series(sources, index=out.index, dtype=object)
    line = errors_column(out)
    bad_files = {f for f, n in people.file_errors.items() if n > 0}
    file_bad = out["_file"].isin(bad_files)
    flag = pd.Series("", index=out.index, dtype=object)
    flag[file_bad] = FILE_ERROR
    flag[line] = LINE_ERROR
    out["flag"] = flag
    return out


def sort_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Deterministic order: service code, file, sheet, row."""
    if df.empty:
        return df.reset_index(drop=True)
    return df.sort_values(["code", "_file", "_row"], kind="stable").reset_index(drop=True)


__all__ = ["DETAIL_SHEETS", "SUMMARISED"]
