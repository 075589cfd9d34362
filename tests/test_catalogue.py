"""The docs catalogue (docs/_ext/catalogue.py): complete, in plain words, a map whose shading
matches the records, and pages a browser renders.

The generator tests are fast. The browser test builds the catalogue with the real
extension and the real docs/conf.py (only the other pages are left out), then opens the result
in headless Chromium; it skips when Chromium is not installed. Everything skips where docs/ is
absent (CI runs the suite against the wheel from a folder holding only tests/).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import civicrun
from civicrun._wording import describe, describe_audience
from civicrun.records import AnyOf, Condition, Organization
from civicrun.vocab import OrgKind, Scope

from .conftest import IN_CI, load_module

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXTENSION = DOCS / "_ext" / "catalogue.py"
if not EXTENSION.exists():
    pytest.skip("docs/ (and its catalogue extension) is not present", allow_module_level=True)

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _plain(text: str) -> str:
    """Markdown text with its backslash escapes undone."""
    return _ESCAPED.sub(r"\1", text)


@pytest.fixture(scope="module")
def catalogue() -> ModuleType:
    return load_module("catalogue", EXTENSION)


@pytest.fixture(scope="module")
def pages(catalogue: ModuleType) -> dict[str, str]:
    generated: dict[str, str] = catalogue.generate()
    return generated


# --- the generator ------------------------------------------------------------------------


def test_every_organization_has_a_page_and_a_place_in_each_list(pages: dict[str, str]) -> None:
    """One page per organization, each linked once from the by-kind and by-party lists."""
    orgs = civicrun.organizations()
    assert {f"org/{o.id}.md" for o in orgs} == {p for p in pages if p.startswith("org/")}
    for listing in ("organizations.md", "by-party.md"):
        linked = re.findall(r"\]\(org/([a-z0-9-]+)\.md\)", pages[listing])
        assert sorted(o.id for o in orgs) == sorted(linked), listing
    support = re.findall(r"\]\(org/([a-z0-9-]+)\.md\)", pages["by-support.md"])
    assert sum(max(len(o.support), 1) for o in orgs) == len(support)


def test_every_office_category_is_listed_with_its_counts_and_sources(
    pages: dict[str, str],
) -> None:
    text = pages["offices.md"]
    offices = civicrun.office_categories()
    assert len(offices) == len(re.findall(r"^\(catalogue-office-[a-z0-9-]+\)=$", text, re.M))
    for office in offices:
        start = text.index(f"(catalogue-office-{office.id})=")
        section = _plain(text[start:].split("\n(catalogue-office-", 1)[0])
        assert all(f"{c.value:,}" in section for c in office.counts), office.id
        assert all(f"(<{s.url}>)" in section for s in office.sources), office.id


def _phrases(rule: Condition | AnyOf, phrase: Any) -> list[str]:
    members = rule.any_of if isinstance(rule, AnyOf) else (rule,)
    return [phrase(c) for c in members]


def test_each_organization_s_rules_are_in_plain_words_with_their_sources(
    pages: dict[str, str],
) -> None:
    for org in civicrun.organizations():
        page = _plain(pages[f"org/{org.id}.md"])
        assert f"# {org.name}\n" in page
        for rules, phrase in (
            (org.requirements, describe),
            (org.serves, describe_audience),
            (org.priorities, describe_audience),
        ):
            for rule in rules:
                assert all(p in page for p in _phrases(rule, phrase)), (org.id, rule)
                assert rule.source is None or f"(<{rule.source}>)" in page, (org.id, rule)
        assert all(f"read {s.read.isoformat()}" in page for s in org.sources)
        assert f"Last verified {org.last_verified.isoformat()}." in page
        assert f"**Status:** {org.status.value}" in page


def test_the_rules_headings_match_the_record(pages: dict[str, str]) -> None:
    """Requirements, audience and priorities each get their heading only when present."""
    for org in civicrun.organizations():
        page = pages[f"org/{org.id}.md"]
        assert bool(org.requirements) == ("### Requirements" in page)
        assert bool(org.serves) == ("### Audience" in page)
        assert bool(org.priorities) == ("### Priorities" in page)


def _covers(org: Organization, code: str, territory: bool) -> bool:
    coverage = org.coverage
    if coverage.scope is Scope.NATIONAL:
        return not territory or code in getattr(coverage, "territories", frozenset())
    return code in coverage.states


def _independent_counts() -> dict[str, int]:
    """Programs per state, counted straight from the records: every organization but state and
    local parties, national ones covering the 50 states and DC (FIPS codes below 60)."""
    orgs = [
        o
        for o in civicrun.organizations()
        if o.kind not in (OrgKind.STATE_PARTY, OrgKind.LOCAL_PARTY)
    ]
    return {
        s.code: sum(_covers(o, s.code, int(s.fips) >= 60) for o in orgs) for s in civicrun.states()
    }


_SHAPE = re.compile(
    r'<(path|rect) [^>]*?fill="(#[0-9a-f]{6})" [^>]*?data-state="([A-Z]{2})" '
    r'data-count="(\d+)"><title>([^<]*)</title>'
)


def test_the_map_has_one_shape_per_state_shaded_by_an_independent_count(
    catalogue: ModuleType, pages: dict[str, str]
) -> None:
    shapes = _SHAPE.findall(pages["index.md"])
    states = {s.code: s for s in civicrun.states()}
    assert sorted(states) == sorted(code for _tag, _fill, code, _n, _title in shapes)
    outlines = {s.code for s in states.values() if int(s.fips) < 60}
    assert 51 == len(outlines)
    assert outlines == {code for tag, _fill, code, _n, _title in shapes if tag == "path"}
    expected = _independent_counts()
    assert expected == {code: int(n) for _tag, _fill, code, n, _title in shapes}
    for _tag, _fill, code, n, title in shapes:
        assert f"{states[code].name}: {n} program" in title
    # Shading: more programs is never lighter; none is grey.
    order = [*catalogue.SHADES]
    ranked = sorted((int(n), fill) for _tag, fill, _code, n, _title in shapes)
    shades = [order.index(f) for n, f in ranked if n > 0]
    assert shades == sorted(shades)
    assert all(f == catalogue.NO_PROGRAMS for n, f in ranked if n == 0)


def test_the_legend_spans_the_counts(catalogue: ModuleType) -> None:
    bins = catalogue._bins([0, 3, 7, 12, 40])
    assert 3 == bins[0][0]
    assert 40 == bins[-1][1]
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(bins))
    assert [(5, 5, catalogue.SHADES[2])] == catalogue._bins([5, 5])
    assert [] == catalogue._bins([0])


def test_states_without_an_outline_are_drawn_as_labelled_squares(catalogue: ModuleType) -> None:
    """The territories (or any state without an outline) are squares in a row, in a fixed
    order, whether or not civicrun knows them yet."""
    known = {s.code: s for s in civicrun.states()}
    texas = known["TX"]
    guam = attrs.evolve(texas, code="GU", name="Guam", fips="66", parties=())
    shapes = catalogue.load_shapes()
    svg = catalogue.render_map({"TX": 5, "GU": 0}, [texas, guam], shapes, lambda c: f"#{c}")
    assert 1 == svg.count("<path ")
    assert '<rect x="20" y="632" width="26" height="26" fill="#d9d9d9"' in svg
    assert "<title>Guam: 0 programs</title>" in svg
    assert ">GU</text>" in svg
    just_texas = catalogue.render_map({"TX": 1}, [texas], shapes, lambda c: f"#{c}")
    assert "<rect x=" not in just_texas.split('class="catalogue-map-legend"')[0]


def test_the_output_is_the_same_every_run(catalogue: ModuleType, pages: dict[str, str]) -> None:
    assert pages == catalogue.generate()
    assert str(civicrun.DATA_VERSION) in pages["index.md"]


@pytest.mark.parametrize(
    "text",
    [
        "EMILY's List",
        "*not emphasis* and _not_ either",
        "{ref}`a role` and (a-target)= and [a](link)",
        "<script>alert(1)</script> &amp; | a | table |",
        "# not a heading",
        "1. not a list",
        ">>> 1 + 1",
        "$x$ {{ sub }} \\ back\\slash",
    ],
)
def test_text_from_the_data_stays_text(catalogue: ModuleType, text: str) -> None:
    """What md() makes of hostile text renders, in MyST's own Markdown parser, as exactly that
    text."""
    pytest.importorskip("myst_parser")
    import html

    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    parser = create_md_parser(MdParserConfig(), RendererHTML)
    rendered = parser.render(catalogue.md(text)).strip()
    assert f"<p>{html.escape(text, quote=False)}</p>" == rendered.replace("&quot;", '"')


def test_write_keeps_unchanged_files_and_drops_stale_ones(
    catalogue: ModuleType, tmp_path: Path
) -> None:
    assert ["a.md", "org/b.md"] == catalogue.write(tmp_path, {"a.md": "A\n", "org/b.md": "B\n"})
    (tmp_path / "org" / "gone.md").write_text("old\n", encoding="utf-8")
    assert ["org/b.md"] == catalogue.write(tmp_path, {"a.md": "A\n", "org/b.md": "B2\n"})
    assert ["a.md", "org/b.md"] == sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")
    )


# --- the built pages in a browser ---------------------------------------------------------

#: The flags of CI's docs build (.ci/run), but -W: warnings are collected and checked instead.
SPHINX_FLAGS = ("-n", "--keep-going", "-q", "-b", "html")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = shutil.which("chromium")
    if binary is None:
        pytest.skip("Chromium is not installed (no chromium on PATH)")
    return binary


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A copy of docs/ built as CI builds it (the real conf.py and extension), into a temporary
    folder. Warnings about other pages (work elsewhere in progress) are CI's docs step's to
    report; any about the catalogue fail here. CI builds the docs (with every warning an
    error) before the tests and names the build in ``CIVICRUN_DOCS_HTML``: that build is
    used rather than made twice. Building them here takes about 50 s on two cores, so like a
    slow test it is done only in CI or with ``--run-slow``."""
    prebuilt = os.environ.get("CIVICRUN_DOCS_HTML")
    if prebuilt and (Path(prebuilt) / "catalogue" / "index.html").is_file():
        return Path(prebuilt)
    if not (IN_CI or request.config.getoption("--run-slow")):
        pytest.skip(
            "slow: building the docs runs in CI (CI=true), with --run-slow, or give a build "
            "in CIVICRUN_DOCS_HTML"
        )
    for module in ("sphinx", "myst_parser", "furo"):
        pytest.importorskip(module)
    root = tmp_path_factory.mktemp("docs")
    source = root / "source"
    shutil.copytree(
        DOCS, source, ignore=shutil.ignore_patterns("_build", "catalogue", "__pycache__")
    )
    output, warnings = root / "html", root / "warnings.txt"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", *SPHINX_FLAGS, "-w", str(warnings), str(source), output],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (output / "catalogue" / "index.html").exists(), done.stderr
    text = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
    assert [] == [line for line in text.splitlines() if "catalogue" in line]
    return output


