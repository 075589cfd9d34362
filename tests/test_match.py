"""Matching: statuses, reasons, unknowns and order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicrun import (
    Match,
    Organization,
    Profile,
    Reason,
    eligible_orgs,
    explain,
    lookup_organization,
    organizations,
)
from civicrun._match import evaluate
from civicrun._results import sort_key
from civicrun._wording import describe
from civicrun.errors import UnknownOrganizationError
from civicrun.records import Condition, Coverage
from civicrun.vocab import (
    MatchStatus,
    OrgKind,
    OrgStatus,
    Outcome,
    Partisanship,
    ProfileField,
    Role,
    RuleKind,
    Scope,
)

from . import oracle
from .conftest import ON, examples
from .strategies import placed_profiles, profiles

TX_WOMAN = Profile(state="TX", party="democratic", gender="woman", age=29, race_ethnicity=["black"])


def _org_with(**rules: object) -> Organization:
    """A national, active test organization with only the given rules."""
    base = lookup_organization("ndtc")
    fields = {"requirements": (), "serves": (), "priorities": (), **rules}
    return attrs.evolve(base, partisanship=Partisanship.NONPARTISAN, **fields)  # type: ignore[arg-type]


GENDER_WOMEN = Condition(field=ProfileField.GENDER, one_of=frozenset({"woman"}))
PARTY_D = Condition(field=ProfileField.PARTY, one_of=frozenset({"democratic"}))
PRO_CHOICE = Condition(field=ProfileField.STANCES, one_of=frozenset({"pro-choice"}))


def _by_id(profile: Profile) -> dict[str, MatchStatus]:
    return {m.org.id: m.status for m in eligible_orgs(profile, on=ON)}


class TestSourceArticleExamples:
    def test_black_woman_democrat_in_texas(self) -> None:
        """The first example from the issue."""
        found = _by_id(TX_WOMAN)
        for org_id in ("higher-heights", "ndtc", "she-should-run", "state-party-tx-democratic"):
            assert MatchStatus.ELIGIBLE == found[org_id], org_id
        emily = explain(TX_WOMAN, "emilys-list", on=ON)
        assert MatchStatus.POSSIBLE == emily.status
        assert (ProfileField.STANCES,) == emily.unknowns
        assert MatchStatus.ELIGIBLE != found.get("victory-institute")
        republican_only = [
            o.id
            for o in organizations()
            if any(
                isinstance(r, Condition)
                and r.field is ProfileField.PARTY
                and r.one_of == frozenset({"republican"})
                for r in o.requirements
            )
        ]
        assert republican_only
        assert not set(republican_only) & set(found)

    def test_run_for_something_hinges_on_prior_runs(self) -> None:
        """RFS's published first-to-third-run rule is the only open question."""
        rfs = explain(TX_WOMAN, "run-for-something", on=ON)
        assert MatchStatus.POSSIBLE == rfs.status
        assert (ProfileField.PRIOR_RUNS,) == rfs.unknowns
        first_timer = attrs.evolve(TX_WOMAN, prior_runs=0)
        assert MatchStatus.ELIGIBLE == explain(first_timer, "run-for-something", on=ON).status

    def test_republican_veteran_in_ohio(self) -> None:
        """The second example from the issue."""
        profile = Profile(state="OH", party="R", gender="man", age=45, veteran=True)
        found = _by_id(profile)
        assert found["veterans-campaign"] in (MatchStatus.ELIGIBLE, MatchStatus.POSSIBLE)
        for org_id in ("emerge", "emilys-list", "higher-heights", "ndtc", "run-for-something"):
            assert org_id not in found
        assert MatchStatus.ELIGIBLE == found["state-party-oh-republican"]

    def test_empty_profile_excludes_nobody(self) -> None:
        """An empty profile: no active candidate group is excluded; rules make it possible."""
        matches = eligible_orgs(Profile(), on=ON)
        returned = {m.org.id for m in matches}
        expected = {
            o.id
            for o in organizations()
            if o.status in (OrgStatus.ACTIVE, OrgStatus.UNKNOWN)
            and Role.CANDIDATES in o.roles
            # a county's own committee waits for the profile to name the county
            and o.coverage.scope is not Scope.COUNTIES
        }
        assert expected == returned
        for match in matches:
            org = match.org
            has_rules = bool(org.requirements or org.serves or org.coverage.states)
            assert (MatchStatus.POSSIBLE if has_rules else MatchStatus.ELIGIBLE) == match.status
            assert bool(match.unknowns) == bool(has_rules)


