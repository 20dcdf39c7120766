"""The other records of one decision, for the item page.

The monitor links a notice to the decision it implements, a decision to its consultation
and the stages of one decision to each other (``record_links``, either direction), and
groups the records of one decision (``assessments.decision_group``). The item page lists
those records with their dates, and which of them carries the decision's flag, so that one
decision can be followed across its forward-plan entry, agenda item, decision and notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, defer

from feeds.items import clean_text
from storage.models import Assessment, Record, RecordLink

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
    carries_flag: bool = False  # the record that shows the decision's flag in the feeds


def linked_records(session: Session, record_id: int) -> list[LinkedRecord]:
    """Records linked to ``record_id`` either way and the other records of its decision,
    oldest first (the order a decision moves)."""
    rows = session.execute(
        select(RecordLink.from_record_id, RecordLink.to_record_id).where(
            or_(RecordLink.from_record_id == record_id, RecordLink.to_record_id == record_id)
        )
    )
    ids = {b if a == record_id else a for a, b in rows}
    group = session.scalar(
        select(Assessment.decision_group).where(
            Assessment.record_id == record_id, Assessment.is_current.is_(True)
        )
    )
    bearer = None
    if isinstance(group, dict):
        ids |= {m for m in group.get("members") or [] if isinstance(m, int)}
        bearer = group.get("bearer")
    ids.discard(record_id)
    if not ids:
        return []
    records = session.scalars(
        select(Record)
        .where(Record.id.in_(sorted(ids)[:MAX_LINKED]))
        .options(defer(Record.data), defer(Record.description))
    )
    linked = [
        LinkedRecord(
            r.id,
            clean_text(r.title, 300) or "(untitled)",
            KIND_NAMES.get(r.kind, clean_text(r.kind)),
            r.published_at or r.first_seen_at,
            carries_flag=r.id == bearer,
        )
        for r in records
    ]
    return sorted(linked, key=lambda r: (r.date is None, r.date or datetime.min, r.id))
