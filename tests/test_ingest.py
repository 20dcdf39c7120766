"""``oursay ingest``: real recorded packages from ../shared and the project's own files in
every shape the command accepts, through the same code path as the spiders."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawlers.ingest import ingest_files
from crawlers.sim.procurement import CF_SAMPLE, FTS_SAMPLE, SAMPLE_COUNCILS_CSV
from storage.db import get_engine
from storage.models import Record

REPO = Path(__file__).resolve().parents[1]


def run_ingest(paths: list[Path], database: str, **kwargs: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = ingest_files(paths, out=out, errors=err, database_url=database, **kwargs)
    return status, out.getvalue(), err.getvalue()


def stored(database: str) -> dict[str, Record]:
    with Session(get_engine(database)) as session:
        return {r.source_key: r for r in session.scalars(select(Record))}


def line_for(output: str, path: Path) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{path}:"))


def test_ingest_real_recorded_packages(shared_dir: Path, database: str) -> None:
    folder = shared_dir / "fixtures" / "real" / "procurement"
    pages = sorted(folder.glob("*.json"))
    status, out, err = run_ingest(pages, database)
    assert status == 0, err
    assert err == ""
    cambridge = folder / "fts_releasepackage_page_2026-08-12_p1_councils_leisure_fm.json"
    assert line_for(out, cambridge).startswith(f"{cambridge}: 100 releases; stored ")
    assert line_for(out, folder / "fts_releasepackage_empty_stages_combo.json").endswith(
        ": 0 releases; stored 0 new, 0 changed, 0 unchanged; 0 not council; 0 errors"
    )
    assert "total: 537 releases;" in out and "7 of 7 files ok" in out

    records = stored(database)
    award = records["ocds-h6vhtk-050998/076973-2026"]
    assert (award.council_code, award.notice_type, award.source) == ("CAB", "UK6", "find-a-tender")
    assert award.value_amount == Decimal("19922361.00")
    assert award.suppliers == [
        {"id": "GB-PPON-PDGW-6391-PLVW", "name": "Greenwich Leisure Limited"}
    ]
    durham = next(r for r in records.values() if r.buyer_id == "GB-LAE-DUR")
    assert (durham.council_code, durham.source) == ("DUR", "contracts-finder")
    assert all("contactPoint" not in json.dumps(r.data) for r in records.values())
    councils = {r.council_code for r in records.values()}
    assert {"BOT", "SHO", "WAF", "DGY", "SWA", "STN", "WAT"} <= councils

    # Loading the same files again changes nothing.
    status, out, _ = run_ingest(pages, database)
    assert status == 0
    assert " 0 new, 0 changed, " in line_for(out, cambridge)
    with Session(get_engine(database)) as session:
        assert session.scalar(select(func.count()).select_from(Record)) == len(records)


@pytest.fixture
def sample_councils(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(SAMPLE_COUNCILS_CSV))


def releases_of(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["releases"]


def test_ingest_every_file_shape(
    tmp_path: Path, sample_councils: None, sqlite_database: str
) -> None:
    fts, cf = releases_of(FTS_SAMPLE), releases_of(CF_SAMPLE)
    by_id = {r["id"]: r for r in fts}

    # A record package: the compiled release is stored, linked releases carry nothing.
    leisure = by_id["990103-2026"]
    record_package = tmp_path / "record-package.json"
    record_package.write_text(
        json.dumps(
            {
                "uri": "https://example.org/records.json",
                "records": [
                    {
                        "ocid": leisure["ocid"],
                        "releases": [{"url": "https://example.org/r.json", "date": "2026-08-05"}],
                        "compiledRelease": leisure,
                    }
                ],
            }
        )
    )
    # JSON lines of single releases (Contracts Finder).
    lines = tmp_path / "cf.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in cf))
    # JSON lines in a .json file: one release package a line.
    packages = tmp_path / "packages-per-line.json"
    packages.write_text(
        json.dumps({"releases": fts[8:10]}) + "\n" + json.dumps({"releases": fts[10:]}) + "\n"
    )
    # kingfisher-collect output: a folder of files, some single releases, some packages.
    collected = tmp_path / "kingfisher" / "united_kingdom_fts" / "20260821_000000"
    collected.mkdir(parents=True)
    for release in fts[:4]:
        (collected / f"{release['id']}.json").write_text(json.dumps(release))
    (collected / "package.json").write_text(json.dumps({"releases": fts[4:8]}))
    (collected / "scrapy.log").write_text("not data\n")

    status, out, err = run_ingest(
        [record_package, lines, packages, collected.parent.parent], sqlite_database
    )
    assert status == 0, err
    # Newest first: fts[8:] holds the five oldest sample releases, one of them the NHS trust's.
    assert line_for(out, packages).endswith(
        ": 5 releases; stored 4 new, 0 changed, 0 unchanged; 1 not council; 0 errors"
    )
    assert line_for(out, record_package).endswith(
        ": 1 releases; stored 1 new, 0 changed, 0 unchanged; 0 not council; 0 errors"
    )
    assert line_for(out, lines).endswith(
        ": 6 releases; stored 4 new, 0 changed, 0 unchanged; 2 not council; 0 errors"
    )
    assert line_for(out, collected / "package.json").startswith(f"{collected}/package.json: 4 ")
    assert "scrapy.log" not in out
    records = stored(sqlite_database)
    assert records["ocds-h6vhtk-e9a002/990103-2026"].notice_type == "UK7"
    assert {r.source for r in records.values()} == {"find-a-tender", "contracts-finder"}
    day = next(r for r in records.values() if r.title.startswith("Day Opportunities"))
    assert day.council_code == "EXA" and "£450,000" in day.description
    # 1 (record package) + 4 (CF lines) + 4 (two packages) + 4 + 3 (the parish's is dropped),
    # less the UK7 notice, which came both as the compiled release and in the folder.
    assert len(records) == 1 + 4 + 4 + 4 + 3 - 1

    # The crawl's own sample file, whole: the rows already there are unchanged.
    status, out, _ = run_ingest([FTS_SAMPLE], sqlite_database)
    assert status == 0
    assert ": 13 releases; stored " in out and "; 2 not council; 0 errors" in out
    assert " 0 changed, " in out


def test_broken_files_are_reported_and_the_rest_loaded(
    tmp_path: Path, sample_councils: None, sqlite_database: str
) -> None:
    cf = releases_of(CF_SAMPLE)
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(CF_SAMPLE.read_bytes()[:500])
    not_ocds = tmp_path / "not-ocds.json"
    not_ocds.write_text('{"hello": "world"}')
    bad_line = tmp_path / "one-bad-line.jsonl"
    bad_line.write_text(json.dumps(cf[0]) + "\n{oops\n" + json.dumps(cf[1]) + "\n")
    missing = tmp_path / "missing.json"
    status, out, err = run_ingest(
        [truncated, not_ocds, bad_line, missing, FTS_SAMPLE], sqlite_database
    )
    assert status == 1
    assert f"oursay ingest: {truncated}: error: invalid JSON: " in err
    assert f"oursay ingest: {not_ocds}: error: not an OCDS package or release" in err
    assert f"oursay ingest: {bad_line}:2: invalid JSON: " in err
    assert f"oursay ingest: {missing}: error: cannot read: " in err
    # The good files, and the good lines of the half-bad one, are loaded all the same.
    assert line_for(out, bad_line).endswith("; 1 errors")
    assert line_for(out, FTS_SAMPLE).endswith(
        ": 13 releases; stored 11 new, 0 changed, 0 unchanged; 2 not council; 0 errors"
    )
    assert "1 of 5 files ok" in out
    assert len(stored(sqlite_database)) == 11 + 2


def test_source_comes_from_the_ocid_or_the_option(
    tmp_path: Path, sample_councils: None, sqlite_database: str
) -> None:
    release = releases_of(FTS_SAMPLE)[0]
    mirrored = {**release, "ocid": "ocds-zzzzzz-000001"}
    path = tmp_path / "mirrored.json"
    path.write_text(json.dumps({"releases": [mirrored]}))
    status, out, err = run_ingest([path], sqlite_database)
    assert status == 1 and line_for(out, path).endswith("; 1 errors")
    assert "cannot tell the source of ocid 'ocds-zzzzzz-000001'; pass --source" in err
    status, out, err = run_ingest([path], sqlite_database, source="find-a-tender")
    assert " 1 new, " in out
    assert status == 0, err
    assert stored(sqlite_database)["ocds-zzzzzz-000001/990113-2026"].source == "find-a-tender"


def test_oursay_ingest_command(tmp_path: Path, sample_councils: None) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"releases": [')
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = subprocess.run(
        [sys.executable, "-m", "oursay", "ingest", "--create", str(broken), str(CF_SAMPLE)],
        env={**os.environ, "OURSAY_DATABASE_URL": database},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"oursay ingest: {broken}: error: invalid JSON: Expecting value" in result.stderr
    assert f"{CF_SAMPLE}: 6 releases; stored 4 new, 0 changed, 0 unchanged; 2 not council" in (
        result.stdout
    )
    assert len(stored(database)) == 4
