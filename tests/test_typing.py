"""Type checkers see precise types: mypy, run on small files that use the installed package."""

from __future__ import annotations

import runpy
import sys
import textwrap
from pathlib import Path

import pytest

from civicrun.errors import InvalidProfileError

api = pytest.importorskip("mypy.api")


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for this module's snippets: the standard library's and civicrun's types
    are worked out once, and each snippet (a new file) is checked afresh."""
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(tmp_path: Path, code: str, cache: Path) -> list[str]:
    """mypy's error lines for ``code`` (strict, with no project configuration), each as
    ``line: message``."""
    (tmp_path / "snippet.py").write_text(textwrap.dedent(code), encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    out, err, _status = api.run(
        [
            "--config-file",
            str(tmp_path / "mypy.ini"),
            "--cache-dir",
            str(cache),
            "--python-executable",
            sys.executable,
            "--no-error-summary",
            "--hide-error-context",
            str(tmp_path / "snippet.py"),
        ]
    )
    assert "" == err
    return [line.split(".py:", 1)[1] for line in out.splitlines() if ".py:" in line]


class TestProfileTypes:
    def test_friendly_values_type_check(self, tmp_path: Path, mypy_cache: Path) -> None:
        """What Profile converts at run time is also what its signature declares: strings for
        vocabularies, numbers and yes/no, lists or comma-separated text for lists (and the
        file runs)."""
        assert [] == _mypy(
            tmp_path,
            """
            import datetime as dt
            from civicrun import Profile, lookup_county
            from civicrun.vocab import Party, RaceEthnicity, Stance

            Profile(state="TX", party=Party.DEMOCRATIC, gender="woman", age=29)
            Profile(state="texas", party="dem", age="29", birth_date="1997-05-01")
            Profile(birth_date=dt.date(1997, 5, 1), veteran=True, lgbtq="yes")
            Profile(race_ethnicity=[RaceEthnicity.BLACK, "asian"], stances="pro-choice")
            Profile(stances=(Stance.PRO_CHOICE,), communities=frozenset({"disability"}))
            Profile(county=lookup_county("Travis", "TX"), town="Austin", prior_runs="0")
            """,
            mypy_cache,
        )
        runpy.run_path(str(tmp_path / "snippet.py"))

    def test_wrong_types_are_rejected(self, tmp_path: Path, mypy_cache: Path) -> None:
        """mypy rejects a number for a state, a number for a party and a number for a list."""
        errors = _mypy(
            tmp_path,
            """
            from civicrun import Profile

            Profile(state=42)
            Profile(party=3)
            Profile(race_ethnicity=5)
            Profile(age=29.5)
            """,
            mypy_cache,
        )
        with pytest.raises(InvalidProfileError, match="state"):
            runpy.run_path(str(tmp_path / "snippet.py"))
        # Line, argument and error code (the wording of the types varies with mypy's version).
        found = [
            (line.split(":")[0], line.split('"')[1], line.rsplit("[", 1)[1]) for line in errors
        ]
        assert [
            ("4", "state", "arg-type]"),
            ("5", "party", "arg-type]"),
            ("6", "race_ethnicity", "arg-type]"),
            ("7", "age", "arg-type]"),
        ] == found
        assert "Party" in errors[1]
        assert "Iterable[RaceEthnicity" in errors[2]

    def test_fields_are_normalised_types(self, tmp_path: Path, mypy_cache: Path) -> None:
        """Read back, a field has its normalised type (a Party, a frozenset), not the input's."""
        assert [] == _mypy(
            tmp_path,
            """
            from civicrun import Profile
            from civicrun.vocab import Party, RaceEthnicity

            p = Profile(party="dem", race_ethnicity="black")
            party: Party | None = p.party
            races: frozenset[RaceEthnicity] | None = p.race_ethnicity
            """,
            mypy_cache,
        )
