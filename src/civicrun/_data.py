"""Loading the package data: lazy, once, thread-safe, all-or-nothing.

Nothing is read, and nothing heavy imported, at ``import civicrun``. The package's records are
the TOML files contributors edit; a wheel also carries them compiled into one ``bundle.json``,
built when the wheel is built (``hatch_build.py``). In a source checkout or editable install
no bundle is kept in git: the first use compiles the TOML and caches the result by a key of the
files (:func:`checkout_bundle`), so an edited record is seen at once. The first call that needs
data reads the bundle's header (by a path string where the package is imported from a folder;
otherwise through :func:`importlib_resources.files`, a ``Traversable``, so zip imports work),
then decodes each record when it is first read. :func:`load` with an explicit ``root`` reads
the TOML files instead (the data check and tests use it). A bad file raises
:class:`~civicrun.errors.DataError` naming the file and the field, and leaves nothing half
loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from ._kinds import KINDS, OFFICE_CATEGORIES, ORGANIZATIONS, STATES, RecordKind, by_folder, by_keys
from ._placetable import read_places
from ._text import town_key
from .errors import DataError
from .records import (
    Condition,
    County,
    Coverage,
    Organization,
    Requirement,
)
from .vocab import CHAMBER_OFFICES, CountyKind, OfficeLevel, OrgStatus, Role, Scope

__all__ = [
    "BUNDLE",
    "CountyAlias",
    "CountyTable",
    "Dataset",
    "compile_bundle",
    "county_table",
    "data_root",
    "data_version",
    "dataset",
    "given_files",
    "iter_records",
    "kind_of",
    "load",
    "load_record_file",
    "reset",
    "state_table",
]

if TYPE_CHECKING:
    from pathlib import Path

    from importlib_resources.abc import Traversable

    from .records import OfficeCategory, State

T = TypeVar("T")

#: The compiled bundle's file name, inside the data folder.
BUNDLE = "bundle.json"
#: The bundle's format; bumped when its shape changes.
BUNDLE_FORMAT = 3
#: What to do about a bad bundle.
_REBUILD = "rebuild the wheel, or delete the bundle to compile the TOML records"


COUNTY_COLUMNS = ["fips", "name", "kind", "state", "key", "short_key", "population"]
#: Each county kind by its value (found in a dict, not by ``CountyKind(value)``: the matching
#: index makes a record for each of the hundreds of counties its committees work in).
_COUNTY_KIND_OF = {k.value: k for k in CountyKind}
_COUNTY_KINDS = frozenset(_COUNTY_KIND_OF)


class CountyTable:
    """The county table, read lean: rows stay tuples and :class:`County` records are made on
    first use, so building the lookup index costs little more than reading the file.

    ``rows`` maps a FIPS code to ``(name, kind, state, key, short_key)``; ``key`` and
    ``short_key`` are the folded full and suffix-less names the build script precomputed
    (a test checks they equal what :func:`civicrun._text.fold` gives today). ``population``
    maps a FIPS code to its Census population, where the table has one.
    """

    __slots__ = ("_made", "aliases", "population", "rows")

    def __init__(
        self,
        rows: dict[str, tuple[str, str, str, str, str]],
        aliases: tuple[CountyAlias, ...],
        population: Mapping[str, int] | None = None,
    ) -> None:
        self.rows = rows
        self.aliases = aliases
        self.population: Mapping[str, int] = population or {}
        self._made: dict[str, County] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, fips: object) -> bool:
        return fips in self.rows

    def state_of(self, fips: str) -> str | None:
        """The state code of the county ``fips``; None where there is no such county."""
        row = self.rows.get(fips)
        return None if row is None else row[2]

    def county(self, fips: str) -> County:
        """The record for ``fips`` (which must be in the table)."""
        made = self._made.get(fips)
        if made is None:
            name, kind, state, _key, _short = self.rows[fips]
            made = County(
                fips=fips,
                name=name,
                kind=_COUNTY_KIND_OF[kind],
                state=state,
                population=self.population.get(fips),
            )
            self._made[fips] = made
        return made

    def values(self) -> Iterator[County]:
        """Every county, in FIPS order."""
        return (self.county(f) for f in sorted(self.rows))


class Dataset:
    """Everything civicrun ships, structured and cross-checked: ``records`` holds one mapping
    (key -> record) per record kind, named by its :attr:`~civicrun._kinds.RecordKind.folder`,
    so a new kind needs no change here; ``counties`` is the county table, or the function that
    reads it when first asked for (the shipped one: a first answer that names no county never
    reads it). The kinds the library reads have typed accessors.

    A plain class (it is made once per load and never compared): an attrs class would cost
    every first answer the making of its methods.
    """

    __slots__ = ("_counties", "records")

    def __init__(
        self,
        *,
        records: Mapping[str, Mapping[str, Any]],
        counties: CountyTable | Callable[[], CountyTable],
    ) -> None:
        self.records = records
        self._counties = counties

    def __repr__(self) -> str:
        sizes = ", ".join(f"{folder}={len(found)}" for folder, found in self.records.items())
        return f"<Dataset: {sizes}>"

    @property
    def counties(self) -> CountyTable:
        """The county table."""
        table = self._counties
        return table if isinstance(table, CountyTable) else table()

    @property
    def organizations(self) -> Mapping[str, Organization]:
        """The organizations, by id."""
        return self.records[ORGANIZATIONS.folder]

    @property
    def states(self) -> Mapping[str, State]:
        """The states, DC and the territories, by code."""
        return self.records[STATES.folder]

    @property
    def offices(self) -> Mapping[str, OfficeCategory]:
        """The office categories, by id."""
        return self.records[OFFICE_CATEGORIES.folder]

    def with_records(self, folder: str, records: Mapping[str, Any]) -> Dataset:
        """This dataset with the records of one kind (``folder``) replaced."""
        return Dataset(records={**self.records, folder: records}, counties=self._counties)


class CountyAlias(NamedTuple):
    """A name that is not a current county's own: a local name, a former name or a retired one.

    ``kind`` is ``local`` (another name for the same place, e.g. Manhattan), ``former`` (the
    place was renamed or absorbed; ``fips`` is where it is now) or ``retired`` (the place no
    longer exists as one unit; ``fips`` is empty and ``note`` says what replaced it).
    """

    name: str
    state: str
    kind: str
    fips: str
    note: str


def data_root() -> Traversable:
    """The package's ``data`` folder, as a :class:`~importlib.resources.abc.Traversable`.

    A package imported from a folder (a wheel installed, a checkout) has it as a plain
    :class:`~pathlib.Path`, which is what :func:`importlib_resources.files` gives there too;
    only another loader (a zip import) needs importlib_resources, whose import costs more
    than the rest of the first answer's file work.
    """
    folder = _data_folder()
    if folder is not None:
        from pathlib import Path  # noqa: PLC0415  (not on a first answer's path: see _data_folder)

        return Path(folder)
    import importlib_resources  # noqa: PLC0415  (imported on first use, not at import time)

    return importlib_resources.files("civicrun").joinpath("data")


def _data_folder() -> str | None:
    """The package's ``data`` folder as a path string, where the package is imported from a
    folder; None otherwise (a zip import: read it through :func:`data_root`). A first answer
    reads the bundle and the county table by this path, without importing pathlib (which
    imports urllib.parse and ipaddress: a few milliseconds of every first answer)."""
    from importlib.machinery import SourceFileLoader  # noqa: PLC0415  (loaded with Python)

    spec = sys.modules["civicrun"].__spec__
    if spec is not None and isinstance(spec.loader, SourceFileLoader) and spec.origin:
        return os.path.join(os.path.dirname(spec.origin), "data")
    return None


def _read_data_text(root: Traversable | str, name: str) -> str | None:
    """The text of the data file ``name`` under ``root`` (a folder's path, or a
    ``Traversable``); None where there is no such file."""
    if isinstance(root, str):
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8") as file:
            return file.read()
    found = root.joinpath(name)
    return found.read_text(encoding="utf-8") if found.is_file() else None


def _toml_files(folder: Traversable) -> Iterator[Traversable]:
    from pathlib import Path  # noqa: PLC0415

    if not folder.is_dir():
        return
    # A link is never a record file (the data check reports it): it could read a file elsewhere.
    yield from sorted(
        (
            f
            for f in folder.iterdir()
            if f.name.endswith(".toml") and not (isinstance(f, Path) and f.is_symlink())
        ),
        key=lambda f: f.name,
    )


def _load_record(file: Traversable, relpath: str, cls: type[T]) -> T:
    from ._converter import converter, describe_error  # noqa: PLC0415
    from ._files import parse_toml, read_text  # noqa: PLC0415  (bounded: a stranger's file)

    raw = parse_toml(read_text(file, relpath), relpath)
    try:
        return converter.structure(raw, cls)
    except Exception as exc:  # cattrs raises a tree of errors; describe every leaf
        raise DataError(relpath, describe_error(exc)) from None


def parts_of(data: Dataset) -> dict[RecordKind, Mapping[str, Any]]:
    """``data``'s records, one mapping per record kind, in the registry's order."""
    return {kind: getattr(data, kind.folder) for kind in KINDS}


def iter_records(root: Traversable, folder: str, cls: type[T], key: str) -> Iterator[T | DataError]:
    """Each record file of ``folder`` under ``root``, structured, in file-name order; a bad file
    (malformed, or whose ``key`` is not its file name) is yielded as its :class:`DataError`.

    The loader stops at the first error; the data check collects them all.
    """
    for file in _toml_files(root.joinpath(folder)):
        relpath = f"{folder}/{file.name}"
        try:
            record = _load_record(file, relpath, cls)
        except DataError as exc:
            yield exc
            continue
        ident = getattr(record, key)
        expected = file.name.removesuffix(".toml")
        if str(ident).lower() != expected:
            yield DataError(
                relpath, [f"{key} {ident!r} must equal the file name {expected!r} @ $.{key}"]
            )
            continue
        yield record


def kind_of(file: Path) -> RecordKind:
    """The record kind a given file is: by its folder's name, else by its keys (each kind's
    :attr:`~civicrun._kinds.RecordKind.signature`)."""
    for kind in KINDS:
        if file.parent.name == kind.folder:
            return kind
    from ._files import parse_toml, read_text  # noqa: PLC0415

    try:
        keys = set(parse_toml(read_text(file, str(file)), str(file)))
    except DataError:  # reported when the file is loaded
        keys = set()
    return by_keys(keys)


def given_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The record files ``paths`` name, and a problem for each that cannot be read as one
    (bounded, regular files only: :func:`civicrun._files.record_files`)."""
    from ._files import record_files  # noqa: PLC0415

    return record_files(paths)


