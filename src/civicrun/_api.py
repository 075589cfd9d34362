"""One facade: :class:`Data`, and the module-level functions that ask the shipped one.

Every public function of ``civicrun`` is a method of :class:`Data` with the same signature
(a test checks it), as ``random``'s functions are methods of a hidden ``Random()``:

* the lookups of states, counties and office categories, and :func:`offices_for`, read only
  records every dataset shares (an extra dataset adds organizations only): the method *is*
  the function;
* the rest (organizations, matching, parties, election offices) ask :func:`shipped`, the
  :class:`Data` of the shipped records, whose indices are built on first use, once, behind a
  lock; a dataset from :func:`~civicrun.load_dataset` builds its own over its records.

Nothing is read when this module is imported.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import _counties, _offices, _states
from ._args import default_keyword_only, need_text
from ._data import Dataset, Derived, dataset
from ._kinds import ORGANIZATIONS
from ._orgs import get_in, lookup_in, names_of, search_in, shipped_names
from ._parties import Officials, officials_of, shipped_officials
from ._parties import state_party as _state_party
from .records import County, Organization
from .vocab import Party

if TYPE_CHECKING:
    from ._candidacy import OfficeOption
    from ._local import ElectionOffice, LocalParty
    from ._lookup import Names
    from ._profile import Profile
    from ._results import Match, Matches
    from ._rules import Index
    from .records import State

__all__ = [
    "Data",
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
    "lookup_county",
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
    "shipped",
    "state_party",
    "states",
]


def _shipped_index() -> Index:
    from ._rules import shipped_index  # noqa: PLC0415  (the matcher loads on first match)

    return shipped_index()


def _index_of(data: Dataset) -> Index:
    from ._rules import Index  # noqa: PLC0415

    return Index(data)


class Data:
    """A dataset: the shipped records, or the shipped records plus extra organizations (made by
    :func:`~civicrun.load_dataset`), with every function of ``civicrun`` as a method.

    A method answers exactly as the function of the same name does, over this dataset's
    records; ``civicrun.explain(...)`` is ``civicrun.Data.shipped().explain(...)``.
    """

    __slots__ = ("_data", "_index", "_names", "_officials", "extra_ids")

    def __init__(
        self, data: Dataset | None = None, extra_ids: frozenset[str] = frozenset()
    ) -> None:
        self._data: Callable[[], Dataset]
        self._names: Callable[[], Names[Organization]]
        self._officials: Callable[[], Officials]
        self._index: Callable[[], Index]
        if data is None:  # the shipped records, read on first use
            self._data = dataset
            self._names = shipped_names
            self._officials = shipped_officials
            self._index = _shipped_index
        else:
            fixed = data
            self._data = lambda: fixed
            self._names = Derived(self._data, names_of).get
            self._officials = Derived(self._data, officials_of).get
            self._index = Derived(self._data, _index_of).get
        #: The ids of the organizations the extra files added or replaced.
        self.extra_ids = extra_ids

    @staticmethod
    def shipped() -> Data:
        """The :class:`Data` of the shipped records, which the module-level functions ask."""
        return _SHIPPED

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its extra records (the shipped ones are in every process already), so a
        # Data can be handed to a process pool's workers; the shipped Data unpickles as itself.
        organizations = self._data().organizations
        return (_with_extra, (tuple(organizations[i] for i in sorted(self.extra_ids)),))

    def __repr__(self) -> str:
        extra = f"{len(self.extra_ids)} extra organizations" if self.extra_ids else "shipped"
        return f"<civicrun.Data: {extra}>"

    # --- organizations ----------------------------------------------------------------------

    def organizations(self) -> tuple[Organization, ...]:
        """As :func:`civicrun.organizations`, over this dataset's records."""
        return self._names().records

    @default_keyword_only
    def get_organization(
        self, id_or_name: object, *, default: Organization | None = None
    ) -> Organization | None:
        """As :func:`civicrun.get_organization`, over this dataset's records."""
        return get_in(self._names(), id_or_name, default)

    def lookup_organization(self, id_or_name: object) -> Organization:
        """As :func:`civicrun.lookup_organization`, over this dataset's records."""
        return lookup_in(self._names(), id_or_name)

    def search_organizations(self, text: str) -> tuple[Organization, ...]:
        """As :func:`civicrun.search_organizations`, over this dataset's records."""
        return search_in(self._names(), text)

    # --- states, counties and office categories: the same records in every dataset ---------

    states = staticmethod(_states.states)
    get_state = staticmethod(_states.get_state)
    lookup_state = staticmethod(_states.lookup_state)
    search_states = staticmethod(_states.search_states)
    counties = staticmethod(_counties.counties)
    get_county = staticmethod(_counties.get_county)
    lookup_county = staticmethod(_counties.lookup_county)
    search_counties = staticmethod(_counties.search_counties)
    office_categories = staticmethod(_offices.office_categories)
    get_office_category = staticmethod(_offices.get_office_category)
    lookup_office_category = staticmethod(_offices.lookup_office_category)
    search_office_categories = staticmethod(_offices.search_office_categories)
    office_categories_for_state = staticmethod(_offices.office_categories_for_state)

    # offices are the same in every dataset too (their module is imported when first asked)
    @staticmethod
    def offices_for(
        profile: Profile, *, on: dt.date | None = None, state_record: State | None = None
    ) -> tuple[OfficeOption, ...]:
        """As :func:`civicrun.offices_for` (the same function: its module is imported when
        first asked)."""
        from ._candidacy import offices_for  # noqa: PLC0415

        return offices_for(profile, on=on, state_record=state_record)

    # --- matching ---------------------------------------------------------------------------

    def eligible_orgs(
        self,
        profile: Profile,
        *,
        on: dt.date | None = None,
        include_staff: bool = False,
        include_outside_audience: bool = False,
    ) -> Matches:
        """As :func:`civicrun.eligible_orgs`, over this dataset's records."""
        from ._match import answer  # noqa: PLC0415

        return answer(self._index(), profile, on, include_staff, include_outside_audience)

    def explain(
        self,
        profile: Profile,
        organization: Organization | str,
        *,
        on: dt.date | None = None,
        include_staff: bool = False,
    ) -> Match:
        """As :func:`civicrun.explain`, over this dataset's records."""
        from ._match import explain_with  # noqa: PLC0415

        if isinstance(organization, Organization):
            org = organization
        else:
            org = lookup_in(self._names(), need_text(organization, "explain", "organization"))
        return explain_with(self._index(), org, profile, on, include_staff)

    # --- parties and election offices -------------------------------------------------------

    def state_party(self, state: str, party: str | Party) -> Organization | None:
        """As :func:`civicrun.state_party`, over this dataset's records."""
        return _state_party(self._officials(), state, party)

    def find_local_party(
        self,
        county: str | County | None = None,
        party: str | Party | None = None,
        *,
        state: str | None = None,
        town: str | None = None,
    ) -> LocalParty:
        """As :func:`civicrun.find_local_party`, over this dataset's records (so an extra
        county or town committee is found too)."""
        from ._local import find_local_party  # noqa: PLC0415

        return find_local_party(self._officials(), county, party, state=state, town=town)

    def find_local_parties(
        self,
        county: str | County | None = None,
        *,
        state: str | None = None,
        town: str | None = None,
    ) -> tuple[LocalParty, ...]:
        """As :func:`civicrun.find_local_parties`, over this dataset's records."""
        from ._local import find_local_parties  # noqa: PLC0415

        return find_local_parties(self._officials(), county, state=state, town=town)

    def find_local_party_query(
        self,
        county: str | County | None = None,
        party: str | Party | None = None,
        *,
        state: str | None = None,
        town: str | None = None,
    ) -> str:
        """As :func:`civicrun.find_local_party_query`, over this dataset's records."""
        from ._local import find_local_party_query  # noqa: PLC0415

        return find_local_party_query(self._officials(), county, party, state=state, town=town)

    @staticmethod
    def find_election_office(
        county: str | County | None = None, *, state: str | None = None, town: str | None = None
    ) -> ElectionOffice:
        """As :func:`civicrun.find_election_office` (election offices are in every dataset)."""
        from ._local import find_election_office  # noqa: PLC0415

        return find_election_office(county, state=state, town=town)


