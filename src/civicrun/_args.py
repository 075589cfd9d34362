"""Checking the arguments of public functions, so bad input gets civicrun's own errors.

A wrong type raises :class:`~civicrun.errors.ArgumentTypeError` (also a ``TypeError``) naming
the function, the argument and the type expected; text longer than :data:`MAX_TEXT` characters
raises :class:`~civicrun.errors.InvalidArgumentError` (also a ``ValueError``), since no name
civicrun knows is that long and matching very long text would only cost time; so does text
that is not valid Unicode (a lone surrogate, as an undecodable byte on a command line gives),
and a date before :data:`EARLIEST_DAY`.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import ArgumentTypeError, InvalidArgumentError

__all__ = [
    "EARLIEST_DAY",
    "MAX_TEXT",
    "default_keyword_only",
    "need_bool",
    "need_date",
    "need_text",
    "valid_unicode",
]

#: The longest text any look-up reads, in characters.
MAX_TEXT = 200
#: The earliest date matching is done on (birth dates start in 1900 too): ages counted back from
#: it stay in the calendar.
EARLIEST_DAY = dt.date(1900, 1, 1)


def valid_unicode(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (it holds no lone surrogate)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def need_text(value: object, function: str, argument: str, *, optional: bool = False) -> str | None:
    """``value`` as text, checked; None only when ``optional``."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        expected = "a string or None" if optional else "a string"
        raise ArgumentTypeError(function, argument, expected, value)
    if len(value) > MAX_TEXT:
        raise InvalidArgumentError(
            f"{function}(): {argument} is {len(value):,} characters long; "
            f"at most {MAX_TEXT} are read"
        )
    if not valid_unicode(value):
        raise InvalidArgumentError(
            f"{function}(): {argument} is not valid Unicode text (it holds a lone surrogate, "
            "such as an undecodable byte gives)"
        )
    return value


def need_bool(value: object, function: str, argument: str) -> bool:
    """``value``, which must be True or False."""
    if not isinstance(value, bool):
        raise ArgumentTypeError(function, argument, "True or False", value)
    return value


def need_date(value: object, function: str, argument: str) -> dt.date | None:
    """``value`` as a date (a datetime gives its date) from :data:`EARLIEST_DAY` on, or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ArgumentTypeError(function, argument, "a datetime.date or None", value)
    if value < EARLIEST_DAY:
        raise InvalidArgumentError(
            f"{function}(): {argument} is {value.isoformat()}; give a date from "
            f"{EARLIEST_DAY.isoformat()} on"
        )
    return value


F = TypeVar("F", bound=Callable[..., Any])


def default_keyword_only(function: F) -> F:
    """Let a ``get_*(key, *, default=None)`` function still take ``default`` by position, with a
    :class:`DeprecationWarning`, for one release (it was positional in 0.2).

    The wrapper keeps the function's own signature (``inspect.signature`` follows
    ``__wrapped__``), so documentation and the parity test see ``default`` as keyword-only.
    """
    name = function.__name__
    with_default = 2 + _is_method(function)  # positional arguments when default is one

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if len(args) == with_default and "default" not in kwargs:
            warnings.warn(
                f"{name}(): pass default= by keyword; giving it by position is deprecated "
                "and will stop working in the next release",
                DeprecationWarning,
                stacklevel=2,
            )
            kwargs["default"] = args[-1]
            args = args[:-1]
        return function(*args, **kwargs)

    return call  # type: ignore[return-value]  # same signature, by functools.wraps


def _is_method(function: Callable[..., Any]) -> int:
    """1 if ``function`` is a method (its first argument is ``self``), else 0."""
    return 1 if function.__code__.co_varnames[:1] == ("self",) else 0
