"""County-equivalents: resolving what people type to one county, in three tiers.

:func:`get_county` never raises, :func:`lookup_county` raises with candidates or suggestions
(:class:`~civicrun.County` records), :func:`search_counties` ranks. Place names are compared
after :func:`civicrun._text.fold` with spaces removed, so "De Kalb", "DeKalb", "O Brien",
"O'Brien", "St. Louis", "Saint Louis" and "Doña Ana"/"Dona Ana" meet.
"""

from __future__ import annotations

import itertools
import os
import sys
import warnings
from collections.abc import Callable, Iterable

from ._args import MAX_TEXT, need_text
from ._data import CountyAlias, CountyTable, Derived, county_table, state_table
from ._lookup import Names
from ._places import town_counties
from ._states import lookup_state, state_forms
from ._text import fold
from .errors import (
    AmbiguousCountyError,
    ArgumentTypeError,
    FormerNameWarning,
    InvalidPlaceNameError,
    LocalUnitError,
    UnknownCountyError,
    UnknownStateError,
)
from .records import County, short_name
from .vocab import CountyKind

__all__ = [
    "counties",
    "get_county",
    "lookup_county",
    "needs_state_name",
    "search_counties",
]

MAX_NAME_LENGTH = 100


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


#: Suffixes a person may type, longest first, with the kinds each one hints at.
_SUFFIX_HINTS: tuple[tuple[str, frozenset[CountyKind]], ...] = (
    ("city and borough", frozenset({CountyKind.CITY_AND_BOROUGH})),
    ("planning region", frozenset({CountyKind.PLANNING_REGION})),
    ("census area", frozenset({CountyKind.CENSUS_AREA})),
    ("municipality", frozenset({CountyKind.MUNICIPALITY})),
    ("borough", frozenset({CountyKind.BOROUGH, CountyKind.CITY_AND_BOROUGH})),
    ("parish", frozenset({CountyKind.PARISH})),
    ("county", frozenset({CountyKind.COUNTY})),
    ("city", frozenset({CountyKind.INDEPENDENT_CITY, CountyKind.CITY_AND_BOROUGH})),
)
_PREFIX_HINTS: tuple[tuple[str, frozenset[CountyKind]], ...] = (
    ("city of", frozenset({CountyKind.INDEPENDENT_CITY})),
    ("county of", frozenset({CountyKind.COUNTY})),
    ("parish of", frozenset({CountyKind.PARISH})),
)


_CACHE_SIZE = 4096


class _CountyIndex:
    """Lookup tables over the county table, built once per loaded table.

    ``by_full`` and ``by_short`` map a folded, space-free name (with and without its suffix)
    to FIPS codes. ``exact`` answers the common spellings directly: a county's own name or its
    name without the suffix, in any letter case, with a state code or name (or none), wherever
    that spelling fits one county only, so most distinct inputs never need folding.
    ``answers`` remembers recent results of the full rules (records, and how to raise an error
    again) for the rest.
    """

    __slots__ = (
        "_by_state",
        "_state_keys",
        "aliases",
        "answers",
        "by_full",
        "by_ocd",
        "by_short",
        "exact",
        "retired_fips",
        "table",
    )

    def __init__(self, table: CountyTable) -> None:
        self.table = table
        full: dict[str, list[str]] = {}
        short: dict[str, list[str]] = {}
        for fips, (_name, _kind, _state, key, short_key) in table.rows.items():
            full.setdefault(key, []).append(fips)
            short.setdefault(short_key, []).append(fips)
        self.by_full = full
        self.by_short = short
        by_alias: dict[str, list[CountyAlias]] = {}
        retired: dict[str, CountyAlias] = {}
        for alias in table.aliases:
            for key in {_key(alias.name), _hinted(alias.name)[0].replace(" ", "")}:
                by_alias.setdefault(key, []).append(alias)
            if alias.kind != "local" and alias.name[:1].isdigit():
                retired[alias.name] = alias
        self.aliases = by_alias
        self.retired_fips = retired
        self.answers: dict[tuple[str, str | None], _Answer] = {}
        self.exact: dict[str | None, dict[str, str]] = {}
        self.by_ocd: dict[str, str] | None = None
        self._by_state: dict[str, list[str]] | None = None
        self._state_keys: dict[str, str] | None = None

    @property
    def state_keys(self) -> dict[str, str]:
        """Lower-case state codes, names and FIPS codes -> code (built on first use; the
        names and FIPS codes as the bundle's header holds them, no state record decoded)."""
        keys = self._state_keys
        if keys is None:
            table = state_table()
            keys = {
                form.lower(): code for code in sorted(table) for form in state_forms(table, code)
            }
            self._state_keys = keys
        return keys

    def exact_in(self, state: str | None) -> dict[str, str]:
        """Lower-case spelling -> FIPS for one state's counties (or, for ``None``, the whole
        country), where the full rules of :func:`lookup_county` give that one county: the
        whole name matches it alone, or the short name (with no suffix word of its own)
        matches it alone and no whole name does. Built for a state the first time it is asked
        about, so the index costs little to build."""
        found = self.exact.get(state)
        if found is not None:
            return found
        rows = self.table.rows
        found = {}
        for fips in self.fips_in(state):
            name, kind, _state, key, short_key = rows[fips]
            spellings = [(name, self.by_full.get(key, ()))]
            short = short_name(name, CountyKind(kind))
            if (
                short != name
                and short_key not in self.by_full
                and not _has_hint(short.lower())
                and not self.aliases.get(short_key)
            ):
                spellings.append((short, self.by_short.get(short_key, ())))
            for spelling, codes in spellings:
                fitting = [f for f in codes if state is None or rows[f][2] == state]
                if fitting == [fips]:
                    found[spelling.lower()] = fips
        self.exact[state] = found
        return found

    def fips_in(self, state: str | None) -> list[str]:
        """The FIPS codes of one state's counties (all of them for ``None``)."""
        if state is None:
            return list(self.table.rows)
        if self._by_state is None:
            by_state: dict[str, list[str]] = {}
            for fips, row in self.table.rows.items():
                by_state.setdefault(row[2], []).append(fips)
            self._by_state = by_state
        return self._by_state.get(state, [])

    def found(self, codes: Iterable[str], state: str | None) -> tuple[County, ...]:
        """The counties with these FIPS codes, limited to ``state`` when given."""
        table = self.table
        return tuple(table.county(f) for f in codes if state is None or table.rows[f][2] == state)


