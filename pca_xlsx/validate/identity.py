"""Identity (DESIGN §6): a workbook is the service whose code its ``Service`` sheet holds.

When that code disagrees with the file name (a name holding another known code), with the
establishment folder it sits in (a GHT), or when two workbooks of different content claim one
code, nothing is published under a guessed identity: each file gets an error naming the other
and what to check, its rows are set aside, and the services concerned are « à vérifier ».
An exact copy (same content twice) is only a warning: one workbook is kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.words import whole_pieces
from ..findings import ERROR, rule
from ..format import fold
from ..read import Referential, WorkbookData
from ..read.ght import establishment_of, is_ght
from .locate import Collector

rule(
    "identite-nom-fichier",
    ERROR,
    "Le code service « {value} » ne correspond pas au nom du fichier « {name} », qui désigne le service "
    "« {named} » : ce classeur n'est consolidé ni comme « {value} » ni comme « {named} » ({rows} ligne(s) "
    "écartée(s)) tant que ce n'est pas vérifié. Vérifiez la feuille « Service » : si elle a été copiée d'un "
    "autre classeur, remettez le code « {named} » ; si le classeur est bien celui de « {value} », renommez "
    "le fichier « {value}.xlsx ».",
    "Code différent du nom du fichier",
)
rule(
    "identite-dossier",
    ERROR,
    "Le code service « {value} » est celui d'un service de l'établissement « {owner} », mais le classeur est "
    "rangé dans le dossier « {folder} » : il n'est pas consolidé ({rows} ligne(s) écartée(s)) tant que ce "
    "n'est pas vérifié. Vérifiez le code de la feuille « Service », ou rangez le classeur dans le dossier "
    "de son établissement.",
    "Code d'un service d'un autre établissement",
)
rule(
    "identite-code-partage",
    ERROR,
    "Le code service « {value} » est aussi celui de {others}, dont le contenu est différent : aucun de ces "
    "classeurs n'est consolidé comme « {value} » ({rows} ligne(s) écartée(s) ici) tant que ce n'est pas "
    "vérifié. Ouvrez-les : gardez celui du service « {value} » et corrigez le code de l'autre dans sa feuille "
    "« Service » (ou supprimez l'ancienne version).",
    "Deux classeurs pour un code",
)
#: Rules that set a whole workbook aside because its identity is disputed.
DISPUTE_RULES = ("identite-nom-fichier", "identite-dossier", "identite-code-partage")


#: Characters that continue a word of a folded file name.
_INNER = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def code_index(codes: list[str]) -> dict[str, list[tuple[int, str]]]:
    """Folded code → (rank in ``codes``, code) of the codes that fold to it; built once per run."""
    index: dict[str, list[tuple[int, str]]] = {}
    for rank, code in enumerate(codes):
        if key := fold(code):
            index.setdefault(key, []).append((rank, code))
    return index


def named_codes(path: Path, index: dict[str, list[tuple[int, str]]]) -> list[str]:
    """Known service codes the file name holds as whole words (« PNEUMO_v2.xlsx » → PNEUMO), longest first.

    A whole word starts and ends at the name's ends or next to a character other than a digit or a
    letter: every such piece of the name is looked up in ``index`` (:func:`code_index`), so the cost
    grows with the name's length, not with the number of services."""
    stem = fold(Path(path).stem)
    found = {hit for _, piece in whole_pieces(stem, _INNER.__contains__) for hit in index.get(piece, ())}
    return [code for _, code in sorted(found, key=lambda hit: (-len(hit[1]), hit[0]))]


def signature(wb: WorkbookData) -> int:
    """A hash of everything read from a workbook (its sheets' rows), whatever its file name."""
    return hash(repr(sorted((key, sheet.rows) for key, sheet in wb.sheets.items())))


