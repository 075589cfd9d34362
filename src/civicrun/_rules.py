"""Compiled eligibility rules: the one implementation of what a rule decides.

Each organization's rules (its coverage, office levels, requirements, audience and priorities)
are compiled once per loaded dataset into :class:`Rule` objects. A rule *decides*
(:meth:`Rule.decide`: met, failed or unknown, with the fields that would settle an unknown)
and *words* what it decided (:meth:`Rule.word`: a :class:`Reason`). :class:`CompiledOrg`
folds its rules' decisions into a status: :func:`~civicrun.eligible_orgs` stops at the first
failed requirement, :func:`~civicrun.explain` and :attr:`Match.reasons
<civicrun.Match.reasons>` fold over every rule and word each decision. Both are the same fold
over the same decisions, so a match's status can never contradict its reasons.

:class:`Index` lists the compiled organizations by state, county and town, so a question
touches only the groups that can work where the person lives: that pre-selection is the only
thing the index adds to the fold.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import attrs

from ._profile import Profile
from ._text import fold, town_key
from ._wording import describe, describe_audience, join_or, rule_text, shown
from .records import AnyOf, Condition, Coverage, Organization
from .vocab import (
    BOOL_FIELDS,
    HOW_TO_JOIN_NOTES,
    OPEN_FIELDS,
    Gender,
    Ideology,
    MatchStatus,
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

__all__ = ["CompiledOrg", "Decision", "Index", "Reason", "Rule", "Table"]


@attrs.frozen(kw_only=True)
class Reason:
    """One line of a match's explanation, as data: which kind of rule, which profile field, how
    it came out, and the sentence to show.

    ``str(reason)`` is the sentence, so a reason prints as plain text; a web page can show a
    tick or a cross from ``outcome`` and a translator can work from ``kind`` and ``field``.

    >>> from civicrun.vocab import Outcome, ProfileField, RuleKind
    >>> r = Reason(kind=RuleKind.AUDIENCE, field=ProfileField.GENDER, outcome=Outcome.FAILED,
    ...            text="serves women; this profile's gender is man")
    >>> str(r)
    "serves women; this profile's gender is man"
    """

    kind: RuleKind
    outcome: Outcome
    text: str
    field: ProfileField | None = None

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-ready form: ``kind``, ``field`` (or None), ``outcome`` and ``text``."""
        from ._converter import converter  # noqa: PLC0415  (cattrs loads only when asked)

        data = converter.unstructure(self)
        return {key: data.get(key) for key in ("kind", "field", "outcome", "text")}


class Decision(NamedTuple):
    """What one rule decided: the outcome, the fields that would settle an unknown outcome,
    and the profile field that decided it (``None`` where no one field did)."""

    outcome: Outcome
    unknown: frozenset[ProfileField] = frozenset()
    field: ProfileField | None = None


_NONE: frozenset[ProfileField] = frozenset()
_AGE_FIELDS = frozenset({ProfileField.BIRTH_DATE, ProfileField.AGE})
_BIRTH = frozenset({ProfileField.BIRTH_DATE})


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February that has none;
    the first day of the calendar for a day before it)."""
    if day.year - years < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _three_way(all_in: bool, none_in: bool) -> Outcome:
    return Outcome.MET if all_in else Outcome.FAILED if none_in else Outcome.UNKNOWN


def _age_outcome(cond: Condition, profile: Profile, on: dt.date) -> Outcome:
    """An age or birth-date rule: a profile that gives only an age is checked against every
    birth date that age allows on ``on``."""
    if profile.birth_date is not None:
        earliest = latest = profile.birth_date
    elif profile.age is not None:
        latest = years_before(on, profile.age)
        earliest = years_before(on, profile.age + 1) + dt.timedelta(days=1)
    else:
        return Outcome.UNKNOWN
    if cond.field is ProfileField.AGE:
        low, high = _age_on(latest, on), _age_on(earliest, on)
        least, most = cond.at_least, cond.at_most
        return _three_way(
            (least is None or low >= least) and (most is None or high <= most),
            (least is not None and high < least) or (most is not None and low > most),
        )
    after, before = cond.born_on_or_after, cond.born_on_or_before
    return _three_way(
        (after is None or earliest >= after) and (before is None or latest <= before),
        (after is not None and latest < after) or (before is not None and earliest > before),
    )


Decide = Callable[[Profile, dt.date], Decision]


def _decider(cond: Condition) -> Decide:
    """The decision function for one condition, specialised to its kind of test."""
    field, attr = cond.field, cond.field.value
    met, failed = Decision(Outcome.MET, _NONE, field), Decision(Outcome.FAILED, _NONE, field)
    unknown = Decision(Outcome.UNKNOWN, frozenset({field}), field)
    if field in _AGE_FIELDS:
        by_outcome = {Outcome.MET: met, Outcome.FAILED: failed}

        def age(profile: Profile, on: dt.date) -> Decision:
            outcome = _age_outcome(cond, profile, on)
            if outcome is not Outcome.UNKNOWN:
                return by_outcome[outcome]
            given = profile.age is not None or profile.birth_date is not None
            return Decision(Outcome.UNKNOWN, _BIRTH if given else _AGE_FIELDS, field)

        return age
    if cond.one_of is not None:
        wanted = cond.one_of
        if field in OPEN_FIELDS:
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

        def one_of(profile: Profile, _on: dt.date) -> Decision:
            value = getattr(profile, attr)
            if value is None:
                return unknown
            if isinstance(value, frozenset):
                return failed if value.isdisjoint(wanted) else met
            return met if value in wanted else failed

        return one_of
    if cond.equals is not None:
        expected = cond.equals

        def equals(profile: Profile, _on: dt.date) -> Decision:
            value = getattr(profile, attr)
            return unknown if value is None else met if value is expected else failed

        return equals
    low, high = cond.at_least, cond.at_most

    def bounds(profile: Profile, _on: dt.date) -> Decision:
        value = getattr(profile, attr)
        if value is None:
            return unknown
        return met if (low is None or value >= low) and (high is None or value <= high) else failed

    return bounds


_DECIDERS: dict[tuple[object, ...], Decide] = {}


def _shared(cond: Condition) -> Decide:
    """The decision function of ``cond``'s test (its note and source aside), made once."""
    key: tuple[object, ...] = (cond.field, cond.one_of, cond.equals, cond.at_least)
    key += (cond.at_most, cond.born_on_or_after, cond.born_on_or_before)
    found = _DECIDERS.get(key)
    if found is None:
        found = _DECIDERS[key] = _decider(cond)
    return found


