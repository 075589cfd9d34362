"""The local party and the election office: the answer for a place, right for its state.

Where civicrun has the real organization it names it (the state party's record); for the
local committee and the election office it gives the exact search text that finds them, in
the words the state uses (the DFL in Minnesota, town committees in New England, parish
executive committees in Louisiana, the town clerk where towns run elections).
"""

from __future__ import annotations

import urllib.parse

import attrs

from ._args import need_text
from ._counties import counties, lookup_county, needs_state_name
from ._data import county_table, state_table
from ._parties import Officials
from ._places import county_of_town
from ._states import lookup_state
from .errors import (
    ArgumentTypeError,
    InvalidArgumentError,
    LocalUnitError,
    UnknownPartyError,
    quote,
)
from .records import ChiefElectionOffice, County, LocalElectionOffice, Organization, State
from .vocab import (
    PARTY_LABELS,
    CountyKind,
    ElectionAdministration,
    LocalUnit,
    Party,
    parse,
)

__all__ = [
    "ElectionOffice",
    "LocalParty",
    "find_election_office",
    "find_local_parties",
    "find_local_party",
    "find_local_party_query",
    "recorded_parties",
]

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
    LocalUnit.MUNICIPIO: "municipal committee (comité municipal)",
    LocalUnit.TERRITORY: "one territory-wide committee",
}


@attrs.frozen(kw_only=True)
class LocalParty:
    """How to reach a party's local committee in one place, and why.

    Attributes:
        query: the text to type into a search engine (the fallback where ``organization`` is
            None, and a way to find its latest contacts where it is not).
        search_url: a search URL with the query properly encoded.
        organization: the local party committee itself, where civicrun has its record (its
            official ``name``, ``url`` and sources): the town's or city's own committee when
            ``town`` names one civicrun has, else the county's.
        state_party: the party's official state organization, when civicrun has its record
            (its ``name`` and, where sourced, ``url``).
        directory: where ``organization`` is None, the official directory of the party's
            county (or town) committees or chairs (``state_party.local_directory``), when
            recorded: the state party's own, or the list the state's election office publishes
            from the parties' filings; the official page to look at before a search.
        party: the party asked about.
        party_label: the party's local name used in the query (DFL, Republican ...).
        local_unit: how this party organizes locally in this state (county, town, parish,
            ``unknown`` where not recorded); None for independents, who have no party
            committee.
        place: the county, parish, town or city the query names.
        state: the state's code.
        explanation: one line on how the party organizes in the state (and, where the county
            came from a town, which county that is).
    """

    query: str
    search_url: str
    organization: Organization | None
    state_party: Organization | None
    directory: str | None = None
    party: Party
    party_label: str
    local_unit: LocalUnit | None
    place: str
    state: str
    explanation: str

    def __str__(self) -> str:
        return self.query


@attrs.frozen(kw_only=True)
class ElectionOffice:
    """How to reach the office that runs elections for one place, and why.

    Attributes:
        query: the text to type into a search engine (the fallback where ``offices`` is
            empty, and a way to find the latest contacts where it is not).
        search_url: a search URL with the query properly encoded.
        offices: the offices that run elections for the county, where civicrun has them (its
            ``name``, ``url``, the ``area`` it serves where that is only part of the county,
            and the page that says so); empty where none is recorded or no county was given.
        chief_election_office: the state's (or territory's) chief election office, where
            recorded.
        administration: who runs elections locally in this state (county, municipal, state,
            mixed).
        place: the county, town or state the query names.
        state: the state's code.
        explanation: one line on who runs elections in this state.
        directory: the state's own directory of its county (or municipal) election
            officials, where its record has one (``State.candidacy.officials_directory``):
            an official page to look at where ``offices`` is empty.
    """

    query: str
    search_url: str
    offices: tuple[LocalElectionOffice, ...]
    chief_election_office: ChiefElectionOffice | None
    administration: ElectionAdministration
    place: str
    state: str
    explanation: str
    directory: str | None = None

    def __str__(self) -> str:
        return self.query


