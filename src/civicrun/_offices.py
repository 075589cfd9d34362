"""Office categories: what each kind of elected office does, and how many there are.

Lookups come in three tiers: :func:`get_office_category` never raises,
:func:`lookup_office_category` raises with suggestions (records), :func:`search_office_categories`
ranks.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._args import MAX_TEXT, need_text
from ._data import Dataset, Derived, dataset
from ._states import lookup_state
from ._text import closest, fold
from .errors import UnknownOfficeCategoryError
from .records import OfficeCategory, State

__all__ = [
    "categories_in",
    "get_office_category",
    "lookup_office_category",
    "office_categories",
    "office_categories_for_state",
    "search_office_categories",
]


def _build_name_index(data: Dataset) -> Mapping[str, OfficeCategory]:
    names: dict[str, OfficeCategory] = {}
    for office in sorted(data.offices.values(), key=lambda o: o.id):
        for name in (office.id, office.name, *office.aliases):
            names.setdefault(fold(name), office)
    return names


_name_index = Derived(dataset, _build_name_index)
_LEVEL_ORDER = {"local": 0, "state": 1, "federal": 2}


def office_categories() -> tuple[OfficeCategory, ...]:
    """Every office category, local first, then state, then federal; by id within a level."""
    return tuple(
        sorted(dataset().offices.values(), key=lambda o: (_LEVEL_ORDER[o.level.value], o.id))
    )


def get_office_category(
    id_or_name: object, default: OfficeCategory | None = None
) -> OfficeCategory | None:
    """The office category with this id, name or alias (case ignored), or ``default``.

    >>> get_office_category("board of education").id
    'school-board'
    >>> get_office_category("emperor") is None
    True
    """
    if not isinstance(id_or_name, str) or len(id_or_name) > MAX_TEXT:
        return default
    return _name_index.get().get(fold(id_or_name), default)


def lookup_office_category(id_or_name: object) -> OfficeCategory:
    """The office category with this id, name or alias (as :func:`get_office_category`).

    Raises:
        UnknownOfficeCategoryError: nothing matches; ``suggestions`` lists close categories.
    """
    text = need_text(id_or_name, "lookup_office_category", "id_or_name") or ""
    found = get_office_category(text)
    if found is None:
        named = [(n, o) for o in office_categories() for n in (o.id, o.name, *o.aliases)]
        raise UnknownOfficeCategoryError(text, closest(text, named, n=3))
    return found


def search_office_categories(text: str) -> tuple[OfficeCategory, ...]:
    """Categories whose id, name, aliases or description contain every word of ``text``:
    a match in a name first, then in the description; ties in :func:`office_categories`
    order.

    >>> [o.id for o in search_office_categories("sheriff")]
    ['sheriff']
    """
    words = fold(need_text(text, "search_office_categories", "text") or "").split()
    if not words:
        return ()
    named: list[OfficeCategory] = []
    described: list[OfficeCategory] = []
    for office in office_categories():
        names = " ".join(fold(n) for n in (office.id, office.name, *office.aliases))
        if all(w in names for w in words):
            named.append(office)
        elif all(w in names + " " + fold(office.description) for w in words):
            described.append(office)
    return (*named, *described)


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