class TestExplain:
    def test_ineligible_names_failing_rule(self) -> None:
        """explain() says which rule fails and what the profile says."""
        match = explain(Profile(birth_date="1970-03-04", party="D"), "run-for-something", on=ON)
        assert MatchStatus.INELIGIBLE == match.status
        assert ["born in 1984 or later is required; this profile's birth date is 1970-03-04"] == [
            str(r) for r in match.failed
        ]
        assert (RuleKind.REQUIREMENT, ProfileField.BIRTH_DATE) == (
            match.failed[0].kind,
            match.failed[0].field,
        )

    def test_age_only_at_the_boundary(self) -> None:
        """An age that straddles a birth-date cut-off is possible, pending the birth date."""
        rule = Condition(field=ProfileField.BIRTH_DATE, born_on_or_after=dt.date(1984, 1, 1))
        org = _org_with(requirements=(rule,))
        on = dt.date(2026, 6, 1)
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(age=42), on=on).status
        assert (ProfileField.BIRTH_DATE,) == evaluate(org, Profile(age=42), on=on).unknowns
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(age=41), on=on).status
        assert MatchStatus.INELIGIBLE == evaluate(org, Profile(age=43), on=on).status

    def test_age_bounds(self) -> None:
        """Age rules use the birth date on the matching date, or the age given."""
        rule = Condition(field=ProfileField.AGE, at_least=18, at_most=35)
        org = _org_with(requirements=(rule,))
        on = dt.date(2026, 6, 1)
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(birth_date="1991-06-01"), on=on).status
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(birth_date="1990-06-02"), on=on).status
        assert (
            MatchStatus.INELIGIBLE == evaluate(org, Profile(birth_date="1990-06-01"), on=on).status
        )
        assert (
            MatchStatus.INELIGIBLE == evaluate(org, Profile(birth_date="2008-06-02"), on=on).status
        )
        assert MatchStatus.INELIGIBLE == evaluate(org, Profile(age=17), on=on).status
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(), on=on).status
        assert "aged 18 to 35 years" == describe(rule)

    def test_leap_day_birthdays(self) -> None:
        """A 29 February matching date does not break age arithmetic."""
        org = _org_with(requirements=(Condition(field=ProfileField.AGE, at_least=18),))
        assert (
            MatchStatus.ELIGIBLE == evaluate(org, Profile(age=30), on=dt.date(2028, 2, 29)).status
        )

    def test_inactive_and_staff_groups(self) -> None:
        """Inactive groups and staff-only programs are ineligible, with the reason."""
        base = lookup_organization("ndtc")
        closed = evaluate(attrs.evolve(base, status=OrgStatus.DEFUNCT), Profile(party="D"), on=ON)
        assert MatchStatus.INELIGIBLE == closed.status
        assert "no longer runs programs (status: defunct)" == str(closed.failed[0])
        staff = attrs.evolve(base, roles=frozenset({Role.STAFF}))
        assert MatchStatus.INELIGIBLE == evaluate(staff, Profile(party="D"), on=ON).status
        assert (
            MatchStatus.ELIGIBLE
            == evaluate(staff, Profile(party="D"), on=ON, include_staff=True).status
        )

    def test_state_and_level(self) -> None:
        """State coverage and office level are checked for every group alike."""
        annies = lookup_organization("annies-list")
        assert MatchStatus.INELIGIBLE == evaluate(annies, Profile(state="OK"), on=ON).status
        rfs = lookup_organization("run-for-something")
        federal = Profile(party="D", birth_date="1990-01-01", prior_runs=0, office_level="federal")
        match = evaluate(rfs, federal, on=ON)
        assert MatchStatus.INELIGIBLE == match.status
        assert any("federal" in str(f) for f in match.failed)
        local = attrs.evolve(federal, office_level="local")
        assert MatchStatus.ELIGIBLE == evaluate(rfs, local, on=ON).status

    def test_any_of_groups(self) -> None:
        """An any_of group holds when one member holds."""
        new_politics = lookup_organization("new-politics")
        assert (
            MatchStatus.ELIGIBLE
            == evaluate(new_politics, Profile(national_service=True), on=ON).status
        )
        assert MatchStatus.POSSIBLE == evaluate(new_politics, Profile(veteran=False), on=ON).status
        failed = evaluate(new_politics, Profile(veteran=False, national_service=False), on=ON)
        assert MatchStatus.INELIGIBLE == failed.status
        assert str(failed.failed[0]).startswith("one of:")

    def test_unknown_org(self) -> None:
        """explain() of a name that is no organization suggests close ones."""
        with pytest.raises(UnknownOrganizationError) as info:
            explain(Profile(), "Emilys Lst")
        assert "emilys-list" in [o.id for o in info.value.suggestions]
        assert isinstance(info.value, LookupError)

    def test_to_dict(self) -> None:
        """Matches serialise to JSON-ready dicts."""
        data = explain(TX_WOMAN, "ndtc", on=ON).to_dict()
        assert ("ndtc", "eligible") == (data["id"], data["status"])


