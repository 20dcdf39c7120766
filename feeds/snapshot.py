"""Cheap reads for the static feed build: record states without the ORM, and a fingerprint
of each council's feed inputs so that a rebuild renders only what changed.

The ORM built three instances per row (with their identity map and attribute state),
about 100 µs a row: 8 s of a 400-council build. Feeds only read attributes, so plain
row objects with the same attribute names serve :func:`feeds.items.summarise` equally.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Select, String, Text, cast, func, inspect, select, type_coerce
from sqlalchemy.orm import Session, aliased

from storage import queries
from storage.models import Assessment, Record, Review, UTCDateTime
from storage.queries import RecordState

# Columns items never read: raw source data (can be large), the monitor's signals, and
# staff-only review text (never needed, so never loaded).
_RECORD_NAMES = [c.key for c in inspect(Record).column_attrs if c.key != "data"]
_ASSESSMENT_NAMES = [c.key for c in inspect(Assessment).column_attrs if c.key != "signals"]
_REVIEW_NAMES = ["id", "record_id", "status", "created_at"]


class _Row:
    """A record, assessment or review as plain attributes (read-only use)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


class SnapshotState(RecordState):
    """A state of plain, read-only rows: what the feed specs ask of it is worked out once.
    A full build asks every state whether it is flagged and what its topic text is for
    each of some twenty feeds (nearly a million calls at 80,000 records)."""

    @cached_property
    def flagged(self) -> bool:
        return RecordState.flagged.fget(self)  # type: ignore[attr-defined,no-any-return]

    @cached_property
    def date(self) -> datetime | None:
        return RecordState.date.fget(self)  # type: ignore[attr-defined,no-any-return]

    @cached_property
    def topic_slugs(self) -> frozenset[str]:
        from feeds.topics import matching_topics

        return matching_topics(self.record)


class PlainSelect:
    """A :func:`storage.queries.states_query` select (with its joins, filters, order and
    limit) made to read plain columns, and how to turn its rows into states. Building one
    (the ORM select, then its columns adapted) costs more than running a feed's query at a
    million records, so the web app keeps one per feed (:func:`feeds.build.spec_states`)."""

    def __init__(self, query: Select[Any]) -> None:
        current = query.column_descriptions[1]["entity"]
        latest = query.column_descriptions[2]["entity"]
        columns = [getattr(Record, n) for n in _RECORD_NAMES]
        columns += [getattr(current, n) for n in _ASSESSMENT_NAMES]
        columns += [getattr(latest, n) for n in _REVIEW_NAMES]
        selected, self.converters = _raw_columns(columns)
        self.statement = query.with_only_columns(*selected, maintain_column_froms=False)

    def narrowed(self, narrow: Callable[[Select[Any]], Select[Any]]) -> PlainSelect:
        """The same read with ``narrow`` applied to its select (filters on ``Record``)."""
        narrower = copy.copy(self)
        narrower.statement = narrow(self.statement)
        return narrower

    def states(self, session: Session) -> list[RecordState]:
        r_end = len(_RECORD_NAMES)
        a_end = r_end + len(_ASSESSMENT_NAMES)
        a_id = _ASSESSMENT_NAMES.index("id") + r_end
        v_id = _REVIEW_NAMES.index("id") + a_end
        converters = self.converters
        states = []
        # Straight to the connection: the session would put every row through ORM loading.
        for raw in session.connection().execute(self.statement).fetchall():
            row = list(raw)
            for index, convert in converters:
                row[index] = convert(row[index])
            record = _Row(dict(zip(_RECORD_NAMES, row[:r_end], strict=True)))
            assessment = (
                _Row(dict(zip(_ASSESSMENT_NAMES, row[r_end:a_end], strict=True)))
                if row[a_id] is not None
                else None
            )
            review = (
                _Row(dict(zip(_REVIEW_NAMES, row[a_end:], strict=True)))
                if row[v_id] is not None
                else None
            )
            states.append(SnapshotState(record, assessment, review))  # type: ignore[arg-type]
        return states


