"""Compiled eligibility rules: the one implementation of what a rule decides.

Each organization's rules (its coverage, office levels, requirements, audience and priorities)
are compiled once per loaded dataset: a :class:`Rule` or :class:`Placement` *decides* (met,
failed or unknown, with the fields that would settle an unknown: a :class:`Decision`). A
:class:`Table` folds the decisions of many groups at once into bit masks
(:func:`~civicrun.eligible_orgs`); :func:`civicrun._wording.explain` folds one group's
decisions and words each as a :class:`~civicrun.Reason` (:func:`~civicrun.explain`,
:attr:`Match.reasons <civicrun.Match.reasons>`). Both fold the same decisions, so a match's
status can never contradict its reasons; nothing here reads the wording.

:class:`Index` lists the compiled organizations by state, county and town, so a question
touches only the groups that can work where the person lives: that pre-selection is the only
thing the index adds to the fold. The order of the groups kept is :mod:`civicrun._order`'s.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from ._data import Dataset, Deciding, Derived, OrgReader, Reach, dataset, reaches, text_field
from ._dates import age_on, years_before
from ._profile import Profile
from ._text import fold, town_key
from .records import AnyOf, Condition, Organization, state_kind
from .vocab import (
    BOOL_FIELDS,
    OPEN_FIELDS,
    Gender,
    Ideology,
    OfficeLevel,
    OrgStatus,
    Outcome,
    Party,
    ProfileField,
    Role,
    RuleKind,
    Scope,
    Stance,
    StateKind,
)

__all__ = [
    "CompiledOrg",
    "Decision",
    "Index",
    "Placement",
    "Rule",
    "Table",
    "shipped_index",
]


class Decision(NamedTuple):
    """What one rule decided: the outcome, the fields that would settle an unknown outcome,
    and the profile field that decided it (``None`` where no one field did)."""

    outcome: Outcome
    unknown: frozenset[ProfileField] = frozenset()
    field: ProfileField | None = None


_NONE: frozenset[ProfileField] = frozenset()
_AGE_FIELDS = frozenset({ProfileField.BIRTH_DATE, ProfileField.AGE})
_BIRTH = frozenset({ProfileField.BIRTH_DATE})


def _known(met: bool, field: ProfileField) -> Decision:
    return Decision(Outcome.MET if met else Outcome.FAILED, _NONE, field)


def _unsure(field: ProfileField) -> Decision:
    return Decision(Outcome.UNKNOWN, frozenset({field}), field)


def _within(low: Any, high: Any, least: Any, most: Any) -> bool | None:
    """Whether all of ``low..high`` lies within the bounds (True), none of it (False), or some."""
    if (least is None or low >= least) and (most is None or high <= most):
        return True
    if (least is not None and high < least) or (most is not None and low > most):
        return False
    return None


Decide = Callable[[Profile, dt.date], Decision]


def _decider(cond: Condition) -> Decide:
    """The decision function for one condition, specialised to its kind of test."""
    field, attr = cond.field, cond.field.value
    met, failed, unknown = _known(True, field), _known(False, field), _unsure(field)
    if field in _AGE_FIELDS:
        # a profile that gives only an age is checked against every birth date it allows on ``on``
        def age(profile: Profile, on: dt.date) -> Decision:
            if profile.birth_date is not None:
                earliest = latest = profile.birth_date
            elif profile.age is not None:
                latest = years_before(on, profile.age)
                earliest = years_before(on, profile.age + 1) + dt.timedelta(days=1)
            else:
                return Decision(Outcome.UNKNOWN, _AGE_FIELDS, field)
            if field is ProfileField.AGE:
                low, high = age_on(latest, on), age_on(earliest, on)
                outcome = _within(low, high, cond.at_least, cond.at_most)
            else:
                outcome = _within(earliest, latest, cond.born_on_or_after, cond.born_on_or_before)
            if outcome is None:
                return Decision(Outcome.UNKNOWN, _BIRTH, field)
            return met if outcome else failed

        return age
    wanted = cond.one_of
    if wanted is not None and field in OPEN_FIELDS:
        # Open-world: met on overlap; failed only when every wanted stance's opposite is held.
        opposites = (
            frozenset(Stance(v).opposite.value for v in wanted)
            if field is ProfileField.STANCES
            else None
        )

        def open_set(profile: Profile, _on: dt.date) -> Decision:
            given = getattr(profile, attr)
            if given is None:
                return unknown
            if not given.isdisjoint(wanted):
                return met
            return failed if opposites is not None and opposites <= given else unknown

        return open_set
    if wanted is not None:

        def one_of(profile: Profile, _on: dt.date) -> Decision:
            value = getattr(profile, attr)
            if value is None:
                return unknown
            if isinstance(value, frozenset):
                return failed if value.isdisjoint(wanted) else met
            return met if value in wanted else failed

        return one_of
    expected, low, high = cond.equals, cond.at_least, cond.at_most

    def value_test(profile: Profile, _on: dt.date) -> Decision:
        value = getattr(profile, attr)
        if value is None:
            return unknown
        if expected is not None:
            return met if value is expected else failed
        return met if (low is None or value >= low) and (high is None or value <= high) else failed

    return value_test


_DECIDERS: dict[tuple[object, ...], Decide] = {}


def _shared(cond: Condition) -> Decide:
    """The decision function of ``cond``'s test (its note and source aside), made once."""
    key: tuple[object, ...] = (cond.field, cond.one_of, cond.equals, cond.at_least, cond.at_most)
    key += (cond.born_on_or_after, cond.born_on_or_before)
    found = _DECIDERS.get(key)
    if found is None:
        found = _DECIDERS[key] = _decider(cond)
    return found


