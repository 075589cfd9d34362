"""Exports of the whole dataset for other toolchains: JSON, CSV with a Frictionless data
package, and SQLite.

Every export carries the dataset's version and date. The tables are the same in CSV and
SQLite:

* ``organizations``: one row per organization, its rules in words; each of its lists (states,
  counties, towns, support ...) is a link table keyed by its id (``organization_states`` ...);
* ``organization_rules``: one row per condition (``requirement``, ``audience``, ``priority``), its
  bounds in their own columns and a ``one_of``'s values in ``organization_rule_values``, with
  the page that states it; the alternatives of one rule share a ``rule_number``;
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
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ._data import Dataset, data_version, dataset
from ._files import prepare_folder, shown, write_atomic
from ._fmt import mapping_of
from ._text import FORMULA_STARTS
from .errors import InvalidArgumentError
from .records import AnyOf, Condition, Organization, State

__all__ = ["FORMS", "TABLES", "Column", "ForeignKey", "Table", "export", "export_text"]

#: The export formats.
FORMS = ("json", "csv", "sqlite")


class Column(NamedTuple):
    """A column of an exported table."""

    name: str
    #: Its Frictionless type: ``string``, ``integer``, ``number``, ``boolean`` or ``date``.
    type: str
    description: str


class ForeignKey(NamedTuple):
    """Columns of a table that name a row of another table."""

    fields: tuple[str, ...]
    table: str
    columns: tuple[str, ...]


class Table(NamedTuple):
    """An exported table: what a row is, its columns, its primary key, its foreign keys."""

    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    foreign: tuple[ForeignKey, ...] = ()


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


def _refers(field: str, table: str, column: str) -> ForeignKey:
    return ForeignKey((field,), table, (column,))


def _link(what: str, column: str, description: str, refers: tuple[str, str] | None) -> Table:
    """A table of one list of an organization's: one row per organization and value."""
    foreign = [_refers("organization_id", "organizations", "id")]
    if refers:
        foreign.append(_refers(column, *refers))
    return Table(
        f"One row per {what}, per organization.",
        _columns(_ORG, (column, "string", description)),
        ("organization_id", column),
        tuple(foreign),
    )


_ORG = ("organization_id", "string", "The organization's id (organizations.id).")
_SOURCE_COLUMNS = (
    ("url", "string", "The page's address."),
    ("read", "date", "The day the page was read."),
    ("title", "string", "The page's title."),
    ("kind", "string", "What kind of page it is: own-site, news, government, directory ..."),
    ("note", "string", "What the page supports, or a caveat."),
)

