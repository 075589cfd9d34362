"""Organization and office-category lookups."""

from __future__ import annotations

import pytest

from civicrun import (
    get_office_category,
    get_organization,
    lookup_office_category,
    lookup_organization,
    lookup_state,
    office_categories,
    office_categories_for_state,
    organizations,
    search_office_categories,
    search_organizations,
    states,
)
from civicrun.errors import (
    ArgumentTypeError,
    UnknownOfficeCategoryError,
    UnknownOrganizationError,
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
            lookup_organization("Higher Hieghts")
        assert ["higher-heights"] == [o.id for o in info.value.suggestions]
        with pytest.raises(UnknownOrganizationError):
            lookup_organization("")
        with pytest.raises(ArgumentTypeError, match="id_or_name must be a string, not NoneType"):
            lookup_organization(None)

    def test_get_never_raises(self) -> None:
        """get_organization gives the default for anything it cannot find."""
        assert get_organization("nope", default=None) is None
        assert get_organization(None) is None
        ndtc = lookup_organization("ndtc")
        assert ndtc is get_organization("nope", default=ndtc)

    def test_suggestions_search_former_names_and_aliases(self) -> None:
        """A misspelt former name or alias suggests the group that carries it, as a record."""
        with pytest.raises(UnknownOrganizationError) as info:
            lookup_organization("Wellston")
        assert "re-power" == info.value.suggestions[0].id
        assert "Wellstone Action" in info.value.suggestions[0].former_names
        with pytest.raises(UnknownOrganizationError) as alias:
            lookup_organization("Early Money Is Like Yeest")
        assert "emilys-list" == alias.value.suggestions[0].id

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
        assert "school-board" == lookup_office_category("School Board").id
        with pytest.raises(UnknownOfficeCategoryError) as info:
            lookup_office_category("school bord")
        assert "school-board" in [o.id for o in info.value.suggestions]
        with pytest.raises(ArgumentTypeError):
            lookup_office_category(5)
        assert get_office_category("school bord") is None
        assert ["sheriff"] == [o.id for o in search_office_categories("Sheriff")]
        assert "school-board" in [o.id for o in search_office_categories("board")]
        assert () == search_office_categories("   ")

    def test_no_name_fits_two_categories(self) -> None:
        """Every id, name and alias leads to exactly one office category."""
        from civicrun._text import fold

        owners: dict[str, set[str]] = {}
        for office in office_categories():
            for name in (office.id, office.name, *office.aliases):
                owners.setdefault(fold(name), set()).add(office.id)
        assert {} == {name: ids for name, ids in owners.items() if len(ids) > 1}
        assert "town-meeting-and-select-board" == lookup_office_category("selectman").id

    def test_order_and_state_filter(self) -> None:
        """Local before state before federal; state lists filter."""
        levels = [o.level.value for o in office_categories()]
        order = {"local": 0, "state": 1, "federal": 2}
        assert sorted(levels, key=order.__getitem__) == levels
        township = lookup_office_category("township-office")
        assert township.states
        inside = next(iter(sorted(township.states)))
        outside = next(s for s in ("AZ", "NV", "HI", "AK", "LA") if s not in township.states)
        assert township in office_categories_for_state(inside)
        assert township not in office_categories_for_state(outside)

    def test_a_category_a_state_marks_absent_is_left_out(self) -> None:
        """AK, CT and HI mark sheriffs absent, each citing the page the sheriff category cites
        for it; every other state keeps them."""
        sheriff = lookup_office_category("sheriff")
        without = {s.code for s in states() if sheriff not in office_categories_for_state(s.code)}
        assert {"AK", "CT", "HI"} == without
        for code in sorted(without):
            (here,) = [h for h in lookup_state(code).offices if h.category == "sheriff"]
            assert not here.present
            assert here.source in {s.url for s in sheriff.sources}
            assert here.source in {s.url for s in lookup_state(code).sources}

    def test_state_legislature_counts_and_ages(self) -> None:
        """The state-legislature category carries dated, sourced counts and minimum ages."""
        office = lookup_office_category("state-legislature")
        assert any(c.value == 7386 and c.source.startswith("http") for c in office.counts)
        assert all(a.source.startswith("http") and 18 <= a.age <= 30 for a in office.minimum_ages)
