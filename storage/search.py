"""Full-text search over records and their documents, with filters, on the database's own
engine: SQLite FTS5 (``records_fts``, ``document_pages_fts``) or PostgreSQL ``tsvector``
with GIN indexes (``search_vector`` columns), all built by migration 0009.

One interface for every caller (the search page, exports, saved-search feeds and alerts)::

    search(session, SearchQuery(text='"leisure centre" trust', council="KEN"), 25, 0)
    count(session, query)        # (n, exact): capped at COUNT_CAP
    search_select(query)         # the whole result, newest first, for streaming exports

User text is never handed to the engine's query syntax: it is cut into words and
"quoted phrases" (an unbalanced quote runs to the end), punctuation is dropped, and each
term is passed as a quoted FTS5 string or through ``phraseto_tsquery``, so ``*``, ``NEAR``,
``-``, ``:`` and the like are searched for as words, never parsed. Every term must match
(AND), in the record's own fields or on one page of one of its documents.

Ranking: when the words match at most ``RANK_CAP`` records, results come best first (BM25 on
SQLite, ``ts_rank_cd`` on PostgreSQL; title weighs most, then description, then buyer and
decision maker, then document text), ties newest first. Past that, ranking every match of
a common word would cost seconds at a million records, so results come newest first, read
in date-index order (``SearchPage.ranked`` says which); adding words or filters ranks them.
Read so, each row is checked against the words: its stored vector on PostgreSQL; on SQLite
the list of every match, built once, unless there are more than ``LIST_CAP``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Float,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    func,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnElement, TextClause
from sqlalchemy.sql.visitors import InternalTraversal

from storage import queries
from storage.flag_state import FLAGGED
from storage.models import Council, Record
from storage.queries import RecordState, states_query

# Dates in the form are London days, as on every page and feed.
LONDON = ZoneInfo("Europe/London")
MAX_TERMS = 10
# Above this many text matches, results are newest first rather than ranked (see above).
RANK_CAP = 1_000
# Counts stop here: a page says "more than 1,000" rather than count a million rows.
COUNT_CAP = 1_000
# ... and lower where counting means reading in date order and checking every row (common
# words with filters, filters alone): each row costs a text probe or joins, and a selective
# filter can mean 50 rows read per match.
WALK_COUNT_CAP = 200
# SQLite: a walk in date order checks rows against a list of every match (~0.3 µs a match)
# when there are at most LIST_CAP and one record in LIST_SHARE (LIST_SHARE_FILTERED: a walk
# with filters also counts), else seeks FTS5 per row (70-450 µs; see _text_condition).
LIST_CAP = 100_000
LIST_SHARE = 10
LIST_SHARE_FILTERED = 3
# Must equal PAGE_BITS of migration 0009: a page's rowid in document_pages_fts.
PAGE_BITS = 20
FLAG_STATUSES = ("flagged", "not_flagged")
REVIEW_FILTERS = ("unreviewed", "confirmed", "dismissed", "needs_info", "good_practice")
CATEGORIES = ("outsourcing", "asset_sale")


@dataclass(frozen=True)
class SearchQuery:
    """What to look for. Every field is optional; an empty query matches every record.

    - ``text``: words and "quoted phrases", all of which must match.
    - ``council``: register code (``KEN``); ``nation``: England, Scotland, Wales, ...
    - ``kind``: the record's kind (``notice``, ``decision``, ...);
      ``category``: ``outsourcing`` or ``asset_sale`` (what the monitor found).
    - ``flag``: ``flagged`` or ``not_flagged`` (as on the public pages);
      ``review``: ``unreviewed`` or a review status.
    - ``source``: ``find-a-tender``, ``contracts-finder``, ``moderngov``, ``cmis``.
    - ``date_from`` / ``date_to``: inclusive London days of the item's date.
    - ``value_min`` / ``value_max``: the notice's value, any currency.
    - ``cpv``: a CPV code; trailing zeros widen it (``45000000`` = all of division 45).
    - ``documents``: also match the text of the record's documents.
    """

    text: str = ""
    council: str | None = None
    nation: str | None = None
    kind: str | None = None
    category: str | None = None
    flag: str | None = None
    review: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    cpv: str | None = None
    documents: bool = True

    @property
    def terms(self) -> list[str]:
        return search_terms(self.text)


def search_terms(user_text: str) -> list[str]:
    """Words and phrases, each a space-joined run of word characters; at most MAX_TERMS.

    >>> search_terms('leisure "centre trust" co-op NEAR* "unbalanced')
    ['leisure', 'centre trust', 'co op', 'NEAR', 'unbalanced']
    """
    terms: list[str] = []
    for index, part in enumerate(user_text.split('"')):
        # Odd parts are inside quotes (the last may be unbalanced: it runs to the end).
        chunks = [part] if index % 2 else part.split()
        for chunk in chunks:
            words = re.findall(r"\w+", chunk)
            if words:
                terms.append(" ".join(words))
    return terms[:MAX_TERMS]


def cpv_prefix(code: str) -> str:
    """``45000000-7`` -> ``45``; ``79341000`` -> ``79341``: a CPV code stands for its
    subtree, which is every code starting with it less its trailing zeros."""
    digits = re.sub(r"\D", "", code.split("-")[0])[:8]
    return digits.rstrip("0").ljust(2, "0") if digits else ""


@dataclass(frozen=True)
class SearchPage:
    states: list[RecordState]
    total: int
    exact: bool  # False: more than ``total`` (= COUNT_CAP) records match
    ranked: bool  # best first (True) or newest first


# ------------------------------------------------------------------ engine-specific text


def _match_sqlite(terms: Sequence[str]) -> str:
    # Each term an FTS5 string: a double-quoted phrase whose words are \w runs, so no
    # operator, column filter or prefix star can come from the user.
    return " ".join(f'"{term}"' for term in terms)


def _tsquery(terms: Sequence[str], params: dict[str, Any]) -> str:
    parts = []
    for n, term in enumerate(terms):
        params[f"term{n}"] = term
        parts.append(f"phraseto_tsquery('english', :term{n})")
    return "(" + " && ".join(parts) + ")"


def _hit_parts(
    dialect: str, terms: Sequence[str], documents: bool, scored: bool, params: dict[str, Any]
) -> list[str]:
    """SELECTs of (record_id[, score]): records whose own fields match all terms, and (with
    ``documents``) records with a document page that does; a lower score is better."""
    if dialect == "sqlite":
        params["match"] = _match_sqlite(terms)
        score = ", bm25(records_fts, 10.0, 4.0, 2.0, 2.0) AS score" if scored else ""
        parts = [
            f"SELECT rowid AS record_id{score} FROM records_fts WHERE records_fts MATCH :match"
        ]
        if documents:
            score = ", 0.5 * bm25(document_pages_fts) AS score" if scored else ""
            parts.append(
                f"SELECT documents.record_id AS record_id{score} FROM document_pages_fts "
                f"JOIN documents ON documents.id = (document_pages_fts.rowid >> {PAGE_BITS}) "
                "WHERE document_pages_fts MATCH :match"
            )
    else:
        query = _tsquery(terms, params)
        score = f", -ts_rank_cd(search_vector, {query}, 1) AS score" if scored else ""
        parts = [f"SELECT id AS record_id{score} FROM records WHERE search_vector @@ {query}"]
        if documents:
            score = (
                f", -0.5 * ts_rank_cd(document_pages.search_vector, {query}, 1) AS score"
                if scored
                else ""
            )
            parts.append(
                f"SELECT documents.record_id AS record_id{score} FROM document_pages "
                "JOIN documents ON documents.id = document_pages.document_id "
                f"WHERE document_pages.search_vector @@ {query}"
            )
    return parts


def _hits_sql(dialect: str, terms: Sequence[str], documents: bool, scored: bool) -> TextClause:
    """(record_id[, score]) of the records whose fields or a document page match all terms;
    a lower score is better."""
    params: dict[str, Any] = {}
    sql = " UNION ALL ".join(_hit_parts(dialect, terms, documents, scored, params))
    columns: dict[str, Any] = {"record_id": Integer}
    if scored:
        sql = f"SELECT record_id, min(score) AS score FROM ({sql}) AS matched GROUP BY record_id"
        columns["score"] = Float
    return text(sql).bindparams(**params).columns(**columns)


def _first_hits(dialect: str, terms: Sequence[str], documents: bool, n: int) -> TextClause:
    """Record ids of the first ``n`` hits, each part under its own LIMIT: under one LIMIT
    over the UNION ALL, PostgreSQL read a common word's every match through a GIN bitmap."""
    params: dict[str, Any] = {}
    parts = _hit_parts(dialect, terms, documents, False, params)
    sql = " UNION ALL ".join(
        f"SELECT record_id FROM ({part} LIMIT {n}) AS part{i}" for i, part in enumerate(parts)
    )
    return text(f"SELECT record_id FROM ({sql}) AS hits LIMIT {n}").bindparams(**params)


