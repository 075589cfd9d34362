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
from ._data import state_table
from ._parties import Officials, party_of
from ._states import lookup_state
from .errors import ArgumentTypeError, LocalUnitError, UnknownPartyError
from .records import ChiefElectionOffice, County, LocalElectionOffice, Organization, State
from .vocab import (
    PARTY_LABELS,
    CountyKind,
    ElectionAdministration,
    LocalUnit,
    Party,
    StateKind,
)

__all__ = ["ElectionOffice", "LocalParty", "find_election_office", "find_local_party"]

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
    LocalUnit.UNKNOWN: "local party",
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
        party_label: the party's local name used in the query (DFL, Republican ...).
        local_unit: how this party organizes locally in this state (county, town, parish ...).
        place: the county, parish, town or city the query names.
        state: the state's code.
        explanation: one line on how the state's parties organize.
    """

    query: str
    search_url: str
    organization: Organization | None
    state_party: Organization | None
    party_label: str
    local_unit: LocalUnit
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
    """

    query: str
    search_url: str
    offices: tuple[LocalElectionOffice, ...]
    chief_election_office: ChiefElectionOffice | None
    administration: ElectionAdministration
    place: str
    state: str
    explanation: str

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
    if county is not None:
        place_county = county if isinstance(county, County) else lookup_county(county, state)
        state = place_county.state
    if state is None:
        raise LocalUnitError(f"give a county, or a state (and a town where {towns})")
    return place_county, state_table()[lookup_state(state).code]


def _search_url(query: str) -> str:
    return "https://duckduckgo.com/?" + urllib.parse.urlencode({"q": query})


_PARTIES_WITH_COMMITTEES = (Party.DEMOCRATIC, Party.REPUBLICAN, Party.LIBERTARIAN, Party.GREEN)


def _party_label(
    party: Party | str, state: State, officials: Officials
) -> tuple[str, LocalUnit, str | None]:
    """(label, local unit, unit note) for ``party`` in ``state``; a party civicrun does not
    list keeps its own name.

    A party with no local structure recorded in the state is searched for by its official
    organization's name where civicrun has it (Puerto Rico's PPD), and organizes by county
    (or, in a territory, territory-wide) otherwise.
    """
    if not isinstance(party, Party):
        return party.removesuffix(" Party").removesuffix(" party"), LocalUnit.COUNTY, None
    structure = state.party(party)
    if structure is not None:
        return structure.local_label, structure.local_unit, structure.local_unit_note
    if party in _PARTIES_WITH_COMMITTEES:
        territory = state.kind is StateKind.TERRITORY
        return PARTY_LABELS[party], LocalUnit.TERRITORY if territory else LocalUnit.COUNTY, None
    official = officials.state(state.code, party)
    if official is not None:  # a territory's own party, with no local structure recorded
        return official.name, LocalUnit.UNKNOWN, None
    accepted = [*_PARTIES_WITH_COMMITTEES, *(p.party for p in state.parties)]
    raise UnknownPartyError(party, list(dict.fromkeys(p.value for p in accepted)))


def _how_it_organizes(
    st: State, label: str, unit: LocalUnit, unit_note: str | None, *, by_name: bool
) -> str:
    """The one line of a local-party answer that says how the party organizes in the state."""
    if by_name:
        return f"{st.name}: how the {label} organizes locally is not recorded"
    words = _UNIT_WORDS.get(unit, "local party")
    return f"{st.name}: the {label} party organizes locally by {words}" + (
        f" ({unit_note})" if unit_note else ""
    )


def _place_name(county: County, same_name_elsewhere: bool) -> str:
    if county.kind is CountyKind.INDEPENDENT_CITY and county.name.endswith(" city"):
        place = f"City of {county.short_name}"
    else:
        place = county.name
    return f"{place}, {lookup_state(county.state).name}" if same_name_elsewhere else place


def _recorded(
    officials: Officials,
    party: Party | None,
    state: str,
    county: County | None,
    town: str | None,
) -> Organization | None:
    """The recorded local committee: the town's or city's own where the profile names a town
    that has one (in the county given, if any), else the county's."""
    if party is None:
        return None
    if town is not None and town.strip():
        own = officials.town(state, town, party)
        if own is not None and (county is None or county.fips in own.coverage.counties):
            return own
    return officials.county(county.fips, party) if county is not None else None


def find_local_party(
    officials: Officials,
    county: str | County | None,
    party: str | Party,
    *,
    state: str | None,
    town: str | None,
) -> LocalParty:
    """:func:`civicrun.find_local_party` with the official organizations of a dataset."""
    known_or_named = party_of(party, "find_local_party")
    town = need_text(town, "find_local_party", "town", optional=True)
    place_county, st = _where(county, state, "parties organize by town", "find_local_party")
    if place_county is None and not (town and town.strip()):
        only = counties(st.code)
        if len(only) == 1:  # DC: the state is its own single county-equivalent
            place_county = only[0]
    known = known_or_named if isinstance(known_or_named, Party) else None
    label, unit, unit_note = _party_label(known_or_named, st, officials)
    # A party with no local structure recorded, searched for by its organization's own name.
    by_name = unit is LocalUnit.UNKNOWN and known is not None and st.party(known) is None
    explanation = _how_it_organizes(st, label, unit, unit_note, by_name=by_name)
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
        same = needs_state_name(place_county)
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
        elif unit is LocalUnit.MUNICIPIO:
            query = f"Comité Municipal {label} {place_county.short_name}"
        elif unit is LocalUnit.TERRITORY:
            official = officials.state(st.code, known) if known is not None else None
            query = official.name if official is not None else f"{label} Party of {st.name}"
        elif by_name:
            query = f"{label} {place_county.short_name}"  # the organization's own name
    recorded = _recorded(officials, known, st.code, place_county, town)
    return LocalParty(
        query=query,
        search_url=_search_url(query),
        organization=recorded,
        state_party=officials.state(st.code, known) if known is not None else None,
        party_label=label,
        local_unit=unit,
        place=place,
        state=st.code,
        explanation=explanation,
    )


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
    town = need_text(town, "find_election_office", "town", optional=True)
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
        if town is None or not town.strip():
            raise LocalUnitError(
                f"in {st.name} elections are run by each town or city: give town= "
                "(the clerk of your town runs them)"
            )
        place = f"{' '.join(town.split())}, {st.name}"
        query = f"{place} city or town clerk elections"
    elif place_county is None:
        raise LocalUnitError(f"in {st.name} counties run elections: give a county")
    else:
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
    )
