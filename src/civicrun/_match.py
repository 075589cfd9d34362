"""Matching a profile against organizations' declarative rules.

Pure functions: a profile and an organization in, a :class:`Match` out. No code here names a
particular organization; every rule comes from the data, and every group's rules are read by the
same code.

A record has three kinds of rule (:class:`RuleKind`): ``requirements`` (published rules: failing
one makes a match ``ineligible``), ``serves`` (the audience a group says it exists for: a profile
known to be outside it is ``outside-audience``) and ``priorities`` (preferences among the people
a group serves: they only rank). Sets of stances and communities are read open-world: a value
the profile does not list is unknown, and a stance rule fails only on its opposite.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping

import attrs

from ._args import need_bool, need_date, need_text
from ._data import county_table, dataset, state_table
from ._orgs import lookup_organization
from ._profile import Profile
from ._text import fold
from .errors import ArgumentTypeError
from .records import AnyOf, Condition, Organization
from .vocab import (
    BOOL_GROUP_LABELS,
    BOOL_LABELS,
    COMMUNITY_LABELS,
    GENDER_GROUP_LABELS,
    GENDER_LABELS,
    HOW_TO_JOIN_NOTES,
    OPEN_FIELDS,
    PARTY_LABELS,
    PROFESSION_LABELS,
    RACE_ETHNICITY_LABELS,
    Gender,
    MatchStatus,
    OfficeLevel,
    OrgStatus,
    Outcome,
    ProfileField,
    Role,
    RuleKind,
    Scope,
    Stance,
    StateKind,
)

__all__ = [
    "Match",
    "Reason",
    "describe",
    "evaluate",
    "explain",
    "explain_fully",
    "reference_matches",
    "sort_key",
]


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
        return {
            "kind": self.kind.value,
            "field": None if self.field is None else self.field.value,
            "outcome": self.outcome.value,
            "text": self.text,
        }


@attrs.frozen(kw_only=True)
class Match:
    """How one profile stands with one organization, and why.

    The reasons are worked out when first asked for (a page of results rarely reads them all).

    Attributes:
        org: the organization.
        status: ``eligible`` (every requirement and audience rule holds), ``possible`` (nothing
            fails; some rules turn on facts the profile leaves unknown), ``outside-audience``
            (no requirement fails, but the profile is outside the audience the group says it
            serves) or ``ineligible`` (a requirement fails, or the group no longer runs
            programs). :func:`eligible_orgs` returns the first two unless asked for more.
        unknowns: the profile fields whose answers would decide a ``possible`` match.
        relevance: how squarely the group is aimed at this person: ten points for each profile
            field (party, gender, identity, stances ...) that a requirement or audience rule
            tests and this profile meets, plus one for each other field a priority tests and it
            meets (at most nine), so a group aimed at the person always outranks one that is
            open to everyone. Age and birth date count as one field; coverage and office level
            filter, they never score.
        profile: the profile matched.
        on: the date age and birth-date rules were measured on.
        include_staff: whether programs for campaign staff were counted as open.
    """

    org: Organization
    status: MatchStatus
    unknowns: tuple[ProfileField, ...] = ()
    relevance: int = 0
    profile: Profile = attrs.field(repr=False)
    on: dt.date = attrs.field(repr=False)
    include_staff: bool = attrs.field(default=False, repr=False)

    @functools.cached_property
    def _explained(self) -> _Explained:
        return explain_fully(self.org, self.profile, self.on, self.include_staff)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every rule's outcome as a :class:`Reason`: failed first, then unknown, then met."""
        return self._explained.reasons

    @property
    def failed(self) -> tuple[Reason, ...]:
        """The reasons that failed: requirements (and status, role, coverage or office level)
        for an ``ineligible`` match, the missed audience for an ``outside-audience`` one."""
        return self._explained.failed

    @property
    def caveats(self) -> tuple[Reason, ...]:
        """Things to know that are not about the person (an uncertain status, a nomination-only
        process), as reasons with outcome ``note``."""
        return self._explained.caveats

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary: the organization's id and name plus the match fields."""
        return {
            "id": self.org.id,
            "name": self.org.name,
            "status": self.status.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "unknowns": [u.value for u in self.unknowns],
            "failed": [r.to_dict() for r in self.failed],
            "caveats": [r.to_dict() for r in self.caveats],
            "relevance": self.relevance,
            "how_to_join": self.org.how_to_join.value,
            "url": self.org.url,
        }


