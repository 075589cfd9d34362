"""A small web app on civicrun: a form, and the JSON of the groups that would help.

Run it (from a checkout)::

    pip install civicrun flask
    flask --app examples/flask_app.py run

``GET /`` serves the form; it submits to ``GET /matches?state=TX&party=democratic&...``, which
answers ``{"profile": ..., "matches": [...]}`` (each match as ``Match.to_dict()``), or 400 with
``{"error": ...}`` when a field is not understood. Every field is optional: a fact left out is
unknown, never a "no", so yes/no questions offer "don't say" rather than a checkbox.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template_string, request

from civicrun import CivicrunError, Profile, eligible_orgs

app = Flask(__name__)

#: Text fields: (name, label, placeholder).
TEXT_FIELDS = (
    ("state", "State", "TX or Texas"),
    ("county", "County", "Travis"),
    ("town", "Town or city", "Austin"),
    ("party", "Party", "democratic, republican, libertarian, green, independent"),
    ("gender", "Gender", "woman, man, nonbinary"),
    ("age", "Age", "29"),
)
#: Yes/no questions, unknown unless answered.
YES_NO_FIELDS = (("veteran", "Veteran"), ("lgbtq", "LGBTQ+"), ("union_member", "Union member"))
RACE_ETHNICITY = ("asian-american", "black", "latino", "native-american", "white")

FORM = """<!doctype html>
<title>Who will help me run for office?</title>
<form action="{{ url_for('matches') }}" method="get">
{% for name, label, placeholder in text_fields %}
  <p><label>{{ label }} <input name="{{ name }}" placeholder="{{ placeholder }}"></label></p>
{% endfor %}
{% for name, label in yes_no_fields %}
  <p><label>{{ label }} <select name="{{ name }}">
    <option value="">don't say</option><option>yes</option><option>no</option>
  </select></label></p>
{% endfor %}
  <fieldset><legend>Race or ethnicity</legend>
{% for value in race_ethnicity %}
    <label><input type="checkbox" name="race_ethnicity" value="{{ value }}"> {{ value }}</label>
{% endfor %}
  </fieldset>
  <p><button>Find groups</button></p>
</form>
"""


@app.get("/")
def form() -> str:
    """The form: every field optional."""
    return render_template_string(
        FORM, text_fields=TEXT_FIELDS, yes_no_fields=YES_NO_FIELDS, race_ethnicity=RACE_ETHNICITY
    )


@app.get("/matches")
def matches() -> Response | tuple[Response, int]:
    """The groups that would help the person the form describes, as JSON."""
    try:
        # from_dict reads a form as sent: blank fields are unknown, and every checked
        # race_ethnicity box counts (it reads the list with getlist).
        profile = Profile.from_dict(request.args)
    except CivicrunError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(
        profile=profile.to_dict(), matches=[match.to_dict() for match in eligible_orgs(profile)]
    )
