"""The person asking: :class:`Profile`, with friendly input normalised once, at creation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

import attrs

from ._records import (
    Community,
    County,
    Gender,
    Ideology,
    OfficeLevel,
    Party,
    RaceEthnicity,
    Stance,
)
from ._text import fold
from .errors import FieldProblem, InvalidProfileError, UnknownPartyError

__all__ = ["Profile", "normalize_party"]

E = TypeVar("E", bound=StrEnum)


class _Bad(Exception):
    """A field value that cannot be normalised; ``accepted`` says what would be right."""

    def __init__(self, accepted: str) -> None:
        super().__init__(accepted)
        self.accepted = accepted


_PARTY_SYNONYMS: dict[str, Party] = {
    "democrat": Party.DEMOCRATIC,
    "democrats": Party.DEMOCRATIC,
    "dem": Party.DEMOCRATIC,
    "dems": Party.DEMOCRATIC,
    "d": Party.DEMOCRATIC,
    "dfl": Party.DEMOCRATIC,
    "democratic farmer labor": Party.DEMOCRATIC,
    "democratic npl": Party.DEMOCRATIC,
    "dem npl": Party.DEMOCRATIC,
    "republicans": Party.REPUBLICAN,
    "rep": Party.REPUBLICAN,
    "repub": Party.REPUBLICAN,
    "r": Party.REPUBLICAN,
    "gop": Party.REPUBLICAN,
    "libertarians": Party.LIBERTARIAN,
    "lib": Party.LIBERTARIAN,
    "l": Party.LIBERTARIAN,
    "lp": Party.LIBERTARIAN,
    "greens": Party.GREEN,
    "g": Party.GREEN,
    "ind": Party.INDEPENDENT,
    "i": Party.INDEPENDENT,
    "unaffiliated": Party.INDEPENDENT,
    "no party": Party.INDEPENDENT,
    "no party preference": Party.INDEPENDENT,
    "none": Party.INDEPENDENT,
    "decline to state": Party.INDEPENDENT,
}
_GENDER_SYNONYMS: dict[str, Gender] = {
    "women": Gender.WOMAN,
    "female": Gender.WOMAN,
    "f": Gender.WOMAN,
    "w": Gender.WOMAN,
    "men": Gender.MAN,
    "male": Gender.MAN,
    "m": Gender.MAN,
    "non binary": Gender.NONBINARY,
    "nb": Gender.NONBINARY,
    "enby": Gender.NONBINARY,
}
_RACE_SYNONYMS: dict[str, RaceEthnicity] = {
    "african american": RaceEthnicity.BLACK,
    "hispanic": RaceEthnicity.LATINO,
    "latina": RaceEthnicity.LATINO,
    "latinx": RaceEthnicity.LATINO,
    "latine": RaceEthnicity.LATINO,
    "asian": RaceEthnicity.ASIAN_AMERICAN,
    "american indian": RaceEthnicity.NATIVE_AMERICAN,
    "mena": RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
}
_STANCE_SYNONYMS: dict[str, Stance] = {
    "prochoice": Stance.PRO_CHOICE,
    "abortion rights": Stance.PRO_CHOICE,
    "reproductive rights": Stance.PRO_CHOICE,
    "prolife": Stance.PRO_LIFE,
    "anti abortion": Stance.PRO_LIFE,
    "gun control": Stance.GUN_SAFETY,
    "gun violence prevention": Stance.GUN_SAFETY,
    "second amendment": Stance.GUN_RIGHTS,
    "2a": Stance.GUN_RIGHTS,
    "pro gun": Stance.GUN_RIGHTS,
}
_COMMUNITY_SYNONYMS: dict[str, Community] = {
    "muslim american": Community.MUSLIM,
    "american muslim": Community.MUSLIM,
}
_IDEOLOGY_SYNONYMS: dict[str, Ideology] = {"centrist": Ideology.MODERATE}
_OFFICE_SYNONYMS: dict[str, OfficeLevel] = {"national": OfficeLevel.FEDERAL}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def _choices(vocab: type[StrEnum]) -> str:
    return "one of " + ", ".join(m.value for m in vocab)


def _enum(vocab: type[E], synonyms: Mapping[str, E], value: Any) -> E:
    if isinstance(value, vocab):
        return value
    if isinstance(value, str):
        key = fold(value)
        for member in vocab:
            if key == fold(member.value):
                return member
        key = key.removesuffix(" party")
        if key in synonyms:
            return synonyms[key]
        for member in vocab:
            if key == fold(member.value):
                return member
    raise _Bad(_choices(vocab))


def normalize_party(value: Any) -> Party:
    """A :class:`Party` from friendly input: ``"Democrat"``, ``"D"``, ``"GOP"``, ``"Green Party"``.

    Raises:
        UnknownPartyError: the value is not a party civicrun knows.
    """
    try:
        return _enum(Party, _PARTY_SYNONYMS, value)
    except _Bad:
        raise UnknownPartyError(value, [p.value for p in Party]) from None


def _int(low: int, high: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Bad(f"a whole number from {low} to {high}")
        return value

    return convert


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and fold(value) in _TRUE | _FALSE:
        return fold(value) in _TRUE
    raise _Bad("true or false (yes/no)")


def _date(value: Any) -> dt.date:
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
    return value


def _items(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [part for part in value.split(",") if part.strip()]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return list(value)
    raise _Bad("a list of values")


def _enum_set(vocab: type[E], synonyms: Mapping[str, E]) -> Callable[[Any], frozenset[E] | None]:
    """A set of vocabulary values; an empty list is the same as not saying (``None``)."""

    def convert(value: Any) -> frozenset[E] | None:
        try:
            found = frozenset(_enum(vocab, synonyms, item) for item in _items(value))
        except _Bad:
            raise _Bad("a list of " + _choices(vocab)) from None
        return found or None

    return convert


_stance_set = _enum_set(Stance, _STANCE_SYNONYMS)


def _stances(value: Any) -> frozenset[Stance] | None:
    """A set of stances, none of them held together with its opposite."""
    found = _stance_set(value)
    clash = sorted(s.value for s in found or () if s.opposite in (found or ()))
    if clash:
        raise _Bad(
            "stances without their opposites (" + " and ".join(clash) + " contradict each other)"
        )
    return found


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise _Bad("a non-empty name of at most 100 characters")
    return " ".join(value.split())


def _state(value: Any) -> str:
    from ._states import get_state  # noqa: PLC0415  (loads data; keep import time free of it)
    from .errors import UnknownStateError  # noqa: PLC0415

    try:
        return get_state(value).code
    except UnknownStateError as exc:
        hint = f"; close: {', '.join(exc.suggestions)}" if exc.suggestions else ""
        raise _Bad(f"a state code (TX), name (Texas) or FIPS code (48){hint}") from None


def _county_or_name(value: Any) -> County | str:
    if isinstance(value, County):
        return value
    return _text(value)


_NORMALIZERS: dict[str, Callable[[Any], Any]] = {
    "state": _state,
    "county": _county_or_name,
    "town": _text,
    "party": lambda v: _enum(Party, _PARTY_SYNONYMS, v),
    "gender": lambda v: _enum(Gender, _GENDER_SYNONYMS, v),
    "age": _int(0, 130),
    "birth_date": _date,
    "race_ethnicity": _enum_set(RaceEthnicity, _RACE_SYNONYMS),
    "lgbtq": _bool,
    "veteran": _bool,
    "national_service": _bool,
    "immigrant_generation": _int(1, 2),
    "parent_of_minor": _bool,
    "stances": _stances,
    "communities": _enum_set(Community, _COMMUNITY_SYNONYMS),
    "ideology": lambda v: _enum(Ideology, _IDEOLOGY_SYNONYMS, v),
    "office_level": lambda v: _enum(OfficeLevel, _OFFICE_SYNONYMS, v),
    "prior_runs": _int(0, 100),
}


def _normalize(field: str, value: Any) -> Any:
    if value is None:
        return None
    try:
        return _NORMALIZERS[field](value)
    except _Bad as bad:
        raise InvalidProfileError([FieldProblem(field, value, bad.accepted)]) from None


def _normalize_all(values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise every field, reporting every bad one in a single error."""
    problems: list[FieldProblem] = []
    out: dict[str, Any] = {}
    for key, value in values.items():
        try:
            out[key] = _normalize(key, value)
        except InvalidProfileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidProfileError(problems)
    return out


