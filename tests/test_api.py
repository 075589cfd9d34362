"""One facade, one lookup contract: every public function is a method of ``Data`` with the same
signature and the same answers, and every kind of record is looked up the same way."""

from __future__ import annotations

import inspect
import typing
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import civicrun
from civicrun import Data, Profile, load_dataset
from civicrun.errors import (
    ArgumentTypeError,
    CivicrunError,
    UnknownCountyError,
    UnknownOfficeCategoryError,
    UnknownOrganizationError,
    UnknownPartyError,
    UnknownStateError,
)

from .conftest import ON

#: The public functions that are not methods of Data: the way to make one, and the 0.2 alias.
NOT_METHODS = {"load_dataset", "resolve_county"}
FUNCTIONS = sorted(
    name
    for name in civicrun.__all__
    if name not in NOT_METHODS and inspect.isfunction(getattr(civicrun, name))
)

#: Sample calls for every public function: (args, kwargs) each.
SAMPLES: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "organizations": [((), {})],
    "get_organization": [(("Wellstone Action",), {}), (("nope",), {"default": None}), ((5,), {})],
    "lookup_organization": [(("ndtc",), {}), (("Higher Hieghts",), {}), ((None,), {})],
    "search_organizations": [(("emly",), {}), (("victory",), {}), (("",), {})],
    "states": [((), {})],
    "get_state": [(("tx",), {}), (("Texsa",), {}), ((None,), {})],
    "lookup_state": [(("48",), {}), (("Texsa",), {})],
    "search_states": [(("new",), {}), (("Misouri",), {})],
    "counties": [((), {}), (("CT",), {}), (("Narnia",), {})],
    "get_county": [(("Hennepin", "MN"), {}), (("Fairfax, VA",), {})],
    "lookup_county": [(("Orleans Parish",), {}), (("Washington",), {}), (("Narnia",), {})],
    "search_counties": [(("Fairfax", "VA"), {}), (("Henne",), {})],
    "office_categories": [((), {})],
    "get_office_category": [(("board of education",), {}), (("emperor",), {})],
    "lookup_office_category": [(("school board",), {}), (("school bord",), {})],
    "search_office_categories": [(("sherif",), {}), (("board",), {})],
    "office_categories_for_state": [(("TX",), {}), (("Narnia",), {})],
    "eligible_orgs": [
        ((Profile(state="TX", party="D", gender="woman"),), {"on": ON}),
        ((Profile(),), {"on": "2020-01-01"}),
        (("not a profile",), {}),
    ],
    "explain": [
        ((Profile(party="R"), "ndtc"), {"on": ON}),
        ((Profile(), "ndtc"), {"on": "2020-01-01"}),
        ((Profile(), 5), {}),
        ((Profile(), "no such group"), {}),
    ],
    "state_party": [
        (("MN", "D"), {}),
        (("TX", "Whig"), {}),
        (("TX", ""), {}),
        (("Narnia", "D"), {}),
        (("TX", 3), {}),
    ],
    "find_local_party": [
        (("Hennepin", "DFL"), {"state": "MN"}),
        (("Hennepin",), {"state": "MN"}),  # no party: an error, never a default
        ((None, "R"), {"state": "CT", "town": "Greenwich"}),
        ((None, "R"), {"state": "MA", "town": "Cambridge"}),
        (("Dane", "Working Families Party"), {}),
        (("Harris", "independent"), {"state": "TX"}),
        (("Harris", "  "), {"state": "TX"}),
        (("Harris", 3), {"state": "TX"}),
    ],
    "find_local_parties": [
        (("Hennepin",), {"state": "MN"}),
        ((), {"state": "CT"}),
        ((), {"state": "MA", "town": "Cambridge"}),
        (("Narnia",), {}),
    ],
    "find_local_party_query": [
        (("Hennepin", "D"), {"state": "MN"}),
        (("Travis County, TX",), {}),
        ((), {"state": "TX"}),
        (("Travis County, TX", "Whig"), {}),
    ],
    "offices_for": [
        ((Profile(state="AZ", age=22),), {"on": ON}),
        ((Profile(),), {"on": ON}),
        (("not a profile",), {}),
    ],
    "find_election_office": [
        ((), {"state": "WI", "town": "Madison"}),
        (("Ingham",), {"state": "MI"}),
    ],
}


