"""Extra datasets: a state party's or a coalition's own records on top of the shipped ones.

:func:`load_dataset` checks the extra record files exactly as ``civicrun data check PATH``
does, then returns a :class:`Data` whose methods answer as the module-level functions do, over
the shipped records plus the extra ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ._args import MAX_TEXT, need_text
from ._check import check_data
from ._data import Dataset, dataset, given_files, kind_of, load_record_file
from ._files import shown
from ._match import Match, answer, explain_with, index_of, shipped_index
from ._orgs import _name_index, build_name_index, build_suggester, search_in
from ._parties import _state_parties, build_state_parties, party_named
from ._profile import Profile
from ._states import lookup_state
from ._text import Suggester, fold
from .errors import ArgumentTypeError, DataError, UnknownOrganizationError
from .records import Organization
from .vocab import Party

__all__ = ["Data", "load_dataset"]


class Data:
    """The shipped records plus extra ones, with the organization and matching functions of
    ``civicrun`` as methods. Made by :func:`load_dataset`."""

    __slots__ = ("_data", "_index", "_names", "_parties", "_suggester", "extra_ids")

    def __init__(self, data: Dataset, extra_ids: frozenset[str]) -> None:
        self._data = data
        if data is dataset():  # the shipped records alone: share the indices already built
            self._index = shipped_index()
            self._names = _name_index.get()
            self._parties = _state_parties.get()
        else:
            self._index = index_of(data)
            self._names = build_name_index(data)
            self._parties = build_state_parties(data)
        self._suggester: Suggester[Organization] | None = None  # built on the first miss
        #: The ids of the organizations the extra files added or replaced.
        self.extra_ids = extra_ids

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its extra records (the shipped ones are in every process already), so a
        # Data can be handed to a process pool's workers.
        organizations = self._data.organizations
        return (_with_extra, (tuple(organizations[i] for i in sorted(self.extra_ids)),))

    def organizations(self) -> tuple[Organization, ...]:
        """Every organization, shipped and extra, in id order."""
        orgs = self._data.organizations
        return tuple(orgs[k] for k in sorted(orgs))

    def get_organization(
        self, id_or_name: object, default: Organization | None = None
    ) -> Organization | None:
        """As :func:`civicrun.get_organization`."""
        if not isinstance(id_or_name, str) or len(id_or_name) > MAX_TEXT:
            return default
        return self._names.get(fold(id_or_name), default)

    def lookup_organization(self, id_or_name: object) -> Organization:
        """As :func:`civicrun.lookup_organization`."""
        text = need_text(id_or_name, "lookup_organization", "id_or_name") or ""
        found = self.get_organization(text)
        if found is None:
            if self._suggester is None:
                self._suggester = build_suggester(self.organizations())
            raise UnknownOrganizationError(text, self._suggester.closest(text, n=5))
        return found

    def search_organizations(self, text: str) -> tuple[Organization, ...]:
        """As :func:`civicrun.search_organizations`."""
        return search_in(self._data.organizations, need_text(text, "search_organizations", "text"))

    def eligible_orgs(
        self,
        profile: Profile,
        *,
        on: dt.date | None = None,
        include_staff: bool = False,
        include_outside_audience: bool = False,
    ) -> tuple[Match, ...]:
        """As :func:`civicrun.eligible_orgs`."""
        return answer(self._index, profile, on, include_staff, include_outside_audience)

    def explain(
        self,
        profile: Profile,
        organization: Organization | str,
        *,
        on: dt.date | None = None,
        include_staff: bool = False,
    ) -> Match:
        """As :func:`civicrun.explain`."""
        # The same checks as civicrun.explain, so the method and the function cannot diverge.
        if not isinstance(profile, Profile):
            raise ArgumentTypeError("explain", "profile", "a civicrun.Profile", profile)
        if isinstance(organization, Organization):
            org = organization
        else:
            org = self.lookup_organization(need_text(organization, "explain", "organization"))
        return explain_with(self._index, org, profile, on, include_staff)

    def state_party(self, state: str, party: str | Party) -> Organization | None:
        """As :func:`civicrun.state_party`."""
        code = lookup_state(need_text(state, "state_party", "state")).code
        if not isinstance(party, str):
            raise ArgumentTypeError("state_party", "party", "a string or a Party", party)
        return self._parties.get((code, party_named(party)))


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
        return Data(shipped, frozenset())
    problems = check_data(paths=paths)
    files, _missing = given_files(paths)  # what cannot be read is reported by the check
    added: dict[str, Organization] = {}
    for file in files:
        folder, cls, _key = kind_of(file)
        if folder != "organizations":
            problems.append(f"{shown(file)}: extra datasets add organizations, not {folder} @ $")
            continue
        try:
            record = load_record_file(file, cls)
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
    data = Dataset(
        organizations=organizations,
        states=shipped.states,
        offices=shipped.offices,
        counties=shipped.counties,
    )
    return Data(data, frozenset(added))


def _with_extra(extra: tuple[Organization, ...]) -> Data:
    """The shipped data with ``extra`` records added or replacing shipped ones (unpickling)."""
    shipped = dataset()
    if not extra:
        return Data(shipped, frozenset())
    data = Dataset(
        organizations={**shipped.organizations, **{org.id: org for org in extra}},
        states=shipped.states,
        offices=shipped.offices,
        counties=shipped.counties,
    )
    return Data(data, frozenset(org.id for org in extra))


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
