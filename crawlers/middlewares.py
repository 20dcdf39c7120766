"""Politeness middleware: rate-limit answers are waited out, within bounds."""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from time import monotonic, time
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

logger = logging.getLogger(__name__)

# Why a request was not waited for; read by BaseSpider.errback as the failure's reason.
DEFERRED_META = "oursay_deferred"
# How often a wait looks whether the crawl is shutting down (SIGTERM, SIGINT).
SHUTDOWN_POLL_SECONDS = 0.25


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class RetryAfterMiddleware:
    """Waits out rate-limit answers, then retries the same request.

    The wait is the server's ``Retry-After`` when it sends one, else the spider's
    ``rate_limit_waits`` for that status (Contracts Finder documents five minutes after
    a 403), else ``OURSAY_RATE_LIMIT_DEFAULT_WAIT``; our own waits are cut to
    ``OURSAY_RATE_LIMIT_MAX_WAIT``. The request is not waited for but deferred to the next
    run (the answer goes on to the spider as a failure, with the reason in
    ``request.meta[DEFERRED_META]``) when:

    - the server asks for longer than ``OURSAY_RATE_LIMIT_MAX_WAIT``; requests to that
      host that reach this middleware later are deferred too, without asking, until the
      time it named (those already queued in the downloader's slot for it still go);
    - the run has already waited ``OURSAY_RATE_LIMIT_MAX_TOTAL_WAIT`` seconds in all;
    - the crawl is shutting down (a wait in progress ends within a fraction of a second).

    After ``OURSAY_RATE_LIMIT_MAX_RETRIES`` answers for one request it gives up and lets
    the response through as a failure.

    Waits are asyncio delays, never ``time.sleep``: the reactor keeps serving other hosts,
    and SIGTERM/SIGINT are heard at once.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.statuses = {int(s) for s in settings.getlist("OURSAY_RATE_LIMIT_STATUSES")}
        self.default_wait = settings.getfloat("OURSAY_RATE_LIMIT_DEFAULT_WAIT")
        self.max_wait = settings.getfloat("OURSAY_RATE_LIMIT_MAX_WAIT")
        self.max_total_wait = settings.getfloat("OURSAY_RATE_LIMIT_MAX_TOTAL_WAIT")
        self.max_retries = settings.getint("OURSAY_RATE_LIMIT_MAX_RETRIES")
        self.waited = 0.0
        # Host -> (monotonic time it asked us to stay away until, the reason).
        self.deferred_hosts: dict[str, tuple[float, str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        deferred = self.deferred_hosts.get(host)
        if deferred is None:
            return
        until, reason = deferred
        if monotonic() >= until:
            del self.deferred_hosts[host]
            return
        # Asking again before the time the server named would only prolong the ban.
        request.meta[DEFERRED_META] = reason
        self.crawler.stats.inc_value("oursay/rate_limit/deferred")
        raise IgnoreRequest(reason)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        spider_waits: dict[int, float] = getattr(self.crawler.spider, "rate_limit_waits", {})
        if response.status not in self.statuses and response.status not in spider_waits:
            return response
        stats = self.crawler.stats
        tries = request.meta.get("rate_limit_retries", 0)
        if tries >= self.max_retries:
            stats.inc_value("oursay/rate_limit/gave_up")
            return response
        stats.inc_value(f"oursay/rate_limit/{response.status}")
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is not None and asked > self.max_wait:
            reason = (
                f"rate limited; server asked for {asked:.0f} s, cap {self.max_wait:g} s; "
                "deferred to next run"
            )
            host = urlsplit(request.url).hostname or ""
            self.deferred_hosts[host] = (monotonic() + asked, reason)
            return self._defer(request, response, reason)
        wait = asked if asked is not None else spider_waits.get(response.status, self.default_wait)
        wait = min(wait, self.max_wait)
        if self.waited + wait > self.max_total_wait:
            return self._defer(
                request,
                response,
                f"rate limited; {self.waited:.0f} s of the run's "
                f"{self.max_total_wait:g} s waiting budget spent; deferred to next run",
            )
        logger.info(
            "%s answered %s; waiting %.0fs before retrying", request.url, response.status, wait
        )
        if not await self._wait(wait):
            return self._defer(
                request, response, "rate limited; shut down while waiting; deferred to next run"
            )
        retry = request.replace(dont_filter=True)
        retry.meta["rate_limit_retries"] = tries + 1
        return retry

    def _defer(self, request: Request, response: Response, reason: str) -> Response:
        logger.warning("%s: %s", request.url, reason)
        request.meta[DEFERRED_META] = reason
        self.crawler.stats.inc_value("oursay/rate_limit/deferred")
        return response

    async def _wait(self, seconds: float) -> bool:
        """Wait without blocking the reactor; False if the crawl began to shut down first.

        Scrapy's graceful stop waits for every request in progress, this one included, and
        has no signal for "stopping": so the wait looks at ``crawler.crawling`` (cleared
        the moment a stop is asked for) a few times a second.
        """
        started = monotonic()
        deadline = started + seconds
        try:
            while self.crawler.crawling:
                remaining = deadline - monotonic()
                if remaining <= 0:
                    return True
                await asyncio.sleep(min(SHUTDOWN_POLL_SECONDS, remaining))
            return False
        finally:
            self.waited += monotonic() - started
