"""The registry of record kinds and the profile's fields agree with every place derived from
them, and with the files; a failure names the place that was forgotten.

Adding a record kind is: its record class (``records.py``), its entry in ``_kinds.KINDS``
and, if contributors write new ones, its skeleton (``_fmt.SKELETONS``). Adding a profile field
is: the :class:`Profile` attribute (with its ``help``), its ``ProfileField`` member and its
vocabulary set (for a yes/no fact, one ``vocab.BOOL_WORDS`` entry, which holds its words too;
``vocab.INT_FIELDS`` ...), and, for another field rules test, its words (``_wording``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

from civicrun import (
    _data,
    _export,
    _fmt,
    _kinds,
    _profile,
    _schema,
    _stats,
    _tables,
    _wording,
    cli,
    vocab,
)
from civicrun._kinds import KINDS, RecordKind
from civicrun._profile import _LIST_FIELDS, Profile
from civicrun.records import Condition
from civicrun.vocab import ProfileField

DATA = Path(_data.__file__).parent / "data"
KIND_IDS = [kind.name for kind in KINDS]
#: The profile fields rules cannot test: the places coverage is checked against.
PLACES = {ProfileField.STATE, ProfileField.COUNTY, ProfileField.TOWN}
#: The kinds ``civicrun data new`` writes no skeleton for, and why.
NO_SKELETON = {"state": "the 50 states, DC and the territories are all recorded"}


def _choices(*path: str) -> list[str]:
    """The choices of the positional argument of the CLI command ``path``."""
    parser: argparse.ArgumentParser = cli._parser()
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    positional = next(a for a in parser._actions if a.choices and not a.option_strings)
    return list(positional.choices or ())


def _options(command: str) -> set[str]:
    parser: argparse.ArgumentParser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {o for a in sub.choices[command]._actions for o in a.option_strings}


@pytest.fixture(scope="module")
def export_rows() -> dict[str, list[dict[str, Any]]]:
    """The exports' rows of the shipped data, worked out once for every kind's export test
    (they only read them)."""
    return _export.rows(_data.dataset())


class TestRecordKinds:
    """Every record kind is known to the loader, bundle, checker, formatter, schemas, exports,
    stats and CLI, through the registry."""

    def test_every_data_folder_is_a_kind(self) -> None:
        """Each folder under ``src/civicrun/data`` is a registered kind's, and each kind's
        folder exists: a folder the registry forgets would never be loaded."""
        if not DATA.is_dir():  # pragma: no cover  (an installed wheel keeps the data too)
            pytest.skip("no data folder")
        folders = {p.name for p in DATA.iterdir() if p.is_dir() and not p.name.startswith("_")}
        unregistered = folders - {k.folder for k in KINDS}
        assert not unregistered, f"data folders with no entry in _kinds.KINDS: {unregistered}"
        missing = {k.folder for k in KINDS} - folders
        assert not missing, f"_kinds.KINDS names folders that do not exist: {missing}"

    def test_names_are_unique(self) -> None:
        """No two kinds share a name, folder, table or skeleton."""
        for attribute in ("name", "folder", "table", "cls"):
            values = [getattr(k, attribute) for k in KINDS]
            assert len(set(values)) == len(values), f"two kinds share a {attribute}"
        skeletons = [s for k in KINDS for s in k.skeletons]
        assert len(set(skeletons)) == len(skeletons)

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_record_class_and_key(self, kind: RecordKind) -> None:
        """The kind's class is an attrs record with its key attribute and a ``last_verified``
        and ``sources`` (the stats read both)."""
        names = {f.name for f in attrs.fields(kind.cls)}
        assert {kind.key, "last_verified", "sources"} <= names, f"{kind.cls.__name__} lacks some"

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_loader_part(self, kind: RecordKind) -> None:
        """The loaded ``_data.Dataset`` holds the kind's records (under its folder), and the
        shipped data fills it."""
        records = _data.dataset().records.get(kind.folder)
        assert records is not None, f"_data.Dataset.records has no {kind.folder!r}"
        assert records, f"no {kind.plural} loaded"
        assert all(isinstance(r, kind.cls) for r in records.values())
        assert {kind.ident(r) for r in records.values()} == {
            p.stem for p in (DATA / kind.folder).glob("*.toml")
        } or not DATA.is_dir()

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_bundle_part(self, kind: RecordKind) -> None:
        """The compiled bundle holds the kind's records, and ``_data`` has its lazy part."""
        assert kind.folder in _data._PARTS, f"_data._PARTS has no part for {kind.folder!r}"
        records = _data._raw_bundle.get().header["records"]
        assert kind.folder in records, f"the bundle has no {kind.folder!r} key"
        assert len(records[kind.folder]["keys"]) == len(getattr(_data.dataset(), kind.folder))

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_kind_of_a_file_outside_its_folder(self, kind: RecordKind, tmp_path: Path) -> None:
        """A record file given outside its folder is recognised by its keys (the kind's
        ``signature``, or the default kind's none)."""
        if not DATA.is_dir():  # pragma: no cover
            pytest.skip("no data folder")
        first = sorted((DATA / kind.folder).glob("*.toml"))[0]
        keys = set(tomllib.loads(first.read_text(encoding="utf-8")))
        assert kind is _kinds.by_keys(keys), f"{first.name} is not recognised as a {kind.name}"
        copy = tmp_path / first.name
        copy.write_bytes(first.read_bytes())
        assert kind is _data.kind_of(copy)
        assert kind is _data.kind_of(first)

    def test_one_default_kind(self) -> None:
        """Exactly one kind has no signature: a given file with no kind's keys is one of it."""
        assert 1 == sum(1 for k in KINDS if not k.signature)

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_schema(self, kind: RecordKind) -> None:
        """``civicrun schema`` offers the kind, and its schema describes the record class."""
        assert kind.name in _schema.KINDS, f"_schema.KINDS lacks {kind.name!r}"
        assert kind.name in _choices("schema"), f"civicrun schema offers no {kind.name!r}"
        body = _schema.schema(kind.name)
        assert set(body["properties"]) == set(attrs.fields_dict(kind.cls))
        committed = Path(__file__).parent.parent / "docs" / "schema" / f"{kind.name}.schema.json"
        if committed.parent.is_dir():
            assert committed.is_file(), f"docs/schema has no {committed.name}; run the generator"

    def test_schema_choices_are_the_kinds_and_the_outputs(self) -> None:
        """The schemas are the kinds' and the JSON outputs', nothing copied by hand."""
        assert [*KIND_IDS, *_schema.OUTPUTS] == _choices("schema") == list(_schema.KINDS)

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_export_part(
        self, kind: RecordKind, export_rows: dict[str, list[dict[str, Any]]]
    ) -> None:
        """The exports have the kind's table (JSON key, CSV file, SQLite table), one row per
        record."""
        assert kind.table in _tables.TABLES, f"_tables.TABLES has no {kind.table!r} table"
        rows = export_rows
        assert kind.table in rows, f"_export._rows makes no {kind.table!r} rows"
        assert len(rows[kind.table]) == len(getattr(_data.dataset(), kind.folder))

    def test_json_export_has_every_kind(self) -> None:
        """The JSON export lists every kind's records under its table name."""
        import json

        body = json.loads(_export.export_text("json"))
        for kind in KINDS:
            assert kind.table in body, f"the JSON export has no {kind.table!r}"
            assert len(body[kind.table]) == len(getattr(_data.dataset(), kind.folder))

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_stats(self, kind: RecordKind) -> None:
        """The coverage report counts the kind's records."""
        report = _stats.coverage_report(on=dt.date(2026, 1, 1))
        assert report.get(kind.table) == len(getattr(_data.dataset(), kind.folder)), (
            f"coverage_report() does not count {kind.plural}"
        )

    @pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
    def test_skeleton(self, kind: RecordKind, tmp_path: Path) -> None:
        """The kind has a ``data new`` skeleton (unless it is listed in NO_SKELETON), offered
        by the CLI, which reads back as a record of the kind."""
        if not kind.skeletons:
            assert kind.name in NO_SKELETON, (
                f"{kind.name} has no skeleton: add one to _fmt.SKELETONS and its name to the "
                "kind's `skeletons`"
            )
            return
        for name in kind.skeletons:
            assert name in _fmt.SKELETONS, f"_fmt.SKELETONS has no {name!r}"
            assert name in _choices("data", "new"), f"civicrun data new offers no {name!r}"
            file = tmp_path / "example-record.toml"
            file.write_text(_fmt.skeleton(name, "example-record", "2026-01-01"), encoding="utf-8")
            assert kind is _data.kind_of(file), f"the {name!r} skeleton reads as another kind"
            record = _data.load_record_file(file, kind.cls)
            assert "example-record" == kind.ident(record)

    def test_every_skeleton_belongs_to_a_kind(self) -> None:
        """Each skeleton in ``_fmt.SKELETONS`` is named by a kind, in the CLI's order."""
        named = [s for k in KINDS for s in k.skeletons]
        assert set(_fmt.SKELETONS) == set(named)
        assert named == _choices("data", "new")


