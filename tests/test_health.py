"""Issue 10 point 4: ``GET /health`` and the staff health page tell the truth, per source
and per council, from real crawl_runs and crawl_failures rows on SQLite and PostgreSQL;
a database that cannot be reached answers 503."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from conftest import free_port
from test_web import PASSWORD, log_in

from oursay.web import create_app
from oursay.web.auth import create_staff_user
from oursay.web.health import crawl_health
from storage.db import get_engine
from storage.models import CrawlFailure, CrawlRun

NOW = datetime(2026, 6, 20, 12, 0, tzinfo=UTC)
SECRET = "test-secret-" + "x" * 32


def run(
    source: str,
    council: str | None,
    status: str,
    days_ago: float,
    error: str | None = None,
    **stats: Any,
) -> CrawlRun:
    started = NOW - timedelta(days=days_ago)
    return CrawlRun(
        source=source,
        council_code=council,
        status=status,
        started_at=started,
        finished_at=started + timedelta(minutes=5),
        finish_reason="finished",
        error=error,
        stats={f"oursay/{name.replace('__', '/')}": value for name, value in stats.items()},
    )


@pytest.fixture
def crawled(database: str) -> str:
    """Months of runs in miniature: Find a Tender fine then failing for a day; Kent's
    papers failing for six days; Adur and Aberdeen crawled together; Aberdeen City never
    once crawled successfully."""
    with Session(get_engine(database)) as session:
        session.add_all(
            [
                run("find_a_tender", None, "ok", 2, records__inserted=5, records__unchanged=2),
                run("find_a_tender", None, "failed", 1, "nothing collected: 3 failures recorded"),
                run("moderngov", "KEN", "ok", 10, records__inserted=7, documents__ok=3),
                run("moderngov", "KEN", "failed", 6, "did not finish (shutdown)"),
                run(
                    "moderngov",
                    "KEN",
                    "failed",
                    1,
                    "nothing collected: ask clerk.name@kent.gov.uk or call 01622 694000",
                ),
                # One run of two councils counts each council apart (crawlers.summary).
                run(
                    "moderngov",
                    "ADU,ABD",
                    "partial",
                    3,
                    "1 failures recorded",
                    records__inserted=9,
                    **{
                        "council/ADU/pages": 4,
                        "council/ADU/records/inserted": 4,
                        "council/ABD/pages": 6,
                        "council/ABD/records/inserted": 5,
                        "council/ABD/documents/ok": 2,
                    },
                ),
                run("cmis", "ABE", "failed", 2, "nothing collected: 2 failures recorded"),
                run("cmis", "ABE", "running", 0.1),
            ]
        )
        session.flush()
        session.add(
            CrawlFailure(
                source="moderngov",
                council_code="KEN",
                url="https://democracy.kent.gov.uk/mgCalendarMonthView.aspx",
                reason="HTTP 500 from the calendar; the webmaster is web.master@kent.gov.uk",
                created_at=NOW - timedelta(days=1),
            )
        )
        session.commit()
    return database


def council(health: dict[str, Any], code: str, source: str) -> dict[str, Any]:
    return next(c for c in health["by_council"] if (c["council"], c["source"]) == (code, source))


def test_per_source_and_council_last_success_failure_and_failing(crawled: str) -> None:
    with Session(get_engine(crawled)) as session:
        health = crawl_health(session, now=NOW, days=3)
        sooner = crawl_health(session, now=NOW, days=1.5)

    fts = next(s for s in health["sources"] if s["source"] == "find_a_tender")
    assert fts["last_success"]["items"] == 7 and fts["last_success"]["status"] == "ok"
    assert fts["last_failure"]["why"] == "nothing collected: 3 failures recorded"
    assert fts["failing_since"] == (NOW - timedelta(days=1)).isoformat()

    kent = council(health, "KEN", "moderngov")
    assert kent["last_success"]["items"] == 7 and kent["last_success"]["documents"] == 3
    assert kent["last_success"]["at"] == (NOW - timedelta(days=10, minutes=-5)).isoformat()
    # Failing since the first failure after the last success, not the newest one.
    assert kent["failing_since"] == (NOW - timedelta(days=6)).isoformat()
    assert "kent.gov.uk" not in str(kent) and "694000" not in str(kent)
    assert kent["last_failure"]["why"].startswith("nothing collected: ask [e-mail removed]")
    assert kent["last_error"]["why"].startswith("HTTP 500 from the calendar")

    adur, aberdeenshire = council(health, "ADU", "moderngov"), council(health, "ABD", "moderngov")
    assert (adur["last_success"]["items"], aberdeenshire["last_success"]["items"]) == (4, 5)
    assert aberdeenshire["last_success"]["documents"] == 2
    assert adur["failing_since"] is None and adur["last_failure"] is None

    aberdeen = council(health, "ABE", "cmis")
    assert aberdeen["last_success"] is None and aberdeen["last_run"]["status"] == "running"

    assert [(f["council"], f["source"], f["days"]) for f in health["failing"]] == [
        ("KEN", "moderngov", 6.0)
    ]
    assert health["failing"][0]["name"] == "Kent County Council"
    # A shorter threshold also lists the council that has never once succeeded.
    assert [(f["council"], f["days"]) for f in sooner["failing"]] == [("ABE", 2.0), ("KEN", 6.0)]


@pytest.fixture
def client(crawled: str) -> Iterator[TestClient]:
    with TestClient(create_app(crawled, secret=SECRET)) as test_client:
        yield test_client


def test_health_json_and_the_staff_page(
    client: TestClient, crawled: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Measured from now: the sample runs ended days before NOW, so all are old by now.
    monkeypatch.setenv("OURSAY_HEALTH_FAILING_DAYS", "5")
    answer = client.get("/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["failing_after_days"] == 5
    assert {s["source"] for s in body["sources"]} == {"find_a_tender", "moderngov", "cmis"}
    failing = {f["council"] for f in body["failing"]}
    assert {"KEN"} <= failing and "ADU" not in failing
    assert "@" not in answer.text  # no contact details, ever

    page = client.get("/staff/health", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/staff/health"
    create_staff_user("staff", PASSWORD, database_url=crawled)
    assert log_in(client).status_code == 303
    page = client.get("/staff/health")
    assert page.status_code == 200
    assert "Councils failing for more than 5.0 days" in page.text
    assert "Kent County Council (KEN)" in page.text
    assert "did not finish" not in page.text  # the newest failure is shown, not an older one
    assert "Last request or item that failed:" in page.text
    assert "HTTP 500 from the calendar; the webmaster is [e-mail removed]" in page.text
    assert "nothing collected: ask [e-mail removed]" in page.text


def test_health_answers_503_when_the_database_cannot_be_reached() -> None:
    # Nothing listens on a free port: the connection is refused at once.
    url = f"postgres://postgres@127.0.0.1:{free_port()}/oursay"
    with TestClient(create_app(url, secret=SECRET)) as client:
        answer = client.get("/health")
        assert answer.status_code == 503
        assert answer.json() == {"status": "error", "database": "error: OperationalError"}
        # Without a login the staff page sends to the login form, database or not.
        assert client.get("/staff/health", follow_redirects=False).status_code == 303
