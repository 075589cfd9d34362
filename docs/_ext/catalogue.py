"""Sphinx extension: the data catalogue, written from civicrun's records at build time.

On ``builder-inited`` it writes MyST pages into ``docs/catalogue/`` (generated, never
committed): an index with a map of the states and the counts, one page per organization (its
rules in plain words, each with the source it cites; support, coverage, status, sources and
last-verified date), the organizations by kind, by party, by state and by kind of support, and
the office categories with their counts and sources.

The output depends only on the data: everything is sorted, and the only dates are the
dataset's own (``DATA_VERSION``, ``DATA_DATE`` and the records' dates). Every piece of text
from the data goes through :func:`md` (Markdown) or :func:`html.escape` (the map's SVG).

The map's outlines are ``docs/_data/us-states-albers.json``, derived from us-atlas 3.0.1 by
``scripts/build_map_paths.py`` (see ``docs/_data/README.md``); nothing is fetched at build time.
"""

from __future__ import annotations

import html
import json
import math
import string
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import civicrun
from civicrun._wording import describe, describe_audience
from civicrun.records import AnyOf, Condition, OfficeCategory, Organization, Source, State
from civicrun.vocab import HOW_TO_JOIN_NOTES, PARTY_LABELS, OrgKind, Partisanship, Scope, Support

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["FOLDER", "generate", "map_counts", "md", "setup", "write"]

#: The folder, under the docs source folder, that the pages are written to.
FOLDER = "catalogue"
#: The committed state outlines (see docs/_data/README.md).
MAP_DATA = Path(__file__).resolve().parent.parent / "_data" / "us-states-albers.json"
#: The territories, in the order their squares are drawn (any other state without an outline
#: is drawn after them, by code).
TERRITORIES = ("PR", "GU", "VI", "AS", "MP")
#: Kinds of organization the map does not count: it counts programs, not party committees.
PARTY_KINDS = frozenset({OrgKind.STATE_PARTY, OrgKind.LOCAL_PARTY})
#: The map's shades (ColorBrewer Blues), lightest first, and the shade for none.
SHADES = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NO_PROGRAMS = "#d9d9d9"
MAP_WIDTH, MAP_HEIGHT, BAND = 975, 610, 90

_KIND_HEADINGS = {
    OrgKind.NATIONAL_GROUP: "National groups",
    OrgKind.NATIONAL_PARTY: "National parties",
    OrgKind.STATE_PROGRAM: "State programs",
    OrgKind.STATE_PARTY: "State parties",
    OrgKind.LOCAL_PARTY: "Local parties",
}
_KIND_ORDER = {kind: n for n, kind in enumerate(_KIND_HEADINGS)}
_PUNCTUATION = frozenset(string.punctuation)


# --- escaping -------------------------------------------------------------------------------


def md(text: object) -> str:
    """Text from the data as literal MyST Markdown: whitespace collapsed to single spaces and
    every ASCII punctuation mark backslash-escaped, so nothing in it is read as markup (no
    emphasis, link, role, target, table cell, HTML or doctest prompt).

    >>> md("EMILY's *List* | {ref}`x` <b>")
    "EMILY\\\\'s \\\\*List\\\\* \\\\| \\\\{ref\\\\}\\\\`x\\\\` \\\\<b\\\\>"
    """
    flat = " ".join(str(text).split())
    return "".join("\\" + c if c in _PUNCTUATION else c for c in flat)


def _url(url: str) -> str:
    """A link destination for ``[text](<...>)``: the characters it cannot hold, encoded."""
    table = {" ": "%20", "<": "%3C", ">": "%3E", "\\": "%5C", "\n": "", "\r": ""}
    return "".join(table.get(c, c) for c in url)


def link(text: str, url: str | None) -> str:
    """``text`` (escaped) linked to an http(s) ``url``; just the text without one."""
    if url is None or not url.startswith(("https://", "http://")):
        return md(text)
    return f"[{md(text)}](<{_url(url)}>)"


