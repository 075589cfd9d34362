"""Matching a profile against organizations' declarative rules.

Pure functions: a profile and an organization in, a :class:`Match` out. No code here names a
particular organization; every rule comes from the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

import attrs

from ._data import dataset
from ._profile import Profile
from ._records import (
    AnyOf,
    Audience,
    Condition,
    HowToJoin,
    MatchStatus,
    OfficeLevel,
    Organization,
    OrgStatus,
    ProfileField,
    Scope,
)

__all__ = ["Match", "eligible_orgs", "evaluate", "explain"]


class _Outcome(Enum):
    MET = "met"
    FAILED = "failed"
    UNKNOWN = "unknown"


@attrs.frozen
class _Verdict:
    outcome: _Outcome
    text: str
    unknowns: frozenset[ProfileField] = frozenset()


@attrs.frozen(kw_only=True)
class Match:
    """How one profile stands with one organization, and why.

    Attributes:
        org: the organization.
        status: ``eligible`` (every rule holds), ``possible`` (no rule fails, some depend on
            facts the profile leaves unknown) or ``ineligible`` (a rule fails; only
            :func:`explain` returns these).
        reasons: plain-language reasons, failing rules first.
        unknowns: the profile fields whose answers would decide a ``possible`` match.
        failed: the rules that fail, for an ``ineligible`` match.
        caveats: things to know that are not about the person (an uncertain status, a
            nomination-only process).
        relevance: two points for each of the organization's rules this profile meets (its
            state, office level, party, identity ...) and one for each priority it meets;
            higher means more targeted to this person.
    """

    org: Organization
    status: MatchStatus
    reasons: tuple[str, ...]
    unknowns: tuple[ProfileField, ...] = ()
    failed: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    relevance: int = 0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary: the organization's id and name plus the match fields."""
        return {
            "id": self.org.id,
            "name": self.org.name,
            "status": self.status.value,
            "reasons": list(self.reasons),
            "unknowns": [u.value for u in self.unknowns],
            "failed": list(self.failed),
            "caveats": list(self.caveats),
            "relevance": self.relevance,
            "how_to_join": self.org.how_to_join.value,
            "url": self.org.url,
        }


# --- describing conditions -------------------------------------------------------------

_LABELS = {
    "democratic": "Democratic",
    "republican": "Republican",
    "libertarian": "Libertarian",
    "green": "Green",
    "independent": "independent",
    "other": "other-party",
    "black": "Black",
    "latino": "Latino",
    "asian-american": "Asian American",
    "pacific-islander": "Pacific Islander",
    "native-american": "Native American",
    "alaska-native": "Alaska Native",
    "native-hawaiian": "Native Hawaiian",
    "middle-eastern-north-african": "Middle Eastern or North African",
    "white": "white",
    "woman": "a woman",
    "man": "a man",
    "nonbinary": "nonbinary",
}
_BOOL_PHRASES = {
    ProfileField.LGBTQ: ("LGBTQ+", "not LGBTQ+"),
    ProfileField.VETERAN: ("a military veteran", "not a veteran"),
    ProfileField.NATIONAL_SERVICE: (
        "a national-service alum (such as AmeriCorps or the Peace Corps)",
        "not a national-service alum",
    ),
    ProfileField.PARENT_OF_MINOR: ("a parent of a child under 18", "not a parent of a minor"),
}


def _join_or(words: Iterable[str]) -> str:
    items = sorted(words)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def _label(value: str) -> str:
    return _LABELS.get(value, value)


def _bounds(low: int | None, high: int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low} to {high} {unit}"
    if low is not None:
        return f"at least {low} {unit}"
    return f"at most {high} {unit}"


