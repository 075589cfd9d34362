"""State lookups: codes, names and FIPS codes of the 50 states and DC."""

from __future__ import annotations

from collections.abc import Mapping

from ._data import Derived, state_table
from ._records import State
from ._text import close_matches, fold
from .errors import UnknownStateError

__all__ = ["get_state", "states"]

_EXTRA_NAMES = {"washington dc": "DC", "washington d c": "DC", "d c": "DC", "dc": "DC"}


def _build_state_index(table: Mapping[str, State]) -> Mapping[str, State]:
    index: dict[str, State] = {}
    for state in table.values():
        index[fold(state.code)] = state
        index[fold(state.name)] = state
        index[state.fips] = state
    for name, code in _EXTRA_NAMES.items():
        if code in table:
            index[name] = table[code]
    return index


_state_index = Derived(state_table, _build_state_index)


def states() -> tuple[State, ...]:
    """The 50 states and DC, in order of their two-letter codes."""
    return tuple(sorted(state_table().values(), key=lambda s: s.code))


def get_state(code_or_name: str) -> State:
    """The state with this code, name or FIPS code.

    * two letters: the postal code, any case (``"tx"``);
    * two digits: the FIPS code (``"48"``);
    * anything else: the name, any case, accents and punctuation ignored
      (``"new york"``, ``"District of Columbia"``, ``"Washington, D.C."``).

    Raises:
        UnknownStateError: nothing matches; its ``suggestions`` lists close names.

    >>> get_state("tx").name
    'Texas'
    >>> get_state("Minnesota").code
    'MN'
    """
    if not isinstance(code_or_name, str):
        raise UnknownStateError(code_or_name)
    index = _state_index.get()
    key = code_or_name.strip() if code_or_name.strip().isdigit() else fold(code_or_name)
    found = index.get(key)
    if found is None:
        names = [s.name for s in state_table().values()]
        raise UnknownStateError(code_or_name, close_matches(code_or_name, names, n=3))
    return found
