"""Crawl scope: no request reaches a private, loopback, link-local, multicast, reserved or
unspecified address, whatever a registry entry, a redirect or a DNS answer says.

Three layers, each enough alone for the case it covers:

- ``AddressGuardMiddleware`` (a downloader middleware) checks every request, redirects
  included (RedirectMiddleware sends them through the whole chain again): an IP literal
  is judged as it is, a name by every address it resolves to. A refused request fails
  with ``RefusedAddress``, which the spiders record as a crawl failure with the reason.
- ``GuardedResolver`` (Scrapy's ``TWISTED_DNS_RESOLVER``) is the resolver the HTTP handler
  connects through: it will not hand out a refused address, so a name that resolves
  differently between the check and the connection (DNS rebinding) still cannot reach one.
- ``browser_route_guard`` does the same for Chromium (``crawlers.spiders.council_browser``).

``OURSAY_ALLOW_PRIVATE_ADDRESSES`` (addresses or networks, comma-separated) lets the
local simulated sites of the tests and the demo through; it is empty by default and the
crawl logs a warning whenever it is not.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Iterable, Mapping, Sequence
from time import monotonic
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# A name's addresses are looked up once a minute at most: the resolver checks again at
# connection time anyway, so a short cache only saves lookups.
RESOLVE_CACHE_SECONDS = 60.0


class RefusedAddress(IgnoreRequest):
    """A request whose host is, or resolves to, an address the crawl must not reach."""


def address_kind(address: IPAddress) -> str | None:
    """What makes an address off limits ("a private address"), or None if it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:10.0.0.5 and 64:ff9b::/96-style wrappers reach the IPv4 address inside.
        inner = address.ipv4_mapped or address.sixtofour
        if inner is not None:
            return address_kind(inner)
    for kind, test in (
        ("an unspecified", address.is_unspecified),
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a private", address.is_private),
        ("a reserved", address.is_reserved),
    ):
        if test:
            return f"{kind} address"
    # The rest of what is not globally reachable: shared address space (100.64/10),
    # benchmarking and documentation ranges not covered above.
    return None if address.is_global else "a non-public address"


def parse_allowed(values: Iterable[str]) -> list[IPNetwork]:
    """Networks from the setting; ValueError naming the first entry that is not one."""
    networks: list[IPNetwork] = []
    for value in values:
        text = value.strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise ValueError(
                f"OURSAY_ALLOW_PRIVATE_ADDRESSES: {text!r} is not an address or network"
            ) from None
    return networks


def allowed_networks(settings: Any) -> list[IPNetwork]:
    return parse_allowed(settings.getlist("OURSAY_ALLOW_PRIVATE_ADDRESSES"))


def refusal(address: str, allowed: Sequence[IPNetwork] = ()) -> str | None:
    """Why ``address`` (an IP literal) is refused, or None when it may be fetched."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {address!r}"
    kind = address_kind(ip)
    if kind is None or any(ip in network for network in allowed if network.version == ip.version):
        return None
    return f"{kind} {ip}"


def literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


class AddressGuardMiddleware:
    """Refuses requests to addresses outside the public internet (see the module doc).

    Sits at 60, after Scrapy's offsite filter (50) and before robots.txt (100), so that
    not even a robots.txt request goes to a refused address.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        # Fails the crawl at start on a bad entry: never a guard that is silently off.
        self.allowed = allowed_networks(crawler.settings)
        self.resolver = Resolver(crawler.settings.getfloat("DNS_TIMEOUT", 60))
        if self.allowed:
            logger.warning(
                "crawl scope: private addresses allowed for local test sites: %s "
                "(OURSAY_ALLOW_PRIVATE_ADDRESSES)",
                ", ".join(str(n) for n in self.allowed),
            )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuardMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        why = await url_refusal(request.url, self.allowed, self.resolver)
        if why:
            self.crawler.stats.inc_value("oursay/scope/refused")
            logger.warning("%s: %s", request.url, why)
            raise RefusedAddress(why)


