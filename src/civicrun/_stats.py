"""The coverage report: what the dataset holds, by kind, party, state and support type."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ._args import need_date
from ._data import Dataset, dataset, parts_of
from ._dates import years_before
from ._kinds import ORGANIZATIONS
from .errors import ArgumentTypeError, InvalidArgumentError
from .records import state_kind
from .vocab import OrgKind, OrgStatus, Party, Scope, SourceKind, StateKind

__all__ = ["MAX_DAYS", "coverage_report", "render_markdown"]

#: The longest staleness asked about, in days (a century).
MAX_DAYS = 36_500


def coverage_report(*, on: dt.date | None = None) -> dict[str, Any]:
    """Counts of records by kind, partisanship, state and support, and stale records.

    A record is stale when its ``last_verified`` date is more than a year before ``on``
    (default today).
    """
    when = need_date(on, "coverage_report", "on")
    day = dt.date.today() if when is None else when
    data = dataset()
    orgs = list(data.organizations.values())
    cutoff = years_before(day, 1)
    by_state: Counter[str] = Counter()
    for org in orgs:
        if org.coverage.scope is Scope.STATES:
            by_state.update(org.coverage.states)
    parts = parts_of(data)
    stale = sorted(
        f"{kind.folder}/{kind.ident(r)}"
        for kind, part in parts.items()
        for r in part.values()
        if r.last_verified < cutoff
    )
    groups = [o for o in orgs if o.kind in (OrgKind.NATIONAL_GROUP, OrgKind.STATE_PROGRAM)]
    own = [o for o in groups if any(src.kind is SourceKind.OWN_SITE for src in o.sources)]
    no_url = [o for o in orgs if o.url is None]
    explained = [o for o in no_url if any("website" in n for n in o.notes)]
    every_source = [src for part in parts.values() for r in part.values() for src in r.sources]
    return {
        "as_of": day.isoformat(),
        **{kind.table: len(part) for kind, part in parts.items()},
        "counties": len(data.counties),
        "by_kind": dict(sorted(Counter(o.kind.value for o in orgs).items())),
        "by_partisanship": dict(sorted(Counter(o.partisanship.value for o in orgs).items())),
        "by_status": dict(sorted(Counter(o.status.value for o in orgs).items())),
        "by_support": dict(sorted(Counter(s.value for o in orgs for s in o.support).items())),
        "by_rule_kind": {
            "requirements": sum(len(o.requirements) for o in orgs),
            "serves (audience)": sum(len(o.serves) for o in orgs),
            "priorities": sum(len(o.priorities) for o in orgs),
        },
        "national": sum(1 for o in orgs if o.coverage.scope is Scope.NATIONAL),
        "by_state": dict(sorted(by_state.items())),
        "groups_with_own_site_source": len(own),
        "groups": len(groups),
        "without_url": len(no_url),
        "without_url_explained": len(explained),
        "sources_by_kind": dict(
            sorted(
                Counter(
                    src.kind.value if src.kind else "not yet classified" for src in every_source
                ).items()
            )
        ),
        "chief_election_offices": sum(
            1 for st in data.states.values() if st.chief_election_office is not None
        ),
        **_program_coverage(data, day),
        **_local_coverage(data),
        "running_for_office": _running_coverage(data),
        "local_party_answers": _party_answers(data),
        "stale": stale,
    }


def _program_coverage(data: Dataset, day: dt.date) -> dict[str, Any]:
    """National groups and state programs: how many, which of the 50 states and DC have a state
    program, and how old each record's newest dated evidence of activity is."""
    groups = [
        o
        for o in data.organizations.values()
        if o.kind in (OrgKind.NATIONAL_GROUP, OrgKind.STATE_PROGRAM)
    ]
    home = sorted(c for c, st in data.states.items() if st.kind is not StateKind.TERRITORY)
    programs = [o for o in groups if o.kind is OrgKind.STATE_PROGRAM]
    covered = {s for o in programs for s in o.coverage.states}
    live = {s for o in programs if o.status is OrgStatus.ACTIVE for s in o.coverage.states}
    ages: Counter[str] = Counter()
    for org in groups:
        when = org.active_as_of
        if when is None:
            ages["no dated evidence"] += 1
        elif when >= years_before(day, 1):
            ages["within 1 year"] += 1
        elif when >= years_before(day, 3):
            ages["1 to 3 years"] += 1
        elif when >= years_before(day, 5):
            ages["3 to 5 years"] += 1
        else:
            ages["over 5 years"] += 1
    order = ["within 1 year", "1 to 3 years", "3 to 5 years", "over 5 years", "no dated evidence"]
    return {
        "national_groups": sum(1 for o in groups if o.kind is OrgKind.NATIONAL_GROUP),
        "state_programs": len(programs),
        "states_with_state_program": len(set(home) & covered),
        "states_with_active_state_program": len(set(home) & live),
        "states_without_state_program": [c for c in home if c not in covered],
        "states_with_state_program_or_search": len(
            {c for c in home if c in covered or data.states[c].program_search}
        ),
        "states_and_dc": len(home),
        "newest_activity_evidence": {k: ages[k] for k in order},
    }


