"""The matching index, and :func:`eligible_orgs`, which answers from it.

Each organization's rules are compiled once per loaded dataset into small tests, and the
organizations are listed per state (the national ones plus the state's own), so a question
touches only the groups that can apply where the person lives. A test answers met, failed or
unknown, with the fields that would decide it, from one attribute of the profile: an
enumerated value is looked up in a precomputed set, a yes/no or a number compared. A failed
requirement ends an organization's check at once. Match records are built only for what is
returned, and their reasons are written only when read (:class:`~civicrun.Match`).

The reference evaluator (:func:`civicrun._match.explain_fully`) stays the definition of a
right answer: ``tests/test_match.py`` compares the two over random profiles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from ._args import need_bool, need_date
from ._bundle import decoder, rule_decoder
from ._data import BUNDLE, Dataset, Derived, LazyRecords, dataset
from ._match import Match, age_outcome, relevance_of, sort_key
from ._profile import Profile
from ._text import town_key
from .errors import ArgumentTypeError, DataError
from .records import AnyOf, Condition, Coverage, Organization
from .vocab import (
    OPEN_FIELDS,
    MatchStatus,
    OfficeLevel,
    OrgStatus,
    ProfileField,
    Role,
    Scope,
    Stance,
    StateKind,
)
from .vocab import (
    Outcome as RuleOutcome,
)

__all__ = ["Index", "answer", "eligible_orgs"]

MET, FAILED, UNKNOWN = 0, 1, 2
_NONE: frozenset[ProfileField] = frozenset()
#: A compiled test: (outcome, the fields that would decide an unknown outcome, the field met).
Outcome = tuple[int, frozenset[ProfileField], ProfileField | None]
Test = Callable[[Profile, dt.date], Outcome]


def _aim(field: ProfileField) -> ProfileField:
    return ProfileField.AGE if field is ProfileField.BIRTH_DATE else field


def _compile_condition(cond: Condition) -> Test:
    field = cond.field
    attr = field.value
    aim = _aim(field)
    unknown: Outcome = (UNKNOWN, frozenset({field}), None)
    met: Outcome = (MET, _NONE, aim)
    failed: Outcome = (FAILED, _NONE, None)
    if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
        both = frozenset({ProfileField.BIRTH_DATE, ProfileField.AGE})
        birth = frozenset({ProfileField.BIRTH_DATE})

        def age(profile: Profile, on: dt.date) -> Outcome:
            outcome = age_outcome(cond, profile, on)
            if outcome is RuleOutcome.MET:
                return met
            if outcome is RuleOutcome.FAILED:
                return failed
            no_birth = profile.age is None and profile.birth_date is None
            return (UNKNOWN, both if no_birth else birth, None)

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

            def open_set(profile: Profile, _on: dt.date) -> Outcome:
                given = getattr(profile, attr)
                if given is None:
                    return unknown
                if not given.isdisjoint(wanted):
                    return met
                if opposites is not None and opposites <= given:
                    return failed
                return (UNKNOWN, frozenset({field}), None)

            return open_set

        def one_of(profile: Profile, _on: dt.date) -> Outcome:
            value = getattr(profile, attr)
            if value is None:
                return unknown
            if isinstance(value, frozenset):
                return failed if value.isdisjoint(wanted) else met
            return met if value in wanted else failed

        return one_of
    if cond.equals is not None:
        expected = cond.equals

        def equals(profile: Profile, _on: dt.date) -> Outcome:
            value = getattr(profile, attr)
            if value is None:
                return unknown
            return met if value is expected else failed

        return equals
    low, high = cond.at_least, cond.at_most

    def bounds(profile: Profile, _on: dt.date) -> Outcome:
        value = getattr(profile, attr)
        if value is None:
            return unknown
        ok = (low is None or value >= low) and (high is None or value <= high)
        return met if ok else failed

    return bounds


def _compile(rule: Condition | AnyOf) -> Test:
    if isinstance(rule, Condition):
        return _compile_condition(rule)
    members = [_compile_condition(c) for c in rule.any_of]

    def any_of(profile: Profile, on: dt.date) -> Outcome:
        results = [test(profile, on) for test in members]
        for result in results:
            if result[0] == MET:
                return result
        unknowns = [r[1] for r in results if r[0] == UNKNOWN]
        if unknowns:
            return (UNKNOWN, frozenset().union(*unknowns), None)
        return (FAILED, _NONE, None)

    return any_of


@attrs.frozen
class _Rules:
    """What matching needs of one organization (read without decoding the whole record)."""

    status: OrgStatus
    roles: frozenset[Role]
    coverage: Coverage
    office_levels: frozenset[OfficeLevel]
    requirements: tuple[Condition | AnyOf, ...]
    serves: tuple[Condition | AnyOf, ...]
    priorities: tuple[Condition, ...]


def _rules_of(organizations: Mapping[str, Organization], key: str) -> _Rules:
    if isinstance(organizations, LazyRecords):
        raw = organizations.raw(key)
        rule = rule_decoder()
        condition = decoder(Condition)
        try:
            return _Rules(
                status=OrgStatus(raw["status"]),
                roles=frozenset(Role(r) for r in raw["roles"]),
                coverage=decoder(Coverage)(raw["coverage"]),
                office_levels=frozenset(OfficeLevel(x) for x in raw["office_levels"]),
                requirements=tuple(rule(r) for r in raw.get("requirements", ())),
                serves=tuple(rule(r) for r in raw.get("serves", ())),
                priorities=tuple(condition(c) for c in raw.get("priorities", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a damaged bundle
            raise DataError(
                BUNDLE, [f"{key} does not decode ({exc!r}); rebuild: scripts/build_bundle.py"]
            ) from None
    org = organizations[key]
    return _Rules(
        status=org.status,
        roles=org.roles,
        coverage=org.coverage,
        office_levels=org.office_levels,
        requirements=org.requirements,
        serves=org.serves,
        priorities=org.priorities,
    )


class _Compiled:
    """One organization's rules, ready to check."""

    __slots__ = (
        "all_levels",
        "closed",
        "counties",
        "id",
        "levels",
        "national",
        "priorities",
        "requirements",
        "serves",
        "staff_only",
        "states",
        "towns",
    )

    def __init__(self, key: str, rules: _Rules) -> None:
        self.id = key
        self.closed = rules.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT)
        self.staff_only = Role.CANDIDATES not in rules.roles
        coverage = rules.coverage
        self.national = coverage.scope is Scope.NATIONAL
        # A national group works in the 50 states and DC, and in a territory only where its
        # record lists it.
        self.states = coverage.territories if self.national else coverage.states
        self.counties = coverage.counties if coverage.scope is Scope.COUNTIES else None
        self.towns = (
            frozenset(town_key(s, t) for s in coverage.states for t in coverage.towns) or None
        )
        self.levels = rules.office_levels
        self.all_levels = rules.office_levels >= set(OfficeLevel)
        self.requirements = tuple(_compile(r) for r in rules.requirements)
        self.serves = tuple(_compile(r) for r in rules.serves)
        self.priorities = tuple(_compile_condition(c) for c in rules.priorities)

    def classify(
        self, profile: Profile, on: dt.date, include_staff: bool
    ) -> tuple[MatchStatus, tuple[ProfileField, ...], int] | None:
        """(status, unknowns, relevance), or None for ``ineligible`` (the checks stop at the
        first failed requirement)."""
        if self.closed or (self.staff_only and not include_staff):
            return None
        unknowns: set[ProfileField] = set()
        if self.towns is not None:
            # A town's own committee is offered only to a profile that names the town (and,
            # if it names a county, the county the town lies in).
            county, within = profile.county, self.counties or frozenset()
            if (
                profile.town is None
                or profile.state is None
                or town_key(profile.state, profile.town) not in self.towns
                or (county is not None and county.fips not in within)
            ):
                return None
        elif self.counties is not None:
            # A county's own committee is offered only to a profile that names the county.
            if profile.county is None or profile.county.fips not in self.counties:
                return None
        elif not self.national:
            if profile.state is None:
                unknowns.add(ProfileField.STATE)
            elif profile.state not in self.states:
                return None
        level = profile.office_level
        if level is not None and not self.all_levels and level not in self.levels:
            return None
        aimed: set[ProfileField] = set()
        for test in self.requirements:
            outcome, fields, field = test(profile, on)
            if outcome == MET:
                aimed.add(field)  # type: ignore[arg-type]  # a met test names its field
            elif outcome == FAILED:
                return None
            else:
                unknowns |= fields
        outside = False
        for test in self.serves:
            outcome, fields, field = test(profile, on)
            if outcome == MET:
                aimed.add(field)  # type: ignore[arg-type]
            elif outcome == FAILED:
                outside = True
            else:
                unknowns |= fields
        preferred: set[ProfileField] = set()
        for test in self.priorities:
            outcome, _fields, field = test(profile, on)
            if outcome == MET:
                preferred.add(field)  # type: ignore[arg-type]
        if outside:
            status = MatchStatus.OUTSIDE_AUDIENCE
        elif unknowns:
            status = MatchStatus.POSSIBLE
        else:
            status = MatchStatus.ELIGIBLE
        return (
            status,
            tuple(sorted(unknowns)),
            relevance_of(aimed, preferred),
        )


