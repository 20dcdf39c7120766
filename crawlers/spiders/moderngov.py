"""ModernGov council sites, and what every council-site spider shares.

``CouncilSpider`` (also the base of ``crawlers.spiders.cmis``) turns the council registry
into one ``CouncilSite`` per council, keeps each crawl on the councils' own hosts, handles
firewall challenges (the browser path), per-council TLS and browser flags, document
downloads (``crawlers.documents``) and the per-council checkpoint.
"""

from __future__ import annotations

import base64
import html
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

from crawlers.documents import DocumentDownloads, PreviousRecord, html_to_text, listing_signature
from crawlers.items import CheckpointItem, FailureItem, RecordItem
from crawlers.spiders.base import LONDON, BaseSpider, parse_when

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


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_WORDY_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def uk_dates(text: str | None) -> list[date]:
    """Every date in a text, UK style: ``10/02/2026``, ``10 Feb 2026``,
    ``Tuesday, 10th February, 2026``, ``1 April 2026 to 31 July 2026``."""
    found: list[tuple[int, date]] = []
    for match in _NUMERIC_DATE.finditer(text or ""):
        day, month, year = (int(g) for g in match.groups())
        try:
            found.append((match.start(), date(year, month, day)))
        except ValueError:
            continue
    for match in _WORDY_DATE.finditer(text or ""):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            try:
                found.append((match.start(), date(int(match.group(3)), month, int(match.group(1)))))
            except ValueError:
                continue
    return [d for _, d in sorted(found)]


