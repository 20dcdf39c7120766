"""Chosen feeds benchmark: building a nation, region, topic or saved-search feed on demand
(what the web app does on a cache miss) against the existing all-council feed
(``feeds/all``) as the baseline, on the same generated database.

    .venv/bin/python bench/bench_feed_choices.py [--councils 300] [--items 100] [--rounds 5]

Data: bench_feeds.py's fictional councils and flagged sample items, with the councils spread
over England's nine regions and one item in ten given CPV 2008 92511000 (library services),
one in ten "leisure centre" in its title. Each feed is built ``rounds`` times from a fresh
session (the database is SQLite in a temporary directory); the median is printed, and its
ratio to the baseline's median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_feeds import generate, machine  # noqa: E402
from sqlalchemy import create_engine, update  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from feeds.build import Links  # noqa: E402
from feeds.choices import find_feed, render_feed  # noqa: E402
from storage.models import Council, Record  # noqa: E402

REGIONS = [
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
]  # fmt: skip
FEEDS = [
    ("feeds/all", "baseline: all councils (existing feed)"),
    ("feeds/bn001", "one council (existing feed)"),
    ("feeds/nations/england", "nation"),
    ("feeds/regions/london", "region"),
    ("feeds/topics/libraries", "topic (CPV prefix and words)"),
    ("feeds/topics/leisure", "topic (words)"),
    ("feeds/search?q=leisure+centre", "saved search"),
]


def shape(url: str, councils: int) -> None:
    engine = create_engine(url)
    with Session(engine) as session:
        for n in range(1, councils + 1):
            session.execute(
                update(Council)
                .where(Council.code == f"BN{n:03d}")
                .values(nation="England", region=REGIONS[n % len(REGIONS)])
            )
        session.execute(
            update(Record).where(Record.id % 10 == 0).values(cpv_codes=["92511000"])
        )
        session.execute(
            update(Record)
            .where(Record.id % 10 == 5)
            .values(title="Sample leisure centre management contract")
        )
        session.commit()
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=300)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        records = generate(url, args.councils, args.items)
        shape(url, args.councils)
        print(f"{args.councils} councils, {records} flagged records, {args.rounds} rounds")
        engine = create_engine(url)
        links = Links("https://oursay.example.org/", web=True)
        medians: dict[str, float] = {}
        for key, label in FEEDS:
            times = []
            size = 0
            for _ in range(args.rounds):
                started = time.perf_counter()
                with Session(engine) as session:
                    spec = find_feed(session, key)
                    assert spec is not None, key
                    body = render_feed(session, spec, "rss", links)
                times.append(time.perf_counter() - started)
                size = len(body)
            medians[key] = statistics.median(times)
            ratio = medians[key] / medians[FEEDS[0][0]]
            print(
                f"{label:42} {key:34} {medians[key] * 1000:8.1f} ms  "
                f"x{ratio:4.2f}  {size / 1024:7.1f} KiB"
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
