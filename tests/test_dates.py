"""Calendar arithmetic: ages and spans of years, on the days where a naive count goes wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from civicrun._dates import age_on, years_before

LEAP_DAY = dt.date(2004, 2, 29)


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (dt.date(2022, 2, 27), 17),
        (dt.date(2022, 2, 28), 17),  # no 29 February in 2022: a year older on 1 March
        (dt.date(2022, 3, 1), 18),
        (dt.date(2024, 2, 28), 19),
        (dt.date(2024, 2, 29), 20),
        (LEAP_DAY, 0),
    ],
)
def test_age_on_counts_whole_years_from_a_leap_day_birth(on: dt.date, age: int) -> None:
    assert age == age_on(LEAP_DAY, on)


@pytest.mark.parametrize(
    ("day", "years", "before"),
    [
        (dt.date(2026, 12, 7), 3, dt.date(2023, 12, 7)),
        (dt.date(2024, 2, 29), 1, dt.date(2023, 2, 28)),  # no 29 February in 2023
        (dt.date(2024, 2, 29), 4, dt.date(2020, 2, 29)),
        (dt.date(2026, 1, 1), 0, dt.date(2026, 1, 1)),
        (dt.date(5, 6, 7), 10, dt.date.min),  # before the calendar's first day
    ],
)
def test_years_before(day: dt.date, years: int, before: dt.date) -> None:
    assert before == years_before(day, years)


def test_an_age_and_the_span_of_years_agree() -> None:
    """Born ``n`` years before a day (by :func:`years_before`), one is ``n`` that day, and,
    where the birthday is that very date (not a 29 February moved to the 28th), ``n - 1`` the
    day before: for every day of a leap year and the year after it."""
    day = dt.date(2024, 1, 1)
    while day < dt.date(2026, 1, 1):
        for n in (1, 18, 40):
            birth = years_before(day, n)
            assert n == age_on(birth, day)
            if (birth.month, birth.day) == (day.month, day.day):
                assert n - 1 == age_on(birth, day - dt.timedelta(days=1))
        day += dt.timedelta(days=1)