def _where(
    county: str | County | None, state: str | None, towns: str, function: str
) -> tuple[County | None, State]:
    """The county (resolved, if given) and the state record a question is about."""
    if county is not None and not isinstance(county, County | str):
        raise ArgumentTypeError(function, "county", "a string, a County or None", county)
    state = need_text(state, function, "state", optional=True)
    place_county: County | None = None
    if isinstance(county, County):
        table = county_table()
        if county.fips not in table or table.county(county.fips) != county:
            raise InvalidArgumentError(
                f"{function}(): county {quote(str(county))} is not a county of civicrun's "
                "table; get one from lookup_county"
            )
        if state is not None and lookup_state(state).code != county.state:
            raise InvalidArgumentError(
                f"{function}(): county {county} is not in {lookup_state(state).code}; "
                "leave out state, or give the county's own"
            )
        place_county = county
        state = county.state
    elif county is not None:
        place_county = lookup_county(county, state)
        state = place_county.state
    if state is None:
        raise LocalUnitError(f"give a county, or a state (and a town where {towns})")
    return place_county, state_table()[lookup_state(state).code]


def _search_url(query: str) -> str:
    return "https://duckduckgo.com/?" + urllib.parse.urlencode({"q": query})


def _town(town: str | None) -> str | None:
    """The town as written, with its spaces tidied; None for no town (or only spaces)."""
    return " ".join(town.split()) if town is not None and town.strip() else None


def _county_of(place_county: County | None, st: State, town: str | None) -> County | None:
    """The county given, else the one ``town`` lies in where civicrun knows it, else the
    state's only county-equivalent (DC)."""
    if place_county is not None:
        return place_county
    if town is not None:
        return county_of_town(st.code, town)
    only = counties(st.code)
    return only[0] if len(only) == 1 else None


def _town_note(town: str, county: County | None) -> str:
    """The end of an explanation that says which county a town was taken to be in."""
    if county is None:
        return f"; civicrun does not know which county {town} is in"
    if county.kind is CountyKind.INDEPENDENT_CITY:
        return f"; {town} is {county}, a city in no county"
    return f"; {town} is in {county}"


#: The national parties with a display label: searched by county where their local structure
#: in a state is not recorded.
_NATIONAL = (Party.DEMOCRATIC, Party.GREEN, Party.LIBERTARIAN, Party.REPUBLICAN)


def recorded_parties(officials: Officials, st: State) -> tuple[Party, ...]:
    """The parties civicrun has a record of in the state (a local structure, or an official
    state, county or town organization among ``officials``), in alphabetical order of their
    names so that no party comes first by civicrun's choice."""
    found = {p.party for p in st.parties} | officials.parties_in(st.code)
    found -= {Party.INDEPENDENT, Party.OTHER}
    return tuple(sorted(found, key=lambda p: p.value))


def _party(party: object, officials: Officials, st: State, function: str) -> Party:
    """The party asked about, which civicrun must have a record of in the state (or be
    "independent")."""
    if party is not None and not isinstance(party, str):
        raise ArgumentTypeError(function, "party", "a string or a Party", party)
    if isinstance(party, str) and not isinstance(party, Party):
        party = need_text(party, function, "party")  # refuses text that is not valid Unicode
    recorded = recorded_parties(officials, st)
    accepted = [*(p.value for p in recorded), Party.INDEPENDENT.value]
    known = parse(Party, party) if party is not None else None
    if known is None or (known is not Party.INDEPENDENT and known not in recorded):
        raise UnknownPartyError(party, accepted, state=st.name)
    return known


def _party_label(
    party: Party, st: State, officials: Officials
) -> tuple[str, LocalUnit, str | None, bool]:
    """(label, local unit, unit note, by name) for a party recorded in ``st``.

    A party's local structure is the state record's, where recorded; otherwise its unit is
    ``unknown`` and it is searched for by place (a national party, by its label) or, for a
    territory's own party, by its official organization's name (Puerto Rico's PPD).
    """
    structure = st.party(party)
    if structure is not None:
        return structure.local_label, structure.local_unit, structure.local_unit_note, False
    if party in _NATIONAL:
        return PARTY_LABELS[party], LocalUnit.UNKNOWN, None, False
    official = officials.state(st.code, party)
    return (official.name if official else PARTY_LABELS[party]), LocalUnit.UNKNOWN, None, True


def _how_it_organizes(st: State, label: str, unit: LocalUnit, unit_note: str | None) -> str:
    """The one line of a local-party answer that says how the party organizes in the state."""
    if unit is LocalUnit.UNKNOWN:
        line = f"{st.name}: how the {label}" + ("" if " " in label else " party")
        line += " organizes locally is not recorded"
    else:
        line = f"{st.name}: the {label} party organizes locally by {_UNIT_WORDS[unit]}"
    return line + (f" ({unit_note})" if unit_note else "")


