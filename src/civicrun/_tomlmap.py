"""Where things lie in a TOML file's text: the line of every key and table, and its comments.

``tomllib`` gives values only. Two tools need the text's layout too: ``data check`` names
the line of each problem's field, and ``data fmt`` keeps a file's comments when it rewrites
the file in canonical form. Both read it from :func:`scan`, which follows TOML's lexical
rules (basic, literal and multi-line strings, arrays and inline tables spread over lines),
so a ``#`` or a bracket inside a string is never taken for a comment or a table.

A *path* is a tuple of keys and array indexes, as a record's fields nest: ``("name",)``,
``("coverage", "states")``, ``("sources", 2, "url")`` (the third ``[[sources]]`` table).
"""

from __future__ import annotations

import json
import re

import attrs

__all__ = ["Layout", "field_path", "line_of", "scan"]

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_INDEX = re.compile(r"\.([A-Za-z0-9_-]+)|\[(\d+)\]")


@attrs.frozen
class Layout:
    """A TOML text's layout.

    Attributes:
        lines: the line (from 1) where each key or table header starts, by path.
        before: each path's comment lines, in order: those just above it, and those inside a
            value spread over lines (an array's items), which canonical form cannot keep there.
        inline: the comment at the end of the line where a path starts.
        trailing: comments after the last key, anchored to nothing.
    """

    lines: dict[Path, int]
    before: dict[Path, list[str]]
    inline: dict[Path, str]
    trailing: list[str]


def _key(text: str, start: int) -> tuple[tuple[str, ...], int] | None:
    """The dotted key at ``text[start:]`` (bare or quoted parts) and where it ends."""
    parts: list[str] = []
    at = start
    while True:
        while at < len(text) and text[at] in " \t":
            at += 1
        if at < len(text) and text[at] == '"':
            end = at + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            try:
                parts.append(json.loads(text[at : end + 1]))
            except ValueError:
                return None
            at = end + 1
        elif at < len(text) and text[at] == "'":
            end = text.find("'", at + 1)
            if end < 0:
                return None
            parts.append(text[at + 1 : end])
            at = end + 1
        else:
            bare = _BARE.match(text, at)
            if bare is None:
                return None
            parts.append(bare.group())
            at = bare.end()
        while at < len(text) and text[at] in " \t":
            at += 1
        if at < len(text) and text[at] == ".":
            at += 1
            continue
        return tuple(parts), at


def _escaped(line: str, at: int) -> bool:
    """Whether ``line[at]`` follows an odd number of backslashes."""
    count = 0
    while at - count - 1 >= 0 and line[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


class _Lexer:
    """The state carried from line to line: an open multi-line string, and how deep inside
    arrays and inline tables the text is."""

    def __init__(self) -> None:
        self.multiline: str | None = None
        self.depth = 0

    @property
    def clean(self) -> bool:
        """Whether a new line starts outside every value."""
        return self.multiline is None and self.depth == 0

    def comment(self, line: str, start: int) -> str | None:
        """Read ``line`` from ``start`` to its end, updating the state; the comment at its
        end (from ``#``), if any."""
        at, quote = start, None
        while at < len(line):
            if self.multiline is not None:
                end = line.find(self.multiline, at)
                while end > 0 and self.multiline == '"""' and _escaped(line, end):
                    end = line.find(self.multiline, end + 1)
                if end < 0:
                    return None
                # the delimiter is the last three of a run of up to five quotes
                run = end
                while run < len(line) and line[run] == self.multiline[0] and run - end < 5:
                    run += 1
                at, self.multiline = run, None
                continue
            char = line[at]
            if quote is None:
                if line.startswith(('"""', "'''"), at):
                    self.multiline = line[at : at + 3]
                    at += 3
                    continue
                if char in "\"'":
                    quote = char
                elif char in "[{":
                    self.depth += 1
                elif char in "]}":
                    self.depth = max(0, self.depth - 1)
                elif char == "#":
                    return line[at:].rstrip()
            elif char == "\\" and quote == '"':
                at += 1
            elif char == quote:
                quote = None
            at += 1
        return None


def _start(
    line: str, indent: int, table: Path, counts: dict[tuple[str, ...], int]
) -> tuple[Path | None, int, Path | None]:
    """What a line outside every value starts: (its path or None, where its value or its
    end begins, the table it opens or None). ``counts`` numbers each array of tables."""
    stripped = line[indent:]
    if stripped.startswith("[["):
        parsed = _key(line, indent + 2)
        if parsed is None:
            return None, len(line), None
        keys, end = parsed
        counts[keys] = counts.get(keys, 0) + 1
        path: Path = (*keys, counts[keys] - 1)
        close = line.find("]]", end)
        return path, close + 2 if close >= 0 else len(line), path
    if stripped.startswith("["):
        parsed = _key(line, indent + 1)
        if parsed is None:
            return None, len(line), None
        keys, end = parsed
        close = line.find("]", end)
        return keys, close + 1 if close >= 0 else len(line), keys
    parsed = _key(line, indent)
    if parsed is None or line[parsed[1] : parsed[1] + 1] != "=":
        return None, len(line), None
    return (*table, *parsed[0]), parsed[1] + 1, None


def scan(text: str) -> Layout:
    """The layout of TOML ``text``: each key's and table's line, and where its comments are.

    Lines the scanner cannot read as TOML (the file will fail to load anyway) are skipped.
    """
    lines: dict[Path, int] = {}
    before: dict[Path, list[str]] = {}
    inline: dict[Path, str] = {}
    waiting: list[str] = []  # comment lines not yet followed by a key
    counts: dict[tuple[str, ...], int] = {}
    table: Path = ()
    value_of: Path | None = None  # the key whose value spreads over the lines being read
    lexer = _Lexer()
    for number, line in enumerate(text.split("\n"), start=1):
        if not lexer.clean:
            found = lexer.comment(line, 0)
            if found is not None and value_of is not None:
                before.setdefault(value_of, []).append(found)
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped:
            continue
        if stripped.startswith("#"):
            waiting.append(stripped.rstrip())
            continue
        path, rest, counted = _start(line, indent, table, counts)
        if counted is not None:
            table = counted
        found = lexer.comment(line, rest)
        if path is None:
            continue
        lines.setdefault(path, number)
        if waiting:
            before.setdefault(path, []).extend(waiting)
            waiting = []
        if found is not None:
            inline[path] = found
        value_of = path if not lexer.clean else None
    return Layout(lines=lines, before=before, inline=inline, trailing=waiting)


def field_path(field: str | None) -> Path:
    """A data-check field (``$.sources[2].url``) as a path (``("sources", 2, "url")``)."""
    if not field or not field.startswith("$"):
        return ()
    return tuple(
        name if name else int(index) for name, index in _INDEX.findall(field.removeprefix("$"))
    )


def line_of(layout: Layout, path: Path) -> int | None:
    """The line where ``path`` (or, when it has no line of its own, such as an item of a list
    or a key left out, the nearest path above it) starts; None for the file as a whole."""
    while path:
        if path in layout.lines:
            return layout.lines[path]
        path = path[:-1]
    return None
