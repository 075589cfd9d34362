"""The contributor's data check: every file, every problem, each naming the file and the field."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import _data
from ._files import Problem, read_text, shown
from ._fmt import PLACEHOLDERS, canonical
from ._kinds import KINDS, ORGANIZATIONS
from ._text import FORMULA_STARTS, fold_name
from ._tomlmap import Layout, field_path, line_of, scan
from .errors import CivicrunError, DataError
from .records import (
    AnyOf,
    ChiefElectionOffice,
    Condition,
    LocalElectionOffice,
    Organization,
    Source,
    State,
)
from .vocab import (
    QUALIFIED_OFFICE_CATEGORIES,
    OrgKind,
    Partisanship,
    Party,
    ProfileField,
    Scope,
    SourceKind,
)

if TYPE_CHECKING:
    # Only for annotations: importing a submodule of importlib_resources at run time, while
    # another thread imports the package itself (_data.data_root), takes the two module locks
    # in opposite orders and can end in importlib's _DeadlockError.
    from importlib_resources.abc import Traversable

__all__ = ["check_data"]

_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def _source_problems(sources: tuple[Source, ...], today: dt.date) -> list[str]:
    problems = []
    first: dict[str, int] = {}
    for number, source in enumerate(sources):
        if source.url in first:
            problems.append(
                f"url {source.url!r} is listed twice (also $.sources[{first[source.url]}]): "
                "keep one entry, with the newest read date and both notes "
                f"@ $.sources[{number}].url"
            )
        first.setdefault(source.url, number)
        if not _URL.match(source.url):
            problems.append(
                f"url {source.url!r} is not a plain http(s) URL @ $.sources[{number}].url"
            )
        if source.read > today:
            problems.append(f"read date {source.read} is in the future @ $.sources[{number}].read")
        if source.kind is None:
            problems.append(
                f"source {source.url!r} has no kind: say which it is ("
                + ", ".join(k.value for k in SourceKind)
                + f") @ $.sources[{number}].kind"
            )
    return problems


#: Partisanship values that name no side: such a group may not serve a single party.
UNAFFILIATED = frozenset({Partisanship.NONPARTISAN, Partisanship.CROSS_PARTISAN})


def _rule_problems(org: Organization) -> list[str]:
    """Each rule cites one of the record's sources; its party rules fit its partisanship."""
    problems = []
    urls = {source.url for source in org.sources}
    sides: list[frozenset[str]] = []
    for kind in ("requirements", "serves", "priorities"):
        rules: tuple[Condition | AnyOf, ...] = getattr(org, kind)
        for number, rule in enumerate(rules):
            where = f"$.{kind}[{number}].source"
            if rule.source is None:
                problems.append(f"a rule must cite the page that states it @ {where}")
            elif rule.source not in urls:
                problems.append(
                    f"source {rule.source!r} is not the url of one of the record's sources "
                    f"(add it under [[sources]]) @ {where}"
                )
            if (
                kind != "priorities"
                and isinstance(rule, Condition)
                and rule.field is ProfileField.PARTY
                and rule.one_of is not None
            ):
                sides.append(rule.one_of)
    every = frozenset(p.value for p in Party)
    if org.partisanship in UNAFFILIATED:
        if any(len(side) == 1 for side in sides):
            problems.append(
                f"partisanship is {org.partisanship.value} but a party rule serves one party "
                "only; name the party it serves in partisanship @ $.partisanship"
            )
    elif not sides:
        problems.append(
            f"partisanship is {org.partisanship.value}: say which parties it serves with a "
            "party rule under requirements or serves @ $.partisanship"
        )
    elif any(side >= every for side in sides):
        problems.append(
            f"partisanship is {org.partisanship.value} but a party rule serves every party; "
            "list only the parties it serves @ $.partisanship"
        )
    return problems


def _domain(url: str) -> str:
    """The last two labels of a URL's host ("ky.emergeamerica.org" -> "emergeamerica.org")."""
    host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
    return ".".join(host.split(".")[-2:])


