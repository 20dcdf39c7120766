"""The base class every oursay spider builds on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.items import FailureItem
from crawlers.middlewares import DEFERRED_META

LONDON = ZoneInfo("Europe/London")


def parse_when(value: str | date | datetime | None) -> datetime | None:
    """``YYYY-MM-DD`` or an ISO datetime; dates and naive times are UK local time."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as error:
            raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


# Scrapy would also take ftp://, file://, s3:// and data: URLs; an ftp:// URL pointed at an
# HTTP server waits for a banner that never comes, past DOWNLOAD_TIMEOUT and SIGTERM alike.
WEB_SCHEMES = ("http", "https")


def check_base_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, else ValueError saying what is wrong."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as error:
        raise ValueError(f"base URL {url!r} is not a URL: {error}") from error
    if parts.scheme.lower() not in WEB_SCHEMES:
        found = f"not {parts.scheme}://" if parts.scheme else "and it has no scheme"
        raise ValueError(f"base URL {url!r}: only http:// and https:// URLs are accepted, {found}")
    if not parts.hostname:
        raise ValueError(f"base URL {url!r} has no host")
    return url.strip()


class BaseSpider(scrapy.Spider):
    """Arguments every spider takes (``-a name=value`` with ``scrapy crawl``):

    ``since``, ``until``
        The date range to collect (``YYYY-MM-DD``). Without ``since`` a spider resumes
        from its checkpoint, or from a recent default of its own.
    ``council``
        Comma-separated register codes (``KEN,SUR``); without it, every council the
        source covers.
    ``base_url``
        Another host serving the same site or API: a mirror or a local test server
        (http or https, with a host; anything else is refused).
    """

    # The name of the source in storage ("find-a-tender", "moderngov"...).
    source: str = ""
    # Where the real service lives; ``base_url`` replaces it.
    default_base_url: str = ""

    def __init__(
        self,
        *args: Any,
        since: str | None = None,
        until: str | None = None,
        council: str | None = None,
        base_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.since = parse_when(since)
        self.until = parse_when(until)
        if self.since and self.until and self.since >= self.until:
            raise ValueError(f"since ({since}) must be before until ({until})")
        self.council_codes = [c.strip().upper() for c in (council or "").split(",") if c.strip()]
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        if self.base_url:
            check_base_url(self.base_url)
            # Crawlers stay on the hosts they were pointed at (OffsiteMiddleware).
            self.allowed_domains = [urlsplit(self.base_url).hostname or ""]

    def failure_item(
        self,
        reason: str,
        *,
        url: str | None = None,
        http_status: int | None = None,
        council_code: str | None = None,
    ) -> FailureItem:
        self.crawler.stats.inc_value("oursay/failed_requests")
        self.logger.warning("failed: %s (%s)", url, reason)
        return FailureItem(
            source=self.source,
            reason=reason,
            url=url,
            http_status=http_status,
            council_code=council_code,
        )

    def errback(self, failure: Failure) -> Iterator[FailureItem]:
        """Record a request that failed for good (after retries) and carry on."""
        request = failure.request  # type: ignore[attr-defined]
        status = None
        deferred = request.meta.get(DEFERRED_META)
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = deferred or f"HTTP {status}"
        elif deferred:
            reason = deferred
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield self.failure_item(
            reason,
            url=request.url,
            http_status=status,
            council_code=request.meta.get("council_code"),
        )
