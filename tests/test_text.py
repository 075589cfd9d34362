"""Name normalisation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civicrun._text import close_matches, fold


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


class TestHelpers:
    def test_close_matches(self) -> None:
        """Close names are suggested, best first."""
        assert ["Hennepin County"] == close_matches("Henepin County", ["Hennepin County", "Kent"])
