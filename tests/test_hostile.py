"""Hostile files and hostile input: nothing lost, nothing leaked, no traceback, no hang.

One test per finding of the adversarial review (research/adversarial-2026-12.md), named after
it (``test_d1_...``), plus property tests over each category. Files that need a FIFO, a link or
a device are made in ``tmp_path``; nothing here writes outside it.
"""

from __future__ import annotations

import ast
import concurrent.futures
import contextlib
import csv
import datetime as dt
import inspect
import json
import os
import pickle
import sqlite3
import threading
import tomllib
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civicrun
from civicrun import Profile, errors
from civicrun._check import check_data
from civicrun._data import load_record_file
from civicrun._export import rows
from civicrun._fmt import canonical
from civicrun.cli import main
from civicrun.errors import (
    AmbiguousCountyError,
    ArgumentTypeError,
    CivicrunError,
    DataError,
    FormerNameWarning,
    InvalidArgumentError,
    InvalidProfileError,
)
from civicrun.records import County, Organization

from .conftest import CHECK_DAY

SRC = Path(civicrun.__file__).parent

#: A valid organization record; ``{id}``, ``{name}`` and ``{summary}`` are filled in.
TEMPLATE = """\
id = "{id}"
name = "{name}"
kind = "national-group"
url = "https://group.test/"
summary = "{summary}"
support = ["in-person-training"]
office_levels = ["local", "state"]
partisanship = "nonpartisan"
roles = ["candidates"]
how_to_join = "apply"
status = "active"
confidence = "medium"
last_verified = 2026-11-01

[coverage]
scope = "national"

[[sources]]
url = "https://group.test/about"
read = 2026-11-01
kind = "own-site"
"""


def record(
    folder: Path,
    ident: str = "hostile-group",
    name: str = "Hostile Test Group",
    summary: str = "A group that trains candidates.",
) -> Path:
    """A valid organization record file (in canonical form) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ident}.toml"
    path.write_text(TEMPLATE.format(id=ident, name=name, summary=summary), encoding="utf-8")
    path.write_text(canonical(load_record_file(path, Organization)), encoding="utf-8")
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def finishes(call: Callable[[], Any], seconds: float = 10) -> Any:
    """``call()``'s result (or its exception), failing the test if it has not returned within
    ``seconds``."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:  # handed to the test's thread
            outcome.append((False, exc))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    done, value = outcome[0]
    if not done:
        raise value
    return value


# --- data loss ----------------------------------------------------------------------------


class TestDataLoss:
    def test_d1_sqlite_export_neither_unlinks_the_target_nor_loses_the_old_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """D1: a FIFO (as a device would be) at --output is refused and left; an existing file
        survives an export that fails half way."""
        fifo = tmp_path / "fake-null"
        os.mkfifo(fifo)
        code, _, err = cli(capsys, "export", "--format", "sqlite", "--output", str(fifo))
        assert 2 == code
        assert "is a FIFO" in err
        assert fifo.is_fifo()
        old = tmp_path / "old.sqlite"
        old.write_text("the previous export", encoding="utf-8")

        def broken(path: Path, *_args: object) -> None:
            path.write_bytes(b"half")
            raise OSError("disk full")

        monkeypatch.setattr("civicrun._export._write_sqlite", broken)
        assert 2 == main(["export", "--format", "sqlite", "--output", str(old)])
        assert "the previous export" == old.read_text(encoding="utf-8")
        assert [old] == list(tmp_path.glob("*.sqlite*"))  # no temporary file left behind

    def test_d2_fmt_writes_only_toml_that_loads_back(self, tmp_path: Path) -> None:
        """D2: a string holding DEL stays valid TOML after data fmt."""
        path = record(tmp_path, summary="A group.")
        text = path.read_text(encoding="utf-8").replace("A group.", "A group.\\u007f")
        path.write_text(text.replace("\n[coverage]", "\n\n[coverage]"), encoding="utf-8")
        assert 0 == main(["data", "fmt", str(path)])
        loaded = tomllib.loads(path.read_text(encoding="utf-8"))
        assert "A group.\x7f" == loaded["summary"]


# --- security -----------------------------------------------------------------------------


