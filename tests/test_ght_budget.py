"""A GHT's telecom budget when a service belongs to no establishment (its referential row rejected): its need
is bought at the referential's unit cost, so one wrong row does not make a means' cost unknown for the GHT."""

from __future__ import annotations

import pandas as pd

from pca_xlsx.consolidate.stock import ght_budget


def test_a_service_of_no_establishment_is_costed_at_the_referentials_price() -> None:
    telecom = pd.DataFrame(
        {"code": ["REA", "LABO", "CAPTV"], "means": ["Radio", "Radio", "Radio"], "quantity": [3, 1, 2]}
    )
    stock = pd.DataFrame(
        {"means": ["Radio", "Radio"], "stock": [1, 0], "unit_cost": [450.0, 450.0], "establishment": ["CHU", "CHVM"]}
    )
    budget = ght_budget(telecom, stock, {"REA": "CHU", "LABO": "CHVM"}, ["CHU", "CHVM"])
    radio = budget.set_index("means").loc["Radio"]
    # CHU: 3 − 1 = 2; CHVM: 1 − 0 = 1; CAPTV (no establishment): 2 − 0 = 2; each at 450 €
    assert (radio["needed"], radio["held"], radio["to_buy"]) == (6, 1, 5)
    assert radio["cost"] == 5 * 450.0
