"""Counties and the local party: resolving place names, and the search text that finds a party.

Place names are compared after :func:`civicrun._text.fold` with spaces removed, so "De Kalb",
"DeKalb", "O Brien", "O'Brien", "St. Louis", "Saint Louis" and "Doña Ana"/"Dona Ana" meet.
"""

from __future__ import annotations

import urllib.parse
import warnings
from collections.abc import Callable, Iterable

import attrs

from ._data import CountyAlias, CountyTable, Derived, county_table, state_table
from ._orgs import organizations
from ._profile import normalize_party
from ._records import (
    Condition,
    County,
    CountyKind,
    ElectionAdministration,
    LocalUnit,
    Organization,
    OrgKind,
    Party,
    ProfileField,
    State,
)
from ._states import get_state
from ._text import close_matches, fold
from .errors import (
    AmbiguousCountyError,
    InvalidPlaceNameError,
    LocalUnitError,
    UnknownCountyError,
    UnknownPartyError,
    UnknownStateError,
)

__all__ = [
    "FormerNameWarning",
    "LocalPartySearch",
    "counties",
    "find_election_office_query",
    "find_local_party_query",
    "local_party_search",
    "resolve_county",
    "state_party",
]

MAX_NAME_LENGTH = 100


class FormerNameWarning(UserWarning):
    """A county was found by a former name; the message says what it is called now."""


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
    to FIPS codes. ``answers`` remembers recent results of :func:`resolve_county` (records,
    and how to raise an error again), so a repeated question costs one dictionary look-up.
    """

    __slots__ = ("aliases", "answers", "by_full", "by_short", "retired_fips", "table")

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

    def found(self, codes: Iterable[str], state: str | None) -> tuple[County, ...]:
        """The counties with these FIPS codes, limited to ``state`` when given."""
        table = self.table
        return tuple(table.county(f) for f in codes if state is None or table.rows[f][2] == state)

    def labels(self, state: str | None) -> list[str]:
        """``"Name, ST"`` for every county (of one state), for suggestions."""
        rows = self.table.rows
        return [f"{r[0]}, {r[2]}" for r in rows.values() if state is None or r[2] == state]


_index = Derived(county_table, _CountyIndex)


def counties(state: str | None = None) -> tuple[County, ...]:
    """Every current county-equivalent (of one state, if given), in FIPS order.

    >>> len(counties())
    3144
    >>> len(counties("Connecticut"))
    9
    """
    table = _index.get().table
    if state is None:
        return tuple(table.values())
    code = get_state(state).code
    return tuple(c for c in table.values() if c.state == code)


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise InvalidPlaceNameError(f"a county name must be a string, not {type(name).__name__}")
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
        return head.strip(), get_state(tail).code
    except LookupError:
        return name, None


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


def resolve_county(name: str, state: str | None = None) -> County:
    """The one county-equivalent that ``name`` (and ``state``) describe.

    * five digits: a FIPS code (a retired code raises with a note on what replaced it);
    * otherwise a name, with or without its suffix (County, Parish, Borough, Census Area, city,
      City and Borough, Municipality, Planning Region), any case, accents, St./Saint,
      hyphens, apostrophes and spaces ignored; "City of X" means the independent city;
    * a suffix narrows the kind: "Fairfax County" and "Fairfax city" are different places;
    * ``state`` (a code or a name), or a trailing ", ST" in ``name``, narrows the state;
    * well-known local names resolve (Manhattan, Brooklyn); a former name resolves to the
      place it is part of now with a :class:`FormerNameWarning`.

    >>> str(resolve_county("Orleans Parish"))
    'Orleans Parish, LA'
    >>> resolve_county("hennepin", "mn").fips
    '27053'

    Raises:
        InvalidPlaceNameError: ``name`` is not a string, is empty or is too long.
        UnknownStateError: ``state`` is not a state.
        AmbiguousCountyError: more than one place fits; ``candidates`` lists them all.
        UnknownCountyError: nothing fits; ``suggestions`` lists close names.
    """
    text = name.strip() if type(name) is str else ""
    if not text or len(text) > MAX_NAME_LENGTH:
        text = _check_name(name)  # raises the right error
    index = _index.get()
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
        warnings.warn(warning, FormerNameWarning, stacklevel=2)
    assert county is not None
    return county


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
    code = get_state(state).code if state is not None else None
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
    pool = index.labels(code)
    suggestions = close_matches(f"{text}, {code}" if code else text, pool, n=5)
    if not suggestions:
        prefix = _hinted(text)[0].replace(" ", "")[:4]
        suggestions = [
            str(c)
            for c in index.found(sorted(rows), code)
            if c.short_name and _key(c.short_name).startswith(prefix)
        ][:5]
    raise UnknownCountyError(name, code, suggestions)


# --- the local party ---------------------------------------------------------------------

_DEFAULT_LABELS = {
    Party.DEMOCRATIC: "Democratic",
    Party.REPUBLICAN: "Republican",
    Party.LIBERTARIAN: "Libertarian",
    Party.GREEN: "Green",
}
_TOWN_UNITS = frozenset({LocalUnit.TOWN, LocalUnit.CITY_AND_TOWN})
_DISTRICT_WORDS = {
    LocalUnit.LEGISLATIVE_DISTRICT: "legislative district party",
    LocalUnit.HOUSE_DISTRICT: "house district committee",
}
_UNIT_WORDS = {
    LocalUnit.COUNTY: "county party",
    LocalUnit.PARISH: "parish executive committee",
    LocalUnit.TOWN: "town committee",
    LocalUnit.CITY_AND_TOWN: "town or city committee",
    LocalUnit.LEGISLATIVE_DISTRICT: "legislative district party",
    LocalUnit.HOUSE_DISTRICT: "house district committee",
    LocalUnit.ORGANIZING_UNIT: "local organizing unit",
    LocalUnit.COUNTY_AND_LEGISLATIVE_DISTRICT: "county party (also legislative district groups)",
    LocalUnit.WARD: "ward committee",
    LocalUnit.UNKNOWN: "local party",
}


@attrs.frozen(kw_only=True)
class LocalPartySearch:
    """What to search for to find a local party committee, and why.

    Attributes:
        query: the text to type into a search engine.
        url: a search URL with the query properly encoded.
        state_party: the official name of the party's state organization, when civicrun has it.
        state_party_url: that organization's website, when a source gave it.
        party_label: the party's local name used in the query (DFL, Republican ...).
        local_unit: how this party organizes locally in this state (county, town, parish ...).
        place: the county, parish, town or city the query names.
        state: the state's code.
        explanation: one line on how the state's parties organize.
    """

    query: str
    url: str
    state_party: str | None
    state_party_url: str | None
    party_label: str
    local_unit: LocalUnit
    place: str
    state: str
    explanation: str


def _party_label(party: str | Party, state: State) -> tuple[str, LocalUnit, str | None]:
    """(label, local unit, unit note) for ``party`` in ``state``; other parties keep their name."""
    try:
        known = normalize_party(party)
    except UnknownPartyError:
        if not isinstance(party, str) or not party.strip():
            raise
        name = " ".join(party.split())
        return name.removesuffix(" Party").removesuffix(" party"), LocalUnit.COUNTY, None
    structure = state.party(known)
    if structure is not None:
        return structure.local_label, structure.local_unit, structure.local_unit_note
    if known in _DEFAULT_LABELS:
        return _DEFAULT_LABELS[known], LocalUnit.COUNTY, None
    raise UnknownPartyError(party, [p.value for p in Party if p in _DEFAULT_LABELS])


def _place_name(county: County, same_name_elsewhere: bool) -> str:
    if county.kind is CountyKind.INDEPENDENT_CITY and county.name.endswith(" city"):
        place = f"City of {county.short_name}"
    else:
        place = county.name
    return f"{place}, {get_state(county.state).name}" if same_name_elsewhere else place


def _needs_state(county: County) -> bool:
    """Whether the place's proper name (with its suffix) exists in another state too."""
    index = _index.get()
    same = index.by_full.get(_key(county.name), ())
    return any(index.table.rows[f][2] != county.state for f in same)


