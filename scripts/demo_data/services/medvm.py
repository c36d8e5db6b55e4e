"""Médecine polyvalente du Centre hospitalier du Val de Meuse — modelled on the CHU's pneumology ward."""

from datetime import date

from . import pneumo
from ._derive import derive

DATA = derive(pneumo.DATA, "MEDVM", {
    "medical_referent": "Dr Julien PARIS",
    "medical_phone": "06 74 12 65 39",
    "paramedical_referent": "Aurélie GAUTHIER",
    "paramedical_phone": "06 83 57 21 46",
    "capacity": 40,
    "ambition": 70,
    "degraded_capacity": "28 lits sur 40.",
    "updated": date(2026, 3, 2),
}, keep=10)  # fmt: skip