def load_record_file(path: Traversable, cls: type[T]) -> T:
    """One record file, structured and validated by the one converter.

    Raises:
        DataError: the file is malformed; the error names the file and the field.
    """
    return _load_record(path, str(path), cls)


def _load_folder(root: Traversable, folder: str, cls: type[T], key: str) -> dict[str, T]:
    records: dict[str, T] = {}
    for record in iter_records(root, folder, cls, key):
        if isinstance(record, DataError):
            raise record
        records[getattr(record, key)] = record
    return records


def _load_counties(root: Traversable | str) -> CountyTable:
    path = "counties.tsv"
    text = _read_data_text(root, path)
    if text is None:
        raise DataError(path, ["the county table is missing from the package data"])
    lines = text.splitlines()
    header = lines[0].split("\t") if lines else []
    if header != COUNTY_COLUMNS:
        raise DataError(path, [f"header must be {', '.join(COUNTY_COLUMNS)}; got {header}"])
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    population: dict[str, int] = {}
    width = len(COUNTY_COLUMNS)
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != width:
            raise DataError(
                path, [f"line {number}: expected {width} tab-separated cells, got {len(cells)}"]
            )
        fips, name, kind, state, key, short, people = cells
        if people:
            if not people.isdigit() or not people.isascii():
                raise DataError(
                    path,
                    [f"line {number}: population {people!r} is not a whole number @ $.population"],
                )
            population[fips] = int(people)
        if kind not in _COUNTY_KINDS:
            raise DataError(path, [f"line {number}: {kind!r} is not a county kind @ $.kind"])
        if len(fips) != 5 or not fips.isdigit() or fips in rows:
            raise DataError(
                path, [f"line {number}: fips {fips!r} is not a new 5-digit code @ $.fips"]
            )
        rows[fips] = (name, kind, state, key, short)
    aliases: list[CountyAlias] = []
    alias_text = _read_data_text(root, "county_aliases.tsv")
    if alias_text is not None:
        alias_lines = alias_text.splitlines()
        for number, line in enumerate(alias_lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != 5 or cells[2] not in {"local", "former", "retired"}:
                raise DataError(
                    "county_aliases.tsv",
                    [
                        f"line {number}: expected 5 cells (name, state, kind, fips, note) "
                        "with kind local, former or retired"
                    ],
                )
            aliases.append(CountyAlias(*cells))
    return CountyTable(rows, tuple(aliases), population)


def cross_check(data: Dataset) -> None:
    """Check references between records; raise the first problem as a DataError."""
    codes = set(data.states)
    for org in data.organizations.values():
        unknown = sorted(set(org.coverage.states) - codes)
        if unknown:
            raise DataError(
                ORGANIZATIONS.path_of(org),
                [f"unknown state codes {unknown} @ $.coverage.states"],
            )
    official: dict[tuple[str, str], str] = {}
    for org in sorted(data.organizations.values(), key=lambda o: o.id):
        for fips in sorted(org.coverage.counties):
            if fips not in data.counties or data.counties.rows[fips][2] not in org.coverage.states:
                raise DataError(
                    ORGANIZATIONS.path_of(org),
                    [f"county {fips!r} is not a county of the states listed @ $.coverage.counties"],
                )
        if org.official_party is None:
            continue
        coverage = org.coverage
        # One official organization per party and place: a state, a county, or a town (a
        # town committee and its county's committee may both exist).
        places = (
            {f"{t}, {s}": town_key(s, t) for s in coverage.states for t in coverage.towns}
            if coverage.towns
            else {code: code for code in coverage.counties or coverage.states or {"US"}}
        )
        for label, key in sorted(places.items()):
            other = official.setdefault((key, org.official_party), org.id)
            if other != org.id:
                raise DataError(
                    ORGANIZATIONS.path_of(org),
                    [
                        f"{other} is already the official {org.official_party} organization "
                        f"for {label} @ $.official_party"
                    ],
                )
    for record in data.states.values():
        for number, here in enumerate(record.offices):
            if here.category not in data.offices:
                raise DataError(
                    STATES.path_of(record),
                    [
                        f"office category {here.category!r} is not one of "
                        f"{', '.join(sorted(data.offices))} @ $.offices[{number}].category"
                    ],
                )
    ages = {
        (m.state, CHAMBER_OFFICES[m.chamber]): m.age
        for category in data.offices.values()
        for m in category.minimum_ages
    }
    for record in data.states.values():
        for number, qual in enumerate(record.qualifications):
            age = ages.get((record.code, qual.office))
            if qual.min_age is not None and age is not None and qual.min_age != age:
                raise DataError(
                    STATES.path_of(record),
                    [
                        f"min_age {qual.min_age} for {qual.office.value} disagrees with the "
                        f"minimum age {age} the office category records for {record.code}; "
                        f"give one age (or leave this one out) @ $.qualifications[{number}].min_age"
                    ],
                )
    for fips, (_name, _kind, state, _key, _short) in data.counties.rows.items():
        if state not in codes:
            raise DataError("counties.tsv", [f"{fips}: unknown state {state!r} @ $.state"])
        if not fips.startswith(data.states[state].fips):
            raise DataError(
                "counties.tsv", [f"{fips}: does not start with {state}'s FIPS @ $.fips"]
            )
    for alias in data.counties.aliases:
        if alias.fips and alias.fips not in data.counties:
            raise DataError(
                "county_aliases.tsv", [f"{alias.name}, {alias.state}: unknown fips {alias.fips!r}"]
            )


def load(root: Traversable | None = None) -> Dataset:
    """Read and check the data: the package's compiled bundle (reusing the parts already
    loaded), or every TOML file under an explicit ``root``."""
    if root is None:
        # The bundle was cross-checked when it was compiled; organizations decode on first use.
        return Dataset(
            records={kind.folder: _PARTS[kind.folder].get() for kind in KINDS},
            counties=county_table,
        )
    return assemble(root, read_records(root))


def read_records(root: Traversable) -> dict[str, dict[str, Any]]:
    """Every record file under ``root``, structured: by folder, then id (not cross-checked:
    :func:`assemble` does that).

    Raises:
        DataError: the first malformed file, naming the file and the field.
    """
    return {kind.folder: _load_folder(root, kind.folder, kind.cls, kind.key) for kind in KINDS}


def assemble(root: Traversable, records: Mapping[str, Mapping[str, Any]]) -> Dataset:
    """The dataset under ``root`` from its already structured ``records`` (by folder, then
    id): the county table read, and everything cross-checked as :func:`load` does (the data
    check, which has structured every file already, uses this rather than reading them twice).

    Raises:
        DataError: the first problem found, naming the file and the field.
    """
    data = Dataset(records=dict(records), counties=_load_counties(root))
    cross_check(data)
    places = root.joinpath("places.tsv")
    if places.is_file():  # the town index reads it on first use; check it with the rest
        _check_towns(data, read_places(places.read_text(encoding="utf-8"), data.counties.state_of))
    return data


def _check_towns(data: Dataset, known: Mapping[str, set[str]]) -> None:
    """A town or city committee's counties must be among those the place table (``known``,
    from :func:`~civicrun._placetable.read_places`) gives its town, where the table has the
    town: the two would otherwise send a person to different places."""
    for org in sorted(data.organizations.values(), key=lambda o: o.id):
        coverage = org.coverage
        for state in sorted(coverage.states):
            for town in sorted(coverage.towns):
                table = known.get(town_key(state, town))
                here = {f for f in coverage.counties if data.counties.state_of(f) == state}
                if table is not None and not here <= table:
                    raise DataError(
                        ORGANIZATIONS.path_of(org),
                        [
                            f"{town}, {state} lies in {', '.join(sorted(table))} by the place "
                            f"table, not {', '.join(sorted(here - table))} @ $.coverage.counties"
                        ],
                    )


class Spans(Mapping[str, tuple[int, int]]):
    """Each entry of a bundle's folder by its key: its (start, end) byte span, worked out when
    asked from the header's lists (no tuple is made per entry: at 100 times the shipped
    organizations, making them was a tenth of a first answer). ``positions`` gives each key's
    place in ``order``, the header's order (id order)."""

    __slots__ = ("_ends", "_start", "order", "positions")

    def __init__(self, keys: list[str], ends: list[int], start: int) -> None:
        self.order = keys
        self._ends = ends
        self._start = start
        self.positions: dict[str, int] = dict(zip(keys, range(len(keys)), strict=True))

    def __getitem__(self, key: str) -> tuple[int, int]:
        at = self.positions[key]
        return (self._ends[at - 1] + 1 if at else self._start), self._ends[at]

    def __contains__(self, key: object) -> bool:
        return key in self.positions

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


class LazyRecords(Mapping[str, Any]):
    """Records by id, each decoded from its bundle entry the first time it is read.

    The entries stay undecoded bytes in the bundle (:class:`Bundle`) until a record is read;
    ``plain_field`` and ``plain_groups`` read a field of entries from the bundle header's copy
    of that field (:data:`INDEXED_FIELDS`; no entry is parsed), made into what the caller
    needs once for each distinct value (a coverage's reach, say).
    """

    __slots__ = ("_bundle", "_decode", "_fields", "_lock", "_made", "_spans")

    def __init__(
        self,
        bundle: Bundle,
        spans: Mapping[str, tuple[int, int]],
        decode: Callable[..., Any],
        fields: Mapping[str, SharedField] | None = None,
    ) -> None:
        self._bundle = bundle
        self._spans = spans
        self._decode = decode
        self._fields: Mapping[str, SharedField] = fields or {}
        self._made: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> Any:
        made = self._made.get(key)
        return self.completed(key, None) if made is None else made

    def completed(self, key: str, head: Mapping[str, Any] | None) -> Any:
        """The record ``key``, decoded now unless it was before: from its whole entry, or,
        given the :data:`SPLIT_FIELDS` already decoded (``head``), from the rest alone."""
        made = self._made.get(key)
        if made is None:
            span = self._spans[key]
            try:
                if head is None:
                    made = self._decode(self._bundle.entry(*span))
                else:
                    made = self._decode(self._bundle.entry(*span, head=False), head)
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise DataError(BUNDLE, [f"{key} does not decode ({exc}); {_REBUILD}"]) from None
            with self._lock:
                made = self._made.setdefault(key, made)
        return made

    def plain_field(self, key: str, name: str, make: Callable[[Any], T]) -> T | None:
        """The field ``name`` of ``key``'s entry as the bundle header's copy holds it
        (unstructured), passed through ``make`` (once for each distinct value), without
        decoding the entry; None where the header holds no copy of that field."""
        shared = self._fields.get(name)
        if shared is None:
            return None
        try:
            return shared.made(key, make)
        except (KeyError, IndexError):
            raise DataError(BUNDLE, [f"{key} has no {name}; {_REBUILD}"]) from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise DataError(
                BUNDLE, [f"{key}'s {name} does not decode ({exc}); {_REBUILD}"]
            ) from None

    def plain_groups(self, name: str, make: Callable[[Any], T]) -> list[tuple[T, list[str]]] | None:
        """The distinct values of the field ``name`` as the header's copy holds them, each
        passed through ``make`` once, with the keys whose entries have it (in id order);
        None where the header holds no copy."""
        shared = self._fields.get(name)
        if shared is None:
            return None
        try:
            found = shared.groups(make)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            found = []
        if sum(len(keys) for _made, keys in found) != len(self._spans):  # one at fault: named
            for key in self._spans:
                self.plain_field(key, name, make)
            raise DataError(BUNDLE, [f"the copies of {name} do not decode; {_REBUILD}"])
        return found

    def head(self, key: str, make: Callable[[Any], T]) -> T:
        """``make`` of the first line of ``key``'s entry alone (:data:`SPLIT_FIELDS`), parsed
        without the rest and without decoding the record."""
        span = self._spans[key]
        try:
            return make(self._bundle.head(*span))
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise DataError(BUNDLE, [f"{key} does not decode ({exc}); {_REBUILD}"]) from None

    def __contains__(self, key: object) -> bool:
        return key in self._spans  # without decoding it (Mapping's would)

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


def _decoder(kind: RecordKind) -> Callable[..., Any]:
    """The bundle decoder of ``kind``'s records (:func:`civicrun._bundle.decoder`), made when it
    first decodes: a question that decodes no record of a kind (a state, by its code) never
    makes it, nor the record class of a state."""
    plan: Callable[..., Any] | None = None

    def decode(raw: Any, known: Mapping[str, Any] | None = None) -> Any:
        nonlocal plan
        if plan is None:
            from ._bundle import decoder  # noqa: PLC0415

            plan = decoder(kind.cls)
        return plan(raw, known)

    return decode


class SharedField:
    """The bundle header's copy of one field of a folder's entries: each distinct value once,
    and for each record (by its place in ``positions``) the number of its value (-1: none).
    What a caller makes of a value (a coverage's reach, a checked string) is made once, when
    first read, and shared by every entry that has it."""

    __slots__ = ("_made", "_numbers", "_positions", "_values")

    def __init__(self, values: list[Any], numbers: list[int], positions: Mapping[str, int]) -> None:
        self._values = values
        self._numbers = numbers
        self._positions = positions
        self._made: dict[tuple[int, Callable[[Any], Any]], Any] = {}

    def groups(self, make: Callable[[Any], T]) -> list[tuple[T, list[str]]]:
        """``make`` of each distinct value (each made once), with the keys that have it, in the
        order of ``positions``, for the values some key has; a key that has no value is in
        none."""
        keyed: list[list[str]] = [[] for _ in self._values]
        numbers = self._numbers
        for key, at in self._positions.items():
            number = numbers[at]
            if number >= 0:
                keyed[number].append(key)
        made = [make(value) for value in self._values]  # every one: a damaged one is an error
        return [(value, keys) for value, keys in zip(made, keyed, strict=True) if keys]

    def made(self, key: str, make: Callable[[Any], T]) -> T:
        """``make`` of ``key``'s value, made once for each distinct value (KeyError: ``key``
        has none)."""
        number = self._numbers[self._positions[key]]
        if number < 0:
            raise KeyError(key)
        made: T | None = self._made.get((number, make))
        if made is None:
            made = self._made.setdefault((number, make), make(self._values[number]))
        return made


#: The fields of a folder's entries that the bundle's header also holds, by folder: what is
#: read of every record (an organization's coverage, for the matching index; a state's name
#: and FIPS code, for state look-ups and the states' kinds), so the first question parses
#: only the records it reaches.
INDEXED_FIELDS: Mapping[str, tuple[str, ...]] = {
    ORGANIZATIONS.folder: ("coverage",),
    STATES.folder: ("name", "fips"),
}


def text_field(records: Mapping[str, Any], key: str, name: str) -> str:
    """The string field ``name`` of the record ``key`` of ``records``: from the bundle
    header's copy where it has one (:data:`INDEXED_FIELDS`: the record is not decoded), else
    from the record."""
    value = records.plain_field(key, name, _text) if isinstance(records, LazyRecords) else None
    return getattr(records[key], name) if value is None else value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


class Reach(NamedTuple):
    """Where an organization's coverage reaches: what the matching index lists it by."""

    scope: Scope
    states: Collection[str]
    counties: Collection[str]
    towns: Collection[str]
    territories: Collection[str]


_SCOPES = {scope.value: scope for scope in Scope}


def _places(raw: Mapping[str, Any], name: str) -> Collection[str]:
    value = raw.get(name)
    if value is None:  # the bundle leaves out a field at its default (an empty list)
        return ()
    if type(value) is not list or not all(type(item) is str for item in value):
        raise TypeError(f"{name} is not a list of codes")
    return value


def _reach(raw: Mapping[str, Any]) -> Reach:
    scope = _SCOPES.get(raw.get("scope"))  # type: ignore[arg-type]
    if scope is None:
        raise ValueError("no scope of the vocabulary")
    places = _places
    return Reach(
        scope,
        places(raw, "states"),
        places(raw, "counties"),
        places(raw, "towns"),
        places(raw, "territories"),
    )


def reaches(records: Mapping[str, Any]) -> list[tuple[Reach, list[str]]]:
    """Where the organizations of ``records`` reach: each distinct reach with the ids of the
    organizations that have it (in id order). From the bundle header's copies of the
    coverages where it has them (each distinct coverage read once, nothing decoded), else
    from the records (a reach each)."""
    if isinstance(records, LazyRecords):
        found = records.plain_groups("coverage", _reach)
        if found is not None:
            return found
    return [(reach_of(records[key].coverage), [key]) for key in sorted(records)]


def reach_of(coverage: Coverage) -> Reach:
    """The reach of a decoded coverage."""
    return Reach(
        coverage.scope, coverage.states, coverage.counties, coverage.towns, coverage.territories
    )


class Deciding(NamedTuple):
    """What an organization is decided and ordered on: its status and newest evidence of
    activity, its roles, office levels and rules (the fields of :class:`Organization` of the
    same names)."""

    active_as_of: dt.date | None
    office_levels: frozenset[OfficeLevel]
    priorities: tuple[Condition, ...]
    requirements: tuple[Requirement, ...]
    roles: frozenset[Role]
    serves: tuple[Requirement, ...]
    status: OrgStatus


#: The fields of a folder's entries that the bundle writes on a line of their own, before the
#: rest of each entry, by folder: what a question decides on, so that it parses and decodes
#: only these of the organizations it reaches (a record is decoded whole when it is read).
SPLIT_FIELDS: Mapping[str, tuple[str, ...]] = {ORGANIZATIONS.folder: Deciding._fields}


def deciding_of(org: Organization) -> Deciding:
    """What a decoded ``org`` is decided on."""
    return Deciding._make(getattr(org, name) for name in Deciding._fields)


class OrgReader:
    """How the matching index reads the organizations of ``records``: what one is decided on
    (:meth:`facts`), and its record (:meth:`record`). From the bundle's records, the facts are
    the first line of an entry alone (the record is not decoded), and a record read after its
    facts is decoded from the rest of its entry with them; from decoded records (a dataset
    with edited or extra records), both are the record's."""

    __slots__ = ("_facts", "_lazy", "_records")

    def __init__(self, records: Mapping[str, Organization]) -> None:
        self._records = records
        self._lazy = records if isinstance(records, LazyRecords) else None
        self._facts: Callable[[Any], Deciding] | None = None
        if self._lazy is not None:
            from ._bundle import fields_decoder  # noqa: PLC0415

            fields = fields_decoder(Organization, Deciding._fields)
            self._facts = lambda raw: Deciding._make(fields(raw))

    def facts(self, key: str) -> Deciding:
        """What the organization ``key`` is decided on."""
        if self._lazy is None or self._facts is None:
            return deciding_of(self._records[key])
        return self._lazy.head(key, self._facts)

    def record(self, key: str, facts: Deciding | None) -> Organization:
        """The record of the organization ``key``, whose ``facts`` may be known already."""
        if self._lazy is None or facts is None:
            return self._records[key]
        return self._lazy.completed(key, facts._asdict())  # type: ignore[no-any-return]


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def bundle_text(records: Mapping[str, Sequence[Any]], **header: str) -> str:
    """The bundle's text for unstructured ``records`` (per folder, in id order).

    The layout (format 2) is made for the first question. The first line is a JSON header:
    the format, ``header``'s items, and, by folder, under ``records`` each entry's ``keys``,
    the byte offset where each ``ends`` and where the first one starts (counted after the
    header line; an entry starts one byte, its newline, after the one before it ends), and
    under ``fields`` the :data:`INDEXED_FIELDS`:
    each distinct ``values`` once, and ``of`` each entry, its value's number (-1: none). Each
    entry follows, compact JSON with sorted keys: on one line, or, for a folder with
    :data:`SPLIT_FIELDS` (format 3), on two: those fields, then the rest. A reader parses the
    header, then only the entries it reads (:class:`Bundle`), and of an organization a question
    reaches only its first line, so a first answer does not parse every organization's full
    record.
    """
    lines: list[str] = []
    index: dict[str, dict[str, Any]] = {}
    fields: dict[str, dict[str, dict[str, list[Any]]]] = {}
    at = -1
    for folder, entries in records.items():
        key = by_folder(folder).key
        keys: list[str] = []
        ends: list[int] = []
        first = at + 1
        split = SPLIT_FIELDS.get(folder, ())
        for entry in entries:
            if split:  # two lines: the split fields, then the rest
                lead = {name: entry[name] for name in split if name in entry}
                rest = {name: value for name, value in entry.items() if name not in lead}
                line = f"{_dump(lead)}\n{_dump(rest)}"
            else:
                line = _dump(entry)
            at += 1 + len(line.encode("utf-8"))
            keys.append(entry[key])
            ends.append(at)
            lines.append(line)
        index[folder] = {"start": first, "keys": keys, "ends": ends}
        for name in INDEXED_FIELDS.get(folder, ()):
            numbers: dict[str, int] = {}
            of = [
                numbers.setdefault(_dump(entry[name]), len(numbers)) if name in entry else -1
                for entry in entries
            ]
            values = [json.loads(text) for text in numbers]
            fields.setdefault(folder, {})[name] = {"values": values, "of": of}
    head = {"format": BUNDLE_FORMAT, **header, "records": index, "fields": fields}
    return "".join(f"{line}\n" for line in (_dump(head), *lines))


def compile_bundle(root: Traversable) -> str:
    """The bundle's text for the TOML records under ``root`` (:func:`bundle_text`): the
    records unstructured by the one converter, in id order, so it rebuilds byte for byte.
    Write it as UTF-8 bytes (no newline translation: the header counts bytes).

    Raises:
        DataError: a record file is bad.
    """
    import hashlib  # noqa: PLC0415

    from ._converter import converter  # noqa: PLC0415

    data = load(root)  # every file structured and cross-checked
    parts = parts_of(data)
    records = {
        kind.folder: [converter.unstructure(part[k]) for k in sorted(part)]
        for kind, part in parts.items()
    }
    # The data's digest is taken over the records as the first bundle format laid them out
    # (one JSON document), so the data version does not change with the file's layout.
    content = _dump({"format": 1, **records})
    newest = max(r.last_verified for part in parts.values() for r in part.values())
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return bundle_text(
        records, data_date=newest.isoformat(), data_version=f"{newest:%Y.%m.%d}-{digest}"
    )


class Bundle:
    """A compiled bundle as read: its header parsed, its entries read and parsed one by one
    when asked for: from the bytes given, or, for :meth:`from_file`, from the file itself."""

    __slots__ = ("__weakref__", "_base", "_data", "_fd", "header")

    def __init__(self, data: bytes, *, fd: int | None = None) -> None:
        end = data.find(b"\n")
        line = data if end < 0 else data[:end]
        try:
            header = json.loads(line)
        except ValueError as exc:
            raise DataError(BUNDLE, [f"not valid JSON: {exc}"]) from None
        if not isinstance(header, dict) or header.get("format") != BUNDLE_FORMAT:
            raise DataError(BUNDLE, [f"format must be {BUNDLE_FORMAT}; {_REBUILD}"])
        self.header: dict[str, Any] = header
        self._data = data
        self._fd = fd
        self._base = len(line) + 1

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Bundle:
        """The bundle in the file at ``path``: only its header line is read now; an entry is
        read (``os.pread``, from the file as it was opened) when asked for, so a first answer
        does not read every organization's record from disk."""
        import weakref  # noqa: PLC0415

        fd = os.open(path, os.O_RDONLY)
        try:
            chunks: list[bytes] = []
            while chunk := os.read(fd, 1 << 17):  # the header is about 70 KB: read little more
                chunks.append(chunk)
                if b"\n" in chunk:
                    break
            head = b"".join(chunks)
            bundle = cls(head[: head.find(b"\n") + 1] or head, fd=fd)
        except BaseException:
            os.close(fd)
            raise
        weakref.finalize(bundle, os.close, fd)
        return bundle

    def spans(self, folder: str) -> Spans:
        """Each entry of ``folder`` by its key: its (start, end) byte span, in id order."""
        index = self.header.get("records", {}).get(folder, {"keys": [], "ends": []})
        keys: list[str] = index["keys"]
        ends: list[int] = index["ends"]
        if len(keys) != len(ends) or not set(map(type, keys)) <= {str}:
            raise ValueError(f"the index of {folder} is damaged")
        return Spans(keys, ends, index.get("start", 0))

    def fields(self, folder: str, spans: Spans) -> dict[str, SharedField]:
        """The header's copies of ``folder``'s :data:`INDEXED_FIELDS`, by field name, for the
        entries of ``spans`` (:meth:`spans`)."""
        copied = self.header.get("fields", {}).get(folder, {})
        found = {}
        for name, field in copied.items():
            numbers = field.get("of") if isinstance(field, dict) else None
            values = field.get("values") if isinstance(field, dict) else None
            if type(values) is not list or type(numbers) is not list:
                raise ValueError(f"the header's copies of {name} are damaged")
            if len(numbers) != len(spans.order):
                raise ValueError(f"the header's copies of {name} do not number every entry")
            found[name] = SharedField(values, numbers, spans.positions)
        return found

    def _read(self, start: int, end: int) -> bytes:
        if not 0 <= start <= end:
            raise ValueError(f"bad span {start}-{end}")
        if self._fd is not None:
            return os.pread(self._fd, end - start, self._base + start)
        return self._data[self._base + start : self._base + end]

    def entry(self, start: int, end: int, *, head: bool = True) -> Any:
        """The entry between bytes ``start`` and ``end`` of the entries, parsed: both lines of
        a split entry as one mapping, or (``head=False``) only the line after its
        :data:`SPLIT_FIELDS`."""
        text = self._read(start, end)
        cut = text.find(b"\n")  # compact JSON holds no newline: the line of split fields ends
        if cut < 0:
            return json.loads(text)
        rest = json.loads(text[cut + 1 :])
        if not head:
            return rest
        first = json.loads(text[:cut])
        if type(first) is not dict or type(rest) is not dict:
            raise ValueError("a split entry's lines are not both objects")
        return {**first, **rest}

    def head(self, start: int, end: int) -> Any:
        """The first line of the entry between bytes ``start`` and ``end``, parsed: the
        :data:`SPLIT_FIELDS` of a split entry, without the rest."""
        text = self._read(start, end)
        cut = text.find(b"\n")
        return json.loads(text if cut < 0 else text[:cut])

    def entries(self, folder: str) -> list[Any]:
        """Every entry of ``folder``, parsed (for tools and tests; a question reads few)."""
        return [self.entry(start, end) for start, end in self.spans(folder).values()]


def _read_bundle() -> Bundle:
    folder = _data_folder()
    if folder is None:  # not imported from a folder (a zip import, say)
        return _read_bundle_in(data_root())
    file = os.path.join(folder, BUNDLE)
    found: str | bytes
    if os.path.isfile(file):  # an installed wheel: the bundle was compiled when it was built
        found = file
    elif os.path.isdir(os.path.join(folder, ORGANIZATIONS.folder)):  # a source checkout
        found = _checkout_bundle(folder)
    else:
        raise DataError(BUNDLE, [_MISSING])
    if isinstance(found, bytes):
        return Bundle(found)
    if hasattr(os, "pread"):
        return Bundle.from_file(found)
    with open(found, "rb") as opened:
        return Bundle(opened.read())


#: Why there is no bundle to read.
_MISSING = "the compiled bundle is missing and there are no records to compile"


def _read_bundle_in(root: Traversable) -> Bundle:
    """The bundle of a package not imported from a folder, read through its ``Traversable``."""
    file = root.joinpath(BUNDLE)
    if file.is_file():
        if isinstance(file, os.PathLike) and hasattr(os, "pread"):  # on disk after all
            return Bundle.from_file(file)
        return Bundle(file.read_bytes())
    if root.joinpath(ORGANIZATIONS.folder).is_dir():
        return Bundle(checkout_bundle(root))
    raise DataError(BUNDLE, [_MISSING])


def cache_dir() -> Path:
    """Where a source checkout's compiled bundles are cached: ``$CIVICRUN_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/civicrun``, else ``~/.cache/civicrun``."""
    from pathlib import Path  # noqa: PLC0415

    return Path(_cache_folder())


def _cache_folder() -> str:
    """:func:`cache_dir`, as a path string (a first answer in a checkout imports no pathlib)."""
    given = os.environ.get("CIVICRUN_CACHE_DIR")
    if given:
        return given
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "civicrun")