def _own_site_problems(org: Organization) -> list[str]:
    """A source marked as the group's own site is on the domain of the record's ``url``."""
    if org.url is None:
        return []
    home = _domain(org.url)
    return [
        f"source {source.url!r} is marked own-site but is not on {home}, the record's url "
        f"(use another kind, or correct url) @ $.sources[{number}].kind"
        for number, source in enumerate(org.sources)
        if source.kind is SourceKind.OWN_SITE and _domain(source.url) != home
    ]


def _office_problems(
    office: ChiefElectionOffice | LocalElectionOffice, urls: set[str], where: str
) -> list[str]:
    """An election office's url is a plain URL (https, or a note saying what was read) and its
    source is one of the state record's sources."""
    problems = []
    if (office.url is None or office.url.startswith("http://")) and office.note is None:
        problems.append(
            f"an office without an https url needs a note saying what was read @ {where}.note"
        )
    if office.url is not None and not _URL.match(office.url):
        problems.append(f"url {office.url!r} is not a plain URL @ {where}.url")
    if office.source not in urls:
        problems.append(
            f"source {office.source!r} is not the url of one of the record's sources "
            f"(add it under [[sources]]) @ {where}.source"
        )
    return problems


def _cites(source: str, urls: set[str], where: str) -> list[str]:
    """A fact's ``source`` is the url of one of its record's sources."""
    if source in urls:
        return []
    return [
        f"source {source!r} is not the url of one of the record's sources "
        f"(add it under [[sources]]) @ {where}.source"
    ]


def _candidacy_problems(state: State, urls: set[str]) -> list[str]:
    """The running-for-office facts of a state: urls plain, every fact cited, no category
    listed twice, no office's qualifications given twice, counts of each kind once."""
    problems: list[str] = []
    if state.candidacy is None:
        problems.append(
            "[candidacy] is missing: every state, DC and territory says how to get on the "
            "ballot (guide, filing, elections, source; see docs/data-format.md) @ $.candidacy"
        )
    else:
        where = "$.candidacy"
        problems += _cites(state.candidacy.source, urls, where)
        for key in ("guide", "officials_directory"):
            url = getattr(state.candidacy, key)
            if url is not None and not _URL.match(url):
                problems.append(f"{key} {url!r} is not a plain http(s) URL @ {where}.{key}")
    seen: set[str] = set()
    for number, here in enumerate(state.offices):
        where = f"$.offices[{number}]"
        problems += _cites(here.source, urls, where)
        if here.category in seen:
            problems.append(f"office category {here.category!r} is listed twice @ {where}")
        seen.add(here.category)
        if not here.present and here.local_name is not None:
            problems.append(
                f"local_name is given for {here.category!r}, which the state does not have "
                f"(present = false); leave one out @ {where}.local_name"
            )
    absent = {here.category for here in state.offices if not here.present}
    offices: set[str] = set()
    for number, qual in enumerate(state.qualifications):
        where = f"$.qualifications[{number}]"
        problems += _cites(qual.source, urls, where)
        category = QUALIFIED_OFFICE_CATEGORIES[qual.office]
        if category in absent:
            problems.append(
                f"qualifications for {qual.office.value} are given, but the state's offices "
                f"say it has no {category!r} (present = false) @ {where}.office"
            )
        if qual.office in offices:
            problems.append(f"qualifications for {qual.office.value} are given twice @ {where}")
        offices.add(qual.office)
        for key in ("min_age", "state_residency_years", "district_residency_years"):
            value = getattr(qual, key)
            if value is not None and not 0 <= value <= 100:
                problems.append(f"{key} {value} is not between 0 and 100 @ {where}.{key}")
    kinds: set[str] = set()
    for number, count in enumerate(state.local_governments):
        where = f"$.local_governments[{number}]"
        problems += _cites(count.source, urls, where)
        if count.kind in kinds:
            problems.append(f"the count of {count.kind.value} governments is given twice @ {where}")
        kinds.add(count.kind)
        if count.count < 0:
            problems.append(f"count {count.count} is negative @ {where}.count")
    return problems


