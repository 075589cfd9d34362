"""Decoding the compiled bundle into records, fast and without generating code.

The bundle (``data/bundle.json``) holds records exactly as the one cattrs converter unstructures
them, compiled from TOML that the converter has already validated (``hatch_build.py`` for a
wheel, ``civicrun._data.checkout_bundle`` in a source checkout; a test checks the two agree).
Validating it a second time on every first load is what cattrs' generated code would cost: 45 to 95
ms of code generation in a fresh process, as profiled with cProfile on this project's machine
(2026-12-01). This decoder instead builds each record class's plan once, from its type hints, and
calls the record's own ``__init__`` (so attrs validators still run). ``tests/test_data.py`` checks
that it gives records equal to the converter's.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import attrs

from . import records

__all__ = ["decoder", "fields_decoder"]

Decode = Callable[..., Any]
_PLANS: dict[Any, Decode] = {}


def _same(value: Any) -> Any:
    return value


def _decoder_for(hint: Any) -> Decode:
    if hint in (str, int, bool, float, Any):
        return _same
    if hint is dt.date:
        return dt.date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        # A member by its value, as ``hint(value)`` finds it but without Enum's call machinery
        # (thousands of values per first load); a value outside it is a KeyError, reported as
        # a bundle that does not decode.
        return {member.value: member for member in hint}.__getitem__
    if isinstance(hint, type) and attrs.has(hint):
        return decoder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if members == [records.Condition, records.AnyOf]:
            condition, any_of = decoder(records.Condition), decoder(records.AnyOf)
            return lambda raw: any_of(raw) if "any_of" in raw else condition(raw)
        if len(members) == 1:
            inner = _decoder_for(members[0])
            if inner is _same:  # None or the value as read: nothing to convert
                return _same
            return lambda raw: None if raw is None else inner(raw)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder_for(args[0])
        return tuple if item is _same else lambda raw: tuple(map(item, raw))
    if origin is frozenset:
        item = _decoder_for(args[0])
        return frozenset if item is _same else lambda raw: frozenset(map(item, raw))
    raise TypeError(f"the bundle decoder has no rule for {hint!r}")


def fields_decoder(cls: type[Any], names: tuple[str, ...]) -> Callable[[Any], list[Any]]:
    """A function that builds the values of the fields ``names`` of a ``cls`` record from an
    unstructured mapping that holds (at least) those of them not at their default, in the
    order of ``names``, without building the record (nor running its own validators; the
    records inside, a rule say, run theirs). A field missing without a default is a
    KeyError."""
    hints = records.field_types(cls)
    fields = {f.name: f for f in attrs.fields(cls)}
    plan: list[tuple[str, Decode, Any]] = []
    for name in names:
        default = fields[name].default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__name__}.{name} has a factory default")
        plan.append((name, _decoder_for(hints[name]), default))

    def decode(raw: Any) -> list[Any]:
        found = []
        for name, convert, default in plan:
            value = raw.get(name, default)
            if value is attrs.NOTHING:
                raise KeyError(name)
            found.append(value if value is default else convert(value))
        return found

    return decode


def decoder(cls: type[Any]) -> Decode:
    """A function that builds a ``cls`` record from its unstructured mapping."""
    plan = _PLANS.get(cls)
    if plan is None:
        fields = {name: _decoder_for(hint) for name, hint in records.field_types(cls).items()}
        # Only the fields whose value changes are converted; the rest are passed as read (a
        # key that is no field is refused by the record's own __init__, a TypeError).
        convert = tuple((name, f) for name, f in fields.items() if f is not _same)

        def plan(
            raw: Any,
            known: Mapping[str, Any] | None = None,
            _convert: Any = convert,
            _cls: Any = cls,
        ) -> Any:
            given = dict(raw)
            for name, convert_one in _convert:
                if name in given:
                    given[name] = convert_one(given[name])
            if known is not None:  # fields decoded already (their line of a split entry)
                given.update(known)
            return _cls(**given)

        _PLANS[cls] = plan
    return plan
