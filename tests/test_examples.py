"""The example web app in examples/ serves its form and the JSON of eligible_orgs."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from civicrun import Profile, eligible_orgs

from .conftest import load_module

APP = Path(__file__).parent.parent / "examples" / "flask_app.py"


@pytest.fixture(scope="module")
def app_module() -> ModuleType:
    """The example app, loaded from its file (skipped without flask or without examples/)."""
    pytest.importorskip("flask")
    if not APP.exists():  # tests run against an installed wheel carry no examples
        pytest.skip("examples/ not present")
    return load_module("flask_app", APP)


class TestFlaskExample:
    def test_serves_the_form(self, app_module: ModuleType) -> None:
        """GET / is a form that submits every profile field to /matches."""
        response = app_module.app.test_client().get("/")
        assert 200 == response.status_code
        page = response.get_data(as_text=True)
        assert '<form action="/matches" method="get">' in page
        for name in ("state", "party", "veteran", "race_ethnicity"):
            assert f'name="{name}"' in page

    def test_answers_the_json_of_eligible_orgs(self, app_module: ModuleType) -> None:
        """A submitted form gets the profile and exactly what eligible_orgs returns for it."""
        query = (
            "/matches?state=Texas&party=Dem&gender=woman&age=29&veteran=&lgbtq=no"
            "&race_ethnicity=black&race_ethnicity=latino&county="
        )
        response = app_module.app.test_client().get(query)
        assert 200 == response.status_code
        profile = Profile(
            state="TX",
            party="democratic",
            gender="woman",
            age=29,
            lgbtq=False,
            race_ethnicity=["black", "latino"],
        )
        expected = {
            "profile": profile.to_dict(),
            "matches": [m.to_dict() for m in eligible_orgs(profile)],
        }
        assert expected == response.get_json()

    def test_bad_input_is_a_400_with_the_reason(self, app_module: ModuleType) -> None:
        """A field civicrun cannot read is a 400 whose JSON says which and why."""
        response = app_module.app.test_client().get("/matches?state=Narnia")
        assert 400 == response.status_code
        assert "Narnia" in response.get_json()["error"]