_SHIPPED = Data()


def _with_extra(extra: tuple[Organization, ...]) -> Data:
    """The shipped data with ``extra`` records added or replacing shipped ones (unpickling)."""
    if not extra:
        return _SHIPPED
    shipped = dataset()
    data = shipped.with_records(
        ORGANIZATIONS.folder, {**shipped.organizations, **{org.id: org for org in extra}}
    )
    return Data(data, frozenset(org.id for org in extra))


def shipped() -> Data:
    """The :class:`Data` of the shipped records."""
    return _SHIPPED


# --- the module-level functions: the shipped Data's methods -----------------------------------

states = Data.states
get_state = Data.get_state
lookup_state = Data.lookup_state
search_states = Data.search_states
counties = Data.counties
get_county = Data.get_county
lookup_county = Data.lookup_county
search_counties = Data.search_counties
office_categories = Data.office_categories
get_office_category = Data.get_office_category
lookup_office_category = Data.lookup_office_category
search_office_categories = Data.search_office_categories
office_categories_for_state = Data.office_categories_for_state


def resolve_county(name: str, state: str | None = None) -> County:
    """Deprecated: the 0.2 name of :func:`lookup_county`, which it calls (with a
    :class:`DeprecationWarning`); it will be removed in the next release."""
    warnings.warn(
        "resolve_county() is deprecated: call lookup_county(), the same function under the "
        "lookup_* name every other kind uses",
        DeprecationWarning,
        stacklevel=2,
    )
    return _counties.lookup_county(name, state)


