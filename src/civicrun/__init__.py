"""civicrun: who will help me run for office, and which office?

A curated, sourced dataset of groups that train and support candidates, with a matching API
that explains every answer, plus US county, local-party and election-office answers and
office categories. Nothing is read from disk at import time; data loads on first use.

The top level holds the functions, the main records and :class:`CivicrunError`. Every
vocabulary is in :mod:`civicrun.vocab`, every error in :mod:`civicrun.errors`, and the parts
of records (rules, sources, coverage ...) in :mod:`civicrun.records`.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._counties import counties, get_county, resolve_county, search_counties
from ._local import ElectionOffice, LocalParty, find_election_office, find_local_party
from ._match import Match, Reason, eligible_orgs, explain
from ._offices import (
    get_office_category,
    lookup_office_category,
    office_categories,
    office_categories_for_state,
    search_office_categories,
)
from ._orgs import get_organization, lookup_organization, organizations, search_organizations
from ._parties import state_party
from ._profile import Profile
from ._states import get_state, lookup_state, search_states, states
from .errors import CivicrunError
from .records import County, OfficeCategory, Organization, State

__all__ = [
    "CivicrunError",
    "County",
    "ElectionOffice",
    "LocalParty",
    "Match",
    "OfficeCategory",
    "Organization",
    "Profile",
    "Reason",
    "State",
    "__version__",
    "counties",
    "eligible_orgs",
    "explain",
    "find_election_office",
    "find_local_party",
    "get_county",
    "get_office_category",
    "get_organization",
    "get_state",
    "lookup_office_category",
    "lookup_organization",
    "lookup_state",
    "office_categories",
    "office_categories_for_state",
    "organizations",
    "resolve_county",
    "search_counties",
    "search_office_categories",
    "search_organizations",
    "search_states",
    "state_party",
    "states",
]


def __getattr__(name: str) -> Any:
    # The version is read from the installed distribution's metadata, on first use only.
    if name == "__version__":
        from ._version import version  # noqa: PLC0415

        return version()
    raise AttributeError(f"module 'civicrun' has no attribute {name!r}")


def _present_public_names() -> None:
    """Show public classes as ``civicrun.X`` (in docs, reprs of types and pickles)."""
    for name in __all__:
        obj = globals().get(name)
        if isinstance(obj, type) and obj.__module__.startswith("civicrun._"):
            if attrs.has(obj):
                # String annotations resolve in the defining module: resolve them first.
                attrs.resolve_types(obj)
            obj.__module__ = __name__


_present_public_names()
