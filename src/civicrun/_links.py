"""Keeping the data's links true: every URL in the record files, checked politely, classified.

* **Collect**: every ``url`` and ``source`` string in the record files given (organizations,
  states with their chief and local election offices, office categories), each URL once, with
  every place it appears (``states/tx.toml $.election_offices[1].url``).
* **Check**: a bounded thread pool; at most one request to a host per ``per_host_interval``
  seconds (hosts interleaved so the pool rarely waits); a timeout on every request; redirects
  followed one hop at a time (at most ``max_redirects``) and each hop recorded; an ``http://``
  URL that answers is tried once more as ``https://``.
* **Classify** (:class:`LinkStatus`): dead (404, 410), moved (a permanent redirect), upgrade
  (``http`` to ``https`` on the same host), other-domain (redirected to another site), redirected
  (a temporary redirect, kept), http-only, error (no answer, a timeout, any other status), ok.
* **Report** as Markdown (for an issue) or JSON (for :func:`rewrite`).
* **Rewrite**, after a person has reviewed the JSON report: each ``replacement`` it lists is
  written over the exact URL string (a TOML string equal to the old URL, nothing else) in the
  record files, each file written to a temporary file beside it and moved into place.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from pathlib import Path
from ssl import SSLContext
from typing import Any

import attrs

from .errors import InvalidArgumentError

__all__ = [
    "LinkChecker",
    "LinkResult",
    "LinkStatus",
    "collect_urls",
    "render_json",
    "render_markdown",
    "rewrite",
]

#: Redirect statuses, and those of them that say the move is permanent.
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
GONE = frozenset({404, 410})
_URL_KEYS = frozenset({"url", "source"})


class LinkStatus(StrEnum):
    """What checking a URL found, most urgent first."""

    DEAD = "dead"  #: the page answers 404 or 410
    ERROR = "error"  #: no answer (refused, a timeout, TLS, too many redirects) or another status
    OTHER_DOMAIN = "other-domain"  #: redirected to another site: review before rewriting
    MOVED = "moved"  #: a permanent redirect on the same site: the replacement is the new URL
    UPGRADE = "upgrade"  #: an ``http://`` URL whose ``https://`` form answers
    HTTP_ONLY = "http-only"  #: answers, but only over plain ``http://``
    REDIRECTED = "redirected"  #: a temporary redirect on the same site: the URL stays
    OK = "ok"


#: The report's heading for each status.
HEADINGS = {
    LinkStatus.DEAD: "Dead (404 or 410)",
    LinkStatus.ERROR: "Errors (no answer, a timeout or another status)",
    LinkStatus.OTHER_DOMAIN: "Redirected to another domain",
    LinkStatus.MOVED: "Moved (a permanent redirect on the same site)",
    LinkStatus.UPGRADE: "http that answers over https",
    LinkStatus.HTTP_ONLY: "http only",
    LinkStatus.REDIRECTED: "Temporary redirects (kept)",
}


@attrs.frozen
class Hop:
    """One redirect: the status answered and the URL it pointed to."""

    status: int
    location: str


@attrs.frozen(kw_only=True)
class LinkResult:
    """One URL checked: what it answered, where it led, and what to write instead."""

    url: str
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[Hop, ...] = ()
    error: str | None = None
    replacement: str | None = None
    where: tuple[str, ...] = ()


@attrs.frozen
class _Chain:
    """What following a URL found: the redirects, the last URL and its status, or an error."""

    redirects: tuple[Hop, ...]
    final_url: str
    http_status: int | None
    error: str | None = None


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _URL_KEYS and isinstance(item, str):
                yield f"{path}.{key}", item
            else:
                yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _walk(item, f"{path}[{number}]")


def collect_urls(files: Iterable[Path], root: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Every ``http(s)`` URL in the record files, each with where it appears (the file, relative
    to ``root`` when it lies under it, and the field path), in the order first met."""
    found: dict[str, list[str]] = defaultdict(list)
    for file in files:
        name = file.relative_to(root).as_posix() if root and file.is_relative_to(root) else file
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
        for field, url in _walk(raw, "$"):
            if url.startswith(("http://", "https://")):
                found[url].append(f"{name} {field}")
    return {url: tuple(where) for url, where in found.items()}


def _site(url: str) -> str:
    """The host a person would call the site: lower case, without a leading ``www.``."""
    host = urllib.parse.urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _https_form(url: str) -> str | None:
    return "https://" + url.removeprefix("http://") if url.startswith("http://") else None


def classify(url: str, chain: _Chain, https: _Chain | None = None) -> LinkResult:
    """The result of following ``url``; ``https`` is what its ``https://`` form answered, when
    ``url`` answered only over plain http and that form was tried."""
    status, replacement = _verdict(url, chain, https)
    error = chain.error
    if status is LinkStatus.ERROR and error is None:
        error = f"answered {chain.http_status}"
    return LinkResult(
        url=url,
        status=status,
        http_status=chain.http_status,
        final_url=chain.final_url if chain.redirects else None,
        redirects=chain.redirects,
        error=error,
        replacement=replacement,
    )


