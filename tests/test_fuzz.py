"""The public API never leaks an internal error: arbitrary input gets civicrun's own errors.

Every public function is called with arbitrary values — text of any characters (control
characters and 100,000-character strings included), numbers, None, bytes, lists, mappings —
and may only return or raise a :class:`~civicrun.CivicrunError`; a value of the wrong type
raises :class:`~civicrun.errors.ArgumentTypeError`, which is also a ``TypeError``. At least
1,000 examples per function.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civicrun
from civicrun import CivicrunError, Profile
from civicrun.cli import main
from civicrun.errors import ArgumentTypeError, FormerNameWarning

from .conftest import examples

texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    st.sampled_from(["TX", "Texas", "Harris", "Fairfax, VA", "D", "GOP", "ndtc", "St. Louis"]),
    st.builds(lambda c, n: c * n, st.characters(), st.integers(0, 100_000)),
)
anything: st.SearchStrategy[Any] = st.one_of(
    texts,
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.lists(texts, max_size=3),
    st.dictionaries(texts, texts, max_size=2),
    st.booleans(),
    st.dates(),
)

ON = dt.date(2026, 12, 1)
CALLS: dict[str, Callable[[Any, Any], object]] = {
    "get_organization": lambda a, _b: civicrun.get_organization(a),
    "lookup_organization": lambda a, _b: civicrun.lookup_organization(a),
    "search_organizations": lambda a, _b: civicrun.search_organizations(a),
    "get_state": lambda a, _b: civicrun.get_state(a),
    "lookup_state": lambda a, _b: civicrun.lookup_state(a),
    "search_states": lambda a, _b: civicrun.search_states(a),
    "get_office_category": lambda a, _b: civicrun.get_office_category(a),
    "lookup_office_category": lambda a, _b: civicrun.lookup_office_category(a),
    "search_office_categories": lambda a, _b: civicrun.search_office_categories(a),
    "office_categories_for_state": lambda a, _b: civicrun.office_categories_for_state(a),
    "counties": lambda a, _b: civicrun.counties(a),
    "get_county": civicrun.get_county,
    "lookup_county": civicrun.lookup_county,
    "search_counties": civicrun.search_counties,
    "state_party": civicrun.state_party,
    "find_local_party": lambda a, b: civicrun.find_local_party(
        a, "D" if a is None and b is None else (a if b is None else b), state=b, town=a
    ),
    "find_election_office": lambda a, b: civicrun.find_election_office(a, state=b, town=a),
    "explain": lambda a, b: civicrun.explain(Profile(), a, on=b if b is None else ON),
    "eligible_orgs": lambda a, b: civicrun.eligible_orgs(a, on=b if b is None else ON),
    "eligible_orgs(on=)": lambda _a, b: civicrun.eligible_orgs(Profile(), on=b),
    "Profile": lambda a, b: Profile(state=a, party=b, gender=a, age=b, stances=a, county=b),
    "Profile.from_dict": lambda a, b: Profile.from_dict({"state": a, "lgbtq": b, str(a): b}),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.slow
@settings(
    max_examples=examples(1000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(a=anything, b=anything)
def test_only_civicrun_errors(name: str, a: Any, b: Any) -> None:
    """Whatever it is given, the function returns or raises civicrun's own error."""
    raised: Exception | None = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FormerNameWarning)
        try:
            CALLS[name](a, b)
        except CivicrunError as exc:
            raised = exc
    if isinstance(raised, TypeError):
        assert isinstance(raised, ArgumentTypeError)
        assert raised.argument in str(raised)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(texts, max_size=5))
def test_the_command_line_never_prints_a_traceback(argv: list[str]) -> None:
    """Any arguments: an exit code and, at most, one clear line on stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FormerNameWarning)
        code = main(["match", *argv[:1], "--state", *argv[1:2]]) if argv else main([])
    assert code in (0, 1, 2)