_index = Derived(county_table, _CountyIndex)


def _build_names(table: CountyTable) -> Names[str]:
    """FIPS codes by their places' names, with and without the suffix, for close spellings."""
    rows = table.rows
    return Names(
        sorted(rows),
        lambda fips: (rows[fips][0], short_name(rows[fips][0], CountyKind(rows[fips][1]))),
    )


#: Built on the first name that needs suggestions, not with the index.
_names = Derived(county_table, _build_names)


def counties(state: str | None = None, *, town: str | None = None) -> tuple[County, ...]:
    """Every current county-equivalent (of one state, if given), in FIPS order; with ``town``,
    the ones that town or city of ``state`` lies in, as far as civicrun knows (empty for a
    town it does not know: the guide's "Towns and cities" says which it knows).

    >>> len(counties())
    3235
    >>> len(counties("Connecticut"))
    9
    >>> [str(c) for c in counties("MA", town="Cambridge")]
    ['Middlesex County, MA']

    Raises:
        LocalUnitError: ``town`` was given without ``state``.
    """
    table = _index.get().table
    town = need_text(town, "counties", "town", optional=True)
    if state is None:
        if town is not None:
            raise LocalUnitError("give the state a town is in (state=), as well as the town")
        return tuple(table.values())
    code = lookup_state(need_text(state, "counties", "state")).code
    if town is not None:
        return town_counties(code, town)
    return tuple(c for c in table.values() if c.state == code)


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise ArgumentTypeError("lookup_county", "name", "a string", name)
    stripped = name.strip()
    if not stripped:
        raise InvalidPlaceNameError("a county name must not be empty; give a name or a FIPS code")
    if len(stripped) > MAX_NAME_LENGTH:
        raise InvalidPlaceNameError(
            f"a county name must be at most {MAX_NAME_LENGTH} characters, not {len(stripped)}"
        )
    return stripped


def _split_state(name: str) -> tuple[str, str | None]:
    """``"Fairfax, VA"`` -> ``("Fairfax", "VA")`` when the part after the last comma is a state."""
    head, sep, tail = name.rpartition(",")
    if not sep or not head.strip():
        return name, None
    try:
        return head.strip(), lookup_state(tail).code
    except LookupError:
        return name, None


def _has_hint(lower: str) -> bool:
    """Whether a lower-case name carries a suffix or prefix that :func:`_hinted` reads."""
    return any(lower.endswith(" " + suffix) for suffix, _ in _SUFFIX_HINTS) or any(
        lower.startswith(prefix + " ") for prefix, _ in _PREFIX_HINTS
    )


def _hinted(text: str) -> tuple[str, frozenset[CountyKind] | None]:
    folded = fold(text)
    for prefix, kinds in _PREFIX_HINTS:
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1 :], kinds
    for suffix, kinds in _SUFFIX_HINTS:
        if folded.endswith(" " + suffix):
            return folded[: -len(suffix) - 1], kinds
    return folded, None


