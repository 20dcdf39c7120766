"""Confidence, its reason and the route an assessment takes (published / needs review),
from the classifier's own output on texts written for these tests, and through
``oursay monitor`` on SQLite and PostgreSQL: scanned and over-long documents wait for staff
and stay out of the public feeds."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.build import Links, build_feed
from monitor.assess import MAX_PAGES_PER_DOCUMENT
from monitor.assess import monitor as run_monitor
from monitor.classify import Evidence, classify, classify_pages
from monitor.confidence import (
    PUBLISH_THRESHOLD,
    Reading,
    UnreadDocument,
    judge,
    reading_of_pages,
    searched,
)
from oursay.web.app import review_queue
from storage import records as store
from storage.db import get_engine
from storage.models import Assessment, Record
from storage.queries import RecordState

# Written for these tests (fictional council, fictional services).
DECIDING = (
    "RESOLVED that the contract for the Exampleshire home care service be awarded to "
    "Sample Care Ltd."
)
BACKGROUND_REPORT = [
    (
        "report.pdf",
        1,
        "Strategy\n\nThe council will tender the home care service when the current "
        "arrangements end. Demand is rising.",
    ),
    ("report.pdf", 2, "Financial implications\n\nThe budget for care rises by 3% a year."),
]
TENDER_TITLE = "Exampleshire home care service: approval to go out to tender"
TENDER_TEXT = "Cabinet agreed to go out to tender for the Exampleshire home care service."


def _judge_text(text: str, **kwargs: object):
    c = classify(text, **kwargs)  # type: ignore[arg-type]
    return c, judge(c, reading_of_pages([(None, None, text)]), doc_type=kwargs.get("doc_type"))  # type: ignore[arg-type]


def test_a_flag_decided_in_the_decision_is_published_with_its_reason() -> None:
    c, conf = _judge_text(DECIDING, doc_type="report")
    assert c.should_flag and "is_outsourcing" in c.decided_in
    assert conf.value >= PUBLISH_THRESHOLD and conf.route == "published"
    assert "deciding part" in conf.reason


def test_background_only_evidence_goes_to_review() -> None:
    c = classify_pages(BACKGROUND_REPORT, title="Care market update", doc_type="report")
    assert c.should_flag  # the rules fire on the strategy paragraph...
    assert c.decided_in == ()
    conf = judge(c, reading_of_pages(BACKGROUND_REPORT), doc_type="report")
    # ...but a flag resting on background only is not published on its own.
    assert conf.route == "needs_review" and conf.value < PUBLISH_THRESHOLD
    assert "background text only" in conf.reason


def test_false_friends_beside_the_evidence_lower_the_confidence() -> None:
    c, plain = _judge_text(DECIDING, doc_type="report")
    quote = next(ev for ev in c.evidence if ev.label == "is_outsourcing")
    friend = Evidence(
        "is_outsourcing", quote.quote, "goods_not_services", quote.page, quote.document
    )
    with_friend = dataclasses.replace(c, discounted=(friend,))
    lowered = judge(with_friend, reading_of_pages([(None, None, DECIDING)]), doc_type="report")
    assert lowered.value < plain.value
    assert "goods_not_services" in lowered.reason and "beside the evidence" in lowered.reason


def test_notices_structured_signals_outweigh_words_only() -> None:
    text = "Tender notice. Home care services for adults in Exampleshire."
    c = classify(text, doc_type="procurement", notice_type="UK4")
    assert c.should_flag and "procurement_notice" in c.signals
    reading = reading_of_pages([(None, None, text)])
    words = judge(c, reading, doc_type="procurement")
    assert "words only" in words.reason
    # Signals are read by prefix: a structured signal another part of the monitor adds counts.
    structured = dataclasses.replace(c, signals=(*c.signals, "notice:cpv_85000000"))
    decided = judge(structured, reading, doc_type="procurement")
    assert decided.value > words.value and "structured fields" in decided.reason


@pytest.mark.parametrize(
    "why", ["no text layer (scanned?)", f"read {MAX_PAGES_PER_DOCUMENT} of 500 pages"]
)
def test_an_unread_document_always_goes_to_review(why: str) -> None:
    c, _ = _judge_text(DECIDING, doc_type="decision")
    reading = Reading(pages=3, documents=1, unread=(UnreadDocument("Cabinet report", why),))
    for flag in (True, False):
        conf = judge(c, reading, should_flag=flag, doc_type="decision")
        assert conf.route == "needs_review" and not conf.read_in_full
        assert f"Cabinet report ({why})" in conf.reason


def test_searched_says_where_each_missing_element_was_looked_for() -> None:
    reading = Reading(pages=23, documents=3)
    assert searched(["consultation", "inhouse_statement"], reading) == [
        "no consultation found: 23 pages of 3 documents searched",
        "no in-house option found: 23 pages of 3 documents searched",
    ]
    one = Reading(pages=1, documents=0, unread=(UnreadDocument("x", "no text layer"),))
    assert searched(["consultation"], one) == [
        "no consultation found: 1 page searched, 1 not read in full"
    ]


# ------------------------------------------------------------------ through the database


def _decision(session: Session, key: str, title: str, text: str) -> Record:
    record, _ = store.upsert_record(
        session,
        {
            "source": "moderngov",
            "source_key": key,
            "kind": "decision",
            "council_code": "KEN",
            "title": title,
            "description": text,
            "url": f"https://www.example.org/{key}",
            "published_at": datetime(2026, 3, 1, tzinfo=UTC),
        },
    )
    return record


def _document(session: Session, record: Record, name: str, pages: list[str], **kw: object) -> None:
    document = store.attach_document(
        session, record, {"url": f"https://www.example.org/{name}.pdf", "title": name}
    )
    session.flush()
    store.store_document_text(
        session,
        document,
        pages=pages,
        content_hash=name.ljust(64, "0")[:64],
        **kw,  # type: ignore[arg-type]
    )


def _current(session: Session, key: str) -> Assessment:
    return session.scalars(
        select(Assessment)
        .join(Record, Record.id == Assessment.record_id)
        .where(Record.source_key == key, Assessment.is_current.is_(True))
    ).one()


def test_monitor_routes_scanned_and_overlong_papers_to_review(database: str) -> None:
    with Session(get_engine(database)) as session:
        read = _decision(session, "d/read", TENDER_TITLE, TENDER_TEXT)
        _document(
            session, read, "Cabinet report", ["Page one.", "Page two.", "Page three."], status="ok"
        )
        scanned = _decision(session, "d/scanned", TENDER_TITLE, TENDER_TEXT)
        _document(
            session,
            scanned,
            "Scanned report",
            ["", ""],
            status="ok",
            error="no text layer (scanned?)",
        )
        long_doc = _decision(session, "d/long", "Budget book 2026", "The budget was agreed.")
        _document(
            session,
            long_doc,
            "Budget book",
            ["Budget line."] * (MAX_PAGES_PER_DOCUMENT + 5),
            status="ok",
        )
        session.commit()

    result = run_monitor(database_url=database)
    assert result.errors == []
    assert (result.published, result.needs_review) == (1, 2)

    with Session(get_engine(database)) as session:
        published = _current(session, "d/read")
        assert published.should_flag and published.publish_state == "published"
        assert published.confidence is not None and published.confidence >= PUBLISH_THRESHOLD
        assert published.searched == [
            "no consultation found: 4 pages of 1 document searched",
            "no in-house option found: 4 pages of 1 document searched",
        ]

        scanned_a = _current(session, "d/scanned")
        # The title still decides outsourcing; what the scan holds is unknown, so the missing
        # consultation is not asserted to the public.
        assert scanned_a.should_flag and scanned_a.publish_state == "needs_review"
        assert "Scanned report (no text layer (scanned?))" in (scanned_a.confidence_reason or "")
        assert scanned_a.searched[0].endswith("1 not read in full")

        long_a = _current(session, "d/long")
        assert not long_a.should_flag and long_a.publish_state == "needs_review"
        assert f"read {MAX_PAGES_PER_DOCUMENT} of {MAX_PAGES_PER_DOCUMENT + 5} pages" in (
            long_a.confidence_reason or ""
        )

        # Public feeds carry the published flag only; staff see all three in the queue.
        feed = build_feed(session, "all", "rss", Links("https://oursay.example")) or b""
        assert b"d/read" in feed and b"d/scanned" not in feed and b"d/long" not in feed
        queued = [RecordState(*row) for row in session.execute(review_queue(session))]
        assert {s.record.source_key for s in queued} == {"d/read", "d/scanned", "d/long"}
        waiting = {s.record.source_key: s for s in queued}
        assert waiting["d/scanned"].needs_review and not waiting["d/scanned"].flagged
        assert waiting["d/read"].flagged and not waiting["d/read"].needs_review
