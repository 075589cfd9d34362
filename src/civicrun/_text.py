"""Text normalisation shared by every name lookup: one function, tested to be idempotent."""

from __future__ import annotations

import difflib
import functools
import string
import unicodedata
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = [
    "FORMULA_STARTS",
    "Suggester",
    "close_matches",
    "closest",
    "fold",
    "fold_name",
    "printable",
    "town_key",
]

#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")

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


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str, *, keep_newlines: bool = True) -> str:
    r"""``text`` safe for a terminal or a log: every control, bidi, invisible or unassigned
    character (all that :meth:`str.isprintable` rejects, but the space and, if
    ``keep_newlines``, the line break) written as a Python escape, so text from a file cannot
    move the cursor, recolour the terminal or reorder the line.

    >>> print(printable("Safe Group \u202egnp.exe"))
    Safe Group \u202egnp.exe
    >>> print(printable("x\r\x1b[2Kdata check passed"))
    x\x0d\x1b[2Kdata check passed
    """
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() or (keep_newlines and c == "\n") else _escape(c) for c in text
    )


@functools.lru_cache(maxsize=1 << 14)
def fold_name(name: str) -> str:
    """:func:`fold` for the names of records, remembered: the same few thousand names are folded
    whenever an index or the names check is built for a dataset with extra records. (Look-ups
    of a caller's text use :func:`fold`, so a stranger's input never fills this cache.)"""
    return fold(name)


def town_key(state: str, town: str) -> str:
    """The key a town or city committee is found by: the state code and the folded town name.

    >>> town_key("MA", "  West  Springfield")
    'MA/west springfield'
    """
    return f"{state}/{fold(town)}"


def close_matches(query: str, choices: Iterable[str], n: int = 5) -> list[str]:
    """Up to ``n`` of ``choices`` closest to ``query`` (compared folded), best first."""
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(fold(choice), choice)
    hits = difflib.get_close_matches(fold(query), list(folded), n=n, cutoff=0.72)
    return [folded[h] for h in hits]


class Suggester(Generic[T]):
    """Names folded once, for :func:`closest` searches over the same names again and again.

    A search compares the folded query with each folded name by :class:`difflib.SequenceMatcher`,
    skipping a name as soon as one of the matcher's cheap upper bounds (``real_quick_ratio``,
    ``quick_ratio``) is under the cutoff, so a search costs little more than a pass over the
    names (the answers are those of comparing every name in full).
    """

    __slots__ = ("_names",)

    def __init__(self, named: Iterable[tuple[str, T]]) -> None:
        self._names = [(fold(name), value) for name, value in named]

    def closest(self, query: str, n: int = 5, cutoff: float = 0.72) -> list[T]:
        """As :func:`closest` over the names given."""
        key = fold(query)
        if not key:
            return []
        best: dict[int, tuple[float, int, T]] = {}
        matcher = difflib.SequenceMatcher(b=key)
        size = len(key)

        def score(text: str) -> float:
            matcher.set_seq1(text)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                return 0.0
            return matcher.ratio()

        for order, (folded, value) in enumerate(self._names):
            found = score(folded)
            if size >= 4 and len(folded) > size:
                found = max(found, score(folded[:size]))
            if found < cutoff:
                continue
            seen = best.get(id(value))
            if seen is None or found > seen[0]:
                best[id(value)] = (found, seen[1] if seen else order, value)
        ranked = sorted(best.values(), key=lambda t: (-t[0], t[1]))
        return [value for _score, _order, value in ranked[:n]]


def closest(
    query: str, named: Iterable[tuple[str, T]], n: int = 5, cutoff: float = 0.72
) -> list[T]:
    """Up to ``n`` distinct values whose names are closest to ``query``, best first.

    ``named`` pairs each name (current, former, alias ...) with its value. Names are compared
    folded; a name whose beginning is close to a query of four or more characters counts as
    close too, so "Wellston" finds "Wellstone Action". Ties keep the order of ``named``.
    (:class:`Suggester` folds the names once, for repeated searches.)

    >>> closest("Exampel", [("New name", 1), ("Example Project", 1), ("Other Group", 2)])
    [1]
    """
    return Suggester(named).closest(query, n, cutoff)
