"""Text normalisation shared by every name lookup: one function, tested to be idempotent."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["close_matches", "fold", "kebab"]

_APOSTROPHES = str.maketrans({"\u2019": "", "'": "", "`": "", "\u2018": ""})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = (
    (re.compile(r"\bste\b"), "sainte"),
    (re.compile(r"\bst\b"), "saint"),
    (re.compile(r"\bft\b"), "fort"),
    (re.compile(r"\bmt\b"), "mount"),
)


def fold(text: str) -> str:
    """Fold a name for comparison.

    Casefolds, strips accents (NFKD), drops apostrophes, turns ``&`` into ``and``, expands
    St./Ste./Ft./Mt., and reduces every other run of punctuation and space to one space.
    ``fold(fold(x)) == fold(x)`` for every ``x``.

    >>> fold("  Doña Ana ")
    'dona ana'
    >>> fold("St. Mary's")
    'saint marys'
    >>> fold("Lewis & Clark")
    'lewis and clark'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    lowered = ascii_only.casefold().translate(_APOSTROPHES).replace("&", " and ")
    spaced = _NON_WORD.sub(" ", lowered).strip()
    for pattern, replacement in _ABBREVIATIONS:
        spaced = pattern.sub(replacement, spaced)
    return spaced


def kebab(text: str) -> str:
    """``fold`` with spaces turned into hyphens: ``"Pro Choice"`` -> ``"pro-choice"``."""
    return fold(text).replace(" ", "-")


def close_matches(query: str, choices: Iterable[str], n: int = 5) -> list[str]:
    """Up to ``n`` of ``choices`` closest to ``query`` (compared folded), best first."""
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    hits = difflib.get_close_matches(fold(query), list(folded), n=n, cutoff=0.72)
    return [folded[h] for h in hits]
