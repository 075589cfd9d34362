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
* ``states`` (with their candidacy facts), and beside them ``state_parties`` (how each party
  organizes locally), ``state_offices``, ``state_qualifications``,
  ``state_local_governments`` and ``state_sources``;
* ``counties`` (with their Census population) and ``election_offices``: one row per county
  election office, with the page that names it;
* ``office_categories``, with their ``office_category_minimum_ages`` (the legislatures', per
  state and chamber), counts, aliases, typical requirements, states and sources.

Every fact of the JSON export is in these tables; :mod:`civicrun._tables` describes every
column.

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
from enum import Enum
from pathlib import Path
from typing import Any

from ._data import Dataset, data_version, dataset, parts_of
from ._files import check_file, check_folder, prepare_folder, shown, write_atomic
from ._fmt import mapping_of
from ._tables import TABLES, create, datapackage, parents_first
from ._text import FORMULA_STARTS
from .errors import InvalidArgumentError
from .records import AnyOf, Condition, Organization, Source, State

__all__ = ["FORMS", "export", "export_text", "rows"]

#: The export formats.
FORMS = ("json", "csv", "sqlite")


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
        **_of(org, "active_as_of", "active_source", "local_directory"),
        "scope": org.coverage.scope.value,
        "coverage_as_of": org.coverage.as_of,
        "coverage_note": org.coverage.note,
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
        ("organization_territories", org.coverage.territories),
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
        ("organization_notes", org.notes),
    ):
        column = TABLES[table].columns[2].name
        found[table] = [
            {"organization_id": org.id, "position": n, column: name}
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
        table: [{k: _plain(v) for k, v in row.items()} for row in found]
        for table, found in _rows(data).items()
    }


def _plain(value: Any) -> Any:
    """A cell as the writers take it: a date as ISO text, a vocabulary as its value, and
    empty text as None."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return None if value == "" else value


def _of(record: Any, *names: str, **extra: Any) -> dict[str, Any]:
    """A row of a record's own fields, with ``extra`` columns first."""
    return {**extra, **{name: getattr(record, name) for name in names}}


def _sources(owner: str, key: str, sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [
        _of(s, "url", "read", "title", "kind", "note", **{owner: key, "position": n})
        for n, s in enumerate(sources, start=1)
    ]


def _rows(data: Dataset) -> dict[str, list[dict[str, Any]]]:
    orgs = [data.organizations[k] for k in sorted(data.organizations)]
    states = [data.states[k] for k in sorted(data.states)]
    lists = [_org_lists(o) for o in orgs]
    rules = [r for o in orgs for r in _rule_rows(o)]
    categories = sorted(data.offices.values(), key=lambda o: o.id)
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
            r for o in orgs for r in _sources("organization_id", o.id, o.sources)
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
                "election_administration_note": s.election_administration_note,
                "program_search": s.program_search,
                **{
                    f"chief_election_office_{name}": getattr(s.chief_election_office, name, None)
                    for name in ("source", "note")
                },
                **{
                    f"candidacy_{name}": getattr(s.candidacy, name, None)
                    for name in (
                        "guide",
                        "filing",
                        "elections",
                        "officials_directory",
                        "source",
                        "note",
                    )
                },
                "last_verified": s.last_verified.isoformat(),
            }
            for s in states
        ],
        "state_parties": [
            _of(p, "party", "local_label", "local_unit", "local_unit_note", state=s.code)
            for s in states
            for p in sorted(s.parties, key=lambda p: p.party.value)
        ],
        "state_offices": [
            {
                **_of(o, "present", "local_name", "source", "note", state=s.code),
                "office_category_id": o.category,
            }
            for s in states
            for o in sorted(s.offices, key=lambda o: o.category)
        ],
        "state_qualifications": [
            _of(
                q,
                "office",
                "min_age",
                "state_residency_years",
                "district_residency_years",
                "citizen_years",
                "registered_voter",
                "source",
                "note",
                state=s.code,
            )
            for s in states
            for q in sorted(s.qualifications, key=lambda q: q.office.value)
        ],
        "state_local_governments": [
            _of(g, "kind", "count", "year", "source", "note", state=s.code)
            for s in states
            for g in sorted(s.local_governments, key=lambda g: g.kind.value)
        ],
        "state_sources": [r for s in states for r in _sources("state", s.code, s.sources)],
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
                "states_note": o.states_note,
                "last_verified": o.last_verified.isoformat(),
            }
            for o in categories
        ],
        "office_category_aliases": [
            {"office_category_id": o.id, "position": n, "name": name}
            for o in categories
            for n, name in enumerate(o.aliases, start=1)
        ],
        "office_category_requirements": [
            {"office_category_id": o.id, "position": n, "requirement": text}
            for o in categories
            for n, text in enumerate(o.typical_requirements, start=1)
        ],
        "office_category_counts": [
            _of(
                c,
                "what",
                "value",
                "qualifier",
                "year",
                "source",
                "note",
                office_category_id=o.id,
                position=n,
            )
            for o in categories
            for n, c in enumerate(o.counts, start=1)
        ],
        "office_category_minimum_ages": [
            _of(m, "state", "chamber", "age", "source", "note", office_category_id=o.id)
            for o in categories
            for m in sorted(o.minimum_ages, key=lambda m: (m.state, m.chamber.value))
        ],
        "office_category_sources": [
            r for o in categories for r in _sources("office_category_id", o.id, o.sources)
        ],
        "office_category_states": [
            {"office_category_id": o.id, "state": state}
            for o in categories
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


def _cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a leading ``'`` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _json_text(data: Dataset, version: str, date: str, tables: dict[str, Any]) -> str:
    body = {
        "data_version": version,
        "data_date": date,
        **{
            kind.table: [mapping_of(part[k]) for k in sorted(part)]
            for kind, part in parts_of(data).items()
        },
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
    (check_folder if form == "csv" else check_file)(output)  # refused before the work
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
        output / "datapackage.json", json.dumps(datapackage(version, date), indent=2) + "\n"
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
        for table in parents_first():
            db.execute(create(table, TABLES[table]))
            names = [c.name for c in TABLES[table].columns]
            db.executemany(
                f"INSERT INTO {table} VALUES (" + ", ".join("?" * len(names)) + ")",
                [[row[n] for n in names] for row in tables[table]],
            )


def _csv_value(value: Any) -> Any:
    """A non-text cell as CSV writes it: a boolean as ``true`` or ``false``, as in JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
