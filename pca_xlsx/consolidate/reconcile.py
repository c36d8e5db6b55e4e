"""Levels that add up (DESIGN §6): each total of a consolidation against the sum of its establishments' and
of its pôles', one line per figure, « OK » or not (shown in « Contrôle » and in the synthesis).

What belongs to no pôle is named in its own column: the DSI's gaps (« Reprise SI insuffisante ») and
the backup stock, held by the establishment. In a GHT, the establishments' column sums their own
consolidations, as their own documents print them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .poles import ALL, OUTSIDE
from .ranking import SEVERITIES

OK = "OK"
MISMATCH = "NE S'ADDITIONNE PAS"
COLUMNS = ["figure", "level", "establishments", "poles", "outside", "status"]
HEADERS = ["Chiffre", "Ce niveau", "Somme des établissements", "Somme des pôles", "Hors pôle", "Statut"]
NOTE = (
    "Chaque total de ce classeur est comparé à la somme de ses établissements (leurs propres classeurs, dans un "
    "GHT) et à la somme de ses pôles. Hors pôle : les écarts de la DSI (reprise SI insuffisante) et le stock de "
    "moyens de secours, détenu par l'établissement. « OK » : les niveaux s'additionnent."
)
#: Copies to print beyond the planned ones (« Quantité à prévoir »), to last on paper until each service's end of
#: paper (« Durée de la panne »): not the planned copies (feuille Documents) nor those still to prepare (the
#: synthesis names all three).
PAPER_END_LABEL = (
    "Cyberattaque : exemplaires à imprimer en plus des quantités prévues, pour tenir jusqu'à la fin du papier"
)
#: « À acheter » is a sum of shortfalls (``Consolidation.buy_rule``), not the need minus the stock above it.
BUY_LABEL = "Télécom : à acheter (somme des manques)"


def note(c) -> str:
    """:data:`NOTE`, then how this level's « À acheter » is computed."""
    return f"{NOTE} {c.buy_rule}."


def _pole_of(c) -> dict[str, str]:
    status = c.service_status
    return dict(zip(status["code"].astype(str), status["pole"].astype(str))) if len(status) else {}


def _gap_rows(c, severity: str | None) -> pd.DataFrame:
    return c.gaps if severity is None else c.gaps[c.gaps["severity"] == severity]


def _gaps_in_poles(c, severity: str | None) -> int:
    poles = _pole_of(c)
    return int(sum(1 for code in _gap_rows(c, severity)["code"] if poles.get(str(code))))


def _gaps_outside(c, severity: str | None) -> int:
    return int((_gap_rows(c, severity)["code"].astype(str) == "").sum())


def _budget(c, column: str) -> float:
    budget = c.procurement.get("telecom_budget")
    if budget is None or budget.empty:
        return 0
    value = pd.to_numeric(budget[column], errors="coerce").fillna(0).sum()
    return round(float(value), 2) if column == "cost" else int(value)


def _telecom_in_poles(c) -> int:
    telecom = c.details["telecom"]
    qty = pd.to_numeric(telecom["quantity"], errors="coerce").fillna(0)
    return int(qty[telecom["pole"].astype(str) != ""].sum())


def _actions_in_poles(c) -> int:
    poles = _pole_of(c)
    return int(sum(1 for code in c.actions["code"] if poles.get(str(code)))) if len(c.actions) else 0


def _board(c, key: str) -> int:
    """Sum of ``key`` over the pôles' rows of the pôle board (not its « Hors pôle » rows, nor its total)."""
    board = c.pole_board
    return int(board[~board["pole"].isin([ALL, OUTSIDE])][key].sum()) if len(board) else 0


def outage_total(c, key: str, poles: bool | None = None) -> int:
    """Sum of ``key`` over the services of « Durée de la panne » (those in a pôle, or in none, when ``poles``)."""
    data = getattr(c, "outage", None)
    if data is None or not len(data.services):
        return 0
    services = data.services
    if poles is not None:
        known = _pole_of(c)
        inside = services["code"].astype(str).map(lambda code: bool(known.get(code)))
        services = services[inside if poles else ~inside]
    return int(pd.to_numeric(services[key], errors="coerce").fillna(0).sum())


#: (French label, the figure, its pôles' sum or None, what no pôle holds or None).
Figure = tuple[str, Callable, Callable | None, Callable | None]


def _gap_figure(severity: str | None) -> Figure:
    label = "Écarts" if severity is None else f"Écarts de gravité {severity}"
    return (
        label,
        lambda c: len(_gap_rows(c, severity)),
        lambda c: _gaps_in_poles(c, severity),
        lambda c: _gaps_outside(c, severity),
    )


FIGURES: tuple[Figure, ...] = (
    ("Services", lambda c: len(c.synthesis), lambda c: _board(c, "services"), None),
    ("Lignes de processus", lambda c: len(c.details["processus"]), lambda c: _board(c, "processes"), None),
    ("Processus vitaux non protégés", lambda c: len(c.vital_register), lambda c: _board(c, "vital_unprotected"), None),
    _gap_figure(None),
    *(_gap_figure(s) for s in SEVERITIES),
    ("Actions du plan d'actions", lambda c: len(c.actions), _actions_in_poles, None),
    ("Télécom : besoin des services", lambda c: _budget(c, "needed"), _telecom_in_poles, None),
    ("Télécom : stock détenu", lambda c: _budget(c, "held"), None, lambda c: _budget(c, "held")),
    (BUY_LABEL, lambda c: _budget(c, "to_buy"), None, lambda c: _budget(c, "to_buy")),
    ("Télécom : coût des achats (€)", lambda c: _budget(c, "cost"), None, lambda c: _budget(c, "cost")),
    *(
        (
            label,
            lambda c, k=key: outage_total(c, k),
            lambda c, k=key: outage_total(c, k, True),
            lambda c, k=key: outage_total(c, k, False),
        )
        for label, key in (
            ("Cyberattaque : enregistrements à ressaisir", "records"),
            (PAPER_END_LABEL, "print_end"),
        )
    ),
)


def figures(c) -> list:
    """The figures of :data:`FIGURES` for consolidation ``c``, in order: what an establishment's part of a GHT
    hands to the GHT's reconciliation (its consolidation let go once written, :mod:`pca_xlsx.ght_run`)."""
    return [figure(c) for _label, figure, _in_poles, _outside in FIGURES]


def build_reconciliation(c, establishments: list[list] | None = None) -> pd.DataFrame:
    """One row per figure of :data:`FIGURES` for consolidation ``c``; ``establishments``: the :func:`figures`
    of each of its establishments' consolidations (a GHT), else None (that column stays empty)."""
    rows = []
    for i, (label, figure, in_poles, outside) in enumerate(FIGURES):
        level = figure(c)
        est = sum(part[i] for part in establishments) if establishments is not None else None
        poles = in_poles(c) if in_poles else None
        out = outside(c) if outside else (0 if in_poles else None)
        ok = (est is None or _same(est, level)) and (poles is None or _same(poles + (out or 0), level))
        rows.append([label, level, est, poles, out if outside else None, OK if ok else MISMATCH])
    return pd.DataFrame(rows, columns=COLUMNS).astype(object)


def _same(a, b) -> bool:
    return abs(float(a) - float(b)) < 0.005


def all_ok(table: pd.DataFrame) -> bool:
    return bool(len(table)) and bool((table["status"] == OK).all())
