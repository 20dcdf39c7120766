"""``upsert_records`` (Core statements, issue 14) leaves the same rows and gives the same
outcomes as ``upsert_record`` called once per item (ORM), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import records as store
from storage.db import get_engine
from storage.models import Document, Record

BULK, ONE_BY_ONE = "find-a-tender", "contracts-finder"
SKIPPED = {"id", "source", "content_hash", "first_seen_at", "updated_at"}


def item(key: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "source_key": key,
        "kind": "notice",
        "title": f"Sample notice {key}",
        "description": "Sample description",
        "url": f"https://example.org/notice/{key}",
        "published_at": datetime(2026, 8, 12, 9, 30, tzinfo=UTC),
        "ocid": f"ocds-sample-{key}",
        "value_amount": "1250.50",
        "suppliers": [{"name": "Sample Ltd"}],
        "cpv_codes": ["92610000"],
        "data": {"tag": ["award"], "n": key},
    }
    values.update(overrides)
    return values


def batches() -> list[list[dict[str, Any]]]:
    """Inserts, a record repeated unchanged and changed within one batch, an item without
    optional fields, documents new, repeated, retitled and added to an existing record."""
    doc = {"url": "https://example.org/a.pdf", "title": "Report", "mime_type": "application/pdf"}
    return [
        [
            item("a", documents=[doc, {**doc, "title": None}]),
            item("b"),
            item("b"),
            item("c", title="First title"),
            item("c", title="Second title", documents=[doc]),
            {"source_key": "d", "kind": "decision"},
        ],
        [
            item("a", documents=[{**doc, "title": "Report, revised"}, {"url": "https://x.org/2"}]),
            item("b", value_amount="1e9999"),
            item("c", title="Second title", documents=[doc]),
            {"source_key": "d", "kind": "decision", "title": None},
            item("e", documents=[{"url": "https://example.org/e"}]),
        ],
        [item("a", documents=[{**doc, "title": "Report, revised"}]), item("b", description="")],
    ]


def rows(session: Session, source: str) -> dict[str, Any]:
    found = {}
    for record in session.scalars(select(Record).where(Record.source == source)):
        columns = {
            c.key: getattr(record, c.key) for c in Record.__table__.columns if c.key not in SKIPPED
        }
        documents = session.execute(
            select(Document.url, Document.title, Document.mime_type, Document.status)
            .where(Document.record_id == record.id)
            .order_by(Document.id)
        ).all()
        found[record.source_key] = (columns, [tuple(d) for d in documents])
    return found


def test_bulk_upsert_equals_one_by_one(database: str) -> None:
    bulk_outcomes, single_outcomes = [], []
    with Session(get_engine(database)) as session:
        for batch in batches():
            bulk_outcomes += store.upsert_records(session, [{**i, "source": BULK} for i in batch])
            for i in batch:
                _, outcome = store.upsert_record(session, {**i, "source": ONE_BY_ONE})
                session.flush()
                single_outcomes.append(outcome)
            session.commit()
        assert bulk_outcomes == single_outcomes
        assert bulk_outcomes[:6] == [
            "inserted", "inserted", "unchanged", "inserted", "updated", "inserted"
        ]  # fmt: skip
        bulk, single = rows(session, BULK), rows(session, ONE_BY_ONE)
    assert bulk == single
    assert bulk["a"][1] == [
        ("https://example.org/a.pdf", "Report, revised", "application/pdf", "pending"),
        ("https://x.org/2", None, None, "pending"),
    ]


def test_bulk_update_reaches_instances_the_session_holds(database: str) -> None:
    """An instance loaded before a bulk update does not keep its old values."""
    with Session(get_engine(database)) as session:
        store.upsert_records(session, [{**item("z"), "source": BULK}])
        session.commit()
        held = session.scalars(select(Record).where(Record.source_key == "z")).one()
        assert held.title == "Sample notice z"
        outcomes = store.upsert_records(session, [{**item("z", title="New"), "source": BULK}])
        assert outcomes == ["updated"]
        assert held.title == "New"
