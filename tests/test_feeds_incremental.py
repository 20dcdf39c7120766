"""The static feed build: its templates write exactly what feedgen writes, and a rebuild
renders only the councils whose data changed yet ends byte-equal to a fresh build, for
every way feed data changes (inserts, in-place flag and decision-group updates, reviews,
renames, record updates), also when an all-council feed is full and must merge.

The sample data is the fictional councils of test_feeds.py (EXS, SMP); the registry's
other councils are removed so that each build writes a few dozen files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from test_feeds import T0, add_record, sample_database

import feeds.build
import feeds.static
from feeds.build import FORMATS, FeedBuilder, Links, load_councils, site_specs, sort_key
from feeds.regions import area_specs
from feeds.static import STATE_FILE, write_site
from feeds.topics import topic_specs
from storage.db import get_engine
from storage.models import Assessment, Council, Record, Review, utcnow
from storage.queries import RecordState, iter_states


def small_site(url: str) -> None:
    sample_database(url)
    with Session(get_engine(url)) as session:
        session.execute(delete(Council).where(Council.code.not_in(["EXS", "SMP"])))
        session.commit()


def shared_feeds(url: str) -> int:
    """The nation, region and topic feeds: they list many councils' records, so any change
    renders them again (from every record)."""
    with Session(get_engine(url)) as session:
        return len(area_specs(session)) + len(topic_specs())


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != STATE_FILE
    }


def test_static_feeds_equal_the_feedgen_reference(database: str, tmp_path: Path) -> None:
    """Every record feed file (templates, plain rows) is byte-equal to feedgen building
    the same feed from ORM rows: the bytes the build wrote before the templates."""
    small_site(database)
    out = tmp_path / "site"
    write_site(out, database_url=database)
    links = Links(None, web=False)
    with Session(get_engine(database)) as session:
        councils = load_councils(session)
        specs = site_specs(councils.values())
        assert len(specs) == 5 + 2 * 4
        for spec in specs:
            rows = session.execute(spec.query())
            states = [RecordState(r, a, v) for r, a, v in rows]
            states = sorted((s for s in states if spec.matches(s)), key=sort_key, reverse=True)
            for fmt in FORMATS:
                path = spec.path(fmt)
                reference = FeedBuilder(councils, links).render(
                    spec, fmt, states, from_path=path, splice=False
                )
                assert (out / path).read_bytes() == reference, path


def _new_flagged_record(session: Session) -> str:
    add_record(session, "inc-new", title="Sample new outsourcing", published=T0, council="SMP",
               assessment={})  # fmt: skip
    return "SMP"


def _flagged(session: Session, code: str) -> Assessment:
    """The current assessment of the newest record in the council's flagged feed."""
    state = next(iter_states(session, council_codes=[code], flagged_only=True), None)
    assert state is not None and state.assessment is not None
    return state.assessment


def _flag_dropped_in_place(session: Session) -> str:
    _flagged(session, "EXS").should_flag = False  # as monitor/decision_groups.py does
    return "EXS"


def _decision_group_rewritten(session: Session) -> str:
    _flagged(session, "SMP").decision_group = {
        "guid": "tag:oursay,2025:decision/sample-group",
        "has_consultation": True,
        "evidence": [{"label": "consultation", "quote": "Sample consultation ran.",
                      "record_id": -1}],
    }  # fmt: skip
    return "SMP"


def _review_added(session: Session) -> str:
    record_id = _flagged(session, "EXS").record_id
    session.add(Review(record_id=record_id, status="dismissed", reason="sample",
                       created_at=datetime(2026, 9, 2, tzinfo=UTC)))  # fmt: skip
    return "EXS"


def _council_renamed(session: Session) -> str:
    council = session.get(Council, "SMP")
    assert council is not None
    council.name = "Sampleton Renamed Sample Borough Council"
    return "SMP"


