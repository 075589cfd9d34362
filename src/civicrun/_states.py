"""State lookups in three tiers: codes, names and FIPS codes of the 50 states and DC.

:func:`get_state` never raises, :func:`lookup_state` raises with suggestions
(:class:`~civicrun.State` records), :func:`search_states` ranks.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._args import MAX_TEXT, need_text
from ._data import Derived, state_table
from ._text import close_matches, fold
from .errors import UnknownStateError
from .records import State

__all__ = ["get_state", "lookup_state", "search_states", "states"]

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
    """The 50 states, DC and the five inhabited territories (PR, GU, VI, AS, MP), in order of
    their two-letter codes."""
    return tuple(sorted(state_table().values(), key=lambda s: s.code))


def _find(code_or_name: object) -> State | None:
    if not isinstance(code_or_name, str) or len(code_or_name) > MAX_TEXT:
        return None
    text = code_or_name.strip()
    return _state_index.get().get(text if text.isdigit() else fold(text))


def get_state(code_or_name: object, default: State | None = None) -> State | None:
    """The state with this code, name or FIPS code, or ``default``; never raises.

    * two letters: the postal code, any case (``"tx"``);
    * two digits: the FIPS code (``"48"``);
    * anything else: the name, any case, accents and punctuation ignored
      (``"new york"``, ``"District of Columbia"``, ``"Washington, D.C."``).

    >>> get_state("tx").name
    'Texas'
    >>> get_state("Texsa") is None
    True
    """
    found = _find(code_or_name)
    return default if found is None else found


def lookup_state(code_or_name: object) -> State:
    """The state with this code, name or FIPS code (the rules of :func:`get_state`).

    >>> lookup_state("Minnesota").code
    'MN'

    Raises:
        UnknownStateError: nothing matches; ``suggestions`` lists close states.
    """
    text = need_text(code_or_name, "lookup_state", "code_or_name") or ""
    found = _find(text)
    if found is None:
        raise UnknownStateError(text, search_states(text)[:3])
    return found


def search_states(text: str) -> tuple[State, ...]:
    """States that ``text`` may mean, best first: an exact code, name or FIPS code, then names
    that begin with it, then close spellings; ties in code order.

    >>> [s.code for s in search_states("new")]
    ['NH', 'NJ', 'NM', 'NY']
    """
    if not (need_text(text, "search_states", "text") or "").strip():
        return ()
    ranked: dict[str, State] = {}
    exact = _find(text)
    if exact is not None:
        ranked[exact.code] = exact
    key = fold(text)
    for state in states():
        if fold(state.name).startswith(key):
            ranked.setdefault(state.code, state)
    by_name = {s.name: s for s in states()}
    for name in close_matches(text, by_name, n=3):
        ranked.setdefault(by_name[name].code, by_name[name])
    return tuple(ranked.values())
