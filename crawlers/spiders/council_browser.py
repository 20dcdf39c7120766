"""Firewall challenges, moved hosts and the browser path of the council spiders.

``ChallengeMiddleware`` and ``MovedHostMiddleware`` sit in the downloader (``CouncilSpider``
registers them); ``BrowserPath`` is the part of ``CouncilSpider`` that hands requests to
Chromium (scrapy-playwright) for councils behind a JavaScript challenge.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import shutil
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings

from crawlers.scope import BROWSER_REFUSED_META, RefusedAddress, chromium_host_rules
from crawlers.spiders.council_site import CouncilSite

if TYPE_CHECKING:
    from crawlers.spiders.council_base import CouncilSpider

# The logger name these lines had before the module was split out: log output unchanged.
logger = logging.getLogger("crawlers.spiders.council_base")

DEFAULT_CHROMIUM = "/usr/bin/chromium"


class FirewallChallenge(IgnoreRequest):
    """A firewall answered with a JavaScript challenge page instead of the site."""


# Only on challenge pages: their title, Cloudflare's challenge options, the wording.
_CHALLENGE_PAGE = re.compile(
    r"<title>\s*(?:just a moment|attention required|please wait|pardon our interruption)"
    r"|_cf_chl_opt|cf-browser-verification|checking your browser before accessing"
    r"|enable javascript and cookies to continue|incapsula incident id|sgcaptcha",
    re.IGNORECASE,
)
# Also on ordinary pages behind the same firewall (Cloudflare injects its challenge-platform
# script into normal pages): a sign of a challenge only on an error answer.
_CHALLENGE_HINT = re.compile(
    r"challenge-platform|cf-chl-|_incapsula_resource|ddos protection by", re.IGNORECASE
)


def looks_like_challenge(response: Response) -> bool:
    """A firewall's challenge page (Cloudflare "Just a moment...", Imperva/Incapsula,
    SiteGround captcha), not the council's site."""
    if len(response.body) > 200_000:
        return False
    head = response.body[:20_000].decode("utf-8", errors="replace")
    if "playwright" in response.flags:
        # The browser reports the status and headers of the page it first landed on (the
        # challenge); only what it ended up showing tells whether it got through.
        return bool(_CHALLENGE_PAGE.search(head))
    if response.headers.get(b"cf-mitigated", b"").lower() == b"challenge":
        return True
    if b"html" not in response.headers.get(b"Content-Type", b"").lower():
        return False
    if response.status in (403, 429, 503):
        return bool(_CHALLENGE_PAGE.search(head) or _CHALLENGE_HINT.search(head))
    return response.status in (200, 202) and bool(_CHALLENGE_PAGE.search(head))


# Fetches the page's own URL from inside the page and returns it base64-encoded, or only
# its size when over the cap (Chromium would show a PDF in its viewer, not hand it over).
FETCH_DOCUMENT_JS = """async (maxsize) => {
  if (!/^https?:/.test(location.href)) return null;
  const answer = await fetch(location.href, {credentials: "include"});
  const type = answer.headers.get("content-type");
  const length = parseInt(answer.headers.get("content-length") || "0", 10);
  if (maxsize && length > maxsize) return {type, too_large: length};
  const bytes = new Uint8Array(await answer.arrayBuffer());
  if (maxsize && bytes.length > maxsize) return {type, too_large: bytes.length};
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return {type, body: btoa(binary)};
}"""

# Resolves once the challenge has run its script and the browser is on the real page.
CHALLENGE_CLEARED_JS = (
    "() => document.readyState === 'complete' && "
    "!/just a moment|attention required|checking your browser|please wait/i"
    ".test(document.title)"
)


def _council_spider(spider: object) -> CouncilSpider | None:
    """The crawl's spider when it is a council spider (the middlewares leave others alone).
    Imported here, not at the top: ``council_base`` imports this module."""
    from crawlers.spiders.council_base import CouncilSpider

    return spider if isinstance(spider, CouncilSpider) else None