def _words(value: str) -> str:
    """A vocabulary value as words ("own-site" -> "own site")."""
    return value.replace("-", " ").replace("_", " ")


def _source_lines(sources: Sequence[Source]) -> list[str]:
    """A numbered list of sources: each linked, with its kind, read date and note."""
    lines = []
    for number, source in enumerate(sources, start=1):
        kind = _words(source.kind.value) if source.kind else "kind not yet classified"
        text = (
            f"{number}. {link(source.title or source.url, source.url)} "
            f"({md(kind)}; read {source.read.isoformat()})"
        )
        if source.note:
            text += f": {md(source.note)}"
        lines.append(text)
    return lines


def _heading(value: str) -> str:
    words = _words(value)
    return words[:1].upper() + words[1:]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- what the map counts -----------------------------------------------------------------


def in_fifty_and_dc(state: State) -> bool:
    """Whether ``state`` is one of the 50 states or DC (territories have FIPS codes from 60)."""
    return state.fips < "60"


def covered_codes(org: Organization, states: Iterable[State]) -> frozenset[str]:
    """The codes, among ``states``, of the states ``org`` works in: a national group covers the
    50 states and DC (and any territories its coverage lists), the others the states listed."""
    coverage = org.coverage
    if coverage.scope is Scope.NATIONAL:
        extra: frozenset[str] = getattr(coverage, "territories", frozenset())
        return frozenset(s.code for s in states if in_fifty_and_dc(s) or s.code in extra)
    known = {s.code for s in states}
    return frozenset(coverage.states & known)


def map_counts(
    orgs: Iterable[Organization], states: Iterable[State]
) -> dict[str, list[Organization]]:
    """For each state's code, the programs that serve it: organizations other than state and
    local parties whose coverage includes it, sorted by id."""
    known = tuple(states)
    found: dict[str, list[Organization]] = {s.code: [] for s in known}
    for org in sorted(orgs, key=lambda o: o.id):
        if org.kind in PARTY_KINDS:
            continue
        for code in covered_codes(org, known):
            found[code].append(org)
    return found


# --- the map --------------------------------------------------------------------------------


def _bins(values: Iterable[int]) -> list[tuple[int, int, str]]:
    """Up to five equal ranges of whole numbers spanning the non-zero ``values``, each with
    its shade: (lowest, highest, colour)."""
    present = sorted({v for v in values if v > 0})
    if not present:
        return []
    low, high = present[0], present[-1]
    width = math.ceil((high - low + 1) / len(SHADES))
    count = math.ceil((high - low + 1) / width)
    picks = [round(i * (len(SHADES) - 1) / (count - 1)) if count > 1 else 2 for i in range(count)]
    return [
        (low + i * width, min(low + (i + 1) * width - 1, high), SHADES[picks[i]])
        for i in range(count)
    ]