class TestDescribe:
    @pytest.mark.parametrize(
        ("condition", "text"),
        [
            (
                Condition(field=ProfileField.PARTY, one_of=frozenset({"democratic", "green"})),
                "a member of the Democratic or Green party",
            ),
            (
                Condition(field=ProfileField.STANCES, one_of=frozenset({"pro-life"})),
                "pro-life",
            ),
            (
                Condition(field=ProfileField.IDEOLOGY, one_of=frozenset({"progressive"})),
                "ideology is progressive",
            ),
            (
                Condition(field=ProfileField.OFFICE_LEVEL, one_of=frozenset({"local"})),
                "seeking local office",
            ),
            (Condition(field=ProfileField.VETERAN, equals=False), "not a veteran"),
            (Condition(field=ProfileField.PRIOR_RUNS, at_most=0), "a first-time candidate"),
            (
                Condition(field=ProfileField.PRIOR_RUNS, at_most=2),
                "has run for office at most 2 times before",
            ),
            (Condition(field=ProfileField.AGE, at_least=18), "aged at least 18 years"),
            (
                Condition(field=ProfileField.IMMIGRANT_GENERATION, at_least=1, at_most=2),
                "a first-generation or second-generation immigrant",
            ),
            (
                Condition(field=ProfileField.BIRTH_DATE, born_on_or_before=dt.date(2000, 12, 31)),
                "born in 2000 or earlier",
            ),
            (
                Condition(
                    field=ProfileField.BIRTH_DATE,
                    born_on_or_after=dt.date(1990, 6, 1),
                    born_on_or_before=dt.date(2000, 6, 1),
                ),
                "born on or after 1990-06-01 and on or before 2000-06-01",
            ),
        ],
    )
    def test_plain_words(self, condition: Condition, text: str) -> None:
        """Each kind of condition reads as plain words."""
        assert text == describe(condition)


