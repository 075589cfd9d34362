"""JSON Schema (draft 2020-12) for each record kind, generated from the records themselves, and
for the JSON that ``civicrun match --json`` and ``civicrun offices --state ST --json`` print.

A record's schema follows its attrs fields: a field with no default is required; a field that
may be None is optional (data files leave it out); vocabularies are enums of their values;
dates are ``"format": "date"`` strings; unknown keys are not allowed, as in the data files.
``docs/schema/`` holds the generated files, and a test keeps them equal to this module's output.
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
import typing
from enum import Enum
from typing import Any

import attrs

from . import _kinds, records, vocab

__all__ = ["KINDS", "OUTPUTS", "schema"]

#: The schemas of what the CLI prints as JSON, beside the record kinds'.
OUTPUTS = ("match", "offices")

_ROOTS: dict[str, type[Any]] = {kind.name: kind.cls for kind in _kinds.KINDS}

#: The schemas ``civicrun schema KIND`` prints: each record kind's (from the registry), then
#: :data:`OUTPUTS`.
KINDS = (*_ROOTS, *OUTPUTS)


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is float:
        return {"type": "number"}
    if hint is int:
        return {"type": "integer"}
    if hint is dt.date:
        return {"type": "string", "format": "date"}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [m.value for m in hint]}
    if isinstance(hint, type) and attrs.has(hint):
        if hint.__name__ not in defs:
            defs[hint.__name__] = {}  # placeholder against recursion
            defs[hint.__name__] = _object(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if len(members) == 1:
            return _type(members[0], defs)
        return {"oneOf": [_type(m, defs) for m in members]}
    if origin in (tuple, frozenset):
        item = _type(args[0], defs)
        out: dict[str, Any] = {"type": "array", "items": item}
        if origin is frozenset:
            out["uniqueItems"] = True
        return out
    raise TypeError(f"no JSON Schema rule for {hint!r}")


def _object(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    hints = records.field_types(cls)
    properties = {f.name: _type(hints[f.name], defs) for f in attrs.fields(cls)}
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    # The docstring's first paragraph, its lines joined: cleandoc first, because Python 3.13
    # strips docstring indentation at compile time and 3.11 and 3.12 do not.
    doc = " ".join(inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].split())
    return {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _reason() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "kind": {"enum": [k.value for k in vocab.RuleKind]},
            "field": {"oneOf": [{"enum": [f.value for f in vocab.ProfileField]}, {"type": "null"}]},
            "outcome": {"enum": [o.value for o in vocab.Outcome]},
            "text": {"type": "string"},
        },
        "required": ["kind", "field", "outcome", "text"],
        "additionalProperties": False,
    }


def _match() -> dict[str, Any]:
    reasons = {"type": "array", "items": {"$ref": "#/$defs/Reason"}}
    return {
        "type": "array",
        "description": "What `civicrun match --json` prints: the matches, best first.",
        "items": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "status": {"enum": [s.value for s in vocab.MatchStatus]},
                "reasons": reasons,
                "unknowns": {
                    "type": "array",
                    "items": {"enum": [f.value for f in vocab.ProfileField]},
                },
                "failed": reasons,
                "caveats": reasons,
                "relevance": {"type": "integer"},
                "how_to_join": {"enum": [h.value for h in vocab.HowToJoin]},
                "url": {"oneOf": [{"type": "string"}, {"type": "null"}]},
            },
            "required": ["id", "name", "status", "reasons", "unknowns", "relevance"],
            "additionalProperties": False,
        },
        "$defs": {"Reason": _reason()},
    }


def _offices() -> dict[str, Any]:
    text_or_null = {"oneOf": [{"type": "string"}, {"type": "null"}]}
    strings = {"type": "array", "items": {"type": "string"}}
    return {
        "type": "array",
        "description": "What `civicrun offices --state ST --json` prints: each office category "
        "in the state, local first, with whether the person meets its qualifications, when it "
        "is elected, where to file and the official guide (null where not recorded).",
        "items": {
            "type": "object",
            "properties": {
                "category": {"type": "string"},
                "state": {"type": "string"},
                "name": {"type": "string"},
                "level": {"enum": [v.value for v in vocab.OfficeLevel]},
                "status": {"enum": [s.value for s in vocab.QualificationStatus]},
                "reasons": {"type": "array", "items": {"$ref": "#/$defs/Reason"}},
                "unknowns": {
                    "type": "array",
                    "items": {"enum": [f.value for f in vocab.ProfileField]},
                },
                "elections": text_or_null,
                "filing": text_or_null,
                "guide": text_or_null,
                "note": text_or_null,
                "not_recorded": strings,
                "sources": strings,
            },
            "required": [
                "category",
                "state",
                "name",
                "level",
                "status",
                "reasons",
                "unknowns",
                "elections",
                "filing",
                "guide",
                "not_recorded",
                "sources",
            ],
            "additionalProperties": False,
        },
        "$defs": {"Reason": _reason()},
    }


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind (organization, state, office-category), of the JSON
    ``civicrun match --json`` prints (match) or of what ``civicrun offices --state ST --json``
    prints (offices)."""
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/civicrun/civicrun/blob/main/docs/schema/{kind}.schema.json",
        "title": f"civicrun {kind}",
    }
    if kind == "match":
        return {**head, **_match()}
    if kind == "offices":
        return {**head, **_offices()}
    defs: dict[str, Any] = {}
    body = _object(_ROOTS[kind], defs)
    return {**head, **body, "$defs": dict(sorted(defs.items()))}
