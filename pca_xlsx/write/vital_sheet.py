"""The ``Processus vitaux`` sheet of the consolidated workbook: the register of vital processes not
yet protected, then, from a new printed page headed by its own header row, the vital workarounds to test
first (:mod:`pca_xlsx.consolidate.vital`)."""

from __future__ import annotations

import pandas as pd

from ..consolidate.vital import PROTECTED_RULE, REGISTER_COLUMNS, TO_TEST_COLUMNS, TO_TEST_RULE
from ..format.tables import TABLES
from .layout import Writer

SHEET = TABLES["processus_vitaux"].sheet


def _frame(c, name: str, columns: list[str]) -> pd.DataFrame:
    """The frame as built: an empty owner or tolerable interruption is shown in the declaration's words
    (« sans responsable », « non déclarée ») by the writer, and stays empty in a data export."""
    frame = getattr(c, name, None)
    return frame if isinstance(frame, pd.DataFrame) and len(frame.columns) else pd.DataFrame(columns=columns)


def vital_register(w: Writer, c) -> None:
    register = _frame(c, "vital_register", REGISTER_COLUMNS)
    to_test = _frame(c, "vital_to_test", TO_TEST_COLUMNS)
    ws = w.sheet(SHEET)
    orphans = int((register["owner"] == "").sum()) if len(register) else 0
    row = w.heading(
        ws, 0, f"Processus vitaux non protégés : {len(register)}",
        f"{PROTECTED_RULE} Les lignes sans responsable (aucune action du Plan d'actions ne cite leur N° en "
        f"« Référence ») viennent d'abord : {orphans} sur {len(register)}. L'interruption tolérable est celle que le "
        "service a déclarée pour la ressource (feuille Applications).",
    )  # fmt: skip
    row = w.table(ws, row, register, TABLES["processus_vitaux"])
    ws.set_h_pagebreaks([row])  # the list to test starts a printed page, its header repeated (Writer._print)
    ws.write_string(row, 0, f"À tester en priorité : {len(to_test)}", w.fmt.subtitle)
    ws.write_string(row + 1, 0, TO_TEST_RULE, w.note)
    w.table(ws, row + 2, to_test, TABLES["vitaux_a_tester"])
