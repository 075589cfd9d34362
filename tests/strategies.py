"""Hypothesis strategies for civicrun's inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from civicrun import Profile, states
from civicrun.vocab import Community, Gender, Ideology, OfficeLevel, Party, RaceEthnicity, Stance

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
    "stances": _maybe(
        st.tuples(
            st.sampled_from([None, Stance.PRO_CHOICE, Stance.PRO_LIFE]),
            st.sampled_from([None, Stance.GUN_SAFETY, Stance.GUN_RIGHTS]),
        ).map(lambda pair: [s for s in pair if s is not None])
    ),
    "communities": _maybe(st.frozensets(st.sampled_from(list(Community)), max_size=1)),
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
