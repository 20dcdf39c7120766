"""Typed models. One ``records`` table holds every source's items so that the monitor,
the feeds and the web app treat a procurement notice and a committee decision alike;
source-specific detail lives in typed columns where several consumers need it and in
``data`` (JSON) otherwise.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JSONType = JSON().with_variant(JSONB(), "postgresql")
# Python None stored as SQL NULL (not JSON null), so that "IS NULL" finds it.
NullableJSONType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes on every backend.

    SQLite has no time zone type; storing naive UTC and re-attaching UTC on the way out
    means feeds and comparisons never meet a naive datetime.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSONType, list[Any]: JSONType}


class Council(Base):
    """A principal local authority, seeded from ``storage/data/councils.csv``."""

    __tablename__ = "councils"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # register code, e.g. KEN
    gss_code: Mapped[str | None] = mapped_column(String(9), index=True)
    name: Mapped[str] = mapped_column(String(200))
    nice_name: Mapped[str | None] = mapped_column(String(200))
    nation: Mapped[str | None] = mapped_column(String(32))
    # England's nine regions (mySociety's ``region``); the nation's name elsewhere.
    region: Mapped[str | None] = mapped_column(String(64))
    type: Mapped[str | None] = mapped_column(String(8))
    platform: Mapped[str | None] = mapped_column(String(32))
    base_url: Mapped[str | None] = mapped_column(String(500))
    verify_tls: Mapped[bool] = mapped_column(Boolean, default=True)
    browser: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # History: in force from start_date to end_date (the last day); successors take over.
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    successors: Mapped[str | None] = mapped_column(String(200))  # "|"-separated codes
    robots: Mapped[str | None] = mapped_column(String(16))  # allowed / disallowed / unchecked

    records: Mapped[list[Record]] = relationship(back_populates="council")


class Record(Base):
    """One item from one source: a notice (one OCDS release), a decision, a meeting,
    an agenda item, a forward-plan entry, an issue history or a consultation."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("source", "source_key", name="uq_records_source_key"),
        Index("ix_records_council_published", "council_code", "published_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(
        String(32)
    )  # find-a-tender, contracts-finder, moderngov, cmis
    # The source's own identifier: "<ocid>/<release id>" for OCDS, "<host>/decision/<id>"
    # for ModernGov. Upserts key on (source, source_key).
    source_key: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    council_code: Mapped[str | None] = mapped_column(ForeignKey("councils.code"), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # Procurement fields (NULL for committee papers).
    ocid: Mapped[str | None] = mapped_column(String(200), index=True)
    release_id: Mapped[str | None] = mapped_column(String(200))
    notice_type: Mapped[str | None] = mapped_column(String(8))  # UK1 ... UK17
    regime: Mapped[str | None] = mapped_column(String(16))  # UKPGA (Act), CELEX (legacy)
    buyer_name: Mapped[str | None] = mapped_column(String(500))
    buyer_id: Mapped[str | None] = mapped_column(String(200))
    suppliers: Mapped[list[Any]] = mapped_column(default=list)
    value_amount: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    value_currency: Mapped[str | None] = mapped_column(String(3))
    cpv_codes: Mapped[list[Any]] = mapped_column(default=list)
    # Committee-paper fields.
    decision_maker: Mapped[str | None] = mapped_column(String(500))
    is_key_decision: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # sha256 of the normalised content; a change means the monitor must look again.
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Denormalised for indexed filters (migration 0010), written only by the database's
    # triggers, never by this code: ``flagged`` | ``needs_review`` | ``none`` from the current
    # assessment and newest review (storage.flag_state), and the council's nation.
    flag_state: Mapped[str] = mapped_column(String(16), server_default="none")
    nation: Mapped[str | None] = mapped_column(String(32))

    council: Mapped[Council | None] = relationship(back_populates="records")
    documents: Mapped[list[Document]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Document.id"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Assessment.id"
    )
    reviews: Mapped[list[Review]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="Review.id"
    )


# The date feeds and search pages show and sort by (published, else first seen), newest
# first: with these a feed or a results page reads its first rows instead of sorting every
# match (migration 0009). The full-text indexes of the same migration are engine-specific and
# not mapped here: SQLite FTS5 tables ``records_fts`` and ``document_pages_fts`` kept in sync
# by triggers, PostgreSQL generated ``search_vector`` columns with GIN indexes; only
# ``storage.search`` reads them.
_display_date = func.coalesce(Record.published_at, Record.first_seen_at)
Index("ix_records_council_date", Record.council_code, _display_date.desc(), Record.id.desc())
Index("ix_records_date", _display_date.desc(), Record.id.desc())
# Flagged feeds and searches read these in order (migration 0010).
Index("ix_records_flag_date", Record.flag_state, _display_date.desc(), Record.id.desc())
Index(
    "ix_records_council_flag_date",
    Record.council_code,
    Record.flag_state,
    _display_date.desc(),
    Record.id.desc(),
)
Index(
    "ix_records_nation_flag_date", Record.nation, Record.flag_state, _display_date.desc(),
    Record.id.desc(),
)  # fmt: skip
# The static feed build's fingerprint reads one scan of this instead of every record's row
# (feeds/snapshot.py, migration 0011).
Index(
    "ix_records_council_changes", Record.council_code, Record.flag_state, Record.updated_at,
    Record.id,
)  # fmt: skip

# What comparing these models with a database (Alembic autogenerate, tests/test_storage.py)
# leaves alone: the engine-specific search objects above, and the expression indexes, which
# SQLite's reflection cannot read back (it skips them with a warning).
NOT_COMPARED = frozenset(
    {
        "records_fts",
        "document_pages_fts",
        "search_vector",
        "ix_records_search",
        "ix_document_pages_search",
        "ix_records_council_date",
        "ix_records_date",
        "ix_records_flag_date",
        "ix_records_council_flag_date",
        "ix_records_nation_flag_date",
    }
)


def compared(_object: Any, name: str | None, _type: str, _reflected: bool, _to: Any) -> bool:
    """Alembic's ``include_object``: False for NOT_COMPARED (and FTS5's shadow tables,
    ``records_fts_data`` and the like)."""
    if name is None:
        return True
    return not any(name == n or name.startswith(f"{n}_") for n in NOT_COMPARED)


class Document(Base):
    """A file attached to a record (report PDF, DOCX, HTML attachment)."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("record_id", "url", name="uq_documents_record_url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(1000))
    title: Mapped[str | None] = mapped_column(Text)
    mime_type: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # ok | failed | skipped (too large, unsupported) | pending (not downloaded yet)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[datetime | None]

    record: Mapped[Record] = relationship(back_populates="documents")
    pages: Mapped[list[DocumentPage]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentPage.page_number"
    )


class DocumentPage(Base):
    __tablename__ = "document_pages"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    page_number: Mapped[int] = mapped_column(Integer, primary_key=True)  # 1-based
    text: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[Document] = relationship(back_populates="pages")


class CrawlRun(Base):
    """One run of one spider; judged by its stats because ``scrapy crawl`` exits 0 anyway."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32), index=True)
    council_code: Mapped[str | None] = mapped_column(String(8))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # running, then ok | partial | failed; abandoned when its process died without saying
    # (see ``storage.records.mark_abandoned_runs``).
    status: Mapped[str] = mapped_column(String(16), default="running")
    finish_reason: Mapped[str | None] = mapped_column(String(100))
    # Which process runs it: a later run on the same host can tell a dead one by its pid.
    pid: Mapped[int | None]
    hostname: Mapped[str | None] = mapped_column(String(255))
    window_from: Mapped[datetime | None]
    window_to: Mapped[datetime | None]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)