def fast_states(session: Session, query: Select[Any]) -> list[RecordState]:
    """Run a :func:`storage.queries.states_query` select for plain columns and wrap them as
    states, in the query's order."""
    return PlainSelect(query).states(session)


def feed_select(spec: Any) -> PlainSelect:
    """The plain select of a feed spec (:class:`feeds.build.FeedSpec`), built once per
    process: a feed's query depends only on its spec (and the bench's switch between the
    flag-state column and the joins). A saved search's is built each time, from its
    parameters. Bounded; cleared when full."""
    if spec.kind == "search":
        return PlainSelect(spec.query())
    key = (spec, queries.USE_FLAG_STATE)
    plain = _FEED_SELECTS.get(key)
    if plain is None:
        if len(_FEED_SELECTS) >= _FEED_SELECTS_MAX:
            _FEED_SELECTS.clear()
        plain = _FEED_SELECTS[key] = PlainSelect(spec.query())
    return plain


_FEED_SELECTS: dict[tuple[Any, bool], PlainSelect] = {}
_FEED_SELECTS_MAX = 4_096


# JSON texts up to this long are decoded once per read and the value shared between rows
# ("[]", a CPV code list, a supplier): the rows are read-only.
_SHARED_JSON_LENGTH = 200
_MISSING = object()
_MEMO_MAX = 100_000


def _raw_columns(
    columns: list[Any],
) -> tuple[list[Any], list[tuple[int, Callable[[Any], Any]]]]:
    """``columns`` with the JSON and date-time ones read untyped, and the converters that
    give the values SQLAlchemy's types would (``UTCDateTime``, ``JSON``): its per-value
    result processing was most of reading 80,000 states."""
    memo: dict[str, Any] = {}

    def load_json(value: Any) -> Any:
        if type(value) is not str:
            return value  # NULL, or PostgreSQL's driver already decoded it
        if len(value) > _SHARED_JSON_LENGTH:
            return json.loads(value)
        found = memo.get(value, _MISSING)
        if found is _MISSING:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            found = memo[value] = json.loads(value)
        return found

    # Rows written together share their timestamps (a batch's insert time, a monitor
    # run's): each distinct text is parsed once. Datetimes are immutable, so sharing is safe.
    moments: dict[str, datetime | None] = {}

    def load_datetime(value: Any) -> datetime | None:
        if type(value) is not str:
            return _utc(value)
        found = moments.get(value)
        if found is None:
            if len(moments) >= _MEMO_MAX:
                moments.clear()
            found = moments[value] = _utc(value)
        return found

    selected: list[Any] = []
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(columns):
        kind = column.type
        if isinstance(kind, UTCDateTime):
            selected.append(type_coerce(column, String))
            converters.append((index, load_datetime))
        elif isinstance(kind, JSON):
            # As text from PostgreSQL too (``jsonb::text``, the text its driver would decode
            # itself): then the short values are decoded once and shared there as well.
            selected.append(type_coerce(cast(column, Text), String))
            converters.append((index, load_json))
        else:
            selected.append(column)
    return selected, converters


_STORED_LENGTHS = (19, 26)


def _utc(value: Any) -> datetime | None:
    """``UTCDateTime``'s result value from what the driver gives: SQLite's text (read as
    SQLAlchemy's SQLite dialect reads it), or a datetime from PostgreSQL."""
    if value is None:
        return None
    if type(value) is str:
        if len(value) in _STORED_LENGTHS:
            # What SQLAlchemy writes ("2026-09-01 12:00:00[.000000]") parsed as UTC in one
            # step: replace(tzinfo=...) afterwards cost three times more.
            with suppress(ValueError):
                parsed = datetime.fromisoformat(value + "+00:00")
                if parsed.tzinfo is not None:
                    return parsed.astimezone(UTC)
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)  # type: ignore[no-any-return]


# ------------------------------------------------------------------ fingerprints

NO_COUNCIL = ""  # the fingerprint key of records without a council


