"""Office categories: what each kind of elected office does, and how many there are.

Lookups come in three tiers: :func:`get_office_category` never raises,
:func:`lookup_office_category` raises with suggestions (records), :func:`search_office_categories`
ranks (the rules of :meth:`civicrun._lookup.Names.search`, as for every kind of record).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._args import MAX_TEXT, default_keyword_only, need_text
from ._data import Dataset, Derived, dataset
from ._lookup import Names
from ._states import lookup_state
from .errors import UnknownOfficeCategoryError

if TYPE_CHECKING:
    from .records import OfficeCategory, State

__all__ = [
    "categories_in",
    "get_office_category",
    "lookup_office_category",
    "office_categories",
    "office_categories_for_state",
    "search_office_categories",
]

_LEVEL_ORDER = {"local": 0, "state": 1, "federal": 2}


def _build_names(data: Dataset) -> Names[OfficeCategory]:
    return Names(
        sorted(data.offices.values(), key=lambda o: (_LEVEL_ORDER[o.level.value], o.id)),
        lambda office: (office.id, office.name, *office.aliases),
        lambda office: office.description,
    )


_names = Derived(dataset, _build_names)


def office_categories() -> tuple[OfficeCategory, ...]:
    """Every office category, local first, then state, then federal; by id within a level."""
    return _names.get().records


@default_keyword_only
def get_office_category(
    id_or_name: object, *, default: OfficeCategory | None = None
) -> OfficeCategory | None:
    """The office category with this id, name or alias (case ignored), or ``default``.

    >>> get_office_category("board of education").id
    'school-board'
    >>> get_office_category("emperor") is None
    True
    """
    if not isinstance(id_or_name, str) or len(id_or_name) > MAX_TEXT:
        return default
    found = _names.get().get(id_or_name)
    return default if found is None else found


def lookup_office_category(id_or_name: object) -> OfficeCategory:
    """The office category with this id, name or alias (as :func:`get_office_category`).

    Raises:
        UnknownOfficeCategoryError: nothing matches; ``suggestions`` lists up to three close
            categories.
    """
    text = need_text(id_or_name, "lookup_office_category", "id_or_name") or ""
    names = _names.get()
    found = names.get(text)
    if found is None:
        raise UnknownOfficeCategoryError(text, names.suggest(text, 3))
    return found


def search_office_categories(text: str) -> tuple[OfficeCategory, ...]:
    """Categories ``text`` may mean, best first: an exact id, name or alias, then names that
    begin with it, then names with words that begin with its words, then close spellings,
    then descriptions with words that begin with its words; ties in
    :func:`office_categories` order.

    >>> [o.id for o in search_office_categories("sheriff")]
    ['sheriff']
    >>> [o.id for o in search_office_categories("sherif")]
    ['sheriff']
    """
    return _names.get().search(need_text(text, "search_office_categories", "text") or "")


def categories_in(state: State) -> tuple[OfficeCategory, ...]:
    """The categories that exist in ``state`` (a record), in :func:`office_categories` order.

    * a category with a ``states`` list is kept only for the states it lists;
    * a category the state's record marks absent (an ``offices`` entry with
      ``present = false``, such as Alaska's sheriffs) is left out;
    * every other category is kept: an empty ``states`` list means "everywhere, or no
      sourced list", and a state's ``offices`` entries need not name every category.
    """
    absent = {here.category for here in state.offices if not here.present}
    return tuple(
        o
        for o in office_categories()
        if (not o.states or state.code in o.states) and o.id not in absent
    )


def office_categories_for_state(state: str) -> tuple[OfficeCategory, ...]:
    """The categories relevant to ``state``: those with no state list, plus those listing it,
    less those the state's record marks absent (``present = false`` in its ``offices``).

    A category whose ``states`` list is empty exists everywhere or has no sourced list; one
    with a list (townships, town meetings, elected judges ...) is kept only for listed states.

    >>> "sheriff" in [o.id for o in office_categories_for_state("CT")]
    False

    Raises:
        UnknownStateError: ``state`` is not a state.
    """
    return categories_in(lookup_state(need_text(state, "office_categories_for_state", "state")))
