"""Read-side queries shared by feeds, export and the web app.

A record's *state* is its current assessment (what the monitor says now) and its newest
review (what campaign staff said); both are optional.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.orm import Session, aliased

from storage.flag_state import FLAGGED, joined_flagged
from storage.models import Assessment, Record, Review

# Filter flags on ``records.flag_state`` (migration 0010, kept by triggers) rather than
# through the joins; False only for bench/bench_search.py's same-run baseline.
USE_FLAG_STATE = True


@dataclass(frozen=True)
class RecordState:
    record: Record
    assessment: Assessment | None
    review: Review | None

    @property
    def review_status(self) -> str | None:
        return self.review.status if self.review else None

    @property
    def flagged(self) -> bool:
        """Flagged by the monitor and not dismissed by staff (or confirmed by staff)."""
        if self.review_status == "confirmed":
            return True
        if self.review_status in ("dismissed", "good_practice"):
            return False
        # An uncertain flag waits for staff (monitor/confidence.py) and is not public yet.
        a = self.assessment
        return bool(a and a.should_flag and a.publish_state != "needs_review")

    @property
    def needs_review(self) -> bool:
        """The monitor sent this record to staff (uncertain flag, unread document), and no
        one has reviewed it since."""
        a = self.assessment
        return self.review is None and a is not None and a.publish_state == "needs_review"

    @property
    def category(self) -> str | None:
        a = self.assessment
        if a is None:
            return None
        if a.is_asset_sale:
            return "asset_sale"
        if a.is_outsourcing:
            return "outsourcing"
        return None

    @property
    def date(self) -> datetime | None:
        return self.record.published_at or self.record.first_seen_at


def states_query(
    *,
    council_codes: Sequence[str] | None = None,
    flagged_only: bool = False,
    categories: Sequence[str] | None = None,
    review_status: str | None = None,
    source: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str | None = None,
    assessed_only: bool = False,
) -> Select[tuple[Record, Assessment | None, Review | None]]:
    current = aliased(Assessment)
    latest = aliased(Review)
    newer = aliased(Review)
    # The newest review of the record: one with none newer. Written as a per-record lookup
    # (reviews.record_id index) rather than a join to "max(id) GROUP BY record_id", which
    # PostgreSQL re-scanned for every row of a feed at a million records (158 ms against
    # 11 ms; ../shared/reference/scale_1m_records.md).
    query = (
        select(Record, current, latest)
        .outerjoin(current, and_(current.record_id == Record.id, current.is_current.is_(True)))
        .outerjoin(
            latest,
            and_(
                latest.record_id == Record.id,
                ~exists().where(newer.record_id == Record.id, newer.id > latest.id),
            ),
        )
    )
    if council_codes:
        query = query.where(Record.council_code.in_([c.upper() for c in council_codes]))
    if source:
        query = query.where(Record.source == source)
    if since:
        query = query.where(Record.published_at >= since)
    if until:
        query = query.where(Record.published_at < until)
    if text:
        for word in text.split():
            pattern = f"%{word}%"
            query = query.where(Record.title.ilike(pattern) | Record.description.ilike(pattern))
    if assessed_only or categories or (flagged_only and not USE_FLAG_STATE):
        # A flagged record has a current assessment: with the column, no need to say so.
        query = query.where(current.id.is_not(None))
    if categories:
        conditions = []
        if "outsourcing" in categories:
            conditions.append(current.is_outsourcing.is_(True))
        if "asset_sale" in categories:
            conditions.append(current.is_asset_sale.is_(True))
        if conditions:
            query = query.where(
                conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]
            )
    if flagged_only:
        # An index on (council, flag state, date) then gives a feed its 200 newest flags
        # without reading the council's other records (bench/README.md).
        if USE_FLAG_STATE:
            query = query.where(Record.flag_state == FLAGGED)
        else:
            query = query.where(joined_flagged(current, latest))
    if review_status:
        query = query.where(latest.status == review_status)
    return query.order_by(Record.published_at.desc().nulls_last(), Record.id.desc())


def iter_states(session: Session, **filters: Any) -> Iterator[RecordState]:
    for record, assessment, review in session.execute(states_query(**filters)):
        yield RecordState(record, assessment, review)