def _state_problems(state: State, today: dt.date) -> list[str]:
    problems = _source_problems(state.sources, today)
    urls = {s.url for s in state.sources}
    problems += _candidacy_problems(state, urls)
    if state.chief_election_office is not None:
        problems += _office_problems(state.chief_election_office, urls, "$.chief_election_office")
    counties: dict[str, int] = {}
    for number, local in enumerate(state.election_offices):
        where = f"$.election_offices[{number}]"
        first = counties.setdefault(local.fips, number)
        if first != number and (local.area is None or state.election_offices[first].area is None):
            problems.append(
                f"county {local.fips} already has an election office (election_offices[{first}]):"
                " two offices for one county each need an area saying which part they serve "
                f"@ {where}.area"
            )
        if not (len(local.fips) == 5 and local.fips.isdigit() and local.fips[:2] == state.fips):
            problems.append(
                f"fips {local.fips!r} is not a 5-digit code of a county of {state.code} "
                f"@ {where}.fips"
            )
        problems += _office_problems(local, urls, where)
    return problems


def _org_problems(org: Organization, today: dt.date) -> list[str]:
    problems = _source_problems(org.sources, today) + _rule_problems(org)
    problems += _own_site_problems(org)
    if not _KEBAB.match(org.id):
        problems.append(f"id {org.id!r} is not lower-case kebab-case @ $.id")
    if org.url is not None and not _URL.match(org.url):
        problems.append(f"url {org.url!r} is not a plain http(s) URL @ $.url")
    if org.last_verified > today:
        problems.append(f"last_verified {org.last_verified} is in the future @ $.last_verified")
    problems += _activity_problems(org, today)
    for field, text in (
        ("summary", org.summary),
        *((f"notes[{i}]", n) for i, n in enumerate(org.notes)),
    ):
        if not text.strip():
            problems.append(f"{field} is blank @ $.{field}")
    return problems


def _activity_problems(org: Organization, today: dt.date) -> list[str]:
    """``active_as_of`` and ``active_source`` come together, the date not in the future and
    the source one of the record's own."""
    if (org.active_as_of is None) != (org.active_source is None):
        return [
            "active_as_of and active_source are given together: the date of the newest "
            "evidence of activity and the url of the source that shows it @ $.active_as_of"
        ]
    problems = []
    if org.active_as_of is not None and org.active_as_of > today:
        problems.append(f"active_as_of {org.active_as_of} is in the future @ $.active_as_of")
    if org.local_directory is not None:
        if org.kind is not OrgKind.STATE_PARTY:
            problems.append(
                "local_directory is only for a state party's directory of its county "
                "committees @ $.local_directory"
            )
        if org.local_directory not in {s.url for s in org.sources}:
            problems.append(
                f"local_directory {org.local_directory!r} is not the url of one of the "
                "record's [[sources]] @ $.local_directory"
            )
    if org.active_source is not None and org.active_source not in {s.url for s in org.sources}:
        problems.append(
            f"active_source {org.active_source!r} is not the url of one of the record's "
            "[[sources]] @ $.active_source"
        )
    return problems


def _official_party_problems(org: Organization) -> list[str]:
    """A state party names the party it is the official organization of, and serves it."""
    if org.coverage.towns and org.kind is not OrgKind.LOCAL_PARTY:
        return [
            "towns are listed only for a local-party record (a town or city committee), "
            f"not a {org.kind.value} @ $.coverage.towns"
        ]
    if org.official_party is None:
        if org.kind in (OrgKind.STATE_PARTY, OrgKind.LOCAL_PARTY):
            return [
                f"a {org.kind.value} record names the party it is the official organization "
                "of @ $.official_party"
            ]
        return []
    if org.kind not in (OrgKind.STATE_PARTY, OrgKind.NATIONAL_PARTY, OrgKind.LOCAL_PARTY):
        return [
            f"official_party is only for state-party, local-party and national-party records, "
            f"not {org.kind.value} @ $.official_party"
        ]
    if org.kind is OrgKind.LOCAL_PARTY and org.coverage.scope is not Scope.COUNTIES:
        return ['a local-party record covers its counties: scope = "counties" @ $.coverage']
    serves = [
        r.one_of
        for r in (*org.requirements, *org.serves)
        if isinstance(r, Condition) and r.field is ProfileField.PARTY and r.one_of is not None
    ]
    if not any(org.official_party.value in side for side in serves):
        return [
            f"official_party is {org.official_party.value}, but no party rule serves it "
            "@ $.official_party"
        ]
    return []


