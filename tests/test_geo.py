"""Counties, states, local-party and election-office queries."""

from __future__ import annotations

import warnings
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from civicrun import (
    counties,
    find_election_office,
    find_local_parties,
    find_local_party,
    find_local_party_query,
    get_county,
    get_state,
    lookup_county,
    lookup_state,
    search_counties,
    search_states,
    states,
)
from civicrun.errors import (
    AmbiguousCountyError,
    ArgumentTypeError,
    FormerNameWarning,
    InvalidPlaceNameError,
    LocalUnitError,
    UnknownCountyError,
    UnknownPartyError,
    UnknownStateError,
)
from civicrun.vocab import LocalUnit, Party

from .county_cases import CASES


@pytest.mark.parametrize(("name", "state", "expected"), CASES)
def test_hard_cases(name: str, state: str | None, expected: str) -> None:
    """Every case in the corpus resolves, fails or is ambiguous exactly as expected."""
    if expected == "invalid":
        with pytest.raises(InvalidPlaceNameError):
            lookup_county(name, state)
    elif expected == "wrong-type":
        with pytest.raises(ArgumentTypeError, match="lookup_county\\(\\): name must be a string"):
            lookup_county(name, state)
    elif expected == "unknown":
        with pytest.raises(UnknownCountyError):
            lookup_county(name, state)
    elif expected.startswith("ambiguous:"):
        with pytest.raises(AmbiguousCountyError) as info:
            lookup_county(name, state)
        assert expected.removeprefix("ambiguous:").split(",") == [
            c.fips for c in info.value.candidates
        ]
    elif expected.startswith("former:"):
        with pytest.warns(FormerNameWarning):
            assert expected.removeprefix("former:") == lookup_county(name, state).fips
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert expected == lookup_county(name, state).fips


def test_corpus_is_large() -> None:
    """The corpus holds well over 100 inputs."""
    assert len(CASES) > 150


def local_query(*args: Any, **kwargs: Any) -> str:
    """The search text of :func:`find_local_party`."""
    return find_local_party(*args, **kwargs).query


def election_query(*args: Any, **kwargs: Any) -> str:
    """The search text of :func:`find_election_office`."""
    return find_election_office(*args, **kwargs).query


