"""The inhabited territories, Census populations, and the local parties and election offices
recorded where most people live (issues #11 and #12)."""

from __future__ import annotations

import pytest

import civicrun
import civicrun.errors
from civicrun import (
    Profile,
    counties,
    eligible_orgs,
    explain,
    find_election_office,
    find_local_party,
    lookup_county,
    lookup_state,
    organizations,
    state_party,
    states,
)
from civicrun._parties import shipped_officials
from civicrun._stats import coverage_report
from civicrun.errors import UnknownPartyError
from civicrun.records import Coverage
from civicrun.vocab import CountyKind, MatchStatus, OrgKind, Party, Scope, StateKind

TERRITORIES = {"PR": 78, "GU": 1, "VI": 3, "AS": 5, "MP": 4}


class TestTerritories:
    def test_kinds(self) -> None:
        """50 states, DC, and the five inhabited territories, told apart by their FIPS codes."""
        kinds: dict[StateKind, set[str]] = {}
        for state in states():
            kinds.setdefault(state.kind, set()).add(state.code)
        assert len(kinds[StateKind.STATE]) == 50
        assert kinds[StateKind.DISTRICT] == {"DC"}
        assert kinds[StateKind.TERRITORY] == set(TERRITORIES)

    @pytest.mark.parametrize(("code", "count"), sorted(TERRITORIES.items()))
    def test_county_equivalents(self, code: str, count: int) -> None:
        """Each territory's county-equivalents, from the pinned Census code list."""
        assert len(counties(code)) == count

    def test_anasco(self) -> None:
        """The issue's example resolves, with or without the tilde, to the Census name."""
        county = lookup_county("Añasco", state="PR")
        assert (county.fips, county.name, county.kind) == (
            "72011",
            "Añasco Municipio",
            CountyKind.MUNICIPIO,
        )
        assert lookup_county("Anasco", state="PR") == county
        assert lookup_county("añasco municipio, puerto rico") == county
        assert county.ocd_id == "ocd-division/country:us/territory:pr/municipio:añasco"
        assert lookup_county(county.ocd_id) == county

    def test_other_kinds(self) -> None:
        """Islands, districts and municipalities, and Guam as one county-equivalent."""
        assert lookup_county("St. Croix", state="VI").kind is CountyKind.ISLAND
        assert lookup_county("Eastern District", state="AS").kind is CountyKind.DISTRICT
        assert lookup_county("Saipan", state="MP").kind is CountyKind.MUNICIPALITY
        guam = lookup_county("Guam")
        assert (guam.fips, guam.kind, guam.ocd_id) == ("66010", CountyKind.ISLAND, None)

    def test_profile_accepts_territories(self) -> None:
        """A profile may live in a territory, by code or name."""
        assert Profile(state="Puerto Rico").state == "PR"
        assert Profile(state="gu").state == "GU"
        bayamon = Profile(county="Bayamón", state="PR").county
        assert bayamon is not None
        assert bayamon.fips == "72021"

    def test_national_groups_stop_at_the_territories(self) -> None:
        """A national group covers the 50 states and DC; a territory only where its record says
        so, and none says so yet."""
        national = {o.id for o in organizations() if o.coverage.scope is Scope.NATIONAL}
        found = {m.org.id for m in eligible_orgs(Profile(state="PR"))}
        assert national
        assert not found & national
        assert found
        assert all(lookup_state("PR").code in organizations_of(i) for i in found)
        texas = {m.org.id for m in eligible_orgs(Profile(state="TX"))}
        assert national & texas
        why = explain(Profile(state="PR"), "emilys-list")
        assert why.status is MatchStatus.INELIGIBLE
        assert any("not in the territories" in str(r) for r in why.reasons)

    def test_coverage_lists_territories_only_with_national_scope(self) -> None:
        """``territories`` widens a national scope; a state list names territories directly."""
        assert Coverage(scope=Scope.NATIONAL, territories=frozenset({"PR"})).territories
        with pytest.raises(ValueError, match="territories"):
            Coverage(scope=Scope.STATES, states=frozenset({"TX"}), territories=frozenset({"PR"}))

    def test_parties(self) -> None:
        """Puerto Rico's own parties, each the official organization for its party."""
        pnp = state_party("PR", "PNP")
        assert pnp is not None
        assert pnp.name == "Partido Nuevo Progresista"
        ppd, icm = state_party("PR", "PPD"), state_party("VI", "ICM")
        assert ppd is not None
        assert ppd.official_party is Party.POPULAR_DEMOCRATIC
        assert icm is not None
        assert icm.name == "Independent Citizens Movement of the Virgin Islands"
        assert state_party("AS", "D") is None  # no source found for it
        matched = {m.org.id for m in eligible_orgs(Profile(state="PR", party="PNP"))}
        assert matched == {"state-party-pr-new-progressive"}

    def test_parties_without_a_recorded_local_structure(self) -> None:
        """A party with a territory-wide or unrecorded structure is searched for by its own
        organization's name; a party with no organization in the state is a clear error."""
        ppd = find_local_party("Ponce", "PPD")
        assert ppd.query == "Partido Popular Democrático Ponce"
        assert (
            ppd.explanation
            == "Puerto Rico: how the Partido Popular Democrático organizes locally is not recorded"
        )
        assert find_local_party("St. Croix", "ICM", state="VI").query == (
            "Independent Citizens Movement of the Virgin Islands"
        )
        assert find_local_party("Guam", "D").query == "Democratic Party of Guam"
        # No Democratic organization of American Samoa is recorded: an error, not a guess.
        with pytest.raises(UnknownPartyError, match="use one of: republican, independent"):
            find_local_party("Eastern District", "D", state="AS")
        with pytest.raises(UnknownPartyError, match="use one of: democratic, green, libertar"):
            find_local_party("Harris", "PNP", state="TX")  # no PNP organization in Texas

    def test_local_party_and_election_office(self) -> None:
        """Municipal committees in Puerto Rico; the territory-wide election commission."""
        assert find_local_party("Bayamón", "PNP").query == "Comité Municipal PNP Bayamón"
        office = find_election_office("Ponce", state="PR")
        assert office.query == "Comisión Estatal de Elecciones de Puerto Rico (CEE)"
        assert office.chief_election_office is not None
        assert office.chief_election_office.url is None  # its own site was not read
        guam = find_election_office(state="GU").chief_election_office
        assert guam is not None
        assert guam.url == "https://gec.guam.gov/"


