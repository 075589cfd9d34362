"""The README and the API page stay true to the code."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from pathlib import Path

import pytest

import civicrun
from civicrun.cli import main

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
API = ROOT / "docs" / "api.md"


def _readme_commands() -> list[str]:
    if not README.exists():
        return []
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [
        line.split("#")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("civicrun ")
    ]


#: README commands that check all the shipped data, which other tests already do in-process
#: (``test_shipped_data_passes``, ``test_shipped_data_is_canonical``) and CI runs as its own
#: step: run here with the slow tests only, so a contributor's run checks the data once.
_WHOLE_DATA = {"civicrun data check", "civicrun data fmt --check"}


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(c, marks=pytest.mark.slow) if c in _WHOLE_DATA else c
        for c in _readme_commands()
    ],
)
def test_readme_commands_run(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every `civicrun ...` line in the README runs and exits 0."""
    assert 0 == main(shlex.split(command)[1:])
    assert capsys.readouterr().out


def test_readme_lists_commands() -> None:
    """The README shows the command line (guards the test above against finding nothing)."""
    if not README.exists():
        pytest.skip("README.md not present")
    assert len(_readme_commands()) >= 8


def test_api_page_lists_every_public_name() -> None:
    """docs/api.md documents every name in civicrun.__all__."""
    if not API.exists():
        pytest.skip("docs/ not present")
    text = API.read_text(encoding="utf-8")
    missing = [
        name
        for name in civicrun.__all__
        if name != "__version__" and f"civicrun.{name}" not in text
    ]
    assert [] == missing