class TestCountyTable:
    def test_total(self) -> None:
        """3,144 county-equivalents in the 50 states and DC (Census, after 2022), and 91 in the
        inhabited territories."""
        assert 3235 == len(counties())
        assert 3144 == sum(1 for c in counties() if lookup_state(c.state).kind.value != "territory")

    @pytest.mark.parametrize(
        ("state", "count"),
        [
            ("TX", 254),
            ("CT", 9),
            ("VA", 133),
            ("LA", 64),
            ("AK", 30),
            ("DC", 1),
            ("DE", 3),
            ("HI", 5),
            ("CA", 58),
            ("GA", 159),
            ("SD", 66),
            ("MO", 115),
            ("MD", 24),
            ("NV", 17),
        ],
    )
    def test_per_state(self, state: str, count: int) -> None:
        """Per-state counts."""
        assert count == len(counties(state))

    def test_every_code_matches_its_state(self) -> None:
        """Every county's FIPS starts with its state's."""
        fips = {s.code: s.fips for s in states()}
        assert all(c.fips.startswith(fips[c.state]) for c in counties())

    def test_errors_carry_data(self) -> None:
        """Errors carry candidates and suggestions, and are LookupErrors."""
        with pytest.raises(UnknownCountyError) as info:
            lookup_county("Hennepen", "MN")
        assert [lookup_county("27053")] == list(info.value.suggestions)
        assert "did you mean 'Hennepin County, MN'?" in str(info.value)
        assert isinstance(info.value, LookupError)
        with pytest.raises(UnknownCountyError) as retired:
            lookup_county("Valdez-Cordova")
        assert "Chugach" in str(retired.value)

    def test_three_tiers(self) -> None:
        """get_county never raises, lookup_county does, search_counties ranks."""
        assert "27053" == (get_county("Hennepin", "MN") or pytest.fail("none")).fips
        assert get_county("Fairfax", "VA") is None  # ambiguous: the county and the city
        assert get_county("Nowhere Such") is None
        assert get_county(["x"]) is None  # type: ignore[arg-type]
        assert get_county("Shannon County", "SD") == lookup_county("46102")  # former, no warning
        ranked = [str(c) for c in search_counties("Fairfax", "VA")]
        assert ["Fairfax County, VA", "Fairfax city, VA"] == ranked
        assert "Hennepin County, MN" == str(search_counties("Henne")[0])
        assert () == search_counties("") == search_counties("x", state="Narnia")

    def test_a_list_for_the_state_is_a_clear_error(self) -> None:
        """A list where a state belongs is the library's own error, not an unhashable TypeError."""
        with pytest.raises(ArgumentTypeError, match="state must be a string or None, not list"):
            lookup_county("Travis", state=["TX"])  # type: ignore[arg-type]
        with pytest.raises(TypeError):  # it is also the builtin it is
            lookup_county("Travis", state=["TX"])  # type: ignore[arg-type]

    def test_every_county_resolves_to_itself(self) -> None:
        """Every county is found by its name and state, its FIPS code and "Name, ST"."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for county in counties():
                assert county == lookup_county(county.name, county.state)
                assert county == lookup_county(county.fips)
                assert county == lookup_county(f"{county.name}, {county.state}")

    def test_short_names_find_the_county_or_list_it(self) -> None:
        """A name without its suffix gives the county, or an ambiguity that includes it."""
        for county in counties():
            candidates: tuple[object, ...]
            try:
                candidates = (lookup_county(county.short_name, county.state),)
            except AmbiguousCountyError as exc:
                candidates = exc.candidates
            assert county in candidates
            assert all(getattr(c, "state", None) == county.state for c in candidates)

    def test_precomputed_keys_match_fold(self) -> None:
        """The build script's lookup keys are what fold() gives today (rebuild if this fails)."""
        from civicrun._data import county_table
        from civicrun._text import fold

        for fips, (name, _kind, _state, key, short) in county_table().rows.items():
            county = county_table().county(fips)
            assert (fold(name).replace(" ", ""), fold(county.short_name).replace(" ", "")) == (
                key,
                short,
            ), fips

    def test_repeated_questions_answer_alike(self) -> None:
        """Cached answers raise fresh errors and repeat former-name warnings."""
        for _ in range(2):
            with pytest.raises(AmbiguousCountyError) as info:
                lookup_county("Baltimore", "MD")
            assert 2 == len(info.value.candidates)
            with pytest.warns(FormerNameWarning):
                assert "46102" == lookup_county("Shannon County", "SD").fips
            with pytest.raises(UnknownStateError):
                lookup_county("Harris", "Texass")

    def test_short_name(self) -> None:
        """The short name drops only the suffix."""
        assert "Orleans" == lookup_county("Orleans Parish").short_name
        assert "Carson City" == lookup_county("Carson City").short_name


class TestStates:
    def test_fifty_one(self) -> None:
        """50 states, DC and the five inhabited territories."""
        assert 56 == len(states())
        assert 51 == sum(1 for s in states() if s.kind.value != "territory")

    @pytest.mark.parametrize("query", ["MN", "mn", "Minnesota", " minnesota ", "27"])
    def test_lookup(self, query: str) -> None:
        """States by code, name or FIPS."""
        assert "MN" == lookup_state(query).code

    def test_a_postal_code_is_found_as_the_names_find_it(self) -> None:
        """A two-letter code is answered without the index of names, and as that index
        answers: every code in any case and spacing, and two-letter texts that are not
        codes (or are one only once folded: the "ﬂ" ligature is "fl")."""
        from civicrun import _states

        names = _states._names.get().names
        texts = [f(s.code) for s in states() for f in (str, str.lower, str.title, " {} ".format)]
        texts += ["XX", "tx.", "ﬂ", "ﬀ", "ß", "48", "  ", ""]
        for text in texts:
            assert _states.state_code(text) == names.get(text), repr(text)

    def test_dc(self) -> None:
        """DC by its names."""
        assert "DC" == lookup_state("Washington, D.C.").code

    def test_unknown(self) -> None:
        """Unknown states get suggestions."""
        with pytest.raises(UnknownStateError) as info:
            lookup_state("Minnesotta")
        assert ["MN"] == [s.code for s in info.value.suggestions]
        with pytest.raises(ArgumentTypeError):
            lookup_state(12)
        assert get_state("Minnesotta") is None
        assert get_state(12) is None
        assert (
            "MN"
            == (get_state("Minnesotta", default=lookup_state("MN")) or pytest.fail("none")).code
        )

    def test_search_states(self) -> None:
        """search_states ranks an exact match, then names that begin with the text."""
        assert ["NY"] == [s.code for s in search_states("new york")]
        assert ["NH", "NJ", "NM", "NY"] == [s.code for s in search_states("new")]
        assert "MO" == search_states("Misouri")[0].code
        assert () == search_states("")

    def test_special_party_names(self) -> None:
        """Minnesota's Democrats are the DFL and North Dakota's the Democratic-NPL."""
        assert "DFL" == lookup_state("MN").parties[0].local_label
        labels = {p.local_label for p in lookup_state("ND").parties}
        assert "Democratic-NPL" in labels