#: Every exported table, in the order of the data package and of the documentation. A code
#: (an id, a FIPS code, a state code) is always a ``string``, so 01001 keeps its leading zero.
TABLES: dict[str, Table] = {
    "organizations": Table(
        "One row per organization that helps people run for office; its rules in words.",
        _columns(
            ("id", "string", "The organization's stable id, used by every other table."),
            ("name", "string", "Its current name."),
            ("kind", "string", "What kind of group it is: national-group, state-party ..."),
            ("url", "string", "Its own website."),
            ("summary", "string", "What it does, in a sentence or two."),
            ("partisanship", "string", "Its side: nonpartisan, democratic, progressive ..."),
            ("official_party", "string", "The party it is an official body of."),
            ("status", "string", "Whether it still operates: active, inactive or unknown."),
            ("confidence", "string", "How sure the record is, given its sources."),
            ("last_verified", "date", "The day the record was last checked against sources."),
            (
                "scope",
                "string",
                "Where it works: national, state or local (organization_states, "
                "organization_counties and organization_towns list the places).",
            ),
            ("how_to_join", "string", "How a person gets its help: apply, open, invite ..."),
            ("requirements", "string", "Its requirements in words (organization_rules)."),
            ("serves", "string", "The audience it names, in words (organization_rules)."),
            ("priorities", "string", "Whom it favours, in words (organization_rules)."),
        ),
        ("id",),
    ),
    **{
        name: _link(what, column, description, refers)
        for name, what, column, description, refers in (
            (
                "organization_states",
                "state it covers",
                "state",
                "The state's code (states.code).",
                ("states", "code"),
            ),
            (
                "organization_counties",
                "county it covers",
                "fips",
                "The county's FIPS code (counties.fips).",
                ("counties", "fips"),
            ),
            (
                "organization_towns",
                "town it covers",
                "town",
                "The town's name, in the organization's state.",
                None,
            ),
            (
                "organization_office_levels",
                "level of office it helps with",
                "office_level",
                "local, state or federal.",
                None,
            ),
            (
                "organization_support",
                "kind of help it gives",
                "support",
                "online-training, money, endorsement ...",
                None,
            ),
            ("organization_roles", "role it helps", "role", "candidates, staff ...", None),
        )
    },
    **{
        name: Table(
            f"One row per {what} of an organization, in the record's order.",
            _columns(
                _ORG,
                ("position", "integer", "The name's number within the organization, from 1."),
                ("name", "string", description),
            ),
            ("organization_id", "position"),
            (_refers("organization_id", "organizations", "id"),),
        )
        for name, what, description in (
            ("organization_aliases", "other name", "A name it also goes by."),
            ("organization_former_names", "former name", "A name it used before."),
        )
    },
    "organization_rules": Table(
        "One row per condition of an organization's requirements, audience and priorities.",
        _columns(
            _ORG,
            ("position", "integer", "The condition's number within the organization, from 1."),
            ("kind", "string", "requirement (must be met), audience or priority."),
            (
                "rule_number",
                "integer",
                "The rule's number within the organization: the conditions of one rule are "
                "alternatives (any one meets it), and every rule must be met.",
            ),
            ("field", "string", "The profile fact tested: age, party, gender, state ..."),
            (
                "test",
                "string",
                "one_of (the fact is one of the values in organization_rule_values), equals "
                "(a yes/no fact equals the column equals), between (a number within at_least "
                "and at_most) or born_between (a birth date within born_on_or_after and "
                "born_on_or_before).",
            ),
            ("equals", "boolean", "For equals: the value the fact must have."),
            ("at_least", "integer", "For between: the least value allowed (none: no least)."),
            ("at_most", "integer", "For between: the greatest value allowed (none: no most)."),
            ("born_on_or_after", "date", "For born_between: the earliest birth date allowed."),
            ("born_on_or_before", "date", "For born_between: the latest birth date allowed."),
            ("source", "string", "The page that states the rule."),
            ("note", "string", "What the rule means, in the source's words."),
        ),
        ("organization_id", "position"),
        (_refers("organization_id", "organizations", "id"),),
    ),
    "organization_rule_values": Table(
        "One row per value a one_of condition accepts.",
        _columns(
            _ORG,
            ("position", "integer", "The condition's number (organization_rules.position)."),
            ("value", "string", "A value the fact may have: democratic, woman, TX ..."),
        ),
        ("organization_id", "position", "value"),
        (
            ForeignKey(
                ("organization_id", "position"),
                "organization_rules",
                ("organization_id", "position"),
            ),
        ),
    ),
    "organization_sources": Table(
        "One row per page an organization's record was written from.",
        _columns(
            _ORG,
            ("position", "integer", "The source's number within the organization, from 1."),
            *_SOURCE_COLUMNS,
        ),
        ("organization_id", "position"),
        (_refers("organization_id", "organizations", "id"),),
    ),
    "states": Table(
        "One row per state, the District of Columbia and each territory.",
        _columns(
            ("code", "string", "The two-letter postal code."),
            ("name", "string", "Its name."),
            ("fips", "string", "Its two-digit FIPS code, with its leading zero."),
            ("kind", "string", "state, district or territory."),
            ("ocd_id", "string", "Its Open Civic Data division id."),
            ("county_term", "string", "What it calls its counties: county, parish, borough ..."),
            (
                "election_administration",
                "string",
                "Who runs elections locally: county, town or state offices.",
            ),
            ("chief_election_office", "string", "The state's chief election office."),
            ("chief_election_office_url", "string", "That office's website."),
            ("last_verified", "date", "The day the record was last checked against sources."),
        ),
        ("code",),
    ),
    "counties": Table(
        "One row per county or county equivalent, with its Census population.",
        _columns(
            ("fips", "string", "The five-digit county FIPS code, with its leading zero."),
            ("name", "string", "Its name, with its kind (Cook County)."),
            ("kind", "string", "county, parish, borough, city ..."),
            ("state", "string", "Its state's code (states.code)."),
            ("ocd_id", "string", "Its Open Civic Data division id."),
            ("population", "integer", "Its population in the Census count the data uses."),
        ),
        ("fips",),
        (_refers("state", "states", "code"),),
    ),
    "election_offices": Table(
        "One row per local election office of a county (some counties have several).",
        _columns(
            ("fips", "string", "The county's FIPS code (counties.fips)."),
            ("position", "integer", "The office's number within the county, from 1."),
            ("state", "string", "The state's code (states.code)."),
            ("name", "string", "The office's name."),
            ("url", "string", "Its website."),
            ("area", "string", "The part of the county it serves, where there are several."),
            ("source", "string", "The page that names it."),
            ("note", "string", "A caveat."),
        ),
        ("fips", "position"),
        (_refers("fips", "counties", "fips"), _refers("state", "states", "code")),
    ),
    "office_categories": Table(
        "One row per kind of elected office a person can run for.",
        _columns(
            ("id", "string", "The category's stable id."),
            ("name", "string", "Its name."),
            ("level", "string", "Its level of government: local, state or federal."),
            ("partisan", "string", "Whether its races are partisan: yes, no or varies."),
            ("description", "string", "What the office does."),
            ("last_verified", "date", "The day the record was last checked against sources."),
        ),
        ("id",),
    ),
    "office_category_states": Table(
        "One row per state that has an office category.",
        _columns(
            ("office_category_id", "string", "The category's id (office_categories.id)."),
            ("state", "string", "The state's code (states.code)."),
        ),
        ("office_category_id", "state"),
        (
            _refers("office_category_id", "office_categories", "id"),
            _refers("state", "states", "code"),
        ),
    ),
}

