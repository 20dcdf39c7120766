"""Find a Tender crawl throughput: ``oursay crawl find-a-tender`` (parse, normalise, council
match, SQLite upsert) against a bare Scrapy spider that only follows the same cursor chains.

    .venv/bin/python bench/bench_crawl.py [--releases 20000]

The simulated Find a Tender API (crawlers/sim/procurement.py) serves the project's sample
releases, repeated with unique ids and spread over 2026-08-01..20, on 127.0.0.1: about 250
releases per 6-hour window, 100 a page. A first, unmeasured crawl records every page;
the measured runs are served the recorded pages. The oursay crawl runs first; the first page of
each window it asked for (no cursor) is then the bare spider's start list, so both walk
exactly the same pages, one request at a time (the spider's own setting). Each runs in
its own process; wall time and the child's CPU time are printed, and the ratio of the
rates is the figure (goal: oursay >= 0.25 of the bare rate).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawlers.sim.procurement import (  # noqa: E402
    FTS_SAMPLE,
    SAMPLE_COUNCILS_CSV,
    SAMPLE_SINCE,
    SAMPLE_UNTIL,
    FindATenderSim,
    sample_releases,
)
from crawlers.sim.server import SimRequest, SimResponse, SimServer  # noqa: E402

API = "/api/1.0/ocdsReleasePackages"
FAST = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "OURSAY_RATE_LIMIT_MAX_WAIT=1",
    "RETRY_TIMES=0",
    "LOG_LEVEL=WARNING",
]

BARE_SPIDER = """
import json, sys
import scrapy
from scrapy.crawler import CrawlerProcess

class Bare(scrapy.Spider):
    name = "bare"
    start_urls = json.load(open(sys.argv[1]))
    releases = 0

    def parse(self, response):
        package = json.loads(response.body)
        Bare.releases += len(package.get("releases") or [])
        following = (package.get("links") or {}).get("next")
        if following:
            yield scrapy.Request(following, callback=self.parse)

process = CrawlerProcess({
    "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "TELNETCONSOLE_ENABLED": False,
})
process.crawl(Bare)
process.start()
print(Bare.releases)
"""


class ReplayedFindATender(FindATenderSim):
    """The simulated API with every answer kept after it is first computed, so that the
    measured runs are served recorded pages (the simulator filters all releases per
    request, which would otherwise be what both sides wait for)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.recorded: dict[tuple[str, str], object] = {}

    def __call__(self, request: SimRequest) -> SimResponse:
        key = (request.path, json.dumps(sorted(request.query.items())))
        answer = self.recorded.get(key)
        if answer is None:
            answer = self.recorded[key] = super().__call__(request)
        return answer  # type: ignore[return-value]


def releases(count: int) -> list[dict[str, object]]:
    sample = sample_releases(FTS_SAMPLE)
    start = datetime(2026, 8, 1, 1, tzinfo=UTC)
    span = timedelta(days=19, hours=20).total_seconds()
    out = []
    for n in range(count):
        twin = copy.deepcopy(sample[n % len(sample)])
        twin["ocid"] = f"{twin['ocid']}-b{n}"
        twin["id"] = f"{twin['id']}-b{n}"
        moment = start + timedelta(seconds=span * n / count)
        twin["date"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(twin)
    return out


def child(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, child CPU seconds, stdout) of one process run to the end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{command[2:5]} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=20_000)
    parser.add_argument(
        "--profile", metavar="FILE", help="run the measured oursay crawl under cProfile (slower)"
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    server = SimServer(ReplayedFindATender(releases=releases(args.releases)))
    server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="oursay-bench-") as folder:
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            env["OURSAY_DATABASE_URL"] = f"sqlite:///{Path(folder) / 'crawl.db'}"
            env["OURSAY_EXTRA_COUNCILS"] = str(SAMPLE_COUNCILS_CSV)
            # The simulated API is on loopback, which the crawl scope refuses by default.
            env["OURSAY_ALLOW_PRIVATE_ADDRESSES"] = "127.0.0.1"
            command = [sys.executable, "-m", "oursay", "crawl", "find-a-tender", "--base-url",
                       server.url, "--since", SAMPLE_SINCE, "--until", SAMPLE_UNTIL]  # fmt: skip
            for setting in FAST:
                command += ["--set", setting]
            # `oursay crawl` refuses a database that `oursay init` did not create.
            warm = {**env, "OURSAY_DATABASE_URL": f"sqlite:///{Path(folder) / 'w.db'}"}
            for database in (env, warm):
                child([sys.executable, "-m", "oursay", "init"], database)
            # A first crawl records every page; the measured runs replay them.
            child(command, warm)
            before = len(server.requests_to(API))
            if args.profile:
                command = [sys.executable, "-m", "cProfile", "-o", args.profile, *command[1:]]
            ours_wall, ours_cpu, _ = child(command, env)
            pages = server.requests_to(API)[before:]
            firsts = [
                f"{server.url.rstrip('/')}{r.path}?"
                + urlencode({k: v[0] for k, v in r.query.items()})
                for r in pages
                if "cursor" not in r.query
            ]
            start_file = Path(folder) / "start.json"
            start_file.write_text(json.dumps(firsts), encoding="utf-8")
            before = len(server.requests_to(API))
            # A file, not ``-c``: Scrapy reads a callback's source to check its generator.
            spider_file = Path(folder) / "bare_spider.py"
            spider_file.write_text(BARE_SPIDER, encoding="utf-8")
            bare_wall, bare_cpu, out = child(
                [sys.executable, str(spider_file), str(start_file)], env
            )
            bare_pages = len(server.requests_to(API)) - before
            bare_releases = int(out.strip().splitlines()[-1])
    finally:
        server.stop()
    print(f"pages: oursay {len(pages)}, bare {bare_pages}; releases served {bare_releases}")
    if bare_releases != args.releases:
        print(f"  (the bare spider saw {bare_releases} of {args.releases} releases)")
    ours_rate, bare_rate = args.releases / ours_wall, bare_releases / bare_wall
    for name, wall, rate, cpu in (
        ("oursay crawl", ours_wall, ours_rate, ours_cpu),
        ("bare spider", bare_wall, bare_rate, bare_cpu),
    ):
        print(f"  {name:<13} {wall:6.1f} s  {rate:7.0f} releases/s  (CPU {cpu:.1f} s)")
    print(f"  ratio oursay / bare (wall): {ours_rate / bare_rate:.2f}  [goal >= 0.25]")
    cpu_ratio = (args.releases / ours_cpu) / (bare_releases / bare_cpu)
    print(f"  ratio oursay / bare (CPU): {cpu_ratio:.2f}")
    print(f"  load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