def _shade(value: int, bins: list[tuple[int, int, str]]) -> str:
    for low, high, colour in bins:
        if low <= value <= high:
            return colour
    return NO_PROGRAMS


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def render_map(
    counts: Mapping[str, int],
    states: Iterable[State],
    shapes: Mapping[str, Mapping[str, str]],
    href: Callable[[str], str],
) -> str:
    """The map as inline SVG: each state's outline shaded by its count, with a ``<title>``
    (name and count) and a link to its entry; states without an outline (the territories)
    as small labelled squares in a row under the map; a legend of the shades."""
    known = sorted(states, key=lambda s: s.code)
    bins = _bins(counts.values())
    esc = html.escape
    total_height = MAP_HEIGHT + BAND
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {total_height}" '
        'width="100%" role="img" class="catalogue-map" '
        'aria-labelledby="catalogue-map-title catalogue-map-desc" '
        'style="max-width: 975px; height: auto; font-family: sans-serif">',
        '<title id="catalogue-map-title">Programs serving each state</title>',
        '<desc id="catalogue-map-desc">Each state is shaded by how many organizations other '
        "than state and local parties work there; darker means more.</desc>",
        '<g stroke="#ffffff" stroke-width="0.75" stroke-linejoin="round">',
    ]
    unplaced: list[State] = []
    for state in known:
        shape = shapes.get(state.fips)
        if shape is None:
            unplaced.append(state)
            continue
        n = counts.get(state.code, 0)
        lines.append(
            f'<a href="{esc(href(state.code))}"><path d="{esc(shape["d"])}" '
            f'fill="{_shade(n, bins)}" data-state="{esc(state.code)}" data-count="{n}">'
            f"<title>{esc(state.name)}: {_count(n, 'program')}</title></path></a>"
        )
    lines.append("</g>")
    order = {code: n for n, code in enumerate(TERRITORIES)}
    unplaced.sort(key=lambda s: (order.get(s.code, len(order)), s.code))
    top = MAP_HEIGHT + 22
    for number, state in enumerate(unplaced):
        x = 20 + number * 56
        n = counts.get(state.code, 0)
        lines.append(
            f'<a href="{esc(href(state.code))}"><rect x="{x}" y="{top}" width="26" height="26" '
            f'fill="{_shade(n, bins)}" stroke="#737373" stroke-width="0.75" '
            f'data-state="{esc(state.code)}" data-count="{n}">'
            f"<title>{esc(state.name)}: {_count(n, 'program')}</title></rect>"
            f'<text x="{x + 13}" y="{top + 44}" text-anchor="middle" font-size="15" '
            f'fill="currentColor">{esc(state.code)}</text></a>'
        )
    swatches = [*bins, *([(0, 0, NO_PROGRAMS)] if 0 in counts.values() else [])]
    left = MAP_WIDTH - 20 - 70 * len(swatches)
    lines.append(
        f'<g class="catalogue-map-legend"><text x="{left}" y="{top - 6}" font-size="15" '
        'fill="currentColor">Programs serving the state</text>'
    )
    for number, (low, high, colour) in enumerate(swatches):
        x = left + number * 70
        lines.append(
            f'<rect x="{x}" y="{top}" width="64" height="16" fill="{colour}" '
            f'stroke="#737373" stroke-width="0.5"/><text x="{x + 32}" y="{top + 32}" '
            f'text-anchor="middle" font-size="15" fill="currentColor">{_range(low, high)}</text>'
        )
    lines += ["</g>", "</svg>"]
    return "\n".join(lines)


def load_shapes(path: Path = MAP_DATA) -> dict[str, dict[str, str]]:
    """The committed outlines: state FIPS code -> ``{"name": ..., "d": SVG path data}``."""
    shapes: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["states"]
    return shapes


# --- pieces of pages -----------------------------------------------------------------------


def _org_sort(org: Organization) -> tuple[str, str]:
    return (org.name.casefold(), org.id)


def _kind_sort(org: Organization) -> tuple[int, str, str]:
    return (_KIND_ORDER.get(org.kind, len(_KIND_ORDER)), *_org_sort(org))


def _kind_heading(kind: OrgKind) -> str:
    return _KIND_HEADINGS.get(kind, _heading(kind.value))


def _source_link(url: str | None, sources: Iterable[Source]) -> str:
    """The cited page: its title linked, from the record's sources."""
    if url is None:
        return "no source given"
    for source in sources:
        if source.url == url:
            return link(source.title or url, url)
    return link(url, url)


def _rule_words(rule: Condition | AnyOf, phrase: Callable[[Condition], str]) -> str:
    if isinstance(rule, AnyOf):
        return "one of: " + " or ".join(phrase(c) for c in rule.any_of)
    return phrase(rule)


def _rule_line(
    rule: Condition | AnyOf, phrase: Callable[[Condition], str], org: Organization
) -> str:
    members = rule.any_of if isinstance(rule, AnyOf) else ()
    notes = [n for n in (rule.note, *(c.note for c in members)) if n]
    text = f"- **{md(_rule_words(rule, phrase))}**"
    if notes:
        text += ": " + " ".join(md(n) for n in dict.fromkeys(notes))
    return text + f" (source: {_source_link(rule.source, org.sources)})"


