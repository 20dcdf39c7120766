"""What earlier runs stored, as ``CouncilSpider`` reads it: a record's documents (so that
unchanged ones are not fetched again) and each council's checkpoint. Read-only; the
pipeline writes."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from scrapy.settings import BaseSettings

from crawlers.documents import PreviousRecord, listing_signature
from crawlers.spiders.council_site import CouncilSite

# The logger name these lines had before the module was split out: log output unchanged.
logger = logging.getLogger("crawlers.spiders.council_base")


class StoredState:
    """The database side of ``CouncilSpider`` (before ``DocumentDownloads`` in its bases,
    whose ``previous_record`` it answers)."""

    source: str
    settings: BaseSettings
    _session: Any

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