_RULE_KINDS = (("requirements", "requirement"), ("serves", "audience"), ("priorities", "priority"))


def _test_of(cond: Condition) -> str:
    if cond.one_of is not None:
        return "one_of"
    if cond.equals is not None:
        return "equals"
    if cond.at_least is not None or cond.at_most is not None:
        return "between"
    return "born_between"


def _words(cond: Condition) -> str:
    """A condition in words: ``party one of democratic, green``, ``age at most 39``."""
    field = cond.field.value
    if cond.one_of is not None:
        return f"{field} one of {', '.join(sorted(cond.one_of))}"
    if cond.equals is not None:
        return f"{field} is {'true' if cond.equals else 'false'}"
    bounds = [
        f"{words} {value}"
        for words, value in (
            ("at least", cond.at_least),
            ("at most", cond.at_most),
            ("born on or after", cond.born_on_or_after),
            ("born on or before", cond.born_on_or_before),
        )
        if value is not None
    ]
    return f"{field} {' and '.join(bounds)}"


def _readable(rules: tuple[Condition | AnyOf, ...]) -> str | None:
    parts = []
    for rule in rules:
        conds = rule.any_of if isinstance(rule, AnyOf) else (rule,)
        parts.append(" or ".join(_words(c) for c in conds))
    return "; ".join(parts) or None


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
        "how_to_join": org.how_to_join.value,
        "requirements": _readable(org.requirements),
        "serves": _readable(org.serves),
        "priorities": _readable(org.priorities),
    }