def _state_link(code: str, names: Mapping[str, str], up: str) -> str:
    name = names.get(code)
    if name is None:
        return md(code)
    return f"[{md(name)}]({up}by-state.md#catalogue-state-{code.lower()})"


def _coverage_lines(org: Organization, names: Mapping[str, str], up: str) -> list[str]:
    coverage = org.coverage
    extra: frozenset[str] = getattr(coverage, "territories", frozenset())
    if coverage.scope is Scope.NATIONAL:
        text = "National: the 50 states and the District of Columbia"
        if extra:
            text += ", and " + ", ".join(_state_link(c, names, up) for c in sorted(extra))
        lines = [text + "."]
    elif coverage.scope is Scope.COUNTIES:
        places = []
        for fips in sorted(coverage.counties):
            county = civicrun.get_county(fips)
            places.append(md(str(county) if county is not None else fips))
        towns = sorted(coverage.towns)
        lines = [
            (
                (
                    "In one town or city: "
                    if len(towns) == 1
                    else f"In {len(towns)} towns or cities: "
                )
                + ", ".join(md(t) for t in towns)
                + " (in "
                + "; ".join(places)
                + ")."
            )
            if towns
            else "In "
            + ("these counties" if len(places) > 1 else "one county")
            + ": "
            + "; ".join(places)
            + ".",
            "State: " + ", ".join(_state_link(c, names, up) for c in sorted(coverage.states)) + ".",
        ]
    else:
        lines = [
            f"In {_count(len(coverage.states), 'state')}: "
            + ", ".join(_state_link(c, names, up) for c in sorted(coverage.states))
            + "."
        ]
    if coverage.as_of is not None:
        lines.append(f"Coverage as of {coverage.as_of.isoformat()}.")
    if coverage.note:
        lines.append(md(coverage.note))
    return lines


def _where(org: Organization) -> str:
    """A few words on where an organization works, for lists."""
    coverage = org.coverage
    if coverage.scope is Scope.NATIONAL:
        return "national"
    if coverage.scope is Scope.COUNTIES:
        named = {f: civicrun.get_county(f) for f in coverage.counties}
        where = "; ".join(str(named[f] or f) for f in sorted(named))
        towns = sorted(coverage.towns)
        return f"{', '.join(towns)} ({where})" if towns else where
    codes = sorted(coverage.states)
    return ", ".join(codes) if len(codes) <= 6 else f"{len(codes)} states"


def _entry(org: Organization, up: str = "", *, where: bool = True) -> str:
    """One organization in a list: its name linked to its page, its kind and where it works."""
    bits = [_words(org.kind.value)]
    if where:
        bits.append(_where(org))
    if org.status.value != "active":
        bits.append(f"status: {org.status.value}")
    return f"- [{md(org.name)}]({up}org/{org.id}.md): {md('; '.join(bits))}"


# --- the pages -----------------------------------------------------------------------------


