"""Golden snapshots: fixed profiles -> committed matches, so data changes show in review."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from civicrun import Profile, eligible_orgs

from .snapshot_profiles import ON, PROFILES

SNAPSHOTS = Path(__file__).parent / "snapshots"


def render(name: str) -> str:
    """The snapshot text for one profile."""
    matches = eligible_orgs(Profile.from_dict(PROFILES[name]), on=ON)
    body = {
        "profile": PROFILES[name],
        "on": ON.isoformat(),
        "matches": [
            {
                "id": m.org.id,
                "status": m.status.value,
                "relevance": m.relevance,
                "unknowns": [u.value for u in m.unknowns],
                "reasons": [str(r) for r in m.reasons],
            }
            for m in matches
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_snapshot(name: str) -> None:
    """The matches equal the committed snapshot (regenerate: scripts/update_snapshots.py)."""
    expected = (SNAPSHOTS / f"{name}.json").read_text(encoding="utf-8")
    actual = render(name)
    if expected != actual:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"committed/{name}.json",
                f"now/{name}.json",
            )
        )
        pytest.fail(
            f"snapshot {name} changed; if intended, run python scripts/update_snapshots.py\n{diff}"
        )


def test_every_party_gets_meaningful_matches() -> None:
    """Republican, Libertarian, Green, independent and nonpartisan-race profiles all match groups
    aimed at them (relevance above zero), not only groups open to everyone."""
    for name in (
        "republican-veteran-ohio",
        "libertarian-south-dakota",
        "green-california",
        "independent-virginia",
        "nonpartisan-school-board-iowa",
    ):
        matches = eligible_orgs(Profile.from_dict(PROFILES[name]), on=ON)
        assert any(m.relevance > 0 and m.status.value == "eligible" for m in matches), name
