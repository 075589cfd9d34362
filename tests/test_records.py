"""Records, the converter and its errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicrun import (
    County,
    OfficeCategory,
    Organization,
    Profile,
    Reason,
    State,
    counties,
    get_county,
    get_organization,
    lookup_state,
    office_categories,
    organizations,
    records,
    states,
)
from civicrun._converter import converter, describe_error
from civicrun.records import (
    AnyOf,
    Candidacy,
    Condition,
    Coverage,
    GovernmentCount,
    Qualification,
    Requirement,
    Source,
)
from civicrun.vocab import GovernmentKind, Outcome, QualifiedOffice, RuleKind, Scope


def _errors(data: object, cls: type[object]) -> list[str]:
    with pytest.raises(Exception) as info:  # noqa: PT011  (cattrs raises an exception group)
        converter.structure(data, cls)
    return describe_error(info.value)


class TestCondition:
    def test_needs_exactly_one_test(self) -> None:
        """A condition with two kinds of test is rejected."""
        with pytest.raises(ValueError, match="exactly one test"):
            Condition(field="age", at_least=18, equals=True)  # type: ignore[arg-type]

    def test_test_must_fit_field(self) -> None:
        """A yes/no test on an age is rejected."""
        with pytest.raises(ValueError, match="cannot be tested with equals"):
            Condition(field="age", equals=True)  # type: ignore[arg-type]

    def test_vocabulary_checked(self) -> None:
        """one_of values must be in the field's vocabulary."""
        (error,) = _errors({"field": "party", "one_of": ["dem"]}, Condition)
        assert error.startswith(
            "party values ['dem'] are not in the vocabulary (democratic, republican, "
            "libertarian, green, new-progressive, "
        )
        assert error.endswith(", independent, other) @ $")

    def test_bounds_ordered(self) -> None:
        """at_least may not exceed at_most."""
        with pytest.raises(ValueError, match="greater than"):
            Condition(field="age", at_least=40, at_most=18)  # type: ignore[arg-type]

    def test_empty_one_of(self) -> None:
        """one_of needs a value."""
        with pytest.raises(ValueError, match="at least one value"):
            Condition(field="party", one_of=frozenset())  # type: ignore[arg-type]

    def test_any_of_needs_two(self) -> None:
        """An any_of group of one is a mistake."""
        with pytest.raises(ValueError, match="at least two"):
            AnyOf(any_of=(Condition(field="veteran", equals=True),))  # type: ignore[arg-type]


class TestConverter:
    def test_unknown_keys_rejected(self) -> None:
        """A typo in a key is an error naming it."""
        assert ["extra fields found (stats) @ $"] == _errors(
            {"scope": "national", "stats": []}, Coverage
        )

    def test_strict_scalars(self) -> None:
        """Strings are not numbers and numbers are not booleans."""
        assert ["expected a whole number, got '5' @ $.at_least"] == _errors(
            {"field": "age", "at_least": "5"}, Condition
        )
        assert ["expected true or false, got 1 @ $.equals"] == _errors(
            {"field": "veteran", "equals": 1}, Condition
        )
        assert ["expected a string, got 5 @ $.note"] == _errors(
            {"field": "veteran", "equals": True, "note": 5}, Condition
        )

    def test_dates(self) -> None:
        """Dates come as dates or ISO strings, never datetimes or numbers."""
        assert (
            dt.date(2026, 1, 2)
            == converter.structure({"url": "https://a.example", "read": "2026-01-02"}, Source).read
        )
        assert ["expected a date (YYYY-MM-DD), got 5 @ $.read"] == _errors(
            {"url": "https://a.example", "read": 5}, Source
        )
        assert [
            "expected a date without a time, got datetime.datetime(2026, 1, 2, 0, 0) @ $.read"
        ] == _errors({"url": "https://a.example", "read": dt.datetime(2026, 1, 2)}, Source)

    def test_requirement_union(self) -> None:
        """A table with any_of is a group; anything else is a condition."""
        group: object = converter.structure(
            {
                "any_of": [
                    {"field": "veteran", "equals": True},
                    {"field": "national_service", "equals": True},
                ]
            },
            Requirement,  # type: ignore[arg-type]
        )
        assert isinstance(group, AnyOf)
        assert ["expected a table (a condition, or a group with any_of), got 3 @ $"] == _errors(
            3,
            Requirement,  # type: ignore[arg-type]
        )

    def test_scope_states_needs_states(self) -> None:
        """A state-scoped group must name its states, a national one must not."""
        assert ['scope "states" needs at least one state code in states @ $'] == _errors(
            {"scope": "states"}, Coverage
        )
        assert ['scope "national" takes no states; use scope = "states" @ $'] == _errors(
            {"scope": "national", "states": ["TX"]}, Coverage
        )

    def test_source_url_scheme(self) -> None:
        """Sources are web pages."""
        assert ["a source url must start with https:// or http://, not 'ftp://x' @ $"] == (
            _errors({"url": "ftp://x", "read": "2026-01-01"}, Source)
        )

    @given(st.sampled_from(organizations()))
    def test_round_trip(self, org: Organization) -> None:
        """Unstructure then structure gives the same record."""
        assert org == converter.structure(converter.unstructure(org), Organization)

    def test_unstructure_is_sorted_and_sparse(self) -> None:
        """Sets come out sorted and defaults are left out."""
        cov = Coverage(scope=Scope.STATES, states=frozenset({"TX", "AL"}))
        assert {"scope": "states", "states": ["AL", "TX"]} == converter.unstructure(cov)


