"""``oursay worker`` / ``serve`` / ``web`` as real processes: scheduled crawls in their own
process with a timeout, recorded runs, clean stops on SIGTERM (exit 0, runs recorded, no
duplicates after a restart), and one active scheduler per PostgreSQL database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import _create_postgres_database, _drop_postgres_database, free_port
from sqlalchemy import create_engine, select, text

from crawlers.sim.procurement import (
    SAMPLE_COUNCILS_CSV,
    SAMPLE_SINCE,
    SAMPLE_UNTIL,
    Faults,
    FindATenderSim,
)
from crawlers.sim.server import SimServer
from oursay.schedule import load_timetable
from oursay.worker import Worker
from storage.db import session_factory
from storage.models import CrawlRun

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FAST = [
    "--set",
    "DOWNLOAD_DELAY=0",
    "--set",
    "AUTOTHROTTLE_ENABLED=False",
    "--set",
    "RETRY_TIMES=0",
    "--set",
    "LOG_LEVEL=WARNING",
]


def schedule(
    tmp_path: Path,
    fts_url: str | None,
    *,
    crawl_minutes: float = 2,
    grace: float = 3,
    after_crawl: bool = True,
) -> Path:
    """A timetable with only Find a Tender, pointed at a local simulation (or no job)."""
    args = ["--base-url", fts_url, "--since", SAMPLE_SINCE, "--until", SAMPLE_UNTIL, *FAST]
    fts = f"extra_args = {args!r}".replace("'", '"') if fts_url else "enabled = false"
    path = tmp_path / "schedule.toml"
    path.write_text(
        f"""
[find-a-tender]
{fts}
[contracts-finder]
enabled = false
[council-papers]
enabled = false
[after-crawl]
monitor = {str(after_crawl).lower()}
feeds = {str(after_crawl).lower()}
feeds_dir = "{tmp_path / "site"}"
[timeouts]
crawl_minutes = {crawl_minutes}
stop_grace_seconds = {grace}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(autouse=True)
def sample_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sample notices' buyers are the fictional sample councils (crawl processes inherit).
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))


def runs(database_url: str) -> list[CrawlRun]:
    with session_factory(database_url)() as session:
        return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def wait_for(what: str, check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def hanging_fts() -> Iterator[SimServer]:
    """Find a Tender that never answers an API request (robots.txt still answers)."""
    app = FindATenderSim(faults=Faults(hang_after_pages=0, hang_seconds=60))
    with SimServer(app) as server:
        yield server
        app.release_hang()


class Process:
    """An ``oursay`` command in a real process, its output in a file we can poll."""

    def __init__(self, tmp_path: Path, name: str, *args: str, env: dict[str, str]) -> None:
        self.log = tmp_path / f"{name}.log"
        self._out = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "oursay", *args],
            cwd=tmp_path,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_line(self, text: str, timeout: float = 60) -> None:
        wait_for(f"{text!r} in the log", lambda: text in self.text() or self._dead(), timeout)
        assert text in self.text(), self.text()[-3000:]

    def _dead(self) -> bool:
        return self.process.poll() is not None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._out.close()


def environment(database_url: str, schedule_file: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "OURSAY_DATABASE_URL": database_url,
        "OURSAY_SCHEDULE_FILE": str(schedule_file),
        "OURSAY_STANDBY_RETRY_SECONDS": "0.3",
        **extra,
    }


def test_a_scheduled_crawl_runs_in_its_own_process_and_is_recorded(
    sqlite_database: str, tmp_path: Path
) -> None:
    with SimServer(FindATenderSim()) as server:
        worker = Worker(load_timetable(schedule(tmp_path, server.url)))
        worker.run_job("crawl:find-a-tender")
    (run,) = runs(sqlite_database)
    assert (run.status, run.finish_reason, run.error) == ("ok", "finished", None)
    assert run.pid != os.getpid()  # the crawl's own process adopted the worker's row
    assert run.stats["oursay/records/inserted"] > 0
    assert run.stats["downloader/response_count"] > 0
    # Then the monitor, then the feeds.
    assert (tmp_path / "site" / "feeds.opml").exists()


