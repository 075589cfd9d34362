"""The ``civicrun`` command line. ``main(argv)`` returns the exit code, so it is testable.

Exit codes: 0 success; 1 the data check found problems; 2 a usage error or bad input (one line
on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any, NoReturn

from ._api import Data
from ._counties import lookup_county
from ._match import Match
from ._offices import lookup_office_category, office_categories, office_categories_for_state
from ._profile import Profile
from ._version import version
from .errors import CivicrunError
from .records import Organization
from .vocab import MatchStatus, Outcome

__all__ = ["main"]

_PROFILE_FLAGS = (
    ("state", "a state code or name (TX, Texas)"),
    ("county", "a county name or FIPS code"),
    ("town", "a town or city"),
    ("party", "democratic, republican, libertarian, green, independent, other (or D, R, GOP ...)"),
    ("gender", "woman, man, nonbinary"),
    ("age", "age in years on the matching date"),
    ("birth-date", "YYYY-MM-DD"),
    ("race-ethnicity", "comma-separated: black, latino, asian-american, native-american ..."),
    ("lgbtq", "yes or no"),
    ("veteran", "yes or no"),
    ("national-service", "yes or no (AmeriCorps, Peace Corps ...)"),
    ("immigrant-generation", "1 (born abroad) or 2 (a parent born abroad)"),
    ("parent-of-minor", "yes or no"),
    ("union-member", "yes or no"),
    ("student", "yes or no (enrolled in a college or university)"),
    ("stances", "comma-separated stances you hold: pro-choice, pro-life, gun-safety, gun-rights"),
    ("communities", "comma-separated communities you belong to: muslim, disability"),
    ("professions", "comma-separated: stem, health-care, educator, agriculture"),
    ("ideology", "progressive, liberal, moderate, conservative, libertarian"),
    ("office-level", "local, state, federal"),
    ("prior-runs", "how many times you have run before"),
)


class _VersionAction(argparse.Action):
    """``--version``: the library's version and the dataset's (read only when asked)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from ._data import data_version  # noqa: PLC0415

        data, date = data_version()
        print(f"civicrun {version()} (data {data}, {date})")
        parser.exit(0)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="PATH",
        help="extra organization records (a file or folder; repeatable), on top of the shipped",
    )


def _source(args: argparse.Namespace) -> Data:
    """The shipped data, or the shipped data plus the ``--data`` records."""
    extra = getattr(args, "data", None)
    if not extra:
        return Data.shipped()
    from ._extra import load_dataset  # noqa: PLC0415

    return load_dataset(extra)


def _add_profile(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("profile (all optional; leave out what you don't know)")
    for flag, help_text in _PROFILE_FLAGS:
        group.add_argument(f"--{flag}", help=help_text)
    parser.add_argument("--on", type=_date, help="date rules are measured on (default: today)")
    parser.add_argument(
        "--include-staff", action="store_true", help="also list programs for campaign staff"
    )


def _profile(args: argparse.Namespace) -> Profile:
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


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False))


#: How each outcome is marked in the table: met, failed, unknown, and a caveat.
_MARKS = {Outcome.MET: "+", Outcome.FAILED: "x", Outcome.UNKNOWN: "?", Outcome.NOTE: "!"}


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
            print(
                textwrap.fill(
                    str(reason),
                    width=96,
                    initial_indent=" " * 11 + _MARKS[reason.outcome] + " ",
                    subsequent_indent=" " * 13,
                )
            )
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


