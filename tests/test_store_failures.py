"""A store error never loses data, and a crawl's outcome says what happened (issue 16).

Real crawls (``oursay crawl`` subprocesses) against the simulated Find a Tender API, on
real SQLite files; the second writer is a real SQLite connection holding the write lock
(``BEGIN IMMEDIATE``), the refused insert a real trigger in the database.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import free_port
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_procurement_crawl import (
    FTS_API,
    REPO,
    WINDOW_0812,
    checkpoint,
    crawl,
    crawl_command,
    failures,
    last_run,
    records,
    uk,
)

from crawlers.sim.procurement import SAMPLE_COUNCILS_CSV, Faults, FindATenderSim
from crawlers.sim.server import SimServer
from crawlers.spiders.base import LONDON
from storage.db import get_engine
from storage.models import CrawlCheckpoint, CrawlRun

pytestmark = pytest.mark.slow

# The busy window of the sample: four council notices over three pages of two.
BEFORE = ("--since", "2026-08-12T00:00:00", "--until", "2026-08-12T06:00:00")
RESUME = ("--until", "2026-08-12T12:00:00")  # from the checkpoint BEFORE leaves
REFUSED_KEY = "ocds-h6vhtk-e9a006/990107-2026"  # third of the window: mid-batch


@pytest.fixture(autouse=True)
def sample_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))
    # A second writer is waited for 1 s, not 30, so the tests meet the busy answer soon.
    monkeypatch.setenv("OURSAY_SQLITE_BUSY_TIMEOUT", "1")


@pytest.fixture
def fts() -> Iterator[tuple[FindATenderSim, SimServer]]:
    app = FindATenderSim(max_page_size=2)
    with SimServer(app) as server:
        yield app, server


def sqlite_path(database: str) -> str:
    return database.removeprefix("sqlite:///")


class LiveCrawl:
    """A crawl subprocess whose stderr is read as it comes, to act on what it says."""

    def __init__(self, command: list[str], database: str) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            command,
            env={**os.environ, "OURSAY_DATABASE_URL": database},
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 60) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return True
            if self.process.poll() is not None:
                self.reader.join(5)
                return any(text in line for line in self.lines)
            time.sleep(0.05)
        return False

    def finish(self) -> tuple[int, str, str]:
        # Not communicate(): it would read stderr too, taking lines from the reader thread.
        assert self.process.stdout is not None
        stdout = self.process.stdout.read()  # the summary: a few lines, read to the end
        self.process.wait(timeout=120)
        self.reader.join(10)
        self.process.stdout.close()
        if self.process.stderr is not None:
            self.process.stderr.close()
        return self.process.returncode, stdout, "".join(self.lines)


def wait_for_api_request(server: SimServer, count: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(server.requests_to(FTS_API)) < count:
        assert time.monotonic() < deadline, "the crawl never asked the API"
        time.sleep(0.01)


def hold_write_lock(database: str) -> sqlite3.Connection:
    """Another writer: takes SQLite's write lock and keeps it until rolled back."""
    connection = sqlite3.connect(sqlite_path(database), isolation_level=None, timeout=10)
    connection.execute("BEGIN IMMEDIATE")
    return connection


# --- a busy database ------------------------------------------------------------------------


def test_busy_database_is_waited_out(fts: tuple[FindATenderSim, SimServer], tmp_path: Path) -> None:
    app, server = fts
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *BEFORE)
    app.faults = Faults(slow=2.0)  # time for the other writer to take the lock
    live = LiveCrawl(crawl_command("find-a-tender", server.url, *RESUME), database)
    wait_for_api_request(server, count=2)
    locker = hold_write_lock(database)
    try:
        # The pipeline meets the lock, says so, and will try again after a backoff.
        assert live.wait_for("database busy"), "".join(live.lines)[-3000:]
    finally:
        locker.rollback()
        locker.close()
    status, stdout, stderr = live.finish()
    assert status == 0, stderr[-3000:]
    assert "records 4 new, 0 changed, 0 unchanged" in stdout
    assert set(records(database)) == WINDOW_0812
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T12:00:00")
    run = last_run(database)
    assert run.status == "ok" and run.stats["oursay/store_retries"] >= 1