class Rule:
    """One compiled requirement, audience or priority rule."""

    __slots__ = ("decide", "kind", "members", "rule")

    def __init__(self, kind: RuleKind, rule: Condition | AnyOf) -> None:
        self.kind = kind
        self.rule = rule
        self.members = tuple(Rule(kind, c) for c in rule.any_of) if isinstance(rule, AnyOf) else ()
        #: ``decide(profile, on) -> Decision``; conditions that test alike share one function,
        #: so a :class:`Table` decides each distinct test once per profile.
        self.decide: Decide = _shared(rule) if isinstance(rule, Condition) else self._decide_any

    def _decide_any(self, profile: Profile, on: dt.date) -> Decision:
        unknown: set[ProfileField] = set()
        for member in self.members:
            decision = member.decide(profile, on)
            if decision.outcome is Outcome.MET:
                return decision
            unknown |= decision.unknown
        if unknown:
            return Decision(Outcome.UNKNOWN, frozenset(unknown))
        return Decision(Outcome.FAILED)

    def _want(self, cond: Condition) -> str:
        return describe(cond) if self.kind is RuleKind.REQUIREMENT else describe_audience(cond)

    def word(self, decision: Decision, profile: Profile, on: dt.date) -> Reason:
        """The reason for ``decision``, which this rule made for ``profile`` on ``on``."""
        rule, kind, outcome = self.rule, self.kind, decision.outcome
        if isinstance(rule, Condition):
            field = rule.field
            if field in _AGE_FIELDS:
                value = profile.birth_date if profile.birth_date is not None else profile.age
                seen = shown(field, value, outcome, on, age_only=profile.birth_date is None)
            else:
                seen = shown(field, getattr(profile, field.value), outcome, on, age_only=False)
            text = rule_text(kind, self._want(rule), outcome, seen)
            return Reason(kind=kind, outcome=outcome, text=text, field=field)
        if outcome is Outcome.MET:
            return next(
                m.word(d, profile, on)
                for m in self.members
                if (d := m.decide(profile, on)).outcome is Outcome.MET
            )
        either = " or ".join(self._want(c) for c in rule.any_of)
        if kind is RuleKind.REQUIREMENT:
            lead = f"one of: {either} is required;"
        else:
            lead = f"serves {either};"
        why = "the profile does not say"
        if outcome is Outcome.FAILED:
            why = "; ".join(
                m.word(m.decide(profile, on), profile, on).text.split("; ", 1)[-1]
                for m in self.members
            )
        return Reason(kind=kind, outcome=outcome, text=f"{lead} {why}")


