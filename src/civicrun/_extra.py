"""Extra datasets: a state party's or a coalition's own records on top of the shipped ones.

:func:`load_dataset` checks the extra record files exactly as ``civicrun data check PATH``
does, then returns a :class:`~civicrun.Data` whose methods are the module-level functions, over
the shipped records plus the extra ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ._api import Data
from ._args import MAX_TEXT, need_text
from ._check import check_data
from ._data import dataset, given_files, kind_of, load_record_file
from ._files import shown
from ._kinds import ORGANIZATIONS
from .errors import ArgumentTypeError, DataError
from .records import Organization

__all__ = ["load_dataset"]


def load_dataset(extra: Sequence[str | Path] = (), *, replace: Iterable[str] = ()) -> Data:
    """The shipped records plus the organization records in ``extra`` (files, or folders of
    them), checked as ``civicrun data check PATH`` checks them.

    An extra record whose id is a shipped one's replaces it only if that id is listed in
    ``replace``; otherwise the clash is an error, and so is an id in ``replace`` that no extra
    file supplies, or one id given by two files. With no extra files, the shipped records are
    returned as they are, without checking them again.

    Raises:
        DataError: an extra file has problems (all of them are listed), or an id clashes.
        ArgumentTypeError: ``extra`` is not a list of paths, or ``replace`` not a list of ids.
    """
    if isinstance(extra, str | Path) or not isinstance(extra, Sequence):
        raise ArgumentTypeError("load_dataset", "extra", "a list of paths", extra)
    if not all(isinstance(p, str | Path) for p in extra):
        raise ArgumentTypeError("load_dataset", "extra", "a list of paths", extra)
    allowed = _replace_ids(replace)
    paths = [Path(p) for p in extra]
    shipped = dataset()
    if not paths:
        return Data.shipped()
    problems: list[str] = list(check_data(paths=paths))
    files, _missing = given_files(paths)  # what cannot be read is reported by the check
    added: dict[str, Organization] = {}
    for file in files:
        kind = kind_of(file)
        if kind is not ORGANIZATIONS:
            problems.append(
                f"{shown(file)}: extra datasets add organizations, not {kind.folder} @ $"
            )
            continue
        try:
            record = load_record_file(file, Organization)
        except DataError:
            continue  # already reported by the check
        if record.id in added:
            continue  # two files with one id: reported by the check
        if record.id in shipped.organizations and record.id not in allowed:
            problems.append(
                f"{shown(file)}: {record.id!r} is a shipped organization; to replace it, "
                f"pass replace=[{record.id!r}] (--replace {record.id} on the command line) @ $.id"
            )
        added[record.id] = record
    problems += [
        f"replace=: {ident!r} is not the id of an extra record given; nothing replaces it"
        for ident in sorted(allowed - added.keys())
    ]
    if problems:
        raise DataError("extra data", [str(p) for p in sorted(set(problems))])
    organizations: Mapping[str, Organization] = {**shipped.organizations, **added}
    data = shipped.with_records(ORGANIZATIONS.folder, organizations)
    return Data(data, frozenset(added))


def _replace_ids(replace: object) -> frozenset[str]:
    """``replace`` as a set of ids: a list (or other collection) of strings, never one string."""
    if isinstance(replace, str) or not isinstance(replace, Iterable):
        raise ArgumentTypeError("load_dataset", "replace", "a list of organization ids", replace)
    ids = list(replace)
    if not all(isinstance(i, str) for i in ids):
        raise ArgumentTypeError("load_dataset", "replace", "a list of organization ids", replace)
    too_long = [i for i in ids if len(i) > MAX_TEXT]
    if too_long:
        need_text(too_long[0], "load_dataset", "replace")  # raises the right error
    return frozenset(ids)