def local_party_search(
    county: str | County | None = None,
    party: str | Party = Party.DEMOCRATIC,
    *,
    state: str | None = None,
    town: str | None = None,
) -> LocalPartySearch:
    """The search that finds a local party committee, with the reasoning behind it.

    See :func:`find_local_party_query` for the rules.
    """
    place_county: County | None = None
    if county is not None:
        place_county = county if isinstance(county, County) else resolve_county(county, state)
        state = place_county.state
    if state is None:
        raise LocalUnitError(
            "give a county, or a state (and a town where parties organize by town)"
        )
    st = state_table()[get_state(state).code]
    if place_county is None and not (town and town.strip()):
        only = counties(st.code)
        if len(only) == 1:  # DC: the state is its own single county-equivalent
            place_county = only[0]
    label, unit, unit_note = _party_label(party, st)
    unit_words = _UNIT_WORDS.get(unit, "local party")
    explanation = f"{st.name}: the {label} party organizes locally by {unit_words}" + (
        f" ({unit_note})" if unit_note else ""
    )
    if unit in _TOWN_UNITS:
        if town is None or not town.strip():
            raise LocalUnitError(
                f"in {st.name} the {label} party organizes by town, not county: "
                "give town= (for example the town you live in)"
            )
        place = f"{' '.join(town.split())}, {st.name}"
        query = f"{' '.join(town.split())} {label} Town Committee {st.name}"
    elif place_county is None:
        if town is not None and town.strip():
            place = f"{' '.join(town.split())}, {st.name}"
            query = f"{' '.join(town.split())} {st.name} {label} party"
        else:
            raise LocalUnitError(f"in {st.name} give a county (or town) to find the local party")
    else:
        same = _needs_state(place_county)
        place = _place_name(place_county, same)
        if unit is LocalUnit.PARISH:
            query = f"{place_county.name} {label} Executive Committee"
            if same:
                query += f" {st.name}"
        elif place_county.kind is CountyKind.INDEPENDENT_CITY and place.startswith("City of"):
            query = f"{place} {label} Committee"
        else:
            query = f"{place} {label}" if label.isupper() else f"{place} {label} Party"
        if unit in _DISTRICT_WORDS:
            query = f"{place} {label} {_DISTRICT_WORDS[unit]}"
        elif unit is LocalUnit.WARD:
            query = f"{place} {label} ward committee"
    url = "https://duckduckgo.com/?" + urllib.parse.urlencode({"q": query})
    committee = _state_party_of(st.code, party)
    return LocalPartySearch(
        query=query,
        url=url,
        state_party=committee.name if committee else None,
        state_party_url=committee.url if committee else None,
        party_label=label,
        local_unit=unit,
        place=place,
        state=st.code,
        explanation=explanation,
    )


