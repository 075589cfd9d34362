"""The fixed profiles whose matches are committed under tests/snapshots/.

A data change that adds, removes or re-rules a group shows up in review as a diff of these
files. Regenerate with ``python scripts/update_snapshots.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

ON = dt.date(2026, 12, 1)

PROFILES: dict[str, dict[str, Any]] = {
    "black-woman-democrat-texas": {
        "state": "TX",
        "party": "democratic",
        "gender": "woman",
        "age": 29,
        "race_ethnicity": ["black"],
    },
    "republican-veteran-ohio": {
        "state": "OH",
        "party": "republican",
        "gender": "man",
        "age": 45,
        "veteran": True,
    },
    "empty": {},
    "libertarian-south-dakota": {"state": "SD", "party": "libertarian", "age": 38},
    "green-california": {"state": "CA", "party": "green", "gender": "nonbinary", "lgbtq": True},
    "independent-virginia": {
        "state": "VA",
        "party": "independent",
        "gender": "man",
        "national_service": True,
        "office_level": "local",
    },
    "nonpartisan-school-board-iowa": {
        "state": "IA",
        "gender": "woman",
        "office_level": "local",
        "ideology": "moderate",
        "prior_runs": 0,
    },
    "pro-life-republican-woman-indiana": {
        "state": "IN",
        "party": "R",
        "gender": "woman",
        "stances": ["pro-life"],
        "office_level": "state",
    },
    "native-first-time-arizona": {
        "state": "AZ",
        "race_ethnicity": ["native-american"],
        "prior_runs": 0,
        "party": "D",
    },
    "young-mom-democrat-georgia": {
        "state": "GA",
        "party": "D",
        "gender": "woman",
        "birth_date": "1995-04-02",
        "parent_of_minor": True,
        "stances": ["pro-choice"],
        "prior_runs": 0,
    },
}
