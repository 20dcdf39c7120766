"""Crawl memory over 10,000 documents, against the same crawl over 1,000 in the same run;
then a second crawl of the unchanged site, which must download no document again.

    .venv/bin/python bench/bench_crawl_memory.py [--documents 10000] [--every 250]

A simulated ModernGov council (crawlers/sim/large.py: meetings of 10 agenda items with 5
documents each, three in four PDFs and one in four HTML, made up on request) is served on
127.0.0.1, and ``scrapy crawl moderngov -a parts=meetings`` (the spider, middlewares and
SQLite storage of a real crawl; only the politeness delays are off) crawls it in a child
process. Every ``--every`` documents the site answers, it reads the crawl process's
resident set size (VmRSS in /proc/<pid>/status), so the figures are per document handed
out, not per second. Printed: RSS at 1k, 5k and 10k documents, the slope (least squares
over the samples from 1k on, MB per 1,000 documents), the peak (VmHWM), and the baseline:
the same crawl of a 1,000-document site, from a fresh database, in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawlers.sim.large import LargeModernGovSim  # noqa: E402
from crawlers.sim.moderngov import document_request_count  # noqa: E402
from crawlers.sim.probe import STAT  # noqa: E402
from crawlers.sim.server import SimRequest, SimResponse, SimServer  # noqa: E402

SAMPLE_COUNCILS = REPO / "crawlers" / "sim" / "data" / "sample_councils.csv"
PER_MEETING = 50  # 10 items x 5 documents
FAST = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "LOG_LEVEL=WARNING",
    # The project's own extension, and the probe of Scrapy's queue (crawlers/sim/probe.py).
    'EXTENSIONS={"crawlers.summary.CrawlSummary": 500, "crawlers.sim.probe.SchedulerProbe": 900}',
]


def status_kb(pid: int, name: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of /proc/<pid>/status, in kB (None once it has exited)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{name}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else None


@dataclass
class Sampler:
    """Wraps the simulated site: counts the documents it hands out, and every ``every``
    documents reads the crawl process's RSS."""

    site: LargeModernGovSim
    every: int
    pid: int = 0
    documents: int = 0
    samples: list[tuple[int, int]] = field(default_factory=list)  # (documents, RSS kB)
    peak_kb: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: SimRequest) -> SimResponse:
        response = self.site(request)
        if document_request_count([request]):
            with self.lock:
                self.documents += 1
                count = self.documents
            if self.pid and count % self.every == 0:
                rss = status_kb(self.pid, "VmRSS")
                if rss is not None:
                    self.samples.append((count, rss))
                self.peak_kb = max(self.peak_kb, status_kb(self.pid, "VmHWM") or 0)
        return response

    def rss_at(self, documents: int) -> int | None:
        """RSS (kB) at the first sample at or after ``documents``."""
        return next((rss for n, rss in self.samples if n >= documents), None)


def crawl(sampler: Sampler, url: str, database: Path) -> tuple[float, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "OURSAY_DATABASE_URL": f"sqlite:///{database}",
        "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS),
        # The simulated site is on loopback, which the crawl scope refuses by default.
        "OURSAY_ALLOW_PRIVATE_ADDRESSES": "127.0.0.1",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "moderngov", "-a", "council=EXA",
               "-a", f"base_url={url}", "-a", "parts=meetings",
               "-a", "since=2026-01-01", "-a", "until=2026-06-30"]  # fmt: skip
    for setting in FAST:
        command += ["-s", setting]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler.pid = process.pid
    # The peak is read once more just before the end: poll while it runs.
    while process.poll() is None:
        sampler.peak_kb = max(sampler.peak_kb, status_kb(process.pid, "VmHWM") or 0)
        time.sleep(0.2)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"crawl failed ({process.returncode}): {err[-3000:]}")
    return time.perf_counter() - started, err


def stored(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("select status, count(*) from documents group by status"))


def queued_most(database: Path) -> int:
    """The most requests that waited in Scrapy's scheduler in the last run."""
    with sqlite3.connect(database) as connection:
        (stats,) = connection.execute("select stats from crawl_runs order by id desc").fetchone()
    return int(json.loads(stats).get(STAT, 0))


def slope_mb_per_1k(samples: list[tuple[int, int]], start: int) -> float:
    points = [(n, rss) for n, rss in samples if n >= start]
    if len(points) < 2:
        return 0.0
    mean_n = sum(n for n, _ in points) / len(points)
    mean_r = sum(r for _, r in points) / len(points)
    num = sum((n - mean_n) * (r - mean_r) for n, r in points)
    den = sum((n - mean_n) ** 2 for n, _ in points)
    return num / den * 1000 / 1024 if den else 0.0


def run(documents: int, every: int, folder: Path, name: str) -> tuple[Sampler, float, Path, str]:
    site = LargeModernGovSim(meetings=max(1, documents // PER_MEETING))
    sampler = Sampler(site, every)
    database = folder / f"{name}.db"
    with SimServer(sampler) as server:
        wall, _ = crawl(sampler, server.url, database)
        url = server.url
    return sampler, wall, database, url


def mb(kb: int | None) -> str:
    return f"{kb / 1024:6.1f} MB" if kb is not None else "     n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--every", type=int, default=250, help="sample RSS every N documents")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="oursay-bench-mem-") as tmp:
        folder = Path(tmp)
        base, base_wall, base_db, _ = run(args.baseline, args.every, folder, "baseline")
        print(
            f"baseline: {base.documents} documents in {base_wall:.1f} s; stored {stored(base_db)}"
        )
        print(f"  RSS at {args.baseline:,} documents {mb(base.rss_at(args.baseline))}; "
              f"peak {mb(base.peak_kb)}; most requests queued {queued_most(base_db)}")  # fmt: skip

        site = LargeModernGovSim(meetings=max(1, args.documents // PER_MEETING))
        big = Sampler(site, args.every)
        database = folder / "big.db"
        with SimServer(big) as server:
            wall, _ = crawl(big, server.url, database)
            print(f"crawl: {big.documents} documents in {wall:.1f} s "
                  f"({big.documents / wall:.0f}/s); stored {stored(database)}")  # fmt: skip
            for mark in sorted({m for m in (1_000, 5_000, 10_000) if m <= args.documents}
                               | {args.documents}):  # fmt: skip
                print(f"  RSS at {mark:>6,} documents {mb(big.rss_at(mark))}")
            print(f"  peak (VmHWM) {mb(big.peak_kb)}; most requests queued "
                  f"{queued_most(database)}")  # fmt: skip
            slope = slope_mb_per_1k(big.samples, 1_000)
            print(f"  slope from 1k on: {slope:+.2f} MB per 1,000 documents")
            start, end = big.rss_at(1_000), big.rss_at(args.documents)
            if start and end:
                print(f"  growth 1k -> {args.documents // 1000}k: {(end - start) / 1024:+.1f} MB")
            base_rss = base.rss_at(args.baseline)
            if base_rss and end:
                print(f"  RSS at {args.documents:,} / baseline RSS at {args.baseline:,}: "
                      f"{end / base_rss:.2f}")  # fmt: skip

            # The unchanged site again, into the same database: no document may come.
            before = len(server.requests)
            again = Sampler(site, args.every)
            server.app = again
            wall2, _ = crawl(again, server.url, database)
            second = document_request_count(server.requests[before:])
            pages = len(server.requests) - before - second
            print(f"second crawl, site unchanged: {second} document downloads, {pages} pages, "
                  f"{wall2:.1f} s, peak {mb(again.peak_kb)}  [goal: 0 downloads]")  # fmt: skip
        print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
