"""Per-council counts of a crawl, for its summary lines, and progress on a terminal.

A council spider crawls several councils in one run; the run's stats say how many pages,
items and errors each had (``oursay/council/CODE/...``), so ``oursay crawl`` can print one
line per council and the health page can tell one council's trouble from another's. The
pipeline counts stored items per council (they count once committed); this extension
counts pages and time.

With ``OURSAY_PROGRESS`` on (``oursay crawl`` sets it), a progress bar on standard error
shows pages (council sites) or date windows walked of all to walk (procurement APIs, with
an ETA), items and errors as they come, with the rate; tqdm switches itself off when
standard error is not a terminal, so logs and scheduled runs get no bar.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

PREFIX = "oursay/council/"
STORED = ("records/inserted", "records/updated", "records/unchanged")


def council_stat(code: str, name: str) -> str:
    return f"{PREFIX}{code}/{name}"


class CrawlSummary:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.started: dict[str, float] = {}
        self.bar: Any = None
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        if crawler.settings.getbool("OURSAY_PROGRESS"):
            from tqdm import tqdm

            # disable=None: no bar unless standard error is a terminal.
            self.bar = tqdm(desc="crawling", unit=" pages", disable=None, leave=False)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlSummary:
        return cls(crawler)

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        stats = self.crawler.stats
        code = council_of(request, spider)
        if code and stats is not None:
            now = time.monotonic()
            first = self.started.setdefault(code, now)
            stats.inc_value(council_stat(code, "pages"))
            stats.set_value(council_stat(code, "seconds"), round(now - first, 1))
        if self.bar is not None:
            windows = windows_done(spider, stats) if stats is not None else None
            if windows is None:
                self.bar.update(1)
                return
            # A procurement crawl walks date windows: counting those gives a rate and an
            # ETA, where a count of pages has no end to measure against.
            done, total = windows
            self.bar.total, self.bar.unit = total, " windows"
            self.bar.update(done - self.bar.n)

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        if self.bar is None or self.crawler.stats is None:
            return
        stats = self.crawler.stats
        self.bar.set_postfix(
            items=sum(stats.get_value(f"oursay/{name}", 0) for name in STORED),
            errors=stats.get_value("oursay/failures", 0),
            refresh=False,
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.bar is not None:
            self.bar.close()


def windows_done(spider: Spider, stats: Any) -> tuple[int, int] | None:
    """(windows walked, windows in all) of a procurement crawl; None for other spiders."""
    window = getattr(spider, "window", None)
    since, until = stats.get_value("oursay/since"), stats.get_value("oursay/until")
    if not (isinstance(window, timedelta) and since and until):
        return None
    span = datetime.fromisoformat(until) - datetime.fromisoformat(since)
    total = max(1, math.ceil(span / window))
    done = stats.get_value("oursay/windows/complete", 0) + stats.get_value(
        "oursay/windows/not_checkpointed", 0
    )
    return min(done, total), total


def council_of(request: Request, spider: Spider) -> str | None:
    code = request.meta.get("council_code")
    if code:
        return str(code)
    site = getattr(spider, "sites", {}).get(request.meta.get("site", ""))
    return getattr(site, "code", None) or None


@dataclass(frozen=True)
class CouncilCounts:
    code: str
    pages: int
    items: int
    documents: int
    new: int
    changed: int
    errors: int
    seconds: float

    def line(self, source: str) -> str:
        return (
            f"{source} {self.code}: {self.pages} pages, {self.items} items, "
            f"{self.documents} documents, {self.new} new, {self.changed} changed, "
            f"{self.errors} errors, {self.seconds:.1f}s"
        )


def council_counts(stats: Mapping[str, Any]) -> list[CouncilCounts]:
    """Each council's counts from a run's stats, by council code."""
    codes = sorted({key[len(PREFIX) :].split("/", 1)[0] for key in stats if key.startswith(PREFIX)})

    def get(code: str, name: str) -> Any:
        return stats.get(council_stat(code, name)) or 0

    return [
        CouncilCounts(
            code=code,
            pages=int(get(code, "pages")),
            items=sum(int(get(code, name)) for name in STORED),
            documents=int(get(code, "documents/ok")),
            new=int(get(code, "records/inserted")),
            changed=int(get(code, "records/updated")),
            errors=int(get(code, "failures")),
            seconds=float(get(code, "seconds")),
        )
        for code in codes
    ]
