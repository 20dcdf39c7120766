"""full-text search (SQLite FTS5, PostgreSQL tsvector + GIN) and the date-order indexes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 00:30:00

SQLite: ``records_fts`` is an FTS5 table over records' title, description, buyer and
decision maker, with ``records`` as its external content (nothing stored twice), and
``document_pages_fts`` a contentless FTS5 table over page text whose rowid is derived from
the page's primary key (``document_id * 2**20 + page_number``), so that VACUUM, which may
renumber implicit rowids, cannot unhook it. Both are kept in sync by triggers rather than by
the storage layer: every writer (the ORM, ``oursay ingest``'s bulk upserts, cascading
deletes, a bulk load in bench/) then keeps them right without having to remember.

PostgreSQL: a stored generated ``search_vector`` column on each table (weights A title,
B description, C buyer and decision maker) with a GIN index; generated, so no writer can
forget it either. Text past 100,000 characters of one field or page is not indexed: a
tsvector is limited to 1 MB and an over-long one would fail the insert.

Both: an index in display order (date = published, else first seen; newest first) overall
and per council, so a feed or a search page reads its first rows instead of sorting every
match (see ../shared/reference/scale_1m_records.md).
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Shared with storage/search.py (the rowid of a page in document_pages_fts).
PAGE_BITS = 20
# Porter stemming on both engines, so "services" finds "service" on each alike.
SQLITE_TOKENIZER = "porter unicode61 remove_diacritics 2"
INDEXED_CHARS = 100_000

SQLITE = [
    f"""CREATE VIRTUAL TABLE records_fts USING fts5(
        title, description, buyer_name, decision_maker,
        content='records', content_rowid='id', tokenize='{SQLITE_TOKENIZER}')""",
    """CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
        INSERT INTO records_fts(rowid, title, description, buyer_name, decision_maker)
        VALUES (new.id, new.title, new.description, new.buyer_name, new.decision_maker);
    END""",
    """CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, description, buyer_name,
                                decision_maker)
        VALUES ('delete', old.id, old.title, old.description, old.buyer_name,
                old.decision_maker);
    END""",
    """CREATE TRIGGER records_fts_update
    AFTER UPDATE OF title, description, buyer_name, decision_maker ON records BEGIN
        INSERT INTO records_fts(records_fts, rowid, title, description, buyer_name,
                                decision_maker)
        VALUES ('delete', old.id, old.title, old.description, old.buyer_name,
                old.decision_maker);
        INSERT INTO records_fts(rowid, title, description, buyer_name, decision_maker)
        VALUES (new.id, new.title, new.description, new.buyer_name, new.decision_maker);
    END""",
    "INSERT INTO records_fts(records_fts) VALUES ('rebuild')",
    # One segment: every lookup opens each segment of the index (docs/search.md).
    "INSERT INTO records_fts(records_fts) VALUES ('optimize')",
    f"""CREATE VIRTUAL TABLE document_pages_fts USING fts5(
        text, content='', tokenize='{SQLITE_TOKENIZER}')""",
    f"""CREATE TRIGGER document_pages_fts_insert AFTER INSERT ON document_pages BEGIN
        INSERT INTO document_pages_fts(rowid, text)
        VALUES ((new.document_id << {PAGE_BITS}) + new.page_number, new.text);
    END""",
    f"""CREATE TRIGGER document_pages_fts_delete AFTER DELETE ON document_pages BEGIN
        INSERT INTO document_pages_fts(document_pages_fts, rowid, text)
        VALUES ('delete', (old.document_id << {PAGE_BITS}) + old.page_number, old.text);
    END""",
    f"""CREATE TRIGGER document_pages_fts_update AFTER UPDATE ON document_pages BEGIN
        INSERT INTO document_pages_fts(document_pages_fts, rowid, text)
        VALUES ('delete', (old.document_id << {PAGE_BITS}) + old.page_number, old.text);
        INSERT INTO document_pages_fts(rowid, text)
        VALUES ((new.document_id << {PAGE_BITS}) + new.page_number, new.text);
    END""",
    f"""INSERT INTO document_pages_fts(rowid, text)
        SELECT (document_id << {PAGE_BITS}) + page_number, text FROM document_pages""",
    "INSERT INTO document_pages_fts(document_pages_fts) VALUES ('optimize')",
]


def _vector(column: str, weight: str) -> str:
    return (
        f"setweight(to_tsvector('english'::regconfig, left(coalesce({column}, ''), "
        f"{INDEXED_CHARS})), '{weight}')"
    )


POSTGRESQL = [
    "ALTER TABLE records ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    + _vector("title", "A")
    + " || "
    + _vector("description", "B")
    + " || "
    + _vector("buyer_name", "C")
    + " || "
    + _vector("decision_maker", "C")
    + ") STORED",
    "CREATE INDEX ix_records_search ON records USING gin (search_vector)",
    "ALTER TABLE document_pages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"to_tsvector('english'::regconfig, left(text, {INDEXED_CHARS}))) STORED",
    "CREATE INDEX ix_document_pages_search ON document_pages USING gin (search_vector)",
]

BOTH = [
    # Feeds and search pages order by this date, newest first (feeds.build.newest_first).
    "CREATE INDEX ix_records_council_date ON records "
    "(council_code, coalesce(published_at, first_seen_at) DESC, id DESC)",
    "CREATE INDEX ix_records_date ON records (coalesce(published_at, first_seen_at) DESC, id DESC)",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in (SQLITE if sqlite else POSTGRESQL) + BOTH:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for index in ("ix_records_date", "ix_records_council_date"):
        op.execute(f"DROP INDEX {index}")
    if sqlite:
        for name in ("records_fts", "document_pages_fts"):
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {name}_{event}")
            op.execute(f"DROP TABLE {name}")
    else:
        op.execute("DROP INDEX ix_records_search")
        op.execute("DROP INDEX ix_document_pages_search")
        op.execute("ALTER TABLE records DROP COLUMN search_vector")
        op.execute("ALTER TABLE document_pages DROP COLUMN search_vector")
