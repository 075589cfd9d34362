"""`civicrun data check PATH`: a corpus of broken record files, each rejected for its one
fault with the file and the field named; a valid record and an edited shipped record pass."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import civicrun
from civicrun import _data
from civicrun._check import check_data
from civicrun.cli import main

from .conftest import CHECK_DAY, ON

CASES = Path(__file__).parent / "data_cases"

#: Each broken file, the field its fault is reported at, and words of the message.
BROKEN: dict[str, tuple[str, str]] = {
    "unknown-key": ("$", "extra fields found (colour)"),
    "unknown-key-in-rule": ("$.serves[0]", "extra fields found (colour)"),
    "unknown-party": ("$.serves[0]", "party values ['whig'] are not in the vocabulary"),
    "unknown-kind": (
        "$.kind",
        "'club' is not one of the values allowed here: national-group | national-party | "
        "state-party | state-program | local-party",
    ),
    "rule-on-unknown-field": (
        "$.serves[0].field",
        "'height' is not one of the values allowed here: party | gender | age",
    ),
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
    problems = check_data(paths=[path], today=CHECK_DAY)
    field, words = BROKEN[name]
    expected_tail = f" @ {field}" if field else ""
    found = [
        p
        for p in problems
        if p.file == str(path) and words in p.message and p.endswith(expected_tail)
    ]
    assert found, problems
    keys = re.findall(r"[A-Za-z_][A-Za-z0-9_-]*", field or "")
    text = path.read_text()
    if keys and re.search(rf"^\s*\[*{re.escape(keys[-1])}\b", text, re.MULTILINE):
        # the problem names the line where the field's key (or its table) is written
        lines = text.split("\n")
        assert all(p.line is not None for p in found), found
        assert any(keys[-1] in lines[p.line - 1] for p in found if p.line), (found, keys)
        assert str(found[0]).startswith(f"{path}:{found[0].line}: ")


def test_a_valid_new_record_passes() -> None:
    """A correct new record, checked with the shipped ones, has no problem."""
    assert [] == check_data(paths=[CASES / "valid"], today=CHECK_DAY)


def test_an_edited_shipped_record_is_checked_as_its_new_version(tmp_path: Path) -> None:
    """A changed copy of a shipped file is that record's new version, not a clash with it."""
    folder = tmp_path / "organizations"
    folder.mkdir()
    edited = folder / "emerge.toml"
    shipped = _data.data_root().joinpath("organizations").joinpath("emerge.toml").read_text()
    edited.write_text(shipped.replace("notes = [", 'notes = [\n  "An edit for the test.",', 1))
    assert [] == check_data(paths=[edited], today=CHECK_DAY)
    edited.write_text(
        edited.read_text().replace('partisanship = "democratic"', 'partisanship = "x"')
    )
    assert any(
        p.file == str(edited) and p.line for p in check_data(paths=[edited], today=CHECK_DAY)
    )