class TestProperties:
    @settings(max_examples=examples(40), deadline=None)
    @given(profiles)
    def test_results_are_from_dataset_and_ordered(self, profile: Profile) -> None:
        """Matches come from the dataset, are never ineligible, and keep the documented order."""
        matches = eligible_orgs(profile, on=ON)
        ids = {o.id for o in organizations()}
        offered = {MatchStatus.ELIGIBLE, MatchStatus.POSSIBLE}
        assert all(m.org.id in ids and m.status in offered for m in matches)
        assert list(matches) == sorted(matches, key=sort_key)
        assert matches == eligible_orgs(profile, on=ON)

    @settings(max_examples=examples(30), deadline=None)
    @given(profiles, st.sampled_from(organizations()))
    def test_explain_agrees_with_eligible_orgs(self, profile: Profile, org: object) -> None:
        """explain() and eligible_orgs() never disagree."""
        match = explain(profile, org.id, on=ON)  # type: ignore[attr-defined]
        listed = {m.org.id: m for m in eligible_orgs(profile, on=ON)}
        wider = {m.org.id: m for m in eligible_orgs(profile, on=ON, include_outside_audience=True)}
        if org.coverage.counties and profile.county is None:  # type: ignore[attr-defined]
            # By design a county's own committee is listed only for a profile naming the
            # county (else every county's would be "possible"); explain still says why.
            assert match.org.id not in wider
            assert match.status is not MatchStatus.ELIGIBLE
        elif match.status is MatchStatus.INELIGIBLE:
            assert match.org.id not in wider
        elif match.status is MatchStatus.OUTSIDE_AUDIENCE:
            assert match.org.id not in listed
            assert match == wider[match.org.id]
        else:
            assert match == listed[match.org.id] == wider[match.org.id]

    @settings(max_examples=examples(60), deadline=None)
    @given(
        placed_profiles(),
        st.sampled_from([o for o in organizations() if o.kind is OrgKind.LOCAL_PARTY]),
    )
    def test_explain_agrees_for_local_committees(self, profile: Profile, org: object) -> None:
        """For county and town committees, with profiles placed where they work: a
        committee is listed exactly when it is offered to the profile's place and explain
        finds it eligible or possible, and then with the same match."""
        match = explain(profile, org.id, on=ON)  # type: ignore[attr-defined]
        listed = {m.org.id: m for m in eligible_orgs(profile, on=ON)}
        offered = oracle.offered(org, profile)  # type: ignore[arg-type]
        if offered and match.status in (MatchStatus.ELIGIBLE, MatchStatus.POSSIBLE):
            assert match == listed[match.org.id]
        else:
            assert match.org.id not in listed