class Rule:
    """One compiled requirement, audience or priority rule.

    ``decide(profile, on) -> Decision``: conditions that test alike share one function, so a
    :class:`Table` decides each distinct test once per profile; a rule of alternatives
    (:class:`AnyOf`) is met by any of its members.
    """

    __slots__ = ("decide", "kind", "members", "rule")

    def __init__(self, kind: RuleKind, rule: Condition | AnyOf) -> None:
        self.kind = kind
        self.rule = rule
        if isinstance(rule, AnyOf):
            self.members = tuple(Rule(kind, c) for c in rule.any_of)
            self.decide: Decide = self._decide_any
        else:
            self.members = ()
            self.decide = _shared(rule)

    def _decide_any(self, profile: Profile, on: dt.date) -> Decision:
        unknown: set[ProfileField] = set()
        for member in self.members:
            decision = member.decide(profile, on)
            if decision.outcome is Outcome.MET:
                return decision
            unknown |= decision.unknown
        return (
            Decision(Outcome.UNKNOWN, frozenset(unknown)) if unknown else Decision(Outcome.FAILED)
        )

    def reads(self) -> tuple[str, ...]:
        """The profile attributes this rule's decision reads."""
        if self.members:
            return tuple(sorted({a for m in self.members for a in m.reads()}))
        field = self.rule.field  # type: ignore[union-attr]  # a condition
        return ("age", "birth_date") if field in _AGE_FIELDS else (field.value,)


class Placement:
    """Where an organization works (its coverage), as a rule on the profile's place."""

    __slots__ = ("_names", "counties", "covered", "national", "states", "territories", "towns")

    def __init__(self, reach: Reach, county_names: Callable[[str], str | None]) -> None:
        self.national = reach.scope is Scope.NATIONAL
        self.states = frozenset(reach.states)
        self.territories = frozenset(reach.territories)
        self.covered = frozenset(reach.counties)
        self.counties = self.covered if reach.scope is Scope.COUNTIES else None
        self.towns = {fold(t): t for t in sorted(reach.towns)}
        self._names = county_names

    def county_names(self) -> str:
        """The counties covered, by name (as FIPS codes where a name is not known)."""
        found = [n for f in sorted(self.covered) if (n := self._names(f)) is not None]
        return "; ".join(found) or ", ".join(sorted(self.covered))

    def decide(self, profile: Profile, territories: frozenset[str]) -> Decision | None:
        """Met, failed or unknown on the profile's place; ``None`` for a national group and a
        profile in the 50 states or DC (nothing to say). ``territories`` are the codes of the
        territories, where a national group works only if its record lists them."""
        state, county = profile.state, profile.county
        if self.national:
            if state is None or state not in territories:
                return None
            return _known(state in self.territories, ProfileField.STATE)
        if (
            state is not None
            and state not in self.states
            and (self.towns or self.counties is None or county is None)
        ):
            return _known(False, ProfileField.STATE)
        if self.towns:
            if (
                county is not None
                and self.counties is not None
                and county.fips not in self.counties
            ):
                return _known(False, ProfileField.COUNTY)
            if profile.town is None:
                return _unsure(ProfileField.TOWN)
            if fold(profile.town) not in self.towns:
                return _known(False, ProfileField.TOWN)
            return _unsure(ProfileField.STATE) if state is None else _known(True, ProfileField.TOWN)
        if self.counties is not None:
            if county is not None:
                return _known(county.fips in self.counties, ProfileField.COUNTY)
            return _unsure(ProfileField.COUNTY)
        if state is None:
            return _unsure(ProfileField.STATE)
        return _known(True, ProfileField.STATE)