@attrs.frozen
class _Explained:
    """The reference evaluator's whole answer for one organization and one profile."""

    status: MatchStatus
    reasons: tuple[Reason, ...]
    unknowns: tuple[ProfileField, ...]
    failed: tuple[Reason, ...]
    caveats: tuple[Reason, ...]
    relevance: int


# --- describing conditions -------------------------------------------------------------


def _join_or(words: Iterable[str]) -> str:
    items = sorted(words)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def _label(field: ProfileField, value: str) -> str:
    """A rule's value as a word: from the vocabulary's one label table, else the value."""
    labels: Mapping[str, str] = _VALUE_LABELS.get(field, {})
    return labels.get(value, value)


#: The label table for each field whose values read differently in a sentence.
_VALUE_LABELS: Mapping[ProfileField, Mapping[str, str]] = {
    ProfileField.PARTY: {k.value: v for k, v in PARTY_LABELS.items()},
    ProfileField.GENDER: {k.value: v for k, v in GENDER_LABELS.items()},
    ProfileField.RACE_ETHNICITY: {k.value: v for k, v in RACE_ETHNICITY_LABELS.items()},
    ProfileField.COMMUNITIES: {k.value: v for k, v in COMMUNITY_LABELS.items()},
    ProfileField.PROFESSIONS: {k.value: v for k, v in PROFESSION_LABELS.items()},
}


def _bounds(low: int | None, high: int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low} to {high} {unit}"
    if low is not None:
        return f"at least {low} {unit}"
    return f"at most {high} {unit}"


def describe(cond: Condition) -> str:
    """The condition in plain words, as a rule a person meets ("a Democrat", "born in 1984 or
    later").

    >>> describe(Condition(field=ProfileField.PARTY, one_of=frozenset({"democratic"})))
    'a member of the Democratic party'
    """
    field = cond.field
    if cond.one_of is not None:
        values = cond.one_of
        if field is ProfileField.PARTY:
            return "a member of the " + _join_or(_label(field, v) for v in values) + " party"
        if field is ProfileField.GENDER:
            return _join_or(_label(field, v) for v in values)
        if field is ProfileField.RACE_ETHNICITY:
            return "identifies as " + _join_or(_label(field, v) for v in values)
        if field is ProfileField.STANCES:
            return _join_or(values)
        if field is ProfileField.COMMUNITIES:
            return "part of the " + _join_or(_label(field, v) for v in values) + " community"
        if field is ProfileField.PROFESSIONS:
            return "one of the " + _join_or(_label(field, v) for v in values)
        if field is ProfileField.OFFICE_LEVEL:
            return "seeking " + _join_or(values) + " office"
        return f"{field.value.replace('_', ' ')} is " + _join_or(values)
    if cond.equals is not None:
        yes, no = BOOL_LABELS[field]
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


def describe_audience(cond: Condition) -> str:
    """The condition as the people a group serves ("women", "Democratic candidates").

    >>> describe_audience(Condition(field=ProfileField.GENDER, one_of=frozenset({"woman"})))
    'women'
    """
    field = cond.field
    if cond.one_of is not None:
        values = cond.one_of
        if field is ProfileField.GENDER:
            return _join_or(GENDER_GROUP_LABELS[Gender(v)] for v in values)
        if field in (ProfileField.PARTY, ProfileField.RACE_ETHNICITY, ProfileField.COMMUNITIES):
            return _join_or(_label(field, v) for v in values) + " candidates"
        if field is ProfileField.IDEOLOGY:
            return _join_or(values) + " candidates"
        if field is ProfileField.STANCES:
            return "candidates who are " + _join_or(values)
        if field is ProfileField.PROFESSIONS:
            return _join_or(_label(field, v) for v in values)
    if cond.equals is not None:
        yes, no = BOOL_GROUP_LABELS[field]
        return yes if cond.equals else no
    if field is ProfileField.AGE:
        return "people aged " + _bounds(cond.at_least, cond.at_most, "").rstrip()
    if field is ProfileField.PRIOR_RUNS and cond.at_most == 0 and cond.at_least is None:
        return "first-time candidates"
    if field is ProfileField.IMMIGRANT_GENERATION:
        return describe(cond).removeprefix("a ") + "s"
    return "people " + describe(cond)


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


def _three_way(all_in: bool, none_in: bool) -> Outcome:
    if all_in:
        return Outcome.MET
    if none_in:
        return Outcome.FAILED
    return Outcome.UNKNOWN


