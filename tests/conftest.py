"""Shared fixtures: a fixed matching date, and a writable copy of the package data."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import importlib_resources
import pytest

from civicrun import _data
from civicrun._files import Problem

#: The date every date-dependent test measures on, so results never drift with the calendar.
ON = dt.date(2026, 12, 1)
#: The day the data check measures "in the future" against: the real date, as a contributor's
#: own ``civicrun data check`` does, so a record read today passes. This and nothing else in
#: the tests comes from the calendar.
CHECK_DAY = dt.date.today()

#: CI (``CI=true``, as ``.ci/run`` runs) draws every property test's full number of examples
#: and runs the tests marked ``slow``; a contributor's run draws a quarter and skips them
#: (``--run-slow`` runs them too), so the suite stays quick on two cores.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def examples(count: int) -> int:
    """How many examples a property test draws: ``count`` in CI, a quarter of it (at least
    ten) on a contributor's machine."""
    return count if IN_CI else max(10, count // 4)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: an exhaustive check run in CI (CI=true) or with --run-slow"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if IN_CI or config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI (CI=true) or with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


#: Record files structured so far in this test process, by (record class, the file's text): a
#: frozen record depends on nothing else (its path names it only in an error), so a test that
#: reads a copy of the shipped data (most change one file), or formats the shipped files by
#: their full paths, structures only the files whose text is new to this process. Only
#: successes are kept; a malformed file is structured, and refused, every time.
_STRUCTURED: dict[tuple[type[Any], str], Any] = {}


@pytest.fixture(autouse=True, scope="session")
def _structure_each_file_once() -> Iterator[None]:
    """Reading record files goes through :data:`_STRUCTURED` for the whole session."""
    from civicrun._files import read_text

    original = _data._load_record

    def load_record(file: Any, relpath: str, cls: type[Any]) -> Any:
        key = (cls, read_text(file, relpath))
        if key not in _STRUCTURED:
            _STRUCTURED[key] = original(file, relpath, cls)
        return _STRUCTURED[key]

    _data._load_record = load_record
    yield
    _data._load_record = original


#: What the data check and ``data fmt`` work out from one record alone, in this test process:
#: a record's canonical text (by the record and the file text whose comments it keeps), and
#: its own problems (by the record and the day they are measured against). Both are pure
#: functions of a frozen record, and :data:`_STRUCTURED` hands out one record object per
#: distinct file text, so a test that checks a copy of the shipped data (most change one file)
#: works out only the changed records again. Keyed by the record object's id, each entry keeps
#: its record, so no other object can take that id while the entry lasts.
_CANONICAL: dict[tuple[int, str | None], tuple[Any, str]] = {}
_OWN_PROBLEMS: dict[tuple[int, dt.date], tuple[Any, tuple[str, ...]]] = {}


@pytest.fixture(autouse=True, scope="session")
def _check_each_record_once() -> Iterator[None]:
    """The data check and the formatter go through :data:`_CANONICAL` and
    :data:`_OWN_PROBLEMS` for the whole session."""
    from civicrun import _check, _fmt

    canonical, own_problems = _fmt.canonical, _check._record_problems

    def remembered_canonical(record: Any, comments_from: str | None = None) -> str:
        key = (id(record), comments_from)
        if key not in _CANONICAL:
            _CANONICAL[key] = (record, canonical(record, comments_from))
        return _CANONICAL[key][1]

    def remembered_problems(record: object, today: dt.date) -> list[str]:
        key = (id(record), today)
        if key not in _OWN_PROBLEMS:
            _OWN_PROBLEMS[key] = (record, tuple(own_problems(record, today)))
        return list(_OWN_PROBLEMS[key][1])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fmt, "canonical", remembered_canonical)
        patch.setattr(_check, "canonical", remembered_canonical)  # its own name for it
        patch.setattr(_check, "_record_problems", remembered_problems)
        yield


#: A county committee's record file (``local-party-<county FIPS>-<party>.toml``); a town or
#: city committee's name has its town after the FIPS code.
_COUNTY_COMMITTEE = re.compile(r"local-party-\d{5}-[a-z]+\.toml")
#: How many county committees (the first, by file name) a :func:`data_copy` keeps.
KEPT_COUNTY_COMMITTEES = 24


def _fewer_county_committees(folder: str, names: list[str]) -> set[str]:
    """What :func:`shutil.copytree` leaves out of a data copy: the county committees after the
    first :data:`KEPT_COUNTY_COMMITTEES`."""
    committees = sorted(n for n in names if _COUNTY_COMMITTEE.fullmatch(n))
    return set(committees[KEPT_COUNTY_COMMITTEES:])


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder, less most county committees.

    The tests that use it edit a record and check what the loader or the data check says;
    none depends on the county committees left out (those kept exercise the committees'
    own checks). Copying and checking some 500 fewer files keeps the suite quick as the data
    grows; the shipped data is checked whole by ``test_shipped_data_passes`` and by
    ``civicrun data check`` in CI.
    """
    source = importlib_resources.files("civicrun") / "data"
    target = tmp_path / "data"
    with importlib_resources.as_file(source) as folder:
        shutil.copytree(folder, target, ignore=_fewer_county_committees)
    return target


@pytest.fixture
def fresh_data() -> Iterator[None]:
    """Forget loaded data before and after the test."""
    _data.reset()
    yield
    _data.reset()


def unlined(problems: list[Problem]) -> list[str]:
    """Data-check problems as ``"<file>: <message> @ <field>"``, without the line number each
    carries where its field's line is known (tests that compare whole problems use this;
    ``test_data_cases`` checks the line numbers themselves)."""
    return [f"{p.file}: {p.text}" for p in problems]


def load_module(name: str, path: Path) -> ModuleType:
    """A Python file outside the package (the docs extension, an example app), loaded as a
    module named ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
