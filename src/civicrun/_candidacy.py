"""Which office, where I live, and when: :func:`offices_for` and :class:`OfficeOption`.

For each office category that exists in the person's state it says what the office is
called there, whether the person meets its published qualifications (``meets``,
``does-not-meet`` or ``unknown``, with a :class:`~civicrun.Reason` for each one), when it is
elected, where a candidate files and the state's official guide, each from the state's record
(its ``candidacy``, ``offices`` and ``qualifications``) or, for
legislative minimum ages, the office category's ``minimum_ages``. A fact not recorded is
``None`` and named in ``not_recorded``; it is never guessed.

Age is decided by the one rule engine (:class:`civicrun._rules.Rule`), as for a group's age
rule, so an office's reasons read like :func:`~civicrun.explain`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from ._args import need_date
from ._data import state_table
from ._offices import categories_in
from ._profile import Profile
from ._rules import Rule
from ._wording import Reason, word
from .errors import ArgumentTypeError, InvalidArgumentError
from .records import Condition, OfficeCategory, Qualification, State
from .vocab import (
    CHAMBER_OFFICES,
    QUALIFIED_OFFICE_CATEGORIES,
    QUALIFIED_OFFICE_LABELS,
    OfficeLevel,
    Outcome,
    ProfileField,
    QualificationStatus,
    QualifiedOffice,
    RuleKind,
)

__all__ = ["NOT_RECORDED", "OfficeOption", "offices_for"]

#: How a fact civicrun has no record of yet is said.
NOT_RECORDED = "not recorded yet"


@attrs.frozen(kw_only=True)
class OfficeOption:
    """One category of elected office in the person's state: what it is called there, whether
    the person meets its qualifications, when it is elected, where to file and the guide.

    Attributes:
        category: the office category.
        state: the state's code.
        name: what the office is called in the state (its ``local_name`` where the state's
            record gives one, else the category's name).
        level: local, state or federal.
        status: ``meets`` (every recorded qualification holds, for at least one of the
            category's offices: a legislature has two chambers), ``does-not-meet`` (a recorded
            qualification fails for each of them) or ``unknown`` (nothing fails, but a fact is
            not known: the profile's age, one civicrun does not ask such as citizenship, or
            qualifications not recorded yet). A fact not known is never a ``does-not-meet``.
        reasons: a :class:`~civicrun.Reason` for each qualification, failed first, then
            unknown, then met, then notes; each names its office ("State senate: ...").
        unknowns: the profile fields whose answers would settle an ``unknown`` (age or birth
            date); facts a profile cannot give are in ``reasons`` with ``field`` None.
        elections: when state, county and local elections are held in the state, as a rule
            (never one cycle's dates), or None where not recorded.
        filing: which offices a candidate files with, or None where not recorded.
        guide: the url of the state's official candidate guide, or None where not recorded.
        note: the state record's note on this office here, if any.
        not_recorded: a line for each of ``elections``, ``filing`` and ``guide`` that is None,
            ending "not recorded yet".
        sources: the urls the facts above were read from (the state's or the category's
            sources), each once.
    """

    category: OfficeCategory
    state: str
    name: str
    level: OfficeLevel
    status: QualificationStatus
    reasons: tuple[Reason, ...] = ()
    unknowns: tuple[ProfileField, ...] = ()
    elections: str | None = None
    filing: str | None = None
    guide: str | None = None
    note: str | None = None
    not_recorded: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (the category as its id), as ``civicrun offices --json`` prints:
        see ``docs/schema/offices.schema.json``."""
        return {
            "category": self.category.id,
            "state": self.state,
            "name": self.name,
            "level": self.level.value,
            "status": self.status.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "unknowns": [u.value for u in self.unknowns],
            "elections": self.elections,
            "filing": self.filing,
            "guide": self.guide,
            "note": self.note,
            "not_recorded": list(self.not_recorded),
            "sources": list(self.sources),
        }


#: The order reasons are listed in, as in :attr:`civicrun.Match.reasons`.
_OUTCOME_ORDER = {Outcome.FAILED: 0, Outcome.UNKNOWN: 1, Outcome.MET: 2, Outcome.NOTE: 3}


def _reason(outcome: Outcome, text: str, field: ProfileField | None = None) -> Reason:
    return Reason(kind=RuleKind.REQUIREMENT, outcome=outcome, text=text, field=field)


def _years(years: float) -> str:
    """A length of residence or citizenship as a person would say it: "2 years", "1 year",
    "6 months" (a fraction of a year that is a whole number of months), "about 1 month" (a
    length in days the data rounds down to two decimals of a year: 30 days is 0.08), else
    "1.3 years"."""
    if float(years).is_integer():
        return "1 year" if years == 1 else f"{int(years)} years"
    months = round(years * 12, 6)
    if months.is_integer():
        return "1 month" if months == 1 else f"{int(months)} months"
    if abs(months - round(months)) <= 0.1 and round(months) >= 1:
        return "about 1 month" if round(months) == 1 else f"about {round(months)} months"
    return f"{years} years"


def _age(
    label: str, min_age: int, profile: Profile, on: dt.date
) -> tuple[Reason, frozenset[ProfileField]]:
    """The minimum age, decided and worded by the one rule engine."""
    rule = Rule(RuleKind.REQUIREMENT, Condition(field=ProfileField.AGE, at_least=min_age))
    decision = rule.decide(profile, on)
    reason = word(rule, decision, profile, on)
    return attrs.evolve(reason, text=f"{label}: {reason.text}"), decision.unknown


#: What "the district" of a qualification's residence is, by office (a legislature's seat is a
#: district; the others name their place).
_DISTRICT = {
    QualifiedOffice.MAYOR: "the city or town",
    QualifiedOffice.SCHOOL_BOARD: "the school district",
    QualifiedOffice.COUNTY_COMMISSION: "the county or commissioner district",
}


def _qualification_reasons(
    qual: Qualification, state: State, profile: Profile, on: dt.date
) -> tuple[list[Reason], frozenset[ProfileField]]:
    """A reason for each fact of one office's recorded qualifications."""
    label = QUALIFIED_OFFICE_LABELS[qual.office]
    reasons: list[Reason] = []
    unknowns: frozenset[ProfileField] = frozenset()
    if qual.min_age is not None:
        reason, unknowns = _age(label, qual.min_age, profile, on)
        reasons.append(reason)
    if qual.state_residency_years is not None:
        if qual.state_residency_years == 0:
            # The profile's state is where the person lives: residence there holds.
            text = f"{label}: residence in {state.name} (this profile's state is {state.code})"
            reasons.append(_reason(Outcome.MET, text, ProfileField.STATE))
        else:
            text = (
                f"{label}: residence in {state.name} for at least "
                f"{_years(qual.state_residency_years)} is required; the profile does not say "
                "for how long (civicrun does not ask)"
            )
            reasons.append(_reason(Outcome.UNKNOWN, text))
    if qual.district_residency_years is not None:
        length = (
            ""
            if qual.district_residency_years == 0
            else f" for at least {_years(qual.district_residency_years)}"
        )
        where = _DISTRICT.get(qual.office, "the district")
        text = (
            f"{label}: residence in {where}{length} is required; the profile does not "
            "say which one (civicrun does not ask)"
        )
        reasons.append(_reason(Outcome.UNKNOWN, text))
    if qual.citizen_years is not None:
        length = "" if qual.citizen_years == 0 else f" for at least {_years(qual.citizen_years)}"
        text = (
            f"{label}: U.S. citizenship{length} is required; the profile does not say "
            "(civicrun does not ask)"
        )
        reasons.append(_reason(Outcome.UNKNOWN, text))
    if qual.registered_voter:
        text = (
            f"{label}: being a registered or qualified voter is required; the profile does "
            "not say (civicrun does not ask)"
        )
        reasons.append(_reason(Outcome.UNKNOWN, text))
    if not reasons and qual.registered_voter is None:
        # A record that states no fact says nothing: it is not a "meets".
        text = f"{label}: qualifications in {state.name}: {NOT_RECORDED}"
        reasons.append(_reason(Outcome.UNKNOWN, text))
    if qual.note is not None:
        reasons.append(_reason(Outcome.NOTE, f"{label}: {qual.note}"))
    return reasons, unknowns


def _status(outcomes: Iterable[Outcome]) -> QualificationStatus:
    """One office's status: a failed qualification fails it, an unknown one leaves it unknown."""
    seen = set(outcomes)
    if Outcome.FAILED in seen:
        return QualificationStatus.DOES_NOT_MEET
    if Outcome.UNKNOWN in seen:
        return QualificationStatus.UNKNOWN
    return QualificationStatus.MEETS


def _fold(statuses: Iterable[QualificationStatus]) -> QualificationStatus:
    """A category's status from its offices': meets if one does, does-not-meet if all fail."""
    seen = set(statuses)
    if QualificationStatus.MEETS in seen:
        return QualificationStatus.MEETS
    if seen == {QualificationStatus.DOES_NOT_MEET}:
        return QualificationStatus.DOES_NOT_MEET
    return QualificationStatus.UNKNOWN


def _check(
    category: OfficeCategory, state: State, profile: Profile, on: dt.date
) -> tuple[QualificationStatus, list[Reason], frozenset[ProfileField], list[str]]:
    """(status, reasons, unknowns, source urls) for one category in one state."""
    offices = [o for o, c in QUALIFIED_OFFICE_CATEGORIES.items() if c == category.id]
    recorded = {q.office: q for q in state.qualifications}
    ages = {CHAMBER_OFFICES[m.chamber]: m for m in category.minimum_ages if m.state == state.code}
    if not offices or not any(o in recorded or o in ages for o in offices):
        text = f"qualifications for this office in {state.name}: {NOT_RECORDED}"
        return QualificationStatus.UNKNOWN, [_reason(Outcome.UNKNOWN, text)], frozenset(), []
    statuses: list[QualificationStatus] = []
    reasons: list[Reason] = []
    unknowns: frozenset[ProfileField] = frozenset()
    sources: list[str] = []
    for office in offices:
        label = QUALIFIED_OFFICE_LABELS[office]
        qual = recorded.get(office)
        minimum = ages.get(office)
        if qual is not None:
            found, unknown = _qualification_reasons(qual, state, profile, on)
            sources.append(qual.source)
            if qual.min_age is None and minimum is not None:
                # the state's record leaves the age out; the category records it
                reason, age_unknown = _age(label, minimum.age, profile, on)
                found.insert(0, reason)
                unknown |= age_unknown
                sources.append(minimum.source)
        elif minimum is not None:
            # The category records only the minimum age: the rest is not known here.
            reason, unknown = _age(label, minimum.age, profile, on)
            others = (
                f"{label}: the other qualifications in {state.name} (residency, citizenship, "
                f"voter registration) are {NOT_RECORDED}"
            )
            found = [reason, _reason(Outcome.UNKNOWN, others)]
            if minimum.note is not None:
                found.append(_reason(Outcome.NOTE, f"{label}: {minimum.note}"))
            sources.append(minimum.source)
        else:
            # One office of several has no record (a legislature's other chamber): it may be
            # open, so failing the recorded one is not a "does not meet". (Nebraska's single
            # chamber is recorded as a senate, so its house reads as not recorded.)
            text = f"{label}: qualifications in {state.name}: {NOT_RECORDED}"
            found, unknown = [_reason(Outcome.UNKNOWN, text)], frozenset()
        reasons += found
        unknowns |= unknown
        statuses.append(_status(r.outcome for r in found))
    return _fold(statuses), reasons, unknowns, sources


def _option(category: OfficeCategory, state: State, profile: Profile, on: dt.date) -> OfficeOption:
    here = next((h for h in state.offices if h.category == category.id), None)
    status, reasons, unknowns, sources = _check(category, state, profile, on)
    candidacy = state.candidacy
    missing = []
    if candidacy is None:
        missing = [
            f"when elections are held in {state.name}: {NOT_RECORDED}",
            f"where candidates file in {state.name}: {NOT_RECORDED}",
            f"{state.name}'s official candidate guide: {NOT_RECORDED}",
        ]
    else:
        sources.append(candidacy.source)
    if here is not None:
        sources.insert(0, here.source)
    return OfficeOption(
        category=category,
        state=state.code,
        name=here.local_name if here is not None and here.local_name else category.name,
        level=category.level,
        status=status,
        reasons=tuple(sorted(reasons, key=lambda r: _OUTCOME_ORDER[r.outcome])),
        unknowns=tuple(sorted(unknowns)),
        elections=None if candidacy is None else candidacy.elections,
        filing=None if candidacy is None else candidacy.filing,
        guide=None if candidacy is None else candidacy.guide,
        note=None if here is None else here.note,
        not_recorded=tuple(missing),
        sources=tuple(dict.fromkeys(sources)),
    )


def offices_for(
    profile: Profile, *, on: dt.date | None = None, state_record: State | None = None
) -> tuple[OfficeOption, ...]:
    """Every category of elected office in the profile's state, with what it is called there,
    whether the person meets its qualifications (and why), when it is elected, where to file
    and the official guide; local first, then state, then federal.

    * The categories are those of :func:`~civicrun.office_categories_for_state`: a category
      with a ``states`` list only where listed, and none the state's record marks absent.
    * Qualifications come from the state's ``qualifications``, or, for a legislature's
      chambers, the category's ``minimum_ages``. Age is measured on ``on`` (default today):
      pass the election day, or the day the term starts, where the state counts it then.
    * A fact the profile leaves out (no age) makes an office ``unknown``, never
      ``does-not-meet``; so do facts civicrun does not ask (citizenship, years of residence,
      voter registration) and qualifications not recorded yet.
    * ``county`` and ``town`` are accepted (they give the state); no office fact is recorded
      per county yet.

    ``state_record`` answers from that :class:`~civicrun.State` record instead of the shipped
    one (a record built with ``attrs.evolve`` to try data before it is shipped); its code must
    be the profile's state, if the profile gives one.

    >>> from civicrun import Profile
    >>> found = offices_for(Profile(state="AZ", age=22), on=dt.date(2026, 12, 1))
    >>> legislature = next(o for o in found if o.category.id == "state-legislature")
    >>> legislature.status.value
    'does-not-meet'
    >>> print(legislature.reasons[0])
    State senate: aged at least 25 years is required; this profile's age is 22 on 2026-12-01

    Raises:
        ArgumentTypeError: ``profile`` is not a :class:`~civicrun.Profile`, ``on`` not a date
            or ``state_record`` not a :class:`~civicrun.State`.
        InvalidArgumentError: the profile gives no state (and no ``state_record`` does), or a
            different one from ``state_record``.
    """
    if not isinstance(profile, Profile):
        raise ArgumentTypeError("offices_for", "profile", "a civicrun.Profile", profile)
    day = need_date(on, "offices_for", "on") or dt.date.today()
    if state_record is not None and not isinstance(state_record, State):
        raise ArgumentTypeError(
            "offices_for", "state_record", "a civicrun.State or None", state_record
        )
    if state_record is None:
        if profile.state is None:
            raise InvalidArgumentError(
                "offices_for(): the profile gives no state; give the state the person lives "
                "in (or a county that names it)"
            )
        state = state_table()[profile.state]
    else:
        if profile.state is not None and profile.state != state_record.code:
            raise InvalidArgumentError(
                f"offices_for(): state_record is {state_record.code}'s but the profile's state "
                f"is {profile.state}; give a record of the profile's state"
            )
        state = state_record
    return tuple(_option(category, state, profile, day) for category in categories_in(state))
