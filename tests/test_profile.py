"""Profiles: friendly input, clear errors, round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from civicrun import Profile
from civicrun._parties import party_named
from civicrun.errors import InvalidProfileError, UnknownPartyError
from civicrun.vocab import Community, Gender, OfficeLevel, Party, RaceEthnicity, Stance

from .conftest import examples
from .strategies import profiles


class TestNormalisation:
    @pytest.mark.parametrize("state", ["Texas", "tx", "TX", " texas ", "48"])
    def test_state(self, state: str) -> None:
        """States by name, code or FIPS."""
        assert "TX" == Profile(state=state).state

    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("Democrat", Party.DEMOCRATIC),
            ("D", Party.DEMOCRATIC),
            ("Dem", Party.DEMOCRATIC),
            ("DFL", Party.DEMOCRATIC),
            ("GOP", Party.REPUBLICAN),
            ("r", Party.REPUBLICAN),
            ("Green Party", Party.GREEN),
            ("Libertarian", Party.LIBERTARIAN),
            ("unaffiliated", Party.INDEPENDENT),
            ("other", Party.OTHER),
        ],
    )
    def test_party(self, given: str, expected: Party) -> None:
        """Party synonyms."""
        assert expected == Profile(party=given).party
        assert expected == party_named(given)

    def test_plain_strings_for_enums_and_sets(self) -> None:
        """Enum and set fields take plain strings."""
        p = Profile(
            gender="female",
            race_ethnicity="Black, hispanic",
            office_level="national",
            ideology="centrist",
            stances=["Pro Choice"],
        )
        assert Gender.WOMAN == p.gender
        assert frozenset({RaceEthnicity.BLACK, RaceEthnicity.LATINO}) == p.race_ethnicity
        assert OfficeLevel.FEDERAL == p.office_level
        assert frozenset({"pro-choice"}) == p.stances

    def test_stances_and_communities_vocabulary(self) -> None:
        """Stances and communities take their vocabularies and friendly synonyms; an empty
        list is the same as not saying."""
        p = Profile(stances="2A, abortion rights", communities=["American Muslim"])
        assert frozenset({Stance.GUN_RIGHTS, Stance.PRO_CHOICE}) == p.stances
        assert frozenset({Community.MUSLIM}) == p.communities
        assert Profile(stances=[], race_ethnicity=[]) == Profile()
        with pytest.raises(InvalidProfileError, match="pro-choice, pro-life, gun-safety"):
            Profile(stances=["pro-choise"])
        with pytest.raises(InvalidProfileError, match="pro-choice and pro-life contradict"):
            Profile(stances="pro-life, pro-choice, gun-rights")

    def test_numbers_booleans_dates(self) -> None:
        """Numbers, yes/no and ISO dates from strings."""
        p = Profile(age="29", veteran="yes", lgbtq="no", immigrant_generation=2, prior_runs="0")
        assert (29, True, False, 2, 0) == (
            p.age,
            p.veteran,
            p.lgbtq,
            p.immigrant_generation,
            p.prior_runs,
        )
        assert dt.date(1990, 5, 1) == Profile(birth_date="1990-05-01").birth_date
        assert dt.date(1990, 5, 1) == Profile(birth_date=dt.datetime(1990, 5, 1, 8)).birth_date

    def test_age_and_birth_date_must_agree(self) -> None:
        """An age far from the birth date's age today is a contradiction, named as such."""
        with pytest.raises(InvalidProfileError, match="fits birth_date 1950-01-01") as info:
            Profile(age=20, birth_date="1950-01-01")
        assert ("age",) == info.value.fields
        about = dt.date.today().year - 1950
        assert about == Profile(age=about, birth_date="1950-01-01").age

    def test_every_bad_field_at_once(self) -> None:
        """The constructor, like from_dict, names every bad field in one error."""
        with pytest.raises(InvalidProfileError) as info:
            Profile(state="Texsa", age="old", gender="?")
        assert ("state", "gender", "age") == info.value.fields

    def test_empty_profile(self) -> None:
        """Everything is optional."""
        assert () == Profile().known_fields()

    def test_county_fills_state(self) -> None:
        """A county that fits one state fills in the state."""
        p = Profile(county="Hennepin")
        assert ("MN", "27053") == (p.state, p.county.fips if p.county else None)

    def test_county_in_wrong_state(self) -> None:
        """A county must be in the profile's state."""
        with pytest.raises(InvalidProfileError, match="county"):
            Profile(state="TX", county="Hennepin")

    def test_county_record_in_other_state(self) -> None:
        """A County record from another state is rejected too."""
        hennepin = Profile(county="Hennepin").county
        with pytest.raises(InvalidProfileError, match="a county in TX"):
            Profile(state="TX", county=hennepin)


