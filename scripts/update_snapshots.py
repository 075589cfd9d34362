"""Regenerate tests/snapshots/*.json from tests/snapshot_profiles.py.

Run after a deliberate data change, then review the diff (git diff tests/snapshots).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.snapshot_profiles import PROFILES  # noqa: E402
from tests.test_snapshots import SNAPSHOTS, render  # noqa: E402


def main() -> int:
    SNAPSHOTS.mkdir(exist_ok=True)
    for stale in SNAPSHOTS.glob("*.json"):
        if stale.stem not in PROFILES:
            stale.unlink()
    for name in sorted(PROFILES):
        (SNAPSHOTS / f"{name}.json").write_text(render(name), encoding="utf-8", newline="\n")
    print(f"wrote {len(PROFILES)} snapshots to {SNAPSHOTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
