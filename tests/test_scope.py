"""Crawl scope (crawlers.scope): no request reaches a private, loopback, link-local,
multicast, reserved or unspecified address, whether the registry names it, a name
resolves to it or a redirect leads there. Real crawls against servers on loopback, with
the tests' loopback allowance (conftest) narrowed or removed; a second server on 127.0.0.2
is the "internal service" that must never be reached."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_council_crawl import WINDOW, crawl, kinds, rows, write_councils

from crawlers.scope import address_kind, parse_allowed, refusal
from crawlers.sim.moderngov import ModernGovSim
from crawlers.sim.procurement import serve_fts_sample
from crawlers.sim.server import SimRequest, SimResponse, SimServer

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.0.0.5", "a private address"),
        ("172.16.3.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("240.0.0.1", "a private address"),  # reserved, and Python files it as private too
        ("0.0.0.0", "an unspecified address"),
        ("100.64.0.1", "a non-public address"),  # carrier-grade NAT
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fd12:3456::1", "a private address"),
        ("ff02::1", "a multicast address"),
        ("::ffff:10.0.0.5", "a private address"),  # IPv4-mapped: the IPv4 address inside
        ("::ffff:169.254.169.254", "a link-local address"),
        ("2002:7f00:1::", "a loopback address"),  # 6to4 wrapping 127.0.0.1
        ("8.8.8.8", None),
        ("151.101.0.81", None),
        ("2a00:1450:4009:81f::200e", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    import ipaddress

    assert address_kind(ipaddress.ip_address(address)) == kind


def test_an_allowance_lets_only_its_own_networks_through() -> None:
    loopback = parse_allowed(["127.0.0.1"])
    assert refusal("127.0.0.1", loopback) is None
    assert refusal("127.0.0.2", loopback) == "a loopback address 127.0.0.2"
    assert refusal("10.0.0.5", loopback) == "a private address 10.0.0.5"
    assert refusal("::1", loopback) == "a loopback address ::1"
    with pytest.raises(ValueError, match="'nonsense' is not an address or network"):
        parse_allowed(["127.0.0.0/8", "nonsense"])


def test_a_bad_allowance_stops_the_crawl_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *[sys.executable, "-m", "oursay", "crawl", "find-a-tender", "--create"],
            *["--base-url", "http://127.0.0.1:9", "--set", "OURSAY_ALLOW_PRIVATE_ADDRESSES=x/y"],
        ],
        cwd=REPO,
        env={**os.environ, "OURSAY_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "oursay crawl: error: OURSAY_ALLOW_PRIVATE_ADDRESSES: 'x/y' is not an address or network"
    ]


@pytest.fixture
def no_allowance(monkeypatch: pytest.MonkeyPatch) -> None:
    """The production default: nothing private is allowed."""
    monkeypatch.setenv("OURSAY_ALLOW_PRIVATE_ADDRESSES", "")


@pytest.fixture
def trap() -> Iterator[SimServer]:
    """An "internal service" on 127.0.0.2 that nothing in these tests may reach."""

    def app(request: SimRequest) -> SimResponse:
        return SimResponse(body="internal secret", content_type="text/plain")

    with SimServer(app, host="127.0.0.2") as server:
        yield server


@pytest.mark.slow
@pytest.mark.usefixtures("no_allowance")
def test_a_council_registered_on_a_loopback_address_is_refused(tmp_path: Path) -> None:
    with SimServer(ModernGovSim(huge_bytes=3_000_000)) as server:
        councils = write_councils(
            tmp_path / "councils.csv",
            [{"code": "ZZL", "name": "Loopback (sample)", "platform": "moderngov",
              "base_url": server.url}],
        )  # fmt: skip
        database = tmp_path / "oursay.db"
        result = crawl("moderngov", database, councils, "--council", "ZZL", *WINDOW)
        requests = list(server.requests)
    assert result.returncode == 4, result.stderr[-3000:]  # nothing collected
    assert requests == []  # not even robots.txt
    reasons = {r for (r,) in rows(database, "select reason from crawl_failures")}
    assert reasons == {"refused: a loopback address 127.0.0.1"}


@pytest.mark.slow
@pytest.mark.usefixtures("no_allowance")
def test_a_name_that_resolves_to_loopback_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "oursay.db"
    with serve_fts_sample() as server:
        result = subprocess.run(
            [
                *[sys.executable, "-m", "oursay", "crawl", "find-a-tender", "--create"],
                *["--base-url", f"http://localhost:{server.port}"],
                *["--since", "2025-03-01", "--until", "2025-03-02"],
                *["--set", "DOWNLOAD_DELAY=0", "--set", "RETRY_TIMES=0"],
            ],
            cwd=REPO,
            env={**os.environ, "OURSAY_DATABASE_URL": f"sqlite:///{database}"},
            capture_output=True,
            text=True,
            timeout=90,
        )
        requests = list(server.requests)
    assert result.returncode == 4, result.stderr[-3000:]
    assert requests == []
    with sqlite3.connect(database) as connection:
        reasons = connection.execute("select reason from crawl_failures").fetchall()
    assert reasons and all(
        r.startswith("refused: localhost resolves to a loopback address ") for (r,) in reasons
    ), reasons


# A spider of the tests' own: it asks for each path and writes what became of it, so that
# redirects to every kind of address can be tried in one real crawl with the project's
# settings (middlewares, resolver) and nothing else.
PROBE_SPIDER = '''
import json
import scrapy

class Probe(scrapy.Spider):
    name = "probe"

    def __init__(self, base, paths, out, **kwargs):
        super().__init__(**kwargs)
        self.base, self.paths, self.out, self.seen = base, paths.split(","), out, {}

    async def start(self):
        for path in self.paths:
            yield scrapy.Request(self.base + path, callback=self.ok, errback=self.failed,
                                 cb_kwargs={"path": path}, dont_filter=True)

    def ok(self, response, path):
        self.seen[path] = "fetched: " + response.text[:40]

    def failed(self, failure):
        path = failure.request.cb_kwargs["path"]
        self.seen[path] = f"{failure.type.__name__}: {failure.getErrorMessage()}"

    def closed(self, reason):
        with open(self.out, "w") as handle:
            json.dump(self.seen, handle)
'''


def probe(tmp_path: Path, base: str, paths: list[str], *settings: str) -> dict[str, str]:
    spider = tmp_path / "probe.py"
    spider.write_text(PROBE_SPIDER)
    out = tmp_path / "seen.json"
    command = [sys.executable, "-m", "scrapy", "runspider", str(spider)]
    command += ["-a", f"base={base}", "-a", f"paths={','.join(paths)}", "-a", f"out={out}"]
    for setting in ["ITEM_PIPELINES={}", "RETRY_TIMES=0", "DOWNLOAD_DELAY=0", *settings]:
        command += ["-s", setting]
    result = subprocess.run(
        command, cwd=REPO, env=dict(os.environ), capture_output=True, text=True, timeout=90
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen: dict[str, str] = json.loads(out.read_text())
    return seen


@pytest.mark.slow
def test_every_redirect_is_checked(
    tmp_path: Path, trap: SimServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only the first server's own address is allowed: its redirects lead elsewhere.
    monkeypatch.setenv("OURSAY_ALLOW_PRIVATE_ADDRESSES", "127.0.0.1")
    targets = {
        "/to-trap": f"http://127.0.0.2:{trap.port}/secret",
        "/to-private": "http://10.0.0.5/admin",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-v6-loopback": f"http://[::1]:{trap.port}/secret",
        "/to-mapped": f"http://[::ffff:127.0.0.2]:{trap.port}/secret",
        "/to-unspecified": f"http://0.0.0.0:{trap.port}/secret",
        "/twice": "/to-trap",  # a redirect to a redirect: each hop is checked
    }

    def app(request: SimRequest) -> SimResponse:
        if request.path in targets:
            return SimResponse(status=302, headers={"Location": targets[request.path]})
        return SimResponse(body="public page", content_type="text/plain")

    with SimServer(app) as server:
        seen = probe(tmp_path, server.url, ["/page", *targets])
    assert trap.requests == []
    assert seen == {
        "/page": "fetched: public page",
        "/to-trap": "RefusedAddress: refused: a loopback address 127.0.0.2",
        "/to-private": "RefusedAddress: refused: a private address 10.0.0.5",
        "/to-metadata": "RefusedAddress: refused: a link-local address 169.254.169.254",
        "/to-v6-loopback": "RefusedAddress: refused: a loopback address ::1",
        "/to-mapped": "RefusedAddress: refused: a loopback address ::ffff:7f00:2",
        "/to-unspecified": "RefusedAddress: refused: an unspecified address 0.0.0.0",
        "/twice": "RefusedAddress: refused: a loopback address 127.0.0.2",
    }


@pytest.mark.slow
@pytest.mark.usefixtures("no_allowance")
def test_the_resolver_refuses_even_without_the_middleware(tmp_path: Path) -> None:
    """A name that resolves differently between the middleware's check and the connection
    (DNS rebinding) meets the resolver: shown here with the middleware taken out."""

    def app(request: SimRequest) -> SimResponse:
        return SimResponse(body="internal secret", content_type="text/plain")

    with SimServer(app) as server:
        seen = probe(
            tmp_path,
            f"http://localhost:{server.port}",
            ["/secret"],
            'DOWNLOADER_MIDDLEWARES={"crawlers.scope.AddressGuardMiddleware": null}',
            "ROBOTSTXT_OBEY=False",
        )
        requests = list(server.requests)
    assert requests == []
    # Twisted keeps only "no results" of the resolver's reason; the log has the reason.
    assert seen == {
        "/secret": "CannotResolveHostError: DNS lookup failed: "
        "no results for hostname lookup: localhost."
    }


@pytest.mark.slow
@pytest.mark.browser
def test_the_browser_reaches_only_the_councils_own_host(
    chromium_path: str, tmp_path: Path, trap: SimServer
) -> None:
    """Council pages fetched by Chromium: the page's third-party scripts, images and frames
    are aborted, and a redirect off the council's host fails the fetch with the reason."""
    sim = ModernGovSim(huge_bytes=3_000_000)
    elsewhere = f"http://127.0.0.2:{trap.port}"
    injected = (
        f'<img src="{elsewhere}/beacon.gif"><script src="{elsewhere}/tracker.js"></script>'
        '<iframe src="http://169.254.169.254/latest/meta-data/"></iframe>'
        '<script>fetch("http://10.0.0.5/admin").catch(() => null)</script>'
    )

    def app(request: SimRequest) -> SimResponse:
        if request.path.startswith("/documents/s2003/"):
            return SimResponse(status=302, headers={"Location": f"{elsewhere}/stolen.pdf"})
        response = sim(request)
        if "html" in response.content_type:
            body = response.body if isinstance(response.body, str) else response.body.decode()
            response.body = body.replace("</body>", injected + "</body>")
        return response

    database = tmp_path / "oursay.db"
    with SimServer(app) as server:
        councils = write_councils(
            tmp_path / "councils.csv",
            [{"code": "ZZB", "name": "Browser (sample)", "platform": "moderngov",
              "base_url": server.url, "browser": "true"}],
        )  # fmt: skip
        result = subprocess.run(
            [
                *[sys.executable, "-m", "scrapy", "crawl", "moderngov", "-a", "council=ZZB"],
                *["-a", "parts=decisions", "-a", "since=2026-01-01", "-a", "until=2026-06-30"],
                *["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
                *["-s", "DOWNLOAD_MAXSIZE=2000000", "-s", "OURSAY_BROWSER=auto"],
            ],
            cwd=REPO,
            env={
                **os.environ,
                "OURSAY_DATABASE_URL": f"sqlite:///{database}",
                "OURSAY_EXTRA_COUNCILS": str(councils),
                "OURSAY_CHROMIUM": chromium_path,
                "OURSAY_LOG_LEVEL": "INFO",
            },
            capture_output=True,
            text=True,
            timeout=110,
        )
        requests = list(server.requests)
    assert result.returncode == 0, result.stderr[-3000:]
    assert trap.requests == []
    assert len(requests) > 10
    assert "browser: aborted http://127.0.0.2" in result.stderr
    assert "browser: aborted http://169.254.169.254/" in result.stderr
    assert "browser: aborted http://10.0.0.5/admin" in result.stderr
    assert "'playwright/page_count'" in result.stderr  # the pages did go through Chromium
    assert kinds(database)["decision"] == 6
    documents = rows(database, "select url, status, error from documents where url like ?",
                     "%/s2003/%")  # fmt: skip
    assert documents and all(status == "skipped" for _, status, _ in documents)
    assert all(
        error.startswith("refused: 127.0.0.2 is not one of the council's own hosts")
        and f"(redirected to {elsewhere}/stolen.pdf)" in error
        for _, _, error in documents
    ), documents
