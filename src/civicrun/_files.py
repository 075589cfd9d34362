"""Files from strangers and files civicrun writes: reads are bounded, writes atomic and confined.

Reading (record files given to ``civicrun data check``, ``--data`` and
:func:`civicrun.load_dataset`):

* only regular files are read: a FIFO, a device or a socket is reported, never opened for
  reading in a way that can block (``O_NONBLOCK``), and a symbolic link inside a given folder is
  followed only when it stays inside that folder;
* a record file is at most :data:`MAX_FILE_BYTES`, a folder's record files together at most
  :data:`MAX_TREE_BYTES`; a file has at most :data:`MAX_KEYS` keys and nests at most
  :data:`MAX_DEPTH` levels; all of this is checked before the expensive work;
* text is strict UTF-8, and every problem names its file (with control characters in the name
  escaped, :func:`shown`), so one run reports every problem of every file.

Writing (exports, ``data fmt``, ``data new --output``): :func:`write_atomic` writes a temporary
file in the target's folder and ``os.replace``-s it into place, so a failed write leaves the old
file as it was; a target that is a symbolic link, a device, a FIFO or a folder is refused, and
a missing parent folder is an error, never created silently.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._text import printable
from .errors import DataError, InvalidArgumentError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_KEYS",
    "MAX_TREE_BYTES",
    "Problem",
    "check_file",
    "check_folder",
    "parse_toml",
    "prepare_folder",
    "read_text",
    "record_files",
    "shown",
    "write_atomic",
]

#: The largest record file read, in bytes (the largest shipped one is about 53 KB).
MAX_FILE_BYTES = 256 * 1024
#: The most bytes of record files read from one given folder.
MAX_TREE_BYTES = 64 * 1024 * 1024
#: The most keys (``=`` signs) one record file may hold (the most in a shipped one is about 1,000).
MAX_KEYS = 10_000
#: The longest message of one problem line, in characters (a list of 10,000 unknown keys is
#: cut here; the line still ends with its field path).
LINE_LIMIT = 1000
#: The deepest nesting of tables and arrays in a record file (a shipped one nests 4 deep).
MAX_DEPTH = 16


def shown(path: object) -> str:
    """A path as it may be printed: control, bidi and invisible characters escaped."""
    return printable(str(path), keep_newlines=False)


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_big(size: int) -> str:
    return f"is {size:,} bytes; a record file is at most {MAX_FILE_BYTES:,} bytes; not read"


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


def _walk(folder: Path, files: list[Path], problems: list[str]) -> None:
    """The ``*.toml`` regular files under ``folder`` (symbolic links only when they stay
    inside it), with a problem for every other ``*.toml`` entry and for a folder too big."""
    top = os.path.realpath(folder)
    found: list[tuple[Path, int]] = []
    total = 0

    def report(error: OSError) -> None:
        problems.append(Problem(shown(error.filename), f"cannot be read ({error.strerror})"))

    for here, _dirs, names in os.walk(folder, onerror=report):  # never follows folder links
        for name in names:
            if not name.endswith(".toml"):
                continue
            path = Path(here, name)
            try:
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    target = os.path.realpath(path)
                    if not _inside(target, top):
                        problems.append(
                            Problem(
                                shown(path),
                                f"is a symbolic link to a file outside {shown(folder)}; not read",
                            )
                        )
                        continue
                    info = os.stat(target)
            except OSError as exc:
                problems.append(Problem(shown(path), f"cannot be read ({exc.strerror})"))
                continue
            if not stat.S_ISREG(info.st_mode):
                what = f"is {_kind(info.st_mode)}, not a record file"
                problems.append(Problem(shown(path), what))
                continue
            if info.st_size > MAX_FILE_BYTES:
                problems.append(Problem(shown(path), _too_big(info.st_size)))
                continue
            total += info.st_size
            if total > MAX_TREE_BYTES:
                problems.append(
                    Problem(
                        shown(folder),
                        f"holds more than {MAX_TREE_BYTES:,} bytes of record files; "
                        "the rest were not read",
                    )
                )
                break
            found.append((path, info.st_size))
        else:
            continue
        break
    files += sorted(p for p, _size in found)


def record_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The record files named by ``paths`` (files, or folders searched for ``*.toml`` files),
    and a problem line for each path or entry that cannot be read as one."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            problems.append(Problem(shown(path), "no such file or folder"))
            continue
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            why = getattr(exc, "strerror", None) or str(exc)
            problems.append(Problem(shown(path), f"cannot be read ({why})"))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, files, problems)
        elif not stat.S_ISREG(info.st_mode):
            problems.append(
                Problem(shown(path), f"is {_kind(info.st_mode)}, not a record file or folder")
            )
        elif info.st_size > MAX_FILE_BYTES:
            problems.append(Problem(shown(path), _too_big(info.st_size)))
        else:
            files.append(path)
    return files, problems


def _read_bytes(path: Path, where: str) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DataError(where, [f"cannot be read ({exc.strerror})"]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError(where, [f"is {_kind(info.st_mode)}, not a record file"])
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise DataError(where, [_too_big(max(info.st_size, len(data)))])
    return data


def read_text(file: Any, where: str) -> str:
    """The text of a record file (a :class:`~pathlib.Path`, or a ``Traversable`` of the
    package's data), bounded and strict UTF-8.

    Raises:
        DataError: naming ``where``: not a regular file, too big, or not UTF-8.
    """
    if isinstance(file, Path):
        data = _read_bytes(file, where)
    else:
        data = file.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            raise DataError(where, [_too_big(len(data))])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            where, [f"is not UTF-8 text: byte {exc.start} ({data[exc.start]:#04x}) {exc.reason}"]
        ) from None


def _depth(value: object) -> int:
    """How deeply tables and arrays nest in ``value`` (iteratively: no recursion limit)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse_toml(text: str, where: str) -> dict[str, Any]:
    """``text`` parsed as TOML, within the key and nesting caps.

    Raises:
        DataError: naming ``where``: not valid TOML, too many keys or nested too deeply.
    """
    import tomllib  # noqa: PLC0415

    if text.count("=") > MAX_KEYS:
        raise DataError(
            where, [f"has more than {MAX_KEYS:,} keys; a record has far fewer; not read @ $"]
        )
    deep = f"nests tables or arrays more than {MAX_DEPTH} levels deep; not read @ $"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(where, [f"not valid TOML: {exc}"]) from None
    except RecursionError:
        raise DataError(where, [deep]) from None
    if _depth(raw) > MAX_DEPTH:
        raise DataError(where, [deep])
    return raw


# --- writing -------------------------------------------------------------------------------


def _refuse(target: Path, why: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"cannot write {shown(target)}: {why}")


def _check_parent(target: Path) -> Path:
    parent = target.parent
    if not parent.is_dir():
        raise _refuse(target, f"the folder {shown(parent)} does not exist; create it first")
    return parent


def _check_target(target: Path) -> int | None:
    """The mode of the regular file at ``target`` (None when there is none); refuses a symbolic
    link, a device, a FIFO, a socket or a folder."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise _refuse(target, "it is a symbolic link; give a regular file or a new path")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(target, f"it is {_kind(info.st_mode)}; give a regular file or a new path")
    return stat.S_IMODE(info.st_mode)


def check_file(target: Path) -> None:
    """Refuse ``target`` now, as :func:`write_atomic` would, before the work of making what
    is to be written there.

    Raises:
        InvalidArgumentError: ``target`` is not a regular file or a new path in a folder that
            exists.
    """
    _check_target(target)
    _check_parent(target)


def check_folder(target: Path) -> None:
    """Refuse ``target`` now, as :func:`prepare_folder` would, before the work of making what
    is to be written in it.

    Raises:
        InvalidArgumentError: ``target`` is not a folder or a new path in a folder that
            exists.
    """
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        _check_parent(target)
        return
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise _refuse(target, f"it is {_kind(info.st_mode)}, not a folder")


def write_atomic(target: Path, content: str | Callable[[Path], None]) -> Path:
    """Write ``content`` (text, or a function that writes the file at the path it is given) to
    a temporary file beside ``target``, then move it into place with ``os.replace``.

    Raises:
        InvalidArgumentError: ``target`` is not a regular file or a new path in a folder that
            exists.
    """
    mode = _check_target(target)
    parent = _check_parent(target)
    fd, name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        if isinstance(content, str):
            temporary.write_text(content, encoding="utf-8", newline="\n")
        else:
            content(temporary)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        _check_target(target)  # refuse a link or device planted while we wrote
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def prepare_folder(target: Path) -> Path:
    """``target`` as a folder to write files into: an existing folder (not a link to one), or a
    new one made in a parent folder that exists.

    Raises:
        InvalidArgumentError: ``target`` is something else, or its parent is missing.
    """
    check_folder(target)
    if not os.path.lexists(target):
        target.mkdir()
    return target


class Problem(str):
    """One line of a data-check report, ``"<file>:<line>: <message> @ <field>"`` (``<line>``
    where the field's line is known), that keeps its parts, so a report in JSON never has to
    split a path that holds ``": "`` or ``" @ "``."""

    file: str
    text: str
    message: str
    field: str | None
    line: int | None

    def __new__(cls, file: str, text: str, line: int | None = None) -> Problem:
        message, at, field = text.rpartition(" @ ")
        if len(text) > LINE_LIMIT:  # one problem is one readable line: cut the message only
            head = (message if at else text)[:LINE_LIMIT]
            text = f"{head}... ({len(text):,} characters)" + (f" @ {field}" if at else "")
            message, at, field = text.rpartition(" @ ")
        where = file if line is None else f"{file}:{line}"
        made = super().__new__(cls, f"{where}: {text}")
        made.file, made.text, made.line = file, text, line
        made.message, made.field = (message, field) if at else (text, None)
        return made

    def __getnewargs__(self) -> tuple[str, str, int | None]:  # type: ignore[override]
        return (self.file, self.text, self.line)