def _local_coverage(data: Dataset) -> dict[str, Any]:
    """Local parties and county election offices, by county and by the population living
    there (the Census population of the 50 states and DC; the territories are counted apart)."""
    table = data.counties
    home = {
        fips for fips, row in table.rows.items() if state_kind(fips[:2]) is not StateKind.TERRITORY
    }
    people = {fips: table.population.get(fips, 0) for fips in home}
    total = sum(people.values())
    parties: dict[str, set[Party]] = {}
    local = [o for o in data.organizations.values() if o.kind is OrgKind.LOCAL_PARTY]
    # A town or city committee covers its town, not its county: it is counted apart.
    towns = [o for o in local if o.coverage.towns]
    for org in local:
        if org.coverage.towns:
            continue
        for fips in org.coverage.counties:
            if org.official_party is not None:
                parties.setdefault(fips, set()).add(org.official_party)
    offices = {o.fips for st in data.states.values() for o in st.election_offices}
    both = {f for f, found in parties.items() if {Party.DEMOCRATIC, Party.REPUBLICAN} <= found}
    largest = sorted(home, key=lambda f: (-people[f], f))[:100]

    def share(fips: set[str]) -> float:
        return round(100 * sum(people.get(f, 0) for f in fips) / total, 1) if total else 0.0

    return {
        "local_parties": len(local),
        "local_party_states": len({s for o in local for s in o.coverage.states}),
        "town_committees": len(towns),
        "town_committee_towns": len(
            {(s, t) for o in towns for s in o.coverage.states for t in o.coverage.towns}
        ),
        "town_committee_states": len({s for o in towns for s in o.coverage.states}),
        "counties_with_local_party": len(parties),
        "counties_with_both_major_local_parties": len(both),
        "population_where_local_party_recorded_percent": share(set(parties)),
        "population_where_both_major_local_parties_recorded_percent": share(both),
        "county_election_offices": sum(len(st.election_offices) for st in data.states.values()),
        "counties_with_election_office": len(offices),
        "population_where_election_office_recorded_percent": share(offices),
        "population_states_and_dc": total,
        "largest_100_counties": {
            "with_democratic_and_republican_local_parties": len(set(largest) & both),
            "with_an_election_office": len(set(largest) & offices),
        },
    }


#: The running-for-office facts a state record holds (see :class:`~civicrun.State`).
RUNNING_FACTS = ("candidacy", "offices", "qualifications", "local_governments")


def _running_coverage(data: Dataset) -> dict[str, Any]:
    """Per state, which running-for-office facts are recorded (how many entries of each list),
    and the totals: states with each, and entries of each."""
    by_state: dict[str, dict[str, int]] = {}
    for code in sorted(data.states):
        record = data.states[code]
        by_state[code] = {
            "candidacy": int(record.candidacy is not None),
            "offices": len(record.offices),
            "qualifications": len(record.qualifications),
            "local_governments": len(record.local_governments),
        }
    return {
        "states_with": {f: sum(1 for c in by_state.values() if c[f]) for f in RUNNING_FACTS},
        "entries": {f: sum(c[f] for c in by_state.values()) for f in RUNNING_FACTS},
        "by_state": by_state,
    }


def _running_lines(running: dict[str, Any], states: int) -> list[str]:
    def cell(fact: str, value: int) -> str:
        if not value:
            return "-"
        return "yes" if fact == "candidacy" else str(value)

    lines = [
        "## Running for office: what each state's record holds",
        "",
        "How to get on the ballot and when elections are held (`candidacy`), which office "
        "categories exist or do not (`offices`), qualifications for office (`qualifications`) "
        "and Census of Governments counts (`local_governments`); a number is how many entries "
        "the record has, `-` none yet.",
        "",
    ]
    lines += [
        f"- {fact}: {running['states_with'][fact]} of the {states} state records "
        f"({running['entries'][fact]} entries)"
        for fact in RUNNING_FACTS
    ]
    lines += ["", "| state | " + " | ".join(RUNNING_FACTS) + " |", "| --- |" + " ---: |" * 4]
    for code, counts in running["by_state"].items():
        lines.append(f"| {code} | " + " | ".join(cell(f, counts[f]) for f in RUNNING_FACTS) + " |")
    return [*lines, ""]


