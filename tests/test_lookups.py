"""Organization and office-category lookups."""

from __future__ import annotations

import pytest

from civicrun import (
    UnknownOfficeCategoryError,
    UnknownOrganizationError,
    get_office_category,
    get_organization,
    office_categories,
    office_categories_for_state,
    organizations,
    search_organizations,
)


class TestOrganizations:
    def test_by_any_name(self) -> None:
        """Ids, names, former names and aliases find the same record, in any case."""
        re_power = get_organization("re-power")
        for query in ("RE:POWER", "Wellstone Action", "  wellstone   action "):
            assert re_power is get_organization(query)

    def test_unknown(self) -> None:
        """Unknown and empty names raise with suggestions."""
        with pytest.raises(UnknownOrganizationError) as info:
            get_organization("Higher Hieghts")
        assert ("higher-heights",) == info.value.suggestions
        with pytest.raises(UnknownOrganizationError):
            get_organization("")
        with pytest.raises(UnknownOrganizationError):
            get_organization(None)  # type: ignore[arg-type]

    def test_search_ranks_names_first(self) -> None:
        """Name matches rank before summary-only matches; ties by id."""
        found = search_organizations("victory")
        ids = [o.id for o in found]
        assert {"latino-victory-fund", "victory-institute"} <= set(ids)
        in_name = [o for o in found if "victory" in (o.id + " ".join(o.names)).casefold()]
        assert found[: len(in_name)] == tuple(in_name)
        assert () == search_organizations("   ")
        assert () == search_organizations("zzzz-no-such-word")

    def test_sorted_by_id(self) -> None:
        """organizations() is in id order."""
        ids = [o.id for o in organizations()]
        assert sorted(ids) == ids


class TestOffices:
    def test_lookup(self) -> None:
        """Ids, names and aliases find categories; unknown ones suggest."""
        assert "school-board" == get_office_category("School Board").id
        with pytest.raises(UnknownOfficeCategoryError) as info:
            get_office_category("school bord")
        assert "school-board" in info.value.suggestions
        with pytest.raises(UnknownOfficeCategoryError):
            get_office_category(5)  # type: ignore[arg-type]

    def test_no_name_fits_two_categories(self) -> None:
        """Every id, name and alias leads to exactly one office category."""
        from civicrun._text import fold

        owners: dict[str, set[str]] = {}
        for office in office_categories():
            for name in (office.id, office.name, *office.aliases):
                owners.setdefault(fold(name), set()).add(office.id)
        assert {} == {name: ids for name, ids in owners.items() if len(ids) > 1}
        assert "town-meeting-and-select-board" == get_office_category("selectman").id

    def test_order_and_state_filter(self) -> None:
        """Local before state before federal; state lists filter."""
        levels = [o.level.value for o in office_categories()]
        order = {"local": 0, "state": 1, "federal": 2}
        assert sorted(levels, key=order.__getitem__) == levels
        township = get_office_category("township-office")
        assert township.states
        inside = next(iter(sorted(township.states)))
        outside = next(s for s in ("AZ", "NV", "HI", "AK", "LA") if s not in township.states)
        assert township in office_categories_for_state(inside)
        assert township not in office_categories_for_state(outside)

    def test_state_legislature_counts_and_ages(self) -> None:
        """The state-legislature category carries dated, sourced counts and minimum ages."""
        office = get_office_category("state-legislature")
        assert any(c.value == 7386 and c.source.startswith("http") for c in office.counts)
        assert all(a.source.startswith("http") and 18 <= a.age <= 30 for a in office.minimum_ages)
