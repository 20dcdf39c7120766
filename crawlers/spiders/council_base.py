"""What every council-site spider (ModernGov, CMIS) shares.

``CouncilSpider`` turns the council registry
into one ``CouncilSite`` per council, keeps each crawl on the councils' own hosts, handles
firewall challenges (the browser path), per-council TLS and browser flags, document
downloads (``crawlers.documents``) and the per-council checkpoint.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import shutil
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree
from parsel import Selector
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from crawlers.dates import uk_date, uk_dates  # noqa: F401  (re-exported for the spiders)
from crawlers.documents import DocumentDownloads, PreviousRecord, html_to_text, listing_signature
from crawlers.items import CheckpointItem, FailureItem, RecordItem
from crawlers.scope import BROWSER_REFUSED_META, RefusedAddress, chromium_host_rules
from crawlers.spiders.base import LONDON, BaseSpider, parse_when
from crawlers.urls import canonical_url

logger = logging.getLogger(__name__)

# Decisions are often published days or weeks after they are taken: a run without --since
# starts this far before the council's checkpoint, so late publications are not missed.
CHECKPOINT_OVERLAP = timedelta(days=14)
# A council with no checkpoint and no --since: this much history on the first run.
DEFAULT_LOOKBACK = timedelta(days=90)
# Without --until the window ends now, but some things are published ahead: forthcoming
# decisions and forward-plan entries (28 days' notice and more), agendas of future meetings.
FORTHCOMING_HORIZON = timedelta(days=183)
MEETING_HORIZON = timedelta(days=60)
DEFAULT_CHROMIUM = "/usr/bin/chromium"


# --- council sites ---------------------------------------------------------------------


def _split_base(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url.rstrip("/"))
    return parts.scheme or "https", (parts.netloc or "").lower(), parts.path.rstrip("/")


@dataclass
class CouncilSite:
    """One council's committee site: where to fetch it, and whose records they are.

    ``public_base_url`` is the registry's base URL: records' keys and URLs use it, so that a
    crawl through ``--base-url`` (a mirror, a local test server) stores the same records
    as a crawl of the council's own host. ``base_url`` is where requests go.
    """

    code: str | None
    name: str
    base_url: str
    public_base_url: str
    verify_tls: bool = True
    browser: bool = False
    since: datetime | None = None
    until: datetime | None = None
    explicit_until: bool = False
    use_browser: bool = False  # set on a challenge page, or from the registry's flag
    failed: bool = False
    checkpointed: bool = False
    state: dict[str, Any] = field(default_factory=dict)  # per-spider scratch (CMIS ids)

    @property
    def key(self) -> str:
        """``council_code``, or the host for a crawl of an unregistered ``--base-url``."""
        return self.code or _split_base(self.base_url)[1]

    @property
    def key_base(self) -> str:
        """``host[/path]`` of the public base: the prefix of every ``source_key``."""
        _, host, path = _split_base(self.public_base_url)
        return f"{host}{path}"

    def source_key(self, kind: str, ident: object) -> str:
        return f"{self.key_base}/{kind}/{ident}"

    def url(self, relative: str) -> str:
        """An absolute URL to fetch, from a path relative to the site's base."""
        return safe_url_string(urljoin(self.base_url.rstrip("/") + "/", relative))

    def _rebase(self, url: str, source: str, target: str) -> str:
        url = safe_url_string(url)
        _, src_host, src_path = _split_base(source)
        parts = urlsplit(url)
        if parts.netloc.lower() != src_host or not parts.path.lower().startswith(src_path.lower()):
            return url
        rest = parts.path[len(src_path) :]
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return target.rstrip("/") + rest + query + fragment

    def fetch_url(self, url: str) -> str:
        """Where to fetch a URL the council publishes (its own host → ``base_url``)."""
        if self.public_base_url == self.base_url:
            return safe_url_string(url)
        return self._rebase(url, self.public_base_url, self.base_url)

    def public_url(self, url: str) -> str:
        """The council's own address of a URL fetched from ``base_url``."""
        if self.public_base_url == self.base_url:
            return safe_url_string(url)
        return self._rebase(url, self.base_url, self.public_base_url)

    @property
    def hosts(self) -> set[str]:
        return {(urlsplit(u).hostname or "").lower() for u in (self.base_url, self.public_base_url)}

    def is_own(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def horizon(self, ahead: timedelta) -> datetime:
        """End of the window for things published ahead of time."""
        assert self.until is not None
        return self.until if self.explicit_until else self.until + ahead


# --- firewall challenges and the browser path -------------------------------------------


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
        spider = self.crawler.spider
        if not isinstance(spider, CouncilSpider) or request.url.startswith("data:"):
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
        spider = self.crawler.spider
        location = response.headers.get(b"Location")
        if (
            not isinstance(spider, CouncilSpider)
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


# --- parsing helpers (module level, so tests and the CMIS spider can use them) ----------
# Dates live in crawlers/dates.py (uk_dates, uk_date are re-exported here for the spiders).


def local_midnight(day: date | None) -> datetime | None:
    return parse_when(day) if day else None


def text_of(selection: Any) -> str:
    """Whitespace-collapsed text of a parsel selection."""
    return " ".join(" ".join(selection.xpath(".//text()").getall()).split())


def mg_fields(content: Selector) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a ModernGov content block in page order: ``<p><span
    class="mgLabel">Label: </span>value</p>`` and ``<h3 class="mgSubSubTitleTxt">Label:
    </h3>`` followed by its text block."""
    fields: list[tuple[str, str]] = []
    for node in content.xpath(
        ".//p[span[contains(@class, 'mgLabel')]] | .//h3[contains(@class, 'mgSubSubTitleTxt')]"
    ):
        tag = node.root.tag
        if tag == "p":
            label = text_of(node.xpath("./span[contains(@class, 'mgLabel')][1]"))
            copy = etree.fromstring(etree.tostring(node.root))
            for span in copy.xpath("./span[contains(@class, 'mgLabel')][1]"):
                tail = span.tail
                parent = span.getparent()
                parent.remove(span)
                if tail:
                    parent.text = (parent.text or "") + tail
            value = html_to_text(copy)
        else:
            label = text_of(node)
            block = node.xpath("following-sibling::*[1]")
            if not block or block[0].root.tag in ("h2", "h3"):
                continue
            value = html_to_text(block[0].root)
        label = label.strip().rstrip(":").strip()
        if label:
            fields.append((label, value.strip()))
    return fields


_DOC_PATH = re.compile(
    r"/documents/|mgconvert2pdf\.aspx|document\.ashx|\.(pdf|docx?|xlsx?|rtf|odt|txt|html?|pptx?)$",
    re.IGNORECASE,
)


def document_links(container: Selector | Iterable[Selector], page_url: str) -> list[dict[str, Any]]:
    """Documents in ModernGov bullet lists: ``url``, ``title`` (without the size note) and
    ``size`` ("PDF 119 KB"). Links to other pages (decisions, meetings) are left out."""
    found: dict[str, dict[str, Any]] = {}
    selections = [container] if isinstance(container, Selector) else list(container)
    for selection in selections:
        for link in selection.xpath(".//ul[contains(@class, 'mgBulletList')]//a[@href]"):
            href = link.attrib["href"].strip()
            # One document linked as x.pdf, x.pdf#search="…" and x.pdf#page=2 is stored once.
            url = canonical_url(safe_url_string(urljoin(page_url, href)))
            if not _DOC_PATH.search(urlsplit(url).path.lower()):
                continue
            size = text_of(link.xpath(".//span[contains(@class, 'mgFileSize')]")) or None
            title_parts = link.xpath(
                "./text() | .//*[not(ancestor-or-self::span[contains(@class, 'mgFileSize')])]"
                "/text()"
            ).getall()
            title = " ".join(" ".join(title_parts).split()) or url.rsplit("/", 1)[-1]
            found.setdefault(url, {"url": url, "title": title, "size": size})
    return list(found.values())


def fields_text(fields: Iterable[tuple[str, str]]) -> str:
    """The plain-text description: one ``Label: value`` line per field (values that span
    paragraphs keep their line breaks)."""
    return "\n".join(f"{label}: {value}" for label, value in fields if value)


def yes_no(value: str | None) -> bool | None:
    text = (value or "").strip().lower()
    if text.startswith("yes"):
        return True
    if text.startswith("no"):
        return False
    return None


def query_arg(url: str, name: str) -> str | None:
    for key, values in parse_qs(urlsplit(url).query).items():
        if key.lower() == name.lower() and values:
            return values[0]
    return None


# --- the shared base spider --------------------------------------------------------------


class CouncilSpider(DocumentDownloads, BaseSpider):
    """Base for spiders of council committee sites (ModernGov, CMIS).

    Subclasses set ``name``, ``source``, ``platform`` and implement ``site_requests(site)``
    (the first request(s) for one council).
    """

    platform: ClassVar[str] = ""
    # The registry is the source of truth for where councils are; no single default host.
    default_base_url = ""

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # Challenge pages are recognised before the rate-limit middleware (560) would wait
        # out a 503 challenge as if it were a rate limit; redirects off a council's hosts
        # before RedirectMiddleware (600) follows them into the offsite filter. Spider
        # priority: CrawlerProcess re-applies the project settings to a crawler it is
        # handed (oursay.crawl does), which would drop a project-priority change.
        middlewares = {
            **settings.getdict("DOWNLOADER_MIDDLEWARES"),
            ChallengeMiddleware: 580,
            MovedHostMiddleware: 605,
        }
        settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> CouncilSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, CouncilSpider)
        spider._configure(crawler)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_documents()
        self.sites: dict[str, CouncilSite] = {}
        self.unusable: list[tuple[str, str]] = []  # (council code, why) found before start
        self._session: Any = None
        self.browser_available = False
        self.browser_mode = "auto"
        self._browser_guards: dict[str, Any] = {}

    # configuration from the registry -----------------------------------------------
    def _configure(self, crawler: Crawler) -> None:
        from storage.councils import load_registry

        registry = {entry.code: entry for entry in load_registry()}
        explicit_base = self.base_url or None
        if explicit_base and len(self.council_codes) > 1:
            raise ValueError("--base-url points at one site: give at most one --council")
        now = datetime.now(LONDON)
        until = self.until or now
        if self.council_codes:
            wanted = self.council_codes
        elif explicit_base:
            wanted = []
        else:
            wanted = [
                code
                for code, entry in registry.items()
                # Only councils in force: an abolished council's site stops changing.
                if entry.platform == self.platform and entry.base_url
                and entry.in_force(now.date())
            ]
        for code in wanted:
            entry = registry.get(code)
            if entry is None:
                # Recorded, not raised: the other councils of a scheduled crawl still run.
                self.unusable.append((code, "not in the council registry (`oursay councils`)"))
                continue
            public = entry.base_url or explicit_base
            if not public:
                self.unusable.append((code, "no committee-site base URL in the registry"))
                continue
            site = CouncilSite(
                code=code,
                name=entry.name,
                base_url=(explicit_base or public).rstrip("/"),
                public_base_url=public.rstrip("/"),
                verify_tls=entry.verify_tls,
                browser=entry.browser,
                until=until,
                explicit_until=self.until is not None,
            )
            self.sites[site.key] = site
        if explicit_base and not wanted:
            site = CouncilSite(
                code=None,
                name=_split_base(explicit_base)[1],
                base_url=explicit_base.rstrip("/"),
                public_base_url=explicit_base.rstrip("/"),
                until=until,
                explicit_until=self.until is not None,
            )
            self.sites[site.key] = site
        # Stay on the councils' own hosts (Scrapy's offsite filtering uses this).
        self.allowed_domains = sorted({h for s in self.sites.values() for h in s.hosts if h})
        settings = crawler.settings
        settings.set(
            "OURSAY_TLS_UNVERIFIED_HOSTS", sorted(self.unverified_hosts()), priority="spider"
        )
        self._configure_browser(settings)

    def unverified_hosts(self) -> set[str]:
        """``host:port`` of councils registered with a certificate that does not verify
        (crawlers.tls skips the check for these connections only). A host shared with a
        council whose certificate verifies stays verified."""
        from crawlers.tls import netloc_key

        def netlocs(site: CouncilSite) -> set[str]:
            found = set()
            for url in (site.base_url, site.public_base_url):
                parts = urlsplit(url)
                if parts.scheme == "https" and parts.hostname:
                    found.add(netloc_key(parts.hostname, parts.port))
            return found

        lenient = {n for s in self.sites.values() if not s.verify_tls for n in netlocs(s)}
        strict = {n for s in self.sites.values() if s.verify_tls for n in netlocs(s)}
        if lenient:
            logger.warning(
                "TLS verification off for these council hosts only (registry): %s",
                ", ".join(sorted(lenient - strict)),
            )
        return lenient - strict

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

    # requests ------------------------------------------------------------------------
    def site_for(self, request: Request) -> CouncilSite | None:
        return self.sites.get(request.meta.get("site", ""))

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

    def page_request(
        self,
        site: CouncilSite,
        url: str,
        callback: Any,
        *,
        optional: bool = False,
        meta: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Request:
        """A request for one of the council's pages. ``optional`` pages (modules a council
        may not run: forward plans, consultations, the web service) may answer 404."""
        request = Request(
            url,
            callback=callback,
            errback=self.page_errback,
            meta={
                **(meta or {}),
                "site": site.key,
                "council_code": site.code,
                **({"handle_httpstatus_list": [404, 410]} if optional else {}),
            },
            **kwargs,
        )
        return self.via_browser(request, site) if site.use_browser else request

    def document_requests(  # type: ignore[override]
        self, record: RecordItem, site: CouncilSite, meta: dict[str, Any] | None = None
    ) -> Iterator[Any]:
        yield from super().document_requests(record, site, {**(meta or {}), "site": site.key})

    def prepare_document_request(self, request: Request) -> Request:
        # Checked when the request is handed to Scrapy, which for a waiting document may
        # be after its council met a challenge.
        site = self.site_for(request)
        return self.via_browser(request, site) if site and site.use_browser else request

    def page_errback(self, failure: Failure) -> Iterator[FailureItem]:
        """A page that failed for good: the council's window is incomplete (no checkpoint)."""
        request = failure.request  # type: ignore[attr-defined]
        site = self.site_for(request)
        if site is not None:
            site.failed = True
        refused = request.meta.get(BROWSER_REFUSED_META)
        if refused:
            # The browser's navigation was aborted or redirected off the council's hosts.
            yield self.failure_item(
                refused[0], url=request.url, council_code=request.meta.get("council_code")
            )
            return
        if failure.check(FirewallChallenge):
            status = failure.value.args[0] if failure.value.args else "firewall challenge"
            yield self.failure_item(
                str(status), url=request.url, council_code=request.meta.get("council_code")
            )
            return
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            message = failure.getErrorMessage()
            if failure.check(MovedHost):
                reason = f"moved to another host, not followed: {message}"
            elif failure.check(RefusedAddress):
                reason = message  # "refused: ... resolves to a private address 10.0.0.5"
            else:
                reason = f"not fetched: {message}"
            yield self.failure_item(
                reason, url=request.url, council_code=request.meta.get("council_code")
            )
            return
        message = failure.getErrorMessage()
        if "SSL" in message or "certificate" in message:
            # Twisted wraps TLS errors in a list of failures; say what it was.
            found = re.findall(r"'([^']*(?:certificate|handshake|version|cipher)[^']*)'", message)
            detail = "; ".join(dict.fromkeys(found)) or message
            yield self.failure_item(
                f"TLS error: {detail}",
                url=request.url,
                council_code=request.meta.get("council_code"),
            )
            return
        yield from self.errback(failure)

    def document_errback(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        refused = request.meta.get(BROWSER_REFUSED_META)
        if refused or (
            failure.check(IgnoreRequest) and not failure.check(HttpError, FirewallChallenge)
        ):
            # robots.txt, an offsite redirect or the crawl scope said no: record it as
            # skipped, with why.
            from crawlers.documents import Extraction

            fetch = request.meta["document_fetch"]
            if refused:
                reason = refused[0]
            elif failure.check(RefusedAddress):
                reason = failure.getErrorMessage()
            else:
                reason = f"not fetched: {failure.getErrorMessage()}"
            self._remember(fetch, Extraction("skipped", None, reason, None), None, None)
            self._document_answered(request.meta)
            yield from self._document_items(
                request.meta["source"], self._document_waiters.pop(fetch, []), fetch
            )
            return
        yield from super().document_errback(failure)

    # state from earlier runs ---------------------------------------------------------
    def _db(self) -> Any:
        if self._session is None:
            from storage.db import session_factory

            self._session = session_factory(self.settings.get("OURSAY_DATABASE_URL"))()
        return self._session

    def previous_record(self, source_key: str) -> PreviousRecord | None:
        """What earlier runs stored for this record (read-only; the pipeline writes)."""
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        from storage.models import Document, Record

        session = self._db()
        try:
            row = session.execute(
                select(Record.id, Record.data).where(
                    Record.source == self.source, Record.source_key == source_key
                )
            ).one_or_none()
            if row is None:
                return None
            documents = session.execute(
                select(Document.url, Document.status, Document.content_hash).where(
                    Document.record_id == row.id
                )
            ).all()
        except SQLAlchemyError as error:
            logger.warning("could not read earlier state of %s: %s", source_key, error)
            return None
        finally:
            session.rollback()  # end the read transaction; never hold SQLite snapshots
        listing = {
            d["url"]: listing_signature(d)
            for d in (row.data or {}).get("documents", [])
            if isinstance(d, dict) and d.get("url")
        }
        return PreviousRecord(
            documents={d.url: (d.status, d.content_hash) for d in documents}, listing=listing
        )

    def checkpoint(self, site: CouncilSite) -> datetime | None:
        from sqlalchemy.exc import SQLAlchemyError

        from storage.records import get_checkpoint

        if site.code is None:
            return None
        session = self._db()
        try:
            return get_checkpoint(session, self.source, site.code)
        except SQLAlchemyError as error:
            logger.warning("could not read the checkpoint of %s: %s", site.code, error)
            return None
        finally:
            session.rollback()

    def closed(self, reason: str) -> None:
        if self._session is not None:
            self._session.close()

    # the crawl -----------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        for code, why in self.unusable:
            yield self.failure_item(why, council_code=code)
        for site in self.sites.values():
            if self.since is not None:
                site.since = self.since
            else:
                done = self.checkpoint(site)
                assert site.until is not None
                site.since = (done - CHECKPOINT_OVERLAP) if done else site.until - DEFAULT_LOOKBACK
            # Councils' dates are UK dates: the database hands back UTC.
            site.since = site.since.astimezone(LONDON)
            logger.info(
                "%s: %s to %s from %s", site.key, site.since.date(), site.until, site.base_url
            )
            for request in self.site_requests(site):
                yield request

    def site_requests(self, site: CouncilSite) -> Iterable[Request]:
        raise NotImplementedError

    def _on_idle(self) -> None:
        """When every request is done, each council whose pages all succeeded has its
        whole window stored: move its checkpoint (through the pipeline, after the records)."""
        if self.release_documents(reset=True):
            # Documents still waiting (a request that ended without its callback or
            # errback would otherwise hold its place for ever): not done yet.
            raise DontCloseSpider
        ready = [
            s
            for s in self.sites.values()
            if s.code and not s.failed and not s.checkpointed and s.until
        ]
        if not ready:
            return
        for site in ready:
            site.checkpointed = True
        self.crawler.engine.crawl(
            Request(
                "data:,checkpoints",
                callback=self._checkpoints,
                cb_kwargs={"sites": [s.key for s in ready]},
                dont_filter=True,
                meta={"allow_offsite": True},
            )
        )
        raise DontCloseSpider

    def _checkpoints(self, response: Response, sites: list[str]) -> Iterator[CheckpointItem]:
        for key in sites:
            site = self.sites[key]
            assert site.until is not None and site.code is not None
            yield CheckpointItem(source=self.source, until=site.until, scope=site.code)

    # helpers for callbacks -----------------------------------------------------------
    def site_of(self, response: Response) -> CouncilSite:
        return self.sites[response.meta["site"]]

    def record(self, site: CouncilSite, **fields: Any) -> RecordItem:
        return RecordItem(source=self.source, council_code=site.code, **fields)

    def emit(
        self, site: CouncilSite, record: RecordItem, meta: dict[str, Any] | None = None
    ) -> Iterator[Any]:
        """A record, then what its documents need (requests or items)."""
        yield record
        yield from self.document_requests(record, site, meta)

    def in_window(self, site: CouncilSite, day: date | None, *, ahead: timedelta) -> bool:
        if day is None:
            return True
        assert site.since is not None
        return site.since.date() <= day <= site.horizon(ahead).date()


# --- ModernGov --------------------------------------------------------------------------