def _org_page(org: Organization, names: Mapping[str, str]) -> str:
    up = "../"
    lines = [
        "---",
        "orphan: true",
        "---",
        "",
        f"(catalogue-org-{org.id})=",
        f"# {md(org.name)}",
        "",
        md(org.summary),
        "",
    ]
    facts = [
        f"- **Kind:** [{md(_words(org.kind.value))}]"
        f"({up}organizations.md#catalogue-kind-{org.kind.value})",
        f"- **Website:** {link(org.url, org.url)}" if org.url else "- **Website:** none recorded",
    ]
    if org.former_names:
        facts.append("- **Formerly:** " + "; ".join(md(n) for n in org.former_names))
    if org.aliases:
        facts.append("- **Also known as:** " + "; ".join(md(n) for n in org.aliases))
    party = (
        f"- **Partisanship:** [{md(org.partisanship.value)}]"
        f"({up}by-party.md#catalogue-party-{org.partisanship.value})"
    )
    if org.official_party is not None:
        label = PARTY_LABELS.get(org.official_party, org.official_party.value)
        party += f"; the official {md(label)} party organization"
    facts += [
        party,
        f"- **Status:** {md(org.status.value)} (confidence: {md(org.confidence.value)})",
        f"- **Last verified:** {org.last_verified.isoformat()}",
        f"- **How to join:** {md(org.how_to_join.value)}"
        f" ({md(HOW_TO_JOIN_NOTES[org.how_to_join])})",
        "- **Helps:** " + md(", ".join(sorted(r.value for r in org.roles))),
        "- **Office levels:** " + md(", ".join(sorted(v.value for v in org.office_levels))),
        f"- **Identifier:** `{org.id}`",
    ]
    lines += [*facts, "", "## Who it is for", ""]
    if not org.requirements and not org.serves and not org.priorities:
        lines += ["It names no personal requirements, no audience and no priorities.", ""]
    for title, why, rules, phrase in (
        (
            "Requirements",
            "Rules it publishes: failing one makes a match `ineligible`.",
            org.requirements,
            describe,
        ),
        (
            "Audience",
            "Whom it says it serves (`serves`): a person known to be outside it is "
            "`outside-audience`.",
            org.serves,
            describe_audience,
        ),
        (
            "Priorities",
            "Whom it prefers among the people it serves: priorities only rank.",
            org.priorities,
            describe_audience,
        ),
    ):
        if rules:
            lines += [f"### {title}", "", why, ""]
            lines += [_rule_line(rule, phrase, org) for rule in rules]
            lines.append("")
    lines += ["## Support", ""]
    if org.support:
        lines += [
            f"- [{md(_words(s.value))}]({up}by-support.md#catalogue-support-{s.value})"
            for s in sorted(org.support, key=lambda s: s.value)
        ]
    else:
        lines.append("No kind of support recorded.")
    lines += ["", "## Coverage", ""]
    for line in _coverage_lines(org, names, up):
        lines += [line, ""]
    if org.notes:
        lines += ["## Notes", "", *(f"- {md(n)}" for n in org.notes), ""]
    lines += ["## Sources", "", *_source_lines(org.sources)]
    lines += ["", f"Last verified {org.last_verified.isoformat()}.", ""]
    return "\n".join(lines)


def _intro(title: str, label: str, text: str) -> list[str]:
    return [f"({label})=", f"# {title}", "", text, ""]


def _by_kind_page(orgs: list[Organization]) -> str:
    lines = _intro(
        "Organizations by kind",
        "catalogue-organizations",
        f"All {len(orgs)} organizations, by kind and then by name. Each name leads to the "
        "organization's own page.",
    )
    groups: dict[OrgKind, list[Organization]] = defaultdict(list)
    for org in orgs:
        groups[org.kind].append(org)
    for kind in sorted(groups, key=lambda k: _KIND_ORDER.get(k, len(_KIND_ORDER))):
        members = sorted(groups[kind], key=_org_sort)
        lines += [
            f"(catalogue-kind-{kind.value})=",
            f"## {_kind_heading(kind)} ({len(members)})",
            "",
            *(_entry(o, where=True) for o in members),
            "",
        ]
    return "\n".join(lines)


def _by_party_page(orgs: list[Organization]) -> str:
    lines = _intro(
        "Organizations by party",
        "catalogue-by-party",
        "Organizations by where they stand between the parties (their `partisanship`), then "
        "by kind.",
    )
    for side in Partisanship:
        members = sorted((o for o in orgs if o.partisanship is side), key=_kind_sort)
        lines += [
            f"(catalogue-party-{side.value})=",
            f"## {_heading(side.value)} ({len(members)})",
            "",
        ]
        if not members:
            lines += ["None.", ""]
        kind: OrgKind | None = None
        for org in members:
            if org.kind is not kind:
                kind = org.kind
                lines += ["", f"**{_kind_heading(kind)}**", ""]
            lines.append(_entry(org))
        lines.append("")
    return _tidy(lines)