def _parts(record: Any) -> Iterator[object]:
    """``record`` and every record inside it."""
    if attrs.has(type(record)):
        yield record
        for field in attrs.fields(type(record)):
            yield from _parts(getattr(record, field.name))
    elif isinstance(record, tuple | frozenset):
        for item in record:
            yield from _parts(item)


#: Records of the kinds no shipped record holds yet, built by hand.
_UNSHIPPED = (
    Candidacy(
        guide="https://a.example/guide",
        filing="With the secretary of state.",
        elections="In November of even years.",
        source="https://a.example/guide",
    ),
    Qualification(office=QualifiedOffice.STATE_SENATE, min_age=25, source="https://a.example"),
    GovernmentCount(
        kind=GovernmentKind.SPECIAL_DISTRICT, count=12, year=2022, source="https://a.example"
    ),
)


def _every_part() -> list[object]:
    shipped = (*organizations(), *states(), *counties(), *office_categories())
    return [part for record in (*shipped, *_UNSHIPPED) for part in _parts(record)]


RECORD_KINDS = sorted(
    name
    for name in records.__all__
    if isinstance(value := getattr(records, name), type) and attrs.has(value)
)


class TestRepr:
    def test_organization(self) -> None:
        """An organization shows its id and name only."""
        assert "Organization(id='emerge', name='Emerge')" == repr(get_organization("emerge"))

    def test_state_and_county(self) -> None:
        """A state shows its code and name; a county its FIPS code and name."""
        assert "State(code='TX', name='Texas')" == repr(lookup_state("TX"))
        assert "County(fips='48453', name='Travis County')" == repr(get_county("48453"))

    def test_collections_shown_by_size(self) -> None:
        """A long collection shows as its size, a short one as its values, vocabulary values
        as strings."""
        cov = Coverage(scope=Scope.STATES, states=frozenset({"TX", "AL"}))
        assert "Coverage(scope='states', states={'AL', 'TX'})" == repr(cov)
        wide = Coverage(scope=Scope.STATES, states=frozenset(s.code for s in states()))
        assert f"Coverage(scope='states', states=<{len(states())} items>)" == repr(wide)

    def test_every_kind_is_short(self) -> None:
        """Every part of every shipped record, of every record kind, prints in at most 400
        characters, as its kind and its identifying fields."""
        parts = _every_part()
        assert RECORD_KINDS == sorted({type(p).__name__ for p in parts})
        for part in parts:
            text = repr(part)
            assert text.startswith(type(part).__name__ + "("), text
            assert len(text) <= 400, text
            assert "\n" not in text


def _json_only(value: object) -> bool:
    """Whether ``value`` is made of JSON's own types only (no enum, date, tuple or set)."""
    if isinstance(value, dict):
        return all(type(k) is str and _json_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_only(v) for v in value)
    return value is None or type(value) in {str, int, float, bool}


