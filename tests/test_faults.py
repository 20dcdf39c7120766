"""Faults of the outside world, injected by the simulated Find a Tender on 127.0.0.1 (issue
14, point 4): connections reset before any answer, an answer that trickles in, a host down
for the whole run. Each run completes what it can, records the rest, moves no checkpoint
past what it did not store, and the next run picks up. (Rate limits with and without
Retry-After, 503 bursts, slow answers, hung and crashed servers and killed crawls are in
tests/test_procurement_crawl.py and tests/test_hangs.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import free_port
from test_procurement_crawl import (
    FTS_API,
    WINDOW_0812,
    checkpoint,
    crawl,
    failures,
    fts,
    last_run,
    records,
    sample_councils,
    uk,
)

from crawlers.sim.procurement import Faults, FindATenderSim
from crawlers.sim.server import SimServer

__all__ = ["fts", "sample_councils"]  # fixtures shared with the crawl tests

pytestmark = pytest.mark.slow

WINDOW = ("--since", "2026-08-12T06:00:00", "--until", "2026-08-12T12:00:00")


def test_connection_resets_are_retried_and_lose_nothing(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(reset=2)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *WINDOW, settings=["RETRY_TIMES=3"])
    assert set(records(database)) == WINDOW_0812
    # Both reset requests were asked again: every page the crawl used, plus the two resets.
    assert len(server.requests_to(FTS_API)) == app.pages_served + 2
    assert last_run(database).stats.get("retry/count", 0) >= 1
    assert failures(database) == []
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T12:00:00")


def test_a_host_that_resets_every_connection_is_recorded_and_the_next_run_picks_up(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    app.faults = Faults(reset=1000)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", server.url, database, *WINDOW, nothing_collected=True)
    (failure,) = failures(database)
    assert "Connection" in failure.reason or "connection" in failure.reason, failure.reason
    assert records(database) == {} and checkpoint(database, "find-a-tender") is None
    app.faults = Faults()  # the host recovers
    crawl("find-a-tender", server.url, database, *WINDOW)
    assert set(records(database)) == WINDOW_0812
    assert checkpoint(database, "find-a-tender") == uk("2026-08-12T12:00:00")


def test_an_answer_that_trickles_in_times_out_and_the_next_run_picks_up(
    fts: tuple[FindATenderSim, SimServer], tmp_path: Path
) -> None:
    app, server = fts
    # 64 bytes every 0.2 s: a page of releases would take minutes; the timeout is 2 s.
    app.faults = Faults(trickle=0.2)
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl(
        "find-a-tender",
        server.url,
        database,
        *WINDOW,
        settings=["DOWNLOAD_TIMEOUT=2"],
        nothing_collected=True,
    )
    (failure,) = failures(database)
    assert "took longer than 2" in failure.reason, failure.reason
    assert checkpoint(database, "find-a-tender") is None
    app.faults = Faults()
    crawl("find-a-tender", server.url, database, *WINDOW)
    assert set(records(database)) == WINDOW_0812


def test_a_host_down_for_the_whole_run_is_recorded(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    crawl("find-a-tender", nobody, database, *WINDOW, nothing_collected=True)
    found = failures(database)
    assert found and all("refused" in f.reason.lower() for f in found), [f.reason for f in found]
    assert records(database) == {} and checkpoint(database, "find-a-tender") is None
