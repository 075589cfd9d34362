"""Sphinx configuration for civicrun's documentation."""

from __future__ import annotations

import sys
from pathlib import Path

import civicrun
from civicrun import __version__

# The top level resolves its names on first use; resolve them all now, so that every public
# class is documented (and cross-referenced) as civicrun.X.
for _name in civicrun.__all__:
    getattr(civicrun, _name)

# Local extensions: catalogue writes the catalogue/ pages from the data (docs/_ext/catalogue.py).
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "civicrun"
author = "civicrun contributors"
copyright = "2026, civicrun contributors"  # noqa: A001
release = __version__
version = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "catalogue",
]
source_suffix = {".md": "markdown"}
# _data and _ext hold the map's outlines and the extension, not pages.
exclude_patterns = ["_build", "_data", "_ext"]
html_theme = "furo"
html_title = "civicrun"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
myst_heading_anchors = 3
# The docs build offline (CI has no network), so standard-library types are not linked.
nitpick_ignore = [
    ("py:class", name)
    for name in (
        "datetime.date",
        "dt.date",
        "collections.abc.Mapping",
        "collections.abc.Iterable",
        "collections.abc.Sequence",
        "Mapping",
        "Iterable",
        "Sequence",
        "Any",
        "_YesNo",
        "attrs.Attribute",
        "Traversable",
        "Requirement",  # the alias Condition | AnyOf
        "enum.StrEnum",
        "pathlib.Path",
        "Path",
        "Dataset",  # the loader's internal record of everything loaded
        "Found",  # the matcher's internal record of what a call decided (Matches' argument)
        "StrEnum",
        "civicrun.vocab.E",  # the type variable of parse()
        "E",
    )
]
