"""Compile the TOML records into src/civicrun/data/bundle.json, the file civicrun loads.

TOML stays what contributors edit; the bundle is what the library reads at run time (one JSON
file, parsed by the standard library). Run after any data change:

    python scripts/build_bundle.py           # rewrite the bundle
    python scripts/build_bundle.py --check   # exit 1 if the bundle does not match the TOML
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "civicrun" / "data"
sys.path.insert(0, str(ROOT / "src"))

from civicrun._data import BUNDLE, compile_bundle  # noqa: E402
from civicrun.errors import DataError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the bundle is current")
    args = parser.parse_args(argv)
    try:
        text = compile_bundle(DATA)  # type: ignore[arg-type]  # a Path is a Traversable
    except DataError as exc:
        print(f"cannot compile: {exc}", file=sys.stderr)
        return 1
    target = DATA / BUNDLE
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target.relative_to(ROOT)} is out of date: run python scripts/build_bundle.py")
            return 1
        print(f"{target.relative_to(ROOT)} is up to date")
        return 0
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {target.relative_to(ROOT)} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
