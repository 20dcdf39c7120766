"""Engines and sessions for SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///oursay.db"
# Writers (a crawl and the monitor) may overlap for a few seconds in the scheduler;
# waiting is better than failing a whole crawl on "database is locked".
# OURSAY_SQLITE_BUSY_TIMEOUT (seconds) changes it, e.g. for tests of a locked database.
SQLITE_BUSY_TIMEOUT_MS = round(float(os.environ.get("OURSAY_SQLITE_BUSY_TIMEOUT") or 30) * 1000)


# Heroku-style hosts and many guides give ``postgres://`` (a scheme SQLAlchemy dropped in
# 1.4) or ``postgresql://`` (SQLAlchemy's default driver, psycopg2, is not installed): both
# mean PostgreSQL through psycopg 3, the driver the project installs.
POSTGRES_SCHEMES = ("postgres://", "postgresql://")
POSTGRES_DRIVER_SCHEME = "postgresql+psycopg://"


def normalise_url(url: str) -> str:
    """``url`` with a PostgreSQL scheme without a driver given psycopg 3's."""
    stripped = url.strip()
    for scheme in POSTGRES_SCHEMES:
        if stripped.lower().startswith(scheme):
            return POSTGRES_DRIVER_SCHEME + stripped[len(scheme) :]
    return stripped


def database_url() -> str:
    return normalise_url(os.environ.get("OURSAY_DATABASE_URL") or DEFAULT_DATABASE_URL)


def make_engine(url: str | None = None, *, transactional_ddl: bool = False) -> Engine:
    """An engine for ``url``. ``transactional_ddl`` (for building the schema) makes
    SQLite's DDL part of the transaction SQLAlchemy begins, as PostgreSQL's always is."""
    url = normalise_url(url) if url else database_url()
    if url.startswith("sqlite"):
        _ensure_sqlite_parent(url)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _configure_sqlite_connection)
        if transactional_ddl:
            event.listen(engine, "connect", _leave_transactions_to_sqlalchemy)
            event.listen(engine, "begin", _begin_immediate)
        return engine
    # No JIT: PostgreSQL compiles any plan whose *estimated* cost is high, and a LIMIT
    # read along an index over a million rows (a feed, a search page) is estimated high
    # while it runs in 1 ms; compiling it took 50-80 ms (bench/bench_search.py).
    return create_engine(url, pool_pre_ping=True, connect_args={"options": "-c jit=off"})


def _ensure_sqlite_parent(url: str) -> None:
    path = url.split("///", 1)[-1] if "///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite_connection(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while a crawl writes; foreign keys are off by default
    # in SQLite and must be switched on for every connection.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# SQLAlchemy's documented recipe for transactional DDL on pysqlite (SQLite dialect docs,
# "Serializable isolation / Savepoints / Transactional DDL"):
# the driver begins a transaction only before INSERT/UPDATE/DELETE, so CREATE TABLE runs
# in autocommit and a killed `oursay init` left a half-built schema. Used only by the
# schema builder: ordinary sessions keep the driver's behaviour.
def _leave_transactions_to_sqlalchemy(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


def _begin_immediate(connection) -> None:
    # IMMEDIATE takes the write lock up front: a second `init` waits for the first (busy
    # timeout) and then finds the schema built, instead of failing halfway.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


_engines: dict[str, Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process (engines own connection pools)."""
    url = normalise_url(url) if url else database_url()
    engine = _engines.get(url)
    if engine is None:
        engine = _engines[url] = make_engine(url)
    return engine


def dispose_engines() -> None:
    """Close every pooled connection (before dropping a database, or at exit)."""
    while _engines:
        _, engine = _engines.popitem()
        engine.dispose()


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A short write transaction: commit on success, roll back on any error."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
