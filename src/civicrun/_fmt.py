"""The canonical form of a record file, so hand-edited TOML never drifts.

A record is written back from its structured form:

* keys in the order of the record's attributes; values equal to their default left out;
  sets sorted;
* plain values first, then tables (``[coverage]``), then arrays of tables (``[[sources]]``),
  each table after one blank line, its keys in its record's order;
* strings as basic strings with the escapes TOML and JSON share; dates bare (``2026-12-01``);
* a list of plain values on one line when the line fits in 100 characters, else one item a
  line; a list of tables inside a table (``any_of``) as inline tables, one a line.

``civicrun data fmt`` rewrites files to this form, and ``civicrun data check`` reports a file
that is not in it.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Any

import attrs

from ._tomlmap import Path, scan
from .errors import DataError

__all__ = ["PLACEHOLDERS", "SKELETONS", "canonical", "format_file", "mapping_of", "skeleton"]

WIDTH = 100


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # JSON's escapes are TOML's, but JSON leaves DEL raw and a TOML basic string may not.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def _assign(key: str, value: Any) -> list[str]:
    if isinstance(value, list):
        items = [_value(v) for v in value]
        line = f"{key} = [" + ", ".join(items) + "]"
        if len(line) <= WIDTH and not any(isinstance(v, dict) for v in value):
            return [line]
        return [f"{key} = [", *(f"  {item}," for item in items), "]"]
    return [f"{key} = {_value(value)}"]


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _body(mapping: dict[str, Any], *, nested: bool, at: Path = ()) -> list[tuple[str, Path | None]]:
    lines: list[tuple[str, Path | None]] = []
    for key, value in mapping.items():
        if isinstance(value, dict) or (_is_table_list(value) and not nested):
            continue
        first, *rest = _assign(key, value)
        lines += [(first, (*at, key)), *((line, None) for line in rest)]
    return lines


def mapping_of(record: Any) -> Any:
    """A record as plain data in attribute order: defaults left out, sets sorted, vocabulary
    members as their values, dates kept as dates."""
    if attrs.has(type(record)):
        out: dict[str, Any] = {}
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.default is not attrs.NOTHING and value == field.default:
                continue
            out[field.name] = mapping_of(value)
        return out
    if isinstance(record, frozenset):
        return sorted(mapping_of(v) for v in record)
    if isinstance(record, tuple):
        return [mapping_of(v) for v in record]
    if isinstance(record, Enum):
        return record.value
    return record


def _lines(record: Any) -> list[tuple[str, Path | None]]:
    """The canonical lines of a record, each with the path it starts (None for the lines that
    continue a value or separate tables)."""
    raw = mapping_of(record)
    lines = _body(raw, nested=False)
    for key, value in raw.items():
        if isinstance(value, dict):
            lines += [("", None), (f"[{key}]", (key,)), *_body(value, nested=True, at=(key,))]
    for key, value in raw.items():
        if _is_table_list(value):
            for index, item in enumerate(value):
                at = (key, index)
                lines += [("", None), (f"[[{key}]]", at), *_body(item, nested=True, at=at)]
    return lines


def canonical(record: Any, comments_from: str | None = None) -> str:
    """The canonical TOML text of a record; with ``comments_from`` (the file's text), keeping
    that text's comments beside the keys and tables they were written at.

    A comment above a key or table stays above it, and one at the end of its line stays at the
    end; one inside a value spread over lines (between a list's items) moves above the value's
    key; one whose key the canonical form leaves out (a default value) moves above the
    nearest key or table it was inside, else to the top of the file.
    """
    lines = _lines(record)
    if comments_from is None or "#" not in comments_from:  # no comment to keep: skip the scan
        return "\n".join(line for line, _path in lines) + "\n"
    layout = scan(comments_from)
    present = {path for _line, path in lines if path is not None}
    before = {path: list(found) for path, found in layout.before.items()}
    inline = dict(layout.inline)
    for lost in sorted({*before, *inline} - present, key=lambda p: layout.lines.get(p, 0)):
        home = lost[:-1]
        while home and home not in present:
            home = home[:-1]
        moved = before.pop(lost, []) + ([inline.pop(lost)] if lost in inline else [])
        before.setdefault(home, []).extend(moved)
    out = list(before.pop((), []))
    for line, path in lines:
        if path is None:
            out.append(line)
            continue
        out += before.get(path, [])
        out.append(f"{line}  {inline[path]}" if path in inline else line)
    out += layout.trailing
    return "\n".join(out) + "\n"


def format_file(
    path: Any, cls: type[Any] | None = None, *, keep_comments: bool = True
) -> tuple[str, str]:
    """(the file's text, its canonical text), for a record file (a path, or a ``Traversable``
    with its record class ``cls``); the canonical text keeps the file's comments unless
    ``keep_comments`` is false.

    The canonical text is checked to read back as the same record, so ``civicrun data fmt``
    never writes a file that no longer loads.

    Raises:
        DataError: the file is not a record civicrun can read, or (a bug) its canonical form
            would not read back as the same record.
    """
    import tomllib  # noqa: PLC0415

    from ._converter import converter  # noqa: PLC0415
    from ._data import kind_of, load_record_file  # noqa: PLC0415
    from ._files import read_text, shown  # noqa: PLC0415

    if cls is None:
        cls = kind_of(path).cls
    record = load_record_file(path, cls)
    where = shown(path)
    text = read_text(path, where)
    result = canonical(record, text if keep_comments else None)
    try:
        same = converter.structure(tomllib.loads(result), cls) == record
    except Exception:  # any failure to read it back is the bug reported below
        same = False
    if not same:
        raise DataError(
            where,
            [
                "its canonical form would not read back as the same record (a civicrun bug; "
                "please report it); the file was left as it is"
            ],
        )
    return text, result


#: The texts the skeletons below put where a contributor writes their own; ``data check``
#: refuses a record that still holds one (and any url on an example.org-style host).
PLACEHOLDERS = frozenset(
    {
        "Official Name",
        "Office name",
        "One to three sentences in your own words: what it does for candidates.",
        "Where sources are old, disagree or are missing, say so here.",
        "What that page says, in your own words.",
        "What the office does, in your own words.",
    }
)

#: A new record's skeleton for each kind ``civicrun data new`` writes, every field explained.
SKELETONS = {
    "organization": """\
id = "{id}"                      # the file name without .toml: lower-case, hyphens; never reused
name = "Official Name"           # the group's own name for itself
# kind: {kinds}
kind = "national-group"
url = "https://example.org/"     # its own website, from a page you read (leave out if unknown)
summary = "One to three sentences in your own words: what it does for candidates."
# support: {supports}
support = ["in-person-training"]
office_levels = ["local", "state"]  # local | state | federal: the offices it helps with
# partisanship: {partisanships}
partisanship = "nonpartisan"
roles = ["candidates"]           # candidates | staff: whom its programs are for
how_to_join = "apply"            # {joins}
status = "active"                # {statuses}
confidence = "medium"            # {confidences}: how sure, given its sources
last_verified = {today}          # the day you checked it against its sources
notes = ["Where sources are old, disagree or are missing, say so here."]

[coverage]
scope = "national"               # national | states (then states = ["TX"]) | counties

# whom it says it exists for (or [[requirements]]: a rule it publishes)
[[serves]]
field = "gender"
one_of = ["woman"]
source = "https://example.org/about"   # the page that says so: also under [[sources]]
note = "What that page says, in your own words."

[[sources]]                      # at least one page you read
url = "https://example.org/about"
read = {today}                   # the date you read it
title = "About us"
kind = "own-site"                # {source_kinds}
""",
    "state-program": """\
id = "{id}"
name = "Official Name"
kind = "state-program"           # a program in one or a few states
url = "https://example.org/"
summary = "One to three sentences in your own words: what it does for candidates."
support = ["in-person-training"]
office_levels = ["local", "state"]
partisanship = "nonpartisan"
roles = ["candidates"]
how_to_join = "apply"
status = "active"
confidence = "medium"
last_verified = {today}

[coverage]
scope = "states"
states = ["TX"]                  # two-letter codes of the states it works in

[[sources]]
url = "https://example.org/about"
read = {today}
kind = "own-site"
""",
    "office-category": """\
id = "{id}"
name = "Office name"
level = "local"                  # local | state | federal
description = "What the office does, in your own words."
partisan = "usually-nonpartisan" # usually-partisan | usually-nonpartisan | varies
last_verified = {today}

[[sources]]
url = "https://example.org/page"
read = {today}
kind = "reference"               # {source_kinds}
""",
}


def skeleton(kind: str, record_id: str, today: str) -> str:
    """The skeleton ``civicrun data new KIND ID`` prints: :data:`SKELETONS` with the id, the
    date and every vocabulary's values filled in from :mod:`civicrun.vocab`, so the lists in
    its comments can never drift from what ``data check`` accepts."""
    from .vocab import Confidence, HowToJoin, OrgKind, OrgStatus, Partisanship, SourceKind, Support  # noqa: PLC0415  # noqa: PLC0415

    def values(enum: Any) -> str:
        return " | ".join(m.value for m in enum)

    return SKELETONS[kind].format(
        id=record_id,
        today=today,
        kinds=values(OrgKind),
        supports=values(Support),
        partisanships=values(Partisanship),
        joins=values(HowToJoin),
        statuses=values(OrgStatus),
        confidences=values(Confidence),
        source_kinds=values(SourceKind),
    )