class Placement:
    """Where an organization works (its coverage), as a rule on the profile's place."""

    __slots__ = ("counties", "county_names", "national", "states", "territories", "towns")

    def __init__(self, coverage: Coverage, county_names: Callable[[str], str | None]) -> None:
        self.national = coverage.scope is Scope.NATIONAL
        self.states = coverage.states
        self.territories = coverage.territories
        self.counties = coverage.counties if coverage.scope is Scope.COUNTIES else None
        self.towns = {fold(t): t for t in sorted(coverage.towns)}
        names = [n for f in sorted(coverage.counties) if (n := county_names(f)) is not None]
        self.county_names = "; ".join(names) or ", ".join(sorted(coverage.counties))

    def decide(self, profile: Profile, territories: frozenset[str]) -> Decision | None:
        """Met, failed or unknown on the profile's place; ``None`` for a national group and a
        profile in the 50 states or DC (nothing to say). ``territories`` are the codes of the
        territories, where a national group works only if its record lists them."""
        state = profile.state
        if self.national:
            if state is None or state not in territories:
                return None
            met = state in self.territories
            return Decision(Outcome.MET if met else Outcome.FAILED, _NONE, ProfileField.STATE)
        if self.towns:
            return self._decide_town(profile)
        if self.counties is not None:
            county = profile.county
            if county is not None:
                met = county.fips in self.counties
                return Decision(Outcome.MET if met else Outcome.FAILED, _NONE, ProfileField.COUNTY)
            if state is not None and state not in self.states:
                return Decision(Outcome.FAILED, _NONE, ProfileField.STATE)
            return Decision(Outcome.UNKNOWN, frozenset({ProfileField.COUNTY}), ProfileField.COUNTY)
        if state is None:
            return Decision(Outcome.UNKNOWN, frozenset({ProfileField.STATE}), ProfileField.STATE)
        met = state in self.states
        return Decision(Outcome.MET if met else Outcome.FAILED, _NONE, ProfileField.STATE)

    def _decide_town(self, profile: Profile) -> Decision:
        if profile.state is not None and profile.state not in self.states:
            return Decision(Outcome.FAILED, _NONE, ProfileField.STATE)
        county = profile.county
        if county is not None and self.counties is not None and county.fips not in self.counties:
            return Decision(Outcome.FAILED, _NONE, ProfileField.COUNTY)
        if profile.town is None:
            return Decision(Outcome.UNKNOWN, frozenset({ProfileField.TOWN}), ProfileField.TOWN)
        if fold(profile.town) not in self.towns:
            return Decision(Outcome.FAILED, _NONE, ProfileField.TOWN)
        if profile.state is None:
            return Decision(Outcome.UNKNOWN, frozenset({ProfileField.STATE}), ProfileField.STATE)
        return Decision(Outcome.MET, _NONE, ProfileField.TOWN)

    def word(self, decision: Decision, profile: Profile) -> Reason:
        """The reason for ``decision``, which this placement made for ``profile``."""
        outcome, field = decision.outcome, decision.field
        assert field is not None  # a placement decides on the state, county or town
        seen = {"state": profile.state, "county": profile.county, "town": profile.town}[field.value]
        if self.national:
            text = (
                f"works nationally and in {seen}"
                if outcome is Outcome.MET
                else f"works in the 50 states and DC, not in the territories; this profile's "
                f"state is {seen}"
            )
        elif outcome is Outcome.MET and field is ProfileField.TOWN:
            text = f"works in {self.towns[fold(str(seen))]}, {profile.state}"
        elif outcome is Outcome.MET:
            text = f"works in {seen}"
        else:
            local = self.counties is not None or self.towns
            where = self.county_names if local else ", ".join(sorted(self.states))
            if self.towns:
                where = f"{', '.join(self.towns.values())} ({where})"
            if outcome is Outcome.UNKNOWN:
                said = f"the profile does not say which {field.value}"
            else:
                said = f"this profile's {field.value} is {seen}"
            text = f"works only in {where}; {said}"
        return Reason(kind=RuleKind.COVERAGE, outcome=outcome, text=text, field=field)


#: How near a group works, by the scope of its coverage: the nearer ranks first among equals.
NEARNESS = {Scope.COUNTIES: 0, Scope.STATES: 1, Scope.NATIONAL: 2}


def _aim(field: ProfileField | None) -> ProfileField | None:
    """The profile fact a rule on ``field`` is about (age and birth date are one)."""
    return ProfileField.AGE if field is ProfileField.BIRTH_DATE else field


#: What a met requirement or audience rule on a field adds to a group's relevance: a fact about
#: who the person is (gender, age, identity, service, profession ...) counts more than party or
#: ideology, which many groups share; place and office level filter and never score.
_WEIGHTS: Mapping[ProfileField, int] = {
    ProfileField.PARTY: 6,
    ProfileField.IDEOLOGY: 6,
    ProfileField.STATE: 0,
    ProfileField.COUNTY: 0,
    ProfileField.TOWN: 0,
    ProfileField.OFFICE_LEVEL: 0,
}
#: A field that a requirement or audience rule tests counts this much when met, unless listed
#: in ``_WEIGHTS``.
FIELD_WEIGHT = 10
#: A priority the person meets adds this (once per field); one they are known to miss takes
#: it away.
PRIORITY_WEIGHT = 3
#: A priority on a fact the person did not give costs this: a group that prefers people the
#: person may not be comes after an equal group that prefers no one.
UNKNOWN_PRIORITY_COST = 1
#: Each fact the person left unknown that would decide a ``possible`` match costs this in rank.
UNKNOWN_COST = 8


