"""Organization lookups in three tiers, over the shipped records or a dataset with extra ones.

``get`` never raises, ``lookup`` raises with suggestions (:class:`~civicrun.Organization`
records), ``search`` ranks; every tier matches ids, names, former names and aliases, and
``search`` also summaries (the rules of :meth:`civicrun._lookup.Names.search`).
"""

from __future__ import annotations

from ._args import MAX_TEXT, need_text
from ._data import Dataset, Derived, dataset
from ._lookup import Names
from .errors import UnknownOrganizationError
from .records import Organization

__all__ = [
    "get_in",
    "lookup_in",
    "lookup_organization",
    "names_of",
    "search_in",
    "shipped_names",
]


def names_of(data: Dataset) -> Names[Organization]:
    """The name index of ``data``'s organizations, in id order: ids first, then names, former
    names and aliases (an id wins over another group's name)."""
    orgs = data.organizations
    return Names(
        (orgs[k] for k in sorted(orgs)),
        lambda org: (org.id, *org.names),
        lambda org: org.summary,
    )


_shipped = Derived(dataset, names_of)


def shipped_names() -> Names[Organization]:
    """The name index of the shipped organizations (built on first use)."""
    return _shipped.get()


def get_in(
    names: Names[Organization], id_or_name: object, default: Organization | None
) -> Organization | None:
    """The organization with this id, name, former name or alias, or ``default``."""
    if not isinstance(id_or_name, str) or len(id_or_name) > MAX_TEXT:
        return default
    found = names.get(id_or_name)
    return default if found is None else found


def lookup_in(names: Names[Organization], id_or_name: object) -> Organization:
    """The organization with this id, name, former name or alias.

    Raises:
        UnknownOrganizationError: nothing matches; ``suggestions`` lists up to five
            organizations with the closest names (current, former or alias), as records.
    """
    text = need_text(id_or_name, "lookup_organization", "id_or_name") or ""
    found = names.get(text)
    if found is None:
        raise UnknownOrganizationError(text, names.suggest(text, 5))
    return found


def search_in(names: Names[Organization], text: object) -> tuple[Organization, ...]:
    """The organizations ``text`` may mean, ranked."""
    return names.search(need_text(text, "search_organizations", "text") or "")


def lookup_organization(id_or_name: object) -> Organization:
    """:func:`lookup_in` over the shipped organizations."""
    return lookup_in(shipped_names(), id_or_name)
