"""Issue 10 point 7: a real crawl of two simulated councils (one healthy, one whose site
answers nothing but 404) prints one summary line per council with its own counts, and
little else; ``-v`` with ``OURSAY_LOG_FORMAT=json`` logs JSON lines."""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawlers.sim.moderngov import ModernGovSim
from crawlers.sim.server import SimRequest, SimResponse, SimServer

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FAST = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "OURSAY_BROWSER=off",
    "DOWNLOAD_MAXSIZE=2000000",
]
LINE = re.compile(
    r"moderngov (?P<code>ZZ[AB]): (?P<pages>\d+) pages, (?P<items>\d+) items, "
    r"(?P<documents>\d+) documents, (?P<new>\d+) new, (?P<changed>\d+) changed, "
    r"(?P<errors>\d+) errors, (?P<seconds>\d+\.\d)s"
)


def gone(request: SimRequest) -> SimResponse:
    return SimResponse(404, "Not found", "text/plain")


def crawl(
    tmp_path: Path,
    *options: str,
    env: dict[str, str] | None = None,
    councils: tuple[str, ...] = ("ZZA", "ZZB"),
) -> tuple[subprocess.CompletedProcess[str], dict[str, dict[str, str]]]:
    database = tmp_path / "oursay.db"
    register = tmp_path / "councils.csv"
    # The sample's oversized document need only be over the cap set below.
    good = ModernGovSim(huge_bytes=2_100_000)
    with SimServer(good) as healthy, SimServer(gone) as broken:
        with register.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["code", "name", "platform", "base_url", "verify_tls", "browser"])
            writer.writerow(["ZZA", "Healthy (sample)", "moderngov", good.base_url(healthy.url)])
            writer.writerow(["ZZB", "Broken (sample)", "moderngov", broken.url])
        command = [sys.executable, "-m", "oursay", *options, "crawl", "moderngov", "--create"]
        for code in councils:
            command += ["--council", code]
        command += ["--since", "2026-01-01"]
        for setting in FAST:
            command += ["--set", setting]
        clean = {k: v for k, v in os.environ.items() if not k.startswith("OURSAY_")}
        result = subprocess.run(
            command,
            env={
                **clean,
                **(env or {}),
                "OURSAY_DATABASE_URL": f"sqlite:///{database}",
                "OURSAY_EXTRA_COUNCILS": str(register),
                "OURSAY_ALLOW_PRIVATE_ADDRESSES": "127.0.0.1",
            },
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    lines = {m["code"]: m.groupdict() for m in map(LINE.fullmatch, result.stdout.splitlines()) if m}
    return result, lines


def stored(database: Path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(database) as connection:
        records = dict(connection.execute("select council_code, count(*) from records group by 1"))
        failures = dict(
            connection.execute("select council_code, count(*) from crawl_failures group by 1")
        )
    return {code: (records.get(code, 0), failures.get(code, 0)) for code in ("ZZA", "ZZB")}


def test_one_summary_line_per_council_and_no_noise(tmp_path: Path) -> None:
    result, lines = crawl(tmp_path)
    assert result.returncode == 3, result.stderr[-3000:]  # partial: one council failed
    assert sorted(lines) == ["ZZA", "ZZB"], result.stdout
    counts = stored(tmp_path / "oursay.db")
    healthy, broken = lines["ZZA"], lines["ZZB"]
    # Each line's counts are that council's, and match what was stored.
    assert int(healthy["items"]) == int(healthy["new"]) == counts["ZZA"][0] > 0
    assert int(healthy["documents"]) > 0 and int(healthy["pages"]) > int(healthy["items"])
    assert healthy["errors"] == "0" and healthy["changed"] == "0"
    assert (broken["items"], broken["new"], broken["documents"]) == ("0", "0", "0")
    assert int(broken["errors"]) == counts["ZZB"][1] > 0 and int(broken["pages"]) > 0
    # Then the run's own line; and on standard error, no Scrapy banner or stats dump.
    assert result.stdout.splitlines()[-1].startswith("moderngov: finished; records ")
    assert "Scrapy" not in result.stderr and "Dumping Scrapy stats" not in result.stderr
    assert len(result.stderr.splitlines()) <= 6, result.stderr
    assert "crawling" not in result.stderr and "pages/s" not in result.stderr  # no bar: a pipe


def test_verbose_json_log_lines(tmp_path: Path) -> None:
    # The broken council alone: a short crawl (nothing collected, exit 4).
    result, lines = crawl(tmp_path, "-v", env={"OURSAY_LOG_FORMAT": "json"}, councils=("ZZB",))
    assert result.returncode == 4 and sorted(lines) == ["ZZB"], result.stderr[-3000:]
    logged = [line for line in result.stderr.splitlines() if line.startswith("{")]
    # Every line is a JSON object but the command's own verdict, printed, not logged.
    assert [line for line in result.stderr.splitlines() if line not in logged] == [
        "moderngov: nothing collected: 1 failures recorded; see the crawl_failures table"
    ]
    entries = [json.loads(line) for line in logged]
    assert all({"time", "level", "logger", "message"} <= set(entry) for entry in entries)
    # -v: Scrapy's INFO lines are back, start-up and the closing stats among them
    scrapy_info = {e["logger"] for e in entries if e["level"] == "INFO"}
    assert {"scrapy.utils.log", "scrapy.core.engine"} <= scrapy_info, scrapy_info
    assert any("Spider closed" in e["message"] for e in entries)


def test_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """``oursay ingest`` of several files shows a progress bar with counts, rate and time
    left when standard error is a terminal (a pseudo-terminal here); the crawl above, on
    a pipe, showed none."""
    import fcntl
    import pty
    import struct
    import termios

    from crawlers.sim.procurement import CF_SAMPLE, FTS_SAMPLE

    files = [str(FTS_SAMPLE), str(CF_SAMPLE), str(FTS_SAMPLE)]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OURSAY_")}
    env = {**clean, "OURSAY_DATABASE_URL": f"sqlite:///{tmp_path / 'oursay.db'}"}
    command = [sys.executable, "-m", "oursay", "ingest", "--create", *files]
    main, terminal = pty.openpty()
    # A terminal 120 columns wide: tqdm draws nothing on one of no width.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    try:
        process = subprocess.Popen(
            command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=terminal
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal closed: the command has ended
                break
            if not chunk:
                break
            shown += chunk
        out, _ = process.communicate(timeout=120)
    finally:
        os.close(main)
    assert process.returncode == 0, shown.decode(errors="replace")[-2000:]
    bar = shown.decode(errors="replace")
    assert re.search(r"\d/3 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+ files/s, releases=\d+\]", bar), bar
    assert "total: " in out.decode()
