"""A large JSON document written piece by piece: the text ``json.dumps`` gives, never held whole.

``json.dumps`` builds the whole text, first as a list of millions of small strings: at 3,000 services
the snapshot compared by the next run (53 MB of JSON) cost about 0.2 GB while written, at 10,000 about
0.7 GB (README « Une région sur une machine », 6ᵉ passe). Here the top levels are written key by key and
each value below them with ``json``'s own encoder, so memory holds one value's text at a time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from .files import atomic_path

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_json(value: Any, fh: TextIO, depth: int) -> None:
    """Write ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` to ``fh``, the dictionaries and
    lists of the first ``depth`` levels item by item."""
    if depth and isinstance(value, dict) and all(type(key) is str for key in value):
        fh.write("{")
        for i, (key, item) in enumerate(value.items()):
            fh.write(f"{',' if i else ''}{_ENCODE(key)}:")
            write_json(item, fh, depth - 1)
        fh.write("}")
    elif depth and type(value) is list:
        fh.write("[")
        for i, item in enumerate(value):
            if i:
                fh.write(",")
            write_json(item, fh, depth - 1)
        fh.write("]")
    else:
        fh.write(_ENCODE(value))


def save_json(value: Any, path: Path, depth: int) -> Path:
    """``value`` as compact UTF-8 JSON at ``path``, atomically (:func:`write_json`)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        write_json(value, fh, depth)
    return Path(path)
