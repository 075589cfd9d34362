"""Typed, immutable records: organizations and their rules, states, counties, office categories.

No I/O and no matching logic lives here: vocabularies are in :mod:`civicrun.vocab`,
structuring from data files in ``_converter``, loading in ``_data``, matching in ``_match``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs
from attrs import frozen

from . import vocab
from .vocab import (
    BOOL_FIELDS,
    DATE_FIELDS,
    INT_FIELDS,
    ONE_OF_FIELDS,
    Chamber,
    Confidence,
    CountQualifier,
    CountyKind,
    CountyTerm,
    ElectionAdministration,
    GovernmentKind,
    HowToJoin,
    LocalUnit,
    OfficeLevel,
    OrgKind,
    OrgStatus,
    Partisanship,
    Party,
    ProfileField,
    QualifiedOffice,
    RacePartisanship,
    Role,
    Scope,
    SourceKind,
    StateKind,
    Support,
)

#: The most items of a collection a record's repr shows; a longer one is shown by its size.
_REPR_ITEMS = 5


def _short(value: Any) -> str:
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, frozenset | tuple) and len(value) > _REPR_ITEMS:
        return f"<{len(value)} items>"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(_short(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _short_repr(*names: str) -> Callable[[Any], str]:
    """A ``__repr__`` showing only the fields ``names`` (an id or code and a name), so a
    record prints in a line, not in pages: ``Organization(id='some-group', name='Some Group')``.

    A field that is ``None`` or empty is left out; a vocabulary value shows as its string; a
    collection of more than five items shows as its size (``<12 items>``).
    Every public record's repr is made here, so they all read alike.
    """

    def __repr__(self: Any) -> str:
        shown = []
        for name in names:
            value = getattr(self, name)
            if value is None or (isinstance(value, frozenset | tuple) and not value):
                continue
            shown.append(f"{name}={_short(value)}")
        return f"{type(self).__name__}({', '.join(shown)})"

    return __repr__


class _Record:
    """What every record has: :meth:`to_dict`, by the one converter."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data, as the data files and ``civicrun show --json`` hold
        it: only dicts, lists, strings, numbers and booleans (dates as ``YYYY-MM-DD``, a
        vocabulary value as its string, sets as sorted lists); a field left at its default
        (``None``, empty) is left out. ``json.dumps(record.to_dict())`` serves it; the one
        cattrs converter structures it back to an equal record.

        >>> from civicrun.vocab import Scope
        >>> Coverage(scope=Scope.STATES, states=frozenset({"TX", "AL"})).to_dict()
        {'scope': 'states', 'states': ['AL', 'TX']}
        """
        from ._converter import converter  # noqa: PLC0415  (cattrs loads only when asked)

        data: dict[str, Any] = converter.unstructure(self)
        return data


@frozen(kw_only=True)
class Source(_Record):
    """A page a fact was read from, the date it was read, and what kind of page it is.

    ``kind`` is ``own-site`` (the organization's own website), ``government``, ``press``,
    ``reference`` (an encyclopedia, a directory) or ``other``; ``None`` where it has not been
    classified yet.
    """

    __repr__ = _short_repr("url", "kind")

    url: str = attrs.field()
    read: dt.date
    title: str | None = None
    note: str | None = None
    kind: SourceKind | None = None

    @url.validator
    def _check_url(self, _attribute: Any, value: str) -> None:
        if not value.startswith("https://") and not value.startswith("http://"):
            raise ValueError(f"a source url must start with https:// or http://, not {value!r}")


#: Each ``one_of`` field's allowed values (checked for every condition a record decodes).
_ONE_OF_VALUES = {
    field: frozenset(m.value for m in words) for field, words in ONE_OF_FIELDS.items()
}


def _check_condition(cond: Condition) -> None:
    tests = {
        "one_of": cond.one_of is not None,
        "equals": cond.equals is not None,
        "bounds": cond.at_least is not None or cond.at_most is not None,
        "born": cond.born_on_or_after is not None or cond.born_on_or_before is not None,
    }
    given = [name for name, present in tests.items() if present]
    if len(given) != 1:
        raise ValueError(
            "a condition needs exactly one test (one_of, equals, at_least/at_most, or "
            f"born_on_or_after/born_on_or_before); {cond.field} has {len(given)}"
        )
    kind = given[0]
    allowed = {
        "one_of": cond.field in ONE_OF_FIELDS,
        "equals": cond.field in BOOL_FIELDS,
        "bounds": cond.field in INT_FIELDS,
        "born": cond.field in DATE_FIELDS,
    }
    if not allowed[kind]:
        raise ValueError(f"field {cond.field!s} cannot be tested with {kind}")
    if cond.one_of is not None:
        if not cond.one_of:
            raise ValueError("one_of must list at least one value")
        if not cond.one_of <= _ONE_OF_VALUES[cond.field]:
            bad = sorted(cond.one_of - _ONE_OF_VALUES[cond.field])
            raise ValueError(
                f"{cond.field} values {bad} are not in the vocabulary "
                f"({', '.join(m.value for m in ONE_OF_FIELDS[cond.field])})"
            )
    if cond.at_least is not None and cond.at_most is not None and cond.at_least > cond.at_most:
        raise ValueError(f"at_least ({cond.at_least}) is greater than at_most ({cond.at_most})")


@frozen(kw_only=True)
class Condition(_Record):
    """One test of one profile field, e.g. ``party`` is one of ``{"democratic"}``.

    Exactly one kind of test is set: ``one_of``; ``equals``; ``at_least``/``at_most``; or
    ``born_on_or_after``/``born_on_or_before``.
    """

    __repr__ = _short_repr(
        "field", "one_of", "equals", "at_least", "at_most", "born_on_or_after", "born_on_or_before"
    )

    field: ProfileField
    one_of: frozenset[str] | None = None
    equals: bool | None = None
    at_least: int | None = None
    at_most: int | None = None
    born_on_or_after: dt.date | None = None
    born_on_or_before: dt.date | None = None
    note: str | None = None
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_condition(self)


@frozen(kw_only=True)
class AnyOf(_Record):
    """A group of conditions of which at least one must hold."""

    __repr__ = _short_repr("any_of")

    any_of: tuple[Condition, ...] = attrs.field()
    note: str | None = None
    source: str | None = None

    @any_of.validator
    def _check_any_of(self, _attribute: Any, value: tuple[Condition, ...]) -> None:
        if len(value) < 2:
            raise ValueError("any_of needs at least two conditions")


Requirement = Condition | AnyOf


@frozen(kw_only=True)
class Coverage(_Record):
    """Where an organization works: the whole country, some states, or some counties (whose
    states are listed too), and within them, for a local committee, some towns or cities.

    ``national`` means the 50 states and the District of Columbia. The territories (Puerto
    Rico, Guam, the U.S. Virgin Islands, American Samoa, the Northern Mariana Islands) are
    covered only where the record says so: in ``territories`` for a national group, in
    ``states`` for the others.

    ``towns`` narrows a ``counties`` coverage to the towns or cities named, where a party
    organizes by town or city rather than by county (a Massachusetts city committee, a
    Connecticut town committee): such a record is offered only to a profile that names one
    of them as its ``town``.
    """

    __repr__ = _short_repr("scope", "states", "counties", "towns", "territories")

    scope: Scope
    states: frozenset[str] = frozenset()
    counties: frozenset[str] = frozenset()
    towns: frozenset[str] = frozenset()
    territories: frozenset[str] = frozenset()
    as_of: dt.date | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.territories and self.scope is not Scope.NATIONAL:
            raise ValueError(
                'territories are listed only with scope = "national"; with scope "states", '
                "list a territory's code in states"
            )
        if self.scope is Scope.STATES and not self.states:
            raise ValueError('scope "states" needs at least one state code in states')
        if self.scope is Scope.NATIONAL and (self.states or self.counties):
            raise ValueError('scope "national" takes no states; use scope = "states"')
        if self.scope is Scope.COUNTIES and not (self.counties and self.states):
            raise ValueError(
                'scope "counties" needs the counties\' FIPS codes in counties and their states'
            )
        if self.scope is not Scope.COUNTIES and self.counties:
            raise ValueError('counties are listed only with scope = "counties"')
        if self.towns and self.scope is not Scope.COUNTIES:
            raise ValueError(
                'towns are listed only with scope = "counties", with the counties they lie in'
            )
        blank = sorted(t for t in self.towns if not t.strip() or t != " ".join(t.split()))
        if blank:
            raise ValueError(f"town names must be non-empty, with single spaces: {blank}")


def _non_empty(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must not be empty")


@frozen(kw_only=True)
class Organization(_Record):
    """A group that helps people run for office, with its eligibility rules and sources.

    ``active_as_of`` is the date of the newest dated evidence that the group was running its
    programs (a dated post, an application for a named year), and ``active_source`` the url of
    the source, among ``sources``, that shows it; ``None`` where no dated evidence was found.
    It is not the date a record was edited (that is ``last_verified``).

    ``local_directory``, on a state party, is the url of an official directory of its county
    (or town) committees or chairs (the party's own, or the list the state's election office
    publishes from the parties' filings), one of the record's ``sources``: the official page
    to look at for a county civicrun has no committee record for.
    """

    __repr__ = _short_repr("id", "name")

    id: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(validator=_non_empty)
    former_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: OrgKind
    url: str | None = None
    summary: str = attrs.field(validator=_non_empty)
    support: frozenset[Support] = frozenset()
    office_levels: frozenset[OfficeLevel] = attrs.field(validator=_non_empty)
    partisanship: Partisanship
    official_party: Party | None = None
    roles: frozenset[Role] = attrs.field(validator=_non_empty)
    how_to_join: HowToJoin
    status: OrgStatus
    confidence: Confidence
    last_verified: dt.date
    active_as_of: dt.date | None = None
    active_source: str | None = None
    local_directory: str | None = None
    notes: tuple[str, ...] = ()
    coverage: Coverage
    requirements: tuple[Requirement, ...] = ()
    serves: tuple[Requirement, ...] = ()
    priorities: tuple[Condition, ...] = ()
    sources: tuple[Source, ...] = attrs.field(validator=_non_empty)

    @property
    def names(self) -> tuple[str, ...]:
        """The current name, then former names, then aliases."""
        return (self.name, *self.former_names, *self.aliases)


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
class County(_Record):
    """A county or county-equivalent (parish, borough, independent city, municipio ...).

    ``population`` is the Census Bureau's estimate (American Community Survey 2018-2022 5-year
    estimates, table B01003), or None where that table has none (the territories other than
    Puerto Rico).
    """

    __repr__ = _short_repr("fips", "name")

    fips: str
    name: str
    kind: CountyKind
    state: str
    population: int | None = None

    @property
    def short_name(self) -> str:
        """The name without its suffix ("Orleans" for "Orleans Parish")."""
        return short_name(self.name, self.kind)

    @property
    def ocd_id(self) -> str | None:
        """The Open Civic Data division identifier, derived by OCD's rules: the type (county,
        parish, borough, census_area, or place for an independent city) and the name without
        its suffix, lower-cased, spaces as ``_``, apostrophes as ``~``, periods dropped; DC is
        ``district:dc``; Puerto Rico's municipios are ``territory:pr/municipio:añasco`` (accents
        kept, as OCD publishes them). None for Connecticut's planning regions and the other
        territories' islands, districts and municipalities, which OCD has no rule for.

        >>> County(fips="19141", name="O'Brien County", kind=CountyKind.COUNTY, state="IA").ocd_id
        'ocd-division/country:us/state:ia/county:o~brien'
        """
        return _OCD_PUBLISHED.get(self.fips) or county_ocd_id(
            self.name, self.kind, self.state, self.fips
        )

    def __str__(self) -> str:
        return f"{self.name}, {self.state}"


#: Where the identifier OCD publishes differs from its rule (opencivicdata/ocd-division-ids,
#: commit 7080566f, 2026-03-19): Petersburg became a borough in 2013 and kept its census-area id;
#: OCD spells La Salle Parish "lasalle". The published id is the one other data joins on.
_OCD_PUBLISHED = {
    "02195": "ocd-division/country:us/state:ak/census_area:petersburg",
    "22059": "ocd-division/country:us/state:la/parish:lasalle",
}

_OCD_TYPES = {
    CountyKind.COUNTY: "county",
    CountyKind.PARISH: "parish",
    CountyKind.BOROUGH: "borough",
    CountyKind.CITY_AND_BOROUGH: "borough",
    CountyKind.MUNICIPALITY: "borough",
    CountyKind.CENSUS_AREA: "census_area",
    CountyKind.INDEPENDENT_CITY: "place",
    CountyKind.MUNICIPIO: "municipio",
}


def _ocd_name(name: str) -> str:
    return name.lower().replace("'", "~").replace("’", "~").replace(".", "").replace(" ", "_")


def state_kind(fips: str) -> StateKind:
    """The kind of jurisdiction a state FIPS code names: the District of Columbia is 11, and
    the Census Bureau gives the outlying areas (the territories) codes from 60 up."""
    if fips == "11":
        return StateKind.DISTRICT
    return StateKind.TERRITORY if fips >= "60" else StateKind.STATE


def state_ocd_id(code: str, fips: str) -> str:
    """A state's Open Civic Data identifier (``district:dc`` for DC, ``territory:pr`` for a
    territory)."""
    return f"ocd-division/country:us/{_OCD_STATE_TYPES[state_kind(fips)]}:{code.lower()}"


_OCD_STATE_TYPES = {
    StateKind.STATE: "state",
    StateKind.DISTRICT: "district",
    StateKind.TERRITORY: "territory",
}


def county_ocd_id(name: str, kind: CountyKind, state: str, fips: str) -> str | None:
    """A county-equivalent's Open Civic Data identifier (see :attr:`County.ocd_id`)."""
    state_id = state_ocd_id(state, fips[:2])
    where = state_kind(fips[:2])
    if where is StateKind.DISTRICT:
        return state_id
    if where is StateKind.TERRITORY and kind is not CountyKind.MUNICIPIO:
        return None  # OCD publishes ids only for Puerto Rico's municipios
    division = _OCD_TYPES.get(kind)
    if division is None:
        return None
    return f"{state_id}/{division}:{_ocd_name(short_name(name, kind))}"