_NOT_CANONICAL = "not in canonical form (key order, quoting, wrapping): run civicrun data fmt"

#: The longest text each kind of field may hold, in characters (docs/data-format.md).
LIMITS = {"name": 200, "title": 300, "summary": 1000, "url": 500}
NOTE_LIMIT = 2500
_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,200}>")
#: C0 and C1 controls, DEL, and the bidi, zero-width and other invisible format characters.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
#: Fields that name a record: look-alike and invisible characters are refused in them.
_NAME_KEYS = frozenset({"name", "aliases", "former_names"})
#: Scripts whose letters look like Latin ones; a name mixing one with Latin is a look-alike.
_CONFUSABLE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def _lookalike_problem(name: str) -> str | None:
    """Why ``name`` could pass for another name it does not equal, or None."""
    if unicodedata.normalize("NFKC", name) != name:
        return "has full-width, ligature or styled characters; write plain letters"
    scripts = {
        unicodedata.name(c, "?").split(" ", 1)[0] for c in name if c.isalpha() and not c.isascii()
    }
    if any(c.isascii() and c.isalpha() for c in name):
        scripts.add("LATIN")
    mixed = sorted(scripts & _CONFUSABLE_SCRIPTS)
    if mixed and "LATIN" in scripts:
        return (
            f"mixes Latin and {', '.join(s.title() for s in mixed)} letters, as a look-alike "
            "of another name would"
        )
    return None


