"""Exports of the whole dataset for other toolchains: JSON, CSV with a Frictionless data
package, and SQLite.

Every export carries the dataset's version and date. The tables are the same in CSV and
SQLite:

* ``organizations``: one row per organization, its rules flattened into readable columns;
* ``organization_rules``: one row per rule (``requirement``, ``audience``, ``priority``), with
  the page that states it; an ``any_of`` group's members share a ``group`` number;
* ``organization_sources``: one row per source of an organization;
* ``states``, ``counties`` (with their Census population) and ``office_categories``;
* ``election_offices``: one row per county election office, with the page that names it.

A missing value is NULL in SQLite and an empty cell in CSV (declared as the data package's
only missing value), whatever the column's type: no text column holds ``''``.

Every file is written atomically (a temporary file beside it, then ``os.replace``), and only a
regular file or a new path is written (:mod:`civicrun._files`). A CSV text cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a line
break) is written with a leading ``'``, OWASP's rule; the data check refuses such text too.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._data import Dataset, data_version, dataset
from ._files import prepare_folder, shown, write_atomic
from ._fmt import mapping_of
from ._text import FORMULA_STARTS
from .errors import InvalidArgumentError
from .records import AnyOf, Condition, Organization, State

__all__ = ["FORMS", "TABLES", "export", "export_text"]

#: The export formats.
FORMS = ("json", "csv", "sqlite")

#: Each table: its columns as (name, Frictionless type), its primary key, its foreign keys.
TABLES: dict[str, tuple[list[tuple[str, str]], list[str], list[tuple[str, str, str]]]] = {
    "organizations": (
        [
            ("id", "string"),
            ("name", "string"),
            ("kind", "string"),
            ("url", "string"),
            ("summary", "string"),
            ("partisanship", "string"),
            ("official_party", "string"),
            ("status", "string"),
            ("confidence", "string"),
            ("last_verified", "date"),
            ("scope", "string"),
            ("states", "string"),
            ("counties", "string"),
            ("towns", "string"),
            ("office_levels", "string"),
            ("support", "string"),
            ("roles", "string"),
            ("how_to_join", "string"),
            ("requirements", "string"),
            ("serves", "string"),
            ("priorities", "string"),
            ("aliases", "string"),
            ("former_names", "string"),
        ],
        ["id"],
        [],
    ),
    "organization_rules": (
        [
            ("organization_id", "string"),
            ("position", "integer"),
            ("kind", "string"),
            ("group", "integer"),
            ("field", "string"),
            ("test", "string"),
            ("value", "string"),
            ("source", "string"),
            ("note", "string"),
        ],
        ["organization_id", "position"],
        [("organization_id", "organizations", "id")],
    ),
    "organization_sources": (
        [
            ("organization_id", "string"),
            ("position", "integer"),
            ("url", "string"),
            ("read", "date"),
            ("title", "string"),
            ("kind", "string"),
            ("note", "string"),
        ],
        ["organization_id", "position"],
        [("organization_id", "organizations", "id")],
    ),
    "states": (
        [
            ("code", "string"),
            ("name", "string"),
            ("fips", "string"),
            ("kind", "string"),
            ("ocd_id", "string"),
            ("county_term", "string"),
            ("election_administration", "string"),
            ("chief_election_office", "string"),
            ("chief_election_office_url", "string"),
            ("last_verified", "date"),
        ],
        ["code"],
        [],
    ),
    "counties": (
        [
            ("fips", "string"),
            ("name", "string"),
            ("kind", "string"),
            ("state", "string"),
            ("ocd_id", "string"),
            ("population", "integer"),
        ],
        ["fips"],
        [("state", "states", "code")],
    ),
    "election_offices": (
        [
            ("fips", "string"),
            ("position", "integer"),
            ("state", "string"),
            ("name", "string"),
            ("url", "string"),
            ("area", "string"),
            ("source", "string"),
            ("note", "string"),
        ],
        ["fips", "position"],
        [("fips", "counties", "fips"), ("state", "states", "code")],
    ),
    "office_categories": (
        [
            ("id", "string"),
            ("name", "string"),
            ("level", "string"),
            ("partisan", "string"),
            ("description", "string"),
            ("states", "string"),
            ("last_verified", "date"),
        ],
        ["id"],
        [],
    ),
}

_RULE_KINDS = (("requirements", "requirement"), ("serves", "audience"), ("priorities", "priority"))


def _test_of(cond: Condition) -> tuple[str, str]:
    if cond.one_of is not None:
        return "one_of", "|".join(sorted(cond.one_of))
    if cond.equals is not None:
        return "equals", "true" if cond.equals else "false"
    if cond.at_least is not None or cond.at_most is not None:
        low = "" if cond.at_least is None else str(cond.at_least)
        high = "" if cond.at_most is None else str(cond.at_most)
        return "between", f"{low}..{high}"
    after = cond.born_on_or_after.isoformat() if cond.born_on_or_after else ""
    before = cond.born_on_or_before.isoformat() if cond.born_on_or_before else ""
    return "born_between", f"{after}..{before}"


def _readable(rules: tuple[Condition | AnyOf, ...]) -> str | None:
    parts = []
    for rule in rules:
        conds = rule.any_of if isinstance(rule, AnyOf) else (rule,)
        texts = [f"{c.field.value} {_test_of(c)[0]} {_test_of(c)[1]}" for c in conds]
        parts.append(" or ".join(texts))
    return "; ".join(parts) or None


def _joined(values: Any) -> str | None:
    """The values, sorted and joined with ``|``; None (a missing value) for none."""
    return "|".join(sorted(str(v) for v in values)) or None


def _org_row(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "kind": org.kind.value,
        "url": org.url,
        "summary": org.summary,
        "partisanship": org.partisanship.value,
        "official_party": org.official_party.value if org.official_party else None,
        "status": org.status.value,
        "confidence": org.confidence.value,
        "last_verified": org.last_verified.isoformat(),
        "scope": org.coverage.scope.value,
        "states": _joined(org.coverage.states),
        "counties": _joined(org.coverage.counties),
        "towns": _joined(org.coverage.towns),
        "office_levels": _joined(org.office_levels),
        "support": _joined(org.support),
        "roles": _joined(org.roles),
        "how_to_join": org.how_to_join.value,
        "requirements": _readable(org.requirements),
        "serves": _readable(org.serves),
        "priorities": _readable(org.priorities),
        "aliases": "|".join(org.aliases) or None,
        "former_names": "|".join(org.former_names) or None,
    }


def _rule_rows(org: Organization) -> Iterator[dict[str, Any]]:
    position = group = 0
    for attribute, kind in _RULE_KINDS:
        rules: tuple[Condition | AnyOf, ...] = getattr(org, attribute)
        for rule in rules:
            group += 1
            members = rule.any_of if isinstance(rule, AnyOf) else (rule,)
            for cond in members:
                position += 1
                test, value = _test_of(cond)
                yield {
                    "organization_id": org.id,
                    "position": position,
                    "kind": kind,
                    "group": group,
                    "field": cond.field.value,
                    "test": test,
                    "value": value,
                    "source": rule.source,
                    "note": rule.note or cond.note,
                }


def rows(data: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, in key order; a missing value (an empty text too) is None."""
    return {
        table: [{k: None if v == "" else v for k, v in row.items()} for row in found]
        for table, found in _rows(data).items()
    }


