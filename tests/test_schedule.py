"""The worker's timetable (oursay.schedule) with a controllable clock, and ``oursay
schedule``; the crawl-run ledger (oursay.runs): overlap guard, judgement, listings."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from oursay.cli import main
from oursay.runs import Judgement, claim_run, close_run, list_runs
from oursay.schedule import LONDON, load_timetable
from storage.councils import load_registry
from storage.db import session_factory
from storage.models import CrawlRun, utcnow

# The night the clocks go forward (01:00 GMT becomes 02:00 BST).
SPRING_FORWARD = datetime(2026, 3, 29, 0, 5, tzinfo=LONDON)


def test_default_timetable_with_a_given_clock() -> None:
    timetable = load_timetable()
    fts = timetable.job("crawl:find-a-tender")
    runs = fts.next_runs(SPRING_FORWARD, 4)
    # Wall-clock London times every 4 hours at :10, across the change to summer time.
    assert [(at.hour, at.minute) for at in runs] == [(0, 10), (4, 10), (8, 10), (12, 10)]
    assert [at.utcoffset() for at in runs] == [timedelta(0)] + [timedelta(hours=1)] * 3
    assert fts.hosts == ("www.find-tender.service.gov.uk",)
    cf_runs = timetable.job("crawl:contracts-finder").next_runs(SPRING_FORWARD, 2)
    assert [(at.hour, at.minute) for at in cf_runs] == [(0, 40), (4, 40)]

    # Every council the registry says can be crawled today (ModernGov or CMIS, in force,
    # robots.txt allowing) is crawled once a day, by the one job of its host; no two hosts'
    # jobs start at the same minute.
    papers = [job for job in timetable.jobs if job.id.startswith("papers:")]
    today = datetime.now(ZoneInfo("Europe/London")).date()
    registry = load_registry()
    expected = {c.code for c in registry if c.crawlability(today)[0]}
    crawled = Counter(crawl.council for job in papers for crawl in job.crawls)
    assert set(crawled) == expected and set(crawled.values()) == {1}
    refused = {c.code for c in registry if c.robots == "disallowed"}
    assert refused and not refused & set(crawled)  # robots.txt says no: no job at all
    assert len({job.hosts for job in papers}) == len(papers)
    starts = Counter(job.next_runs(SPRING_FORWARD, 1)[0].strftime("%H:%M") for job in papers)
    assert starts.most_common(1)[0][1] == 1
    for job in papers[:20]:
        first, second = job.next_runs(SPRING_FORWARD, 2)
        assert (second - first) in (timedelta(hours=23), timedelta(days=1))  # a daily job

    upcoming = timetable.next_runs(SPRING_FORWARD, 5)
    assert [at for at, _ in upcoming] == sorted(at for at, _ in upcoming)
    assert upcoming[0][1].id == "crawl:find-a-tender"
    assert all(at >= SPRING_FORWARD for at, _ in upcoming)


def write_schedule(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_timetable_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "OURSAY_EXTRA_COUNCILS",
        str(Path(__file__).parents[1] / "crawlers/sim/data/sample_councils.csv"),
    )
    path = write_schedule(
        tmp_path / "s.toml",
        """
