"""Which office, where I live, and when: offices_for, its records and the offices command.

The state records' running-for-office facts are not shipped yet, so these tests build them
with attrs.evolve on shipped records (made-up values on example.org, never presented as data).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civicrun
from civicrun import Profile, lookup_state, office_categories_for_state, offices_for
from civicrun._check import check_data
from civicrun._fmt import canonical
from civicrun.cli import main
from civicrun.errors import ArgumentTypeError, InvalidArgumentError
from civicrun.records import Candidacy, OfficeHere, Qualification, Source, State
from civicrun.vocab import (
    CHAMBER_OFFICES,
    QUALIFIED_OFFICE_CATEGORIES,
    Outcome,
    ProfileField,
    QualificationStatus,
    QualifiedOffice,
    SourceKind,
)

from .conftest import CHECK_DAY, ON, examples

PAGE = "https://group.test/candidates"
CANDIDACY = Candidacy(
    guide=PAGE, filing="Example: the county clerk.", elections="Example: in November.", source=PAGE
)


def _record(code: str = "TX", **changes: object) -> State:
    return attrs.evolve(lookup_state(code), **changes)  # type: ignore[arg-type]


def _by_id(profile: Profile, record: State | None = None) -> dict[str, civicrun.OfficeOption]:
    return {o.category.id: o for o in offices_for(profile, on=ON, state_record=record)}


class TestWhichOffices:
    def test_the_categories_of_the_state_in_order(self) -> None:
        """One option per category office_categories_for_state gives, in its order."""
        expected = [o.id for o in office_categories_for_state("TX")]
        assert expected == [o.category.id for o in offices_for(Profile(state="TX"), on=ON)]

    def test_a_category_the_state_lacks_is_left_out(self) -> None:
        """An offices entry with present = false drops the category from the answer."""
        absent = OfficeHere(category="school-board", present=False, source=PAGE)
        found = _by_id(Profile(state="TX"), _record(offices=(absent,)))
        assert "school-board" not in found
        assert "sheriff" in found

    def test_no_sheriffs_in_alaska_connecticut_and_hawaii(self) -> None:
        """AK, CT and HI list no sheriffs (their records cite the National Sheriffs'
        Association); other states still do."""
        for code in ("AK", "CT", "HI"):
            assert "sheriff" not in [o.id for o in office_categories_for_state(code)], code
            assert "sheriff" not in _by_id(Profile(state=code))
        assert "sheriff" in [o.id for o in office_categories_for_state("TX")]

    def test_no_senators_for_dc_and_the_territories_and_no_state_legislature_for_dc(
        self,
    ) -> None:
        """DC and the five territories elect no US senator, and DC has no state legislature
        (its Council is its legislative body), as their records' cited pages say."""
        for code in ("DC", "PR", "GU", "VI", "AS", "MP"):
            offered = [o.id for o in office_categories_for_state(code)]
            assert "us-senate" not in offered, code
            assert "us-house" in offered, code
        assert "state-legislature" not in [o.id for o in office_categories_for_state("DC")]
        assert "state-legislature" in [o.id for o in office_categories_for_state("PR")]
        council = _by_id(Profile(state="DC"))["city-council"]
        assert "Council of the District of Columbia" == council.name

    def test_a_category_with_a_state_list_only_where_listed(self) -> None:
        """Town meetings are offered in Vermont, not in Texas."""
        assert "town-meeting-and-select-board" in _by_id(Profile(state="VT"))
        assert "town-meeting-and-select-board" not in _by_id(Profile(state="TX"))

    def test_local_name_level_and_note(self) -> None:
        """The state's local name replaces the category's; the level is the category's."""
        here = OfficeHere(
            category="county-commission", local_name="Example court", source=PAGE, note="N."
        )
        option = _by_id(Profile(state="TX"), _record(offices=(here,)))["county-commission"]
        assert ("Example court", "local", "N.") == (option.name, option.level.value, option.note)
        assert PAGE in option.sources
        category = civicrun.get_office_category("county-commission")
        assert category is not None
        assert (
            category.name
            == _by_id(Profile(state="TX"), _record(offices=()))["county-commission"].name
        )
        # the shipped record's own local name, where it gives one, is the one shown
        shipped = {o.category: o.local_name for o in lookup_state("TX").offices}
        assert (shipped.get("county-commission") or category.name) == _by_id(Profile(state="TX"))[
            "county-commission"
        ].name


