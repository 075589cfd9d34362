"""The ``civicrun`` command line. ``main(argv)`` returns the exit code, so it is testable.

Exit codes: 0 success; 1 the data check found problems; 2 a usage error or bad input (one line
on stderr, no traceback).

Everything printed passes through :func:`print` here, which escapes control, bidi and invisible
characters (:func:`civicrun._text.printable`), so text from a data file or a file name cannot
rewrite the terminal or a CI log.
"""

from __future__ import annotations

import argparse
import builtins
import datetime as dt
import json
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ._args import EARLIEST_DAY
from ._kinds import KINDS
from ._profile import Profile
from ._text import printable
from .errors import CivicrunError, InvalidArgumentError
from .vocab import ONE_OF_FIELDS, MatchStatus, OrgKind, Outcome, ProfileField, QualificationStatus

if TYPE_CHECKING:
    from ._api import Data
    from ._local import LocalParty
    from ._results import Match
    from ._wording import Reason
    from .records import Organization

# Only what building the parser and answering `match` need is imported here; each other
# command imports its own modules when it runs (the process of one command is its start-up).

__all__ = ["main"]


def _profile_flags() -> tuple[tuple[str, str], ...]:
    """The profile options: one per :class:`Profile` field, in field order, its help from the
    field's ``help`` metadata (``{values}`` there is its vocabulary's values)."""
    import attrs  # noqa: PLC0415  (loaded with Profile already)

    flags = []
    for field in attrs.fields(Profile):
        text: str = field.metadata["help"]
        if "{values}" in text:
            vocabulary = ONE_OF_FIELDS[ProfileField(field.name)]
            text = text.format(values=", ".join(m.value for m in vocabulary))
        flags.append((field.name.replace("_", "-"), text))
    return tuple(flags)


#: The profile options (``--birth-date`` ...) and their help, derived from :class:`Profile`.
_PROFILE_FLAGS = _profile_flags()


def print(*values: object, sep: str = " ", end: str = "\n", file: Any = None) -> None:
    """:func:`builtins.print`, with control, bidi and invisible characters escaped."""
    text = sep.join(map(str, values))
    builtins.print(printable(text), end=end, file=file)