def _candidates(index: _CountyIndex, text: str, state: str | None) -> tuple[County, ...]:
    whole = index.found(index.by_full.get(_key(text), ()), state)
    if whole:
        return whole
    base, kinds = _hinted(text)
    found = index.found(index.by_short.get(base.replace(" ", ""), ()), state)
    if kinds is not None:
        found = tuple(c for c in found if c.kind in kinds)
        if not found:
            # The "suffix" may be part of the name: "Charles City" is Charles City County.
            found = index.found(index.by_short.get(_key(text), ()), state)
    return found


def _from_alias(index: _CountyIndex, text: str, state: str | None) -> County | None:
    hits = [a for a in index.aliases.get(_key(text), ()) if state is None or a.state == state]
    if not hits:
        return None
    if len(hits) > 1:
        places = [index.table.county(a.fips) for a in hits if a.fips]
        raise AmbiguousCountyError(text, places)
    alias = hits[0]
    if alias.kind == "retired" or not alias.fips:
        raise UnknownCountyError(text, state, (), note=alias.note)
    county = index.table.county(alias.fips)
    if alias.kind == "former":
        raise _FormerName(
            county,
            f"{alias.name}, {alias.state} is a former name: {alias.note}; returning {county}",
        )
    return county


def lookup_county(name: str, state: str | None = None) -> County:
    """The one county-equivalent that ``name`` (and ``state``) describe.

    * five digits: a FIPS code (a retired code raises with a note on what replaced it);
    * an Open Civic Data identifier (``ocd-division/country:us/state:tx/county:travis``);
    * otherwise a name, with or without its suffix (County, Parish, Borough, Census Area, city,
      City and Borough, Municipality, Planning Region), any case, accents, St./Saint,
      hyphens, apostrophes and spaces ignored; "City of X" means the independent city;
    * a suffix narrows the kind: "Fairfax County" and "Fairfax city" are different places;
    * ``state`` (a code or a name), or a trailing ", ST" in ``name``, narrows the state;
    * well-known local names resolve (Manhattan, Brooklyn); a former name resolves to the
      place it is part of now with a :class:`~civicrun.errors.FormerNameWarning`.

    >>> str(lookup_county("Orleans Parish"))
    'Orleans Parish, LA'
    >>> lookup_county("hennepin", "mn").fips
    '27053'

    Raises:
        InvalidPlaceNameError: ``name`` is not a string, is empty or is too long.
        UnknownStateError: ``state`` is not a state.
        AmbiguousCountyError: more than one place fits; ``candidates`` lists them all.
        UnknownCountyError: nothing fits; ``suggestions`` lists close counties.
    """
    text = name.strip() if type(name) is str else ""
    if not text or len(text) > MAX_NAME_LENGTH:
        text = _check_name(name)  # raises the right error
    if state is not None and not isinstance(state, str):
        raise ArgumentTypeError("lookup_county", "state", "a string or None", state)
    if state is not None and len(state) > MAX_TEXT:
        need_text(state, "lookup_county", "state")  # raises the right error
    index = _index.get()
    if text[:13].lower() == "ocd-division/":  # OCD ids are case-insensitive
        return _from_ocd(index, text, state)
    code = None if state is None else index.state_keys.get(state.strip().lower(), "")
    if code != "":
        fips = index.exact_in(code).get(text.lower())
        if fips is not None:
            return index.table.county(fips)
    cache_key = (text, state)
    answer = index.answers.get(cache_key)
    if answer is None:
        answer = _answer(index, name, text, state)
        if len(index.answers) >= _CACHE_SIZE:
            index.answers.clear()
        index.answers[cache_key] = answer
    county, warning, error = answer
    if error is not None:
        raise error()
    if warning is not None:
        warnings.warn(warning, FormerNameWarning, stacklevel=caller_level())
    assert county is not None
    return county


def caller_level() -> int:
    """The ``stacklevel`` that makes a warning issued by the calling function point at the
    first frame outside civicrun: the user's line, not civicrun's own file."""
    package = os.path.dirname(os.path.abspath(__file__))
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and (
        frame.f_code.co_filename.startswith((package, "<attrs generated"))
    ):
        frame = frame.f_back
        level += 1
    return level


#: What resolving one input gave: the county, a former-name warning, or how to raise the error.
_Answer = tuple[County | None, str | None, Callable[[], Exception] | None]


class _FormerName(Exception):
    """Internal: the input was a former name of ``county``."""

    def __init__(self, county: County, message: str) -> None:
        super().__init__(message)
        self.county = county
        self.message = message


def _answer(index: _CountyIndex, name: str, text: str, state: str | None) -> _Answer:
    try:
        return _resolve(index, name, text, state), None, None
    except _FormerName as former:
        return former.county, former.message, None
    except AmbiguousCountyError as exc:
        query, candidates = exc.query, exc.candidates
        return None, None, lambda: AmbiguousCountyError(query, candidates)
    except UnknownCountyError as exc:
        args = (exc.query, exc.state, exc.suggestions, exc.note)
        return None, None, lambda: UnknownCountyError(*args)
    except UnknownStateError as exc:
        query_state, suggestions = exc.query, exc.suggestions
        return None, None, lambda: UnknownStateError(query_state, suggestions)


