"""The browser path: the real Chromium, driven by scrapy-playwright, gets past a simulated
firewall challenge that needs JavaScript to set a cookie, then crawls the site behind it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawlers.sim.moderngov import CLEARANCE_COOKIE, CLEARANCE_VALUE, ModernGovSim
from crawlers.sim.server import SimServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
SAMPLE_COUNCILS = REPO / "crawlers" / "sim" / "data" / "sample_councils.csv"


def test_challenge_page_needs_javascript() -> None:
    sim = ModernGovSim(mode="challenge")
    with SimServer(sim) as server:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"{server.url}/mgDelegatedDecisions.aspx?DS=2", timeout=5)
        assert answer.value.code == 503
        assert b"<title>Just a moment...</title>" in answer.value.read()
        # The cookie the page's script would set opens the site.
        request = urllib.request.Request(
            f"{server.url}/mgDelegatedDecisions.aspx?DS=2",
            headers={"Cookie": f"{CLEARANCE_COOKIE}={CLEARANCE_VALUE}"},
        )
        with urllib.request.urlopen(request, timeout=5) as page:
            assert b"Decisions published" in page.read()


def test_crawl_through_the_browser(chromium_path: str, tmp_path: Path) -> None:
    sim = ModernGovSim(mode="challenge", huge_bytes=3_000_000)
    database = tmp_path / "oursay.db"
    with SimServer(sim) as server:
        # `scrapy crawl` (the same spider) to pass `parts`: decisions and their issue
        # histories and papers are enough to show the browser path, and quicker.
        result = subprocess.run(
            [
                sys.executable,
                *["-m", "scrapy", "crawl", "moderngov", "-a", "council=EXA"],
                *["-a", f"base_url={server.url}", "-a", "parts=decisions"],
                *["-a", "since=2026-01-01", "-a", "until=2026-06-30"],
                *["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
                *["-s", "DOWNLOAD_MAXSIZE=2000000"],
            ],
            cwd=REPO,
            env={
                **os.environ,
                "OURSAY_DATABASE_URL": f"sqlite:///{database}",
                "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS),
                "OURSAY_CHROMIUM": chromium_path,
            },
            capture_output=True,
            text=True,
            timeout=110,
        )
        requests = list(server.requests)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "'oursay/challenges': 1" in result.stderr
    assert "'oursay/failures'" not in result.stderr
    # Chromium ran the challenge's script: later requests carry the cookie it computed.
    cleared = [r for r in requests if CLEARANCE_VALUE in r.headers.get("cookie", "")]
    assert len(cleared) > 10
    assert all("oursay" in r.headers.get("user-agent", "") for r in cleared)
    with sqlite3.connect(database) as connection:
        kinds = dict(connection.execute("select kind, count(*) from records group by kind"))
        documents = dict(
            connection.execute("select status, count(*) from documents group by status")
        )
        (text,) = connection.execute(
            "select p.text from document_pages p join documents d on d.id = p.document_id "
            "where d.url like '%s2001/Home%' and p.page_number = 2"
        ).fetchone()
    assert kinds == {"decision": 6, "issue": 4}
    # Documents came through the browser too (PDFs as bytes, not as the PDF viewer).
    assert documents == {"failed": 1, "ok": 8, "skipped": 4}
    assert "4. Alternative options considered and rejected" in text