def _checkout_key(root: Traversable | str) -> str:
    """A key that changes whenever a record file or the package's code changes: the names,
    sizes and modification times of every data and module file, and the bundle format.

    Digested by BLAKE2b from CPython's own ``_blake2`` module (what :func:`hashlib.blake2b`
    is): importing hashlib loads OpenSSL first, about 4 ms of every first answer in a checkout.
    """
    try:
        from _blake2 import blake2b  # noqa: PLC0415  (a checkout only)
    except ImportError:  # another Python: hashlib's, the same function
        from hashlib import blake2b  # noqa: PLC0415

    data = str(root)
    package = os.path.dirname(data)
    found: list[tuple[str, os.stat_result]] = []

    def scan(folder: str, relative: str, suffixes: tuple[str, ...], deep: bool) -> None:
        # os.scandir, not pathlib: this runs on every first answer in a checkout, over every
        # record file, and pathlib's objects cost more than the stat calls themselves.
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{relative}{entry.name}"
                if deep and entry.is_dir():
                    scan(entry.path, f"{name}/", (".toml",), True)
                elif entry.name.endswith(suffixes):
                    found.append((name, entry.stat()))

    scan(package, "", (".py",), False)
    scan(data, f"{os.path.basename(data)}/", (".toml", ".tsv"), True)
    digest = blake2b(f"format {BUNDLE_FORMAT}".encode(), digest_size=12)
    for name, stat in sorted(found):
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()  # 12 bytes: 24 hex digits


