"""Exports: JSON, CSV with a Frictionless data package, and SQLite, each with the data version."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import gc
import json
import shutil
import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import civicrun
import civicrun._tables
from civicrun.cli import main


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The export in a format, made through the command line on first use and shared by the
    tests of this module (they only read it): each format is exported once per worker."""
    folder = tmp_path_factory.mktemp("export")
    names = {"json": "civicrun.json", "csv": "csv", "sqlite": "civicrun.sqlite"}
    made: dict[str, Path] = {}

    def get(kind: str) -> Path:
        if kind not in made:
            out = folder / names[kind]
            assert 0 == main(["export", "--format", kind, "--output", str(out)])
            made[kind] = out
        return made[kind]

    return get


def test_json_carries_everything_and_the_version(exported: Callable[[str], Path]) -> None:
    """The JSON export has every record and the dataset's version and date."""
    body = json.loads(exported("json").read_text(encoding="utf-8"))
    assert civicrun.DATA_VERSION == body["data_version"]
    assert civicrun.DATA_DATE == body["data_date"]
    assert len(civicrun.organizations()) == len(body["organizations"])
    assert len(civicrun.states()) == len(body["states"])
    assert len(civicrun.counties()) == len(body["counties"])
    ndtc = next(o for o in body["organizations"] if o["id"] == "ndtc")
    assert "serves" in ndtc


def test_csv_tables_and_their_data_package(exported: Callable[[str], Path]) -> None:
    """The CSV tables load with the csv module as they are, and the data package describing
    them validates with the frictionless tool (primary and foreign keys included)."""
    frictionless = pytest.importorskip("frictionless")
    out = exported("csv")
    with (out / "organizations.csv").open(encoding="utf-8", newline="") as handle:
        orgs = list(csv.DictReader(handle))
    assert len(civicrun.organizations()) == len(orgs)
    emily = next(o for o in orgs if o["id"] == "emilys-list")
    assert "party one of democratic" in emily["requirements"]
    with (out / "counties.csv").open(encoding="utf-8", newline="") as handle:
        people = {c["fips"]: c["population"] for c in csv.DictReader(handle)}
    assert ("9936690", "") == (people["06037"], people["66010"])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert civicrun.DATA_VERSION == package["version"]
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_sqlite_has_keys_and_the_version(exported: Callable[[str], Path]) -> None:
    """The SQLite file has one table per kind, primary and foreign keys that hold, and the
    dataset's version."""
    with contextlib.closing(sqlite3.connect(exported("sqlite"))) as db:
        assert [] == db.execute("PRAGMA foreign_key_check").fetchall()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"organizations", "organization_rules", "states", "counties"} <= tables
        (count,) = db.execute("SELECT count(*) FROM counties").fetchone()
        assert len(civicrun.counties()) == count
        (version,) = db.execute("SELECT value FROM dataset WHERE key='data_version'").fetchone()
        assert civicrun.DATA_VERSION == version
        rules = db.execute(
            "SELECT kind, field FROM organization_rules WHERE organization_id='higher-heights'"
        ).fetchall()
        assert ("audience", "race_ethnicity") in rules
        (people,) = db.execute("SELECT population FROM counties WHERE fips='06037'").fetchone()
        assert 9_936_690 == people
        assert (None,) == db.execute(
            "SELECT population FROM counties WHERE fips='66010'"
        ).fetchone()
        cook = db.execute(
            "SELECT position, name FROM election_offices WHERE fips='17031' ORDER BY position"
        ).fetchall()
        assert [1, 2] == [p for p, _ in cook]
        (offices,) = db.execute("SELECT count(*) FROM election_offices").fetchone()
        assert sum(len(s.election_offices) for s in civicrun.states()) == offices
        assert ("territory",) == db.execute("SELECT kind FROM states WHERE code='PR'").fetchone()


def test_every_missing_value_is_null(exported: Callable[[str], Path]) -> None:
    """A missing value is NULL in SQLite in every column (no text column holds ''), and an empty
    cell in CSV that the data package declares as its missing value."""
    with contextlib.closing(sqlite3.connect(exported("sqlite"))) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for column in [r[1] for r in db.execute(f"PRAGMA table_info({table})")]:
                sql = f"SELECT count(*) FROM {table} WHERE \"{column}\" = ''"
                assert (0,) == db.execute(sql).fetchone(), (table, column)
        (no_url,) = db.execute("SELECT count(*) FROM organizations WHERE url IS NULL").fetchone()
    assert sum(o.url is None for o in civicrun.organizations()) == no_url > 0
    package = json.loads((exported("csv") / "datapackage.json").read_text(encoding="utf-8"))
    assert all([""] == r["schema"]["missingValues"] for r in package["resources"])


