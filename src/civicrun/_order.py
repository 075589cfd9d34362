"""The order of the answers: what counts how much, and each kept group's order key.

:func:`rank` turns what a :class:`~civicrun._rules.Table` decided into one integer per group
kept, which sorts as :func:`civicrun._results.sort_key` orders matches (the ranking model of
the guide, stated there as a tuple): the weights below give a match its relevance, and its
rank score is that less what the facts left unknown cost. :class:`Ranked` reads a group's
status, unknowns and relevance back off its key, for the groups a caller reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ._rules import CompiledOrg, Part, Table, is_live
from .vocab import MatchStatus, ProfileField

__all__ = [
    "RANK_MASK",
    "STATUS_ORDER",
    "Ranked",
    "Selected",
    "rank",
    "rank_of",
]

#: What a met requirement or audience rule on a field adds to a group's relevance: a fact about
#: who the person is (gender, age, identity, service, profession ...) counts more than party or
#: ideology, which many groups share; place and office level filter and never score.
_WEIGHTS: Mapping[ProfileField, int] = {
    ProfileField.PARTY: 6,
    ProfileField.IDEOLOGY: 6,
    ProfileField.STATE: 0,
    ProfileField.COUNTY: 0,
    ProfileField.TOWN: 0,
    ProfileField.OFFICE_LEVEL: 0,
}
#: A field that a requirement or audience rule tests counts this much when met, unless listed
#: in ``_WEIGHTS``.
FIELD_WEIGHT = 10
#: A priority the person meets adds this (once per field); one they are known to miss takes
#: it away.
PRIORITY_WEIGHT = 3
#: A priority on a fact the person did not give costs this: a group that prefers people the
#: person may not be comes after an equal group that prefers no one.
UNKNOWN_PRIORITY_COST = 1
#: Each fact the person left unknown that would decide a ``possible`` match costs this in rank.
UNKNOWN_COST = 8


def rank_of(relevance: int, unknowns: tuple[ProfileField, ...]) -> int:
    """A match's rank score: its relevance less :data:`UNKNOWN_COST` for each fact that would
    decide it (age and birth date are one fact)."""
    facts = len(unknowns)
    if facts > 1 and ProfileField.AGE in unknowns and ProfileField.BIRTH_DATE in unknowns:
        facts -= 1
    return relevance - UNKNOWN_COST * facts


#: A kept group as read off a table: (the group, its status, its unknowns, its relevance).
Selected = tuple[CompiledOrg, MatchStatus, tuple[ProfileField, ...], int]

_BYTE_BITS = [tuple(b for b in range(8) if value >> b & 1) for value in range(256)]


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    if mask.bit_count() > 8:  # a byte at a time
        size = (mask.bit_length() + 7) // 8
        return [
            at + b
            for at, byte in zip(range(0, 8 * size, 8), mask.to_bytes(size, "little"), strict=True)
            if byte
            for b in _BYTE_BITS[byte]
        ]
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


#: The order of the statuses among equal matches: the vocabulary's (eligible first).
_STATUSES = tuple(MatchStatus)
STATUS_ORDER = {status: i for i, status in enumerate(_STATUSES)}


#: The order key of a kept group (an integer; see :func:`rank`) keeps its place_rank in
#: the low bits, below the status (bits 22-23), the rank score (from bit 24) and liveness and
#: the audience (bits 56 and 57).
_RANK_BITS = 22
RANK_MASK = (1 << _RANK_BITS) - 1


class Ranked:
    """A table's kept groups, each with its order key (:func:`~civicrun._results.sort_key` as one
    integer; no two are equal), and what is needed to read off the group of a key."""

    __slots__ = ("_unsure", "keep", "keys", "table", "unknown")

    def __init__(
        self, keys: list[int], table: Table, keep: int, unknown: dict[ProfileField, int]
    ) -> None:
        self.keys, self.table, self.keep, self.unknown = keys, table, keep, unknown
        self._unsure: list[Unknowns] | None = None

    def rows(self, keys: list[int]) -> list[Selected]:
        """The groups of ``keys`` (this table's), each with its status, unknowns and relevance
        (the rank score in its key, less what its unknowns cost)."""
        at, orgs, unknown = self.table.at, self.table.orgs, self.unknown
        picks = [at[key & RANK_MASK] for key in keys]
        fields = sorted(unknown)
        unsure = self._unsure
        if unsure is None and len(picks) > 32:  # many: every group's at once
            code = [0] * len(orgs)  # bit j: fields[j] is unknown
            for bit, field in enumerate(fields):
                for i in _bits(unknown[field] & self.keep):
                    code[i] |= 1 << bit
            named = {c: _unknowns([fields[j] for j in _bits(c)]) for c in set(code)}
            unsure = self._unsure = [named[c] for c in code]
        found: Mapping[int, Unknowns] | list[Unknowns] = (
            {i: _unknowns([f for f in fields if unknown[f] >> i & 1]) for i in picks}
            if unsure is None
            else unsure
        )
        # the relevance: the rank score in the key, less what the unknowns cost
        return [
            (orgs[i], _STATUSES[key >> _RANK_BITS & 3], fs, base - (key >> 24 & 0xFFFFFFFF))
            for i, key in zip(picks, keys, strict=True)
            for fs, base in (found[i],)
        ]


#: A group's unknowns, and ``2**31`` less their rank score (:func:`rank_of`) of no relevance.
Unknowns = tuple[tuple[ProfileField, ...], int]


def _unknowns(fields: list[ProfileField]) -> Unknowns:
    unknowns = tuple(fields)
    return unknowns, (1 << 31) - rank_of(0, unknowns)


def rank(table: Table, keep: int, outside: int, parts: list[Part], on: dt.date) -> Ranked:
    """``table``'s groups kept, each with its order key, from what :meth:`Table.decide`
    returned.

    The key is :func:`~civicrun._results.sort_key` as one integer: outside the audience (bit
    57), dormant (56), the rank score less from ``2**31`` (from bit 24), the status (22-23)
    and the place_rank. It starts from each group's liveness and place_rank (``static``);
    the points of each rule met, missed or unsure are added a mask at a time, and each
    group's count of unknown facts, kept as bit planes over all groups at once.
    """
    unknown: dict[ProfileField, int] = {}
    aimed: dict[ProfileField, int] = {}
    preferred: dict[ProfileField, int] = {}
    missed: list[int] = []
    unsure: list[int] = []
    for _out, _outside, unset, met, liked, missing, unsettled in parts:
        for field, mask in unset:
            unknown[field] = unknown.get(field, 0) | mask
        for field, mask in met:
            aimed[field] = aimed.get(field, 0) | mask
        for field, mask in liked:
            preferred[field] = preferred.get(field, 0) | mask
        missed += missing
        unsure += unsettled
    static = table.static
    if static[0] != on:
        start = [(not is_live(c.facts, on)) << 56 | 1 << 55 | c.place_rank for c in table.orgs]
        static = table.static = (on, start)
    key = static[1].copy()
    adds = [(-_WEIGHTS.get(field, FIELD_WEIGHT), mask) for field, mask in aimed.items()]
    adds += [(-PRIORITY_WEIGHT, m & ~aimed.get(f, 0)) for f, m in preferred.items()]
    facts = dict(unknown)  # age and birth date are one fact
    facts[ProfileField.AGE] = facts.pop(ProfileField.BIRTH_DATE, 0) | facts.get(ProfileField.AGE, 0)
    planes: list[int] = []  # bit j of each group's count of unknown facts
    for mask in facts.values():
        carry, j = mask & keep, 0
        while carry:
            if j == len(planes):
                planes.append(0)
            planes[j], carry = planes[j] ^ carry, planes[j] & carry
            j += 1
    adds += [(PRIORITY_WEIGHT, mask) for mask in missed]
    adds += [(UNKNOWN_PRIORITY_COST, mask) for mask in unsure]
    for points, mask in adds:
        for i in _bits(mask & keep) if points else ():
            key[i] += points << 24
    keys: list[int] = []
    for count in range(1 << len(planes)):  # the groups with ``count`` unknown facts
        members = keep
        for j, plane in enumerate(planes):
            members &= plane if count >> j & 1 else ~plane
        for order, among in ((1 if count else 0, members & ~outside), (2, members & outside)):
            add = UNKNOWN_COST * count << 24 | order << _RANK_BITS | (order == 2) << 57
            keys += [key[i] + add for i in _bits(among)] if among else ()
    return Ranked(keys, table, keep, unknown)
