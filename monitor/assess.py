"""``oursay monitor``: assess new and changed records, link them, keep the history.

For each record the rules read its title and description, the text of its documents page
by page, and what linked records say. The result is stored as an ``Assessment`` tagged
with the rules version and a hash of everything that was read: when neither changed,
nothing is written; when either changed, a new assessment becomes current and the old
one stays as history (which rules version said what, and when).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from monitor.classify import (
    RULES_VERSION,
    Evidence,
    classify_pages,
    supporting_evidence,
)
from monitor.confidence import Reading, UnreadDocument, judge, searched
from monitor.decision_groups import load_decision_groups, settle_decisions
from monitor.link import link_all
from monitor.notices import ProcurementGroup, load_groups, notice_facts, settle_groups
from monitor.principles.scorecard import recompute as recompute_scorecard
from monitor.review_carry import carry_reviews, group_bearers
from storage.db import session_factory
from storage.models import Assessment, Document, Record, RecordLink

# What the labelled cases call each kind of record.
DOC_TYPES = {
    "notice": "procurement",
    "decision": "decision",
    "agenda_item": "report",
    "forward_plan": "forward_plan",
    "issue": "forward_plan",
    "consultation": "other",
}
# Meetings are containers: their agenda items are assessed one by one.
ASSESSED_KINDS = tuple(k for k in DOC_TYPES if k != "consultation")
# Committee records that may say something of a decision they do not decide themselves.
SUPPORTING_KINDS = ("forward_plan", "issue", "agenda_item", "decision")
# Documents beyond this many pages add time but rarely a new section heading.
MAX_PAGES_PER_DOCUMENT = 120


@dataclass
class MonitorResult:
    assessed: int = 0
    unchanged: int = 0
    flagged: int = 0
    published: int = 0  # flags the public feeds carry
    needs_review: int = 0  # records waiting for staff: uncertain flags, unread documents
    links: int = 0
    decisions_grouped: int = 0  # decisions whose records were joined into one item
    reviews_carried: int = 0  # staff reviews carried to the record now bearing their flag
    scorecard_changes: int = 0  # scorecard entries that changed (monitor/principles/)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure


def record_chunks(record: Record) -> list[tuple[str | None, int | None, str]]:
    """(document URL, page number, text) chunks: the record's own text first."""
    chunks: list[tuple[str | None, int | None, str]] = [
        (record.url, None, f"{record.title}\n\n{record.description}")
    ]
    for document in record.documents:
        if document.status != "ok":
            continue
        for page in document.pages[:MAX_PAGES_PER_DOCUMENT]:
            if page.text.strip():
                chunks.append((document.url, page.page_number, page.text))
    return chunks


def record_reading(record: Record) -> Reading:
    """What :func:`record_chunks` lets the rules read, and which documents it could not read
    in full: those send the record to review rather than to a silent verdict."""
    pages, documents, unread = 1, 0, []  # the record's own text is read as one page
    characters = len(record.title or "") + len(record.description or "")
    for document in record.documents:
        name = document.title or document.url
        with_text = [p for p in document.pages if p.text.strip()]
        if document.status == "ok" and with_text:
            documents += 1
            pages += min(len(with_text), MAX_PAGES_PER_DOCUMENT)
            characters += sum(len(p.text) for p in with_text[:MAX_PAGES_PER_DOCUMENT])
            if len(document.pages) > MAX_PAGES_PER_DOCUMENT:
                why = f"read {MAX_PAGES_PER_DOCUMENT} of {len(document.pages)} pages"
                unread.append(UnreadDocument(name, why))
        elif document.status == "ok":
            unread.append(UnreadDocument(name, document.error or "no text layer"))
        elif document.status in ("failed", "skipped") and not (document.error or "").startswith(
            "off-site link"  # a reference to another site, not one of the record's papers
        ):
            unread.append(UnreadDocument(name, document.error or document.status))
    return Reading(pages, documents, characters, tuple(unread))


def input_hash(record: Record, linked: Sequence[Assessment]) -> str:
    """Everything the rules read: the record, its documents, and linked assessments."""
    digest = hashlib.sha256()
    digest.update(record.content_hash.encode())
    for document in record.documents:
        digest.update(f"|{document.url}:{document.status}:{document.content_hash}".encode())
    for assessment in sorted(linked, key=lambda a: a.record_id):
        digest.update(f"|link:{assessment.record_id}:{assessment.input_hash}".encode())
    return digest.hexdigest()


def _evidence_rows(
    found: Iterable[Evidence], record: Record, via: Record | None = None
) -> list[dict[str, Any]]:
    rows = []
    for evidence in found:
        rows.append(
            {
                "label": evidence.label,
                "quote": evidence.quote,
                "rule": evidence.rule,
                "document": evidence.document,
                "page": evidence.page,
                "url": evidence.document or record.url,
                "record_id": (via or record).id,
                "via": via.title if via else None,
            }
        )
    return rows