class _VersionAction(argparse.Action):
    """``--version``: the library's version and the dataset's (read only when asked)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from ._data import data_version  # noqa: PLC0415
        from ._version import version  # noqa: PLC0415  (importlib.metadata: only when asked)

        try:
            data, date = data_version()
        except CivicrunError as exc:  # a damaged bundle: say so, as every command does
            print(f"civicrun {version()} (data unreadable: {exc})", file=sys.stderr)
            parser.exit(2)
        print(f"civicrun {version()} (data {data}, {date})")
        parser.exit(0)


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it (``COLUMNS``, else the
    terminal's, else 80), without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width: argparse makes one for every
    option it adds, and would import shutil (about 3 ms) to find the width."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text[:40]!r}") from None
    if day < EARLIEST_DAY:
        raise argparse.ArgumentTypeError(f"give a date from {EARLIEST_DAY.isoformat()} on")
    return day


def _days(text: str) -> int:
    from ._stats import MAX_DAYS  # noqa: PLC0415

    if not (text.isascii() and text.isdigit() and len(text) <= 6 and int(text) <= MAX_DAYS):
        raise argparse.ArgumentTypeError(f"give a whole number of days from 0 to {MAX_DAYS:,}")
    return int(text)


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="PATH",
        help="extra organization records (a file or folder; repeatable), on top of the shipped",
    )
    parser.add_argument(
        "--replace",
        action="append",
        default=[],
        metavar="ID",
        help="a shipped organization's id that a --data record replaces (repeatable)",
    )


def _source(args: argparse.Namespace) -> Data:
    """The shipped data, or the shipped data plus the ``--data`` records."""
    from ._api import Data  # noqa: PLC0415

    extra = getattr(args, "data", None)
    if not extra:
        return Data.shipped()
    from ._extra import load_dataset  # noqa: PLC0415

    return load_dataset(extra, replace=getattr(args, "replace", ()))


def _add_profile(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("profile (all optional; leave out what you don't know)")
    for flag, help_text in _PROFILE_FLAGS:
        group.add_argument(f"--{flag}", help=help_text)
    group.add_argument("--place", help='a town or city and its state: "Phoenix, AZ"')
    parser.add_argument("--on", type=_date, help="date rules are measured on (default: today)")
    parser.add_argument(
        "--include-staff", action="store_true", help="also list programs for campaign staff"
    )


def _profile(args: argparse.Namespace) -> Profile:
    _place(args)
    values = {
        flag.replace("-", "_"): getattr(args, flag.replace("-", "_"))
        for flag, _help in _PROFILE_FLAGS
        if getattr(args, flag.replace("-", "_")) is not None
    }
    return Profile.from_dict(values)


def _unstructure(value: Any) -> Any:
    """A record as JSON-ready data, by the one converter (imported only when asked for)."""
    from ._converter import converter  # noqa: PLC0415

    return converter.unstructure(value)


#: What JSON leaves raw but a terminal acts on: C1 controls, bidi and invisible characters (a
#: pattern compiled by the first ``--json`` output, not by every command's start-up).
_UNSAFE_IN_JSON = "[\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"


def _print_json(value: Any) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    # Such characters occur only inside JSON strings, where \\uXXXX is the same text.
    builtins.print(re.sub(_UNSAFE_IN_JSON, lambda m: f"\\u{ord(m[0]):04x}", text))


#: How each outcome is marked in the table: met, failed, unknown, and a caveat.
_MARKS = {Outcome.MET: "+", Outcome.FAILED: "x", Outcome.UNKNOWN: "?", Outcome.NOTE: "!"}


def _fill(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """:func:`textwrap.fill`; a text that fits on its first line with no whitespace to change is
    returned as it is, without importing textwrap (most reasons ``match`` prints fit)."""
    if (
        text
        and len(initial_indent) + len(text) <= width
        and text.strip() == text
        and not _CHANGED_SPACE.search(text)
    ):
        return initial_indent + text
    import textwrap  # noqa: PLC0415

    return textwrap.fill(
        text, width=width, initial_indent=initial_indent, subsequent_indent=subsequent_indent
    )


#: Whitespace that :func:`textwrap.fill` rewrites (it makes each a space).
_CHANGED_SPACE = re.compile("[\t\n\x0b\x0c\r]")


def _print_reason(reason: Reason, indent: int) -> None:
    """One reason, marked by its outcome and wrapped at 96 columns under ``indent`` spaces."""
    print(
        _fill(
            str(reason),
            width=96,
            initial_indent=" " * indent + _MARKS[reason.outcome] + " ",
            subsequent_indent=" " * (indent + 2),
        )
    )


def _print_matches(matches: Sequence[Match]) -> None:
    if not matches:
        print("No organization matches this profile.")
        return
    for match in matches:
        head = f"{match.status.value:<10} {match.org.name} ({match.org.id})"
        print(head)
        if match.unknowns:
            print(" " * 11 + "would depend on: " + ", ".join(u.value for u in match.unknowns))
        for reason in (*match.reasons, *match.caveats):
            _print_reason(reason, 11)
    counts = Counter(m.status for m in matches)
    print("\n" + ", ".join(f"{counts[s]} {s.value}" for s in MatchStatus if counts[s]))


def _cmd_match(args: argparse.Namespace) -> int:
    matches = _source(args).eligible_orgs(
        _profile(args),
        on=args.on,
        include_staff=args.include_staff,
        include_outside_audience=args.include_outside_audience,
    )
    if args.json:
        _print_json([m.to_dict() for m in matches])
    else:
        _print_matches(matches)
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    match = _source(args).explain(
        _profile(args), args.org, on=args.on, include_staff=args.include_staff
    )
    if args.json:
        _print_json(match.to_dict())
    else:
        _print_matches([match])
    return 0


def _cmd_orgs(args: argparse.Namespace) -> int:
    orgs = [
        o for o in _source(args).organizations() if args.kind is None or o.kind.value == args.kind
    ]
    if args.json:
        _print_json([{"id": o.id, "name": o.name, "kind": o.kind.value} for o in orgs])
    else:
        for org in orgs:
            print(f"{org.id:<44} {org.name}")
    return 0


def _rule_lines(org: Organization) -> list[str]:
    """Each of an organization's rules in words, with its kind: what ``show`` prints."""
    from ._wording import describe, describe_audience  # noqa: PLC0415
    from .records import AnyOf  # noqa: PLC0415

    def words(rule: Any, word: Callable[[Any], str]) -> str:
        if isinstance(rule, AnyOf):
            return " or ".join(word(c) for c in rule.any_of)
        return word(rule)

    lines = [f"  requires: {words(r, describe)}" for r in org.requirements]
    lines += [f"  serves: {words(r, describe_audience)}" for r in org.serves]
    lines += [f"  prefers: {words(r, describe_audience)}" for r in org.priorities]
    return lines