class TestRuleKinds:
    def test_outside_audience_is_its_own_status(self) -> None:
        """A profile outside the stated audience is not offered, and explain says so as the
        group's focus, not as a rule."""
        org = _org_with(serves=(GENDER_WOMEN,))
        match = evaluate(org, Profile(gender="man"), on=ON)
        assert MatchStatus.OUTSIDE_AUDIENCE == match.status
        assert ["serves women; this profile's gender is man"] == [str(r) for r in match.failed]
        assert (RuleKind.AUDIENCE, Outcome.FAILED) == (
            match.failed[0].kind,
            match.failed[0].outcome,
        )
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(), on=ON).status
        assert (ProfileField.GENDER,) == evaluate(org, Profile(), on=ON).unknowns
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(gender="woman"), on=ON).status

    def test_a_failed_requirement_outranks_a_missed_audience(self) -> None:
        """Failing a published rule is ineligible, even when the audience is missed too."""
        org = _org_with(requirements=(PARTY_D,), serves=(GENDER_WOMEN,))
        match = evaluate(org, Profile(gender="man", party="R"), on=ON)
        assert MatchStatus.INELIGIBLE == match.status
        assert {RuleKind.REQUIREMENT, RuleKind.AUDIENCE} == {r.kind for r in match.failed}

    def test_include_outside_audience(self) -> None:
        """eligible_orgs leaves outside-audience groups out unless asked, then lists them last."""
        man = Profile(gender="man", party="R", state="OH")
        default = {m.org.id for m in eligible_orgs(man, on=ON)}
        wider = eligible_orgs(man, on=ON, include_outside_audience=True)
        outside = [m for m in wider if m.status is MatchStatus.OUTSIDE_AUDIENCE]
        assert outside
        assert not {m.org.id for m in outside} & default
        assert default == {m.org.id for m in wider if m.status is not MatchStatus.OUTSIDE_AUDIENCE}
        assert wider[-len(outside) :] == tuple(outside)

    def test_priorities_only_rank(self) -> None:
        """A priority the profile misses never excludes; one it meets raises relevance."""
        org = _org_with(priorities=(GENDER_WOMEN,))
        missed = evaluate(org, Profile(gender="man"), on=ON)
        assert MatchStatus.ELIGIBLE == missed.status
        assert -3 == missed.relevance
        met = evaluate(org, Profile(gender="woman"), on=ON)
        assert 3 == met.relevance
        assert any(r.kind is RuleKind.PRIORITY and r.outcome is Outcome.MET for r in met.reasons)

    def test_stances_are_open_world(self) -> None:
        """An unlisted stance is unknown; only the opposite stance fails."""
        org = _org_with(requirements=(PRO_CHOICE,))
        other = evaluate(org, Profile(stances=["gun-safety"]), on=ON)
        assert MatchStatus.POSSIBLE == other.status
        assert (ProfileField.STANCES,) == other.unknowns
        opposite = evaluate(org, Profile(stances=["pro-life", "gun-safety"]), on=ON)
        assert MatchStatus.INELIGIBLE == opposite.status
        assert "this profile's stances are gun-safety, pro-life" in str(opposite.failed[0])
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(stances="pro-choice"), on=ON).status

    def test_a_rule_wanting_either_stance_fails_only_on_both_opposites(self) -> None:
        """A rule met by either of two stances fails only if the profile holds both opposites."""
        either = Condition(
            field=ProfileField.STANCES, one_of=frozenset({"pro-choice", "gun-safety"})
        )
        org = _org_with(serves=(either,))
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(stances=["pro-life"]), on=ON).status
        both = Profile(stances=["pro-life", "gun-rights"])
        assert MatchStatus.OUTSIDE_AUDIENCE == evaluate(org, both, on=ON).status

    def test_communities_never_fail(self) -> None:
        """A community the profile does not list leaves the match possible, never eligible."""
        muslim = Condition(field=ProfileField.COMMUNITIES, one_of=frozenset({"muslim"}))
        org = _org_with(serves=(muslim,))
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(), on=ON).status
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(communities=[]), on=ON).status
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(communities="muslim"), on=ON).status

    def test_race_ethnicity_is_the_whole_list(self) -> None:
        """race_ethnicity lists every identity the person gave, so one not listed fails."""
        black = Condition(field=ProfileField.RACE_ETHNICITY, one_of=frozenset({"black"}))
        org = _org_with(serves=(black,))
        assert (
            MatchStatus.OUTSIDE_AUDIENCE
            == evaluate(org, Profile(race_ethnicity="white"), on=ON).status
        )
        assert (
            MatchStatus.ELIGIBLE
            == evaluate(org, Profile(race_ethnicity="latino, black"), on=ON).status
        )
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(), on=ON).status


