"""Walks an OCDS release-package API window by window, oldest first, following cursors."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawlers.buyers import BuyerMatcher
from crawlers.items import CheckpointItem, FailureItem, PageItem, RecordItem
from crawlers.ocds import InvalidJSON, normalise_release, parse_json
from crawlers.spiders.base import LONDON, BaseSpider
from storage.councils import check_council_codes, load_registry

Output = Iterator[PageItem | CheckpointItem | FailureItem | scrapy.Request]


class OCDSWindowSpider(BaseSpider):
    """Collects a release-package search API in date windows.

    Windows are walked one at a time, oldest first, from ``since`` (else the checkpoint,
    else ``first_run_days`` back, said in one log line) to ``until`` (else now). Each
    window is paged through ``links.next`` until a page has no ``links``, no ``next`` or no
    releases. After the last page of a window the spider yields a ``CheckpointItem``; the
    pipeline commits and moves the checkpoint, and only then is the next window requested.
    So an interrupted crawl resumes at the first incomplete window and ends with the same
    rows as one that wasn't.

    A window whose page failed (after retries) or was not JSON is recorded as a
    ``FailureItem`` and is never checkpointed; nor is any window after it, so the next run
    starts again at the failed one. The same holds once an item could not be stored
    (``oursay/store_failures``; the pipeline refuses the checkpoint too). Later windows are
    still collected (their rows are simply unchanged when fetched again), except after a
    rate-limit answer that outlasted every retry: then the walk stops, as asking again
    would only prolong the ban.

    Releases whose buyer is not a UK principal local authority are counted
    (``oursay/releases/not_council``) and dropped.
    """

    # --- The API (set by subclasses) ---------------------------------------------------------
    # The release-package search, under ``base_url``.
    api_path: str = ""
    # Query parameters that bound a window.
    from_param: str = ""
    to_param: str = ""
    # How window bounds are written: UK local wall-clock time, no offset.
    time_format: str = "%Y-%m-%dT%H:%M:%S"
    # Fixed query parameters; 100 is the largest page both services allow.
    extra_params: dict[str, str] = {"limit": "100"}

    # --- Windows -------------------------------------------------------------------------------
    # Length of one window, in UK wall-clock time (so 6-hour windows always start at
    # 00:00, 06:00, 12:00, 18:00 local and never fall in a clock change's repeated hour).
    window: timedelta = timedelta(days=1)
    # Where a crawl starts when neither ``since`` nor a checkpoint says: this many days
    # back, at midnight UK time. Recent on purpose: a first run from the service's start
    # would be thousands of requests (hours at the documented rate limits) without a word;
    # a longer history is asked for with --since.
    first_run_days: int = 30
    # How far behind "now" an open-ended crawl stops (see ``start``).
    indexing_lag = timedelta(minutes=30)

    # --- Politeness ----------------------------------------------------------------------------
    # Seconds to wait after a rate-limit answer that has no Retry-After (RetryAfterMiddleware).
    rate_limit_waits: dict[int, float] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.base_url:
            raise ValueError(f"{self.name}: no base_url")
        registry = load_registry()
        check_council_codes(self.council_codes, registry)
        self.matcher = BuyerMatcher(registry)
        # Set once a window could not be completed: no later window may be checkpointed.
        self.incomplete = False
        self.walk_from: datetime | None = None
        self.walk_until: datetime | None = None

    # --- Start -------------------------------------------------------------------------------

    @property
    def checkpoint_scope(self) -> str:
        # A crawl limited to some councils has only stored theirs: its progress must not
        # count for a crawl of every council.
        return ",".join(sorted(self.council_codes))

    def stored_checkpoint(self) -> datetime | None:
        from storage.db import session_factory
        from storage.records import get_checkpoint

        try:
            with session_factory(self.settings.get("OURSAY_DATABASE_URL"))() as session:
                return get_checkpoint(session, self.source, self.checkpoint_scope)
        except SQLAlchemyError as error:
            self.logger.warning("could not read the checkpoint (%s); starting afresh", error)
            return None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        checkpoint = None if self.since else self.stored_checkpoint()
        stats = self.crawler.stats
        since = self.since or checkpoint
        if since is None:
            since = self.first_run_since()
            stats.set_value("oursay/first_run_since", since.isoformat())
            # Also after a first run whose first window failed: no checkpoint was written.
            self.logger.warning(
                "no checkpoint for %s%s and no --since: starting %d days back, at %s "
                "(use --since for more)",
                self.source,
                f" ({self.checkpoint_scope})" if self.checkpoint_scope else "",
                self.first_run_days,
                since.date().isoformat(),
            )
        # Without --until, stop short of now: the services index a release some minutes
        # after its timestamp, and a checkpoint set to "now" would step over it for good.
        until = self.until or datetime.now(LONDON) - self.indexing_lag
        self.walk_from, self.walk_until = since, until
        stats.set_value("oursay/since", since.isoformat())
        stats.set_value("oursay/until", until.isoformat())
        if checkpoint is not None:
            stats.set_value("oursay/resumed_from_checkpoint", checkpoint.isoformat())
        if since >= until:
            self.logger.info("nothing to collect: %s is not before %s", since, until)
            return
        yield self.window_request(since)

    def first_run_since(self) -> datetime:
        today = datetime.now(LONDON).date()
        return datetime.combine(today - timedelta(days=self.first_run_days), time(), LONDON)

    # --- Requests ------------------------------------------------------------------------------

    def window_end(self, start: datetime) -> datetime:
        assert self.walk_until is not None
        local = start.astimezone(LONDON).replace(tzinfo=None)
        end = (local + self.window).replace(tzinfo=LONDON)
        return min(end, self.walk_until)

    def format_time(self, moment: datetime) -> str:
        return moment.astimezone(LONDON).strftime(self.time_format)

    def window_url(self, start: datetime, end: datetime) -> str:
        query = {
            self.from_param: self.format_time(start),
            self.to_param: self.format_time(end),
            **self.extra_params,
        }
        return f"{self.base_url}{self.api_path}?{urlencode(query)}"

    def window_request(self, start: datetime) -> scrapy.Request:
        end = self.window_end(start)
        return self.page_request(self.window_url(start, end), (start, end), page=1, seen=())

    def page_request(
        self, url: str, window: tuple[datetime, datetime], *, page: int, seen: tuple[str, ...]
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.page_failed,
            headers={"Accept": "application/json"},
            meta={"window": window, "page": page, "seen": (*seen, url)},
            # A cursor URL seen before in this window is caught below, not silently dropped.
            dont_filter=True,
        )

    def on_base(self, url: str) -> str:
        """``url`` moved to ``base_url``'s host: a mirror or local server may hand out links
        naming the real service."""
        base, target = urlsplit(self.base_url), urlsplit(url)
        if (target.scheme, target.netloc) == (base.scheme, base.netloc):
            return url
        return urlunsplit((base.scheme, base.netloc, target.path, target.query, ""))

    # --- Callbacks ----------------------------------------------------------------------------

    def parse_page(self, response: Response) -> Output:
        """One page of a window: its releases, then the next page or the window's end."""
        window: tuple[datetime, datetime] = response.meta["window"]
        stats = self.crawler.stats
        try:
            parsed = parse_json(response.body)
        except InvalidJSON as error:
            yield from self.window_failed(window, str(error), response.url, response.status)
            return
        for repair in parsed.repairs:
            stats.inc_value(f"oursay/repairs/{repair}")
        package = parsed.value
        releases = package.get("releases") if isinstance(package, dict) else None
        if not isinstance(releases, list):
            yield from self.window_failed(
                window, "not a release package (no releases array)", response.url, response.status
            )
            return
        stats.inc_value("oursay/pages")
        # One item for the page's records, not one per release (see PageItem).
        page = PageItem(list(self.records(releases, response.url)))
        if page.items:
            yield page

        links = package.get("links")
        next_url = links.get("next") if isinstance(links, dict) else None
        if not releases or not isinstance(next_url, str) or not next_url.strip():
            yield from self.window_done(window)
            return
        next_url = self.on_base(response.urljoin(next_url.strip()))
        seen: tuple[str, ...] = response.meta.get("seen", ())
        if next_url in seen:
            yield from self.window_failed(
                window, f"cursor loop: {next_url} was already fetched", response.url
            )
            return
        yield self.page_request(next_url, window, page=response.meta["page"] + 1, seen=seen)

    def records(self, releases: list[Any], url: str) -> Iterator[RecordItem | FailureItem]:
        # Counted here and added to the stats once per page: each of Scrapy's stats calls
        # goes through a wrapper of its own, and a page has 100 releases.
        counts = dict.fromkeys(("seen", "invalid", "not_council", "other_council", "council"), 0)
        for release in releases:
            counts["seen"] += 1
            try:
                if not isinstance(release, dict):
                    raise ValueError("release is not an object")
                item = normalise_release(release, source=self.source, matcher=self.matcher)
            except ValueError as error:
                counts["invalid"] += 1
                release_id = release.get("id") if isinstance(release, dict) else None
                yield self.failure_item(f"release {release_id}: {error}", url=url)
                continue
            if item is None:
                counts["not_council"] += 1
            elif self.council_codes and item.council_code not in self.council_codes:
                counts["other_council"] += 1
            else:
                counts["council"] += 1
                yield item
        stats = self.crawler.stats
        for name, count in counts.items():
            if count:
                stats.inc_value(f"oursay/releases/{name}", count)

    def page_failed(self, failure: Failure) -> Output:
        """A page that failed for good (after retries): recorded; the window stays open."""
        yield from self.errback(failure)
        self.incomplete = True
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        if response is not None and response.status in self.rate_limit_waits:
            self.logger.warning("still rate limited after every retry; stopping the walk")
            self.crawler.stats.set_value("oursay/stopped", f"rate limited ({response.status})")
            return
        yield from self.next_window(request.meta["window"])

    # --- Windows ------------------------------------------------------------------------------

    def window_failed(
        self,
        window: tuple[datetime, datetime],
        reason: str,
        url: str,
        status: int | None = None,
    ) -> Output:
        yield self.failure_item(reason, url=url, http_status=status)
        self.incomplete = True
        yield from self.next_window(window)

    def window_done(self, window: tuple[datetime, datetime]) -> Output:
        if self.crawler.stats.get_value("oursay/store_failures"):
            self.incomplete = True
        if self.incomplete:
            self.crawler.stats.inc_value("oursay/windows/not_checkpointed")
        else:
            self.crawler.stats.inc_value("oursay/windows/complete")
            yield CheckpointItem(self.source, until=window[1], scope=self.checkpoint_scope)
        yield from self.next_window(window)

    def next_window(self, window: tuple[datetime, datetime]) -> Iterator[scrapy.Request]:
        assert self.walk_until is not None
        if window[1] < self.walk_until:
            yield self.window_request(window[1])
