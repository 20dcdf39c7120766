"""The command contract: names, options, outputs and exit statuses."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from oursay.cli import main
from storage import records as store
from storage.db import get_engine
from storage.models import Assessment, Review

COMMANDS = [
    "init",
    "councils",
    "crawl",
    "ingest",
    "monitor",
    "classify",
    "evaluate",
    "feeds",
    "export",
    "serve",
    "web",
    "worker",
    "schedule",
    "runs",
    "failures",
    "staff",
    "run",
    "demo",
]


def oursay(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oursay", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        **kwargs,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert f"oursay {command}" in capsys.readouterr().out


def test_unknown_source_fails_with_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["crawl", "no-such-source"])
    assert exit_info.value.code != 0
    assert "find-a-tender" in capsys.readouterr().err


def test_bad_date_fails_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OURSAY_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    result = oursay("crawl", "find-a-tender", "--since", "yesterday-ish", cwd=tmp_path)
    assert result.returncode != 0
    assert "yesterday-ish" in result.stderr


def test_councils_json_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["councils", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 350
    for field in ("code", "gss_code", "name", "nation", "platform", "base_url"):
        assert field in rows[0]
    kent = next(r for r in rows if r["code"] == "KEN")
    assert kent["gss_code"] == "E10000016" and kent["nation"] == "England"


def test_init_creates_the_database_in_the_working_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if k != "OURSAY_DATABASE_URL"}
    result = oursay("init", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "oursay.db").exists()
    assert "database ready" in result.stdout
    again = oursay("init", cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stderr


def _seed_flagged_and_dismissed(url: str) -> None:
    with Session(get_engine(url)) as session:
        for n, (title, dismissed) in enumerate(
            [('=HYPERLINK("http://evil") sample award', False), ("Dismissed sample", True)]
        ):
            record, _ = store.upsert_record(
                session,
                {
                    "source": "find-a-tender",
                    "source_key": f"ocds-sample-{n}/1",
                    "kind": "notice",
                    "council_code": "KEN",
                    "title": title,
                    "url": f"https://example.org/{n}",
                    "published_at": datetime(2026, 8, 1 + n, tzinfo=UTC),
                },
            )
            session.flush()
            session.add(
                Assessment(
                    record_id=record.id,
                    rules_version="test",
                    input_hash=str(n),
                    is_outsourcing=True,
                    is_asset_sale=False,
                    has_consultation=False,
                    has_inhouse_statement=False,
                    should_flag=True,
                    evidence=[{"label": "is_outsourcing", "quote": "sample award", "rule": "t"}],
                )
            )
            if dismissed:
                session.add(Review(record_id=record.id, status="dismissed", reason="not a service"))
        session.commit()


def test_export_csv_and_json(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    _seed_flagged_and_dismissed(database)
    assert main(["export", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["title"] for r in rows} == {
        '=HYPERLINK("http://evil") sample award',
        "Dismissed sample",
    }
    dismissed = next(r for r in rows if r["title"] == "Dismissed sample")
    assert (dismissed["flagged"], dismissed["review_status"]) == (False, "dismissed")
    for field in (
        "id",
        "council",
        "source",
        "kind",
        "title",
        "url",
        "date",
        "is_outsourcing",
        "is_asset_sale",
        "has_consultation",
        "has_inhouse_statement",
        "flagged",
        "publish_state",
        "confidence",
        "rules",
        "review_status",
    ):
        assert field in rows[0]

    assert main(["export", "--format", "csv", "--flagged"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(table) == 1
    assert table[0]["council"] == "KEN" and table[0]["flagged"] == "true"
    # A formula in scraped text must not run when a journalist opens the CSV.
    assert table[0]["title"].startswith("'=")
    # Which rule found the evidence travels with the row.
    assert table[0]["rules"] == "t" and table[0]["evidence"] == "sample award"


def test_csv_cells_starting_with_tab_or_carriage_return_are_not_formulas() -> None:
    from oursay.export import _csv_value

    for raw in ("\t=1+1", "\r=1+1", "-2+3", "@SUM(A1)"):
        assert _csv_value(raw) == "'" + raw
    assert _csv_value("Leisure contract") == "Leisure contract"


def test_staff_add_hashes_the_password(database: str) -> None:
    from argon2 import PasswordHasher
    from sqlalchemy import select

    from storage.models import StaffUser

    env = {**__import__("os").environ, "OURSAY_DATABASE_URL": database}
    short = oursay("staff", "add", "alice", "--password-stdin", input="short\n", env=env)
    assert short.returncode != 0 and "12 characters" in short.stderr
    ok = oursay("staff", "add", "alice", "--password-stdin", input="a long sample pass\n", env=env)
    assert ok.returncode == 0, ok.stderr
    with Session(get_engine(database)) as session:
        user = session.scalars(select(StaffUser)).one()
        assert user.username == "alice" and "a long sample pass" not in user.password_hash
        assert PasswordHasher().verify(user.password_hash, "a long sample pass")