def checkout_bundle(root: Traversable | str) -> bytes:
    """The bundle for a source checkout or editable install, where none is built: the TOML
    records compiled (and checked) now, and cached by :func:`_checkout_key` in
    :func:`cache_dir`, so an edited record is seen on the next run with no script to run. A
    cache that cannot be written only costs the compile on each first use."""
    found = _checkout_bundle(root)
    if isinstance(found, bytes):
        return found
    with open(found, "rb") as cached:
        return cached.read()


def _checkout_bundle(root: Traversable | str) -> str | bytes:
    """:func:`checkout_bundle`'s cached file (its path), or its bytes when they could not be
    cached."""
    key = _checkout_key(root)
    folder = _cache_folder()
    cached = os.path.join(folder, f"bundle-{key}.json")
    if os.path.isfile(cached):
        with contextlib.suppress(OSError):  # a read-only cache is still read
            os.utime(cached)  # recently used: the last to be pruned
        return cached
    if isinstance(root, str):
        from pathlib import Path  # noqa: PLC0415  (only when a bundle is compiled)

        root = Path(root)
    data = compile_bundle(root).encode("utf-8")
    import tempfile  # noqa: PLC0415  (only when a bundle is compiled)

    try:
        os.makedirs(folder, exist_ok=True)
        # Bytes, not text: the header's byte offsets hold only if no newline is translated.
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as out:
            out.write(data)
        os.replace(out.name, cached)
    except OSError:
        return data  # a read-only home: compile again next time
    _prune(folder, keep=cached)
    return cached


