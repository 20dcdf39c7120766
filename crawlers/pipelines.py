"""Hands items to storage in short transactions and records each run and its outcome."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from crawlers.items import (
    CheckpointItem,
    DocumentItem,
    FailureItem,
    PageItem,
    RecordItem,
    item_fields,
)
from crawlers.outcome import judge
from crawlers.summary import council_stat
from storage import records as store
from storage.db import session_factory
from storage.migrate import upgrade
from storage.models import CrawlRun, Record, utcnow

logger = logging.getLogger(__name__)

T = TypeVar("T")
StoredItem = RecordItem | DocumentItem | FailureItem

# PostgreSQL answers that mean "try again": serialization failure, deadlock, lock timeout.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}


class MissingRecord(Exception):
    """A document whose record is not in the database (it failed to store, or never came)."""


class StoragePipeline:
    """Writes every item through ``storage.records``.

    Each item is flushed as soon as it is added, so a failing INSERT is blamed on the item
    that caused it; items are committed in batches (``OURSAY_COMMIT_EVERY``) and always
    before a checkpoint moves. A store error rolls back the whole uncommitted batch, so the
    batch is replayed item by item, each in its own transaction: a busy database is waited
    out (``OURSAY_STORE_RETRIES`` more tries, 1 s, 2 s, 4 s… apart, each also waiting
    SQLite's busy timeout); an item that still cannot be stored is recorded in
    ``crawl_failures`` with its key and why, and from then on no checkpoint moves in this
    run, so the next run fetches its window again. Counts in the stats are of committed
    items only.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.database_url: str | None = settings.get("OURSAY_DATABASE_URL")
        self.commit_every = max(1, settings.getint("OURSAY_COMMIT_EVERY", 200))
        self.retries = max(0, settings.getint("OURSAY_STORE_RETRIES", 4))
        self.session: Session | None = None
        self.run_id: int | None = None
        # Items added since the last commit, with the stat each adds once committed.
        self.batch: list[tuple[StoredItem, str]] = []
        # Records received but not yet written: written together (one read of the existing
        # rows, one flush) just before the batch commits or anything else is written. One
        # read and flush per record was most of a Find a Tender crawl's CPU.
        self.pending: list[RecordItem] = []
        # Set once an item could not be stored: the checkpoint must not move past it.
        self.store_failed = False
        # Set once the database stayed busy through every retry (see _database_unavailable).
        self.unavailable: str | None = None
        # Council spiders count per council too (crawlers.summary); record -> council.
        self.per_council = False
        self.record_councils: dict[tuple[str, str], str] = {}
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        self.per_council = hasattr(spider, "sites")
        upgrade(self.database_url)
        # Everything loaded so far (Scrapy, Twisted, SQLAlchemy, the registry and the
        # spider's matcher) lives as long as the process: kept out of the collector's full
        # passes, which the crawl's many short-lived objects (parsed pages, batches of
        # records) otherwise set off over and over. A tenth of a Find a Tender crawl's CPU.
        gc.freeze()
        self.session = session_factory(self.database_url)()
        # A scheduler (oursay worker, or Scrapyd dispatch) writes the row before the crawl
        # starts, so that it can close it whatever happens to this process.
        adopt = self.crawler.settings.getint("OURSAY_RUN_ID", 0)
        if adopt:
            run = self._committed(lambda: store.adopt_run(self._session, adopt))
        else:
            run = self._committed(
                lambda: store.start_run(self._session, spider.name, _scope(spider))
            )
        self.run_id = run.id
        self.stats.set_value("oursay/run_id", run.id)

    @property
    def _session(self) -> Session:
        assert self.session is not None, "the pipeline is not open"
        return self.session

    # --- items -------------------------------------------------------------------------------

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, CheckpointItem):
            self._checkpoint(item)
        elif isinstance(item, PageItem):
            # Each as if yielded alone: the same batches, commits and replays.
            for each in item.items:
                self._add(each)
        elif isinstance(item, RecordItem | DocumentItem | FailureItem):
            self._add(item)
        return item

    def _add(self, item: StoredItem) -> None:
        if self.unavailable:
            self._give_up(item, RuntimeError(f"database unavailable ({self.unavailable})"))
            return
        if isinstance(item, RecordItem):
            self.pending.append(item)
            if len(self.pending) + len(self.batch) >= self.commit_every:
                self._commit_batch()
            return
        self._write_pending()  # a document needs its record written first
        try:
            counted_as = self._write(item)
        except Exception as error:
            self._recover(item, error)
            return
        self.batch.append((item, counted_as))
        if len(self.batch) >= self.commit_every:
            self._commit_batch()

    def _write(self, item: StoredItem) -> str:
        """Add one item to the session and flush it; returns the stat it counts under."""
        session = self._session
        if isinstance(item, RecordItem):
            _, outcome = store.upsert_record(session, item_fields(item))
            counted_as = f"records/{outcome}"
        elif isinstance(item, DocumentItem):
            self._write_document(item)
            counted_as = f"documents/{item.status}"
        else:
            store.record_failure(session, run_id=self.run_id, **asdict(item))
            counted_as = "failures"
        session.flush()
        return counted_as

    def _write_document(self, item: DocumentItem) -> None:
        session = self._session
        record = session.scalars(
            select(Record).where(Record.source == item.source, Record.source_key == item.source_key)
        ).one_or_none()
        if record is None:
            raise MissingRecord(f"its record {item.source}:{item.source_key} is not stored")
        document = store.attach_document(session, record, {"url": item.url, "title": item.title})
        store.store_document_text(
            session,
            document,
            pages=item.pages,
            content_hash=item.content_hash,
            status=item.status,
            error=item.error,
            mime_type=item.mime_type,
            size_bytes=item.size_bytes,
        )

    def _write_pending(self) -> None:
        """Write the pending records together. When that fails, the session is rolled
        back and every uncommitted item is stored again one at a time, as in ``_recover``,
        so that the item at fault fails alone."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            stored = store.upsert_records(self._session, [item_fields(i) for i in pending])
            self._session.flush()
        except Exception:
            self._session.rollback()
            lost, self.batch = [item for item, _ in self.batch], []
            self._replay([*lost, *pending])
            return
        self.batch += [
            (item, f"records/{outcome}") for item, outcome in zip(pending, stored, strict=True)
        ]

    def _commit_batch(self) -> None:
        self._write_pending()
        batch, self.batch = self.batch, []
        try:
            self._session.commit()
        except Exception as error:
            self._session.rollback()
            logger.warning(
                "could not commit %d items (%s); storing them one by one", len(batch), _why(error)
            )
            self._replay([item for item, _ in batch])
            return
        self._count(batch)

    def _recover(self, failing: StoredItem, error: Exception) -> None:
        """``failing`` raised: roll back, then store the lost batch and it one at a time."""
        if isinstance(error, MissingRecord):
            # Nothing was added for it and the batch is intact: commit the batch first, as
            # recording the failure commits the session (and must not count it twice).
            self._commit_batch()
            self._give_up(failing, error)
            return
        self._session.rollback()  # which loses every uncommitted item, not only this one
        lost, self.batch = [item for item, _ in self.batch], []
        self._replay(lost)
        self._store_alone(failing, error)

    def _replay(self, items: list[StoredItem]) -> None:
        for item in items:
            self._store_alone(item, None)

    def _store_alone(self, item: StoredItem, first_error: Exception | None) -> None:
        if self.unavailable:
            self._give_up(item, first_error or RuntimeError("database unavailable"))
            return
        try:
            counted_as = self._committed(lambda: self._write(item), first_error)
        except Exception as error:
            self._give_up(item, error)
            return
        self._count([(item, counted_as)])

    def _give_up(self, item: StoredItem, error: Exception) -> None:
        """Record that ``item`` was not stored; no checkpoint moves after this."""
        self.store_failed = True
        self.stats.inc_value("oursay/store_failures")
        reason = f"could not store {_describe(item)}: {_why(error)}"
        logger.error(reason)
        if isinstance(item, FailureItem) or self.unavailable:
            # A failure that cannot be written: nowhere left but the log and the stats.
            self.stats.inc_value("oursay/store_failures/unrecorded")
            return
        self._store_alone(
            FailureItem(
                source=item.source,
                reason=reason,
                url=item.url,
                council_code=getattr(item, "council_code", None),
            ),
            None,
        )

    def _count(self, committed: list[tuple[StoredItem, str]]) -> None:
        # Summed first: a batch is up to 200 items, and each stats call costs.
        counts: dict[str, int] = {}
        for item, counted_as in committed:
            name = f"oursay/{counted_as}"
            counts[name] = counts.get(name, 0) + 1
            code = self._council_of(item)
            if code:
                name = council_stat(code, counted_as)
                counts[name] = counts.get(name, 0) + 1
        for name, count in counts.items():
            self.stats.inc_value(name, count)

    def _council_of(self, item: StoredItem) -> str | None:
        """The council an item counts for in a council spider's per-council stats
        (crawlers.summary); None in a procurement crawl, which is summed per source."""
        if not self.per_council:
            return None
        if isinstance(item, DocumentItem):
            return self.record_councils.get((item.source, item.source_key))
        code = getattr(item, "council_code", None)
        if code and isinstance(item, RecordItem):
            # A document names its record, not its council.
            self.record_councils[(item.source, item.source_key)] = code
        return code

    # --- transactions --------------------------------------------------------------------------

    def _committed(self, write: Callable[[], T], first_error: Exception | None = None) -> T:
        """``write()`` then commit, in a transaction of its own; tried again after a
        backoff while the database is busy, at most ``self.retries`` more times.
        ``first_error`` is the error of an attempt already made (and rolled back)."""
        session = self._session
        error = first_error
        retried = 0
        while True:
            if error is not None:
                if not _retryable(error) or retried >= self.retries or self.unavailable:
                    if _retryable(error):
                        self._database_unavailable(error)
                    raise error
                retried += 1
                wait = 2.0 ** (retried - 1)
                self.stats.inc_value("oursay/store_retries")
                logger.warning(
                    "database busy (%s); trying again in %.0f s (%d of %d)",
                    _why(error),
                    wait,
                    retried,
                    self.retries,
                )
                time.sleep(wait)
            try:
                result = write()
                session.commit()
                return result
            except Exception as failed:
                session.rollback()
                error = failed

    def _database_unavailable(self, error: Exception) -> None:
        """Still busy after every retry: stop the crawl rather than fetch what can't be kept."""
        if self.unavailable:
            return
        self.unavailable = _why(error)
        self.stats.set_value("oursay/fatal", f"database unavailable: {self.unavailable}")
        logger.error("database still busy after %d retries; stopping the crawl", self.retries)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="database unavailable"))

    # --- checkpoints and the run ------------------------------------------------------------------

    def _checkpoint(self, item: CheckpointItem) -> None:
        if self.batch or self.pending:
            self._commit_batch()  # the data first: a checkpoint never runs ahead of it
        if self.store_failed:
            self.stats.inc_value("oursay/checkpoints/refused")
            if self.stats.get_value("oursay/windows/complete"):
                # The spider counted the window complete before its last records were
                # written (they wait in ``pending``): it is not checkpointed after all.
                self.stats.inc_value("oursay/windows/complete", -1)
                self.stats.inc_value("oursay/windows/not_checkpointed")
            logger.warning(
                "checkpoint %s not moved to %s: an item could not be stored; the next run "
                "fetches from the last checkpoint again",
                item.source,
                item.until.isoformat(),
            )
            return
        try:
            self._committed(
                lambda: store.advance_checkpoint(self._session, item.source, item.until, item.scope)
            )
        except Exception as error:
            # The data is committed; only the progress marker is lost, so the next run
            # fetches the window again. Later checkpoints must not jump past it.
            self.store_failed = True
            logger.error("could not move checkpoint %s: %s", item.source, _why(error))
            return
        self.stats.inc_value("oursay/checkpoints")

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.session is not None and (self.batch or self.pending):
            self._commit_batch()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.session is None or self.run_id is None:
            return
        stats = {k: _jsonable(v) for k, v in self.stats.get_stats().items()}
        outcome = judge(stats, reason)

        def close_run() -> None:
            run = self._session.get(CrawlRun, self.run_id)
            if run is not None:
                run.finished_at = utcnow()
                run.finish_reason = reason
                run.status = outcome.status
                run.error = outcome.why if outcome.status != "ok" else None
                run.stats = stats

        try:
            self._committed(close_run)
        except Exception as error:
            # The next run marks the row abandoned; nothing collected depends on it.
            logger.error("could not record the end of run %s: %s", self.run_id, _why(error))
        self._session.close()
        self.session = None


def _retryable(error: BaseException) -> bool:
    """A busy or briefly unavailable database, as opposed to an item it refuses."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    message = str(error.orig).lower()
    if "database is locked" in message or "database table is locked" in message:
        return True
    return getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def _why(error: BaseException) -> str:
    """One line: the database's own message, without SQLAlchemy's statement dump."""
    detail = error.orig if isinstance(error, DBAPIError) else error
    text = str(detail).strip().splitlines()
    return f"{type(detail).__name__}: {text[0] if text else ''}"[:500]


def _describe(item: StoredItem) -> str:
    if isinstance(item, RecordItem):
        return f"record {item.source_key}"
    if isinstance(item, DocumentItem):
        return f"document {item.url} of record {item.source_key}"
    return f"failure record for {item.url or item.source} ({item.reason[:200]})"


def _scope(spider: Spider) -> str | None:
    councils = getattr(spider, "council_codes", None)
    return ",".join(councils)[:8] if councils else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
