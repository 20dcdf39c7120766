"""OCDS ingest throughput (``oursay ingest``) into SQLite and PostgreSQL.

Usage: ``python bench/bench_ingest.py [--releases N] [--postgres URL]``

Builds a release package of about N releases (default 5,000) from the real recorded Find a
Tender pages in ``../shared/fixtures/real/procurement`` (repeated, with ocids and release ids
made unique per copy), or, without ../shared, from the project's sample releases. Then loads
it with ``crawlers.ingest.ingest_files`` (tolerant parse, normalisation, council matching,
idempotent upserts) into a fresh SQLite file and into a throwaway PostgreSQL database, twice
each: the first load inserts, the second finds everything unchanged. Prints releases/s and,
as a baseline measured in the same run on the same backend, a plain ``json.loads`` plus one
raw ``executemany`` insert of the same rows. PostgreSQL is skipped, with the reason, when
the server is unreachable.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED_PAGES = REPO.parent / "shared" / "fixtures" / "real" / "procurement"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.release()}"
    )


def source_releases() -> tuple[list[dict[str, Any]], str]:
    from crawlers.ocds import iter_releases, parse_json

    pages = sorted(SHARED_PAGES.glob("fts_*.json")) if SHARED_PAGES.is_dir() else []
    if pages:
        releases = [r for p in pages for r in iter_releases(parse_json(p.read_bytes()).value)]
        return releases, f"{len(pages)} real recorded FTS pages from {SHARED_PAGES}"
    from crawlers.sim.procurement import FTS_SAMPLE, SAMPLE_COUNCILS_CSV

    # The sample buyers are councils only with the sample registry rows.
    os.environ["OURSAY_EXTRA_COUNCILS"] = str(SAMPLE_COUNCILS_CSV)
    releases = list(iter_releases(json.loads(FTS_SAMPLE.read_text(encoding="utf-8"))))
    return releases, f"the project's sample releases ({FTS_SAMPLE.name}); ../shared is absent"


def build_package(releases: list[dict[str, Any]], target: int) -> dict[str, Any]:
    out: list[dict[str, Any]] = []
    copy_number = 0
    while len(out) < target:
        for release in releases:
            if len(out) >= target:
                break
            twin = copy.deepcopy(release)
            if copy_number:
                twin["ocid"] = f"{release['ocid']}-b{copy_number}"
                twin["id"] = f"{release['id']}-b{copy_number}"
            out.append(twin)
        copy_number += 1
    return {"uri": "bench", "version": "1.1", "releases": out}


# Client-process CPU seconds of the last timed() call: on a shared machine the steadier
# figure for SQLite (in-process); for PostgreSQL the server's work is not in it.
LAST_CPU = [0.0]


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started, started_cpu = time.perf_counter(), time.process_time()
    result = action()
    LAST_CPU[0] = time.process_time() - started_cpu
    return time.perf_counter() - started, result


def oursay_ingest(path: Path, url: str) -> tuple[float, str]:
    from crawlers.buyers import normalise
    from crawlers.ingest import ingest_files

    normalise.cache_clear()  # each `oursay ingest` process starts with an empty cache
    out, err = io.StringIO(), io.StringIO()
    seconds, status = timed(lambda: ingest_files([path], out=out, errors=err, database_url=url))
    if status != 0:
        raise SystemExit(f"ingest failed: {err.getvalue()}")
    return seconds, out.getvalue().strip().split(": ", 1)[1]


def baseline_rows(path: Path) -> list[tuple[str, str, str, str]]:
    package = json.loads(path.read_bytes())
    return [
        (
            f"{r['ocid']}/{r['id']}",
            r["ocid"],
            (r.get("tender") or {}).get("title") or "",
            json.dumps(r),
        )
        for r in package["releases"]
    ]


def baseline_sqlite(path: Path, database: Path) -> float:
    def run() -> None:
        rows = baseline_rows(path)
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE raw (source_key TEXT PRIMARY KEY, ocid TEXT, title TEXT, data TEXT)"
        )
        connection.executemany("INSERT INTO raw VALUES (?, ?, ?, ?)", rows)
        connection.commit()
        connection.close()

    return timed(run)[0]


def baseline_postgres(path: Path, url: str) -> float:
    import psycopg

    conninfo = url.replace("postgresql+psycopg://", "postgresql://")

    def run() -> None:
        rows = baseline_rows(path)
        with psycopg.connect(conninfo) as connection, connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE raw (source_key TEXT PRIMARY KEY, ocid TEXT, title TEXT, data JSONB)"
            )
            cursor.executemany("INSERT INTO raw VALUES (%s, %s, %s, %s)", rows)

    return timed(run)[0]


def create_postgres(admin_url: str) -> tuple[str, str] | str:
    """(name, url) of a fresh database, or why there is none."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    name = f"oursay_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        return f"PostgreSQL unreachable at {admin_url}: {str(error.orig).strip()}"
    finally:
        engine.dispose()
    return name, make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    from storage.db import dispose_engines

    dispose_engines()
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def report(
    backend: str, count: int, runs: dict[str, tuple[float, float]], note: str, goal: int
) -> None:
    """``runs``: (wall, client CPU) seconds of "first", "again" and "baseline"."""
    print(f"{backend}:  [goal >= {goal} releases/s first load]")
    labels = {
        "first": "oursay ingest, first load",
        "again": "oursay ingest, same again",
        "baseline": "baseline json.loads+executemany",
    }
    for key, label in labels.items():
        wall, cpu = runs[key]
        print(
            f"  {label:<32} {wall:6.2f} s  {count / wall:7.0f} releases/s  "
            f"(client CPU {cpu:5.2f} s: {count / cpu:6.0f}/s)"
        )
    print(f"  first load: {note}")
    ratio = runs["first"][0] / runs["baseline"][0]
    print(f"  oursay / baseline time (first load, wall): {ratio:.1f}x")
    print(f"  load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=5000)
    parser.add_argument(
        "--postgres", default=DEFAULT_POSTGRES, help="admin URL of a PostgreSQL server"
    )
    args = parser.parse_args()

    from crawlers.buyers import BuyerMatcher
    from crawlers.ocds import normalise_release, parse_json, source_for_ocid
    from storage.councils import load_registry
    from storage.migrate import upgrade

    releases, origin = source_releases()
    package = build_package(releases, args.releases)
    count = len(package["releases"])
    print(f"machine: {machine()}")
    print(f"data: {count} releases built from {origin}")

    with tempfile.TemporaryDirectory(prefix="oursay-bench-") as folder:
        path = Path(folder) / "releases.json"
        path.write_text(json.dumps(package), encoding="utf-8")
        print(f"file: {path.stat().st_size / 1e6:.1f} MB")

        # Where the time goes without a database.
        parse_seconds, parsed = timed(lambda: parse_json(path.read_bytes()))
        matcher = BuyerMatcher(load_registry())
        normalise_seconds, items = timed(
            lambda: [
                normalise_release(r, source=source_for_ocid(r["ocid"]) or "", matcher=matcher)
                for r in parsed.value["releases"]
            ]
        )
        councils = sum(1 for item in items if item is not None)
        print(
            f"parse {parse_seconds:.2f} s ({count / parse_seconds:.0f}/s); normalise and match "
            f"{normalise_seconds:.2f} s ({count / normalise_seconds:.0f}/s); "
            f"{councils} council notices to store"
        )

        sqlite_url = f"sqlite:///{Path(folder) / 'oursay.db'}"
        upgrade(sqlite_url)  # migrations are not what is measured
        runs: dict[str, tuple[float, float]] = {}
        first, note = oursay_ingest(path, sqlite_url)
        runs["first"] = (first, LAST_CPU[0])
        second, _ = oursay_ingest(path, sqlite_url)
        runs["again"] = (second, LAST_CPU[0])
        base = baseline_sqlite(path, Path(folder) / "baseline.db")
        runs["baseline"] = (base, LAST_CPU[0])
        report("SQLite", count, runs, note, 2000)

        created = create_postgres(args.postgres)
        if isinstance(created, str):
            print(f"PostgreSQL: skipped: {created}")
            return 0
        name, url = created
        try:
            upgrade(url)
            runs = {}
            first, note = oursay_ingest(path, url)
            runs["first"] = (first, LAST_CPU[0])
            second, _ = oursay_ingest(path, url)
            runs["again"] = (second, LAST_CPU[0])
            base = baseline_postgres(path, url)
            runs["baseline"] = (base, LAST_CPU[0])
            from sqlalchemy import create_engine, text

            engine = create_engine(url)
            with engine.connect() as connection:
                version = connection.execute(text("show server_version")).scalar()
            engine.dispose()
            report(f"PostgreSQL {version}", count, runs, note, 1500)
        finally:
            drop_postgres(args.postgres, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