class Index:
    """Every organization compiled, listed in id order for all states and for each state."""

    __slots__ = ("everywhere", "in_county", "in_state", "in_town", "national", "organizations")

    def __init__(self, data: Dataset) -> None:
        orgs = data.organizations
        self.organizations = orgs
        compiled = [_Compiled(k, _rules_of(orgs, k)) for k in sorted(orgs)]
        # County committees are listed by county only, so a question that names no county
        # (or another county) never touches them, however many there are.
        wide = [c for c in compiled if c.counties is None]
        self.everywhere = tuple(wide)
        self.national = tuple(c for c in wide if c.national)
        by_state: dict[str, list[_Compiled]] = {}
        for c in wide:
            for code in c.states:
                by_state.setdefault(code, []).append(c)
        territories = {c for c, st in data.states.items() if st.kind is StateKind.TERRITORY}
        self.in_state: Mapping[str, tuple[_Compiled, ...]] = {
            code: tuple(
                sorted(
                    {*(() if code in territories else self.national), *by_state.get(code, ())},
                    key=lambda c: c.id,
                )
            )
            for code in data.states
        }
        by_county: dict[str, list[_Compiled]] = {}
        by_town: dict[str, list[_Compiled]] = {}
        for c in compiled:
            if c.towns is not None:
                for key in c.towns:
                    by_town.setdefault(key, []).append(c)
                continue
            for fips in c.counties or ():
                by_county.setdefault(fips, []).append(c)
        self.in_county: Mapping[str, tuple[_Compiled, ...]] = {
            fips: tuple(own) for fips, own in by_county.items()
        }
        # Town and city committees, by their town_key.
        self.in_town: Mapping[str, tuple[_Compiled, ...]] = {
            key: tuple(own) for key, own in by_town.items()
        }


