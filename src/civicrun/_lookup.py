"""One way to find a record by what people type, for every kind of record.

A :class:`Names` index is built once per set of records (organizations, states, office
categories) and answers the three lookup tiers the same way for each:

* :meth:`Names.get`: the record one of whose names (id, code, name, former name, alias, FIPS
  code ...) equals the text, compared folded (:func:`civicrun._text.fold`);
* :meth:`Names.search`: every record the text may mean, ranked (see its docstring);
* :meth:`Names.suggest`: the records with names closest to a text that matched none.

Close spellings are found with :class:`difflib.SequenceMatcher`, compared only against names
whose length could reach the cutoff (names are kept by length), with the matcher's cheap upper
bounds tried first, so a typo search costs a pass over a few hundred short strings, not all.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from ._text import fold, fold_name

T = TypeVar("T")

__all__ = ["CUTOFF", "Names"]

#: How close (difflib's ratio, 0 to 1) a spelling must be to count as close.
CUTOFF = 0.72
#: Shorter texts (folded) are never compared for close spellings: too many names are close.
_MIN_FUZZY = 3
#: Longer texts (folded) are compared word by word only: no name is that long.
_MAX_FUZZY = 60
#: At most this many strings, those sharing the most letter pairs with a text, are compared.
_MAX_COMPARED = 50
#: A text of more words than this is not compared word by word for close spellings.
_MAX_WORDS = 8


def _lengths(size: int, cutoff: float) -> range:
    """The lengths a name may have and still reach ``cutoff`` against a text of ``size``:
    difflib's ratio is at most 2 * min(a, b) / (a + b)."""
    low = int(size * cutoff / (2 - cutoff))
    high = int(size * (2 - cutoff) / cutoff) + 1
    return range(max(low, 1), high + 1)