def test_busy_through_every_retry_stops_then_one_resume_stores_the_window(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *BEFORE)
    app.faults = Faults(slow=2.0)
    command = crawl_command(
        "find-a-tender", server.url, *RESUME, settings=["OURSAY_STORE_RETRIES=1"]
    )
    live = LiveCrawl(command, database)
    wait_for_api_request(server, count=2)
    locker = hold_write_lock(database)
    try:
        status, stdout, stderr = live.finish()  # the lock is held for the whole run
    finally:
        locker.rollback()
        locker.close()
    assert status == 1, stderr[-3000:]
    assert "failed: database unavailable" in stderr
    assert "Traceback" not in stderr
    # What it printed is what it committed: nothing.
    assert "records 0 new, 0 changed, 0 unchanged" in stdout
    assert records(database) == {}
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T06:00:00")

    app.heal()
    result = crawl("find-a-tender", server.url, database, *RESUME)
    assert "records 4 new, 0 changed, 0 unchanged" in result.stdout
    assert set(records(database)) == WINDOW_0812
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T12:00:00")


def test_refused_record_mid_batch_loses_nothing_else_and_holds_the_checkpoint(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    _, server = fts
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *BEFORE)
    with sqlite3.connect(sqlite_path(database)) as connection:
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON records "
            f"WHEN NEW.source_key = '{REFUSED_KEY}' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
        )
    result = crawl("find-a-tender", server.url, database, *RESUME, expect_failures=True)
    # The two notices added before it in the same batch were rolled back with it, and
    # stored again; the one after it too.
    assert "records 3 new, 0 changed, 0 unchanged" in result.stdout
    assert set(records(database)) == WINDOW_0812 - {REFUSED_KEY}
    (failure,) = failures(database)
    assert failure.reason.startswith(f"could not store record {REFUSED_KEY}: ")
    assert "refused by the test trigger" in failure.reason
    assert f"could not store record {REFUSED_KEY}" in result.stderr  # blamed on the right one
    assert "Traceback" not in result.stderr
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T06:00:00")
    run = last_run(database)
    assert run.status == "partial" and run.stats["oursay/windows/not_checkpointed"] == 1

    with sqlite3.connect(sqlite_path(database)) as connection:
        connection.execute("DROP TRIGGER refuse")
    result = crawl("find-a-tender", server.url, database, *RESUME)
    assert "records 1 new, 0 changed, 3 unchanged" in result.stdout
    assert set(records(database)) == WINDOW_0812
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T12:00:00")


# --- honest outcomes ------------------------------------------------------------------------