def rank_of(relevance: int, unknowns: tuple[ProfileField, ...]) -> int:
    """A match's rank score: its relevance less :data:`UNKNOWN_COST` for each fact that would
    decide it (age and birth date are one fact)."""
    facts = len(unknowns)
    if facts > 1 and ProfileField.AGE in unknowns and ProfileField.BIRTH_DATE in unknowns:
        facts -= 1
    return relevance - UNKNOWN_COST * facts


class CompiledOrg:
    """One organization's rules, compiled: what :class:`Index` lists and a match reads.

    Only its coverage is read when the index is built; the record itself (``org``) and its
    rules are read and compiled the first time a question reaches it, so a first answer does
    not decode every organization in the data.
    """

    __slots__ = (
        "_alone",
        "_candidate_only",
        "_dormant",
        "_fetch",
        "_org",
        "_ready",
        "_stopped",
        "id",
        "levels",
        "nearness",
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
        coverage: Coverage,
        fetch: Callable[[str], Organization],
        territories: frozenset[str],
        county_names: Callable[[str], str | None],
    ) -> None:
        self.id = key
        self._fetch = fetch
        self._org: Organization | None = None
        self._ready = False
        self._dormant: tuple[dt.date, int] | None = None
        self._alone: Table | None = None
        self.territories = territories
        self.placement = Placement(coverage, county_names)
        self.nearness = NEARNESS[coverage.scope]
        #: The group's place among equals in the order of answers, by (nearness, id): set by
        #: :class:`Index` for the groups it lists.
        self.place_rank = 0

    @property
    def org(self) -> Organization:
        """The organization's record."""
        org = self._org
        if org is None:
            org = self._org = self._fetch(self.id)
        return org

    def _compile(self) -> bool:
        """Read the record and compile its rules (once); True."""
        org = self.org
        self.levels = None if org.office_levels >= set(OfficeLevel) else org.office_levels
        self.requirements = tuple(Rule(RuleKind.REQUIREMENT, r) for r in org.requirements)
        self.serves = tuple(Rule(RuleKind.AUDIENCE, r) for r in org.serves)
        self.priorities = tuple(Rule(RuleKind.PRIORITY, r) for r in org.priorities)
        self._stopped = org.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT)
        self._candidate_only = Role.CANDIDATES not in org.roles
        self._ready = True  # last: a thread that sees it sees the rules
        return True

    def closed(self, include_staff: bool) -> bool:
        """No longer running programs, or only for campaign staff (and staff not asked for)."""
        self._ready or self._compile()
        return self._stopped or (self._candidate_only and not include_staff)

    def dormant(self, on: dt.date) -> int:
        """1 if the group shows no activity that counts as live on ``on`` (:func:`is_live`),
        else 0: how :func:`~civicrun._match.sort_key` ranks it (kept for the last date)."""
        known = self._dormant
        if known is None or known[0] != on:
            known = self._dormant = (on, 0 if is_live(self.org, on) else 1)
        return known[1]

    def verdict(self, profile: Profile, on: dt.date, include_staff: bool) -> Selected:
        """How ``profile`` stands with this group, whatever its status: its :class:`Table` of
        one (made on first use) decides it, every rule folded."""
        alone = self._alone
        if alone is None:
            alone = self._alone = Table((self,), None)
        out, outside, parts = alone.decide(profile, on, include_staff)
        ((_key, found),) = alone.rows(1, outside, parts, on)
        return (self, MatchStatus.INELIGIBLE, found[2], found[3]) if out else found

    def explain(
        self, profile: Profile, on: dt.date, include_staff: bool
    ) -> tuple[tuple[Reason, ...], tuple[Reason, ...], tuple[Reason, ...]]:
        """(reasons, failed, caveats): every rule decided and worded, in the order placement,
        office level, requirements, audience, priorities met; failed first, then unknown,
        then met."""
        self.closed(include_staff)  # compiles the rules on first use
        failed, caveats = self._fixed(include_staff, on)
        checked: list[tuple[Rule | Placement | None, Decision]] = []
        place = self.placement.decide(profile, self.territories)
        if place is not None:
            checked.append((self.placement, place))
        level = profile.office_level
        if self.levels is not None and level is None:
            caveats.append(
                _note(RuleKind.OFFICE_LEVEL, f"helps with {join_or(self.levels)} offices only")
            )
        elif self.levels is not None:
            outcome = Outcome.MET if level in self.levels else Outcome.FAILED
            checked.append((None, Decision(outcome, _NONE, ProfileField.OFFICE_LEVEL)))
        checked += [(rule, rule.decide(profile, on)) for rule in (*self.requirements, *self.serves)]
        for priority in self.priorities:
            decision = priority.decide(profile, on)
            if decision.outcome is Outcome.MET:
                checked.append((priority, decision))
        unknown: list[Reason] = []
        met: list[Reason] = []
        for rule, decision in checked:
            reason = self._word(rule, decision, profile, on)
            {Outcome.MET: met, Outcome.FAILED: failed, Outcome.UNKNOWN: unknown}[
                decision.outcome
            ].append(reason)
        if not self.requirements and not self.serves:
            text = "has no personal eligibility requirements and names no audience"
            met.append(Reason(kind=RuleKind.REQUIREMENT, outcome=Outcome.MET, text=text))
        return (*failed, *unknown, *met), tuple(failed), tuple(caveats)

    def _word(
        self, rule: Rule | Placement | None, decision: Decision, profile: Profile, on: dt.date
    ) -> Reason:
        if isinstance(rule, Rule):
            return rule.word(decision, profile, on)
        if isinstance(rule, Placement):
            return rule.word(decision, profile)
        kind, field = RuleKind.OFFICE_LEVEL, ProfileField.OFFICE_LEVEL
        if decision.outcome is Outcome.MET:
            text = f"helps with {profile.office_level} offices"
        else:
            assert self.levels is not None
            text = (
                f"helps with {join_or(self.levels)} offices only; "
                f"this profile seeks {profile.office_level} office"
            )
        return Reason(kind=kind, outcome=decision.outcome, text=text, field=field)

    def _fixed(self, include_staff: bool, on: dt.date) -> tuple[list[Reason], list[Reason]]:
        """What holds for every profile alike: status, role and how to join (failures,
        caveats)."""
        org = self.org
        failed: list[Reason] = []
        caveats = [_note(RuleKind.HOW_TO_JOIN, HOW_TO_JOIN_NOTES[org.how_to_join])]
        if org.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT):
            text = f"no longer runs programs (status: {org.status.value})"
            failed.append(Reason(kind=RuleKind.STATUS, outcome=Outcome.FAILED, text=text))
        else:
            stale = activity_caveat(org, on)
            if stale is not None:
                caveats.append(_note(RuleKind.STATUS, stale))
        if Role.CANDIDATES not in org.roles and not include_staff:
            text = "serves campaign staff, not candidates"
            failed.append(Reason(kind=RuleKind.ROLE, outcome=Outcome.FAILED, text=text))
        return failed, caveats


