"""`civicrun data links`: every case a real server can answer, served on 127.0.0.1 only.

A local server answers 200, a 301 to another host name (localhost for 127.0.0.1), a 308 on the
same site, a 302, 404, 410, 500, a redirect loop, a redirect without a Location, a request it
never answers (a short, bounded timeout) and an http URL that redirects to https. With the
``cryptography`` package installed, a second server speaks TLS with a certificate made here;
without it, the upgrade is detected from the redirect alone, the https URL never fetched.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from civicrun import _links
from civicrun._links import Hop, LinkChecker, LinkStatus, _Chain, _HostSlots, classify
from civicrun.cli import main
from civicrun.errors import InvalidArgumentError

LOOPBACK = frozenset({"127.0.0.1", "localhost"})
TIMEOUT = 0.3  # seconds the checker waits in these tests: the /slow page outwaits it


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any address but 127.0.0.1 and localhost fails the test (and no proxy is consulted)."""
    real = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in LOOPBACK:
            pytest.fail(f"the link tests tried to reach {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    tls_port = 0
    release: threading.Event
    seen: list[tuple[str, str]]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *_args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.server.seen.append((self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]
        routes: dict[str, tuple[int, str | None]] = {
            "/ok": (200, None),
            "/missing": (404, None),
            "/gone": (410, None),
            "/broken": (500, None),
            "/moved-away": (301, f"http://localhost:{port}/ok"),
            "/moved-here": (308, "/ok"),
            "/for-now": (302, "/ok"),
            "/loop": (302, "/loop"),
            "/no-location": (301, None),
            "/upgrade": (301, f"https://127.0.0.1:{self.server.tls_port or 9}/ok"),
        }
        if self.path == "/slow":
            self.server.release.wait(5)  # bounded: the fixture releases it at teardown
            return
        status, location = routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _serve(server: _Server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return thread


def _certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1, if the cryptography package is installed."""
    try:
        import ipaddress

        from cryptography import x509  # type: ignore[import-not-found,unused-ignore]
        from cryptography.hazmat.primitives import (  # type: ignore[import-not-found,unused-ignore]
            hashes,
            serialization,
        )
        from cryptography.hazmat.primitives.asymmetric import (  # type: ignore[import-not-found,unused-ignore]
            ec,
        )
        from cryptography.x509.oid import NameOID  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The plain server's base URL and, with cryptography, a TLS server and a client context."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.release, server.seen = threading.Event(), []
    servers = [server]
    context = None
    files = _certificate(tmp_path_factory.mktemp("tls"))
    if files:
        tls = _Server(("127.0.0.1", 0), _Handler)
        tls.release, tls.seen = server.release, []
        server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_side.load_cert_chain(*files)
        tls.socket = server_side.wrap_socket(tls.socket, server_side=True)
        server.tls_port = tls.tls_port = tls.server_address[1]
        servers.append(tls)
        context = ssl.create_default_context(cafile=str(files[0]))
    threads = [_serve(s) for s in servers]
    yield {
        "base": f"http://127.0.0.1:{server.server_address[1]}",
        "tls": f"https://127.0.0.1:{server.tls_port}" if files else None,
        "context": context,
        "seen": server.seen,
    }
    server.release.set()
    for s in servers:
        s.shutdown()
        s.server_close()
    for thread in threads:
        thread.join(5)


def _checker(site: dict[str, Any]) -> LinkChecker:
    return LinkChecker(
        workers=4,
        timeout=TIMEOUT,
        per_host_interval=0,
        max_redirects=3,
        ssl_context=site["context"],
        proxies={},
    )


class TestAgainstALocalServer:
    def test_every_case(self, site: dict[str, Any]) -> None:
        """Each page the server answers is classified as a person reviewing links would."""
        base = site["base"]
        urls = {f"{base}{p}": (f"x.toml $.p{n}",) for n, p in enumerate(_PAGES)}
        results = {r.url.removeprefix(base): r for r in _checker(site).check(urls)}
        assert _PAGES == {p: r.status for p, r in results.items()}
        assert f"http://localhost:{base.rsplit(':', 1)[1]}/ok" == results["/moved-away"].replacement
        assert [Hop(301, f"http://localhost:{base.rsplit(':', 1)[1]}/ok")] == list(
            results["/moved-away"].redirects
        )
        assert f"{base}/ok" == results["/moved-here"].replacement
        assert results["/for-now"].replacement is None
        assert 404 == results["/missing"].http_status
        assert "answered 500" == results["/broken"].error
        assert "more than 3 redirects" == results["/loop"].error
        assert "301 without a Location" == results["/no-location"].error
        assert "timed out" in (results["/slow"].error or "")
        assert ("x.toml $.p0",) == results["/ok"].where

    def test_polite_requests(self, site: dict[str, Any]) -> None:
        """Every request names the project in its User-Agent."""
        _checker(site).check({f"{site['base']}/ok": ()})
        agents = {agent for path, agent in site["seen"] if path == "/ok"}
        assert {"civicrun-link-check (+https://github.com/civicrun/civicrun)"} == agents

    def test_tls_upgrade(self, site: dict[str, Any]) -> None:
        """http that redirects to https on the same host is an upgrade; https itself is ok."""
        if site["tls"] is None:
            pytest.skip("cryptography is not installed: test_upgrade_without_fetching covers it")
        results = _checker(site).check({f"{site['base']}/upgrade": (), f"{site['tls']}/ok": ()})
        assert [LinkStatus.UPGRADE, LinkStatus.OK] == [r.status for r in results]
        assert f"{site['tls']}/ok" == results[0].replacement

    def test_upgrade_without_fetching(self, site: dict[str, Any]) -> None:
        """The redirect to https alone shows the upgrade: the https URL is never fetched."""
        fetched: list[str] = []

        class Offline(LinkChecker):
            def _request(self, url: str) -> tuple[int, str | None]:
                if url.startswith("https://"):
                    fetched.append(url)
                    return 200, None
                return super()._request(url)

        checker = Offline(timeout=TIMEOUT, per_host_interval=0, proxies={})
        (result,) = checker.check({f"{site['base']}/upgrade": ()})
        assert LinkStatus.UPGRADE == result.status
        assert fetched == [result.replacement]
        assert "127.0.0.1" in fetched[0]


_PAGES = {
    "/ok": LinkStatus.HTTP_ONLY,  # answers over http; its https form does not answer
    "/missing": LinkStatus.DEAD,
    "/gone": LinkStatus.DEAD,
    "/broken": LinkStatus.ERROR,
    "/moved-away": LinkStatus.OTHER_DOMAIN,
    "/moved-here": LinkStatus.MOVED,
    "/for-now": LinkStatus.HTTP_ONLY,  # a temporary redirect to a page only on http
    "/loop": LinkStatus.ERROR,
    "/no-location": LinkStatus.ERROR,
    "/slow": LinkStatus.ERROR,
}


class TestClassify:
    """The rules, on recorded answers."""

    def test_https_answer_is_ok(self) -> None:
        """An https URL that answers 200 is ok."""
        assert LinkStatus.OK == classify("https://a.org/", _Chain((), "https://a.org/", 200)).status

    def test_temporary_redirect_is_kept(self) -> None:
        """A 302 on the same site is reported but not replaced."""
        chain = _Chain((Hop(302, "https://a.org/b"),), "https://a.org/b", 200)
        result = classify("https://a.org/", chain)
        assert (LinkStatus.REDIRECTED, None) == (result.status, result.replacement)

    def test_www_is_the_same_site(self) -> None:
        """Adding or dropping www. is a move on the same site, not another domain."""
        chain = _Chain((Hop(301, "https://www.a.org/"),), "https://www.a.org/", 200)
        assert LinkStatus.MOVED == classify("https://a.org/", chain).status

    def test_https_form_answering_is_an_upgrade(self) -> None:
        """An http URL whose https form answers gets that form as its replacement."""
        result = classify(
            "http://a.org/x", _Chain((), "http://a.org/x", 200), _Chain((), "https://a.org/x", 200)
        )
        assert (LinkStatus.UPGRADE, "https://a.org/x") == (result.status, result.replacement)

    def test_temporary_move_elsewhere_is_not_rewritten(self) -> None:
        """A 302 to another domain is reported for review with no replacement."""
        chain = _Chain((Hop(302, "https://b.org/"),), "https://b.org/", 200)
        result = classify("https://a.org/", chain)
        assert (LinkStatus.OTHER_DOMAIN, None) == (result.status, result.replacement)


class TestPoliteness:
    def test_requests_to_one_host_are_spaced(self) -> None:
        """A second request to a host waits for the interval; another host does not wait."""
        now, slept = [0.0], list[float]()
        slots = _HostSlots(1.5, clock=lambda: now[0], sleep=slept.append)
        for host in ("a", "a", "b", "a"):
            slots.wait(host)
        assert [1.5, 3.0] == slept

    def test_hosts_take_turns(self) -> None:
        """The pool is fed host by host in turn."""
        urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1"]
        expected = ["http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://a/3"]
        assert expected == _links._interleave(urls)

    def test_bad_limits_are_refused(self) -> None:
        """A pool of no workers or a zero timeout is a civicrun error."""
        with pytest.raises(InvalidArgumentError, match="workers must be at least 1"):
            LinkChecker(workers=0)


RECORD = """\
id = "example"
url = "{old}"
notes = ["The old page was {old} until 2024."]

[[serves]]
field = "gender"
one_of = ["woman"]
source = "{old}"

[[sources]]
url = "{old}"
read = 2026-12-01

[[sources]]
url = "{old}/deeper"
read = 2026-12-01
"""


class TestCollectAndRewrite:
    def test_collects_every_url_with_where(self, tmp_path: Path) -> None:
        """Each url and source string is found once, with every place it appears."""
        file = tmp_path / "example.toml"
        file.write_text(RECORD.format(old="http://a.org"), encoding="utf-8")
        found = _links.collect_urls([file], tmp_path)
        assert {
            "http://a.org": (
                "example.toml $.url",
                "example.toml $.serves[0].source",
                "example.toml $.sources[0].url",
            ),
            "http://a.org/deeper": ("example.toml $.sources[1].url",),
        } == found

    def test_collects_the_shipped_data(self) -> None:
        """Every url and source of the shipped records is collected: organizations, states, their
        election offices, office categories."""
        import civicrun
        from civicrun._data import data_root

        root = Path(str(data_root()))
        files = sorted(root.glob("*/*.toml"))
        found = _links.collect_urls(files, root)
        wanted = {o.url for o in civicrun.organizations() if o.url}
        wanted |= {s.url for o in civicrun.organizations() for s in o.sources}
        wanted |= {s.url for st in civicrun.states() for s in st.sources}
        wanted |= {o.url for st in civicrun.states() for o in st.election_offices if o.url}
        chiefs = [st.chief_election_office for st in civicrun.states()]
        wanted |= {chief.url for chief in chiefs if chief is not None and chief.url}
        wanted |= {s.url for office in civicrun.office_categories() for s in office.sources}
        assert set() == wanted - set(found)
        assert any(w.startswith("states/") for where in found.values() for w in where)

    def test_rewrite_replaces_exact_strings_only(self, tmp_path: Path) -> None:
        """The url and the rule's source change; the note's text and a longer URL do not."""
        file = tmp_path / "example.toml"
        file.write_text(RECORD.format(old="http://a.org"), encoding="utf-8")
        report = {"results": [{"url": "http://a.org", "replacement": "https://b.org/"}]}
        assert {file: 3} == _links.rewrite(report, [file])
        assert RECORD.format(old="https://b.org/").replace(
            "https://b.org//deeper", "http://a.org/deeper"
        ).replace("was https://b.org/ until", "was http://a.org until") == file.read_text(
            encoding="utf-8"
        )
        assert [file] == list(tmp_path.iterdir()), "no temporary file is left behind"

    def test_reviewed_out_replacements_are_kept(self, tmp_path: Path) -> None:
        """A result whose replacement the reviewer set to null changes nothing."""
        file = tmp_path / "example.toml"
        file.write_text(RECORD.format(old="http://a.org"), encoding="utf-8")
        report = {"results": [{"url": "http://a.org", "replacement": None}]}
        assert {} == _links.rewrite(report, [file])

    @pytest.mark.parametrize(
        "report",
        [[], {"results": "x"}, {"results": [{"url": "http://a.org", "replacement": "ftp://x"}]}],
    )
    def test_a_bad_report_is_refused(self, report: Any, tmp_path: Path) -> None:
        """Anything but a link report is a civicrun error naming what was expected."""
        with pytest.raises(InvalidArgumentError, match="link report"):
            _links.rewrite(report, [])


class TestCommand:
    def test_check_then_review_then_rewrite(
        self, site: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`data links` reports (exit 1: a dead link), and `--rewrite` applies the JSON report."""
        base = site["base"]
        folder = tmp_path / "records"
        folder.mkdir()
        file = folder / "example.toml"
        file.write_text(
            f'id = "x"\nurl = "{base}/moved-here"\n\n[[sources]]\nurl = "{base}/gone"\n',
            encoding="utf-8",
        )
        options = ["--workers", "2", "--timeout", str(TIMEOUT), "--per-host-interval", "0"]
        report = tmp_path / "links.json"
        outputs = ["--output", str(tmp_path / "links.md"), "--json-output", str(report)]
        code = main(["data", "links", str(folder), *options, *outputs])
        assert 1 == code
        markdown = (tmp_path / "links.md").read_text(encoding="utf-8")
        assert "## Dead (404 or 410): 1" in markdown
        assert "## Moved (a permanent redirect on the same site): 1" in markdown
        data = json.loads(report.read_text(encoding="utf-8"))
        assert {"dead": 1, "moved": 1} == {k: v for k, v in data["counts"].items() if v}
        capsys.readouterr()
        assert 0 == main(["data", "links", str(folder), "--rewrite", str(report)])
        assert f"rewrote 1 URL(s) in {file}" in capsys.readouterr().out
        assert f'url = "{base}/ok"' in file.read_text(encoding="utf-8")

    def test_workflow_runs_it_weekly(self) -> None:
        """The scheduled workflow runs the command and files the report as an issue."""
        workflow = Path(__file__).parent.parent / ".github" / "workflows" / "links.yml"
        if not workflow.exists():
            pytest.skip(".github/ not present")
        text = workflow.read_text(encoding="utf-8")
        for needed in ("cron:", "workflow_dispatch:", "civicrun data links", "gh issue create"):
            assert needed in text