class TestWhenAndWhere:
    def test_candidacy_facts_come_through(self) -> None:
        """elections, filing and guide are the state's candidacy facts."""
        option = _by_id(Profile(state="TX"), _record(candidacy=CANDIDACY))["us-house"]
        assert (CANDIDACY.elections, CANDIDACY.filing, CANDIDACY.guide) == (
            option.elections,
            option.filing,
            option.guide,
        )
        assert () == option.not_recorded
        assert PAGE in option.sources

    def test_missing_facts_are_none_and_said(self) -> None:
        """With no candidacy recorded, the three facts are None and each is named."""
        option = _by_id(Profile(state="TX"), _record(candidacy=None))["us-house"]
        assert (None, None, None) == (option.elections, option.filing, option.guide)
        assert [
            "when elections are held in Texas: not recorded yet",
            "where candidates file in Texas: not recorded yet",
            "Texas's official candidate guide: not recorded yet",
        ] == list(option.not_recorded)


class TestQualifications:
    def test_no_qualifications_recorded_is_unknown(self) -> None:
        """An office with nothing recorded is unknown, with a reason saying so."""
        option = _by_id(Profile(state="TX", age=40), _record(qualifications=()))["mayor"]
        assert QualificationStatus.UNKNOWN is option.status
        assert ["qualifications for this office in Texas: not recorded yet"] == [
            str(r) for r in option.reasons
        ]

    def test_meets_too_young_and_no_age(self) -> None:
        """Old enough meets, too young does not, no age is unknown (never does-not-meet)."""
        qual = Qualification(office=QualifiedOffice.MAYOR, min_age=21, source=PAGE)
        record = _record(qualifications=(qual,))
        old = _by_id(Profile(state="TX", age=21), record)["mayor"]
        young = _by_id(Profile(state="TX", age=20), record)["mayor"]
        nobody = _by_id(Profile(state="TX"), record)["mayor"]
        assert QualificationStatus.MEETS is old.status
        assert QualificationStatus.DOES_NOT_MEET is young.status
        assert QualificationStatus.UNKNOWN is nobody.status
        assert (ProfileField.AGE, ProfileField.BIRTH_DATE) == nobody.unknowns
        assert [
            "Mayor: aged at least 21 years is required; this profile's age is 20 on 2026-12-01"
        ] == [str(r) for r in young.reasons]
        assert (Outcome.FAILED, ProfileField.AGE) == (
            young.reasons[0].outcome,
            young.reasons[0].field,
        )

    def test_birth_date_decides_age_on_the_date(self) -> None:
        """A birth date is measured on ``on``: 25 the day before the birthday is 24."""
        qual = Qualification(office=QualifiedOffice.US_HOUSE, min_age=25, source=PAGE)
        record = _record(qualifications=(qual,))
        person = Profile(state="TX", birth_date="2001-12-02")

        def house_on(day: dt.date) -> QualificationStatus:
            found = offices_for(person, on=day, state_record=record)
            return next(o for o in found if o.category.id == "us-house").status

        assert QualificationStatus.DOES_NOT_MEET is house_on(dt.date(2026, 12, 1))
        assert QualificationStatus.MEETS is house_on(dt.date(2026, 12, 2))

    def test_a_qualification_stating_nothing_is_not_a_meets(self) -> None:
        """A qualification record with every fact left out says nothing: unknown."""
        qual = Qualification(office=QualifiedOffice.MAYOR, source=PAGE)
        option = _by_id(Profile(state="TX", age=40), _record(qualifications=(qual,)))["mayor"]
        assert QualificationStatus.UNKNOWN is option.status
        assert ["Mayor: qualifications in Texas: not recorded yet"] == [
            str(r) for r in option.reasons
        ]

    def test_facts_a_profile_cannot_give_are_unknown(self) -> None:
        """Citizenship, years of residence, the district and voter registration are asked of
        nobody: each is an unknown reason with no field, and the office is unknown."""
        qual = Qualification(
            office=QualifiedOffice.COUNTY_COMMISSION,
            min_age=18,
            state_residency_years=2,
            district_residency_years=0.5,
            citizen_years=0,
            registered_voter=True,
            source=PAGE,
            note="Age is counted on election day.",
        )
        option = _by_id(Profile(state="TX", age=40), _record(qualifications=(qual,)))[
            "county-commission"
        ]
        assert QualificationStatus.UNKNOWN is option.status
        assert () == option.unknowns
        assert [
            (Outcome.UNKNOWN, None),
            (Outcome.UNKNOWN, None),
            (Outcome.UNKNOWN, None),
            (Outcome.UNKNOWN, None),
            (Outcome.MET, ProfileField.AGE),
            (Outcome.NOTE, None),
        ] == [(r.outcome, r.field) for r in option.reasons]
        texts = [str(r) for r in option.reasons]
        assert "in Texas for at least 2 years is required" in texts[0]
        assert (
            "residence in the county or commissioner district for at least 6 months" in (texts[1])
        )
        assert "the profile does not say which one" in texts[1]
        assert "County commission: U.S. citizenship is required" in texts[2]
        assert "County commission: Age is counted on election day." == texts[5]

    def test_residence_in_the_state_with_no_length_is_met(self) -> None:
        """The profile's state is where the person lives: residence there, with no length,
        holds."""
        qual = Qualification(
            office=QualifiedOffice.SCHOOL_BOARD, min_age=18, state_residency_years=0, source=PAGE
        )
        option = _by_id(Profile(state="TX", age=18), _record(qualifications=(qual,)))[
            "school-board"
        ]
        assert QualificationStatus.MEETS is option.status
        assert [Outcome.MET, Outcome.MET] == [r.outcome for r in option.reasons]

    def test_a_legislature_meets_if_one_chamber_does(self) -> None:
        """Old enough for the house but not the senate: the legislature is open."""
        quals = (
            Qualification(office=QualifiedOffice.STATE_SENATE, min_age=30, source=PAGE),
            Qualification(office=QualifiedOffice.STATE_HOUSE, min_age=21, source=PAGE),
        )
        option = _by_id(Profile(state="TX", age=25), _record(qualifications=quals))[
            "state-legislature"
        ]
        assert QualificationStatus.MEETS is option.status
        assert [Outcome.FAILED, Outcome.MET] == [r.outcome for r in option.reasons]
        assert str(option.reasons[0]).startswith("State senate: ")

    def test_recorded_qualifications_outrank_the_categorys_minimum_ages(self) -> None:
        """A state's own qualification replaces the category's minimum age for that chamber."""
        quals = (Qualification(office=QualifiedOffice.STATE_SENATE, min_age=18, source=PAGE),)
        option = _by_id(Profile(state="AZ", age=22), _record("AZ", qualifications=quals))[
            "state-legislature"
        ]
        assert QualificationStatus.MEETS is option.status
        assert PAGE in option.sources

    def test_the_categorys_minimum_ages_are_used_alone(self) -> None:
        """With only the category's minimum ages (no qualifications on the state's record),
        a 22-year-old in Arizona is too young for both chambers (25 each), and the other
        qualifications are said to be not recorded yet."""
        option = _by_id(Profile(state="AZ", age=22), _record("AZ", qualifications=()))[
            "state-legislature"
        ]
        assert QualificationStatus.DOES_NOT_MEET is option.status
        assert 2 == sum(r.outcome is Outcome.FAILED for r in option.reasons)
        assert all("not recorded yet" in str(r) for r in option.reasons[2:4])
        assert option.sources  # the category's minimum-age sources

    def test_a_qualification_without_an_age_keeps_the_categorys_age(self) -> None:
        """A state's record that gives a chamber's residency but not its age still checks the
        age the category records for that chamber."""
        quals = tuple(
            Qualification(office=office, state_residency_years=3, source=PAGE)
            for office in (QualifiedOffice.STATE_SENATE, QualifiedOffice.STATE_HOUSE)
        )
        option = _by_id(Profile(state="AZ", age=22), _record("AZ", qualifications=quals))[
            "state-legislature"
        ]
        assert QualificationStatus.DOES_NOT_MEET is option.status
        failed = [str(r) for r in option.reasons if r.outcome is Outcome.FAILED]
        assert 2 == len(failed)
        assert all("aged at least 25 years is required" in text for text in failed)
        assert PAGE in option.sources

    def test_a_chamber_not_recorded_keeps_the_legislature_open(self) -> None:
        """Too young for the recorded senate, with the house not recorded: unknown, not no
        (Idaho: the category records no minimum age there)."""
        quals = (Qualification(office=QualifiedOffice.STATE_SENATE, min_age=30, source=PAGE),)
        option = _by_id(Profile(state="ID", age=25), _record("ID", qualifications=quals))[
            "state-legislature"
        ]
        assert QualificationStatus.UNKNOWN is option.status
        assert [
            "State senate: aged at least 30 years is required; this profile's age is 25 on "
            "2026-12-01",
            "State house or assembly: qualifications in Idaho: not recorded yet",
        ] == [str(r) for r in option.reasons]

    def test_nebraska_too_young_for_its_one_recorded_chamber(self) -> None:
        """Nebraska's single chamber is recorded as a senate (21): a 20-year-old fails it, and
        the house, which civicrun has no record of, leaves the answer unknown, never no."""
        option = _by_id(Profile(state="NE", age=20))["state-legislature"]
        assert QualificationStatus.UNKNOWN is option.status
        assert Outcome.FAILED is option.reasons[0].outcome