_index = Derived(dataset, Index)


def eligible_orgs(
    profile: Profile,
    *,
    on: dt.date | None = None,
    include_staff: bool = False,
    include_outside_audience: bool = False,
) -> tuple[Match, ...]:
    """The organizations ``profile`` qualifies for (``eligible``) or may qualify for (``possible``).

    Left out: groups whose published requirements the profile fails, inactive or defunct ones,
    local committees of counties other than the profile's own (or of any county, when the
    profile names none), town and city committees of towns other than the profile's own
    ``town`` (or of any town, when the profile names none),
    (unless ``include_staff``) programs only for campaign staff, and (unless
    ``include_outside_audience``) groups whose stated audience the profile is known to be
    outside. Order:

    1. ``eligible``, then ``possible``, then ``outside-audience``;
    2. then by relevance, highest first: groups whose requirements and audience are aimed at
       this person's party, gender, identity and stances come before groups open to everyone
       (see :class:`~civicrun.Match`);
    3. then by organization id.

    Args:
        profile: what is known about the person; unknown fields make matches ``possible``.
        on: the date age and birth-date rules are measured on (default: today).
        include_staff: also return groups that serve campaign staff rather than candidates.
        include_outside_audience: also return groups whose audience the profile is outside
            (status ``outside-audience``), for people who want to reach out anyway.
    """
    return answer(_index.get(), profile, on, include_staff, include_outside_audience)


def answer(
    index: Index,
    profile: Profile,
    on: dt.date | None,
    include_staff: bool,
    include_outside_audience: bool,
) -> tuple[Match, ...]:
    """:func:`eligible_orgs` over the organizations of ``index`` (the shipped ones, or a
    dataset with extra records)."""
    if not isinstance(profile, Profile):
        raise ArgumentTypeError("eligible_orgs", "profile", "a civicrun.Profile", profile)
    when = need_date(on, "eligible_orgs", "on")
    need_bool(include_staff, "eligible_orgs", "include_staff")
    need_bool(include_outside_audience, "eligible_orgs", "include_outside_audience")
    day = dt.date.today() if when is None else when
    state = profile.state
    candidates = index.everywhere if state is None else index.in_state.get(state, index.national)
    if profile.county is not None:
        candidates = (*candidates, *index.in_county.get(profile.county.fips, ()))
    if profile.town is not None and state is not None:
        candidates = (*candidates, *index.in_town.get(town_key(state, profile.town), ()))
    found: list[Match] = []
    organizations = index.organizations
    for compiled in candidates:
        answer = compiled.classify(profile, day, include_staff)
        if answer is None:
            continue
        status, unknowns, relevance = answer
        if status is MatchStatus.OUTSIDE_AUDIENCE and not include_outside_audience:
            continue
        found.append(
            Match(
                org=organizations[compiled.id],
                status=status,
                unknowns=unknowns,
                relevance=relevance,
                profile=profile,
                on=day,
                include_staff=include_staff,
            )
        )
    found.sort(key=sort_key)
    return tuple(found)