class ChallengeMiddleware:
    """Sends a challenged request through the browser (scrapy-playwright) when the browser
    path is on, and marks the council so that its later requests go there directly;
    otherwise the request fails with ``FirewallChallenge`` (recorded as a failure).

    Sits at 580, before the rate-limit middleware (560) sees the response, so that a 503
    challenge is not waited out as if it were a rate limit.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengeMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        spider = _council_spider(self.crawler.spider)
        if spider is None or request.url.startswith("data:"):
            return response
        challenged = looks_like_challenge(response)
        if request.meta.get("playwright"):
            refused = request.meta.get(BROWSER_REFUSED_META)
            if refused:
                raise RefusedAddress(refused[0])
            if challenged:
                raise FirewallChallenge(
                    f"firewall challenge (HTTP {response.status}): the browser did not get past it"
                )
            fetched = _fetched_in_page(request)
            if fetched is not None:
                return _raw_response(request, response, fetched)
            if response.status in (403, 429, 503):
                # The browser reports the status of the challenge page it first landed on;
                # what it returns is the page behind it.
                return response.replace(status=200)
            return response
        if not challenged:
            return response
        self.crawler.stats.inc_value("oursay/challenges")
        site = spider.site_for(request)
        if site is not None and spider.browser_available and not site.browser and (
            spider.browser_mode == "registry"
        ):
            raise FirewallChallenge(
                f"firewall challenge (HTTP {response.status}); browser path only for councils "
                "the registry marks browser=true"
            )
        if site is None or not spider.browser_available:
            raise FirewallChallenge(
                f"firewall challenge (HTTP {response.status}); browser path "
                f"{'off' if not spider.browser_available else 'not applicable'}"
            )
        if not site.use_browser:
            logger.info("%s: firewall challenge; switching to the browser path", site.key)
        site.use_browser = True
        return spider.via_browser(request, site, retry=True)


class MovedHost(IgnoreRequest):
    """A council page redirected to a host outside the crawl (the site has moved)."""


class MovedHostMiddleware:
    """Records a redirect off the council's hosts as a failure ("moved host"). Without it
    Scrapy drops the redirected request silently (offsite filtering happens when it is
    scheduled, and no errback hears of it). Sits at 605, before RedirectMiddleware (600)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MovedHostMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        spider = _council_spider(self.crawler.spider)
        location = response.headers.get(b"Location")
        if (
            spider is None
            or response.status not in (301, 302, 303, 307, 308)
            or not location
            or request.meta.get("dont_redirect")
        ):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        site = spider.site_for(request)
        if site is not None and not site.is_own(target):
            raise MovedHost(f"redirected to {target}")
        return response


def _fetched_in_page(request: Request) -> dict[str, Any] | None:
    for method in request.meta.get("playwright_page_methods") or ():
        result = getattr(method, "result", None)
        if getattr(method, "method", None) == "evaluate" and isinstance(result, dict):
            return result
    return None


def _raw_response(request: Request, response: Response, fetched: dict[str, Any]) -> Response:
    """The bytes the page fetched for itself, as the response Scrapy would have had."""
    if fetched.get("too_large"):
        limit = request.meta.get("download_maxsize", 0)
        # Worded like Scrapy's own message, so that errbacks treat both alike.
        raise DownloadCancelledError(
            f"Expected to receive {int(fetched['too_large'])} bytes which is larger than "
            f"download max size ({limit}) in request {request}."
        )
    body = base64.b64decode(fetched.get("body") or "")
    headers = Headers({"Content-Type": fetched.get("type") or "application/octet-stream"})
    cls = responsetypes.from_args(headers=headers, url=response.url, body=body)
    return cls(
        url=response.url,
        status=200,
        headers=headers,
        body=body,
        request=request,
        flags=response.flags,
    )