# ------------------------------------------------------------------ the query


def _filtered(query: SearchQuery) -> Select[Any]:
    """Record states matching every filter except the text."""
    since = _london_midnight(query.date_from)
    until = _london_midnight(query.date_to + timedelta(days=1)) if query.date_to else None
    review = query.review if query.review in REVIEW_FILTERS[1:] else None
    select_ = states_query(
        council_codes=[query.council] if query.council else None,
        categories=[query.category] if query.category in CATEGORIES else None,
        flagged_only=query.flag == "flagged",
        review_status=review,
        source=query.source or None,
        since=since,
        until=until,
    )
    current = select_.column_descriptions[1]["entity"]
    latest = select_.column_descriptions[2]["entity"]
    if query.flag == "not_flagged" and queries.USE_FLAG_STATE:
        select_ = select_.where(Record.flag_state != FLAGGED)
    elif query.flag == "not_flagged":
        # The negation of RecordState.flagged, NULL-safe (no assessment, no review).
        select_ = select_.where(
            or_(
                latest.status.in_(["dismissed", "good_practice"]),
                and_(
                    or_(
                        current.should_flag.is_(None),
                        not_(current.should_flag),
                        # An uncertain flag waiting for staff is not (yet) flagged.
                        current.publish_state == "needs_review",
                    ),
                    or_(latest.status.is_(None), latest.status != "confirmed"),
                ),
            )
        )
    if query.review == "unreviewed":
        select_ = select_.where(latest.id.is_(None))
    if query.nation and queries.USE_FLAG_STATE:
        # The council's nation, copied onto the record (migration 0010): with the flag state
        # it narrows by index, where "council in (...)" reads every record in date order.
        select_ = select_.where(Record.nation == query.nation)
    elif query.nation:
        select_ = select_.where(
            Record.council_code.in_(select(Council.code).where(Council.nation == query.nation))
        )
    if query.kind:
        select_ = select_.where(Record.kind == query.kind)
    if query.value_min is not None:
        select_ = select_.where(Record.value_amount >= query.value_min)
    if query.value_max is not None:
        select_ = select_.where(Record.value_amount <= query.value_max)
    # Raw source data is never shown or exported, and can be large.
    return select_.options(defer(Record.data))