class TestRelevance:
    """The ranking model of the guide, one test per rule."""

    def test_counts_fields_aimed_at_the_person_not_rules_written(self) -> None:
        """Two rules on one field score once; state coverage does not score."""
        young = Condition(field=ProfileField.AGE, at_least=18)
        born = Condition(field=ProfileField.BIRTH_DATE, born_on_or_after=dt.date(1990, 1, 1))
        org = _org_with(requirements=(young, born))
        assert 10 == evaluate(org, Profile(age=30), on=ON).relevance
        in_state = attrs.evolve(
            _org_with(requirements=(GENDER_WOMEN,)),
            coverage=Coverage(scope=Scope.STATES, states=frozenset({"TX"})),
        )
        assert 10 == evaluate(in_state, Profile(gender="woman", state="TX"), on=ON).relevance
        open_to_all = _org_with()
        assert 0 == evaluate(open_to_all, Profile(gender="woman", state="TX"), on=ON).relevance

    def test_who_the_person_is_outweighs_party(self) -> None:
        """A met rule on party or ideology scores 6; on who the person is (here veteran), 10."""
        dems = Condition(field=ProfileField.PARTY, one_of=frozenset({"democratic"}))
        vets = Condition(field=ProfileField.VETERAN, equals=True)
        profile = Profile(party="D", veteran=True)
        assert 6 == evaluate(_org_with(serves=(dems,)), profile, on=ON).relevance
        assert 10 == evaluate(_org_with(serves=(vets,)), profile, on=ON).relevance

    def test_a_devoted_group_possible_on_one_fact_outranks_an_open_one(self) -> None:
        """A group aimed at two known facts and possible on one unknown one ranks above a group
        open to everyone; each unknown fact costs eight points."""
        from civicrun._order import rank_of

        latino = Condition(field=ProfileField.RACE_ETHNICITY, one_of=frozenset({"latino"}))
        dems = Condition(field=ProfileField.PARTY, one_of=frozenset({"democratic"}))
        devoted = _org_with(serves=(latino, dems, PRO_CHOICE))
        person = Profile(party="D", race_ethnicity="latino")
        match = evaluate(devoted, person, on=ON)
        assert MatchStatus.POSSIBLE == match.status
        assert 16 - 8 == rank_of(match.relevance, match.unknowns)
        assert rank_of(match.relevance, match.unknowns) > 0  # an open group's score
        assert 12 - 8 == rank_of(12, (ProfileField.AGE, ProfileField.BIRTH_DATE))

    def test_a_missed_priority_lowers_rank(self) -> None:
        """A priority the person is known to miss lowers the group by three; one on a fact the
        person did not give, by one, so an equal group that prefers no one comes first."""
        org = _org_with(priorities=(GENDER_WOMEN,))
        assert -3 == evaluate(org, Profile(gender="man"), on=ON).relevance
        assert -1 == evaluate(org, Profile(), on=ON).relevance
        assert 0 == evaluate(_org_with(), Profile(), on=ON).relevance

    def test_a_group_without_recent_activity_ranks_after_live_ones(self) -> None:
        """A group whose newest evidence of activity is over three years old comes after every
        live group, whatever its score, and carries a caveat naming the year."""
        vets = Condition(field=ProfileField.VETERAN, equals=True)
        old = attrs.evolve(
            _org_with(serves=(vets,)),
            active_as_of=dt.date(2016, 5, 1),
            active_source=_org_with().sources[0].url,
        )
        live = _org_with()
        profile = Profile(veteran=True)
        dormant, fresh = evaluate(old, profile, on=ON), evaluate(live, profile, on=ON)
        assert dormant.relevance > fresh.relevance
        assert sort_key(fresh) < sort_key(dormant)
        assert any("2016" in str(c) for c in dormant.caveats)
        assert not any("sign of activity" in str(c) for c in fresh.caveats)

    def test_ties_go_to_the_eligible_then_the_nearer_group(self) -> None:
        """Equal rank: eligible before possible, then county, state, national, then id."""
        national = _org_with()
        state = attrs.evolve(
            national, coverage=Coverage(scope=Scope.STATES, states=frozenset({"TX"}))
        )
        profile = Profile(state="TX")
        assert sort_key(evaluate(state, profile, on=ON)) < sort_key(
            evaluate(national, profile, on=ON)
        )
        keys = sort_key(evaluate(national, profile, on=ON))
        assert keys[-1] == national.id

    def test_aimed_groups_come_before_open_ones(self) -> None:
        """For a Black Democratic woman in Texas, groups aimed at her rank above open ones."""
        matches = [m for m in eligible_orgs(TX_WOMAN, on=ON) if m.status is MatchStatus.ELIGIBLE]
        ranks = {m.org.id: i for i, m in enumerate(matches)}
        open_ids = [m.org.id for m in matches if not (m.org.requirements or m.org.serves)]
        assert open_ids
        assert ranks["higher-heights"] < min(ranks[i] for i in open_ids)
        assert all(m.relevance < 10 for m in matches if m.org.id in open_ids)

    @settings(max_examples=examples(60), deadline=None)
    @given(profiles, st.sampled_from(sorted(o.id for o in organizations() if o.serves)))
    def test_adding_a_fact_a_group_targets_never_lowers_it(
        self, profile: Profile, org_id: str
    ) -> None:
        """Telling civicrun a fact that meets one of a group's audience rules never lowers the
        group's rank score."""
        from civicrun._order import rank_of

        org = lookup_organization(org_id)
        rule = next((r for r in org.serves if isinstance(r, Condition)), None)
        if rule is None or getattr(profile, rule.field.value) is not None:
            return
        if rule.one_of is not None:
            value: Any = sorted(rule.one_of)[0]
        elif rule.equals is not None:
            value = rule.equals
        else:
            return
        before = evaluate(org, profile, on=ON)
        after = evaluate(org, attrs.evolve(profile, **{rule.field.value: value}), on=ON)
        if before.status is MatchStatus.INELIGIBLE or after.status is MatchStatus.INELIGIBLE:
            return
        assert rank_of(after.relevance, after.unknowns) >= rank_of(
            before.relevance, before.unknowns
        )


