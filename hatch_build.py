"""The wheel's build hook: compile the TOML records into ``civicrun/data/bundle.json``.

The bundle is what an installed civicrun reads at run time (one JSON file, decoded lazily). It
is built here, from the records in the source tree, so it is never kept in git: a data pull
request changes only the TOML files it means to change. An editable install builds no bundle;
there civicrun compiles and caches it on first use (``civicrun._data.checkout_bundle``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Adds the compiled bundle to a (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        src = str(root / "src")
        sys.path.insert(0, src)
        try:
            from civicrun._data import BUNDLE, compile_bundle  # noqa: PLC0415  (from the tree)

            text = compile_bundle(root / "src" / "civicrun" / "data")  # type: ignore[arg-type]
        finally:
            sys.path.remove(src)
            for name in [m for m in sys.modules if m == "civicrun" or m.startswith("civicrun.")]:
                del sys.modules[name]
        out = root / "build" / "bundle" / BUNDLE
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text.encode("utf-8"))  # no newline translation: the header counts bytes
        build_data["force_include"][str(out)] = f"civicrun/data/{BUNDLE}"
