"""Issue 16, "each input fails alone": generated bad OCDS files through the real
``oursay ingest`` (a subprocess, as an operator runs it). Each bad file, release or
entry ends in one line naming it and its reason; everything good beside it is stored;
the exit status is non-zero; no traceback reaches the user."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawlers.sim.procurement import CF_SAMPLE, FTS_SAMPLE, SAMPLE_COUNCILS_CSV, FindATenderSim
from crawlers.sim.server import SimRequest, SimResponse, SimServer

REPO = Path(__file__).resolve().parents[1]


def oursay_ingest(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "OURSAY_DATABASE_URL": f"sqlite:///{tmp_path / 'oursay.db'}",
        "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS_CSV),
    }
    return subprocess.run(
        [sys.executable, "-m", "oursay", "ingest", *map(str, files)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def stored_keys(tmp_path: Path) -> set[str]:
    with sqlite3.connect(tmp_path / "oursay.db") as connection:
        return {key for (key,) in connection.execute("select source_key from records")}


def fts_releases() -> list[dict[str, Any]]:
    return json.loads(FTS_SAMPLE.read_text(encoding="utf-8"))["releases"]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_ingest_bad_file_then_good_file_stores_the_good_one(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(nested(5000))
    result = oursay_ingest(tmp_path, deep, CF_SAMPLE)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert f"oursay ingest: {deep}: error: invalid JSON: nested too deeply to read" in (
        result.stderr
    )
    assert f"{CF_SAMPLE}: 6 releases; stored 4 new, 0 changed, 0 unchanged" in result.stdout
    assert "1 of 2 files ok" in result.stdout
    assert len(stored_keys(tmp_path)) == 4


def test_each_bad_release_and_package_fails_alone(tmp_path: Path) -> None:
    fts = fts_releases()
    assert [r["id"] for r in fts[:3]] == ["990113-2026", "990112-2026", "990103-2026"]
    integer_ocid = {**fts[0], "ocid": 4200013}
    # Parseable (under Python's limit) but far deeper than any real release.
    deep_release = {**fts[2], "extra": json.loads(nested(900))}
    mixed = tmp_path / "mixed.json"
    mixed.write_text(
        json.dumps({"releases": [integer_ocid, 42, "a string", None, deep_release, fts[1]]})
    )
    releases_object = tmp_path / "releases-object.json"
    releases_object.write_text(json.dumps({"releases": {"0": fts[3]}}))
    # JSON lines: one package per line; the second line's releases are not an array.
    lines = tmp_path / "packages.jsonl"
    lines.write_text(
        json.dumps({"releases": [fts[5]]})
        + "\n"
        + json.dumps({"releases": "none today"})
        + "\n"
        + json.dumps([{"releases": [fts[6]]}, 7, {"records": [{"compiledRelease": [1]}]}])
        + "\n"
    )
    result = oursay_ingest(tmp_path, mixed, releases_object, lines, CF_SAMPLE)
    err = result.stderr
    assert "Traceback" not in err, err[-3000:]
    assert result.returncode == 1
    expected_errors = [
        f"oursay ingest: {mixed}: release '990113-2026' (releases[0]): "
        "ocid is a number (4200013), not a string",
        f"oursay ingest: {mixed}: releases[1]: a release is an object, not a number",
        f"oursay ingest: {mixed}: releases[2]: a release is an object, not a string",
        f"oursay ingest: {mixed}: releases[3]: a release is an object, not null",
        f"oursay ingest: {mixed}: release '990103-2026' (releases[4]): "
        "nested more than 100 levels deep",
        f"oursay ingest: {releases_object}: error: releases is an object, not an array",
        f"oursay ingest: {lines}:2: releases is a string, not an array",
        f"oursay ingest: {lines}:3: [1]: expected an OCDS package or release, got a number",
        f"oursay ingest: {lines}:3: [2].records[0]: compiledRelease is an array, not an object",
    ]
    for line in expected_errors:
        assert line in err.splitlines(), err
    assert len(err.splitlines()) == len(expected_errors), err
    out = result.stdout
    assert (
        f"{mixed}: 6 releases; stored 1 new, 0 changed, 0 unchanged; 0 not council; 5 errors"
        in out.splitlines()
    )
    assert f"{lines}: 4 releases; stored 2 new, " in out and out.count("; 3 errors") == 1
    assert "1 of 4 files ok" in out
    keys = stored_keys(tmp_path)
    # The good release beside the bad ones, the good lines, and the other file's.
    assert {f"{fts[i]['ocid']}/{fts[i]['id']}" for i in (1, 5, 6)} <= keys
    assert len(keys) == 3 + 4
    assert not any(fts[i]["id"] in key for i in (0, 2, 3) for key in keys)


@pytest.mark.parametrize("bad", ["releases-object", "integer-ocid"])
def test_oursay_ingest_bad_good_exits_non_zero_without_traceback(tmp_path: Path, bad: str) -> None:
    release = fts_releases()[0]
    path = tmp_path / f"{bad}.json"
    if bad == "releases-object":
        path.write_text(json.dumps({"releases": {"only": release}}))
    else:
        path.write_text(json.dumps({**release, "ocid": 990113}))
    result = oursay_ingest(tmp_path, path, FTS_SAMPLE)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"oursay ingest: {path}: ")
    assert "not an array" in line or "ocid is a number (990113), not a string" in line
    assert f"{FTS_SAMPLE}: 13 releases; stored 11 new, " in result.stdout
    assert len(stored_keys(tmp_path)) == 11


# --- Find a Tender: a page nested too deeply fails its window, not the crawl ----------------

FTS_API = "/api/1.0/ocdsReleasePackages"
FAST_CRAWL = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "OURSAY_RATE_LIMIT_MAX_WAIT=1",
    "RETRY_TIMES=0",
    "LOG_LEVEL=WARNING",
]


def test_fts_page_nested_too_deeply_fails_its_window_and_the_walk_goes_on(
    tmp_path: Path,
) -> None:
    sim = FindATenderSim(max_page_size=2)
    deep_window = "2026-08-12T06:00:00"

    def api(request: SimRequest) -> SimResponse:
        # The busy window's first page is a valid-looking package nested 5,000 deep.
        if request.path == FTS_API and request.arg("updatedFrom") == deep_window:
            body = '{"releases": ' + nested(5000) + "}"
            return SimResponse(200, body, "application/json")
        return sim(request)

    database = tmp_path / "oursay.db"
    with SimServer(api) as server:
        command = [sys.executable, "-m", "oursay", "crawl", "find-a-tender"]
        command += ["--base-url", server.url, "--since", "2026-08-12", "--until", "2026-08-15"]
        for setting in FAST_CRAWL:
            command += ["--set", setting]
        result = subprocess.run(
            command,
            env={
                **os.environ,
                "OURSAY_DATABASE_URL": f"sqlite:///{database}",
                "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS_CSV),
            },
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        starts = [r.arg("updatedFrom") for r in server.requests_to(FTS_API) if not r.arg("cursor")]
    # Finished, partly: the failure is recorded with its reason and page.
    assert result.returncode == 3, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    with sqlite3.connect(database) as connection:
        ((reason, url, status),) = connection.execute(
            "select reason, url, http_status from crawl_failures"
        ).fetchall()
        checkpoints = connection.execute(
            "select complete_until from crawl_checkpoints where source = 'find-a-tender'"
        ).fetchall()
    assert reason == "invalid JSON: nested too deeply to read" and status == 200
    assert f"updatedFrom={deep_window.replace(':', '%3A')}" in url
    # Every later window was still requested and collected, none checkpointed: the
    # checkpoint stays at the end of the window before the failed one (06:00 BST).
    assert starts == [
        f"2026-08-{d}T{h}:00:00" for d in (12, 13, 14) for h in ("00", "06", "12", "18")
    ]
    assert "ocds-h6vhtk-e9a002/990103-2026" in stored_keys(tmp_path)  # 2026-08-14
    assert not any("990110-2026" in key for key in stored_keys(tmp_path))  # the deep window's
    assert checkpoints == [("2026-08-12 05:00:00.000000",)]