class TestArguments:
    def test_a_state_is_needed(self) -> None:
        """No state, and no record, is an InvalidArgumentError (a ValueError)."""
        with pytest.raises(InvalidArgumentError, match="gives no state"):
            offices_for(Profile(age=30))

    def test_the_record_must_be_the_profiles_state(self) -> None:
        """A record of another state is refused; a profile without a state takes the
        record's."""
        with pytest.raises(ValueError, match="state_record is VT's but the profile's state is TX"):
            offices_for(Profile(state="TX"), state_record=lookup_state("VT"))
        assert "VT" == offices_for(Profile(), state_record=lookup_state("VT"))[0].state

    def test_wrong_types(self) -> None:
        """Each argument of the wrong type is an ArgumentTypeError (a TypeError)."""
        with pytest.raises(ArgumentTypeError):
            offices_for({"state": "TX"})  # type: ignore[arg-type]
        with pytest.raises(ArgumentTypeError):
            offices_for(Profile(state="TX"), on="2026-01-01")  # type: ignore[arg-type]
        with pytest.raises(ArgumentTypeError):
            offices_for(Profile(state="TX"), state_record="TX")  # type: ignore[arg-type]

    def test_the_qualified_offices_name_shipped_categories(self) -> None:
        """Every qualified office (and chamber) belongs to a shipped office category."""
        ids = {o.id for o in civicrun.office_categories()}
        assert set(QUALIFIED_OFFICE_CATEGORIES.values()) <= ids
        assert set(QUALIFIED_OFFICE_CATEGORIES) == set(QualifiedOffice)
        assert {"state-legislature"} == {
            QUALIFIED_OFFICE_CATEGORIES[o] for o in CHAMBER_OFFICES.values()
        }


