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

Every fact of the JSON export is in these tables; :data:`TABLES` describes every column.

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
from typing import Any, NamedTuple

from . import vocab
from ._data import Dataset, data_version, dataset
from ._files import prepare_folder, shown, write_atomic
from ._fmt import mapping_of
from ._text import FORMULA_STARTS
from .errors import InvalidArgumentError
from .records import AnyOf, Condition, Organization, Source, State

__all__ = [
    "FORMS",
    "TABLES",
    "Column",
    "ForeignKey",
    "Table",
    "export",
    "export_text",
    "reference",
]

#: The export formats.
FORMS = ("json", "csv", "sqlite")


class Column(NamedTuple):
    """A column of an exported table."""

    name: str
    #: Its Frictionless type: ``string``, ``integer``, ``number``, ``boolean`` or ``date``.
    type: str
    description: str
    #: The values it may hold (a vocabulary), or () for any.
    values: tuple[str, ...] = ()


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


def _columns(*specs: tuple[str, str, str] | tuple[str, str, str, Any]) -> tuple[Column, ...]:
    """Columns from (name, type, description) and, for a vocabulary, its enum or values."""
    return tuple(
        Column(*spec[:3], tuple(str(v) for v in spec[3]) if len(spec) > 3 else ()) for spec in specs
    )


def _refers(field: str, table: str, column: str) -> ForeignKey:
    return ForeignKey((field,), table, (column,))


def _link(what: str, column: str, description: str, refers: Any) -> Table:
    """A table of one list of an organization's: one row per organization and value.
    ``refers`` is the (table, column) its values name, or their vocabulary, or None."""
    foreign = [_refers("organization_id", "organizations", "id")]
    values: tuple[str, ...] = ()
    if isinstance(refers, tuple):
        foreign.append(_refers(column, *refers))
    elif refers is not None:
        values = tuple(m.value for m in refers)
    return Table(
        f"One row per {what}, per organization.",
        _columns(_ORG, (column, "string", description, values)),
        ("organization_id", column),
        tuple(foreign),
    )