def test_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`data check PATH --format json` lists each problem's file, field and message; a good
    record passes with the line the whole data's check prints (test_cli's slow twin)."""
    import json

    path = CASES / "broken" / "unknown-kind.toml"
    assert 1 == main(["data", "check", str(path), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert {
        "file": str(path),
        "line": 3,
        "field": "$.kind",
        "message": "'club' is not one of the values allowed here: national-group | "
        "national-party | state-party | state-program | local-party",
    } in found
    assert 0 == main(["data", "check", str(CASES / "valid")])
    assert "data check passed\n" == capsys.readouterr().out
    assert 1 == main(["data", "check", str(CASES / "nowhere.toml")])


class TestFormatNewStale:
    def test_shipped_data_is_canonical(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`data fmt --check` finds nothing to change in the shipped records."""
        assert 0 == main(["data", "fmt", "--check"])
        out = capsys.readouterr().out
        assert out.endswith("record file(s) were in canonical form\n")
        assert "not in canonical form" not in out

    def test_fmt_rewrites_to_one_form_and_keeps_the_record(self, tmp_path: Path) -> None:
        """Keys out of order and odd spacing are rewritten; the record is unchanged; running
        it again changes nothing."""
        valid = (CASES / "valid" / "example-valid-group.toml").read_text()
        messy = tmp_path / "example-valid-group.toml"
        lines = valid.splitlines()
        messy.write_text(
            "\n".join([lines[1], lines[0], *lines[2:]]).replace(" = ", "   =  ") + "\n"
        )
        assert 1 == main(["data", "fmt", "--check", str(messy)])
        assert 0 == main(["data", "fmt", str(messy)])
        assert valid == messy.read_text()
        assert tomllib.loads(valid) == tomllib.loads(messy.read_text())
        assert 0 == main(["data", "fmt", "--check", str(messy)])

    def test_new_skeleton_becomes_a_valid_record(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`data new organization ID` writes a skeleton that, formatted, is refused only for its
        placeholders; with them replaced by real facts, it passes the check."""
        assert 0 == main(["data", "new", "organization", "my-new-group", "--output", str(tmp_path)])
        path = tmp_path / "my-new-group.toml"
        skeleton = path.read_text()
        assert "# whom it says it exists for" in skeleton
        # Formatting keeps the skeleton's comments, each beside its key or table.
        assert 0 == main(["data", "fmt", str(path)])
        formatted = path.read_text()
        kept = [line.strip() for line in formatted.splitlines() if line.lstrip().startswith("#")]
        assert kept == [line.strip() for line in skeleton.splitlines() if line.startswith("#")]
        assert "# whom it says it exists for" in formatted.split("[[serves]]")[0].splitlines()[-1]
        assert 0 == main(["data", "fmt", "--check", str(path)])
        assert tomllib.loads(formatted) == tomllib.loads(skeleton)
        assert 0 == main(["data", "fmt", "--drop-comments", str(path)])
        assert not any(line.startswith("#") for line in path.read_text().splitlines())
        capsys.readouterr()
        problems = check_data(paths=[path])
        assert problems
        assert all("placeholder" in p or "is an example address" in p for p in problems), problems
        text = path.read_text(encoding="utf-8")
        for placeholder, real in (
            ("Official Name", "My New Group"),
            ("https://example.org", "https://group.test"),
            ("One to three sentences in your own words: what it does for candidates.", "Trains."),
            ("Where sources are old, disagree or are missing, say so here.", "Read once."),
            ("What that page says, in your own words.", "It trains women."),
        ):
            text = text.replace(placeholder, real)
        path.write_text(text, encoding="utf-8")
        assert [] == check_data(paths=[path])
        assert 2 == main(["data", "new", "organization", "Not An Id"])
        assert 2 == main(["data", "new", "organization", "my-new-group", "--output", str(tmp_path)])

    def test_stale_lists_records_not_checked_lately(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`data stale --days N` lists records last verified more than N days ago."""
        from civicrun._stats import stale_records

        now = stale_records(days=365, on=ON)
        assert [] == [r for r in now if r["why"].startswith("last verified")]
        assert any(r["why"].startswith("coverage states as of") for r in now)
        later = stale_records(days=365, on=ON.replace(year=ON.year + 2))
        assert any(r["record"] == "organizations/ndtc" for r in later)
        assert 0 == main(["data", "stale", "--days", "0", "--on", "2026-12-02"])
        assert "stale record(s)" in capsys.readouterr().out


class TestExtraDatasets:
    def test_extra_records_join_the_answers(self) -> None:
        """load_dataset adds a coalition's own records; its methods answer over both."""
        from civicrun import Profile, load_dataset

        data = load_dataset([CASES / "extra"])
        assert {"example-county-training"} == data.extra_ids
        woman_in_mn = Profile(state="MN", gender="woman", party="D")
        ids = {m.org.id for m in data.eligible_orgs(woman_in_mn, on=ON)}
        assert "example-county-training" in ids
        assert "ndtc" in ids  # the shipped ones are still there
        assert "example-county-training" == data.lookup_organization("Example County Training").id
        assert data.explain(Profile(gender="man"), "example-county-training", on=ON).failed
        assert data.search_organizations("county training")
        assert data.state_party("MN", "D") is not None
        assert len(data.organizations()) == len(civicrun.organizations()) + 1

    def test_a_clash_with_a_shipped_id_needs_replace(self, tmp_path: Path) -> None:
        """An extra record with a shipped id is an error unless listed in replace=."""
        from civicrun import load_dataset
        from civicrun.errors import DataError

        copy = tmp_path / "ndtc.toml"
        shipped = _data.data_root().joinpath("organizations").joinpath("ndtc.toml").read_text()
        copy.write_text(shipped)
        with pytest.raises(DataError, match=r"to replace it, pass replace=\[.ndtc.\]"):
            load_dataset([copy])
        assert "ndtc" in load_dataset([copy], replace=["ndtc"]).extra_ids

    def test_bad_extra_files_are_reported(self) -> None:
        """Extra files get the same checks as data check, every problem in one error."""
        from civicrun import load_dataset
        from civicrun.errors import ArgumentTypeError, DataError

        with pytest.raises(DataError) as info:
            load_dataset([CASES / "broken" / "unknown-kind.toml", CASES / "nowhere.toml"])
        assert any("unknown-kind.toml" in m for m in info.value.messages)
        assert any("no such file or folder" in m for m in info.value.messages)
        with pytest.raises(ArgumentTypeError):
            load_dataset("one/path.toml")

    def test_the_command_line_takes_data(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--data adds records to match, explain, orgs and show."""
        extra = str(CASES / "extra")
        assert 0 == main(["match", "--state", "MN", "--gender", "woman", "--data", extra])
        assert "example-county-training" in capsys.readouterr().out
        assert 0 == main(["show", "example-county-training", "--data", extra])
        assert "Example County Training" in capsys.readouterr().out