def _url_problem(url: str) -> str | None:
    """What is unsafe about a URL for a web page, or None."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or not _URL.match(url):
        return "is not a plain http(s) URL"
    if "@" in parts.netloc:
        return "carries credentials (user@host); give the plain address"
    return None


#: Host names reserved for examples (RFC 2606): a url on one is a placeholder, never a page read.
_EXAMPLE_HOST = re.compile(r"^https?://([^/]*\.)?example(\.(com|org|net))?(/|:|$)", re.IGNORECASE)


def _placeholder_problem(text: str) -> str | None:
    """Why ``text`` is a placeholder left from a skeleton or an example, or None."""
    if _EXAMPLE_HOST.match(text):
        return (
            f"{text[:60]!r} is an example address (reserved for documentation): give the page "
            "you read"
        )
    if text in PLACEHOLDERS:
        return f"{text[:60]!r} is the skeleton's placeholder: write what the sources say"
    return None


def _text_problems(record: object, path: str = "$") -> list[str]:
    """Text fields with HTML tags, control characters or more than their documented length,
    and URLs anywhere in the record that are unsafe for a web page."""
    problems: list[str] = []
    cls: Any = type(record)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            problems += _text_problems(getattr(record, field.name), f"{path}.{field.name}")
    elif isinstance(record, tuple | frozenset):
        for number, item in enumerate(sorted(record) if isinstance(record, frozenset) else record):
            problems += _text_problems(item, f"{path}[{number}]")
    elif isinstance(record, str) and not isinstance(record, StrEnum):
        key = path.rsplit(".", 1)[-1].split("[", maxsplit=1)[0]
        limit = LIMITS.get(key, NOTE_LIMIT)
        if len(record) > limit:
            problems.append(f"is {len(record):,} characters long; at most {limit:,} @ {path}")
        control = _CONTROL.search(record)
        if control:
            problems.append(
                f"has a control character (U+{ord(control[0]):04X}: a tab, line break, bidi "
                f"control or invisible character inside) @ {path}"
            )
        if record.startswith(FORMULA_STARTS):
            problems.append(
                f"starts with {record[:1]!r}, which a spreadsheet would run as a formula; "
                f"reword it @ {path}"
            )
        placeholder = _placeholder_problem(record)
        if placeholder:
            problems.append(f"{placeholder} @ {path}")
        if key in _NAME_KEYS:
            lookalike = _lookalike_problem(record)
            if lookalike:
                problems.append(f"{lookalike} @ {path}")
        if path == "$.url":
            pass  # a record's own url is checked with the record (_org_problems)
        elif key in ("url", "source") and record.startswith(("http://", "https://")):
            problem = _url_problem(record)
            if problem:
                problems.append(f"{record!r} {problem} @ {path}")
        elif _TAG.search(record):
            problems.append(f"has an HTML tag; write plain text @ {path}")
    return problems


def _record_problems(record: object, today: dt.date) -> list[str]:
    if isinstance(record, Organization):
        found = _org_problems(record, today) + _official_party_problems(record)
        if record.coverage.as_of is not None and record.coverage.as_of > today:
            found.append(f"as_of {record.coverage.as_of} is in the future @ $.coverage.as_of")
    elif isinstance(record, State):
        found = _state_problems(record, today)
    else:
        found = _source_problems(getattr(record, "sources", ()), today)
    last = getattr(record, "last_verified", None)
    if not isinstance(record, Organization) and last is not None and last > today:
        found.append(f"last_verified {last} is in the future @ $.last_verified")
    return found + _text_problems(record)


def _names_problems(organizations: Mapping[str, Organization], given: set[str]) -> list[str]:
    """Ids, names, former names and aliases each lead to one organization (compared folded), so
    no record can capture another's look-up by taking a name it had."""
    owner: dict[str, str] = {}
    problems: list[str] = []
    # Shipped records first: a given record that takes a name is the one reported.
    for org in sorted(organizations.values(), key=lambda o: (o.id in given, o.id)):
        named = [("id", org.id), ("name", org.name)]
        named += [(f"aliases[{i}]", a) for i, a in enumerate(org.aliases)]
        named += [(f"former_names[{i}]", a) for i, a in enumerate(org.former_names)]
        for where, name in named:
            key = fold_name(name)
            other = owner.setdefault(key, org.id)
            if other != org.id:
                problems.append(
                    Problem(
                        ORGANIZATIONS.path_of(org),
                        f"{name!r} is already a name of {other}; each id, name, former name "
                        f"and alias must lead to one organization @ $.{where}",
                    )
                )
    return problems


def check_data(
    root: Traversable | None = None,
    *,
    today: dt.date | None = None,
    paths: Sequence[Path] = (),
) -> list[Problem]:
    """Every problem in the data, one line each, starting with the file's path (and the line
    of the field, where it is known).

    With no ``paths``: every record under ``root`` (default: the package's data). With
    ``paths`` (record files, or folders of them, or a tree laid out like the package's
    ``data``): those records, checked together with the shipped ones they join; a given record
    whose id is a shipped one's is checked as its new version. An empty list means the data
    is good.
    """
    base = _data.data_root() if root is None else root
    day = dt.date.today() if today is None else today
    if paths:
        # The shipped records come from the compiled bundle (checked when it was built), not
        # from re-reading every TOML file; an explicit root is read as it is.
        return _check_given(base if root is not None else None, paths, day)
    problems: list[str] = []
    records: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        problems += _link_problems(base, kind.folder)
        found = records.setdefault(kind.folder, {})
        for record in _data.iter_records(base, kind.folder, kind.cls, kind.key):
            if isinstance(record, DataError):
                problems.extend(Problem(record.path, m) for m in record.messages)
                continue
            found[getattr(record, kind.key)] = record
            relpath = kind.path_of(record)
            problems.extend(Problem(relpath, m) for m in _record_problems(record, day))
            text = read_text(base.joinpath(relpath), relpath)
            if text != canonical(record, text):
                problems.append(Problem(relpath, f"{_NOT_CANONICAL} @ $"))
    if not problems:
        try:
            data = _data.assemble(base, records)
        except DataError as exc:
            problems.extend(Problem(exc.path, m) for m in exc.messages)
        else:
            problems += _names_problems(data.organizations, set())
    return _with_lines(problems, lambda name: read_text(base.joinpath(name), name))


