"""Schema creation is atomic, and a broken schema is one clear line (issue 16).

``oursay init`` is killed for real (SIGKILL) at several points and run again; databases
half-built the way older versions left them are repaired or refused; every command on a
database it cannot use says so in one line and exits non-zero.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.orm import Session

from storage.councils import load_registry
from storage.models import Base, Council, StaffUser

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
OURS = set(Base.metadata.tables)
# After the database file appears, the rest of a first init (migrations, seeding) takes
# about 0.3 s here: kills spread over it and past it.
KILL_DELAYS = [0.0, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.35, 0.5]


def oursay(database_url: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oursay", *args],
        env={**os.environ, "OURSAY_DATABASE_URL": database_url},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def schema_state(database_url: str) -> tuple[set[str], str | None, int]:
    """Our tables present, the schema version, and how many councils are seeded."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            present = set(inspect(connection).get_table_names())
            version = None
            if "alembic_version" in present:
                version = connection.scalar(text("SELECT version_num FROM alembic_version"))
            councils = 0
            if "councils" in present:
                councils = connection.scalar(select(func.count()).select_from(Council)) or 0
            return present & OURS, version, councils
    finally:
        engine.dispose()


def head() -> str | None:
    from alembic.script import ScriptDirectory

    from storage.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def assert_complete(database_url: str) -> None:
    tables, version, councils = schema_state(database_url)
    assert (tables, version) == (OURS, head())
    assert councils == len(load_registry())


def assert_one_line_error(result: subprocess.CompletedProcess, command: str, says: str) -> None:
    assert result.returncode not in (0, 3), result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-3000:]
    assert lines[0].startswith(f"oursay {command}: error: database ")
    assert says in lines[0]


def kill_init(database_url: str, moment: Path | None, delay: float) -> None:
    """Start ``oursay init``; SIGKILL it ``delay`` s after ``moment`` (a file) appears, or
    after ``delay`` s plus a start-up second when there is no file to watch."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oursay", "init"],
        env={**os.environ, "OURSAY_DATABASE_URL": database_url},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if moment is None:
            time.sleep(0.8 + delay)
        else:
            deadline = time.monotonic() + 60
            while not moment.exists() and process.poll() is None:
                assert time.monotonic() < deadline, "init never created the database"
                time.sleep(0.002)
            time.sleep(delay)
        process.kill()
    finally:
        process.wait()


def test_sigkill_during_first_init_leaves_nothing_or_everything(tmp_path: Path) -> None:
    outcomes = []
    for n, delay in enumerate(KILL_DELAYS):
        path = tmp_path / f"killed-{n}.db"
        url = f"sqlite:///{path}"
        kill_init(url, path, delay)
        tables, version, _ = schema_state(url)
        if version is None:
            # Killed before the one transaction committed: not one table of it remains.
            assert tables == set(), f"killed {delay}s in: half-built {sorted(tables)}"
            outcomes.append("nothing")
        else:
            assert_complete(url)
            outcomes.append("complete")
        result = oursay(url, "init")
        assert result.returncode == 0, result.stderr[-3000:]
        assert result.stdout.strip().splitlines() == [f"database ready: {url}"]
        assert_complete(url)
    print("after SIGKILL:", dict(zip(KILL_DELAYS, outcomes, strict=True)))


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    from conftest import _create_postgres_database, _drop_postgres_database

    name, url = _create_postgres_database(postgres_admin_url)
    try:
        yield url
    finally:
        _drop_postgres_database(postgres_admin_url, name)


@pytest.mark.postgres
@pytest.mark.parametrize("delay", [0.1, 0.3])
def test_sigkill_during_first_init_on_postgresql(postgres_url: str, delay: float) -> None:
    kill_init(postgres_url, None, delay)
    tables, version, _ = schema_state(postgres_url)
    print(f"PostgreSQL after SIGKILL {delay}s past start-up: {len(tables)} tables")
    assert tables in (set(), OURS) and (version is None) == (tables == set())
    result = oursay(postgres_url, "init")
    assert result.returncode == 0, result.stderr[-3000:]
    assert_complete(postgres_url)


def half_built(path: Path, *, with_data: bool) -> str:
    """A database as a killed init of an older oursay left it: some tables, an empty
    alembic_version."""
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    try:
        partial = [Base.metadata.tables[name] for name in ("councils", "staff_users")]
        Base.metadata.create_all(engine, tables=partial)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        if with_data:
            with Session(engine) as session:
                session.add(StaffUser(username="alice", password_hash="x"))
                session.commit()
    finally:
        engine.dispose()
    return url


def test_init_repairs_an_empty_half_built_schema_and_others_refuse_it(tmp_path: Path) -> None:
    url = half_built(tmp_path / "half.db", with_data=False)
    release_file = tmp_path / "releases.json"
    release_file.write_text('{"releases": []}')
    for args in [
        ("monitor",),
        ("ingest", str(release_file)),
        ("crawl", "find-a-tender", "--base-url", "http://127.0.0.1:9"),
        ("export", "--format", "csv"),
    ]:
        result = oursay(url, *args)
        assert_one_line_error(result, args[0], "half-built schema (2 of ")
        assert "run `oursay init` to repair it" in result.stderr
    assert schema_state(url)[0] == {"councils", "staff_users"}  # left for init to repair

    result = oursay(url, "init")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines() == [
        "repaired a half-built schema (an interrupted `oursay init`): "
        "2 empty tables dropped and built again",
        f"database ready: {url}",
    ]
    assert_complete(url)
    result = oursay(url, "monitor")
    assert result.returncode == 0, result.stderr[-3000:]


def test_init_refuses_a_half_built_schema_that_holds_data(tmp_path: Path) -> None:
    url = half_built(tmp_path / "half.db", with_data=True)
    result = oursay(url, "init")
    assert_one_line_error(result, "init", "half-built schema with data in staff_users")
    # Nothing was dropped.
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            assert session.scalars(select(StaffUser.username)).all() == ["alice"]
    finally:
        engine.dispose()


def test_commands_on_an_uninitialised_database_say_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never-initialised.db'}"
    for args in [("monitor",), ("export", "--format", "json")]:
        result = oursay(url, *args)
        assert_one_line_error(result, args[0], "not initialised; run `oursay init`")


def test_a_concurrent_second_init_waits_and_finds_the_schema_built(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    command = [sys.executable, "-m", "oursay", "init"]
    env = {**os.environ, "OURSAY_DATABASE_URL": url}
    processes = [
        subprocess.Popen(command, env=env, cwd=REPO, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr[-3000:]
    assert_complete(url)
