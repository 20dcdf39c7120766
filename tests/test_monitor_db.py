"""The monitor over a real database: links, evidence from linked records, history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import monitor.assess
from monitor.assess import monitor as run_monitor
from storage import records as store
from storage.db import get_engine
from storage.models import Assessment, Record, RecordLink

# Sample texts written for these tests (fictional; not from any council).
DECISION_TEXT = (
    "Decision: to approve the procurement of a new contract for the management of the "
    "Riverside and Hilltop leisure centres through an open tender.\n\n"
    "Consultation: a public consultation ran for eight weeks and 1,240 residents responded "
    "to the survey; the results are set out in Appendix A.\n\n"
    "Alternative options considered and rejected: bringing the leisure centres in-house "
    "was appraised and rejected because it would cost an extra £900,000 a year."
)
NOTICE_TEXT = (
    "Contract award notice. Management of the Riverside and Hilltop leisure centres. "
    "The contract has been awarded to Sample Leisure Operator Ltd for ten years."
)
UNLINKED_NOTICE = (
    "Contract award notice. Domiciliary home care services across the northern villages. "
    "The contract has been awarded to Sample Care Ltd."
)


def _add(session: Session, key: str, kind: str, title: str, text: str, day: int, **extra):
    record, _ = store.upsert_record(
        session,
        {
            "source": "moderngov" if kind != "notice" else "find-a-tender",
            "source_key": key,
            "kind": kind,
            "council_code": "KEN",
            "title": title,
            "description": text,
            "published_at": datetime(2026, 1 + day // 28, 1 + day % 28, tzinfo=UTC),
            **extra,
        },
    )
    return record


@pytest.fixture
def papers(database: str) -> str:
    with Session(get_engine(database)) as session:
        _add(
            session,
            "d/1",
            "decision",
            "Riverside and Hilltop leisure centres management",
            DECISION_TEXT,
            10,
        )
        _add(
            session,
            "n/1",
            "notice",
            "Riverside and Hilltop leisure centres management",
            NOTICE_TEXT,
            200,
            notice_type="UK6",
        )
        _add(
            session,
            "n/2",
            "notice",
            "Northern villages domiciliary home care",
            UNLINKED_NOTICE,
            210,
            notice_type="UK6",
        )
        session.commit()
    return database


def _current(session: Session, key: str) -> Assessment:
    return session.scalars(
        select(Assessment)
        .join(Record)
        .where(Record.source_key == key, Assessment.is_current.is_(True))
    ).one()


def test_linked_decision_clears_the_notice_and_unlinked_notice_is_flagged(papers: str) -> None:
    result = run_monitor()
    assert result.errors == []
    with Session(get_engine(papers)) as session:
        link = session.scalars(select(RecordLink)).one()
        assert link.relation == "implements" and link.score >= 0.35
        decision = _current(session, "d/1")
        assert decision.is_outsourcing and decision.has_consultation
        assert decision.has_inhouse_statement and not decision.should_flag
        linked = _current(session, "n/1")
        assert linked.is_outsourcing and not linked.should_flag
        assert any(e["rule"].startswith("linked:") for e in linked.evidence)
        unlinked = _current(session, "n/2")
        assert unlinked.is_outsourcing and unlinked.should_flag
        # No label without a quote: every evidence row quotes the text it came from.
        flat = " ".join(f"{decision.record.title} {DECISION_TEXT}".split())
        for row in decision.evidence:
            assert row["quote"] and " ".join(row["quote"].split()) in flat


def test_rerun_changes_nothing_and_rules_change_keeps_history(
    papers: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_monitor()
    again = run_monitor()
    assert again.assessed == 0 and again.unchanged == 3
    with Session(get_engine(papers)) as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == 3

    monkeypatch.setattr(monitor.assess, "RULES_VERSION", "rules-test-2")
    changed = run_monitor()
    assert changed.assessed == 3
    with Session(get_engine(papers)) as session:
        versions = session.execute(
            select(Assessment.rules_version, Assessment.is_current).order_by(Assessment.id)
        ).all()
        assert len(versions) == 6
        assert {v for v, current in versions if current} == {"rules-test-2"}


def test_changed_record_is_reassessed(papers: str) -> None:
    run_monitor()
    with Session(get_engine(papers)) as session:
        _add(
            session,
            "n/2",
            "notice",
            "Northern villages domiciliary home care",
            UNLINKED_NOTICE + " Value £4m.",
            210,
            notice_type="UK6",
        )
        session.commit()
    result = run_monitor()
    assert result.assessed == 1


def test_decision_linked_to_its_consultation_counts_as_consulted(database: str) -> None:
    with Session(get_engine(database)) as session:
        _add(
            session,
            "d/9",
            "decision",
            "Disposal of the Old Mill depot site",
            "Decision: to declare the Old Mill depot site surplus and approve its disposal "
            "by sale of the freehold at best consideration.",
            40,
        )
        _add(
            session,
            "c/9",
            "consultation",
            "Old Mill depot site: have your say",
            "Residents are invited to comment on the future of the Old Mill depot site.",
            20,
        )
        session.commit()
    run_monitor()
    with Session(get_engine(database)) as session:
        link = session.scalars(select(RecordLink)).one()
        assert link.relation == "consultation"
        decision = _current(session, "d/9")
        assert decision.is_asset_sale and decision.has_consultation and not decision.should_flag
        assert any(e["rule"] == "linked_consultation_record" for e in decision.evidence)
