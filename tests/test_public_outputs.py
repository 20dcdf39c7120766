"""Every public output (search pages, exports on the web and from the CLI, feeds, item pages)
carries the newsroom columns and no staff data (staff users, password hashes, reviewers,
review notes) and no contact details, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from test_feeds import T0, add_record, sample_database

from oursay.cli import main
from oursay.export import EXPORT_FIELDS
from oursay.web import create_app
from oursay.web.auth import create_staff_user
from storage.db import get_engine
from storage.models import Record, Review, StaffUser

STAFF_NAME = "reviewer-h3-staff"
PASSWORD = "h3 staff password that must never show"
NOTE = "PRIVATE-NOTE-h3: rang the officer"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONES = ("07700 900123", "01632 960123", "07700900123")


@pytest.fixture
def ids(database: str) -> dict[str, int]:
    ids = sample_database(database)
    create_staff_user(STAFF_NAME, PASSWORD, database_url=database)
    with Session(get_engine(database)) as session:
        staff = session.query(StaffUser).one()
        # A flagged notice with contact details in its text (scrubbed on the way out even if a
        # source slipped them past the spiders), suppliers and CPV codes, confirmed by staff
        # with a private note.
        ids["contact"] = add_record(
            session,
            "contact",
            title="Sample library service transfer, call 07700 900123",
            description="Contact jane.doe@example.gov.uk or 01632 960123 about the library.",
            published=T0,
            assessment={},
            reviews=(("confirmed", "Public reason: no consultation"),),
            reviewer=staff,
        )
        record = session.get(Record, ids["contact"])
        assert record is not None
        record.suppliers = [{"name": "Example Libraries Trust", "email": "bids@example.org"}]
        record.cpv_codes = ["92511000"]
        record.value_amount = 1_250_000
        record.value_currency = "GBP"
        record.notice_type = "UK6"
        for review in session.query(Review).filter(Review.record_id == ids["contact"]):
            review.note = NOTE + " on 07700900123, jane.doe@example.gov.uk"
        session.commit()
        hashed = session.query(StaffUser.password_hash).scalar()
    ids["hash"] = hashed  # type: ignore[assignment]
    return ids


@pytest.fixture
def client(database: str, ids: dict[str, int]) -> Iterator[TestClient]:
    app = create_app(database, marker_ttl=0, secret="test-secret-" + "x" * 32)
    with TestClient(app) as test_client:
        yield test_client


def assert_public(text: str, where: str, password_hash: str) -> None:
    for secret in (STAFF_NAME, PASSWORD, NOTE, "PRIVATE-NOTE", password_hash, *PHONES):
        assert secret not in text, f"{secret!r} in {where}"
    assert not EMAIL.search(text), f"an e-mail address in {where}: {EMAIL.search(text)}"


def test_exports_carry_every_newsroom_column(client: TestClient, ids: dict[str, int]) -> None:
    params = {"q": "library", "flag": "flagged"}
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv", params=params).text)))
    assert tuple(rows[0]) == EXPORT_FIELDS
    (row,) = rows
    assert row["id"] == str(ids["contact"]) and row["council"] == "EXS"
    assert row["council_name"] == "Exampleshire Sample Council"
    assert row["kind"] == "notice" and row["notice_type"] == "UK6"
    assert row["title"].startswith("Sample library service transfer")
    assert row["item_url"] == f"http://testserver/items/{ids['contact']}"
    assert row["url"] == "https://www.example.org/notice/contact"
    assert row["date"].startswith("2026-")
    assert row["buyer"] == "EXS sample buyer"
    assert row["suppliers"] == "Example Libraries Trust"
    assert (row["value_amount"], row["value_currency"]) == ("1250000.00", "GBP")
    assert row["cpv_codes"] == "92511000"
    assert row["flagged"] == "true" and row["rules"] == "sample-rule"
    assert row["flag_reason"] == (
        "outsourcing; no public consultation found; no in-house option found; "
        "confirmed by staff"
    )
    assert row["evidence"].startswith("The service will be delivered by an external provider")
    assert row["review_status"] == "confirmed"

    as_json = json.loads(client.get("/search.json", params=params).content)
    lines = client.get("/search.jsonl", params=params)
    assert lines.headers["content-type"].startswith("application/jsonl")
    as_jsonl = [json.loads(line) for line in lines.text.splitlines()]
    assert as_json == as_jsonl and len(as_json) == 1
    assert as_json[0]["suppliers"] == ["Example Libraries Trust"]
    assert as_json[0]["cpv_codes"] == ["92511000"]
    assert as_json[0]["evidence"] == [row["evidence"]]
    # The same filters as the page: a council filter, a review filter.
    every = json.loads(client.get("/search.json", params={"council": "smp"}).content)
    assert every and {r["council"] for r in every} == {"SMP"}
    confirmed = json.loads(client.get("/search.json?review=confirmed").content)
    assert {r["id"] for r in confirmed} == {
        ids["contact"],
        *[r["id"] for r in every if r["review_status"] == "confirmed"],
    }


def test_public_outputs_hold_no_staff_data_or_contact_details(
    client: TestClient, ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    password_hash = str(ids["hash"])
    paths = [
        "/search",
        "/search?q=library",
        "/search?review=confirmed",
        "/search.csv",
        "/search.json",
        "/search.jsonl?q=library",
        f"/items/{ids['contact']}",
        "/",
        "/councils/exs",
        "/feeds/all.rss",
        "/feeds/all.atom",
        "/feeds/exs.rss",
        "/feeds/notices/all.atom",
        "/feeds.opml",
    ]
    for path in paths:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert_public(answer.text, path, password_hash)
    # The record is really in them (so the check above looked at it).
    assert "Sample library service transfer" in client.get("/search?q=library").text
    assert "Sample library service transfer" in client.get("/feeds/all.rss").text
    for fmt in ("csv", "json", "jsonl"):
        assert main(["export", "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "Sample library service transfer" in out
        assert_public(out, f"oursay export --format {fmt}", password_hash)
