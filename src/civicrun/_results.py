"""What a caller reads of a match: :class:`Match` (one organization, its status and, when
read, its reasons) and :class:`Matches` (what :func:`~civicrun.eligible_orgs` returns).

They present what the engine decided (:mod:`civicrun._rules`, called by :mod:`civicrun._match`)
and decide nothing themselves: a match's status, unknowns and relevance come from the tables'
integer order keys (:mod:`civicrun._order`), its reasons from the same compiled rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import threading
from collections.abc import Iterator, Sequence
from typing import overload

import attrs

from ._order import RANK_MASK, STATUS_ORDER, Ranked, Selected, rank, rank_of
from ._profile import Profile
from ._rules import NEARNESS, CompiledOrg, Found, is_live, shipped_index
from ._wording import Reason, explain
from .records import Organization
from .vocab import MatchStatus, ProfileField

__all__ = ["Match", "Matches", "make_match", "sort_key"]


@attrs.frozen(kw_only=True)
class Match:
    """How one profile stands with one organization, and why.

    The reasons are worked out when first asked for (a page of results rarely reads them all),
    by the same compiled rules that decided the status.

    Attributes:
        org: the organization.
        status: ``eligible`` (every requirement and audience rule holds), ``possible`` (nothing
            fails; some rules turn on facts the profile leaves unknown), ``outside-audience``
            (no requirement fails, but the profile is outside the audience the group says it
            serves) or ``ineligible`` (a requirement fails, or the group no longer runs
            programs). :func:`eligible_orgs` returns the first two unless asked for more.
        unknowns: the profile fields whose answers would decide a ``possible`` match.
        relevance: how squarely the group is aimed at this person: ten points for each fact
            about who the person is (gender, age, identity, service, profession, stances ...)
            and six for party or ideology that a requirement or audience rule tests and this
            profile meets, plus three for each other field a priority tests and it meets, less
            three for each priority it is known to miss. Age and birth date count as one
            field; place and office level filter, they never score. ``civicrun._results.sort_key``
            says how it ranks.
        profile: the profile matched.
        on: the date age and birth-date rules were measured on.
        include_staff: whether programs for campaign staff were counted as open.
    """

    org: Organization
    status: MatchStatus
    unknowns: tuple[ProfileField, ...] = ()
    relevance: int = 0
    profile: Profile = attrs.field(repr=False)
    on: dt.date = attrs.field(repr=False)
    include_staff: bool = attrs.field(default=False, repr=False)
    # The compiled rules that decided this match, set by the matcher (not an argument).
    _compiled: CompiledOrg | None = attrs.field(init=False, default=None, repr=False, eq=False)

    @functools.cached_property
    def _explained(self) -> tuple[tuple[Reason, ...], tuple[Reason, ...], tuple[Reason, ...]]:
        compiled = self._compiled or shipped_index().compile(self.org)
        return explain(compiled, self.profile, self.on, self.include_staff)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every rule's outcome as a :class:`Reason`: failed first, then unknown, then met."""
        return self._explained[0]

    @property
    def failed(self) -> tuple[Reason, ...]:
        """The reasons that failed: requirements (and status, role, coverage or office level)
        for an ``ineligible`` match, the missed audience for an ``outside-audience`` one."""
        return self._explained[1]

    @property
    def caveats(self) -> tuple[Reason, ...]:
        """Things to know that are not about the person (an unconfirmed activity, a
        nomination-only process), as reasons with outcome ``note``."""
        return self._explained[2]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary: the organization's id and name plus the match fields."""
        return {
            "id": self.org.id,
            "name": self.org.name,
            "status": self.status.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "unknowns": [u.value for u in self.unknowns],
            "failed": [r.to_dict() for r in self.failed],
            "caveats": [r.to_dict() for r in self.caveats],
            "relevance": self.relevance,
            "how_to_join": self.org.how_to_join.value,
            "url": self.org.url,
        }


_SETTERS = tuple(
    Match.__dict__[name].__set__
    for name in ("org", "status", "unknowns", "relevance", "profile", "on", "include_staff")
)
_SET_COMPILED = Match.__dict__["_compiled"].__set__


def make_match(selected: Selected, profile: Profile, on: dt.date, include_staff: bool) -> Match:
    """A match made without running ``Match.__init__`` (which only sets these attributes and
    checks nothing): a caller that reads every match makes hundreds."""
    compiled, status, unknowns, relevance = selected
    match = Match.__new__(Match)
    set_org, set_status, set_unknowns, set_relevance, set_profile, set_on, set_staff = _SETTERS
    set_org(match, compiled.org)
    set_status(match, status)
    set_unknowns(match, unknowns)
    set_relevance(match, relevance)
    set_profile(match, profile)
    set_on(match, on)
    set_staff(match, include_staff)
    _SET_COMPILED(match, compiled)
    return match