class TestDataCheck:
    def test_a_state_record_with_running_facts_is_checked(self, tmp_path: Path) -> None:
        """data check on a contributor's state file: a local name for an office the state
        lacks, qualifications for it, and a fact citing no source of the record are refused;
        the same facts, cited and consistent, pass."""
        source = Source(url=PAGE, read=dt.date(2026, 11, 30), kind=SourceKind.GOVERNMENT)
        base = _record(sources=(*lookup_state("TX").sources, source))
        good = attrs.evolve(
            base,
            candidacy=CANDIDACY,
            offices=(OfficeHere(category="county-commission", local_name="Example", source=PAGE),),
            qualifications=(
                Qualification(office=QualifiedOffice.COUNTY_COMMISSION, min_age=18, source=PAGE),
            ),
        )
        folder = tmp_path / "states"
        folder.mkdir()
        path = folder / "tx.toml"
        path.write_text(canonical(good), encoding="utf-8")
        assert [] == check_data(paths=[path], today=CHECK_DAY)
        bad = attrs.evolve(
            good,
            offices=(
                OfficeHere(
                    category="county-commission", present=False, local_name="X", source=PAGE
                ),
            ),
            candidacy=attrs.evolve(CANDIDACY, source="https://group.test/not-read"),
        )
        path.write_text(canonical(bad), encoding="utf-8")
        problems = [p.text for p in check_data(paths=[path], today=CHECK_DAY)]
        assert [
            "source 'https://group.test/not-read' is not the url of one of the record's "
            "sources (add it under [[sources]]) @ $.candidacy.source",
            "local_name is given for 'county-commission', which the state does not have "
            "(present = false); leave one out @ $.offices[0].local_name",
            "qualifications for county-commission are given, but the state's offices say it "
            "has no 'county-commission' (present = false) @ $.qualifications[0].office",
        ] == problems

    def test_an_age_that_disagrees_with_the_categorys_is_refused(self, tmp_path: Path) -> None:
        """A state's qualification whose min_age differs from the age the state-legislature
        category records for that state and chamber is refused, naming both ages."""
        category = civicrun.get_office_category("state-legislature")
        assert category is not None
        recorded = next(m for m in category.minimum_ages if m.state == "TX")
        office = CHAMBER_OFFICES[recorded.chamber]
        source = Source(url=PAGE, read=dt.date(2026, 11, 30), kind=SourceKind.GOVERNMENT)
        wrong = Qualification(office=office, min_age=recorded.age + 1, source=PAGE)
        record = _record(
            sources=(*lookup_state("TX").sources, source),
            qualifications=(
                *(q for q in lookup_state("TX").qualifications if q.office is not office),
                wrong,
            ),
        )
        folder = tmp_path / "states"
        folder.mkdir()
        path = folder / "tx.toml"
        path.write_text(canonical(record), encoding="utf-8")
        problems = check_data(paths=[path], today=CHECK_DAY)
        assert [p for p in problems if "disagrees with the minimum age" in p.message], problems
        assert f"min_age {recorded.age + 1} for {office.value}" in str(problems)

    def test_every_state_must_say_how_to_get_on_the_ballot(self, tmp_path: Path) -> None:
        """A state record without [candidacy] is refused, naming the table; every shipped
        state, DC and territory has one."""
        folder = tmp_path / "states"
        folder.mkdir()
        path = folder / "tx.toml"
        path.write_text(canonical(_record(candidacy=None)), encoding="utf-8")
        problems = check_data(paths=[path], today=CHECK_DAY)
        assert ["$.candidacy"] == [p.field for p in problems], problems
        assert "[candidacy] is missing" in problems[0].message
        assert all(state.candidacy is not None for state in civicrun.states())