_ORG = ("organization_id", "string", "The organization's id (organizations.id).")
_STATE = ("state", "string", "The state's code (states.code).")
_CATEGORY = ("office_category_id", "string", "The category's id (office_categories.id).")
_SOURCE_COLUMNS = (
    ("url", "string", "The page's address."),
    ("read", "date", "The day the page was read."),
    ("title", "string", "The page's title."),
    ("kind", "string", "What kind of page it is.", vocab.SourceKind),
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
            ("kind", "string", "What kind of group it is.", vocab.OrgKind),
            ("url", "string", "Its own website."),
            ("summary", "string", "What it does, in a sentence or two."),
            ("partisanship", "string", "Its side.", vocab.Partisanship),
            ("official_party", "string", "The party it is an official body of.", vocab.Party),
            ("status", "string", "Whether it still operates.", vocab.OrgStatus),
            (
                "confidence",
                "string",
                "How sure the record is, given its sources.",
                vocab.Confidence,
            ),
            ("last_verified", "date", "The day the record was last checked against sources."),
            ("active_as_of", "date", "The latest day a source shows it operating."),
            ("active_source", "string", "The page that shows it operating on that day."),
            ("local_directory", "string", "Its directory of local chapters or committees."),
            (
                "scope",
                "string",
                "How far it reaches: national, or the states or counties that "
                "organization_states, organization_counties and organization_towns list.",
                vocab.Scope,
            ),
            ("coverage_as_of", "date", "The day its list of places was read."),
            ("coverage_note", "string", "A caveat about where it works."),
            ("how_to_join", "string", "How a person gets its help.", vocab.HowToJoin),
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
                "The level of office.",
                vocab.OfficeLevel,
            ),
            (
                "organization_support",
                "kind of help it gives",
                "support",
                "The kind of help.",
                vocab.Support,
            ),
            (
                "organization_territories",
                "territory it covers",
                "territory",
                "The territory's code (states.code).",
                ("states", "code"),
            ),
            ("organization_roles", "role it helps", "role", "Whom it helps.", vocab.Role),
        )
    },
    **{
        name: Table(
            f"One row per {what} of an organization, in the record's order.",
            _columns(
                _ORG,
                ("position", "integer", f"The {what}'s number within the organization, from 1."),
                (column, "string", description),
            ),
            ("organization_id", "position"),
            (_refers("organization_id", "organizations", "id"),),
        )
        for name, what, column, description in (
            ("organization_aliases", "other name", "name", "A name it also goes by."),
            ("organization_former_names", "former name", "name", "A name it used before."),
            ("organization_notes", "note", "note", "A caveat, or what a search did not find."),
        )
    },
    "organization_rules": Table(
        "One row per condition of an organization's requirements, audience and priorities.",
        _columns(
            _ORG,
            ("position", "integer", "The condition's number within the organization, from 1."),
            (
                "kind",
                "string",
                "requirement (must be met), audience (whom it names) or priority (whom it "
                "favours).",
                ("requirement", "audience", "priority"),
            ),
            (
                "rule_number",
                "integer",
                "The rule's number within the organization: the conditions of one rule are "
                "alternatives (any one meets it), and every rule must be met.",
            ),
            ("field", "string", "The profile fact tested.", vocab.ProfileField),
            (
                "test",
                "string",
                "one_of (the fact is one of the values in organization_rule_values), equals "
                "(a yes/no fact equals the column equals), between (a number within at_least "
                "and at_most) or born_between (a birth date within born_on_or_after and "
                "born_on_or_before).",
                ("one_of", "equals", "between", "born_between"),
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
            ("kind", "string", "A state, the district or a territory.", vocab.StateKind),
            ("ocd_id", "string", "Its Open Civic Data division id."),
            ("county_term", "string", "What it calls its counties.", vocab.CountyTerm),
            (
                "election_administration",
                "string",
                "Who runs elections locally.",
                vocab.ElectionAdministration,
            ),
            ("election_administration_note", "string", "A caveat about who runs elections."),
            ("chief_election_office", "string", "The state's chief election office."),
            ("chief_election_office_url", "string", "That office's website."),
            ("chief_election_office_source", "string", "The page that names that office."),
            ("chief_election_office_note", "string", "A caveat about that office."),
            ("candidacy_guide", "string", "The state's official candidate guide."),
            ("candidacy_filing", "string", "Which offices a candidate files with, in words."),
            ("candidacy_elections", "string", "When its elections are held, as the rule."),
            (
                "candidacy_officials_directory",
                "string",
                "The state's directory of county or municipal election officials.",
            ),
            ("candidacy_source", "string", "The page the filing and timing facts are from."),
            ("candidacy_note", "string", "A caveat about filing or timing."),
            ("last_verified", "date", "The day the record was last checked against sources."),
        ),
        ("code",),
    ),
    "state_parties": Table(
        "One row per party whose local structure a state record gives.",
        _columns(
            _STATE,
            ("party", "string", "The party.", vocab.Party),
            ("local_label", "string", "What its local units are called there."),
            ("local_unit", "string", "The unit it organizes by locally.", vocab.LocalUnit),
            ("local_unit_note", "string", "A caveat about that unit."),
        ),
        ("state", "party"),
        (_refers("state", "states", "code"),),
    ),
    "state_offices": Table(
        "One row per office category a state record says it does or does not elect.",
        _columns(
            _STATE,
            ("office_category_id", "string", "The category's id (office_categories.id)."),
            ("present", "boolean", "Whether the state elects it (false: it does not)."),
            ("local_name", "string", "The state's own name for it, where that differs."),
            ("source", "string", "The page that says so."),
            ("note", "string", "A caveat."),
        ),
        ("state", "office_category_id"),
        (
            _refers("state", "states", "code"),
            _refers("office_category_id", "office_categories", "id"),
        ),
    ),
    "state_qualifications": Table(
        "One row per office whose published qualifications a state record gives; a fact the "
        "source does not state is missing, never guessed.",
        _columns(
            _STATE,
            ("office", "string", "The office.", vocab.QualifiedOffice),
            ("min_age", "integer", "The youngest age to hold or run for it."),
            ("state_residency_years", "number", "Years of residence in the state (0: some)."),
            ("district_residency_years", "number", "Years of residence in the district."),
            ("citizen_years", "integer", "Years of citizenship (0: citizenship, no length)."),
            ("registered_voter", "boolean", "Whether a candidate must be a registered voter."),
            ("source", "string", "The page that states them."),
            ("note", "string", "A caveat, such as when the age is counted."),
        ),
        ("state", "office"),
        (_refers("state", "states", "code"),),
    ),
    "state_local_governments": Table(
        "One row per kind of local government a state has, from the Census of Governments.",
        _columns(
            _STATE,
            ("kind", "string", "The kind of local government.", vocab.GovernmentKind),
            ("count", "integer", "How many there are."),
            ("year", "integer", "The year of the count."),
            ("source", "string", "The page it is from."),
            ("note", "string", "A caveat."),
        ),
        ("state", "kind"),
        (_refers("state", "states", "code"),),
    ),
    "state_sources": Table(
        "One row per page a state's record was written from.",
        _columns(
            _STATE,
            ("position", "integer", "The source's number within the state, from 1."),
            *_SOURCE_COLUMNS,
        ),
        ("state", "position"),
        (_refers("state", "states", "code"),),
    ),
    "counties": Table(
        "One row per county or county equivalent, with its Census population.",
        _columns(
            ("fips", "string", "The five-digit county FIPS code, with its leading zero."),
            ("name", "string", "Its name, with its kind (Cook County)."),
            ("kind", "string", "What kind of county equivalent it is.", vocab.CountyKind),
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
            ("level", "string", "Its level of government.", vocab.OfficeLevel),
            (
                "partisan",
                "string",
                "Whether its races are usually partisan.",
                vocab.RacePartisanship,
            ),
            ("description", "string", "What the office does."),
            ("states_note", "string", "A caveat about which states have it."),
            ("last_verified", "date", "The day the record was last checked against sources."),
        ),
        ("id",),
    ),
    **{
        name: Table(
            f"One row per {what} of an office category, in the record's order.",
            _columns(
                _CATEGORY,
                ("position", "integer", "Its number within the category, from 1."),
                (column, "string", description),
            ),
            ("office_category_id", "position"),
            (_refers("office_category_id", "office_categories", "id"),),
        )
        for name, what, column, description in (
            ("office_category_aliases", "other name", "name", "A name it also goes by."),
            (
                "office_category_requirements",
                "typical requirement",
                "requirement",
                "What candidates typically need, in words, with its source.",
            ),
        )
    },
    "office_category_counts": Table(
        "One row per count of an office category (how many seats, races ...).",
        _columns(
            _CATEGORY,
            ("position", "integer", "The count's number within the category, from 1."),
            ("what", "string", "What is counted."),
            ("value", "integer", "The count."),
            ("qualifier", "string", "How exact the count is.", vocab.CountQualifier),
            ("year", "integer", "The year it counts."),
            ("source", "string", "The page it is from."),
            ("note", "string", "A caveat."),
        ),
        ("office_category_id", "position"),
        (_refers("office_category_id", "office_categories", "id"),),
    ),
    "office_category_minimum_ages": Table(
        "One row per state and chamber's minimum age for an office category (the state "
        "legislatures').",
        _columns(
            _CATEGORY,
            ("state", "string", "The state's code (states.code)."),
            ("chamber", "string", "The chamber (Nebraska's one chamber is senate).", vocab.Chamber),
            ("age", "integer", "The youngest age to serve."),
            ("source", "string", "The page that states it."),
            ("note", "string", "A caveat."),
        ),
        ("office_category_id", "state", "chamber"),
        (
            _refers("office_category_id", "office_categories", "id"),
            _refers("state", "states", "code"),
        ),
    ),
    "office_category_sources": Table(
        "One row per page an office category's record was written from.",
        _columns(
            _CATEGORY,
            ("position", "integer", "The source's number within the category, from 1."),
            *_SOURCE_COLUMNS,
        ),
        ("office_category_id", "position"),
        (_refers("office_category_id", "office_categories", "id"),),
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


def _datapackage(version: str, date: str) -> dict[str, Any]:
    resources: list[dict[str, Any]] = []
    for name, table in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    "description": c.description,
                    **({"constraints": {"enum": list(c.values)}} if c.values else {}),
                }
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


def reference() -> str:
    """The tables of the CSV and SQLite exports, in Markdown: each table's rows, keys and
    columns, from :data:`TABLES` (``docs/exports.md`` holds this text, and a test keeps it
    equal)."""
    lines: list[str] = []
    for name, table in TABLES.items():
        lines += ["", f"### `{name}`", "", table.description, ""]
        lines.append("Primary key: " + ", ".join(f"`{k}`" for k in table.key) + ".")
        for key in table.foreign:
            fields = ", ".join(f"`{f}`" for f in key.fields)
            columns = ", ".join(f"`{key.table}.{c}`" for c in key.columns)
            lines.append(f"Foreign key: {fields} → {columns}.")
        lines += ["", "| column | type | description |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.type} | {_described(c)} |" for c in table.columns]
    return "\n".join(lines[1:]) + "\n"


def _described(column: Column) -> str:
    """A column's description for a Markdown table, with the values it may hold."""
    text = column.description
    if column.values:
        text += " One of: " + ", ".join(f"`{v}`" for v in column.values) + "."
    return text.replace("|", "\\|")
