"""Scale-out: a real Scrapyd node on 127.0.0.1 receives the project's egg (built and sent
by scrapyd-deploy), and the worker dispatches a crawl of a simulated Find a Tender to it;
the items and the run reach a real PostgreSQL database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import _create_postgres_database, _drop_postgres_database, free_port
from sqlalchemy import func, select

from crawlers.sim.procurement import (
    SAMPLE_COUNCILS_CSV,
    SAMPLE_SINCE,
    SAMPLE_UNTIL,
    Faults,
    FindATenderSim,
)
from crawlers.sim.server import SimServer
from oursay.schedule import Crawl, Timetable, load_timetable
from oursay.scrapyd import ScrapydLauncher, check_configuration, dispatch_arguments
from oursay.worker import Worker
from storage.db import session_factory
from storage.models import CrawlRun, Record

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture
def postgres_database(postgres_admin_url: str) -> Iterator[str]:
    from storage.migrate import upgrade

    name, url = _create_postgres_database(postgres_admin_url)
    try:
        upgrade(url)
        yield url
    finally:
        _drop_postgres_database(postgres_admin_url, name)


def get_json(url: str, timeout: float = 5) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return json.loads(answer.read())


@pytest.fixture
def scrapyd_node(postgres_database: str, tmp_path: Path) -> Iterator[str]:
    """A Scrapyd node with its own config and directories, writing to the test database."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        f"""[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {home / "eggs"}
logs_dir = {home / "logs"}
dbs_dir = {home / "dbs"}
# Start queued jobs within half a second, not five.
poll_interval = 0.5
max_proc = 2
""",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        # The node's own configuration: the shared database, the sample councils.
        "OURSAY_DATABASE_URL": postgres_database,
        "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS_CSV),
        "HOME": str(home),  # no ~/.scrapyd.conf of the machine's
    }
    log = (home / "scrapyd.out").open("wb")
    node = subprocess.Popen(
        [str(BIN / "scrapyd")], cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get_json(f"{url}/daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            if node.poll() is not None or time.monotonic() > deadline:
                pytest.fail((home / "scrapyd.out").read_text()[-3000:])
            time.sleep(0.2)
        yield url
    finally:
        node.terminate()
        try:
            node.wait(timeout=30)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait()
        log.close()


def deploy(url: str, tmp_path: Path) -> None:
    """scrapyd-deploy builds the egg from the repository, then sends it to the node."""
    egg = tmp_path / "oursay.egg"
    subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=180,
    )
    # A scrapy.cfg naming this node as a target, as a campaign adds one per node.
    target = tmp_path / "deploy"
    target.mkdir()
    (target / "scrapy.cfg").write_text(
        f"[settings]\ndefault = crawlers.settings\n[deploy:test]\nurl = {url}/\nproject = oursay\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--egg", str(egg), "-v", "1"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Scrapyd answered with the spiders it found in the egg (it ran `scrapy list` in it).
    assert '"spiders": 4' in result.stdout + result.stderr, result.stdout + result.stderr


def test_a_dispatched_crawl_runs_on_scrapyd_and_reaches_postgresql_and_stops_cleanly(
    postgres_database: str,
    scrapyd_node: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deploy(scrapyd_node, tmp_path)
    monkeypatch.setenv("OURSAY_DATABASE_URL", postgres_database)
    with SimServer(FindATenderSim()) as fts:
        launcher = ScrapydLauncher([scrapyd_node], poll=0.3)
        Worker(timetable(tmp_path, fts.url), launcher).run_job("crawl:find-a-tender")
        requests = len(fts.requests)
    assert requests > 0
    with session_factory(postgres_database)() as session:
        (run,) = session.scalars(select(CrawlRun)).all()
        stored = session.scalar(select(func.count()).select_from(Record))
    assert (run.status, run.finish_reason, run.error) == ("ok", "finished", None)
    assert run.stats["oursay/records/inserted"] == stored > 0
    jobs = get_json(f"{scrapyd_node}/listjobs.json?project=oursay")
    (job,) = jobs["finished"]
    assert job["spider"] == "find_a_tender"
    # The node's crawl process adopted the row the worker wrote (the worker's pid at first).
    assert run.pid != os.getpid()
    log = Path(tmp_path / "scrapyd" / "logs" / "oursay" / "find_a_tender" / f"{job['id']}.log")
    assert f"'oursay/run_id': {run.id}," in log.read_text(encoding="utf-8")

    # Then a crawl that hangs, and the worker stops meanwhile (SIGTERM): the job is
    # cancelled on the node and the run recorded as abandoned.
    hanging = FindATenderSim(faults=Faults(hang_after_pages=0, hang_seconds=60))
    with SimServer(hanging) as fts:
        worker = Worker(timetable(tmp_path, fts.url), ScrapydLauncher([scrapyd_node], poll=0.3))
        running = threading.Thread(target=worker.run_job, args=("crawl:find-a-tender",))
        running.start()
        try:
            deadline = time.monotonic() + 90
            while not adopted(postgres_database) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert adopted(postgres_database), "the crawl never started on the node"
        finally:
            worker.stop("SIGTERM")
            running.join(timeout=120)
            hanging.release_hang()
    assert not running.is_alive()
    with session_factory(postgres_database)() as session:
        run = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
    assert run is not None and run.status == "abandoned"
    assert run.error and run.error.startswith("stopped by the worker (SIGTERM)")
    jobs = get_json(f"{scrapyd_node}/listjobs.json?project=oursay")
    assert jobs["running"] == [] and jobs["pending"] == [] and len(jobs["finished"]) == 2


def timetable(tmp_path: Path, fts_url: str) -> Timetable:
    schedule = tmp_path / "schedule.toml"
    args = ["--base-url", fts_url, "--since", SAMPLE_SINCE, "--until", SAMPLE_UNTIL]
    args += ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False"]
    schedule.write_text(
        f"[find-a-tender]\nextra_args = {json.dumps(args)}\n"
        "[contracts-finder]\nenabled = false\n[council-papers]\nenabled = false\n"
        "[after-crawl]\nmonitor = false\nfeeds = false\n"
        "[timeouts]\nstop_grace_seconds = 2\n",
        encoding="utf-8",
    )
    return load_timetable(schedule)


def adopted(database_url: str) -> bool:
    """A crawl process on the node has taken the running row the worker wrote."""
    with session_factory(database_url)() as session:
        run = session.scalars(select(CrawlRun).where(CrawlRun.status == "running")).first()
        return run is not None and run.pid != os.getpid()


def test_dispatch_arguments_and_configuration() -> None:
    fields = dispatch_arguments(
        Crawl("moderngov", "KEN"), 7, ["--since", "2026-01-01", "--set", "DOWNLOAD_DELAY=0"]
    )
    assert fields == [
        ("spider", "moderngov"),
        ("setting", "OURSAY_RUN_ID=7"),
        ("council", "KEN"),
        ("since", "2026-01-01"),
        ("setting", "DOWNLOAD_DELAY=0"),
    ]
    with pytest.raises(ValueError, match="--browser cannot be sent"):
        dispatch_arguments(Crawl("cmis"), 1, ["--browser", "x"])
    with pytest.raises(ValueError, match="needs OURSAY_DATABASE_URL on PostgreSQL"):
        check_configuration("sqlite:///oursay.db", ["http://127.0.0.1:6800"])
    check_configuration("sqlite:///oursay.db", [])
    check_configuration("postgresql+psycopg://db/oursay", ["http://127.0.0.1:6800"])