class TestLocalPartyQuery:
    @pytest.mark.parametrize(
        ("args", "kwargs", "expected"),
        [
            (("Hennepin", "DFL"), {"state": "MN"}, "Hennepin County DFL"),
            (("Hennepin", "GOP"), {}, "Hennepin County Republican Party"),
            (("Orleans Parish", "D"), {}, "Orleans Parish Democratic Executive Committee"),
            (("Orleans Parish", "R"), {}, "Orleans Parish Republican Executive Committee"),
            (("Doña Ana", "Democrat"), {}, "Doña Ana County Democratic Party"),
            (("Dona Ana", "Libertarian"), {}, "Doña Ana County Libertarian Party"),
            (("Fairfax city", "D"), {}, "City of Fairfax Democratic Committee"),
            (("Fairfax County", "D"), {}, "Fairfax County Democratic Party"),
            (("Harris", "Green"), {"state": "TX"}, "Harris County, Texas Green Party"),
            (
                ("Cass", "Democrat"),
                {"state": "ND"},
                "Cass County, North Dakota Democratic-NPL legislative district party",
            ),
            (
                (None, "D"),
                {"state": "CT", "town": "Greenwich"},
                "Greenwich Democratic Town Committee Connecticut",
            ),
            ((None, "D"), {"state": "DC"}, "District of Columbia Democratic ward committee"),
            (("District of Columbia", "R"), {}, "District of Columbia Republican Party"),
            (
                (None, "Republican"),
                {"state": "Massachusetts", "town": "Lexington"},
                "Lexington Republican Town Committee Massachusetts",
            ),
        ],
    )
    def test_queries(self, args: tuple[object, ...], kwargs: dict[str, str], expected: str) -> None:
        """The query names the party's local name, the proper place and the right unit."""
        assert expected == local_query(*args, **kwargs)

    def test_town_states_need_a_town(self) -> None:
        """Where parties organize by town, a county alone is a clear error."""
        with pytest.raises(LocalUnitError, match="organizes by town"):
            local_query("Capitol", "R", state="CT")

    def test_needs_a_place(self) -> None:
        """Without a county or state there is nothing to search for."""
        with pytest.raises(LocalUnitError):
            local_query(party="D")
        with pytest.raises(LocalUnitError):
            local_query(state="TX", party="D")
        assert "Marfa Texas Democratic party" == local_query(state="TX", town="Marfa", party="D")
        assert "Travis County Democratic Party" == local_query(
            state="TX", town="Austin", county="Travis", party="D"
        )
        with pytest.raises(AmbiguousCountyError) as info:  # Austin lies in four counties
            local_query(state="TX", town="Austin", party="D")
        assert "48453" in {c.fips for c in info.value.candidates}

    def test_bad_party(self) -> None:
        """An empty party, a name that is no party, and a party civicrun has no record of in
        the state are errors listing the parties it has there; never an invented structure."""
        with pytest.raises(UnknownPartyError):
            local_query("Harris", "  ", state="TX")
        with pytest.raises(UnknownPartyError) as info:
            local_query("Harris", "Whig", state="TX")
        assert ("democratic", "green", "libertarian", "republican", "independent") == (
            info.value.accepted
        )
        assert "civicrun has no record of the party 'Whig' in Texas" in str(info.value)
        with pytest.raises(UnknownPartyError, match="in Wisconsin"):
            local_query("Dane", "Working Families Party")
        with pytest.raises(UnknownPartyError, match="'other'"):
            local_query("Dane", "other")
        with pytest.raises(UnknownPartyError, match="in American Samoa"):
            local_query("Eastern District", "D", state="AS")  # no Democratic record there

    def test_unknown_party_is_a_lookup_and_a_value_error(self) -> None:
        """UnknownPartyError is a LookupError like every Unknown*Error, and still the
        ValueError it was."""
        assert issubclass(UnknownPartyError, LookupError)
        assert issubclass(UnknownPartyError, ValueError)

    def test_unknown_party_error_pickles(self) -> None:
        """The error keeps its data through pickling (as a worker process would send it)."""
        import pickle

        with pytest.raises(UnknownPartyError) as info:
            local_query("Harris", "Whig", state="TX")
        again = pickle.loads(pickle.dumps(info.value))
        assert (info.value.query, info.value.accepted, info.value.state, str(info.value)) == (
            again.query,
            again.accepted,
            again.state,
            str(again),
        )

    def test_no_default_party(self) -> None:
        """No party given is an error naming the state's parties: civicrun never picks one."""
        with pytest.raises(UnknownPartyError) as info:
            find_local_party("Hennepin", state="MN")
        assert info.value.query is None
        assert "never picks one" in str(info.value)
        assert "in Minnesota use one of: democratic, green, libertarian, republican" in str(
            info.value
        )

    def test_every_party_of_the_state(self) -> None:
        """find_local_parties answers for every party recorded in the state, alphabetically,
        each with its record or its search."""
        found = find_local_parties("Harris", state="TX")
        assert ["democratic", "green", "libertarian", "republican"] == [
            f.party.value for f in found
        ]
        assert all(f.organization is not None for f in found)  # Harris has all four
        assert [f.party for f in found] == [f.party for f in find_local_parties("Loving, TX")]
        assert all(f.organization is None and f.query for f in find_local_parties("Loving, TX"))
        with pytest.raises(LocalUnitError, match="organizes by town"):
            find_local_parties(state="CT")

    def test_independent(self) -> None:
        """An independent gets a clear answer: no party committee, no invented unit."""
        found = find_local_party("Travis", "independent", state="TX")
        assert (None, None, None) == (found.organization, found.state_party, found.local_unit)
        assert Party.INDEPENDENT is found.party
        assert "no party committee" in found.explanation
        assert "running as an independent candidate in Travis County, Texas" == found.query
        town = find_local_party(party="I", state="CT", town="Greenwich")  # no town needed
        assert "Greenwich, Connecticut" == town.place

    def test_party_of_the_wrong_type(self) -> None:
        """A party that is not text is a TypeError naming the argument."""
        with pytest.raises(ArgumentTypeError, match="party must be a string or a Party"):
            find_local_party("Travis, TX", 3)  # type: ignore[arg-type]

    def test_independent_with_only_a_state(self) -> None:
        """An independent needs no county or town: the state is the place."""
        found = find_local_party(state="TX", party="independent")
        assert ("Texas", "running as an independent candidate in Texas") == (
            found.place,
            found.query,
        )

    def test_units_not_recorded_are_not_invented(self) -> None:
        """A party recorded in the state whose local structure is not gets a search by place
        and says its structure is not recorded."""
        found = find_local_party("Harris", "Green", state="TX")
        assert LocalUnit.UNKNOWN is found.local_unit
        assert "Texas: how the Green party organizes locally is not recorded" == found.explanation

    def test_query_function(self) -> None:
        """find_local_party_query is the answer's search text, or with no party a search
        that names none."""
        assert "Travis County Democratic Party" == find_local_party_query(
            "Travis County, TX", "democratic"
        )
        assert "Travis County, Texas local party committees" == find_local_party_query(
            "Travis County, TX"
        )
        assert "Greenwich, Connecticut local party committees" == find_local_party_query(
            state="CT", town="Greenwich"
        )
        assert "District of Columbia local party committees" == find_local_party_query(state="DC")
        with pytest.raises(LocalUnitError):
            find_local_party_query(state="TX")

    def test_rich_record(self) -> None:
        """local_party_search explains itself and encodes the URL."""
        found = find_local_party("Orleans Parish", "D")
        assert "parish" == found.local_unit
        assert "Louisiana" in found.explanation
        assert [found.query] == parse_qs(urlparse(found.search_url).query)["q"]


