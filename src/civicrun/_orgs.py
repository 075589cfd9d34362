"""Organization lookups in three tiers: get (raises), search (ranked), organizations (all)."""

from __future__ import annotations

from collections.abc import Mapping

from ._data import Dataset, Derived, dataset
from ._records import Organization
from ._text import close_matches, fold
from .errors import UnknownOrganizationError

__all__ = ["get_organization", "organizations", "search_organizations"]


def _build_name_index(data: Dataset) -> Mapping[str, Organization]:
    index: dict[str, Organization] = {}
    # Ids first, then current names, then former names and aliases: an earlier entry wins.
    ordered = sorted(data.organizations.values(), key=lambda o: o.id)
    for org in ordered:
        index.setdefault(fold(org.id), org)
    for org in ordered:
        for name in org.names:
            index.setdefault(fold(name), org)
    return index


_name_index = Derived(dataset, _build_name_index)


def organizations() -> tuple[Organization, ...]:
    """Every organization in the dataset, in id order (including inactive ones)."""
    data = dataset()
    return tuple(data.organizations[k] for k in sorted(data.organizations))


def get_organization(id_or_name: str) -> Organization:
    """The organization with this id, name, former name or alias (case and punctuation ignored).

    >>> first = organizations()[0]
    >>> get_organization(first.name.upper()) is first
    True

    Raises:
        UnknownOrganizationError: nothing matches; ``suggestions`` lists close ids.
    """
    if not isinstance(id_or_name, str) or not id_or_name.strip():
        raise UnknownOrganizationError(str(id_or_name))
    index = _name_index.get()
    found = index.get(fold(id_or_name))
    if found is None:
        close = close_matches(id_or_name, index, n=5)
        suggestions = list(dict.fromkeys(index[fold(c)].id for c in close))
        raise UnknownOrganizationError(id_or_name, suggestions)
    return found


def search_organizations(text: str) -> tuple[Organization, ...]:
    """Organizations whose names, ids or summaries contain every word of ``text``.

    Ranked: a match in the id or a name before a match only in the summary, then by id.
    An empty query returns nothing.

    >>> search_organizations("")
    ()
    """
    words = fold(text).split()
    if not words:
        return ()
    ranked: list[tuple[int, str, Organization]] = []
    for org in dataset().organizations.values():
        names = " ".join(fold(n) for n in (org.id, *org.names))
        everything = names + " " + fold(org.summary)
        if all(w in everything for w in words):
            rank = 0 if all(w in names for w in words) else 1
            ranked.append((rank, org.id, org))
    return tuple(org for _rank, _id, org in sorted(ranked, key=lambda t: (t[0], t[1])))