class TestReasons:
    def test_reasons_are_records_that_print_as_sentences(self) -> None:
        """Each reason carries kind, field and outcome; str() is the sentence; to_dict has all."""
        match = explain(TX_WOMAN, "emilys-list", on=ON)
        assert all(isinstance(r, Reason) for r in (*match.reasons, *match.caveats))
        kinds = {r.kind for r in match.reasons}
        assert RuleKind.REQUIREMENT in kinds or RuleKind.AUDIENCE in kinds
        assert {RuleKind.HOW_TO_JOIN} <= {r.kind for r in match.caveats}
        data = match.to_dict()
        assert {"kind", "field", "outcome", "text"} == set(data["reasons"][0])  # type: ignore[index]
        assert all(not str(r).startswith("EMILY") for r in match.failed)


class TestIndex:
    """eligible_orgs (the compiled rules and the index) against the plain evaluator in
    tests/oracle.py, which shares no decision code with it."""

    @staticmethod
    def _agree(fast: Sequence[Match], plain: list[Any]) -> None:
        assert sorted((m.org.id, m.status, m.unknowns, m.relevance) for m in fast) == sorted(plain)
        assert list(fast) == sorted(fast, key=sort_key)
        for match in fast:
            # A match's reasons come from the same decisions as its status.
            failed = [r for r in match.reasons if r.outcome is Outcome.FAILED]
            unknown = [r for r in match.reasons if r.outcome is Outcome.UNKNOWN]
            assert all(r.kind is RuleKind.AUDIENCE for r in failed)
            assert bool(failed) == (match.status is MatchStatus.OUTSIDE_AUDIENCE)
            assert bool(unknown) == bool(match.unknowns)

    @settings(max_examples=examples(150), deadline=None)
    @given(profiles, st.booleans(), st.booleans())
    def test_indexed_matcher_equals_the_plain_evaluator(
        self, profile: Profile, staff: bool, outside: bool
    ) -> None:
        """The same organizations, statuses, unknowns and relevance, in sort_key order, with
        reasons that agree with each status."""
        fast = eligible_orgs(profile, on=ON, include_staff=staff, include_outside_audience=outside)
        plain = oracle.plain_matches(
            profile, on=ON, include_staff=staff, include_outside_audience=outside
        )
        self._agree(fast, plain)

    @settings(max_examples=examples(150), deadline=None)
    @given(placed_profiles(), st.booleans())
    def test_indexed_matcher_equals_the_plain_evaluator_where_committees_work(
        self, profile: Profile, outside: bool
    ) -> None:
        """The same with profiles placed in the counties and towns of local committees, or
        mixing two committees' places, so county and town committees are in play."""
        fast = eligible_orgs(profile, on=ON, include_outside_audience=outside)
        plain = oracle.plain_matches(profile, on=ON, include_outside_audience=outside)
        self._agree(fast, plain)

    @settings(max_examples=examples(100), deadline=None)
    @given(profiles, st.sampled_from(sorted(o.id for o in organizations())))
    def test_explain_equals_the_plain_evaluator(self, profile: Profile, org_id: str) -> None:
        """explain folds every rule: its status, unknowns and relevance are the plain
        evaluator's for any organization, offered or not."""
        match = explain(profile, org_id, on=ON)
        status, unknowns, relevance = oracle.status(match.org, profile, ON, False)
        assert (match.status, match.relevance) == (status, relevance)
        if status is not MatchStatus.INELIGIBLE:
            assert match.unknowns == unknowns
        assert bool(match.failed) == (
            status in (MatchStatus.INELIGIBLE, MatchStatus.OUTSIDE_AUDIENCE)
        )

    def test_reasons_are_written_only_when_read(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """eligible_orgs writes no reason; a match works out its reasons on first read, once."""
        from civicrun import _results
        from civicrun._rules import CompiledOrg
        from civicrun._wording import explain as reference

        calls: list[str] = []

        def counting(group: CompiledOrg, *args: Any) -> Any:
            calls.append(group.id)
            return reference(group, *args)

        monkeypatch.setattr(_results, "explain", counting)
        matches = eligible_orgs(TX_WOMAN, on=ON)
        assert [] == calls
        first = matches[0].reasons
        assert first is matches[0].reasons
        assert [matches[0].org.id] == calls


class TestMatches:
    """eligible_orgs returns a lazy, read-only sequence (issue 18): the call decides, the order
    and each Match are made on first read, and it behaves as the tuple it used to be."""

    def test_len_and_bool_make_no_match(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from civicrun import _results

        made: list[str] = []
        reference = _results.make_match

        def counting(selected: Any, *args: Any) -> Match:
            made.append(selected[0].id)
            return reference(selected, *args)

        monkeypatch.setattr(_results, "make_match", counting)
        result = eligible_orgs(Profile(), on=ON)
        assert len(result) > 400
        assert result
        assert not eligible_orgs(Profile(state="GU", party="green"), on=ON)
        assert [] == made
        ids = result.ids
        assert [] == made
        first = result[:5]
        assert [m.org.id for m in first] == list(ids[:5]) == made
        assert first[0] is result[0]
        assert result[-1] is result[len(result) - 1]
        assert list(result) == list(result)
        assert len(made) == len(result)  # each match made once

    def test_first_reads_read_off_only_the_groups_read(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Reading the first matches reads off the unknowns and relevance of those alone (the
        order of all is integer keys); reading many reads off every group's at once."""
        from civicrun import _order

        read: list[int] = []
        reference = _order._unknowns

        def counting(fields: list[ProfileField]) -> Any:
            read.append(1)
            return reference(fields)

        monkeypatch.setattr(_order, "_unknowns", counting)
        result = eligible_orgs(Profile(), on=ON)
        assert len(result) > 400
        first = result[:5]
        assert len(read) == 5
        assert list(result)[:5] == list(first)
        assert len(read) < 5 + 100  # one per distinct set of unknowns, not one per match

    def test_is_a_sequence_equal_to_the_tuple(self) -> None:
        from collections.abc import Sequence as SequenceABC

        from civicrun import Matches

        result = eligible_orgs(TX_WOMAN, on=ON)
        again = eligible_orgs(TX_WOMAN, on=ON)
        assert isinstance(result, Matches)
        assert isinstance(result, SequenceABC)
        whole = tuple(result)
        assert result == whole
        assert whole == result
        assert list(whole) == result
        assert result == again
        assert hash(result) == hash(whole)
        assert result != whole[:-1]
        assert result != whole[::-1]
        assert result != "text"
        assert result[1:4] == whole[1:4]
        assert type(result[1:4]) is tuple
        assert result[::-2] == whole[::-2]
        assert result.ids == tuple(m.org.id for m in whole)
        joined = result + whole[:1]
        assert joined == (*whole, whole[0])
        assert type(joined) is tuple
        joined = whole[:1] + result
        assert joined == (whole[0], *whole)
        assert type(joined) is tuple
        assert result.index(whole[2]) == 2
        assert whole[3] in result
        assert list(reversed(result)) == list(reversed(whole))
        with pytest.raises(IndexError):
            result[len(result)]
        with pytest.raises(TypeError):
            result["0"]  # type: ignore[call-overload]
        assert repr(result) == f"<Matches: {len(whole)} on {ON.isoformat()}>"

    def test_order_and_fields_are_sort_keys(self) -> None:
        """The order made lazily is sort_key's, for every flag."""
        for staff in (False, True):
            for outside in (False, True):
                result = eligible_orgs(
                    TX_WOMAN, on=ON, include_staff=staff, include_outside_audience=outside
                )
                assert list(result) == sorted(result, key=sort_key)
