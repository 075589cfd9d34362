"""The plain evaluator: what eligible_orgs must return, worked out the slow, obvious way.

It shares no decision code with civicrun._rules: every organization is read from its record
(no index, no compiled tests), each condition is tested by its plain meaning, and an age
rule for a profile that gives only an age is checked against every birth date that age allows,
one day at a time. Tests compare it with eligible_orgs on real and generated profiles.
"""

from __future__ import annotations

import datetime as dt
import functools

from civicrun import Profile, organizations, states
from civicrun.records import AnyOf, Condition, Organization
from civicrun.vocab import (
    MatchStatus,
    OfficeLevel,
    OrgStatus,
    ProfileField,
    Role,
    RuleKind,
    Scope,
    Stance,
    StateKind,
)

MET, FAILED, UNKNOWN = "met", "failed", "unknown"
_OPEN = {ProfileField.STANCES, ProfileField.COMMUNITIES, ProfileField.PROFESSIONS}


@functools.cache  # the same days for every rule and group a profile is checked against
def _births(profile: Profile, on: dt.date) -> tuple[dt.date, ...]:
    if profile.birth_date is not None:
        return (profile.birth_date,)
    assert profile.age is not None
    days = []
    day = on
    while day.year > on.year - profile.age - 2:
        age = on.year - day.year - ((on.month, on.day) < (day.month, day.day))
        if age == profile.age:
            days.append(day)
        day -= dt.timedelta(days=1)
    return tuple(days)


def condition(cond: Condition, profile: Profile, on: dt.date) -> tuple[str, set[ProfileField]]:
    field = cond.field
    if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
        if profile.age is None and profile.birth_date is None:
            return UNKNOWN, {ProfileField.AGE, ProfileField.BIRTH_DATE}
        results = set()
        for born in _births(profile, on):
            if field is ProfileField.AGE:
                age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
                ok = (cond.at_least is None or age >= cond.at_least) and (
                    cond.at_most is None or age <= cond.at_most
                )
            else:
                ok = (cond.born_on_or_after is None or born >= cond.born_on_or_after) and (
                    cond.born_on_or_before is None or born <= cond.born_on_or_before
                )
            results.add(ok)
        if results == {True}:
            return MET, set()
        if results == {False}:
            return FAILED, set()
        return UNKNOWN, {ProfileField.BIRTH_DATE}
    value = getattr(profile, field.value)
    if value is None:
        return UNKNOWN, {field}
    if cond.one_of is not None:
        have = {str(v) for v in value} if isinstance(value, frozenset) else {str(value)}
        if have & set(cond.one_of):
            return MET, set()
        if field not in _OPEN:
            return FAILED, set()
        if field is ProfileField.STANCES and all(
            Stance(v).opposite.value in have for v in cond.one_of
        ):
            return FAILED, set()
        return UNKNOWN, {field}
    if cond.equals is not None:
        return (MET if value == cond.equals else FAILED), set()
    ok = (cond.at_least is None or value >= cond.at_least) and (
        cond.at_most is None or value <= cond.at_most
    )
    return (MET if ok else FAILED), set()


def rule(
    r: Condition | AnyOf, profile: Profile, on: dt.date
) -> tuple[str, set[ProfileField], set[ProfileField]]:
    """(outcome, unknown fields, the fields met)."""
    if isinstance(r, Condition):
        outcome, unknown = condition(r, profile, on)
        aim = ProfileField.AGE if r.field is ProfileField.BIRTH_DATE else r.field
        return outcome, unknown, ({aim} if outcome == MET else set())
    results = [rule(c, profile, on) for c in r.any_of]
    for result in results:
        if result[0] == MET:
            return result
    unknown = set().union(*(u for o, u, _m in results if o == UNKNOWN))
    return (UNKNOWN, unknown, set()) if unknown else (FAILED, set(), set())


@functools.cache
def _territories() -> frozenset[str]:
    return frozenset(s.code for s in states() if s.kind is StateKind.TERRITORY)


