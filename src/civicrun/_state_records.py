"""The records of a state (its party structures, election offices, candidacy, offices,
qualifications and local governments) and of an office category: what "which office, where I
live" reads.

They are kept apart from :mod:`civicrun.records`, which hands them out, so that a question
about groups, which reads none of them, never makes their classes (the attrs methods of these
eleven classes cost a first answer about 8 ms). Annotations are evaluated when a class is made
(there is no ``from __future__ import annotations``): each class is shown as
``civicrun.records.X``, and :func:`typing.get_type_hints` needs no module's names to read it.
"""

import datetime as dt

import attrs
from attrs import frozen

from ._record_base import Source, _non_empty, _Record, _short_repr, state_kind, state_ocd_id
from .vocab import (
    Chamber,
    CountQualifier,
    CountyTerm,
    ElectionAdministration,
    GovernmentKind,
    LocalUnit,
    OfficeLevel,
    Party,
    QualifiedOffice,
    RacePartisanship,
    StateKind,
)

__all__ = [
    "Candidacy",
    "ChiefElectionOffice",
    "GovernmentCount",
    "LocalElectionOffice",
    "MinimumAge",
    "OfficeCategory",
    "OfficeCount",
    "OfficeHere",
    "PartyStructure",
    "Qualification",
    "State",
]


@frozen(kw_only=True)
class PartyStructure(_Record):
    """How one party organizes locally in one state."""

    __repr__ = _short_repr("party", "local_label")

    party: Party
    local_label: str
    local_unit: LocalUnit
    local_unit_note: str | None = None


@frozen(kw_only=True)
class ChiefElectionOffice(_Record):
    """The state office that oversees elections: its name, website and the page that says so.

    ``source`` is the url of one of the state record's sources. ``url`` is None where no page
    of the office's own site was read (the note says what was).
    """

    __repr__ = _short_repr("name")

    name: str = attrs.field(validator=_non_empty)
    url: str | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class LocalElectionOffice(_Record):
    """The office that runs elections for one county-equivalent (or, where ``area`` says so,
    for part of it, such as a city with its own board): its name, website and the page that
    says so.

    ``source`` is the url of one of the state record's sources. ``url`` is None where no page
    of the office's own site was read (the note says what was).
    """

    __repr__ = _short_repr("fips", "name")

    fips: str
    name: str = attrs.field(validator=_non_empty)
    url: str | None = None
    area: str | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class Candidacy(_Record):
    """How a candidate gets on the ballot in a state, and when elections are held.

    ``guide`` is the url of the state's official candidate guide or qualifying page (where the
    current cycle's dates are published); ``filing`` says, in plain words, which offices a
    candidate files with (the secretary of state for statewide offices, the county clerk for
    county offices ...); ``elections`` says when state, county and local elections are held,
    as the rule (statutory election days, spring or odd-year municipal elections), never one
    cycle's dates; ``officials_directory`` is the url of the state's own directory of county or
    municipal election officials, where it publishes one. ``source`` is the url, among the
    state record's sources, of the page the filing and timing facts were read from.
    """

    __repr__ = _short_repr("guide")

    guide: str
    filing: str = attrs.field(validator=_non_empty)
    elections: str = attrs.field(validator=_non_empty)
    officials_directory: str | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class OfficeHere(_Record):
    """Whether a category of elected office exists in a state, and what it is called there.

    ``category`` is an office category's id; ``present`` is false for a category the state
    does not elect (Alaska, Connecticut and Hawaii elect no sheriffs); ``local_name`` is the
    state's own name for it where that differs (a parish police jury, a select board).
    """

    __repr__ = _short_repr("category", "present", "local_name")

    category: str
    present: bool = True
    local_name: str | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class Qualification(_Record):
    """The published qualifications for one office in one state, each a checkable fact.

    ``min_age`` is the youngest age at which a person may hold or run for the office (as the
    source says: some states count it at election, some at taking office, said in ``note``);
    ``state_residency_years`` and ``district_residency_years`` are how long a candidate must
    have lived in the state or district (0 where residence is required with no length);
    ``citizen_years`` the years of citizenship required (0 for citizenship with no length);
    ``registered_voter`` whether the candidate must be a registered or qualified voter. A
    fact the source does not state is left out (``None``), never guessed.
    """

    __repr__ = _short_repr("office", "min_age")

    office: QualifiedOffice
    min_age: int | None = None
    state_residency_years: float | None = None
    district_residency_years: float | None = None
    citizen_years: int | None = None
    registered_voter: bool | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class GovernmentCount(_Record):
    """How many local governments of one kind a state has, from the Census of Governments."""

    __repr__ = _short_repr("kind", "count", "year")

    kind: GovernmentKind
    count: int
    year: int
    source: str
    note: str | None = None


@frozen(kw_only=True)
class State(_Record):
    """A US state, the District of Columbia, or an inhabited territory (see ``kind``).

    ``program_search`` says, where no state program (a ``state-program`` organization) is
    recorded for the state, what was searched for one, when, and what was found and why it was
    not recorded, so "none recorded" is never mistaken for "none looked for".
    """

    __repr__ = _short_repr("code", "name")

    code: str
    name: str
    fips: str
    county_term: CountyTerm
    election_administration: ElectionAdministration
    election_administration_note: str | None = None
    last_verified: dt.date
    parties: tuple[PartyStructure, ...] = ()
    chief_election_office: ChiefElectionOffice | None = None
    election_offices: tuple[LocalElectionOffice, ...] = ()
    candidacy: Candidacy | None = None
    program_search: str | None = None
    offices: tuple[OfficeHere, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    local_governments: tuple[GovernmentCount, ...] = ()
    sources: tuple[Source, ...] = attrs.field(validator=_non_empty)

    @property
    def kind(self) -> StateKind:
        """A state, the District of Columbia, or a territory, by the Census Bureau's codes: the
        outlying areas have FIPS codes from 60 up."""
        return state_kind(self.fips)

    @property
    def ocd_id(self) -> str:
        """The state's Open Civic Data identifier: ``ocd-division/country:us/state:tx``
        (``district:dc`` for the District of Columbia, ``territory:pr`` for a territory)."""
        return state_ocd_id(self.code, self.fips)

    def party(self, party: Party) -> PartyStructure | None:
        """This state's local structure for ``party``, if recorded."""
        for structure in self.parties:
            if structure.party is party:
                return structure
        return None


@frozen(kw_only=True)
class OfficeCount(_Record):
    """A published national count for an office category."""

    __repr__ = _short_repr("what", "value", "year")

    what: str
    value: int
    qualifier: CountQualifier
    year: int | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class MinimumAge(_Record):
    """A state's minimum age for one legislative chamber."""

    __repr__ = _short_repr("state", "chamber", "age")

    state: str
    chamber: Chamber
    age: int
    source: str
    note: str | None = None


@frozen(kw_only=True)
class OfficeCategory(_Record):
    """A kind of elected office, with what it does and how many there are."""

    __repr__ = _short_repr("id", "name")

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    level: OfficeLevel
    description: str
    partisan: RacePartisanship
    typical_requirements: tuple[str, ...] = ()
    states: frozenset[str] = frozenset()
    states_note: str | None = None
    last_verified: dt.date
    counts: tuple[OfficeCount, ...] = ()
    minimum_ages: tuple[MinimumAge, ...] = ()
    sources: tuple[Source, ...] = attrs.field(validator=_non_empty)
