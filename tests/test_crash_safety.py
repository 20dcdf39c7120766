"""Crash safety: ``oursay ingest``, ``oursay monitor`` and a Find a Tender crawl (against
the simulated API on 127.0.0.1) are killed with SIGKILL at seeded random points (once a
seeded number of rows, up to 90% of an uninterrupted run's, is committed), then run again
to the end. The SQLite file must pass ``integrity_check`` and the foreign key check, hold
no orphan rows and no record with two current assessments, keep no crawl checkpoint past
the releases it stored, and end with the same rows (a canonical dump) as an uninterrupted
run of the same input.

Real processes, a real SQLite file, the project's sample Find a Tender releases.
"""

from __future__ import annotations

import copy
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from crawlers.sim.procurement import FTS_SAMPLE, SAMPLE_COUNCILS_CSV

REPO = Path(__file__).resolve().parents[1]
SEED = 14  # issue 14; change it to try other kill points
RELEASES = 1200
KILLS = 2  # kills per command before the run that is let finish


def write_releases(path: Path, count: int) -> None:
    """JSON lines, one release each: the sample releases repeated with unique ids."""
    package = json.loads(FTS_SAMPLE.read_text(encoding="utf-8"))
    releases = package["releases"]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            twin = copy.deepcopy(releases[n % len(releases)])
            copy_number = n // len(releases)
            if copy_number:
                twin["ocid"] = f"{twin['ocid']}-c{copy_number}"
                twin["id"] = f"{twin['id']}-c{copy_number}"
            handle.write(json.dumps(twin) + "\n")


def environment(database: Path) -> dict[str, str]:
    keep = {"OURSAY_ALLOW_PRIVATE_ADDRESSES"}  # conftest: the simulated sites are loopback
    env = {k: v for k, v in os.environ.items() if not k.startswith("OURSAY_") or k in keep}
    env["OURSAY_DATABASE_URL"] = f"sqlite:///{database}"
    env["OURSAY_EXTRA_COUNCILS"] = str(SAMPLE_COUNCILS_CSV)  # the sample buyers are councils
    env["PYTHONPATH"] = str(REPO)
    return env


