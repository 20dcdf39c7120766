"""No run hangs: long Retry-After answers, signals during a wait, non-web base URLs.

Each crawl is a real ``oursay crawl`` process against the simulated Find a Tender API on
127.0.0.1 (issue 16). Durations are measured and printed (``pytest -s``); the only bounds
asserted are generous ones that tell "ended" from "hung for the server's 3600 s".
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers import settings as crawl_settings
from crawlers.outcome import EXIT_NOTHING_COLLECTED
from crawlers.sim.procurement import SAMPLE_COUNCILS_CSV, Faults, FindATenderSim
from crawlers.sim.server import SimServer
from crawlers.spiders.base import check_base_url
from storage.db import get_engine
from storage.models import CrawlCheckpoint, CrawlFailure, CrawlRun, Record

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FTS_API = "/api/1.0/ocdsReleasePackages"
WINDOW = ("--since", "2026-08-12T06:00:00", "--until", "2026-08-12T12:00:00")
# No politeness delays; the rate-limit settings stay as shipped unless a test says.
FAST = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0", "LOG_LEVEL=INFO"]
# Far beyond any wait a test means to see: reaching it means the crawl hung.
HUNG = 30.0


@pytest.fixture(autouse=True)
def sample_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))


@pytest.fixture
def fts() -> Iterator[tuple[FindATenderSim, SimServer]]:
    app = FindATenderSim(max_page_size=2)
    with SimServer(app) as server:
        yield app, server


def crawl_command(base_url: str, settings: Sequence[str] = ()) -> list[str]:
    command = [sys.executable, "-m", "oursay", "crawl", "find-a-tender", "--create"]
    command += ["--base-url", base_url]
    command += WINDOW
    for setting in [*FAST, *settings]:
        command += ["--set", setting]
    return command


def crawl_env(database_url: str) -> dict[str, str]:
    return {**os.environ, "OURSAY_DATABASE_URL": database_url}


def stored(database_url: str) -> tuple[list[CrawlFailure], list[CrawlRun], int, int]:
    with Session(get_engine(database_url)) as session:
        return (
            list(session.scalars(select(CrawlFailure).order_by(CrawlFailure.id))),
            list(session.scalars(select(CrawlRun).order_by(CrawlRun.id))),
            len(session.scalars(select(CrawlCheckpoint)).all()),
            len(session.scalars(select(Record)).all()),
        )


def test_retry_after_beyond_the_cap_is_deferred_and_recorded(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(rate_limit=100, retry_after="3600")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    started = time.monotonic()
    result = subprocess.run(
        crawl_command(server.url),
        env=crawl_env(database),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=HUNG * 4,
    )
    print(f"crawl against Retry-After: 3600 took {time.monotonic() - started:.1f}s")
    # Finished, but the only window was deferred: nothing collected (docs/cli.md).
    assert result.returncode == EXIT_NOTHING_COLLECTED, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    # Asked once, not waited for, not asked again.
    assert len(server.requests_to(FTS_API)) == 1
    failures, runs, checkpoints, records = stored(database)
    cap = crawl_settings.OURSAY_RATE_LIMIT_MAX_WAIT
    (failure,) = failures
    assert failure.http_status == 429
    assert failure.reason == (
        f"rate limited; server asked for 3600 s, cap {cap} s; deferred to next run"
    )
    # Deferred: the window is not checkpointed, so the next run asks for it again.
    assert checkpoints == 0 and records == 0
    (run,) = runs
    assert run.finish_reason == "finished"
    assert run.stats["oursay/rate_limit/deferred"] == 1


def test_rate_limit_waits_of_a_run_are_bounded(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(rate_limit=100, retry_after="1")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = subprocess.run(
        crawl_command(server.url, ["OURSAY_RATE_LIMIT_MAX_TOTAL_WAIT=2.5"]),
        env=crawl_env(database),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=HUNG * 4,
    )
    assert result.returncode == EXIT_NOTHING_COLLECTED, result.stderr[-3000:]
    # Two waits of a second fit in the budget; the third answer would overrun it.
    assert len(server.requests_to(FTS_API)) == 3
    failures, runs, _, _ = stored(database)
    (failure,) = failures
    assert failure.reason.startswith("rate limited; ")
    assert failure.reason.endswith("of the run's 2.5 s waiting budget spent; deferred to next run")
    assert runs[-1].stats["oursay/rate_limit/429"] == 3


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_a_rate_limit_wait_promptly(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path, signum: signal.Signals
) -> None:
    app, server = fts
    # Within the cap, so the crawl means to wait the whole minute.
    app.faults = Faults(rate_limit=100, retry_after="60")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    log = tmp_path / "crawl.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            crawl_command(server.url),
            env=crawl_env(database),
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + HUNG
            while not server.requests_to(FTS_API) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server.requests_to(FTS_API), "the crawl never asked the API"
            time.sleep(1)  # well into the 60 s wait
            signalled = time.monotonic()
            process.send_signal(signum)
            try:
                status = process.wait(timeout=HUNG)
            except subprocess.TimeoutExpired:
                pytest.fail(f"the crawl was still waiting {HUNG:.0f}s after {signum.name}")
            print(f"crawl ended {time.monotonic() - signalled:.2f}s after {signum.name}")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    text = log.read_text()
    assert status != 0
    assert "waiting 60s before retrying" in text
    assert "Send again to force" in text  # Scrapy's graceful stop, not a forced one
    assert len(server.requests_to(FTS_API)) == 1
    failures, runs, checkpoints, _ = stored(database)
    (failure,) = failures
    assert failure.reason == "rate limited; shut down while waiting; deferred to next run"
    (run,) = runs
    # The pipeline closed the run: it is not left "running".
    assert run.finish_reason == "shutdown" and run.finished_at is not None
    assert checkpoints == 0


def test_a_host_that_asked_for_an_hour_is_not_asked_again_in_the_run(tmp_path: Path) -> None:
    import csv

    from crawlers.sim.moderngov import ModernGovSim
    from crawlers.sim.server import SimRequest, SimResponse

    site = ModernGovSim()
    asked: list[str] = []

    def rate_limited_site(request: SimRequest) -> SimResponse:
        if request.path == "/robots.txt":
            return site(request)
        asked.append(request.path)
        return SimResponse(429, "Too many requests", "text/plain", {"Retry-After": "3600"})

    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    councils = tmp_path / "councils.csv"
    with SimServer(rate_limited_site) as server:
        # Two councils on one host (as with a shared hosting provider).
        with councils.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["code", "name", "platform", "base_url", "verify_tls", "browser"])
            for code in ("ZZA", "ZZB"):
                writer.writerow([code, f"{code} (sample)", "moderngov", f"{server.url}/{code}"])
        command = [sys.executable, "-m", "oursay", "crawl", "moderngov", "--create"]
        command += ["--council", "ZZA", "--council", "ZZB"]
        command += ["--since", "2026-01-01", "--until", "2026-06-30"]
        # One request at a time, so the second council's first page enters the downloader
        # after the first one's answer was read (requests already queued for a host when
        # it asks for an hour still go; see RetryAfterMiddleware).
        for setting in [*FAST, "OURSAY_BROWSER=off", "CONCURRENT_REQUESTS=1"]:
            command += ["--set", setting]
        result = subprocess.run(
            command,
            env={**crawl_env(database), "OURSAY_EXTRA_COUNCILS": str(councils)},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=HUNG * 4,
        )
    assert result.returncode == EXIT_NOTHING_COLLECTED, result.stderr[-3000:]
    failures, runs, _, _ = stored(database)
    # One council's page was asked and answered 429; the other's was deferred unasked.
    assert len(asked) == 1, result.stderr
    assert sorted(f.council_code for f in failures) == ["ZZA", "ZZB"]
    cap = crawl_settings.OURSAY_RATE_LIMIT_MAX_WAIT
    for failure in failures:
        assert failure.reason.endswith(
            f"rate limited; server asked for 3600 s, cap {cap} s; deferred to next run"
        )
    assert runs[-1].stats["oursay/rate_limit/deferred"] == 2


# --- Base URLs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://127.0.0.1:21", "only http:// and https:// URLs are accepted, not ftp://"),
        ("file:///etc/passwd", "only http:// and https:// URLs are accepted, not file://"),
        ("127.0.0.1:8000", "and it has no scheme"),
        ("http:///api", "has no host"),
        ("https://example.org:port/", "is not a URL"),
    ],
)
def test_only_web_base_urls_are_accepted(url: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        check_base_url(url)


def test_web_base_urls_pass() -> None:
    assert check_base_url(" HTTPS://example.org:8443/x ") == "HTTPS://example.org:8443/x"


def test_ftp_base_url_is_refused_in_one_line(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    _, server = fts
    ftp_url = server.url.replace("http://", "ftp://")
    result = subprocess.run(
        crawl_command(ftp_url),
        env=crawl_env(f"sqlite:///{tmp_path / 'db.sqlite'}"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=HUNG,
    )
    assert result.returncode != 0 and result.returncode != 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"oursay crawl: error: base URL {ftp_url!r}: only http:// and https:// URLs are "
        "accepted, not ftp://"
    ]
    assert server.requests == []


def test_spider_refuses_a_non_web_base_url() -> None:
    # ``scrapy crawl find_a_tender -a base_url=...`` does not pass through the CLI.
    from crawlers.spiders.find_a_tender import FindATenderSpider

    with pytest.raises(ValueError, match="not ftp://"):
        FindATenderSpider(base_url="ftp://127.0.0.1:2121")