class TestStats:
    def test_per_state_and_totals(self) -> None:
        """data stats counts each state's running-for-office entries and the totals."""
        from civicrun import _data
        from civicrun._stats import _running_coverage, coverage_report

        shipped = _data.dataset()
        qual = Qualification(office=QualifiedOffice.MAYOR, min_age=18, source=PAGE)
        states = {
            **shipped.states,
            "TX": _record(
                candidacy=CANDIDACY, qualifications=(qual,), offices=(), local_governments=()
            ),
        }
        data = shipped.with_records("states", states)
        report = _running_coverage(data)
        assert {"candidacy": 1, "offices": 0, "qualifications": 1, "local_governments": 0} == (
            report["by_state"]["TX"]
        )
        assert len(shipped.states["AK"].offices) == report["by_state"]["AK"]["offices"]
        kinds = ("candidacy", "offices", "qualifications", "local_governments")
        assert {
            kind: sum(1 for state in states.values() if getattr(state, kind)) for kind in kinds
        } == report["states_with"]
        assert len(shipped.states) == len(report["by_state"])
        shipped_report = coverage_report(on=ON)["running_for_office"]
        assert {
            kind: sum(1 for state in shipped.states.values() if getattr(state, kind))
            for kind in kinds
        } == shipped_report["states_with"]

    def test_the_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """data stats prints the per-state table; --json carries it."""
        assert 0 == main(["data", "stats", "--on", "2026-12-01"])
        out = capsys.readouterr().out
        assert "## Running for office: what each state's record holds" in out
        alaska = lookup_state("AK")

        def cell(count: int) -> str:
            return str(count) if count else "-"

        row = (
            f"| AK | {'yes' if alaska.candidacy else '-'} | {cell(len(alaska.offices))} | "
            f"{cell(len(alaska.qualifications))} | {cell(len(alaska.local_governments))} |"
        )
        assert row in out
        assert 0 == main(["data", "stats", "--json", "--on", "2026-12-01"])
        running = json.loads(capsys.readouterr().out)["running_for_office"]
        assert sum(len(s.offices) for s in civicrun.states()) == running["entries"]["offices"]


# --- properties -----------------------------------------------------------------------------

_QUALIFICATION = st.builds(
    Qualification,
    office=st.sampled_from(list(QualifiedOffice)),
    min_age=st.one_of(st.none(), st.integers(min_value=18, max_value=35)),
    state_residency_years=st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.0, 7.0])),
    district_residency_years=st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1.0])),
    citizen_years=st.one_of(st.none(), st.sampled_from([0, 7, 9])),
    registered_voter=st.one_of(st.none(), st.booleans()),
    source=st.just(PAGE),
)
_QUALIFICATIONS = st.lists(_QUALIFICATION, max_size=8, unique_by=lambda q: q.office).map(tuple)
_STATES = st.sampled_from(["AZ", "ID", "NE", "TX", "VT", "DC", "PR"])