def check_identity(
    referential: Referential,
    service: pd.DataFrame,
    workbooks: list[WorkbookData],
    out: Collector,
    rows: dict[str, int],
    owners: dict[str, str] | None = None,
) -> set[str]:
    """Every identity check; returns the files set aside (disputed files and exact copies).

    Each disputed workbook gets ``disputed``: the service codes concerned (shown « à vérifier »).
    ``owners``: service code → establishment code in a GHT (a folder is an establishment code).
    """
    codes = [str(c) for c in referential.service_codes]
    known, index = set(codes), code_index(codes)
    books = {wb.file: wb for wb in workbooks}
    frame = referential.establishments
    establishments = dict(zip(frame["code"].astype(str), frame["name"].astype(str))) if owners else {}
    claimed = service[service["code"].isin(known)]
    set_aside: set[str] = set()
    disputed: dict[str, set[str]] = {}

    def dispute(idx, *concerned: str, **params) -> None:
        file = claimed.at[idx, "_file"]
        disputed.setdefault(file, set()).update(c for c in concerned if c)
        out.at(params.pop("rule"), "service", service, idx, "code", claimed.at[idx, "code"],
               rows=rows.get(file, 0), **params)  # fmt: skip

    for idx in claimed.index:
        file, code = claimed.at[idx, "_file"], str(claimed.at[idx, "code"])
        wb = books.get(file)
        if wb is None:
            continue
        named = named_codes(wb.path, index)
        if named and code not in named:
            dispute(idx, code, named[0], rule="identite-nom-fichier", name=wb.path.name, named=named[0])
        owner = (owners or {}).get(code, "")
        if owners and wb.folder and owner and fold(owner) != fold(wb.folder):
            dispute(idx, code, rule="identite-dossier", owner=establishments.get(owner, owner), folder=wb.folder)

    for code, group in claimed.groupby("code", sort=True):
        if len(group) < 2:
            continue
        firsts: dict[int, object] = {}
        # of exact copies, the shortest name is kept (« REA.xlsx » rather than « REA (copie).xlsx »)
        for idx in sorted(group.index, key=lambda i: (len(group.at[i, "_file"]), group.at[i, "_file"])):
            wb = books.get(group.at[idx, "_file"])
            key = signature(wb) if wb is not None else hash(idx)
            if key in firsts:  # an exact copy of a workbook kept: one is enough
                kept = group.at[firsts[key], "_file"]
                set_aside.add(group.at[idx, "_file"])
                out.at("service-en-double", "service", service, idx, "code", code, kept=kept)
                out.at("service-en-double-retenu", "service", service, firsts[key], "code", code,
                       others=f"« {group.at[idx, '_file']} »")  # fmt: skip
            else:
                firsts[key] = idx
        if len(firsts) > 1:
            files = {i: group.at[i, "_file"] for i in firsts.values()}
            for idx, file in sorted(files.items(), key=lambda item: item[1]):
                others = ", ".join(f"« {f} »" for f in sorted(files.values()) if f != file)
                dispute(idx, str(code), rule="identite-code-partage", others=others)

    for file, concerned in disputed.items():
        set_aside.add(file)
        if file in books:
            books[file].disputed = tuple(sorted(concerned))
    return set_aside


def to_check(workbooks: list[WorkbookData]) -> dict[str, list[str]]:
    """Service code → the disputed files that concern it (their services are « à vérifier »)."""
    out: dict[str, list[str]] = {}
    for wb in workbooks:
        for code in getattr(wb, "disputed", ()):
            out.setdefault(code, []).append(wb.file)
    return out


def name_unreadable(referential: Referential, workbooks: list[WorkbookData]) -> None:
    """Give each unreadable workbook the service its file name names (``wb.named``: « CARDIO.xlsx », « CARDIO
    v2.xls » → CARDIO), when it names one service only, of the establishment folder it sits in (a GHT): the
    service did send a workbook, to send again, and is not « non reçu »."""
    index = code_index([str(c) for c in referential.service_codes])
    owners = establishment_of(referential) if is_ght(referential) else {}
    for wb in workbooks:
        if wb.readable or wb.service:
            continue
        named = named_codes(wb.path, index)
        if wb.folder and owners:
            named = [c for c in named if fold(owners.get(c, "")) == fold(wb.folder)]
        wb.named = named[0] if len(named) == 1 else ""
