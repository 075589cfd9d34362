"""County resolution: civicrun against addfips on the hard-case corpus.

Prints correctness (how many corpus cases each library answers right) and speed:
warm time per call on the same inputs, and the time to build the county index
(civicrun: read counties.tsv and build the index; addfips: construct ``AddFIPS()``).

    pip install -e '.[bench]' && python benchmarks/bench_counties.py
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import addfips

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.county_cases import CASES

from civicrun import _counties, _data, lookup_county
from civicrun import counties as civicrun_counties

REPEATS = 7


def best_of(func: Callable[[], object], repeats: int = REPEATS) -> float:
    """The fastest of ``repeats`` runs, in seconds (the least disturbed by other work)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def civicrun_answer(name: str, state: str | None) -> str:
    try:
        return lookup_county(name, state).fips
    except LookupError:
        return "none"
    except ValueError:
        return "invalid"


def main() -> int:  # noqa: PLR0915  (one report, read top to bottom)
    # Former names warn (FormerNameWarning); the benchmark only wants the answers.
    warnings.simplefilter("ignore")
    af = addfips.AddFIPS()
    cases = [(n, s, e) for n, s, e in CASES if isinstance(n, str)]
    # Correctness: a case is right when the single answer is right, or when an ambiguous or
    # unknown input gets no single answer (addfips returns one code or None).
    ours = theirs = 0
    for name, state, expected in cases:
        got = civicrun_answer(name, state)
        want = expected.removeprefix("former:")
        single = want.isdigit()
        ours += (got == want) if single else (not got.isdigit())
        try:
            code = af.get_county_fips(name, state=state) if state else None
        except Exception:  # addfips raises on some inputs
            code = None
        theirs += (code == want) if single else (code is None)
    print(f"corpus: {len(cases)} string inputs")
    print(f"  civicrun right: {ours}/{len(cases)}")
    print(
        f"  addfips right:  {theirs}/{len(cases)}"
        " (it needs a state; inputs without one count as None)"
    )

    # Speed on the same inputs: those with a state, which both libraries accept.
    same = [(n, s) for n, s, _e in cases if s and n.strip()]

    def run_civicrun() -> None:
        for name, state in same:
            civicrun_answer(name, state)

    def run_addfips() -> None:
        for name, state in same:
            af.get_county_fips(name, state=state)

    run_civicrun()  # warm
    ours_t = best_of(run_civicrun) / len(same)
    theirs_t = best_of(run_addfips) / len(same)
    print(f"warm per call, {len(same)} inputs with a state:")
    print(f"  civicrun.lookup_county       {ours_t * 1e6:8.2f} us")
    print(f"  AddFIPS().get_county_fips    {theirs_t * 1e6:8.2f} us")
    print(f"  ratio civicrun/addfips        {ours_t / theirs_t:8.2f}")

    def run_uncached() -> None:
        _counties._index.get().answers.clear()
        run_civicrun()

    cold_t = best_of(run_uncached) / len(same)
    print(f"  civicrun, answer cache cleared before each pass {cold_t * 1e6:8.2f} us")

    # Distinct inputs, each asked once per pass, with the answer cache cleared before every call:
    # every county's own name and its name without the suffix, each with its state.
    index = _counties._index.get()
    distinct = [(c.name, c.state) for c in civicrun_counties()] + [
        (c.short_name, c.state) for c in civicrun_counties()
    ]

    def run_distinct() -> None:
        for name, state in distinct:
            index.answers.clear()
            civicrun_answer(name, state)

    def run_distinct_addfips() -> None:
        for name, state in distinct:
            af.get_county_fips(name, state=state)

    run_distinct()
    ours_d = statistics.median(best_of(run_distinct, 1) for _ in range(REPEATS)) / len(distinct)
    theirs_d = statistics.median(best_of(run_distinct_addfips, 1) for _ in range(REPEATS)) / len(
        distinct
    )
    print(f"uncached, {len(distinct):,} distinct inputs (every county's name and short name):")
    print(f"  civicrun.lookup_county       {ours_d * 1e6:8.2f} us")
    print(f"  AddFIPS().get_county_fips    {theirs_d * 1e6:8.2f} us")
    print(f"  ratio civicrun/addfips        {ours_d / theirs_d:8.2f}")

    def build_civicrun() -> None:
        _data.reset()
        _counties._index.get()

    build_ours = statistics.median(best_of(build_civicrun, 1) for _ in range(REPEATS))
    build_theirs = statistics.median(best_of(addfips.AddFIPS, 1) for _ in range(REPEATS))
    print("building the county index (median of 7):")
    print(f"  civicrun (counties.tsv + index) {build_ours * 1e3:8.2f} ms")
    print(f"  addfips.AddFIPS()               {build_theirs * 1e3:8.2f} ms")
    print(f"  ratio civicrun/addfips          {build_ours / build_theirs:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
