"""Politeness middleware."""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from time import time

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

logger = logging.getLogger(__name__)


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
    except (TypeError, ValueError, IndexError):
        return None


class RetryAfterMiddleware:
    """Waits out rate-limit answers, then retries the same request.

    The wait is the server's ``Retry-After`` when it sends one, else the spider's
    ``rate_limit_waits`` for that status (Contracts Finder documents five minutes after
    a 403), else ``OURSAY_RATE_LIMIT_DEFAULT_WAIT``. Gives up after
    ``OURSAY_RATE_LIMIT_MAX_RETRIES`` and lets the response through as a failure.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.statuses = {int(s) for s in settings.getlist("OURSAY_RATE_LIMIT_STATUSES")}
        self.default_wait = settings.getfloat("OURSAY_RATE_LIMIT_DEFAULT_WAIT")
        self.max_wait = settings.getfloat("OURSAY_RATE_LIMIT_MAX_WAIT")
        self.max_retries = settings.getint("OURSAY_RATE_LIMIT_MAX_RETRIES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        spider_waits: dict[int, float] = getattr(self.crawler.spider, "rate_limit_waits", {})
        if response.status not in self.statuses and response.status not in spider_waits:
            return response
        stats = self.crawler.stats
        tries = request.meta.get("rate_limit_retries", 0)
        if tries >= self.max_retries:
            stats.inc_value("oursay/rate_limit/gave_up")
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            wait = spider_waits.get(response.status, self.default_wait)
        wait = min(wait, self.max_wait)
        stats.inc_value(f"oursay/rate_limit/{response.status}")
        logger.info(
            "%s answered %s; waiting %.0fs before retrying", request.url, response.status, wait
        )
        await asyncio.sleep(wait)
        retry = request.replace(dont_filter=True)
        retry.meta["rate_limit_retries"] = tries + 1
        return retry
