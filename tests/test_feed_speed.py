"""The feed paths' shortcuts give exactly what the plain way gives (issue 14 point 6, issue 13
point 4): the web app's feeds read as plain rows write the bytes the ORM rows wrote, and
the topics of a record found all at once are those testing each topic finds.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

from sqlalchemy.orm import Session
from test_feeds import sample_database

from feeds.build import (
    FORMATS,
    FeedBuilder,
    Links,
    build_feed,
    load_councils,
    site_specs,
    sort_key,
    spec_states,
)
from feeds.choices import feed_states, find_feed, search_spec
from feeds.regions import area_specs
from feeds.topics import load_topics, matching_topics, topic_matches, topic_specs
from storage.db import get_engine
from storage.models import Record
from storage.queries import RecordState


def _orm_states(session: Session, spec: object) -> list[RecordState]:
    """The read the web app's feeds made before: ORM instances, selected and ordered."""
    rows = session.execute(spec.query())  # type: ignore[attr-defined]
    states = [RecordState(r, a, v) for r, a, v in rows]
    return sorted(
        (s for s in states if spec.matches(s)),  # type: ignore[attr-defined]
        key=sort_key,
        reverse=True,
    )


def test_web_feeds_from_plain_rows_equal_the_orm_rows(database: str) -> None:
    sample_database(database)
    links = Links("https://oursay.example/", web=True)
    with Session(get_engine(database)) as session:
        councils = load_councils(session)
        specs = [*site_specs(councils.values()), *area_specs(session), *topic_specs()]
        specs.append(search_spec({"q": "sample"}, councils))
        listed = 0
        for spec in specs:
            plain = spec_states(session, spec)
            orm = _orm_states(session, spec)
            assert [s.record.id for s in plain] == [s.record.id for s in orm], spec.name
            assert all(not isinstance(s.record, Record) for s in plain)  # no ORM instances
            listed += len(plain)
            for fmt in FORMATS:
                expected = FeedBuilder(councils, links).render(spec, fmt, orm)
                assert FeedBuilder(councils, links).render(spec, fmt, plain) == expected
        assert listed > 0
        # The web app's own entry points read the same way.
        for name in ("all", "exs", "notices/exs", "smp-outsourcing"):
            spec = find_feed(session, f"feeds/{name}")
            assert spec is not None
            assert [s.record.id for s in feed_states(session, spec)] == [
                s.record.id for s in _orm_states(session, spec)
            ]
            expected = FeedBuilder(councils, links).render(spec, "rss", _orm_states(session, spec))
            assert build_feed(session, name, "rss", links) == expected


def test_pending_changes_are_seen_by_a_feed_read_in_the_same_session(database: str) -> None:
    """The ORM query flushed pending changes first; the plain read does too."""
    sample_database(database)
    with Session(get_engine(database)) as session:
        spec = find_feed(session, "feeds/exs")
        assert spec is not None
        newest = spec_states(session, spec)[0]
        record = session.get(Record, newest.record.id)
        assert record is not None
        record.title = "Sample title changed in this session"
        assert spec_states(session, spec)[0].record.title == record.title
        session.rollback()


def test_topics_found_at_once_equal_each_topic_tested() -> None:
    topics = load_topics()
    words = [w for t in topics for k in t.keywords for w in k.split()]
    words += [k for t in topics for k in t.keywords] + ["the", "service", "Care", "HOME", "x"]
    prefixes = [c.prefix for t in topics for c in t.cpv] + ["85000000", "90", "1234"]
    rng = random.Random(14)
    placed = 0
    for _ in range(20_000):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        description = "".join(
            rng.choice(words) + rng.choice([" ", "", "-"]) for _ in range(rng.randint(0, 8))
        )
        codes = [rng.choice(prefixes) + str(rng.randint(0, 99_999)) for _ in range(3)]
        record = SimpleNamespace(
            title=rng.choice([title, None]),
            description=rng.choice([description, None, ""]),
            cpv_codes=rng.choice([codes[: rng.randint(1, 3)], None, []]),
        )
        expected = frozenset(t.slug for t in topics if topic_matches(t, record))  # type: ignore[arg-type]
        assert matching_topics(record) == expected, record  # type: ignore[arg-type]
        placed += bool(expected)
    assert 1_000 < placed < 19_000  # both kinds of record were tried