def _read_typed(folder: Path, table: str) -> Any:
    """A CSV table read with pandas, each column given its type from the data package."""
    pandas = pytest.importorskip("pandas")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == f"{table}.csv")
    types = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
    fields = resource["schema"]["fields"]
    return pandas.read_csv(
        folder / resource["path"],
        dtype={f["name"]: types.get(f["type"], "string") for f in fields},
        keep_default_na=False,
        na_values=resource["schema"]["missingValues"],
    )


def test_csv_is_typed_and_every_field_described(exported: Callable[[str], Path]) -> None:
    """Every code (FIPS, ids) is a string in the data package, so pandas reading with the
    package's types keeps 01001; every table and every field has a description; no column is
    named after an SQL keyword."""
    pytest.importorskip("pandas")
    folder = exported("csv")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        (r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]
    }
    assert all(r["description"] for r in package["resources"])
    assert [] == [key for key, field in fields.items() if not field.get("description")]
    codes = [key for key in fields if key[1] in ("id", "fips", "code", "state")]
    codes += [key for key in fields if key[1].endswith("_id")]
    assert len(codes) > 10
    assert {"string"} == {fields[key]["type"] for key in codes}
    counties = _read_typed(folder, "counties")
    assert "01001" in set(counties["fips"])
    assert 9_936_690 == counties.set_index("fips").loc["06037", "population"]
    states = _read_typed(folder, "states")
    assert "01" == states.set_index("code").loc["AL", "fips"]
    keywords = {"group", "order", "select", "from", "where", "table", "index", "key", "values"}
    assert set() == {name for _, name in fields} & keywords


def test_lists_are_link_tables_and_rules_readable_columns(
    exported: Callable[[str], Path],
) -> None:
    """Every list of an organization is a link table keyed by its id (with foreign keys that
    hold), not pipe-joined text; a rule's values are columns and rows, not encodings like
    ``..39``; the JSON keeps them as arrays and objects."""
    out = exported("sqlite")
    emily = civicrun.get_organization("emilys-list")
    assert emily is not None
    with contextlib.closing(sqlite3.connect(out)) as db:
        assert [] == db.execute("PRAGMA foreign_key_check").fetchall()
        support = db.execute(
            "SELECT support FROM organization_support WHERE organization_id='emilys-list'"
        ).fetchall()
        assert sorted(s.value for s in emily.support) == [s for (s,) in support]
        (texas,) = db.execute(
            "SELECT count(*) FROM organization_states WHERE state='TX'"
        ).fetchone()
        assert sum("TX" in o.coverage.states for o in civicrun.organizations()) == texas > 0
        parents = {r[2] for r in db.execute("PRAGMA foreign_key_list(organization_counties)")}
        assert {"organizations", "counties"} == parents
        cells = [
            str(v)
            for sql in (
                "SELECT requirements, serves, priorities FROM organizations",
                "SELECT field, test, at_least, at_most, born_on_or_after, born_on_or_before"
                " FROM organization_rules",
            )
            for row in db.execute(sql)
            for v in row
        ]
        assert [] == [c for c in cells if ".." in c or "|" in c]
        values = db.execute(
            "SELECT r.field, v.value FROM organization_rules r JOIN organization_rule_values v"
            " USING (organization_id, position) WHERE organization_id='emilys-list'"
        ).fetchall()
        assert ("party", "democratic") in values
        ages = db.execute(
            "SELECT at_least, at_most FROM organization_rules WHERE test='between'"
        ).fetchall()
        assert ages
        assert all(isinstance(v, int) or v is None for row in ages for v in row)
        assert all(row != (None, None) for row in ages)
    json_out = exported("json")
    body = json.loads(json_out.read_text(encoding="utf-8"))
    record = next(o for o in body["organizations"] if o["id"] == "emilys-list")
    assert sorted(s.value for s in emily.support) == record["support"]


def _leaves(node: object) -> list[object]:
    if isinstance(node, dict):
        return [leaf for value in node.values() for leaf in _leaves(value)]
    if isinstance(node, list):
        return [leaf for value in node for leaf in _leaves(value)]
    return [node]