def place(org: Organization, profile: Profile) -> tuple[str, set[ProfileField]] | None:
    cov, state, county, town = org.coverage, profile.state, profile.county, profile.town
    territories = _territories()
    if cov.scope is Scope.NATIONAL:
        if state in territories:
            return (MET if state in cov.territories else FAILED), set()
        return None
    if state is not None and state not in cov.states:
        return FAILED, set()
    if cov.scope is Scope.STATES:
        return (UNKNOWN, {ProfileField.STATE}) if state is None else (MET, set())
    if county is not None and county.fips not in cov.counties:
        return FAILED, set()
    if not cov.towns:
        return (MET, set()) if county is not None else (UNKNOWN, {ProfileField.COUNTY})
    folded = {" ".join(t.casefold().split()) for t in cov.towns}
    if town is None:
        return UNKNOWN, {ProfileField.TOWN}
    if not _town_in(town, folded):
        return FAILED, set()
    return (UNKNOWN, {ProfileField.STATE}) if state is None else (MET, set())


def _town_in(town: str, folded: set[str]) -> bool:
    import unicodedata

    def plain(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = "".join(c if c.isalnum() else " " for c in text.casefold())
        return " ".join(text.split())

    return plain(town) in {plain(t) for t in folded}


def status(
    org: Organization, profile: Profile, on: dt.date, include_staff: bool
) -> tuple[MatchStatus, tuple[ProfileField, ...], int]:
    hard = org.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT)
    hard |= Role.CANDIDATES not in org.roles and not include_staff
    unknown: set[ProfileField] = set()
    where = place(org, profile)
    if where is not None:
        hard |= where[0] == FAILED
        unknown |= where[1]
    level = profile.office_level
    if level is not None and not org.office_levels >= set(OfficeLevel):
        hard |= level not in org.office_levels
    outside = False
    aimed: set[ProfileField] = set()
    for kind, rules in ((RuleKind.REQUIREMENT, org.requirements), (RuleKind.AUDIENCE, org.serves)):
        for r in rules:
            outcome, unknown_fields, met = rule(r, profile, on)
            aimed |= met
            unknown |= unknown_fields
            if outcome == FAILED:
                if kind is RuleKind.REQUIREMENT:
                    hard = True
                else:
                    outside = True
    preferred: set[ProfileField] = set()
    missed = unsure = 0
    for p in org.priorities:
        outcome, _unknown, met = rule(p, profile, on)
        preferred |= met
        missed += outcome == FAILED
        unsure += outcome == UNKNOWN
    weights = {ProfileField.PARTY: 6, ProfileField.IDEOLOGY: 6}
    places = {ProfileField.STATE, ProfileField.COUNTY, ProfileField.TOWN, ProfileField.OFFICE_LEVEL}
    relevance = sum(weights.get(f, 10) for f in aimed - places)
    relevance += 3 * len(preferred - aimed) - 3 * missed - unsure
    if hard:
        return MatchStatus.INELIGIBLE, (), relevance
    if outside:
        return MatchStatus.OUTSIDE_AUDIENCE, tuple(sorted(unknown)), relevance
    if unknown:
        return MatchStatus.POSSIBLE, tuple(sorted(unknown)), relevance
    return MatchStatus.ELIGIBLE, (), relevance


def offered(org: Organization, profile: Profile) -> bool:
    """A county's committee is offered only to a profile naming the county; a town's only to
    one naming its state and a town."""
    if org.coverage.towns:
        return profile.town is not None and profile.state is not None
    return org.coverage.scope is not Scope.COUNTIES or profile.county is not None


def plain_matches(
    profile: Profile,
    *,
    on: dt.date,
    include_staff: bool = False,
    include_outside_audience: bool = False,
) -> list[tuple[str, MatchStatus, tuple[ProfileField, ...], int]]:
    """(id, status, unknowns, relevance) for every organization eligible_orgs must return,
    in no particular order."""
    keep = {MatchStatus.ELIGIBLE, MatchStatus.POSSIBLE}
    if include_outside_audience:
        keep.add(MatchStatus.OUTSIDE_AUDIENCE)
    found = []
    for org in organizations():
        if not offered(org, profile):
            continue
        st, unknowns, relevance = status(org, profile, on, include_staff)
        if st in keep:
            found.append((org.id, st, unknowns, relevance))
    return found