def short_name(name: str, kind: CountyKind) -> str:
    """A county-equivalent's name without the suffix of its kind ("Orleans Parish" -> "Orleans")."""
    for suffix in _SUFFIXES.get(kind, ()):
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1]
    return name


_SUFFIXES: dict[CountyKind, tuple[str, ...]] = {
    CountyKind.COUNTY: ("County",),
    CountyKind.PARISH: ("Parish",),
    CountyKind.BOROUGH: ("Borough",),
    CountyKind.CENSUS_AREA: ("Census Area",),
    CountyKind.CITY_AND_BOROUGH: ("City and Borough",),
    CountyKind.MUNICIPALITY: ("Municipality",),
    CountyKind.INDEPENDENT_CITY: ("city",),
    CountyKind.PLANNING_REGION: ("Planning Region",),
    CountyKind.MUNICIPIO: ("Municipio",),
    CountyKind.ISLAND: ("Island",),
    CountyKind.DISTRICT: ("District",),
}


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


_TYPES: dict[str, Any] = {}


def field_types(cls: type[Any]) -> dict[str, Any]:
    """The type of each field of the record class ``cls``, its annotation evaluated (what
    :func:`typing.get_type_hints` gives, but each distinct annotation evaluated once): what
    the bundle decoder and the JSON Schema read."""
    types: dict[str, Any] = {}
    names: dict[str, Any] | None = None  # what an annotation may name, made at the first miss
    for f in attrs.fields(cls):
        given = f.type
        if isinstance(given, str):
            found = _TYPES.get(given)
            if found is None:  # an annotation of this module's own classes
                names = names or {**vars(vocab), **globals()}
                found = _TYPES[given] = eval(given, names)
            given = found
        types[f.name] = given
    return types
