"""Calendar arithmetic on dates: the one place an age or a span of years is counted.

Eligibility (an age rule, a group's recent activity), the profile's check of an age against a
birth date and the dataset's statistics count calendar years with these two functions.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["age_on", "years_before"]


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February that has none;
    the first day of the calendar for a day before it)."""
    if day.year - years < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def age_on(birth: dt.date, on: dt.date) -> int:
    """The age on ``on`` of a person born on ``birth``, in whole years (someone born on 29
    February turns a year older on 1 March in a year that has none)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