def _by_state_page(
    orgs: list[Organization], states: tuple[State, ...], counts: Mapping[str, list[Organization]]
) -> str:
    national = sorted((o for o in orgs if o.coverage.scope is Scope.NATIONAL), key=_kind_sort)
    lines = _intro(
        "Organizations by state",
        "catalogue-by-state",
        "Who works in each state. The map counts the programs, that is every organization but "
        "the state and local parties.",
    )
    lines += [
        "(catalogue-national)=",
        f"## National organizations ({len(national)})",
        "",
        "These work in all 50 states and the District of Columbia, so each state below counts "
        "them without listing them again.",
        "",
        *(_entry(o, where=False) for o in national),
        "",
    ]
    for state in sorted(states, key=lambda s: (s.name.casefold(), s.code)):
        mine = sorted(
            (
                o
                for o in orgs
                if state.code in covered_codes(o, (state,))
                and (o.coverage.scope is not Scope.NATIONAL or not in_fifty_and_dc(state))
            ),
            key=_kind_sort,
        )
        programs = counts.get(state.code, [])
        wide = [o for o in programs if o.coverage.scope is Scope.NATIONAL]
        summary = f"{_count(len(programs), 'program')} on the map"
        if in_fifty_and_dc(state):
            summary += (
                f": the {len(wide)} [national organizations](#catalogue-national) and "
                f"{len(programs) - len(wide)} of its own."
            )
        else:
            summary += "."
        lines += [
            f"(catalogue-state-{state.code.lower()})=",
            f"## {md(state.name)} ({md(state.code)})",
            "",
            summary,
            "",
        ]
        kind: OrgKind | None = None
        for org in mine:
            if org.kind is not kind:
                kind = org.kind
                lines += ["", f"**{_kind_heading(kind)}**", ""]
            lines.append(_entry(org, where=org.coverage.scope is Scope.COUNTIES))
        if not mine:
            lines.append("No organization of its own recorded.")
        lines.append("")
    return _tidy(lines)


def _by_support_page(orgs: list[Organization]) -> str:
    lines = _intro(
        "Organizations by kind of support",
        "catalogue-by-support",
        "Organizations by the help they give; one that gives several kinds is listed under each.",
    )
    for support in Support:
        members = sorted((o for o in orgs if support in o.support), key=_org_sort)
        lines += [
            f"(catalogue-support-{support.value})=",
            f"## {_heading(support.value)} ({len(members)})",
            "",
            *(_entry(o) for o in members),
            *(["None."] if not members else []),
            "",
        ]
    without = sorted((o for o in orgs if not o.support), key=_org_sort)
    if without:
        lines += [
            "(catalogue-support-none)=",
            f"## No kind of support recorded ({len(without)})",
            "",
            *(_entry(o) for o in without),
            "",
        ]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return md(text) or " "