@attrs.frozen
class _Test:
    """A condition tested against a profile: the outcome, what the profile shows, and the
    fields that would decide an unknown outcome."""

    outcome: Outcome
    shown: str
    fields: frozenset[ProfileField]


def age_outcome(cond: Condition, profile: Profile, on: dt.date) -> Outcome:
    """How an age or birth-date rule comes out for ``profile`` on ``on``: a profile that gives
    only an age is checked against every birth date that age allows."""
    span = _birth_range(profile, on)
    if span is None:
        return Outcome.UNKNOWN
    earliest, latest = span
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


def _test_age(cond: Condition, profile: Profile, on: dt.date) -> _Test:
    outcome = age_outcome(cond, profile, on)
    if profile.birth_date is None and profile.age is None:
        return _Test(
            outcome,
            "gives no birth date or age",
            frozenset({ProfileField.BIRTH_DATE, ProfileField.AGE}),
        )
    shown = (
        f"birth date is {profile.birth_date.isoformat()}"
        if profile.birth_date is not None
        else f"age is {profile.age} on {on.isoformat()}"
    )
    return _Test(outcome, shown, frozenset({ProfileField.BIRTH_DATE}))


def _test_set(cond: Condition, given: frozenset[str]) -> Outcome:
    wanted = cond.one_of or frozenset()
    if given & wanted:
        return Outcome.MET
    if cond.field not in OPEN_FIELDS:
        return Outcome.FAILED
    # Open-world: only a held opposite of every wanted value rules the person out.
    if cond.field is ProfileField.STANCES and all(
        Stance(v).opposite.value in given for v in wanted
    ):
        return Outcome.FAILED
    return Outcome.UNKNOWN


def _test(cond: Condition, profile: Profile, on: dt.date) -> _Test:
    field = cond.field
    if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
        return _test_age(cond, profile, on)
    value = getattr(profile, field.value)
    if value is None:
        return _Test(Outcome.UNKNOWN, f"does not say ({field.value})", frozenset({field}))
    if cond.one_of is not None:
        given = frozenset(str(v) for v in value) if isinstance(value, frozenset) else {str(value)}
        outcome = _test_set(cond, frozenset(given))
        listed = ", ".join(sorted(given))
        shown = f"{field.value} are {listed}" if field in OPEN_FIELDS else f"{field.value} is "
        if field not in OPEN_FIELDS:
            shown += listed
        if outcome is Outcome.UNKNOWN:
            shown = f"does not list it ({field.value}: {listed})"
        return _Test(outcome, shown, frozenset({field}))
    if cond.equals is not None:
        outcome = Outcome.MET if value is cond.equals else Outcome.FAILED
        return _Test(outcome, f"{field.value} is {str(value).lower()}", frozenset({field}))
    ok = (cond.at_least is None or value >= cond.at_least) and (
        cond.at_most is None or value <= cond.at_most
    )
    return _Test(
        Outcome.MET if ok else Outcome.FAILED, f"{field.value} is {value}", frozenset({field})
    )


def _text(kind: RuleKind, want: str, test: _Test) -> str:
    """The sentence for one tested rule, worded as a rule or as the group's focus."""
    if kind is RuleKind.REQUIREMENT:
        if test.outcome is Outcome.MET:
            return f"{want} ({test.shown})"
        if test.outcome is Outcome.FAILED:
            return f"{want} is required; this profile's {test.shown}"
        return f"{want} is required; the profile {test.shown}"
    if kind is RuleKind.PRIORITY:
        return f"gives priority to {want} ({test.shown})"
    if test.outcome is Outcome.MET:
        return f"serves {want} ({test.shown})"
    if test.outcome is Outcome.FAILED:
        return f"serves {want}; this profile's {test.shown}"
    return f"serves {want}; the profile {test.shown}"


@attrs.frozen
class _Verdict:
    reason: Reason
    unknowns: frozenset[ProfileField] = frozenset()
    met_fields: frozenset[ProfileField] = frozenset()


def _aim(field: ProfileField) -> ProfileField:
    """The profile fact a rule on ``field`` is about (age and birth date are one)."""
    return ProfileField.AGE if field is ProfileField.BIRTH_DATE else field


def _check(kind: RuleKind, cond: Condition, profile: Profile, on: dt.date) -> _Verdict:
    test = _test(cond, profile, on)
    want = describe_audience(cond) if kind is not RuleKind.REQUIREMENT else describe(cond)
    reason = Reason(kind=kind, outcome=test.outcome, text=_text(kind, want, test), field=cond.field)
    return _Verdict(
        reason,
        test.fields if test.outcome is Outcome.UNKNOWN else frozenset(),
        frozenset({_aim(cond.field)}) if test.outcome is Outcome.MET else frozenset(),
    )