def _rows(data: Dataset) -> dict[str, list[dict[str, Any]]]:
    orgs = [data.organizations[k] for k in sorted(data.organizations)]
    states = [data.states[k] for k in sorted(data.states)]
    return {
        "organizations": [_org_row(o) for o in orgs],
        "organization_rules": [r for o in orgs for r in _rule_rows(o)],
        "organization_sources": [
            {
                "organization_id": o.id,
                "position": n,
                "url": s.url,
                "read": s.read.isoformat(),
                "title": s.title,
                "kind": s.kind.value if s.kind else None,
                "note": s.note,
            }
            for o in orgs
            for n, s in enumerate(o.sources, start=1)
        ],
        "states": [
            {
                "code": s.code,
                "name": s.name,
                "fips": s.fips,
                "kind": s.kind.value,
                "ocd_id": s.ocd_id,
                "county_term": s.county_term.value,
                "election_administration": s.election_administration.value,
                "chief_election_office": s.chief_election_office.name
                if s.chief_election_office
                else None,
                "chief_election_office_url": (
                    s.chief_election_office.url if s.chief_election_office else None
                ),
                "last_verified": s.last_verified.isoformat(),
            }
            for s in states
        ],
        "counties": [
            {
                "fips": c.fips,
                "name": c.name,
                "kind": c.kind.value,
                "state": c.state,
                "ocd_id": c.ocd_id,
                "population": c.population,
            }
            for c in data.counties.values()
        ],
        "election_offices": _office_rows(states),
        "office_categories": [
            {
                "id": o.id,
                "name": o.name,
                "level": o.level.value,
                "partisan": o.partisan.value,
                "description": o.description,
                "states": _joined(o.states),
                "last_verified": o.last_verified.isoformat(),
            }
            for o in sorted(data.offices.values(), key=lambda o: o.id)
        ],
    }


def _office_rows(states: list[State]) -> list[dict[str, Any]]:
    """The county election offices, numbered within each county in the record's order."""
    found: list[dict[str, Any]] = []
    for state in states:
        seen: dict[str, int] = {}
        for office in state.election_offices:
            seen[office.fips] = seen.get(office.fips, 0) + 1
            found.append(
                {
                    "fips": office.fips,
                    "position": seen[office.fips],
                    "state": state.code,
                    "name": office.name,
                    "url": office.url,
                    "area": office.area,
                    "source": office.source,
                    "note": office.note,
                }
            )
    return sorted(found, key=lambda row: (row["fips"], row["position"]))