def test_host_down_for_the_whole_run_is_nothing_collected(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    nobody = f"http://127.0.0.1:{free_port()}"
    result = crawl(
        "find-a-tender",
        nobody,
        database,
        "--since",
        "2026-08-12",
        "--until",
        "2026-08-12T12:00:00",
        nothing_collected=True,
    )
    assert "records 0 new" in result.stdout
    assert len(failures(database)) >= 2  # both windows
    run = last_run(database)
    assert run.status == "failed" and run.error and "nothing collected" in run.error
    assert checkpoint(database, "find-a-tender") is None


def test_killed_crawl_is_abandoned_at_the_next_start_and_not_the_last_crawl(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    from oursay.web.health import health_figures

    app, server = fts
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *BEFORE)
    app.faults = Faults(hang_after_pages=0, hang_seconds=30)
    process = subprocess.Popen(
        crawl_command("find-a-tender", server.url, *RESUME),
        env={**os.environ, "OURSAY_DATABASE_URL": database},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_api_request(server, count=2)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        app.heal()
    killed = last_run(database)
    assert (killed.status, killed.pid) == ("running", process.pid)
    with Session(get_engine(database)) as session:
        last = health_figures(session)["last_crawl"]
        assert last is not None and last["status"] == "ok"  # the BEFORE crawl, not the dead one

    crawl("find-a-tender", server.url, database, *RESUME)
    with Session(get_engine(database)) as session:
        dead = session.get(CrawlRun, killed.id)
        assert dead is not None and dead.status == "abandoned"
        assert dead.error and f"process {process.pid}" in dead.error
        newest = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        assert newest is not None and health_figures(session)["last_crawl"] == {
            "source": "find_a_tender",
            "status": "ok",
            "started_at": newest.started_at.isoformat(),
            "finished_at": newest.finished_at.isoformat() if newest.finished_at else None,
        }


def test_rows_of_other_hosts_are_abandoned_by_age_only(sqlite_database: str) -> None:
    from storage.records import RUN_ABANDONED_AFTER, mark_abandoned_runs

    now = datetime.now(UTC)
    with Session(get_engine(sqlite_database)) as session:
        old = CrawlRun(
            source="a", pid=1, hostname="elsewhere", started_at=now - RUN_ABANDONED_AFTER * 1.1
        )
        recent = CrawlRun(
            source="b", pid=1, hostname="elsewhere", started_at=now - timedelta(hours=1)
        )
        alive = CrawlRun(source="c", pid=os.getpid(), hostname=os.uname().nodename)
        session.add_all([old, recent, alive])
        session.flush()
        assert mark_abandoned_runs(session) == [old]
        assert (old.status, recent.status, alive.status) == ("abandoned", "running", "running")


# --- where a crawl starts, and what it is asked to crawl ------------------------------------


def test_first_run_starts_from_a_recent_default_and_says_so(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    start = (datetime.now(LONDON).date() - timedelta(days=30)).isoformat()
    line = f"no checkpoint for find-a-tender and no --since: starting 30 days back, at {start}"
    # A first run whose every window fails writes no checkpoint...
    app.faults = Faults(crash_after_pages=0)
    first = crawl("find-a-tender", server.url, database, nothing_collected=True)
    assert line in first.stderr
    assert server.requests_to(FTS_API)[0].arg("updatedFrom") == f"{start}T00:00:00"
    assert checkpoint(database, "find-a-tender") is None
    # ...so the next starts from the same recent default, and says so again.
    app.heal()
    before = len(server.requests_to(FTS_API))
    second = crawl("find-a-tender", server.url, database)
    assert line in second.stderr
    assert server.requests_to(FTS_API)[before].arg("updatedFrom") == f"{start}T00:00:00"
    assert checkpoint(database, "find-a-tender") is not None


@pytest.mark.parametrize(
    ("source", "code", "close"),
    [("find-a-tender", "KNE", "KEN"), ("moderngov", "Kent", "KEN"), ("cmis", "ZZZ", None)],
)
def test_unknown_council_code_is_a_usage_error(
    fts: tuple[FindATenderSim, SimServer],
    tmp_path: Path,
    source: str,
    code: str,
    close: str | None,
) -> None:
    _, server = fts
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "oursay",
            "crawl",
            source,
            "--create",
            "--council",
            code,
            "--base-url",
            server.url,
        ],
        env={**os.environ, "OURSAY_DATABASE_URL": database},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith(f"oursay crawl: error: unknown council code {code.upper()}")
    if close:
        assert close in message.split("close: ")[1]
    assert server.requests == []  # nothing crawled
    assert not (tmp_path / "db.sqlite").exists()  # so no checkpoint either


# --- the pipeline on its own: a real Scrapy crawler object, a real SQLite file ---------------


def test_pipeline_replays_the_lost_batch_and_refuses_every_later_checkpoint(
    sqlite_database: str,
) -> None:
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from crawlers.items import CheckpointItem, DocumentItem, RecordItem
    from crawlers.pipelines import StoragePipeline

    with sqlite3.connect(sqlite_path(sqlite_database)) as connection:
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON records WHEN NEW.source_key = 'bad' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
        )
    crawler = get_crawler(
        Spider, {"OURSAY_DATABASE_URL": sqlite_database, "OURSAY_COMMIT_EVERY": 100}
    )
    spider = Spider.from_crawler(crawler, name="council_test")
    crawler.spider = spider
    pipeline = StoragePipeline.from_crawler(crawler)
    pipeline.open_spider(spider)

    def record(key: str) -> RecordItem:
        return RecordItem(source="moderngov", source_key=key, kind="decision", council_code="KEN")

    until = datetime(2026, 8, 1, tzinfo=UTC)
    for item in [
        record("good-1"),
        record("good-2"),
        record("bad"),
        record("good-3"),
        # Another council's window: the spider knows nothing of the failure, the
        # pipeline refuses anyway (a conservative rule: one lost item holds every
        # checkpoint of the run, so nothing can step over it).
        CheckpointItem(source="moderngov", until=until, scope="KEN"),
        # Pending in the batch when the next item fails without a rollback: counted once.
        record("good-4"),
        DocumentItem(source="moderngov", source_key="bad", url="http://x/1.pdf", status="ok"),
        CheckpointItem(source="moderngov", until=until + timedelta(days=1), scope="KEN"),
    ]:
        pipeline.process_item(item, spider)
    pipeline.close_spider(spider)
    pipeline.spider_closed(spider, "finished")

    stored = {key for key, r in records(sqlite_database).items() if r.source == "moderngov"}
    assert stored == {"good-1", "good-2", "good-3", "good-4"}
    reasons = [f.reason for f in failures(sqlite_database)]
    assert reasons[0].startswith("could not store record bad: IntegrityError: refused by")
    assert reasons[1].startswith("could not store document http://x/1.pdf of record bad")
    assert "its record moderngov:bad is not stored" in reasons[1]
    with Session(get_engine(sqlite_database)) as session:
        assert session.scalars(select(CrawlCheckpoint)).all() == []
    stats = crawler.stats.get_stats()
    assert stats["oursay/records/inserted"] == 4  # what was committed, nothing more
    assert stats["oursay/checkpoints/refused"] == 2 and stats["oursay/store_failures"] == 2
    run = last_run(sqlite_database)
    assert run.status == "partial" and run.finish_reason == "finished"