#: How long the newest evidence of activity may be before a record is treated as possibly
#: dormant (the coverage policy: activity within the last 3 years).
LIVE_YEARS = 3


@functools.lru_cache(maxsize=16)
def live_since(on: dt.date) -> dt.date:
    """The oldest date of activity that still counts as live on ``on``."""
    return years_before(on, LIVE_YEARS)


def is_live(org: Organization, on: dt.date) -> bool:
    """Whether ``org`` shows dated activity within :data:`LIVE_YEARS` of ``on``, or, where no
    date is recorded, is not marked ``unknown``."""
    if org.status is not OrgStatus.ACTIVE:
        return False
    return org.active_as_of is None or org.active_as_of >= live_since(on)


def activity_caveat(org: Organization, on: dt.date) -> str | None:
    """What to say of a group whose activity is not confirmed, or ``None``: the true fact (the
    year of the newest sign of activity found, or that none was dated), never an edit date."""
    if is_live(org, on):
        return None
    if org.active_as_of is not None:
        return (
            f"could not confirm that {org.name} still runs its programs: the newest sign of "
            f"activity found is from {org.active_as_of.year}"
        )
    return (
        f"could not confirm that {org.name} still runs its programs: no dated sign of "
        "activity was found"
    )


def _note(kind: RuleKind, text: str) -> Reason:
    return Reason(kind=kind, outcome=Outcome.NOTE, text=text)


Selected = tuple[CompiledOrg, MatchStatus, tuple[ProfileField, ...], int]


_BYTE_BITS = [tuple(b for b in range(8) if value >> b & 1) for value in range(256)]


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    if mask.bit_count() > 8:  # a byte at a time
        size = (mask.bit_length() + 7) // 8
        return [
            at + b
            for at, byte in zip(range(0, 8 * size, 8), mask.to_bytes(size, "little"), strict=True)
            if byte
            for b in _BYTE_BITS[byte]
        ]
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


STATUS_ORDER = {
    MatchStatus.ELIGIBLE: 0,
    MatchStatus.POSSIBLE: 1,
    MatchStatus.OUTSIDE_AUDIENCE: 2,
    MatchStatus.INELIGIBLE: 3,
}


