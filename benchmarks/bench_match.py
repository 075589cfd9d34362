"""Matching speed, warm, on distinct realistic profiles; and how it scales with the data.

* warm ``eligible_orgs`` for empty, partial (state and party) and full profiles, against the
  plain evaluator of the tests (``tests/oracle.py``: every organization, every rule read from
  its record) in the same run: the call alone (it returns a lazy ``Matches``, so this is the
  deciding), the call and reading the first five matches (``result[:5]``), and the call and
  reading every match (``list(result)``, what the plain evaluator does);
* a batch of distinct generated profiles (100,000 by default), one core, the same three ways;
* the same at 10x and 100x the shipped organizations (``scripts/make_synthetic.py``): the
  first load and warm state+party calls, against the shipped size in the same run.

Profiles are drawn from a fixed seed over realistic values (every state, party, gender, age
and identity), so figures repeat; no answer cache exists to serve them.

    pip install -e '.[bench]' && python benchmarks/bench_match.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from civicrun import Profile, eligible_orgs, states

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.oracle import plain_matches  # noqa: E402  (the tests' plain evaluator, the anchor)

ON = dt.date(2026, 12, 1)
PARTIES = ["democratic", "republican", "libertarian", "green", "independent"]
RACES = ["black", "latino", "asian-american", "native-american", "white"]


def profiles(count: int, seed: int = 1, kind: str = "mixed") -> list[Profile]:
    """``count`` generated profiles: ``empty``, ``partial`` (state and party), ``full`` or a
    ``mixed`` draw of all three."""
    rng = random.Random(seed)
    codes = [s.code for s in states()]
    out = []
    for _ in range(count):
        shape = rng.choice(["empty", "partial", "full"]) if kind == "mixed" else kind
        if shape == "empty":
            out.append(Profile())
        elif shape == "partial":
            out.append(Profile(state=rng.choice(codes), party=rng.choice(PARTIES)))
        else:
            out.append(
                Profile(
                    state=rng.choice(codes),
                    party=rng.choice(PARTIES),
                    gender=rng.choice(["woman", "man", "nonbinary"]),
                    age=rng.randint(18, 80),
                    race_ethnicity=rng.sample(RACES, rng.randint(1, 2)),
                    veteran=rng.random() < 0.1,
                    lgbtq=rng.random() < 0.1,
                    stances=rng.choice([[], ["pro-choice"], ["pro-life"]]),
                    prior_runs=rng.randint(0, 3),
                )
            )
    return out


#: How a result is read after the call: not at all, its first five matches, every match.
READS: dict[str, Callable[[Sequence[object]], object]] = {
    "the call alone": lambda result: result,
    "the call + result[:5]": lambda result: result[:5],
    "the call + list(result)": list,
}


def per_call(func: Callable[[Profile], object], inputs: list[Profile], rounds: int) -> float:
    """The median over ``rounds`` of the mean time per call over ``inputs``, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for profile in inputs:
            func(profile)
        times.append((time.perf_counter() - start) / len(inputs))
    return statistics.median(times)


SCALE_PROBE = """
import datetime as dt, sys, time
from pathlib import Path
from civicrun import _data
root = Path(sys.argv[1])
_data._data_folder = lambda: str(root)  # read the tree's bundle as a wheel reads its own
start = time.perf_counter()
from civicrun import Profile, eligible_orgs
eligible_orgs(Profile(state="TX", party="D"), on=dt.date(2026, 12, 1))
first = time.perf_counter() - start
codes = ["TX", "CA", "NY", "OH", "GA", "MN", "AZ", "PA"]
ps = [Profile(state=c, party=p) for c in codes for p in ("D", "R", "L")]
times = []
for _ in range(5):
    t = time.perf_counter()
    for p in ps:
        eligible_orgs(p, on=dt.date(2026, 12, 1))
    times.append((time.perf_counter() - t) / len(ps))
times.sort()
print(first, times[len(times) // 2], len(_data.dataset().organizations))
"""


def scale(factor: int) -> tuple[float, float, int]:
    """(first answer, warm state+party call, organizations loaded) in a fresh process over
    ``factor`` x the data."""
    with tempfile.TemporaryDirectory() as tmp:
        if factor > 1:
            subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "make_synthetic.py"), str(factor), tmp],
                check=True,
                capture_output=True,
            )
            root = Path(tmp)
        else:
            root = ROOT / "src" / "civicrun" / "data"
        out = subprocess.run(
            [sys.executable, "-c", SCALE_PROBE, str(root)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = parser.parse_args(argv)
    rounds, batch = (2, 1_000) if args.quick else (7, 100_000)
    for kind in ("empty", "partial", "full"):
        inputs = profiles(50 if args.quick else 300, seed=7, kind=kind)
        plain = per_call(lambda p: plain_matches(p, on=ON), inputs[:50], rounds)
        for how, read in READS.items():
            fast = per_call(lambda p, read=read: read(eligible_orgs(p, on=ON)), inputs, rounds)
            print(
                f"eligible_orgs, warm, {kind} profiles, {how}: {fast * 1e6:.1f} us; "
                f"plain evaluator {plain * 1e6:.1f} us; ratio {fast / plain:.3f}"
            )
    inputs = profiles(batch, seed=11)
    for how, read in READS.items():
        start = time.perf_counter()
        for profile in inputs:
            read(eligible_orgs(profile, on=ON))
        took = time.perf_counter() - start
        print(f"batch of {batch:,} distinct mixed profiles, {how}: {took:.2f} s")
    base_first, base_warm, shipped = scale(1)
    print(f"shipped data: first answer {base_first * 1e3:.1f} ms, warm {base_warm * 1e6:.1f} us")
    for factor in (10,) if args.quick else (10, 100):
        first, warm, loaded = scale(factor)
        if loaded != factor * shipped:  # the probe must read the tree it was given
            raise SystemExit(
                f"{factor}x: the probe loaded {loaded:,} organizations, not {factor * shipped:,}"
            )
        print(
            f"{factor}x the organizations: first answer {first * 1e3:.1f} ms "
            f"(ratio {first / base_first:.1f}), warm state+party {warm * 1e6:.1f} us "
            f"(ratio {warm / base_warm:.1f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
