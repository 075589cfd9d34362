"""The version, read from the installed distribution's metadata (``pyproject.toml`` is the
one place it is written)."""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _distribution_version


@functools.cache
def version() -> str:
    """civicrun's version, or ``"0+unknown"`` when it runs from a tree that is not installed."""
    try:
        return _distribution_version("civicrun")
    except PackageNotFoundError:  # pragma: no cover - only outside an installed environment
        return "0+unknown"