OUTSIDE = MatchStatus.OUTSIDE_AUDIENCE
_STATUSES = sorted(STATUS_ORDER, key=STATUS_ORDER.__getitem__)  # by STATUS_ORDER


#: What one group of tests decided for a profile, as masks over a table's groups: (ruled out,
#: outside the audience, (field, unknown), (field aimed at, met), (field preferred, met),
#: (points lost, priorities missed or unsure)).
Part = tuple[
    int,
    int,
    tuple[tuple[ProfileField, int], ...],
    tuple[tuple[ProfileField, int], ...],
    tuple[tuple[ProfileField, int], ...],
    tuple[tuple[int, int], ...],
]
Test = tuple[Decide, int, int, int, tuple[int, ...]]
#: The values a field's tests are decided for in advance (a few vocabularies and the flags).
_DOMAINS: Mapping[ProfileField, tuple[object, ...]] = {
    ProfileField.PARTY: tuple(Party),
    ProfileField.GENDER: tuple(Gender),
    ProfileField.IDEOLOGY: tuple(Ideology),
    ProfileField.OFFICE_LEVEL: tuple(OfficeLevel),
    **dict.fromkeys(BOOL_FIELDS, (True, False)),
}


def _part(tests: tuple[Test, ...], profile: Profile, on: dt.date) -> Part:
    """Each of ``tests`` decided for ``profile`` and folded into masks."""
    out = outside = 0
    unknown: list[tuple[ProfileField, int]] = []
    aimed: list[tuple[ProfileField, int]] = []
    preferred: list[tuple[ProfileField, int]] = []
    less: list[tuple[int, int]] = []
    for decide, required, serving, both, priorities in tests:
        decision = decide(profile, on)
        outcome = decision.outcome
        if outcome is Outcome.MET:
            aim = _aim(decision.field)
            assert aim is not None  # a met test names its field
            aimed.append((aim, both))
            preferred += [(aim, mask) for mask in priorities]
        elif outcome is Outcome.UNKNOWN:
            unknown += [(field, both) for field in decision.unknown]
            less += [(UNKNOWN_PRIORITY_COST, mask) for mask in priorities]
        else:
            out |= required
            outside |= serving
            less += [(PRIORITY_WEIGHT, mask) for mask in priorities]
    return out, outside, tuple(unknown), tuple(aimed), tuple(preferred), tuple(less)


def _reads(rule: Condition | AnyOf) -> tuple[str, ...]:
    """The profile attributes a rule's decision reads."""
    if isinstance(rule, AnyOf):
        return tuple(sorted({a for c in rule.any_of for a in _reads(c)}))
    return ("age", "birth_date") if rule.field in _AGE_FIELDS else (rule.field.value,)


