"""Typed, immutable records and the vocabularies they use.

No I/O and no matching logic lives here: structuring from data files is in ``_converter``,
loading in ``_data``, matching in ``_match``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import attrs
from attrs import frozen


class Party(StrEnum):
    """A political party a person belongs to."""

    DEMOCRATIC = "democratic"
    REPUBLICAN = "republican"
    LIBERTARIAN = "libertarian"
    GREEN = "green"
    INDEPENDENT = "independent"
    OTHER = "other"


class Gender(StrEnum):
    """A person's gender."""

    WOMAN = "woman"
    MAN = "man"
    NONBINARY = "nonbinary"


class RaceEthnicity(StrEnum):
    """Race and ethnicity categories a person may identify with (any number of them)."""

    BLACK = "black"
    LATINO = "latino"
    ASIAN_AMERICAN = "asian-american"
    PACIFIC_ISLANDER = "pacific-islander"
    NATIVE_AMERICAN = "native-american"
    ALASKA_NATIVE = "alaska-native"
    NATIVE_HAWAIIAN = "native-hawaiian"
    MIDDLE_EASTERN_NORTH_AFRICAN = "middle-eastern-north-african"
    WHITE = "white"


class Ideology(StrEnum):
    """A self-described political leaning."""

    PROGRESSIVE = "progressive"
    LIBERAL = "liberal"
    MODERATE = "moderate"
    CONSERVATIVE = "conservative"
    LIBERTARIAN = "libertarian"


class Stance(StrEnum):
    """A position on a contested issue that groups select candidates by.

    Each stance has an :attr:`opposite`. A profile lists the stances a person holds; a stance
    not listed is unknown, never a "no".

    >>> Stance.PRO_LIFE.opposite
    <Stance.PRO_CHOICE: 'pro-choice'>
    """

    PRO_CHOICE = "pro-choice"
    PRO_LIFE = "pro-life"
    GUN_SAFETY = "gun-safety"
    GUN_RIGHTS = "gun-rights"

    @property
    def opposite(self) -> Stance:
        """The contradicting stance (holding one rules out the other)."""
        return _STANCE_OPPOSITES[self]


_STANCE_OPPOSITES: dict[Stance, Stance] = {
    Stance.PRO_CHOICE: Stance.PRO_LIFE,
    Stance.PRO_LIFE: Stance.PRO_CHOICE,
    Stance.GUN_SAFETY: Stance.GUN_RIGHTS,
    Stance.GUN_RIGHTS: Stance.GUN_SAFETY,
}


class Community(StrEnum):
    """A community some groups exist for that no other profile field describes.

    A profile lists the communities a person belongs to; one not listed is unknown, never a
    "no", so a group aimed at a community is ``possible`` for anyone who does not say.
    """

    MUSLIM = "muslim"


class OfficeLevel(StrEnum):
    """The level of government of an office."""

    LOCAL = "local"
    STATE = "state"
    FEDERAL = "federal"


class Support(StrEnum):
    """A kind of help an organization gives."""

    ONLINE_TRAINING = "online-training"
    IN_PERSON_TRAINING = "in-person-training"
    FELLOWSHIP = "fellowship"
    ENDORSEMENT = "endorsement"
    MONEY = "money"
    VOLUNTEERS = "volunteers"
    NETWORK = "network"
    MENTORSHIP = "mentorship"
    STAFF_TRAINING = "staff-training"
    RESOURCES = "resources"


class Partisanship(StrEnum):
    """Where an organization stands between the parties."""

    DEMOCRATIC = "democratic"
    REPUBLICAN = "republican"
    LIBERTARIAN = "libertarian"
    GREEN = "green"
    PROGRESSIVE = "progressive"
    CONSERVATIVE = "conservative"
    NONPARTISAN = "nonpartisan"
    CROSS_PARTISAN = "cross-partisan"


class Role(StrEnum):
    """Whom a group's programs are for: people running, or the people who staff campaigns."""

    CANDIDATES = "candidates"
    STAFF = "staff"


class HowToJoin(StrEnum):
    """How a person gets an organization's help."""

    APPLY = "apply"
    NOMINATED = "nominated"
    ENDORSEMENT = "endorsement"
    MEMBERSHIP = "membership"
    OPEN = "open"


class OrgStatus(StrEnum):
    """Whether an organization is still operating."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    UNKNOWN = "unknown"


class Confidence(StrEnum):
    """How sure a record is overall, given its sources."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class OrgKind(StrEnum):
    """What sort of organization a record describes."""

    NATIONAL_GROUP = "national-group"
    NATIONAL_PARTY = "national-party"
    STATE_PARTY = "state-party"
    STATE_PROGRAM = "state-program"


class Scope(StrEnum):
    """Geographic scope of an organization."""

    NATIONAL = "national"
    STATES = "states"