def describe(cond: Condition) -> str:
    """The condition in plain words, as a requirement ("a Democrat", "born in 1984 or later")."""
    field = cond.field
    if cond.one_of is not None:
        values = cond.one_of
        if field is ProfileField.PARTY:
            return "a member of the " + _join_or(_label(v) for v in values) + " party"
        if field is ProfileField.GENDER:
            return _join_or(_label(v) for v in values)
        if field is ProfileField.RACE_ETHNICITY:
            return "identifies as " + _join_or(_label(v) for v in values)
        if field is ProfileField.STANCES:
            return "holds the stance " + _join_or(values)
        if field is ProfileField.OFFICE_LEVEL:
            return "seeking " + _join_or(values) + " office"
        return f"{field.value.replace('_', ' ')} is " + _join_or(values)
    if cond.equals is not None:
        yes, no = _BOOL_PHRASES[field]
        return yes if cond.equals else no
    if field is ProfileField.AGE:
        return "aged " + _bounds(cond.at_least, cond.at_most, "years")
    if field is ProfileField.PRIOR_RUNS:
        if cond.at_most == 0 and cond.at_least is None:
            return "a first-time candidate"
        return "has run for office " + _bounds(cond.at_least, cond.at_most, "times") + " before"
    if field is ProfileField.IMMIGRANT_GENERATION:
        gens = range(cond.at_least or 1, (cond.at_most or 2) + 1)
        names = {1: "first-generation", 2: "second-generation"}
        return "a " + " or ".join(names[g] for g in gens) + " immigrant"
    parts = []
    if cond.born_on_or_after is not None:
        parts.append(_date_phrase(cond.born_on_or_after, after=True))
    if cond.born_on_or_before is not None:
        parts.append(_date_phrase(cond.born_on_or_before, after=False))
    return "born " + " and ".join(parts)


def _date_phrase(day: dt.date, *, after: bool) -> str:
    if after and (day.month, day.day) == (1, 1):
        return f"in {day.year} or later"
    if not after and (day.month, day.day) == (12, 31):
        return f"in {day.year} or earlier"
    return ("on or after " if after else "on or before ") + day.isoformat()


