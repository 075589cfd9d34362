"""Open Civic Data identifiers: derived for every state and county-equivalent, checked against
the extract of opencivicdata/ocd-division-ids in ../shared/data/ocd (CC0; see its README)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from civicrun import counties, lookup_county, lookup_state, states
from civicrun.errors import UnknownCountyError


def _extract() -> Path:
    for parent in Path(__file__).resolve().parents:
        found = parent / "shared" / "data" / "ocd"
        if found.is_dir():
            return found
    pytest.skip("../shared/data/ocd (the OCD extract) is not present beside the checkout")


def test_state_ids_equal_the_published_ones() -> None:
    """Every state's derived id is the one OCD publishes (DC's is district:dc); a territory's is
    the ``territory:`` id that OCD's aliases give as the same division as ``state:pr`` etc."""
    with (_extract() / "states.csv").open(encoding="utf-8") as handle:
        published = {row[0] for row in csv.reader(handle)}  # no header: id, name
    with (_extract() / "aliases.csv").open(encoding="utf-8") as handle:
        same = {row["id"]: row["sameAs"] for row in csv.DictReader(handle)}
    for state in states():
        if state.kind.value == "territory":
            assert state.ocd_id == same[f"ocd-division/country:us/state:{state.code.lower()}"]
        else:
            assert state.ocd_id in published, state.code
    assert "ocd-division/country:us/district:dc" == lookup_state("DC").ocd_id
    assert "ocd-division/country:us/territory:pr" == lookup_state("PR").ocd_id


def test_county_ids_equal_the_published_ones() -> None:
    """Every county-equivalent the extract has an id for gets exactly that id; the ones it has
    none for are the ones its README names (Connecticut's planning regions, Chugach, Copper
    River and Kusilvak, and Oglala Lakota, still under its old name Shannon) and DC, whose id is
    in the state list."""
    ours = {c.fips: c for c in counties()}
    matched: set[str] = set()
    places = 0
    with (_extract() / "county_equivalents.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            geoid = row["census_geoid"]
            if geoid.startswith("place-"):  # an independent city, keyed by its place code
                state = row["id"].split("state:")[1][:2].upper()
                fits = [
                    c
                    for c in ours.values()
                    if c.state == state
                    and c.kind.value == "independent-city"
                    and c.ocd_id == row["id"]
                ]
                if fits:  # a city no longer a county-equivalent (Bedford, VA, 2013) has none
                    matched.add(fits[0].fips)
                    places += 1
            elif geoid in ours:
                assert row["id"] == ours[geoid].ocd_id, (geoid, ours[geoid].name)
                matched.add(geoid)
    missing = sorted(str(ours[f]) for f in set(ours) - matched)
    # DC's id is the state list's district:dc (checked above).
    named = {"Chugach", "Copper", "Kusilvak", "Oglala", "District"}
    # The extract has no ids for the islands, districts and municipalities of GU, VI, AS and
    # MP, and civicrun derives none (ocd_id is None); Puerto Rico's municipios all match.
    others = {"GU", "VI", "AS", "MP"}
    missing = [m for m in missing if m.rsplit(", ", 1)[1] not in others]
    assert all("Planning Region" in m or m.split(" ")[0] in named for m in missing), missing
    assert all(ours[f].ocd_id is None for f in ours if ours[f].state in others)
    assert sum(1 for f in matched if f.startswith("72")) == 78
    assert len(matched) >= 3128
    assert places >= 40


def test_lookup_county_accepts_an_ocd_id() -> None:
    """An OCD id resolves to its county; one that names none is a clear error."""
    assert "48453" == lookup_county("ocd-division/country:us/state:tx/county:travis").fips
    assert "51510" == lookup_county("ocd-division/country:us/state:va/place:alexandria").fips
    assert "11001" == lookup_county("ocd-division/country:us/district:dc").fips
    with pytest.raises(UnknownCountyError, match="no county-equivalent has this OCD id"):
        lookup_county("ocd-division/country:us/state:tx/county:narnia")
    with pytest.raises(UnknownCountyError, match="is Travis County, TX"):
        lookup_county("ocd-division/country:us/state:tx/county:travis", state="CA")