class TestProfileFields:
    """Every profile field is derived into the CLI, ``from_dict``, the schemas and the words."""

    def test_every_member_is_an_attribute(self) -> None:
        """Each ``ProfileField`` member is a ``Profile`` attribute, and each attribute a member."""
        names = [f.name for f in attrs.fields(Profile)]
        missing = {f.value for f in ProfileField} - set(names)
        assert not missing, f"ProfileField members with no Profile attribute: {missing}"
        extra = set(names) - {f.value for f in ProfileField}
        assert not extra, f"Profile attributes with no ProfileField member: {extra}"

    @pytest.mark.parametrize("field", list(ProfileField), ids=str)
    def test_cli_option(self, field: ProfileField) -> None:
        """``civicrun match`` has an option for the field, with help from its metadata."""
        flag = "--" + field.value.replace("_", "-")
        assert flag in _options("match"), f"civicrun match has no {flag}"
        help_text = attrs.fields_dict(Profile)[field.value].metadata.get("help")
        assert help_text, f"Profile.{field.value} has no help metadata"
        assert (flag[2:], help_text.format(values=_values(field))) in cli._PROFILE_FLAGS

    @pytest.mark.parametrize("field", list(ProfileField), ids=str)
    def test_schema_property(self, field: ProfileField) -> None:
        """The JSON Schemas name the field wherever a profile field is named."""
        match = _schema.schema("match")
        assert field.value in match["items"]["properties"]["unknowns"]["items"]["enum"]
        assert field.value in match["$defs"]["Reason"]["properties"]["field"]["oneOf"][0]["enum"]
        offices = _schema.schema("offices")
        assert field.value in offices["items"]["properties"]["unknowns"]["items"]["enum"]

    @pytest.mark.parametrize("field", list(ProfileField), ids=str)
    def test_from_dict_reads_the_field(self, field: ProfileField) -> None:
        """``Profile.from_dict`` takes the field by name, as a web form words it, and reads
        back what ``to_dict`` writes."""
        profile = Profile.from_dict({field.value: _form_value(field)})
        assert getattr(profile, field.value) is not None, f"from_dict drops {field.value}"
        assert profile == Profile.from_dict(profile.to_dict())

    def test_list_fields_are_the_set_fields(self) -> None:
        """The fields ``from_dict`` reads as lists are the ``frozenset`` ones, and the open
        fields are among them."""
        sets = {name for name, hint in _hints().items() if "frozenset" in str(hint)}
        assert sets == _LIST_FIELDS
        assert {f.value for f in vocab.OPEN_FIELDS} <= sets

    @pytest.mark.parametrize("field", sorted(set(ProfileField) - PLACES), ids=str)
    def test_vocabulary_set(self, field: ProfileField) -> None:
        """A field rules test is in exactly one of ``vocab``'s ONE_OF, BOOL, INT and DATE field
        sets, the one its ``Profile`` type says."""
        sets = {
            "ONE_OF_FIELDS": set(vocab.ONE_OF_FIELDS),
            "BOOL_FIELDS": vocab.BOOL_FIELDS,
            "INT_FIELDS": vocab.INT_FIELDS,
            "DATE_FIELDS": vocab.DATE_FIELDS,
        }
        member_of = [name for name, fields in sets.items() if field in fields]
        assert 1 == len(member_of), f"{field} is in {member_of}; it belongs in exactly one"
        hint = _hints()[field.value]
        inner = next(a for a in typing.get_args(hint) if a is not type(None))
        expected = {bool: "BOOL_FIELDS", int: "INT_FIELDS", dt.date: "DATE_FIELDS"}.get(
            inner, "ONE_OF_FIELDS"
        )
        assert [expected] == member_of, f"Profile.{field.value} is {inner}: vocab.{expected}"
        if expected == "ONE_OF_FIELDS":
            vocabulary = typing.get_args(inner)[0] if typing.get_args(inner) else inner
            assert vocabulary is vocab.ONE_OF_FIELDS[field]

    @pytest.mark.parametrize("field", sorted(set(ProfileField) - PLACES), ids=str)
    def test_wording(self, field: ProfileField) -> None:
        """A rule on the field has words, as a rule and as an audience (``_wording``; a
        yes/no field's come from its ``vocab.BOOL_WORDS`` entry)."""
        cond = _sample(field)
        try:
            rule, audience = _wording.describe(cond), _wording.describe_audience(cond)
        except KeyError as exc:
            pytest.fail(f"no words for {field}: {exc!r} missing (vocab labels or _wording)")
        assert rule
        assert audience
        if field not in vocab.DATE_FIELDS:
            assert not rule.startswith("born "), f"_wording.describe has no branch for {field}"