def organizations() -> tuple[Organization, ...]:
    """Every organization in the dataset, in id order (including inactive ones)."""
    return _SHIPPED.organizations()


@default_keyword_only
def get_organization(
    id_or_name: object, *, default: Organization | None = None
) -> Organization | None:
    """The organization with this id, name, former name or alias, or ``default``; never raises.

    Case, accents and punctuation are ignored; an id wins over another group's name.

    >>> first = organizations()[0]
    >>> get_organization(first.name.upper()) is first
    True
    >>> get_organization("nope") is None
    True
    """
    return _SHIPPED.get_organization(id_or_name, default=default)


def lookup_organization(id_or_name: object) -> Organization:
    """The organization with this id, name, former name or alias (as :func:`get_organization`).

    Raises:
        UnknownOrganizationError: nothing matches; ``suggestions`` lists up to five
            organizations whose names (current, former or alias) are closest, as records.

    >>> first = organizations()[0]
    >>> lookup_organization(first.id) is first
    True
    """
    return _SHIPPED.lookup_organization(id_or_name)


def search_organizations(text: str) -> tuple[Organization, ...]:
    """Organizations ``text`` may mean, best first:

    1. an id, name, former name or alias equal to the text;
    2. names that begin with it;
    3. names in which every word of the text begins a word;
    4. close spellings: a name (or its beginning) spelt close to the text, or every word of
       the text close to a word of a name, closest first;
    5. summaries in which every word of the text begins a word.

    Ties in id order, each organization once. Case, accents and punctuation are ignored; an
    empty query finds nothing.

    >>> first = organizations()[0]
    >>> first in search_organizations(first.name.upper()[:-1])  # a letter short
    True
    >>> search_organizations("")
    ()
    """
    return _SHIPPED.search_organizations(text)