def _resolve(index: _CountyIndex, name: str, text: str, state: str | None) -> County:
    code = lookup_state(state).code if state is not None else None
    rows = index.table.rows
    if text.isdigit() and len(text) == 5:
        if text in rows:
            county = index.table.county(text)
            if code is not None and county.state != code:
                raise UnknownCountyError(text, code, (), note=f"{text} is {county}")
            return county
        retired = index.retired_fips.get(text)
        note = retired.note if retired else "no county-equivalent has this FIPS code"
        raise UnknownCountyError(text, code, (), note=note)
    text, named = _split_state(text)
    if named is not None and code is not None and named != code:
        raise UnknownCountyError(name, code, (), note=f"the name itself says {named}")
    code = code or named
    found = _candidates(index, text, code)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousCountyError(name, sorted(found, key=lambda c: c.fips))
    aliased = _from_alias(index, text, code)
    if aliased is not None:
        return aliased
    raise UnknownCountyError(name, code, _suggest(index, text, code))


def _from_ocd(index: _CountyIndex, ocd_id: str, state: str | None) -> County:
    """The county an Open Civic Data identifier names (``ocd-division/country:us/...``)."""
    if index.by_ocd is None:
        table = index.table
        index.by_ocd = {c.ocd_id: c.fips for c in (table.county(f) for f in table.rows) if c.ocd_id}
    fips = index.by_ocd.get(ocd_id.strip().lower())
    if fips is None:
        raise UnknownCountyError(ocd_id, state, (), note="no county-equivalent has this OCD id")
    county = index.table.county(fips)
    if state is not None and lookup_state(state).code != county.state:
        raise UnknownCountyError(ocd_id, state, (), note=f"{ocd_id} is {county}")
    return county


def _suggest(index: _CountyIndex, text: str, code: str | None) -> tuple[County, ...]:
    """Up to five counties close to ``text``: by spelling (the one indexed helper every kind's
    search uses), else by the first letters."""
    rows = index.table.rows
    close = [f for f in _names.get().close(text) if code is None or rows[f][2] == code]
    if close:
        return tuple(index.table.county(f) for f in close[:5])
    prefix = _hinted(text)[0].replace(" ", "")[:4]
    begins = (
        fips
        for fips in sorted(rows)
        if (code is None or rows[fips][2] == code) and rows[fips][4].startswith(prefix)
    )
    return tuple(index.table.county(fips) for fips in itertools.islice(begins, 5))


def get_county(
    name: str, state: str | None = None, *, default: County | None = None
) -> County | None:
    """The one county-equivalent ``name`` (and ``state``) describe, or ``default``.

    The same rules as :func:`lookup_county`, but it never raises: an ambiguous, unknown or
    malformed name (or state) gives ``default``; a former name gives today's place without a
    warning.

    >>> get_county("Hennepin", "MN").fips
    '27053'
    >>> get_county("Fairfax, VA") is None  # the county and the city
    True
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FormerNameWarning)
            return lookup_county(name, state)
    except (LookupError, ValueError, TypeError):
        return default


def search_counties(text: str, state: str | None = None) -> tuple[County, ...]:
    """Counties that ``text`` may mean, best first: exact names, then names that begin with it,
    then close spellings; ties in FIPS order. Never raises on a bad name (it finds nothing).

    >>> [str(c) for c in search_counties("Fairfax", "VA")]
    ['Fairfax County, VA', 'Fairfax city, VA']
    """
    if not (need_text(text, "search_counties", "text") or "").strip():
        return ()
    need_text(state, "search_counties", "state", optional=True)
    try:
        code = lookup_state(state).code if state is not None else None
    except UnknownStateError:
        return ()
    index = _index.get()
    text, named = _split_state(text.strip())
    code = code or named
    ranked: dict[str, County] = {}
    for county in sorted(_candidates(index, text, code), key=lambda c: c.fips):
        ranked.setdefault(county.fips, county)
    key = _hinted(text)[0].replace(" ", "")
    for fips in sorted(index.table.rows):
        short_key = index.table.rows[fips][4]
        if (
            key
            and short_key.startswith(key)
            and (code is None or index.table.rows[fips][2] == code)
        ):
            ranked.setdefault(fips, index.table.county(fips))
    for county in _suggest(index, text, code):
        ranked.setdefault(county.fips, county)
    return tuple(ranked.values())


def needs_state_name(county: County) -> bool:
    """Whether the place's proper name (with its suffix) exists in another state too."""
    index = _index.get()
    same = index.by_full.get(_key(county.name), ())
    return any(index.table.rows[f][2] != county.state for f in same)