def _hints() -> dict[str, Any]:
    """``Profile``'s field types, resolved in the module that defines it (the one imported
    here, whatever a test did to ``sys.modules``)."""
    return typing.get_type_hints(Profile, globalns=vars(_profile))


def _values(field: ProfileField) -> str:
    vocabulary = vocab.ONE_OF_FIELDS.get(field)
    return ", ".join(m.value for m in vocabulary) if vocabulary else ""


def _sample(field: ProfileField) -> Condition:
    """A condition on ``field`` of the kind its vocabulary set allows."""
    if field in vocab.ONE_OF_FIELDS:
        first: Enum = next(iter(vocab.ONE_OF_FIELDS[field]))
        return Condition(field=field, one_of=frozenset({str(first.value)}))
    if field in vocab.BOOL_FIELDS:
        return Condition(field=field, equals=True)
    if field in vocab.INT_FIELDS:
        return Condition(field=field, at_least=1, at_most=2)
    return Condition(field=field, born_on_or_after=dt.date(1990, 1, 1))


def _form_value(field: ProfileField) -> str:
    """A value for ``field`` as a web form sends it."""
    places = {"state": "Texas", "county": "Travis County, TX", "town": "Austin"}
    if field.value in places:
        return places[field.value]
    if field in vocab.ONE_OF_FIELDS:
        return str(next(iter(vocab.ONE_OF_FIELDS[field])).value)
    if field in vocab.BOOL_FIELDS:
        return "yes"
    if field in vocab.INT_FIELDS:
        return "1"
    return "1990-01-01"
