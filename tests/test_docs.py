"""The README and the API page stay true to the code."""

from __future__ import annotations

import re
import shlex
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


@pytest.mark.parametrize("command", _readme_commands())
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