class Table:
    """Groups compiled into bit masks, bit ``i`` standing for ``orgs[i]``: every group's rules
    decided at once, the one way a status, unknowns and relevance are decided.

    Each distinct test among their rules is decided once per profile (by the rules' own
    ``decide``) and its outcome folded into every group that has it with a few integer
    operations. Tests are grouped by the profile fields they read: a group whose fields the
    profile leaves empty, or holds a value of a small vocabulary (party, gender, ideology,
    office level, the yes/no facts), takes its masks decided when the table was built. Only
    the groups kept are visited one by one, to read off their unknowns and relevance, when a
    result is first read. A table of one place (a state's groups, or a place's county and town
    committees) decides where they work once, for the profile that first reaches it; a table
    made without a place (one group, for :meth:`CompiledOrg.verdict`) decides it per profile.
    """

    __slots__ = ("closed", "everyone", "groups", "level_fail", "orgs", "place", "static")

    def __init__(self, orgs: tuple[CompiledOrg, ...], place: Profile | None) -> None:
        self.orgs = orgs
        self.everyone = (1 << len(orgs)) - 1
        #: (a date, each group's liveness on it and place_rank, as parts of its order key)
        self.static: tuple[dt.date | None, list[int]] = (None, [])
        stopped = staff = 0
        self.level_fail = dict.fromkeys(OfficeLevel, 0)
        # test -> [requirement mask, audience mask, *priority masks (one per repeat)]
        tests: dict[Decide, list[int]] = {}
        reads: dict[Decide, tuple[str, ...]] = {}
        for i, c in enumerate(orgs):
            bit = 1 << i
            c.closed(True)  # compiles the rules
            stopped |= bit if c._stopped else 0
            staff |= bit if c._candidate_only else 0
            for level in OfficeLevel:
                if c.levels is not None and level not in c.levels:
                    self.level_fail[level] |= bit
            for at, rules in ((0, c.requirements), (1, c.serves), (2, c.priorities)):
                for rule in rules:
                    masks = tests.setdefault(rule.decide, [0, 0])
                    reads[rule.decide] = _reads(rule.rule)
                    slot = at
                    while slot >= 2 and slot < len(masks) and masks[slot] & bit:
                        slot += 1  # a priority repeated counts again
                    if slot == len(masks):
                        masks.append(0)
                    masks[slot] |= bit
        self.closed = (stopped | staff, stopped)  # without staff programs, with them
        #: where the groups work, decided once for a table of one place, else per profile
        self.place = None if place is None else self._place(place)
        by_reads: dict[tuple[str, ...], list[Test]] = {}
        for decide, (required, serving, *priorities) in tests.items():
            test = (decide, required, serving, required | serving, tuple(priorities))
            by_reads.setdefault(reads[decide], []).append(test)
        self.groups = tuple(self._group(reads, tuple(group)) for reads, group in by_reads.items())

    @staticmethod
    def _group(
        reads: tuple[str, ...], tests: tuple[Test, ...]
    ) -> tuple[Callable[[Profile], object], dict[object, Part], tuple[Test, ...]]:
        """(what the tests read, their parts decided in advance by that value, the tests)."""
        read: Callable[[Profile], object] = operator.attrgetter(*reads)
        empty = Profile()
        on = dt.date(2000, 1, 1)  # an empty profile's decisions do not depend on the date
        fixed: dict[object, Part] = {read(empty): _part(tests, empty, on)}
        for value in _DOMAINS.get(ProfileField(reads[0]), ()) if len(reads) == 1 else ():
            given: dict[str, Any] = {reads[0]: value}
            fixed[value] = _part(tests, attrs.evolve(empty, **given), on)
        return read, fixed, tests

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
        return out, 0, tuple(unknown.items()), (), (), ()

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
        for read, fixed, tests in self.groups:
            part = fixed.get(read(profile))
            if part is None:
                part = _part(tests, profile, on)
            out |= part[0]
            outside |= part[1]
            parts.append(part)
        return out, outside, parts

    def select(
        self, profile: Profile, on: dt.date, include_staff: bool, include_outside: bool
    ) -> Found:
        """:meth:`decide`, and the groups kept: not ruled out, and (unless
        ``include_outside``) not outside their audience."""
        out, outside, parts = self.decide(profile, on, include_staff)
        keep = self.everyone & ~out & (-1 if include_outside else ~outside)
        return self, keep, outside, parts

    def rows(
        self, keep: int, outside: int, parts: list[Part], on: dt.date
    ) -> list[tuple[int, Selected]]:
        """Each group kept, with its status, unknowns and relevance, from what :meth:`decide`
        returned; each with its order key: :func:`~civicrun._match.sort_key` as one integer
        (liveness and place_rank from ``static``; no two groups have the same place_rank, so
        no two keys are equal)."""
        unknown: dict[ProfileField, int] = {}
        aimed: dict[ProfileField, int] = {}
        preferred: dict[ProfileField, int] = {}
        less: list[tuple[int, int]] = []
        for _out, _outside, unsure, met, liked, lost in parts:
            for field, mask in unsure:
                unknown[field] = unknown.get(field, 0) | mask
            for field, mask in met:
                aimed[field] = aimed.get(field, 0) | mask
            for field, mask in liked:
                preferred[field] = preferred.get(field, 0) | mask
            less += lost
        score = self._score(keep, aimed, preferred, less)
        # the groups kept, split by the facts left unknown that would decide them
        classes: list[tuple[int, tuple[ProfileField, ...]]] = [(keep, ())]
        for field in sorted(unknown):
            split = []
            for members, fields in classes:
                inside = members & unknown[field]
                if inside:
                    split.append((inside, (*fields, field)))
                if members ^ inside:
                    split.append((members ^ inside, fields))
            classes = split
        static = self.static
        if static[0] != on:
            static = self.static = (on, [c.dormant(on) << 56 | c.place_rank for c in self.orgs])
        orgs, fixed = self.orgs, static[1]
        found: list[tuple[int, Selected]] = []
        for members, fields in classes:
            # the key less the relevance, which is subtracted from its field per group
            rank = (1 << 31) - rank_of(0, fields)
            for order, among in ((1 if fields else 0, members & ~outside), (2, members & outside)):
                base = rank << 24 | order << 22 | (order == 2) << 57
                status = _STATUSES[order]
                found += [
                    (fixed[i] + base - (score[i] << 24), (orgs[i], status, fields, score[i]))
                    for i in _bits(among)
                ]
        return found

    def _score(
        self,
        keep: int,
        aimed: dict[ProfileField, int],
        preferred: dict[ProfileField, int],
        less: list[tuple[int, int]],
    ) -> list[int]:
        """Each group's relevance (:func:`relevance_of`), from the masks of the groups whose
        rules on each field were met and whose priorities were missed or left unsure."""
        score = [0] * len(self.orgs)
        for field, mask in aimed.items():
            weight = _WEIGHTS.get(field, FIELD_WEIGHT)
            for i in _bits(mask & keep) if weight else ():
                score[i] += weight
        for field, mask in preferred.items():
            for i in _bits(mask & keep & ~aimed.get(field, 0)):
                score[i] += PRIORITY_WEIGHT
        for points, mask in less:
            for i in _bits(mask & keep):
                score[i] -= points
        return score