class TestSecurity:
    def test_s1_exports_never_write_through_a_link(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """S1: a link at the output path or inside the CSV folder is refused, the victim kept."""
        victim = tmp_path / "victim.txt"
        victim.write_text("victim\n", encoding="utf-8")
        folder = tmp_path / "s1"
        folder.mkdir()
        (folder / "organizations.csv").symlink_to(victim)
        code, _, err = cli(capsys, "export", "--format", "csv", "--output", str(folder))
        assert 2 == code
        assert "symbolic link" in err
        monkeypatch.chdir(tmp_path)
        Path("civicrun.json").symlink_to(victim)
        assert 2 == main(["export", "--format", "json"])
        assert "victim\n" == victim.read_text(encoding="utf-8")

    def test_s2_formula_text_is_refused_by_the_check_and_neutralised_in_csv(
        self, tmp_path: Path
    ) -> None:
        """S2: a name or summary a spreadsheet would run is a check problem, and the CSV export
        writes such cells with a leading quote."""
        path = record(tmp_path, "formula", '=HYPERLINK(\\"http://evil.example/\\",\\"x\\")')
        text = path.read_text(encoding="utf-8")
        text = text.replace("A group that trains candidates.", "+cmd|' /C calc'!A0")
        path.write_text(text, encoding="utf-8")
        problems = check_data(paths=[path], today=CHECK_DAY)
        assert any("run as a formula" in p and p.endswith("@ $.name") for p in problems)
        assert any("run as a formula" in p and p.endswith("@ $.summary") for p in problems)
        tables = rows(civicrun._data.dataset())
        tables["organizations"][0] = {
            **tables["organizations"][0],
            "name": "=HYPERLINK(1)",
            "summary": "@SUM(1)",
        }
        from civicrun._export import _write_csv

        _write_csv(tmp_path / "out", tables, "v", "d")
        with (tmp_path / "out" / "organizations.csv").open(encoding="utf-8", newline="") as f:
            first = next(csv.DictReader(f))
        assert ("'=HYPERLINK(1)", "'@SUM(1)") == (first["name"], first["summary"])

    def test_s3_a_former_name_cannot_be_taken(self, tmp_path: Path) -> None:
        """S3: a record named after another group's former name is refused, in the check and
        by load_dataset, so it cannot capture that group's look-up."""
        path = record(tmp_path, "aaa-impostor", "Wellstone Action")
        problems = check_data(paths=[path], today=CHECK_DAY)
        assert any("already a name of re-power" in p for p in problems), problems
        with pytest.raises(DataError, match="already a name of re-power"):
            civicrun.load_dataset([path])
        assert "re-power" == civicrun.lookup_organization("Wellstone Action").id

    @pytest.mark.parametrize(
        ("name", "words"),
        [
            ("Nati\\u200bonal Democratic Training Committee", "control character (U+200B"),
            ("Evil \\u009b31mRED\\u009b0m Group", "control character (U+009B"),
            ("Safe Group \\u202egnp.exe\\u202c", "control character (U+202E"),
            ("N\\u0430tional Democratic Training Committee", "mixes Latin and Cyrillic"),
            ("\\uff2eational Group", "full-width"),
        ],
    )
    def test_s4_lookalike_and_invisible_names_are_refused(
        self, tmp_path: Path, name: str, words: str
    ) -> None:
        """S4: zero-width, C1, bidi and mixed-script names fail the check."""
        path = record(tmp_path, "lookalike", "Plain Name")
        path.write_text(
            path.read_text(encoding="utf-8").replace('"Plain Name"', f'"{name}"'), "utf-8"
        )
        problems = check_data(paths=[path], today=CHECK_DAY)
        assert any(words in p and p.endswith("@ $.name") for p in problems), problems

    def test_s5_file_names_reach_the_terminal_escaped(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """S5: control characters in a file name are printed escaped, never raw."""
        folder = tmp_path / "organizations"
        folder.mkdir()
        (folder / "x\r\x1b[2Kdata check passed\x1b[8m.toml").write_text("[[[", "utf-8")
        code, out, err = cli(capsys, "data", "check", str(tmp_path))
        assert 1 == code
        assert "\x1b" not in out + err
        assert "\r" not in out + err
        assert "x\\x0d\\x1b[2K" in out
        code, _, err = cli(capsys, "match", "--data", str(tmp_path))
        assert 2 == code
        assert "\x1b" not in err

    def test_s6_links_and_special_files_in_a_folder_are_not_followed(self, tmp_path: Path) -> None:
        """S6: a link out of the folder, a link to /dev/zero and a FIFO are reported, not read:
        no key of the secret file is shown, nothing hangs or fills memory."""
        secrets = tmp_path / "secrets.toml"
        secrets.write_text('api_token = "x"\n[database]\npassword = "y"\n', "utf-8")
        folder = tmp_path / "s6" / "organizations"
        folder.mkdir(parents=True)
        (folder / "innocent.toml").symlink_to(secrets)
        (folder / "zero.toml").symlink_to("/dev/zero")
        os.mkfifo(folder / "pipe.toml")
        problems = finishes(lambda: check_data(paths=[tmp_path / "s6"], today=CHECK_DAY))
        text = "\n".join(problems)
        assert "api_token" not in text
        assert "innocent.toml: is a symbolic link to a file outside" in text
        assert "zero.toml: is a symbolic link to a file outside" in text
        assert "pipe.toml: is a FIFO" in text
        with pytest.raises(DataError, match="is a FIFO"):
            finishes(lambda: civicrun.load_dataset([tmp_path / "s6"]))

    def test_s6_a_link_in_the_package_data_is_reported_not_read(
        self, data_copy: Path, tmp_path: Path
    ) -> None:
        """S6 for a pull request's checkout: a link among the shipped record files is a check
        problem, and the file it points at is never read."""
        secrets = tmp_path / "secrets.toml"
        secrets.write_text('api_token = "x"\n', "utf-8")
        (data_copy / "organizations" / "innocent.toml").symlink_to(secrets)
        problems = check_data(data_copy, today=CHECK_DAY)
        assert ["organizations/innocent.toml"] == [p.split(": ")[0] for p in problems]
        assert "is a symbolic link" in problems[0]
        assert "api_token" not in "".join(problems)

    def test_s6_a_link_that_stays_inside_the_folder_is_read(self, tmp_path: Path) -> None:
        """A link to a record in the same folder is no escape, and is read."""
        real = record(tmp_path / "store", "linked-group", "Linked Group")
        real = real.rename(real.with_suffix(".record"))  # not itself a *.toml file of the folder
        folder = tmp_path / "organizations"
        folder.mkdir()
        (folder / "linked-group.toml").symlink_to(real)
        assert [] == check_data(paths=[tmp_path], today=CHECK_DAY)


# --- crashes ------------------------------------------------------------------------------


class TestCrashes:
    @pytest.mark.parametrize("nest", ["[" * 100_000 + "]" * 100_000, "{ a = " * 3000 + "}" * 3000])
    def test_c1_deep_nesting_is_a_data_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], nest: str
    ) -> None:
        """C1: deeply nested TOML gives a DataError and a CLI error line, no RecursionError."""
        folder = tmp_path / "organizations"
        folder.mkdir()
        (folder / "deep.toml").write_text("x = " + nest + "\n", "utf-8")
        problems = check_data(paths=[tmp_path], today=CHECK_DAY)
        assert any("deep.toml" in p and ("nests" in p or "not valid TOML" in p) for p in problems)
        with pytest.raises(DataError):
            civicrun.load_dataset([tmp_path])
        assert 2 == cli(capsys, "match", "--data", str(tmp_path))[0]

    def test_c2_every_file_reported_even_after_one_that_is_not_utf8(self, tmp_path: Path) -> None:
        """C2: a non-UTF-8 file is named, the next file is still checked, and a folder named
        like a record file is walked, not opened."""
        folder = tmp_path / "organizations"
        folder.mkdir()
        (folder / "a.toml").write_bytes(b'id = "a"\nname = "\xff"\n')
        (folder / "b.toml").write_text("[[[", "utf-8")
        (folder / "folder.toml").mkdir()
        problems = check_data(paths=[tmp_path], today=CHECK_DAY)
        assert any(p.startswith(f"{folder / 'a.toml'}: is not UTF-8") for p in problems)
        assert any(p.startswith(f"{folder / 'b.toml'}: not valid TOML") for p in problems)
        with pytest.raises(DataError, match=r"a\.toml: is not UTF-8"):
            civicrun.load_dataset([tmp_path])

    @pytest.mark.parametrize(
        "argv",
        [
            ["--days", "99999999999999999999"],
            ["--on", "0001-01-01", "--days", "1000"],
        ],
    )
    def test_c3_stale_with_huge_numbers_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """C3: data stale with out-of-range numbers: exit 2 and one line, no OverflowError."""
        code, _, err = cli(capsys, "data", "stale", *argv)
        assert 2 == code
        assert "Traceback" not in err
        from civicrun._stats import stale_records

        with pytest.raises(InvalidArgumentError):
            stale_records(days=10**20)

    def test_c4_an_on_date_in_the_first_centuries_is_refused(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """C4: on=0001-01-01 with an age is an InvalidArgumentError, in the API and the CLI."""
        early = dt.date(1, 1, 1)
        with pytest.raises(InvalidArgumentError, match="from 1900"):
            civicrun.eligible_orgs(Profile(age=30), on=early)
        with pytest.raises(InvalidArgumentError, match="from 1900"):
            civicrun.explain(Profile(age=30), "ndtc", on=early)
        assert 2 == cli(capsys, "match", "--age", "30", "--on", "0001-01-01")[0]
        assert 2 == cli(capsys, "data", "stats", "--on", "0001-01-01")[0]

    def test_c5_from_dict_with_a_key_that_is_not_text(self) -> None:
        """C5: a non-string key is an unknown field, reported, not a ValueError from a sort."""
        with pytest.raises(InvalidProfileError) as info:
            Profile.from_dict({1: "x", "state": "nowhere"})  # type: ignore[dict-item]
        assert ("1", "state") == info.value.fields

    def test_c5_an_unknown_keyword_is_an_invalid_profile(self) -> None:
        """Profile(foo=1) is an InvalidProfileError naming foo, not attrs' TypeError."""
        with pytest.raises(InvalidProfileError) as info:
            Profile(foo=1, age="old")  # type: ignore[call-arg]
        assert ("age", "foo") == info.value.fields

    def test_c6_a_county_not_in_the_table_is_refused(self) -> None:
        """C6: a made-up County record is refused by Profile and find_local_party."""
        fake = County(fips="99999", name="Nowhere County", kind="county", state="ZZ")  # type: ignore[arg-type]
        with pytest.raises(InvalidProfileError, match="lookup_county"):
            Profile(county=fake)
        with pytest.raises(InvalidArgumentError, match="lookup_county"):
            civicrun.find_local_party(fake)

    def test_c7_data_explain_checks_its_arguments(self) -> None:
        """C7: Data.explain raises ArgumentTypeError as civicrun.explain does."""
        data = civicrun.load_dataset([])
        staff_only = "rnc-republican-leadership-initiative"
        with pytest.raises(ArgumentTypeError, match="include_staff"):
            data.explain(Profile(), staff_only, include_staff="no")  # type: ignore[arg-type]
        with pytest.raises(ArgumentTypeError, match="on must be"):
            data.explain(Profile(age=30), "run-for-something", on="2026-01-01")  # type: ignore[arg-type]
        assert civicrun.explain(Profile(), staff_only) == data.explain(Profile(), staff_only)

    def test_c8_replace_must_be_a_list_of_ids_each_supplied(self, tmp_path: Path) -> None:
        """C8: replace=None or a string is an ArgumentTypeError; an id no file supplies is an
        error, not ignored."""
        path = record(tmp_path)
        with pytest.raises(ArgumentTypeError, match="replace"):
            civicrun.load_dataset([path], replace=None)  # type: ignore[arg-type]
        with pytest.raises(ArgumentTypeError, match="replace"):
            civicrun.load_dataset([path], replace="ndtc")
        with pytest.raises(DataError, match="'ndtc' is not the id of an extra record"):
            civicrun.load_dataset([path], replace=["ndtc"])

    def test_c9_a_lone_surrogate_is_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        """C9: a surrogate in a town or party is an InvalidArgumentError, not a
        UnicodeEncodeError; an undecodable byte on the command line gives exit 2."""
        with pytest.raises(InvalidArgumentError, match="not valid Unicode"):
            civicrun.find_local_party(state="CT", town="\udcff")
        with pytest.raises(InvalidArgumentError, match="not valid Unicode"):
            civicrun.find_local_party(state="CT", party="\udcff")
        with pytest.raises(InvalidArgumentError, match="not valid Unicode"):
            civicrun.find_election_office(state="WI", town="\udcff")
        assert 2 == cli(capsys, "local-party", "--state", "CT", "--town", "\udcff")[0]

    def test_c10_errors_cross_a_process_pool(self) -> None:
        """C10: an AmbiguousCountyError raised in a worker reaches the parent whole, and the
        pool keeps working."""
        with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
            failed = pool.submit(civicrun.lookup_county, "Washington")
            with pytest.raises(AmbiguousCountyError) as info:
                failed.result(timeout=60)
            assert len(info.value.candidates) > 10
            assert "TX" == pool.submit(civicrun.lookup_county, "Travis").result(60).state

    def test_c10_a_data_with_extra_records_pickles(self, tmp_path: Path) -> None:
        """C10 (the review's aside): a Data pickles as its extra records, for process pools."""
        data = civicrun.load_dataset([record(tmp_path)])
        back = pickle.loads(pickle.dumps(data))
        assert data.extra_ids == back.extra_ids
        assert data.organizations() == back.organizations()
        assert "hostile-group" == back.lookup_organization("Hostile Test Group").id

    def test_c11_no_module_imports_a_submodule_of_importlib_resources_at_run_time(
        self,
    ) -> None:
        """C11: importing importlib_resources.abc at run time, while another thread imports the
        package, can deadlock importlib; such imports are for type checking only."""
        offenders = []
        for path in sorted(SRC.glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            guarded = {
                id(node)
                for block in ast.walk(tree)
                if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                for node in ast.walk(block)
            }
            for node in ast.walk(tree):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else []
                )
                if id(node) not in guarded and any(
                    n.startswith("importlib_resources.") for n in names
                ):
                    offenders.append(f"{path.name}:{getattr(node, 'lineno', 0)}")
        assert [] == offenders

    def test_c12_load_dataset_of_nothing_does_not_check_the_shipped_data(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """C12: load_dataset([]) only loads: it never runs the data check, so a clock behind
        the data's dates cannot fail it."""

        def no_check(*_args: object, **_kwargs: object) -> list[str]:
            raise AssertionError("the shipped data was checked again")

        monkeypatch.setattr("civicrun._extra.check_data", no_check)
        data = civicrun.load_dataset([])
        assert len(civicrun.organizations()) == len(data.organizations())

    def test_c13_a_damaged_bundle_is_a_data_error(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """C13: a bundle entry without its status gives a DataError, not a KeyError; a bundle
        that does not read gives --version an error line, not a traceback."""
        from civicrun import _data

        read = _data._read_bundle()
        records = {folder: read.entries(folder) for folder in read.header["records"]}
        entry = next(e for e in records["organizations"] if e["id"] == "ndtc")
        del entry["status"]
        body = _data.Bundle(_data.bundle_text(records).encode("utf-8"))
        monkeypatch.setattr(_data._raw_bundle, "_build", lambda: body)
        with pytest.raises(DataError, match="ndtc does not decode"):
            civicrun.eligible_orgs(Profile())

        def unreadable() -> tuple[str, str]:
            raise DataError("bundle.json", ["not valid JSON: Expecting property name"])

        monkeypatch.setattr(_data, "data_version", unreadable)
        code, _, err = cli(capsys, "--version")
        assert 2 == code
        assert "not valid JSON" in err
        assert "Traceback" not in err

    def test_a_damaged_coverage_or_first_line_in_the_bundle_is_a_data_error(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The matching index lists groups by the coverage copies in the bundle's header, and
        decides them on the first line of their entries; a copy whose states are not a list of
        codes, or a first line that does not decode, is a DataError naming the group, not a
        TypeError."""
        from civicrun import _data

        read = _data._read_bundle()
        records = {folder: read.entries(folder) for folder in read.header["records"]}
        entry = next(e for e in records["organizations"] if e["id"] == "emilys-list")
        entry["coverage"] = {"scope": "states", "states": "TX"}
        body = _data.Bundle(_data.bundle_text(records).encode("utf-8"))
        monkeypatch.setattr(_data._raw_bundle, "_build", lambda: body)
        with pytest.raises(DataError, match="emilys-list's coverage does not decode"):
            civicrun.eligible_orgs(Profile(state="TX"))
        del entry["coverage"]
        body = _data.Bundle(_data.bundle_text(records).encode("utf-8"))
        monkeypatch.setattr(_data._raw_bundle, "_build", lambda: body)
        _data.reset()
        with pytest.raises(DataError, match="emilys-list has no coverage"):
            civicrun.eligible_orgs(Profile(state="TX"))
        # what a group is decided on (its entry's first line) is read when a question reaches
        # it: a damaged one is a DataError naming the group, as is a first line that is no object
        entry["coverage"] = {"scope": "national"}
        entry["status"] = "sleeping"
        body = _data.Bundle(_data.bundle_text(records).encode("utf-8"))
        monkeypatch.setattr(_data._raw_bundle, "_build", lambda: body)
        _data.reset()
        with pytest.raises(DataError, match="emilys-list does not decode"):
            civicrun.eligible_orgs(Profile(state="TX"))
        entry["status"] = "active"
        text = _data.bundle_text(records)
        at = text.index('"id":"emilys-list"')
        cut = text.rindex("\n", 0, at)
        start = text.rindex("\n", 0, cut) + 1
        damaged = text[:start] + "[" + " " * (cut - start - 2) + "]" + text[cut:]  # same length
        body = _data.Bundle(damaged.encode("utf-8"))
        monkeypatch.setattr(_data._raw_bundle, "_build", lambda: body)
        _data.reset()
        with pytest.raises(DataError, match="emilys-list does not decode"):
            civicrun.eligible_orgs(Profile(state="TX"))
        with pytest.raises(DataError, match=r"emilys-list does not decode .*not both objects"):
            civicrun.lookup_organization("emilys-list")
        # copies that do not number every entry, or hold no values, name the field
        numbers = read.header["fields"]["organizations"]["coverage"]["of"]
        for damage in ({"of": [0], "values": []}, {"of": numbers, "values": None}):
            head = {**read.header, "fields": {"organizations": {"coverage": damage}}}
            broken = _data.Bundle((json.dumps(head) + "\n").encode("utf-8"))
            monkeypatch.setattr(_data._raw_bundle, "_build", lambda b=broken: b)
            _data.reset()
            with pytest.raises(DataError, match="organizations: the header's copies of coverage"):
                civicrun.eligible_orgs(Profile(state="TX"))
        # a damaged copy that no entry names is a damaged bundle all the same
        shared = _data.SharedField([{"scope": "national"}, {"scope": "nowhere"}], [0], {"x": 0})
        orgs = _data.LazyRecords(body, {"x": (0, 1)}, dict, {"coverage": shared})
        with pytest.raises(DataError, match="the copies of coverage do not decode"):
            _data.reaches(orgs)


class TestEveryErrorPickles:
    def examples(self) -> Iterator[CivicrunError]:
        county = civicrun.lookup_county("Travis", "TX")
        org = civicrun.lookup_organization("ndtc")
        yield DataError("organizations/x.toml", ["bad @ $.id", "worse @ $.name"])
        yield InvalidProfileError([errors.FieldProblem("age", "old", "a whole number")])
        yield InvalidProfileError([errors.FieldProblem("race_ethnicity", lambda: 0, "a list")])
        yield errors.UnknownOrganizationError("ndtcc", [org])
        yield errors.UnknownStateError("Texsa", [civicrun.lookup_state("TX")])
        yield errors.UnknownPartyError("whig", ["democratic", "republican"])
        yield errors.InvalidPlaceNameError("a county name must not be empty")
        yield errors.UnknownCountyError("Travs", "TX", [county], note="a note")
        yield AmbiguousCountyError("Washington", [county, county])
        yield errors.LocalUnitError("give a town")
        yield errors.UnknownOfficeCategoryError("mayr", [])
        yield ArgumentTypeError("explain", "on", "a datetime.date or None", "2026-01-01")
        yield InvalidArgumentError("too long")

    def test_c10_every_error_class_round_trips_through_pickle(self) -> None:
        """C10: each error class (every one is among the examples) pickles and comes back with
        its type, message and attributes."""
        made = list(self.examples())
        classes = {
            cls
            for _name, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, CivicrunError) and cls is not CivicrunError
        }
        assert classes == {type(e) for e in made}
        for error in made:
            back = pickle.loads(pickle.dumps(error))
            assert type(error) is type(back)
            assert str(error) == str(back)
            for key, value in vars(error).items():
                if key == "problems":
                    assert [str(p) for p in value] == [str(p) for p in vars(back)[key]]
                elif not callable(value):
                    assert value == vars(back)[key], key


# --- wrong answers ------------------------------------------------------------------------


class TestWrongAnswers:
    def test_w1_one_id_in_two_extra_files_is_an_error(self, tmp_path: Path) -> None:
        """W1: two given files with one id are reported, never silently merged."""
        first = record(tmp_path / "w1a" / "organizations", "dup-group", "First Dup Group")
        second = record(tmp_path / "w1b" / "organizations", "dup-group", "Second Dup Group")
        problems = check_data(paths=[first.parents[1], second.parents[1]], today=CHECK_DAY)
        assert any("'dup-group' is also given in" in p for p in problems), problems
        with pytest.raises(DataError, match="also given in"):
            civicrun.load_dataset([first, second])

    def test_w2_a_one_shot_iterable_is_read_once_and_kept(self) -> None:
        """W2: a generator's values are kept; an iterable that changes between reads gives a
        civicrun error or a profile, never an internal exception."""
        assert {"black"} == {
            str(r) for r in Profile(race_ethnicity=(r for r in ["black"])).race_ethnicity or ()
        }
        assert Profile(stances=iter(["pro-choice"])).stances is not None
        assert Profile.from_dict({"race_ethnicity": (r for r in ["black"])}).race_ethnicity

        class Flip:
            reads = 0

            def __iter__(self) -> Iterator[str]:
                self.reads += 1
                return iter(["black"] if self.reads == 1 else ["martian"])

        assert Profile(race_ethnicity=Flip()).race_ethnicity

    def test_w3_orgs_kind_offers_every_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """W3: orgs --kind local-party works; the choices are the OrgKind vocabulary."""
        code, out, _ = cli(capsys, "orgs", "--kind", "local-party")
        assert 0 == code
        assert len(out.splitlines()) > 100

    def test_w4_output_dash_is_standard_output(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """W4: --output - writes the JSON export to stdout (no file named -); sqlite and csv
        refuse it with a reason."""
        monkeypatch.chdir(tmp_path)
        code, out, _ = cli(capsys, "export", "--format", "json", "--output", "-")
        assert 0 == code
        assert civicrun.DATA_VERSION == json.loads(out)["data_version"]
        code, _, err = cli(capsys, "export", "--format", "sqlite", "--output", "-")
        assert 2 == code
        assert "only json" in err
        assert [] == list(tmp_path.iterdir())

    def test_w4_csv_to_a_file_name_or_a_missing_folder_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """W4's neighbours: csv into out.csv, or into a folder whose parent is missing, is one
        clear error line; no folder is created on the way."""
        code, _, err = cli(capsys, "export", "--format", "csv", "--output", str(tmp_path / "o.csv"))
        assert 2 == code
        assert "give a folder name" in err
        missing = tmp_path / "missing" / "out"
        code, _, err = cli(capsys, "export", "--format", "json", "--output", str(missing))
        assert 2 == code
        assert "does not exist; create it first" in err
        assert 2 == cli(capsys, "export", "--format", "csv", "--output", str(missing))[0]
        assert [] == list(tmp_path.iterdir())

    def test_w4_a_bad_output_is_refused_before_the_export_is_made(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """W4's neighbours: an output that cannot be written (a missing folder, a FIFO, a file
        for csv) is refused before any table is made, so the error comes at once."""
        from civicrun._export import export

        def made(*_args: object) -> None:
            raise AssertionError("the export was made before its output was checked")

        monkeypatch.setattr("civicrun._export.rows", made)
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        plain = tmp_path / "plain"
        plain.write_text("", encoding="utf-8")
        missing = tmp_path / "missing" / "out"
        for form, output, said in [
            ("json", missing, "does not exist"),
            ("sqlite", fifo, "is a FIFO"),
            ("csv", plain, "not a folder"),
            ("csv", missing, "does not exist"),
        ]:
            with pytest.raises(errors.InvalidArgumentError, match=said):
                export(form, output)
        assert not missing.parent.exists()

    def test_w4_data_new_writes_only_a_new_regular_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """data new --output refuses a link at the target (even one pointing nowhere yet) and a
        missing folder, and writes a new file atomically otherwise."""
        victim = tmp_path / "victim.txt"
        victim.write_text("victim\n", "utf-8")
        (tmp_path / "my-group.toml").symlink_to(tmp_path / "elsewhere.toml")
        code, _, err = cli(
            capsys, "data", "new", "organization", "my-group", "--output", str(tmp_path)
        )
        assert 2 == code
        assert "exists already" in err
        assert (
            2 == cli(capsys, "data", "new", "organization", "x", "--output", str(victim) + "-no")[0]
        )
        assert (
            0
            == cli(capsys, "data", "new", "organization", "new-group", "--output", str(tmp_path))[0]
        )
        assert (tmp_path / "new-group.toml").is_file()
        assert not (tmp_path / "elsewhere.toml").exists()

    def test_w5_json_report_keeps_paths_with_colons_whole(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """W5: data check --format json gives the file as it is, even with ': ' and ' @ '."""
        folder = tmp_path / "w6: x @ y" / "organizations"
        folder.mkdir(parents=True)
        (folder / "bad.toml").write_text("[[[", "utf-8")
        code, out, _ = cli(capsys, "data", "check", "--format", "json", str(folder.parent))
        assert 1 == code
        assert [str(folder / "bad.toml")] == [p["file"] for p in json.loads(out)]

    def test_w6_fmt_reads_a_zip_import_and_never_rewrites_an_installed_package(
        self, data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """W6: from a zip, data fmt --check checks the shipped files (and finds a bad one); data
        fmt with no paths refuses to rewrite a package that is not a source checkout."""
        ndtc = data_copy / "organizations" / "ndtc.toml"
        ndtc.write_text(ndtc.read_text(encoding="utf-8") + "\n", "utf-8")
        archive = data_copy.parent / "civicrun.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for path in sorted(data_copy.rglob("*.toml")):
                zipped.write(path, f"civicrun/data/{path.relative_to(data_copy)}")
        root = zipfile.Path(archive, "civicrun/data/")
        monkeypatch.setattr("civicrun._data.data_root", lambda: root)
        code, out, _ = cli(capsys, "data", "fmt", "--check")
        assert 1 == code
        assert "organizations/ndtc.toml: not in canonical form" in out
        code, _, err = cli(capsys, "data", "fmt")
        assert 2 == code
        assert "not a source checkout" in err

    def test_w7_a_birth_date_in_the_future_is_refused(self) -> None:
        """W7: birth_date after today is an InvalidProfileError."""
        with pytest.raises(InvalidProfileError, match="in the past"):
            Profile(birth_date="2999-01-01", gender="woman")

    def test_w8_a_county_and_a_state_that_disagree(self) -> None:
        """W8: find_local_party(<Travis County, TX>, state='MN') says they disagree."""
        travis = civicrun.lookup_county("Travis", "TX")
        with pytest.raises(InvalidArgumentError, match="not in MN"):
            civicrun.find_local_party(travis, "R", state="MN")
        assert civicrun.find_local_party(travis, "R", state="TX").state == "TX"

    def test_w9_an_upper_case_ocd_id_resolves(self) -> None:
        """W9: OCD ids are compared without case, the prefix too."""
        ocd = "ocd-division/country:us/state:tx/county:travis"
        assert civicrun.lookup_county(ocd) == civicrun.lookup_county(ocd.upper())


# --- unclear errors -----------------------------------------------------------------------


class TestUnclearErrors:
    def test_u1_messages_quote_a_short_excerpt(self, capsys: pytest.CaptureFixture[str]) -> None:
        """U1: a 1 MB input, 10,000 problems or a long CLI argument give a short message."""
        with pytest.raises(InvalidProfileError) as info:
            Profile(county="x" * 2**20)
        assert len(str(info.value)) < 1000
        assert len(str(DataError("extra data", [f"problem {n}" for n in range(10_000)]))) < 1000
        code, _, err = cli(capsys, "match", "--state", "x" * 100_000)
        assert 2 == code
        assert len(err) < 1000

    def test_u2_the_cli_can_replace_a_shipped_record(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """U2: the hint names --replace, and --replace works."""
        copy = tmp_path / "ndtc.toml"
        copy.write_text((SRC / "data" / "organizations" / "ndtc.toml").read_text("utf-8"), "utf-8")
        code, _, err = cli(capsys, "show", "ndtc", "--data", str(tmp_path))
        assert 2 == code
        assert "--replace ndtc" in err
        assert 0 == cli(capsys, "show", "ndtc", "--data", str(tmp_path), "--replace", "ndtc")[0]

    def test_u3_a_former_name_warning_points_at_the_caller(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """U3: the warning's file is the caller's; the CLI prints it as a note line."""
        with pytest.warns(FormerNameWarning) as caught:
            civicrun.lookup_county("Shannon", "SD")
        assert __file__ == caught[0].filename
        with pytest.warns(FormerNameWarning) as caught:
            Profile(county="Shannon, SD")
        assert __file__ == caught[0].filename
        code, out, err = cli(capsys, "county", "Shannon, SD")
        assert 0 == code
        assert "Oglala Lakota" in out
        assert err.startswith("civicrun: note: ")
        assert ".py:" not in err

    def test_u4_a_device_or_fifo_given_directly_is_named_as_such(self, tmp_path: Path) -> None:
        """U4: /dev/null and a FIFO are 'not a record file', not 'no such file'."""
        fifo = tmp_path / "pipe.toml"
        os.mkfifo(fifo)
        problems = finishes(lambda: check_data(paths=[Path("/dev/null"), fifo], today=CHECK_DAY))
        assert [
            "/dev/null: is a device, not a record file or folder",
            f"{fifo}: is a FIFO, not a record file or folder",
        ] == problems

    def test_u5_states_and_their_error_mention_the_territories(self) -> None:
        """U5: states() returns the territories, and its docstring and error say so."""
        assert "PR" in {s.code for s in civicrun.states()}
        assert "territories" in (civicrun.states.__doc__ or "")
        with pytest.raises(errors.UnknownStateError, match="territory"):
            civicrun.lookup_state("Atlantis")


# --- slow ---------------------------------------------------------------------------------


class TestFast:
    """L1-L5: the review's slow calls are bounded by construction (work refused or capped
    before it starts, indices built once). Their speed is measured, not asserted:
    ``benchmarks/bench_hostile.py`` prints each call's median against an anchor in the same
    run."""

    def test_l1_load_dataset_of_nothing_runs_no_check(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """L1: load_dataset([]) checks nothing; with one file, only that file is checked."""
        from civicrun import _extra

        calls: list[object] = []
        real = _extra.check_data  # type: ignore[attr-defined]

        def counting(*args: Any, **kwargs: Any) -> Any:
            calls.append(kwargs.get("paths"))
            return real(*args, **kwargs)

        monkeypatch.setattr(_extra, "check_data", counting)
        civicrun.load_dataset([])
        assert [] == calls
        path = record(tmp_path)
        civicrun.load_dataset([path])
        assert [[path]] == calls

    @pytest.mark.parametrize("typo", ["Emerge Amercia Nevada", "women " * 25])
    def test_l2_a_typo_is_answered_with_suggestions(self, typo: str) -> None:
        """L2: lookup_organization and explain on a typo raise with suggestions, from an index
        built once."""
        from civicrun import _orgs

        with pytest.raises(errors.UnknownOrganizationError):
            civicrun.lookup_organization(typo)
        with pytest.raises(errors.UnknownOrganizationError):
            civicrun.explain(Profile(), typo)
        with pytest.raises(errors.UnknownOrganizationError) as info:
            civicrun.lookup_organization("Emerge Amercia Nevada")
        assert "emerge" in [o.id for o in info.value.suggestions]
        assert _orgs.shipped_names() is _orgs.shipped_names()

    @pytest.mark.parametrize("keys", [5_000, 20_000, 100_000])
    def test_l3_from_dict_with_many_unknown_keys(self, keys: int) -> None:
        """L3: from_dict with thousands of unknown keys is refused before any key is read."""
        data = {f"k{n}": n for n in range(keys)}
        with pytest.raises(InvalidProfileError):
            Profile.from_dict(data)

    @pytest.mark.parametrize("value", ["black," * 150_000, ["black"] * 100_000])
    def test_l4_long_list_fields_are_refused_quickly(self, value: str | list[str]) -> None:
        """L4: a 1 MB list text or a 100,000-item list is refused by its length."""
        with pytest.raises(InvalidProfileError, match="at most 50"):
            Profile(race_ethnicity=value)

    def test_l5_a_huge_or_key_bomb_file_is_refused_before_parsing(self, tmp_path: Path) -> None:
        """L5: a 50 MB file and a file of 50,000 keys are refused by size and key count."""
        from civicrun._files import MAX_FILE_BYTES

        folder = tmp_path / "organizations"
        folder.mkdir()
        with (folder / "huge.toml").open("wb") as handle:
            handle.truncate(50_000_000)  # sparse: costs no disk
        (folder / "bomb.toml").write_text("a=1\n" * 50_000, "utf-8")
        assert MAX_FILE_BYTES > (folder / "bomb.toml").stat().st_size
        problems = check_data(paths=[tmp_path], today=CHECK_DAY)
        assert any("huge.toml: is 50,000,000 bytes" in p for p in problems)
        assert any("bomb.toml: has more than 10,000 keys" in p for p in problems)

    def test_u1_a_problem_line_is_cut_but_keeps_its_field(self, tmp_path: Path) -> None:
        """U1 for data check: 9,000 unknown keys give one problem line of bounded length that
        still names its file and field."""
        path = record(tmp_path)
        extra = "".join(f"unknown_key_{n} = 1\n" for n in range(9_000))
        path.write_text(extra + path.read_text(encoding="utf-8"), "utf-8")
        problems = check_data(paths=[path], today=CHECK_DAY)
        assert any("extra fields" in p and p.endswith(" @ $") for p in problems), problems
        assert all(len(p) < 1500 for p in problems)


# --- properties ---------------------------------------------------------------------------


class TestProperties:
    @given(st.text())
    def test_printable_leaves_nothing_a_terminal_acts_on(self, text: str) -> None:
        """printable() output is printable (line breaks aside), and leaves printable text be."""
        from civicrun._text import printable

        shown = printable(text)
        assert all(c.isprintable() or c == "\n" for c in shown)
        if text.replace("\n", "").isprintable():  # printable lines are left as they are
            assert text == shown
        assert printable(text, keep_newlines=False).isprintable()

    @given(st.text())
    def test_no_csv_cell_starts_a_formula(self, text: str) -> None:
        """Every exported text cell is safe to open in a spreadsheet, and loses nothing."""
        from civicrun._export import _cell
        from civicrun._text import FORMULA_STARTS

        cell = _cell(text)
        assert not cell.startswith(FORMULA_STARTS)
        assert text == (cell[1:] if cell != text else cell)

    @given(st.text(st.characters(exclude_categories=()), max_size=300))  # surrogates too
    @settings(max_examples=40)
    def test_look_ups_raise_only_civicrun_errors(self, text: str) -> None:
        """Any text, surrogates included, gives an answer or a civicrun error."""
        for call in (
            lambda: civicrun.lookup_organization(text),
            lambda: civicrun.lookup_state(text),
            lambda: civicrun.find_local_party(state="CT", town=text or "x"),
            lambda: civicrun.find_election_office(state="WI", town=text or "x"),
            lambda: civicrun.lookup_county(text or "x"),
        ):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FormerNameWarning)
                try:
                    call()
                except CivicrunError as error:
                    message = str(error)
                else:
                    message = ""
            assert len(message) < 2000

    @given(
        st.dictionaries(st.one_of(st.text(), st.integers()), st.one_of(st.text(), st.integers()))
    )
    @settings(max_examples=100)
    def test_from_dict_raises_only_invalid_profile(self, data: dict[Any, Any]) -> None:
        """Any mapping gives a Profile or an InvalidProfileError, which pickles."""
        try:
            Profile.from_dict(data)
        except InvalidProfileError as error:
            message, back = str(error), str(pickle.loads(pickle.dumps(error)))
        else:
            message = back = ""
        assert message == back

    @given(st.text(min_size=1, max_size=50))
    @settings(max_examples=50, deadline=None)
    def test_problem_lines_keep_their_file(self, name: str) -> None:
        """A problem line's file is the file given, whatever characters its name holds."""
        from civicrun._files import Problem

        problem = Problem(name, "message @ $.field")
        assert (name, "message", "$.field") == (problem.file, problem.message, problem.field)
        assert problem == pickle.loads(pickle.dumps(problem))

    @given(st.text(max_size=100))
    @settings(max_examples=50, deadline=None)
    def test_checked_text_round_trips_through_fmt(self, summary: str) -> None:
        """The canonical TOML of any summary loads back as the same text (D2's property)."""
        from civicrun._fmt import _value

        assert {"s": summary} == tomllib.loads(f"s = {_value(summary)}\n")


def test_sqlite_export_is_still_whole(tmp_path: Path) -> None:
    """The atomic sqlite export writes the same database as before."""
    out = tmp_path / "civicrun.sqlite"
    assert 0 == main(["export", "--format", "sqlite", "--output", str(out)])
    with contextlib.closing(sqlite3.connect(out)) as db:
        count = db.execute("SELECT count(*) FROM organizations").fetchone()[0]
    assert len(civicrun.organizations()) == count
