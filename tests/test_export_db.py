"""Staff data stays private: ``oursay export-db`` writes a copy without it, from SQLite and
PostgreSQL alike, never touching the source; the shipped Datasette metadata denies what
the copy leaves out and is generated from the same lists."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from test_feeds import sample_database

from oursay.export_db import (
    PRIVATE_COLUMNS,
    PRIVATE_TABLES,
    PUBLIC_TABLES,
    datasette_metadata,
    export_db,
)
from storage.db import get_engine
from storage.models import Base, Review, StaffUser

REPO = Path(__file__).resolve().parents[1]
METADATA = REPO / "docs" / "datasette-metadata.json"
NOTE = "Sample staff note: ask the chief executive's office before confirming"


def add_staff_review(url: str) -> int:
    """A staff member's review with a private note, on the first sample record."""
    record_id = min(sample_database(url).values())
    with Session(get_engine(url)) as session:
        staff = StaffUser(username="sample-editor", password_hash="scrypt$sample$hash")
        session.add(staff)
        session.flush()
        session.add(
            Review(
                record_id=record_id,
                status="confirmed",
                reason="Sample public reason: no consultation found",
                note=NOTE,
                reviewer_id=staff.id,
            )
        )
        session.commit()
        return record_id


def every_byte(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def test_every_table_is_public_or_private() -> None:
    """A new table must be classified before it can reach a shared copy."""
    tables = set(Base.metadata.tables)
    classified = PUBLIC_TABLES | set(PRIVATE_TABLES) | set(PRIVATE_COLUMNS)
    assert tables == classified, f"classify in oursay/export_db.py: {tables ^ classified}"
    for table, columns in PRIVATE_COLUMNS.items():
        assert columns <= set(Base.metadata.tables[table].columns.keys())


def test_export_leaves_staff_data_out(database: str, tmp_path: Path) -> None:
    record_id = add_staff_review(database)
    out = tmp_path / "share.db"
    exported = export_db(out, url=database)
    assert exported.rows["records"] > 3 and "staff_users" not in exported.rows
    with sqlite3.connect(out) as copy:
        tables = {name for (name,) in copy.execute("select name from sqlite_master")}
        assert "staff_users" not in tables and "records" in tables
        columns = [row[1] for row in copy.execute("pragma table_info(reviews)")]
        assert columns == ["id", "record_id", "status", "reason", "created_at"]
        reviews = copy.execute("select record_id, status, reason from reviews").fetchall()
        assert (record_id, "confirmed", "Sample public reason: no consultation found") in reviews
        (records,) = copy.execute("select count(*) from records").fetchone()
        assert records == exported.rows["records"]
        assert copy.execute("pragma integrity_check").fetchone() == ("ok",)
        assert copy.execute("pragma foreign_key_check").fetchall() == []
    # Not in a hidden corner either: the bytes of the file hold no trace of them.
    data = out.read_bytes()
    assert NOTE.encode() not in data
    assert b"sample-editor" not in data and b"scrypt$sample$hash" not in data


def test_the_source_is_never_changed(sqlite_database: str, tmp_path: Path) -> None:
    add_staff_review(sqlite_database)
    source = Path(sqlite_database.removeprefix("sqlite:///"))
    with sqlite3.connect(source) as connection:
        before = list(connection.iterdump())
    export_db(tmp_path / "share.db", url=sqlite_database)
    with sqlite3.connect(source) as connection:
        after = list(connection.iterdump())
        notes = connection.execute("select note from reviews where note is not null").fetchall()
    assert after == before
    assert notes == [(NOTE,)]  # the campaign's own database keeps its notes


def test_refuses_to_overwrite_unless_forced(sqlite_database: str, tmp_path: Path) -> None:
    add_staff_review(sqlite_database)
    out = tmp_path / "share.db"
    out.write_bytes(b"someone's file")
    with pytest.raises(ValueError, match=r"share\.db already exists; pass --force"):
        export_db(out, url=sqlite_database)
    assert out.read_bytes() == b"someone's file"
    export_db(out, url=sqlite_database, force=True)
    with sqlite3.connect(out) as copy:
        assert copy.execute("select count(*) from records").fetchone()[0] > 3
    # Never the database itself, --force or not.
    source = Path(sqlite_database.removeprefix("sqlite:///"))
    with pytest.raises(ValueError, match="is the database itself"):
        export_db(source, url=sqlite_database, force=True)
    assert not list(tmp_path.glob(".*.partial"))


def test_export_db_command(sqlite_database: str, tmp_path: Path) -> None:
    add_staff_review(sqlite_database)
    env = {**os.environ, "OURSAY_DATABASE_URL": sqlite_database}
    command = [sys.executable, "-m", "oursay", "export-db", str(tmp_path / "share.db")]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert (
        "left out (staff data): staff_users, subscriptions, alert_deliveries, "
        "reviews.note, reviews.reviewer_id"
    ) in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode != 0
    assert again.stderr.strip().count("\n") == 0 and "--force" in again.stderr
    assert "Traceback" not in again.stderr


def test_shipped_datasette_metadata_hides_staff_data(sqlite_database: str) -> None:
    shipped = json.loads(METADATA.read_text(encoding="utf-8"))
    # Generated from the lists export-db uses (regenerate with datasette_metadata()).
    assert shipped == datasette_metadata()
    # Arbitrary SQL could read any table: off, everywhere.
    assert shipped["allow_sql"] is False
    database = shipped["databases"]["oursay"]
    assert database["allow_sql"] is False
    for table in [*PRIVATE_TABLES, *PRIVATE_COLUMNS]:
        assert database["tables"][table]["allow"] is False
        assert database["tables"][table]["hidden"] is True
    # The public columns of reviews, through the one query offered: run it on a real
    # database holding a private note and check what comes back.
    add_staff_review(sqlite_database)
    (query,) = database["queries"].values()
    with sqlite3.connect(sqlite_database.removeprefix("sqlite:///")) as connection:
        cursor = connection.execute(query["sql"])
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    assert columns == ["id", "record_id", "status", "reason", "created_at"]
    assert rows and not any(NOTE in str(value) for row in rows for value in row)