class TestElectionOffice:
    def test_county_run(self) -> None:
        """Where counties run elections, the county's office."""
        assert "Harris County, Texas elections office" == election_query("Harris", state="TX")
        assert "Travis County elections office Texas" == election_query("Travis", state="TX")

    def test_town_run(self) -> None:
        """Where towns run elections, the town clerk; a town is required."""
        assert "Lansing, Michigan city or town clerk elections" == election_query(
            state="MI", town="Lansing"
        )
        with pytest.raises(LocalUnitError, match="town"):
            election_query("Ingham", state="MI")

    def test_state_run(self) -> None:
        """Where the state runs elections, the state office, by its recorded name."""
        assert "Alaska Division of Elections" == election_query(state="AK")

    def test_needs_place(self) -> None:
        """A county-run state needs a county."""
        with pytest.raises(LocalUnitError):
            election_query()
        with pytest.raises(LocalUnitError, match="give a county"):
            election_query(state="TX")


class TestStateParties:
    @pytest.mark.parametrize("party", ["democratic", "republican"])
    def test_every_state_has_both_committees(self, party: str) -> None:
        """Each state's Democratic and Republican committee is on record, and eligible_orgs
        finds it for a member of that party in that state."""
        import datetime as dt

        from civicrun import Profile, eligible_orgs, state_party
        from civicrun.vocab import MatchStatus

        for state in states():
            if state.kind.value == "territory" and state.party(Party(party)) is None:
                continue  # no source found for that party there (American Samoa's Democrats)
            committee = state_party(state.code, party)
            assert committee is not None, (state.code, party)
            matches = {
                m.org.id: m.status
                for m in eligible_orgs(
                    Profile(state=state.code, party=party), on=dt.date(2026, 11, 26)
                )
            }
            assert MatchStatus.ELIGIBLE == matches[committee.id], (state.code, party)

    def test_official_names(self) -> None:
        """Official names differ from state to state; the search record carries them."""
        from civicrun import state_party

        assert "Farmer" in (state_party("MN", "D") or pytest.fail("no MN DFL")).name
        assert "Nonpartisan League" in (state_party("ND", "Dem") or pytest.fail("no ND")).name
        found = find_local_party("Hennepin", "D")
        assert found.state_party == state_party("MN", "D")
        assert None is state_party("MN", "other")


