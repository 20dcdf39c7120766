"""The web app in process (FastAPI's TestClient) on SQLite and PostgreSQL: pages, escaping,
health, conditional GETs of feeds, staff login, CSRF, reviews, search and exports.
Also the scheduler's configuration and the cycle's step runner."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
import sys
import time
import warnings
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

with warnings.catch_warnings():
    # Starlette 1.x asks for the httpx2 fork; the project's dev dependency is httpx, which
    # still works. Only this one message is silenced, only for this import.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from test_feeds import T0, add_record, sample_database

from oursay.export import EXPORT_FIELDS
from oursay.web import create_app
from oursay.web.auth import create_staff_user, secret_key
from storage.db import get_engine
from storage.models import Document, DocumentPage, RecordLink, Review

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def ids(database: str) -> dict[str, int]:
    return sample_database(database)


@pytest.fixture
def client(database: str, ids: dict[str, int]) -> Iterator[TestClient]:
    app = create_app(database, marker_ttl=0, secret="test-secret-" + "x" * 32)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def staff(database: str) -> str:
    create_staff_user("staff", PASSWORD, database_url=database)
    return "staff"


def csrf(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in(client: TestClient, username: str = "staff", password: str = PASSWORD):
    token = csrf(client)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def guid(key: str) -> str:
    return f"tag:oursay,2025:find-a-tender/ocds-sample-{key}/{key}-1"


# ------------------------------------------------------------------ public pages


def test_pages_render_and_escape_scraped_text(client: TestClient, ids: dict[str, int]) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert '<a class="skip-link" href="#main">' in home.text
    assert '<main id="main"' in home.text
    assert '<label for="council-select">Your council</label>' in home.text
    assert '<a href="/councils/exs">Exampleshire Sample Council</a>' in home.text

    council = client.get("/councils/exs")
    assert council.status_code == 200
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="oursay: Exampleshire Sample Council, outsourcing and asset sales without '
        'consultation" href="/feeds/exs.rss">'
    ) in council.text
    assert 'href="/feeds/exs.atom"' in council.text
    assert "Sample leisure centres to be run by an external operator" in council.text
    assert "Sample grounds maintenance contract (dismissed)" not in council.text
    assert "Flagged decisions (3)" in council.text

    for path in ("/", "/councils/exs", f"/items/{ids['hostile']}", "/search?q=Sons"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>" not in page.text, path
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons" in page.text, path

    item = client.get(f"/items/{ids['hostile']}").text
    assert "officer.name@example.org" not in item and "01632 960123" not in item
    assert "[e-mail removed]" in item
    assert "&lt;img src=x onerror=alert(1)&gt;" in item
    assert "javascript:" not in item


def test_item_page_says_what_who_when_missing_with_evidence(
    client: TestClient, ids: dict[str, int]
) -> None:
    page = client.get(f"/items/{ids['outsourcing']}").text
    assert "<h1>Sample leisure centres to be run by an external operator</h1>" in page
    assert "<dt>Buyer</dt><dd>EXS sample buyer (Exampleshire Sample Council)</dd>" in page
    assert '<time datetime="2026-08-10T09:30:00+00:00">10 August 2026</time>' in page
    assert "<li>No evidence of a public consultation</li>" in page
    assert "<li>No evidence that an in-house option or bid was considered</li>" in page
    assert "The service will be delivered by an external provider (out)." in page
    assert 'href="https://www.example.org/docs/out.pdf#page=4"' in page
    assert "Sample cabinet report, page 4" in page
    assert 'href="https://www.example.org/notice/out"' in page
    # Staff-only parts stay hidden from the public.
    assert "Save review" not in page and "History" not in page
    assert client.get("/items/999999").status_code == 404
    missing = client.get("/items/not-a-number")
    assert missing.status_code == 404 and "Page not found" in missing.text


def test_council_picker_and_name_search(client: TestClient) -> None:
    found = client.get("/", params={"q": "sampleton"}).text
    assert "Councils matching “sampleton” (1)" in found
    assert '<a href="/councils/smp">Sampleton Sample Borough Council</a>' in found
    picked = client.get("/councils", params={"council": "smp"}, follow_redirects=False)
    assert picked.status_code == 303 and picked.headers["location"] == "/councils/smp"
    assert client.get("/councils/zzz").status_code == 404
    assert client.get("/councils/EXS").status_code == 404  # one address per council


def test_health(client: TestClient, database: str) -> None:
    answer = client.get("/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["records"] == 10
    assert body["councils"] >= 384  # the registry and the two sample councils
    assert body["last_crawl"] is None


# ------------------------------------------------------------------ feeds


def test_feed_conditional_get(client: TestClient, database: str, ids: dict[str, int]) -> None:
    first = client.get("/feeds/exs.rss")
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert first.headers["cache-control"] == "public, max-age=300"
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert guid("out") in first.text

    feeds = client.app.state.feeds  # type: ignore[attr-defined]
    builds = feeds.builds
    for headers in (
        {"If-None-Match": etag},
        {"If-None-Match": f'"other", W/{etag}'},
        {"If-Modified-Since": modified},
        {"If-None-Match": "*"},
    ):
        again = client.get("/feeds/exs.rss", headers=headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["last-modified"] == modified
    assert client.get("/feeds/exs.rss").content == first.content
    assert feeds.builds == builds, "repeated GETs must not rebuild the feed"
    # If-None-Match wins over If-Modified-Since when both are sent.
    both = {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    assert client.get("/feeds/exs.rss", headers=both).status_code == 200

    # A change made by another process (the monitor) within the same second.
    with Session(get_engine(database)) as session:
        add_record(
            session,
            "new",
            title="Sample newly flagged decision",
            published=T0 + timedelta(days=30),
            assessment={},
        )
        session.commit()
    changed = client.get("/feeds/exs.rss", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert guid("new") in changed.text
    since = client.get("/feeds/exs.rss", headers={"If-Modified-Since": modified})
    assert since.status_code == 200
    assert changed.headers["last-modified"] != modified


def test_feed_addresses(client: TestClient) -> None:
    atom = client.get("/feeds/exs.atom")
    assert atom.status_code == 200
    assert atom.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert '<link href="http://testserver/feeds/exs.atom" rel="self"' in atom.text
    assert 'rel="related"' in atom.text  # the item page, kept despite feedgen's bug
    for path in (
        "/feeds/all.rss",
        "/feeds/all.atom",
        "/feeds/outsourcing.rss",
        "/feeds/asset-sales.rss",
        "/feeds/good-practice.rss",
        "/feeds/notices/all.rss",
        "/feeds/notices/exs.rss",
        "/feeds/exs-outsourcing.rss",
        "/feeds/exs-asset-sales.atom",
        "/feeds/ken.rss",
    ):
        assert client.get(path).status_code == 200, path
    for path in ("/feeds/zzz.rss", "/feeds/exs.json", "/feeds/EXS.rss", "/feeds/../exs.rss"):
        assert client.get(path).status_code == 404, path
    head = client.head("/feeds/exs.rss")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"]
    opml = client.get("/feeds.opml")
    assert opml.status_code == 200
    assert 'xmlUrl="http://testserver/feeds/exs.rss"' in opml.text
    assert 'htmlUrl="http://testserver/councils/exs"' in opml.text
    assert opml.headers["etag"]


# ------------------------------------------------------------------ staff


def test_login_with_right_and_wrong_password(client: TestClient, staff: str) -> None:
    wrong = log_in(client, password="not the password at all")
    assert wrong.status_code == 401
    assert "Wrong username or password." in wrong.text
    assert client.get("/staff/queue", follow_redirects=False).status_code == 303
    unknown = log_in(client, username="nobody")
    assert unknown.status_code == 401

    right = log_in(client)
    assert right.status_code == 303 and right.headers["location"] == "/staff/queue"
    cookie = right.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower()  # plain http: a Secure cookie would never return
    queue = client.get("/staff/queue")
    assert queue.status_code == 200 and "Log out staff" in queue.text

    token = csrf(client, "/staff/queue")
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/staff/queue", follow_redirects=False).status_code == 303


def test_session_cookie_is_secure_over_https(database: str, staff: str) -> None:
    app = create_app(database, secret="s" * 40)
    with TestClient(app, base_url="https://oursay.example") as https:
        answer = log_in(https)
    assert answer.status_code == 303
    assert "; secure" in answer.headers["set-cookie"].lower()


def test_login_attempts_are_throttled(database: str, staff: str) -> None:
    app = create_app(database, secret="s" * 40, login_limit=3)
    with TestClient(app) as client:
        for _ in range(3):
            assert log_in(client, password="wrong password here").status_code == 401
        blocked = log_in(client)  # even the right password, until the window passes
        assert blocked.status_code == 429
        assert int(blocked.headers["retry-after"]) > 0
        assert "Too many failed attempts" in blocked.text


def test_csrf_token_is_required(client: TestClient, staff: str, ids: dict[str, int]) -> None:
    missing = client.post("/login", data={"username": "staff", "password": PASSWORD})
    assert missing.status_code == 403
    assert log_in(client).status_code == 303
    path = f"/items/{ids['outsourcing']}/review"
    for data in ({"status": "confirmed"}, {"status": "confirmed", "csrf_token": "forged"}):
        refused = client.post(path, data=data)
        assert refused.status_code == 403
        assert "security token" in refused.text
    assert client.post("/logout", data={}).status_code == 403


def test_anonymous_users_cannot_review(
    client: TestClient, database: str, ids: dict[str, int]
) -> None:
    token = csrf(client)
    refused = client.post(
        f"/items/{ids['outsourcing']}/review",
        data={"status": "dismissed", "reason": "x", "csrf_token": token},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    queue = client.get("/staff/queue", follow_redirects=False)
    assert queue.status_code == 303 and queue.headers["location"] == "/login?next=/staff/queue"
    with Session(get_engine(database)) as session:
        count = session.scalar(select(func.count(Review.id)))
    assert count == 3  # only the sample data's reviews


def test_dismiss_removes_item_from_feeds_and_history_is_kept(
    client: TestClient, staff: str, ids: dict[str, int]
) -> None:
    assert guid("out") in client.get("/feeds/exs.rss").text
    assert log_in(client).status_code == 303
    item = f"/items/{ids['outsourcing']}"
    token = csrf(client, item)

    no_reason = client.post(f"{item}/review", data={"status": "dismissed", "csrf_token": token})
    assert no_reason.status_code == 400
    assert "Give a reason for dismissing this item." in no_reason.text
    assert guid("out") in client.get("/feeds/exs.rss").text

    dismissed = client.post(
        f"{item}/review",
        data={
            "status": "dismissed",
            "reason": "Sample reason: the consultation is in the appendix",
            "note": "Sample note <b>for colleagues</b>",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert dismissed.status_code == 303 and dismissed.headers["location"] == item
    assert guid("out") not in client.get("/feeds/exs.rss").text
    assert guid("out") not in client.get("/feeds/all.atom").text
    assert guid("out") in client.get("/feeds/notices/exs.rss").text  # journalists still see it

    confirmed = client.post(
        f"{item}/review", data={"status": "confirmed", "csrf_token": token}, follow_redirects=False
    )
    assert confirmed.status_code == 303
    assert guid("out") in client.get("/feeds/exs.rss").text

    page = client.get(item).text
    history = page[page.index("<h3>History</h3>") :]
    rows = re.findall(
        r"<tr><td><time[^>]*>([^<]+)</time></td><td>([^<]+)</td><td>([^<]+)</td>", history
    )
    assert [(who, status) for _, who, status in rows] == [
        ("staff", "Confirmed"),
        ("staff", "Dismissed"),
    ]
    assert "Sample reason: the consultation is in the appendix" in history
    assert "Sample note &lt;b&gt;for colleagues&lt;/b&gt;" in history
    # The public sees the status, not the staff's reasons.
    public = TestClient(client.app).get(item).text
    assert "Confirmed by campaign staff" in public
    assert "the consultation is in the appendix" not in public


def test_review_queue_is_oldest_first(client: TestClient, staff: str) -> None:
    log_in(client)
    page = client.get("/staff/queue").text
    assert "Waiting for review (4)" in page
    titles = re.findall(r'<a href="/items/\d+">([^<]+)</a></h3>', page)
    assert titles == [
        "Sample &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons care contract ]]&gt;",
        "Sample leisure centres to be run by an external operator",
        "Sample home care services outsourced",
        "Sample sale of the old depot",
    ]


def test_uncertain_flag_waits_in_the_queue_and_explains_itself_to_staff(
    database: str, client: TestClient, staff: str, ids: dict[str, int]
) -> None:
    looked = "no consultation found: 23 pages of 3 documents searched"
    with Session(get_engine(database)) as session:
        unsure = add_record(
            session,
            "unsure",
            title="Sample parks service perhaps outsourced",
            published=T0,
            assessment={
                "publish_state": "needs_review",
                "confidence": 0.45,
                "confidence_reason": "outsourcing found in background text only",
                "searched": [looked],
            },
        )
        session.add(
            RecordLink(
                from_record_id=ids["outsourcing"],
                to_record_id=unsure,
                relation="implements",
                score=0.9,
                method="test",
            )
        )
        session.commit()
    public = client.get(f"/items/{unsure}").text
    assert "Waiting for review by campaign staff: the monitor is not sure" in public
    assert "<li>No consultation found: 23 pages of 3 documents searched</li>" in public
    assert "(rule: <code>sample-rule</code>)" in public
    assert "How sure the monitor is" not in public and "background text only" not in public
    # Linked records of one decision are listed, with their dates, both ways.
    assert "Other records of this decision" in public
    assert f'<a href="/items/{ids["outsourcing"]}">Sample leisure centres' in public
    other = client.get(f"/items/{ids['outsourcing']}").text
    assert f'<a href="/items/{unsure}">Sample parks service perhaps outsourced</a>' in other
    assert "Sample parks service" not in client.get("/councils/exs").text
    # Search agrees with the feeds: waiting for review is "not flagged" (yet).
    assert "Sample parks service perhaps outsourced" in search_titles(client, flag="not_flagged")
    assert "Sample parks service perhaps outsourced" not in search_titles(client, flag="flagged")

    log_in(client)
    queue = client.get("/staff/queue").text
    assert "Waiting for review (5)" in queue
    assert "Sample parks service perhaps outsourced" in queue
    staff_page = client.get(f"/items/{unsure}").text
    assert "Confidence 0.45: below what the monitor publishes on its own" in staff_page
    assert "Why: outsourcing found in background text only" in staff_page


def test_create_staff_user_validates_and_resets(database: str, client: TestClient) -> None:
    first = create_staff_user("editor", "first password 123", database_url=database)
    # Adding an existing user sets a new password (``oursay staff add`` resets with it).
    assert create_staff_user("editor", PASSWORD, database_url=database) == first
    assert log_in(client, "editor", "first password 123").status_code == 401
    assert log_in(client, "editor", PASSWORD).status_code == 303
    with pytest.raises(ValueError, match="at least 12"):
        create_staff_user("short", "elevenchars", database_url=database)
    with pytest.raises(ValueError, match="username"):
        create_staff_user("bad name", PASSWORD, database_url=database)


def test_secret_key_is_generated_once_next_to_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OURSAY_SECRET_KEY", raising=False)
    url = f"sqlite:///{tmp_path / 'data' / 'oursay.db'}"
    key = secret_key(url)
    path = tmp_path / "data" / "oursay.db.secret-key"
    assert path.read_text().strip() == key and len(key) >= 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(url) == key
    monkeypatch.setenv("OURSAY_SECRET_KEY", "from-the-environment")
    assert secret_key(url) == "from-the-environment"


# ------------------------------------------------------------------ search and export


def search_titles(client: TestClient, **params: str) -> list[str]:
    page = client.get("/search", params=params)
    assert page.status_code == 200
    return re.findall(r'<td><a href="/items/\d+">([^<]+)</a></td>', page.text)


def test_search_filters(client: TestClient, database: str, ids: dict[str, int]) -> None:
    assert len(search_titles(client)) == 10
    assert search_titles(client, q="depot") == ["Sample sale of the old depot"]
    assert search_titles(client, q="SAMPLE depot") == ["Sample sale of the old depot"]
    assert search_titles(client, q="100%") == []  # LIKE wildcards are literal
    assert search_titles(client, council="smp") == [
        "Sample home care services outsourced",
        "Sample street lighting contract confirmed by staff",
    ]
    assert search_titles(client, category="asset_sale") == ["Sample sale of the old depot"]
    flagged = search_titles(client, flag="flagged", council="exs")
    assert flagged == [
        "Sample sale of the old depot",
        "Sample leisure centres to be run by an external operator",
        "Sample &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons care contract ]]&gt;",
    ]
    not_flagged = search_titles(client, flag="not_flagged")
    assert len(not_flagged) == 5 and "Sample sale of the old depot" not in not_flagged
    assert search_titles(client, review="dismissed") == [
        "Sample grounds maintenance contract (dismissed)"
    ]
    assert len(search_titles(client, review="unreviewed")) == 7
    assert search_titles(client, source="moderngov") == []
    assert search_titles(client, **{"from": "2026-08-11", "to": "2026-08-12"}) == [
        "Sample sale of the old depot",
        "Sample home care services outsourced",
    ]
    bad = client.get("/search", params={"from": "31/08/2026", "council": "nowhere"})
    assert "From date must look like 2026-08-31: ignored." in bad.text
    assert "Unknown council: ignored." in bad.text

    # Document text is searched too.
    with Session(get_engine(database)) as session:
        document = Document(record_id=ids["asset"], url="https://www.example.org/d.pdf")
        session.add(document)
        session.flush()
        session.add(DocumentPage(document_id=document.id, page_number=3, text="zebra crossing"))
        session.commit()
    assert search_titles(client, q="zebra") == ["Sample sale of the old depot"]


def test_search_pagination(client: TestClient, database: str) -> None:
    with Session(get_engine(database)) as session:
        for n in range(30):
            add_record(
                session,
                f"page{n:02d}",
                title=f"Sample paged notice {n:02d}",
                published=T0 - timedelta(days=n + 1),
            )
        session.commit()
    first = client.get("/search", params={"q": "paged"}).text
    assert "30 records" in first and "Page 1 of 2" in first
    assert 'href="/search?q=paged&amp;page=2" rel="next"' in first
    second = search_titles(client, q="paged", page="2")
    assert second == [f"Sample paged notice {n:02d}" for n in range(25, 30)]
    assert search_titles(client, q="paged", page="99") == second  # clamped to the last page


def test_csv_and_json_export_of_a_search(client: TestClient, ids: dict[str, int]) -> None:
    answer = client.get("/search.csv", params={"council": "exs", "flag": "flagged"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"].startswith('attachment; filename="oursay-')
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert tuple(rows[0]) == EXPORT_FIELDS
    assert [int(r["id"]) for r in rows] == [ids["asset"], ids["outsourcing"], ids["hostile"]]
    assert {r["council"] for r in rows} == {"EXS"}
    assert {r["flagged"] for r in rows} == {"true"}
    first = rows[1]
    assert first["title"] == "Sample leisure centres to be run by an external operator"
    assert first["url"] == "https://www.example.org/notice/out"
    assert first["is_outsourcing"] == "true" and first["has_consultation"] == "false"
    assert first["evidence"] == "The service will be delivered by an external provider (out)."

    data = client.get("/search.json", params={"review": "dismissed"})
    assert data.headers["content-type"] == "application/json"
    records = json.loads(data.content)
    assert [r["id"] for r in records] == [ids["dismissed"]]
    assert records[0]["review_status"] == "dismissed" and records[0]["flagged"] is False
    assert client.get("/search.xml").status_code == 404


def test_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in page.headers  # public pages start no session
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


# ------------------------------------------------------------------ service and cycle


def test_run_cycle_runs_every_step_and_keeps_going(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import oursay.cycle as cycle

    calls: list[tuple[list[str], float]] = []

    def fake_step(args: list[str], timeout: float) -> int:
        calls.append((args[3:], timeout))
        return 1 if args[3:] == ["crawl", "find-a-tender"] else 0

    monkeypatch.setattr(cycle, "run_step", fake_step)
    monkeypatch.setenv("OURSAY_SOURCES", "find-a-tender, contracts-finder")
    monkeypatch.setenv("OURSAY_SITE_DIR", "/tmp/oursay-site")
    assert cycle.run_cycle() == 1
    assert [args for args, _ in calls] == [
        ["crawl", "find-a-tender"],
        ["crawl", "contracts-finder"],
        ["monitor"],
        ["feeds", "--out", "/tmp/oursay-site"],
    ]
    assert all(timeout > 0 for _, timeout in calls)
    assert "failed steps: crawl find-a-tender" in capsys.readouterr().err


def test_run_step_kills_a_step_that_overruns(tmp_path: Path) -> None:
    from oursay.cycle import run_step

    marker = tmp_path / "child.pid"
    # A step with a child of its own: the whole process group must go.
    script = (
        "import subprocess, sys, time;"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        f"open({str(marker)!r}, 'w').write(str(child.pid));"
        "time.sleep(60)"
    )
    started = time.monotonic()
    assert run_step([sys.executable, "-c", script], timeout=2) == -1
    assert time.monotonic() - started < 30
    child = int(marker.read_text())
    for _ in range(50):
        if not alive(child):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the step's child process survived the timeout")
    assert run_step([sys.executable, "-c", "raise SystemExit(3)"], timeout=30) == 3


def alive(pid: int) -> bool:
    """Running, and not a zombie waiting for init to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_feed_cache_skips_marker_queries_while_sqlite_files_are_unchanged(
    sqlite_database: str,
) -> None:
    from oursay.web.feedcache import FeedCache, sqlite_signature
    from storage.db import session_factory

    sample_database(sqlite_database)
    opened: list[int] = []
    factory = session_factory(sqlite_database)

    def sessions() -> Session:
        opened.append(1)
        return factory()

    cache = FeedCache(sessions, marker_ttl=0, file_signature=sqlite_signature(sqlite_database))
    first = cache.get("feeds/exs.rss", "http://x.example/")
    assert first is not None and cache.builds == 1
    before = len(opened)
    for _ in range(5):
        assert cache.get("feeds/exs.rss", "http://x.example/") is first
    assert len(opened) == before, "no query while the database files are unchanged"

    with Session(get_engine(sqlite_database)) as session:
        add_record(session, "fresh", title="Sample fresh item", published=T0, assessment={})
        session.commit()
    changed = cache.get("feeds/exs.rss", "http://x.example/")
    assert changed is not None and changed.etag != first.etag and cache.builds == 2
    assert sqlite_signature("postgresql+psycopg://u@h/db") is None