def _pairs(text: str) -> set[str]:
    """The letter pairs of ``text`` with a space at each end (" emly " -> " e", "em" ...)."""
    padded = f" {text} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class _Fuzzy:
    """Strings indexed by their letter pairs, each with the record orders it names, for close
    spellings: only the strings that share the most letter pairs with the text (a typo keeps
    most of them), at most :data:`_MAX_COMPARED`, are compared by difflib."""

    __slots__ = ("_pairs", "_strings")

    def __init__(self, strings: dict[str, set[int]]) -> None:
        self._strings = [
            (text, frozenset(orders))
            for text, orders in sorted(strings.items())
            if len(text) >= _MIN_FUZZY
        ]
        pairs: dict[str, list[int]] = {}
        for number, (text, _orders) in enumerate(self._strings):
            for pair in _pairs(text):
                pairs.setdefault(pair, []).append(number)
        self._pairs = pairs

    def scores(self, key: str, *, prefixes: bool) -> dict[int, float]:
        """Record order -> the best ratio of any of its strings to ``key`` (at least the
        cutoff). With ``prefixes``, a longer string's first ``len(key)`` characters count too,
        for a key of four or more characters (so "Wellston" meets "Wellstone Action")."""
        found: dict[int, float] = {}
        size = len(key)
        if size < _MIN_FUZZY or size > _MAX_FUZZY:
            return found
        shared: dict[int, int] = {}
        for pair in _pairs(key):
            for number in self._pairs.get(pair, ()):
                shared[number] = shared.get(number, 0) + 1
        enough = max(2, (size + 1) // 3)
        import difflib  # noqa: PLC0415  (only a misspelt name needs it, not the first answer)

        matcher = difflib.SequenceMatcher(b=key, autojunk=False)

        def score(text: str) -> float:
            matcher.set_seq1(text)
            if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
                return 0.0
            return matcher.ratio()

        full = _lengths(size, CUTOFF)
        by_prefix = prefixes and size >= 4
        prefix_scores: dict[str, float] = {}  # many names share their first letters
        likely = sorted((-count, n) for n, count in shared.items() if count >= enough)
        for _count, number in likely[:_MAX_COMPARED]:
            text, orders = self._strings[number]
            best = score(text) if len(text) in full else 0.0
            if by_prefix and len(text) > size and best < 1.0:
                head = text[:size]
                if head not in prefix_scores:
                    prefix_scores[head] = score(head)
                best = max(best, prefix_scores[head])
            if best >= CUTOFF:
                for order in orders:
                    if best > found.get(order, 0.0):
                        found[order] = best
        return found


class _Words:
    """The distinct folded words of some texts, sorted, each with the record orders it is in,
    so "every word of the query begins a word" is a few binary searches."""

    __slots__ = ("_orders", "_words")

    def __init__(self, words: dict[str, set[int]]) -> None:
        self._words = sorted(words)
        self._orders = [frozenset(words[w]) for w in self._words]

    def beginning(self, prefix: str) -> set[int]:
        """The orders of the records with a word that begins with ``prefix``."""
        found: set[int] = set()
        at = bisect.bisect_left(self._words, prefix)
        while at < len(self._words) and self._words[at].startswith(prefix):
            found |= self._orders[at]
            at += 1
        return found

    def all_beginning(self, prefixes: Sequence[str]) -> set[int]:
        """The orders of the records in which every prefix begins a word."""
        found: set[int] | None = None
        for prefix in prefixes:
            here = self.beginning(prefix)
            found = here if found is None else found & here
            if not found:
                return set()
        return found or set()


class _Index:
    """The parts of a :class:`Names` index that only searches and suggestions need."""

    __slots__ = ("fuzzy", "names", "text", "word_fuzzy", "words")

    def __init__(
        self, named: list[list[str]], exact: dict[str, int], described: Iterable[str] | None
    ) -> None:
        every: dict[str, set[int]] = {}
        words: dict[str, set[int]] = {}
        for name, order in exact.items():
            every.setdefault(name, set()).add(order)
        for order, names in enumerate(named):
            for name in names:
                every.setdefault(name, set()).add(order)
                for word in name.split():
                    words.setdefault(word, set()).add(order)
        #: (folded name, the first record with it), sorted: "begins with" by binary search.
        self.names = sorted((name, min(orders)) for name, orders in every.items())
        self.words = _Words(words)
        self.fuzzy = _Fuzzy(every)
        self.word_fuzzy = _Fuzzy(words)
        text: dict[str, set[int]] = {}
        for order, description in enumerate(described or ()):
            for word in fold(description).split():
                text.setdefault(word, set()).add(order)
        self.text = _Words(text)


class Names(Generic[T]):
    """The names of a set of records, folded and indexed once.

    The exact names are indexed when it is made (all :meth:`get` needs); what searches and
    suggestions need is built the first time one is asked for.

    Args:
        records: the records, in the order ties are broken in (id or code order).
        names_of: a record's names; the first is its key (id or code), which wins over any
            other record's name when two records share a spelling.
        text_of: a record's description (summary), searched last; None for none.
        extra: more names of records (``"washington dc"``), beside their own.
    """

    __slots__ = ("_exact", "_index", "_lock", "_named", "_records", "_text_of")

    def __init__(
        self,
        records: Iterable[T],
        names_of: Callable[[T], Sequence[str]],
        text_of: Callable[[T], str] | None = None,
        extra: Iterable[tuple[str, T]] = (),
    ) -> None:
        self._records = tuple(records)
        named = [[fold_name(n) for n in names_of(r)] for r in self._records]
        exact: dict[str, int] = {}
        for order, names in enumerate(named):  # keys first: an id beats another's alias
            if names:
                exact.setdefault(names[0], order)
        for order, names in enumerate(named):
            for name in names[1:]:
                exact.setdefault(name, order)
        position = {id(r): i for i, r in enumerate(self._records)}
        for name, record in extra:
            exact.setdefault(fold(name), position[id(record)])
        self._exact = exact
        self._named = named
        self._text_of = text_of
        self._index: _Index | None = None
        self._lock = threading.Lock()

    def _search_index(self) -> _Index:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    text_of = self._text_of
                    described = None if text_of is None else [text_of(r) for r in self._records]
                    self._index = _Index(self._named, self._exact, described)
                index = self._index
        return index

    @property
    def records(self) -> tuple[T, ...]:
        """Every record, in tie-break order."""
        return self._records

    def get(self, text: str) -> T | None:
        """The record with a name equal to ``text`` (folded), or None."""
        order = self._exact.get(fold(text))
        return None if order is None else self._records[order]

    def _close(self, key: str) -> list[int]:
        """Orders of records with a name close to ``key``, or (word by word) every word of
        it close to or beginning a word of a name; best first, ties in order."""
        index = self._search_index()
        scores = index.fuzzy.scores(key, prefixes=True)
        words = key.split()
        each: dict[int, float] | None = None
        for word in words if len(words) <= _MAX_WORDS else ():
            here = index.word_fuzzy.scores(word, prefixes=False)
            for order in index.words.beginning(word):
                here[order] = max(here.get(order, 0.0), CUTOFF)
            each = (
                here if each is None else {o: min(s, here[o]) for o, s in each.items() if o in here}
            )
            if not each:
                break
        for order, score in (each or {}).items():
            scores[order] = max(scores.get(order, 0.0), score)
        return sorted(scores, key=lambda o: (-scores[o], o))

    def close(self, text: str) -> tuple[T, ...]:
        """The records with a name spelt close to ``text`` (tier 4 of :meth:`search`), closest
        first."""
        key = fold(text)
        return tuple(self._records[order] for order in self._close(key)) if key else ()

    def search(self, text: str) -> tuple[T, ...]:
        """Every record ``text`` may mean, best first, each once:

        1. a name equal to the text;
        2. names that begin with it;
        3. names in which every word of the text begins a word;
        4. close spellings: a name (or its beginning) spelt close to the text, or every word
           of the text close to a word of a name, closest first;
        5. descriptions in which every word of the text begins a word.

        Ties in record order (id or code). Case, accents and punctuation are ignored; a text
        with no letters or digits finds nothing.
        """
        key = fold(text)
        if not key:
            return ()
        index = self._search_index()
        ranked: dict[int, None] = {}
        exact = self._exact.get(key)
        if exact is not None:
            ranked[exact] = None
        begins: set[int] = set()
        names = index.names
        at = bisect.bisect_left(names, (key, -1))
        while at < len(names) and names[at][0].startswith(key):
            begins.add(names[at][1])
            at += 1
        ranked.update(dict.fromkeys(sorted(begins)))
        words = key.split()
        ranked.update(dict.fromkeys(sorted(index.words.all_beginning(words))))
        ranked.update(dict.fromkeys(self._close(key)))
        ranked.update(dict.fromkeys(sorted(index.text.all_beginning(words))))
        return tuple(self._records[order] for order in ranked)

    def suggest(self, text: str, n: int) -> tuple[T, ...]:
        """Up to ``n`` records whose names are closest to ``text``: names that begin with it
        or contain its words first, then close spellings (tiers 2 to 4 of :meth:`search`)."""
        key = fold(text)
        if not key:
            return ()
        index = self._search_index()
        ranked: dict[int, None] = {}
        names = index.names
        at = bisect.bisect_left(names, (key, -1))
        while at < len(names) and names[at][0].startswith(key) and len(ranked) < n:
            ranked[names[at][1]] = None
            at += 1
        ranked.update(dict.fromkeys(sorted(index.words.all_beginning(key.split()))))
        ranked.update(dict.fromkeys(self._close(key)))
        return tuple(self._records[order] for order in list(ranked)[:n])
