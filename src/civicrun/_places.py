"""Places people type: a town or city, and the county (or counties) it lies in.

civicrun reads a town's county from its own data, never from a guess:

* the town and city committees (local-party records whose coverage names towns), each listing
  the county (or counties) its town lies in, from the committee's own sources;
* the county table's independent cities and consolidated cities (the City of Fairfax,
  Baltimore city, St. Louis city, Carson City, Juneau City and Borough): a town of that name in
  that state is that county-equivalent itself;
* the place table (``data/places.tsv``, built by ``scripts/build_places.py`` from the Census
  Bureau's figures): every city, town, village, borough and census-designated place of 25,000
  people or more, with the counties it lies in.

A smaller town it does not know gives no county (the guide's "Towns and cities" section says
what it knows). Names are compared as committees are found, by
:func:`civicrun._text.town_key` (case, accents and punctuation ignored).
"""

from __future__ import annotations

from collections.abc import Mapping

from ._data import Dataset, Derived, data_root, dataset
from ._placetable import read_places
from ._states import lookup_state
from ._text import town_key
from .errors import AmbiguousCountyError, InvalidPlaceNameError
from .records import County
from .vocab import CountyKind, OrgKind

__all__ = ["county_of_town", "known_towns", "split_place", "town_counties"]

#: County-equivalents that are themselves one city: a town of the same name is the place.
_CITY_KINDS = frozenset({CountyKind.INDEPENDENT_CITY, CountyKind.CITY_AND_BOROUGH})


def _build(data: Dataset) -> Mapping[str, tuple[str, ...]]:
    """town key -> the FIPS codes of the counties the town lies in, in FIPS order."""
    table = data_root().joinpath("places.tsv")
    found: dict[str, set[str]] = (
        read_places(table.read_text(encoding="utf-8"), data.counties.state_of)
        if table.is_file()
        else {}
    )
    for org in data.organizations.values():
        coverage = org.coverage
        if org.kind is not OrgKind.LOCAL_PARTY or not coverage.towns:
            continue
        for state in coverage.states:
            prefix = lookup_state(state).fips
            here = {f for f in coverage.counties if f.startswith(prefix)}
            for town in coverage.towns:
                found.setdefault(town_key(state, town), set()).update(here)
    for county in data.counties.values():
        if county.kind in _CITY_KINDS:
            found.setdefault(town_key(county.state, county.short_name), set()).add(county.fips)
    return {key: tuple(sorted(codes)) for key, codes in found.items() if codes}


_towns = Derived(dataset, _build)


def town_counties(state: str, town: str) -> tuple[County, ...]:
    """The counties ``town`` in ``state`` (a state code) lies in, as far as civicrun knows;
    empty for a town it does not know."""
    table = dataset().counties
    return tuple(table.county(f) for f in _towns.get().get(town_key(state, town), ()))


def county_of_town(state: str, town: str) -> County | None:
    """The one county ``town`` in ``state`` (a state code) lies in, or None where civicrun
    does not know the town.

    Raises:
        AmbiguousCountyError: the town lies in more than one county; ``candidates`` lists them.
    """
    found = town_counties(state, town)
    if len(found) > 1:
        raise AmbiguousCountyError(
            f"{' '.join(town.split())}, {state}",
            found,
            hint="give the county you live in (county=, or --county)",
        )
    return found[0] if found else None


def known_towns(state: str | None = None) -> tuple[str, ...]:
    """The keys (``"MA/cambridge"``) of every town civicrun knows the county of (in one
    state, a code, if given), sorted."""
    keys = _towns.get()
    return tuple(sorted(k for k in keys if state is None or k.startswith(state + "/")))


def split_place(text: str) -> tuple[str, str]:
    """``"Phoenix, AZ"`` -> ``("Phoenix", "AZ")``: a town or city and its state (a code or
    name after the last comma), the way people write a place.

    >>> split_place("Cambridge, Massachusetts")
    ('Cambridge', 'MA')

    Raises:
        InvalidPlaceNameError: there is no town before the comma, or no comma.
        UnknownStateError: the part after the last comma is not a state.
    """
    town, comma, state = text.rpartition(",")
    if not comma or not town.strip():
        raise InvalidPlaceNameError(
            f"give a place as 'town, state' (for example 'Phoenix, AZ'), not {text!r}"
        )
    return " ".join(town.split()), lookup_state(state.strip()).code