def _chromium(binary: str, profile: Path, *args: str) -> str:
    done = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows (RGB, three bytes a pixel) of an 8-bit RGB or RGBA PNG."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    at, idat, width, height, bpp = 8, b"", 0, 0, 0
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert 8 == depth
            bpp = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        method, row = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if method == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, previous, strict=True))
        elif method != 0:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                up = previous[i]
                if method == 1:
                    row[i] = (row[i] + left) & 255
                elif method == 3:
                    row[i] = (row[i] + (left + up) // 2) & 255
                else:  # 4, Paeth
                    corner = previous[i - bpp] if i >= bpp else 0
                    guess = left + up - corner
                    da, db, dc = abs(guess - left), abs(guess - up), abs(guess - corner)
                    pick = left if da <= db and da <= dc else up if db <= dc else corner
                    row[i] = (row[i] + pick) & 255
        previous = row
        rgb = bytearray(row)
        if bpp == 4:
            del rgb[3::4]
        rows.append(bytes(rgb))
    return width, height, rows


def test_the_catalogue_renders_in_a_browser(
    chromium: str, built: Path, tmp_path: Path, catalogue: ModuleType
) -> None:
    """Chromium shows the map with a shape per state, and an organization's page with its
    name; a screenshot of the map holds its shades."""
    index = built / "catalogue" / "index.html"
    page = built / "catalogue" / "org" / "emilys-list.html"
    dom = _chromium(chromium, tmp_path / "profile", "--dump-dom", index.as_uri())
    found = re.search(r'<svg [^>]*class="catalogue-map".*?</svg>', dom, re.S)
    assert found is not None, "no map in the rendered page"
    svg = found.group()
    states = civicrun.states()
    assert len(states) == len(re.findall(r'data-state="[A-Z]{2}"', svg))
    assert 51 == svg.count("<path ")
    texas = _independent_counts()["TX"]
    assert f"<title>Texas: {texas} programs</title>" in svg
    org = _chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert "<h1>EMILY's List" in org
    assert "a member of the Democratic party" in org

    shot = tmp_path / "map.png"
    size, where = "--window-size=1000,900", f"--screenshot={shot}"
    _chromium(chromium, tmp_path / "profile", size, where, index.as_uri())
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (1000, 900) == (width, height)
    shades = {bytes.fromhex(c[1:]) for c in (*catalogue.SHADES, catalogue.NO_PROGRAMS)}
    pixels = [row[i : i + 3] for row in rows for i in range(0, len(row), 3)]
    assert sum(1 for p in pixels if p in shades) > 20_000  # the shaded states
    assert len(set(pixels)) > 50  # text, outlines and shades, not a blank page
