"""One decision, one item: the records of one decision share one flag and one feed entry.

Texts are written for these tests (fictional; not from any council)."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from feeds.items import guid_for, summarise
from monitor.assess import monitor as run_monitor
from monitor.decision_groups import MAX_GROUP, SAME_DECISION, _decisions, group_edges
from monitor.link import TITLES_ALIKE_METHOD
from oursay.export import export_row
from oursay.web import create_app
from storage import records as store
from storage.db import get_engine
from storage.models import Assessment, Record, RecordLink, Review
from storage.queries import iter_states

T0 = datetime(2026, 1, 5, tzinfo=UTC)

FORWARD_PLAN = (
    "Key decision: the future of the Riverside and Hilltop leisure centres management. "
    "A public consultation on the future of the centres ran for eight weeks and 1,200 "
    "residents responded to the survey."
)
DECISION = (
    "Decision: to approve the procurement of a new contract for the management of the "
    "Riverside and Hilltop leisure centres through an open tender, and to award it to the "
    "highest scoring bidder."
)
DECISION_WITH_INHOUSE = (
    DECISION + "\n\nAlternative options considered and rejected: bringing the centres "
    "in-house was appraised and rejected because it would cost an extra £900,000 a year."
)
NOTICE = (
    "Contract award notice. Management of the Riverside and Hilltop leisure centres. "
    "The contract has been awarded to Sample Leisure Operator Ltd for ten years."
)


def _add(session: Session, key: str, kind: str, title: str, text: str, days: int, **extra):
    record, _ = store.upsert_record(
        session,
        {
            "source": "find-a-tender" if kind == "notice" else "moderngov",
            "source_key": key,
            "kind": kind,
            "council_code": "KEN",
            "title": title,
            "description": text,
            "published_at": T0 + timedelta(days=days),
            **extra,
        },
    )
    session.flush()
    return record


def _current(session: Session, key: str) -> Assessment:
    return session.scalars(
        select(Assessment)
        .join(Record, Record.id == Assessment.record_id)
        .where(Record.source_key == key, Assessment.is_current.is_(True))
    ).one()


def _published(database: str) -> list:
    with Session(get_engine(database)) as session:
        return [summarise(state) for state in iter_states(session, flagged_only=True)]


def _stages(database: str, *, notice: bool, decision_text: str = DECISION) -> None:
    with Session(get_engine(database)) as session:
        _add(
            session,
            "fp/1",
            "forward_plan",
            "Riverside and Hilltop leisure centres management",
            FORWARD_PLAN,
            0,
        )
        _add(
            session,
            "d/1",
            "decision",
            "Riverside and Hilltop leisure centres management: contract",
            decision_text,
            60,
        )
        if notice:
            _add(
                session,
                "n/1",
                "notice",
                "Riverside and Hilltop leisure centres management",
                NOTICE,
                200,
                notice_type="UK6",
            )
        session.commit()


# --------------------------------------------------------------------------------- grouping


def test_only_strong_links_group_records() -> None:
    links = [
        (10, 1, "implements", 0.9, "m"),  # notice 10: its best decision is 1
        (10, 2, "implements", 0.6, "m"),  # a second, weaker decision is not folded in
        (11, 3, "implements", 0.4, "m"),  # too weak to be the same decision
        (12, 7, "implements", 0.4, TITLES_ALIKE_METHOD),  # weak, but titled alike
        (2, 20, "consultation", 0.8, "m"),
        (4, 20, "consultation", 0.7, "m"),  # the consultation joins only its best decision
        (5, 6, "same_decision", 1.0, "m"),
    ]
    groups = _decisions(group_edges(links), {30: (30, 31, 32)})
    assert sorted(g for g in groups if g) == [[1, 10], [2, 20], [5, 6], [7, 12], [30, 31, 32]]


def test_a_long_chain_is_not_one_decision_but_a_large_procurement_is() -> None:
    chain = [(i, i + 1, "same_decision", 1.0, "m") for i in range(1, MAX_GROUP + 2)]
    assert _decisions(group_edges(chain), {}) == [None]
    notices = tuple(range(100, 100 + 2 * MAX_GROUP))  # one exercise, many award notices
    links = [(100, 1, "implements", 0.9, "m")]
    assert _decisions(group_edges(links), {100: notices}) == [sorted((1, *notices))]


def test_the_stages_of_a_decision_carry_one_flag_from_all_their_evidence(database: str) -> None:
    _stages(database, notice=True)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        links = {(link.relation, link.method) for link in session.scalars(select(RecordLink))}
        assert ("same_decision", "subject-words-both-ways/v1") in links
        notice, decision, plan = (_current(session, k) for k in ("n/1", "d/1", "fp/1"))
        # On its own text each stage would flag or say nothing; the decision flags once.
        assert decision.is_outsourcing and notice.is_outsourcing
        assert notice.should_flag and not decision.should_flag and not plan.should_flag
        assert f"{SAME_DECISION}{notice.record_id}" in decision.signals
        group = notice.decision_group
        assert group is not None and group["bearer"] == notice.record_id
        assert group["members"] == [plan.record_id, decision.record_id, notice.record_id]
        assert group["has_consultation"] is True and group["has_inhouse_statement"] is False
        anchor = session.get(Record, plan.record_id)
        assert anchor is not None
    published = _published(database)
    assert len(published) == 1
    item = published[0]
    # The GUID of the record seen first; consultation found in the forward plan counts.
    assert item.guid == guid_for(anchor)
    assert "evidence of a public consultation" in item.found
    assert any("in-house" in m for m in item.missing)
    assert any(e.rule.startswith("same decision:") and "1,200" in e.quote for e in item.evidence)


def test_the_feed_entry_keeps_its_guid_as_the_decision_moves_on(database: str) -> None:
    _stages(database, notice=False)
    run_monitor(database_url=database)
    before = _published(database)
    assert [i.title for i in before] == [
        "Riverside and Hilltop leisure centres management: contract"
    ]
    with Session(get_engine(database)) as session:
        _add(
            session,
            "n/1",
            "notice",
            "Riverside and Hilltop leisure centres management",
            NOTICE,
            200,
            notice_type="UK6",
        )
        session.commit()
    run_monitor(database_url=database)
    after = _published(database)
    assert len(after) == 1
    assert after[0].guid == before[0].guid
    assert after[0].source == "find-a-tender"  # the entry now shows the newest stage


def test_evidence_anywhere_in_the_decision_clears_every_stage(database: str) -> None:
    _stages(database, notice=True, decision_text=DECISION_WITH_INHOUSE)
    run_monitor(database_url=database)
    assert _published(database) == []
    with Session(get_engine(database)) as session:
        notice = _current(session, "n/1")
        assert notice.decision_group is not None and notice.decision_group["bearer"] is None
        assert not notice.should_flag


def test_a_record_that_leaves_the_decision_gets_its_own_verdict_back(database: str) -> None:
    _stages(database, notice=False)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        plan = session.scalars(select(Record).where(Record.source_key == "fp/1")).one()
        session.delete(plan)
        session.commit()
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        decision = _current(session, "d/1")
        assert decision.decision_group is None
        assert decision.should_flag
        assert not any(str(s).startswith(SAME_DECISION) for s in decision.signals)
    assert len(_published(database)) == 1


def test_one_shared_word_does_not_make_one_decision(database: str) -> None:
    with Session(get_engine(database)) as session:
        _add(session, "d/a", "decision", "Leisure centres management contract", DECISION, 10)
        _add(
            session,
            "d/b",
            "decision",
            "Sale of the former leisure depot, Mill Lane",
            "Decision: to sell the former depot at Mill Lane at best consideration.",
            20,
        )
        _add(
            session,
            "fp/b",
            "forward_plan",
            "Library opening hours",
            "Key decision on library opening hours.",
            0,
        )
        session.commit()
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        assert (
            session.scalars(select(RecordLink).where(RecordLink.relation == "same_decision")).all()
            == []
        )
    assert len(_published(database)) == 2


def test_the_platforms_issue_number_ties_stages_whatever_their_titles(database: str) -> None:
    with Session(get_engine(database)) as session:
        _add(
            session,
            "fp/9",
            "forward_plan",
            "Future delivery of the homecare service",
            "Key decision. A public consultation on the options ran for six weeks and 800 "
            "residents responded.",
            0,
            data={"issue_id": "4411"},
        )
        _add(
            session,
            "d/9",
            "decision",
            "Homecare: award of contracts",
            "Decision: to award contracts for homecare services to three providers following "
            "a competitive tender.",
            90,
            data={"issue_id": "4411"},
        )
        session.commit()
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        link = session.scalars(
            select(RecordLink).where(RecordLink.relation == "same_decision")
        ).one()
        assert link.method == "moderngov-issue-id/v1"
        decision = _current(session, "d/9")
        assert decision.decision_group is not None
        assert decision.decision_group["has_consultation"] is True


def test_item_page_lists_the_decisions_records_and_which_carries_the_flag(database: str) -> None:
    _stages(database, notice=True)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        plan = _current(session, "fp/1").record_id
    app = create_app(database, marker_ttl=0, secret="test-secret-" + "x" * 32)
    with TestClient(app) as client:
        page = client.get(f"/items/{plan}").text
    assert "Other records of this decision" in page
    assert page.count("/items/") >= 2
    assert "carries this decision&#39;s flag" in page or "carries this decision's flag" in page


def test_export_gives_every_record_of_a_decision_the_same_decision_guid(database: str) -> None:
    _stages(database, notice=True)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        rows = {row["id"]: row["decision"] for row in map(export_row, iter_states(session))}
        anchor = session.scalars(select(Record).where(Record.source_key == "fp/1")).one()
        expected = guid_for(anchor)
    assert len(rows) == 3 and set(rows.values()) == {expected}


def test_each_years_decision_is_its_own(database: str) -> None:
    text = "Decision: to extend the home care framework with the current providers for a year."
    with Session(get_engine(database)) as session:
        _add(session, "ai/25", "agenda_item", "Home care framework extension 2025/26", text, 0)
        _add(session, "ai/26", "agenda_item", "Home care framework extension 2026/27", text, 300)
        _add(session, "d/26", "decision", "Home care framework extension 2026/27", text, 310)
        _add(session, "ai/x", "agenda_item", "Home care framework extension", text, 200)
        _add(session, "d/x", "decision", "Home care framework extension", text, 305)
        session.commit()
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        key = {r.id: r.source_key for r in session.scalars(select(Record))}
        pairs = {
            (key[link.from_record_id], key[link.to_record_id])
            for link in session.scalars(
                select(RecordLink).where(RecordLink.relation == "same_decision")
            )
        }
    # This year's decision joins this year's item; the undated title joins the nearest.
    assert ("d/26", "ai/26") in pairs and ("d/26", "ai/25") not in pairs
    assert ("d/x", "ai/26") in pairs or ("d/x", "ai/x") in pairs
    assert ("d/x", "ai/25") not in pairs


def test_a_review_follows_the_decision_when_its_flag_moves_on(database: str) -> None:
    _stages(database, notice=False)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        decision = _current(session, "d/1")
        assert decision.should_flag
        decision_id = decision.record_id
        session.add(
            Review(
                record_id=decision_id,
                status="dismissed",
                reason="the board kept the service in-house",
                note="private: rang the clerk",
            )
        )
        _add(
            session,
            "n/1",
            "notice",
            "Riverside and Hilltop leisure centres management",
            NOTICE,
            200,
            notice_type="UK6",
        )
        session.commit()
    result = run_monitor(database_url=database)
    assert result.reviews_carried == 1
    with Session(get_engine(database)) as session:
        notice = _current(session, "n/1")
        assert notice.should_flag  # the notice now bears the decision's flag ...
        carried = session.scalars(
            select(Review).where(Review.record_id == notice.record_id)
        ).one()
        assert carried.status == "dismissed" and carried.reviewer_id is None
        assert f"record {decision_id}" in (carried.reason or "")
        assert "kept the service in-house" in (carried.reason or "")
        assert carried.note is None  # the private note stays where staff wrote it
    assert _published(database) == []  # ... and staff's dismissal still holds
    # Carried once: a second run finds the bearer's review newest already.
    assert run_monitor(database_url=database).reviews_carried == 0


def test_item_page_shows_what_the_monitor_said_over_time_and_carried_reviews(
    database: str,
) -> None:
    from test_web import PASSWORD, log_in

    from oursay.web.auth import create_staff_user

    _stages(database, notice=False)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        decision = session.scalars(select(Record).where(Record.source_key == "d/1")).one()
        decision_id = decision.id
        session.add(Review(record_id=decision_id, status="dismissed", reason="kept in-house"))
        # The council republishes the decision with a start date: a new assessment.
        decision.description = DECISION + " The new contract starts in April."
        decision.content_hash = "changed"
        _add(session, "n/1", "notice", "Riverside and Hilltop leisure centres management",
             NOTICE, 200, notice_type="UK6")  # fmt: skip
        session.commit()
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        notice_id = _current(session, "n/1").record_id
    create_staff_user("staff", PASSWORD, database_url=database)
    app = create_app(database, marker_ttl=0, secret="test-secret-" + "x" * 32)
    with TestClient(app) as client:
        public = client.get(f"/items/{decision_id}").text
        assert "What the monitor said over time" in public
        assert public.count("(now)") == 1
        # Flagged at first; now the award notice carries the decision's flag.
        assert "<td>flagged</td>" in public
        assert "flag carried by another record of the decision" in public
        log_in(client)
        staff_page = client.get(f"/items/{notice_id}").text
    assert "oursay (carried from another record of the decision)" in staff_page
    assert f"carried from record {decision_id}" in staff_page