@settings(max_examples=examples(150), deadline=None)
@given(code=_STATES, quals=_QUALIFICATIONS, spare=st.integers(min_value=0, max_value=40))
def test_meeting_every_stated_requirement_is_never_does_not_meet(
    code: str, quals: tuple[Qualification, ...], spare: int
) -> None:
    """A profile at least as old as every stated minimum age (recorded or the category's) is
    never told it does not meet an office's qualifications."""
    record = _record(code, qualifications=quals)
    ages = [q.min_age for q in quals if q.min_age is not None]
    ages += [m.age for o in civicrun.office_categories() for m in o.minimum_ages if m.state == code]
    person = Profile(state=code, age=max(ages, default=18) + spare)
    for option in offices_for(person, on=ON, state_record=record):
        assert QualificationStatus.DOES_NOT_MEET is not option.status, option
        assert not any(r.outcome is Outcome.FAILED for r in option.reasons), option


@settings(max_examples=examples(150), deadline=None)
@given(code=_STATES, quals=_QUALIFICATIONS)
def test_a_missing_fact_is_unknown_never_no(code: str, quals: tuple[Qualification, ...]) -> None:
    """A profile with no age is never told no; every office with a minimum age is unknown and
    names age as the fact that would settle it."""
    record = _record(code, qualifications=quals)
    with_age = {q.office for q in quals if q.min_age is not None}
    for option in offices_for(Profile(state=code), on=ON, state_record=record):
        assert QualificationStatus.DOES_NOT_MEET is not option.status, option
        assert not any(r.outcome is Outcome.FAILED for r in option.reasons), option
        ages = [r for r in option.reasons if r.field is ProfileField.AGE]
        assert all(r.outcome is Outcome.UNKNOWN for r in ages), option
        if any(QUALIFIED_OFFICE_CATEGORIES[o] == option.category.id for o in with_age):
            assert ages
            assert ProfileField.AGE in option.unknowns


# --- the command line and its schema ----------------------------------------------------------


class TestCommand:
    def test_readable(self, capsys: pytest.CaptureFixture[str]) -> None:
        """offices --state TX --county Travis --age 22 prints each office with its status, the
        legislature's failed senate age, and what is not recorded."""
        assert 0 == main(
            ["offices", "--state", "TX", "--county", "Travis", "--age", "22", "--on", "2026-12-01"]
        )
        out = capsys.readouterr().out
        assert out.startswith("Offices in Travis County, TX")
        assert "unknown        State legislator (state-legislature, state)" in out
        assert "x State senate: aged at least 26 years is required" in out
        texas = lookup_state("TX").candidacy
        assert texas is not None
        assert texas.guide in out
        assert "where candidates file in Texas: not recorded yet" not in out
        assert out.rstrip().endswith("unknown")

    def test_json_follows_the_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints each option's to_dict, valid under the offices schema."""
        jsonschema = pytest.importorskip("jsonschema")
        from civicrun._schema import schema

        assert 0 == main(["offices", "--state", "AZ", "--age", "22", "--json"])
        printed = json.loads(capsys.readouterr().out)
        jsonschema.Draft202012Validator(schema("offices")).validate(printed)
        assert [o.category.id for o in offices_for(Profile(state="AZ"))] == [
            o["category"] for o in printed
        ]
        made_up = _by_id(Profile(state="TX", age=30), _record(candidacy=CANDIDACY))
        for option in made_up.values():
            jsonschema.Draft202012Validator(schema("offices")).validate([option.to_dict()])
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(schema("offices")).validate(
                [{**printed[0], "status": "maybe"}]
            )

    def test_without_a_place_lists_categories(self, capsys: pytest.CaptureFixture[str]) -> None:
        """offices alone lists every category; an age with no place is a usage error."""
        assert 0 == main(["offices"])
        assert "school-board" in capsys.readouterr().out
        assert 2 == main(["offices", "--age", "30"])
        assert "gives no state" in capsys.readouterr().err


def test_lengths_read_as_people_say_them() -> None:
    """A residence or citizenship length in years reads as a person would say it: whole
    years, whole months, "about" a month count for a length in days the data rounds down to
    two decimals of a year (30 days: 0.08), and years otherwise."""
    from civicrun._candidacy import _years

    assert ["1 year", "7 years", "6 months", "9 months", "1 month"] == [
        _years(x) for x in (1, 7.0, 0.5, 0.75, 1 / 12)
    ]
    assert ["about 1 month", "about 2 months"] == [_years(0.08), _years(0.16)]
    assert ["1.3 years", "0.04 years"] == [_years(1.3), _years(0.04)]