def sort_key(match: Match) -> tuple[int, int, int, int, int, str]:
    """The order :func:`eligible_orgs` returns matches in: the ranking model of the guide.

    1. groups whose audience the person is outside (only with ``include_outside_audience``)
       come last;
    2. groups with evidence of activity in the last three years come before the rest;
    3. then the rank score, highest first: :attr:`Match.relevance` less eight points for each
       fact the person left unknown that would decide the match;
    4. ties: ``eligible`` before ``possible``, then the nearer group (a county or town
       committee, then a state program, then a national group), then the id.
    """
    org, status = match.org, match.status
    return (
        status is MatchStatus.OUTSIDE_AUDIENCE,
        0 if is_live(org, match.on) else 1,
        -rank_of(match.relevance, match.unknowns),
        STATUS_ORDER[status],
        NEARNESS[org.coverage.scope],
        org.id,
    )


_ORDERING = threading.Lock()


class Matches(Sequence[Match]):
    """What :func:`eligible_orgs` returns: its matches, in order, as a read-only sequence.

    The call only decides which groups match and how; the order and each :class:`Match` are
    worked out when first read, once: a one-integer order key for every match, then only the
    matches read are made (their unknowns and relevance read off, and their organizations'
    records decoded, then). ``len()`` and
    ``bool()`` make no match; indexing and iterating make each match once (later reads return
    the same object); a slice is a tuple; :attr:`ids` lists the organizations' ids in order
    without making matches. A ``Matches`` equals a tuple or list of equal matches in the same
    order (and another ``Matches``); adding a tuple gives a tuple. Code that needs a tuple:
    ``tuple(result)``. :func:`eligible_orgs` makes it (from what it decided); it is not made
    by hand.
    """

    __slots__ = ("_count", "_found", "_keys", "_made", "_on", "_profile", "_ranked", "_staff")

    def __init__(
        self, found: list[Found], profile: Profile, on: dt.date, include_staff: bool
    ) -> None:
        self._found = found
        self._count = sum(keep.bit_count() for _table, keep, _outside, _parts in found)
        self._profile, self._on, self._staff = profile, on, include_staff
        self._keys: list[int] | None = None
        self._ranked: list[Ranked] = []
        self._made: list[Match] = []  # None where not made yet

    def _order(self) -> list[int]:
        """The matches' order keys, sorted (:func:`sort_key` as integers), worked out on first
        need; integers sort fast, so the order is whole at once."""
        keys = self._keys
        if keys is None:
            with _ORDERING:  # once, so two threads reading at once get the same matches
                if self._keys is None:
                    self._ranked = [rank(*f, self._on) for f in self._found]
                    self._made = [None] * self._count  # type: ignore[list-item]
                    keys = [k for ranked in self._ranked[1:] for k in ranked.keys]
                    keys += self._ranked[0].keys
                    keys.sort()  # integers: fast, so the whole order is made at once
                    self._keys = keys
                keys = self._keys
        return keys

    def _make(self, start: int, stop: int) -> list[Match]:
        """The matches at ``start:stop``, made now where not made before."""
        order, made = self._order(), self._made
        todo = [i for i in range(start, min(stop, self._count)) if made[i] is None]
        keys = [order[i] for i in todo]
        ranked = self._ranked
        if len(ranked) == 1:
            rows = ranked[0].rows(keys)
        else:  # each key read off by the table that lists its group
            found: dict[int, Selected] = {}
            for table in ranked:
                mine = [key for key in keys if key & RANK_MASK in table.table.at]
                found.update(zip(mine, table.rows(mine), strict=True))
            rows = [found[key] for key in keys]
        profile, on, staff = self._profile, self._on, self._staff
        for i, row in zip(todo, rows, strict=True):
            made[i] = make_match(row, profile, on, staff)
        return made[start:stop]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Match, ...]: ...

    def __getitem__(self, index: int | slice) -> Match | tuple[Match, ...]:
        try:
            at = range(self._count)[index]
        except IndexError:
            raise IndexError("Matches index out of range") from None
        if isinstance(at, int):
            return self._make(at, at + 1)[0]
        if at.step == 1:
            return tuple(self._make(at.start, at.stop))
        return tuple(self._make(i, i + 1)[0] for i in at)

    def __iter__(self) -> Iterator[Match]:
        page = 8 if self._count > 64 else self._count  # a first page of many, then the rest
        yield from self._make(0, page)
        yield from self._make(page, self._count)

    @property
    def ids(self) -> tuple[str, ...]:
        """The organizations' ids, in order (no match is made)."""
        keys = self._order()
        orgs = {rank: r.table.orgs[i] for r in self._ranked for rank, i in r.table.at.items()}
        return tuple(orgs[key & RANK_MASK].id for key in keys)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Matches | tuple | list):
            return len(self) == len(other) and all(map(operator.eq, self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: object) -> tuple[Match, ...]:
        return (*self, *other) if isinstance(other, Matches | tuple) else NotImplemented

    def __radd__(self, other: object) -> tuple[Match, ...]:
        return (*other, *self) if isinstance(other, tuple) else NotImplemented

    def __repr__(self) -> str:
        return f"<Matches: {self._count} on {self._on.isoformat()}>"
