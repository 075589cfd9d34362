"""Parties: normalising a party name, and each party's official state organization."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ._args import need_text
from ._data import Dataset, Derived, dataset
from ._states import lookup_state
from ._text import town_key
from .errors import ArgumentTypeError, UnknownPartyError
from .records import Organization
from .vocab import OrgKind, Party, parse

__all__ = ["local_party_of", "parties_in", "party_named", "state_party", "town_party_of"]


def party_named(value: object) -> Party:
    """The :class:`~civicrun.vocab.Party` that ``value`` names ("Democrat", "D", "GOP" ...).

    Raises:
        UnknownPartyError: the value is not a party civicrun knows.
    """
    found = parse(Party, value)
    if found is None:
        raise UnknownPartyError(value, [p.value for p in Party])
    return found


def _official(data: Dataset, kind: OrgKind) -> Mapping[tuple[str, Party], Organization]:
    """(place, party) -> the official organization of that kind: by state code for state
    parties, by county FIPS code for county ones, by :func:`town_key` for town and city
    committees (the first id wins)."""
    found: dict[tuple[str, Party], Organization] = {}
    for org in sorted(data.organizations.values(), key=lambda o: o.id):
        if org.kind is kind and org.official_party is not None:
            coverage = org.coverage
            if kind is not OrgKind.LOCAL_PARTY:
                places: Iterable[str] = coverage.states
            elif coverage.towns:
                places = [town_key(s, t) for s in coverage.states for t in coverage.towns]
            else:
                places = coverage.counties
            for place in places:
                found.setdefault((place, org.official_party), org)
    return found


def build_state_parties(data: Dataset) -> Mapping[tuple[str, Party], Organization]:
    """(state code, party) -> the party's official state organization."""
    return _official(data, OrgKind.STATE_PARTY)


def _build_local_parties(data: Dataset) -> Mapping[tuple[str, Party], Organization]:
    return _official(data, OrgKind.LOCAL_PARTY)


def _build_parties_in(data: Dataset) -> Mapping[str, frozenset[Party]]:
    """state code -> the parties with an official state, county or town organization there."""
    found: dict[str, set[Party]] = {}
    for org in data.organizations.values():
        if org.kind in (OrgKind.STATE_PARTY, OrgKind.LOCAL_PARTY) and org.official_party:
            for state in org.coverage.states:
                found.setdefault(state, set()).add(org.official_party)
    return {state: frozenset(parties) for state, parties in found.items()}


_state_parties = Derived(dataset, build_state_parties)
_local_parties = Derived(dataset, _build_local_parties)
_parties_in = Derived(dataset, _build_parties_in)


def parties_in(state: str) -> frozenset[Party]:
    """The parties with an official organization (state, county or town) recorded in
    ``state`` (a state code)."""
    return _parties_in.get().get(state, frozenset())


def local_party_of(fips: str, party: Party) -> Organization | None:
    """The party's recorded local organization for the county with this FIPS code, if any."""
    return _local_parties.get().get((fips, party))


def town_party_of(state: str, town: str, party: Party) -> Organization | None:
    """The party's recorded town or city committee for ``town`` in ``state``, if any."""
    return _local_parties.get().get((town_key(state, town), party))


def state_party(state: str, party: str | Party) -> Organization | None:
    """The party's official organization in ``state``, or None if civicrun has no record of it.

    It is the record of kind ``state-party`` whose ``official_party`` is ``party`` and whose
    coverage is ``state``.

    >>> state_party("MN", "D").official_party
    <Party.DEMOCRATIC: 'democratic'>
    >>> state_party("ND", "Green") is None
    True

    Raises:
        UnknownStateError: ``state`` is not a state.
        UnknownPartyError: ``party`` is not a party civicrun knows.
    """
    code = lookup_state(need_text(state, "state_party", "state")).code
    if not isinstance(party, str):
        raise ArgumentTypeError("state_party", "party", "a string or a Party", party)
    return _state_parties.get().get((code, party_named(party)))
