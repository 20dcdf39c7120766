"""The other records of one decision, for the item page.

The monitor links a notice to the decision it implements and a decision to its
consultation (``record_links``, either direction). The item page lists those records with
their dates so that one decision can be followed across its forward-plan entry, agenda
item, decision and notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, defer

from feeds.items import clean_text
from storage.models import Record, RecordLink

KIND_NAMES = {
    "notice": "procurement notice",
    "decision": "decision",
    "agenda_item": "agenda item",
    "forward_plan": "forward plan entry",
    "issue": "issue",
    "consultation": "consultation",
    "meeting": "meeting",
}
# An item page is not a search result: a handful of linked records is what a decision has.
MAX_LINKED = 20


@dataclass(frozen=True)
class LinkedRecord:
    id: int
    title: str
    kind: str
    date: datetime | None


def linked_records(session: Session, record_id: int) -> list[LinkedRecord]:
    """Records linked to ``record_id`` either way, oldest first (the order a decision moves)."""
    rows = session.execute(
        select(RecordLink.from_record_id, RecordLink.to_record_id).where(
            or_(RecordLink.from_record_id == record_id, RecordLink.to_record_id == record_id)
        )
    )
    ids = {b if a == record_id else a for a, b in rows} - {record_id}
    if not ids:
        return []
    records = session.scalars(
        select(Record).where(Record.id.in_(ids)).options(defer(Record.data)).limit(MAX_LINKED)
    )
    linked = [
        LinkedRecord(
            r.id,
            clean_text(r.title, 300) or "(untitled)",
            KIND_NAMES.get(r.kind, clean_text(r.kind)),
            r.published_at or r.first_seen_at,
        )
        for r in records
    ]
    return sorted(linked, key=lambda r: (r.date is None, r.date or datetime.min, r.id))
