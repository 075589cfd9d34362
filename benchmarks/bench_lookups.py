"""Look-ups by name: the time of one search, lookup (a miss, with suggestions) or get, per kind.

Each input is distinct and realistic: every record's own name with one letter dropped, one
letter doubled or two letters swapped (a typo), so no answer is served from a cache. Prints the
median and the slowest call of each function, warm (the indices built once first). The
hostile-input issue asks for a single warm call of at most 50 ms on any input.

    python benchmarks/bench_lookups.py
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable, Iterable

import civicrun


def typos(names: Iterable[str]) -> list[str]:
    """Three misspellings of each name: a letter dropped, doubled, and two swapped."""
    found: list[str] = []
    for name in names:
        middle = len(name) // 2
        if len(name) < 4:
            continue
        found.append(name[:middle] + name[middle + 1 :])
        found.append(name[:middle] + name[middle] + name[middle:])
        found.append(name[: middle - 1] + name[middle] + name[middle - 1] + name[middle + 1 :])
    return found


def timed(call: Callable[[str], object], inputs: list[str]) -> tuple[float, float]:
    """(median, slowest) seconds per call over ``inputs``, errors counted as answers."""
    times = []
    for text in inputs:
        start = time.perf_counter()
        with contextlib.suppress(LookupError):
            call(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    orgs = typos(o.name for o in civicrun.organizations())
    states = typos(s.name for s in civicrun.states())
    offices = typos(o.name for o in civicrun.office_categories())
    counties = typos(c.name for c in civicrun.counties()[::10])
    # Warm: build every index once.
    for warm in (civicrun.search_organizations, civicrun.search_states):
        warm("warm")
    civicrun.search_office_categories("warm")
    civicrun.search_counties("warm")
    rows = [
        ("search_organizations", civicrun.search_organizations, orgs),
        ("lookup_organization (miss)", civicrun.lookup_organization, orgs),
        ("get_organization", civicrun.get_organization, orgs),
        ("search_states", civicrun.search_states, states),
        ("lookup_state (miss)", civicrun.lookup_state, states),
        ("search_office_categories", civicrun.search_office_categories, offices),
        ("lookup_office_category (miss)", civicrun.lookup_office_category, offices),
        ("search_counties", civicrun.search_counties, counties),
    ]
    print(f"{'function':<32} {'inputs':>6} {'median':>10} {'slowest':>10}")
    for name, call, inputs in rows:
        median, slowest = timed(call, inputs)
        print(f"{name:<32} {len(inputs):>6} {median * 1e3:>8.2f}ms {slowest * 1e3:>8.2f}ms")


if __name__ == "__main__":
    main()
