"""The place table (``data/places.tsv``): Census places and the counties they lie in.

``scripts/build_places.py`` writes it from the Census Bureau's figures (its docstring names
the sources); this module only reads and checks it, for :mod:`civicrun._places` (which turns
it into the town index) and for the data check (which reads it with the county table).
"""

from __future__ import annotations

from collections.abc import Callable

from ._text import town_key
from .errors import DataError

__all__ = ["PLACE_COLUMNS", "read_places"]

#: The place table's columns, in order.
PLACE_COLUMNS = ("geoid", "state", "name", "also", "census_name", "kind", "population", "counties")
_KINDS = frozenset({"incorporated", "census-designated"})


def read_places(text: str, state_of: Callable[[str], str | None]) -> dict[str, set[str]]:
    """Town key (:func:`civicrun._text.town_key`) -> the FIPS codes of its counties, for
    every name of every place in the place table's ``text``; ``state_of`` gives a county FIPS
    code's state code (None for no such county).

    Raises:
        DataError: a line of ``places.tsv`` is malformed; the message names the line and the
            column.
    """
    lines = text.splitlines()
    header = tuple(lines[0].split("\t")) if lines else ()
    if header != PLACE_COLUMNS:
        raise DataError("places.tsv", [f"header must be {', '.join(PLACE_COLUMNS)}; got {header}"])
    found: dict[str, set[str]] = {}
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        problem = _problem(cells, state_of)
        if problem:
            raise DataError("places.tsv", [f"line {number}: {problem}"])
        _geoid, state, name, also, _census, _kind, _people, fips = cells
        for each in (name, *filter(None, also.split(";"))):
            found.setdefault(town_key(state, each), set()).update(fips.split(";"))
    return found


def _problem(cells: list[str], state_of: Callable[[str], str | None]) -> str | None:
    """What is wrong with one row of the place table, or None."""
    if len(cells) != len(PLACE_COLUMNS):
        return f"expected {len(PLACE_COLUMNS)} tab-separated cells, got {len(cells)}"
    geoid, state, name, _also, _census, kind, people, fips = cells
    if len(geoid) != 7 or not geoid.isdigit() or not geoid.isascii():
        return f"{geoid!r} is not a 7-digit place GEOID @ $.geoid"
    if not name.strip():
        return "the name is empty @ $.name"
    if kind not in _KINDS:
        return (
            f"{kind!r} is not one of the values allowed here: {' | '.join(sorted(_KINDS))} @ $.kind"
        )
    if not people.isdigit() or not people.isascii():
        return f"population {people!r} is not a whole number @ $.population"
    for code in fips.split(";"):
        if state_of(code) != state:
            return f"{code!r} is not a county of {state!r} @ $.counties"
    return None
