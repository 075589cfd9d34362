"""The TOML layout scanner: line numbers for data-check problems, and comments kept by
``data fmt`` (tricky lexical cases: strings holding ``#`` and brackets, multi-line strings and
arrays, dotted and quoted keys, keys the canonical form leaves out)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from civicrun._files import Problem
from civicrun._fmt import canonical, format_file
from civicrun._tomlmap import field_path, line_of, scan
from civicrun.cli import main
from civicrun.records import Organization

from .conftest import CHECK_DAY

TEXT = '''\
# a file comment
id = "x"  # the id
name = "A # not a comment [nor a table]"
notes = [
  # above the first item
  "one", # after the first item
  """multi
# still the string
line""",
]
literal = 'it''s # fine'

[coverage]  # the coverage table
scope = "national"
"quoted key".dotted = 1

# above the second source
[[sources]]
url = "https://a.test/"

[[sources]]
url = "https://b.test/"  # b
# trailing
'''


def test_scan_finds_each_key_and_table_line() -> None:
    layout = scan(TEXT)
    assert layout.lines[("id",)] == 2
    assert layout.lines[("name",)] == 3
    assert layout.lines[("notes",)] == 4
    assert layout.lines[("literal",)] == 11
    assert layout.lines[("coverage",)] == 13
    assert layout.lines[("coverage", "scope")] == 14
    assert layout.lines[("coverage", "quoted key", "dotted")] == 15
    assert layout.lines[("sources", 0)] == 18
    assert layout.lines[("sources", 0, "url")] == 19
    assert layout.lines[("sources", 1, "url")] == 22


def test_scan_tells_comments_from_strings() -> None:
    layout = scan(TEXT)
    assert layout.before[("id",)] == ["# a file comment"]
    assert layout.inline[("id",)] == "# the id"
    assert ("name",) not in layout.inline  # the '#' is inside the string
    assert layout.before[("notes",)] == ["# above the first item", "# after the first item"]
    assert ("literal",) not in layout.inline
    assert layout.inline[("coverage",)] == "# the coverage table"
    assert layout.before[("sources", 0)] == ["# above the second source"]
    assert layout.inline[("sources", 1, "url")] == "# b"
    assert layout.trailing == ["# trailing"]


@pytest.mark.parametrize(
    ("field", "line"),
    [
        ("$.id", 2),
        ("$.notes[1]", 4),  # an item: the line of its list
        ("$.sources[1].url", 22),
        ("$.sources[0].kind", 18),  # a missing key: its table
        ("$.coverage.states", 13),
        ("$", None),
        (None, None),
    ],
)
def test_a_field_is_found_at_its_line(field: str | None, line: int | None) -> None:
    assert line_of(scan(TEXT), field_path(field)) == line


def test_field_paths() -> None:
    assert field_path("$.sources[2].url") == ("sources", 2, "url")
    assert field_path("$.coverage.states[0]") == ("coverage", "states", 0)
    assert field_path("$") == ()


def _valid(tmp_path: Path) -> tuple[Path, str]:
    source = Path(__file__).parent / "data_cases" / "valid" / "example-valid-group.toml"
    path = tmp_path / source.name
    text = source.read_text()
    path.write_text(text)
    return path, text


def test_fmt_keeps_comments_where_they_were(tmp_path: Path) -> None:
    """Comments travel with their keys when formatting reorders them; a comment inside a
    list moves above the list's key; one on a key the canonical form drops (a default value)
    moves above the table it was in; the data are unchanged."""
    path, text = _valid(tmp_path)
    lines = text.splitlines()
    commented = [
        "# top of the file",
        lines[1] + "  # the name",  # moved above the id below
        lines[0],
        *lines[2:],
    ]
    sources = commented.index("[[sources]]")
    commented[sources:sources] = ["# the first source"]
    commented.insert(3, "aliases = []  # a default, left out")
    commented.append("# the end")
    path.write_text("\n".join(commented) + "\n")
    record = tomllib.loads(path.read_text())
    assert 0 == main(["data", "fmt", str(path)])
    out = path.read_text()
    assert tomllib.loads(out) == {k: v for k, v in record.items() if k != "aliases"}
    out_lines = out.splitlines()
    # the comment above the name travels with it; the dropped key's goes to the top
    assert out_lines[0] == "# a default, left out"
    assert out_lines[1].startswith("id = ")
    assert out_lines[2] == "# top of the file"
    assert out_lines[3].startswith("name = ")
    assert out_lines[3].endswith("  # the name")
    first = out_lines.index("[[sources]]")
    assert out_lines[first - 1] == "# the first source"
    assert out_lines[-1] == "# the end"
    # a second run changes nothing, and the check calls it canonical
    assert 0 == main(["data", "fmt", "--check", str(path)])
    assert [] == _check(path)


def _check(path: Path) -> list[Problem]:
    from civicrun._check import check_data

    return check_data(paths=[path], today=CHECK_DAY)


def test_canonical_without_comments_is_the_plain_form(tmp_path: Path) -> None:
    path, text = _valid(tmp_path)
    path.write_text("# a comment\n" + text)
    plain, kept = format_file(path, keep_comments=False)[1], format_file(path)[1]
    assert "#" not in plain.split("\n")[0]
    assert kept == "# a comment\n" + plain
    from civicrun._data import load_record_file

    assert canonical(load_record_file(path, Organization)) == plain
