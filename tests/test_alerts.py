"""E-mail alerts against a real SMTP server (aiosmtpd) on 127.0.0.1: subscribe, confirmation
mail, confirm link, a new flagged item, immediate mail and daily digest, one-click
unsubscribe (RFC 8058), then no more mail; rate limits; ``oursay alerts forget``; and no
public output showing a subscriber's address."""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from conftest import free_port
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from test_feeds import T0, add_record, sample_database
from test_web import TestClient

from oursay.cli import main
from oursay.export_db import export_db
from oursay.web import create_app
from storage.db import get_engine
from storage.models import AlertDelivery, Subscription

SUPPORTER = "supporter.sample@example.net"
DIGEST = "digest.reader@example.net"
SECRET = "alerts-test-secret-" + "k" * 32
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LINK = re.compile(r"http://testserver/alerts/\w+\?token=[\w.-]+")


class Inbox:
    """aiosmtpd handler keeping every message it is given."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("OURSAY_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OURSAY_SMTP_PORT", str(port))
    monkeypatch.setenv("OURSAY_SMTP_FROM", "oursay alerts <alerts@oursay.example>")
    monkeypatch.setenv("OURSAY_SMTP_STARTTLS", "0")  # a plain local test server
    monkeypatch.setenv("OURSAY_SECRET_KEY", SECRET)  # the CLI signs links as the app does
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def client(database: str, inbox: Inbox) -> Iterator[TestClient]:
    sample_database(database)
    with TestClient(create_app(database, marker_ttl=0)) as test_client:
        yield test_client


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def subscribe(client: TestClient, address: str, feed: str, frequency: str) -> Any:
    token = CSRF.search(client.get("/councils/exs").text)
    assert token, "no subscribe form on the council page"
    return client.post(
        "/alerts/subscribe",
        data={
            "email": address,
            "feed": feed,
            "frequency": frequency,
            "csrf_token": token.group(1),
        },
    )


def confirm_from_mail(client: TestClient, inbox: Inbox, address: str) -> None:
    mail = inbox.to(address)[-1]
    assert mail["Subject"].startswith("Confirm your oursay alerts")
    link = LINK.search(body(mail))
    assert link and "/alerts/confirm?" in link.group(0)
    page = client.get(link.group(0))
    assert page.status_code == 200 and "Start the alerts" in page.text
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    assert token
    done = client.post("/alerts/confirm", data={"token": token.group(1)})
    assert done.status_code == 200 and "Alerts started" in done.text


def send(capsys: pytest.CaptureFixture[str], digest: str = "immediate") -> str:
    code = main(["alerts", "send", "--digest", digest, "--base-url", "http://testserver"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def count(database: str, model: Any) -> int:
    with Session(get_engine(database)) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_subscribe_confirm_alert_digest_unsubscribe(
    client: TestClient,
    inbox: Inbox,
    database: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    answer = subscribe(client, SUPPORTER, "/feeds/exs.rss", "immediate")
    assert answer.status_code == 200 and "Check your e-mail" in answer.text
    assert len(inbox.to(SUPPORTER)) == 1
    assert count(database, Subscription) == 0  # nothing stored before the link is followed
    confirm_from_mail(client, inbox, SUPPORTER)
    subscribe(client, DIGEST, "feeds/exs", "daily")
    confirm_from_mail(client, inbox, DIGEST)
    assert count(database, Subscription) == 2

    # What the feed held at confirmation is not news.
    assert send(capsys).startswith("immediate: 0 e-mails")
    assert len(inbox.messages) == 2

    with Session(get_engine(database)) as session:
        for key, title in (("new1", "Sample library closure"), ("new2", "Sample pool sale")):
            add_record(session, key, title=title, published=T0 + timedelta(days=30), assessment={})
        session.commit()
    assert send(capsys).startswith("immediate: 1 e-mails with 2 items")
    alert = inbox.to(SUPPORTER)[-1]
    text = body(alert)
    assert "Sample library closure" in text and "Sample pool sale" in text
    assert "No evidence of a public consultation" in text
    unsubscribe_url = alert["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith("http://testserver/alerts/unsubscribe?token=")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in text
    # Each item once.
    assert send(capsys).startswith("immediate: 0 e-mails")
    assert send(capsys, "daily").startswith("daily: 1 e-mails with 2 items")
    digest = inbox.to(DIGEST)[-1]
    assert digest["Subject"].startswith("oursay daily digest: 2 new items")
    assert "Sample pool sale" in body(digest)

    # RFC 8058 one-click: the mail client POSTs to the header's URL.
    parts = urlsplit(unsubscribe_url)
    gone = client.post(
        f"{parts.path}?{parts.query}",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert gone.status_code == 200 and "Alerts stopped" in gone.text
    assert count(database, Subscription) == 1
    with Session(get_engine(database)) as session:
        left = session.scalars(select(AlertDelivery.subscription_id).distinct()).all()
        assert len(left) == 1  # the supporter's delivery records went with the row
    with Session(get_engine(database)) as session:
        add_record(
            session,
            "new3",
            title="Sample third item",
            published=T0 + timedelta(days=31),
            assessment={},
        )
        session.commit()
    before = len(inbox.to(SUPPORTER))
    assert send(capsys).startswith("immediate: 0 e-mails")
    assert send(capsys, "daily").startswith("daily: 1 e-mails with 1 items")
    assert len(inbox.to(SUPPORTER)) == before

    # No public output shows a subscriber's address.
    public = [
        "/",
        "/councils/exs",
        "/feeds/exs.rss",
        "/feeds/all.atom",
        "/feeds.opml",
        "/topics",
        "/search?q=sample",
        "/search.csv?q=sample",
        "/search.json?q=sample",
        "/feeds/search.rss?q=sample",
        "/feeds/topics/libraries.rss",
        "/feeds/nations/england.rss",
        "/alerts/subscribe?feed=feeds/exs",
        "/health",
    ]
    for path in public:
        answer = client.get(path)
        assert answer.status_code == 200, path
        for address in (SUPPORTER, DIGEST, "example.net"):
            assert address not in answer.text, path
    if database.startswith("sqlite"):
        copy = tmp_path / "share.db"
        export_db(copy, url=database)
        assert b"example.net" not in copy.read_bytes()

    # Staff forget an address on request, however it is spelt.
    assert main(["alerts", "forget", DIGEST.upper()]) == 0
    assert "deleted 1 subscription of that address" in capsys.readouterr().out
    assert main(["alerts", "forget", DIGEST]) == 0
    assert "deleted 0 subscriptions" in capsys.readouterr().out
    assert count(database, Subscription) == 0 and count(database, AlertDelivery) == 0


@pytest.fixture
def sqlite_client(sqlite_database: str, inbox: Inbox) -> Iterator[TestClient]:
    """For what does not depend on the database: SQLite only."""
    sample_database(sqlite_database)
    with TestClient(create_app(sqlite_database, marker_ttl=0)) as test_client:
        yield test_client


def test_requests_are_rate_limited_and_bad_links_refused(
    sqlite_client: TestClient, inbox: Inbox, sqlite_database: str
) -> None:
    client, database = sqlite_client, sqlite_database
    answers = [subscribe(client, "stranger@example.org", "feeds/exs", "daily") for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert "Too many subscription requests" in answers[-1].text
    assert len(inbox.to("stranger@example.org")) == 5
    assert count(database, Subscription) == 0

    bad = subscribe(client, "not an address", "feeds/exs", "daily")
    assert bad.status_code == 400 and "does not look like an e-mail address" in bad.text
    nowhere = subscribe(client, "someone@example.org", "feeds/nowhere", "daily")
    assert nowhere.status_code == 404
    assert client.post("/alerts/confirm", data={"token": "forged"}).status_code == 400
    assert client.get("/alerts/unsubscribe?token=forged").status_code == 400
    # Without the form's CSRF token nothing is sent.
    forged = client.post("/alerts/subscribe", data={"email": "x@example.org", "feed": "feeds/exs"})
    assert forged.status_code == 403
    assert len(inbox.to("x@example.org")) == 0


def test_without_smtp_settings_the_form_says_so(
    sqlite_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = sqlite_database
    sample_database(database)
    monkeypatch.delenv("OURSAY_SMTP_HOST", raising=False)
    with TestClient(create_app(database, marker_ttl=0, secret=SECRET)) as client:
        answer = subscribe(client, SUPPORTER, "feeds/exs", "daily")
    assert answer.status_code == 503 and "does not send e-mail" in answer.text
    assert main(["alerts", "send", "--base-url", "http://testserver"]) == 2
    assert "set OURSAY_SMTP_HOST" in capsys.readouterr().err
