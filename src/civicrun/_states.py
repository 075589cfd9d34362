"""State lookups in three tiers: codes, names and FIPS codes of the 50 states, DC and the five
inhabited territories.

:func:`get_state` never raises, :func:`lookup_state` raises with suggestions
(:class:`~civicrun.State` records), :func:`search_states` ranks (the rules of
:meth:`civicrun._lookup.Names.search`, as for every kind of record).
"""

from __future__ import annotations

from collections.abc import Mapping

from ._args import MAX_TEXT, default_keyword_only, need_text
from ._data import Derived, state_table
from ._lookup import Names
from .errors import UnknownStateError
from .records import State

__all__ = ["get_state", "lookup_state", "search_states", "states"]

_EXTRA_NAMES = {"washington dc": "DC", "washington d c": "DC", "d c": "DC"}


def _build_names(table: Mapping[str, State]) -> Names[State]:
    return Names(
        sorted(table.values(), key=lambda s: s.code),
        lambda state: (state.code, state.name, state.fips),
        extra=[(name, table[code]) for name, code in _EXTRA_NAMES.items() if code in table],
    )


_names = Derived(state_table, _build_names)


def states() -> tuple[State, ...]:
    """The 50 states, DC and the five inhabited territories (PR, GU, VI, AS, MP), in order of
    their two-letter codes."""
    return _names.get().records


@default_keyword_only
def get_state(code_or_name: object, *, default: State | None = None) -> State | None:
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
    if not isinstance(code_or_name, str) or len(code_or_name) > MAX_TEXT:
        return default
    found = _names.get().get(code_or_name)
    return default if found is None else found


def lookup_state(code_or_name: object) -> State:
    """The state with this code, name or FIPS code (the rules of :func:`get_state`).

    >>> lookup_state("Minnesota").code
    'MN'

    Raises:
        UnknownStateError: nothing matches; ``suggestions`` lists up to three close states.
    """
    text = need_text(code_or_name, "lookup_state", "code_or_name") or ""
    names = _names.get()
    found = names.get(text)
    if found is None:
        raise UnknownStateError(text, names.suggest(text, 3))
    return found


def search_states(text: str) -> tuple[State, ...]:
    """States that ``text`` may mean, best first: an exact code, name or FIPS code, then names
    that begin with it, then names with words that begin with its words, then close
    spellings; ties in code order.

    >>> [s.code for s in search_states("new")]
    ['NH', 'NJ', 'NM', 'NY']
    >>> [s.code for s in search_states("Texsa")]
    ['TX']
    """
    return _names.get().search(need_text(text, "search_states", "text") or "")