#: Every office level (iterating the enumeration itself is slow, and a table does it per group).
_LEVELS = frozenset(OfficeLevel)

#: How near a group works, by the scope of its coverage: the nearer ranks first among equals.
NEARNESS = {Scope.COUNTIES: 0, Scope.STATES: 1, Scope.NATIONAL: 2}

#: How long the newest evidence of activity may be before a record is treated as possibly
#: dormant (the coverage policy: activity within the last 3 years).
LIVE_YEARS = 3


def is_live(org: Organization | Deciding, on: dt.date) -> bool:
    """Whether ``org`` (a record, or what it is decided on) shows dated activity within
    :data:`LIVE_YEARS` of ``on``, or, where no date is recorded, is not marked ``unknown``."""
    if org.status is not OrgStatus.ACTIVE:
        return False
    return org.active_as_of is None or org.active_as_of >= years_before(on, LIVE_YEARS)


class CompiledOrg:
    """One organization's rules, compiled: what :class:`Index` lists and a match reads.

    It is made from the reach of its coverage (as the bundle header holds it: nothing is
    decoded). What it is decided on (``facts``: its rules, status and the like, the first line
    of its bundle entry) is read and compiled the first time a question reaches it, and the
    record itself (``org``) when a match or an explanation reads it, so a first answer decodes
    no organization.
    """

    __slots__ = (
        "_alone",
        "_org",
        "_reader",
        "_ready",
        "facts",
        "id",
        "levels",
        "place_rank",
        "placement",
        "priorities",
        "requirements",
        "serves",
        "territories",
    )

    def __init__(
        self,
        key: str,
        reach: Reach,
        reader: OrgReader,
        territories: frozenset[str],
        county_names: Callable[[str], str | None],
    ) -> None:
        self.id = key
        self._reader = reader
        self._org: Organization | None = None
        self._ready = False
        self._alone: Table | None = None
        self.territories = territories
        self.placement = Placement(reach, county_names)
        #: The group's place among equals in the order of answers, by (nearness, id): set by
        #: :class:`Index` for the groups it lists.
        self.place_rank = 0

    @property
    def org(self) -> Organization:
        """The organization's record."""
        org = self._org
        if org is None:
            org = self._org = self._reader.record(self.id, self.facts if self._ready else None)
        return org

    def compile_rules(self) -> None:
        """Reads what the group is decided on and compiles its rules (the first call only)."""
        if not self._ready:
            facts = self.facts = self._reader.facts(self.id)
            levels = facts.office_levels
            self.levels = None if levels >= _LEVELS else levels
            self.requirements = tuple(Rule(RuleKind.REQUIREMENT, r) for r in facts.requirements)
            self.serves = tuple(Rule(RuleKind.AUDIENCE, r) for r in facts.serves)
            self.priorities = tuple(Rule(RuleKind.PRIORITY, r) for r in facts.priorities)
            self._ready = True  # last: a thread that sees it sees the rules

    def alone(self) -> Table:
        """This group's :class:`Table` of one (made on first use): what decides it alone,
        whatever its status, for :func:`~civicrun.explain`."""
        alone = self._alone
        if alone is None:
            alone = self._alone = Table((self,), None)
        return alone