def test_every_json_fact_is_in_the_tables(exported: Callable[[str], Path]) -> None:
    """Every value of the JSON export (party structures, legislatures' minimum ages, activity
    evidence, state sources ...) is a cell of the SQLite export, the same tables as CSV."""
    json_out, db_out = exported("json"), exported("sqlite")
    body = json.loads(json_out.read_text(encoding="utf-8"))
    with contextlib.closing(sqlite3.connect(db_out)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cells = {
            (table, value)
            for table in tables
            for row in db.execute(f"SELECT * FROM {table}")
            for value in row
        }
        parties = db.execute(
            "SELECT local_label, local_unit FROM state_parties"
            " WHERE state='VT' AND party='democratic'"
        ).fetchone()
        ages = db.execute(
            "SELECT chamber, age FROM office_category_minimum_ages WHERE state='TX'"
        ).fetchall()
        active = db.execute(
            "SELECT count(*) FROM organizations WHERE active_as_of IS NOT NULL"
        ).fetchone()
    values = {value for _, value in cells}
    wanted = {
        leaf
        for key in ("organizations", "states", "office_categories", "counties")
        for leaf in _leaves(body[key])
        if leaf not in (None, "") and not isinstance(leaf, bool)
    }
    assert set() == wanted - values
    vermont = civicrun.get_state("VT")
    assert vermont is not None
    structure = next(p for p in vermont.parties if p.party.value == "democratic")
    assert (structure.local_label, structure.local_unit.value) == parties
    assert {"senate", "house"} == {chamber for chamber, _ in ages}
    assert sum(o.active_as_of is not None for o in civicrun.organizations()) == active[0] > 0


# Datasette's own connections are not all closed when its app goes away (seen on Python 3.13):
# its ResourceWarnings are its own, and are collected here rather than in a later test.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_sqlite_opens_in_datasette(exported: Callable[[str], Path], tmp_path: Path) -> None:
    """The SQLite export opens in Datasette as it is (its Python API, no server, no network):
    every table is listed, and a link table's foreign keys show as labelled links."""
    datasette = pytest.importorskip(
        "datasette.app", reason="datasette is not installed (pip install -e '.[test]' has it)"
    )
    # Datasette may write to a database it is given (mutable by default): a byte copy of the
    # shared export, so the other tests read the file as the export wrote it.
    out = Path(shutil.copy(exported("sqlite"), tmp_path / "civicrun.sqlite"))

    async def visit() -> tuple[Any, Any, Any]:
        app = datasette.Datasette(files=[str(out)])
        await app.invoke_startup()
        listed = (await app.client.get("/civicrun.json")).json()
        link = await app.client.get(
            "/civicrun/organization_states.json?_shape=objects&_labels=on"
            "&organization_id=state-party-oh-republican"
        )
        emily = await app.client.get("/civicrun/organizations/emilys-list.json?_shape=objects")
        return listed, link.json(), emily.json()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        listed, link, emily = asyncio.run(visit())
        gc.collect()  # datasette's unclosed connections go now, not in a later test
    assert set(civicrun._tables.TABLES) <= {t["name"] for t in listed["tables"]}
    assert [{"value": "OH", "label": "Ohio"}] == [row["state"] for row in link["rows"]]
    assert "EMILY's List" == emily["rows"][0]["name"]


def test_version_line(capsys: pytest.CaptureFixture[str]) -> None:
    """--version names the library's and the data's versions."""
    assert 0 == main(["--version"])
    out = capsys.readouterr().out
    assert civicrun.DATA_VERSION in out


SCHEMAS = Path(__file__).parent.parent / "docs" / "schema"


@pytest.mark.parametrize("kind", ["organization", "state", "office-category", "match", "offices"])
def test_committed_schemas_are_current(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    """docs/schema/KIND.schema.json is exactly what `civicrun schema KIND` prints."""
    if not SCHEMAS.is_dir():
        pytest.skip("docs/ not present")
    assert 0 == main(["schema", kind])
    assert (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8") == capsys.readouterr().out


def test_exports_and_match_json_validate_against_the_schemas(
    exported: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every exported record, and what match --json prints, is valid under its schema."""
    jsonschema = pytest.importorskip("jsonschema")
    from civicrun._schema import schema

    body = json.loads(exported("json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator
    for kind, records in (
        ("organization", body["organizations"]),
        ("state", body["states"]),
        ("office-category", body["office_categories"]),
    ):
        validator = checker(schema(kind), format_checker=checker.FORMAT_CHECKER)
        for record in records:
            validator.validate(record)
    capsys.readouterr()
    assert 0 == main(["match", "--state", "TX", "--party", "D", "--json"])
    matches = json.loads(capsys.readouterr().out)
    checker(schema("match")).validate(matches)
    with pytest.raises(jsonschema.ValidationError):
        checker(schema("organization")).validate({**body["organizations"][0], "colour": "blue"})


@pytest.mark.parametrize("kind", ["organization", "state", "office-category", "match"])
def test_schema_descriptions_are_single_spaced(kind: str) -> None:
    """Descriptions built from docstrings are the same on every Python (3.13 strips docstring
    indentation at compile time): no run of spaces from an indented line is left in them."""
    from civicrun._schema import schema

    def descriptions(node: object) -> list[str]:
        if isinstance(node, dict):
            own = [node["description"]] if isinstance(node.get("description"), str) else []
            return own + [d for value in node.values() for d in descriptions(value)]
        if isinstance(node, list):
            return [d for value in node for d in descriptions(value)]
        return []

    found = descriptions(schema(kind))
    assert found
    assert [] == [d for d in found if "  " in d or "\n" in d]