def _party_answers(data: Dataset) -> dict[str, dict[str, Any]]:
    """Per party, what a person in each county of the 50 states and DC is given by
    ``find_local_party``: the county party's own record, else the state party's directory of
    its local committees, else only a search, or (where civicrun has no record of the party in
    the state) an error naming the parties it has. Counted by county and by population (town
    and city committees cover their town, not the county, so they do not count here).

    The parties are those with an official state organization recorded in a state or DC.
    """
    table = data.counties
    home = sorted(fips for fips in table.rows if state_kind(fips[:2]) is not StateKind.TERRITORY)
    people = {fips: table.population.get(fips, 0) for fips in home}
    total = sum(people.values())
    county_records: set[tuple[str, Party]] = set()
    directories: set[tuple[str, Party]] = set()
    parties: set[Party] = set()
    recorded = {(st.code, p.party) for st in data.states.values() for p in st.parties}
    for org in data.organizations.values():
        party = org.official_party
        if party is None:
            continue
        if org.kind in (OrgKind.LOCAL_PARTY, OrgKind.STATE_PARTY):
            recorded.update((s, party) for s in org.coverage.states)
        if org.kind is OrgKind.LOCAL_PARTY and not org.coverage.towns:
            county_records.update((fips, party) for fips in org.coverage.counties)
        elif org.kind is OrgKind.STATE_PARTY:
            if any(data.states[s].kind is not StateKind.TERRITORY for s in org.coverage.states):
                parties.add(party)
            if org.local_directory is not None:
                directories.update((s, party) for s in org.coverage.states)
    state_of = {fips: table.rows[fips][2] for fips in home}
    report: dict[str, dict[str, Any]] = {}
    for party in sorted(parties, key=lambda p: p.value):
        kinds: dict[str, list[str]] = {
            "county_record": [],
            "state_directory": [],
            "search": [],
            "party_not_recorded": [],
        }
        for fips in home:
            if (state_of[fips], party) not in recorded:
                kinds["party_not_recorded"].append(fips)
            elif (fips, party) in county_records:
                kinds["county_record"].append(fips)
            elif (state_of[fips], party) in directories:
                kinds["state_directory"].append(fips)
            else:
                kinds["search"].append(fips)
        report[party.value] = {
            "counties": {kind: len(found) for kind, found in kinds.items()},
            "counties_percent": {
                kind: round(100 * len(found) / len(home), 1) for kind, found in kinds.items()
            },
            "population_percent": {
                kind: round(100 * sum(people[f] for f in found) / total, 1) if total else 0.0
                for kind, found in kinds.items()
            },
        }
    return report


