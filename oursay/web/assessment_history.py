"""What the monitor said about a record over time, for its item page.

Every assessment is kept (a new one when the record's text or the rules change), so staff
and readers can see when a flag appeared, moved to another record of the decision, or was
cleared, and by which version of the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Assessment

HISTORY_LIMIT = 10  # the newest assessments shown; older ones stay in the database
# Signals of a record whose flag another record of the same decision or procurement carries.
_FOLDED = ("same_decision_as:", "same_procurement_as:")


@dataclass(frozen=True)
class PastAssessment:
    when: datetime
    rules_version: str
    current: bool
    verdict: str  # in plain words
    route: str  # published / waits for review / not flagged


def _verdict(a: Assessment) -> str:
    pairs = (("outsourcing", a.is_outsourcing), ("asset sale", a.is_asset_sale))
    kinds = [word for word, on in pairs if on]
    if not kinds:
        return "no outsourcing or sale decided"
    found = []
    if a.has_consultation is not None:
        found.append("consultation found" if a.has_consultation else "no consultation found")
    if a.has_inhouse_statement is not None:
        found.append(
            "in-house option found" if a.has_inhouse_statement else "no in-house option found"
        )
    text = " and ".join(kinds)
    return f"{text}: {', '.join(found)}" if found else text


def _route(a: Assessment) -> str:
    if not a.should_flag:
        folded = any(str(s).startswith(_FOLDED) for s in a.signals or [])
        return "flag carried by another record of the decision" if folded else "not flagged"
    return "flagged, waits for staff review" if a.publish_state == "needs_review" else "flagged"


def assessment_history(session: Session, record_id: int) -> list[PastAssessment]:
    rows = session.scalars(
        select(Assessment)
        .where(Assessment.record_id == record_id)
        .order_by(Assessment.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return [
        PastAssessment(a.created_at, a.rules_version, a.is_current, _verdict(a), _route(a))
        for a in rows
    ]
