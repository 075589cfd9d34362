"""The one private cattrs converter and every hook it uses.

Rules, in one place:

* Unknown keys are an error (``forbid_extra_keys``), so a typo in a data file cannot pass.
* Values equal to their default are left out when unstructuring, so the output of
  ``unstructure`` can be written back as TOML (which has no null).
* Records unstructure to JSON-ready data: only dicts, lists, strings, numbers and booleans
  (a vocabulary value as its string), which is what every record's ``to_dict()`` returns.
* Dates structure from :class:`datetime.date` (as TOML gives them) or ISO strings (as JSON
  gives them) and unstructure to ISO strings.
* Sets (``frozenset``) unstructure to sorted lists, so output is deterministic.
* A union of records (a requirement: :class:`~civicrun.records.Condition` or
  :class:`~civicrun.records.AnyOf`) is the member whose own required key the mapping has (a
  table with ``any_of`` is an ``AnyOf``), else its first member (a ``Condition``). The rule
  names no record class, so this module imports none and the records can call it.
* Errors are reported with :func:`describe_error`, one line per problem naming the field path
  (``invalid value @ $.coverage.states``).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.v import format_exception, transform_error

__all__ = ["converter", "describe_error"]


def _structure_date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date without a time, got {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _structure_str(value: Any, type_: type[str]) -> str:
    # Also serves StrEnum subclasses, whose error lists the values they accept.
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    try:
        return type_(value)
    except ValueError:
        if not issubclass(type_, Enum):
            raise
        shown = repr(value) if len(value) <= 80 else repr(value[:80]) + "..."
        allowed = " | ".join(member.value for member in type_)
        raise ValueError(f"{shown} is not one of the values allowed here: {allowed}") from None


def _structure_int(value: Any, _type: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _structure_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _is_record_union(type_: Any) -> bool:
    args = typing.get_args(type_)
    is_union = isinstance(type_, types.UnionType) or typing.get_origin(type_) is typing.Union
    return is_union and len(args) > 1 and all(attrs.has(arg) for arg in args)


def _own_keys(member: Any, first: Any) -> set[str]:
    """The keys ``member`` requires that ``first`` has no field for."""
    theirs = {f.name for f in attrs.fields(first)}
    return {
        f.name for f in attrs.fields(member) if f.default is attrs.NOTHING and f.name not in theirs
    }


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    # StrEnum first: its str base would otherwise unstructure a member as itself.
    conv.register_unstructure_hook(StrEnum, lambda member: member.value)
    conv.register_unstructure_hook(Enum, lambda member: member.value)
    # Strict scalars: cattrs' defaults would turn "5" into 5 or 1 into True.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset,
        lambda value: sorted(conv.unstructure(v) for v in value),
    )

    def structure_record_union(value: Any, type_: Any) -> Any:
        first, *others = typing.get_args(type_)
        if not isinstance(value, Mapping):
            keys = ", ".join(sorted(k for member in others for k in _own_keys(member, first)))
            raise TypeError(
                f"expected a table (a {first.__name__.lower()}, or a group with {keys}), "
                f"got {value!r}"
            )
        for member in others:
            if _own_keys(member, first) & value.keys():
                return conv.structure(value, member)
        return conv.structure(value, first)

    conv.register_structure_hook_func(_is_record_union, structure_record_union)
    return conv


converter = _make_converter()


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if (
        isinstance(exc, ValueError | TypeError)
        and not isinstance(exc, ClassValidationError | IterableValidationError)
        and str(exc)
    ):
        return str(exc)
    return format_exception(exc, type_)


def describe_error(exc: BaseException) -> list[str]:
    """One message per problem in ``exc``, each naming the field path."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        return list(transform_error(exc, format_exception=_format_exception))
    return [f"{exc} @ $"]