#: How many compiled bundles the cache keeps: each edit of a record or module compiles a new
#: one (about 3 MB), and a few checkouts or branches may share the cache.
CACHED_BUNDLES = 4


def _prune(folder: str, keep: str) -> None:
    """Remove the cached bundles beyond the :data:`CACHED_BUNDLES` most recently used (never
    ``keep``, the one just written); a file another process removes first is no error."""
    try:
        with os.scandir(folder) as entries:
            found = [
                (entry.stat().st_mtime_ns, entry.path)
                for entry in entries
                if entry.name.startswith("bundle-") and entry.name.endswith(".json")
            ]
    except OSError:
        return
    found.sort(reverse=True)
    for _when, path in found[CACHED_BUNDLES:]:
        if path != keep:
            with contextlib.suppress(OSError):  # removed by another process first
                os.remove(path)


def data_version() -> tuple[str, str]:
    """(the dataset's version, its date): the newest ``last_verified`` of any record, and a
    digest of the records' content, so the version changes with any data change."""
    header = _raw_bundle.get().header
    return str(header.get("data_version", "unknown")), str(header.get("data_date", "unknown"))


def _lazy_part(folder: str) -> LazyRecords:
    """One folder's records from the bundle, each decoded when first read."""
    kind = by_folder(folder)
    bundle = _raw_bundle.get()
    try:
        spans = bundle.spans(folder)
    except (TypeError, ValueError, KeyError, AttributeError):
        _raw_bundle.reset()
        raise DataError(BUNDLE, [f"an entry of {folder} has no {kind.key}; {_REBUILD}"]) from None
    try:
        fields = bundle.fields(folder, spans)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        _raw_bundle.reset()
        raise DataError(BUNDLE, [f"{folder}: {exc}; {_REBUILD}"]) from None
    return LazyRecords(bundle, spans, _decoder(kind), fields)


