"""The crawl scope in the real Chromium (crawlers.scope, browser path): council names are
pinned to addresses checked before launch, so Chromium never looks a name up itself; the
route guard refuses a council's own host when it is, or resolves to, a refused address,
and a name that does not resolve. Servers on loopback; no Scrapy in between."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from scrapy import Request

from crawlers.scope import (
    BROWSER_REFUSED_META,
    Resolver,
    browser_route_guard,
    chromium_host_rules,
    parse_allowed,
    pinned_host_rules,
)
from crawlers.sim.server import SimRequest, SimResponse, SimServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def site() -> Iterator[SimServer]:
    def app(request: SimRequest) -> SimResponse:
        return SimResponse(body="<html><body>council page</body></html>")

    with SimServer(app) as server:
        yield server


async def _visit(chromium: str, rules: str, urls: list[str]) -> list[str]:
    """Each URL opened in a fresh page of a Chromium launched with ``rules``: "ok" or the
    network error."""
    from playwright.async_api import Error, async_playwright

    seen = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=[rules, *ARGS], headless=True
        )
        try:
            for url in urls:
                page = await browser.new_page()
                try:
                    await page.goto(url, timeout=10_000)
                    seen.append("ok")
                except Error as error:
                    found = [w for w in str(error).split() if w.startswith("net::")]
                    seen.append(found[0] if found else str(error)[:200])
                await page.close()
        finally:
            await browser.close()
    return seen


def test_council_names_are_pinned_to_checked_addresses(chromium_path: str, site: SimServer) -> None:
    port = site.port
    resolver = Resolver(5)
    allowed = parse_allowed(["127.0.0.0/8", "::1"])
    rules, left_out = asyncio.run(pinned_host_rules(["localhost", "127.0.0.1"], allowed, resolver))
    assert left_out == {}
    assert "MAP localhost 127.0.0.1, " in rules or "MAP localhost [::1], " in rules
    assert "EXCLUDE 127.0.0.1, " in rules and rules.endswith(", MAP * ~NOTFOUND")
    seen = asyncio.run(_visit(chromium_path, rules, [f"http://localhost:{port}/"]))
    assert seen == ["ok"]
    assert [r.path for r in site.requests if r.path != "/favicon.ico"] == ["/"]

    # Without the allowance localhost resolves to a refused address: left unresolvable,
    # so the browser cannot reach it even if every route were let through.
    site.requests.clear()
    rules, left_out = asyncio.run(pinned_host_rules(["localhost"], [], resolver))
    assert left_out["localhost"].startswith("resolves to a loopback address")
    seen = asyncio.run(
        _visit(chromium_path, rules, [f"http://localhost:{port}/", f"http://127.0.0.1:{port}/"])
    )
    assert seen == ["net::ERR_NAME_NOT_RESOLVED", "net::ERR_NAME_NOT_RESOLVED"]
    assert site.requests == []


def test_chromium_uses_the_pinned_address_not_dns(chromium_path: str, site: SimServer) -> None:
    """``council.invalid`` has no DNS answer anywhere (RFC 2606): reaching the server
    through it shows Chromium took the pinned address and asked no resolver."""
    rules = chromium_host_rules(["council.invalid"], {"council.invalid": "127.0.0.1"})
    seen = asyncio.run(_visit(chromium_path, rules, [f"http://council.invalid:{site.port}/x"]))
    assert seen == ["ok"]
    assert [(r.path, r.headers.get("host")) for r in site.requests if r.path == "/x"] == [
        ("/x", f"council.invalid:{site.port}")
    ]
    # A name that was not pinned is not resolvable at all.
    seen = asyncio.run(_visit(chromium_path, rules, [f"http://elsewhere.invalid:{site.port}/"]))
    assert seen == ["net::ERR_NAME_NOT_RESOLVED"]


async def _guarded(
    chromium: str, page_url: str, hosts: list[str], allowed: list[str]
) -> tuple[list[str], Request]:
    """Opens ``page_url`` with the route guard installed; the URLs the page asked for that
    failed, and the Scrapy request whose meta the guard writes to."""
    from playwright.async_api import async_playwright

    guard = browser_route_guard(hosts, parse_allowed(allowed), Resolver(5))
    request = Request(page_url)
    failed: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, args=[chromium_host_rules(hosts), *ARGS], headless=True
        )
        try:
            page = await browser.new_page()
            await guard(page, request)
            page.on("requestfailed", lambda r: failed.append(r.url))
            try:
                await page.goto(page_url, timeout=10_000)
                await page.wait_for_load_state("networkidle", timeout=10_000)
            except Exception as error:  # the navigation itself may be refused
                failed.append(f"navigation: {type(error).__name__}")
        finally:
            await browser.close()
    return failed, request


def test_route_guard_checks_the_address_of_the_councils_own_hosts(
    chromium_path: str, caplog: pytest.LogCaptureFixture
) -> None:
    trap_hits: list[str] = []

    def trap(request: SimRequest) -> SimResponse:
        trap_hits.append(request.path)
        return SimResponse(body="internal", content_type="text/plain")

    with SimServer(trap, host="127.0.0.2") as internal:
        inside = f"http://127.0.0.2:{internal.port}"

        def app(request: SimRequest) -> SimResponse:
            body = (
                f'<html><body><img src="{inside}/beacon.gif">'
                f'<script>fetch("{inside}/api").catch(() => null);'
                'fetch("http://council-assets.invalid/x.js").catch(() => null)</script>'
                "</body></html>"
            )
            return SimResponse(body=body)

        with SimServer(app) as server:
            # 127.0.0.2 and council-assets.invalid are the council's "own" hosts here: the
            # host check lets them through, the address check must not.
            hosts = ["127.0.0.1", "127.0.0.2", "council-assets.invalid"]
            with caplog.at_level(logging.INFO, logger="crawlers.scope"):
                failed, request = asyncio.run(
                    _guarded(chromium_path, f"{server.url}/page", hosts, ["127.0.0.1/32"])
                )
            page_requests = [r.path for r in server.requests]
    assert trap_hits == []
    assert page_requests == ["/page"]
    assert f"{inside}/beacon.gif" in failed and f"{inside}/api" in failed
    messages = [r.getMessage() for r in caplog.records]
    assert f"browser: aborted {inside}/beacon.gif (refused: a loopback address 127.0.0.2)" in (
        messages
    )
    assert any(
        m.startswith("browser: aborted http://council-assets.invalid/x.js")
        and "does not resolve" in m
        for m in messages
    ), messages
    assert request.meta[BROWSER_REFUSED_META] == []  # the page itself was fetched


def test_route_guard_refuses_a_navigation_to_a_refused_own_host(chromium_path: str) -> None:
    hits: list[Any] = []

    def app(request: SimRequest) -> SimResponse:
        hits.append(request.path)
        return SimResponse(body="<html><body>secret</body></html>")

    with SimServer(app, host="127.0.0.2") as server:
        _, request = asyncio.run(
            _guarded(
                chromium_path,
                f"http://127.0.0.2:{server.port}/admin",
                ["127.0.0.2"],
                ["127.0.0.1/32"],
            )
        )
    assert hits == []
    assert request.meta[BROWSER_REFUSED_META] == ["refused: a loopback address 127.0.0.2"]