def eligible_orgs(
    profile: Profile,
    *,
    on: dt.date | None = None,
    include_staff: bool = False,
    include_outside_audience: bool = False,
) -> Matches:
    """The organizations ``profile`` qualifies for (``eligible``) or may qualify for (``possible``).

    Left out: groups whose published requirements the profile fails, inactive or defunct ones,
    local committees of counties other than the profile's own (or of any county, when the
    profile names none), town and city committees of towns other than the profile's own
    ``town`` (or of any town, when the profile names none),
    (unless ``include_staff``) programs only for campaign staff, and (unless
    ``include_outside_audience``) groups whose stated audience the profile is known to be
    outside. Order:

    1. groups with evidence of activity in the last three years before the rest;
    2. then by rank score, highest first: how squarely the group's audience and priorities are
       aimed at what this person told us (:attr:`~civicrun.Match.relevance`), less eight
       points for each unknown fact that would decide it, so a group devoted to the person
       that turns on one unknown fact still outranks a group open to everyone;
    3. ties: ``eligible`` before ``possible``, the nearer group first (county or town, then
       state, then national), then the id;
    4. ``outside-audience`` matches, when asked for, last.

    Args:
        profile: what is known about the person; unknown fields make matches ``possible``.
        on: the date age and birth-date rules are measured on (default: today).
        include_staff: also return groups that serve campaign staff rather than candidates.
        include_outside_audience: also return groups whose audience the profile is outside
            (status ``outside-audience``), for people who want to reach out anyway.

    Returns:
        A :class:`~civicrun.Matches`: a read-only sequence of :class:`~civicrun.Match`, in
        the order above. The call decides which groups match; their order and each match are
        made when first read (``len()`` and ``bool()`` make none). It equals a tuple of the
        same matches; ``tuple(result)`` gives one.

    Raises:
        ArgumentTypeError: an argument of the wrong type.
    """
    return _SHIPPED.eligible_orgs(
        profile,
        on=on,
        include_staff=include_staff,
        include_outside_audience=include_outside_audience,
    )


def explain(
    profile: Profile,
    organization: Organization | str,
    *,
    on: dt.date | None = None,
    include_staff: bool = False,
) -> Match:
    """How ``profile`` stands with one organization, whatever its status.

    An ``ineligible`` match names the failing requirement in ``failed``; an
    ``outside-audience`` one names the audience the profile is outside. ``organization`` is
    an :class:`~civicrun.Organization`, or its id, name, former name or alias.

    Raises:
        UnknownOrganizationError: no organization matches ``organization``.
        ArgumentTypeError: an argument of the wrong type.
    """
    return _SHIPPED.explain(profile, organization, on=on, include_staff=include_staff)


def state_party(state: str, party: str | Party) -> Organization | None:
    """The party's official organization in ``state``, or None if civicrun has no record of it.

    It is the record of kind ``state-party`` whose ``official_party`` is ``party`` and whose
    coverage is ``state``. ``party`` is read as in every function that takes one: a
    :class:`~civicrun.vocab.Party` or a name civicrun lists ("D", "GOP", "Green Party" ...) is
    that party; any other name is a party civicrun has no record of (so None).

    >>> state_party("MN", "D").official_party
    <Party.DEMOCRATIC: 'democratic'>
    >>> state_party("ND", "Green") is None
    True

    Raises:
        UnknownStateError: ``state`` is not a state.
        UnknownPartyError: ``party`` is empty.
        ArgumentTypeError: ``party`` is not a string.
    """
    return _SHIPPED.state_party(state, party)


