"""Parties: what a party argument means, and each party's official state and local organizations.

Every function that takes a party reads it by :func:`party_of`, one rule for all: a
:class:`~civicrun.vocab.Party` or a name civicrun lists ("Democrat", "D", "GOP" ...) is that
party; any other name is a party civicrun does not list, taken by its own name (it has no
record of it); an empty name is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ._args import need_text
from ._data import Dataset, Derived, dataset
from ._states import lookup_state
from ._text import town_key
from .errors import ArgumentTypeError, UnknownPartyError
from .records import Organization
from .vocab import OrgKind, Party, parse

__all__ = [
    "Officials",
    "officials_of",
    "party_named",
    "party_of",
    "shipped_officials",
    "state_party",
]


def party_named(value: object) -> Party:
    """The :class:`~civicrun.vocab.Party` that ``value`` names ("Democrat", "D", "GOP" ...).

    Raises:
        UnknownPartyError: the value is not a party civicrun knows.
    """
    found = parse(Party, value)
    if found is None:
        raise UnknownPartyError(value, [p.value for p in Party])
    return found


def party_of(value: object, function: str) -> Party | str:
    """The party a ``party`` argument of ``function`` means: the listed :class:`Party` it names,
    or, for a name civicrun does not list, that name with its spacing tidied.

    Raises:
        ArgumentTypeError: ``value`` is not a string (or a Party).
        UnknownPartyError: ``value`` is empty.
        InvalidArgumentError: ``value`` is longer than civicrun reads.
    """
    if not isinstance(value, str):
        raise ArgumentTypeError(function, "party", "a string or a Party", value)
    text = need_text(value, function, "party") or ""
    found = parse(Party, text)
    if found is not None:
        return found
    name = " ".join(text.split())
    if not name:
        raise UnknownPartyError(value, [p.value for p in Party])
    return name


class Officials:
    """Each party's official organizations in a dataset: by state code for state parties, by
    county FIPS code for county ones, by :func:`town_key` for town and city committees (the
    first id wins)."""

    __slots__ = ("_local", "_parties_in", "_state")

    def __init__(self, data: Dataset) -> None:
        self._state = _official(data, OrgKind.STATE_PARTY)
        self._local = _official(data, OrgKind.LOCAL_PARTY)
        found: dict[str, set[Party]] = {}
        for org in data.organizations.values():
            if org.kind in (OrgKind.STATE_PARTY, OrgKind.LOCAL_PARTY) and org.official_party:
                for state in org.coverage.states:
                    found.setdefault(state, set()).add(org.official_party)
        self._parties_in = {state: frozenset(parties) for state, parties in found.items()}

    def parties_in(self, code: str) -> frozenset[Party]:
        """The parties with an official organization (state, county or town) recorded in the
        state with this code."""
        return self._parties_in.get(code, frozenset())

    def state(self, code: str, party: Party) -> Organization | None:
        """The party's official organization in the state with this code, if recorded."""
        return self._state.get((code, party))

    def county(self, fips: str, party: Party) -> Organization | None:
        """The party's recorded local organization for the county with this FIPS code."""
        return self._local.get((fips, party))

    def town(self, state: str, town: str, party: Party) -> Organization | None:
        """The party's recorded town or city committee for ``town`` in ``state``."""
        return self._local.get((town_key(state, town), party))


def _official(data: Dataset, kind: OrgKind) -> Mapping[tuple[str, Party], Organization]:
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


def officials_of(data: Dataset) -> Officials:
    """The official party organizations of ``data``."""
    return Officials(data)


_shipped = Derived(dataset, officials_of)


def shipped_officials() -> Officials:
    """The official party organizations of the shipped records (built on first use)."""
    return _shipped.get()


def state_party(
    officials: Officials, state: object, party: object, function: str = "state_party"
) -> Organization | None:
    """The party's official organization in ``state`` among ``officials``, or None.

    Raises:
        UnknownStateError: ``state`` is not a state.
        UnknownPartyError: ``party`` is empty.
    """
    code = lookup_state(need_text(state, function, "state")).code
    known = party_of(party, function)
    return officials.state(code, known) if isinstance(known, Party) else None
