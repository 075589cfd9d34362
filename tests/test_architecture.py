"""The architecture stays one-way: no import cycles, leaf modules stay leaves, a small top level."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import civicrun

PACKAGE = Path(civicrun.__file__).parent
API = Path(__file__).parent.parent / "docs" / "api.md"


def _imports(module: Path) -> set[str]:
    """The civicrun modules ``module`` imports, anywhere in it (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("civicrun."):
            found.add((node.module or "").split(".")[1])
    return found


GRAPH = {path.stem: _imports(path) for path in PACKAGE.glob("*.py") if path.stem != "__init__"}


def test_no_import_cycles() -> None:
    """The modules form a directed acyclic graph (data flows one way)."""
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            pytest.fail("import cycle: " + " -> ".join((*path[path.index(name) :], name)))
        if name in done:
            return
        for dependency in sorted(GRAPH.get(name, ())):
            visit(dependency, (*path, name))
        done.add(name)

    for module in sorted(GRAPH):
        visit(module, ())
    assert len(done) >= 15


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("_text", set()),
        ("_dates", set()),
        ("errors", set()),
        ("vocab", {"_text"}),
        ("_kinds", {"records"}),
    ],
)
def test_leaf_modules(module: str, allowed: set[str]) -> None:
    """The text folding, the date arithmetic, the errors and the vocabularies import nothing
    else of civicrun (the vocabularies only the text folding); the registry of record kinds
    imports only the records it lists (it is data, so the loader, checker, formatter,
    schemas, exports and stats can all import it)."""
    assert allowed == GRAPH[module]


def test_top_level_is_small_and_documented() -> None:
    """The top level holds functions, main records and the error base; its size is the one the
    API page justifies."""
    if not API.exists():  # tests run against an installed wheel carry no docs
        pytest.skip("docs/ not present")
    stated = re.search(r"`civicrun` itself holds (\d+) names", API.read_text(encoding="utf-8"))
    assert stated is not None, "docs/api.md no longer states the size of the top level"
    assert int(stated.group(1)) == len(civicrun.__all__)
    assert len(civicrun.__all__) <= 45
    errors = [n for n in civicrun.__all__ if n.endswith("Error")]
    assert ["CivicrunError"] == errors