class TestExactSpellings:
    def test_precomputed_answers_equal_the_full_rules(self) -> None:
        """Every spelling the exact index answers gets the same county from the full rules."""
        from civicrun import _counties

        index = _counties._index.get()
        codes: list[str | None] = [None, *sorted({c.state for c in counties()})]
        entries = [(s, code, f) for code in codes for s, f in index.exact_in(code).items()]
        assert len(entries) > 9000
        for spelling, state, fips in entries:
            county, warning, error = _counties._answer(index, spelling, spelling, state)
            assert (fips, None, None) == (county.fips if county else None, warning, error), (
                spelling,
                state,
            )


class TestLocalPartyRecords:
    def test_the_recorded_committee_is_the_answer(self) -> None:
        """Where civicrun has the county committee's record, the answer names it, with the
        search text as well."""
        found = find_local_party("Harris", "R", state="TX")
        assert found.organization is not None
        assert "local-party-48201-republican" == found.organization.id
        assert "local-party" == found.organization.kind.value
        assert found.query  # still there, to find the latest contacts
        assert find_local_party("Loving", "R", state="TX").organization is None

    def test_offered_to_members_in_their_county_only(self) -> None:
        """eligible_orgs offers a county committee to a party member who names that county,
        and to nobody who names another county or none."""
        import datetime as dt

        from civicrun import Profile, eligible_orgs

        on = dt.date(2026, 12, 1)

        def offered(**profile: Any) -> set[str]:
            return {m.org.id for m in eligible_orgs(Profile(**profile), on=on)}

        harris = offered(state="TX", county="Harris", party="R")
        assert "local-party-48201-republican" in harris
        assert "local-party-48201-democratic" not in harris
        assert "local-party-48201-republican" not in offered(state="TX", party="R")
        assert "local-party-48201-republican" not in offered(county="Travis, TX", party="R")