@pytest.fixture(scope="module")
def plain() -> Data:
    """A dataset with no extra records (made once: load_dataset checks the shipped data)."""
    return load_dataset([])


def _outcome(call: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """What a call gives: its answer, or the type and text of the error it raises."""
    try:
        return call(*args, **kwargs)
    except CivicrunError as exc:
        return (type(exc), str(exc))


class TestOneData:
    def test_every_function_has_a_sample(self) -> None:
        """The parity test below covers every public function."""
        assert sorted(SAMPLES) == FUNCTIONS

    @pytest.mark.parametrize("name", FUNCTIONS)
    def test_same_signature(self, name: str, plain: Data) -> None:
        """For every public function, Data has a method of the same signature."""
        function = getattr(civicrun, name)
        for data in (Data.shipped(), plain):
            assert inspect.signature(function) == inspect.signature(getattr(data, name))

    @pytest.mark.parametrize("name", FUNCTIONS)
    def test_same_answers(self, name: str, plain: Data) -> None:
        """A dataset with no extra records answers exactly as the function does, errors too."""
        for args, kwargs in SAMPLES[name]:
            expected = _outcome(getattr(civicrun, name), args, kwargs)
            assert expected == _outcome(getattr(plain, name), args, kwargs), (args, kwargs)

    def test_explain_checks_the_date_on_a_dataset_too(self, plain: Data) -> None:
        """Data.explain refuses a date given as text, as civicrun.explain does (it returned a
        Match whose date was a string)."""
        with pytest.raises(ArgumentTypeError, match=r"on must be a datetime\.date"):
            plain.explain(Profile(), "ndtc", on="2020-01-01")  # type: ignore[arg-type]

    def test_the_functions_ask_the_shipped_data(self) -> None:
        """Data.shipped() is the one default instance, and its lookups are the functions."""
        assert Data.shipped() is Data.shipped()
        assert civicrun.lookup_state is Data.lookup_state
        assert Data.shipped().lookup_organization("ndtc") is civicrun.lookup_organization("ndtc")

    def test_an_extra_local_committee_is_found(self, tmp_path: Path) -> None:
        """A county committee added by load_dataset is found by find_local_party and offered by
        eligible_orgs (Data had no find_local_party, so it was never found)."""
        assert civicrun.find_local_party("Loving", "R", state="TX").organization is None
        record = tmp_path / "example-loving-county-republicans.toml"
        record.write_text(LOVING.format(id=record.stem), encoding="utf-8")
        data = load_dataset([record])
        found = data.find_local_party("Loving", "R", state="TX").organization
        assert found is not None
        assert record.stem == found.id
        person = Profile(state="TX", county="Loving", party="R")
        assert record.stem in {m.org.id for m in data.eligible_orgs(person, on=ON)}
        assert civicrun.find_local_party("Loving", "R", state="TX").organization is None


LOVING = """\
id = "{id}"
name = "Example Loving County Republicans"
kind = "local-party"
url = "https://group.test/"
summary = "A test record: a county party's local organization."
office_levels = ["local"]
partisanship = "republican"
official_party = "republican"
roles = ["candidates"]
how_to_join = "membership"
status = "active"
confidence = "high"
last_verified = 2026-11-30
active_as_of = 2026-11-30
active_source = "https://group.test/about"
notes = ["A record for the tests."]

[coverage]
scope = "counties"
states = ["TX"]
counties = ["48301"]

[[requirements]]
field = "party"
one_of = ["republican"]
note = "Its page says it works for the party's candidates."
source = "https://group.test/about"

[[sources]]
url = "https://group.test/about"
read = 2026-11-30
title = "About us"
kind = "own-site"
"""


class TestPickling:
    def test_a_dataset_pickles_as_its_extra_records(self, tmp_path: Path) -> None:
        """A Data crosses a process boundary as its extra records, and answers the same; the
        shipped Data comes back as itself."""
        import pickle

        assert pickle.loads(pickle.dumps(Data.shipped())) is Data.shipped()
        record = tmp_path / "example-loving-county-republicans.toml"
        record.write_text(LOVING.format(id=record.stem), encoding="utf-8")
        data = load_dataset([record])
        again = pickle.loads(pickle.dumps(data))
        assert data.extra_ids == again.extra_ids == {record.stem}
        found = again.find_local_party("Loving", "R", state="TX").organization
        assert found is not None
        assert record.stem == found.id


class TestLookupContract:
    @pytest.mark.parametrize(
        ("get", "key", "found"),
        [
            (civicrun.get_organization, "re-power", "re-power"),
            (civicrun.get_state, "tx", "TX"),
            (civicrun.get_office_category, "sheriff", "sheriff"),
        ],
    )
    def test_default_is_keyword_only(self, get: Any, key: str, found: str) -> None:
        """get_*(key, *, default=None); a positional default still works, with a warning."""
        parameter = inspect.signature(get).parameters["default"]
        assert inspect.Parameter.KEYWORD_ONLY == parameter.kind
        assert "fallback" == get("no such thing", default="fallback")
        with pytest.warns(DeprecationWarning, match="pass default= by keyword"):
            assert "fallback" == get("no such thing", "fallback")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            record = get(key)
        assert found == getattr(record, "id", None) or found == getattr(record, "code", None)

    def test_positional_default_on_a_dataset(self, plain: Data) -> None:
        """Data's get_organization takes the positional default the same way."""
        with pytest.warns(DeprecationWarning, match="pass default= by keyword"):
            assert "x" == plain.get_organization("nope", "x")  # type: ignore[call-arg, arg-type]

    @pytest.mark.parametrize(
        ("search", "typo", "expected"),
        [
            (civicrun.search_organizations, "emly", "emilys-list"),
            (civicrun.search_organizations, "she shold run", "she-should-run"),
            (civicrun.search_states, "Texsa", "TX"),
            (civicrun.search_office_categories, "sherif", "sheriff"),
            (civicrun.search_counties, "Hennipen", "27053"),
        ],
    )
    def test_search_forgives_typos(self, search: Any, typo: str, expected: str) -> None:
        """search_* finds a record from a misspelling, for every kind."""
        first = search(typo)[0]
        assert expected == getattr(first, "id", None) or expected in (
            getattr(first, "code", None),
            getattr(first, "fips", None),
        )

    def test_search_ranks_exact_then_prefix_then_words(self) -> None:
        """An exact name first, then names that begin with the text, then names containing its
        words; each tier in id order."""
        found = [o.id for o in civicrun.search_organizations("victory fund")]
        assert "victory-fund" == found[0]
        assert {"latino-victory-fund", "aapi-victory-fund"} <= set(found)
        words = [o.id for o in civicrun.search_organizations("victory")]
        begins = [
            i for i in words if civicrun.lookup_organization(i).name.lower().startswith("victory")
        ]
        assert words[: len(begins)] == begins

    @pytest.mark.parametrize(
        ("lookup", "typo", "error", "suggested"),
        [
            (
                civicrun.lookup_organization,
                "Higher Hieghts",
                UnknownOrganizationError,
                "higher-heights",
            ),
            (civicrun.lookup_state, "Texsa", UnknownStateError, "TX"),
            (civicrun.lookup_office_category, "shreiff", UnknownOfficeCategoryError, "sheriff"),
            (civicrun.lookup_county, "Hennipen, MN", UnknownCountyError, "27053"),
        ],
    )
    def test_lookup_raises_a_lookup_error_with_records(
        self, lookup: Any, typo: str, error: type[Exception], suggested: str
    ) -> None:
        """lookup_* raises an Unknown*Error, a LookupError whose suggestions are records."""
        with pytest.raises(error) as info:
            lookup(typo)
        assert isinstance(info.value, LookupError)
        first = info.value.suggestions[0]  # type: ignore[attr-defined]
        assert suggested in (
            getattr(first, "id", None),
            getattr(first, "code", None),
            getattr(first, "fips", None),
        )

    def test_unknown_party_error_is_a_lookup_error_and_a_value_error(self) -> None:
        """UnknownPartyError is a LookupError like every Unknown*Error, and still a ValueError."""
        with pytest.raises(LookupError):
            civicrun.state_party("TX", " ")
        with pytest.raises(ValueError, match="party ''"):
            civicrun.find_local_party("Harris", "", state="TX")

    def test_party_read_the_same_everywhere(self) -> None:
        """A listed party or synonym is that party, an empty name an error, in state_party and
        find_local_party alike; any other name is a party without a record (None from
        state_party, an error listing the state's parties from find_local_party)."""
        assert civicrun.state_party("MN", "DFL") is civicrun.state_party("MN", "democratic")
        assert civicrun.state_party("TX", "Whig") is None  # raised before 0.3
        with pytest.raises(UnknownPartyError, match="no record of the party 'Whig' in Texas"):
            civicrun.find_local_party("Travis", "Whig", state="TX")
        for call in (
            lambda: civicrun.state_party("TX", ""),
            lambda: civicrun.find_local_party("Travis", "", state="TX"),
        ):
            with pytest.raises(UnknownPartyError):
                call()
        for call in (
            lambda: civicrun.state_party("TX", 1),  # type: ignore[arg-type]
            lambda: civicrun.find_local_party("Travis", 1, state="TX"),  # type: ignore[arg-type]
        ):
            with pytest.raises(ArgumentTypeError, match="party must be a string or a Party"):
                call()

    def test_no_default_party(self, plain: Data) -> None:
        """find_local_party without a party is an error listing the state's parties, for the
        function and a dataset alike, and never a warning: civicrun picks no party."""
        for call in (civicrun.find_local_party, plain.find_local_party):
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with pytest.raises(UnknownPartyError, match="never picks one") as info:
                    call("Hennepin", state="MN")
            assert info.value.query is None
            assert ("democratic", "green", "libertarian", "republican", "independent") == (
                info.value.accepted
            )

    def test_resolve_county_is_a_deprecated_alias(self) -> None:
        """resolve_county still answers as lookup_county, with a DeprecationWarning."""
        with pytest.warns(DeprecationWarning, match="lookup_county"):
            county = civicrun.resolve_county("Hennepin", "MN")
        assert civicrun.lookup_county("Hennepin", "MN") is county


def test_every_unknown_error_is_a_lookup_error() -> None:
    """Every Unknown*Error (and AmbiguousCountyError) is a LookupError; UnknownPartyError is
    also still a ValueError, as before 0.3."""
    from civicrun import errors

    unknown = [getattr(errors, n) for n in errors.__all__ if n.startswith("Unknown")]
    assert len(unknown) == 5
    assert all(issubclass(cls, LookupError) for cls in [*unknown, errors.AmbiguousCountyError])
    assert issubclass(errors.UnknownPartyError, ValueError)


class TestRuntimeTypes:
    @pytest.mark.parametrize(
        "name", [n for n in civicrun.__all__ if isinstance(getattr(civicrun, n), type)]
    )
    def test_type_hints_resolve(self, name: str) -> None:
        """typing.get_type_hints reads every public class (as tools that build on type hints
        do), though those shown as ``civicrun.X`` are defined elsewhere: no annotation is
        left as text."""
        cls = getattr(civicrun, name)
        hints = typing.get_type_hints(cls)
        assert not [h for h in hints.values() if isinstance(h, str | typing.ForwardRef)]
        if cls is Profile:
            assert civicrun.County | None == hints["county"]
