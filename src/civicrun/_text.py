"""Text normalisation shared by every name lookup: one function, tested to be idempotent.

Close spellings are found by :class:`civicrun._lookup.Names`, the one search helper."""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["FORMULA_STARTS", "fold", "fold_name", "printable", "town_key"]

#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")

# Every ASCII character that is not a letter or digit becomes a space, except apostrophes
# (dropped, so O'Brien meets OBrien) and & (which becomes "and").
# (The string module's constants would cost a first answer its import.)
_ASCII_TABLE: dict[int, str | None] = {i: " " for i in range(128) if not chr(i).isalnum()}
_ASCII_TABLE.update({ord("'"): None, ord("`"): None, ord("&"): " and "})
_ASCII_TABLE.update({i: chr(i).lower() for i in range(128) if chr(i).isupper()})
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
    if text.isprintable() or (keep_newlines and text.replace("\n", "").isprintable()):
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
