"""The order sheets are listed in: the template's (service workbook, then referential), not the alphabet's."""

from __future__ import annotations

import functools
from difflib import get_close_matches

from .model import fold
from .referential import REFERENTIAL_SHEETS
from .service import SERVICE_SHEETS

_EXACT = {}
for _rank, _sheet in enumerate((*SERVICE_SHEETS, *REFERENTIAL_SHEETS)):
    _EXACT.setdefault(fold(_sheet.name), _rank)
#: Rank of a sheet the format does not know (an extra or renamed sheet): after every known one.
UNKNOWN = len(_EXACT) + 1
#: difflib ratio from which a sheet's title stands for a template sheet's name (« Telecom » for « Télécom »).
CLOSE_SHEET = 0.75


def starts_like(title: str, name: str) -> bool:
    """Folded title ``title`` stands for the folded template name ``name`` by its start: « télécoms secours »
    for « télécom », or a name cut short to 4 letters or more."""
    return title.startswith(name) or (name.startswith(title) and len(title) >= 4)


@functools.lru_cache(maxsize=4096)
def sheet_rank(title: str) -> int:
    """Rank of sheet ``title`` in the template: exact name (case, accents and spaces ignored), else a service
    sheet's name it starts with or is close to (« Télécoms secours », as the reader matches it); -1 for no sheet
    (a finding on the whole file), :data:`UNKNOWN` for a sheet the format does not know."""
    wanted = fold(title)
    if not wanted:
        return -1
    if wanted in _EXACT:
        return _EXACT[wanted]
    names = [fold(s.name) for s in SERVICE_SHEETS]
    for rank, name in enumerate(names):
        if starts_like(wanted, name):
            return rank
    near = get_close_matches(wanted, names, n=1, cutoff=CLOSE_SHEET)
    return names.index(near[0]) if near else UNKNOWN
