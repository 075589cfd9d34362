"""What the CSV and SQLite exports hold: every table, each column's type and description,
and each table's primary and foreign keys.

:data:`TABLES` is the one description of the export. The data package (``datapackage.json``),
the SQLite ``CREATE TABLE`` statements and the table list of ``docs/exports.md``
(:func:`reference`, kept equal by a test) are generated from it, so none can drift from the
others. A code (an id, a FIPS code, a state code) is always a ``string``, so 01001 keeps its
leading zero; a column with a vocabulary lists its values.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from . import vocab

__all__ = [
    "TABLES",
    "Column",
    "ForeignKey",
    "Table",
    "create",
    "datapackage",
    "parents_first",
    "reference",
]


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
            (
                "active_as_of",
                "date",
                "The date of the newest dated evidence that it runs its programs (missing: "
                "none found); not the day the record was edited.",
            ),
            ("active_source", "string", "The source that shows it running on that date."),
            (
                "local_directory",
                "string",
                "On a state party, an official directory of its county (or town) committees "
                "or chairs: its own, or the state's list.",
            ),
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
            ("note", "string", "What the source says about it, or a caveat."),
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
            (
                "program_search",
                "string",
                "Where no state program is recorded: what was searched for one, and when.",
            ),
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
            (
                "state_residency_years",
                "number",
                "Years a candidate must have lived in the state (0: residence, no length).",
            ),
            (
                "district_residency_years",
                "number",
                "Years a candidate must have lived in the district (0: residence, no length).",
            ),
            ("citizen_years", "integer", "Years of citizenship (0: citizenship, no length)."),
            (
                "registered_voter",
                "boolean",
                "Whether a candidate must be a registered or qualified voter.",
            ),
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
            ("name", "string", "Its name (Cook County)."),
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
                "What candidates typically need, in words.",
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


def datapackage(version: str, date: str) -> dict[str, Any]:
    """The Frictionless data package describing the CSV tables (``datapackage.json``)."""
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


_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def create(name: str, table: Table) -> str:
    """The ``CREATE TABLE`` statement of a table, with its keys."""
    spec = [f'"{c.name}" {_SQL_TYPES.get(c.type, "TEXT")}' for c in table.columns]
    spec.append(f"PRIMARY KEY ({_names(table.key)})")
    spec += [
        f"FOREIGN KEY ({_names(k.fields)}) REFERENCES {k.table} ({_names(k.columns)})"
        for k in table.foreign
    ]
    return f"CREATE TABLE {name} (" + ", ".join(spec) + ")"


def parents_first() -> list[str]:
    """The tables in an order that creates each table after those its foreign keys name."""
    done: list[str] = []
    while len(done) < len(TABLES):
        ready = [
            name
            for name, table in TABLES.items()
            if name not in done and all(k.table in done or k.table == name for k in table.foreign)
        ]
        if not ready:  # a cycle of foreign keys: SQLite creates the rest in any order
            ready = [name for name in TABLES if name not in done]
        done += ready
    return done


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