def _office_section(office: OfficeCategory, names: Mapping[str, str]) -> list[str]:
    lines = [
        f"(catalogue-office-{office.id})=",
        f"## {md(office.name)}",
        "",
        md(office.description),
        "",
        f"- **Level:** {md(office.level.value)}",
        f"- **Races:** {md(_words(office.partisan.value))}",
    ]
    if office.aliases:
        lines.append("- **Also called:** " + "; ".join(md(a) for a in office.aliases))
    if office.states:
        lines.append(
            "- **Only in:** " + ", ".join(_state_link(c, names, "") for c in sorted(office.states))
        )
    lines += [f"- **Last verified:** {office.last_verified.isoformat()}", ""]
    if office.states_note:
        lines += [md(office.states_note), ""]
    if office.typical_requirements:
        lines += ["**Typical requirements**", ""]
        lines += [f"- {md(r)}" for r in office.typical_requirements]
        lines.append("")
    if office.counts:
        lines += [
            "**Counts**",
            "",
            "| What | Count | Year | Source | Note |",
            "| --- | ---: | ---: | --- | --- |",
        ]
        for c in office.counts:
            value = f"{_words(c.qualifier.value)} {c.value:,}"
            lines.append(
                f"| {_cell(c.what)} | {md(value)} | {c.year if c.year is not None else ' '} | "
                f"{_source_link(c.source, office.sources)} | {_cell(c.note or '')} |"
            )
        lines.append("")
    if office.minimum_ages:
        lines += [
            "**Minimum ages**",
            "",
            "| State | Chamber | Age | Source |",
            "| --- | --- | ---: | --- |",
        ]
        for age in sorted(office.minimum_ages, key=lambda a: (a.state, a.chamber.value)):
            note = f" ({md(age.note)})" if age.note else ""
            lines.append(
                f"| {_state_link(age.state, names, '')} | {md(age.chamber.value)} | {age.age} | "
                f"{_source_link(age.source, office.sources)}{note} |"
            )
        lines.append("")
    lines += ["**Sources**", "", *_source_lines(office.sources)]
    lines.append("")
    return lines


def _offices_page(offices: tuple[OfficeCategory, ...], names: Mapping[str, str]) -> str:
    lines = _intro(
        "Office categories",
        "catalogue-offices",
        f"The {len(offices)} categories of elected office, local first, then state, then "
        "federal, each with its published counts and the pages they come from.",
    )
    for office in offices:
        lines += _office_section(office, names)
    return "\n".join(lines)


def _index_page(
    orgs: list[Organization],
    offices: tuple[OfficeCategory, ...],
    states: tuple[State, ...],
    counts: Mapping[str, list[Organization]],
    svg: str,
) -> str:
    by_kind: dict[OrgKind, int] = defaultdict(int)
    for org in orgs:
        by_kind[org.kind] += 1
    lines = [
        "(catalogue-index)=",
        "# Catalogue",
        "",
        f"Every record in civicrun's dataset, version `{civicrun.DATA_VERSION}` (data date "
        f"{civicrun.DATA_DATE}): {len(orgs)} organizations, {len(offices)} office categories "
        f"and {len(states)} states and state-equivalents. These pages are written from the data "
        "each time the documentation is built; to change them, change the records.",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        "organizations",
        "by-party",
        "by-state",
        "by-support",
        "offices",
        "```",
        "",
        "## Programs by state",
        "",
        "How many programs serve each state: organizations other than state and local parties "
        "whose coverage includes it (a national one covers the 50 states and DC). Hover over a "
        "state for its count; select it for its organizations.",
        "",
        '<div class="catalogue-map-figure">',
        svg,
        "</div>",
        "",
        "## Counts",
        "",
        "| Kind | Organizations |",
        "| --- | ---: |",
    ]
    lines.extend(
        f"| [{_kind_heading(kind)}](organizations.md#catalogue-kind-{kind.value}) | "
        f"{by_kind[kind]} |"
        for kind in sorted(by_kind, key=lambda k: _KIND_ORDER.get(k, len(_KIND_ORDER)))
    )
    lines += [
        f"| All | {len(orgs)} |",
        "",
        "| State | Programs |",
        "| --- | ---: |",
    ]
    for state in sorted(states, key=lambda s: (s.name.casefold(), s.code)):
        lines.append(
            f"| [{md(state.name)}](by-state.md#catalogue-state-{state.code.lower()}) | "
            f"{len(counts.get(state.code, []))} |"
        )
    lines.append("")
    return "\n".join(lines)


def _tidy(lines: list[str]) -> str:
    """Join lines, never more than one blank line in a row."""
    kept: list[str] = []
    for line in lines:
        if line == "" and kept and kept[-1] == "":
            continue
        kept.append(line)
    return "\n".join(kept)


def _default_href(code: str) -> str:
    return f"by-state.html#catalogue-state-{code.lower()}"


