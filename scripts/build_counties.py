"""Build src/civicrun/data/counties.tsv and county_aliases.tsv, reproducibly.

Source: the county list in the MIT-licensed pygris package, version 0.2.1
(``pygris/internals/fips_codes.csv``, a copy of the U.S. Census Bureau's county FIPS codes, which
are public-domain federal facts). Like R's tigris, that list deliberately keeps retired counties
and predates Connecticut's 2022 planning regions, so this script then applies every change in
``scripts/county_changes.toml`` (each with its sources) and adds the local names in
``scripts/county_local_names.toml``. The five inhabited territories are kept (Puerto Rico's
municipios, Guam, the U.S. Virgin Islands' islands, American Samoa's districts and islands, the
Northern Mariana Islands' municipalities); the Minor Outlying Islands, which have no residents
who vote, are left out.

Populations come from ``scripts/county_population.tsv``: the U.S. Census Bureau's American
Community Survey 2018-2022 5-year estimates, table B01003 (total population), for every county
and Puerto Rico's municipios (the survey does not cover the other territories). The table was
read on 2026-12-01 from the data.census.gov export kept unmodified in the public repository
bdurand/us_geo (``data/raw/demographics/Counties-ACSDT5Y2022.B01003-Data.csv`` at commit
3b07218d55f386f7f94d61173922ddeafd734f03), because the Census Bureau's site cannot be reached
from where civicrun is built; two independent transcriptions of its 3,222 rows agreed on every
row, and the 50 states and DC add up to 331,097,593.

Usage::

    python scripts/build_counties.py                 # fetch the pinned wheel with pip, rebuild
    python scripts/build_counties.py --wheel PATH    # use a wheel you already have
    python scripts/build_counties.py --check         # exit 1 if the shipped files differ

The wheel's SHA-256 is pinned, so the output is the same byte for byte on every machine.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

PYGRIS = "pygris==0.2.1"
WHEEL_SHA256 = "34645b3cc456f6b761326979f0bac98f780931e72956bb6c86e742895908beca"
MEMBER = "pygris/internals/fips_codes.csv"
#: Left out: the U.S. Minor Outlying Islands (no voting residents, no elections).
LEFT_OUT = frozenset({"UM"})
HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
DATA = SRC / "civicrun" / "data"
sys.path.insert(0, str(SRC))

# The lookup keys are civicrun's own: the folded full name and the folded name without its
# suffix, with spaces removed (tests/test_geo.py checks the shipped keys still match).
from civicrun._text import fold  # noqa: E402
from civicrun.records import _SUFFIXES as SUFFIXES  # noqa: E402
from civicrun.records import County  # noqa: E402
from civicrun.vocab import CountyKind  # noqa: E402


def lookup_keys(fips: str, name: str, kind: str, state: str) -> tuple[str, str]:
    county = County(fips=fips, name=name, kind=CountyKind(kind), state=state)
    return fold(name).replace(" ", ""), fold(county.short_name).replace(" ", "")


#: Names whose kind their ending does not tell. Guam is one county-equivalent, the whole island.
SPECIAL_KINDS = {
    "Carson City": "independent-city",
    "District of Columbia": "district",
    "Guam": "island",
}


def kind_of(name: str) -> str:
    """The kind a name's ending means, from the records' own suffix table (longest first)."""
    if name in SPECIAL_KINDS:
        return SPECIAL_KINDS[name]
    endings = sorted(
        ((suffix, kind) for kind, suffixes in SUFFIXES.items() for suffix in suffixes),
        key=lambda pair: -len(pair[0]),
    )
    for suffix, kind in endings:
        if name.endswith(" " + suffix):
            return kind.value
    raise ValueError(f"cannot tell the kind of county-equivalent {name!r}")


def fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(folder),
            PYGRIS,
        ],
        check=True,
    )
    return next(folder.glob("pygris-*.whl"))


def read_source(wheel: Path) -> list[dict[str, str]]:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: SHA-256 {digest} is not the pinned {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(MEMBER).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_population() -> dict[str, str]:
    """FIPS code -> population, from scripts/county_population.tsv (see the module's doc)."""
    lines = (HERE / "county_population.tsv").read_text(encoding="utf-8").splitlines()
    if lines[0] != "fips\tpopulation":
        raise SystemExit("county_population.tsv: header must be fips, population")
    found: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        fips, people = line.split("\t")
        if len(fips) != 5 or not fips.isdigit() or not people.isdigit() or fips in found:
            raise SystemExit(f"county_population.tsv line {number}: bad or repeated row")
        found[fips] = people
    return found


def build(rows: list[dict[str, str]]) -> tuple[str, str]:
    changes = tomllib.loads((HERE / "county_changes.toml").read_text(encoding="utf-8"))["change"]
    local = tomllib.loads((HERE / "county_local_names.toml").read_text(encoding="utf-8"))["name"]
    counties: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row["state"] in LEFT_OUT:
            continue
        counties[row["state_code"] + row["county_code"]] = (row["county"], row["state"])
    aliases: list[tuple[str, str, str, str, str]] = []
    for change in changes:
        fips, state, kind = change["fips"], change["state"], change["kind"]
        if kind == "remove":
            old_name, old_state = counties.pop(fips)
            if old_state != state:
                raise SystemExit(f"{fips}: expected {state}, source has {old_state}")
            successors = change.get("replaced_by", [])
            note = change["note"]
            alias_kind = "former" if len(successors) == 1 else "retired"
            target = successors[0] if len(successors) == 1 else ""
            aliases.append((old_name, state, alias_kind, target, note))
            aliases.append((fips, state, alias_kind, target, note))
        elif kind == "rename":
            name, old_state = counties[fips]
            if name != change["old_name"] or old_state != state:
                raise SystemExit(f"{fips}: expected {change['old_name']}, source has {name}")
            counties[fips] = (change["name"], state)
            if fold(change["old_name"]) != fold(change["name"]):
                aliases.append((change["old_name"], state, "former", fips, change["note"]))
        elif kind == "add":
            if fips in counties:
                raise SystemExit(f"{fips}: already in the source list")
            counties[fips] = (change["name"], state)
        else:
            raise SystemExit(f"unknown change kind {kind!r} for {fips}")
    aliases.extend(
        (entry["name"], entry["state"], "local", entry["fips"], entry["note"]) for entry in local
    )
    for _name, _state, _kind, target, _note in aliases:
        if target and target not in counties:
            raise SystemExit(f"alias target {target} is not a current county")
    population = read_population()
    unknown = sorted(set(population) - set(counties))
    if unknown:
        raise SystemExit(f"county_population.tsv: codes not in the county list: {unknown}")
    table = ["fips\tname\tkind\tstate\tkey\tshort_key\tpopulation"]
    for f, (n, s) in sorted(counties.items()):
        kind = kind_of(n)
        people = population.get(f, "")
        table.append("\t".join((f, n, kind, s, *lookup_keys(f, n, kind, s), people)))
    alias_table = ["name\tstate\tkind\tfips\tnote"]
    alias_table += ["\t".join(a) for a in sorted(aliases)]
    return "\n".join(table) + "\n", "\n".join(alias_table) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded pygris 0.2.1 wheel")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        counties, aliases = build(read_source(wheel))
    outputs = {DATA / "counties.tsv": counties, DATA / "county_aliases.tsv": aliases}
    if args.check:
        stale = [
            p.name
            for p, text in outputs.items()
            if not p.exists() or p.read_text(encoding="utf-8") != text
        ]
        if stale:
            print("out of date: " + ", ".join(stale) + " (run scripts/build_counties.py)")
            return 1
        print("counties.tsv and county_aliases.tsv are up to date")
        return 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {counties.count(chr(10)) - 1} counties and {aliases.count(chr(10)) - 1} aliases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
