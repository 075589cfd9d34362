"""The one private cattrs converter and every hook it uses.

Rules, in one place:

* Unknown keys are an error (``forbid_extra_keys``), so a typo in a data file cannot pass.
* Values equal to their default are left out when unstructuring, so the output of
  ``unstructure`` can be written back as TOML (which has no null).
* Dates structure from :class:`datetime.date` (as TOML gives them) or ISO strings (as JSON
  gives them) and unstructure to ISO strings.
* Sets (``frozenset``) unstructure to sorted lists, so output is deterministic.
* A requirement is an :class:`AnyOf` when its mapping has an ``any_of`` key, else a
  :class:`Condition`.
* Errors are reported with :func:`describe_error`, one line per problem naming the field path
  (``invalid value @ $.coverage.states``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.v import format_exception, transform_error

from .records import AnyOf, Condition, Requirement

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
    # Also serves StrEnum subclasses: type_("bad") raises "'bad' is not a valid X".
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return type_(value)


def _structure_int(value: Any, _type: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _structure_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    # Strict scalars: cattrs' defaults would turn "5" into 5 or 1 into True.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is frozenset,
        lambda value: sorted(conv.unstructure(v) for v in value),
    )

    def structure_requirement(value: Any, _type: Any) -> Requirement:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a table (a condition or an any_of group), got {value!r}")
        if "any_of" in value:
            return conv.structure(value, AnyOf)
        return conv.structure(value, Condition)

    conv.register_structure_hook(Requirement, structure_requirement)
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
