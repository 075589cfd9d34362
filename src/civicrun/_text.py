"""Text normalisation shared by every name lookup: one function, tested to be idempotent.

Close spellings are found by :class:`civicrun._lookup.Names`, the one search helper."""

from __future__ import annotations

import string
import unicodedata
from typing import TypeVar

T = TypeVar("T")

__all__ = ["fold", "town_key"]

# Every ASCII character that is not a letter or digit becomes a space, except apostrophes
# (dropped, so O'Brien meets OBrien) and & (which becomes "and").
_ASCII_TABLE: dict[int, str | None] = {
    ord(c): " "
    for c in (chr(i) for i in range(128))
    if c not in string.ascii_letters + string.digits
}
_ASCII_TABLE.update({ord("'"): None, ord("`"): None, ord("&"): " and "})
_ASCII_TABLE.update({ord(c): c.lower() for c in string.ascii_uppercase})
_UNICODE_APOSTROPHES: dict[int, str | None] = {
    ord("\u2019"): None,
    ord("\u2018"): None,
    ord("\u02bc"): None,
}
_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


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
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_UNICODE_APOSTROPHES))
        text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        text = "".join(c if c.isascii() or c.isalnum() else " " for c in text)
        if not text.isascii():
            text = unicodedata.normalize("NFKD", text)
    words = text.translate(_ASCII_TABLE).split()
    return " ".join([_WORDS.get(w, w) for w in words])


def town_key(state: str, town: str) -> str:
    """The key a town or city committee is found by: the state code and the folded town name.

    >>> town_key("MA", "  West  Springfield")
    'MA/west springfield'
    """
    return f"{state}/{fold(town)}"