class TestToDict:
    @pytest.mark.parametrize(
        "kind", [Organization, State, County, OfficeCategory], ids=lambda k: k.__name__
    )
    def test_round_trip_every_shipped_record(self, kind: type[Any]) -> None:
        """to_dict then structure back by the one converter gives an equal record, for every
        shipped record of every kind, and to_dict is JSON-ready as it stands."""
        shipped = {
            Organization: organizations(),
            State: states(),
            County: counties(),
            OfficeCategory: office_categories(),
        }[kind]
        assert shipped
        for record in shipped:
            data = record.to_dict()
            assert _json_only(data), record
            assert data == json.loads(json.dumps(data))
            assert record == converter.structure(data, kind)

    def test_every_part_round_trips(self) -> None:
        """Every part of a record (a rule, a source, a count ...) has to_dict too, of every
        record kind, and structures back from it."""
        parts = _every_part()
        assert RECORD_KINDS == sorted({type(p).__name__ for p in parts})
        for part in {type(p): p for p in parts}.values():
            data = part.to_dict()  # type: ignore[attr-defined]
            assert _json_only(data), part
            assert part == converter.structure(data, type(part))

    def test_shape(self) -> None:
        """A record's dict is its fields by name, defaults left out, vocabulary values as
        strings, dates as ISO text."""
        county = get_county("48453")
        assert county is not None
        assert {
            "fips": "48453",
            "name": "Travis County",
            "kind": "county",
            "state": "TX",
            "population": county.population,
        } == county.to_dict()
        emerge = get_organization("emerge")
        assert emerge is not None
        data = emerge.to_dict()
        assert ("emerge", "Emerge", emerge.last_verified.isoformat()) == (
            data["id"],
            data["name"],
            data["last_verified"],
        )
        assert "official_party" not in data  # None, the default, is left out

    def test_reason_and_profile_through_the_converter(self) -> None:
        """Reason and Profile keep their documented shapes, now made by the one converter."""
        reason = Reason(kind=RuleKind.AUDIENCE, outcome=Outcome.MET, text="serves women")
        assert {
            "kind": "audience",
            "field": None,
            "outcome": "met",
            "text": "serves women",
        } == reason.to_dict()
        profile = Profile(state="TX", county="Travis", race_ethnicity="black,asian")
        assert {
            "state": "TX",
            "county": "48453",
            "race_ethnicity": ["asian-american", "black"],
        } == profile.to_dict()
        assert profile == Profile.from_dict(profile.to_dict())


class TestFieldTypes:
    @pytest.mark.parametrize(
        "cls",
        [getattr(records, name) for name in RECORD_KINDS],
        ids=lambda c: c.__name__,
    )
    def test_each_field_type_is_what_typing_gives(self, cls: type[Any]) -> None:
        """The types the bundle decoder and the JSON Schema read are the annotations as
        typing.get_type_hints evaluates them (with no names given: every record class's
        annotations read in the module it is shown in), for every record class."""
        assert records.__name__ == cls.__module__
        want = typing.get_type_hints(cls)
        got = records.field_types(cls)
        assert {f.name: want[f.name] for f in attrs.fields(cls)} == got
        assert got == records.field_types(cls)  # the second time, from the evaluated ones


class TestMadeOnFirstUse:
    def test_a_question_about_groups_makes_no_state_record_class(self) -> None:
        """A question about groups (with a county and a town, every match and reason read)
        makes none of the state and office-category record classes; asking for a state makes
        them all, as the classes ``civicrun.records`` names, shown as its own; ``dir()`` lists
        them before they are made."""
        code = (
            "import sys\n"
            "import civicrun\n"
            "p = civicrun.Profile(state='TX', county='Travis', town='Austin', party='D')\n"
            "assert [m.reasons for m in civicrun.eligible_orgs(p)]\n"
            "print('civicrun._state_records' in sys.modules)\n"
            "from civicrun import records\n"
            "print(set(records.__all__) <= set(dir(records)))\n"
            "state = civicrun.get_state('TX')\n"
            "part = state.parties[0]\n"
            "print(type(state) is records.State, type(part) is records.PartyStructure)\n"
            "print(records.State.__module__, records.OfficeCategory.__module__)\n"
            "import pickle\n"
            "print(pickle.loads(pickle.dumps(state)) == state)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        want = "False\nTrue\nTrue True\ncivicrun.records civicrun.records\nTrue\n"
        assert want == result.stdout, result.stderr

    def test_every_record_class_is_handed_out(self) -> None:
        """Every record class, wherever it is made, is in ``civicrun.records.__all__``; those
        made on first use are exactly the ones ``_state_records`` makes."""
        from civicrun import _record_base, _state_records

        made = {
            name
            for module in (_record_base, records, _state_records)
            for name, value in vars(module).items()
            if isinstance(value, type) and attrs.has(value)
        }
        assert made <= set(records.__all__)
        assert set(_state_records.__all__) == set(records._MADE_LATER)

    def test_a_subclass_keeps_its_module(self) -> None:
        """A record subclass made outside civicrun is shown in its own module."""

        @attrs.frozen(kw_only=True)
        class Mine(records.Source):
            extra: str = ""

        assert __name__ == Mine.__module__
        assert records.__name__ == records.Source.__module__

    def test_an_unknown_name_is_an_attribute_error(self) -> None:
        """A name ``civicrun.records`` does not have is an AttributeError that names it."""
        with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
            records.Nope  # noqa: B018