def _cmd_show(args: argparse.Namespace) -> int:
    org = _source(args).lookup_organization(args.org)
    record = _unstructure(org)
    if args.json:
        _print_json(record)
        return 0
    print(f"{org.name} ({org.id})")
    for key in ("former_names", "aliases", "url", "kind", "partisanship", "status", "how_to_join"):
        value = record.get(key)
        if value:
            print(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    print(textwrap.fill(org.summary, width=96, initial_indent="  ", subsequent_indent="  "))
    for source in org.sources:
        print(f"  source: {source.url} (read {source.read.isoformat()})")
    return 0


def _cmd_county(args: argparse.Namespace) -> int:
    county = lookup_county(args.name, args.state)
    if args.json:
        _print_json(
            {
                "fips": county.fips,
                "name": county.name,
                "kind": county.kind.value,
                "state": county.state,
            }
        )
    else:
        print(f"{county.fips}  {county.name}, {county.state} ({county.kind.value})")
    return 0


def _cmd_local_party(args: argparse.Namespace) -> int:
    party = args.party
    if party is None:  # as find_local_party: no default party from the next release
        print(
            "civicrun: note: give --party (D, R, Green ...); leaving it out means the "
            "Democratic party for now, and will be an error in the next release",
            file=sys.stderr,
        )
        party = "democratic"
    found = _source(args).find_local_party(args.county, party, state=args.state, town=args.town)
    if args.json:
        record = _unstructure(found)
        record["organization"] = _org_summary(found.organization)
        record["state_party"] = _org_summary(found.state_party)
        _print_json(record)
    else:
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
        print(f"  {found.search_url}")
    return 0


def _org_summary(org: Organization | None) -> dict[str, Any] | None:
    return None if org is None else {"id": org.id, "name": org.name, "url": org.url}


def _cmd_election_office(args: argparse.Namespace) -> int:
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
        print(f"  {found.search_url}")
    return 0


def _cmd_offices(args: argparse.Namespace) -> int:
    found = office_categories_for_state(args.state) if args.state else office_categories()
    if args.json:
        _print_json([_unstructure(o) for o in found])
    else:
        for office in found:
            print(f"{office.id:<32} {office.level.value:<8} {office.name}")
    return 0


def _cmd_office(args: argparse.Namespace) -> int:
    office = lookup_office_category(args.office)
    if args.json:
        _print_json(_unstructure(office))
        return 0
    print(f"{office.name} ({office.id}), {office.level.value}, {office.partisan}")
    print(textwrap.fill(office.description, width=96, initial_indent="  ", subsequent_indent="  "))
    for count in office.counts:
        year = f" ({count.year})" if count.year else ""
        print(f"  {count.qualifier} {count.value:,} {count.what}{year}: {count.source}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415

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


def _problem_record(line: str) -> dict[str, str | None]:
    """A data-check line as its file, field path and message."""
    file, _, rest = line.partition(": ")
    message, at, field = rest.rpartition(" @ ")
    if not at:
        message, field = rest, ""
    return {"file": file, "field": field or None, "message": message}


def _data_files(paths: Sequence[str]) -> list[Any]:
    """The record files named (folders searched), or every shipped record file."""
    from pathlib import Path  # noqa: PLC0415

    if paths:
        found: list[Path] = []
        for path in map(Path, paths):
            found += sorted(path.rglob("*.toml")) if path.is_dir() else [path]
        return found
    from ._data import data_root  # noqa: PLC0415

    root = Path(str(data_root()))
    return sorted(
        p
        for folder in ("organizations", "states", "offices")
        for p in (root / folder).glob("*.toml")
    )


def _cmd_fmt(args: argparse.Namespace) -> int:
    from ._fmt import format_file  # noqa: PLC0415

    changed = 0
    files = _data_files(args.paths)
    for path in files:
        try:
            text, canonical = format_file(path)
        except CivicrunError as exc:
            print(f"civicrun: error: {exc}", file=sys.stderr)
            return 2
        if text != canonical:
            changed += 1
            if args.check:
                print(f"{path}: not in canonical form (run civicrun data fmt)")
            else:
                path.write_text(canonical, encoding="utf-8", newline="\n")
                print(f"formatted {path}")
    if args.check and changed:
        print(f"{changed} file(s) to format", file=sys.stderr)
        return 1
    print(f"{len(files) - changed} of {len(files)} record file(s) were in canonical form")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    import re  # noqa: PLC0415

    from ._fmt import SKELETONS  # noqa: PLC0415

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.id):
        print(
            f"civicrun: error: id {args.id!r} must be lower-case words joined by hyphens",
            file=sys.stderr,
        )
        return 2
    text = SKELETONS[args.kind].format(id=args.id, today=dt.date.today().isoformat())
    if args.output:
        from pathlib import Path  # noqa: PLC0415

        target = Path(args.output) / f"{args.id}.toml"
        if target.exists():
            print(f"civicrun: error: {target} exists already", file=sys.stderr)
            return 2
        target.write_text(text, encoding="utf-8", newline="\n")
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

    from ._export import export  # noqa: PLC0415

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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="civicrun", description="Who will help me run for office?")
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="the library's and the data's versions"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        return sub

    match = command("match", "organizations this person qualifies for, with reasons")
    _add_profile(match)
    _add_data_option(match)
    match.add_argument(
        "--include-outside-audience",
        action="store_true",
        help="also list groups whose stated audience this person is outside",
    )
    match.set_defaults(run=_cmd_match)
    why = command("explain", "how this person stands with one organization, and why")
    why.add_argument("org", help="an organization id or name")
    _add_profile(why)
    _add_data_option(why)
    why.set_defaults(run=_cmd_explain)
    orgs = command("orgs", "list organizations")
    orgs.add_argument(
        "--kind", choices=["national-group", "national-party", "state-party", "state-program"]
    )
    _add_data_option(orgs)
    orgs.set_defaults(run=_cmd_orgs)
    show = command("show", "one organization's record")
    show.add_argument("org", help="an organization id, name, former name or alias")
    _add_data_option(show)
    show.set_defaults(run=_cmd_show)
    county = command("county", "resolve a county name or FIPS code")
    county.add_argument("name")
    county.add_argument("--state")
    county.set_defaults(run=_cmd_county)
    for name, help_text, run in (
        (
            "local-party",
            "your state party, and the search that finds your local party",
            _cmd_local_party,
        ),
        ("election-office", "the search text for your local election office", _cmd_election_office),
    ):
        sub = command(name, help_text)
        sub.add_argument("county", nargs="?")
        sub.add_argument("--state")
        sub.add_argument("--town")
        if name == "local-party":
            sub.add_argument(
                "--party", help="the party: D, R, DFL, Green, Libertarian or any party's name"
            )
            _add_data_option(sub)
        sub.set_defaults(run=run)
    offices = command("offices", "office categories (for one state with --state)")
    offices.add_argument("--state")
    offices.set_defaults(run=_cmd_offices)
    office = command("office", "one office category")
    office.add_argument("office")
    office.set_defaults(run=_cmd_office)
    export = commands.add_parser("export", help="the whole dataset as JSON, CSV or SQLite")
    export.add_argument("--format", choices=["json", "csv", "sqlite"], required=True)
    export.add_argument("--output", help="the file (or, for csv, folder) to write")
    export.set_defaults(run=_cmd_export)
    schema = commands.add_parser(
        "schema", help="the JSON Schema of a record kind or of match --json"
    )
    schema.add_argument("kind", choices=["organization", "state", "office-category", "match"])
    schema.set_defaults(run=_cmd_schema)
    _add_data_commands(commands)
    return parser