class TestTownsAndCities:
    """A town or city leads to its county (or counties) where civicrun knows it."""

    def test_known_towns(self) -> None:
        """Every town of a town or city committee, every independent city, and every Census
        place of 25,000 people or more (by its own name and a consolidated government's
        common name) is known."""
        from civicrun._places import known_towns

        keys = known_towns()
        assert {"MA/cambridge", "MN/minneapolis", "CT/west hartford", "RI/providence"} <= set(keys)
        assert {"VA/fairfax", "MD/baltimore", "MO/saint louis", "NV/carson city"} <= set(keys)
        places = {"AZ/phoenix", "TX/el paso", "KY/louisville", "TN/nashville", "HI/honolulu"}
        assert places <= set(keys)
        assert {"GA/athens", "GA/augusta", "GA/macon", "PR/bayamon", "MD/columbia"} <= set(keys)
        assert "AZ/quartzsite" not in keys  # a town of about 2,000: not in the place table
        assert all(key.startswith("MN/") for key in known_towns("MN"))
        assert "MN/minneapolis" in known_towns("MN")

    def test_counties_of_a_town(self) -> None:
        """counties(state, town=) lists the town's counties; empty for a town not known."""
        assert ["25017"] == [c.fips for c in counties("Massachusetts", town="  cambridge ")]
        assert ["51600"] == [c.fips for c in counties("VA", town="Fairfax")]  # the city
        assert ["04013"] == [c.fips for c in counties("AZ", town="Phoenix")]
        assert ["21111"] == [c.fips for c in counties("KY", town="Louisville")]
        assert () == counties("AZ", town="Quartzsite")
        with pytest.raises(LocalUnitError, match="state"):
            counties(town="Cambridge")

    def test_profile_fills_in_the_county(self) -> None:
        """Profile(state, town) has the town's county; a town not known leaves it unknown."""
        from civicrun import Profile

        assert (
            "27053"
            == (Profile(state="MN", town="Minneapolis").county or pytest.fail("no record")).fips
        )
        phoenix = Profile(state="AZ", town="Phoenix").county
        assert "04013" == (phoenix or pytest.fail("Phoenix has no county")).fips
        assert Profile(state="AZ", town="Quartzsite").county is None
        assert Profile(town="Cambridge").county is None  # no state: no guess
        given = Profile(state="MA", county="Suffolk", town="Cambridge").county
        assert "25025" == (given or pytest.fail("no record")).fips  # a county given is kept

    def test_local_party_and_election_office_use_it(self) -> None:
        """find_local_party and find_election_office take the county from the town, and say
        so; a town not known is searched by its name and says that too."""
        found = find_local_party(town="Minneapolis", state="MN", party="R")
        assert (
            "local-party-27053-minneapolis-republican"
            == (found.organization or pytest.fail("no record")).id
        )
        assert found.explanation.endswith("; Minneapolis is in Hennepin County, MN")
        office = find_election_office(town="Baltimore", state="MD")
        assert "City of Baltimore elections office Maryland" == office.query
        phoenix = find_local_party(town="Phoenix", state="AZ", party="R")
        assert "local-party-04013-republican" == (phoenix.organization or pytest.fail("none")).id
        assert phoenix.explanation.endswith("; Phoenix is in Maricopa County, AZ")
        small = find_local_party(town="Quartzsite", state="AZ", party="R")
        assert "Quartzsite Arizona Republican party" == small.query
        assert "civicrun does not know which county Quartzsite is in" in small.explanation
        with pytest.raises(LocalUnitError, match="which county Quartzsite is in"):
            find_election_office(town="Quartzsite", state="AZ")

    def test_a_republican_in_phoenix_is_offered_the_maricopa_committee(self) -> None:
        """Profile(state, town) with a party is offered the county committee of the town's
        county, as if the county had been given (the issue's own example)."""
        import datetime as dt

        from civicrun import Profile, eligible_orgs

        on = dt.date(2026, 12, 1)
        profile = Profile(state="AZ", town="Phoenix", party="republican")
        offered = {m.org.id for m in eligible_orgs(profile, on=on)}
        assert "local-party-04013-republican" in offered
        assert "local-party-04013-democratic" not in offered

    def test_a_town_in_several_counties_is_ambiguous(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A town that lies in more than one county is reported as a county name is, with
        every county as a candidate; a Profile leaves its county unknown."""
        from civicrun import Profile, _places

        two = (lookup_county("Harris, TX"), lookup_county("Fort Bend, TX"))
        monkeypatch.setattr(_places, "town_counties", lambda state, town: two)
        with pytest.raises(AmbiguousCountyError) as info:
            find_local_party(town="Houston", state="TX", party="R")
        assert two == info.value.candidates
        assert "give the county you live in" in str(info.value)
        with pytest.raises(AmbiguousCountyError):
            find_election_office(town="Houston", state="TX")
        assert Profile(state="TX", town="Houston").county is None
        given = find_local_party("Harris", "R", state="TX", town="Houston")
        assert "local-party-48201-republican" == (given.organization or pytest.fail("no record")).id

    def test_a_real_city_in_several_counties(self) -> None:
        """Houston lies in four counties (Fort Bend, Harris, Montgomery, Waller): a query by
        the town alone asks for the county, and a Profile leaves it unknown."""
        from civicrun import Profile

        with pytest.raises(AmbiguousCountyError) as info:
            find_local_party(town="Houston", state="TX", party="D")
        assert ["48157", "48201", "48339", "48473"] == [c.fips for c in info.value.candidates]
        assert Profile(state="TX", town="Houston").county is None
        assert 4 == len(counties("TX", town="houston"))

    def test_the_place_table_agrees_with_the_county_table(self) -> None:
        """Every place's counties are counties of its state, and the table's figures are
        the ones the guide gives."""
        from civicrun._data import data_root

        text = data_root().joinpath("places.tsv").read_text(encoding="utf-8")
        rows = [line.split("\t") for line in text.splitlines()[1:]]
        assert 1850 == len(rows)  # docs/guide.md, "Towns and cities"
        assert all(int(row[6]) >= 25_000 for row in rows)
        state_of = {c.fips: c.state for c in counties()}
        for geoid, state, *_, fips in rows:
            assert {state} == {state_of[f] for f in fips.split(";")}, geoid

    def test_split_place(self) -> None:
        """ "Town, ST" splits into the town and the state code; other shapes are errors."""
        from civicrun._places import split_place

        assert ("St. Louis", "MO") == split_place("  St.  Louis , Missouri")
        with pytest.raises(InvalidPlaceNameError):
            split_place("Phoenix")
        with pytest.raises(UnknownStateError):
            split_place("Phoenix, Atlantis")


class TestStateDirectory:
    def test_directory_where_no_committee_is_recorded(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where a county has no committee record and the state party publishes a directory of
        its local committees, the answer gives that page; where a record exists, the record."""
        import attrs

        from civicrun import _parties, state_party

        page = "https://example.org/county-parties"
        official = state_party("TX", "R") or pytest.fail("no Texas Republican record")
        with_directory = attrs.evolve(official, local_directory=page)
        monkeypatch.setattr(_parties.Officials, "state", lambda self, code, party: with_directory)
        assert page == find_local_party("Loving", "R", state="TX").directory
        assert None is find_local_party("Harris", "R", state="TX").directory  # has its record
        assert None is find_local_party("Loving, TX", "R").organization

    def test_the_shipped_directories_and_none_invented(self) -> None:
        """Texas's two major parties give the Secretary of State's county-chairs list (their
        shipped ``local_directory``); its Greens and Libertarians, and every party in Kansas,
        where none is recorded, get no directory: none is invented."""
        chairs = "https://webservices.sos.state.tx.us/cpc-filing/cpc-report.aspx"
        texas = {f.party.value: f.directory for f in find_local_parties("Loving", state="TX")}
        assert chairs == texas.pop("democratic") == texas.pop("republican")
        assert texas
        assert all(directory is None for directory in texas.values())
        assert all(f.directory is None for f in find_local_parties("Sedgwick", state="KS"))
