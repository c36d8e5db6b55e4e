"""Directed interfaces of the demo hospital (« Services sollicités », « Services bénéficiaires »).

The service modules hold version 1's single « Services en interface » value of each process row.
By default a care service relies on the services it names and a support service works for them;
this table gives the rows where a referent would say otherwise, as
``{service: {process N°: (Services sollicités, Services bénéficiaires)}}`` (None = empty).

A few one-way pairs are left on purpose, so the consolidation shows coordination gaps: GERIA and
CAPTV rely on LABO, which names neither; OBST relies on TRANS to carry a newborn, STERIL on TRANS
for its boxes, and TRANS names neither; HEMA relies on LITS for a bed in an emergency, GERIA on
BIOMED and CARDIO, LABO and BIOMED on LOGIST, and none of those names them.
"""

from __future__ import annotations

ALL = "Tous"

# fmt: off
DIRECTIONS: dict[str, dict[int, tuple[str | None, str | None]]] = {
    "REA": {
        31: (None, "URG; BLOC; NEURO; PNEUMO; HEMA; CARDIO; CHIRDIG; GERIA"),  # the senior intensivist on call
    },
    "SAMU": {
        11: ("LITS", "REA"),
        13: (None, "URG; REA"),
        20: (None, "PEDIA; OBST; LITS"),
        21: (None, "URG; REA"),
        24: (None, "URG; CAPTV"),
        31: ("ADM", "URG"),
    },
    "BLOC": {
        2: (None, "URG"),
        18: (None, "CARDIO"),
        24: (None, "CHIRDIG"),
        28: ("ADM", "CHIRDIG"),
        31: (None, "OBST"),
    },
    "LABO": {
        10: (None, "REA; URG"),
        14: (None, "REA; BLOC; HEMA; OBST; URG"),
        18: (None, "REA; URG"),
        23: (None, "URG; REA; NEURO; PNEUMO; PEDIA; HEMA; OBST; CARDIO; CHIRDIG; IMAG"),
        29: ("ADM", "URG"),
        36: (None, "REA; URG"),
    },
    "IMAG": {
        1: (None, "URG; REA"),
        3: (None, ALL),
        5: ("ADM", "URG"),
        8: (None, "URG; REA"),
        9: (None, "URG; REA; NEURO"),
        10: (None, "BLOC"),
        11: (None, "REA"),
        12: (None, "NEURO; URG"),
        19: (None, "SAMU"),
        21: (None, "URG; REA"),
        24: (None, "URG"),
    },
    "CAPTV": {
        8: (None, "URG; REA; SAMU"),
        18: (None, "REA; PEDIA"),
        19: (None, "PEDIA"),
    },
    "OBST": {
        33: ("ADM", "URG"),
    },
    "NEURO": {
        1: ("IMAG", "URG"),
        3: (None, "SAMU"),
        22: (None, "REA"),
    },
    "PNEUMO": {
        17: ("ADM", "URG"),
    },
    "PEDIA": {
        15: (None, "OBST"),
    },
    "CARDIO": {
        3: (None, "SAMU; URG"),
        14: (None, "REA"),
        16: ("ADM", "SAMU"),
    },
    "GERIA": {
        8: ("ADM", "URG"),
    },
    "CHIRDIG": {
        10: ("ADM", "URG"),
    },
    "PUI": {
        1: ("LOGIST; BIOMED", None),
        2: ("LOGIST", None),
        3: ("LOGIST", "REA; PNEUMO"),
        6: ("TRANS; LOGIST", ALL),
        11: ("LOGIST", None),
        12: ("LOGIST", None),
        16: ("ADM", None),
        17: ("BIOMED", None),
        23: ("ADM", None),
        25: ("LOGIST", None),
    },
    "REST": {
        6: ("LOGIST", None),
        9: ("PUI", "REA"),
        10: ("LOGIST", None),
        20: ("ADM", None),
    },
    "TRANS": {
        3: (None, "NEURO; CARDIO; CHIRDIG; PNEUMO; PEDIA; GERIA"),
        16: (None, "HEMA"),
        20: ("BIOMED", None),
    },
    "BIOMED": {
        2: (None, "REA; URG; OBST; NEURO; PEDIA; CARDIO"),
        5: (None, "REA; PNEUMO"),
        12: ("LOGIST", None),
        14: ("TELECOM", None),
        16: ("LOGIST", "HEMA"),
    },
    "TELECOM": {
        6: (None, ALL),
    },
    "LITS": {
        6: ("ADM", None),
        7: (None, "NEURO; PNEUMO; GERIA"),
        10: ("SAMU; TRANS", None),
        13: ("LOGIST", None),
        14: ("TRANS", None),
        20: ("ADM", None),
    },
    "STERIL": {
        1: ("TRANS", "BLOC"),
        5: ("BIOMED", None),
        6: ("PUI", None),
        7: ("TRANS", "BLOC"),
        13: ("BIOMED", None),
        14: ("PUI", "BLOC"),
        17: ("LOGIST", None),
        19: ("PUI; LOGIST", None),
    },
    "ADM": {
        1: (None, ALL),
    },
}
# fmt: on


def directed(code: str, category: str, rows: list[dict]) -> list[dict]:
    """Process rows with ``relies_on`` and ``serves`` in place of version 1's ``interfaces``."""
    default = "serves" if category == "Support" else "relies_on"
    table = DIRECTIONS.get(code, {})
    out = []
    for row in rows:
        row = dict(row)
        named = row.pop("interfaces", None)
        if row.get("number") in table:
            row["relies_on"], row["serves"] = table[row["number"]]
        else:
            row["relies_on"], row["serves"] = (named, None) if default == "relies_on" else (None, named)
        out.append(row)
    return out
