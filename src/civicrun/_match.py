"""Matching a profile against organizations: :func:`eligible_orgs` and :func:`explain`.

No code here names a particular organization; every rule comes from the data and is decided
by the one compiled-rule implementation in :mod:`civicrun._rules`. A record has three kinds of
rule (:class:`RuleKind`): ``requirements`` (published rules: failing one makes a match
``ineligible``), ``serves`` (the audience a group says it exists for: a profile known to be
outside it is ``outside-audience``) and ``priorities`` (preferences among the people a group
serves: they only rank). Sets of stances, communities and professions are read open-world: a
value the profile does not list is unknown, and a stance rule fails only on its opposite. The
answers are presented by :mod:`civicrun._results`.
"""

from __future__ import annotations

import datetime as dt

from ._args import need_bool, need_date
from ._order import Selected, rank
from ._profile import Profile
from ._results import Match, Matches, make_match
from ._rules import CompiledOrg, Index, shipped_index
from .errors import ArgumentTypeError
from .records import Organization
from .vocab import MatchStatus

__all__ = ["answer", "evaluate", "explain_with"]


def evaluate(
    org: Organization, profile: Profile, *, on: dt.date | None = None, include_staff: bool = False
) -> Match:
    """How ``profile`` stands with ``org`` on the date ``on`` (default today), whatever its
    status: every rule folded, none skipped."""
    return explain_with(shipped_index(), org, profile, on, include_staff)


def _day(func: str, profile: object, on: dt.date | None, **flags: bool) -> dt.date:
    """The date to match on (default today), once ``func``'s arguments are checked."""
    if not isinstance(profile, Profile):
        raise ArgumentTypeError(func, "profile", "a civicrun.Profile", profile)
    when = need_date(on, func, "on")
    for name, value in flags.items():
        need_bool(value, func, name)
    return dt.date.today() if when is None else when


def explain_with(
    index: Index, org: Organization, profile: Profile, on: dt.date | None, include_staff: bool
) -> Match:
    """:func:`civicrun.explain` over ``index`` (the shipped one, or a dataset's with extra
    records), for a resolved organization."""
    day = _day("explain", profile, on, include_staff=include_staff)
    return make_match(
        _verdict(index.compile(org), profile, day, include_staff), profile, day, include_staff
    )


def _verdict(group: CompiledOrg, profile: Profile, on: dt.date, include_staff: bool) -> Selected:
    """How ``profile`` stands with ``group``, whatever its status: its table of one decides it,
    every rule folded, and the group is kept even when ruled out."""
    table = group.alone()
    out, outside, parts = table.decide(profile, on, include_staff)
    ranked = rank(table, 1, outside, parts, on)
    (found,) = ranked.rows(ranked.keys)
    return (group, MatchStatus.INELIGIBLE, found[2], found[3]) if out else found


def answer(
    index: Index,
    profile: Profile,
    on: dt.date | None,
    include_staff: bool,
    include_outside_audience: bool,
) -> Matches:
    """:func:`eligible_orgs` over the organizations of ``index``."""
    flags = {"include_staff": include_staff, "include_outside_audience": include_outside_audience}
    day = _day("eligible_orgs", profile, on, **flags)
    found = index.select(profile, day, include_staff, include_outside_audience)
    return Matches(found, profile, day, include_staff)