[find-a-tender]
every_hours = 6
first_hour = 1
at_minute = 5
extra_args = ["--base-url", "http://127.0.0.1:9/"]
[contracts-finder]
enabled = false
[council-papers]
councils = ["EXA", "SMP"]
first_start = "23:50"
spread_hours = 1
""",
    )
    timetable = load_timetable(path)
    assert [job.id for job in timetable.jobs] == [
        "crawl:find-a-tender",
        "papers:cmis.sampleton.example",
        "papers:democracy.exampleshire.example",
    ]
    fts = timetable.job("crawl:find-a-tender")
    assert fts.hosts == ("127.0.0.1:9",)  # a --base-url is where it goes
    now = datetime(2026, 7, 1, 12, 0, tzinfo=LONDON)
    assert [at.strftime("%H:%M") for at in fts.next_runs(now, 3)] == ["13:05", "19:05", "01:05"]
    # Two hosts spread over an hour from 23:50: the second starts past midnight.
    starts = [timetable.job(j).next_runs(now, 1)[0] for j in [job.id for job in timetable.jobs[1:]]]
    assert [at.strftime("%d %H:%M") for at in starts] == ["01 23:50", "02 00:20"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[find-a-tender]\nevery_hour = 4\n", "[find-a-tender] has no key 'every_hour'"),
        ("[find-a-tender]\nevery_hours = 'often'\n", "every_hours = 'often' is invalid"),
        ("[find-a-tender]\nevery_hours = 30\n", "every_hours 1-24"),
        ("[crawl]\n", "unknown section [crawl]"),
        ("[council-papers]\nfirst_start = '25:00'\n", "first_start must be HH:MM"),
        ("[council-papers]\ncouncils = ['KNE']\n", "KNE (close: KEN"),
        ("[council-papers]\nsources = ['moderngov', 'ftp']\n", "source 'ftp' is not one of"),
        ("[judge\n", "schedule file"),
    ],
)
def test_bad_schedule_files_get_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    monkeypatch.setenv("OURSAY_SCHEDULE_FILE", str(write_schedule(tmp_path / "s.toml", text)))
    assert main(["schedule"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("oursay schedule: error: ")
    assert len(err.strip().splitlines()) == 1


def test_missing_schedule_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OURSAY_SCHEDULE_FILE", str(tmp_path / "nope.toml"))
    assert main(["schedule"]) == 2
    assert "nope.toml does not exist (check OURSAY_SCHEDULE_FILE)" in capsys.readouterr().err


def test_schedule_command_text_and_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OURSAY_SCHEDULE_FILE", raising=False)
    assert main(["schedule", "--at", "2026-03-29T00:05"]) == 0
    text = capsys.readouterr().out
    assert "crawl:find-a-tender          every 4 h at :10" in text
    assert "next 5 runs after 2026-03-29 00:05 GMT:" in text
    assert "2026-03-29 00:10 GMT  crawl:find-a-tender" in text
    assert "www.find-tender.service.gov.uk: every 4 h at :10" in text
    assert "monitor                      after each crawl job" in text

    assert main(["schedule", "--json", "--count", "7", "--at", "2026-03-29T04:00+01:00"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["timezone"] == "Europe/London"
    assert len(data["next_runs"]) == 7
    assert {"at": "2026-03-29T04:10:00+01:00", "job": "crawl:find-a-tender"} in data["next_runs"]
    assert all(run["at"] >= "2026-03-29T04:00" for run in data["next_runs"])
    ids = [job["id"] for job in data["jobs"]]
    assert len(ids) == len(set(ids)) > 300
    assert main(["schedule", "--at", "yesterday"]) == 2
    assert "not an ISO 8601" in capsys.readouterr().err


# --- the crawl-run ledger --------------------------------------------------------------------


def finished(session, source: str, council: str | None, records: int, status: str = "ok") -> None:
    session.add(
        CrawlRun(
            source=source,
            council_code=council,
            status=status,
            finish_reason="finished",
            finished_at=utcnow(),
            stats={"oursay/records/unchanged": records, "downloader/response_count": records + 2},
        )
    )


def test_a_crawl_never_overlaps_itself(database: str) -> None:
    with session_factory()() as session:
        first, blocker = claim_run(session, "moderngov", "EXA")
        assert first is not None and blocker is None
        again, blocker = claim_run(session, "moderngov", "EXA")
        assert again is None and blocker is not None and blocker.id == first.id
        other, _ = claim_run(session, "moderngov", "KEN")  # another council: fine
        assert other is not None
        cmis, _ = claim_run(session, "cmis", "EXA")  # another source: fine
        assert cmis is not None
        # A crawl of every council of a source is in the way of each council's.
        whole, _ = claim_run(session, "find-a-tender", None)
        assert whole is not None
        session.add(CrawlRun(source="moderngov", council_code=None, pid=None))
        session.commit()
        blocked, blocker = claim_run(session, "moderngov", "BAB")
        assert blocked is None and blocker is not None and blocker.council_code is None
        # Once it is closed, the next one may start.
        closed = close_run(session, first.id, exit_status=1)
        assert (closed.status, closed.finish_reason) == ("failed", "exit 1")
        assert "without recording" in (closed.error or "")


def test_runs_are_judged_against_their_own_history(sqlite_database: str) -> None:
    judgement = Judgement(history_runs=5, min_history_runs=3, min_share=0.2)
    with session_factory()() as session:
        for count in (100, 90, 110, 5):  # one poor run among them: the median holds
            finished(session, "moderngov", "EXA", count)
        finished(session, "moderngov", "KEN", 3)  # another council's history is not EXA's
        finished(session, "moderngov", "EXA", 100, status="failed")
        session.commit()

        def crawl_with(records: int) -> CrawlRun:
            run, _ = claim_run(session, "moderngov", "EXA")
            assert run is not None
            # What the crawl process writes when it ends well.
            run.status, run.finish_reason, run.finished_at = "ok", "finished", utcnow()
            run.stats = {"oursay/records/inserted": records, "downloader/response_count": 9}
            session.commit()
            return close_run(session, run.id, exit_status=0, judgement=judgement)

        poor = crawl_with(18)  # median of 100, 90, 110, 5 is 95; 20% is 19
        assert poor.status == "failed"
        assert poor.error == (
            "suspiciously few items: 18 against a median of 95 in its last 4 ok runs (under 20%)"
        )
        assert crawl_with(20).status == "ok"

        # Too little history: no judgement at all.
        finished(session, "cmis", "SMP", 500)
        finished(session, "cmis", "SMP", 500)
        session.commit()
        run, _ = claim_run(session, "cmis", "SMP")
        assert run is not None
        run.status, run.finish_reason, run.stats = "ok", "finished", {}
        session.commit()
        assert close_run(session, run.id, exit_status=0, judgement=judgement).status == "ok"


def test_runs_the_worker_had_to_stop_or_kill(sqlite_database: str) -> None:
    with session_factory()() as session:
        hung, _ = claim_run(session, "find-a-tender", None)
        assert hung is not None
        killed = close_run(session, hung.id, exit_status=-1, timed_out=120)
        assert (killed.status, killed.finish_reason) == ("failed", "timeout")
        assert killed.error == "killed after the 120 s timeout"

        stopped, _ = claim_run(session, "find-a-tender", None)
        assert stopped is not None
        # The crawl closed its row after the SIGTERM the worker sent it.
        stopped.status, stopped.finish_reason = "failed", "shutdown"
        stopped.error = "did not finish (shutdown)"
        session.commit()
        closed = close_run(session, stopped.id, exit_status=1, stopped="SIGTERM")
        assert closed.status == "abandoned"
        assert closed.error == "stopped by the worker (SIGTERM): did not finish (shutdown)"

        never, _ = claim_run(session, "cmis", "SMP")
        assert never is not None
        gone = close_run(session, never.id, exit_status=None, stopped="SIGINT")
        assert (gone.status, gone.finish_reason) == ("abandoned", "shutdown")
        assert session.scalars(select(CrawlRun).where(CrawlRun.status == "running")).all() == []


def test_runs_and_failures_commands(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    with session_factory()() as session:
        finished(session, "moderngov", "EXA", 40)
        finished(session, "cmis", "SMP", 0, status="failed")
        finished(session, "find_a_tender", None, 12, status="partial")
        session.commit()
        assert [row["council"] for row in list_runs(session, councils=["exa"])] == ["EXA"]
    assert main(["runs"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["id", "started", "(UTC)", "source"]
    assert [line.split()[3:6] for line in out[1:]] == [
        ["find-a-tender", "-", "partial"],
        ["cmis", "SMP", "failed"],
        ["moderngov", "EXA", "ok"],
    ]
    assert main(["failures", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["source"], row["status"]) for row in rows] == [
        ("find-a-tender", "partial"),
        ("cmis", "failed"),
    ]
    assert main(["runs", "--source", "moderngov", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["items"], row["pages"], row["errors"]) == (40, 42, 0)
    assert main(["failures", "--council", "EXA"]) == 0
    assert capsys.readouterr().out.strip() == "no failed crawl runs"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OURSAY_SCHEDULE_FILE": "/nonexistent/s.toml"}, "/nonexistent/s.toml does not exist"),
        (
            {"OURSAY_SCRAPYD_URLS": "http://127.0.0.1:6800"},
            "OURSAY_SCRAPYD_URLS needs OURSAY_DATABASE_URL on PostgreSQL",
        ),
        ({"OURSAY_SCRAPYD_URLS": "ftp://node"}, "is not an http:// or https:// URL"),
    ],
)
def test_the_worker_checks_its_configuration_before_starting(
    sqlite_database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    message: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if "ftp" in env.get("OURSAY_SCRAPYD_URLS", ""):
        monkeypatch.setenv("OURSAY_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1/none")
    assert main(["worker"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("oursay worker: error: ") and message in err
    assert len(err.strip().splitlines()) == 1