class BrowserPath:
    """The browser path of ``CouncilSpider``: turning it on for a crawl, and sending one
    council's requests through Chromium."""

    crawler: Crawler
    sites: dict[str, CouncilSite]
    browser_available: bool
    browser_mode: str
    document_maxsize: int
    _browser_guards: dict[str, Any]

    def _configure_browser(self, settings: BaseSettings) -> None:
        """Registers scrapy-playwright's download handlers; they fetch only requests with
        ``meta["playwright"]`` (councils flagged ``browser`` and challenged ones), every
        other request goes through Scrapy's own HTTP handler as usual."""
        mode = str(settings.get("OURSAY_BROWSER") or "auto").lower()
        self.browser_mode = mode
        chromium = os.environ.get("OURSAY_CHROMIUM") or DEFAULT_CHROMIUM
        found = bool(shutil.which(chromium)) or os.path.exists(chromium)
        wanted = any(s.browser for s in self.sites.values()) or mode in ("auto", "on")
        if mode == "off" or not wanted:
            return
        if not found:
            logger.warning("browser path unavailable: no Chromium at %s", chromium)
            return
        self.browser_available = True
        for site in self.sites.values():
            site.use_browser = site.browser
        # scrapy-playwright's handler, with per-host certificate checks for the requests
        # it hands to plain HTTP (crawlers.tls).
        handler = "crawlers.tls.PerHostTLSPlaywrightHandler"
        settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, "spider")
        hosts = sorted({h for s in self.sites.values() for h in s.hosts if h})
        # The handler resolves, checks and pins these when it launches Chromium; the
        # switch below (no name resolvable but these) is what it starts from.
        settings.set("OURSAY_BROWSER_HOSTS", hosts, "spider")
        settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", "spider")
        settings.set(
            "PLAYWRIGHT_LAUNCH_OPTIONS",
            {
                "executable_path": chromium,
                "headless": True,
                "args": [
                    chromium_host_rules(hosts),
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    # WebRTC's UDP goes to IP addresses without the resolver or the routes.
                    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                    "--disable-component-update",
                    "--no-first-run",
                    "--disable-sync",
                ],
            },
            "spider",
        )
        # One browser page per council at a time is as polite as the HTTP path.
        settings.set("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT", 2, "spider")
        timeout_ms = settings.getfloat("DOWNLOAD_TIMEOUT", 60) * 1000
        settings.set("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT", timeout_ms, "spider")

    def via_browser(self, request: Request, site: CouncilSite, *, retry: bool = False) -> Request:
        """The request, fetched by Chromium. ``retry``: the same request again after a
        challenge (so the duplicate filter must let it through)."""
        from scrapy_playwright.page import PageMethod

        timeout_ms = self.crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 60) * 1000
        methods = [PageMethod("wait_for_function", CHALLENGE_CLEARED_JS, timeout=timeout_ms)]
        if "document_fetch" in request.meta or request.meta.get("raw_body"):
            # Chromium shows a PDF in its viewer and XML in its tree view instead of handing
            # over the bytes: fetch them from inside the page (same origin, same cookies),
            # capped like downloads. ChallengeMiddleware puts them in the response.
            maxsize = request.meta.get("download_maxsize") or self.document_maxsize
            methods.append(PageMethod("evaluate", FETCH_DOCUMENT_JS, maxsize))
        meta = {
            **request.meta,
            "playwright": True,
            # One browser context per council: its cookies (the challenge's clearance)
            # are kept for its later pages.
            "playwright_context": f"council-{site.key}",
            "playwright_context_kwargs": {
                "ignore_https_errors": not site.verify_tls,
                # A service worker's own fetches would not pass the route guard.
                "service_workers": "block",
            },
            # Only the council's own hosts, never a refused address (crawlers.scope).
            "playwright_page_init_callback": self._browser_guard(site),
            "playwright_page_methods": methods,
        }
        return request.replace(meta=meta, dont_filter=retry or request.dont_filter)

    def _browser_guard(self, site: CouncilSite) -> Any:
        guard = self._browser_guards.get(site.key)
        if guard is None:
            from crawlers.scope import Resolver, allowed_networks, browser_route_guard

            settings = self.crawler.settings
            guard = browser_route_guard(
                site.hosts,
                allowed_networks(settings),
                Resolver(settings.getfloat("DNS_TIMEOUT", 60)),
            )
            self._browser_guards[site.key] = guard
        return guard
