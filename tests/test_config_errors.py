"""Issue 10 point 6: every command checks its configuration before it starts, and each
mistake is one line naming the problem and the fix, with the exit status docs/cli.md
documents, never a traceback; nothing is created by mistake."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from conftest import _create_postgres_database, _drop_postgres_database, free_port
from sqlalchemy import text

from oursay.checks import (
    EXIT_DATABASE_NOT_READY,
    EXIT_DATABASE_UNREACHABLE,
    EXIT_USAGE,
    check_command,
)
from oursay.cli import main
from storage.db import get_engine, normalise_url
from storage.migrate import alembic_config, check_schema

REPO = Path(__file__).resolve().parents[1]


def oursay(capsys: pytest.CaptureFixture[str], *args: str, status: int, says: str) -> str:
    """``oursay ARGS`` in this process: the exit status, and the one line it says."""
    assert main(list(args)) == status
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"oursay {args[0]}: error: ") and says in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("OURSAY_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_a_database_url_that_is_not_one(env: pytest.MonkeyPatch, capsys) -> None:
    env.setenv("OURSAY_DATABASE_URL", "postgres//user:secret@db.example/oursay")
    line = oursay(capsys, "monitor", status=EXIT_DATABASE_UNREACHABLE, says="is not a database URL")
    assert "give sqlite:///PATH or postgresql://USER@HOST/DATABASE" in line
    env.setenv("OURSAY_DATABASE_URL", "mysql://user:secret@db.example/oursay")
    line = oursay(capsys, "export", "--format", "csv", status=5, says="mysql is not supported")
    assert "secret" not in line


def test_postgres_urls_mean_psycopg_3() -> None:
    assert normalise_url("postgres://u:p@h:5433/db") == "postgresql+psycopg://u:p@h:5433/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_database_server_that_does_not_answer(env: pytest.MonkeyPatch, capsys) -> None:
    env.setenv("OURSAY_DATABASE_URL", f"postgres://oursay:pw@127.0.0.1:{free_port()}/oursay")
    line = oursay(capsys, "init", status=EXIT_DATABASE_UNREACHABLE, says="cannot connect: ")
    assert "check OURSAY_DATABASE_URL and that the database server is running" in line
    assert ":pw@" not in line and "postgresql+psycopg://oursay:***@127.0.0.1" in line


@pytest.mark.postgres
def test_postgres_url_works_and_a_dropped_database_is_named(
    postgres_admin_url: str, env: pytest.MonkeyPatch, capsys
) -> None:
    name, url = _create_postgres_database(postgres_admin_url)
    try:
        heroku_style = url.replace("postgresql+psycopg://", "postgres://")
        env.setenv("OURSAY_DATABASE_URL", heroku_style)
        assert main(["init"]) == 0
        assert f"database ready: {url}" in capsys.readouterr().out
        assert main(["export", "--format", "json"]) == 0
        assert capsys.readouterr().out.strip() == "[\n]"
    finally:
        _drop_postgres_database(postgres_admin_url, name)
    oursay(capsys, "monitor", status=EXIT_DATABASE_UNREACHABLE, says=f'database "{name}"')


def test_a_missing_sqlite_file_is_not_created(env: pytest.MonkeyPatch, capsys, tmp_path) -> None:
    typo = tmp_path / "oursya.db"
    env.setenv("OURSAY_DATABASE_URL", f"sqlite:///{typo}")
    for args in (
        ["monitor"],
        ["export", "--format", "csv"],
        ["serve", "--no-scheduler"],
        ["ingest", str(REPO / "crawlers" / "sim" / "data" / "fts_sample.json")],
        ["crawl", "find-a-tender", "--base-url", "http://127.0.0.1:9"],
        ["staff", "add", "alice", "--password-stdin"],
    ):
        line = oursay(capsys, *args, status=EXIT_DATABASE_NOT_READY, says="not initialised")
        assert f"run `oursay init` to create it (there is no file {typo};" in line
    assert list(tmp_path.iterdir()) == []


def test_an_empty_or_old_database(env: pytest.MonkeyPatch, capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    env.setenv("OURSAY_DATABASE_URL", f"sqlite:///{empty}")
    oursay(capsys, "export", "--format", "csv", status=6, says="not initialised; run `oursay init`")
    oursay(capsys, "serve", status=6, says="not initialised; run `oursay init`")

    # A database an older oursay built: the readers refuse it, serve migrates it.
    old = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(old)
    with get_engine(old).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    env.setenv("OURSAY_DATABASE_URL", old)
    oursay(capsys, "export", "--format", "csv", status=6, says="schema is out of date; run `oursay")
    check_command(argparse.Namespace(command="serve"))
    check_schema(old)  # now current
    with get_engine(old).connect() as connection:
        assert connection.scalar(text("select count(*) from councils")) > 350


def test_unknown_council_codes_name_the_close_ones(env: pytest.MonkeyPatch, capsys) -> None:
    line = oursay(capsys, "crawl", "moderngov", "--council", "kne", status=EXIT_USAGE, says="KNE")
    assert "KEN" in line
    line = oursay(capsys, "export", "--format", "csv", "--council", "Kent", status=2, says="KENT")
    assert "KEN" in line


def test_missing_files_and_bad_settings(env: pytest.MonkeyPatch, capsys, tmp_path) -> None:
    oursay(capsys, "evaluate", "cases.jsonl", status=2, says="cases.jsonl: no such file")
    oursay(capsys, "classify", str(tmp_path), status=2, says="is a folder, not a file")
    env.setenv("OURSAY_EXTRA_COUNCILS", str(tmp_path / "extra.csv"))
    oursay(capsys, "councils", status=2, says="OURSAY_EXTRA_COUNCILS")
    env.delenv("OURSAY_EXTRA_COUNCILS")
    env.setenv("OURSAY_LOG_FORMAT", "xml")
    oursay(capsys, "councils", status=2, says="OURSAY_LOG_FORMAT must be text or json")
    env.delenv("OURSAY_LOG_FORMAT")
    env.setenv("OURSAY_HEALTH_FAILING_DAYS", "a week")
    oursay(capsys, "serve", status=2, says="OURSAY_HEALTH_FAILING_DAYS must be a number of days")
    oursay(capsys, "feeds", "--base-url", "site.example", status=2, says="has no scheme")


def test_as_an_operator_sees_it_no_traceback(tmp_path: Path) -> None:
    """The same through the real command, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OURSAY_")}
    env["OURSAY_DATABASE_URL"] = f"sqlite:///{tmp_path / 'missing.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "oursay", "export", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 6 and result.stdout == "" and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