def _linked_assessments(session: Session, record: Record) -> list[tuple[Record, Assessment]]:
    rows = session.execute(
        select(Record, Assessment)
        .join(RecordLink, RecordLink.to_record_id == Record.id)
        .join(Assessment, (Assessment.record_id == Record.id) & Assessment.is_current.is_(True))
        .where(RecordLink.from_record_id == record.id)
        .order_by(RecordLink.score.desc())
    )
    return [(r, a) for r, a in rows]


def _stage_of_a_decision(session: Session, record: Record) -> bool:
    """Whether another record follows this one in the same decision (a later stage, or a
    notice that implements it)."""
    return (
        session.scalar(
            select(RecordLink.id)
            .where(
                or_(
                    (RecordLink.to_record_id == record.id)
                    & RecordLink.relation.in_(("same_decision", "implements")),
                    (RecordLink.from_record_id == record.id)
                    & (RecordLink.relation == "same_decision"),
                )
            )
            .limit(1)
        )
        is not None
    )


def _linked_consultations(session: Session, record: Record) -> list[Record]:
    return list(
        session.scalars(
            select(Record)
            .join(RecordLink, RecordLink.to_record_id == Record.id)
            .where(RecordLink.from_record_id == record.id, RecordLink.relation == "consultation")
        )
    )


def assess_record(
    session: Session,
    record: Record,
    *,
    force: bool = False,
    group: ProcurementGroup | None = None,
) -> Assessment | None:
    """Assess one record; returns the new assessment, or None when nothing changed.
    ``group`` is the procurement a notice shares with other notices: which of them carries
    the flag depends on all of them, so it is part of the input."""
    linked = _linked_assessments(session, record)
    consultations = _linked_consultations(session, record)
    digest = input_hash(record, [a for _, a in linked])
    if consultations:
        digest = hashlib.sha256(
            (digest + "".join(c.content_hash for c in consultations)).encode()
        ).hexdigest()
    if group is not None:
        digest = hashlib.sha256(f"{digest}|procurement:{group.signature}".encode()).hexdigest()
    supports = record.kind in SUPPORTING_KINDS and _stage_of_a_decision(session, record)
    if supports:
        digest = hashlib.sha256(f"{digest}|supports".encode()).hexdigest()
    current = session.scalars(
        select(Assessment).where(Assessment.record_id == record.id, Assessment.is_current.is_(True))
    ).one_or_none()
    if (
        not force
        and current is not None
        and current.rules_version == RULES_VERSION
        and current.input_hash == digest
    ):
        return None

    seen = session.scalars(
        select(Assessment).where(
            Assessment.record_id == record.id,
            Assessment.rules_version == RULES_VERSION,
            Assessment.input_hash == digest,
        )
    ).one_or_none()
    if seen is not None:
        # This exact input was assessed before by these rules (a link came and went, or
        # --all): the same rules give the same answer, so revive that row.
        if current is not None and current is not seen:
            current.is_current = False
        seen.is_current = True
        return seen

    classification = classify_pages(
        record_chunks(record),
        title=record.title,
        doc_type=DOC_TYPES.get(record.kind),
        notice_type=record.notice_type,
        # Structure before words: a notice's type, category and CPV codes decide first.
        notice=(
            notice_facts(record.data, record.notice_type, record.cpv_codes)
            if record.kind == "notice"
            else None
        ),
    )
    evidence = _evidence_rows(classification.evidence, record)
    if supports and not (classification.is_outsourcing or classification.is_asset_sale):
        # Decides nothing itself, but it is a stage of a decision that may: what it says of
        # consultation and in-house options counts for the decision (monitor.decision_groups).
        found = supporting_evidence(record_chunks(record), title=record.title)
        evidence += [
            {**row, "rule": f"supports:{row['rule']}"} for row in _evidence_rows(found, record)
        ]
    has_consultation = classification.has_consultation
    has_inhouse = classification.has_inhouse_statement
    # Evidence found in a linked decision counts for the notice or decision that follows it
    # (an award is not flagged when the cabinet decision behind it consulted and weighed
    # an in-house option).
    for linked_record, linked_assessment in linked:
        if linked_assessment.has_consultation and not has_consultation:
            has_consultation = True
            evidence += _linked_evidence(linked_assessment, linked_record, "consultation")
        if linked_assessment.has_inhouse_statement and not has_inhouse:
            has_inhouse = True
            evidence += _linked_evidence(linked_assessment, linked_record, "inhouse")
    if consultations and not has_consultation:
        has_consultation = True
        evidence += [
            {
                "label": "has_consultation",
                "quote": c.title,
                "rule": "linked_consultation_record",
                "document": None,
                "page": None,
                "url": c.url,
                "record_id": c.id,
                "via": c.title,
            }
            for c in consultations[:1]
        ]
    is_outsourcing, is_asset_sale = classification.is_outsourcing, classification.is_asset_sale
    if not (is_outsourcing or is_asset_sale):
        has_consultation = None
    if not is_outsourcing:
        has_inhouse = None
    should_flag = (is_outsourcing and not (has_consultation and has_inhouse)) or (
        is_asset_sale and not has_consultation
    )

    reading = record_reading(record)
    confidence = judge(
        classification, reading, should_flag=bool(should_flag), doc_type=DOC_TYPES.get(record.kind)
    )
    missing = [
        m
        for m, have in (("consultation", has_consultation), ("inhouse_statement", has_inhouse))
        if should_flag and have is False
    ]

    if current is not None:
        current.is_current = False
    assessment = Assessment(
        record_id=record.id,
        rules_version=RULES_VERSION,
        input_hash=digest,
        is_current=True,
        is_outsourcing=is_outsourcing,
        is_asset_sale=is_asset_sale,
        has_consultation=has_consultation,
        has_inhouse_statement=has_inhouse,
        should_flag=bool(should_flag),
        signals=list(classification.signals),
        evidence=evidence,
        confidence=confidence.value,
        confidence_reason=confidence.reason,
        publish_state=confidence.route,
        searched=searched(missing, reading),
    )
    session.add(assessment)
    return assessment


