"""Matching: statuses, reasons, unknowns and order."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicrun import (
    Audience,
    Condition,
    MatchStatus,
    OrgStatus,
    Profile,
    ProfileField,
    UnknownOrganizationError,
    eligible_orgs,
    explain,
    get_organization,
    organizations,
)
from civicrun._match import describe, evaluate

from .conftest import ON
from .strategies import profiles

TX_WOMAN = Profile(state="TX", party="democratic", gender="woman", age=29, race_ethnicity=["black"])


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
            and Audience.CANDIDATES in o.audience
        }
        assert expected == returned
        for match in matches:
            has_rules = bool(match.org.requirements) or match.org.coverage.states
            assert (MatchStatus.POSSIBLE if has_rules else MatchStatus.ELIGIBLE) == match.status
            assert bool(match.unknowns) == bool(has_rules)


class TestExplain:
    def test_ineligible_names_failing_rule(self) -> None:
        """explain() says which rule fails and what the profile says."""
        match = explain(Profile(birth_date="1970-03-04", party="D"), "run-for-something", on=ON)
        assert MatchStatus.INELIGIBLE == match.status
        assert (
            "Run for Something: born in 1984 or later is required; "
            "this profile's birth date is 1970-03-04",
        ) == match.failed

    def test_age_only_at_the_boundary(self) -> None:
        """An age that straddles a birth-date cut-off is possible, pending the birth date."""
        rule = Condition(field=ProfileField.BIRTH_DATE, born_on_or_after=dt.date(1984, 1, 1))
        org = attrs.evolve(get_organization("ndtc"), requirements=(rule,))
        on = dt.date(2026, 6, 1)
        assert MatchStatus.POSSIBLE == evaluate(org, Profile(age=42), on=on).status
        assert (ProfileField.BIRTH_DATE,) == evaluate(org, Profile(age=42), on=on).unknowns
        assert MatchStatus.ELIGIBLE == evaluate(org, Profile(age=41), on=on).status
        assert MatchStatus.INELIGIBLE == evaluate(org, Profile(age=43), on=on).status

    def test_age_bounds(self) -> None:
        """Age rules use the birth date on the matching date, or the age given."""
        rule = Condition(field=ProfileField.AGE, at_least=18, at_most=35)
        org = attrs.evolve(get_organization("ndtc"), requirements=(rule,))
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
        org = attrs.evolve(
            get_organization("ndtc"), requirements=(Condition(field=ProfileField.AGE, at_least=18),)
        )
        assert (
            MatchStatus.ELIGIBLE == evaluate(org, Profile(age=30), on=dt.date(2028, 2, 29)).status
        )

    def test_inactive_and_staff_groups(self) -> None:
        """Inactive groups and staff-only programs are ineligible, with the reason."""
        base = get_organization("ndtc")
        closed = evaluate(attrs.evolve(base, status=OrgStatus.DEFUNCT), Profile(party="D"), on=ON)
        assert MatchStatus.INELIGIBLE == closed.status
        assert "defunct" in closed.failed[0]
        staff = attrs.evolve(base, audience=frozenset({Audience.STAFF}))
        assert MatchStatus.INELIGIBLE == evaluate(staff, Profile(party="D"), on=ON).status
        assert (
            MatchStatus.ELIGIBLE
            == evaluate(staff, Profile(party="D"), on=ON, include_staff=True).status
        )

    def test_state_and_level(self) -> None:
        """State coverage and office level are checked for every group alike."""
        annies = get_organization("annies-list")
        assert MatchStatus.INELIGIBLE == evaluate(annies, Profile(state="OK"), on=ON).status
        rfs = get_organization("run-for-something")
        federal = Profile(party="D", birth_date="1990-01-01", prior_runs=0, office_level="federal")
        match = evaluate(rfs, federal, on=ON)
        assert MatchStatus.INELIGIBLE == match.status
        assert any("federal" in f for f in match.failed)
        local = attrs.evolve(federal, office_level="local")
        assert MatchStatus.ELIGIBLE == evaluate(rfs, local, on=ON).status

    def test_any_of_groups(self) -> None:
        """An any_of group holds when one member holds."""
        new_politics = get_organization("new-politics")
        assert (
            MatchStatus.ELIGIBLE
            == evaluate(new_politics, Profile(national_service=True), on=ON).status
        )
        assert MatchStatus.POSSIBLE == evaluate(new_politics, Profile(veteran=False), on=ON).status
        failed = evaluate(new_politics, Profile(veteran=False, national_service=False), on=ON)
        assert MatchStatus.INELIGIBLE == failed.status
        assert "one of:" in failed.failed[0]

    def test_unknown_org(self) -> None:
        """explain() of a name that is no organization suggests close ones."""
        with pytest.raises(UnknownOrganizationError) as info:
            explain(Profile(), "Emilys Lst")
        assert "emilys-list" in info.value.suggestions
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
                "holds the stance pro-life",
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
    @settings(max_examples=40, deadline=None)
    @given(profiles)
    def test_results_are_from_dataset_and_ordered(self, profile: Profile) -> None:
        """Matches come from the dataset, are never ineligible, and keep the documented order."""
        matches = eligible_orgs(profile, on=ON)
        ids = {o.id for o in organizations()}
        assert all(m.org.id in ids and m.status is not MatchStatus.INELIGIBLE for m in matches)
        keys = [(m.status is not MatchStatus.ELIGIBLE, -m.relevance, m.org.id) for m in matches]
        assert keys == sorted(keys)
        assert matches == eligible_orgs(profile, on=ON)

    @settings(max_examples=30, deadline=None)
    @given(profiles, st.sampled_from(organizations()))
    def test_explain_agrees_with_eligible_orgs(self, profile: Profile, org: object) -> None:
        """explain() and eligible_orgs() never disagree."""
        match = explain(profile, org.id, on=ON)  # type: ignore[attr-defined]
        listed = {m.org.id: m for m in eligible_orgs(profile, on=ON)}
        if match.status is MatchStatus.INELIGIBLE:
            assert match.org.id not in listed
        else:
            assert match == listed[match.org.id]