def _with_lines(problems: list[str], read: Callable[[str], str]) -> list[Problem]:
    """The problems, each naming the line of its field in its file where the file can be
    read as TOML text (``read`` gives a file's text by the name a problem shows)."""
    layouts: dict[str, Layout | None] = {}
    out: list[Problem] = []
    for problem in problems:
        if not isinstance(problem, Problem):  # every check makes Problems; this keeps the type
            file, _, text = problem.partition(": ")
            problem = Problem(file, text)  # noqa: PLW2901
        if problem.field and problem.line is None:
            if problem.file not in layouts:
                try:
                    layouts[problem.file] = scan(read(problem.file))
                except (CivicrunError, OSError, ValueError):
                    layouts[problem.file] = None
            layout = layouts[problem.file]
            line = None if layout is None else line_of(layout, field_path(problem.field))
            if line is not None:
                out.append(Problem(problem.file, problem.text, line))
                continue
        out.append(problem)
    return out


def _link_problems(base: Traversable, folder: str) -> list[str]:
    """A symbolic link among the data's record files, which the loader skips: a data pull
    request could otherwise make the check read (and show the keys of) a file elsewhere."""
    place = base.joinpath(folder)
    if not isinstance(place, Path) or not place.is_dir():
        return []
    return [
        Problem(
            f"{folder}/{shown(entry.name)}",
            "is a symbolic link; a record file must be a regular file; not read @ $",
        )
        for entry in sorted(place.iterdir())
        if entry.name.endswith(".toml") and entry.is_symlink()
    ]


def _check_given(base: Traversable | None, paths: Sequence[Path], day: dt.date) -> list[Problem]:
    files, problems = _data.given_files(paths)
    shipped = _data.load(base)
    merged: dict[str, dict[str, Any]] = {
        kind.folder: dict(part) for kind, part in _data.parts_of(shipped).items()
    }
    shown_as: dict[str, str] = {}  # "organizations/<id>.toml" -> the given path, shown
    paths_of = {shown(file): file for file in files}
    for file in files:
        where = shown(file)
        kind = _data.kind_of(file)
        key = kind.key
        try:
            record = _data._load_record(file, where, kind.cls)
        except DataError as exc:
            problems.extend(Problem(where, m) for m in exc.messages)
            continue
        ident = str(getattr(record, key))
        if ident.lower() != file.stem:
            problems.append(
                Problem(where, f"{key} {ident!r} must equal the file name {file.stem!r} @ $.{key}")
            )
            continue
        relpath = kind.path_of(record)
        if relpath in shown_as:
            problems.append(
                Problem(
                    where,
                    f"{ident!r} is also given in {shown_as[relpath]}; give each record once @ "
                    f"$.{key}",
                )
            )
            continue
        merged[kind.folder][getattr(record, key)] = record
        shown_as[relpath] = where
        # Any valid formatting is accepted in given files; `data fmt` makes it canonical.
        problems.extend(Problem(where, m) for m in _record_problems(record, day))
    data = _data.Dataset(records=merged, counties=shipped.counties)
    try:
        _data.cross_check(data)
    except DataError as exc:
        problems.extend(Problem(shown_as.get(exc.path, exc.path), m) for m in exc.messages)
    given_orgs = {
        k.removeprefix(f"{ORGANIZATIONS.folder}/").removesuffix(".toml")
        for k in shown_as
        if k.startswith(f"{ORGANIZATIONS.folder}/")
    }
    for line in _names_problems(data.organizations, given_orgs):
        if isinstance(line, Problem) and line.file in shown_as:
            problems.append(Problem(shown_as[line.file], line.text))
    return _with_lines(
        problems, lambda name: read_text(paths_of[name], name) if name in paths_of else ""
    )