def _check_rule(kind: RuleKind, rule: Condition | AnyOf, profile: Profile, on: dt.date) -> _Verdict:
    if isinstance(rule, Condition):
        return _check(kind, rule, profile, on)
    verdicts = [_check(kind, c, profile, on) for c in rule.any_of]
    phrase = describe if kind is RuleKind.REQUIREMENT else describe_audience
    either = " or ".join(phrase(c) for c in rule.any_of)
    met = [v for v in verdicts if v.reason.outcome is Outcome.MET]
    if met:
        return met[0]
    unknown = [v for v in verdicts if v.reason.outcome is Outcome.UNKNOWN]
    if unknown:
        fields = frozenset().union(*(v.unknowns for v in unknown))
        text = (
            f"one of: {either} is required; the profile does not say"
            if kind is RuleKind.REQUIREMENT
            else f"serves {either}; the profile does not say"
        )
        return _Verdict(Reason(kind=kind, outcome=Outcome.UNKNOWN, text=text), fields)
    why = "; ".join(v.reason.text.split("; ", 1)[-1] for v in verdicts)
    text = (
        f"one of: {either} is required; {why}"
        if kind is RuleKind.REQUIREMENT
        else f"serves {either}; {why}"
    )
    return _Verdict(Reason(kind=kind, outcome=Outcome.FAILED, text=text))


def _check_town(org: Organization, profile: Profile, county_names: str) -> _Verdict:
    """A town or city committee: the profile's town, state and (if named) county."""
    towns = sorted(org.coverage.towns)
    where = f"{', '.join(towns)} ({county_names})"
    kind = RuleKind.COVERAGE
    if profile.state is not None and profile.state not in org.coverage.states:
        text = f"works only in {where}; this profile's state is {profile.state}"
        return _Verdict(
            Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=ProfileField.STATE)
        )
    county = profile.county
    if county is not None and county.fips not in org.coverage.counties:
        text = f"works only in {where}; this profile's county is {county}"
        return _Verdict(
            Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=ProfileField.COUNTY)
        )
    field = ProfileField.TOWN
    if profile.town is None:
        text = f"works only in {where}; the profile does not say which town"
        return _Verdict(
            Reason(kind=kind, outcome=Outcome.UNKNOWN, text=text, field=field), frozenset({field})
        )
    named = {fold(t): t for t in towns}
    if fold(profile.town) not in named:
        text = f"works only in {where}; this profile's town is {profile.town}"
        return _Verdict(Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=field))
    if profile.state is None:
        field = ProfileField.STATE
        text = f"works only in {where}; the profile does not say which state"
        return _Verdict(
            Reason(kind=kind, outcome=Outcome.UNKNOWN, text=text, field=field), frozenset({field})
        )
    text = f"works in {named[fold(profile.town)]}, {profile.state}"
    return _Verdict(Reason(kind=kind, outcome=Outcome.MET, text=text, field=field))


def _check_county(org: Organization, profile: Profile) -> _Verdict:
    table = county_table()
    names = [str(table.county(f)) for f in sorted(org.coverage.counties) if f in table]
    where = "; ".join(names) or ", ".join(sorted(org.coverage.counties))
    if org.coverage.towns:
        return _check_town(org, profile, where)
    kind, field = RuleKind.COVERAGE, ProfileField.COUNTY
    county = profile.county
    if county is not None:
        if county.fips in org.coverage.counties:
            text = f"works in {county}"
            return _Verdict(Reason(kind=kind, outcome=Outcome.MET, text=text, field=field))
        text = f"works only in {where}; this profile's county is {county}"
        return _Verdict(Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=field))
    if profile.state is not None and profile.state not in org.coverage.states:
        text = f"works only in {where}; this profile's state is {profile.state}"
        return _Verdict(
            Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=ProfileField.STATE)
        )
    text = f"works only in {where}; the profile does not say which county"
    return _Verdict(
        Reason(kind=kind, outcome=Outcome.UNKNOWN, text=text, field=field), frozenset({field})
    )


