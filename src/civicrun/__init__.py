"""civicrun: who will help me run for office, and which office?

A curated, sourced dataset of groups that train and support candidates, with a matching API
that explains every answer, plus US county and local-party lookups and office categories.
Nothing is read from disk at import time; data loads on first use.
"""

from __future__ import annotations

import attrs

from ._data import CountyAlias
from ._geo import (
    FormerNameWarning,
    LocalPartySearch,
    counties,
    find_election_office_query,
    find_local_party_query,
    local_party_search,
    resolve_county,
    state_party,
)
from ._match import Match, Reason, eligible_orgs, explain
from ._offices import get_office_category, office_categories, office_categories_for_state
from ._orgs import get_organization, organizations, search_organizations
from ._profile import Profile, normalize_party
from ._records import (
    AnyOf,
    Chamber,
    Community,
    Condition,
    Confidence,
    CountQualifier,
    County,
    CountyKind,
    CountyTerm,
    Coverage,
    ElectionAdministration,
    Gender,
    HowToJoin,
    Ideology,
    LocalUnit,
    MatchStatus,
    MinimumAge,
    OfficeCategory,
    OfficeCount,
    OfficeLevel,
    Organization,
    OrgKind,
    OrgStatus,
    Outcome,
    Partisanship,
    Party,
    PartyStructure,
    ProfileField,
    RaceEthnicity,
    RacePartisanship,
    Role,
    RuleKind,
    Scope,
    Source,
    Stance,
    State,
    Support,
)
from ._states import get_state, states
from ._version import __version__
from .errors import (
    AmbiguousCountyError,
    CivicrunError,
    DataError,
    FieldProblem,
    InvalidPlaceNameError,
    InvalidProfileError,
    LocalUnitError,
    UnknownCountyError,
    UnknownOfficeCategoryError,
    UnknownOrganizationError,
    UnknownPartyError,
    UnknownStateError,
)

__all__ = [
    "AmbiguousCountyError",
    "AnyOf",
    "Chamber",
    "CivicrunError",
    "Community",
    "Condition",
    "Confidence",
    "CountQualifier",
    "County",
    "CountyAlias",
    "CountyKind",
    "CountyTerm",
    "Coverage",
    "DataError",
    "ElectionAdministration",
    "FieldProblem",
    "FormerNameWarning",
    "Gender",
    "HowToJoin",
    "Ideology",
    "InvalidPlaceNameError",
    "InvalidProfileError",
    "LocalPartySearch",
    "LocalUnit",
    "LocalUnitError",
    "Match",
    "MatchStatus",
    "MinimumAge",
    "OfficeCategory",
    "OfficeCount",
    "OfficeLevel",
    "OrgKind",
    "OrgStatus",
    "Organization",
    "Outcome",
    "Partisanship",
    "Party",
    "PartyStructure",
    "Profile",
    "ProfileField",
    "RaceEthnicity",
    "RacePartisanship",
    "Reason",
    "Role",
    "RuleKind",
    "Scope",
    "Source",
    "Stance",
    "State",
    "Support",
    "UnknownCountyError",
    "UnknownOfficeCategoryError",
    "UnknownOrganizationError",
    "UnknownPartyError",
    "UnknownStateError",
    "__version__",
    "counties",
    "eligible_orgs",
    "explain",
    "find_election_office_query",
    "find_local_party_query",
    "get_office_category",
    "get_organization",
    "get_state",
    "local_party_search",
    "normalize_party",
    "office_categories",
    "office_categories_for_state",
    "organizations",
    "resolve_county",
    "search_organizations",
    "state_party",
    "states",
]


def _present_public_names() -> None:
    """Show public classes as ``civicrun.X`` (in docs, reprs of types and pickles)."""
    for name in __all__:
        obj = globals()[name]
        if isinstance(obj, type) and obj.__module__.startswith("civicrun._"):
            if attrs.has(obj):
                # String annotations resolve in the defining module: resolve them first.
                attrs.resolve_types(obj)
            obj.__module__ = __name__


_present_public_names()
