"""The words of matching: :class:`Reason`, each rule as a sentence, and each decision worded.

No decision is made here: the compiled rules of :mod:`civicrun._rules` decide (a
:class:`~civicrun._rules.Decision`), and :func:`explain` folds one group's decisions into the
reasons of :func:`~civicrun.explain` and :attr:`Match.reasons <civicrun.Match.reasons>`, each
worded here. The rule engine never imports this module: data flows from the rules to their
words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from ._rules import is_live
from ._text import fold
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
    OfficeLevel,
    OrgStatus,
    Outcome,
    ProfileField,
    Role,
    RuleKind,
)

if TYPE_CHECKING:
    from ._profile import Profile
    from ._rules import CompiledOrg, Decision, Placement, Rule

__all__ = [
    "Reason",
    "describe",
    "describe_audience",
    "explain",
    "fixed_reasons",
    "join_or",
    "level_reason",
    "note",
    "place_reason",
    "rule_reason",
    "shown",
    "word",
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
        from ._converter import converter  # noqa: PLC0415  (cattrs loads only when asked)

        data = converter.unstructure(self)
        return {key: data.get(key) for key in ("kind", "field", "outcome", "text")}


def join_or(words: Iterable[str]) -> str:
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
            return "a member of the " + join_or(_label(field, v) for v in values) + " party"
        if field is ProfileField.GENDER:
            return join_or(_label(field, v) for v in values)
        if field is ProfileField.RACE_ETHNICITY:
            return "identifies as " + join_or(_label(field, v) for v in values)
        if field is ProfileField.STANCES:
            return join_or(values)
        if field is ProfileField.COMMUNITIES:
            return "part of the " + join_or(_label(field, v) for v in values) + " community"
        if field is ProfileField.PROFESSIONS:
            return "one of the " + join_or(_label(field, v) for v in values)
        if field is ProfileField.OFFICE_LEVEL:
            return "seeking " + join_or(values) + " office"
        return f"{field.value.replace('_', ' ')} is " + join_or(values)
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
            return join_or(GENDER_GROUP_LABELS[Gender(v)] for v in values)
        if field in (ProfileField.PARTY, ProfileField.RACE_ETHNICITY, ProfileField.COMMUNITIES):
            return join_or(_label(field, v) for v in values) + " candidates"
        if field is ProfileField.IDEOLOGY:
            return join_or(values) + " candidates"
        if field is ProfileField.STANCES:
            return "candidates who are " + join_or(values)
        if field is ProfileField.PROFESSIONS:
            return join_or(_label(field, v) for v in values)
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


def shown(
    field: ProfileField, value: object, outcome: Outcome, on: dt.date, *, age_only: bool
) -> str:
    """What the profile shows for a rule on ``field``, in the words of a reason.

    ``value`` is the profile's value (for age rules, its birth date or, with ``age_only``, its
    age); ``outcome`` is what the rule decided.
    """
    if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
        if value is None:
            return "gives no birth date or age"
        if age_only:
            return f"age is {value} on {on.isoformat()}"
        assert isinstance(value, dt.date)
        return f"birth date is {value.isoformat()}"
    if value is None:
        return f"does not say ({field.value})"
    if isinstance(value, bool):
        return f"{field.value} is {str(value).lower()}"
    if isinstance(value, frozenset):
        listed = ", ".join(sorted(str(v) for v in value))
    else:
        listed = str(value)
    if outcome is Outcome.UNKNOWN:
        return f"does not list it ({field.value}: {listed})"
    if field in OPEN_FIELDS:
        return f"{field.value} are {listed}"
    return f"{field.value} is {listed}"


def _rule_text(kind: RuleKind, want: str, outcome: Outcome, seen: str) -> str:
    """The sentence for one decided rule, worded as a rule or as the group's focus."""
    if kind is RuleKind.PRIORITY:
        return f"gives priority to {want} ({seen})"
    if outcome is Outcome.MET:
        return f"{want} ({seen})" if kind is RuleKind.REQUIREMENT else f"serves {want} ({seen})"
    lead = f"{want} is required" if kind is RuleKind.REQUIREMENT else f"serves {want}"
    whose = "this profile's" if outcome is Outcome.FAILED else "the profile"
    return f"{lead}; {whose} {seen}"


def _want(kind: RuleKind, cond: Condition) -> str:
    return describe(cond) if kind is RuleKind.REQUIREMENT else describe_audience(cond)


def rule_reason(
    kind: RuleKind,
    cond: Condition | AnyOf,
    outcome: Outcome,
    profile: Profile,
    on: dt.date,
    *,
    decided: Iterable[tuple[Condition, Outcome]] = (),
) -> Reason:
    """The reason for ``outcome``, which a rule on ``cond`` decided for ``profile`` on ``on``
    (for a rule of alternatives, ``decided`` gives each one's outcome)."""
    if isinstance(cond, Condition):
        field = cond.field
        if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
            age_only = profile.birth_date is None
            value = profile.age if age_only else profile.birth_date
        else:
            value, age_only = getattr(profile, field.value), False
        seen = shown(field, value, outcome, on, age_only=age_only)
        text = _rule_text(kind, _want(kind, cond), outcome, seen)
        return Reason(kind=kind, outcome=outcome, text=text, field=field)
    if outcome is Outcome.MET:  # worded as the first alternative met
        return next(rule_reason(kind, c, o, profile, on) for c, o in decided if o is outcome)
    either = " or ".join(_want(kind, c) for c in cond.any_of)
    lead = f"one of: {either} is required;" if kind is RuleKind.REQUIREMENT else f"serves {either};"
    why = "the profile does not say"
    if outcome is Outcome.FAILED:
        why = "; ".join(
            rule_reason(kind, c, o, profile, on).text.split("; ", 1)[-1] for c, o in decided
        )
    return Reason(kind=kind, outcome=outcome, text=f"{lead} {why}")


