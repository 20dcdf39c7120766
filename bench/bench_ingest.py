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


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def oursay_ingest(path: Path, url: str) -> tuple[float, str]:
    from crawlers.ingest import ingest_files

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


def report(backend: str, count: int, first: float, second: float, base: float, note: str) -> None:
    rate, rerun, base_rate = count / first, count / second, count / base
    print(f"{backend}:")
    print(f"  oursay ingest, first load   {first:7.2f} s  {rate:8.0f} releases/s  ({note})")
    print(f"  oursay ingest, same again   {second:7.2f} s  {rerun:8.0f} releases/s")
    print(f"  baseline json.loads+executemany {base:5.2f} s  {base_rate:8.0f} releases/s")
    print(f"  baseline / oursay (first load): {base_rate / rate:.1f}x")


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
        first, note = oursay_ingest(path, sqlite_url)
        second, _ = oursay_ingest(path, sqlite_url)
        base = baseline_sqlite(path, Path(folder) / "baseline.db")
        report("SQLite", count, first, second, base, note)

        created = create_postgres(args.postgres)
        if isinstance(created, str):
            print(f"PostgreSQL: skipped: {created}")
            return 0
        name, url = created
        try:
            upgrade(url)
            first, note = oursay_ingest(path, url)
            second, _ = oursay_ingest(path, url)
            base = baseline_postgres(path, url)
            from sqlalchemy import create_engine, text

            engine = create_engine(url)
            with engine.connect() as connection:
                version = connection.execute(text("show server_version")).scalar()
            engine.dispose()
            report(f"PostgreSQL {version}", count, first, second, base, note)
        finally:
            drop_postgres(args.postgres, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