def _linked_evidence(assessment: Assessment, record: Record, label: str) -> list[dict[str, Any]]:
    wanted = "has_consultation" if label == "consultation" else "has_inhouse_statement"
    rows = []
    for row in assessment.evidence:
        if row.get("label") == wanted:
            rows.append({**row, "rule": f"linked:{row.get('rule')}", "via": record.title})
    return rows[:3]


def _records_in_order(session: Session, kinds: Iterable[str]) -> list[Record]:
    return list(
        session.scalars(
            select(Record)
            .where(Record.kind.in_(list(kinds)))
            .options(selectinload(Record.documents).selectinload(Document.pages))
            .order_by(Record.id)
        )
    )


def run_monitor(reassess: bool = False, database_url: str | None = None) -> int:
    result = monitor(reassess=reassess, database_url=database_url)
    print(
        f"monitor ({RULES_VERSION}): {result.assessed} assessed, {result.unchanged} unchanged, "
        f"{result.flagged} flagged now ({result.published} published, "
        f"{result.needs_review} need review), {result.links} links, "
        f"{result.decisions_grouped} decisions with several records"
    )
    for note in result.notes:
        print(f"monitor: note: {note}", file=sys.stderr)
    for error in result.errors:
        print(f"monitor: error: {error}", file=sys.stderr)
    return 1 if result.errors else 0


def monitor(reassess: bool = False, database_url: str | None = None) -> MonitorResult:
    result = MonitorResult()
    Session_ = session_factory(database_url)
    with Session_() as session:
        result.links = link_all(session)
        session.commit()
    # Committee papers first: notices then read the assessments of the decisions they follow.
    for kinds in (("decision", "agenda_item", "forward_plan", "issue"), ("notice",)):
        with Session_() as session:
            groups = load_groups(session) if "notice" in kinds else {}
            for record in _records_in_order(session, kinds):
                try:
                    # A savepoint per record: one bad record must not undo the others.
                    with session.begin_nested():
                        outcome = assess_record(
                            session, record, force=reassess, group=groups.get(record.id)
                        )
                except Exception as error:
                    result.errors.append(f"record {record.id} ({record.source_key}): {error}")
                    continue
                if outcome is None:
                    result.unchanged += 1
                else:
                    result.assessed += 1
            if groups:
                session.flush()
                # One procurement, one flag: the newest notice of each group carries it.
                settle_groups(session, groups)
            session.commit()
    with Session_() as session:
        # One decision, one item: its records share one flag from all their evidence.
        procurement = load_groups(session)
        decision_groups, too_large = load_decision_groups(session, procurement)
        settle_decisions(session, decision_groups)
        session.flush()
        # A review of a decision holds when its flag moves to a newer record of it.
        members = {g.signature: g.members for g in procurement.values()}.values()
        result.reviews_carried = carry_reviews(session, group_bearers(session, members))
        session.commit()
    result.decisions_grouped = len(decision_groups)
    if result.reviews_carried:
        result.notes.append(
            f"{result.reviews_carried} staff reviews carried to the record that now bears "
            "their decision's flag"
        )
    if too_large:
        result.notes.append(
            f"{too_large} chains of linked records were too long to be one decision "
            "and were left ungrouped"
        )
    with Session_() as session:
        rows = session.execute(
            select(Assessment.should_flag, Assessment.publish_state).where(
                Assessment.is_current.is_(True)
            )
        ).all()
    result.flagged = sum(1 for flag, _ in rows if flag)
    result.published = sum(1 for flag, state in rows if flag and state in (None, "published"))
    result.needs_review = sum(1 for _, state in rows if state == "needs_review")
    # Last: the scorecard reads the assessments settled above. It writes only its own tables,
    # so a failure there is reported and leaves the assessments as they are.
    try:
        result.scorecard_changes = recompute_scorecard(database_url).changes
    except Exception as error:
        result.errors.append(f"scorecard: {error}")
    return result
