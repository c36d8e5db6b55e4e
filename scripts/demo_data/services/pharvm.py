"""Pharmacie du Centre hospitalier du Val de Meuse — the CHU's pharmacy map, at a smaller scale."""

from datetime import date

from . import pui
from ._derive import derive

DATA = derive(pui.DATA, "PHARVM", {
    "medical_referent": "Dr Nadia BENOIT",
    "medical_phone": "06 15 92 48 70",
    "paramedical_referent": "Thierry LEMAIRE",
    "paramedical_phone": "06 40 26 81 53",
    "capacity": None,
    "ambition": 80,
    "updated": date(2026, 8, 18),
}, keep=10, others="MEDVM")  # fmt: skip