class ProfileField(StrEnum):
    """The profile fields that eligibility conditions can test."""

    PARTY = "party"
    GENDER = "gender"
    AGE = "age"
    BIRTH_DATE = "birth_date"
    RACE_ETHNICITY = "race_ethnicity"
    LGBTQ = "lgbtq"
    VETERAN = "veteran"
    NATIONAL_SERVICE = "national_service"
    IMMIGRANT_GENERATION = "immigrant_generation"
    PARENT_OF_MINOR = "parent_of_minor"
    STANCES = "stances"
    COMMUNITIES = "communities"
    IDEOLOGY = "ideology"
    OFFICE_LEVEL = "office_level"
    PRIOR_RUNS = "prior_runs"
    STATE = "state"


class CountyTerm(StrEnum):
    """What a state calls its county-equivalents."""

    COUNTY = "county"
    PARISH = "parish"
    BOROUGH = "borough"
    DISTRICT = "district"


class ElectionAdministration(StrEnum):
    """Who runs elections locally in a state."""

    COUNTY = "county"
    MUNICIPAL = "municipal"
    STATE = "state"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class LocalUnit(StrEnum):
    """The unit a party organizes by locally."""

    COUNTY = "county"
    PARISH = "parish"
    TOWN = "town"
    CITY_AND_TOWN = "city-and-town"
    WARD = "ward"
    LEGISLATIVE_DISTRICT = "legislative-district"
    HOUSE_DISTRICT = "house-district"
    ORGANIZING_UNIT = "organizing-unit"
    COUNTY_AND_LEGISLATIVE_DISTRICT = "county-and-legislative-district"
    UNKNOWN = "unknown"


class RacePartisanship(StrEnum):
    """Whether races for a kind of office usually carry party labels."""

    USUALLY_PARTISAN = "usually-partisan"
    USUALLY_NONPARTISAN = "usually-nonpartisan"
    VARIES = "varies"


class CountQualifier(StrEnum):
    """How exact a published count is."""

    EXACTLY = "exactly"
    ABOUT = "about"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"


class Chamber(StrEnum):
    """A chamber of a state legislature (Nebraska's single chamber is recorded as senate)."""

    SENATE = "senate"
    HOUSE = "house"


class MatchStatus(StrEnum):
    """How a profile stands with one organization.

    ``eligible``: every requirement and audience rule holds. ``possible``: nothing fails, but
    some rules turn on facts the profile leaves unknown. ``outside-audience``: no requirement
    fails, but the profile is known to be outside the audience the group says it serves.
    ``ineligible``: a published requirement fails (or the group no longer runs programs).
    """

    ELIGIBLE = "eligible"
    POSSIBLE = "possible"
    OUTSIDE_AUDIENCE = "outside-audience"
    INELIGIBLE = "ineligible"


class RuleKind(StrEnum):
    """What a reason in a :class:`~civicrun.Match` is about.

    ``requirement``, ``audience`` and ``priority`` are the three kinds of rule a record writes;
    ``coverage`` (the states a group works in), ``office-level``, ``role`` (candidates or
    staff), ``status`` (active or not) and ``how-to-join`` are checked for every group alike.
    """

    REQUIREMENT = "requirement"
    AUDIENCE = "audience"
    PRIORITY = "priority"
    COVERAGE = "coverage"
    OFFICE_LEVEL = "office-level"
    ROLE = "role"
    STATUS = "status"
    HOW_TO_JOIN = "how-to-join"


class Outcome(StrEnum):
    """How one rule came out for one profile; ``note`` marks a caveat, not a test."""

    MET = "met"
    FAILED = "failed"
    UNKNOWN = "unknown"
    NOTE = "note"


#: Which profile fields accept a ``one_of`` test, and the values allowed in it.
ONE_OF_FIELDS: dict[ProfileField, type[StrEnum]] = {
    ProfileField.PARTY: Party,
    ProfileField.GENDER: Gender,
    ProfileField.RACE_ETHNICITY: RaceEthnicity,
    ProfileField.IDEOLOGY: Ideology,
    ProfileField.OFFICE_LEVEL: OfficeLevel,
    ProfileField.STANCES: Stance,
    ProfileField.COMMUNITIES: Community,
}
#: Set fields read open-world: a value the profile does not list is unknown, not a "no".
OPEN_FIELDS = frozenset({ProfileField.STANCES, ProfileField.COMMUNITIES})
BOOL_FIELDS = frozenset(
    {
        ProfileField.LGBTQ,
        ProfileField.VETERAN,
        ProfileField.NATIONAL_SERVICE,
        ProfileField.PARENT_OF_MINOR,
    }
)
INT_FIELDS = frozenset(
    {ProfileField.AGE, ProfileField.PRIOR_RUNS, ProfileField.IMMIGRANT_GENERATION}
)
DATE_FIELDS = frozenset({ProfileField.BIRTH_DATE})


