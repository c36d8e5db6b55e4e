"""Whether a prerequisite names one of a service's documents (the « Prérequis » gap)."""

from __future__ import annotations

import functools
from difflib import SequenceMatcher

from ..format.model import fold

MATCH_RATIO = 0.6


@functools.lru_cache(maxsize=1 << 16)
def spelled_alike(wanted: str, doc: str) -> bool:
    """``SequenceMatcher`` ratio at least ``MATCH_RATIO``, its cheap upper bounds tried first;
    memoised: the same prerequisites and documents recur across services."""
    matcher = SequenceMatcher(None, wanted, doc)
    return (
        matcher.real_quick_ratio() >= MATCH_RATIO
        and matcher.quick_ratio() >= MATCH_RATIO
        and matcher.ratio() >= MATCH_RATIO
    )


class DocumentMatcher:
    """The documents of one service (folded names), prepared once; prerequisites memoised.

    A prerequisite matches a document when one contains the other, their words overlap, or they
    are spelled alike.
    """

    def __init__(self, documents: list[str]):
        self.docs = [(doc, {w for w in doc.split() if len(w) > 3}) for doc in documents]
        self.memo: dict[str, bool] = {}

    def matches(self, item: str) -> bool:
        wanted = fold(item)
        hit = self.memo.get(wanted)
        if hit is None:
            hit = self.memo[wanted] = self._match(wanted)
        return hit

    def _match(self, wanted: str) -> bool:
        words = {w for w in wanted.split() if len(w) > 3}
        need = max(1, len(words) // 2)
        for doc, doc_words in self.docs:
            if wanted in doc or doc in wanted or (words and len(words & doc_words) >= need):
                return True
        return any(spelled_alike(wanted, doc) for doc, _ in self.docs)


def matches_document(item: str, documents: list[str]) -> bool:
    """Whether ``item`` matches one of ``documents`` (folded names); see :class:`DocumentMatcher`."""
    return DocumentMatcher(documents).matches(item)
