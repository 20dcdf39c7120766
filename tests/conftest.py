"""Shared fixtures: databases on both backends, the shared recorded data, free ports.

Tests needing PostgreSQL or Chromium skip with the reason when the machine lacks them,
except under ``OURSAY_REQUIRE_SERVICES=1`` (set by ``.ci/run``), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POSTGRES_ADMIN_URL = os.environ.get(
    "OURSAY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
CHROMIUM = os.environ.get("OURSAY_CHROMIUM", "/usr/bin/chromium")
REQUIRE_SERVICES = os.environ.get("OURSAY_REQUIRE_SERVICES") == "1"
# The simulated sites the crawl tests start listen on 127.0.0.1, which the crawl scope
# refuses (crawlers.scope): let loopback through, and only loopback, for every crawl a
# test starts (subprocesses inherit it). tests/test_scope.py turns it off to test the guard.
LOOPBACK_ALLOWED = "127.0.0.0/8"
os.environ["OURSAY_ALLOW_PRIVATE_ADDRESSES"] = LOOPBACK_ALLOWED


def missing_service(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (OURSAY_REQUIRE_SERVICES=1: CI must provide it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): third-party recorded data lives there")
    return SHARED


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing_service(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(POSTGRES_ADMIN_URL)
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError as error:
        missing_service(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error.orig}")
    finally:
        engine.dispose()
    return POSTGRES_ADMIN_URL


def _create_postgres_database(admin_url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"oursay_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return name, url


def _drop_postgres_database(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    from storage.db import dispose_engines

    dispose_engines()
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'oursay.db'}"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    name, url = _create_postgres_database(admin_url)
    try:
        yield url
    finally:
        _drop_postgres_database(admin_url, name)


@pytest.fixture(autouse=True)
def _close_pooled_connections() -> Iterator[None]:
    """Each test's engines are closed after it, so no connection outlives its database."""
    yield
    from storage.db import dispose_engines

    dispose_engines()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'oursay.db'}"


@pytest.fixture
def database(any_database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated database on each backend, made the default for the code under test."""
    from storage.migrate import upgrade

    monkeypatch.setenv("OURSAY_DATABASE_URL", any_database_url)
    upgrade(any_database_url)
    return any_database_url


@pytest.fixture
def sqlite_database(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    from storage.migrate import upgrade

    monkeypatch.setenv("OURSAY_DATABASE_URL", sqlite_url)
    upgrade(sqlite_url)
    return sqlite_url