def _org_lists(org: Organization) -> dict[str, list[dict[str, Any]]]:
    """The rows of an organization's lists: one per value, sorted."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table, values in (
        ("organization_states", org.coverage.states),
        ("organization_counties", org.coverage.counties),
        ("organization_towns", org.coverage.towns),
        ("organization_office_levels", org.office_levels),
        ("organization_support", org.support),
        ("organization_roles", org.roles),
    ):
        column = TABLES[table].columns[1].name
        found[table] = [{"organization_id": org.id, column: str(v)} for v in sorted(values)]
    for table, names in (
        ("organization_aliases", org.aliases),
        ("organization_former_names", org.former_names),
    ):
        found[table] = [
            {"organization_id": org.id, "position": n, "name": name}
            for n, name in enumerate(names, start=1)
        ]
    return found


def _rule_rows(org: Organization) -> Iterator[dict[str, Any]]:
    position = number = 0
    for attribute, kind in _RULE_KINDS:
        rules: tuple[Condition | AnyOf, ...] = getattr(org, attribute)
        for rule in rules:
            number += 1
            members = rule.any_of if isinstance(rule, AnyOf) else (rule,)
            for cond in members:
                position += 1
                yield {
                    "organization_id": org.id,
                    "position": position,
                    "kind": kind,
                    "rule_number": number,
                    "field": cond.field.value,
                    "test": _test_of(cond),
                    "equals": cond.equals,
                    "at_least": cond.at_least,
                    "at_most": cond.at_most,
                    "born_on_or_after": cond.born_on_or_after,
                    "born_on_or_before": cond.born_on_or_before,
                    "values": sorted(cond.one_of or ()),
                    "source": rule.source or cond.source,
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
    lists = [_org_lists(o) for o in orgs]
    rules = [r for o in orgs for r in _rule_rows(o)]
    return {
        "organizations": [_org_row(o) for o in orgs],
        **{table: [r for found in lists for r in found[table]] for table in lists[0]},
        "organization_rules": [
            {
                k: v.isoformat() if isinstance(v, dt.date) else v
                for k, v in r.items()
                if k != "values"
            }
            for r in rules
        ],
        "organization_rule_values": [
            {"organization_id": r["organization_id"], "position": r["position"], "value": v}
            for r in rules
            for v in r["values"]
        ],
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
                "last_verified": o.last_verified.isoformat(),
            }
            for o in sorted(data.offices.values(), key=lambda o: o.id)
        ],
        "office_category_states": [
            {"office_category_id": o.id, "state": state}
            for o in sorted(data.offices.values(), key=lambda o: o.id)
            for state in sorted(o.states)
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
    for name, table in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [
                {"name": c.name, "type": c.type, "description": c.description}
                for c in table.columns
            ],
            "missingValues": [""],
            "primaryKey": list(table.key),
        }
        if table.foreign:
            schema["foreignKeys"] = [
                {
                    "fields": list(key.fields),
                    "reference": {
                        "resource": key.table.replace("_", "-"),
                        "fields": list(key.columns),
                    },
                }
                for key in table.foreign
            ]
        resources.append(
            {
                "name": name.replace("_", "-"),
                "description": table.description,
                "path": f"{name}.csv",
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
    for table, spec in TABLES.items():
        text = [c.name for c in spec.columns if c.type == "string"]
        names = [c.name for c in spec.columns]

        def write(path: Path, table: str = table, names: Any = names, text: Any = text) -> None:
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=names)
                writer.writeheader()
                writer.writerows(
                    {k: _cell(v) if k in text else _csv_value(v) for k, v in row.items()}
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
        for table in _parents_first():
            db.execute(_create(table, TABLES[table]))
            names = [c.name for c in TABLES[table].columns]
            db.executemany(
                f"INSERT INTO {table} VALUES (" + ", ".join("?" * len(names)) + ")",
                [[row[n] for n in names] for row in tables[table]],
            )


_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _create(name: str, table: Table) -> str:
    """The ``CREATE TABLE`` statement of a table, with its keys."""
    spec = [f'"{c.name}" {_SQL_TYPES.get(c.type, "TEXT")}' for c in table.columns]
    spec.append(f"PRIMARY KEY ({_names(table.key)})")
    spec += [
        f"FOREIGN KEY ({_names(k.fields)}) REFERENCES {k.table} ({_names(k.columns)})"
        for k in table.foreign
    ]
    return f"CREATE TABLE {name} (" + ", ".join(spec) + ")"


def _parents_first() -> list[str]:
    """The tables in an order that creates each table after those its foreign keys name."""
    done: list[str] = []
    while len(done) < len(TABLES):
        done += [
            name
            for name, table in TABLES.items()
            if name not in done and all(k.table in done or k.table == name for k in table.foreign)
        ]
    return done


def _csv_value(value: Any) -> Any:
    """A non-text cell as CSV writes it: a boolean as ``true`` or ``false``, as in JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