class TestErrors:
    def test_bad_value_names_field_value_and_choices(self) -> None:
        """An error says which field, what was given and what is accepted."""
        with pytest.raises(InvalidProfileError) as info:
            Profile(party="whig")
        assert ("party",) == info.value.fields
        assert str(info.value).startswith(
            "invalid profile: party='whig' is not valid; one of democratic, republican, "
            "libertarian, green, new-progressive, "
        )
        assert str(info.value).endswith(", independent, other")

    def test_from_dict_reports_every_field(self) -> None:
        """from_dict reports all bad fields at once."""
        with pytest.raises(InvalidProfileError) as info:
            Profile.from_dict(
                {
                    "state": "Texsa",
                    "age": -3,
                    "veteran": "maybe",
                    "shoe": 9,
                    "birth_date": "1899-01-01",
                    "race_ethnicity": 5,
                }
            )
        assert ("state", "age", "veteran", "shoe", "birth_date", "race_ethnicity") == (
            info.value.fields
        )
        assert "close: Texas" in str(info.value)

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("age", True),
            ("age", 200),
            ("birth_date", "May 1"),
            ("birth_date", 5),
            ("town", "x" * 101),
            ("stances", [3]),
            ("stances", ["pro-choise"]),
            ("communities", ["martian"]),
            ("immigrant_generation", 3),
            ("gender", 3),
        ],
    )
    def test_rejects(self, field: str, value: object) -> None:
        """Values of the wrong shape are rejected."""
        with pytest.raises(InvalidProfileError):
            Profile.from_dict({field: value})

    def test_from_dict_needs_mapping(self) -> None:
        """from_dict takes a mapping."""
        with pytest.raises(InvalidProfileError, match="mapping"):
            Profile.from_dict(["state"])  # type: ignore[arg-type]

    def test_unknown_party_error(self) -> None:
        """normalize_party raises its own error, a ValueError."""
        with pytest.raises(UnknownPartyError) as info:
            party_named("whig")
        assert isinstance(info.value, ValueError)


class _FormData(dict[str, str]):
    """A web framework's form: one value per name from ``items()``, every value from
    ``getlist`` (as Werkzeug's, Starlette's and Django's are)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__(reversed(pairs))  # the first value of each name, as items() gives
        self.pairs = pairs

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]


class TestWebForms:
    @pytest.mark.parametrize(
        ("sent", "expected"),
        [
            ("on", True),
            ("off", False),
            ("true", True),
            ("false", False),
            ("yes", True),
            ("no", False),
            ("1", True),
            ("0", False),
            ("On", True),
            (" TRUE ", True),
        ],
    )
    def test_checkbox_and_yes_no_values(self, sent: str, expected: bool) -> None:
        """Yes/no as forms send it: a checkbox's on/off, true/false, yes/no, 1/0, any case."""
        assert expected is Profile.from_dict({"veteran": sent}).veteran

    @pytest.mark.parametrize(
        ("label", "expected"),
        [
            ("Hispanic/Latino", RaceEthnicity.LATINO),
            ("Hispanic or Latino", RaceEthnicity.LATINO),
            ("Latino/Hispanic", RaceEthnicity.LATINO),
            ("Latino/a/x", RaceEthnicity.LATINO),
            ("Latina/o/x", RaceEthnicity.LATINO),
            ("Latino/a", RaceEthnicity.LATINO),
            ("Latina/o", RaceEthnicity.LATINO),
            ("Latinx", RaceEthnicity.LATINO),
            ("Latine", RaceEthnicity.LATINO),
            ("Black or African American", RaceEthnicity.BLACK),
            ("Black/African American", RaceEthnicity.BLACK),
            ("Asian or Asian American", RaceEthnicity.ASIAN_AMERICAN),
            ("Middle Eastern or North African", RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN),
        ],
    )
    def test_race_ethnicity_labels(self, label: str, expected: RaceEthnicity) -> None:
        """Race and ethnicity labels as forms word them name their category."""
        assert frozenset({expected}) == Profile.from_dict({"race_ethnicity": label}).race_ethnicity

    def test_comma_separated_list(self) -> None:
        """A list field may be comma-separated text; blank items are skipped."""
        profile = Profile.from_dict({"race_ethnicity": "Black, Hispanic/Latino,, "})
        assert frozenset({RaceEthnicity.BLACK, RaceEthnicity.LATINO}) == profile.race_ethnicity

    def test_empty_values_are_unknown(self) -> None:
        """An empty or blank value, or a list of them, is unknown, as a field left out."""
        form = {
            "state": "",
            "county": "",
            "town": "  ",
            "age": "",
            "birth_date": "",
            "veteran": "",
            "party": "",
            "race_ethnicity": "",
            "stances": ["", " "],
        }
        assert Profile() == Profile.from_dict(form)
        assert frozenset({RaceEthnicity.WHITE}) == (
            Profile.from_dict({"race_ethnicity": ["", "white"]}).race_ethnicity
        )

    def test_empty_text_still_refused_by_the_constructor(self) -> None:
        """Profile() itself still refuses an empty name: only a form's blank means unknown."""
        with pytest.raises(InvalidProfileError, match="town"):
            Profile(town="")

    def test_every_value_of_a_multi_valued_form(self) -> None:
        """From a mapping with getlist (a submitted form), every checkbox of a list field
        counts, and a single-valued field reads its value."""
        form = _FormData(
            [
                ("state", "Texas"),
                ("race_ethnicity", "black"),
                ("race_ethnicity", "Hispanic/Latino"),
                ("race_ethnicity", ""),
                ("veteran", "on"),
                ("lgbtq", ""),
            ]
        )
        assert Profile(
            state="TX", race_ethnicity=["black", "latino"], veteran=True
        ) == Profile.from_dict(form)

    def test_bad_form_values_still_reported(self) -> None:
        """A value a form should not send is still an error naming the field."""
        with pytest.raises(InvalidProfileError) as info:
            Profile.from_dict({"veteran": "maybe", "race_ethnicity": "Hispanic/Martian"})
        assert ("veteran", "race_ethnicity") == info.value.fields