def organizations_of(org_id: str) -> frozenset[str]:
    return next(o for o in organizations() if o.id == org_id).coverage.states


class TestPopulation:
    def test_every_county_of_the_states_has_one(self) -> None:
        """Every county-equivalent of the 50 states and DC, and every municipio, has a Census
        population; the other territories (which the survey does not cover) have none."""
        for county in counties():
            if county.state in {"GU", "VI", "AS", "MP"}:
                assert county.population is None, county
            else:
                assert county.population, county

    def test_figures(self) -> None:
        """Spot values of ACS 2018-2022 table B01003, and the national total."""
        assert lookup_county("Los Angeles", state="CA").population == 9_936_690
        assert (lookup_county("Loving", state="TX").population or 0) < 200
        assert lookup_county("Añasco", state="PR").population == 25_497
        home = [c for c in counties() if lookup_state(c.state).kind is not StateKind.TERRITORY]
        assert sum(c.population or 0 for c in home) == 331_097_593


class TestLocalCoverage:
    def test_local_parties_where_most_people_live(self) -> None:
        """At least 200 local-party records in at least 30 states; the report's shares."""
        report = coverage_report()
        assert report["local_parties"] >= 200
        assert report["local_party_states"] >= 30
        assert report["largest_100_counties"]["with_an_election_office"] >= 99
        assert report["largest_100_counties"]["with_democratic_and_republican_local_parties"] >= 90
        assert 40 < report["population_where_local_party_recorded_percent"] < 100

    def test_what_find_local_party_gives_by_party(self) -> None:
        """Per party, every county of the 50 states and DC is counted once: the county
        party's record, the state party's directory, only a search, or the party not
        recorded in the state; the county records agree with find_local_party."""
        answers = coverage_report()["local_party_answers"]
        assert ["democratic", "green", "libertarian", "republican"] == list(answers)
        for party, found in answers.items():
            assert 3144 == sum(found["counties"].values()), party
            assert 99 < sum(found["population_percent"].values()) < 101, party
        assert 0 == answers["republican"]["counties"]["party_not_recorded"]
        harris = find_local_party("Harris", "R", state="TX").organization
        assert harris is not None
        assert answers["republican"]["counties"]["county_record"] >= 100
        # a county with no committee record of its own, in a state whose party lists its
        # county committees, is given that directory
        for party in (Party.DEMOCRATIC, Party.REPUBLICAN):
            listed = {
                min(o.coverage.states)
                for o in organizations()
                if o.kind is OrgKind.STATE_PARTY and o.official_party is party and o.local_directory
            }
            expected = sum(
                1
                for code in listed
                for c in counties(code)
                if not shipped_officials().county(c.fips, party)
            )
            assert expected > 0, party
            assert expected == answers[party.value]["counties"]["state_directory"], party

    def test_a_state_directory_is_counted(self) -> None:
        """A state party record with a directory (built here: Florida's Republicans have none
        recorded) moves that state's counties without a county record from search to
        directory."""
        import attrs

        from civicrun._data import dataset
        from civicrun._stats import _party_answers

        data = dataset()
        florida = data.organizations["state-party-fl-republican"]
        assert florida.local_directory is None
        page = "https://example.org/county-chairs"
        organizations = {
            **data.organizations,
            florida.id: attrs.evolve(florida, local_directory=page),
        }
        before = _party_answers(data)["republican"]["counties"]
        after = _party_answers(data.with_records("organizations", organizations))["republican"]
        with_record = sum(
            1 for c in counties("FL") if shipped_officials().county(c.fips, Party.REPUBLICAN)
        )
        moved = 67 - with_record
        assert moved == after["counties"]["state_directory"] - before["state_directory"]
        assert before["search"] - after["counties"]["search"] == moved
        assert before["county_record"] == after["counties"]["county_record"]

    def test_a_town_committee_on_record_is_searched_by_its_own_name(self) -> None:
        """Where the town's committee is on record, the search text is its own name (Boston's
        Republicans are a City Committee); elsewhere the generic town-committee text."""
        found = find_local_party(party="R", state="MA", town="Boston")
        assert found.organization is not None
        assert f"{found.organization.name} Massachusetts" == found.query
        assert "City Committee" in found.query
        other = find_local_party(party="R", state="MA", town="Strafford Corner")
        assert other.organization is None
        assert "Strafford Corner Republican Town Committee Massachusetts" == other.query

    def test_the_states_directory_of_election_officials_is_given(self) -> None:
        """Where a state's record names its directory of local election officials, every
        county's answer gives it; elsewhere it is None, never a guess."""
        with_directory = [
            s for s in states() if s.candidacy is not None and s.candidacy.officials_directory
        ]
        assert with_directory
        for state in states():
            places = list(counties(state.code))[:2]
            expected = state.candidacy.officials_directory if state.candidacy else None
            for county in places:
                try:
                    found = find_election_office(county.name, state=state.code)
                except civicrun.errors.LocalUnitError:
                    continue  # towns run elections there: asked by town instead
                assert expected == found.directory, (state.code, county.name)

    def test_every_state_has_its_chief_election_office(self) -> None:
        """Every state, DC and territory names its chief election office; where no https page
        of the office's own site was read, the record says so (the data check enforces it)."""
        for state in states():
            office = state.chief_election_office
            assert office is not None, state.code
            if office.url is None or office.url.startswith("http://"):
                assert office.note, state.code

    def test_every_local_party_is_its_countys_own(self) -> None:
        """Each local party covers one county (or one town in it) and is that county's (or
        town's) official organization."""
        towns = 0
        for org in organizations():
            if org.kind is OrgKind.LOCAL_PARTY:
                (fips,) = org.coverage.counties
                assert org.official_party is not None
                town = None
                if org.coverage.towns:
                    (town,) = org.coverage.towns
                    towns += 1
                found = find_local_party(fips, org.official_party.value, town=town).organization
                assert found is not None
                assert found.id == org.id
        assert towns >= 40

    def test_every_town_committee_is_found_from_its_town_alone(self) -> None:
        """Naming only the town and the state finds each town or city committee, and a
        profile that names them is in the committee's county and offered the committee."""
        checked = 0
        for org in organizations():
            if org.kind is OrgKind.LOCAL_PARTY and org.coverage.towns:
                assert org.official_party is not None
                ((state,), (town,)) = (tuple(org.coverage.states), tuple(org.coverage.towns))
                party = org.official_party.value
                found = find_local_party(party=party, state=state, town=town).organization
                assert (found.id if found else None) == org.id
                person = Profile(state=state, town=town, party=party)
                assert person.county is not None
                assert person.county.fips in org.coverage.counties
                offered = {m.org.id: m.status for m in eligible_orgs(person)}
                assert MatchStatus.ELIGIBLE == offered.get(org.id), org.id
                checked += 1
        assert checked >= 40

    def test_local_answers(self) -> None:
        """The answer names the record and keeps the search text as the fallback."""
        found = find_local_party("Maricopa", "R", state="AZ")
        assert found.organization is not None
        assert "Maricopa" in found.organization.name
        assert found.query == "Maricopa County Republican Party"
        office = find_election_office("Cook", state="IL")
        assert {o.area is None for o in office.offices} == {False}  # Chicago and suburban Cook
        assert len(office.offices) == 2
        matched = {m.org.id for m in eligible_orgs(Profile(county="Dallas County, TX", party="D"))}
        assert "local-party-48113-democratic" in matched
        assert "local-party-48113-republican" not in matched


