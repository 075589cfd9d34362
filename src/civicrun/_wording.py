"""The words of matching: each rule as a sentence, and how a profile's answer reads.

No decision is made here: :mod:`civicrun._rules` decides, and calls these functions only to
word what it decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .records import Condition
from .vocab import (
    BOOL_GROUP_LABELS,
    BOOL_LABELS,
    COMMUNITY_LABELS,
    GENDER_GROUP_LABELS,
    GENDER_LABELS,
    OPEN_FIELDS,
    PARTY_LABELS,
    PROFESSION_LABELS,
    RACE_ETHNICITY_LABELS,
    Gender,
    Outcome,
    ProfileField,
    RuleKind,
)

__all__ = ["describe", "describe_audience", "join_or", "rule_text", "shown"]


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


def rule_text(kind: RuleKind, want: str, outcome: Outcome, seen: str) -> str:
    """The sentence for one decided rule, worded as a rule or as the group's focus."""
    if kind is RuleKind.REQUIREMENT:
        if outcome is Outcome.MET:
            return f"{want} ({seen})"
        if outcome is Outcome.FAILED:
            return f"{want} is required; this profile's {seen}"
        return f"{want} is required; the profile {seen}"
    if kind is RuleKind.PRIORITY:
        return f"gives priority to {want} ({seen})"
    if outcome is Outcome.MET:
        return f"serves {want} ({seen})"
    if outcome is Outcome.FAILED:
        return f"serves {want}; this profile's {seen}"
    return f"serves {want}; the profile {seen}"
