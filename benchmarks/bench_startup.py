"""Start-up costs, each in fresh processes, against its anchor measured in the same run.

* ``import civicrun`` against ``import attrs``;
* the first answer in a new process (import, load, one ``eligible_orgs``) against addfips'
  first answer (import, ``AddFIPS()``, one county look-up);
* ``civicrun match --state TX --party D`` as a whole process, against ``python -c pass``;
* the memory that loading everything adds (tracemalloc, in a fresh process).

Runs are interleaved (A, B, A, B ...) so a busy moment hits both; medians are printed.

    pip install -e '.[bench]' && python benchmarks/bench_startup.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable
CLI = str(Path(PY).with_name("civicrun"))

CASES: dict[str, tuple[list[str], list[str]]] = {
    "import civicrun vs import attrs": (
        [PY, "-c", "import civicrun"],
        [PY, "-c", "import attrs"],
    ),
    "first answer: civicrun vs addfips": (
        [
            PY,
            "-c",
            "import civicrun; civicrun.eligible_orgs(civicrun.Profile(state='TX', party='D'))",
        ],
        [PY, "-c", "import addfips; addfips.AddFIPS().get_county_fips('Travis', state='TX')"],
    ),
    "civicrun match --state TX --party D vs python -c pass": (
        [CLI, "match", "--state", "TX", "--party", "D"],
        [PY, "-c", "pass"],
    ),
}

MEMORY = """
import tracemalloc
tracemalloc.start()
import civicrun
before = tracemalloc.get_traced_memory()[0]
civicrun.eligible_orgs(civicrun.Profile())
civicrun.lookup_county('Travis', 'TX')
civicrun.office_categories()
print(tracemalloc.get_traced_memory()[0] - before)
"""


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds (a smoke run)")
    args = parser.parse_args(argv)
    rounds = 3 if args.quick else 21
    for label, (ours, anchor) in CASES.items():
        _time(ours), _time(anchor)  # warm the file cache
        a, b = [], []
        for _ in range(rounds):
            a.append(_time(ours))
            b.append(_time(anchor))
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"{label}: {ma * 1e3:.1f} ms vs {mb * 1e3:.1f} ms, ratio {ma / mb:.2f}")
    added = int(subprocess.run([PY, "-c", MEMORY], check=True, capture_output=True).stdout)
    print(f"memory added by loading everything: {added / 2**20:.1f} MiB (tracemalloc)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