FieldMasks = tuple[tuple[ProfileField, int], ...]
#: What one group of tests decided for a profile, as masks over a table's groups: (ruled out,
#: outside the audience, (field, unknown), (field aimed at, met), (field preferred, met),
#: priorities missed, priorities unsure).
Part = tuple[int, int, FieldMasks, FieldMasks, FieldMasks, tuple[int, ...], tuple[int, ...]]
_Read = Callable[[Profile], object]
#: One distinct test of a table: (decide, requirement mask, audience mask, both, priority masks
#: (one per repeat: a priority repeated counts again)).
Test = tuple[Decide, int, int, int, tuple[int, ...]]
#: The values of a field whose tests' decisions a table keeps once made (a few vocabularies and
#: the flags): they are the same for every profile that holds the value, on any date.
_DOMAINS: Mapping[ProfileField, tuple[object, ...]] = {
    ProfileField.PARTY: tuple(Party),
    ProfileField.GENDER: tuple(Gender),
    ProfileField.IDEOLOGY: tuple(Ideology),
    ProfileField.OFFICE_LEVEL: tuple(OfficeLevel),
    **dict.fromkeys(BOOL_FIELDS, (True, False)),
}


def _part(tests: Sequence[Test], profile: Profile, on: dt.date) -> Part:
    """Each of ``tests`` decided for ``profile`` and folded into masks."""
    out = outside = 0
    unknown: list[tuple[ProfileField, int]] = []
    aimed: list[tuple[ProfileField, int]] = []
    preferred: list[tuple[ProfileField, int]] = []
    missed: list[int] = []
    unsure: list[int] = []
    for decide, required, serving, both, priorities in tests:
        decision = decide(profile, on)
        outcome = decision.outcome
        if outcome is Outcome.MET:
            # the fact the rule is about (age and birth date are one)
            aim = ProfileField.AGE if decision.field is ProfileField.BIRTH_DATE else decision.field
            assert aim is not None  # a met test names its field
            aimed.append((aim, both))
            preferred += [(aim, mask) for mask in priorities]
        elif outcome is Outcome.UNKNOWN:
            unknown += [(field, both) for field in decision.unknown]
            unsure += priorities
        else:
            out |= required
            outside |= serving
            missed += priorities
    return out, outside, tuple(unknown), tuple(aimed), tuple(preferred), (*missed,), (*unsure,)


