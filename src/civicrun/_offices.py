"""Office categories: what each kind of elected office does, and how many there are."""

from __future__ import annotations

from collections.abc import Mapping

from ._data import Dataset, Derived, dataset
from ._records import OfficeCategory
from ._states import get_state
from ._text import close_matches, fold
from .errors import UnknownOfficeCategoryError

__all__ = ["get_office_category", "office_categories", "office_categories_for_state"]


def _build_name_index(data: Dataset) -> Mapping[str, OfficeCategory]:
    names: dict[str, OfficeCategory] = {}
    for office in sorted(data.offices.values(), key=lambda o: o.id):
        for name in (office.id, office.name, *office.aliases):
            names.setdefault(fold(name), office)
    return names


_name_index = Derived(dataset, _build_name_index)


def office_categories() -> tuple[OfficeCategory, ...]:
    """Every office category, local first, then state, then federal; by id within a level."""
    order = {"local": 0, "state": 1, "federal": 2}
    return tuple(sorted(dataset().offices.values(), key=lambda o: (order[o.level.value], o.id)))


def get_office_category(id_or_name: str) -> OfficeCategory:
    """The office category with this id, name or alias (case ignored).

    >>> get_office_category("board of education").id
    'school-board'

    Raises:
        UnknownOfficeCategoryError: nothing matches; ``suggestions`` lists close ids.
    """
    wanted = fold(id_or_name) if isinstance(id_or_name, str) else ""
    names = _name_index.get()
    if wanted in names:
        return names[wanted]
    close = close_matches(str(id_or_name), names, n=3)
    raise UnknownOfficeCategoryError(
        str(id_or_name), list(dict.fromkeys(names[fold(c)].id for c in close))
    )


def office_categories_for_state(state: str) -> tuple[OfficeCategory, ...]:
    """The categories relevant to ``state``: those with no state list, plus those listing it.

    A category whose ``states`` list is empty exists everywhere or has no sourced list; one
    with a list (townships, town meetings, elected judges ...) is kept only for listed states.
    """
    code = get_state(state).code
    return tuple(o for o in office_categories() if not o.states or code in o.states)