class CrawlCheckpoint(Base):
    """How far a source (or one council on it) has been crawled completely.

    Windows are walked oldest first and the checkpoint only moves past a window once every
    page of it is stored, so an interrupted crawl resumes at the window it was in.
    """

    __tablename__ = "crawl_checkpoints"

    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(
        String(100), primary_key=True, default=""
    )  # "" or council code
    complete_until: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrawlFailure(Base):
    """A request or item that failed, with why; kept so that nothing fails silently."""

    __tablename__ = "crawl_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(32))
    council_code: Mapped[str | None] = mapped_column(String(8))
    url: Mapped[str | None] = mapped_column(String(1000))
    http_status: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Assessment(Base):
    """What one version of the monitor's rules said about one version of a record."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("record_id", "rules_version", "input_hash", name="uq_assessment_input"),
        Index("ix_assessments_current", "is_current", "should_flag"),
        # Every read joins a record to its current assessment; without this SQLite's
        # planner may pick the flag index and scan (seen at 10,000 records: 20-30 s).
        Index("ix_assessments_record_current", "record_id", "is_current"),
        # The few assessments with a decision group, for the feed fingerprint (0011).
        Index(
            "ix_assessments_grouped",
            "is_current",
            "record_id",
            sqlite_where=text("decision_group IS NOT NULL"),
            postgresql_where=text("decision_group IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    rules_version: Mapped[str] = mapped_column(String(64))
    # Hash of everything the rules read (record, documents, linked records): unchanged
    # input and rules means nothing to do.
    input_hash: Mapped[str] = mapped_column(String(64))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    is_outsourcing: Mapped[bool] = mapped_column(Boolean)
    is_asset_sale: Mapped[bool] = mapped_column(Boolean)
    has_consultation: Mapped[bool | None] = mapped_column(Boolean)
    has_inhouse_statement: Mapped[bool | None] = mapped_column(Boolean)
    should_flag: Mapped[bool] = mapped_column(Boolean)
    signals: Mapped[list[Any]] = mapped_column(default=list)
    # [{"label", "quote", "rule", "document", "page", "url"}]
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    # How sure the monitor is (0-1) and why (monitor/confidence.py); null on assessments made
    # before confidence existed.
    confidence: Mapped[float | None] = mapped_column(Float)
    confidence_reason: Mapped[str | None] = mapped_column(Text)
    # published | needs_review | not_flagged. Null (older rows) reads as before: a flag is
    # published.
    publish_state: Mapped[str | None] = mapped_column(String(16))
    # For each missing element, where it was looked for ("no consultation found: 23 pages of
    # 3 documents searched").
    searched: Mapped[list[Any]] = mapped_column(default=list)
    # The decision this record is one stage of (monitor/decision_groups.py), when other records
    # share it: {"guid", "members", "bearer", "has_consultation", "has_inhouse_statement",
    # "evidence"}. Null when the record stands alone.
    decision_group: Mapped[dict[str, Any] | None] = mapped_column(NullableJSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    record: Mapped[Record] = relationship(back_populates="assessments")


class RecordLink(Base):
    """A notice that implements a decision, a decision linked to its consultation, two
    stages of one decision."""

    __tablename__ = "record_links"
    __table_args__ = (UniqueConstraint("from_record_id", "to_record_id", name="uq_record_link"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    to_record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    # implements | consultation | same_decision
    relation: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Review(Base):
    """A staff decision about a record. Every review is kept; the newest one counts."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    # confirmed | dismissed | needs_info | good_practice
    status: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    record: Mapped[Record] = relationship(back_populates="reviews")
    reviewer: Mapped[StaffUser | None] = relationship()


