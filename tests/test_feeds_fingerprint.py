"""The static build's per-council fingerprint (feeds/snapshot.py) on both backends: it moves
for the changed council alone, for every way feed data changes, and stays put otherwise
(PostgreSQL may return grouped rows in any order); on SQLite its reads are answered by the
indexes of migration 0011 rather than by every record's row."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session
from test_feeds_incremental import CHANGES, small_site

from feeds.build import load_councils
from feeds.snapshot import council_fingerprints
from storage.db import get_engine


def fingerprints(url: str) -> dict[str, str]:
    with Session(get_engine(url)) as session:
        names = {c.code: c.name for c in load_councils(session).values()}
        return council_fingerprints(session, names)


@pytest.mark.parametrize("change", list(CHANGES))
def test_fingerprint_moves_for_the_changed_council_only(database: str, change: str) -> None:
    small_site(database)
    before = fingerprints(database)
    assert fingerprints(database) == before
    with Session(get_engine(database)) as session:
        code = CHANGES[change](session)
        session.commit()
    after = fingerprints(database)
    moved = {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}
    assert moved == {code}


def test_fingerprint_reads_indexes_not_rows(sqlite_database: str) -> None:
    small_site(sqlite_database)
    engine = get_engine(sqlite_database)
    statements: list[tuple[str, Any]] = []

    def seen(_c: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        fingerprints(sqlite_database)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    plans = []
    with engine.connect() as connection:
        for statement, parameters in statements:
            if "GROUP BY" in statement or "decision_group" in statement:
                rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
                plans.append(" / ".join(row[3] for row in rows))
    assert any("COVERING INDEX ix_records_council_changes" in p for p in plans), plans
    assert any("INDEX ix_assessments_grouped" in p for p in plans), plans
    # No read of the whole records table row by row.
    assert not any("SCAN records USING INDEX" in p or p.startswith("SCAN records /") for p in plans)