def _check_state(org: Organization, profile: Profile) -> _Verdict | None:
    if org.coverage.scope is Scope.NATIONAL:
        state = profile.state
        if state is None or state_table()[state].kind is not StateKind.TERRITORY:
            return None
        kind, field = RuleKind.COVERAGE, ProfileField.STATE
        if state in org.coverage.territories:
            text = f"works nationally and in {state}"
            return _Verdict(Reason(kind=kind, outcome=Outcome.MET, text=text, field=field))
        text = (
            "works in the 50 states and DC, not in the territories; "
            f"this profile's state is {state}"
        )
        return _Verdict(Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=field))
    if org.coverage.scope is Scope.COUNTIES:
        return _check_county(org, profile)
    where = ", ".join(sorted(org.coverage.states))
    kind, field = RuleKind.COVERAGE, ProfileField.STATE
    if profile.state is None:
        text = f"works only in {where}; the profile does not say which state"
        return _Verdict(
            Reason(kind=kind, outcome=Outcome.UNKNOWN, text=text, field=field), frozenset({field})
        )
    if profile.state in org.coverage.states:
        text = f"works in {profile.state}"
        return _Verdict(Reason(kind=kind, outcome=Outcome.MET, text=text, field=field))
    text = f"works only in {where}; this profile's state is {profile.state}"
    return _Verdict(Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=field))


def _check_level(org: Organization, profile: Profile) -> _Verdict | None:
    """The office level sought against the levels a group helps with.

    The level is a choice the person has yet to make, not a fact about them: when the profile
    leaves it out, the group stays open to them and :func:`evaluate` adds a caveat instead.
    """
    if org.office_levels >= set(OfficeLevel) or profile.office_level is None:
        return None
    kind, field = RuleKind.OFFICE_LEVEL, ProfileField.OFFICE_LEVEL
    if profile.office_level in org.office_levels:
        text = f"helps with {profile.office_level} offices"
        return _Verdict(Reason(kind=kind, outcome=Outcome.MET, text=text, field=field))
    text = (
        f"helps with {_join_or(org.office_levels)} offices only; "
        f"this profile seeks {profile.office_level} office"
    )
    return _Verdict(Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=field))


def _note(kind: RuleKind, text: str) -> Reason:
    return Reason(kind=kind, outcome=Outcome.NOTE, text=text)


def _fixed_checks(org: Organization, include_staff: bool) -> tuple[list[Reason], list[Reason]]:
    """What holds for every profile alike: status, role and how to join (failures, caveats)."""
    failed: list[Reason] = []
    caveats = [_note(RuleKind.HOW_TO_JOIN, HOW_TO_JOIN_NOTES[org.how_to_join])]
    if org.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT):
        failed.append(
            Reason(
                kind=RuleKind.STATUS,
                outcome=Outcome.FAILED,
                text=f"no longer runs programs (status: {org.status.value})",
            )
        )
    elif org.status is OrgStatus.UNKNOWN:
        caveats.append(
            _note(
                RuleKind.STATUS,
                f"could not confirm that {org.name} is still active "
                f"(last verified {org.last_verified.isoformat()})",
            )
        )
    if Role.CANDIDATES not in org.roles and not include_staff:
        failed.append(
            Reason(
                kind=RuleKind.ROLE,
                outcome=Outcome.FAILED,
                text="serves campaign staff, not candidates",
            )
        )
    return failed, caveats


def evaluate(
    org: Organization, profile: Profile, *, on: dt.date | None = None, include_staff: bool = False
) -> Match:
    """How ``profile`` stands with ``org`` on the date ``on`` (default today)."""
    day = dt.date.today() if on is None else on
    full = explain_fully(org, profile, day, include_staff)
    return Match(
        org=org,
        status=full.status,
        unknowns=full.unknowns,
        relevance=full.relevance,
        profile=profile,
        on=day,
        include_staff=include_staff,
    )