def _verdict(url: str, chain: _Chain, https: _Chain | None) -> tuple[LinkStatus, str | None]:
    """The status, and the URL to write instead (if any)."""
    if chain.error is None and chain.http_status in GONE:
        return LinkStatus.DEAD, None
    if not _answered(chain):
        return LinkStatus.ERROR, None
    final = chain.final_url
    permanent = bool(chain.redirects) and all(h.status in PERMANENT for h in chain.redirects)
    if chain.redirects and _site(final) != _site(url):
        return LinkStatus.OTHER_DOMAIN, final if permanent else None
    if chain.redirects and url.startswith("http://") and final.startswith("https://"):
        return LinkStatus.UPGRADE, final if permanent or final == _https_form(url) else None
    if permanent:
        return LinkStatus.MOVED, final
    if final.startswith("http://"):
        if (
            https is not None
            and _answered(https)
            and https.final_url.startswith("https://")
            and _site(https.final_url) == _site(url)
        ):
            return LinkStatus.UPGRADE, _https_form(url)
        return LinkStatus.HTTP_ONLY, None
    if chain.redirects:
        return LinkStatus.REDIRECTED, None
    return LinkStatus.OK, None


def _answered(chain: _Chain) -> bool:
    return chain.error is None and chain.http_status is not None and 200 <= chain.http_status < 300


class _HostSlots:
    """Spaces the requests to each host: a request waits for its host's next free slot."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self._interval
        if slot > now:
            self._sleep(slot - now)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers, so each hop is recorded (and throttled) on its own."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


def _interleave(urls: Sequence[str]) -> list[str]:
    """The URLs ordered host by host in turn, so the pool's workers rarely wait on one host."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urllib.parse.urlsplit(url).hostname or ""].append(url)
    queues = list(by_host.values())
    ordered: list[str] = []
    for turn in range(max(map(len, queues), default=0)):
        ordered += [queue[turn] for queue in queues if turn < len(queue)]
    return ordered