#: What :meth:`Table.select` decided: (the table, the groups it kept, those outside their
#: audience, the parts of the decision).
Found = tuple[Table, int, int, list[Part]]


class Index:
    """Every organization compiled, listed in id order for all states and for each state,
    county committees by county and town committees by town."""

    __slots__ = (
        "by_id",
        "county_names",
        "everywhere",
        "in_county",
        "in_state",
        "in_town",
        "local",
        "national",
        "tables",
        "territories",
    )

    def __init__(
        self,
        organizations: Mapping[str, Organization],
        state_kinds: Mapping[str, StateKind],
        county_names: Callable[[str], str | None],
        coverage_of: Callable[[str], Coverage] | None = None,
    ) -> None:
        territories = frozenset(c for c, k in state_kinds.items() if k is StateKind.TERRITORY)
        self.territories = territories
        self.county_names = county_names
        self.tables: dict[str | None, Table] = {}  # by state (None: no state), made when asked
        self.local: dict[tuple[str | None, str | None, str | None], Table] = {}  # by place
        fetch = organizations.__getitem__
        coverage = coverage_of or (lambda key: organizations[key].coverage)
        compiled = [
            CompiledOrg(k, coverage(k), fetch, territories, county_names)
            for k in sorted(organizations)
        ]
        self.by_id = {c.id: c for c in compiled}
        for rank, c in enumerate(sorted(compiled, key=lambda c: (c.nearness, c.id))):
            c.place_rank = rank
        # County and town committees are listed by their place only, so a question that names
        # no county or town (or another one) never touches them, however many there are.
        wide = [c for c in compiled if c.placement.counties is None and not c.placement.towns]
        self.everywhere = tuple(wide)
        self.national = tuple(c for c in wide if c.placement.national)
        by_state: dict[str, list[CompiledOrg]] = {}
        for c in wide:
            for code in c.placement.territories if c.placement.national else c.placement.states:
                by_state.setdefault(code, []).append(c)
        self.in_state: Mapping[str, tuple[CompiledOrg, ...]] = {
            code: tuple(
                sorted(
                    {*(() if code in territories else self.national), *by_state.get(code, ())},
                    key=lambda c: c.id,
                )
            )
            for code in state_kinds
        }
        by_county: dict[str, list[CompiledOrg]] = {}
        by_town: dict[str, list[CompiledOrg]] = {}
        for c in compiled:
            place = c.placement
            if place.towns:
                for key in {town_key(s, t) for s in place.states for t in place.towns.values()}:
                    by_town.setdefault(key, []).append(c)
            else:
                for fips in place.counties or ():
                    by_county.setdefault(fips, []).append(c)
        self.in_county = {fips: tuple(own) for fips, own in by_county.items()}
        self.in_town = {key: tuple(own) for key, own in by_town.items()}

    def compile(self, org: Organization) -> CompiledOrg:
        """``org`` compiled: the index's own entry when ``org`` is the record it holds, else
        compiled now (an edited or extra record)."""
        found = self.by_id.get(org.id)
        if found is not None and found.org is org:
            return found
        return CompiledOrg(
            org.id, org.coverage, lambda _key: org, self.territories, self.county_names
        )

    def _wide(self, profile: Profile) -> tuple[CompiledOrg, ...]:
        state = profile.state
        return self.everywhere if state is None else self.in_state.get(state, self.national)

    def select(
        self, profile: Profile, on: dt.date, include_staff: bool, include_outside: bool
    ) -> list[Found]:
        """What is decided for ``profile``: by the :class:`Table` of the groups that work across
        its state, and by that of the county and town committees of its place, if any."""
        state = profile.state
        table = self.tables.get(state)
        if table is None:
            table = self.tables[state] = Table(self._wide(profile), profile)
        found = [table.select(profile, on, include_staff, include_outside)]
        fips = None if profile.county is None else profile.county.fips
        town = None if profile.town is None or state is None else town_key(state, profile.town)
        town = town if town in self.in_town else None
        if fips in self.in_county or town is not None:
            place = (state, fips, town)  # all that the committees' placement reads
            local = self.local.get(place)
            if local is None:
                orgs = (*self.in_county.get(fips or "", ()), *self.in_town.get(town or "", ()))
                local = self.local[place] = Table(orgs, profile)
            found.append(local.select(profile, on, include_staff, include_outside))
        return found