class Table:
    """Groups compiled into bit masks, bit ``i`` standing for ``orgs[i]``: every group's rules
    decided at once, the one way a status, unknowns and relevance are decided.

    Each distinct test among their rules is decided once per profile (by the rules' own
    ``decide``) and its outcome folded into every group that has it with a few integer
    operations. Tests are grouped by the profile fields they read: a group whose fields the
    profile leaves empty, or holds a value of a small vocabulary (party, gender, ideology,
    office level, the yes/no facts), takes the masks decided for the first profile that did
    the same (kept, as every such profile gets the same ones). The
    groups kept are given their order keys by :func:`civicrun._order.rank` when a result is
    first read. A table of one place (a state's groups, or a place's county and town
    committees) decides where they work once, for the profile that first reaches it; a table
    made without a place (one group: :meth:`CompiledOrg.alone`) decides it per profile.
    """

    __slots__ = ("at", "closed", "everyone", "groups", "level_fail", "orgs", "place", "static")

    def __init__(self, orgs: tuple[CompiledOrg, ...], place: Profile | None) -> None:
        self.orgs = orgs
        self.at = {c.place_rank: i for i, c in enumerate(orgs)}  # a group's bit by place_rank
        self.everyone = (1 << len(orgs)) - 1
        #: (a date, each group's liveness on it and place_rank, as parts of its order key): kept
        #: here by :func:`civicrun._order.rank`, which works it out once per date
        self.static: tuple[dt.date | None, list[int]] = (None, [])
        stopped = staff = 0
        self.level_fail = dict.fromkeys(_LEVELS, 0)
        tests: dict[Decide, list[int]] = {}  # test -> [requirements, audience, *priorities]
        reads: dict[tuple[str, ...], list[Decide]] = {}
        for i, c in enumerate(orgs):
            bit = 1 << i
            c.compile_rules()
            stopped |= bit if c.facts.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT) else 0
            staff |= bit if Role.CANDIDATES not in c.facts.roles else 0
            for level in _LEVELS - c.levels if c.levels is not None else ():
                self.level_fail[level] |= bit
            for at, rules in ((0, c.requirements), (1, c.serves), (2, c.priorities)):
                for rule in rules:
                    masks = tests.get(rule.decide)
                    if masks is None:
                        masks = tests[rule.decide] = [0, 0]
                        reads.setdefault(rule.reads(), []).append(rule.decide)
                    slot = at
                    while slot >= 2 and slot < len(masks) and masks[slot] & bit:
                        slot += 1  # a priority repeated counts again
                    if slot == len(masks):
                        masks.append(0)
                    masks[slot] |= bit
        self.closed = (stopped | staff, stopped)  # without staff programs, with them
        #: where the groups work, decided once for a table of one place, else per profile
        self.place = None if place is None else self._place(place)
        #: (what the tests read, the values whose parts are kept, the parts kept, the tests)
        self.groups: list[tuple[_Read, frozenset[object], dict[object, Part], tuple[Test, ...]]]
        self.groups = []
        for names, decides in reads.items():
            group: list[Test] = []
            for decide in decides:
                required, serving, *priorities = tests[decide]
                group.append((decide, required, serving, required | serving, tuple(priorities)))
            # Kept: the parts for no value (what attrgetter reads off a profile that gives
            # none of the fields) and for each value of a small vocabulary, which no test
            # decides by the date.
            domain = _DOMAINS.get(ProfileField(names[0]), ()) if len(names) == 1 else ()
            kept = frozenset({None if len(names) == 1 else (None,) * len(names), *domain})
            self.groups.append((operator.attrgetter(*names), kept, {}, tuple(group)))

    def _place(self, profile: Profile) -> Part:
        """Where the groups work, decided for ``profile``'s place, as a part."""
        out = 0
        unknown: dict[ProfileField, int] = {}
        for i, c in enumerate(self.orgs):
            place = c.placement.decide(profile, c.territories)
            if place is not None and place.outcome is Outcome.FAILED:
                out |= 1 << i
            for field in place.unknown if place is not None else ():
                unknown[field] = unknown.get(field, 0) | 1 << i
        return out, 0, tuple(unknown.items()), (), (), (), ()

    def decide(
        self, profile: Profile, on: dt.date, include_staff: bool
    ) -> tuple[int, int, list[Part]]:
        """(the groups ruled out, those outside their audience, the parts to read off every
        group's unknowns and relevance from): every group's rules decided at once."""
        place = self.place or self._place(profile)
        level = profile.office_level
        out = self.closed[include_staff] | place[0]
        out |= 0 if level is None else self.level_fail[level]
        outside = 0
        parts = [place]
        for read, kept, fixed, tests in self.groups:
            value = read(profile)
            part = fixed.get(value)
            if part is None:
                part = _part(tests, profile, on)
                if value in kept:  # the same for every profile that holds it: kept
                    fixed[value] = part
            out |= part[0]
            outside |= part[1]
            parts.append(part)
        return out, outside, parts


#: What :meth:`Index.select` decided of one table: (the table, the groups kept, those outside
#: their audience, the parts of the decision).
Found = tuple[Table, int, int, list[Part]]