def _place_name(county: County, same_name_elsewhere: bool) -> str:
    if county.kind is CountyKind.INDEPENDENT_CITY and county.name.endswith(" city"):
        place = f"City of {county.short_name}"
    else:
        place = county.name
    return f"{place}, {lookup_state(county.state).name}" if same_name_elsewhere else place


def _recorded(
    officials: Officials, party: Party, state: str, county: County | None, town: str | None
) -> Organization | None:
    """The recorded local committee: the town's or city's own where the profile names a town
    that has one (in the county given, if any), else the county's."""
    if town is not None:
        own = officials.town(state, town, party)
        if own is not None and (county is None or county.fips in own.coverage.counties):
            return own
    return officials.county(county.fips, party) if county is not None else None


def _county_query(county: County, label: str, unit: LocalUnit, st: State, by_name: bool) -> str:
    """The search text for a party's unit in a county-equivalent."""
    same = needs_state_name(county)
    place = _place_name(county, same)
    if unit is LocalUnit.PARISH:
        return f"{county.name} {label} Executive Committee" + (f" {st.name}" if same else "")
    if unit in _DISTRICT_WORDS:
        return f"{place} {label} {_DISTRICT_WORDS[unit]}"
    if unit is LocalUnit.WARD:
        return f"{place} {label} ward committee"
    if unit is LocalUnit.MUNICIPIO:
        return f"Comité Municipal {label} {county.short_name}"
    if by_name:
        return f"{label} {county.short_name}"  # the organization's own name
    if county.kind is CountyKind.INDEPENDENT_CITY and place.startswith("City of"):
        return f"{place} {label} Committee"
    return f"{place} {label}" if label.isupper() else f"{place} {label} Party"


def _independent(st: State, county: County | None, town: str | None) -> LocalParty:
    """The answer for an independent: no party committee, and a search on running as one."""
    if county is not None:
        place = _place_name(county, needs_state_name(county))
    elif town is not None:
        place = f"{town}, {st.name}"
    else:
        place = st.name
    where = place if place == st.name or ", " in place else f"{place}, {st.name}"
    query = f"running as an independent candidate in {where}"
    return LocalParty(
        query=query,
        search_url=_search_url(query),
        organization=None,
        state_party=None,
        party=Party.INDEPENDENT,
        party_label="independent",
        local_unit=None,
        place=place,
        state=st.code,
        explanation=(
            f"{st.name}: an independent has no party committee to join; civicrun records no "
            "local group of independents here"
        ),
    )


def find_local_party(
    officials: Officials,
    county: str | County | None,
    party: str | Party | None,
    *,
    state: str | None,
    town: str | None,
) -> LocalParty:
    """:func:`civicrun.find_local_party` with the official organizations of a dataset."""
    town = _town(need_text(town, "find_local_party", "town", optional=True))
    given, st = _where(county, state, "parties organize by town", "find_local_party")
    known = _party(party, officials, st, "find_local_party")
    if known is Party.INDEPENDENT:
        return _independent(st, _county_of(given, st, town), town)
    label, unit, unit_note, by_name = _party_label(known, st, officials)
    explanation = _how_it_organizes(st, label, unit, unit_note)
    place_county: County | None = given
    if unit in _TOWN_UNITS:
        if town is None:
            raise LocalUnitError(
                f"in {st.name} the {label} party organizes by town, not county: "
                "give town= (for example the town you live in)"
            )
        place = f"{town}, {st.name}"
        query = f"{town} {label} Town Committee {st.name}"
    else:
        place_county = _county_of(given, st, town)
        if given is None and town is not None:
            explanation += _town_note(town, place_county)
        if unit is LocalUnit.TERRITORY:
            official = officials.state(st.code, known)
            query = official.name if official is not None else f"{label} Party of {st.name}"
            place = (
                _place_name(place_county, needs_state_name(place_county))
                if place_county is not None
                else (f"{town}, {st.name}" if town is not None else st.name)
            )
        elif place_county is not None:
            place = _place_name(place_county, needs_state_name(place_county))
            query = _county_query(place_county, label, unit, st, by_name)
        elif town is not None:
            place = f"{town}, {st.name}"
            query = f"{town} {st.name} {label}" + ("" if by_name else " party")
        else:
            raise LocalUnitError(f"in {st.name} give a county (or town) to find the local party")
    recorded = _recorded(officials, known, st.code, place_county, town)
    if unit in _TOWN_UNITS and recorded is not None:
        # the committee's own name, not the generic one ("City Committee", not "Town")
        query = f"{recorded.name} {st.name}"
    official = officials.state(st.code, known)
    return LocalParty(
        query=query,
        search_url=_search_url(query),
        organization=recorded,
        state_party=official,
        directory=official.local_directory if official and recorded is None else None,
        party=known,
        party_label=label,
        local_unit=unit,
        place=place,
        state=st.code,
        explanation=explanation,
    )


