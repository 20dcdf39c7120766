"""``oursay export-db OUT.db``: a SQLite copy of the database that can be handed to anyone.

Staff data stays out: the tables and columns in ``PRIVATE_TABLES`` and ``PRIVATE_COLUMNS``
are not copied at all (not deleted afterwards, so nothing lingers in free pages). The
same lists drive the shipped Datasette metadata (``docs/datasette-metadata.json``), and a
test fails when a table is added to the models without being listed here as public or
private, so a new table (subscribers, say) cannot slip into the copy unnoticed.

The source is only read, on either backend; the copy is written next to ``OUT`` and
renamed into place when complete, so a failed export leaves no half-written file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    MetaData,
    Table,
    create_engine,
    insert,
    select,
)
from sqlalchemy.engine import Engine, make_url

from storage.db import database_url, get_engine
from storage.models import Base

# Table -> why it never leaves the campaign.
PRIVATE_TABLES: dict[str, str] = {
    "staff_users": "staff logins and password hashes",
    "subscriptions": "supporters' e-mail addresses, kept only to send their alerts",
    "alert_deliveries": "which alerts each subscriber was sent",
}
# Table -> columns that never leave the campaign (the rest of the table is public).
PRIVATE_COLUMNS: dict[str, frozenset[str]] = {
    # Notes are staff's working remarks; reviewer ids say which staff member decided.
    # The status and the public reason are what the public pages show.
    "reviews": frozenset({"note", "reviewer_id"}),
}
# Tables copied whole: everything in them is published or public record already.
PUBLIC_TABLES: frozenset[str] = frozenset(
    {
        "councils",
        "records",
        "documents",
        "document_pages",
        "crawl_runs",
        "crawl_checkpoints",
        "crawl_failures",
        "assessments",
        "record_links",
        # The scorecard is published on the web pages and feeds as it stands.
        "scorecard_entries",
        "scorecard_changes",
    }
)
# Rows per INSERT batch: bounded memory for document_pages on a large database.
BATCH_ROWS = 1000


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: dict[str, int]


def public_columns(table: Table) -> list[Column[Any]]:
    hidden = PRIVATE_COLUMNS.get(table.name, frozenset())
    return [column for column in table.columns if column.name not in hidden]


def _public_table(table: Table, metadata: MetaData) -> Table:
    """The table without its private columns; foreign keys to private tables dropped."""
    columns = []
    for column in public_columns(table):
        keys = [
            ForeignKey(key.target_fullname, ondelete=key.ondelete)
            for key in column.foreign_keys
            if key.column.table.name not in PRIVATE_TABLES
        ]
        columns.append(
            Column(
                column.name,
                column.type,
                *keys,
                primary_key=column.primary_key,
                nullable=column.nullable,
            )
        )
    copy = Table(table.name, metadata, *columns)
    kept = {c.name for c in columns}
    for index in table.indexes:
        names = [c.name for c in index.columns]
        # Expression and partial indexes are left out: the copy is for reading.
        partial = index.dialect_kwargs.get("sqlite_where") is not None or (
            index.dialect_kwargs.get("postgresql_where") is not None
        )
        if names and set(names) <= kept and not partial:
            Index(index.name, *(copy.c[name] for name in names), unique=index.unique)
    return copy


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def _reader(url: str, source: Path | None) -> Engine:
    """An engine that only reads. A SQLite file is opened read-only, without the WAL and
    other settings oursay's own connections apply (they would change the file)."""
    if source is None:
        return get_engine(url)
    if not source.is_file():
        raise ValueError(f"database {source} does not exist")
    return create_engine(f"sqlite:///file:{source}?mode=ro&uri=true")


def export_db(out: Path, *, force: bool = False, url: str | None = None) -> Exported:
    """Write the shareable copy to ``out``; ValueError (one line) when it cannot."""
    url = url or database_url()
    out = out.expanduser()
    source = _sqlite_path(url)
    if source is not None and out.resolve() == source:
        raise ValueError(f"{out} is the database itself; choose another file for the copy")
    if out.exists() and not force:
        raise ValueError(f"{out} already exists; pass --force to replace it")
    if out.exists() and not out.is_file():
        raise ValueError(f"{out} is not a file")
    if not out.parent.is_dir():
        raise ValueError(f"{out.parent} is not a directory")
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    metadata = MetaData()
    tables = [
        (table, _public_table(table, metadata))
        for table in Base.metadata.sorted_tables
        if table.name not in PRIVATE_TABLES
    ]
    target = create_engine(f"sqlite:///{partial}")
    counts: dict[str, int] = {}
    try:
        metadata.create_all(target)
        with _reader(url, source).connect() as reading, target.begin() as writing:
            for table, copy in tables:
                query = select(*public_columns(table)).order_by(*table.primary_key.columns)
                result = reading.execution_options(stream_results=True).execute(query)
                counts[table.name] = 0
                for batch in result.partitions(BATCH_ROWS):
                    writing.execute(insert(copy), [dict(row._mapping) for row in batch])
                    counts[table.name] += len(batch)
            reading.rollback()  # only ever read; end the snapshot
        target.dispose()
        os.replace(partial, out)
    except BaseException:
        target.dispose()
        partial.unlink(missing_ok=True)
        raise
    return Exported(out, counts)


def datasette_metadata(database_name: str = "oursay") -> dict[str, Any]:
    """The Datasette metadata shipped as ``docs/datasette-metadata.json``: arbitrary SQL off
    (it could read any table), private tables denied and hidden, and the public columns of
    tables with private ones offered as canned queries instead."""
    tables: dict[str, Any] = {
        name: {"hidden": True, "allow": False, "description": f"private: {why}"}
        for name, why in PRIVATE_TABLES.items()
    }
    queries: dict[str, Any] = {}
    for name, hidden in PRIVATE_COLUMNS.items():
        tables[name] = {
            "hidden": True,
            "allow": False,
            "description": f"private columns ({', '.join(sorted(hidden))}): "
            f"see the {name}_public query",
        }
        table = Base.metadata.tables[name]
        columns = ", ".join(c.name for c in public_columns(table))
        queries[f"{name}_public"] = {
            "title": f"{name} (public columns)",
            "sql": f"select {columns} from {name} order by id desc",
        }
    return {
        "title": "oursay: council outsourcing and asset-sale decisions",
        "allow_sql": False,
        "databases": {
            database_name: {"allow_sql": False, "tables": tables, "queries": queries},
        },
    }
