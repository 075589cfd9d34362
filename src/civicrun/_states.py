"""State lookups in three tiers: codes, names and FIPS codes of the 50 states, DC and the five
inhabited territories.

:func:`get_state` never raises, :func:`lookup_state` raises with suggestions
(:class:`~civicrun.State` records), :func:`search_states` ranks (the rules of
:meth:`civicrun._lookup.Names.search`, as for every kind of record).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ._args import MAX_TEXT, default_keyword_only, need_text
from ._data import Derived, state_table, text_field
from ._lookup import Names
from .errors import UnknownStateError

if TYPE_CHECKING:
    from .records import State

__all__ = ["get_state", "lookup_state", "search_states", "state_code", "state_forms", "states"]

_EXTRA_NAMES = {"washington dc": "DC", "washington d c": "DC", "d c": "DC"}


def state_forms(table: Mapping[str, State], code: str) -> tuple[str, str, str]:
    """The state ``code``'s code, name and FIPS code: what a state is looked up by (the name and
    FIPS code from the bundle header's copy, so no state record is decoded)."""
    return code, text_field(table, code, "name"), text_field(table, code, "fips")


class _StateNames:
    """The states' names, indexed by code, name and FIPS code as the bundle's header holds
    them, so a look-up decodes only the state it finds (a first answer reads one)."""

    __slots__ = ("names", "table")

    def __init__(self, table: Mapping[str, State]) -> None:
        self.table = table
        codes = {code: code for code in sorted(table)}
        self.names: Names[str] = Names(
            codes,
            lambda code: state_forms(table, code),
            extra=[(name, codes[code]) for name, code in _EXTRA_NAMES.items() if code in codes],
        )

    def records(self, codes: Iterable[str]) -> tuple[State, ...]:
        """The states of ``codes``, in that order."""
        table = self.table
        return tuple(table[code] for code in codes)

    def get(self, text: str) -> State | None:
        code = self.names.get(text)
        return None if code is None else self.table[code]


_names = Derived(state_table, _StateNames)


def states() -> tuple[State, ...]:
    """The 50 states, DC and the five inhabited territories (PR, GU, VI, AS, MP), in order of
    their two-letter codes."""
    index = _names.get()
    return index.records(index.names.records)


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
    code = state_code(code_or_name)
    return default if code is None else state_table()[code]


def state_code(code_or_name: object) -> str | None:
    """The code of the state :func:`get_state` finds, or None; no state record is decoded (a
    profile keeps only the code)."""
    if not isinstance(code_or_name, str) or len(code_or_name) > MAX_TEXT:
        return None
    code = code_or_name.strip().upper()
    if len(code) == 2 and code in state_table():  # a postal code: no index of names needed
        return code
    return _names.get().names.get(code_or_name)


def lookup_state(code_or_name: object) -> State:
    """The state with this code, name or FIPS code (the rules of :func:`get_state`).

    >>> lookup_state("Minnesota").code
    'MN'

    Raises:
        UnknownStateError: nothing matches; ``suggestions`` lists up to three close states.
    """
    text = need_text(code_or_name, "lookup_state", "code_or_name") or ""
    index = _names.get()
    found = index.get(text)
    if found is None:
        raise UnknownStateError(text, index.records(index.names.suggest(text, 3)))
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
    index = _names.get()
    return index.records(index.names.search(need_text(text, "search_states", "text") or ""))