def _record_updated(session: Session) -> str:
    record = session.get(Record, _flagged(session, "EXS").record_id)
    assert record is not None
    record.title = "Sample title changed by a later crawl"
    record.updated_at = utcnow()  # as storage/records.py does on a content change
    return "EXS"


CHANGES: dict[str, Callable[[Session], str]] = {
    "new record": _new_flagged_record,
    "flag flipped in place": _flag_dropped_in_place,
    "decision group rewritten in place": _decision_group_rewritten,
    "review added": _review_added,
    "council renamed": _council_renamed,
    "record updated": _record_updated,
}


@pytest.mark.parametrize("limit", [200, 2], ids=["feeds-not-full", "feeds-full"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_rebuild_renders_only_changes_and_equals_a_fresh_build(
    sqlite_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str,
    limit: int,
) -> None:  # fmt: skip
    # A limit of 2 makes the all-council feeds full, so that the merge of a changed
    # council's items with what those feeds listed before is exercised (and its fallback).
    monkeypatch.setattr(feeds.build, "FEED_ITEM_LIMIT", limit)
    monkeypatch.setattr(feeds.static, "FEED_ITEM_LIMIT", limit)
    small_site(sqlite_database)
    out = tmp_path / "site"
    cold = write_site(out, database_url=sqlite_database)
    shared = shared_feeds(sqlite_database)
    assert cold.rendered == (5 + 2 * 4 + shared) * 2
    before = files(out)

    again = write_site(out, database_url=sqlite_database)
    assert (again.rendered, again.changed) == (0, 0)
    assert again.feed_count == cold.feed_count
    assert files(out) == before

    with Session(get_engine(sqlite_database)) as session:
        code = CHANGES[change](session)
        session.commit()
    partial = write_site(out, database_url=sqlite_database)
    # The changed council's feeds and the all-council feeds; not the other council's. When
    # an item leaves a full all-council feed, what comes up from below is unknown: then
    # every feed is rendered.
    merged = partial.rendered == (5 + 4 + shared) * 2
    full = partial.rendered == (5 + 2 * 4 + shared) * 2
    assert merged or (limit == 2 and full), (code, partial)
    if change == "new record":
        assert merged
    fresh = tmp_path / "fresh"
    write_site(fresh, database_url=sqlite_database)
    assert files(out) == files(fresh)
    assert files(out) != before


def test_missing_feed_file_or_new_code_renders_again(sqlite_database: str, tmp_path: Path) -> None:
    small_site(sqlite_database)
    out = tmp_path / "site"
    write_site(out, database_url=sqlite_database)
    shared = shared_feeds(sqlite_database)
    before = files(out)
    (out / "feeds" / "exs.atom").unlink()
    # That council's feeds, and the all-council and shared feeds (treated as changed with it).
    assert write_site(out, database_url=sqlite_database).rendered == (5 + 4 + shared) * 2
    assert files(out) == before
    # A state file from another version of the code (or corrupt) means a full build.
    (out / STATE_FILE).write_text('{"version": "older"}', encoding="utf-8")
    assert write_site(out, database_url=sqlite_database).rendered == (5 + 2 * 4 + shared) * 2
    assert files(out) == before


def test_rebuild_follows_records_moving_between_councils(
    sqlite_database: str, tmp_path: Path
) -> None:
    small_site(sqlite_database)
    out = tmp_path / "site"
    write_site(out, database_url=sqlite_database)
    with Session(get_engine(sqlite_database)) as session:
        record = session.scalars(select(Record).where(Record.council_code == "EXS")).first()
        assert record is not None
        record.council_code = "SMP"
        record.updated_at = T0 + timedelta(days=40)
        session.commit()
    shared = shared_feeds(sqlite_database)
    assert write_site(out, database_url=sqlite_database).rendered == (5 + 2 * 4 + shared) * 2
    fresh = tmp_path / "fresh"
    write_site(fresh, database_url=sqlite_database)
    assert files(out) == files(fresh)