def _display_date() -> Any:
    return func.coalesce(Record.published_at, Record.first_seen_at)


def _text_condition(dialect: str, terms: Sequence[str], documents: bool, listed: bool) -> Any:
    """Does this record (the outer ``records`` row) match every term? For walks in date
    order. Checked row by row: a seek into the FTS5 doclist by rowid on SQLite, the stored
    vector on PostgreSQL; document pages through the record's documents (most have none).

    ``listed`` (SQLite): look it up in the list of every match, built once, instead of an
    FTS5 seek per row (bench/README.md). The ``+`` keeps SQLite from driving the query from
    the list (then sorting every match by date)."""
    params: dict[str, Any] = {}
    if dialect == "sqlite" and listed:
        hits = " UNION ALL ".join(_hit_parts(dialect, terms, documents, False, params))
        return text(f"+records.id IN ({hits})").bindparams(**params)
    if dialect == "sqlite":
        params["match"] = _match_sqlite(terms)
        own = (
            "EXISTS (SELECT 1 FROM records_fts WHERE records_fts MATCH :match "
            "AND records_fts.rowid = records.id)"
        )
        in_documents = (
            "EXISTS (SELECT 1 FROM documents JOIN document_pages_fts "
            f"ON document_pages_fts.rowid BETWEEN (documents.id << {PAGE_BITS}) "
            f"AND (documents.id << {PAGE_BITS}) + {(1 << PAGE_BITS) - 1} "
            "WHERE documents.record_id = records.id AND document_pages_fts MATCH :match)"
        )
    else:
        tsquery = _tsquery(terms, params)
        own = f"records.search_vector @@ {tsquery}"
        in_documents = (
            "EXISTS (SELECT 1 FROM documents JOIN document_pages "
            "ON document_pages.document_id = documents.id "
            f"WHERE documents.record_id = records.id AND document_pages.search_vector @@ {tsquery})"
        )
    sql = f"({own} OR {in_documents})" if documents else own
    return text(sql).bindparams(**params)