def test_data_format_local_party_examples_are_real_records() -> None:
    """The local-party TOML examples of docs/data-format.md (a county party, a town
    committee) are the shipped records' own id, name and coverage."""
    import tomllib

    from civicrun._converter import converter
    from civicrun.records import Coverage

    page = ROOT / "docs" / "data-format.md"
    if not page.exists():
        pytest.skip("docs/ not present")
    blocks = re.findall(r"```toml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    examples = [tomllib.loads(b) for b in blocks if 'kind = "local-party"' in b]
    assert {e["id"] for e in examples} == {
        "local-party-48201-democratic",
        "local-party-25017-cambridge-democratic",
    }
    for example in examples:
        record = civicrun.get_organization(example["id"])
        assert record is not None
        assert example["name"] == record.name
        assert converter.structure(example["coverage"], Coverage) == record.coverage


PERFORMANCE = ROOT / "docs" / "performance.md"
#: "(commit 307dc2f): 598 organizations (316 of them local parties": a figure of a past commit.
_MEASURED_AT = re.compile(
    r"\(commit ([0-9a-f]{7,40})\):\s+([\d,]+)\s+organizations\s+\(([\d,]+)\s+of\s+them\s+local"
)


def _git(*args: str) -> str | None:
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def test_performance_page_counts_are_those_of_the_commit_measured() -> None:
    """Each "(commit X): N organizations (M of them local parties" on the performance page is
    what commit X holds: the figures describe a past dataset, so git is the witness."""
    if not PERFORMANCE.exists():
        pytest.skip("docs/ not present")
    claims = _MEASURED_AT.findall(PERFORMANCE.read_text(encoding="utf-8"))
    assert len(claims) >= 2, "the performance page no longer names the commits it measured"
    checked = 0
    for commit, organizations, local in claims:
        listing = _git("ls-tree", "--name-only", commit, "src/civicrun/data/organizations/")
        if listing is None:  # not a git checkout, or a shallow clone without that commit
            continue
        names = [line.rsplit("/", 1)[-1] for line in listing.splitlines()]
        found = (len(names), sum(n.startswith("local-party-") for n in names))
        assert (int(organizations.replace(",", "")), int(local.replace(",", ""))) == found, commit
        checked += 1
    if not checked:
        pytest.skip("the commits measured are not in this checkout's history")


def test_api_page_counts_are_the_top_levels() -> None:
    """The API page's "N names: F functions, the R records (...)" are counted from
    civicrun.__all__, and the records it lists are top-level classes."""
    if not API.exists():
        pytest.skip("docs/ not present")
    import inspect

    stated = re.search(
        r"holds (\d+) names: (\d+) functions, the (\d+) records they return or take\s*\(([^)]*)\)",
        API.read_text(encoding="utf-8"),
    )
    assert stated is not None, "docs/api.md no longer counts the top level"
    records = re.findall(r"`(\w+)`", stated.group(4))
    assert all(inspect.isclass(getattr(civicrun, name)) for name in records)
    functions = sum(inspect.isfunction(getattr(civicrun, name)) for name in civicrun.__all__)
    counted = (len(civicrun.__all__), functions, len(records))
    assert counted == tuple(int(n) for n in stated.groups()[:3])


def test_data_format_text_limits_are_the_checks() -> None:
    """The data-format page's text limits are the ones `civicrun data check` applies."""
    page = ROOT / "docs" / "data-format.md"
    if not page.exists():
        pytest.skip("docs/ not present")
    from civicrun._check import LIMITS, NOTE_LIMIT

    text = " ".join(page.read_text(encoding="utf-8").split())
    stated = re.search(
        r"at most ([\d,]+) characters for a name, ([\d,]+) for a title, ([\d,]+) for a summary,"
        r" ([\d,]+) for a URL and ([\d,]+) for a note",
        text,
    )
    assert stated is not None, "docs/data-format.md no longer states the text limits"
    expected = (LIMITS["name"], LIMITS["title"], LIMITS["summary"], LIMITS["url"], NOTE_LIMIT)
    assert expected == tuple(int(n.replace(",", "")) for n in stated.groups())


def _only_placeholders(problems: Sequence[str]) -> list[str]:
    """The problems that are not about placeholders (example.org urls, skeleton texts)."""
    return [
        p
        for p in problems
        if "is an example address" not in p and "is the skeleton's placeholder" not in p
    ]


def test_data_format_organization_example_is_valid_but_for_its_placeholders(
    tmp_path: Path,
) -> None:
    """Copied verbatim, the organization example of docs/data-format.md has no problem but its
    placeholders, which data check names (so it cannot land as it is)."""
    from civicrun._check import check_data

    page = ROOT / "docs" / "data-format.md"
    if not page.exists():
        pytest.skip("docs/ not present")
    example = re.findall(r"```toml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)[0]
    folder = tmp_path / "organizations"
    folder.mkdir()
    (folder / "example-group.toml").write_text(example, encoding="utf-8")
    problems = check_data(paths=[folder / "example-group.toml"])
    assert [] == _only_placeholders(problems)
    assert any("is an example address" in p for p in problems)


@pytest.mark.parametrize("kind", ["organization", "state-program", "office-category"])
def test_data_new_skeletons_are_valid_but_for_their_placeholders(kind: str, tmp_path: Path) -> None:
    """Each `data new` skeleton, as printed, has no problem but its placeholders."""
    import datetime as dt

    from civicrun._check import check_data
    from civicrun._fmt import skeleton

    folder = tmp_path / ("offices" if kind == "office-category" else "organizations")
    folder.mkdir()
    path = folder / "my-new-record.toml"
    path.write_text(skeleton(kind, "my-new-record", dt.date.today().isoformat()), "utf-8")
    problems = check_data(paths=[path])
    assert [] == _only_placeholders(problems)
    assert problems


def test_exports_page_lists_every_table_and_column() -> None:
    """docs/exports.md lists the export's tables exactly as TABLES describes them, so the page
    cannot drift from the export (its pandas and SQL examples run as doctests)."""
    from civicrun._tables import TABLES, reference

    page = ROOT / "docs" / "exports.md"
    if not page.exists():
        pytest.skip("docs/ not present")
    text = page.read_text(encoding="utf-8")
    start = text.index("\n", text.index("<!-- tables:")) + 2
    listed = text[start : text.index("\n<!-- end of tables -->")]
    assert reference() == listed, (
        "regenerate the list in docs/exports.md: "
        "python -c \"from civicrun._tables import reference; print(reference(), end='')\""
    )
    assert all(f"### `{name}`" in listed for name in TABLES)
    assert "exports" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
