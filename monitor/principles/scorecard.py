"""The scorecard: read the facts once, judge every council on every principle, keep what
changed.

Run at the end of ``oursay monitor`` and by ``oursay scorecard``. Only councils with some
evidence get rows; a council without rows reads as "no evidence" on everything. A row that
changes status or reason is updated in place and the change is added to
``scorecard_changes``, so the history says when a council improved or slipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, defer

from monitor.principles.base import (
    MOTION,
    NO_EVIDENCE,
    PRINCIPLE_KEYS,
    AssessmentFact,
    Facts,
    NoticeFact,
    TextFact,
    Verdict,
    as_dict,
)
from monitor.principles.competition import principle_7, principle_9
from monitor.principles.contracts import principle_1, principle_2, principle_6
from monitor.principles.papers import (
    PAPER_KINDS,
    motion,
    principle_3,
    principle_4,
    principle_5,
    principle_8,
)
from storage.db import session_factory
from storage.models import Council, Document, DocumentPage, Record, ScorecardChange, ScorecardEntry
from storage.queries import RecordState, states_query

RULES: dict[str, Callable[[Facts], Verdict]] = {
    "1": principle_1,
    "2": principle_2,
    "3": principle_3,
    "4": principle_4,
    "5": principle_5,
    "6": principle_6,
    "7": principle_7,
    "8": principle_8,
    "9": principle_9,
    MOTION: motion,
}
KEYS = (*PRINCIPLE_KEYS, MOTION)
NOTICE_TYPES = ("UK4", "UK5", "UK6", "UK7", "UK9", "UK10", "UK11", "UK12")
# Words a page must contain before the motion rule reads it (the rule itself is stricter).
CAMPAIGN_WORDS = ("%our services%our say%", "%we own it%", "%nine principles%")


@dataclass
class ScorecardResult:
    councils: int = 0  # councils with any evidence
    changes: int = 0


def load_facts(session: Session, as_of: datetime | None = None) -> dict[str, Facts]:
    """Every council's facts, in a few reads."""
    as_of = as_of or datetime.now(UTC)
    facts: dict[str, Facts] = {}

    def of(code: str) -> Facts:
        return facts.setdefault(code, Facts(as_of=as_of))

    notices = session.execute(
        select(
            Record.id,
            Record.council_code,
            Record.notice_type,
            Record.url,
            Record.published_at,
            Record.data,
        ).where(
            Record.council_code.is_not(None),
            Record.kind == "notice",
            Record.notice_type.in_(NOTICE_TYPES),
        )
    )
    for record_id, code, notice_type, url, published, data in notices:
        release = as_dict(as_dict(data).get("release"))
        if release:
            of(code).notices.append(
                NoticeFact(record_id, code, notice_type, url, published, release)
            )

    query = states_query(assessed_only=True).options(defer(Record.data))
    for record, assessment, review in session.execute(query):
        if record.council_code is None or assessment is None:
            continue
        if not (
            assessment.is_outsourcing or assessment.is_asset_sale or assessment.has_consultation
        ):
            continue
        state = RecordState(record, assessment, review)
        of(record.council_code).assessments.append(
            AssessmentFact(
                record_id=record.id,
                council=record.council_code,
                kind=record.kind,
                title=record.title,
                url=record.url,
                date=state.date,
                is_outsourcing=assessment.is_outsourcing,
                is_asset_sale=assessment.is_asset_sale,
                has_consultation=assessment.has_consultation,
                has_inhouse_statement=assessment.has_inhouse_statement,
                flagged=state.flagged,
                confirmed=state.review_status == "confirmed",
                evidence=list(assessment.evidence or []),
            )
        )

    columns = (
        Record.id,
        Record.council_code,
        Record.kind,
        Record.title,
        Record.url,
        Record.published_at,
        Record.first_seen_at,
    )
    for row in session.execute(
        select(*columns, Record.description).where(
            Record.council_code.is_not(None), Record.kind == "consultation"
        )
    ):
        of(row[1]).consultations.append(
            TextFact(row[0], row[1], row[2], row[3], row[4], row[5] or row[6], row[7])
        )

    papers = Record.kind.in_(PAPER_KINDS)
    text = Record.title + " " + Record.description
    for row in session.execute(
        select(*columns, Record.title + "\n" + Record.description).where(
            Record.council_code.is_not(None),
            papers,
            or_(*(text.ilike(words) for words in CAMPAIGN_WORDS)),
        )
    ):
        of(row[1]).campaign_texts.append(
            TextFact(row[0], row[1], row[2], row[3], row[4], row[5] or row[6], row[7])
        )
    for row in session.execute(
        select(*columns, Document.url, DocumentPage.text)
        .join(Document, Document.record_id == Record.id)
        .join(DocumentPage, DocumentPage.document_id == Document.id)
        .where(
            Record.council_code.is_not(None),
            papers,
            or_(*(DocumentPage.text.ilike(words) for words in CAMPAIGN_WORDS)),
        )
    ):
        of(row[1]).campaign_texts.append(
            TextFact(row[0], row[1], row[2], row[3], row[7] or row[4], row[5] or row[6], row[8])
        )
    return facts


