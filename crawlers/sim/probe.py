"""An extension for tests and benchmarks: the most requests that ever waited in Scrapy's
scheduler during a crawl, as the stat ``oursay/probe/scheduler_max`` (read after every
response). What a crawl holds in memory grows with it: a Request is about 1-3 kB.

    scrapy crawl ... -s 'EXTENSIONS={"crawlers.sim.probe.SchedulerProbe": 900}'
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

STAT = "oursay/probe/scheduler_max"


class SchedulerProbe:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.most = 0
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchedulerProbe:
        return cls(crawler)

    def response_received(self, **kwargs: Any) -> None:
        engine = self.crawler.engine
        scheduler = engine.scheduler if engine is not None else None
        size = len(scheduler) if scheduler is not None else 0  # type: ignore[arg-type]
        if size > self.most:
            self.most = size
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(STAT, size)
