"""The exceptions civicrun raises.

Every public error derives from :class:`CivicrunError` and also from the builtin it really is
(:class:`ValueError` for bad input or bad data, :class:`LookupError` for a name that was not
found), so ``except ValueError`` and ``except LookupError`` keep working.
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


class CivicrunError(Exception):
    """Base class of every error civicrun raises on purpose."""


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
        super().__init__(f"{path}: " + "; ".join(self.messages))


class FieldProblem:
    """One bad field of a profile: its name, the value given and what is accepted."""

    __slots__ = ("accepted", "field", "value")

    def __init__(self, field: str, value: Any, accepted: str) -> None:
        self.field = field
        self.value = value
        self.accepted = accepted

    def __str__(self) -> str:
        return f"{self.field}={self.value!r} is not valid; {self.accepted}"

    def __repr__(self) -> str:
        return f"FieldProblem({self.field!r}, {self.value!r}, {self.accepted!r})"


class InvalidProfileError(CivicrunError, ValueError):
    """One or more profile fields are invalid.

    Attributes:
        problems: every bad field, each with ``field``, ``value`` and ``accepted``.
    """

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid profile: " + "; ".join(str(p) for p in self.problems))

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the bad fields, in the order they were checked."""
        return tuple(p.field for p in self.problems)


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
        super().__init__(f"no organization matches {query!r}{_did_you_mean(shown)}")


class UnknownStateError(CivicrunError, LookupError):
    """No US state (or DC) has this code, name or FIPS code.

    Attributes:
        query: what was asked for.
        suggestions: :class:`~civicrun.State` records with close names, best first.
    """

    def __init__(self, query: object, suggestions: Sequence[Any] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        super().__init__(
            f"no US state or DC matches {query!r}; give a two-letter code (TX), "
            "a name (Texas) or a two-digit FIPS code (48)"
            f"{_did_you_mean([s.name for s in self.suggestions])}"
        )


class UnknownPartyError(CivicrunError, LookupError, ValueError):
    """A party that cannot be used: an empty name, a name a profile cannot hold, or a party
    with no local committees in the state asked about.

    A :class:`LookupError`, as every ``Unknown*Error`` is; also a :class:`ValueError`, as it
    was before 0.3, so ``except ValueError`` keeps working.

    Attributes:
        query: what was given.
        accepted: the party values that would be accepted, in vocabulary order.
    """

    def __init__(self, query: object, accepted: Sequence[str]) -> None:
        self.query = query
        self.accepted = tuple(accepted)
        super().__init__(f"unknown party {query!r}; use one of: {', '.join(self.accepted)}")


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
            f"no county or county-equivalent{where} matches {query!r}{extra}"
            f"{_did_you_mean([str(c) for c in self.suggestions])}"
        )


class AmbiguousCountyError(CivicrunError, LookupError):
    """The name fits more than one county-equivalent.

    Attributes:
        query: what was asked for.
        candidates: every county that fits, in FIPS order.
    """

    def __init__(self, query: str, candidates: Sequence[Any]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        shown = ", ".join(str(c) for c in self.candidates[:8])
        more = f" and {len(self.candidates) - 8} more" if len(self.candidates) > 8 else ""
        super().__init__(
            f"{query!r} fits {len(self.candidates)} places: {shown}{more}; "
            "add the state, or a suffix such as 'County' or 'city'"
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
        super().__init__(f"no office category matches {query!r}{_did_you_mean(shown)}")


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
