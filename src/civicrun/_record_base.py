"""What every record shares: the base class, the short repr, :class:`Source`, and the codes of
a state's kind and Open Civic Data identifier.

:mod:`civicrun.records` hands out every record class; the records of organizations and counties
are made there, those of states and office categories in :mod:`civicrun._state_records` (made on
first use). Annotations here are evaluated when a class is made (there is no ``from __future__
import annotations``), so :func:`typing.get_type_hints` needs no module's names to read them.
"""

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs
from attrs import frozen

from .vocab import SourceKind, StateKind

__all__ = ["HOME", "Source", "state_kind", "state_ocd_id"]

#: The module every record class is shown in.
HOME = "civicrun.records"
#: The modules that make record classes.
_MAKERS = frozenset({__name__, HOME, "civicrun._state_records"})

#: The most items of a collection a record's repr shows; a longer one is shown by its size.
_REPR_ITEMS = 5


def _short(value: Any) -> str:
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, frozenset | tuple) and len(value) > _REPR_ITEMS:
        return f"<{len(value)} items>"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(_short(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _short_repr(*names: str) -> Callable[[Any], str]:
    """A ``__repr__`` showing only the fields ``names`` (an id or code and a name), so a
    record prints in a line, not in pages: ``Organization(id='some-group', name='Some Group')``.

    A field that is ``None`` or empty is left out; a vocabulary value shows as its string; a
    collection of more than five items shows as its size (``<12 items>``).
    Every public record's repr is made here, so they all read alike.
    """

    def __repr__(self: Any) -> str:
        shown = []
        for name in names:
            value = getattr(self, name)
            if value is None or (isinstance(value, frozenset | tuple) and not value):
                continue
            shown.append(f"{name}={_short(value)}")
        return f"{type(self).__name__}({', '.join(shown)})"

    return __repr__


class _Record:
    """What every record has: :meth:`to_dict`, by the one converter, and its home.

    Every record class is shown as ``civicrun.records.X`` (in reprs of types, pickles and the
    docs), the module that hands them all out, whichever of civicrun's modules makes it (a
    subclass made elsewhere keeps its own module).
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ in _MAKERS:
            cls.__module__ = HOME

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data, as the data files and ``civicrun show --json`` hold
        it: only dicts, lists, strings, numbers and booleans (dates as ``YYYY-MM-DD``, a
        vocabulary value as its string, sets as sorted lists); a field left at its default
        (``None``, empty) is left out. ``json.dumps(record.to_dict())`` serves it; the one
        cattrs converter structures it back to an equal record.

        >>> from civicrun.records import Coverage
        >>> from civicrun.vocab import Scope
        >>> Coverage(scope=Scope.STATES, states=frozenset({"TX", "AL"})).to_dict()
        {'scope': 'states', 'states': ['AL', 'TX']}
        """
        from ._converter import converter  # noqa: PLC0415  (cattrs loads only when asked)

        data: dict[str, Any] = converter.unstructure(self)
        return data


@frozen(kw_only=True)
class Source(_Record):
    """A page a fact was read from, the date it was read, and what kind of page it is.

    ``kind`` is ``own-site`` (the organization's own website), ``government``, ``press``,
    ``reference`` (an encyclopedia, a directory) or ``other``; ``None`` where it has not been
    classified yet.
    """

    __repr__ = _short_repr("url", "kind")

    url: str = attrs.field()
    read: dt.date
    title: str | None = None
    note: str | None = None
    kind: SourceKind | None = None

    @url.validator
    def _check_url(self, _attribute: Any, value: str) -> None:
        if not value.startswith("https://") and not value.startswith("http://"):
            raise ValueError(f"a source url must start with https:// or http://, not {value!r}")


def _non_empty(_instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must not be empty")


def state_kind(fips: str) -> StateKind:
    """The kind of jurisdiction a state FIPS code names: the District of Columbia is 11, and
    the Census Bureau gives the outlying areas (the territories) codes from 60 up."""
    if fips == "11":
        return StateKind.DISTRICT
    return StateKind.TERRITORY if fips >= "60" else StateKind.STATE


def state_ocd_id(code: str, fips: str) -> str:
    """A state's Open Civic Data identifier (``district:dc`` for DC, ``territory:pr`` for a
    territory)."""
    return f"ocd-division/country:us/{_OCD_STATE_TYPES[state_kind(fips)]}:{code.lower()}"


_OCD_STATE_TYPES = {
    StateKind.STATE: "state",
    StateKind.DISTRICT: "district",
    StateKind.TERRITORY: "territory",
}
