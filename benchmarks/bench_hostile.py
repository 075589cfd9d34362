"""Hostile input, timed: each slow call the adversarial review found (L1-L5), after warm-up.

Each figure is the median of several calls, in milliseconds, beside an anchor measured in the
same run (a lookup of an exact name, the cheapest useful call), so a slow machine shows as a
slow anchor rather than as a regression. The review's budget is 50 ms a call.

    pip install -e '.[bench]' && python benchmarks/bench_hostile.py [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import civicrun
from civicrun import CivicrunError, Profile
from civicrun._check import check_data

BUDGET_MS = 50


def median_ms(call: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls after one warm-up call, in milliseconds."""
    times = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(runs + 1):
            start = time.perf_counter()
            with contextlib.suppress(CivicrunError):
                call()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke run)")
    runs = 3 if parser.parse_args(argv).quick else 15
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "organizations"
        folder.mkdir()
        with (folder / "huge.toml").open("wb") as handle:
            handle.truncate(50_000_000)  # sparse: costs no disk
        (folder / "bomb.toml").write_text("a=1\n" * 50_000, "utf-8")
        many_keys = {f"k{n}": n for n in range(100_000)}
        long_list = ["black"] * 100_000
        cases: list[tuple[str, Callable[[], object]]] = [
            ("L1 load_dataset([])", lambda: civicrun.load_dataset([])),
            (
                "L2 lookup_organization, a typo",
                lambda: civicrun.lookup_organization("Emrge Amrica"),
            ),
            ("L2 explain, a long typo", lambda: civicrun.explain(Profile(), "women " * 25)),
            (
                "L3 from_dict, 100,000 keys",
                lambda: Profile.from_dict(many_keys),
            ),
            ("L4 Profile, 100,000-item list", lambda: Profile(race_ethnicity=long_list)),
            ("L5 data check, 50 MB and key-bomb files", lambda: check_data(paths=[Path(tmp)])),
        ]
        anchor = median_ms(lambda: civicrun.lookup_organization("emerge"), runs)
        print(f"anchor: lookup_organization of an exact id, {anchor:.3f} ms")
        for name, call in cases:
            ms = median_ms(call, runs)
            verdict = "within" if ms <= BUDGET_MS else "OVER"
            print(f"{name}: {ms:.2f} ms ({ms / anchor:,.0f}x the anchor; {verdict} {BUDGET_MS} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