class Index:
    """Every organization listed by state (the groups that work across it), county committees
    by county and town committees by town, from its reach alone (no record is decoded to list
    it); a group is compiled when a question first reaches it."""

    def __init__(self, data: Dataset) -> None:
        orgs = data.organizations
        # a state's kind follows from its FIPS code, which the bundle header holds: none decoded
        self.state_kinds = {c: state_kind(text_field(data.states, c, "fips")) for c in data.states}
        self.territories = frozenset(
            c for c, k in self.state_kinds.items() if k is StateKind.TERRITORY
        )
        self.tables: dict[str | None, Table] = {}  # by state (None: no state), made when asked
        self.local: dict[tuple[str | None, str | None, str | None], Table] = {}  # by place
        self._reader = OrgReader(orgs)
        self._compiled: dict[str, CompiledOrg] = {}

        def county_names(fips: str) -> str | None:
            counties = data.counties  # read only when a county committee's reasons are worded
            return str(counties.county(fips)) if fips in counties else None

        self.county_names = county_names
        # County and town committees are listed by their place only, so a question that names
        # no county or town (or another one) never touches them, however many there are. Each
        # distinct reach is listed once, with all the groups that have it.
        self._reach: dict[str, Reach] = {}
        nearness: tuple[list[str], ...] = ([], [], [])
        self.wide: list[str] = []
        self.by_state: dict[str, list[str]] = {}
        self.in_county: dict[str, list[str]] = {}
        self.in_town: dict[str, list[str]] = {}
        for r, keys in reaches(orgs):
            self._reach.update(dict.fromkeys(keys, r))
            nearness[NEARNESS[r.scope]].extend(keys)
            if r.towns:
                for place in {town_key(s, t) for s in r.states for t in r.towns}:
                    self.in_town.setdefault(place, []).extend(keys)
            elif r.scope is Scope.COUNTIES:
                for fips in r.counties:
                    self.in_county.setdefault(fips, []).extend(keys)
            else:
                self.wide.extend(keys)
                for code in r.territories if r.scope is Scope.NATIONAL else r.states:
                    self.by_state.setdefault(code, []).extend(keys)
        ranked = [key for keys in nearness for key in sorted(keys)]  # by (nearness, id)
        self._rank = dict(zip(ranked, range(len(ranked)), strict=True))
        self.wide.sort()
        self.national = [k for k in self.wide if self._reach[k].scope is Scope.NATIONAL]

    def _get(self, key: str) -> CompiledOrg:
        """The organization ``key``, compiled on first use."""
        found = self._compiled.get(key)
        if found is None:
            reach = self._reach[key]
            made = CompiledOrg(key, reach, self._reader, self.territories, self.county_names)
            made.place_rank = self._rank[key]
            found = self._compiled.setdefault(key, made)
        return found

    def compile(self, org: Organization) -> CompiledOrg:
        """``org`` compiled: the index's own entry when ``org`` is the record it holds, else
        compiled now (an edited or extra record)."""
        if org.id in self._rank and (found := self._get(org.id)).org is org:
            return found
        here = {org.id: org}
        ((reach, _keys),) = reaches(here)
        return CompiledOrg(org.id, reach, OrgReader(here), self.territories, self.county_names)

    def _wide(self, state: str | None) -> tuple[CompiledOrg, ...]:
        """The groups that work across ``state`` (every one for no state), in id order."""
        if state is None:
            keys: Sequence[str] = self.wide
        elif state not in self.state_kinds:
            keys = self.national
        else:
            national = () if state in self.territories else self.national
            keys = sorted({*national, *self.by_state.get(state, ())})
        return tuple(map(self._get, keys))

    def select(
        self, profile: Profile, on: dt.date, include_staff: bool, include_outside: bool
    ) -> list[Found]:
        """What is decided for ``profile``: by the :class:`Table` of the groups that work across
        its state, and by that of the county and town committees of its place, if any."""
        state = profile.state
        if state not in self.tables:
            self.tables[state] = Table(self._wide(state), profile)
        tables = [self.tables[state]]
        fips = None if profile.county is None else profile.county.fips
        town = None if profile.town is None or state is None else town_key(state, profile.town)
        town = town if town in self.in_town else None
        if fips in self.in_county or town is not None:
            place = (state, fips, town)  # all that the committees' placement reads
            if place not in self.local:
                keys = (*self.in_county.get(fips or "", ()), *self.in_town.get(town or "", ()))
                self.local[place] = Table(tuple(map(self._get, keys)), profile)
            tables.append(self.local[place])
        found = []
        for table in tables:  # kept: not ruled out, nor outside the audience unless asked for
            out, outside, parts = table.decide(profile, on, include_staff)
            keep = table.everyone & ~out & (-1 if include_outside else ~outside)
            found.append((table, keep, outside, parts))
        return found


_shipped = Derived(dataset, Index)


def shipped_index() -> Index:
    """The compiled index of the shipped organizations (built on first use)."""
    return _shipped.get()