class TextMatch(ColumnElement[bool]):
    """``_text_condition`` as an expression that picks its SQL when compiled, so that a
    query can be built without knowing the database (``search_select``)."""

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [
        ("terms", InternalTraversal.dp_string_list),
        ("documents", InternalTraversal.dp_boolean),
        ("listed", InternalTraversal.dp_boolean),
    ]

    def __init__(self, terms: Sequence[str], documents: bool, listed: bool = False) -> None:
        self.terms = list(terms)
        self.documents = documents
        self.listed = listed


@compiles(TextMatch)
def _compile_text_match(element: TextMatch, compiler: Any, **kw: Any) -> str:
    condition = _text_condition(
        compiler.dialect.name, element.terms, element.documents, element.listed
    )
    return compiler.process(condition, **kw)


class CpvMatch(ColumnElement[bool]):
    """One of the record's CPV codes starts with ``prefix``: ``json_each`` on SQLite,
    ``jsonb_array_elements_text`` on PostgreSQL."""

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [("prefix", InternalTraversal.dp_string)]

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix


@compiles(CpvMatch)
def _compile_cpv_match(element: CpvMatch, compiler: Any, **kw: Any) -> str:
    if compiler.dialect.name == "sqlite":
        each = "json_each(records.cpv_codes) AS cpv"
    else:
        each = "jsonb_array_elements_text(records.cpv_codes) AS cpv(value)"
    condition = text(f"EXISTS (SELECT 1 FROM {each} WHERE cpv.value LIKE :cpv_prefix)").bindparams(
        cpv_prefix=element.prefix + "%"
    )
    return compiler.process(condition, **kw)


def search_select(query: SearchQuery, dialect: str | None = None) -> Select[Any]:
    """Every matching record state, newest first (exports, feeds of a saved search). Built
    without a database: the text and CPV conditions take their engine's form when compiled
    (``dialect`` is accepted and not needed)."""
    return _newest_first(query, listed=False)


def _newest_first(query: SearchQuery, listed: bool) -> Select[Any]:
    select_ = _with_cpv(_filtered(query), query)
    terms = query.terms
    if terms:
        select_ = select_.where(TextMatch(terms, query.documents, listed))
    return select_.order_by(None).order_by(_display_date().desc(), Record.id.desc())


def _with_cpv(select_: Select[Any], query: SearchQuery, dialect: str | None = None) -> Select[Any]:
    prefix = cpv_prefix(query.cpv or "")
    return select_.where(CpvMatch(prefix)) if prefix else select_


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _capped_count(
    session: Session, select_: Select[Any], cap: int, in_order: bool = False
) -> tuple[int, bool]:
    """(n, exact): rows of ``select_`` up to ``cap``; ``in_order``: read as its pages do
    (unordered, PostgreSQL counted a word in a council via a bitmap of all its records)."""
    if not in_order:
        select_ = select_.order_by(None)
    inner = select_.with_only_columns(Record.id).limit(cap + 1).subquery()
    n = session.scalar(select(func.count()).select_from(inner)) or 0
    return (min(n, cap), n <= cap)


def _has_filters(query: SearchQuery) -> bool:
    return replace(query, text="", documents=True) != SearchQuery()


