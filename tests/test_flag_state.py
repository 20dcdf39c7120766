"""``records.flag_state`` and ``records.nation`` (migration 0010) stay equal to what the
joins computed before them, after every kind of write: monitor runs, re-assessments,
staff reviews through the web app, review carry, hand-made assessments, councils changing
nation, and the migration's own backfill. On SQLite and PostgreSQL.

Texts are written for these tests (fictional; not from any council)."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import select, update
from sqlalchemy.orm import Session

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from monitor.assess import monitor as run_monitor
from oursay.web import create_app
from oursay.web.auth import create_staff_user
from storage import queries
from storage import records as store
from storage.db import dispose_engines, get_engine
from storage.flag_state import FLAGGED, NEEDS_REVIEW, NONE, joined_state, state_of
from storage.migrate import alembic_config, upgrade
from storage.models import Assessment, Council, Record, Review
from storage.queries import RecordState, states_query
from storage.search import SearchQuery, search_page

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
NOTICE = (
    "Contract award notice. Management of the Riverside and Hilltop leisure centres. "
    "The contract has been awarded to Sample Leisure Operator Ltd for ten years."
)
HOME_CARE = (
    "Contract award notice. Domiciliary home care services across the northern villages "
    "have been outsourced to Sample Care Ltd."
)
PASSWORD = "correct horse battery staple"


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


def _id(session: Session, key: str) -> int:
    return session.scalars(select(Record.id).where(Record.source_key == key)).one()


def check(database: str) -> dict[int, str]:
    """Assert the columns equal the joins' answer for every record; return id -> state."""
    with Session(get_engine(database)) as session:
        query = states_query()
        current = query.column_descriptions[1]["entity"]
        latest = query.column_descriptions[2]["entity"]
        rows = session.execute(
            query.add_columns(joined_state(current, latest), Council.nation).outerjoin(
                Council, Council.code == Record.council_code
            )
        ).all()
        session.expire_all()  # the triggers wrote behind the ORM's back
        states: dict[int, str] = {}
        for record, assessment, review, joined, nation in rows:
            session.refresh(record)
            assert record.id not in states, "one row per record"
            expected = state_of(RecordState(record, assessment, review))
            assert (record.id, record.flag_state) == (record.id, expected)
            assert joined == expected
            assert record.nation == nation
            states[record.id] = record.flag_state
        # The flagged filter reads the column; the joins (the old query) select the same.
        new = set(session.scalars(states_query(flagged_only=True).with_only_columns(Record.id)))
        queries.USE_FLAG_STATE = False
        try:
            old = set(session.scalars(states_query(flagged_only=True).with_only_columns(Record.id)))
        finally:
            queries.USE_FLAG_STATE = True
        assert new == old == {i for i, s in states.items() if s == FLAGGED}
    return states


def _stages(database: str) -> None:
    with Session(get_engine(database)) as session:
        title = "Riverside and Hilltop leisure centres management"
        _add(session, "fp/1", "forward_plan", title, FORWARD_PLAN, 0)
        _add(session, "d/1", "decision", f"{title}: contract", DECISION, 60)
        _add(session, "n/9", "notice", "Northern villages home care", HOME_CARE, 90,
             notice_type="UK6")  # fmt: skip
        session.commit()


def test_monitor_runs_reviews_reassessment_and_review_carry(database: str) -> None:
    _stages(database)
    run_monitor(database_url=database)
    states = check(database)
    with Session(get_engine(database)) as session:
        decision = _id(session, "d/1")
    assert states[decision] == FLAGGED

    # A dismissal on the decision, then the award notice arrives: the flag moves on to the
    # notice and the dismissal is carried to it (monitor.review_carry).
    with Session(get_engine(database)) as session:
        session.add(Review(record_id=decision, status="dismissed", reason="kept in-house"))
        session.commit()
    assert check(database)[decision] == NONE
    with Session(get_engine(database)) as session:
        _add(session, "n/1", "notice", "Riverside and Hilltop leisure centres management",
             NOTICE, 200, notice_type="UK6")  # fmt: skip
        session.commit()
    assert run_monitor(database_url=database).reviews_carried == 1
    states = check(database)
    with Session(get_engine(database)) as session:
        notice = _id(session, "n/1")
        assert session.get(Assessment, _current_id(session, notice)).should_flag
    assert states[notice] == NONE  # flagged by the monitor, dismissed by the carried review

    # Staff change their minds on the notice: confirmed, then a question (the monitor rules).
    for status in ("confirmed", "needs_info", "good_practice"):
        with Session(get_engine(database)) as session:
            session.add(Review(record_id=notice, status=status))
            session.commit()
        check(database)
    # Re-assessment writes new current assessments for every record.
    run_monitor(reassess=True, database_url=database)
    check(database)


def _current_id(session: Session, record_id: int) -> int:
    return session.scalars(
        select(Assessment.id).where(
            Assessment.record_id == record_id, Assessment.is_current.is_(True)
        )
    ).one()


def _assessment(record_id: int, **values) -> Assessment:
    base = dict(
        rules_version="test", input_hash=f"{record_id}-{values}", is_current=True,
        is_outsourcing=True, is_asset_sale=False, should_flag=True, publish_state="published",
    )  # fmt: skip
    return Assessment(record_id=record_id, **{**base, **values})


