"""Build src/civicrun/data/places.tsv: the Census places of 25,000 people or more, and the
counties each lies in, so that a town or city a person names leads to its county.

Sources (read on 2026-12-07 through a stored copy of the public repository bdurand/us_geo,
because the Census Bureau's site cannot be reached from where civicrun is built):

* ``scripts/place_population.tsv``: every place (incorporated place or census-designated
  place) whose estimate is 25,000 or more in the U.S. Census Bureau's American Community Survey
  2018-2022 5-year estimates, table B01003 (total population): the data.census.gov export kept
  unmodified at ``data/raw/demographics/Places-ACSDT5Y2022.B01003-Data.csv`` (commit
  3b07218d55f386f7f94d61173922ddeafd734f03), the same export family as the county populations
  of ``build_counties.py``. Columns: the 7-digit place GEOID, the Census name as written
  ("Phoenix city, Arizona"), the estimate.
* ``scripts/place_counties.tsv``: the counties each of those places lies in (one row per place
  and county), from ``data/2020_dist/place_counties.csv`` of the same repository (commit
  0d9568cf48236b168a043e0bd03f157acd88f3b4), keyed by the Census place and county GEOIDs of
  2020 geography.

* ``scripts/place_counties_extra.tsv``: the county of six consolidated governments' "balance"
  places that the 2020 file leaves out (Athens-Clarke, Augusta-Richmond, Indianapolis,
  Louisville/Jefferson, Butte-Silver Bow, Nashville-Davidson), each from the repository's 2010
  file and, but for Indianapolis, the county its name names; each row's note says which.

Two places of the population list are in neither file and are left out (``LEFT_OUT``).

Both transcriptions were made from the stored copy page by page: the place-to-county rows
twice, independently, with identical results, and a random 12 of the 121 population pages
re-read by a second reader (262 rows, no difference). This script checks what it can (a
place's counties are counties of its own state in civicrun's county table; every place has a
county; no place is listed twice) and fails on anything else.

A place's name is the Census name without its state and its legal or statistical description
("city", "town", "borough", "village", "CDP", "municipality", "urban county", "metro
government (balance)" ...). A consolidated government's hyphenated or slashed name is also
known by its first part ("Louisville/Jefferson County" is also "Louisville", "Nashville-
Davidson" also "Nashville"); a CDP named for its county ("Woodlawn CDP (Baltimore County)")
keeps its own name, and its county says which one it is.

Usage::

    python scripts/build_places.py            # rebuild src/civicrun/data/places.tsv
    python scripts/build_places.py --check    # exit 1 if the shipped file differs
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "src" / "civicrun" / "data"
THRESHOLD = 25_000
HEADER = "geoid\tstate\tname\talso\tcensus_name\tkind\tpopulation\tcounties"

#: Legal and statistical descriptions at the end of a Census place name, longest first. A
#: consolidated government's first name part is also its common name.
_CONSOLIDATED = (
    "metropolitan government (balance)",
    "consolidated government (balance)",
    "unified government (balance)",
    "metro government (balance)",
    "urban county",
    "(balance)",
)
_DESCRIPTIONS = (
    *_CONSOLIDATED,
    "city and borough",
    "metro township",
    "Town city",
    "zona urbana",
    "comunidad",
    "municipality",
    "borough",
    "village",
    "city",
    "town",
    "CDP",
)
#: Places of the population list whose county neither file gives (see the module's doc).
LEFT_OUT = {
    "0947515": "Milford city (balance), Connecticut: in no place-to-county file read",
    "2236255": "Houma city, Louisiana: in no place-to-county file read",
}
#: Other names a place is known by that its Census name does not show.
_ALSO = {
    "1571550": ("Honolulu",),  # "Urban Honolulu CDP": the urban core of the City of Honolulu
    "1349008": ("Macon",),  # "Macon-Bibb County": the consolidated government, no description
}


def read_tsv(name: str, header: str) -> list[list[str]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != header:
        raise SystemExit(f"{name}: the header must be {header!r}")
    return [line.split("\t") for line in lines[1:] if line.strip()]


def split_name(census: str, state_name: str) -> tuple[str, tuple[str, ...], str]:
    """``"Phoenix city, Arizona"`` -> ``("Phoenix", (), "incorporated")``."""
    suffix = ", " + state_name
    if not census.endswith(suffix):
        raise SystemExit(f"{census!r} does not end with {suffix!r}")
    name = census[: -len(suffix)]
    qualifier = re.search(r" \(([^()]*County|[^()]*Parish|[^()]*Borough)\)$", name)
    if qualifier:  # "Woodlawn CDP (Baltimore County)": the county tells them apart
        name = name[: qualifier.start()]
    for description in _DESCRIPTIONS:
        if name.endswith(" " + description):
            short = name[: -len(description) - 1].strip()
            if description == "(balance)":  # "Indianapolis city (balance)": one more to go
                short, _also, _kind = split_name(f"{short}{suffix}", state_name)
            also: tuple[str, ...] = ()
            if description in _CONSOLIDATED:
                first = re.split(r"[-/]", short)[0].strip()
                also = (first,) if first != short else ()
            statistical = description in {"CDP", "zona urbana", "comunidad"}
            kind = "census-designated" if statistical else "incorporated"
            return short, also, kind
    # A few Census names carry no description ("Princeton, New Jersey"); only a CDP's name
    # says "CDP", so such a place is incorporated.
    return name, (), "incorporated"


def build() -> str:
    sys.path.insert(0, str(HERE.parent / "src"))
    import civicrun  # noqa: PLC0415  (the states and counties the places must agree with)

    states = {s.fips: s for s in civicrun.states()}
    county_state = {c.fips: c.state for c in civicrun.counties()}
    counties: dict[str, list[str]] = {}
    for number, row in enumerate(read_tsv("place_counties.tsv", "geoid\tcounty"), start=2):
        geoid, county = row
        if county in counties.setdefault(geoid, []):
            raise SystemExit(f"place_counties.tsv line {number}: {geoid} {county} repeated")
        counties[geoid].append(county)
    for number, (geoid, county, _note) in enumerate(
        read_tsv("place_counties_extra.tsv", "geoid\tcounty\tnote"), start=2
    ):
        if geoid in counties:
            raise SystemExit(f"place_counties_extra.tsv line {number}: {geoid} is already known")
        counties[geoid] = [county]
    rows = []
    seen: set[str] = set()
    header = "geoid\tname\tpopulation"
    for number, (geoid, census, people) in enumerate(
        read_tsv("place_population.tsv", header), start=2
    ):
        where = f"place_population.tsv line {number} ({census})"
        if not re.fullmatch(r"\d{7}", geoid) or geoid in seen:
            raise SystemExit(f"{where}: {geoid!r} is not a new 7-digit place GEOID")
        seen.add(geoid)
        if geoid in LEFT_OUT:
            continue
        if not people.isdigit() or int(people) < THRESHOLD:
            raise SystemExit(f"{where}: population {people!r} is not {THRESHOLD:,} or more")
        state = states.get(geoid[:2])
        if state is None:
            raise SystemExit(f"{where}: {geoid[:2]} is not a state's FIPS code")
        name, also, kind = split_name(census, state.name)
        also = also + _ALSO.get(geoid, ())
        here = counties.pop(geoid, None)
        if not here:
            raise SystemExit(f"{where}: no county in place_counties.tsv")
        for county in here:
            if county_state.get(county) != state.code:
                raise SystemExit(f"{where}: {county} is not a county of {state.code}")
        rows.append(
            (
                geoid,
                state.code,
                name,
                ";".join(also),
                census,
                kind,
                people,
                ";".join(sorted(here)),
            )
        )
    if counties:
        raise SystemExit(
            f"place_counties.tsv: places not in place_population.tsv: {sorted(counties)}"
        )
    return "\n".join([HEADER, *("\t".join(r) for r in sorted(rows))]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = build()
    target = DATA / "places.tsv"
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("out of date: places.tsv (run scripts/build_places.py)")
            return 1
        print("places.tsv is up to date")
        return 0
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {text.count(chr(10)) - 1} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