class TestTownCommittees:
    """Where parties organize by city or town (New England, and some cities elsewhere), a
    record can be a town or city committee, offered to a profile that names the town."""

    CAMBRIDGE_D = "local-party-25017-cambridge-democratic"

    def test_find_local_party_returns_the_towns_own(self) -> None:
        found = find_local_party(party="D", state="MA", town="  cambridge ")
        assert found.organization is not None
        assert found.organization.id == self.CAMBRIDGE_D
        assert found.organization.coverage.towns == frozenset({"Cambridge"})
        # given with its county, too; with another county it is not this town's committee
        assert find_local_party("Middlesex", "D", state="MA", town="Cambridge").organization
        assert find_local_party("Suffolk", "D", state="MA", town="Cambridge").organization is None
        # the county's answer never names a town's committee
        hennepin = find_local_party("Hennepin", "R", state="MN")
        assert hennepin.organization is None
        assert hennepin.query == "Hennepin County Republican Party"
        minneapolis = find_local_party("Hennepin", "R", state="MN", town="Minneapolis")
        assert minneapolis.organization is not None
        assert minneapolis.organization.name == "Minneapolis Republican Party"
        # a town with no committee recorded keeps the search text
        other = find_local_party(party="R", state="MA", town="Somerville")
        assert other.organization is None
        assert other.query == "Somerville Republican Town Committee Massachusetts"

    def test_eligible_orgs_offers_the_towns_committee_to_its_party(self) -> None:
        def local(profile: Profile) -> dict[str, MatchStatus]:
            return {
                m.org.id: m.status
                for m in eligible_orgs(profile)
                if m.org.kind is OrgKind.LOCAL_PARTY
            }

        assert local(Profile(state="MA", town="Cambridge", party="D")) == {
            self.CAMBRIDGE_D: MatchStatus.ELIGIBLE
        }
        assert self.CAMBRIDGE_D not in local(Profile(state="MA", town="Cambridge", party="R"))
        # party unknown: both of the town's committees are possible
        both = local(Profile(state="MA", county="Middlesex", town="Cambridge"))
        assert both[self.CAMBRIDGE_D] is MatchStatus.POSSIBLE
        assert both["local-party-25017-cambridge-republican"] is MatchStatus.POSSIBLE
        # no town, another town, another county, another state: none of them
        assert local(Profile(state="MA", county="Middlesex", party="D")) == {}
        assert local(Profile(state="MA", town="Boston", party="D")) == {}
        assert local(Profile(state="MA", county="Suffolk", town="Cambridge", party="D")) == {}
        assert local(Profile(state="NH", town="Cambridge", party="D")) == {}

    def test_explain_says_why(self) -> None:
        unknown = explain(Profile(state="MA", party="D"), self.CAMBRIDGE_D)
        assert unknown.status is MatchStatus.POSSIBLE
        assert "town" in unknown.unknowns
        (reason,) = [r for r in unknown.reasons if r.kind.value == "coverage"]
        assert reason.text == (
            "works only in Cambridge (Middlesex County, MA); the profile does not say which town"
        )
        other = explain(Profile(state="MA", town="Boston", party="D"), self.CAMBRIDGE_D)
        assert other.status is MatchStatus.INELIGIBLE
        # Boston's county is known (its own committees' records), so the county decides.
        assert [r.text for r in other.failed] == [
            "works only in Cambridge (Middlesex County, MA); this profile's county is "
            "Suffolk County, MA"
        ]
        met = explain(Profile(state="MA", town="cambridge", party="D"), self.CAMBRIDGE_D)
        assert met.status is MatchStatus.ELIGIBLE
        assert "works in Cambridge, MA" in [r.text for r in met.reasons]

    def test_coverage_rules(self) -> None:
        with pytest.raises(ValueError, match='towns are listed only with scope = "counties"'):
            Coverage(scope=Scope.STATES, states=frozenset({"MA"}), towns=frozenset({"Boston"}))
        with pytest.raises(ValueError, match="single spaces"):
            Coverage(
                scope=Scope.COUNTIES,
                states=frozenset({"MA"}),
                counties=frozenset({"25025"}),
                towns=frozenset({"Boston  "}),
            )

    def test_report_counts_town_committees_apart(self) -> None:
        """A city committee does not make its county count as covered."""
        report = coverage_report()
        local = [o for o in organizations() if o.kind is OrgKind.LOCAL_PARTY]
        towns = [o for o in local if o.coverage.towns]
        assert report["town_committees"] == len(towns) >= 40
        county_level = {f for o in local if not o.coverage.towns for f in o.coverage.counties}
        assert report["counties_with_local_party"] == len(county_level)
        assert "25017" not in county_level  # Middlesex: only its cities' committees
        assert report["town_committee_states"] == 4  # CT, MA, MN, RI
