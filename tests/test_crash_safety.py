"""Crash safety: ``oursay ingest`` and ``oursay monitor`` are killed with SIGKILL at seeded
random points (a fraction of an uninterrupted run's duration, measured in the same test),
then run again to the end. The SQLite file must pass ``integrity_check`` and the foreign
key check, hold no orphan rows and no record with two current assessments, and end with
the same rows (a canonical dump) as an uninterrupted run of the same input.

Real processes, a real SQLite file, the project's sample Find a Tender releases.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
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
    env = {k: v for k, v in os.environ.items() if not k.startswith("OURSAY_")}
    env["OURSAY_DATABASE_URL"] = f"sqlite:///{database}"
    env["OURSAY_EXTRA_COUNCILS"] = str(SAMPLE_COUNCILS_CSV)  # the sample buyers are councils
    env["PYTHONPATH"] = str(REPO)
    return env


def oursay(args: list[str], database: Path, kill_after: float | None = None) -> bool:
    """Run ``oursay ARGS``; with ``kill_after``, SIGKILL it after that many seconds unless
    it has finished. Returns whether it was killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oursay", *args],
        env=environment(database),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _, stderr = process.communicate(timeout=kill_after if kill_after is not None else 300)
    except subprocess.TimeoutExpired:
        if kill_after is None:
            process.kill()
            raise
        process.send_signal(signal.SIGKILL)
        process.communicate()
        return True
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    return False


def timed(args: list[str], database: Path) -> float:
    started = time.monotonic()
    oursay(args, database)
    return time.monotonic() - started


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


def killed_then_finished(
    args: list[str], database: Path, duration: float, rng: random.Random
) -> list[float]:
    """Kill ``oursay ARGS`` KILLS times at seeded points of an uninterrupted ``duration``,
    checking consistency after each kill, then let it finish. Returns the kill points."""
    points = []
    for _ in range(KILLS):
        point = round(rng.uniform(0.25, 0.95) * duration, 3)
        points.append(point)
        oursay(args, database, kill_after=point)
        check_consistent(database)
    oursay(args, database)
    check_consistent(database)
    return points


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_ingest_and_monitor_survive_sigkill(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    releases = tmp_path / "releases.jsonl"
    write_releases(releases, RELEASES)
    ingest = ["ingest", str(releases)]

    # Uninterrupted: ingest, then monitor (a copy of the ingested file is kept for the
    # monitor's killed runs, so that both start from the same rows).
    reference = tmp_path / "reference.db"
    ingest_seconds = timed(ingest, reference)
    ingested = tmp_path / "ingested.db"
    shutil.copy(reference, ingested)
    monitor_seconds = timed(["monitor"], reference)
    expected = canonical(reference)
    assert len(expected["records"]) > 1000 and expected["assessments"]

    # Killed ingest, then finished: the same records and documents as the reference.
    crashed = tmp_path / "crashed.db"
    points = killed_then_finished(ingest, crashed, ingest_seconds, rng)
    after_ingest = canonical(crashed)
    for table in ("records", "documents"):
        assert after_ingest[table] == expected[table], (table, points)

    # Killed monitor (on the uninterrupted ingest's rows), then finished.
    shutil.copy(ingested, crashed)
    points = killed_then_finished(["monitor"], crashed, monitor_seconds, rng)
    assert canonical(crashed) == expected, points
