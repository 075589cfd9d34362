"""Organization lookups in three tiers.

:func:`get_organization` never raises, :func:`lookup_organization` raises with suggestions
(:class:`~civicrun.Organization` records), :func:`search_organizations` ranks; every tier
matches ids, names, former names and aliases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._args import MAX_TEXT, need_text
from ._data import Dataset, Derived, dataset
from ._text import Suggester, fold, fold_name
from .errors import UnknownOrganizationError
from .records import Organization

__all__ = ["get_organization", "lookup_organization", "organizations", "search_organizations"]


def build_name_index(data: Dataset) -> Mapping[str, Organization]:
    """Folded ids, then names, former names and aliases -> the organization (first wins)."""
    index: dict[str, Organization] = {}
    # Ids first, then current names, then former names and aliases: an earlier entry wins.
    ordered = sorted(data.organizations.values(), key=lambda o: o.id)
    for org in ordered:
        index.setdefault(fold_name(org.id), org)
    for org in ordered:
        for name in org.names:
            index.setdefault(fold_name(name), org)
    return index


_name_index = Derived(dataset, build_name_index)


def build_suggester(ordered: Sequence[Organization]) -> Suggester[Organization]:
    """Every id, name, former name and alias of ``ordered``, folded once for suggestions."""
    return Suggester((name, org) for org in ordered for name in (org.id, *org.names))


_suggester = Derived(
    dataset,
    lambda data: build_suggester([data.organizations[k] for k in sorted(data.organizations)]),
)


def organizations() -> tuple[Organization, ...]:
    """Every organization in the dataset, in id order (including inactive ones)."""
    data = dataset()
    return tuple(data.organizations[k] for k in sorted(data.organizations))


def get_organization(
    id_or_name: object, default: Organization | None = None
) -> Organization | None:
    """The organization with this id, name, former name or alias, or ``default``; never raises.

    Case, accents and punctuation are ignored.

    >>> first = organizations()[0]
    >>> get_organization(first.name.upper()) is first
    True
    >>> get_organization("nope") is None
    True
    """
    if not isinstance(id_or_name, str) or len(id_or_name) > MAX_TEXT:
        return default
    return _name_index.get().get(fold(id_or_name), default)


def lookup_organization(id_or_name: object) -> Organization:
    """The organization with this id, name, former name or alias (as :func:`get_organization`).

    Raises:
        UnknownOrganizationError: nothing matches; ``suggestions`` lists the organizations
            whose names (current, former or alias) are closest, as records.

    >>> first = organizations()[0]
    >>> lookup_organization(first.id) is first
    True
    """
    text = need_text(id_or_name, "lookup_organization", "id_or_name") or ""
    found = get_organization(text)
    if found is None:
        raise UnknownOrganizationError(text, _suggestions(text))
    return found


def _suggestions(query: str) -> list[Organization]:
    return _suggester.get().closest(query, n=5)


def suggestions_in(ordered: Sequence[Organization], query: str) -> list[Organization]:
    """The organizations whose names (current, former or alias) are closest to ``query``."""
    return build_suggester(ordered).closest(query, n=5)


def search_organizations(text: str) -> tuple[Organization, ...]:
    """Organizations whose ids, names (current, former, aliases) or summaries contain every
    word of ``text``.

    Ranked: a match in the id or a name before a match only in the summary, then by id.
    An empty query returns nothing.

    >>> search_organizations("")
    ()
    """
    return search_in(dataset().organizations, need_text(text, "search_organizations", "text"))


def search_in(
    organizations: Mapping[str, Organization], text: str | None
) -> tuple[Organization, ...]:
    """:func:`search_organizations` over ``organizations``."""
    words = fold(text or "").split()
    if not words:
        return ()
    ranked: list[tuple[int, str, Organization]] = []
    for org in organizations.values():
        names = " ".join(fold(n) for n in (org.id, *org.names))
        everything = names + " " + fold(org.summary)
        if all(w in everything for w in words):
            rank = 0 if all(w in names for w in words) else 1
            ranked.append((rank, org.id, org))
    return tuple(org for _rank, _id, org in sorted(ranked, key=lambda t: (t[0], t[1])))