def _plan(session: Session, query: SearchQuery) -> tuple[Select[Any], int, bool, bool]:
    """(the ordered query, total, exact, ranked), choosing how to read: ranked from the text
    index when the words are rare enough, else in date order checking each row (on SQLite
    against the list of every match when they are few enough: ``_worth_listing``)."""
    dialect = _dialect(session)
    terms = query.terms
    listed = False
    if terms:
        # A record once per matching part or page, as the ranking reads them.
        hits = session.scalars(_first_hits(dialect, terms, query.documents, RANK_CAP + 1)).all()
        if not hits:
            return search_select(query, dialect), 0, True, False
        if len(hits) <= RANK_CAP:
            return _ranked(session, query, dialect, sorted(set(hits)))
        if dialect == "sqlite":
            listed = _worth_listing(session, query, hits)
        if not _has_filters(query):
            # More text matches than RANK_CAP, and nothing else to narrow them.
            return _newest_first(query, listed), RANK_CAP, False, False
    select_ = _newest_first(query, listed)
    # SQLite picks the page's index unasked, and with the ORDER BY would read each table row
    # for the date (it cannot take an expression from the index).
    in_order = dialect == "postgresql"
    total, exact = _capped_count(session, select_, WALK_COUNT_CAP, in_order)
    return select_, total, exact, False


def _worth_listing(session: Session, query: SearchQuery, hits: Sequence[int]) -> bool:
    """SQLite: few enough matches to list? Estimated, as counting costs what listing does:
    FTS5 gives matches in rowid order, so the first RANK_CAP + 1 over the ids up to the
    largest of them tell the share if the words are spread evenly over time. A wrong guess
    costs time, never results."""
    # max(id) for the number of records: a seek, where count(*) reads them all.
    span = session.scalar(select(func.max(Record.id))) or 0
    estimate = len(hits) * span // max(max(hits), 1)
    share = LIST_SHARE_FILTERED if _has_filters(query) else LIST_SHARE
    return estimate <= min(LIST_CAP, span // share)


def _ranked(
    session: Session, query: SearchQuery, dialect: str, hit_ids: list[int]
) -> tuple[Select[Any], int, bool, bool]:
    """Best first, when the words match at most RANK_CAP records (``hit_ids``). PostgreSQL
    is also given their ids (one array: an IN list of 1,000 costs the client ~10 ms), or it
    may count a council's matches by reading the council's whole date index."""
    filtered = _with_cpv(_filtered(query), query, dialect)
    if dialect == "postgresql":
        ids = bindparam("hit_ids", hit_ids, type_=postgresql.ARRAY(Integer))
        filtered = filtered.where(Record.id == any_(ids))
    scored = _hits_sql(dialect, query.terms, query.documents, scored=True).subquery("hits")
    select_ = (
        filtered.join(scored, scored.c.record_id == Record.id)
        .order_by(None)
        .order_by(scored.c.score, _display_date().desc(), Record.id.desc())
    )
    total, exact = _capped_count(
        session, filtered if dialect == "postgresql" else select_, COUNT_CAP
    )
    return select_, total, exact, True


def count(session: Session, query: SearchQuery) -> tuple[int, bool]:
    """How many records match, up to COUNT_CAP (WALK_COUNT_CAP when read in date order);
    ``exact`` is False when there are more."""
    _, total, exact = _plan(session, query)[:3]
    return total, exact


def search_page(session: Session, query: SearchQuery, limit: int, offset: int = 0) -> SearchPage:
    """One page of results with the (capped) total and whether it is ranked."""
    select_, total, exact, ranked = _plan(session, query)
    if total == 0 and exact:
        return SearchPage([], 0, True, ranked)
    rows = session.execute(select_.limit(limit).offset(offset))
    states = [RecordState(r, a, v) for r, a, v, *_ in rows]
    return SearchPage(states, total, exact, ranked)


def search(session: Session, query: SearchQuery, limit: int, offset: int = 0) -> list[RecordState]:
    """The stable entry point: one page of matching record states, best (or newest) first."""
    return search_page(session, query, limit, offset).states


def _london_midnight(day: date | None) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, time(0), tzinfo=LONDON)


__all__ = [
    "COUNT_CAP",
    "LIST_CAP",
    "LIST_SHARE",
    "LIST_SHARE_FILTERED",
    "RANK_CAP",
    "WALK_COUNT_CAP",
    "SearchPage",
    "SearchQuery",
    "count",
    "search",
    "search_page",
    "search_select",
    "search_terms",
]
