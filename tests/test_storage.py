"""Storage on SQLite and on a real PostgreSQL: migrations, idempotent upserts, time zones."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from storage import records as store
from storage.db import get_engine
from storage.models import Base, Council, CrawlFailure, Document, Record, compared


def sample_item(**overrides):
    item = {
        "source": "find-a-tender",
        "source_key": "ocds-h6vhtk-000001/000001-2026-1",
        "kind": "notice",
        "title": "Exampleshire leisure centres operator",
        "description": "Management of three leisure centres (sample data).",
        "url": "https://example.org/Notice/000001-2026",
        "published_at": datetime(2026, 8, 12, 9, 30, tzinfo=UTC),
        "ocid": "ocds-h6vhtk-000001",
        "release_id": "000001-2026-1",
        "notice_type": "UK6",
        "value_amount": "19900000.50",
        "value_currency": "GBP",
        "suppliers": [{"name": "Sample Leisure Ltd"}],
        "cpv_codes": ["92610000"],
        "data": {"tag": ["award"]},
        "documents": [{"url": "https://example.org/doc/1.pdf", "title": "Award report"}],
    }
    item.update(overrides)
    return item


def test_migrations_match_models(database: str) -> None:
    with get_engine(database).connect() as connection, warnings.catch_warnings():
        # SQLite's reflection cannot read expression indexes back; they are left out of the
        # comparison (storage.models.NOT_COMPARED).
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(connection, opts={"include_object": compared})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == [], f"models changed without a migration: {diffs}"


def test_init_seeds_every_registry_council(database: str) -> None:
    from storage.councils import load_registry

    with Session(get_engine(database)) as session:
        count = session.scalar(select(func.count()).select_from(Council))
        kent = session.get(Council, "KEN")
    assert count == len(load_registry())
    assert kent is not None and kent.gss_code == "E10000016"


def test_upsert_is_idempotent_and_detects_changes(database: str) -> None:
    engine = get_engine(database)
    with Session(engine) as session:
        record, outcome = store.upsert_record(session, sample_item())
        session.commit()
        assert outcome == "inserted"
        first_id, first_hash = record.id, record.content_hash
    with Session(engine) as session:
        record, outcome = store.upsert_record(session, sample_item())
        session.commit()
        assert (outcome, record.id, record.content_hash) == ("unchanged", first_id, first_hash)
    with Session(engine) as session:
        record, outcome = store.upsert_record(session, sample_item(title="Renamed"))
        session.commit()
        assert outcome == "updated" and record.id == first_id and record.content_hash != first_hash
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Record)) == 1
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        stored = session.scalars(select(Record)).one()
        assert stored.title == "Renamed"
        assert stored.value_amount == Decimal("19900000.50")
        assert stored.suppliers == [{"name": "Sample Leisure Ltd"}]


def test_datetimes_come_back_timezone_aware(database: str) -> None:
    bst = timezone(timedelta(hours=1))
    with Session(get_engine(database)) as session:
        store.upsert_record(
            session, sample_item(published_at=datetime(2026, 8, 12, 10, 30, tzinfo=bst))
        )
        session.commit()
    with Session(get_engine(database)) as session:
        stored = session.scalars(select(Record)).one()
        assert stored.published_at == datetime(2026, 8, 12, 9, 30, tzinfo=UTC)
        assert stored.published_at.utcoffset() == timedelta(0)
        assert stored.first_seen_at.tzinfo is not None


def test_naive_datetime_is_refused(database: str) -> None:
    with Session(get_engine(database)) as session:
        store.upsert_record(session, sample_item(published_at=datetime(2026, 8, 12)))
        with pytest.raises(Exception, match="naive datetime"):
            session.commit()


@pytest.mark.parametrize("bad", ["1e9999", "-1e9999", "not a number"])
def test_unusable_amounts_become_null(database: str, bad: str) -> None:
    with Session(get_engine(database)) as session:
        record, _ = store.upsert_record(session, sample_item(value_amount=bad))
        session.commit()
        assert record.value_amount is None


def test_checkpoint_never_moves_back(database: str) -> None:
    later = datetime(2026, 8, 12, tzinfo=UTC)
    with Session(get_engine(database)) as session:
        store.advance_checkpoint(session, "find-a-tender", later)
        store.advance_checkpoint(session, "find-a-tender", later - timedelta(days=3))
        session.commit()
        assert store.get_checkpoint(session, "find-a-tender") == later
        assert store.get_checkpoint(session, "contracts-finder") is None


def test_document_text_is_replaced_not_appended(database: str) -> None:
    with Session(get_engine(database)) as session:
        record, _ = store.upsert_record(session, sample_item())
        session.flush()
        document = record.documents[0]
        store.store_document_text(
            session, document, pages=["one", "two"], content_hash="a" * 64, status="ok"
        )
        session.commit()
        store.store_document_text(
            session, document, pages=["only"], content_hash="b" * 64, status="ok"
        )
        session.commit()
        assert [p.text for p in document.pages] == ["only"]
        assert document.page_count == 1


def test_failures_are_kept(database: str) -> None:
    with Session(get_engine(database)) as session:
        store.record_failure(session, source="moderngov", reason="HTTP 503", http_status=503)
        session.commit()
        failure = session.scalars(select(CrawlFailure)).one()
        assert (failure.reason, failure.http_status) == ("HTTP 503", 503)


def test_sqlite_connections_use_wal_and_foreign_keys(sqlite_database: str) -> None:
    with get_engine(sqlite_database).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_unknown_council_is_refused_by_the_foreign_key(database: str) -> None:
    with Session(get_engine(database)) as session:
        store.upsert_record(session, sample_item(council_code="ZZZ"))
        with pytest.raises(Exception, match=r"(?i)foreign key"):
            session.commit()