def test_every_write_to_assessments_and_reviews(database: str) -> None:
    with Session(get_engine(database)) as session:
        ids = [_add(session, f"r/{n}", "decision", f"Sample {n}", "text", n).id for n in range(4)]
        session.commit()
    a, b, c, d = ids
    with Session(get_engine(database)) as session:
        session.add_all(
            [
                _assessment(a),
                _assessment(b, publish_state="needs_review"),
                _assessment(c, publish_state=None),
                _assessment(d, should_flag=False),
            ]
        )
        session.commit()
    assert [check(database)[i] for i in ids] == [FLAGGED, NEEDS_REVIEW, FLAGGED, NONE]

    with Session(get_engine(database)) as session:
        # A new current assessment replaces the old one in the same flush.
        old = session.get(Assessment, _current_id(session, a))
        old.is_current = False
        session.add(_assessment(a, should_flag=False))
        # An uncertain flag confirmed by staff is flagged, and no longer waits for review.
        session.add(Review(record_id=b, status="confirmed"))
        # Settling a group clears a flag in place (monitor.decision_groups, notices).
        session.get(Assessment, _current_id(session, c)).should_flag = False
        session.commit()
    assert [check(database)[i] for i in ids] == [NONE, FLAGGED, NONE, NONE]

    with Session(get_engine(database)) as session:
        # Bulk statements, not the ORM's unit of work, are seen too.
        session.execute(
            update(Assessment).where(Assessment.record_id == d).values(should_flag=True)
        )
        session.execute(
            update(Assessment).where(Assessment.record_id == a).values(is_current=False)
        )
        for review in session.scalars(select(Review).where(Review.record_id == b)):
            session.delete(review)  # back to an uncertain flag waiting for staff
        session.commit()
    assert [check(database)[i] for i in ids] == [NONE, NEEDS_REVIEW, NONE, FLAGGED]

    with Session(get_engine(database)) as session:
        # Deleting a record deletes its assessments and reviews without tripping a trigger.
        session.delete(session.get(Record, d))
        session.commit()
    assert d not in check(database)


def test_review_actions_in_the_web_app(database: str) -> None:
    _stages(database)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        decision = _id(session, "d/1")
    create_staff_user("staff", PASSWORD, database_url=database)
    app = create_app(database, marker_ttl=0, secret="test-secret-" + "x" * 32)
    token = re.compile(r'name="csrf_token" value="([^"]+)"')
    with TestClient(app) as client:
        login = token.search(client.get("/login").text)
        assert login
        client.post(
            "/login",
            data={"username": "staff", "password": PASSWORD, "csrf_token": login.group(1)},
        )
        for status, expected in (("dismissed", NONE), ("confirmed", FLAGGED)):
            form = token.search(client.get(f"/items/{decision}").text)
            assert form
            done = client.post(
                f"/items/{decision}/review",
                data={"status": status, "reason": "sample reason", "csrf_token": form.group(1)},
                follow_redirects=False,
            )
            assert done.status_code == 303
            assert check(database)[decision] == expected


def test_nation_follows_the_council(database: str) -> None:
    with Session(get_engine(database)) as session:
        record = _add(session, "r/1", "decision", "Sample", "text", 1)
        scottish = _add(session, "r/2", "decision", "Sample", "text", 2, council_code="EDH")
        nowhere = _add(session, "r/3", "decision", "Sample", "text", 3, council_code=None)
        session.commit()
        ids = (record.id, scottish.id, nowhere.id)
    nations = _nations(database, ids)
    assert nations == ["England", "Scotland", None]
    check(database)
    with Session(get_engine(database)) as session:
        session.get(Council, "KEN").nation = "Sample nation"
        session.get(Record, ids[1]).council_code = "KEN"
        session.add(Council(code="ZZZ", name="Sample council", nation="Wales"))
        session.flush()
        session.get(Record, ids[2]).council_code = "ZZZ"
        session.commit()
    assert _nations(database, ids) == ["Sample nation", "Sample nation", "Wales"]
    check(database)
    # The search's nation filter reads the column.
    with Session(get_engine(database)) as session:
        page = search_page(session, SearchQuery(nation="Wales"), 25)
        assert [s.record.id for s in page.states] == [ids[2]]


def _nations(database: str, ids: tuple[int, ...]) -> list[str | None]:
    with Session(get_engine(database)) as session:
        rows = session.execute(select(Record.id, Record.nation).where(Record.id.in_(ids)))
        found = {record_id: nation for record_id, nation in rows}
    return [found[i] for i in ids]


def test_the_migration_backfills_existing_records(database: str) -> None:
    _stages(database)
    run_monitor(database_url=database)
    with Session(get_engine(database)) as session:
        decision = _id(session, "d/1")
        session.add(Review(record_id=decision, status="confirmed"))
        session.commit()
    before = check(database)
    assert FLAGGED in before.values()
    dispose_engines()
    config = alembic_config(database)
    command.downgrade(config, "0009")  # drops the columns, indexes and triggers
    dispose_engines()
    upgrade(database)  # and back: the backfill computes every record's state again
    assert check(database) == before
