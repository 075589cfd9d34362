"""Hypothesis strategies for civicrun's inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from civicrun import Profile, states
from civicrun.vocab import (
    Community,
    Gender,
    Ideology,
    OfficeLevel,
    Party,
    Profession,
    RaceEthnicity,
    Stance,
)

STATE_CODES = [s.code for s in states()]


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


#: A value strategy for every Profile field that takes one (county and town are places,
#: exercised by the geography tests). tests/test_profile.py checks this covers every field.
PROFILE_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "state": _maybe(st.sampled_from(STATE_CODES)),
    "party": _maybe(st.sampled_from(list(Party))),
    "gender": _maybe(st.sampled_from(list(Gender))),
    "age": _maybe(st.integers(min_value=14, max_value=99)),
    "birth_date": _maybe(st.dates(dt.date(1920, 1, 1), dt.date(2010, 12, 31))),
    "race_ethnicity": _maybe(st.frozensets(st.sampled_from(list(RaceEthnicity)), max_size=3)),
    "lgbtq": _maybe(st.booleans()),
    "veteran": _maybe(st.booleans()),
    "national_service": _maybe(st.booleans()),
    "immigrant_generation": _maybe(st.sampled_from([1, 2])),
    "parent_of_minor": _maybe(st.booleans()),
    "union_member": _maybe(st.booleans()),
    "student": _maybe(st.booleans()),
    "stances": _maybe(
        st.tuples(
            st.sampled_from([None, Stance.PRO_CHOICE, Stance.PRO_LIFE]),
            st.sampled_from([None, Stance.GUN_SAFETY, Stance.GUN_RIGHTS]),
        ).map(lambda pair: [s for s in pair if s is not None])
    ),
    "communities": _maybe(st.frozensets(st.sampled_from(list(Community)), max_size=1)),
    "professions": _maybe(st.frozensets(st.sampled_from(list(Profession)), max_size=2)),
    "ideology": _maybe(st.sampled_from(list(Ideology))),
    "office_level": _maybe(st.sampled_from(list(OfficeLevel))),
    "prior_runs": _maybe(st.integers(min_value=0, max_value=5)),
}
PLACE_FIELDS = frozenset({"county", "town"})


def _consistent(values: dict[str, Any]) -> Profile:
    # An age and a birth date together must agree: keep only the birth date.
    if values["age"] is not None and values["birth_date"] is not None:
        values = {**values, "age": None}
    return Profile(**values)


profiles: st.SearchStrategy[Profile] = st.fixed_dictionaries(PROFILE_VALUES).map(_consistent)


def _local_places() -> list[tuple[str, str, str | None]]:
    """(state, county FIPS, town or None) of every local party committee."""
    from civicrun import organizations
    from civicrun.vocab import OrgKind

    found: list[tuple[str, str, str | None]] = []
    for org in organizations():
        if org.kind is OrgKind.LOCAL_PARTY:
            (state,) = org.coverage.states
            towns: list[str | None] = [*sorted(org.coverage.towns)] or [None]
            found.extend(
                (state, fips, town) for fips in sorted(org.coverage.counties) for town in towns
            )
    return sorted(found, key=lambda p: (p[0], p[1], p[2] or ""))


LOCAL_PLACES = _local_places()


@st.composite
def placed_profiles(draw: st.DrawFn) -> Profile:
    """A profile (as :data:`profiles`) placed where local committees work: a county and a town
    of one committee, or a mix of two committees' places in one state (a town named with the
    wrong county, a county without its town), or the town's name in another case."""
    from civicrun import get_county

    values = dict(draw(st.fixed_dictionaries(PROFILE_VALUES)))
    state, fips, town = draw(st.sampled_from(LOCAL_PLACES))
    same_state = [p for p in LOCAL_PLACES if p[0] == state]
    _, other_fips, other_town = draw(st.sampled_from(same_state))
    values["state"] = draw(st.sampled_from([state, None])) if draw(st.booleans()) else state
    county_fips = draw(st.sampled_from([fips, other_fips, None]))
    values["county"] = get_county(county_fips) if county_fips else None
    if values["county"] is not None:
        values["state"] = state
    name = draw(st.sampled_from([town, other_town, None]))
    if name is not None and draw(st.booleans()):
        name = name.upper()
    values["town"] = name
    return _consistent(values)