def uk_date(text: str | None) -> date | None:
    dates = uk_dates(text)
    return dates[0] if dates else None


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
            url = safe_url_string(urljoin(page_url, href))
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
                if entry.platform == self.platform and entry.base_url
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
        # Scrapy verifies certificates per crawl, not per host: verify unless a council in
        # this crawl is registered with a certificate that does not verify.
        insecure = [s.key for s in self.sites.values() if not s.verify_tls]
        if insecure:
            logger.warning("TLS verification off for this crawl (registry: %s)", insecure)
        settings.set("DOWNLOAD_VERIFY_CERTIFICATES", not insecure, priority="spider")
        self._configure_browser(settings)

    def _configure_browser(self, settings: BaseSettings) -> None:
        """Registers scrapy-playwright's download handlers; they fetch only requests with
        ``meta["playwright"]`` (councils flagged ``browser`` and challenged ones), every
        other request goes through Scrapy's own HTTP handler as usual."""
        mode = str(settings.get("OURSAY_BROWSER") or "auto").lower()
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
        handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
        settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, "spider")
        settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", "spider")
        settings.set(
            "PLAYWRIGHT_LAUNCH_OPTIONS",
            {
                "executable_path": chromium,
                "headless": True,
                "args": [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
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
            "playwright_context_kwargs": {"ignore_https_errors": not site.verify_tls},
            "playwright_page_methods": methods,
        }
        return request.replace(meta=meta, dont_filter=retry or request.dont_filter)

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
        for request in super().document_requests(record, site, {**(meta or {}), "site": site.key}):
            if isinstance(request, Request) and site.use_browser:
                yield self.via_browser(request, site)
            else:
                yield request

    def page_errback(self, failure: Failure) -> Iterator[FailureItem]:
        """A page that failed for good: the council's window is incomplete (no checkpoint)."""
        request = failure.request  # type: ignore[attr-defined]
        site = self.site_for(request)
        if site is not None:
            site.failed = True
        if failure.check(FirewallChallenge):
            status = failure.value.args[0] if failure.value.args else "firewall challenge"
            yield self.failure_item(
                str(status), url=request.url, council_code=request.meta.get("council_code")
            )
            return
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            message = failure.getErrorMessage()
            reason = (
                f"moved to another host, not followed: {message}"
                if failure.check(MovedHost)
                else f"not fetched: {message}"
            )
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
        if failure.check(IgnoreRequest) and not failure.check(HttpError, FirewallChallenge):
            # robots.txt (or an offsite redirect) said no: record it as skipped, with why.
            from crawlers.documents import Extraction

            request = failure.request  # type: ignore[attr-defined]
            fetch = request.meta["document_fetch"]
            reason = f"not fetched: {failure.getErrorMessage()}"
            self._remember(fetch, Extraction("skipped", None, reason, None), None, None)
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


def _xml_text(node: Selector, tag: str) -> str:
    value = node.xpath(f"./{tag}/text()").get()
    return value.strip() if value else ""


def decode_twice(text: str) -> str:
    """ModernGov's web service HTML-encodes titles and then XML-encodes them: the XML
    parser undoes the second, this undoes the first ("Members&#39;" → "Members'"); runs of
    whitespace become one space."""
    return " ".join(html.unescape(text).split())


class ModernGovSpider(CouncilSpider):
    """
    Domain
      ModernGov (Civica modern.gov) committee sites: about 300 UK councils, e.g.
      democracy.kent.gov.uk, www.southampton.gov.uk/moderngov.
    Spider arguments
      since, until
        The window (``YYYY-MM-DD``). Without ``since``: each council's checkpoint minus 14
        days, or 90 days back on a first run. Without ``until``: now, and forthcoming
        decisions / forward plans up to six months ahead, meetings two months ahead.
      council
        Register codes (``KEN,SUR``); default every ModernGov council in the registry.
      base_url
        Another host serving one council's site (mirror, local test server); records keep
        the registry's URLs and keys.
      parts
        Comma-separated subset of ``decisions,meetings,plans,consultations``
        (default all). Issue histories come with decisions and plans.
      include_expired
        ``1`` to also ask the web service for meetings of expired committees.
    Settings
      OURSAY_BROWSER
        ``auto`` (default: the browser path for councils flagged ``browser`` and for
        challenged ones, when Chromium is installed) or ``off``.
      DOWNLOAD_MAXSIZE
        Documents larger than this are recorded as skipped, not downloaded (environment:
        ``OURSAY_DOWNLOAD_MAXSIZE``).
    Environment
      OURSAY_CHROMIUM
        Chromium executable for the browser path (default ``/usr/bin/chromium``).
    API and pages
      Decisions: ``mgDelegatedDecisions.aspx?DR=dd/mm/yyyy-dd/mm/yyyy&DS=2`` (published),
      ``DS=1`` (forthcoming), each row → ``ieDecisionDetails.aspx?ID=``.
      Meetings: ``mgWebService.asmx/GetCommittees``, ``GetMeetings``, ``GetMeeting``;
      when the service is off, ``mgListCommittees.aspx`` → ``ieListMeetings.aspx`` →
      ``ieListDocuments.aspx``.
      Forward plans: ``mgPlansHome.aspx`` → ``mgListPlans.aspx`` → ``mgListPlanItems.aspx``.
      Issue histories: ``mgIssueHistoryHome.aspx?IId=`` (incl. "Consultation process").
      Consultations: ``mgConsultationListDisplay.aspx`` → ``mgConsultationDisplay.aspx?ID=``.
      See ../shared/reference/council_platforms.md.
    """

    name = "moderngov"
    source = "moderngov"
    platform = "moderngov"
    PARTS = ("decisions", "meetings", "plans", "consultations")

    def __init__(
        self,
        *args: Any,
        parts: str | None = None,
        include_expired: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parts = {p.strip() for p in (parts or ",".join(self.PARTS)).split(",") if p.strip()}
        unknown = self.parts - set(self.PARTS)
        if unknown:
            raise ValueError(f"unknown parts {sorted(unknown)}; choose from {self.PARTS}")
        self.include_expired = include_expired in ("1", "true", "yes")

    @staticmethod
    def _dr(start: datetime | date, end: datetime | date) -> str:
        return f"{start:%d/%m/%Y}-{end:%d/%m/%Y}"

    def decisions_url(self, site: CouncilSite, status: int) -> str:
        assert site.since is not None
        end = site.until if status == 2 else site.horizon(FORTHCOMING_HORIZON)
        assert end is not None
        return site.url(
            f"mgDelegatedDecisions.aspx?XXR=0&DR={self._dr(site.since, end)}&ACT=Find"
            f"&RP=0&K=0&V=0&DM=0&HD=0&DS={status}&Next=true"
        )

    def site_requests(self, site: CouncilSite) -> Iterable[Request]:
        """One request first: the published-decisions register. If the council's site
        fails there (down, firewall, TLS), it is recorded once and nothing else is tried."""
        yield self.page_request(
            site,
            self.decisions_url(site, 2),
            self.parse_site_root,
            optional=True,
            meta={"listing": "published"},
        )

    def parse_site_root(self, response: Response) -> Iterator[Any]:
        """The published-decisions register, answered: the site is up; queue the rest."""
        site = self.site_of(response)
        if response.status == 200 and "decisions" in self.parts:
            yield from self.parse_decision_list(response)
        if "decisions" in self.parts:
            yield self.page_request(
                site,
                self.decisions_url(site, 1),
                self.parse_decision_list,
                optional=True,
                meta={"listing": "forthcoming"},
            )
        if "meetings" in self.parts:
            yield self.page_request(
                site,
                site.url("mgWebService.asmx/GetCommittees"),
                self.parse_committees,
                # Any error here means "no web service": the HTML pages are the fallback,
                # so no retries either.
                meta={
                    "handle_httpstatus_list": [403, 404, 410, 500, 501],
                    "dont_retry": True,
                    "raw_body": True,
                },
            )
        if "plans" in self.parts:
            yield self.page_request(
                site, site.url("mgPlansHome.aspx?bcr=1"), self.parse_plans_home, optional=True
            )
        if "consultations" in self.parts:
            yield self.page_request(
                site,
                site.url("mgConsultationListDisplay.aspx?bcr=1"),
                self.parse_consultation_list,
                optional=True,
            )

    # decisions -----------------------------------------------------------------------
    def parse_decision_list(self, response: Response) -> Iterator[Request]:
        """``mgDelegatedDecisions.aspx``: rows link to decision details (published) or to
        issue histories (forthcoming decisions are issues not yet decided)."""
        if response.status != 200:
            return
        site = self.site_of(response)
        for link in response.xpath("//table//tr/td[1]//a[@href]"):
            href = link.attrib["href"]
            row = link.xpath("ancestor::tr[1]")
            cells = [text_of(td) for td in row.xpath("./td")]
            for hidden in link.xpath(".//*[contains(@class, 'mgHide')]"):
                hidden.root.getparent().remove(hidden.root)
            listing = {
                "title": text_of(link),
                "date": cells[1] if len(cells) > 1 else None,
                "effective": cells[2] if len(cells) > 2 else None,
                "call_in": cells[3] if len(cells) > 3 else None,
                "listing": response.meta.get("listing"),
            }
            url = response.urljoin(href)
            if "iedecisiondetails.aspx" in href.lower():
                yield self.page_request(
                    site, url, self.parse_decision, meta={"listing_row": listing}
                )
            elif "mgissuehistoryhome.aspx" in href.lower():
                yield self.issue_request(site, url, listing)

    def parse_decision(self, response: Response) -> Iterator[Any]:
        """``ieDecisionDetails.aspx?ID=``: one decision."""
        site = self.site_of(response)
        decision_id = query_arg(response.url, "ID") or query_arg(response.url, "AIId") or ""
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        if not content:
            content = response.xpath("//div[@id='modgov']")
        fields = mg_fields(content[0] if content else response)
        values = {label.lower(): value for label, value in fields}
        listing = response.meta.get("listing_row") or {}
        title = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]")) or (
            listing.get("title") or f"Decision {decision_id}"
        )
        published = uk_date(values.get("publication date"))
        decided = uk_date(values.get("date of decision"))
        effective = uk_date(values.get("effective from") or listing.get("effective"))
        issue_href = response.xpath("//a[contains(@href, 'mgIssueHistoryHome.aspx')]/@href").get()
        meeting = response.xpath(
            "//p[span[contains(@class,'mgLabel')][starts-with(normalize-space(.),'Decided at')]]"
            "/a[@href]"
        )
        documents = document_links(content[0] if content else response, response.url)
        data: dict[str, Any] = {
            "decision_id": decision_id,
            "fields": dict(fields),
            "publication_date": published.isoformat() if published else None,
            "decision_date": decided.isoformat() if decided else None,
            "effective_from": effective.isoformat() if effective else None,
            "subject_to_call_in": yes_no(values.get("is subject to call in?")),
            "call_in": listing.get("call_in"),
            "listing": listing.get("listing", "published"),
            "wards": [
                w.strip() for w in re.split(r"[;,]", values.get("wards affected", "")) if w.strip()
            ],
            "documents": [{**d, "url": site.public_url(d["url"])} for d in documents],
        }
        if issue_href:
            data["issue_id"] = query_arg(response.urljoin(issue_href), "IId")
        if meeting:
            meeting_url = response.urljoin(meeting[0].attrib["href"])
            data["meeting"] = {
                "id": query_arg(meeting_url, "MId"),
                "committee_id": query_arg(meeting_url, "CId"),
                "title": text_of(meeting[0]),
                "url": site.public_url(meeting_url),
            }
        record = self.record(
            site,
            source_key=site.source_key("decision", decision_id),
            kind="decision",
            title=title,
            description=fields_text(fields),
            url=site.public_url(response.url),
            published_at=local_midnight(published or decided or uk_date(listing.get("date"))),
            decision_maker=values.get("decision maker") or None,
            is_key_decision=yes_no(values.get("is key decision?")),
            status=values.get("decision status") or None,
            data=data,
            documents=[{"url": d["url"], "title": d["title"]} for d in data["documents"]],
        )
        yield from self.emit(site, record)
        if issue_href:
            # The issue history holds "Consultation process" and the forward-plan notice.
            yield self.issue_request(site, response.urljoin(issue_href))

    # issue histories -----------------------------------------------------------------
    def issue_request(
        self, site: CouncilSite, url: str, listing: dict[str, Any] | None = None
    ) -> Request:
        """One URL per issue however it was reached (forthcoming list, plan, decision), so
        that Scrapy fetches it once per run."""
        issue_id = query_arg(url, "IId") or query_arg(url, "ID") or ""
        return self.page_request(
            site,
            site.url(f"mgIssueHistoryHome.aspx?IId={issue_id}&Opt=0"),
            self.parse_issue,
            meta={"listing_row": listing} if listing else None,
        )

    def parse_issue(self, response: Response) -> Iterator[Any]:
        """``mgIssueHistoryHome.aspx?IId=``: an issue (a matter for decision) and its history."""
        site = self.site_of(response)
        issue_id = query_arg(response.url, "IId") or query_arg(response.url, "ID") or ""
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        fields = mg_fields(scope)
        values = {label.lower(): value for label, value in fields}
        listing = response.meta.get("listing_row") or {}
        heading = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]"))
        title = re.sub(r"^Issue\s*-\s*items at meetings\s*-\s*", "", heading, flags=re.I)
        title = title or listing.get("title") or f"Issue {issue_id}"
        first_published = uk_date(values.get("notice of proposed decision first published"))
        due_text = values.get("decision due", "")
        due = uk_date(due_text)
        maker = values.get("decision maker")
        if not maker and " by " in due_text:
            maker = due_text.split(" by ", 1)[1].strip()
        decision_type = values.get("decision type", "")
        is_key = None
        if decision_type:
            is_key = decision_type.strip().lower().startswith("key")
        decisions = [
            query_arg(response.urljoin(h), "ID")
            for h in scope.xpath(".//a[contains(@href, 'ieDecisionDetails.aspx')]/@href").getall()
        ]
        documents = [
            {**d, "url": site.public_url(d["url"])} for d in document_links(scope, response.url)
        ]
        data = {
            "issue_id": issue_id,
            "fields": dict(fields),
            "consultation_process": values.get("consultation process"),
            "decision_type": decision_type or None,
            "first_published": first_published.isoformat() if first_published else None,
            "decision_due": due.isoformat() if due else None,
            "decision_ids": [d for d in decisions if d],
            "documents": documents,
        }
        record = self.record(
            site,
            source_key=site.source_key("issue", issue_id),
            kind="issue",
            title=title,
            description=fields_text(fields),
            url=site.public_url(site.url(f"mgIssueHistoryHome.aspx?IId={issue_id}&Opt=0")),
            published_at=local_midnight(first_published or due),
            decision_maker=maker or None,
            is_key_decision=is_key,
            status=values.get("decision status") or None,
            data=data,
            documents=[{"url": d["url"], "title": d["title"]} for d in documents],
        )
        yield from self.emit(site, record)

    # forward plans -------------------------------------------------------------------
    def parse_plans_home(self, response: Response) -> Iterator[Request]:
        """``mgPlansHome.aspx`` → the plan series (``mgListPlans.aspx?RPId=``) or plans."""
        if response.status != 200:
            return
        site = self.site_of(response)
        for href in response.xpath("//a[contains(@href, 'mgListPlans.aspx')]/@href").getall():
            yield self.page_request(site, response.urljoin(href), self.parse_plans, optional=True)
        yield from self.parse_plans(response)

    def parse_plans(self, response: Response) -> Iterator[Request]:
        """``mgListPlans.aspx?RPId=``: plans, each a period; only those overlapping the window."""
        if response.status != 200:
            return
        site = self.site_of(response)
        assert site.since is not None
        start, end = site.since.date(), site.horizon(FORTHCOMING_HORIZON).date()
        for link in response.xpath("//a[contains(@href, 'mgListPlanItems.aspx')]"):
            dates = uk_dates(text_of(link))  # "Forward Plan: 1 April 2026 to 31 July 2026"
            if dates and (max(dates) < start or min(dates) > end):
                continue  # a plan for a period wholly outside the window
            yield self.page_request(
                site,
                response.urljoin(link.attrib["href"]),
                self.parse_plan_items,
                optional=True,
                meta={"plan_title": text_of(link)},
            )

    def parse_plan_items(self, response: Response) -> Iterator[Any]:
        """``mgListPlanItems.aspx?PlanId=``: forward-plan entries (notices of key decisions);
        each entry's fields are the labels between its issue link and the next one."""
        if response.status != 200:
            return
        site = self.site_of(response)
        plan_id = query_arg(response.url, "PlanId") or ""
        plan_title = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]")) or (
            response.meta.get("plan_title") or ""
        )
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        entries: list[dict[str, Any]] = []
        for node in scope.xpath(
            ".//*[self::a[contains(@href, 'mgIssueHistoryHome.aspx')] or "
            "self::p[span[contains(@class, 'mgLabel')]]]"
        ):
            if node.root.tag == "a":
                entries.append({"link": node, "fields": []})
            elif entries:
                label = text_of(node.xpath("./span[contains(@class,'mgLabel')][1]"))
                value = text_of(node)[len(label) :].strip()
                entries[-1]["fields"].append((label.rstrip(": ").strip(), value))
        for entry in entries:
            link = entry["link"]
            issue_url = response.urljoin(link.attrib["href"])
            issue_id = query_arg(issue_url, "IId") or ""
            fields = entry["fields"]
            values = {label.lower(): value for label, value in fields}
            first_published = uk_date(values.get("notice of proposed decision first published"))
            due = uk_date(values.get("decision due"))
            data = {
                "plan_id": plan_id,
                "plan_title": plan_title,
                "issue_id": issue_id,
                "fields": dict(fields),
                "decision_due": due.isoformat() if due else None,
                "first_published": first_published.isoformat() if first_published else None,
            }
            record = self.record(
                site,
                source_key=site.source_key("forward_plan", issue_id),
                kind="forward_plan",
                title=text_of(link),
                description=fields_text([("Forward plan", plan_title), *fields]),
                url=site.public_url(response.url),
                published_at=local_midnight(first_published or due),
                decision_maker=values.get("decision maker") or None,
                status=values.get("decision status") or None,
                data=data,
            )
            yield record
            yield self.issue_request(site, issue_url)

    # consultations ---------------------------------------------------------------------
    def parse_consultation_list(self, response: Response) -> Iterator[Request]:
        """``mgConsultationListDisplay.aspx``: consultations that were open in the window
        or in the year before it (a decision's consultation closes months before it)."""
        if response.status != 200:
            return
        site = self.site_of(response)
        for link in response.xpath("//a[contains(@href, 'mgConsultationDisplay.aspx')]"):
            row = link.xpath("ancestor::tr[1]")
            dates = uk_dates(text_of(row[0])) if row else []
            assert site.since is not None
            if dates and max(dates) < (site.since - timedelta(days=365)).date():
                continue
            yield self.page_request(
                site, response.urljoin(link.attrib["href"]), self.parse_consultation
            )

    def parse_consultation(self, response: Response) -> Iterator[Any]:
        """``mgConsultationDisplay.aspx?ID=``: one consultation from ModernGov's module."""
        site = self.site_of(response)
        consultation_id = query_arg(response.url, "ID") or ""
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        fields = mg_fields(scope)
        values = {label.lower(): value for label, value in fields}
        start = uk_date(values.get("consultation start date") or values.get("start date"))
        end = uk_date(values.get("consultation end date") or values.get("end date"))
        documents = [
            {**d, "url": site.public_url(d["url"])} for d in document_links(scope, response.url)
        ]
        record = self.record(
            site,
            source_key=site.source_key("consultation", consultation_id),
            kind="consultation",
            title=text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]"))
            or f"Consultation {consultation_id}",
            description=fields_text(fields),
            url=site.public_url(response.url),
            published_at=local_midnight(start),
            status=values.get("status") or None,
            data={
                "consultation_id": consultation_id,
                "fields": dict(fields),
                "start_date": start.isoformat() if start else None,
                "end_date": end.isoformat() if end else None,
                "documents": documents,
            },
            documents=[{"url": d["url"], "title": d["title"]} for d in documents],
        )
        yield from self.emit(site, record)

    # meetings: the web service ---------------------------------------------------------
    def parse_committees(self, response: Response) -> Iterator[Request]:
        """``GetCommittees``; when the service is off (an error, an HTML page instead of
        XML), the HTML pages instead."""
        site = self.site_of(response)
        committees = response.xpath("//committees/committee") if response.status == 200 else []
        if response.status != 200 or not response.xpath("/committees"):
            logger.info(
                "%s: web service unavailable (HTTP %s); using the HTML pages",
                site.key,
                response.status,
            )
            self.crawler.stats.inc_value("oursay/moderngov/html_fallback")
            yield self.page_request(
                site, site.url("mgListCommittees.aspx?bcr=1"), self.parse_committee_list
            )
            return
        assert site.since is not None
        end = site.horizon(MEETING_HORIZON)
        for committee in committees:
            if _xml_text(committee, "committeedeleted").lower() == "true":
                continue
            if _xml_text(committee, "committeeexpired").lower() == "true" and not (
                self.include_expired
            ):
                continue
            committee_id = _xml_text(committee, "committeeid")
            yield self.page_request(
                site,
                site.url(
                    f"mgWebService.asmx/GetMeetings?lCommitteeId={committee_id}"
                    f"&sFromDate={site.since:%d/%m/%Y}&sToDate={end:%d/%m/%Y}"
                ),
                self.parse_meetings,
                meta={
                    "committee_title": decode_twice(_xml_text(committee, "committeetitle")),
                    "raw_body": True,
                },
            )

    def parse_meetings(self, response: Response) -> Iterator[Request]:
        """``GetMeetings``: the committee's meetings in the window → ``GetMeeting`` each."""
        site = self.site_of(response)
        committee = response.xpath("//committee[1]")
        committee_id = _xml_text(committee[0], "committeeid") if committee else ""
        committee_title = response.meta.get("committee_title") or (
            decode_twice(_xml_text(committee[0], "committeetitle")) if committee else ""
        )
        for meeting in response.xpath("//committeemeetings/meeting"):
            day = uk_date(_xml_text(meeting, "meetingdate"))
            if not self.in_window(site, day, ahead=MEETING_HORIZON):
                continue  # some installs ignore the dates they are given
            yield self.page_request(
                site,
                site.url(
                    f"mgWebService.asmx/GetMeeting?lMeetingId={_xml_text(meeting, 'meetingid')}"
                ),
                self.parse_meeting,
                meta={
                    "committee_title": committee_title,
                    "committee_id": committee_id,
                    "raw_body": True,
                },
            )

    def parse_meeting(self, response: Response) -> Iterator[Any]:
        """``GetMeeting``: the meeting, and one record per agenda item with its documents."""
        site = self.site_of(response)
        meeting = response.xpath("/meeting")
        if not meeting:
            return
        node = meeting[0]
        meeting_id = _xml_text(node, "meetingid")
        day = uk_date(_xml_text(node, "meetingdate"))
        committee = response.meta.get("committee_title", "")
        committee_id = response.meta.get("committee_id", "")
        page_url = site.url(f"ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}&Ver=4")
        items = []
        for item in node.xpath("./agendaitems/agendaitem"):
            item_id = _xml_text(item, "agendaitemid")
            title = decode_twice(_xml_text(item, "agendaitemtitle"))
            number = _xml_text(item, "fulldisplaynumberformat") or _xml_text(
                item, "agendaitemnumber"
            )
            restricted = _xml_text(item, "isrestricted").lower() == "true"
            items.append({"id": item_id, "number": number, "title": title})
            documents = []
            for doc in item.xpath("./linkeddocuments/linkeddoc"):
                if _xml_text(doc, "isrestricted").lower() == "true":
                    continue  # exempt papers are not published
                url = _xml_text(doc, "url")
                if not url:
                    continue
                documents.append(
                    {
                        "url": site.public_url(url),
                        "title": decode_twice(_xml_text(doc, "title")),
                        "published": _xml_text(doc, "publicationdate") or None,
                        "attachment_id": _xml_text(doc, "attachmentid") or None,
                    }
                )
            fields = [
                ("Meeting", f"{committee}, {day:%d/%m/%Y}" if day else committee),
                ("Item", number),
                ("Agenda text", html_to_text(_xml_text(item, "agendatext"))),
                ("Minutes", html_to_text(_xml_text(item, "minutesnonemptyhtmlbody"))),
            ]
            record = self.record(
                site,
                source_key=site.source_key("agenda_item", item_id),
                kind="agenda_item",
                title=title,
                description=fields_text(fields),
                url=site.public_url(f"{page_url}#AI{item_id}"),
                published_at=local_midnight(day),
                data={
                    "agenda_item_id": item_id,
                    "meeting_id": meeting_id,
                    "committee": committee,
                    "committee_id": committee_id,
                    "number": number,
                    "is_decision": _xml_text(item, "isdecision").lower() == "true",
                    "is_call_in": _xml_text(item, "iscallin").lower() == "true",
                    "is_restricted": restricted,
                    "documents": documents,
                },
                documents=[{"url": d["url"], "title": d["title"]} for d in documents],
            )
            yield from self.emit(site, record)
        yield self._meeting_record(
            site,
            meeting_id=meeting_id,
            committee=committee,
            committee_id=committee_id,
            day=day,
            time=_xml_text(node, "meetingtime"),
            location=_xml_text(node, "meetinglocation"),
            status=_xml_text(node, "meetingstatus"),
            url=page_url,
            items=items,
            via="web service",
        )

    def _meeting_record(
        self,
        site: CouncilSite,
        *,
        meeting_id: str,
        committee: str,
        committee_id: str,
        day: date | None,
        time: str,
        location: str,
        status: str,
        url: str,
        items: list[dict[str, str]],
        via: str,
    ) -> RecordItem:
        fields = [
            ("Committee", committee),
            ("Date", f"{day:%d/%m/%Y}" if day else ""),
            ("Time", time),
            ("Venue", location),
            ("Status", status),
            ("Agenda", "; ".join(f"{i['number']} {i['title']}".strip() for i in items)),
        ]
        return self.record(
            site,
            source_key=site.source_key("meeting", meeting_id),
            kind="meeting",
            title=f"{committee} - {day.day} {day:%B %Y}" if day else committee,
            description=fields_text(fields),
            url=site.public_url(url),
            published_at=local_midnight(day),
            status=status or None,
            data={
                "meeting_id": meeting_id,
                "committee": committee,
                "committee_id": committee_id,
                "date": day.isoformat() if day else None,
                "time": time or None,
                "location": location or None,
                "agenda_items": items,
                "via": via,
            },
        )

    # meetings: the HTML pages ----------------------------------------------------------
    def parse_committee_list(self, response: Response) -> Iterator[Request]:
        """``mgListCommittees.aspx`` → ``ieListMeetings.aspx?CId=&Year=`` per year in the window."""
        site = self.site_of(response)
        assert site.since is not None
        end = site.horizon(MEETING_HORIZON)
        seen: set[str] = set()
        for link in response.xpath("//a[contains(@href, 'mgCommitteeDetails.aspx')]"):
            committee_id = query_arg(response.urljoin(link.attrib["href"]), "ID")
            if not committee_id or committee_id in seen:
                continue
            seen.add(committee_id)
            for year in range(site.since.year, end.year + 1):
                yield self.page_request(
                    site,
                    site.url(f"ieListMeetings.aspx?CId={committee_id}&Year={year}"),
                    self.parse_meeting_list,
                    meta={"committee_title": text_of(link), "committee_id": committee_id},
                )

    def parse_meeting_list(self, response: Response) -> Iterator[Request]:
        """``ieListMeetings.aspx``: a committee's meetings in one year."""
        site = self.site_of(response)
        for link in response.xpath("//a[contains(@href, 'ieListDocuments.aspx')]"):
            url = response.urljoin(link.attrib["href"])
            if not (query_arg(url, "MId") or query_arg(url, "MID")):
                continue
            if not self.in_window(site, uk_date(text_of(link)), ahead=MEETING_HORIZON):
                continue
            yield self.page_request(
                site,
                url.split("#")[0],
                self.parse_meeting_page,
                meta={k: response.meta.get(k) for k in ("committee_title", "committee_id")},
            )

    def parse_meeting_page(self, response: Response) -> Iterator[Any]:
        """``ieListDocuments.aspx?CId=&MId=``: a meeting's agenda with items and papers."""
        site = self.site_of(response)
        meeting_id = query_arg(response.url, "MId") or ""
        committee_id = query_arg(response.url, "CId") or response.meta.get("committee_id", "")
        heading = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]"))
        committee = response.meta.get("committee_title") or heading.split(" - ")[0]
        day = uk_date(heading)
        time_match = re.search(r"\d{1,2}[.:]\d{2}\s*[ap]m", heading, re.IGNORECASE)
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        values = {label.lower(): value for label, value in mg_fields(scope)}
        items = []
        for row in scope.xpath(".//table[contains(@class, 'mgItemTable')]//tr[td]"):
            title_node = row.xpath(
                "./td[not(contains(@class,'mgItemNumberCell'))]"
                "//p[contains(@class,'mgAiTitleTxt')][1]"
            )
            if not title_node:
                continue
            anchor = row.xpath(".//a[starts-with(@name,'AI') or starts-with(@id,'AI')]")
            item_id = ""
            if anchor:
                item_id = (anchor[0].attrib.get("name") or anchor[0].attrib.get("id") or "")[2:]
            if not item_id:
                link = row.xpath(".//a[contains(@href, 'mgAi.aspx')]/@href").get()
                item_id = query_arg(response.urljoin(link), "ID") if link else ""
            if not item_id:
                continue
            number = text_of(row.xpath("./td[contains(@class,'mgItemNumberCell')]"))
            title = text_of(title_node[0])
            blocks = row.xpath(".//div[contains(@class,'mgWordPara')]")
            agenda_text, minutes = "", ""
            for block in blocks:
                text = html_to_text(block.root)
                if text.lower().startswith("minutes:"):
                    minutes = text[len("minutes:") :].strip()
                elif not agenda_text:
                    agenda_text = text
            documents = [
                {**d, "url": site.public_url(d["url"])} for d in document_links(row, response.url)
            ]
            items.append({"id": item_id, "number": number, "title": title})
            record = self.record(
                site,
                source_key=site.source_key("agenda_item", item_id),
                kind="agenda_item",
                title=title,
                description=fields_text(
                    [
                        ("Meeting", f"{committee}, {day:%d/%m/%Y}" if day else committee),
                        ("Item", number),
                        ("Agenda text", agenda_text),
                        ("Minutes", minutes),
                    ]
                ),
                url=site.public_url(f"{response.url.split('#')[0]}#AI{item_id}"),
                published_at=local_midnight(day),
                data={
                    "agenda_item_id": item_id,
                    "meeting_id": meeting_id,
                    "committee": committee,
                    "committee_id": committee_id,
                    "number": number,
                    "documents": documents,
                },
                documents=[{"url": d["url"], "title": d["title"]} for d in documents],
            )
            yield from self.emit(site, record)
        yield self._meeting_record(
            site,
            meeting_id=meeting_id,
            committee=committee,
            committee_id=committee_id,
            day=day,
            time=time_match.group(0) if time_match else "",
            location=values.get("venue", ""),
            status=values.get("status", ""),
            url=response.url,
            items=items,
            via="html",
        )