def _datapackage(version: str, date: str) -> dict[str, Any]:
    resources: list[dict[str, Any]] = []
    for table, (columns, key, foreign) in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [{"name": name, "type": kind} for name, kind in columns],
            "missingValues": [""],
            "primaryKey": key,
        }
        if foreign:
            schema["foreignKeys"] = [
                {
                    "fields": [field],
                    "reference": {"resource": other.replace("_", "-"), "fields": [column]},
                }
                for field, other, column in foreign
            ]
        resources.append(
            {
                "name": table.replace("_", "-"),
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "civicrun",
        "title": "civicrun: groups that help people run for office in the US, and the places",
        "version": version,
        "created": f"{date}T00:00:00Z",
        "licenses": [
            {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}
        ],
        "resources": resources,
    }


def _cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a leading ``'`` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _json_text(data: Dataset, version: str, date: str, tables: dict[str, Any]) -> str:
    body = {
        "data_version": version,
        "data_date": date,
        "organizations": [mapping_of(data.organizations[k]) for k in sorted(data.organizations)],
        "states": [mapping_of(data.states[k]) for k in sorted(data.states)],
        "office_categories": [mapping_of(data.offices[k]) for k in sorted(data.offices)],
        "counties": tables["counties"],
    }
    return json.dumps(body, indent=1, ensure_ascii=False, default=str) + "\n"


def export_text(form: str) -> str:
    """The ``json`` export as text (for ``--output -``, standard output).

    Raises:
        InvalidArgumentError: ``form`` is not ``json``: a CSV export is a folder of files and a
            SQLite one a binary database, so neither is one text.
    """
    if form != "json":
        raise InvalidArgumentError(
            f"export(): only json can be written to standard output (--output -); {form} "
            "writes " + ("a folder of files" if form == "csv" else "a database file")
        )
    data = dataset()
    version, date = data_version()
    return _json_text(data, version, date, {"counties": rows(data)["counties"]})


def export(form: str, output: Path) -> Path:
    """Write the whole dataset as ``json`` (one file), ``csv`` (a folder of tables and a
    ``datapackage.json``) or ``sqlite`` (one database) at ``output``; returns what was written.

    Each file is written to a temporary file beside it and moved into place, so a failed export
    leaves what was there; ``output`` must be a regular file or a new path (for ``csv``, a
    folder or a new one) whose folder exists.

    Raises:
        InvalidArgumentError: no such format, or ``output`` cannot be written.
    """
    if form not in FORMS:
        raise InvalidArgumentError(f"export(): no format {form!r}; use json, csv or sqlite")
    if form == "csv" and output.suffix.lower() in (".csv", ".json", ".sqlite", ".zip"):
        raise InvalidArgumentError(
            f"export(): csv writes a folder of tables (organizations.csv ...); give a folder "
            f"name for --output, not {shown(output)}"
        )
    data = dataset()
    version, date = data_version()
    tables = rows(data)
    if form == "json":
        return write_atomic(output, _json_text(data, version, date, tables))
    if form == "csv":
        return _write_csv(output, tables, version, date)
    return write_atomic(output, lambda path: _write_sqlite(path, tables, version, date))


def _write_csv(output: Path, tables: dict[str, Any], version: str, date: str) -> Path:
    prepare_folder(output)
    for table, (columns, _key, _foreign) in TABLES.items():
        text = [name for name, kind in columns if kind == "string"]

        def write(path: Path, table: str = table, columns: Any = columns, text: Any = text) -> None:
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=[name for name, _ in columns])
                writer.writeheader()
                writer.writerows(
                    {k: _cell(v) if k in text else v for k, v in row.items()}
                    for row in tables[table]
                )

        write_atomic(output / f"{table}.csv", write)
    write_atomic(
        output / "datapackage.json", json.dumps(_datapackage(version, date), indent=2) + "\n"
    )
    return output


def _write_sqlite(path: Path, tables: dict[str, Any], version: str, date: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db, db:  # closed, not only committed
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("CREATE TABLE dataset (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany(
            "INSERT INTO dataset VALUES (?, ?)",
            [("data_version", version), ("data_date", date)],
        )
        order = ("states", "counties", "election_offices", "office_categories", "organizations")
        for table in (*order, "organization_rules", "organization_sources"):
            columns, key, foreign = TABLES[table]
            types = {"integer": "INTEGER", "date": "TEXT", "string": "TEXT"}
            spec = [f'"{name}" {types[kind]}' for name, kind in columns]
            spec.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
            spec += [
                f'FOREIGN KEY ("{field}") REFERENCES {other} ("{column}")'
                for field, other, column in foreign
            ]
            db.execute(f"CREATE TABLE {table} (" + ", ".join(spec) + ")")
            names = [name for name, _ in columns]
            db.executemany(
                f"INSERT INTO {table} VALUES (" + ", ".join("?" * len(names)) + ")",
                [[row[n] for n in names] for row in tables[table]],
            )
