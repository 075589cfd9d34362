"""civicrun: who will help me run for office, and which office?

A curated, sourced dataset of groups that train and support candidates, with a matching API
that explains every answer, plus US county, local-party and election-office answers and
office categories. Nothing is read from disk at import time; data loads on first use.

The top level holds the functions, the main records and :class:`CivicrunError`. Every
vocabulary is in :mod:`civicrun.vocab`, every error in :mod:`civicrun.errors`, and the parts
of records (rules, sources, coverage ...) in :mod:`civicrun.records`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import (
        Data,
        counties,
        eligible_orgs,
        explain,
        find_election_office,
        find_local_parties,
        find_local_party,
        find_local_party_query,
        get_county,
        get_office_category,
        get_organization,
        get_state,
        lookup_county,
        lookup_office_category,
        lookup_organization,
        lookup_state,
        office_categories,
        office_categories_for_state,
        organizations,
        resolve_county,
        search_counties,
        search_office_categories,
        search_organizations,
        search_states,
        state_party,
        states,
    )
    from ._candidacy import OfficeOption, offices_for
    from ._extra import load_dataset
    from ._local import ElectionOffice, LocalParty
    from ._profile import Profile
    from ._results import Match, Matches
    from ._wording import Reason
    from .errors import CivicrunError
    from .records import County, OfficeCategory, Organization, State

#: Where each public name lives: imported on first use (PEP 562), so ``import civicrun``
#: loads no data and imports neither attrs nor cattrs. Every function is a method of the
#: shipped :class:`Data` (``_api``).
_HOMES = {
    "CivicrunError": "errors",
    "County": "records",
    "Data": "_api",
    "ElectionOffice": "_local",
    "LocalParty": "_local",
    "Match": "_results",
    "Matches": "_results",
    "OfficeCategory": "records",
    "OfficeOption": "_candidacy",
    "Organization": "records",
    "Profile": "_profile",
    "Reason": "_wording",
    "State": "records",
    "counties": "_api",
    "eligible_orgs": "_api",
    "explain": "_api",
    "find_election_office": "_api",
    "find_local_parties": "_api",
    "find_local_party": "_api",
    "find_local_party_query": "_api",
    "get_county": "_api",
    "get_office_category": "_api",
    "get_organization": "_api",
    "get_state": "_api",
    "load_dataset": "_extra",
    "lookup_county": "_api",
    "lookup_office_category": "_api",
    "lookup_organization": "_api",
    "lookup_state": "_api",
    "office_categories": "_api",
    "office_categories_for_state": "_api",
    "offices_for": "_candidacy",
    "organizations": "_api",
    "resolve_county": "_api",
    "search_counties": "_api",
    "search_office_categories": "_api",
    "search_organizations": "_api",
    "search_states": "_api",
    "state_party": "_api",
    "states": "_api",
}

__all__ = [
    "DATA_DATE",
    "DATA_VERSION",
    "CivicrunError",
    "County",
    "Data",
    "ElectionOffice",
    "LocalParty",
    "Match",
    "Matches",
    "OfficeCategory",
    "OfficeOption",
    "Organization",
    "Profile",
    "Reason",
    "State",
    "__version__",
    "counties",
    "eligible_orgs",
    "explain",
    "find_election_office",
    "find_local_parties",
    "find_local_party",
    "find_local_party_query",
    "get_county",
    "get_office_category",
    "get_organization",
    "get_state",
    "load_dataset",
    "lookup_county",
    "lookup_office_category",
    "lookup_organization",
    "lookup_state",
    "office_categories",
    "office_categories_for_state",
    "offices_for",
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
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(f".{home}", __name__), name)
        if isinstance(value, type) and value.__module__.startswith("civicrun._"):
            _present(value)
        globals()[name] = value  # later look-ups skip this function
        return value
    if name == "__version__":
        from ._version import version  # noqa: PLC0415

        return version()
    if name in ("DATA_VERSION", "DATA_DATE"):
        from ._data import data_version  # noqa: PLC0415

        return data_version()[0 if name == "DATA_VERSION" else 1]
    raise AttributeError(f"module 'civicrun' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _present(cls: type) -> None:
    """Show a public class as ``civicrun.X`` (in docs, reprs of types and pickles).

    String annotations resolve in the defining module, so they are resolved first: attrs'
    field types, and the class's own annotations, which :func:`typing.get_type_hints` would
    otherwise look up in this module's names.
    """
    import inspect  # noqa: PLC0415
    import typing  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    hints: dict[str, Any] = {}
    if attrs.has(cls):
        attrs.resolve_types(cls)  # its fields' types, evaluated once (for a first answer too)
        hints = {field.name: field.type for field in attrs.fields(cls)}
    own = inspect.get_annotations(cls)
    if not set(own) <= set(hints):
        hints = typing.get_type_hints(cls, include_extras=True)
    cls.__annotations__ = {name: hints[name] for name in own}
    cls.__module__ = __name__