def explain_fully(
    org: Organization, profile: Profile, day: dt.date, include_staff: bool
) -> _Explained:
    """The reference evaluator: every rule of ``org`` checked against ``profile``, with its
    reason. The matching index (``civicrun._index``) must agree with it; a property test
    compares them."""
    failed, caveats = _fixed_checks(org, include_staff)
    if profile.office_level is None and not org.office_levels >= set(OfficeLevel):
        caveats.append(
            _note(RuleKind.OFFICE_LEVEL, f"helps with {_join_or(org.office_levels)} offices only")
        )

    verdicts = [
        v for v in (_check_state(org, profile), _check_level(org, profile)) if v is not None
    ]
    verdicts += [_check_rule(RuleKind.REQUIREMENT, r, profile, day) for r in org.requirements]
    verdicts += [_check_rule(RuleKind.AUDIENCE, r, profile, day) for r in org.serves]
    unknown: list[Reason] = []
    met: list[Reason] = []
    unknowns: set[ProfileField] = set()
    aimed: set[ProfileField] = set()
    for verdict in verdicts:
        outcome = verdict.reason.outcome
        if outcome is Outcome.MET:
            met.append(verdict.reason)
            aimed |= verdict.met_fields
        elif outcome is Outcome.FAILED:
            failed.append(verdict.reason)
        else:
            unknown.append(verdict.reason)
            unknowns |= verdict.unknowns
    preferred: set[ProfileField] = set()
    for priority in org.priorities:
        verdict = _check(RuleKind.PRIORITY, priority, profile, day)
        if verdict.reason.outcome is Outcome.MET:
            met.append(verdict.reason)
            preferred |= verdict.met_fields
    if not org.requirements and not org.serves:
        met.append(
            Reason(
                kind=RuleKind.REQUIREMENT,
                outcome=Outcome.MET,
                text="has no personal eligibility requirements and names no audience",
            )
        )

    if any(r.kind is not RuleKind.AUDIENCE for r in failed):
        status = MatchStatus.INELIGIBLE
    elif failed:
        status = MatchStatus.OUTSIDE_AUDIENCE
    elif unknown:
        status = MatchStatus.POSSIBLE
    else:
        status = MatchStatus.ELIGIBLE
    return _Explained(
        status=status,
        reasons=(*failed, *unknown, *met),
        unknowns=tuple(sorted(unknowns)),
        failed=tuple(failed),
        caveats=tuple(caveats),
        relevance=relevance_of(aimed, preferred),
    )


def relevance_of(aimed: set[ProfileField], preferred: set[ProfileField]) -> int:
    """Ten for each field a requirement or audience rule meets, one for each further field a
    priority meets (at most nine); coverage and office level never score."""
    return 10 * len(aimed - {ProfileField.STATE, ProfileField.OFFICE_LEVEL}) + min(
        len(preferred - aimed), 9
    )


_STATUS_ORDER = {
    MatchStatus.ELIGIBLE: 0,
    MatchStatus.POSSIBLE: 1,
    MatchStatus.OUTSIDE_AUDIENCE: 2,
    MatchStatus.INELIGIBLE: 3,
}


def sort_key(match: Match) -> tuple[int, int, str]:
    return (_STATUS_ORDER[match.status], -match.relevance, match.org.id)


def _offered(org: Organization, profile: Profile) -> bool:
    """Whether a local committee is offered at all: a county's own committee only to a
    profile that names the county, a town's only to one that names its state and a town."""
    if org.coverage.towns:
        return profile.town is not None and profile.state is not None
    return org.coverage.scope is not Scope.COUNTIES or profile.county is not None


def reference_matches(
    profile: Profile,
    *,
    on: dt.date | None = None,
    include_staff: bool = False,
    include_outside_audience: bool = False,
) -> tuple[Match, ...]:
    """What :func:`~civicrun.eligible_orgs` must return, worked out the plain way: every
    organization through the reference evaluator. Tests compare the two; it is not public."""
    keep = {MatchStatus.ELIGIBLE, MatchStatus.POSSIBLE}
    if include_outside_audience:
        keep.add(MatchStatus.OUTSIDE_AUDIENCE)
    matches = (
        evaluate(org, profile, on=on, include_staff=include_staff)
        for org in dataset().organizations.values()
        if _offered(org, profile)
    )
    return tuple(sorted((m for m in matches if m.status in keep), key=sort_key))


def explain(
    profile: Profile,
    organization: Organization | str,
    *,
    on: dt.date | None = None,
    include_staff: bool = False,
) -> Match:
    """How ``profile`` stands with one organization, whatever its status.

    An ``ineligible`` match names the failing requirement in ``failed``; an
    ``outside-audience`` one names the audience the profile is outside. ``organization`` is
    an :class:`~civicrun.Organization`, or its id, name, former name or alias.

    Raises:
        UnknownOrganizationError: no organization matches ``organization``.
        ArgumentTypeError: an argument of the wrong type.
    """
    if not isinstance(profile, Profile):
        raise ArgumentTypeError("explain", "profile", "a civicrun.Profile", profile)
    if isinstance(organization, Organization):
        org = organization
    else:
        name = need_text(organization, "explain", "organization")
        org = lookup_organization(name)
    when = need_date(on, "explain", "on")
    need_bool(include_staff, "explain", "include_staff")
    return evaluate(org, profile, on=when, include_staff=include_staff)
