"""The contributor's data check: every file, every problem, each naming the file and the field."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

from importlib_resources.abc import Traversable

from . import _data
from .errors import DataError
from .records import AnyOf, Condition, Organization, Source, State
from .vocab import OrgKind, Partisanship, Party, ProfileField, Scope, SourceKind

__all__ = ["check_data"]

_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def _source_problems(sources: tuple[Source, ...], today: dt.date) -> list[str]:
    problems = []
    for number, source in enumerate(sources):
        if not _URL.match(source.url):
            problems.append(
                f"url {source.url!r} is not a plain http(s) URL @ $.sources[{number}].url"
            )
        if source.read > today:
            problems.append(f"read date {source.read} is in the future @ $.sources[{number}].read")
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


def _state_problems(state: State, today: dt.date) -> list[str]:
    problems = _source_problems(state.sources, today)
    office = state.chief_election_office
    if office is not None:
        if not _URL.match(office.url) or not office.url.startswith("https://"):
            problems.append(
                f"url {office.url!r} is not a plain https URL @ $.chief_election_office.url"
            )
        if office.source not in {s.url for s in state.sources}:
            problems.append(
                f"source {office.source!r} is not the url of one of the record's sources "
                "(add it under [[sources]]) @ $.chief_election_office.source"
            )
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
    for field, text in (
        ("summary", org.summary),
        *((f"notes[{i}]", n) for i, n in enumerate(org.notes)),
    ):
        if not text.strip():
            problems.append(f"{field} is blank @ $.{field}")
    return problems


def _official_party_problems(org: Organization) -> list[str]:
    """A state party names the party it is the official organization of, and serves it."""
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


def check_data(root: Traversable | None = None, *, today: dt.date | None = None) -> list[str]:
    """Every problem in the data under ``root`` (default: the package's), one line each.

    An empty list means the data is good. Each line starts with the file's path.
    """
    base = _data.data_root() if root is None else root
    day = dt.date.today() if today is None else today
    problems: list[str] = []
    for folder, cls, key in _data.RECORD_FOLDERS:
        for record in _data.iter_records(base, folder, cls, key):
            if isinstance(record, DataError):
                problems.extend(f"{record.path}: {m}" for m in record.messages)
                continue
            relpath = f"{folder}/{str(getattr(record, key)).lower()}.toml"
            if isinstance(record, Organization):
                found = _org_problems(record, day) + _official_party_problems(record)
            elif isinstance(record, State):
                found = _state_problems(record, day)
            else:
                found = _source_problems(getattr(record, "sources", ()), day)
            problems.extend(f"{relpath}: {m}" for m in found)
    if not problems:
        try:
            _data.load(base)
        except DataError as exc:
            problems.extend(f"{exc.path}: {m}" for m in exc.messages)
    return problems