def _cmd_show(args: argparse.Namespace) -> int:
    org = _source(args).lookup_organization(args.org)
    record = _unstructure(org)
    if args.json:
        _print_json(record)
        return 0
    print(f"{org.name} ({org.id})")
    for key in (
        "former_names",
        "aliases",
        "url",
        "kind",
        "partisanship",
        "status",
        "active_as_of",
        "how_to_join",
        "support",
        "office_levels",
        "roles",
    ):
        value = record.get(key)
        if value:
            print(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    coverage = org.coverage
    states = ", ".join(sorted(coverage.states))
    where = {
        "national": "national",
        "states": states,
        "counties": f"{', '.join(sorted(coverage.counties))} ({states})",
    }[coverage.scope.value]
    if coverage.towns:
        where += f"; towns: {', '.join(sorted(coverage.towns))}"
    print(f"  works in: {where}")
    for line in _rule_lines(org):
        print(line)
    print(_fill(org.summary, width=96, initial_indent="  ", subsequent_indent="  "))
    for note in org.notes:
        print(_fill(note, width=96, initial_indent="  - ", subsequent_indent="    "))
    for source in org.sources:
        print(f"  source: {source.url} (read {source.read.isoformat()})")
    return 0


def _cmd_county(args: argparse.Namespace) -> int:
    from ._counties import lookup_county  # noqa: PLC0415

    county = lookup_county(args.name, args.state)
    if args.json:
        _print_json({**county.to_dict(), "ocd_id": county.ocd_id})
    else:
        people = f", population {county.population:,}" if county.population else ""
        print(f"{county.fips}  {county.name}, {county.state} ({county.kind.value}{people})")
    return 0


def _place(args: argparse.Namespace) -> None:
    """``--place "Phoenix, AZ"``: the town and the state, unless given apart (and then they
    must agree)."""
    if getattr(args, "place", None) is None:
        return
    from ._places import split_place  # noqa: PLC0415
    from ._states import lookup_state  # noqa: PLC0415

    town, state = split_place(args.place)
    if args.town is not None and args.town != town:
        raise InvalidArgumentError(f"--place names {town!r} but --town {args.town!r}")
    if args.state is not None and lookup_state(args.state).code != state:
        raise InvalidArgumentError(f"--place is in {state} but --state is {args.state!r}")
    args.town, args.state = town, state


def _cmd_local_party(args: argparse.Namespace) -> int:
    _place(args)
    source = _source(args)
    if args.party is None:
        found = source.find_local_parties(args.county, state=args.state, town=args.town)
    else:
        found = (
            source.find_local_party(args.county, args.party, state=args.state, town=args.town),
        )
    if args.json:
        records = []
        for answer in found:
            record = _unstructure(answer)
            record["organization"] = _org_summary(answer.organization)
            record["state_party"] = _org_summary(answer.state_party)
            records.append(record)
        _print_json(records if args.party is None else records[0])
        return 0
    for number, answer in enumerate(found):
        if number:
            print()
        _print_local_party(answer)
    return 0


def _print_local_party(found: LocalParty) -> None:
    if found.organization:
        site = f" ({found.organization.url})" if found.organization.url else ""
        print(f"{found.organization.name}{site}")
        print(f"  search: {found.query}")
    else:
        print(found.query)
    print(f"  {found.explanation}")
    if found.state_party:
        site = f" ({found.state_party.url})" if found.state_party.url else ""
        print(f"  state party: {found.state_party.name}{site}")
    if found.directory:
        print(f"  directory of the party's local committees: {found.directory}")
    print(f"  {found.search_url}")


def _org_summary(org: Organization | None) -> dict[str, Any] | None:
    return None if org is None else {"id": org.id, "name": org.name, "url": org.url}


def _cmd_election_office(args: argparse.Namespace) -> int:
    _place(args)
    found = _source(args).find_election_office(args.county, state=args.state, town=args.town)
    if args.json:
        _print_json(_unstructure(found))
    else:
        for office in found.offices:
            site = f" ({office.url})" if office.url else ""
            area = f", for {office.area}" if office.area else ""
            print(f"{office.name}{site}{area}")
        print(found.query if not found.offices else f"  search: {found.query}")
        print(f"  {found.explanation}")
        chief = found.chief_election_office
        if chief is not None:
            site = f" ({chief.url})" if chief.url else ""
            print(f"  chief election office: {chief.name}{site}")
        if found.directory is not None:
            print(f"  the state's directory of local election officials: {found.directory}")
        print(f"  {found.search_url}")
    return 0


def _cmd_offices(args: argparse.Namespace) -> int:
    from ._candidacy import offices_for  # noqa: PLC0415
    from ._offices import office_categories  # noqa: PLC0415

    place_or_person = ("state", "county", "town", "age", "birth_date")
    if all(getattr(args, key) is None for key in place_or_person):
        found = office_categories()
        if args.json:
            _print_json([_unstructure(o) for o in found])
        else:
            for office in found:
                print(f"{office.id:<32} {office.level.value:<8} {office.name}")
        return 0
    values = {key: getattr(args, key) for key in place_or_person if getattr(args, key) is not None}
    profile = Profile.from_dict(values)
    options = offices_for(profile, on=args.on)
    if args.json:
        _print_json([o.to_dict() for o in options])
        return 0
    place = ", ".join(str(p) for p in (profile.town, profile.county) if p is not None)
    print(f"Offices in {place or profile.state} (status: whether you meet the qualifications)\n")
    _print_offices(options)
    return 0


def _print_offices(options: Sequence[Any]) -> None:
    """Each office: its local name, level and status, its reasons, then the state's facts on
    when and where (said once: they are the state's, not the office's)."""
    for option in options:
        print(f"{option.status.value:<14} {option.name} ({option.category.id}, {option.level})")
        for reason in option.reasons:
            _print_reason(reason, 15)
    if not options:
        return
    first = options[0]
    print()
    for label, value in (
        ("elections", first.elections),
        ("filing", first.filing),
        ("guide", first.guide),
    ):
        if value is not None:
            print(_fill(f"{label}: {value}", width=96, subsequent_indent="  "))
    for line in first.not_recorded:
        print(line)
    counts = Counter(o.status for o in options)
    print("\n" + ", ".join(f"{counts[s]} {s.value}" for s in QualificationStatus if counts[s]))


def _cmd_office(args: argparse.Namespace) -> int:
    from ._offices import lookup_office_category  # noqa: PLC0415

    office = lookup_office_category(args.office)
    if args.json:
        _print_json(_unstructure(office))
        return 0
    print(f"{office.name} ({office.id}), {office.level.value}, {office.partisan}")
    print(_fill(office.description, width=96, initial_indent="  ", subsequent_indent="  "))
    for count in office.counts:
        year = f" ({count.year})" if count.year else ""
        print(f"  {count.qualifier} {count.value:,} {count.what}{year}: {count.source}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415  (not imported by `match`)

    from ._check import check_data  # noqa: PLC0415  (only this command needs it)

    problems = check_data(paths=[Path(p) for p in args.paths])
    if args.format == "json":
        _print_json([_problem_record(p) for p in problems])
        return 1 if problems else 0
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("data check passed")
    return 0


def _problem_record(line: str) -> dict[str, str | int | None]:
    """A data-check line as its file, line, field path and message (kept apart from the start,
    so a path holding ": " or " @ " is never split)."""
    from ._files import Problem  # noqa: PLC0415

    if isinstance(line, Problem):
        return {"file": line.file, "line": line.line, "field": line.field, "message": line.message}
    file, _, rest = line.partition(": ")
    message, at, field = rest.rpartition(" @ ")
    if not at:
        message, field = rest, ""
    return {"file": file, "line": None, "field": field or None, "message": message}


def _shipped_files(*, writing: bool) -> list[tuple[Any, str, type[Any]]]:
    """Every shipped record file, as (file, name shown, record class), read through the
    package's ``Traversable`` (so a zip import works). Rewriting them is refused unless the
    package runs from a source checkout: an installed package's files are not to be edited."""
    from pathlib import Path  # noqa: PLC0415

    from ._data import data_root  # noqa: PLC0415
    from .errors import InvalidArgumentError  # noqa: PLC0415

    root = data_root()
    if writing and not (
        isinstance(root, Path)
        and root.parent.parent.name == "src"
        and (root.parent.parent.parent / "pyproject.toml").is_file()
    ):
        raise InvalidArgumentError(
            "data fmt with no paths rewrites the shipped records, but this civicrun is an "
            "installed package, not a source checkout; give the record files to format "
            "(--check only reports)"
        )
    found = []
    for kind in KINDS:
        files = [f for f in root.joinpath(kind.folder).iterdir() if f.name.endswith(".toml")]
        for file in sorted(files, key=lambda f: f.name):
            shown = str(file) if isinstance(file, Path) else f"{kind.folder}/{file.name}"
            found.append((file, shown, kind.cls))
    return found


def _cmd_fmt(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from ._files import record_files, shown, write_atomic  # noqa: PLC0415
    from ._fmt import format_file  # noqa: PLC0415

    problems: list[str] = []
    if args.paths:
        paths, problems = record_files([Path(p) for p in args.paths])
        files: list[tuple[Any, str, type[Any] | None]] = [(p, shown(p), None) for p in paths]
    else:
        files = [*_shipped_files(writing=not args.check)]
    for problem in problems:
        print(f"civicrun: error: {problem}", file=sys.stderr)
    changed = failed = 0
    for path, name, cls in files:
        try:
            text, canonical = format_file(path, cls, keep_comments=not args.drop_comments)
        except CivicrunError as exc:  # reported; the other files are still formatted
            print(f"civicrun: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if text != canonical:
            changed += 1
            if args.check:
                print(f"{name}: not in canonical form (run civicrun data fmt)")
            else:
                write_atomic(path, canonical)
                print(f"formatted {name}")
    if problems or failed:
        print(f"{len(problems) + failed} file(s) could not be read", file=sys.stderr)
        return 2
    if args.check and changed:
        print(f"{changed} file(s) to format", file=sys.stderr)
        return 1
    print(f"{len(files) - changed} of {len(files)} record file(s) were in canonical form")
    return 0


def _cmd_links(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from . import _links  # noqa: PLC0415  (only this command needs it)
    from ._data import data_root  # noqa: PLC0415
    from ._files import record_files, write_atomic  # noqa: PLC0415

    if args.paths:
        files, problems = record_files([Path(p) for p in args.paths])
        for problem in problems:
            print(f"civicrun: error: {printable(problem)}", file=sys.stderr)
        if problems:
            return 2
    else:
        files = [Path(str(f)) for f, _name, _cls in _shipped_files(writing=bool(args.rewrite))]
    if args.rewrite:
        report = json.loads(Path(args.rewrite).read_text(encoding="utf-8"))
        changed = _links.rewrite(report, files)
        for path, count in changed.items():
            print(f"rewrote {count} URL(s) in {path}")
        print(f"{sum(changed.values())} URL(s) rewritten in {len(changed)} file(s)")
        if changed:
            print("next: civicrun data check, and read the diff")
        return 0
    root = None if args.paths else Path(str(data_root()))
    checker = _links.LinkChecker(
        workers=args.workers, timeout=args.timeout, per_host_interval=args.per_host_interval
    )
    results = checker.check(_links.collect_urls(files, root))
    as_json = json.dumps(_links.render_json(results), indent=2, ensure_ascii=False) + "\n"
    text = as_json if args.format == "json" else _links.render_markdown(results)
    if args.json_output:
        write_atomic(Path(args.json_output), as_json)
    if args.output:
        write_atomic(Path(args.output), text)
        print(f"wrote {args.output}")
    else:
        print(text, end="")
    broken = {_links.LinkStatus.DEAD, _links.LinkStatus.ERROR}
    return 1 if any(r.status in broken for r in results) else 0


def _cmd_new(args: argparse.Namespace) -> int:
    from ._fmt import skeleton  # noqa: PLC0415

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.id):
        print(
            f"civicrun: error: id {args.id[:80]!r} must be lower-case words joined by hyphens",
            file=sys.stderr,
        )
        return 2
    text = skeleton(args.kind, args.id, dt.date.today().isoformat())
    if args.output:
        from pathlib import Path  # noqa: PLC0415

        from ._files import shown, write_atomic  # noqa: PLC0415

        folder = Path(args.output)
        target = folder / f"{args.id}.toml"
        if not folder.is_dir():
            print(f"civicrun: error: no folder {shown(folder)}; create it first", file=sys.stderr)
            return 2
        if os.path.lexists(target):
            print(f"civicrun: error: {shown(target)} exists already", file=sys.stderr)
            return 2
        write_atomic(target, text)
        print(f"wrote {target}")
    else:
        print(text, end="")
    return 0


def _cmd_stale(args: argparse.Namespace) -> int:
    from ._stats import stale_records  # noqa: PLC0415

    found = stale_records(days=args.days, on=args.on)
    if args.json:
        _print_json(found)
    else:
        for item in found:
            print(f"{item['record']}: {item['why']}")
        print(f"{len(found)} stale record(s) (older than {args.days} days)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

    from ._export import export, export_text  # noqa: PLC0415

    if args.output == "-":
        sys.stdout.write(export_text(args.format))
        return 0
    default = {"json": "civicrun.json", "csv": "civicrun-csv", "sqlite": "civicrun.sqlite"}
    written = export(args.format, Path(args.output or default[args.format]))
    print(f"wrote {written}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from ._schema import schema  # noqa: PLC0415

    print(json.dumps(schema(args.kind), indent=2, ensure_ascii=False))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from ._stats import coverage_report, render_markdown  # noqa: PLC0415

    report = coverage_report(on=args.on)
    if args.json:
        _print_json(report)
    else:
        print(render_markdown(report), end="")
    return 0


#: Every command, in the order ``--help`` lists them, and its help.
_COMMANDS = {
    "match": "organizations this person qualifies for, with reasons",
    "explain": "how this person stands with one organization, and why",
    "orgs": "list organizations",
    "show": "one organization's record",
    "county": "resolve a county name or FIPS code",
    "local-party": "your local party's record, its state party, and the search that finds it "
    "(for every party recorded in the state unless --party)",
    "election-office": "the search text for your local election office",
    "offices": "office categories; with --state, the offices there: whether you meet their "
    "qualifications, when they are elected, where to file",
    "office": "one office category",
    "export": "the whole dataset as JSON, CSV or SQLite",
    "schema": "the JSON Schema of a record kind, of match --json or of offices --json",
    "data": "check the data, or report its coverage",
}


def _parser(first: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. When ``first`` (the first argument) names a command, only
    that command's parser is built: building all twelve costs more than the rest of a quick
    command's start-up. The list of commands in the usage line is the same either way."""
    parser = _Parser(prog="civicrun", description="Who will help me run for office?")
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="the library's and the data's versions"
    )
    one = first in _COMMANDS
    # With one command built, the usage line still lists them all (as argparse would).
    listed = "{" + ",".join(_COMMANDS) + "}" if one else None
    # prog given (what argparse would work out by formatting a usage line): argparse would
    # otherwise make a help formatter, which imports shutil for the terminal's width.
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar=listed, prog=parser.prog
    )
    for name, help_text in _COMMANDS.items():
        if one and name != first:
            continue
        if name in ("export", "schema", "data"):  # no --json option; their own description
            _BUILD[name](commands.add_parser(name, help=help_text))
            continue
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        _BUILD[name](sub)
    return parser


def _build_match(match: argparse.ArgumentParser) -> None:
    _add_profile(match)
    _add_data_option(match)
    match.add_argument(
        "--include-outside-audience",
        action="store_true",
        help="also list groups whose stated audience this person is outside",
    )
    match.set_defaults(run=_cmd_match)


def _build_explain(why: argparse.ArgumentParser) -> None:
    why.add_argument("org", help="an organization id or name")
    _add_profile(why)
    _add_data_option(why)
    why.set_defaults(run=_cmd_explain)


def _build_orgs(orgs: argparse.ArgumentParser) -> None:
    orgs.add_argument("--kind", choices=[k.value for k in OrgKind])
    _add_data_option(orgs)
    orgs.set_defaults(run=_cmd_orgs)


def _build_show(show: argparse.ArgumentParser) -> None:
    show.add_argument("org", help="an organization id, name, former name or alias")
    _add_data_option(show)
    show.set_defaults(run=_cmd_show)


def _build_county(county: argparse.ArgumentParser) -> None:
    county.add_argument("name")
    county.add_argument("--state")
    county.set_defaults(run=_cmd_county)


def _build_local(sub: argparse.ArgumentParser) -> None:
    """``local-party`` and ``election-office``: a place, and for a party, which."""
    sub.add_argument("county", nargs="?")
    sub.add_argument("--state")
    sub.add_argument("--town")
    sub.add_argument("--place", help='a town or city and its state: "Phoenix, AZ"')
    if sub.prog.endswith(" local-party"):
        sub.add_argument(
            "--party",
            help="the party (D, R, Libertarian, Green, independent ...); "
            "leave it out for every party recorded in the state",
        )
        _add_data_option(sub)
        sub.set_defaults(run=_cmd_local_party)
    else:
        sub.set_defaults(run=_cmd_election_office)


def _build_office(office: argparse.ArgumentParser) -> None:
    office.add_argument("office")
    office.set_defaults(run=_cmd_office)


def _build_export(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", choices=["json", "csv", "sqlite"], required=True)
    export.add_argument(
        "--output", help="the file (or, for csv, folder) to write; - for standard output (json)"
    )
    export.set_defaults(run=_cmd_export)


def _build_schema(schema: argparse.ArgumentParser) -> None:
    from ._schema import KINDS as SCHEMAS  # noqa: PLC0415  (only this command needs it)

    schema.add_argument("kind", choices=list(SCHEMAS))
    schema.set_defaults(run=_cmd_schema)


def _build_offices(offices: argparse.ArgumentParser) -> None:
    """``civicrun offices``: every category, or with a place, the offices there."""
    offices.add_argument("--state", help="a state code or name (TX, Texas)")
    offices.add_argument("--county", help="a county name or FIPS code")
    offices.add_argument("--town", help="a town or city")
    offices.add_argument("--age", help="age in years on the date (--on)")
    offices.add_argument("--birth-date", help="YYYY-MM-DD")
    offices.add_argument("--on", type=_date, help="the date age is measured on (default: today)")
    offices.set_defaults(run=_cmd_offices)


def _build_data(data: argparse.ArgumentParser) -> None:
    """``civicrun data check | fmt | links | new | stale | stats``."""
    data_commands = data.add_subparsers(dest="data_command", required=True, parser_class=_Parser)
    check = data_commands.add_parser(
        "check",
        help="validate the shipped data, or given record files and folders against it",
    )
    check.add_argument(
        "paths",
        nargs="*",
        help="record files or folders to check with the shipped records (default: all shipped)",
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=_cmd_check)
    fmt = data_commands.add_parser(
        "fmt",
        help="rewrite record files in their canonical form, keeping their comments",
    )
    fmt.add_argument("paths", nargs="*", help="files or folders (default: the shipped data)")
    fmt.add_argument("--check", action="store_true", help="only report files not canonical")
    fmt.add_argument(
        "--drop-comments",
        action="store_true",
        help="drop the files' comments (by default each stays beside its key or table)",
    )
    fmt.set_defaults(run=_cmd_fmt)
    links = data_commands.add_parser(
        "links",
        help="check every URL in the data and report the dead, moved and http-only ones",
        description="Check every URL in the record files (exit 1 if any is dead or failed), or,"
        " with --rewrite, write the replacements of a reviewed JSON report into the files.",
    )
    links.add_argument("paths", nargs="*", help="files or folders (default: the shipped data)")
    links.add_argument("--format", choices=["markdown", "json"], default="markdown")
    links.add_argument("--output", help="write the report to this file (default: print it)")
    links.add_argument("--json-output", metavar="FILE", help="also write the JSON report here")
    links.add_argument(
        "--rewrite",
        metavar="REPORT",
        help="a reviewed JSON report: write each replacement it keeps over the old URL",
    )
    links.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    links.add_argument(
        "--timeout", type=float, default=15.0, help="seconds per request (default 15)"
    )
    links.add_argument(
        "--per-host-interval",
        type=float,
        default=1.0,
        help="seconds between two requests to one host (default 1)",
    )
    links.set_defaults(run=_cmd_links)
    new = data_commands.add_parser("new", help="a new record's skeleton, each field explained")
    new.add_argument("kind", choices=[name for kind in KINDS for name in kind.skeletons])
    new.add_argument("id", help="the new record's id (its file name)")
    new.add_argument("--output", help="a folder to write ID.toml into (default: print it)")
    new.set_defaults(run=_cmd_new)
    stale = data_commands.add_parser("stale", help="records not checked against sources lately")
    stale.add_argument("--days", type=_days, default=365, help="older than this (default 365)")
    stale.add_argument("--on", type=_date, help="the date to measure from (default: today)")
    stale.add_argument("--json", action="store_true")
    stale.set_defaults(run=_cmd_stale)
    stats = data_commands.add_parser("stats", help="coverage report (Markdown, or --json)")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--markdown", action="store_true", help="Markdown output (the default)")
    stats.add_argument("--on", type=_date, help="date staleness is measured on")
    stats.set_defaults(run=_cmd_stats)


#: How each command's parser is built, by command.
_BUILD: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "match": _build_match,
    "explain": _build_explain,
    "orgs": _build_orgs,
    "show": _build_show,
    "county": _build_county,
    "local-party": _build_local,
    "election-office": _build_local,
    "offices": _build_offices,
    "office": _build_office,
    "export": _build_export,
    "schema": _build_schema,
    "data": _build_data,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(argv[0] if argv else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code: int = args.run(args)
            finally:
                for warning in caught:  # a note for a person, not Python's file and line
                    print(f"civicrun: note: {warning.message}", file=sys.stderr)
    except CivicrunError as exc:
        print(f"civicrun: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (OSError, ValueError, TypeError, LookupError, ArithmeticError, RecursionError) as exc:
        print(f"civicrun: error: {_short(str(exc))}", file=sys.stderr)  # never a traceback
        return 2
    return code


def _short(text: str) -> str:
    from .errors import QUOTE_LIMIT  # noqa: PLC0415

    limit = 2 * QUOTE_LIMIT
    return text if len(text) <= limit else text[:limit] + f"... ({len(text):,} characters)"
