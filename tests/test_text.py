"""Name normalisation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civicrun._lookup import Names
from civicrun._text import fold


class TestFold:
    def test_accents_case_and_space(self) -> None:
        """Accents, case and extra space do not matter."""
        assert "dona ana" == fold("  DOÑA   Ana ")

    def test_saints_and_forts(self) -> None:
        """St., Ste., Ft. and Mt. are spelled out."""
        assert "sainte genevieve" == fold("Ste. Genevieve")
        assert "saint louis" == fold("St Louis")
        assert "fort bend" == fold("Ft. Bend")
        assert "mount vernon" == fold("Mt Vernon")

    def test_apostrophes_and_ampersands(self) -> None:
        """Apostrophes vanish and & is 'and'."""
        assert "obrien" == fold("O’Brien")
        assert "lewis and clark" == fold("Lewis & Clark")

    @given(st.text(max_size=40))
    def test_idempotent(self, text: str) -> None:
        """Folding twice is folding once."""
        assert fold(text) == fold(fold(text))


class TestNames:
    """The one search helper every kind's look-ups use."""

    NAMES = Names(
        ["hennepin", "henry", "kent", "new-york"],
        lambda key: {
            "hennepin": ("hennepin", "Hennepin County"),
            "henry": ("henry", "Henry County"),
            "kent": ("kent", "Kent County", "Kent"),
            "new-york": ("new-york", "New York County", "Manhattan"),
        }[key],
        lambda key: "the county of the city of new york" if key == "new-york" else "",
    )

    def test_get_is_exact(self) -> None:
        """get matches a whole name, folded; nothing else."""
        assert "new-york" == self.NAMES.get("  MANHATTAN ")
        assert self.NAMES.get("Manhatan") is None

    def test_search_tiers(self) -> None:
        """Exact, then begins with, then words, then close spellings, then descriptions."""
        assert ("kent",) == self.NAMES.search("Kent")
        assert ("hennepin", "henry") == self.NAMES.search("hen")
        assert "hennepin" == self.NAMES.search("Henepin County")[0]  # closest first
        assert ("new-york",) == self.NAMES.search("city")
        assert () == self.NAMES.search("  ")

    def test_suggest(self) -> None:
        """Suggestions are close names, best first, at most n."""
        assert ("hennepin",) == self.NAMES.suggest("Henepin", 3)
        assert ("hennepin",) == self.NAMES.close("Hennepen")

    def test_search_index_built_once_under_threads(self) -> None:
        """Many first searches at once give one answer (the index is built behind a lock)."""
        from concurrent.futures import ThreadPoolExecutor

        names = Names(["acorn-fund", "birch-fund"], lambda key: (key, key.replace("-", " ")))
        with ThreadPoolExecutor(8) as pool:
            found = set(pool.map(lambda _n: names.search("acron fund"), range(32)))
        assert {("acorn-fund",)} == found