@frozen(kw_only=True)
class Source:
    """A page a fact was read from, and the date it was read."""

    url: str = attrs.field()
    read: dt.date
    title: str | None = None
    note: str | None = None

    @url.validator
    def _check_url(self, _attribute: Any, value: str) -> None:
        if not value.startswith("https://") and not value.startswith("http://"):
            raise ValueError(f"a source url must start with https:// or http://, not {value!r}")


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
        vocab = ONE_OF_FIELDS[cond.field]
        bad = sorted(v for v in cond.one_of if v not in {m.value for m in vocab})
        if bad:
            raise ValueError(
                f"{cond.field} values {bad} are not in the vocabulary "
                f"({', '.join(m.value for m in vocab)})"
            )
    if cond.at_least is not None and cond.at_most is not None and cond.at_least > cond.at_most:
        raise ValueError(f"at_least ({cond.at_least}) is greater than at_most ({cond.at_most})")


@frozen(kw_only=True)
class Condition:
    """One test of one profile field, e.g. ``party`` is one of ``{"democratic"}``.

    Exactly one kind of test is set: ``one_of``; ``equals``; ``at_least``/``at_most``; or
    ``born_on_or_after``/``born_on_or_before``.
    """

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
class AnyOf:
    """A group of conditions of which at least one must hold."""

    any_of: tuple[Condition, ...] = attrs.field()
    note: str | None = None
    source: str | None = None

    @any_of.validator
    def _check_any_of(self, _attribute: Any, value: tuple[Condition, ...]) -> None:
        if len(value) < 2:
            raise ValueError("any_of needs at least two conditions")


Requirement = Condition | AnyOf


@frozen(kw_only=True)
class Coverage:
    """Where an organization works."""

    scope: Scope
    states: frozenset[str] = frozenset()
    as_of: dt.date | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.scope is Scope.STATES and not self.states:
            raise ValueError('scope "states" needs at least one state code in states')
        if self.scope is Scope.NATIONAL and self.states:
            raise ValueError('scope "national" takes no states; use scope = "states"')


def _non_empty(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must not be empty")


@frozen(kw_only=True)
class Organization:
    """A group that helps people run for office, with its eligibility rules and sources."""

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
    roles: frozenset[Role] = attrs.field(validator=_non_empty)
    how_to_join: HowToJoin
    status: OrgStatus
    confidence: Confidence
    last_verified: dt.date
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
class PartyStructure:
    """How one party organizes locally in one state."""

    party: Party
    local_label: str
    local_unit: LocalUnit
    local_unit_note: str | None = None


@frozen(kw_only=True)
class State:
    """A US state or the District of Columbia."""

    code: str
    name: str
    fips: str
    county_term: CountyTerm
    election_administration: ElectionAdministration
    election_administration_note: str | None = None
    last_verified: dt.date
    parties: tuple[PartyStructure, ...] = ()
    sources: tuple[Source, ...] = attrs.field(validator=_non_empty)

    def party(self, party: Party) -> PartyStructure | None:
        """This state's local structure for ``party``, if recorded."""
        for structure in self.parties:
            if structure.party is party:
                return structure
        return None


class CountyKind(StrEnum):
    """What sort of county-equivalent a county record is."""

    COUNTY = "county"
    PARISH = "parish"
    BOROUGH = "borough"
    CENSUS_AREA = "census-area"
    CITY_AND_BOROUGH = "city-and-borough"
    MUNICIPALITY = "municipality"
    INDEPENDENT_CITY = "independent-city"
    PLANNING_REGION = "planning-region"
    DISTRICT = "district"


@frozen(kw_only=True)
class County:
    """A county or county-equivalent (parish, borough, independent city ...)."""

    fips: str
    name: str
    kind: CountyKind
    state: str

    @property
    def short_name(self) -> str:
        """The name without its suffix ("Orleans" for "Orleans Parish")."""
        for suffix in _SUFFIXES.get(self.kind, ()):
            if self.name.endswith(" " + suffix):
                return self.name[: -len(suffix) - 1]
        return self.name

    def __str__(self) -> str:
        return f"{self.name}, {self.state}"


_SUFFIXES: dict[CountyKind, tuple[str, ...]] = {
    CountyKind.COUNTY: ("County",),
    CountyKind.PARISH: ("Parish",),
    CountyKind.BOROUGH: ("Borough",),
    CountyKind.CENSUS_AREA: ("Census Area",),
    CountyKind.CITY_AND_BOROUGH: ("City and Borough",),
    CountyKind.MUNICIPALITY: ("Municipality",),
    CountyKind.INDEPENDENT_CITY: ("city",),
    CountyKind.PLANNING_REGION: ("Planning Region",),
}


@frozen(kw_only=True)
class OfficeCount:
    """A published national count for an office category."""

    what: str
    value: int
    qualifier: CountQualifier
    year: int | None = None
    source: str
    note: str | None = None


@frozen(kw_only=True)
class MinimumAge:
    """A state's minimum age for one legislative chamber."""

    state: str
    chamber: Chamber
    age: int
    source: str
    note: str | None = None


@frozen(kw_only=True)
class OfficeCategory:
    """A kind of elected office, with what it does and how many there are."""

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