class Resolver:
    """Every address a name resolves to (asyncio's getaddrinfo, off the reactor thread),
    cached briefly; [] when it does not resolve (the download then fails on its own)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._resolved: dict[tuple[str, int], tuple[float, list[str]]] = {}

    async def __call__(self, host: str, port: int) -> list[str]:
        key = (host.lower(), port)
        cached = self._resolved.get(key)
        if cached and monotonic() - cached[0] < RESOLVE_CACHE_SECONDS:
            return cached[1]
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), self.timeout
            )
        except (OSError, TimeoutError, UnicodeError):
            return []
        addresses = sorted({str(info[4][0]) for info in infos})
        self._resolved[key] = (monotonic(), addresses)
        return addresses


async def url_refusal(
    url: str, allowed: Sequence[IPNetwork], resolve: Resolver, *, unresolved: bool = False
) -> str | None:
    """Why a URL must not be fetched ("refused: ..."), or None. Only http(s) URLs are
    judged; a name is refused when any of its addresses is (the connection may use any).
    ``unresolved``: also refuse a name that does not resolve here (the browser path,
    where Chromium would otherwise look it up again on its own)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname
    if literal(host):
        why = refusal(host, allowed)
        return f"refused: {why}" if why else None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None  # the download handler reports a bad port
    addresses = await resolve(host, port)
    if not addresses and unresolved:
        return f"refused: {host} does not resolve"
    for address in addresses:
        why = refusal(address, allowed)
        if why:
            return f"refused: {host} resolves to {why}"
    return None


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's default resolver, except that it never returns a refused address (the
    connection then fails with a DNS error naming the address)."""

    allowed: list[IPNetwork]

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> GuardedResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allowed = allowed_networks(crawler.settings)
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        def check(address: str) -> str:
            why = refusal(address, self.allowed)
            if why:
                # Twisted reports this as "no results"; the log keeps the reason.
                logger.warning("refused: %s resolves to %s", name, why)
                raise DNSLookupError(f"refused: {name} resolves to {why}")
            return address

        deferred: defer.Deferred[str] = super().getHostByName(name, timeout)
        return deferred.addCallback(check)


# --- the browser path --------------------------------------------------------------------

# Why the browser's own navigation was refused; read by the council spiders' errbacks.
BROWSER_REFUSED_META = "oursay_browser_refused"
# Schemes a page may use that never touch the network (Chromium's own PDF viewer loads
# from chrome:// and chrome-extension://).
_LOCAL_SCHEMES = ("data", "blob", "about", "chrome", "chrome-extension", "chrome-untrusted")


def _host_refusal(url: str, hosts: frozenset[str]) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or host not in hosts:
        return f"refused: {host or url} is not one of the council's own hosts"
    return None


def browser_route_guard(
    hosts: Iterable[str], allowed: Sequence[IPNetwork], resolver: Resolver
) -> Any:
    """A scrapy-playwright ``playwright_page_init_callback``: every request the page makes
    (the page, its scripts, images, frames, fetches) goes out only to the council's own
    hosts and never to a refused address; anything else is aborted.

    Playwright does not route the hops of a redirect (the browser's network stack follows
    them), so redirects are watched instead: a page whose navigation was redirected off
    the council's hosts fails with the reason (``BROWSER_REFUSED_META``), and Chromium
    itself is launched unable to resolve other names (``chromium_host_rules``).
    """
    own = frozenset(h.lower() for h in hosts if h)

    async def init(page: Any, request: Request) -> None:
        refused: list[str] = request.meta.setdefault(BROWSER_REFUSED_META, [])

        async def handle(route: Any, browser_request: Any) -> None:
            url = browser_request.url
            why = _host_refusal(url, own) or await url_refusal(
                url, allowed, resolver, unresolved=True
            )
            if why is None:
                await route.fallback()  # on to scrapy-playwright's own route handler
                return
            if browser_request.is_navigation_request() and browser_request.frame == page.main_frame:
                refused.append(why)
            logger.info("browser: aborted %s (%s)", url, why)
            await route.abort("blockedbyclient")

        def watch(browser_request: Any) -> None:
            if browser_request.redirected_from is None:
                return
            url = browser_request.url
            parts = urlsplit(url)
            why = _host_refusal(url, own)
            if why is None and parts.hostname and literal(parts.hostname):
                found = refusal(parts.hostname, allowed)
                why = f"refused: {found}" if found else None
            if why and browser_request.is_navigation_request():
                refused.append(f"{why} (redirected to {url})")

        await page.route("**", handle)
        page.on("request", watch)

    return init


HOST_RULES_SWITCH = "--host-resolver-rules="


def chromium_host_rules(hosts: Iterable[str], pinned: Mapping[str, str] | None = None) -> str:
    """A Chromium switch that makes every name but the councils' own unresolvable, so a
    redirect (which Playwright cannot intercept) cannot lead the browser to another name.

    With ``pinned`` (name -> checked address, from ``pinned_host_rules``) each council
    name is mapped to that address and Chromium never asks DNS at all: a name cannot
    answer a public address to the route guard and a private one to the browser. Names
    missing from ``pinned`` are then unresolvable too."""
    names = sorted({h.lower() for h in hosts if h})
    rules: list[str] = []
    if pinned is None:
        # IP literals need their EXCLUDE too: Chromium applies "MAP *" to them as well.
        rules = [f"EXCLUDE {name}" for name in names]
    else:
        for name in names:
            if literal(name):
                rules.append(f"EXCLUDE {name}")  # judged as it stands by the route guard
            elif name in pinned:
                address = pinned[name]
                rules.append(f"MAP {name} {f'[{address}]' if ':' in address else address}")
    # Specific MAP rules first: Chromium uses the first MAP rule that matches.
    return HOST_RULES_SWITCH + ", ".join([*rules, "MAP * ~NOTFOUND"])


async def pinned_host_rules(
    hosts: Iterable[str], allowed: Sequence[IPNetwork], resolver: Resolver
) -> tuple[str, dict[str, str]]:
    """The ``--host-resolver-rules`` switch for a browser launched now: each council name
    resolved once here and pinned to one of its addresses, provided none of them is refused
    (a refused or unresolvable name is left unresolvable); and why each name left out was
    left out."""
    names = sorted({h.lower() for h in hosts if h and not literal(h)})
    answers = await asyncio.gather(*(resolver(name, 443) for name in names))
    pinned: dict[str, str] = {}
    left_out: dict[str, str] = {}
    for name, addresses in zip(names, answers, strict=True):
        why = next((w for w in (refusal(a, allowed) for a in addresses) if w), None)
        if not addresses:
            left_out[name] = "does not resolve"
        elif why:
            left_out[name] = f"resolves to {why}"
        else:
            # IPv4 first: the address a plain connection would most likely use.
            pinned[name] = sorted(addresses, key=lambda a: (":" in a, a))[0]
    for name, why in left_out.items():
        logger.warning("browser: %s %s; the browser will not reach it", name, why)
    return chromium_host_rules(hosts, pinned), left_out