def test_a_crawl_that_overruns_is_killed_and_failed(
    sqlite_database: str, tmp_path: Path, hanging_fts: SimServer
) -> None:
    timetable = load_timetable(
        schedule(tmp_path, hanging_fts.url, crawl_minutes=0.05, grace=1, after_crawl=False)
    )
    started = time.monotonic()
    Worker(timetable).run_job("crawl:find-a-tender")
    assert time.monotonic() - started < 60
    (run,) = runs(sqlite_database)
    assert (run.status, run.finish_reason) == ("failed", "timeout")
    assert run.error and run.error.startswith("killed after the 3 s timeout")


def test_sigterm_stops_the_worker_cleanly_and_a_restart_duplicates_nothing(
    sqlite_database: str, tmp_path: Path, hanging_fts: SimServer
) -> None:
    env = environment(sqlite_database, schedule(tmp_path, hanging_fts.url, grace=1))
    worker = Process(tmp_path, "worker", "worker", "--run-now", "crawl:find-a-tender", env=env)
    try:
        worker.wait_for_line("hosts this worker will contact, and when:")
        worker.wait_for_line("active: scheduling 1 jobs")
        # The crawl's own process has taken its row: it is under way.
        wait_for(
            "the crawl to start",
            lambda: [r for r in runs(sqlite_database) if r.pid != worker.process.pid],
        )
    finally:
        status = worker.stop(signal.SIGTERM)
    assert status == 0, worker.text()[-3000:]
    (run,) = runs(sqlite_database)
    assert run.status == "abandoned"
    assert run.error and run.error.startswith("stopped by the worker (SIGTERM)")
    assert "stopping (SIGTERM)" in worker.text()

    # A restart runs nothing at once (the timetable says when) and writes no row.
    again = Process(tmp_path, "again", "worker", env=env)
    try:
        again.wait_for_line("active: scheduling 1 jobs")
    finally:
        assert again.stop(signal.SIGINT) == 0, again.text()[-3000:]
    assert [(r.id, r.status) for r in runs(sqlite_database)] == [(run.id, "abandoned")]
    assert "running: " not in again.text()


@pytest.mark.parametrize("command", ["serve", "web"])
def test_sigterm_ends_serve_and_web_with_status_0(
    sqlite_database: str, tmp_path: Path, command: str
) -> None:
    port = free_port()
    env = environment(sqlite_database, schedule(tmp_path, None))
    server = Process(tmp_path, command, command, "--port", str(port), env=env)
    try:
        wait_for("the web app", lambda: _answers(f"http://127.0.0.1:{port}/"))
        if command == "serve":
            server.wait_for_line("active: scheduling 0 jobs")
    finally:
        status = server.stop(signal.SIGTERM)
    assert status == 0, server.text()[-3000:]
    assert ("oursay.worker" in server.text()) == (command == "serve")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture
def postgres_database(postgres_admin_url: str) -> Iterator[str]:
    from storage.migrate import upgrade

    name, url = _create_postgres_database(postgres_admin_url)
    try:
        upgrade(url)
        yield url
    finally:
        _drop_postgres_database(postgres_admin_url, name)


@pytest.mark.postgres
def test_one_active_worker_per_postgresql_database(postgres_database: str, tmp_path: Path) -> None:
    env = environment(postgres_database, schedule(tmp_path, None))
    first = Process(tmp_path, "first", "worker", env=env)
    second: Process | None = None
    try:
        first.wait_for_line("active: scheduling 0 jobs (PostgreSQL advisory lock")
        second = Process(tmp_path, "second", "worker", env=env)
        second.wait_for_line("standby: another worker holds the scheduler lock")
        assert "active:" not in second.text()
        assert first.stop(signal.SIGTERM) == 0
        second.wait_for_line("active: scheduling 0 jobs")  # it takes over
        # Its lock's connection dies (a database restart, a network cut): it stops
        # scheduling, and schedules again once it holds the lock again.
        engine = create_engine(postgres_database)
        with engine.connect() as connection:
            killed = connection.execute(
                text(
                    "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
                    " and granted and database = (select oid from pg_database"
                    " where datname = current_database())"
                )
            ).all()
        engine.dispose()
        assert killed == [(True,)]
        second.wait_for_line("lost the scheduler lock")
        wait_for("active again", lambda: second.text().count("active: scheduling 0 jobs") == 2)
    finally:
        first.close()
        if second is not None:
            assert second.stop(signal.SIGTERM) == 0, second.text()[-3000:]
