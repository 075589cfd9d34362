"""Shared fixtures: a fixed matching date, and a writable copy of the package data."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import importlib_resources
import pytest

from civicrun import _data

#: The date every date-dependent test measures on, so results never drift with the calendar.
ON = dt.date(2026, 12, 1)
#: The day the data check measures "in the future" against: the real date, as a contributor's
#: own ``civicrun data check`` does, so a record read today passes. This and nothing else in
#: the tests comes from the calendar.
CHECK_DAY = dt.date.today()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder."""
    source = importlib_resources.files("civicrun") / "data"
    target = tmp_path / "data"
    with importlib_resources.as_file(source) as folder:
        shutil.copytree(folder, target)
    return target


@pytest.fixture
def fresh_data() -> Iterator[None]:
    """Forget loaded data before and after the test."""
    _data.reset()
    yield
    _data.reset()
