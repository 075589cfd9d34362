"""Matching speed: loading the dataset once, then eligible_orgs per profile.

pip install -e . && python benchmarks/bench_match.py
"""

from __future__ import annotations

import datetime as dt
import time

from civicrun import Profile, _data, eligible_orgs

ON = dt.date(2026, 11, 26)
PROFILES = [
    Profile(),
    Profile(state="TX", party="D", gender="woman", age=29, race_ethnicity=["black"]),
    Profile(state="OH", party="R", gender="man", age=45, veteran=True),
    Profile(state="CA", party="green", lgbtq=True, office_level="local"),
    Profile(state="VA", birth_date="1990-02-03", prior_runs=0, stances=["pro-life"]),
]


def main() -> int:
    loads = []
    for _ in range(5):
        _data.reset()
        start = time.perf_counter()
        data = _data.dataset()
        loads.append(time.perf_counter() - start)
    print(
        f"first load of the whole dataset ({len(data.organizations)} organizations, "
        f"{len(data.states)} states, {len(data.offices)} offices, {len(data.counties)} counties): "
        f"best {min(loads) * 1e3:.1f} ms"
    )
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for profile in PROFILES:
            eligible_orgs(profile, on=ON)
    per_call = (time.perf_counter() - start) / (rounds * len(PROFILES))
    print(f"eligible_orgs, warm, mean over {rounds * len(PROFILES)} calls: {per_call * 1e6:.0f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
