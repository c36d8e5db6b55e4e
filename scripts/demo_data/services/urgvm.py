"""Urgences du Centre hospitalier du Val de Meuse — the CHU's emergency map, at a smaller scale."""

from datetime import date

from . import urg
from ._derive import derive

DATA = derive(urg.DATA, "URGVM", {
    "medical_referent": "Dr Hélène VIDAL",
    "medical_phone": "06 21 48 73 05",
    "paramedical_referent": "Cédric MASSON",
    "paramedical_phone": "06 58 30 14 92",
    "capacity": 14,
    "ambition": 90,
    "degraded_capacity": "12 box sur 14, dont 2 de déchocage.",
    "updated": date(2026, 9, 30),
}, keep=12)  # fmt: skip
