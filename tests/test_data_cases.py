"""`civicrun data check PATH`: a corpus of broken record files, each rejected for its one
fault with the file and the field named; a valid record and an edited shipped record pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicrun import _data
from civicrun._check import check_data
from civicrun.cli import main

from .conftest import ON

CASES = Path(__file__).parent / "data_cases"

#: Each broken file, the field its fault is reported at, and words of the message.
BROKEN: dict[str, tuple[str, str]] = {
    "unknown-key": ("$", "extra fields found (colour)"),
    "unknown-key-in-rule": ("$.serves[0]", "extra fields found (colour)"),
    "unknown-party": ("$.serves[0]", "party values ['whig'] are not in the vocabulary"),
    "unknown-kind": ("$.kind", "'club' is not a valid OrgKind"),
    "rule-on-unknown-field": ("$.serves[0].field", "'height' is not a valid ProfileField"),
    "id-not-file-name": ("$.id", "must equal the file name"),
    "duplicate-name": ("$.name", "is already a name of ndtc"),
    "duplicate-alias": ("$.aliases[0]", "is already a name of emilys-list"),
    "unknown-state": ("$.coverage.states", "unknown state codes ['XX']"),
    "county-outside-its-states": ("$.coverage.counties", "is not a county of the states"),
    "future-read-date": ("$.sources[0].read", "is in the future"),
    "future-last-verified": ("$.last_verified", "is in the future"),
    "future-as-of": ("$.coverage.as_of", "is in the future"),
    "date-as-text": ("$.sources[0].read", "Invalid isoformat string"),
    "no-sources": ("$.sources", "required field missing"),
    "source-not-http": ("$.sources[0]", "must start with https:// or http://"),
    "javascript-url": ("$.url", "is not a plain http(s) URL"),
    "whitespace-in-url": ("$.url", "is not a plain http(s) URL"),
    "credentials-in-url": ("$.serves[0].source", "carries credentials"),
    "html-in-summary": ("$.summary", "has an HTML tag"),
    "control-character": ("$.notes[0]", "has a control character"),
    "summary-too-long": ("$.summary", "at most 1,000"),
    "partisan-without-party-rule": ("$.partisanship", "say which parties it serves"),
    "partisan-serving-every-party": ("$.partisanship", "serves every party"),
    "nonpartisan-serving-one-party": ("$.partisanship", "serves one party only"),
    "rule-without-source": ("$.serves[0].source", "must cite the page that states it"),
    "rule-source-not-listed": ("$.serves[0].source", "is not the url of one of the record's"),
    "own-site-on-another-domain": ("$.sources[0].kind", "is marked own-site but is not on"),
    "official-party-on-a-group": ("$.official_party", "official_party is only for"),
    "not-toml": ("", "not valid TOML"),
}


def test_the_corpus_is_complete() -> None:
    """Every broken file has an expectation, and there are at least 25 of them."""
    files = {f.stem for f in (CASES / "broken").glob("*.toml")}
    assert set(BROKEN) == files
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_fault_is_named(name: str) -> None:
    """The file is rejected, naming itself, the field and what is wrong."""
    path = CASES / "broken" / f"{name}.toml"
    problems = check_data(paths=[path], today=ON)
    field, words = BROKEN[name]
    expected_tail = f" @ {field}" if field else ""
    assert any(
        p.startswith(f"{path}: ") and words in p and p.endswith(expected_tail) for p in problems
    ), problems


def test_a_valid_new_record_passes() -> None:
    """A correct new record, checked with the shipped ones, has no problem."""
    assert [] == check_data(paths=[CASES / "valid"], today=ON)


def test_an_edited_shipped_record_is_checked_as_its_new_version(tmp_path: Path) -> None:
    """A changed copy of a shipped file is that record's new version, not a clash with it."""
    folder = tmp_path / "organizations"
    folder.mkdir()
    edited = folder / "emerge.toml"
    shipped = _data.data_root().joinpath("organizations").joinpath("emerge.toml").read_text()
    edited.write_text(shipped.replace("notes = [", 'notes = [\n  "An edit for the test.",', 1))
    assert [] == check_data(paths=[edited], today=ON)
    edited.write_text(
        edited.read_text().replace('partisanship = "democratic"', 'partisanship = "x"')
    )
    assert any(p.startswith(f"{edited}: ") for p in check_data(paths=[edited], today=ON))


def test_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`data check PATH --format json` lists each problem's file, field and message."""
    import json

    path = CASES / "broken" / "unknown-kind.toml"
    assert 1 == main(["data", "check", str(path), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert {"file": str(path), "field": "$.kind", "message": "'club' is not a valid OrgKind"} in (
        found
    )
    assert 0 == main(["data", "check", str(CASES / "valid")])
    assert 1 == main(["data", "check", str(CASES / "nowhere.toml")])