def generate(href: Callable[[str], str] = _default_href) -> dict[str, str]:
    """Every catalogue page: its path under the catalogue folder -> its MyST text.

    ``href`` gives the URL, relative to the catalogue's index page, of a state's entry on the
    by-state page (the map's links are raw HTML, so they need the builder's file names).
    """
    orgs = sorted(civicrun.organizations(), key=lambda o: o.id)
    offices = civicrun.office_categories()
    states = civicrun.states()
    names = {s.code: s.name for s in states}
    found = map_counts(orgs, states)
    counts = {code: len(members) for code, members in found.items()}
    svg = render_map(counts, states, load_shapes(), href)
    pages = {
        "index.md": _index_page(orgs, offices, states, found, svg),
        "organizations.md": _by_kind_page(orgs),
        "by-party.md": _by_party_page(orgs),
        "by-state.md": _by_state_page(orgs, states, found),
        "by-support.md": _by_support_page(orgs),
        "offices.md": _offices_page(offices, names),
    }
    for org in orgs:
        pages[f"org/{org.id}.md"] = _org_page(org, names)
    return {path: text.rstrip("\n") + "\n" for path, text in sorted(pages.items())}


def write(folder: Path, pages: Mapping[str, str]) -> list[str]:
    """Write ``pages`` under ``folder``, leaving a file that already holds its text untouched
    (so Sphinx rereads only what changed) and deleting the ``.md`` files no longer generated.
    Returns the paths written."""
    written = []
    for path, text in pages.items():
        target = folder / path
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    if folder.is_dir():
        for old in sorted(folder.rglob("*.md")):
            if old.relative_to(folder).as_posix() not in pages:
                old.unlink()
    return written


# --- Sphinx ---------------------------------------------------------------------------------


def _on_builder_inited(app: Sphinx) -> None:
    builder = app.builder

    def href(code: str) -> str:
        uri = builder.get_relative_uri(f"{FOLDER}/index", f"{FOLDER}/by-state")
        return f"{uri}#catalogue-state-{code.lower()}"

    write(Path(app.srcdir) / FOLDER, generate(href))


def _shared_navigation() -> Callable[[Sphinx, str, str, dict[str, Any], Any], None]:
    """An ``html-page-context`` handler that works out the site navigation once for all the
    organization pages.

    The theme asks for the global table of contents on every page, and on hundreds of small
    pages that is most of the build's time. Those pages are in no toctree (they are orphans)
    and share one folder, so the navigation, whose links are relative to the page's folder and
    which marks only the pages on the path to the current one, is the same for all of them.
    """
    cache: dict[tuple[tuple[str, Any], ...], str] = {}

    def handler(
        _app: Sphinx, pagename: str, _template: str, context: dict[str, Any], _doctree: Any
    ) -> None:
        toctree = context.get("toctree")
        if toctree is None or not pagename.startswith(f"{FOLDER}/org/"):
            return

        def shared(**kwargs: Any) -> str:
            key = tuple(sorted(kwargs.items()))
            if key not in cache:
                cache[key] = toctree(**kwargs)
            return cache[key]

        context["toctree"] = shared

    return handler


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the page generator and a transform that keeps the pages' quotes as written.

    Sphinx is imported here, not at the top, so that the generator (and pytest's collection of
    this module's doctests) works without it."""
    from sphinx.transforms import SphinxTransform  # noqa: PLC0415  # imported with Sphinx only

    class VerbatimQuotes(SphinxTransform):
        """Show the data's text as written in catalogue pages: no curly quotes or dashes from
        Sphinx's smart-quotes pass (which runs at priority 750), so a name reads as recorded."""

        default_priority = 740

        def apply(self, **_kwargs: Any) -> None:
            if self.env.docname.startswith(FOLDER + "/"):
                self.document["support_smartquotes"] = False

    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", _shared_navigation(), priority=400)  # before the theme's
    app.add_transform(VerbatimQuotes)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
