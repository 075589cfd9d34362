"""Invariants over every record: what no data change may ever make civicrun say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from civicrun import Organization, Profile, eligible_orgs, organizations
from civicrun._check import UNAFFILIATED
from civicrun._match import evaluate
from civicrun.records import Condition
from civicrun.vocab import MatchStatus, Outcome, Partisanship, Party, ProfileField, RuleKind, Stance

from .conftest import ON, examples
from .strategies import profiles

#: The sides of the two major parties, as records' partisanship values name them.
LEFT = frozenset({Partisanship.DEMOCRATIC, Partisanship.PROGRESSIVE})
RIGHT = frozenset({Partisanship.REPUBLICAN, Partisanship.CONSERVATIVE})


def test_empty_profile_is_offered_no_partisan_group_as_eligible() -> None:
    """Knowing nothing of a person, no group that serves one side is `eligible` for them."""
    matches = eligible_orgs(Profile(), on=ON)
    assert matches
    partisan = [m.org.id for m in matches if m.org.partisanship not in UNAFFILIATED]
    assert partisan
    assert [] == [
        m.org.id for m in matches if m.org.id in partisan and m.status.value == "eligible"
    ]


def _parties_served(org: Organization) -> frozenset[str]:
    """The parties a record's party rules (requirements and audience) allow."""
    allowed = frozenset(p.value for p in Party)
    for rule in (*org.requirements, *org.serves):
        if isinstance(rule, Condition) and rule.field is ProfileField.PARTY and rule.one_of:
            allowed &= rule.one_of
    return allowed


def _serves_only_the_other_side(org: Organization, party: str) -> bool:
    """On the other major party's side (by partisanship), and not serving ``party``."""
    side = RIGHT if party == "democratic" else LEFT
    return org.partisanship in side and party not in _parties_served(org)


def test_every_side_has_groups_the_other_party_is_not_offered() -> None:
    """The invariants below are not empty: both sides have many such groups."""
    for party in ("democratic", "republican"):
        assert sum(_serves_only_the_other_side(o, party) for o in organizations()) >= 10


@pytest.mark.parametrize("party", ["democratic", "republican"])
def test_a_major_party_member_is_never_offered_the_other_side(party: str) -> None:
    """A Democrat is never offered a group that serves only the Republican side, nor a
    Republican one that serves only the Democratic side, whatever else the profile says."""
    for profile in (
        Profile(party=party),
        Profile(party=party, gender="woman", age=30, state="TX", stances=["pro-life"]),
        Profile(party=party, gender="woman", age=45, state="GA", race_ethnicity=["black"]),
        Profile(party=party, gender="man", age=60, state="CA", veteran=True, lgbtq=True),
        Profile(party=party, gender="nonbinary", age=19, state="NY", stances=["pro-choice"]),
    ):
        crossed = [
            m.org.id
            for m in eligible_orgs(profile, on=ON)
            if _serves_only_the_other_side(m.org, party)
        ]
        assert [] == crossed, (profile, crossed)


@pytest.mark.parametrize("org", organizations(), ids=lambda o: o.id)
def test_every_partisan_record_leaves_out_the_other_major_party(org: Organization) -> None:
    """Over every record: a member of the other major party that a partisan group does not
    serve is never `eligible` or `possible`, and the party rule is named as the reason."""
    outsiders = [p for p in ("democratic", "republican") if _serves_only_the_other_side(org, p)]
    if not outsiders:
        # Nonpartisan, a third party, or a group that serves both major parties.
        assert org.partisanship not in LEFT | RIGHT or {"democratic", "republican"} <= (
            _parties_served(org)
        ), org.id
        return
    match = evaluate(org, Profile(party=outsiders[0]), on=ON)
    assert match.status in (MatchStatus.INELIGIBLE, MatchStatus.OUTSIDE_AUDIENCE)
    assert any(r.field is ProfileField.PARTY for r in match.failed)


@settings(max_examples=examples(60), deadline=None)
@given(profiles)
def test_an_unlisted_stance_never_counts_against_anyone(profile: Profile) -> None:
    """A stance rule fails only when the profile holds the opposite of every stance the rule
    accepts; a stance the person did not mention never makes a match worse than `possible`."""
    held = profile.stances or frozenset()
    for org in organizations():
        stance_rules = [
            rule
            for rule in (*org.requirements, *org.serves)
            if isinstance(rule, Condition) and rule.field is ProfileField.STANCES
        ]
        contradicted = any(
            all(Stance(v).opposite in held for v in rule.one_of or ()) for rule in stance_rules
        )
        failed_on_stance = any(
            r.field is ProfileField.STANCES for r in evaluate(org, profile, on=ON).failed
        )
        assert failed_on_stance == contradicted, org.id


@settings(max_examples=examples(60), deadline=None)
@given(profiles)
def test_unknown_fields_are_never_failures(profile: Profile) -> None:
    """A rule on a field the profile leaves unknown is `unknown`, never `failed`."""
    for org in organizations():
        for reason in evaluate(org, profile, on=ON).failed:
            if reason.kind in (RuleKind.REQUIREMENT, RuleKind.AUDIENCE) and reason.field:
                field = reason.field
                if field in (ProfileField.AGE, ProfileField.BIRTH_DATE):
                    assert profile.age is not None or profile.birth_date is not None
                else:
                    assert getattr(profile, field.value) is not None, (org.id, reason)
            assert reason.outcome is Outcome.FAILED
