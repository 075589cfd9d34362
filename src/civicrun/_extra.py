"""Extra datasets: a state party's or a coalition's own records on top of the shipped ones.

:func:`load_dataset` checks the extra record files exactly as ``civicrun data check PATH``
does, then returns a :class:`~civicrun.Data` whose methods are the module-level functions, over
the shipped records plus the extra ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ._api import Data
from ._check import check_data
from ._data import Dataset, dataset, given_files, kind_of, load_record_file
from .errors import ArgumentTypeError, DataError
from .records import Organization

__all__ = ["load_dataset"]


def load_dataset(extra: Sequence[str | Path] = (), *, replace: Iterable[str] = ()) -> Data:
    """The shipped records plus the organization records in ``extra`` (files, or folders of
    them), checked as ``civicrun data check PATH`` checks them.

    An extra record whose id is a shipped one's replaces it only if that id is listed in
    ``replace``; otherwise the clash is an error.

    Raises:
        DataError: an extra file has problems (all of them are listed), or an id clashes.
        ArgumentTypeError: ``extra`` is not a list of paths.
    """
    if isinstance(extra, str | Path) or not isinstance(extra, Sequence):
        raise ArgumentTypeError("load_dataset", "extra", "a list of paths", extra)
    if not all(isinstance(p, str | Path) for p in extra):
        raise ArgumentTypeError("load_dataset", "extra", "a list of paths", extra)
    paths = [Path(p) for p in extra]
    allowed = frozenset(replace)
    problems = check_data(paths=paths)
    files, missing = given_files(paths)
    shipped = dataset()
    added: dict[str, Organization] = {}
    for file in files:
        folder, cls, _key = kind_of(file)
        if folder != "organizations":
            problems.append(f"{file}: extra datasets add organizations, not {folder} @ $")
            continue
        try:
            record = load_record_file(file, cls)
        except DataError:
            continue  # already reported by the check
        if record.id in shipped.organizations and record.id not in allowed:
            problems.append(
                f"{file}: {record.id!r} is a shipped organization; list it in replace= to "
                "replace it @ $.id"
            )
        added[record.id] = record
    problems += missing
    if problems:
        raise DataError("extra data", sorted(set(problems)))
    organizations: Mapping[str, Organization] = {**shipped.organizations, **added}
    data = Dataset(
        organizations=organizations,
        states=shipped.states,
        offices=shipped.offices,
        counties=shipped.counties,
    )
    return Data(data, frozenset(added))