def oursay(args: list[str], database: Path, kill_at: tuple[str, int] | None = None) -> bool:
    """Run ``oursay ARGS`` to the end, or with ``kill_at=(table, rows)`` SIGKILL it as soon
    as another connection sees that many committed rows in the table (unless it finished
    first). Returns whether it was killed. Progress, not time, picks the moment: on a busy
    machine a time would as often land in start-up or after the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oursay", *args],
        env=environment(database),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if kill_at is not None:
        table, rows = kill_at
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if _rows(database, table) >= rows:
                process.send_signal(signal.SIGKILL)
                process.communicate()
                return True
            time.sleep(0.01)  # polling a file another process writes; no event to wait on
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    return False


def _rows(database: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.1) as connection:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0  # no file or no table yet, or busy: not there yet


def check_consistent(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        if "records" not in tables:
            return  # killed before the schema was committed: nothing written yet
        orphans = {
            "documents": "SELECT count(*) FROM documents d LEFT JOIN records r "
            "ON r.id = d.record_id WHERE r.id IS NULL",
            "assessments": "SELECT count(*) FROM assessments a LEFT JOIN records r "
            "ON r.id = a.record_id WHERE r.id IS NULL",
            "links": "SELECT count(*) FROM record_links l LEFT JOIN records a "
            "ON a.id = l.from_record_id LEFT JOIN records b ON b.id = l.to_record_id "
            "WHERE a.id IS NULL OR b.id IS NULL",
            "two current assessments": "SELECT count(*) FROM (SELECT record_id FROM "
            "assessments WHERE is_current GROUP BY record_id HAVING count(*) > 1)",
        }
        for name, query in orphans.items():
            assert connection.execute(query).fetchone() == (0,), name


def canonical(database: Path) -> dict[str, list[Any]]:
    """The rows that matter, by natural keys (ids and timestamps differ between runs)."""
    queries = {
        "records": "SELECT source, source_key, kind, council_code, content_hash, title, "
        "published_at FROM records",
        "documents": "SELECT r.source_key, d.url, d.title FROM documents d "
        "JOIN records r ON r.id = d.record_id",
        "assessments": "SELECT r.source_key, a.rules_version, a.input_hash, a.is_current, "
        "a.is_outsourcing, a.is_asset_sale, a.has_consultation, a.has_inhouse_statement, "
        "a.should_flag, a.publish_state, a.evidence, a.decision_group FROM assessments a "
        "JOIN records r ON r.id = a.record_id",
        "links": "SELECT a.source_key, b.source_key, l.relation, l.method FROM record_links l "
        "JOIN records a ON a.id = l.from_record_id JOIN records b ON b.id = l.to_record_id",
    }
    with sqlite3.connect(database) as connection:
        return {
            name: sorted(map(repr, connection.execute(query).fetchall()))
            for name, query in queries.items()
        }


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database in WAL mode: through SQLite's backup API (the
    main file alone can lack committed pages still in ``-wal``), over a target whose own
    ``-wal`` and ``-shm`` are removed first (a stale WAL left beside a replaced main file
    would be replayed into it and corrupt it)."""
    for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        path.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def killed_then_finished(
    args: list[str], database: Path, table: str, total: int, rng: random.Random
) -> list[tuple[int, bool]]:
    """Kill ``oursay ARGS`` KILLS times, each once a seeded number of rows (up to 90% of
    the uninterrupted run's ``total``) is in ``table``, checking consistency after each
    kill; then let it finish. Returns (rows, killed) per kill."""
    points = []
    for _ in range(KILLS):
        rows = rng.randint(1, max(1, total * 9 // 10))
        killed = oursay(args, database, kill_at=(table, rows))
        check_consistent(database)
        points.append((rows, killed))
    oursay(args, database)
    check_consistent(database)
    return points


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_ingest_and_monitor_survive_sigkill(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    releases = tmp_path / "releases.jsonl"
    write_releases(releases, RELEASES)
    ingest = ["ingest", "--create", str(releases)]

    # Uninterrupted: ingest, then monitor (a copy of the ingested file is kept for the
    # monitor's killed runs, so that both start from the same rows).
    reference = tmp_path / "reference.db"
    oursay(ingest, reference)
    ingested = tmp_path / "ingested.db"
    copy_database(reference, ingested)
    oursay(["monitor"], reference)
    expected = canonical(reference)
    assert len(expected["records"]) > 1000 and expected["assessments"]

    # Killed ingest, then finished: the same records and documents as the reference.
    crashed = tmp_path / "crashed.db"
    points = killed_then_finished(ingest, crashed, "records", len(expected["records"]), rng)
    assert any(killed for _, killed in points), points
    after_ingest = canonical(crashed)
    for table in ("records", "documents"):
        assert after_ingest[table] == expected[table], (table, points)

    # Killed monitor (on the uninterrupted ingest's rows), then finished.
    copy_database(ingested, crashed)
    total = len(expected["assessments"])
    points = killed_then_finished(["monitor"], crashed, "assessments", total, rng)
    assert any(killed for _, killed in points), points
    assert canonical(crashed) == expected, points


CRAWL_SINCE, CRAWL_UNTIL = "2026-08-01", "2026-08-03"  # 8 windows of 6 hours
CRAWL_SETTINGS = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0",
                  "LOG_LEVEL=WARNING"]  # fmt: skip


def crawl_releases(count: int) -> list[dict[str, Any]]:
    """Sample releases with unique ids, spread over the crawl's two days."""
    from datetime import UTC, datetime, timedelta

    releases = json.loads(FTS_SAMPLE.read_text(encoding="utf-8"))["releases"]
    start = datetime(2026, 8, 1, 0, 30, tzinfo=UTC)
    out = []
    for n in range(count):
        twin = copy.deepcopy(releases[n % len(releases)])
        twin["ocid"], twin["id"] = f"{twin['ocid']}-k{n}", f"{twin['id']}-k{n}"
        moment = start + timedelta(minutes=(47 * 60 - 60) * n / count)
        twin["date"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(twin)
    return out


def crawl_args(server_url: str, database: Path) -> list[str]:
    """Resume from the checkpoint when there is one (as a scheduled run does), else from
    the start of the sample days."""
    args = ["crawl", "find-a-tender", "--create", "--base-url", server_url, "--until", CRAWL_UNTIL]
    if not _checkpoints(database):
        args += ["--since", CRAWL_SINCE]
    for setting in CRAWL_SETTINGS:
        args += ["--set", setting]
    return args


def _checkpoints(database: Path) -> list[str]:
    if not database.exists():
        return []
    with sqlite3.connect(database) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        if "crawl_checkpoints" not in tables:
            return []
        return [t for (t,) in connection.execute("SELECT complete_until FROM crawl_checkpoints")]


def check_checkpoint_not_past_data(
    database: Path, released: dict[str, str], expected: set[str]
) -> None:
    """Every stored-in-the-reference release dated before a checkpoint is stored here."""
    from datetime import datetime

    for until in _checkpoints(database):
        moment = datetime.fromisoformat(until.replace(" ", "T").removesuffix("Z"))
        before = {
            key for key, date in released.items()
            if key in expected and datetime.fromisoformat(date[:-1]) < moment.replace(tzinfo=None)
        }  # fmt: skip
        with sqlite3.connect(database) as connection:
            stored = {k for (k,) in connection.execute("SELECT source_key FROM records")}
        assert before <= stored, (until, len(before - stored))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_crawl_survives_sigkill(tmp_path: Path) -> None:
    from crawlers.sim.procurement import FindATenderSim
    from crawlers.sim.server import SimServer

    rng = random.Random(SEED + 1)
    releases = crawl_releases(600)
    released = {f"{r['ocid']}/{r['id']}": r["date"] for r in releases}
    with SimServer(FindATenderSim(releases=releases, max_page_size=25)) as server:
        reference = tmp_path / "reference.db"
        oursay(crawl_args(server.url, reference), reference)
        expected = canonical(reference)
        keys = {eval(row)[1] for row in expected["records"]}
        assert len(keys) > 400

        crashed = tmp_path / "crashed.db"
        points = []
        for _ in range(KILLS):
            rows = rng.randint(1, len(keys) * 9 // 10)
            killed = oursay(crawl_args(server.url, crashed), crashed, kill_at=("records", rows))
            points.append((rows, killed, _checkpoints(crashed)))
            check_consistent(crashed)
            check_checkpoint_not_past_data(crashed, released, keys)
        assert any(killed for _, killed, _ in points), points
        oursay(crawl_args(server.url, crashed), crashed)
        check_consistent(crashed)
    after = canonical(crashed)
    for table in ("records", "documents"):
        assert after[table] == expected[table], (table, points)