class ScorecardEntry(Base):
    """What oursay says now of one council on one Our Services Our Say principle ("1" to
    "9", or "motion": a motion adopting them). A council with no row has no evidence on
    anything yet (monitor/principles/)."""

    __tablename__ = "scorecard_entries"

    council_code: Mapped[str] = mapped_column(ForeignKey("councils.code"), primary_key=True)
    principle: Mapped[str] = mapped_column(String(8), primary_key=True)
    # practised | partly | not practised | no evidence (| adopted, for "motion")
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    # [{"url", "record_id", "text", "date", "good"}]
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScorecardChange(Base):
    """Every change of a scorecard entry's status or reason, kept so that staff can see
    when a council improved or slipped."""

    __tablename__ = "scorecard_changes"
    __table_args__ = (Index("ix_scorecard_changes_council", "council_code", "changed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_code: Mapped[str] = mapped_column(ForeignKey("councils.code"))
    principle: Mapped[str] = mapped_column(String(8))
    old_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Subscription(Base):
    """A supporter's e-mail alert for one feed, stored only once its owner confirmed it
    (double opt-in: before that the request lives only in the signed confirmation link).
    The address is used for these alerts and nothing else; unsubscribing deletes the row."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("email", "feed", name="uq_subscription_email_feed"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    # The feed's path under the site root without extension: "feeds/ken",
    # "feeds/topics/leisure", "feeds/search?q=leisure+centre".
    feed: Mapped[str] = mapped_column(String(500))
    # immediate | daily
    frequency: Mapped[str] = mapped_column(String(16))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sent_at: Mapped[datetime | None]

    deliveries: Mapped[list[AlertDelivery]] = relationship(
        back_populates="subscription", cascade="all, delete-orphan", passive_deletes=True
    )


class AlertDelivery(Base):
    """One item mailed to one subscription: each subscriber gets each item once."""

    __tablename__ = "alert_deliveries"

    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    guid: Mapped[str] = mapped_column(String(600), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)

    subscription: Mapped[Subscription] = relationship(back_populates="deliveries")
