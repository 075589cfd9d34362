"""The exceptions civicrun raises.

Every public error derives from :class:`CivicrunError` and also from the builtin it really is
(:class:`ValueError` for bad input or bad data, :class:`LookupError` for a name that was not
found), so ``except ValueError`` and ``except LookupError`` keep working.

Every error pickles (so it crosses a process pool), and quotes at most 200 characters of any
input it repeats, so a message stays one readable line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AmbiguousCountyError",
    "ArgumentTypeError",
    "CivicrunError",
    "DataError",
    "FieldProblem",
    "FormerNameWarning",
    "InvalidArgumentError",
    "InvalidPlaceNameError",
    "InvalidProfileError",
    "LocalUnitError",
    "UnknownCountyError",
    "UnknownOfficeCategoryError",
    "UnknownOrganizationError",
    "UnknownPartyError",
    "UnknownStateError",
]


#: The most characters of an input an error message repeats.
QUOTE_LIMIT = 200
#: The most problems an error message lists (every one is kept in the error's attributes).
SHOWN_PROBLEMS = 20


def quote(value: object) -> str:
    """``repr(value)``, cut to :data:`QUOTE_LIMIT` characters (a long input is shown by its
    beginning and its length)."""
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return f"{value[:QUOTE_LIMIT]!r}... ({len(value):,} characters)"
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the error being reported
        text = f"<{type(value).__name__} object>"
    if len(text) > QUOTE_LIMIT:
        return text[:QUOTE_LIMIT] + f"... ({len(text):,} characters)"
    return text


def _listed(items: Sequence[str]) -> str:
    """The first :data:`SHOWN_PROBLEMS` items joined with "; ", and how many more there are."""
    shown = "; ".join(items[:SHOWN_PROBLEMS])
    more = len(items) - SHOWN_PROBLEMS
    return shown + (f"; and {more:,} more" if more > 0 else "")


class _Shown:
    """Stands in, after pickling, for a value that cannot be pickled: its repr is the value's."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Shown, (self.text,))


def _picklable(value: object) -> object:
    """``value``, or a stand-in showing its repr where it cannot be pickled (a generator, a
    lock ...)."""
    if value is None or isinstance(value, str | int | float | bool | bytes):
        return value
    import pickle  # noqa: PLC0415  (only when an error holds a value of another type)

    try:
        pickle.dumps(value)
    except Exception:
        try:
            return _Shown(repr(value)[: 50 * QUOTE_LIMIT])
        except Exception:
            return _Shown(f"<{type(value).__name__} object>")
    return value


def _rebuild(cls: type[BaseException], args: tuple[Any, ...]) -> BaseException:
    """An error of ``cls`` with ``args``, made without calling its ``__init__`` (its attributes
    come back as the pickled state)."""
    return cls.__new__(cls, *args)


class CivicrunError(Exception):
    """Base class of every error civicrun raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other arguments than the message their __init__ builds, so the
        # default (calling cls(*args)) cannot rebuild them: restore args and attributes as is.
        state = {key: _picklable(value) for key, value in vars(self).items()}
        return (_rebuild, (type(self), self.args), state)


class DataError(CivicrunError, ValueError):
    """A data file is malformed.

    Attributes:
        path: the file, relative to the package's ``data`` folder (for example
            ``organizations/example-group.toml``).
        messages: one line per problem, each naming the field path (``$.coverage.states``).
    """

    def __init__(self, path: str, messages: Sequence[str]) -> None:
        self.path = path
        self.messages = tuple(messages)
        super().__init__(f"{path}: " + _listed([_cut(m) for m in self.messages]))


class FieldProblem:
    """One bad field of a profile: its name, the value given and what is accepted."""

    __slots__ = ("accepted", "field", "value")

    def __init__(self, field: str, value: Any, accepted: str) -> None:
        self.field = field
        self.value = value
        self.accepted = accepted

    def __str__(self) -> str:
        return f"{_cut(self.field, 60)}={quote(self.value)} is not valid; {self.accepted}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FieldProblem, (self.field, _picklable(self.value), self.accepted))

    def __repr__(self) -> str:
        return f"FieldProblem({self.field!r}, {self.value!r}, {self.accepted!r})"


class InvalidProfileError(CivicrunError, ValueError):
    """One or more profile fields are invalid.

    Attributes:
        problems: every bad field, each with ``field``, ``value`` and ``accepted``.
    """

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid profile: " + _listed([str(p) for p in self.problems]))

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the bad fields, in the order they were checked."""
        return tuple(p.field for p in self.problems)


def _cut(text: str, limit: int = 2 * QUOTE_LIMIT) -> str:
    """``text``, cut to ``limit`` characters."""
    return text if len(text) <= limit else text[:limit] + f"... ({len(text):,} characters)"


def _did_you_mean(names: Sequence[str]) -> str:
    if not names:
        return ""
    return "; did you mean " + ", ".join(repr(s) for s in names) + "?"