class LinkChecker:
    """Checks URLs politely. Every limit is a parameter, so tests can make them short.

    Args:
        workers: requests in flight at once (the thread pool's size).
        timeout: seconds to wait for a connection or an answer.
        per_host_interval: seconds between two requests to the same host.
        max_redirects: hops followed before the URL counts as an error.
        ssl_context: the TLS settings (default: the system's trusted certificates).
        proxies: as for :class:`urllib.request.ProxyHandler` (default: the environment's).
        user_agent: sent with every request, naming the project.
    """

    def __init__(
        self,
        *,
        workers: int = 8,
        timeout: float = 15.0,
        per_host_interval: float = 1.0,
        max_redirects: int = 10,
        ssl_context: SSLContext | None = None,
        proxies: Mapping[str, str] | None = None,
        user_agent: str = "civicrun-link-check (+https://github.com/civicrun/civicrun)",
    ) -> None:
        if workers < 1 or timeout <= 0 or per_host_interval < 0 or max_redirects < 0:
            raise InvalidArgumentError(
                "LinkChecker(): workers must be at least 1, timeout above 0, and"
                " per_host_interval and max_redirects at least 0"
            )
        self.workers = workers
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self._slots = _HostSlots(per_host_interval)
        self._opener = urllib.request.build_opener(
            _NoRedirect(),
            urllib.request.ProxyHandler(None if proxies is None else dict(proxies)),
            urllib.request.HTTPSHandler(context=ssl_context),
        )

    def _request(self, url: str) -> tuple[int, str | None]:
        """One GET, its body unread: the status and, for a redirect, where it points."""
        self._slots.wait(urllib.parse.urlsplit(url).hostname or "")
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return int(response.status), None
        except urllib.error.HTTPError as exc:
            with contextlib.closing(exc):
                return exc.code, exc.headers.get("Location")

    def follow(self, url: str) -> _Chain:
        """Follow ``url`` hop by hop to an answer that is not a redirect."""
        hops: list[Hop] = []
        current = url
        try:
            while True:
                status, location = self._request(current)
                if status not in REDIRECTS:
                    return _Chain(tuple(hops), current, status)
                if not location:
                    return _Chain(tuple(hops), current, status, f"{status} without a Location")
                current = urllib.parse.urljoin(current, location)
                hops.append(Hop(status, current))
                if len(hops) > self.max_redirects:
                    return _Chain(
                        tuple(hops), current, None, f"more than {self.max_redirects} redirects"
                    )
        except (OSError, http.client.HTTPException, ValueError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            kind = type(reason if isinstance(reason, BaseException) else exc).__name__
            return _Chain(tuple(hops), current, None, f"{kind}: {reason}")

    def check_one(self, url: str) -> LinkResult:
        """Check one URL (and, when it answers only over http, its https form)."""
        chain = self.follow(url)
        result = classify(url, chain)
        upgrade = _https_form(url)
        if result.status is LinkStatus.HTTP_ONLY and upgrade:
            result = classify(url, chain, self.follow(upgrade))
        return result

    def check(self, urls: Mapping[str, Sequence[str]]) -> list[LinkResult]:
        """Check every URL (a mapping of URL to where it appears); results in the input's order."""
        order = _interleave(list(urls))
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            done = dict(zip(order, pool.map(self.check_one, order), strict=True))
        return [attrs.evolve(done[url], where=tuple(where)) for url, where in urls.items()]


def _counts(results: Sequence[LinkResult]) -> dict[str, int]:
    return {status.value: sum(r.status is status for r in results) for status in LinkStatus}


def render_json(results: Sequence[LinkResult]) -> dict[str, Any]:
    """The report as JSON-ready data: the counts, and every URL that is not plainly ok.

    Review it, delete (or set to null) any ``replacement`` you do not want, and pass the file to
    ``civicrun data links --rewrite``.
    """
    return {
        "checked": len(results),
        "counts": _counts(results),
        "results": [
            {
                "url": r.url,
                "status": r.status.value,
                "http_status": r.http_status,
                "final_url": r.final_url,
                "redirects": [{"status": h.status, "location": h.location} for h in r.redirects],
                "error": r.error,
                "replacement": r.replacement,
                "where": list(r.where),
            }
            for r in results
            if r.status is not LinkStatus.OK
        ],
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _where(where: Sequence[str], shown: int = 3) -> str:
    files = list(dict.fromkeys(w.split(" ", 1)[0] for w in where))
    more = f" and {len(files) - shown} more" if len(files) > shown else ""
    return ", ".join(f"`{f}`" for f in files[:shown]) + more


def render_markdown(results: Sequence[LinkResult]) -> str:
    """The report as Markdown: a summary line, then one table per kind of finding."""
    counts = _counts(results)
    summary = ", ".join(f"{counts[s.value]} {s.value}" for s in LinkStatus if counts[s.value])
    lines = [
        "# Link check",
        "",
        f"Checked {len(results)} URLs: {summary or 'none'}.",
        "",
        "URLs with a replacement can be rewritten after review: save the JSON report"
        " (`civicrun data links --format json --output links.json`), delete the replacements"
        " you do not want, then run `civicrun data links --rewrite links.json` and"
        " `civicrun data check`.",
    ]
    for status, heading in HEADINGS.items():
        found = [r for r in results if r.status is status]
        if not found:
            continue
        lines += ["", f"## {heading}: {len(found)}", "", "| URL | answer | now | in |"]
        lines.append("| --- | --- | --- | --- |")
        for r in found:
            answer = r.error or " → ".join(
                [*(str(h.status) for h in r.redirects), str(r.http_status)]
            )
            now = r.replacement or r.final_url or ""
            lines.append(
                f"| {_cell(r.url)} | {_cell(answer)} | {_cell(now)} | {_cell(_where(r.where))} |"
            )
    return "\n".join(lines) + "\n"


def _replacements(report: Any) -> dict[str, str]:
    """The ``url -> replacement`` pairs a reviewed JSON report keeps."""
    items = report.get("results") if isinstance(report, dict) else None
    if not isinstance(items, list):
        raise InvalidArgumentError(
            "a link report must be the JSON that `civicrun data links --format json` writes:"
            " an object with a list of results"
        )
    pairs: dict[str, str] = {}
    for item in items:
        old = item.get("url") if isinstance(item, dict) else None
        new = item.get("replacement") if isinstance(item, dict) else None
        if new is None:
            continue
        if not (isinstance(old, str) and isinstance(new, str)) or not new.startswith(
            ("http://", "https://")
        ):
            raise InvalidArgumentError(
                f"a link report's result must pair a url with an http(s) replacement, not {old!r}"
                f" with {str(new)[:200]!r}"
            )
        pairs[old] = new
    return pairs


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then move it over ``path`` in one step."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def rewrite(report: Any, files: Iterable[Path]) -> dict[Path, int]:
    """Write each reviewed replacement over its old URL in the record files.

    Only a TOML string whose whole value is the old URL changes (``url = "..."``,
    ``source = "..."``); a URL inside a longer text is left alone.

    Args:
        report: the JSON report (as loaded) after review.
        files: the record files to rewrite.

    Returns:
        The files changed, each with the number of strings replaced.

    Raises:
        InvalidArgumentError: the report is not a link report.
    """
    pairs = _replacements(report)
    if not pairs:
        return {}
    quoted = {json.dumps(old, ensure_ascii=False): new for old, new in pairs.items()}
    pattern = re.compile(r"(?<!\\)(" + "|".join(map(re.escape, quoted)) + r")")
    changed: dict[Path, int] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        new_text, count = pattern.subn(
            lambda m: json.dumps(quoted[m.group(1)], ensure_ascii=False), text
        )
        if count:
            tomllib.loads(new_text)  # still TOML: a string was swapped for a string
            _write_atomically(path, new_text)
            changed[path] = count
    return changed
