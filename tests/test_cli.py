"""The command line, driven through main(argv)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import hypothesis
import pytest
from hypothesis import strategies as st

import civicrun
from civicrun.cli import _fill, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestMatch:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A readable table with statuses and reasons."""
        code, out, _ = run(
            capsys,
            "match",
            "--state",
            "TX",
            "--party",
            "democratic",
            "--gender",
            "woman",
            "--age",
            "29",
            "--on",
            "2026-11-26",
        )
        assert 0 == code
        assert "eligible   National Democratic Training Committee (ndtc)" in out
        assert "would depend on: stances" in out
        assert out.rstrip().endswith("possible")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints machine-readable matches."""
        code, out, _ = run(
            capsys,
            "match",
            "--state",
            "OH",
            "--party",
            "R",
            "--veteran",
            "yes",
            "--json",
            "--on",
            "2026-11-26",
        )
        assert 0 == code
        ids = [m["id"] for m in json.loads(out)]
        assert "state-party-oh-republican" in ids
        assert "ndtc" not in ids

    def test_bad_value_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad profile value is one clear line on stderr and exit 2."""
        code, out, err = run(capsys, "match", "--state", "Texsa", "--age", "old")
        assert (2, "") == (code, out)
        assert 1 == len(err.strip().splitlines())
        assert err.startswith("civicrun: error: invalid profile: state='Texsa'")
        assert "age='old'" in err

    def test_usage_error_is_one_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown flag is one line and exit 2."""
        code, _, err = run(capsys, "match", "--colour", "blue")
        assert 2 == code
        assert 1 == len(err.strip().splitlines())
        code, _, err = run(capsys, "match", "--on", "tomorrow")
        assert 2 == code
        assert "not a date" in err

    def test_no_matches(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An impossible profile says so."""
        code, out, _ = run(capsys, "explain", "annies-list", "--state", "OK")
        assert 0 == code
        assert "ineligible" in out

    def test_match_imports_only_what_it_needs(self) -> None:
        """`civicrun match` in a fresh process imports none of the modules only other
        commands (or --help) need: its process is its start-up."""
        code = (
            "import sys\n"
            "from civicrun.cli import main\n"
            "assert 0 == main(['match', '--state', 'TX', '--party', 'D', '--on', '2026-11-26'])\n"
            "unneeded = {'shutil', 'importlib.metadata', 'pathlib', 'hashlib', 'email', 'pickle',\n"
            "            'difflib', 'tempfile', 'cattrs', 'civicrun._local',\n"
            "            'civicrun._state_records'}\n"
            "print(sorted(unneeded & set(sys.modules)), file=sys.stderr)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert 0 == result.returncode, result.stderr
        assert "[]\n" == result.stderr

    def test_help_is_as_wide_as_columns(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--help wraps at the terminal's width (COLUMNS first, as shutil reads it), though the
        parser never imports shutil to find it."""
        monkeypatch.setenv("COLUMNS", "50")
        narrow = run(capsys, "match", "--help")[1].splitlines()
        monkeypatch.setenv("COLUMNS", "140")
        wide = run(capsys, "match", "--help")[1].splitlines()
        assert len(narrow) > len(wide)
        assert max(map(len, wide)) <= 138
        on = next(i for i, line in enumerate(narrow) if line.startswith("  --on ON"))
        assert "(default: today)" in narrow[on + 1]  # wrapped onto a second line
        import shutil

        from civicrun.cli import _columns

        for columns in ("50", "0", "-3", "not a number", None):
            if columns is None:
                monkeypatch.delenv("COLUMNS")
            else:
                monkeypatch.setenv("COLUMNS", columns)
            assert shutil.get_terminal_size().columns == _columns(), columns


class TestOtherCommands:
    def test_orgs_and_show(self, capsys: pytest.CaptureFixture[str]) -> None:
        """orgs lists, show prints one record, by any of its names."""
        _, out, _ = run(capsys, "orgs", "--kind", "national-party")
        assert "libertarian-party" in out
        _, out, _ = run(capsys, "orgs", "--json")
        assert len(json.loads(out)) > 100
        code, out, _ = run(capsys, "show", "Wellstone Action")
        assert 0 == code
        assert out.startswith("re:power (re-power)")
        assert "former_names: Wellstone Action" in out
        _, out, _ = run(capsys, "show", "ndtc", "--json")
        assert "ndtc" == json.loads(out)["id"]

    def test_unknown_org(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown organization is exit 2 with suggestions."""
        code, _, err = run(capsys, "show", "Emilys Lst")
        assert 2 == code
        assert "emilys-list" in err

    def test_explain(self, capsys: pytest.CaptureFixture[str]) -> None:
        """explain shows the failing rule."""
        code, out, _ = run(
            capsys,
            "explain",
            "run-for-something",
            "--birth-date",
            "1970-01-01",
            "--party",
            "D",
            "--on",
            "2026-11-26",
        )
        assert 0 == code
        assert "born in 1984 or later is required" in out
        _, out, _ = run(capsys, "explain", "ndtc", "--party", "D", "--json")
        assert "eligible" == json.loads(out)["status"]

    def test_county(self, capsys: pytest.CaptureFixture[str]) -> None:
        """county resolves names, and ambiguity is exit 2 naming the candidates."""
        orleans = civicrun.lookup_county("Orleans Parish")
        _, out, _ = run(capsys, "county", "Orleans Parish")
        assert f"22071  Orleans Parish, LA (parish, population {orleans.population:,})\n" == out
        _, out, _ = run(capsys, "county", "dona ana", "--json")
        found = json.loads(out)
        assert "Doña Ana County" == found["name"]
        ana = civicrun.lookup_county("dona ana")
        assert (ana.population, ana.ocd_id) == (found["population"], found["ocd_id"])

    def test_show_prints_what_a_user_needs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints the group's coverage, support and every rule in words, with its kind
        (requirement, audience or priority), and its notes."""
        emerge = civicrun.get_organization("emerge")
        assert emerge is not None
        _, out, _ = run(capsys, "show", "emerge")
        assert "  requires: a woman\n" in out
        assert "  requires: a member of the Democratic party\n" in out
        assert out.count("  prefers: ") == len(emerge.priorities)
        assert f"  works in: {', '.join(sorted(emerge.coverage.states))}\n" in out
        assert f"  support: {', '.join(sorted(s.value for s in emerge.support))}" in out
        assert all(note[:40] in out.replace("\n    ", " ") for note in emerge.notes)
        code, _, err = run(capsys, "county", "Baltimore", "--state", "MD")
        assert 2 == code
        assert "Baltimore County, MD, Baltimore city, MD" in err

    def test_local_party(self, capsys: pytest.CaptureFixture[str]) -> None:
        """local-party prints the query, why, the state party and a search URL."""
        _, out, err = run(capsys, "local-party", "Hennepin", "--state", "MN", "--party", "DFL")
        assert out.startswith("Hennepin County DFL\n")
        assert "  state party: Minnesota Democratic" in out
        assert "" == err
        _, out, _ = run(
            capsys, "local-party", "--state", "CT", "--town", "Darien", "--party", "R", "--json"
        )
        found = json.loads(out)
        assert "Darien Republican Town Committee Connecticut" == found["query"]
        assert "state-party-ct-republican" == found["state_party"]["id"]
        code, _, err = run(capsys, "local-party", "--state", "CT", "--party", "D")
        assert 2 == code
        assert "town" in err

    def test_local_party_names_no_party_by_default(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --party, local-party answers for every party recorded in the state, in
        alphabetical order, and --json gives a list; an unrecorded party is exit 2."""
        _, out, _ = run(capsys, "local-party", "Travis", "--state", "TX")
        heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
        assert [
            "Travis County Democratic Party",
            "Travis County Green Party",
            "Travis County Libertarian Party",
            "Travis County Republican Party",
        ] == [head.split(" (")[0] for head in heads]
        _, out, _ = run(capsys, "local-party", "Travis", "--state", "TX", "--json")
        assert ["democratic", "green", "libertarian", "republican"] == [
            f["party"] for f in json.loads(out)
        ]
        code, _, err = run(capsys, "local-party", "Travis", "--state", "TX", "--party", "Whig")
        assert 2 == code
        assert "no record of the party 'Whig' in Texas; use one of: democratic" in err
        _, out, _ = run(capsys, "local-party", "Travis", "--state", "TX", "--party", "independent")
        assert "no party committee" in out

    def test_place(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--place "Town, ST" gives the town and the state; the town leads to its county
        where civicrun knows it."""
        _, out, _ = run(capsys, "local-party", "--place", "Cambridge, MA", "--party", "R")
        assert out.startswith("Cambridge Republican City Committee")
        _, out, _ = run(capsys, "election-office", "--place", "Baltimore, MD")
        assert out.startswith("Baltimore City Board of Elections (https://boe.baltimorecity.gov/)")
        assert "  search: City of Baltimore elections office Maryland\n" in out
        assert "Baltimore is Baltimore city, MD, a city in no county" in out
        _, out, _ = run(capsys, "match", "--place", "Cambridge, MA", "--party", "D", "--json")
        assert "local-party-25017-cambridge-democratic" in [m["id"] for m in json.loads(out)]
        _, out, _ = run(capsys, "local-party", "--place", "Phoenix, AZ", "--party", "R")
        assert out.startswith("Maricopa County Republican Committee")
        code, _, err = run(capsys, "local-party", "--place", "Houston, TX", "--party", "R")
        assert 2 == code  # Houston lies in four counties: the person is asked which
        assert "Harris County, TX" in err
        assert "give the county you live in" in err
        code, _, err = run(capsys, "local-party", "--place", "Cambridge", "--party", "R")
        assert 2 == code
        assert "give a place as 'town, state'" in err
        code, _, err = run(
            capsys, "local-party", "--place", "Cambridge, MA", "--state", "TX", "--party", "R"
        )
        assert 2 == code
        assert "--place is in MA" in err
        code, _, err = run(
            capsys, "local-party", "--place", "Cambridge, MA", "--town", "Boston", "--party", "R"
        )
        assert 2 == code
        assert "--place names 'Cambridge' but --town 'Boston'" in err

    def test_local_party_directory(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where the answer has the state party's directory, local-party prints it."""
        import attrs

        from civicrun import _parties, state_party

        official = state_party("TX", "R")
        assert official is not None
        page = "https://example.org/county-chairs"
        monkeypatch.setattr(
            _parties.Officials,
            "state",
            lambda self, code, party: attrs.evolve(official, local_directory=page),
        )
        _, out, _ = run(capsys, "local-party", "Loving", "--state", "TX", "--party", "R")
        assert f"  directory of the party's local committees: {page}" in out.splitlines()

    def test_election_office(self, capsys: pytest.CaptureFixture[str]) -> None:
        """election-office prints the query, who runs elections, and a search URL."""
        _, out, _ = run(capsys, "election-office", "--state", "DE")
        lines = out.splitlines()
        assert "Delaware Department of Elections" == lines[0]  # the state runs them
        assert lines[1].startswith("  Delaware: the state runs elections")
        assert lines[2].startswith("  chief election office: Delaware Department of Elections")
        assert "q=Delaware+Department+of+Elections" in lines[3]
        _, out, _ = run(capsys, "election-office", "Maricopa", "--state", "AZ")
        lines = out.splitlines()
        assert lines[0].startswith("Maricopa County"), lines  # the recorded office comes first
        assert lines[1] == "  search: Maricopa County elections office Arizona"
        _, out, _ = run(capsys, "election-office", "--state", "WI", "--town", "Madison", "--json")
        found = json.loads(out)
        assert "Madison" in found["query"]
        assert "municipal" == found["administration"]

    def test_offices(self, capsys: pytest.CaptureFixture[str]) -> None:
        """offices lists categories; office shows one."""
        _, out, _ = run(capsys, "offices")
        assert "school-board" in out
        _, out, _ = run(capsys, "offices", "--json")
        assert "school-board" in [o["id"] for o in json.loads(out)]
        _, out, _ = run(capsys, "offices", "--state", "TX", "--json")
        assert "school-board" in [o["category"] for o in json.loads(out)]
        _, out, _ = run(capsys, "office", "state-legislature")
        assert "7,386" in out
        _, out, _ = run(capsys, "office", "school board", "--json")
        assert "school-board" == json.loads(out)["id"]

    @pytest.mark.slow
    def test_data_check_passes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """data check, with no paths, passes the whole shipped data. Slow: the same check runs
        in-process in test_shipped_data_passes, and test_data_cases::test_the_command_line runs
        the command on a good record (as CI runs it on the whole data, as its own step)."""
        code, out, _ = run(capsys, "data", "check")
        assert (0, "data check passed\n") == (code, out)

    def test_data_stats(self, capsys: pytest.CaptureFixture[str]) -> None:
        """data stats reports."""
        _, out, _ = run(capsys, "data", "stats", "--json", "--on", "2026-11-26")
        assert 3235 == json.loads(out)["counties"]
        _, out, _ = run(capsys, "data", "stats", "--on", "2026-11-26")
        assert out.startswith("# Data coverage")

    def test_version_and_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version and --help exit 0."""
        assert 0 == main(["--version"])
        assert 0 == main(["--help"])
        capsys.readouterr()

    def test_python_m(self) -> None:
        """python -m civicrun works."""
        result = subprocess.run(
            [sys.executable, "-m", "civicrun", "county", "Hennepin"],
            capture_output=True,
            text=True,
            check=False,
        )
        hennepin = civicrun.lookup_county("Hennepin", "MN")
        line = f"27053  Hennepin County, MN (county, population {hennepin.population:,})\n"
        assert (0, line) == (result.returncode, result.stdout)


def test_docs_coverage_page_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/coverage.md is exactly what `civicrun data stats --markdown` prints for its date."""
    from pathlib import Path

    page = Path(__file__).parent.parent / "docs" / "coverage.md"
    if not page.exists():  # tests run against an installed wheel carry no docs
        pytest.skip("docs/ not present")
    text = page.read_text(encoding="utf-8")
    on = text.split("--on ", 1)[1].split("`", 1)[0]
    assert 0 == main(["data", "stats", "--markdown", "--on", on])
    assert text == capsys.readouterr().out, "regenerate: civicrun data stats --markdown --on DATE"


@hypothesis.given(
    text=st.text(st.sampled_from("ab -\t\n\r\x0b\x0c\xa0\u2003xyz"), max_size=120),
    width=st.integers(20, 100),
    indent=st.integers(0, 15),
)
def test_fill_is_textwrap_fill(text: str, width: int, indent: int) -> None:
    """The command line's fill gives what textwrap.fill gives (it skips textwrap for a text
    that fits on its first line unchanged)."""
    first, rest = " " * indent + "+ ", " " * (indent + 2)
    expected = textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest)
    assert expected == _fill(text, width, first, rest)