def judge(facts: Facts) -> dict[str, Verdict]:
    return {key: rule(facts) for key, rule in RULES.items()}


def compute(session: Session, as_of: datetime | None = None) -> dict[str, dict[str, Verdict]]:
    """Verdicts for every council with any facts."""
    known = set(session.scalars(select(Council.code)))
    return {
        code: judge(council_facts)
        for code, council_facts in sorted(load_facts(session, as_of).items())
        if code in known
    }


def save(session: Session, verdicts: dict[str, dict[str, Verdict]]) -> int:
    """Write what changed; return how many entries changed (new rows with evidence count)."""
    now = datetime.now(UTC)
    existing = {(e.council_code, e.principle): e for e in session.scalars(select(ScorecardEntry))}
    changes = 0
    seen = set()
    for code, by_key in verdicts.items():
        for key, verdict in by_key.items():
            seen.add((code, key))
            changes += _save_one(session, existing.get((code, key)), code, key, verdict, now)
    # A council whose facts all went (records deleted) falls back to no evidence.
    for (code, key), entry in existing.items():
        if (code, key) not in seen and entry.status != NO_EVIDENCE:
            changes += _save_one(
                session, entry, code, key, Verdict(NO_EVIDENCE, "no evidence left"), now
            )
    return changes


def _save_one(
    session: Session,
    entry: ScorecardEntry | None,
    code: str,
    key: str,
    verdict: Verdict,
    now: datetime,
) -> int:
    evidence = [e.as_dict() for e in verdict.evidence]
    if entry is None:
        if verdict.status == NO_EVIDENCE and not evidence:
            return 0  # no row reads the same, and keeps the table to councils with evidence
        entry = ScorecardEntry(council_code=code, principle=key, changed_at=now)
        session.add(entry)
        old = None
    elif (entry.status, entry.reason, entry.evidence) == (verdict.status, verdict.reason, evidence):
        entry.computed_at = now
        return 0
    else:
        old = entry.status
    changed = old != verdict.status or entry.reason != verdict.reason
    entry.status, entry.reason, entry.evidence = verdict.status, verdict.reason, evidence
    entry.computed_at = now
    if not changed:
        return 0  # same verdict, fresher evidence (a new link, a new date): not a change
    entry.changed_at = now
    session.add(
        ScorecardChange(
            council_code=code,
            principle=key,
            old_status=old,
            new_status=verdict.status,
            reason=verdict.reason,
            evidence=evidence,
            changed_at=now,
        )
    )
    return 1


def recompute(database_url: str | None = None, as_of: datetime | None = None) -> ScorecardResult:
    """Judge every council again and store what changed, in one transaction."""
    with session_factory(database_url)() as session:
        verdicts = compute(session, as_of)
        changes = save(session, verdicts)
        session.commit()
    with_evidence = sum(
        1 for by_key in verdicts.values() if any(v.status != NO_EVIDENCE for v in by_key.values())
    )
    return ScorecardResult(councils=with_evidence, changes=changes)


def stored(session: Session, codes: list[str] | None = None) -> dict[str, dict[str, Any]]:
    """The stored entries, by council code then principle key."""
    query = select(ScorecardEntry)
    if codes:
        query = query.where(ScorecardEntry.council_code.in_(codes))
    entries: dict[str, dict[str, Any]] = {}
    for entry in session.scalars(query):
        entries.setdefault(entry.council_code, {})[entry.principle] = entry
    return entries