class TestRoundTrip:
    @settings(max_examples=examples(100))  # Hypothesis's default number, CI-sized
    @given(profiles)
    def test_dict_round_trip(self, profile: Profile) -> None:
        """to_dict then from_dict is the identity."""
        assert profile == Profile.from_dict(profile.to_dict())

    def test_county_round_trips_as_fips(self) -> None:
        """A county is written as its FIPS code."""
        p = Profile(county="Orleans Parish")
        assert {"state": "LA", "county": "22071"} == p.to_dict()
        assert p == Profile.from_dict(p.to_dict())


class TestAddingAField:
    """A new profile field is added in three places (CONTRIBUTING.md, "Add a profile field");
    these tests name the place that was forgotten."""

    def test_every_rule_field_is_a_profile_field(self) -> None:
        """Each ProfileField member is a Profile attribute, and each attribute a member."""
        import attrs

        from civicrun.vocab import ProfileField

        names = {f.name for f in attrs.fields(Profile)}
        assert {f.value for f in ProfileField} == names

    def test_every_field_has_a_cli_flag(self) -> None:
        """The CLI flag table has one flag per Profile field."""
        import attrs

        from civicrun.cli import _PROFILE_FLAGS

        flags = [flag.replace("-", "_") for flag, _help in _PROFILE_FLAGS]
        assert [f.name for f in attrs.fields(Profile)] == flags

    def test_every_field_has_a_test_strategy(self) -> None:
        """tests/strategies.py draws a value for every field but the places."""
        import attrs

        from .strategies import PLACE_FIELDS, PROFILE_VALUES

        assert {f.name for f in attrs.fields(Profile)} == set(PROFILE_VALUES) | PLACE_FIELDS

    def test_every_yes_no_field_has_words(self) -> None:
        """Each yes/no rule field has its words, for one person and for a group."""
        from civicrun.vocab import BOOL_FIELDS, BOOL_GROUP_LABELS, BOOL_LABELS

        assert BOOL_FIELDS == set(BOOL_LABELS) == set(BOOL_GROUP_LABELS)

    def test_every_way_of_joining_has_words(self) -> None:
        """Each way of joining a group is explained, for explain() and the catalogue."""
        from civicrun.vocab import HOW_TO_JOIN_NOTES, HowToJoin

        assert set(HowToJoin) == set(HOW_TO_JOIN_NOTES)