def find_local_parties(
    officials: Officials, county: str | County | None, *, state: str | None, town: str | None
) -> tuple[LocalParty, ...]:
    """:func:`civicrun.find_local_parties` with the official organizations of a dataset."""
    town = _town(need_text(town, "find_local_parties", "town", optional=True))
    given, st = _where(county, state, "parties organize by town", "find_local_parties")
    return tuple(
        find_local_party(officials, given, p, state=st.code, town=town)
        for p in recorded_parties(officials, st)
    )


def find_local_party_query(
    officials: Officials,
    county: str | County | None,
    party: str | Party | None,
    *,
    state: str | None,
    town: str | None,
) -> str:
    """:func:`civicrun.find_local_party_query` with the official organizations of a dataset."""
    if party is not None:
        return find_local_party(officials, county, party, state=state, town=town).query
    town = _town(need_text(town, "find_local_party_query", "town", optional=True))
    given, st = _where(county, state, "parties organize by town", "find_local_party_query")
    if given is not None:
        place = _place_name(given, needs_state_name(given))
    elif town is not None:
        place = f"{town}, {st.name}"
    else:
        only = _county_of(None, st, None)
        if only is None:
            raise LocalUnitError(f"in {st.name} give a county (or town) to find the local party")
        place = _place_name(only, needs_state_name(only))
    where = place if ", " in place or place == st.name else f"{place}, {st.name}"
    return f"{where} local party committees"


_ADMINISTRATION_WORDS = {
    ElectionAdministration.COUNTY: "counties run elections",
    ElectionAdministration.MUNICIPAL: "each city or town runs elections, through its clerk",
    ElectionAdministration.STATE: "the state runs elections",
    ElectionAdministration.MIXED: "counties and municipalities share the running of elections",
    ElectionAdministration.UNKNOWN: "who runs elections locally is not recorded",
}


def find_election_office(
    county: str | County | None = None, *, state: str | None = None, town: str | None = None
) -> ElectionOffice:
    """:func:`civicrun.find_election_office`: the election office of a place (they are the same
    in every dataset)."""
    town = _town(need_text(town, "find_election_office", "town", optional=True))
    place_county, st = _where(county, state, "towns run elections", "find_election_office")
    how = st.election_administration
    explanation = f"{st.name}: {_ADMINISTRATION_WORDS[how]}" + (
        f" ({st.election_administration_note})" if st.election_administration_note else ""
    )
    chief = st.chief_election_office
    if how is ElectionAdministration.STATE:
        place = st.name
        query = chief.name if chief is not None else f"{st.name} state elections office"
    elif how is ElectionAdministration.MUNICIPAL:
        if town is None:
            raise LocalUnitError(
                f"in {st.name} elections are run by each town or city: give town= "
                "(the clerk of your town runs them)"
            )
        place = f"{town}, {st.name}"
        query = f"{place} city or town clerk elections"
    elif (place_county := _county_of(place_county, st, town)) is None:
        unknown = f" (civicrun does not know which county {town} is in)" if town else ""
        raise LocalUnitError(f"in {st.name} counties run elections: give a county{unknown}")
    else:
        if county is None and town is not None:
            explanation += _town_note(town, place_county)
        place = _place_name(place_county, needs_state_name(place_county))
        query = f"{place} elections office" + (f" {st.name}" if "," not in place else "")
    offices = (
        tuple(o for o in st.election_offices if o.fips == place_county.fips)
        if place_county is not None
        else ()
    )
    return ElectionOffice(
        query=query,
        search_url=_search_url(query),
        offices=offices,
        chief_election_office=chief,
        administration=how,
        place=place,
        state=st.code,
        explanation=explanation,
        directory=None if st.candidacy is None else st.candidacy.officials_directory,
    )