def council_fingerprints(session: Session, names: dict[str, str]) -> dict[str, str]:
    """A digest per council code (``NO_COUNCIL`` for records without one) of everything its
    records show in a feed, from a few grouped queries (no row is read one by one).

    What can change a feed item and how it shows here: a record inserted, deleted or moved
    between councils (count and id sum); a record's content (``updated_at`` moves when its
    content hash does: storage/records.py; an insert sets it too, with ``first_seen_at``,
    which nothing writes afterwards); a new or restored current assessment (id sum); a flag
    or publish state changed in place (count, id sum and newest update per flag state: the
    column the triggers of migration 0010 keep from the assessment and review, and all an
    item shows of them besides the review); a decision group rewritten in place (its JSON,
    hashed); a new review (count and newest id); the council's name. Everything else about
    an assessment is written once, at insert.

    Each read is answered by an index alone where it can be (migration 0011): the records'
    columns by one scan of ``ix_records_council_changes``, the current assessments' ids by
    ``ix_assessments_record_current`` looked up per record, the decision groups from
    ``ix_assessments_grouped`` (only assessments that have one), the reviews from their own
    table (few) with each one's record looked up.
    """
    current = aliased(Assessment)
    per_council: dict[str, list[Any]] = {}
    # One row per council and flag state, in index order (ordered: PostgreSQL may hash).
    records = (
        select(
            Record.council_code,
            Record.flag_state,
            func.count(Record.id),
            func.sum(Record.id),
            func.max(Record.updated_at),
        )
        .group_by(Record.council_code, Record.flag_state)
        .order_by(Record.council_code, Record.flag_state)
    )
    # An outer join (count() skips the NULLs), so that SQLite walks the records' index and
    # looks each one's current assessment up, rather than reading every record's row.
    assessed = (
        select(Record.council_code, func.count(current.id), func.sum(current.id))
        .outerjoin(current, (current.record_id == Record.id) & current.is_current.is_(True))
        .group_by(Record.council_code)
    )
    for label, query in (("records", records), ("assessed", assessed)):
        for code, *values in session.execute(query):
            parts = [label, *map(str, values)]
            per_council.setdefault(code or NO_COUNCIL, []).append(parts)
    # From the reviews (a few thousand at most), each one's council looked up; a join let
    # SQLite scan every record's index entry for the few that have one.
    council_of = select(Record.council_code).where(Record.id == Review.record_id)
    reviewed = council_of.scalar_subquery().label("code")
    reviews = (
        select(reviewed, func.count(Review.id), func.max(Review.id), func.sum(Review.id))
        .group_by(reviewed)
        .order_by(reviewed)
    )
    for code, *values in session.execute(reviews):
        per_council.setdefault(code or NO_COUNCIL, []).append(["reviews", *map(str, values)])
    groups = (
        select(Record.council_code, current.id, current.decision_group)
        .join(current, (current.record_id == Record.id) & current.is_current.is_(True))
        .where(current.decision_group.is_not(None))
        .order_by(current.id)
    )
    for code, assessment_id, group in session.execute(groups):
        text = json.dumps(group, sort_keys=True, default=str)
        per_council.setdefault(code or NO_COUNCIL, []).append(["group", assessment_id, text])
    for code, name in names.items():
        per_council.setdefault(code, []).append(["name", name])
    return {
        code: hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        for code, parts in per_council.items()
    }


def states_of_councils(session: Session, query: Select[Any], codes: Iterable[str]) -> list[Any]:
    """``query`` narrowed to records of ``codes`` (``NO_COUNCIL``: without a council)."""
    wanted = sorted(set(codes))
    named = [c for c in wanted if c != NO_COUNCIL]
    condition = Record.council_code.in_(named)
    if NO_COUNCIL in wanted:
        condition = condition | Record.council_code.is_(None)
    return fast_states(session, query.where(condition))


def states_by_id(session: Session, query: Select[Any], ids: Sequence[int]) -> list[RecordState]:
    return fast_states(session, query.where(Record.id.in_(list(ids)))) if ids else []


def code_digest(paths: Iterable[Path]) -> str:
    """A digest of the source files whose code decides the bytes of a feed: a new version
    of any of them rebuilds every feed once."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()
