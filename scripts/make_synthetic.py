"""Write a synthetic data tree FACTOR times the shipped organizations, for benchmarks.

Every shipped organization is kept, and FACTOR - 1 copies of each are added with new ids and
names (``<id>-copy-<n>``), each a program working in one county (spread over every
county-equivalent): growth by county parties and local programs is how the dataset is meant
to grow. No copy is an official party organization (a place has one). States, offices and
counties are the shipped ones. The tree has the TOML records and its compiled
``bundle.json``, so it loads like the package's own data; ``--check`` also runs
``civicrun data check`` on it (slow at 100x).

    python scripts/make_synthetic.py 100 /tmp/civicrun-100x [--check]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "civicrun" / "data"
sys.path.insert(0, str(ROOT / "src"))

from civicrun._bundle import decoder  # noqa: E402
from civicrun._check import check_data  # noqa: E402
from civicrun._data import BUNDLE, Bundle, bundle_text, compile_bundle  # noqa: E402
from civicrun._fmt import canonical  # noqa: E402
from civicrun.records import Organization  # noqa: E402


def _copy(entry: dict[str, object], n: int, county: tuple[str, str]) -> dict[str, object]:
    """A copy of ``entry`` that works in one county: the way the dataset grows (county
    parties, local programs), so a copy is a local program with the original's rules."""
    copy = dict(entry)
    copy["id"] = f"{entry['id']}-copy-{n}"
    copy["name"] = f"{entry['name']} (copy {n})"
    copy.pop("aliases", None)
    copy.pop("former_names", None)
    copy.pop("official_party", None)  # one official organization per party and place
    copy["kind"] = "state-program"
    fips, state = county
    copy["coverage"] = {"scope": "counties", "states": [state], "counties": [fips]}
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factor", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--check", action="store_true", help="run the data check on the tree")
    args = parser.parse_args(argv)
    target: Path = args.target
    for folder in ("states", "offices"):
        shutil.copytree(DATA / folder, target / folder, dirs_exist_ok=True)
    for name in ("counties.tsv", "county_aliases.tsv"):
        shutil.copy(DATA / name, target / name)
    shutil.copytree(DATA / "organizations", target / "organizations", dirs_exist_ok=True)
    compiled = Bundle(compile_bundle(DATA).encode("utf-8"))  # type: ignore[arg-type]  # a Path
    bundle = {folder: compiled.entries(folder) for folder in compiled.header["records"]}
    rows = (DATA / "counties.tsv").read_text(encoding="utf-8").splitlines()[1:]
    places = [(row.split("\t")[0], row.split("\t")[3]) for row in rows]
    originals = bundle["organizations"]
    copies = [
        _copy(e, n, places[(n * len(originals) + i) % len(places)])
        for n in range(1, args.factor)
        for i, e in enumerate(originals)
    ]
    decode = decoder(Organization)
    for entry in copies:  # each copy written as contributors' files are, in canonical form
        (target / "organizations" / f"{entry['id']}.toml").write_text(
            canonical(decode(entry)), encoding="utf-8"
        )
    bundle["organizations"] = sorted(bundle["organizations"] + copies, key=lambda e: e["id"])
    version = {k: compiled.header[k] for k in ("data_date", "data_version")}
    (target / BUNDLE).write_bytes(bundle_text(bundle, **version).encode("utf-8"))
    print(f"wrote {len(bundle['organizations']):,} organizations to {target}")
    if args.check:
        problems = check_data(target)  # type: ignore[arg-type]  # a Path is a Traversable
        print("\n".join(problems) or "data check passed")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
