"""Crawl memory: a council's documents wait outside Scrapy's queue, a few at a time, so a
crawl holds requests in proportion to what it is fetching, not to the size of the site
(bench/bench_crawl_memory.py measures the memory over 10,000 documents). Before, every
document of the site was a queued Request before the first was fetched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_council_crawl import SAMPLE_COUNCILS, WINDOW, crawl, rows

from crawlers.documents import DocumentDownloads
from crawlers.sim.large import LargeModernGovSim
from crawlers.sim.moderngov import document_request_count
from crawlers.sim.probe import STAT
from crawlers.sim.server import SimServer

pytestmark = pytest.mark.slow


def test_documents_wait_outside_the_queue_and_all_arrive(tmp_path: Path) -> None:
    sim = LargeModernGovSim(meetings=6)  # 300 documents, 75 of them HTML
    database = tmp_path / "oursay.db"
    probe = '{"crawlers.summary.CrawlSummary": 500, "crawlers.sim.probe.SchedulerProbe": 900}'
    with SimServer(sim) as server:
        result = crawl(
            "moderngov", database, SAMPLE_COUNCILS, "--council", "EXA",
            "--base-url", server.url, *WINDOW, "--set", f"EXTENSIONS={probe}",
        )  # fmt: skip
        requests = list(server.requests)
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = [f"{r.path}?{r.query}" for r in requests if document_request_count([r])]
    assert len(fetched) == len(set(fetched)) == 300  # each once
    assert rows(database, "select status, count(*) from documents group by status") == [("ok", 300)]
    assert rows(database, "select count(*) from crawl_checkpoints") == [(1,)]
    ((stats,),) = rows(database, "select stats from crawl_runs")
    most = json.loads(stats)[STAT]
    # The documents in Scrapy's queue at once, plus the meeting pages (6) and the few
    # other pages: not the 300 documents of the site.
    assert DocumentDownloads.DOCUMENTS_QUEUED_PER_SITE == 16
    assert most <= 16 + 12, most
