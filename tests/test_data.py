"""Loading the shipped data: lazy, once, thread-safe, all or nothing; and what it holds."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import civicrun
from civicrun import (
    _data,
    lookup_office_category,
    lookup_organization,
    lookup_state,
    organizations,
)
from civicrun._check import check_data
from civicrun.errors import DataError
from civicrun.records import Condition
from civicrun.vocab import OrgKind, OrgStatus, Party, ProfileField, Scope, Support

from .conftest import CHECK_DAY, unlined

SRC = Path(civicrun.__file__).parent

ORIGINAL_ELEVEN = (
    "emerge",
    "emilys-list",
    "higher-heights",
    "ndtc",
    "new-american-leaders",
    "pccc",
    "run-for-something",
    "she-should-run",
    "veterans-campaign",
    "victory-institute",
    "re-power",
)


def _use_data(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Read the package data from ``folder``: as a path string (how a package imported from a
    folder reads its bundle and county table) and as a ``Traversable`` (everything else)."""
    monkeypatch.setattr(_data, "_data_folder", lambda: str(folder))
    monkeypatch.setattr(_data, "data_root", lambda: folder)


class TestLoading:
    def test_import_reads_no_data(self) -> None:
        """`import civicrun` opens no data file and imports neither attrs, cattrs nor the
        loader; the first answer reads the compiled bundle (the wheel's, or the checkout's
        cached one), not the TOML files, and not the county table when it names no county."""
        code = (
            "import sys\n"
            "opened = []\n"
            "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' else None)\n"
            "import civicrun\n"
            "assert not [p for p in opened if 'civicrun' in p and '/data/' in p], opened\n"
            "heavy = {'attrs', 'attr', 'cattrs', 'importlib_resources', 'civicrun._data'}\n"
            "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
            "civicrun.eligible_orgs(civicrun.Profile(state='TX', party='D'))\n"
            "data = [p for p in opened if 'civicrun' in p]\n"
            "assert not [p for p in data if p.endswith('.toml')], data\n"
            "assert [p for p in data if p.endswith('.json') and 'bundle' in p], data\n"
            "assert not [p for p in data if p.endswith('counties.tsv')], data\n"
            "assert 'cattrs' not in sys.modules\n"
            "print('ok')\n"
        )
        root = _data.data_root()
        if not root.joinpath(_data.BUNDLE).is_file():
            _data.checkout_bundle(root)  # a source checkout: compile (and cache) it first
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert "ok\n" == result.stdout, result.stderr

    def test_loaded_once_across_threads(self, fresh_data: None) -> None:
        """Many threads asking at once get one and the same dataset."""
        seen: list[object] = []
        threads = [threading.Thread(target=lambda: seen.append(_data.dataset())) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert 8 == len(seen)
        assert all(s is seen[0] for s in seen)

    def test_bad_file_names_file_and_field(self, data_copy: Path) -> None:
        """A malformed file raises DataError naming the file and the field path."""
        path = data_copy / "organizations" / "ndtc.toml"
        path.write_text(path.read_text().replace('scope = "national"', 'scope = "everywhere"'))
        with pytest.raises(DataError) as info:
            _data.load(data_copy)
        assert "organizations/ndtc.toml" == info.value.path
        assert [
            "'everywhere' is not one of the values allowed here: national | states | counties "
            "@ $.coverage.scope"
        ] == list(info.value.messages)

    def test_bad_toml(self, data_copy: Path) -> None:
        """A file that is not TOML is reported as such."""
        (data_copy / "organizations" / "ndtc.toml").write_text("id = ")
        with pytest.raises(DataError, match=r"organizations/ndtc.toml: not valid TOML"):
            _data.load(data_copy)

    def test_id_must_match_file_name(self, data_copy: Path) -> None:
        """The id is the file name."""
        old = data_copy / "organizations" / "ndtc.toml"
        old.rename(data_copy / "organizations" / "ndtc-renamed.toml")
        with pytest.raises(DataError, match=r"must equal the file name 'ndtc-renamed' @ \$.id"):
            _data.load(data_copy)

    def test_unknown_state_in_coverage(self, data_copy: Path) -> None:
        """Coverage may only name real states."""
        path = data_copy / "organizations" / "annies-list.toml"
        path.write_text(re.sub(r'states = \["TX"\]', 'states = ["XX"]', path.read_text()))
        with pytest.raises(DataError, match=r"unknown state codes \['XX'\]"):
            _data.load(data_copy)

    def test_bad_county_rows(self, data_copy: Path) -> None:
        """County rows are checked: cells, kind and code. (The record files are read once;
        ``assemble`` is the part of ``load`` that reads the tables and cross-checks.)"""
        records = _data.read_records(data_copy)
        table = data_copy / "counties.tsv"
        text = table.read_text()
        bad_rows = {
            "99999\tNowhere County\tshire\tTX\tx\tx\t\n": r"line \d+: 'shire' is not a county kind",
            "48201\tHarris County\tcounty\tTX\tx\tx\t1\n": "not a new 5-digit code",
            "48999\tX County\n": "expected 7 tab-separated cells, got 2",
            "48999\tX County\tcounty\tTX\tx\tx\t12,000\n": "population '12,000' is not a whole",
            "01999\tX County\tcounty\tTX\tx\tx\t\n": "does not start with TX's FIPS",
            "48999\tX County\tcounty\tXX\tx\tx\t\n": "unknown state 'XX'",
        }
        for row, message in bad_rows.items():
            table.write_text(text + row)
            with pytest.raises(DataError, match=message):
                _data.assemble(data_copy, records)
        table.write_text("code\tname\n" + text)
        with pytest.raises(DataError, match="header must be"):
            _data.assemble(data_copy, records)
        table.unlink()
        with pytest.raises(DataError, match="county table is missing"):
            _data.assemble(data_copy, records)

    def test_bad_alias_rows(self, data_copy: Path) -> None:
        """Alias rows are checked too."""
        records = _data.read_records(data_copy)
        aliases = data_copy / "county_aliases.tsv"
        text = aliases.read_text()
        aliases.write_text(text + "Gotham\tNY\tlocal\t36999\tfiction\n")
        with pytest.raises(DataError, match="unknown fips '36999'"):
            _data.assemble(data_copy, records)
        aliases.write_text(text + "Gotham\tNY\tfictional\t36061\tfiction\n")
        with pytest.raises(DataError, match="kind local, former or retired"):
            _data.assemble(data_copy, records)

    def test_bad_place_rows(self, data_copy: Path) -> None:
        """The place table is checked with the county table: cells, code, kind, population
        and each county's state; the error names the file, the line and the column."""
        table = data_copy / "places.tsv"
        records = _data.read_records(data_copy)
        text = table.read_text()
        good = "0499999\tAZ\tNowhere\t\tNowhere city, Arizona\tincorporated\t25000\t04013\n"
        table.write_text(text + good)
        _data.assemble(data_copy, records)  # a well-formed row passes
        bad_rows = {
            "0499999\tAZ\tNowhere\n": r"line \d+: expected 8 tab-separated cells, got 3",
            good.replace("0499999", "499999"): r"'499999' is not a 7-digit place GEOID @ \$.geoid",
            good.replace("incorporated", "hamlet"): r"'hamlet' is not one of .* @ \$.kind",
            good.replace("25000", "25,000"): r"population '25,000' is not a whole number",
            good.replace("04013", "06037"): r"'06037' is not a county of 'AZ' @ \$.counties",
            good.replace("04013", "04999"): r"'04999' is not a county of 'AZ'",
        }
        for row, message in bad_rows.items():
            table.write_text(text + row)
            with pytest.raises(DataError, match=message) as info:
                _data.assemble(data_copy, records)
            assert "places.tsv" == info.value.path
        table.write_text("place\tcounty\n" + text)
        with pytest.raises(DataError, match="header must be"):
            _data.assemble(data_copy, records)

    def test_a_town_committee_must_agree_with_the_place_table(self, data_copy: Path) -> None:
        """A town or city committee whose county the place table contradicts is refused (as
        Bristol, Connecticut's committees were, placed in the wrong planning region)."""
        path = data_copy / "organizations" / "local-party-09110-bristol-republican.toml"
        path.write_text(path.read_text().replace('counties = ["09140"]', 'counties = ["09110"]'))
        with pytest.raises(
            DataError, match=r"Bristol, CT lies in 09140 by the place table"
        ) as info:
            _data.load(data_copy)
        assert "local-party-09110-bristol-republican.toml" in info.value.path

    def test_failure_leaves_nothing_loaded(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch, data_copy: Path
    ) -> None:
        """A failed load publishes nothing; the next call tries again."""
        index = {"organizations": {"keys": [5], "ends": [1]}}
        bad = json.dumps({"format": _data.BUNDLE_FORMAT, "records": index})
        (data_copy / "bundle.json").write_text(bad)
        _use_data(monkeypatch, data_copy)
        with pytest.raises(DataError, match=r"bundle.json: an entry of organizations has no id"):
            _data.dataset()
        assert _data._full._value is None
        assert _data._PARTS["organizations"]._value is None
        monkeypatch.undo()
        assert _data.dataset().organizations

    def test_an_entry_that_does_not_decode_names_the_bundle(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch, data_copy: Path
    ) -> None:
        """Organizations decode when first read; a bad entry is a DataError, not a TypeError."""
        (data_copy / "bundle.json").write_text(_data.bundle_text({"organizations": [{"id": "x"}]}))
        _use_data(monkeypatch, data_copy)
        with pytest.raises(DataError, match=r"bundle.json: x does not decode"):
            _data.dataset().organizations["x"]

    def test_bundle_matches_the_toml(self) -> None:
        """The compiled bundle decodes to exactly the records the TOML files give."""
        from_toml = _data.load(_data.data_root())
        shipped = _data.dataset()
        assert dict(from_toml.organizations) == dict(shipped.organizations)
        assert dict(from_toml.states) == dict(shipped.states)
        assert dict(from_toml.offices) == dict(shipped.offices)

    def test_the_index_lists_by_the_header_and_decodes_only_what_it_reaches(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The matching index lists every organization by its reach as the bundle header holds
        it, which equals its record's, and decides it on the first line of its entry, which
        holds what its record holds; a question about Texas compiles only the groups that work
        across Texas (no county committee, no group of another state only) and decodes none;
        a match decodes its own organization when it is made."""
        from civicrun import _rules

        orgs = _data.dataset().organizations
        assert isinstance(orgs, _data.LazyRecords)
        assert not orgs._made
        groups = _data.reaches(orgs)
        assert not orgs._made
        header = {key: reach for reach, keys in groups for key in keys}
        assert len(groups) < len(header) == len(orgs)  # each distinct reach listed once
        assert all(keys == sorted(keys) for _reach, keys in groups)
        records = _data.reaches(dict(orgs))  # from the decoded records: one each
        assert [keys for _reach, keys in records] == [[key] for key in sorted(orgs)]
        for want, (key,) in records:
            got = header[key]
            assert [got.scope, *map(frozenset, got[1:])] == [want.scope, *want[1:]], key
        orgs._made.clear()
        reader = _data.OrgReader(orgs)
        facts = {key: reader.facts(key) for key in orgs}
        assert not orgs._made
        assert facts == {key: _data.deciding_of(org) for key, org in orgs.items()}
        whole = dict(orgs._made)
        orgs._made.clear()  # a record decoded from the rest of its entry and its known facts
        assert {key: reader.record(key, facts[key]) for key in orgs} == whole
        orgs._made.clear()
        result = civicrun.eligible_orgs(civicrun.Profile(state="TX", party="D"))
        index = _rules.shipped_index()
        reached = {c.id for c in index.tables["TX"].orgs}
        assert set(index._compiled) == reached
        assert len(result.ids) == len(result) > 50
        assert not orgs._made
        whole_entries: list[str] = []  # entries parsed with their first line again
        entry = _data.Bundle.entry

        def spy(bundle: _data.Bundle, start: int, end: int, *, head: bool = True) -> Any:
            if head:
                whole_entries.append(f"{start}-{end}")
            return entry(bundle, start, end, head=head)

        monkeypatch.setattr(_data.Bundle, "entry", spy)
        fourth = result[3]
        assert set(orgs._made) == {fourth.org.id}
        list(result)
        assert set(orgs._made) == set(result.ids) < reached  # a group ruled out is never read
        assert not whole_entries  # each read from its second line, its first already decoded
        coverages = {key: orgs[key].coverage for key in orgs}
        assert reached == {
            key
            for key, cov in coverages.items()
            if (cov.scope is Scope.NATIONAL or "TX" in cov.states)
            and cov.scope is not Scope.COUNTIES
        }

    def test_the_bundle_header_state_names_are_each_records(self, fresh_data: None) -> None:
        """A state look-up decodes only the state it finds, and a profile's state none (it
        keeps the code): the names and FIPS codes searched are the header's copies, which
        equal each record's own."""
        table = _data.state_table()
        assert isinstance(table, _data.LazyRecords)
        assert "TX" == civicrun.Profile(state="Texas").state
        assert "TX" == civicrun.Profile(state="tx").state
        assert not table._made
        assert "PR" == civicrun.lookup_state("72").code
        assert "DC" == civicrun.get_state("Washington, D.C.").code  # type: ignore[union-attr]
        assert ["DC", "PR"] == sorted(table._made)
        for code in table:
            for name in ("name", "fips"):
                assert getattr(table[code], name) == _data.text_field(table, code, name)

    def test_stale_bundle_is_a_clear_error_and_a_checkout_compiles_its_own(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path
    ) -> None:
        """A bundle of another format names the file and the fix; with no bundle (a source
        checkout), the TOML records are compiled and cached, and an edited record is seen on
        the next load with no script to run."""
        _use_data(monkeypatch, data_copy)
        monkeypatch.setenv("CIVICRUN_CACHE_DIR", str(tmp_path / "cache"))
        (data_copy / "bundle.json").write_text('{"format": 0}')
        with pytest.raises(DataError, match=r"rebuild the wheel"):
            _data.dataset()
        (data_copy / "bundle.json").unlink()
        assert "ndtc" in _data.dataset().organizations
        assert len(list((tmp_path / "cache").glob("bundle-*.json"))) == 1
        record = data_copy / "organizations" / "ndtc.toml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace('confidence = "high"', 'confidence = "low"', 1))
        _data.reset()
        assert _data.dataset().organizations["ndtc"].confidence.value == "low"
        assert len(list((tmp_path / "cache").glob("bundle-*.json"))) == 2
        empty = tmp_path / "empty"
        empty.mkdir()
        _use_data(monkeypatch, empty)
        _data.reset()
        with pytest.raises(DataError, match="bundle is missing"):
            _data.dataset()

    def test_the_checkout_cache_keeps_only_the_newest_bundles(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path
    ) -> None:
        """Each edit compiles a new bundle; the cache keeps the most recently used few, so a
        contributor's cache does not grow by 3 MB an edit, and keeps other files."""
        _use_data(monkeypatch, data_copy)
        cache = tmp_path / "cache"
        monkeypatch.setenv("CIVICRUN_CACHE_DIR", str(cache))
        (data_copy / "bundle.json").unlink(missing_ok=True)
        cache.mkdir()
        old = [cache / f"bundle-{n:024d}.json" for n in range(6)]
        for age, path in enumerate(old):  # older the later in the list
            path.write_text("{}")
            os.utime(path, ns=(10**18 - age * 10**12, 10**18 - age * 10**12))
        (cache / "notes.txt").write_text("not a bundle")
        assert "ndtc" in _data.dataset().organizations
        left = sorted(p.name for p in cache.glob("bundle-*.json"))
        assert _data.CACHED_BUNDLES == len(left)
        assert {p.name for p in old[: _data.CACHED_BUNDLES - 1]} < set(left)  # the newest kept
        assert (cache / "notes.txt").exists()
        (compiled,) = set(left) - {p.name for p in old}
        _data.reset()
        record = data_copy / "organizations" / "ndtc.toml"
        record.write_text(record.read_text(encoding="utf-8") + "\n")
        assert "ndtc" in _data.dataset().organizations  # another edit: another bundle
        after = {p.name for p in cache.glob("bundle-*.json")}
        assert _data.CACHED_BUNDLES == len(after)
        assert compiled in after  # the one compiled before is newer than the six old ones
        assert old[_data.CACHED_BUNDLES - 2].name not in after

    def test_a_package_not_imported_from_a_folder_reads_through_its_traversable(
        self, fresh_data: None, monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path
    ) -> None:
        """Where the package is not imported from a folder (a zip import), the bundle and the
        county table are read through :func:`civicrun._data.data_root`: the same records."""
        monkeypatch.setattr(_data, "_data_folder", lambda: None)
        monkeypatch.setattr(_data, "data_root", lambda: data_copy)
        monkeypatch.setenv("CIVICRUN_CACHE_DIR", str(tmp_path / "cache"))
        (data_copy / "bundle.json").unlink(missing_ok=True)  # an installed wheel ships one
        compiled = _data.dataset()  # no bundle: the TOML records compiled, then read as bytes
        assert 1 == len(list((tmp_path / "cache").glob("bundle-*.json")))
        (data_copy / "bundle.json").write_bytes(_data.checkout_bundle(data_copy))
        _data.reset()
        built = _data.dataset()  # a built bundle
        assert compiled.organizations["ndtc"] == built.organizations["ndtc"]
        assert dict(compiled.states) == dict(built.states)
        assert compiled.counties.rows == built.counties.rows


class TestCheck:
    def test_shipped_data_passes(self) -> None:
        """The shipped data passes the contributor check."""
        assert [] == check_data(today=CHECK_DAY)

    def test_collects_every_problem(self, data_copy: Path) -> None:
        """The check reports every bad file, not just the first."""
        for name in ("ndtc", "pccc"):
            path = data_copy / "organizations" / f"{name}.toml"
            path.write_text(
                path.read_text().replace("last_verified = ", "last_verified = 2099-01-01\nx = ")
            )
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert ["organizations/ndtc.toml", "organizations/pccc.toml"] == sorted(
            p.split(":")[0] for p in problems
        )

    def test_future_dates_and_urls(self, data_copy: Path) -> None:
        """Read dates in the future and unsafe URLs are flagged."""
        path = data_copy / "organizations" / "ndtc.toml"
        text = path.read_text()
        text = re.sub(r"read = \d{4}-\d\d-\d\d", "read = 2099-01-01", text, count=1)
        text = re.sub(r'^url = ".*"$', 'url = "https://exa mple.org"', text, count=1, flags=re.M)
        path.write_text(text)
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert any(
            "read date 2099-01-01 is in the future @ $.sources[0].read" in p for p in problems
        )
        assert any("is not a plain http(s) URL @ $.url" in p for p in problems)

    def test_every_source_says_its_kind(self, data_copy: Path) -> None:
        """A source without a kind is refused, with the kinds to choose from."""
        path = data_copy / "organizations" / "emerge-massachusetts.toml"
        text = path.read_text(encoding="utf-8")
        first = text.index("[[sources]]")
        kind = text.index("\nkind = ", first)
        path.write_text(text[:kind] + text[text.index("\n", kind + 1) :], encoding="utf-8")
        raw = check_data(data_copy, today=CHECK_DAY)
        problems = unlined(raw)
        assert len(problems) == 1, problems
        # the missing key's table is where the problem points: the first [[sources]] header
        assert raw[0].line == text[:first].count("\n") + 1
        assert problems[0].startswith("organizations/emerge-massachusetts.toml: source ")
        assert problems[0].endswith(
            "has no kind: say which it is (own-site, government, press, reference, other) "
            "@ $.sources[0].kind"
        )

    def test_a_source_listed_twice_is_refused(self, data_copy: Path) -> None:
        """One page is one ``[[sources]]`` entry: a second entry for the same url (as Ohio's
        record once had, read on two days) is refused, naming both positions."""
        path = data_copy / "states" / "vt.toml"
        text = path.read_text(encoding="utf-8")
        start = text.index("[[sources]]")
        end = text.find("\n[[", start + 1)
        block = text[start : len(text) if end == -1 else end + 1]
        path.write_text(text.rstrip("\n") + "\n\n" + block.rstrip("\n") + "\n", encoding="utf-8")
        count = text.count("[[sources]]")
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert len(problems) == 1, problems
        assert problems[0].startswith("states/vt.toml: url ")
        assert "is listed twice (also $.sources[0]): keep one entry" in problems[0]
        assert problems[0].endswith(f"@ $.sources[{count}].url")

    def test_towns_are_for_local_committees(self, data_copy: Path) -> None:
        """Only a local-party record may narrow its counties to towns; two committees of one
        party for one town are refused."""
        path = data_copy / "organizations" / "emerge-massachusetts.toml"
        text = path.read_text(encoding="utf-8")
        text = text.replace('scope = "states"', 'scope = "counties"\ncounties = ["25017"]', 1)
        text = text.replace('states = ["MA"]', 'states = ["MA"]\ntowns = ["Cambridge"]', 1)
        path.write_text(text, encoding="utf-8")
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert (
            "organizations/emerge-massachusetts.toml: towns are listed only for a local-party "
            "record (a town or city committee), not a state-program @ $.coverage.towns"
        ) in problems
        path.unlink()
        own = data_copy / "organizations" / "local-party-25017-cambridge-democratic.toml"
        twin = data_copy / "organizations" / "local-party-25017-cambridge-twin-democratic.toml"
        text = own.read_text(encoding="utf-8")
        text = text.replace("cambridge-democratic", "cambridge-twin-democratic")
        text = text.replace('name = "Cambridge Democratic City Committee"', 'name = "Twin"')
        text = text.replace('aliases = ["CDCC", "Cambridge Democrats"]\n', "")
        text = text.replace('towns = ["Cambridge"]', 'towns = ["CAMBRIDGE"]')
        twin.write_text(text, encoding="utf-8")
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert problems == [
            "organizations/local-party-25017-cambridge-twin-democratic.toml: "
            "local-party-25017-cambridge-democratic is already the official democratic "
            "organization for CAMBRIDGE, MA @ $.official_party"
        ], problems

    def test_two_election_offices_for_one_county_need_areas(self, data_copy: Path) -> None:
        """The fact-check found Arapahoe County listed twice, once on a retired domain: a
        county may have two offices only when each says which part of it it serves."""
        path = data_copy / "states" / "co.toml"
        text = path.read_text(encoding="utf-8")
        first = text.index("[[election_offices]]")
        block = text[first : text.index("\n\n[", first) + 1]
        path.write_text(text.replace(block, block + "\n" + block, 1), encoding="utf-8")
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert len(problems) == 1, problems
        assert "two offices for one county each need an area" in problems[0]

    def test_running_for_office_facts_are_cited_and_unique(self, data_copy: Path) -> None:
        """A state's candidacy, offices, qualifications and government counts each cite one
        of the record's sources; an office's qualifications and a category appear once; an
        office category exists."""
        path = data_copy / "states" / "tx.toml"
        # the shipped tables of these kinds are taken out, and broken ones put in their place
        text = "\n\n".join(
            block
            for block in path.read_text(encoding="utf-8").split("\n\n")
            if not block.startswith(("[candidacy]", "[[offices]]", "[[qualifications]]"))
        )
        source = 'source = "https://group.test/not-listed"'
        extra = (
            '\n[candidacy]\nguide = "https://group.test/guide"\nfiling = "x"\n'
            f'elections = "y"\n{source}\n'
            f'\n[[offices]]\ncategory = "sheriff"\n{source}\n'
            f'\n[[offices]]\ncategory = "sheriff"\n{source}\n'
            f'\n[[qualifications]]\noffice = "governor"\nmin_age = 30\n{source}\n'
            f'\n[[qualifications]]\noffice = "governor"\nmin_age = 300\n{source}\n'
        )
        cut = text.index("[[sources]]")
        path.write_text(text[:cut] + extra.lstrip("\n") + "\n" + text[cut:], encoding="utf-8")
        problems = [
            p for p in unlined(check_data(data_copy, today=CHECK_DAY)) if "canonical" not in p
        ]
        assert sum("is not the url of one of the record's sources" in p for p in problems) == 5
        assert any("office category 'sheriff' is listed twice" in p for p in problems)
        assert any("qualifications for governor are given twice" in p for p in problems)
        assert any("min_age 300 is not between 0 and 100" in p for p in problems)

    def test_election_offices_are_checked(self, data_copy: Path) -> None:
        """A county election office must be one of the state's counties, cite one of the
        record's sources, and say what was read when it has no https url; so must the chief
        election office."""
        path = data_copy / "states" / "tx.toml"
        text = path.read_text(encoding="utf-8")
        text = text.replace('fips = "48201"', 'fips = "06037"', 1)  # a California county
        text = text.replace(
            'source = "http://www.harrisvotes.com/VotingInfo.aspx"',
            'source = "https://group.test/not-listed"',
            1,
        )
        path.write_text(text, encoding="utf-8")
        path = data_copy / "states" / "pr.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'^note = "Ley 58-2020.*"\n', "", text, count=1, flags=re.M))
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        where = "states/tx.toml: "
        assert (
            where
            + "fips '06037' is not a 5-digit code of a county of TX @ $.election_offices[1].fips"
        ) in problems
        assert (
            where + "source 'https://group.test/not-listed' is not the url of one of the record's "
            "sources (add it under [[sources]]) @ $.election_offices[1].source"
        ) in problems
        assert (
            "states/pr.toml: an office without an https url needs a note saying what was read "
            "@ $.chief_election_office.note"
        ) in problems
        assert 3 == len(problems), problems

    def test_rules_cite_a_listed_source(self, data_copy: Path) -> None:
        """Every rule names the page that states it, and that page is one of the sources."""
        path = data_copy / "organizations" / "state-party-tx-democratic.toml"
        text = path.read_text()
        path.write_text(re.sub(r'^source = ".*"\n', "", text, count=1, flags=re.M))
        other = data_copy / "organizations" / "state-party-tx-republican.toml"
        text = other.read_text()
        other.write_text(
            re.sub(r'^source = ".*"$', 'source = "https://group.test/x"', text, count=1, flags=re.M)
        )
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert (
            "organizations/state-party-tx-democratic.toml: a rule must cite the page that "
            "states it @ $.requirements[0].source"
        ) in problems
        assert any(
            p.startswith(
                "organizations/state-party-tx-republican.toml: source "
                "'https://group.test/x' is not the url of one of the record's sources"
            )
            for p in problems
        )

    def test_partisan_consistency(self, data_copy: Path) -> None:
        """A partisan record must say which parties it serves, and not all of them; a
        nonpartisan one must not serve a single party."""
        folder = data_copy / "organizations"
        every = json.dumps([p.value for p in Party])
        for name, old, new in (
            ("state-party-tx-democratic", 'one_of = ["democratic"]', f"one_of = {every}"),
            (
                "state-party-tx-republican",
                'partisanship = "republican"',
                'partisanship = "nonpartisan"',
            ),
        ):
            path = folder / f"{name}.toml"
            path.write_text(path.read_text().replace(old, new))
        path = folder / "state-party-ok-republican.toml"
        text = path.read_text()
        path.write_text(re.sub(r"\[\[requirements\]\]\n(.+\n)+?\n", "", text, count=1))
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert (
            "organizations/state-party-tx-democratic.toml: partisanship is democratic but a "
            "party rule serves every party; list only the parties it serves @ $.partisanship"
        ) in problems
        assert any(
            p.startswith(
                "organizations/state-party-tx-republican.toml: partisanship is "
                "nonpartisan but a party rule serves one party only"
            )
            for p in problems
        )
        assert (
            "organizations/state-party-ok-republican.toml: partisanship is republican: say "
            "which parties it serves with a party rule under requirements or serves "
            "@ $.partisanship"
        ) in problems

    def test_official_party_is_explicit(self, data_copy: Path) -> None:
        """A state party names the party it is the official organization of; no other kind of
        record may, and the party named must be one its rules serve."""
        folder = data_copy / "organizations"
        for name, old, new in (
            ("state-party-tx-democratic", 'official_party = "democratic"\n', ""),
            (
                "state-party-tx-republican",
                'official_party = "republican"',
                'official_party = "green"',
            ),
            (
                "ndtc",
                'partisanship = "democratic"',
                'partisanship = "democratic"\nofficial_party = "democratic"',
            ),
        ):
            path = folder / f"{name}.toml"
            path.write_text(path.read_text().replace(old, new))
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert (
            "organizations/state-party-tx-democratic.toml: a state-party record names the party "
            "it is the official organization of @ $.official_party"
        ) in problems
        assert (
            "organizations/state-party-tx-republican.toml: official_party is green, but no party "
            "rule serves it @ $.official_party"
        ) in problems
        assert (
            "organizations/ndtc.toml: official_party is only for state-party, local-party and "
            "national-party records, not national-group @ $.official_party"
        ) in problems

    def test_one_official_organization_per_state_and_party(self, data_copy: Path) -> None:
        """Two records cannot both be a party's official organization in one state."""
        path = data_copy / "organizations" / "state-party-ok-democratic.toml"
        path.write_text(path.read_text().replace('states = ["OK"]', 'states = ["TX"]'))
        problems = unlined(check_data(data_copy, today=CHECK_DAY))
        assert any(
            "is already the official democratic organization for TX @ $.official_party" in p
            for p in problems
        )

    def test_cross_reference_problems_reported(self, data_copy: Path) -> None:
        """Problems only the full load finds are reported too."""
        path = data_copy / "organizations" / "annies-list.toml"
        path.write_text(path.read_text().replace('states = ["TX"]', 'states = ["XX"]'))
        assert any("unknown state codes" in p for p in check_data(data_copy, today=CHECK_DAY))


class TestDataset:
    def test_original_eleven(self) -> None:
        """The organizations named in the source article exist, each with a dated source."""
        ids = {o.id for o in organizations()}
        for org_id in ORIGINAL_ELEVEN:
            assert org_id in ids
            org = civicrun.lookup_organization(org_id)
            assert org.sources
            assert all(s.read <= CHECK_DAY for s in org.sources)

    def test_renamed_groups_keep_former_names(self) -> None:
        """Renamed groups carry their former names."""
        assert "Wellstone Action" in civicrun.lookup_organization("re-power").former_names
        assert (
            "New American Leaders Project"
            in civicrun.lookup_organization("new-american-leaders").former_names
        )

    def test_every_record_is_sourced(self) -> None:
        """Every record has at least one source with a URL and a read date."""
        data = _data.dataset()
        sources = [
            *(o.sources for o in data.organizations.values()),
            *(s.sources for s in data.states.values()),
            *(o.sources for o in data.offices.values()),
        ]
        assert len(data.states) + len(data.organizations) + len(data.offices) == len(sources)
        assert all(group and all(s.url and s.read for s in group) for group in sources)

    @pytest.mark.slow
    def test_no_organization_in_code(self) -> None:
        """No Python module names an organization: eligibility lives in the data."""
        code = "\n".join(p.read_text() for p in SRC.glob("*.py")).casefold()
        names = {t.casefold() for o in organizations() for t in (o.id, o.name) if len(t) > 4}
        # one pattern for every name (longest first): it matches where any one of them would
        either = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        assert [] == [m.group(1) for m in re.finditer(rf"\b({either})\b", code)]

    def test_counts(self) -> None:
        """Counts pinned on purpose: adding data means bumping them here, deliberately."""
        orgs = organizations()
        assert {
            "national-group": 107,
            "national-party": 3,
            "state-party": 196,
            "state-program": 160,
            "local-party": 563,
        } == dict(Counter(o.kind.value for o in orgs))
        national = [o for o in orgs if o.kind in (OrgKind.NATIONAL_GROUP, OrgKind.NATIONAL_PARTY)]
        leaning = Counter(o.partisanship.value for o in national)
        assert leaning["republican"] + leaning["conservative"] >= 8
        assert leaning["nonpartisan"] + leaning["cross-partisan"] >= 8
        assert leaning["libertarian"] >= 1
        assert leaning["green"] >= 1
        programs = [o for o in orgs if o.kind is OrgKind.STATE_PROGRAM]
        program_states = {
            s for o in programs if o.coverage.scope is Scope.STATES for s in o.coverage.states
        }
        assert 50 == len(program_states)
        searched = {s.code for s in civicrun.states() if s.program_search}
        home = {s.code for s in civicrun.states() if s.kind.value != "territory"}
        assert home <= program_states | searched, "a state with neither a program nor a search"
        parties = Counter(o.partisanship.value for o in orgs if o.kind is OrgKind.STATE_PARTY)
        territorial = {
            "new-progressive": 1,
            "popular-democratic": 1,
            "puerto-rican-independence": 1,
            "citizens-victory": 1,
            "dignity-project": 1,
            "independent-citizens-movement": 1,
        }
        assert {
            "democratic": 55,
            "republican": 56,
            "libertarian": 42,
            "green": 37,
            **territorial,
        } == dict(parties)
        assert 56 == len(civicrun.states())
        assert 18 == len(civicrun.office_categories())


class TestCorrections:
    """Facts a 2026 fact-check found wrong, each fixed with its source; these keep them fixed."""

    def test_houston_mayor_is_elected_on_a_nonpartisan_ballot(self) -> None:
        """Houston's city elections are nonpartisan (Houston Landing on the 2023 race)."""
        from civicrun import lookup_office_category

        mayor = lookup_office_category("mayor")
        note = mayor.states_note or ""
        assert "New York, Philadelphia and Indianapolis, which use partisan ballots" in note
        assert "New York, Houston" not in note
        assert any("houstonlanding.org" in s.url for s in mayor.sources)

    def test_missouri_has_an_appointed_state_board(self) -> None:
        """The states without a state board of education are Minnesota and Wisconsin."""
        from civicrun import lookup_office_category

        board = lookup_office_category("state-board-of-education")
        note = board.states_note or ""
        assert "PARCA names Minnesota and Missouri" not in note
        assert "Minnesota" in note
        assert "Wisconsin" in note
        assert "appointed" in note
        assert any("dese.mo.gov" in s.url for s in board.sources)

    def test_hawaii_greens_have_their_own_site_and_ballot_access(self) -> None:
        """The Green Party of Hawaii regained ballot access in 2024 and has its own site."""
        party = lookup_organization("state-party-hi-green")
        assert "https://www.greenpartyofhawaii.org/" == party.url
        assert "active" == party.status.value
        assert any(s.url.startswith("https://elections.hawaii.gov/") for s in party.sources)

    def test_texas_greens_ballot_access_is_time_bound(self) -> None:
        """Texas Greens' ballot access is recorded as running through the 2026 cycle."""
        party = lookup_organization("state-party-tx-green")
        assert any("Ballot access through the 2026 general election" in n for n in party.notes)

    def test_connecticut_counts_planning_regions(self) -> None:
        """Connecticut's county-equivalents are its nine planning regions (since 2022)."""
        from civicrun import counties, lookup_state

        assert "planning-region" == lookup_state("CT").county_term.value
        assert 9 == len(counties("CT"))


class TestFactCheckDecember2026:
    """The independent fact-check of December 2026 (``../shared/research/factcheck-2026-12.md``,
    22 records): each finding's fix, kept fixed. Arapahoe County's two offices are refused by
    the data check (``test_two_election_offices_for_one_county_need_areas``)."""

    def test_re_power_party_is_an_audience_on_its_own_pages_not_2005_press(self) -> None:
        """Finding 2: the party rule rested on 2005 press; its own pages name no party."""
        org = lookup_organization("re-power")
        rules = [r for r in (*org.requirements, *org.serves) if isinstance(r, Condition)]
        assert not [r for r in org.requirements if r in rules and r.field is ProfileField.PARTY]
        (party,) = [r for r in rules if r in org.serves and r.field is ProfileField.PARTY]
        assert party.source is not None
        assert "rollcall.com/2005" not in party.source
        assert {"democratic", "other"} == set(party.one_of or ())

    def test_ndtc_is_on_its_newer_domain(self) -> None:
        """Finding 3: NDTC's newest own pages are on traindems.org."""
        assert "https://traindems.org/" == lookup_organization("ndtc").url

    def test_nfrw_offers_online_training(self) -> None:
        """Finding 4: its own 2022 post says the Campaign Management School ran online."""
        assert Support.ONLINE_TRAINING in lookup_organization("nfrw").support

    def test_tennessee_candidate_school_is_not_called_active_on_one_event(self) -> None:
        """Finding 5: one 2025 session does not make it active."""
        org = lookup_organization("tennessee-agriculture-commerce-candidate-school")
        assert OrgStatus.UNKNOWN is org.status
        assert {"local", "state", "federal"} == {level.value for level in org.office_levels}

    def test_libertarian_parties_rules_cite_pages_that_state_them(self) -> None:
        """Findings 8 and 9: the requirement cited a page that states no rule; South Dakota's
        party lacked its own name as an alias."""
        nm = lookup_organization("state-party-nm-libertarian")
        assert all("sos.nm.gov" in (r.source or "") for r in nm.requirements)
        assert (
            "Libertarian Party of South Dakota"
            in lookup_organization("state-party-sd-libertarian").aliases
        )

    def test_maryland_libertarians_2020_ballot_line_is_right(self) -> None:
        """Finding 10: a note said it had no ballot access in 2020; its own 2020 results page
        shows its presidential ticket on the ballot."""
        notes = " ".join(lookup_organization("state-party-md-libertarian").notes)
        assert "33,488" in notes

    def test_local_parties_rules_and_status_follow_newer_pages(self) -> None:
        """Local findings 1 and 4: Marion County's rule cited a 2007-10 blog; Worcester's
        Democrats were active in late 2024."""
        marion = lookup_organization("local-party-18097-republican")
        assert all("wordpress.com" not in (r.source or "") for r in marion.requirements)
        worcester = lookup_organization("local-party-25027-worcester-democratic")
        assert OrgStatus.ACTIVE is worcester.status
        assert worcester.active_as_of is not None
        assert worcester.active_as_of >= dt.date(2024, 11, 1)

    def test_new_york_boards_url_and_address(self) -> None:
        """Local findings 8 and 9: Erie's board has its own site; Monroe's board moved to 435
        Smith St. in August 2025."""
        ny = lookup_state("NY")
        erie = [o for o in ny.election_offices if o.fips == "36029"]
        assert ["https://www.elections.erie.gov/"] == [o.url for o in erie]
        (monroe,) = [o for o in ny.election_offices if o.fips == "36055"]
        assert monroe.note is not None
        assert "435 Smith St." in monroe.note

    def test_school_board_counts_are_current_or_marked_old(self) -> None:
        """Local finding 12: Indiana's 2025 law is counted; the Census district count is a
        2012 figure, which the record says is out of date."""
        category = lookup_office_category("school-board")
        assert category.states_note is not None
        assert "Senate Enrolled Act 287" in category.states_note
        (census,) = [c for c in category.counts if c.what.startswith("independent school")]
        assert 2012 == census.year
        assert census.note is not None
        assert "Out of date" in census.note
