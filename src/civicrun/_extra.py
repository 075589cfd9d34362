"""Extra datasets: a state party's or a coalition's own records on top of the shipped ones.

:func:`load_dataset` checks the extra record files exactly as ``civicrun data check PATH``
does, then returns a :class:`Data` whose methods answer as the module-level functions do, over
the shipped records plus the extra ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ._args import MAX_TEXT, need_text
from ._check import check_data
from ._data import Dataset, dataset, given_files, kind_of, load_record_file
from ._match import Match, answer, explain_with, index_of
from ._orgs import build_name_index, search_in, suggestions_in
from ._parties import build_state_parties, party_named
from ._profile import Profile
from ._states import lookup_state
from ._text import fold
from .errors import ArgumentTypeError, DataError, UnknownOrganizationError
from .records import Organization
from .vocab import Party

__all__ = ["Data", "load_dataset"]


class Data:
    """The shipped records plus extra ones, with the organization and matching functions of
    ``civicrun`` as methods. Made by :func:`load_dataset`."""

    __slots__ = ("_data", "_index", "_names", "_parties", "extra_ids")

    def __init__(self, data: Dataset, extra_ids: frozenset[str]) -> None:
        self._data = data
        self._index = index_of(data)
        self._names = build_name_index(data)
        self._parties = build_state_parties(data)
        #: The ids of the organizations the extra files added or replaced.
        self.extra_ids = extra_ids

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
            raise UnknownOrganizationError(text, suggestions_in(self.organizations(), text))
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
        if not isinstance(profile, Profile):
            raise ArgumentTypeError("explain", "profile", "a civicrun.Profile", profile)
        org = (
            organization
            if isinstance(organization, Organization)
            else self.lookup_organization(organization)
        )
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