_YesNo = bool | str | None


@attrs.frozen(kw_only=True, init=False)
class Profile:
    """What is known about a person who may run. Every field is optional: ``None`` is unknown.

    Friendly input is normalised: ``state="texas"`` becomes ``"TX"``, ``party="Dem"`` becomes
    :attr:`Party.DEMOCRATIC`, ``race_ethnicity="black"`` becomes ``{RaceEthnicity.BLACK}``.
    ``age`` is the person's age on the date matching is done for (``on``, default today);
    when ``birth_date`` is also given, age rules use the birth date.
    ``immigrant_generation`` is 1 (born abroad) or 2 (born here to at least one parent born
    abroad). ``county`` is resolved against the county table, and fills in ``state`` when the
    name fits one state only. A bad value raises :class:`~civicrun.InvalidProfileError` naming
    the field, the value and what is accepted.

    >>> p = Profile(state="texas", party="Dem", gender="female", age="29")
    >>> (p.state, p.party, p.gender, p.age)
    ('TX', <Party.DEMOCRATIC: 'democratic'>, <Gender.WOMAN: 'woman'>, 29)
    """

    state: str | None = None
    county: County | None = None
    town: str | None = None
    party: Party | None = None
    gender: Gender | None = None
    age: int | None = None
    birth_date: dt.date | None = None
    race_ethnicity: frozenset[RaceEthnicity] | None = None
    lgbtq: bool | None = None
    veteran: bool | None = None
    national_service: bool | None = None
    immigrant_generation: int | None = None
    parent_of_minor: bool | None = None
    stances: frozenset[Stance] | None = None
    communities: frozenset[Community] | None = None
    ideology: Ideology | None = None
    office_level: OfficeLevel | None = None
    prior_runs: int | None = None

    def __init__(
        self,
        *,
        state: str | None = None,
        county: County | str | None = None,
        town: str | None = None,
        party: Party | str | None = None,
        gender: Gender | str | None = None,
        age: int | str | None = None,
        birth_date: dt.date | str | None = None,
        race_ethnicity: Iterable[RaceEthnicity | str] | str | None = None,
        lgbtq: _YesNo = None,
        veteran: _YesNo = None,
        national_service: _YesNo = None,
        immigrant_generation: int | str | None = None,
        parent_of_minor: _YesNo = None,
        stances: Iterable[Stance | str] | str | None = None,
        communities: Iterable[Community | str] | str | None = None,
        ideology: Ideology | str | None = None,
        office_level: OfficeLevel | str | None = None,
        prior_runs: int | str | None = None,
    ) -> None:
        self.__attrs_init__(
            **_normalize_all(
                {
                    "state": state,
                    "county": county,
                    "town": town,
                    "party": party,
                    "gender": gender,
                    "age": age,
                    "birth_date": birth_date,
                    "race_ethnicity": race_ethnicity,
                    "lgbtq": lgbtq,
                    "veteran": veteran,
                    "national_service": national_service,
                    "immigrant_generation": immigrant_generation,
                    "parent_of_minor": parent_of_minor,
                    "stances": stances,
                    "communities": communities,
                    "ideology": ideology,
                    "office_level": office_level,
                    "prior_runs": prior_runs,
                }
            )
        )

    def __attrs_post_init__(self) -> None:
        county: Any = self.county
        if isinstance(county, str):
            from ._geo import resolve_county  # noqa: PLC0415  (_geo imports this module)

            try:
                resolved = resolve_county(county, self.state)
            except LookupError as exc:
                raise InvalidProfileError([FieldProblem("county", county, str(exc))]) from None
            object.__setattr__(self, "county", resolved)
            county = resolved
        if isinstance(county, County):
            if self.state is None:
                object.__setattr__(self, "state", county.state)
            elif self.state != county.state:
                raise InvalidProfileError(
                    [FieldProblem("county", str(county), f"a county in {self.state}")]
                )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profile:
        """A profile from a mapping such as parsed JSON or a web form.

        Every bad field is reported at once, in one :class:`~civicrun.InvalidProfileError`.

        >>> Profile.from_dict({"state": "ohio", "veteran": "yes"}).veteran
        True
        """
        if not isinstance(data, Mapping):
            raise InvalidProfileError(
                [FieldProblem("profile", data, "a mapping of field names to values")]
            )
        problems = [
            FieldProblem(str(key), value, "a field name: " + ", ".join(_NORMALIZERS))
            for key, value in data.items()
            if key not in _NORMALIZERS
        ]
        known = {k: v for k, v in data.items() if k in _NORMALIZERS}
        try:
            values = _normalize_all(known)
        except InvalidProfileError as exc:
            problems = [*exc.problems, *problems]
        if problems:
            order = list(data)
            raise InvalidProfileError(sorted(problems, key=lambda p: order.index(p.field)))
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The known fields as JSON-ready values (``county`` as its FIPS code).

        ``Profile.from_dict(p.to_dict()) == p`` for every profile ``p``.
        """
        out: dict[str, Any] = {}
        for field in attrs.fields(Profile):
            value = getattr(self, field.name)
            if value is None:
                continue
            if isinstance(value, County):
                value = value.fips
            elif isinstance(value, frozenset):
                value = sorted(str(v) for v in value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, StrEnum):
                value = value.value
            out[field.name] = value
        return out

    def known_fields(self) -> tuple[str, ...]:
        """Names of the fields that are not ``None``."""
        return tuple(f.name for f in attrs.fields(Profile) if getattr(self, f.name) is not None)