class UnknownOrganizationError(CivicrunError, LookupError):
    """No organization has this id, name, former name or alias.

    Attributes:
        query: what was asked for.
        suggestions: :class:`~civicrun.Organization` records with close names (current,
            former or alias), best first.
    """

    def __init__(self, query: object, suggestions: Sequence[Any] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        shown = [f"{o.id} ({o.name})" for o in self.suggestions]
        super().__init__(f"no organization matches {quote(query)}{_did_you_mean(shown)}")


class UnknownStateError(CivicrunError, LookupError):
    """No US state, DC or territory has this code, name or FIPS code.

    Attributes:
        query: what was asked for.
        suggestions: :class:`~civicrun.State` records with close names, best first.
    """

    def __init__(self, query: object, suggestions: Sequence[Any] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        super().__init__(
            f"no US state, DC or territory matches {quote(query)}; give a two-letter code (TX), "
            "a name (Texas) or a two-digit FIPS code (48)"
            f"{_did_you_mean([s.name for s in self.suggestions])}"
        )


class UnknownPartyError(CivicrunError, LookupError, ValueError):
    """A party civicrun does not recognise, has no record of in the state asked about, or
    that was not given where one is needed.

    A :class:`LookupError` like every other ``Unknown*Error``, and still a
    :class:`ValueError`, as it was before 0.3, so ``except ValueError`` keeps working.

    Attributes:
        query: what was asked for (``None`` where no party was given).
        accepted: the party names that would be right (in ``state``, when it is given).
        state: the name of the state the question was about, if any.
    """

    def __init__(self, query: object, accepted: Sequence[str], *, state: str | None = None) -> None:
        self.query = query
        self.accepted = tuple(accepted)
        self.state = state
        choices = f"use one of: {', '.join(self.accepted)}"
        if query is None:
            where = f"in {state} " if state else ""
            message = f"give a party (civicrun never picks one for you); {where}{choices}"
        elif state is not None:
            message = f"civicrun has no record of the party {quote(query)} in {state}; {choices}"
        else:
            message = f"unknown party {quote(query)}; {choices}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unknown_party, (self.query, self.accepted, self.state))


def _unknown_party(query: object, accepted: Sequence[str], state: str | None) -> UnknownPartyError:
    return UnknownPartyError(query, accepted, state=state)


class InvalidPlaceNameError(CivicrunError, ValueError):
    """A place name that cannot be looked up at all: empty, too long or not text."""


class UnknownCountyError(CivicrunError, LookupError):
    """No county-equivalent matches the name.

    Attributes:
        query: what was asked for.
        state: the state code the search was limited to, if any.
        suggestions: :class:`~civicrun.County` records with close names, best first.
        note: what happened to a retired place, when the name was one.
    """

    def __init__(
        self, query: str, state: str | None, suggestions: Sequence[Any] = (), note: str = ""
    ) -> None:
        self.query = query
        self.state = state
        self.suggestions = tuple(suggestions)
        self.note = note
        where = f" in {state}" if state else ""
        extra = f" ({note})" if note else ""
        super().__init__(
            f"no county or county-equivalent{where} matches {quote(query)}{extra}"
            f"{_did_you_mean([str(c) for c in self.suggestions])}"
        )


class AmbiguousCountyError(CivicrunError, LookupError):
    """The name fits more than one county-equivalent.

    Attributes:
        query: what was asked for (a county's name, or a town that lies in several counties).
        candidates: every county that fits, in FIPS order.
    """

    def __init__(self, query: str, candidates: Sequence[Any], hint: str | None = None) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        shown = ", ".join(str(c) for c in self.candidates[:8])
        more = f" and {len(self.candidates) - 8} more" if len(self.candidates) > 8 else ""
        advice = hint or "add the state, or a suffix such as 'County' or 'city'"
        super().__init__(
            f"{quote(query)} fits {len(self.candidates)} places: {shown}{more}; {advice}"
        )


class LocalUnitError(CivicrunError, ValueError):
    """The question needs a different local unit, e.g. a town where parties organize by town."""


class UnknownOfficeCategoryError(CivicrunError, LookupError):
    """No office category has this id, name or alias.

    Attributes:
        query: what was asked for.
        suggestions: :class:`~civicrun.OfficeCategory` records with close names, best first.
    """

    def __init__(self, query: object, suggestions: Sequence[Any] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        shown = [o.id for o in self.suggestions]
        super().__init__(f"no office category matches {quote(query)}{_did_you_mean(shown)}")


class FormerNameWarning(UserWarning):
    """A county was found by a former name; the message says what it is called now.

    A warning, not an error: the answer is today's place.
    """


class ArgumentTypeError(CivicrunError, TypeError):
    """An argument of the wrong type.

    Attributes:
        function: the function called.
        argument: the argument's name.
        expected: the type (or types) accepted, in words.
        value: what was given.
    """

    def __init__(self, function: str, argument: str, expected: str, value: object) -> None:
        self.function = function
        self.argument = argument
        self.expected = expected
        self.value = value
        super().__init__(f"{function}(): {argument} must be {expected}, not {type(value).__name__}")


class InvalidArgumentError(CivicrunError, ValueError):
    """An argument of the right type but an unusable value: text longer than civicrun reads
    (200 characters), or empty where a value is needed."""
