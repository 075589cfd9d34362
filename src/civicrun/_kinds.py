"""The registry of record kinds: one :class:`RecordKind` per folder of TOML records.

Everything that goes over the kinds iterates :data:`KINDS`: the loader and the compiled bundle
(:mod:`civicrun._data`), the data check, ``data fmt`` and ``data new`` (their skeletons), the
JSON Schemas, the exports and the stats. Adding a record kind is its record class (in
:mod:`civicrun.records`), its entry here, and, if contributors write new ones, its skeleton (in
:mod:`civicrun._fmt`); ``tests/test_registry.py`` names the place that was forgotten.

The table is data only: it names the record classes (each made when first asked for) and imports
nothing that loads or formats.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from . import records

__all__ = [
    "KINDS",
    "OFFICE_CATEGORIES",
    "ORGANIZATIONS",
    "STATES",
    "RecordKind",
    "by_folder",
    "by_keys",
]


class RecordKind(NamedTuple):
    """One kind of record file (a named tuple: an attrs class would cost every first answer the
    making of its methods).

    Attributes:
        name: the kind in one word, as ``civicrun schema NAME`` takes it (``office-category``).
        singular, plural: how text names one record and several (``office category``).
        folder: the data folder of its files; also the :class:`~civicrun._data.Dataset`
            attribute and the compiled bundle's key for its records.
        record: the name of the record class its files structure to, in
            :mod:`civicrun.records` (:attr:`cls` is the class, made when first asked for).
        key: the attribute that equals the file name (lower-cased).
        table: its name in the exports (the JSON key, the CSV/SQLite main table) and in the
            stats' counts.
        skeletons: the ``civicrun data new`` skeletons that write one (none: contributors do
            not add such records).
        signature: keys that only its files hold, which tell its kind when a file is given
            outside its folder; the one kind with none is the default.
        lazy: whether the bundle decodes its records one by one on first read (the big
            folder, and those a first answer reads one record of, or none), rather than all
            at once.
    """

    name: str
    singular: str
    plural: str
    folder: str
    record: str
    key: str
    table: str
    skeletons: tuple[str, ...] = ()
    signature: frozenset[str] = frozenset()
    lazy: bool = False

    @property
    def cls(self) -> type[Any]:
        """The record class its files structure to."""
        cls: type[Any] = getattr(records, self.record)
        return cls

    def ident(self, record: Any) -> str:
        """``record``'s key as its file name spells it (lower-case, no ``.toml``)."""
        return str(getattr(record, self.key)).lower()

    def path_of(self, record: Any) -> str:
        """``record``'s file, relative to the data folder (``states/tx.toml``)."""
        return f"{self.folder}/{self.ident(record)}.toml"


ORGANIZATIONS = RecordKind(
    name="organization",
    singular="organization",
    plural="organizations",
    folder="organizations",
    record="Organization",
    key="id",
    table="organizations",
    skeletons=("organization", "state-program"),
    lazy=True,
)
STATES = RecordKind(
    name="state",
    singular="state",
    plural="states",
    folder="states",
    record="State",
    key="code",
    table="states",
    signature=frozenset({"code", "county_term"}),
    lazy=True,
)
OFFICE_CATEGORIES = RecordKind(
    name="office-category",
    singular="office category",
    plural="office categories",
    folder="offices",
    record="OfficeCategory",
    key="id",
    table="office_categories",
    skeletons=("office-category",),
    signature=frozenset({"level", "partisan"}),
    lazy=True,
)

#: Every record kind, in the order the loader, the bundle and the exports list them.
KINDS: tuple[RecordKind, ...] = (ORGANIZATIONS, STATES, OFFICE_CATEGORIES)

_BY_FOLDER: Mapping[str, RecordKind] = {kind.folder: kind for kind in KINDS}


def by_folder(folder: str) -> RecordKind:
    """The kind whose files live in ``folder`` (which must be one of :data:`KINDS`' folders)."""
    return _BY_FOLDER[folder]


def by_keys(keys: set[str]) -> RecordKind:
    """The kind a record file holding ``keys`` is: the first whose signature it has, else the
    default kind (the one with no signature)."""
    for kind in KINDS:
        if kind.signature and kind.signature <= keys:
            return kind
    return next(kind for kind in KINDS if not kind.signature)
