"""Order of the dependency levels of the format (Faible 1 ... Critique 4)."""

from __future__ import annotations

from .service import DEPENDENCY

#: Dependency level -> rank, the highest level the most critical; unknown levels rank 0.
RANK = {level: i for i, level in enumerate(DEPENDENCY, 1)}