def _add_data_commands(commands: Any) -> None:
    """``civicrun data check | fmt | new | stale | stats``."""
    data = commands.add_parser("data", help="check the data, or report its coverage")
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
    fmt = data_commands.add_parser("fmt", help="rewrite record files in their canonical form")
    fmt.add_argument("paths", nargs="*", help="files or folders (default: the shipped data)")
    fmt.add_argument("--check", action="store_true", help="only report files not canonical")
    fmt.set_defaults(run=_cmd_fmt)
    new = data_commands.add_parser("new", help="a new record's skeleton, each field explained")
    new.add_argument("kind", choices=["organization", "state-program", "office-category"])
    new.add_argument("id", help="the new record's id (its file name)")
    new.add_argument("--output", help="a folder to write ID.toml into (default: print it)")
    new.set_defaults(run=_cmd_new)
    stale = data_commands.add_parser("stale", help="records not checked against sources lately")
    stale.add_argument("--days", type=int, default=365, help="older than this (default 365)")
    stale.add_argument("--on", type=_date, help="the date to measure from (default: today)")
    stale.add_argument("--json", action="store_true")
    stale.set_defaults(run=_cmd_stale)
    stats = data_commands.add_parser("stats", help="coverage report (Markdown, or --json)")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--markdown", action="store_true", help="Markdown output (the default)")
    stats.add_argument("--on", type=_date, help="date staleness is measured on")
    stats.set_defaults(run=_cmd_stats)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        code: int = args.run(args)
    except CivicrunError as exc:
        print(f"civicrun: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (OSError, ValueError, TypeError, LookupError) as exc:  # never a traceback
        print(f"civicrun: error: {exc}", file=sys.stderr)
        return 2
    return code
