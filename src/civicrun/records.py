"""Typed, immutable records: organizations and their rules, states, counties, office categories.

No I/O and no matching logic lives here: vocabularies are in :mod:`civicrun.vocab`,
structuring from data files in ``_converter``, loading in ``_data``, matching in ``_match``.
This module hands out every record class. Those of organizations and counties are made here;
:class:`Source` and the base they share in ``_record_base``; those of states and office
categories in ``_state_records``, when one is first asked for (a question about groups reads
none of them). Each is shown as ``civicrun.records.X`` wherever it is made.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from . import vocab
from ._record_base import (
    Source,
    _non_empty,
    _Record,
    _short_repr,
    state_kind,
    state_ocd_id,
)
from .vocab import (
    BOOL_FIELDS,
    DATE_FIELDS,
    INT_FIELDS,
    ONE_OF_FIELDS,
    Confidence,
    CountyKind,
    HowToJoin,
    OfficeLevel,
    OrgKind,
    OrgStatus,
    Partisanship,
    Party,
    ProfileField,
    Role,
    Scope,
    StateKind,
    Support,
)

if TYPE_CHECKING:
    from ._state_records import (
        Candidacy,
        ChiefElectionOffice,
        GovernmentCount,
        LocalElectionOffice,
        MinimumAge,
        OfficeCategory,
        OfficeCount,
        OfficeHere,
        PartyStructure,
        Qualification,
        State,
    )

__all__ = [
    "AnyOf",
    "Candidacy",
    "ChiefElectionOffice",
    "Condition",
    "County",
    "Coverage",
    "GovernmentCount",
    "LocalElectionOffice",
    "MinimumAge",
    "OfficeCategory",
    "OfficeCount",
    "OfficeHere",
    "Organization",
    "PartyStructure",
    "Qualification",
    "Requirement",
    "Source",
    "State",
    "county_ocd_id",
    "field_types",
    "short_name",
    "state_kind",
    "state_ocd_id",
]

#: The records of states and office categories, made on first use by
#: :mod:`civicrun._state_records` (a question about groups reads none of them).
_MADE_LATER = (
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
)


def __getattr__(name: str) -> Any:
    if name in _MADE_LATER:
        from . import _state_records  # noqa: PLC0415  (made on first use: see _MADE_LATER)

        made = {later: getattr(_state_records, later) for later in _MADE_LATER}
        globals().update(made)  # later look-ups (and annotations naming them) find them here
        return made[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