def _state_party_of(code: str, party: str | Party) -> Organization | None:
    try:
        known = normalize_party(party)
    except UnknownPartyError:
        return None
    return state_party(code, known)


def state_party(state: str, party: str | Party) -> Organization | None:
    """The party's official state organization in ``state``, if civicrun has a record of it.

    A state party record is one of kind ``state-party`` that covers only this state and whose
    rule is membership of ``party``.

    >>> state_party("MN", "D").kind.value
    'state-party'

    Raises:
        UnknownStateError: ``state`` is not a state.
        UnknownPartyError: ``party`` is not a party civicrun knows.
    """
    code = get_state(state).code
    wanted = frozenset({normalize_party(party).value})
    for org in organizations():
        if (
            org.kind is OrgKind.STATE_PARTY
            and org.coverage.states == frozenset({code})
            and any(
                isinstance(r, Condition) and r.field is ProfileField.PARTY and r.one_of == wanted
                for r in org.requirements
            )
        ):
            return org
    return None


def find_local_party_query(
    county: str | County | None = None,
    party: str | Party = Party.DEMOCRATIC,
    *,
    state: str | None = None,
    town: str | None = None,
) -> str:
    """The text to type into a search engine to find a local party committee.

    * the party's local name: "DFL" in Minnesota, "Democratic-NPL" in North Dakota,
      "Republican", "Libertarian", "Green", or any other party name given as is;
      synonyms such as "Dem", "D", "GOP" and "R" are accepted;
    * the place's proper name and suffix ("Doña Ana County", "Orleans Parish",
      "City of Fairfax"), with the state's name when the name exists in another state too;
    * the right unit: a parish executive committee in Louisiana, a town committee where
      parties organize by town (then ``town`` is required).

    >>> find_local_party_query("Hennepin", state="MN")
    'Hennepin County DFL'
    >>> find_local_party_query("Orleans Parish")
    'Orleans Parish Democratic Executive Committee'
    >>> find_local_party_query("Harris", "GOP", state="TX")
    'Harris County, Texas Republican Party'

    Raises:
        LocalUnitError: the state needs a town (or a county) that was not given.
        UnknownPartyError: ``party`` is empty or not a party name.
        AmbiguousCountyError, UnknownCountyError: as :func:`resolve_county`.
    """
    return local_party_search(county, party, state=state, town=town).query


def find_election_office_query(
    county: str | County | None = None, *, state: str | None = None, town: str | None = None
) -> str:
    """The text to search for to contact the office that runs elections locally.

    * where counties run elections: the county's election office ("Harris County elections office");
    * where towns or municipalities run them (Michigan, Wisconsin, New England): the town or
      city clerk (``town`` is required);
    * where the state runs them (Alaska, Delaware, DC): the state's election office.

    >>> find_election_office_query("Dane", state="WI", town="Madison")
    'Madison, Wisconsin city or town clerk elections'

    Raises:
        LocalUnitError: the state's elections are run by towns and no ``town`` was given.
    """
    place_county: County | None = None
    if county is not None:
        place_county = county if isinstance(county, County) else resolve_county(county, state)
        state = place_county.state
    if state is None:
        raise LocalUnitError("give a county, or a state (and a town where towns run elections)")
    st = state_table()[get_state(state).code]
    how = st.election_administration
    if how is ElectionAdministration.STATE:
        return f"{st.name} state elections office"
    if how is ElectionAdministration.MUNICIPAL:
        if town is None or not town.strip():
            raise LocalUnitError(
                f"in {st.name} elections are run by each town or city: give town= "
                "(the clerk of your town runs them)"
            )
        return f"{' '.join(town.split())}, {st.name} city or town clerk elections"
    if place_county is None:
        raise LocalUnitError(f"in {st.name} counties run elections: give a county")
    place = _place_name(place_county, _needs_state(place_county))
    return f"{place} elections office" + (f" {st.name}" if "," not in place else "")
