"""Whole crawls of the procurement spiders against the simulated APIs on 127.0.0.1.

Every crawl is a real ``oursay crawl`` in its own process (a Twisted reactor cannot be
restarted inside pytest), on a fresh database; waits are cut to about a second through
``--set`` overrides.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.sim.procurement import (
    SAMPLE_COUNCILS_CSV,
    ContractsFinderSim,
    Faults,
    FindATenderSim,
    serve_fts_sample,
)
from crawlers.sim.server import SimServer
from storage.db import get_engine
from storage.models import CrawlCheckpoint, CrawlFailure, CrawlRun, Record

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FTS_API = "/api/1.0/ocdsReleasePackages"
CF_API = "/Published/Notices/OCDS/Search"
# Quick and deterministic: no politeness delays, waits of a second, no retries unless a
# test wants them.
FAST = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "OURSAY_RATE_LIMIT_MAX_WAIT=1",
    "RETRY_TIMES=0",
    "LOG_LEVEL=WARNING",
]
# The sample releases of 2026-08-12 06:00–12:00: four council notices and a parish one.
WINDOW_0812 = {
    "ocds-h6vhtk-e9a005/990106-2026",
    "ocds-h6vhtk-e9a006/990107-2026",
    "ocds-h6vhtk-e9a007/990108-2026",
    "ocds-h6vhtk-e9b001/990110-2026",
}


@pytest.fixture(autouse=True)
def sample_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    # Inherited by the crawl processes, and read by this one when it opens the database.
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))


@pytest.fixture
def fts() -> Iterator[tuple[FindATenderSim, SimServer]]:
    app = FindATenderSim(max_page_size=2)
    with SimServer(app) as server:
        yield app, server


@pytest.fixture
def cf() -> Iterator[tuple[ContractsFinderSim, SimServer]]:
    app = ContractsFinderSim(max_page_size=2)
    with SimServer(app) as server:
        yield app, server


def crawl_command(
    source: str, base_url: str, *args: str, settings: Sequence[str] = ()
) -> list[str]:
    command = [sys.executable, "-m", "oursay", "crawl", source, "--create", "--base-url", base_url]
    command += args
    for setting in [*FAST, *settings]:
        command += ["--set", setting]
    return command


def crawl(
    source: str,
    base_url: str,
    database_url: str,
    *args: str,
    settings: Sequence[str] = (),
    cwd: Path | None = None,
    expect_failures: bool = False,
    nothing_collected: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run a crawl; a crawl that recorded failures must say so in its exit status, and one
    that collected nothing at all must say that instead."""
    result = subprocess.run(
        crawl_command(source, base_url, *args, settings=settings),
        env={**os.environ, "OURSAY_DATABASE_URL": database_url},
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if nothing_collected:
        assert result.returncode == 4, result.stderr[-3000:]  # finished, nothing collected
        assert "nothing collected: " in result.stderr
        assert "failures recorded; see the crawl_failures table" in result.stderr
    elif expect_failures:
        assert result.returncode == 3, result.stderr[-3000:]  # finished, partly
        assert "requests failed; see the crawl_failures table" in result.stderr
    else:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def records(database_url: str) -> dict[str, Record]:
    with Session(get_engine(database_url)) as session:
        return {r.source_key: r for r in session.scalars(select(Record))}


def fingerprint(database_url: str) -> dict[str, str]:
    return {key: record.content_hash for key, record in records(database_url).items()}


def last_run(database_url: str) -> CrawlRun:
    with Session(get_engine(database_url)) as session:
        run = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        assert run is not None
        return run


def failures(database_url: str) -> list[CrawlFailure]:
    with Session(get_engine(database_url)) as session:
        return list(session.scalars(select(CrawlFailure).order_by(CrawlFailure.id)))


def checkpoint(database_url: str, source: str) -> datetime | None:
    with Session(get_engine(database_url)) as session:
        found = session.get(CrawlCheckpoint, (source, ""))
        return found.complete_until if found else None


def api_requests(server: SimServer, path: str) -> list[Any]:
    return server.requests_to(path)


def uk(text: str) -> datetime:
    from crawlers.spiders.base import parse_when

    moment = parse_when(text)
    assert moment is not None
    return moment.astimezone(UTC)


# --- the simulators themselves ----------------------------------------------------------


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_simulated_fts_answers_like_the_real_api(fts: tuple[FindATenderSim, SimServer]) -> None:
    app, server = fts
    base = f"{server.url}{FTS_API}?updatedFrom=2026-08-12T06:00:00Z&updatedTo=2026-08-12T12:00:00"
    status, _, body = get(f"{base}&limit=100")
    page = json.loads(body)
    assert status == 200 and page["uri"].startswith(server.url)
    # Newest first, times read as UK local (the Z ignored), two to a page here.
    assert [r["id"] for r in page["releases"]] == ["990110-2026", "990109-2026"]
    assert page["publishedDate"] == "2026-08-12T11:05:00+01:00"
    assert "contactPoint" in page["releases"][0]["parties"][0]  # for the crawl to drop
    pages = [page]
    while "links" in pages[-1]:
        pages.append(json.loads(get(pages[-1]["links"]["next"])[2]))
    assert [len(p["releases"]) for p in pages] == [2, 2, 1]
    status, _, body = get(f"{base}&stages=tender")
    assert json.loads(body)["releases"] == []
    status, _, body = get(f"{base}&cursor=bm9uc2Vuc2U=")
    assert status == 400 and b"cursor" in body
    assert get(f"{base}&limit=500")[0] == 400
    empty = json.loads(
        get(f"{server.url}{FTS_API}?updatedFrom=2026-07-01T00:00:00&updatedTo=2026-07-02T00:00:00")[
            2
        ]
    )
    assert empty["releases"] == [] and "links" not in empty and empty["publishedDate"] == ""
    app.faults = Faults(rate_limit=2, retry_after=("1", None))
    status, headers, body = get(base)
    assert (status, headers["Retry-After"]) == (429, "1") and b"Rate limit of 12" in body
    status, headers, body = get(base)
    assert status == 429 and "Retry-After" not in headers
    assert get(f"{server.url}/robots.txt")[2] == b"User-agent: *\nDisallow:\n"


def test_simulated_cf_rate_limit_and_broken_bytes(
    cf: tuple[ContractsFinderSim, SimServer],
) -> None:
    app, server = cf
    url = f"{server.url}{CF_API}?publishedFrom=2026-08-04T00:00:00&publishedTo=2026-08-05T00:00:00"
    app.faults = Faults(rate_limit=1, broken_utf8=True)
    status, headers, body = get(url)
    assert status == 403 and headers["Content-Type"].startswith("text/html")
    assert b"rate limit may have been exceeded" in body
    status, _, body = get(url)
    assert status == 200 and b"Day Opportunities \xc3\xa2\x80\x93 Adults" in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


# --- Find a Tender -----------------------------------------------------------------------


def test_fts_crawl_pages_windows_and_is_idempotent(
    fts: tuple[FindATenderSim, SimServer], database: str
) -> None:
    _, server = fts
    result = crawl(
        "find-a-tender", server.url, database, "--since", "2026-08-12", "--until", "2026-08-13"
    )
    assert "records 4 new, 0 changed, 0 unchanged" in result.stdout

    stored = records(database)
    assert set(stored) == WINDOW_0812
    street = stored["ocds-h6vhtk-e9b001/990110-2026"]
    assert (street.council_code, street.notice_type, street.regime) == ("SMP", "UK4", "UKPGA")
    assert street.title == "Street Cleansing Services (sample)"
    assert street.published_at == datetime(2026, 8, 12, 10, 5, tzinfo=UTC)
    stub = stored["ocds-h6vhtk-e9a007/990108-2026"]
    assert (stub.council_code, stub.buyer_name) == ("EXA", "Exampleshire County Council")
    # Officers' contact details never reach the database.
    for record in stored.values():
        text = json.dumps(
            [record.title, record.description, record.data, record.suppliers], ensure_ascii=False
        )
        assert "contactPoint" not in text and "telephone" not in text
        assert "@" not in text and "1632" not in text

    run = last_run(database)
    assert run.status == "ok" and run.finish_reason == "finished"
    assert run.stats["oursay/releases/not_council"] == 1  # the parish council
    assert run.stats["oursay/releases/council"] == 4
    assert run.stats["oursay/windows/complete"] == 4
    assert checkpoint(database, "find-a-tender") == uk("2026-08-13")

    # Four 6-hour windows of UK local time, oldest first, no Z, no stages; the busy one
    # (five releases, pages of two) is paged by cursor until a page without links.
    requests = api_requests(server, FTS_API)
    starts = [r.arg("updatedFrom") for r in requests if not r.arg("cursor")]
    assert starts == [f"2026-08-12T{h}:00:00" for h in ("00", "06", "12", "18")]
    assert all(r.arg("updatedTo") and not r.arg("stages") for r in requests)
    assert all(r.arg("limit") == "100" for r in requests)
    busy = [r for r in requests if r.arg("updatedFrom") == "2026-08-12T06:00:00"]
    assert len(busy) == 3 and [bool(r.arg("cursor")) for r in busy] == [False, True, True]
    # Politeness: robots.txt first, and a User-Agent that says how to reach us.
    assert server.requests[0].path == "/robots.txt"
    agents = {r.headers.get("user-agent", "") for r in server.requests}
    assert len(agents) == 1 and "+https://" in agents.pop()

    # Again: nothing new, nothing changed.
    hashes = fingerprint(database)
    result = crawl(
        "find-a-tender", server.url, database, "--since", "2026-08-12", "--until", "2026-08-13"
    )
    assert "records 0 new, 0 changed, 4 unchanged" in result.stdout
    assert fingerprint(database) == hashes


def test_fts_rate_limits_and_unavailable(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    # A 429 with Retry-After: 1, one without (kingfisher-collect #1215: then the spider's
    # own wait, cut to 1 s here), then a 503.
    app.faults = Faults(rate_limit=2, retry_after=("1", None), unavailable=1)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    window = ("--since", "2026-08-12T06:00:00", "--until", "2026-08-12T12:00:00")
    crawl("find-a-tender", server.url, database, *window)
    assert set(records(database)) == WINDOW_0812
    stats = last_run(database).stats
    assert stats["oursay/rate_limit/429"] == 2 and stats["oursay/rate_limit/503"] == 1
    assert "oursay/failures" not in stats and failures(database) == []
    requests = api_requests(server, FTS_API)
    # Each refusal was waited out (about a second) before the same request went again.
    for refused, retry in itertools.pairwise(requests[:4]):
        assert retry.at - refused.at >= 0.9
        assert retry.query == refused.query
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T12:00:00")


def test_fts_rate_limited_for_good_stops_without_checkpoint(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(rate_limit=100, retry_after="0")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl(
        "find-a-tender",
        server.url,
        database,
        "--since",
        "2026-08-12",
        "--until",
        "2026-08-13",
        settings=["OURSAY_RATE_LIMIT_MAX_RETRIES=2"],
        nothing_collected=True,
    )
    # The first window's request, asked three times; no further window was tried.
    assert len(api_requests(server, FTS_API)) == 3
    (failure,) = failures(database)
    assert failure.http_status == 429 and failure.reason == "HTTP 429"
    assert checkpoint(database, "find-a-tender") is None
    assert last_run(database).stats["oursay/stopped"] == "rate limited (429)"


def test_fts_slow_answer_times_out_and_is_recorded(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(slow=2.5)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl(
        "find-a-tender",
        server.url,
        database,
        "--since",
        "2026-08-12T06:00:00",
        "--until",
        "2026-08-12T12:00:00",
        settings=["DOWNLOAD_TIMEOUT=1"],
        nothing_collected=True,
    )
    (failure,) = failures(database)
    assert "TimeoutError" in failure.reason and "took longer than 1" in failure.reason
    assert failure.url and "updatedFrom=2026-08-12T06%3A00%3A00" in failure.url
    assert failure.source == "find-a-tender"
    assert records(database) == {} and checkpoint(database, "find-a-tender") is None


def test_fts_invalid_json_page_fails_its_window(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    # Page 2 is the busy window's second page: its first page is stored, the window and
    # every later one are not checkpointed, later windows are still collected.
    app.faults = Faults(invalid_json_page=2)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    since_until = ("--since", "2026-08-12T06:00:00", "--until", "2026-08-15")
    crawl("find-a-tender", server.url, database, *since_until, expect_failures=True)
    (failure,) = failures(database)
    assert failure.reason.startswith("invalid JSON") and failure.http_status == 200
    assert "cursor=" in (failure.url or "")
    assert checkpoint(database, "find-a-tender") is None
    stored = set(records(database))
    assert "ocds-h6vhtk-e9b001/990110-2026" in stored  # newest first: page 1
    assert "ocds-h6vhtk-e9a002/990103-2026" in stored  # 2026-08-14, a later window
    assert last_run(database).stats["oursay/windows/not_checkpointed"] >= 1

    # Healed, a run of the same span completes it: the failed page's releases are new.
    app.heal()
    result = crawl("find-a-tender", server.url, database, *since_until)
    assert "records 3 new, 0 changed, 2 unchanged" in result.stdout
    assert set(records(database)) == WINDOW_0812 | {"ocds-h6vhtk-e9a002/990103-2026"}
    assert checkpoint(database, "find-a-tender") == uk("2026-08-15")


def test_fts_numbers_json_cannot_hold(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(bad_numbers_page=1)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl(
        "find-a-tender",
        server.url,
        database,
        "--since",
        "2026-08-12T06:00:00",
        "--until",
        "2026-08-12T12:00:00",
    )
    stored = records(database)
    assert set(stored) == WINDOW_0812
    lot_details = stored["ocds-h6vhtk-e9b001/990110-2026"].data["release"]["tender"]["lotDetails"]
    assert lot_details == {
        "maximumLotsBidPerSupplier": "1e9999",
        "maximumLotsAwardedPerSupplier": 0,
    }
    stats = last_run(database).stats
    assert stats["oursay/repairs/non-finite-number"] == 1
    assert stats["oursay/repairs/leading-zero-number"] == 1


def test_robots_txt_is_obeyed(fts: tuple[FindATenderSim, SimServer], tmp_path: Path) -> None:
    app, server = fts
    app.robots_txt = "User-agent: *\nDisallow: /api/\n"
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl(
        "find-a-tender",
        server.url,
        database,
        "--since",
        "2026-08-12T06:00:00",
        "--until",
        "2026-08-12T12:00:00",
        nothing_collected=True,
    )
    assert [r.path for r in server.requests] == ["/robots.txt"]
    (failure,) = failures(database)
    assert "robots.txt" in failure.reason
    assert records(database) == {}


# --- interrupted crawls end where uninterrupted ones do ------------------------------------

SPAN = ("--since", "2026-08-10", "--until", "2026-08-15")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database after one uninterrupted crawl of SPAN."""
    path = tmp_path_factory.mktemp("baseline") / "db.sqlite"
    with (
        pytest.MonkeyPatch.context() as patch,
        serve_fts_sample(max_page_size=2) as server,
    ):
        patch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))
        crawl("find-a-tender", server.url, f"sqlite:///{path}", *SPAN)
    return path


@pytest.fixture(scope="module")
def uninterrupted(baseline: Path) -> dict[str, str]:
    """Record keys and content hashes after one uninterrupted crawl of SPAN."""
    found = fingerprint(f"sqlite:///{baseline}")
    assert len(found) == 6  # 08-10 termination, four of 08-12, 08-14 contract details
    return found


def test_crashed_server_then_rerun_matches_uninterrupted(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path, uninterrupted: dict[str, str]
) -> None:
    app, server = fts
    app.faults = Faults(crash_after_pages=10)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *SPAN, expect_failures=True)
    partial = fingerprint(database)
    assert partial and set(partial) < set(uninterrupted)
    assert failures(database) and all(f.http_status == 500 for f in failures(database))
    stopped_at = checkpoint(database, "find-a-tender")
    assert stopped_at is not None and stopped_at < uk("2026-08-15")

    app.heal()
    before = len(api_requests(server, FTS_API))
    crawl("find-a-tender", server.url, database, "--until", "2026-08-15")
    # The rerun starts at the first incomplete window, not at the beginning.
    assert uk(api_requests(server, FTS_API)[before].arg("updatedFrom") or "") == stopped_at
    assert fingerprint(database) == uninterrupted
    assert checkpoint(database, "find-a-tender") == uk("2026-08-15")


def test_killed_crawl_then_rerun_matches_uninterrupted(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path, uninterrupted: dict[str, str]
) -> None:
    app, server = fts
    # After 12 pages the server stops answering; the crawl is killed while it waits.
    app.faults = Faults(hang_after_pages=12, hang_seconds=30)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    process = subprocess.Popen(
        crawl_command("find-a-tender", server.url, *SPAN),
        env={**os.environ, "OURSAY_DATABASE_URL": database},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(api_requests(server, FTS_API)) <= 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(api_requests(server, FTS_API)) > 12, "the crawl never reached the hang"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        app.heal()
    partial = fingerprint(database)
    assert set(partial) < set(uninterrupted)
    killed_at = checkpoint(database, "find-a-tender")
    assert killed_at is not None and killed_at < uk("2026-08-15")

    before = len(api_requests(server, FTS_API))
    crawl("find-a-tender", server.url, database, "--until", "2026-08-15")
    first = api_requests(server, FTS_API)[before]
    assert uk(first.arg("updatedFrom") or "") == killed_at
    assert fingerprint(database) == uninterrupted
    assert checkpoint(database, "find-a-tender") == uk("2026-08-15")


def test_crawl_and_ingest_store_the_same_rows(
    baseline: Path, tmp_path: Path, uninterrupted: dict[str, str]
) -> None:
    from crawlers.ingest import ingest_files
    from crawlers.sim.procurement import FTS_SAMPLE

    copy = tmp_path / "db.sqlite"
    shutil.copyfile(baseline, copy)
    database = f"sqlite:///{copy}"
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        assert ingest_files([FTS_SAMPLE], out=handle, database_url=database) == 0
    # The six notices the crawl stored are unchanged; the five outside its span are new.
    assert "stored 5 new, 0 changed, 6 unchanged; 2 not council; 0 errors" in out.read_text()
    after = fingerprint(database)
    assert {k: after[k] for k in uninterrupted} == uninterrupted


# --- Contracts Finder --------------------------------------------------------------------


def test_cf_crawl_waits_out_403_and_repairs_text(
    cf: tuple[ContractsFinderSim, SimServer], tmp_path: Path
) -> None:
    app, server = cf
    app.faults = Faults(rate_limit=1, broken_utf8=True)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl(
        "contracts-finder", server.url, database, "--since", "2026-08-01", "--until", "2026-08-21"
    )
    stored = records(database)
    assert {r.council_code for r in stored.values()} == {"EXA", "SMP"}
    assert len(stored) == 4  # the town council's and the NHS trust's notices are dropped
    day = next(r for r in stored.values() if r.title.startswith("Day Opportunities"))
    # Invalid UTF-8 on the wire and mojibake in the text both come out readable.
    assert day.title == "Day Opportunities – Adults with Learning Disabilities (sample)"
    assert "worth £450,000" in day.description and "•\tThree day centres" in day.description
    assert (day.regime, day.value_amount, day.source) == ("PCR2015", 450000, "contracts-finder")
    assert day.url and day.url.startswith("https://www.contractsfinder.service.gov.uk/Notice/")
    toilets = next(r for r in stored.values() if r.buyer_id == "GB-LAE-EXA")
    assert toilets.data["buyer_match"] == "identifier"

    stats = last_run(database).stats
    assert stats["oursay/rate_limit/403"] == 1
    assert stats["oursay/repairs/invalid-utf8"] >= 1
    assert stats["oursay/releases/not_council"] == 2
    requests = api_requests(server, CF_API)
    assert requests[1].at - requests[0].at >= 0.9 and requests[1].query == requests[0].query
    # Two 15-day windows: 1–16 and 16–21 August.
    starts = [r.arg("publishedFrom") for r in requests if not r.arg("cursor")]
    assert starts[-2:] == ["2026-08-01T00:00:00", "2026-08-16T00:00:00"]
    assert checkpoint(database, "contracts-finder") == uk("2026-08-21")
    for record in stored.values():
        assert "@" not in json.dumps(record.data) and "contactPoint" not in json.dumps(record.data)


def test_council_filter_keeps_its_own_checkpoint(
    cf: tuple[ContractsFinderSim, SimServer], tmp_path: Path
) -> None:
    _, server = cf
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = crawl(
        "contracts-finder",
        server.url,
        database,
        "--council",
        "SMP",
        "--since",
        "2026-08-01",
        "--until",
        "2026-08-21",
    )
    assert "records 1 new" in result.stdout
    assert {r.council_code for r in records(database).values()} == {"SMP"}
    assert checkpoint(database, "contracts-finder") is None
    with Session(get_engine(database)) as session:
        scoped = session.get(CrawlCheckpoint, ("contracts-finder", "SMP"))
        assert scoped is not None and scoped.complete_until == uk("2026-08-21")
