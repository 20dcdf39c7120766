"""Hands items to storage in short transactions and records each run and its stats."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.items import CheckpointItem, DocumentItem, FailureItem, RecordItem
from storage import records as store
from storage.db import session_factory
from storage.migrate import upgrade
from storage.models import CrawlRun, Record, utcnow

logger = logging.getLogger(__name__)


class StoragePipeline:
    """Writes every item through ``storage.records``.

    Records are committed in batches (``OURSAY_COMMIT_EVERY``) and always before a
    checkpoint moves, so a crash loses at most one uncommitted batch and the next run
    re-fetches it from the checkpoint.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.database_url: str | None = crawler.settings.get("OURSAY_DATABASE_URL")
        self.commit_every = crawler.settings.getint("OURSAY_COMMIT_EVERY", 200)
        self.pending = 0
        self.session: Session | None = None
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        upgrade(self.database_url)
        self.session = session_factory(self.database_url)()
        run = store.start_run(self.session, spider.name, _council_scope(spider))
        self.session.commit()
        self.run_id = run.id
        self.stats.set_value("oursay/run_id", run.id)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        assert self.session is not None
        try:
            if isinstance(item, RecordItem):
                _, outcome = store.upsert_record(self.session, asdict(item))
                self.stats.inc_value(f"oursay/records/{outcome}")
                self._count_and_maybe_commit()
            elif isinstance(item, DocumentItem):
                self._store_document(item)
                self._count_and_maybe_commit()
            elif isinstance(item, CheckpointItem):
                self.session.commit()
                store.advance_checkpoint(self.session, item.source, item.until, item.scope)
                self.session.commit()
                self.pending = 0
                self.stats.inc_value("oursay/checkpoints")
            elif isinstance(item, FailureItem):
                store.record_failure(self.session, run_id=self.run_id, **asdict(item))
                self.stats.inc_value("oursay/failures")
                self._count_and_maybe_commit()
        except Exception as error:
            # One bad item must not poison the batch that holds the good ones.
            self.session.rollback()
            self.pending = 0
            self.stats.inc_value("oursay/store_errors")
            logger.exception("could not store %r", item)
            raise DropItem(f"could not store: {error}") from error
        return item

    def _store_document(self, item: DocumentItem) -> None:
        assert self.session is not None
        record = self.session.scalars(
            select(Record).where(Record.source == item.source, Record.source_key == item.source_key)
        ).one_or_none()
        if record is None:
            raise DropItem(f"document for unknown record {item.source}:{item.source_key}")
        document = store.attach_document(
            self.session, record, {"url": item.url, "title": item.title}
        )
        store.store_document_text(
            self.session,
            document,
            pages=item.pages,
            content_hash=item.content_hash,
            status=item.status,
            error=item.error,
            mime_type=item.mime_type,
            size_bytes=item.size_bytes,
        )
        self.stats.inc_value(f"oursay/documents/{item.status}")

    def _count_and_maybe_commit(self) -> None:
        assert self.session is not None
        self.pending += 1
        if self.pending >= self.commit_every:
            self.session.commit()
            self.pending = 0

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.session is not None:
            self.session.commit()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.session is None or self.run_id is None:
            return
        run = self.session.get(CrawlRun, self.run_id)
        if run is not None:
            stats = {k: _jsonable(v) for k, v in self.stats.get_stats().items()}
            failed = reason != "finished" or bool(stats.get("oursay/fatal"))
            run.finished_at = utcnow()
            run.finish_reason = reason
            run.status = "failed" if failed else "ok"
            run.error = stats.get("oursay/fatal")
            run.stats = stats
            self.session.commit()
        self.session.close()
        self.session = None


def _council_scope(spider: Spider) -> str | None:
    councils = getattr(spider, "council_codes", None)
    return ",".join(councils)[:8] if councils else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