def _structure_part(folder: str) -> dict[str, Any]:
    """One folder's records from the bundle, all decoded now (the small folders)."""
    part = _lazy_part(folder)
    try:
        return {key: part[key] for key in part}
    except DataError:
        _raw_bundle.reset()  # all or nothing: the next call reads the file again
        raise


class _Lazy(Generic[T]):
    """A value computed on first use, once, behind a lock; all or nothing."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._build()
                value = self._value
        return value

    def reset(self) -> None:
        with self._lock:
            self._value = None


S = TypeVar("S")


class Derived(Generic[S, T]):
    """A value built from a loaded part (an index, say), rebuilt only if that part is reloaded.

    It keeps a reference to the part it was built from and compares by identity, so a reload
    (after :func:`reset`) is always noticed.
    """

    def __init__(self, source: Callable[[], S], build: Callable[[S], T]) -> None:
        self._source = source
        self._build = build
        self._lock = threading.Lock()
        self._cached: tuple[S, T] | None = None

    def get(self) -> T:
        part = self._source()
        cached = self._cached
        if cached is None or cached[0] is not part:
            with self._lock:
                cached = self._cached
                if cached is None or cached[0] is not part:
                    cached = (part, self._build(part))
                    self._cached = cached
        return cached[1]


_raw_bundle = _Lazy(_read_bundle)
#: Each record kind's records from the bundle, by folder: the big folder (``lazy``) decoded
#: record by record when first read, the small ones all at once.
_PARTS: dict[str, _Lazy[Mapping[str, Any]]] = {
    kind.folder: _Lazy(functools.partial(_lazy_part if kind.lazy else _structure_part, kind.folder))
    for kind in KINDS
}
_counties = _Lazy(lambda: _load_counties(_data_folder() or data_root()))
_full = _Lazy(load)


def dataset() -> Dataset:
    """The package's data, loaded on first use (thread-safe, once) and cross-checked."""
    return _full.get()


def state_table() -> Mapping[str, State]:
    """Only the state records: what state lookups need, read on first use."""
    states: Mapping[str, State] = _PARTS[STATES.folder].get()
    return states


def county_table() -> CountyTable:
    """Only the county table and its aliases: what county lookups need, read on first use."""
    return _counties.get()


def reset() -> None:
    """Forget everything loaded (for tests)."""
    parts: list[_Lazy[Any]] = [_full, _raw_bundle, *_PARTS.values(), _counties]
    for part in parts:
        part.reset()