# --- evaluating conditions ---------------------------------------------------------------


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February that has none)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _birth_range(profile: Profile, on: dt.date) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest birth date the profile allows (age is the age on ``on``)."""
    if profile.birth_date is not None:
        return profile.birth_date, profile.birth_date
    if profile.age is not None:
        latest = years_before(on, profile.age)
        earliest = years_before(on, profile.age + 1) + dt.timedelta(days=1)
        return earliest, latest
    return None


def _three_way(all_in: bool, none_in: bool) -> _Outcome:
    if all_in:
        return _Outcome.MET
    if none_in:
        return _Outcome.FAILED
    return _Outcome.UNKNOWN


def _check(cond: Condition, profile: Profile, on: dt.date) -> _Verdict:
    want = describe(cond)
    field = cond.field
    if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
        span = _birth_range(profile, on)
        if span is None:
            return _Verdict(
                _Outcome.UNKNOWN,
                f"{want} is required; the profile gives no birth date or age",
                frozenset({ProfileField.BIRTH_DATE, ProfileField.AGE}),
            )
        earliest, latest = span
        shown = (
            f"birth date is {profile.birth_date.isoformat()}"
            if profile.birth_date is not None
            else f"age is {profile.age} on {on.isoformat()}"
        )
        if field is ProfileField.AGE:
            low, high = _age_on(latest, on), _age_on(earliest, on)
            least, most = cond.at_least, cond.at_most
            outcome = _three_way(
                (least is None or low >= least) and (most is None or high <= most),
                (least is not None and high < least) or (most is not None and low > most),
            )
        else:
            after, before = cond.born_on_or_after, cond.born_on_or_before
            outcome = _three_way(
                (after is None or earliest >= after) and (before is None or latest <= before),
                (after is not None and latest < after)
                or (before is not None and earliest > before),
            )
        return _verdict(outcome, want, shown, frozenset({ProfileField.BIRTH_DATE}))

    value = getattr(profile, field.value)
    if value is None:
        return _Verdict(
            _Outcome.UNKNOWN,
            f"{want} is required; the profile does not say ({field.value})",
            frozenset({field}),
        )
    if cond.one_of is not None:
        given = value if isinstance(value, frozenset) else frozenset({value})
        hit = bool({str(v) for v in given} & cond.one_of)
        shown = f"{field.value} is " + (", ".join(sorted(str(v) for v in given)) or "none")
        return _verdict(_Outcome.MET if hit else _Outcome.FAILED, want, shown, frozenset({field}))
    if cond.equals is not None:
        outcome = _Outcome.MET if value is cond.equals else _Outcome.FAILED
        return _verdict(outcome, want, f"{field.value} is {str(value).lower()}", frozenset({field}))
    ok = (cond.at_least is None or value >= cond.at_least) and (
        cond.at_most is None or value <= cond.at_most
    )
    return _verdict(
        _Outcome.MET if ok else _Outcome.FAILED,
        want,
        f"{field.value} is {value}",
        frozenset({field}),
    )


def _verdict(outcome: _Outcome, want: str, shown: str, fields: frozenset[ProfileField]) -> _Verdict:
    if outcome is _Outcome.MET:
        return _Verdict(outcome, f"{want} ({shown})")
    if outcome is _Outcome.FAILED:
        return _Verdict(outcome, f"{want} is required; this profile's {shown}")
    return _Verdict(
        outcome, f"{want} is required; this profile's {shown} may or may not qualify", fields
    )


def _check_requirement(req: Condition | AnyOf, profile: Profile, on: dt.date) -> _Verdict:
    if isinstance(req, Condition):
        return _check(req, profile, on)
    verdicts = [_check(c, profile, on) for c in req.any_of]
    either = " or ".join(describe(c) for c in req.any_of)
    met = [v for v in verdicts if v.outcome is _Outcome.MET]
    if met:
        return _Verdict(_Outcome.MET, met[0].text)
    unknown = [v for v in verdicts if v.outcome is _Outcome.UNKNOWN]
    if unknown:
        fields = frozenset().union(*(v.unknowns for v in unknown))
        return _Verdict(
            _Outcome.UNKNOWN, f"one of: {either} is required; the profile does not say", fields
        )
    return _Verdict(
        _Outcome.FAILED,
        f"one of: {either} is required; " + "; ".join(v.text.split("; ", 1)[-1] for v in verdicts),
    )


def _check_state(org: Organization, profile: Profile) -> _Verdict | None:
    if org.coverage.scope is Scope.NATIONAL:
        return None
    states = sorted(org.coverage.states)
    where = ", ".join(states)
    if profile.state is None:
        return _Verdict(
            _Outcome.UNKNOWN,
            f"works only in {where}; the profile does not say which state",
            frozenset({ProfileField.STATE}),
        )
    if profile.state in org.coverage.states:
        return _Verdict(_Outcome.MET, f"works in {profile.state}")
    return _Verdict(
        _Outcome.FAILED, f"works only in {where}; this profile's state is {profile.state}"
    )


def _check_level(org: Organization, profile: Profile) -> _Verdict | None:
    """The office level sought against the levels a group helps with.

    The level is a choice the person has yet to make, not a fact about them: when the profile
    leaves it out, the group stays open to them and :func:`evaluate` adds a caveat instead.
    """
    if org.office_levels >= set(OfficeLevel) or profile.office_level is None:
        return None
    levels = _join_or(org.office_levels)
    if profile.office_level in org.office_levels:
        return _Verdict(_Outcome.MET, f"helps with {profile.office_level} offices")
    return _Verdict(
        _Outcome.FAILED,
        f"helps with {levels} offices only; this profile seeks {profile.office_level} office",
    )


_JOIN_NOTES = {
    HowToJoin.APPLY: "you may apply; the group selects participants",
    HowToJoin.NOMINATED: "participation is by nomination, not open application",
    HowToJoin.ENDORSEMENT: "this is an endorsement process: you may seek its endorsement",
    HowToJoin.MEMBERSHIP: "open to members: you may join",
    HowToJoin.OPEN: "open to anyone who meets the criteria",
}


def evaluate(
    org: Organization, profile: Profile, *, on: dt.date | None = None, include_staff: bool = False
) -> Match:
    """How ``profile`` stands with ``org`` on the date ``on`` (default today)."""
    day = dt.date.today() if on is None else on
    failed: list[str] = []
    reasons: list[str] = []
    unknown_texts: list[str] = []
    unknowns: set[ProfileField] = set()
    relevance = 0
    caveats: list[str] = [_JOIN_NOTES[org.how_to_join]]

    if profile.office_level is None and not org.office_levels >= set(OfficeLevel):
        caveats.append(f"helps with {_join_or(org.office_levels)} offices only")
    if org.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT):
        failed.append(f"{org.name} is {org.status.value}: it no longer runs programs")
    elif org.status is OrgStatus.UNKNOWN:
        caveats.append(
            f"could not confirm that {org.name} is still active "
            f"(last verified {org.last_verified.isoformat()})"
        )
    if Audience.CANDIDATES not in org.audience and not include_staff:
        failed.append(f"{org.name} serves campaign staff, not candidates")

    verdicts = [
        v for v in (_check_state(org, profile), _check_level(org, profile)) if v is not None
    ]
    verdicts += [_check_requirement(r, profile, day) for r in org.requirements]
    for verdict in verdicts:
        if verdict.outcome is _Outcome.MET:
            reasons.append(verdict.text)
            relevance += 2
        elif verdict.outcome is _Outcome.FAILED:
            failed.append(verdict.text)
        else:
            unknown_texts.append(verdict.text)
            unknowns |= verdict.unknowns
    for priority in org.priorities:
        verdict = _check(priority, profile, day)
        if verdict.outcome is _Outcome.MET:
            reasons.append(f"gives priority to: {describe(priority)}")
            relevance += 1

    if failed:
        status = MatchStatus.INELIGIBLE
    elif unknown_texts:
        status = MatchStatus.POSSIBLE
    else:
        status = MatchStatus.ELIGIBLE
    if not org.requirements and status is not MatchStatus.INELIGIBLE:
        reasons.append("has no personal eligibility requirements")
    prefix = [f"{org.name}: {text}" for text in failed]
    return Match(
        org=org,
        status=status,
        reasons=(*prefix, *unknown_texts, *reasons),
        unknowns=tuple(sorted(unknowns)),
        failed=tuple(prefix),
        caveats=tuple(caveats),
        relevance=relevance,
    )


def _sort_key(match: Match) -> tuple[int, int, str]:
    return (0 if match.status is MatchStatus.ELIGIBLE else 1, -match.relevance, match.org.id)


def eligible_orgs(
    profile: Profile, *, on: dt.date | None = None, include_staff: bool = False
) -> tuple[Match, ...]:
    """The organizations ``profile`` qualifies for (``eligible``) or may qualify for (``possible``).

    Organizations whose rules the profile fails are left out, as are inactive or defunct ones
    and (unless ``include_staff``) programs only for campaign staff. Order:

    1. ``eligible`` before ``possible``;
    2. then by relevance, highest first: two points for each of the organization's rules this
       profile meets (its state, office level, party, identity ...) and one for each of its
       stated priorities, so groups aimed at this person come before groups open to everyone;
    3. then by organization id.

    Args:
        profile: what is known about the person; unknown fields make matches ``possible``.
        on: the date age and birth-date rules are measured on (default: today).
        include_staff: also return groups that serve campaign staff rather than candidates.
    """
    state = profile.state
    matches = (
        evaluate(org, profile, on=on, include_staff=include_staff)
        for org in dataset().organizations.values()
        # A group that works only in other states can never match: skip it early.
        if state is None or org.coverage.scope is Scope.NATIONAL or state in org.coverage.states
    )
    kept = [m for m in matches if m.status is not MatchStatus.INELIGIBLE]
    return tuple(sorted(kept, key=_sort_key))


def explain(
    profile: Profile,
    org_id: str,
    *,
    on: dt.date | None = None,
    include_staff: bool = False,
) -> Match:
    """How ``profile`` stands with one organization, including ``ineligible`` with the failing rule.

    ``org_id`` may be an id, a name, a former name or an alias.

    Raises:
        UnknownOrganizationError: no organization matches ``org_id``.
    """
    from ._orgs import get_organization  # noqa: PLC0415

    return evaluate(get_organization(org_id), profile, on=on, include_staff=include_staff)