def _table(title: str, counts: dict[str, int], unit: str = "records") -> list[str]:
    lines = [f"## {title}", "", f"| | {unit} |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in counts.items()]
    return [*lines, ""]


def _answers_table(answers: dict[str, dict[str, Any]]) -> list[str]:
    """Per party: the share of counties (and of people) given the county party's record, the
    state party's directory, or only a search."""
    lines = [
        "## What find_local_party gives, by party",
        "",
        "For each county of the 50 states and DC: the county party's own record, else the "
        "state party's directory of its local committees, else only a search; where no "
        "organization of the party is recorded in the state, no answer. Counties, then the "
        "share of counties and of the population.",
        "",
        "| party | county record | state directory | only a search | party not recorded |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for party, found in answers.items():
        cells = [
            f"{found['counties'][kind]} ({found['counties_percent'][kind]}%; "
            f"{found['population_percent'][kind]}% of people)"
            for kind in ("county_record", "state_directory", "search", "party_not_recorded")
        ]
        lines.append(f"| {party} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_markdown(report: dict[str, Any]) -> str:
    """The report as a Markdown page (what ``civicrun data stats --markdown`` prints)."""
    lines = [
        "# Data coverage",
        "",
        f"Generated by `civicrun data stats --markdown --on {report['as_of']}`.",
        "",
        f"- organizations: {report['organizations']} ({report['national']} national)",
        f"- states with records: {report['states']}",
        f"- office categories: {report['office_categories']}",
        f"- counties and county-equivalents: {report['counties']}",
        f"- national groups and state programs citing a page on their own website: "
        f"{report['groups_with_own_site_source']} of {report['groups']}",
        f"- organizations without a website (`url`): {report['without_url']}, "
        f"{report['without_url_explained']} of them with a note on the search",
        f"- states with their chief election office recorded: "
        f"{report['chief_election_offices']} of {report['states']}",
        "",
        "## National groups and state programs",
        "",
        f"- national groups: {report['national_groups']}",
        f"- state programs: {report['state_programs']}",
        f"- of the 50 states and DC, with a state program recorded: "
        f"{report['states_with_state_program']} of {report['states_and_dc']} "
        f"({report['states_with_active_state_program']} with an active one); without: "
        f"{', '.join(report['states_without_state_program']) or 'none'}; with a state program "
        "or a recorded search for one (`program_search` on the state's record): "
        f"{report['states_with_state_program_or_search']} of {report['states_and_dc']}",
        "",
        "How old the newest dated evidence of each national group's and state program's "
        "activity is (a group with none in the last three years is offered with a caveat "
        "naming the year, after the live groups):",
        "",
        *(f"- {k}: {v}" for k, v in report["newest_activity_evidence"].items()),
        "",
        "## Local parties and county election offices",
        "",
        "Population is the Census Bureau's (American Community Survey 2018-2022 5-year "
        f"estimates, table B01003): {report['population_states_and_dc']:,} people in the 50 "
        "states and DC; the territories are not counted in the shares.",
        "",
        f"- local-party records: {report['local_parties']}, in "
        f"{report['local_party_states']} states",
        f"- of them town or city committees: {report['town_committees']}, for "
        f"{report['town_committee_towns']} towns and cities in "
        f"{report['town_committee_states']} states (not counted as covering their county)",
        f"- counties with a county party recorded: {report['counties_with_local_party']} "
        f"({report['population_where_local_party_recorded_percent']}% of the population lives "
        "there)",
        f"- counties with both the Democratic and the Republican local party recorded: "
        f"{report['counties_with_both_major_local_parties']} "
        f"({report['population_where_both_major_local_parties_recorded_percent']}% of the "
        "population)",
        f"- county election offices recorded: {report['county_election_offices']}, for "
        f"{report['counties_with_election_office']} counties "
        f"({report['population_where_election_office_recorded_percent']}% of the population)",
        f"- of the 100 most populous counties: "
        f"{report['largest_100_counties']['with_democratic_and_republican_local_parties']} "
        "with both major local parties, "
        f"{report['largest_100_counties']['with_an_election_office']} with an election office",
        "",
    ]
    lines += _running_lines(report["running_for_office"], report["states"])
    lines += _answers_table(report["local_party_answers"])
    lines += _table("Organizations by kind", report["by_kind"])
    lines += _table("Organizations by partisanship", report["by_partisanship"])
    lines += _table("Organizations by status", report["by_status"])
    lines += _table("Organizations by kind of support", report["by_support"])
    lines += _table("Rules by kind", report["by_rule_kind"], "rules")
    lines += _table("Sources by kind", report["sources_by_kind"], "sources")
    lines += _table("State-specific organizations by state", report["by_state"])
    lines += ["## Records last verified more than a year ago", ""]
    lines += [f"- {s}" for s in report["stale"]] or ["None."]
    return "\n".join(lines) + "\n"


def stale_records(*, days: int = 365, on: dt.date | None = None) -> list[dict[str, str]]:
    """Records whose ``last_verified`` is more than ``days`` before ``on`` (default today), and
    coverage lists whose ``as_of`` date has lapsed by as much, oldest first."""
    when = need_date(on, "stale_records", "on")
    day = dt.date.today() if when is None else when
    if isinstance(days, bool) or not isinstance(days, int):
        raise ArgumentTypeError("stale_records", "days", "a whole number", days)
    if not 0 <= days <= MAX_DAYS:
        raise InvalidArgumentError(f"stale_records(): days must be from 0 to {MAX_DAYS:,}")
    cutoff = day - dt.timedelta(days=days)
    data = dataset()
    found: list[tuple[dt.date, str, str]] = []
    found += [
        (r.last_verified, f"{kind.folder}/{kind.ident(r)}", "last verified")
        for kind, part in parts_of(data).items()
        for r in part.values()
        if r.last_verified < cutoff
    ]
    for org in data.organizations.values():
        as_of = org.coverage.as_of
        if as_of is not None and as_of < cutoff:
            found.append((as_of, f"{ORGANIZATIONS.folder}/{org.id}", "coverage states as of"))
    return [
        {"record": record, "why": f"{what} {when.isoformat()}", "date": when.isoformat()}
        for when, record, what in sorted(found)
    ]
