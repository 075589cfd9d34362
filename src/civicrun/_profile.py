"""The person asking: :class:`Profile`, built from attrs fields whose converters normalise
friendly input once, at creation.

Adding a field takes three steps (CONTRIBUTING.md walks through them): its vocabulary in
:mod:`civicrun.vocab` (a :class:`~civicrun.vocab.ProfileField` member, and an enum with its
synonyms if it has one), the field here with its converter and its ``help`` metadata (the CLI
flag is made from it; ``{values}`` in it becomes the vocabulary's values), and, for a field
rules test, its words in :mod:`civicrun._wording`. ``from_dict``, the CLI's flags and the JSON
Schemas are derived from the fields; ``tests/test_registry.py`` names a place forgotten.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sized
from enum import StrEnum
from typing import Any, TypeVar

import attrs

from ._args import MAX_TEXT, valid_unicode
from ._counties import lookup_county
from ._data import county_table
from ._dates import age_on
from ._places import county_of_town
from ._states import search_states, state_code
from ._text import fold
from .errors import FieldProblem, InvalidProfileError
from .records import County
from .vocab import (
    Community,
    Gender,
    Ideology,
    OfficeLevel,
    Party,
    Profession,
    RaceEthnicity,
    Stance,
    choices,
    parse,
)

__all__ = ["Profile"]

E = TypeVar("E", bound=StrEnum)


class _Bad(Exception):
    """A field value that cannot be normalised; ``accepted`` says what would be right."""

    def __init__(self, accepted: str) -> None:
        super().__init__(accepted)
        self.accepted = accepted


# --- the normalisers, one per kind of value ------------------------------------------------


def _member(vocabulary: type[E], value: object) -> E | None:
    if value is None:
        return None
    found = parse(vocabulary, value)
    if found is None:
        raise _Bad(choices(vocabulary))
    return found


#: The most items a list field reads (each vocabulary has far fewer values).
MAX_ITEMS = 50
#: The most keys :meth:`Profile.from_dict` reads (a profile has 20 fields).
MAX_KEYS = 200


def _members(vocabulary: type[E], value: object) -> frozenset[E] | None:
    """A set of vocabulary values; an empty list is the same as not saying (``None``).

    At most :data:`MAX_ITEMS` items are read, counted before any is parsed; an iterator is
    read once.
    """
    if value is None:
        return None
    too_many = f"a list of at most {MAX_ITEMS} of " + choices(vocabulary)
    if isinstance(value, str):
        if len(value) > MAX_ITEMS * 40:
            raise _Bad(too_many)
        items: list[object] = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        if isinstance(value, Sized) and len(value) > MAX_ITEMS:
            raise _Bad(too_many)
        items = list(itertools.islice(value, MAX_ITEMS + 1))
    else:
        raise _Bad("a list of " + choices(vocabulary))
    if len(items) > MAX_ITEMS:
        raise _Bad(too_many)
    found = [parse(vocabulary, item) for item in items]
    if any(f is None for f in found):
        raise _Bad("a list of " + choices(vocabulary))
    return frozenset(f for f in found if f is not None) or None


def _whole(value: object, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 6:
            value = int(digits)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Bad(f"a whole number from {low} to {high}")
    return value


#: Yes and no as written, and as web forms send them (a checked checkbox sends "on").
_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})


# --- the converters, one per field (named functions, as attrs and mypy expect) -------------


def _to_state(value: str | None) -> str | None:
    if value is None:
        return None
    code = state_code(value)
    if code is None:
        readable = isinstance(value, str) and len(value) <= MAX_TEXT
        close = search_states(value)[:3] if readable else ()
        hint = f"; close: {', '.join(s.name for s in close)}" if close else ""
        raise _Bad(f"a state code (TX), name (Texas) or FIPS code (48){hint}")
    return code


def _to_text(value: str | None) -> str | None:
    if value is None:
        return None
    if (
        not isinstance(value, str)
        or not value.strip()
        or len(value) > 100
        or not valid_unicode(value)
    ):
        raise _Bad("a non-empty name of at most 100 characters")
    return " ".join(value.split())


def _to_county(value: County | str | None) -> County | str | None:
    """A county record of civicrun's table as is, or its name, resolved once the state is
    known."""
    if isinstance(value, County):
        table = county_table()
        if value.fips not in table or table.county(value.fips) != value:
            raise _Bad("a County from civicrun (lookup_county), or a county name")
        return value
    return _to_text(value)


def _to_party(value: Party | str | None) -> Party | None:
    return _member(Party, value)


def _to_gender(value: Gender | str | None) -> Gender | None:
    return _member(Gender, value)


def _to_ideology(value: Ideology | str | None) -> Ideology | None:
    return _member(Ideology, value)


def _to_office_level(value: OfficeLevel | str | None) -> OfficeLevel | None:
    return _member(OfficeLevel, value)


def _to_race_ethnicity(
    value: Iterable[RaceEthnicity | str] | str | None,
) -> frozenset[RaceEthnicity] | None:
    return _members(RaceEthnicity, value)


def _to_communities(
    value: Iterable[Community | str] | str | None,
) -> frozenset[Community] | None:
    return _members(Community, value)


def _to_professions(
    value: Iterable[Profession | str] | str | None,
) -> frozenset[Profession] | None:
    return _members(Profession, value)


def _to_stances(value: Iterable[Stance | str] | str | None) -> frozenset[Stance] | None:
    """A set of stances, none of them held together with its opposite."""
    found = _members(Stance, value) or frozenset()
    clash = sorted(s.value for s in found if s.opposite in found)
    if clash:
        raise _Bad(
            "stances without their opposites (" + " and ".join(clash) + " contradict each other)"
        )
    return found or None


def _to_bool(value: bool | str | None) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and fold(value) in _TRUE | _FALSE:
        return fold(value) in _TRUE
    raise _Bad("true or false (yes/no)")


def _to_age(value: int | str | None) -> int | None:
    return _whole(value, 0, 130)


def _to_prior_runs(value: int | str | None) -> int | None:
    return _whole(value, 0, 100)


def _to_immigrant_generation(value: int | str | None) -> int | None:
    return _whole(value, 1, 2)


def _to_date(value: dt.date | str | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _Bad("a date as YYYY-MM-DD") from None
    if not isinstance(value, dt.date):
        raise _Bad("a date as YYYY-MM-DD")
    if value.year < 1900:
        raise _Bad("a date in 1900 or later, as YYYY-MM-DD")
    if value > dt.date.today():
        raise _Bad("a date in the past, as YYYY-MM-DD")
    return value


@attrs.frozen(kw_only=True)
class Profile:
    """What is known about a person who may run. Every field is optional: ``None`` is unknown.

    Friendly input is normalised: ``state="texas"`` becomes ``"TX"``, ``party="Dem"`` becomes
    :attr:`Party.DEMOCRATIC <civicrun.vocab.Party.DEMOCRATIC>`, ``race_ethnicity="black"``
    becomes ``{RaceEthnicity.BLACK}``. An empty list is the same as not saying.

    * ``age`` is the person's age on the date matching is done for (``on``, default today);
      when ``birth_date`` is also given, age rules use the birth date, and the two must agree
      (an age at most a year either side of the birth date's age today).
    * ``race_ethnicity`` is every category the person identifies with ("select all that
      apply"); ``stances``, ``communities`` and ``professions`` list what the person holds,
      belongs to or works in, and a value not listed is unknown, never a "no". A stance and
      its opposite cannot both be held.
    * ``immigrant_generation`` is 1 (born abroad) or 2 (born here to at least one parent born
      abroad).
    * ``county`` is resolved against the county table, and fills in ``state`` when the name
      fits one state only.
    * ``town`` is the town or city, as written; where a party organizes by town, it picks the
      town's own committee (names are compared ignoring case, accents and punctuation). With
      ``state`` and no ``county``, it fills in ``county`` where civicrun knows the town's one
      county (see :func:`~civicrun.counties`); a town in several counties, or one it does not
      know, leaves ``county`` unknown.

    A bad value raises :class:`~civicrun.errors.InvalidProfileError` naming every bad field,
    the value and what is accepted.

    The signature says what each field takes, for IDEs and type checkers: a vocabulary field a
    member or its string (``party: Party | str | None``), a number or a yes/no as itself or as
    text (``age: int | str | None``, ``veteran: bool | str | None``), a list field any
    iterable of members or strings, or comma-separated text; so mypy rejects
    ``Profile(state=42)``. Read back, each field has its normalised type (``Party | None``,
    ``frozenset[RaceEthnicity] | None``).

    >>> p = Profile(state="texas", party="Dem", gender="female", age="29")
    >>> (p.state, p.party, p.gender, p.age)
    ('TX', <Party.DEMOCRATIC: 'democratic'>, <Gender.WOMAN: 'woman'>, 29)
    """

    state: str | None = attrs.field(
        default=None, converter=_to_state, metadata={"help": "a state code or name (TX, Texas)"}
    )
    county: County | None = attrs.field(
        default=None, converter=_to_county, metadata={"help": "a county name or FIPS code"}
    )
    town: str | None = attrs.field(
        default=None, converter=_to_text, metadata={"help": "a town or city"}
    )
    party: Party | None = attrs.field(
        default=None,
        converter=_to_party,
        metadata={
            "help": "democratic, republican, libertarian, green, independent, other "
            "(or D, R, GOP ...)"
        },
    )
    gender: Gender | None = attrs.field(
        default=None, converter=_to_gender, metadata={"help": "{values}"}
    )
    age: int | None = attrs.field(
        default=None, converter=_to_age, metadata={"help": "age in years on the matching date"}
    )
    birth_date: dt.date | None = attrs.field(
        default=None, converter=_to_date, metadata={"help": "YYYY-MM-DD"}
    )
    race_ethnicity: frozenset[RaceEthnicity] | None = attrs.field(
        default=None,
        converter=_to_race_ethnicity,
        metadata={"help": "comma-separated: black, latino, asian-american, native-american ..."},
    )
    lgbtq: bool | None = attrs.field(
        default=None, converter=_to_bool, metadata={"help": "yes or no"}
    )
    veteran: bool | None = attrs.field(
        default=None, converter=_to_bool, metadata={"help": "yes or no"}
    )
    national_service: bool | None = attrs.field(
        default=None,
        converter=_to_bool,
        metadata={"help": "yes or no (AmeriCorps, Peace Corps ...)"},
    )
    immigrant_generation: int | None = attrs.field(
        default=None,
        converter=_to_immigrant_generation,
        metadata={"help": "1 (born abroad) or 2 (a parent born abroad)"},
    )
    parent_of_minor: bool | None = attrs.field(
        default=None, converter=_to_bool, metadata={"help": "yes or no"}
    )
    union_member: bool | None = attrs.field(
        default=None, converter=_to_bool, metadata={"help": "yes or no"}
    )
    student: bool | None = attrs.field(
        default=None,
        converter=_to_bool,
        metadata={"help": "yes or no (enrolled in a college or university)"},
    )
    stances: frozenset[Stance] | None = attrs.field(
        default=None,
        converter=_to_stances,
        metadata={"help": "comma-separated stances you hold: {values}"},
    )
    communities: frozenset[Community] | None = attrs.field(
        default=None,
        converter=_to_communities,
        metadata={"help": "comma-separated communities you belong to: {values}"},
    )
    professions: frozenset[Profession] | None = attrs.field(
        default=None,
        converter=_to_professions,
        metadata={"help": "comma-separated: {values}"},
    )
    ideology: Ideology | None = attrs.field(
        default=None,
        converter=_to_ideology,
        metadata={"help": "{values}"},
    )
    office_level: OfficeLevel | None = attrs.field(
        default=None, converter=_to_office_level, metadata={"help": "{values}"}
    )
    prior_runs: int | None = attrs.field(
        default=None,
        converter=_to_prior_runs,
        metadata={"help": "how many times you have run before"},
    )

    def __attrs_post_init__(self) -> None:
        county: Any = self.county
        if isinstance(county, str):
            try:
                resolved = lookup_county(county, self.state)
            except LookupError as exc:
                raise InvalidProfileError([FieldProblem("county", county, str(exc))]) from None
            object.__setattr__(self, "county", resolved)
            county = resolved
        if county is None and self.town is not None and self.state is not None:
            try:
                county = county_of_town(self.state, self.town)
            except LookupError:  # a town in several counties: its county stays unknown
                county = None
            object.__setattr__(self, "county", county)
        if isinstance(county, County):
            if self.state is None:
                object.__setattr__(self, "state", county.state)
            elif self.state != county.state:
                raise InvalidProfileError(
                    [FieldProblem("county", str(county), f"a county in {self.state}")]
                )
        if self.age is not None and self.birth_date is not None:
            expected = age_on(self.birth_date, dt.date.today())
            if abs(self.age - expected) > 1:
                raise InvalidProfileError(
                    [
                        FieldProblem(
                            "age",
                            self.age,
                            f"an age that fits birth_date {self.birth_date.isoformat()} "
                            f"({expected} today), or leave one of them out",
                        )
                    ]
                )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """A profile from a mapping such as parsed JSON or a web form.

        Every bad field, and every unknown key, is reported at once, in one
        :class:`~civicrun.errors.InvalidProfileError`.

        It reads what web forms send, so a submitted form can be passed as it is:

        * an empty (or blank) value is unknown, as a field left out: a text box left empty,
          a select left at "don't say";
        * yes/no as ``yes``/``no``, ``true``/``false``, ``1``/``0`` or a checkbox's
          ``on``/``off``;
        * a list field as a list, as comma-separated text, or, from a mapping that holds
          several values per name (Werkzeug's and Starlette's ``MultiDict``, Django's
          ``QueryDict``: anything with ``getlist``), as every value given for the name, so
          several checkboxes of one name all count; blank items are skipped;
        * labels as forms word them (``"Hispanic/Latino"``, ``"Latino/a/x"``, ``"Black or
          African American"``), by :data:`civicrun.vocab.SYNONYMS`.

        >>> Profile.from_dict({"state": "ohio", "veteran": "yes"}).veteran
        True
        >>> form = {"state": "", "veteran": "on", "race_ethnicity": "Hispanic/Latino"}
        >>> p = Profile.from_dict(form)
        >>> p.state is None, p.veteran, sorted(p.race_ethnicity)
        (True, True, [<RaceEthnicity.LATINO: 'latino'>])
        """
        if not isinstance(data, Mapping):
            raise InvalidProfileError(
                [FieldProblem("profile", data, "a mapping of field names to values")]
            )
        if len(data) > MAX_KEYS:  # far more than there are fields: refused before any work
            raise InvalidProfileError(
                [
                    FieldProblem(
                        "profile",
                        f"a mapping of {len(data):,} keys",
                        f"at most {MAX_KEYS} keys, each a field name: " + ", ".join(_FIELDS),
                    )
                ]
            )
        converted, problems = _convert(_form_items(data))
        if problems:
            raise InvalidProfileError(problems)
        return cls(**converted)

    def to_dict(self) -> dict[str, Any]:
        """The known fields as JSON-ready values (``county`` as its FIPS code).

        ``Profile.from_dict(p.to_dict()) == p`` for every profile ``p``.
        """
        from ._converter import converter  # noqa: PLC0415  (cattrs loads only when asked)

        out: dict[str, Any] = converter.unstructure(self)
        if self.county is not None:
            out["county"] = self.county.fips
        return out

    def known_fields(self) -> tuple[str, ...]:
        """Names of the fields that are not ``None``."""
        return tuple(f.name for f in attrs.fields(Profile) if getattr(self, f.name) is not None)


_FIELDS = attrs.fields_dict(Profile)
_NAMES = "a field name: " + ", ".join(_FIELDS)


#: The fields that hold a list: those typed ``frozenset[...] | None`` (their annotations read
#: as written, so no annotation is evaluated when this module is imported).
_LIST_FIELDS = frozenset(f.name for f in _FIELDS.values() if str(f.type).startswith("frozenset["))


def _blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip()


def _form_items(data: Mapping[str, Any]) -> Iterator[tuple[object, Any]]:
    """``data``'s items as a web form means them: a blank value is None (unknown), a list
    field of a multi-valued mapping is every value given for it, blank items dropped."""
    getlist = getattr(data, "getlist", None)
    for name, given in data.items():
        value = getlist(name) if name in _LIST_FIELDS and callable(getlist) else given
        if isinstance(value, list | tuple) and len(value) <= MAX_ITEMS:
            value = [item for item in value if not _blank(item)] or None
        yield name, None if _blank(value) else value


def _convert(items: Iterable[tuple[object, Any]]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Each value converted once by its field's converter, and a problem (in the order given)
    for every unknown name and every value its converter rejects."""
    converted: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for name, value in items:
        field = _FIELDS.get(name) if isinstance(name, str) else None
        if field is None:
            problems.append(FieldProblem(str(name), value, _NAMES))
            continue
        try:
            converted[field.name] = field.converter(value)  # type: ignore[misc,operator]
        except _Bad as bad:
            problems.append(FieldProblem(field.name, value, bad.accepted))
    return converted, problems


_attrs_init = Profile.__init__


@functools.wraps(_attrs_init)
def _init(self: Profile, *args: Any, **given: Any) -> None:
    # Every field is converted once, here, so an iterator given is read once and every bad
    # field (or unknown name) is reported at once, as an InvalidProfileError. attrs' __init__
    # then converts the converted values again, which leaves them as they are.
    if args:
        raise InvalidProfileError(
            [FieldProblem("profile", args, "fields given by name, as Profile(state='TX')")]
        )
    ordered = [(name, given[name]) for name in _FIELDS if name in given]  # in field order
    ordered += [(name, value) for name, value in given.items() if name not in _FIELDS]
    converted, problems = _convert(ordered)
    if problems:
        raise InvalidProfileError(problems)
    _attrs_init(self, **converted)


Profile.__init__ = _init  # type: ignore[method-assign]