def word(rule: Rule, decision: Decision, profile: Profile, on: dt.date) -> Reason:
    """The reason for ``decision``, which ``rule`` made for ``profile`` on ``on``."""
    decided = [(m.rule, m.decide(profile, on).outcome) for m in rule.members]
    return rule_reason(rule.kind, rule.rule, decision.outcome, profile, on, decided=decided)  # type: ignore[arg-type]


def place_reason(
    place: Placement, outcome: Outcome, field: ProfileField, profile: Profile
) -> Reason:
    """The reason for ``outcome``, which ``place`` decided on ``field`` for ``profile``."""
    seen = {"state": profile.state, "county": profile.county, "town": profile.town}[field.value]
    if place.national:
        text = (
            f"works nationally and in {seen}"
            if outcome is Outcome.MET
            else f"works in the 50 states and DC, not in the territories; this profile's "
            f"state is {seen}"
        )
    elif outcome is Outcome.MET and field is ProfileField.TOWN:
        text = f"works in {place.towns[fold(str(seen))]}, {profile.state}"
    elif outcome is Outcome.MET:
        text = f"works in {seen}"
    else:
        local = place.counties is not None or place.towns
        where = place.county_names() if local else ", ".join(sorted(place.states))
        if place.towns:
            where = f"{', '.join(place.towns.values())} ({where})"
        if outcome is Outcome.UNKNOWN:
            said = f"the profile does not say which {field.value}"
        else:
            said = f"this profile's {field.value} is {seen}"
        text = f"works only in {where}; {said}"
    return Reason(kind=RuleKind.COVERAGE, outcome=outcome, text=text, field=field)


def level_reason(levels: frozenset[OfficeLevel], level: OfficeLevel) -> Reason:
    """Whether a group that helps with ``levels`` of office only helps with ``level``."""
    kind, field = RuleKind.OFFICE_LEVEL, ProfileField.OFFICE_LEVEL
    if level in levels:
        return Reason(
            kind=kind, outcome=Outcome.MET, text=f"helps with {level} offices", field=field
        )
    text = f"helps with {join_or(levels)} offices only; this profile seeks {level} office"
    return Reason(kind=kind, outcome=Outcome.FAILED, text=text, field=field)


def note(kind: RuleKind, text: str) -> Reason:
    """A caveat: a reason with outcome ``note``."""
    return Reason(kind=kind, outcome=Outcome.NOTE, text=text)


def fixed_reasons(
    org: Organization, include_staff: bool, live: bool
) -> tuple[list[Reason], list[Reason]]:
    """What holds for every profile alike (failures, caveats): the group's status (``live``:
    whether it shows recent activity), its role and how to join."""
    failed: list[Reason] = []
    caveats = [note(RuleKind.HOW_TO_JOIN, HOW_TO_JOIN_NOTES[org.how_to_join])]
    if org.status in (OrgStatus.INACTIVE, OrgStatus.DEFUNCT):
        text = f"no longer runs programs (status: {org.status.value})"
        failed.append(Reason(kind=RuleKind.STATUS, outcome=Outcome.FAILED, text=text))
    elif not live:
        # the true fact (the year of the newest sign of activity, or none dated), never an
        # edit date
        found = (
            "no dated sign of activity was found"
            if org.active_as_of is None
            else f"the newest sign of activity found is from {org.active_as_of.year}"
        )
        text = f"could not confirm that {org.name} still runs its programs: {found}"
        caveats.append(note(RuleKind.STATUS, text))
    if Role.CANDIDATES not in org.roles and not include_staff:
        text = "serves campaign staff, not candidates"
        failed.append(Reason(kind=RuleKind.ROLE, outcome=Outcome.FAILED, text=text))
    return failed, caveats


#: The order of a match's reasons: failed first, then unknown, then met (stable: in rule order).
_REASON_ORDER = {Outcome.FAILED: 0, Outcome.UNKNOWN: 1, Outcome.MET: 2}


def explain(
    group: CompiledOrg, profile: Profile, on: dt.date, include_staff: bool
) -> tuple[tuple[Reason, ...], tuple[Reason, ...], tuple[Reason, ...]]:
    """(reasons, failed, caveats) of the compiled ``group`` for ``profile`` on ``on``: every
    rule decided by the rule itself and worded, in the order placement, office level,
    requirements, audience, priorities met; failed first, then unknown, then met."""
    group.compile_rules()
    org = group.org
    reasons, caveats = fixed_reasons(org, include_staff, is_live(org, on))
    place = group.placement.decide(profile, group.territories)
    if place is not None:
        assert place.field is not None  # a placement decides on the state, county or town
        reasons.append(place_reason(group.placement, place.outcome, place.field, profile))
    level = profile.office_level
    if group.levels is not None and level is None:
        text = f"helps with {join_or(group.levels)} offices only"
        caveats.append(note(RuleKind.OFFICE_LEVEL, text))
    elif group.levels is not None and level is not None:
        reasons.append(level_reason(group.levels, level))
    for rule in (*group.requirements, *group.serves, *group.priorities):
        decision = rule.decide(profile, on)
        if rule.kind is not RuleKind.PRIORITY or decision.outcome is Outcome.MET:
            reasons.append(word(rule, decision, profile, on))
    if not group.requirements and not group.serves:
        text = "has no personal eligibility requirements and names no audience"
        reasons.append(Reason(kind=RuleKind.REQUIREMENT, outcome=Outcome.MET, text=text))
    reasons.sort(key=lambda r: _REASON_ORDER[r.outcome])
    failed = tuple(r for r in reasons if r.outcome is Outcome.FAILED)
    return tuple(reasons), failed, tuple(caveats)
