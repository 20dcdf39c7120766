"""What every council-site spider (ModernGov, CMIS) shares.

``CouncilSpider`` turns the council registry
into one ``CouncilSite`` per council, keeps each crawl on the councils' own hosts, handles
firewall challenges (the browser path), per-council TLS and browser flags, document
downloads (``crawlers.documents``) and the per-council checkpoint.

Its parts live beside it: ``council_site`` (a council's site, the window),
``council_browser`` (challenges, moved hosts, the browser path), ``council_parsing``
(helpers for the spiders' parsers) and ``council_state`` (what earlier runs stored). Their
public names are importable from here too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.dates import uk_date, uk_dates
from crawlers.documents import DocumentDownloads
from crawlers.items import CheckpointItem, FailureItem, RecordItem
from crawlers.scope import BROWSER_REFUSED_META, RefusedAddress
from crawlers.spiders.base import LONDON, BaseSpider
from crawlers.spiders.council_browser import (
    CHALLENGE_CLEARED_JS,
    DEFAULT_CHROMIUM,
    FETCH_DOCUMENT_JS,
    BrowserPath,
    ChallengeMiddleware,
    FirewallChallenge,
    MovedHost,
    MovedHostMiddleware,
    looks_like_challenge,
)
from crawlers.spiders.council_parsing import (
    document_links,
    fields_text,
    local_midnight,
    mg_fields,
    query_arg,
    text_of,
    yes_no,
)
from crawlers.spiders.council_site import (
    CHECKPOINT_OVERLAP,
    DEFAULT_LOOKBACK,
    FORTHCOMING_HORIZON,
    MEETING_HORIZON,
    CouncilSite,
    _split_base,
)
from crawlers.spiders.council_state import StoredState

# Names the spiders, tests and other modules import from here (they live in the modules
# above); uk_date and uk_dates come from crawlers/dates.py.
__all__ = [
    "CHALLENGE_CLEARED_JS",
    "CHECKPOINT_OVERLAP",
    "DEFAULT_CHROMIUM",
    "DEFAULT_LOOKBACK",
    "FETCH_DOCUMENT_JS",
    "FORTHCOMING_HORIZON",
    "MEETING_HORIZON",
    "ChallengeMiddleware",
    "CouncilSite",
    "CouncilSpider",
    "FirewallChallenge",
    "MovedHost",
    "MovedHostMiddleware",
    "document_links",
    "fields_text",
    "local_midnight",
    "looks_like_challenge",
    "mg_fields",
    "query_arg",
    "text_of",
    "uk_date",
    "uk_dates",
    "yes_no",
]

logger = logging.getLogger(__name__)


class CouncilSpider(BrowserPath, StoredState, DocumentDownloads, BaseSpider):
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

    # requests ------------------------------------------------------------------------
    def site_for(self, request: Request) -> CouncilSite | None:
        return self.sites.get(request.meta.get("site", ""))

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