def find_local_party(
    county: str | County | None = None,
    party: str | Party | None = None,
    *,
    state: str | None = None,
    town: str | None = None,
) -> LocalParty:
    """How to reach one party's local committee: its record where civicrun has it, the state
    party's record and directory, and the search text that finds the local committee.

    ``party`` is required: civicrun never picks a party for you
    (:func:`find_local_parties` answers for every party recorded in the state). It must be a
    party civicrun has a record of in the state, or "independent" (the answer then says
    that an independent has no party committee).

    * the party's local name: "DFL" in Minnesota, "Democratic-NPL" in North Dakota,
      "Republican", "Libertarian", "Green"; synonyms such as "Dem", "D", "GOP" and "R" are
      accepted;
    * the place's proper name and suffix ("Doña Ana County", "Orleans Parish",
      "City of Fairfax"), with the state's name when the name exists in another state too;
    * the right unit: a parish executive committee in Louisiana, a town committee where
      parties organize by town (then ``town`` is required), a ward committee in DC;
    * a ``town`` without a county leads to the town's county where civicrun knows it
      (``find_local_party(town="Cambridge", state="MA", party="R")``).

    >>> find_local_party("Hennepin", "DFL", state="MN").query
    'Hennepin County DFL'
    >>> str(find_local_party("Caddo Parish", "Democratic"))
    'Caddo Parish Democratic Executive Committee'
    >>> found = find_local_party("Harris", "GOP", state="TX")
    >>> found.query, found.state_party.coverage.states
    ('Harris County, Texas Republican Party', frozenset({'TX'}))
    >>> find_local_party("Travis", "independent", state="TX").local_unit is None
    True

    Raises:
        LocalUnitError: the state needs a town (or a county) that was not given.
        UnknownPartyError: no ``party`` was given, or it is not a party civicrun has a record
            of in the state; ``accepted`` lists the ones it has.
        UnknownStateError: ``state`` is not a state.
        AmbiguousCountyError: as :func:`lookup_county`, or ``town`` lies in several counties.
        UnknownCountyError: as :func:`lookup_county`.
    """
    return _SHIPPED.find_local_party(county, party, state=state, town=town)


def find_local_parties(
    county: str | County | None = None, *, state: str | None = None, town: str | None = None
) -> tuple[LocalParty, ...]:
    """:func:`find_local_party` for every party civicrun has a record of in the state, in
    alphabetical order of the parties' names (no party first by civicrun's choice).

    >>> [found.party_label for found in find_local_parties("Hennepin", state="MN")]
    ['DFL', 'Green', 'Libertarian', 'Republican']

    Raises:
        as :func:`find_local_party` does for a place.
    """
    return _SHIPPED.find_local_parties(county, state=state, town=town)


def find_local_party_query(
    county: str | County | None = None,
    party: str | Party | None = None,
    *,
    state: str | None = None,
    town: str | None = None,
) -> str:
    """The search text that finds a party's local committee (``find_local_party(...).query``),
    or, with no ``party``, the committees of every party in the place (naming none).

    >>> find_local_party_query("Hennepin", "D", state="MN")
    'Hennepin County DFL'
    >>> find_local_party_query("Travis County, TX")
    'Travis County, Texas local party committees'

    Raises:
        as :func:`find_local_party`.
    """
    return _SHIPPED.find_local_party_query(county, party, state=state, town=town)


def find_election_office(
    county: str | County | None = None, *, state: str | None = None, town: str | None = None
) -> ElectionOffice:
    """How to reach the office that runs elections for a place.

    * where counties run elections: the county's election office ("Harris County elections office");
    * where towns or municipalities run them (Michigan, Wisconsin, New England): the town or
      city clerk (``town`` is required);
    * where the state runs them (Alaska, Delaware, DC, the territories): the state's election
      office, by its name where recorded;
    * a ``town`` without a county leads to the town's county where civicrun knows it.

    Where civicrun has the county's office (or offices: Chicago has a board of its own), it is
    in ``offices``; the state's chief election office is in ``chief_election_office``.

    >>> find_election_office("Dane", state="WI", town="Madison").query
    'Madison, Wisconsin city or town clerk elections'

    Raises:
        LocalUnitError: the state's elections are run by towns and no ``town`` was given, or
            by counties and neither a county nor a town civicrun knows the county of was.
        UnknownStateError: ``state`` is not a state.
        AmbiguousCountyError: as :func:`lookup_county`, or ``town`` lies in several counties.
        UnknownCountyError: as :func:`lookup_county`.
    """
    return _SHIPPED.find_election_office(county, state=state, town=town)
