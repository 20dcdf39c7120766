"""Whole crawls of the simulated ModernGov and CMIS sites, as subprocesses (``python -m
oursay crawl …``), into a temporary SQLite database: what is stored, what a second run
fetches, and how failing councils are recorded."""

from __future__ import annotations

import csv
import datetime
import ipaddress
import os
import sqlite3
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.sim.cmis import CMISSim
from crawlers.sim.cmis import document_request_count as cmis_documents
from crawlers.sim.moderngov import ModernGovSim, document_request_count
from crawlers.sim.server import SimResponse, SimServer

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SAMPLE_COUNCILS = REPO / "crawlers" / "sim" / "data" / "sample_councils.csv"
FAST = [
    "--set",
    "DOWNLOAD_DELAY=0",
    "--set",
    "AUTOTHROTTLE_ENABLED=False",
    "--set",
    "OURSAY_BROWSER=off",
    "--set",
    "DOWNLOAD_MAXSIZE=2000000",
]
WINDOW = ["--since", "2026-01-01", "--until", "2026-06-30"]
COLUMNS = ["code", "name", "platform", "base_url", "verify_tls", "browser"]


def crawl(
    source: str, database: Path, councils: Path, *args: str, timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "OURSAY_DATABASE_URL": f"sqlite:///{database}",
        "OURSAY_EXTRA_COUNCILS": str(councils),
        "OURSAY_LOG_LEVEL": "INFO",
    }
    return subprocess.run(
        [sys.executable, "-m", "oursay", "crawl", source, "--create", *args, *FAST],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def rows(database: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql, params).fetchall()


def kinds(database: Path) -> dict[str, int]:
    return dict(rows(database, "select kind, count(*) from records group by kind"))


def document(database: Path, url_part: str, key_part: str = "") -> tuple[Any, ...]:
    (row,) = rows(
        database,
        "select d.status, d.error, d.page_count, d.id from documents d join records r "
        "on r.id = d.record_id where d.url like ? and r.source_key like ?",
        f"%{url_part}%",
        f"%{key_part}%",
    )
    return row


def page_text(database: Path, document_id: int, page: int) -> str:
    ((text,),) = rows(
        database,
        "select text from document_pages where document_id = ? and page_number = ?",
        document_id,
        page,
    )
    return text


def write_councils(path: Path, entries: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for entry in entries:
            writer.writerow({"verify_tls": "true", "browser": "false", **entry})
    return path


@pytest.fixture
def exampleshire() -> Iterator[tuple[ModernGovSim, SimServer]]:
    # Under a sub-directory, as many councils host it; a small "huge" file keeps tests fast.
    sim = ModernGovSim(prefix="/moderngov", huge_bytes=3_000_000)
    with SimServer(sim) as server:
        yield sim, server


def test_moderngov_crawl_stores_everything_and_fetches_each_document_once(
    exampleshire: tuple[ModernGovSim, SimServer], tmp_path: Path
) -> None:
    sim, server = exampleshire
    database = tmp_path / "oursay.db"
    base = ["--council", "EXA", "--base-url", sim.base_url(server.url)]

    first = crawl("moderngov", database, SAMPLE_COUNCILS, *base, *WINDOW)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "records 28 new" in first.stdout
    assert kinds(database) == {
        "agenda_item": 10,
        "consultation": 2,
        "decision": 6,
        "forward_plan": 2,
        "issue": 4,
        "meeting": 4,
    }
    # Records keep the council's own addresses, not the test server's.
    assert rows(database, "select distinct council_code from records") == [("EXA",)]
    keys = [k for (k,) in rows(database, "select source_key from records")]
    assert all(k.startswith("democracy.exampleshire.example/") for k in keys)
    ((description, key_flag, maker),) = rows(
        database,
        "select description, is_key_decision, decision_maker from records "
        "where source_key = 'democracy.exampleshire.example/decision/101'",
    )
    assert (key_flag, maker) == (1, "Cabinet Member for Adult Social Care")
    assert "Alternative options considered: None." in description.splitlines()
    ((consultation,),) = rows(
        database,
        "select json_extract(data, '$.consultation_process') from records "
        "where source_key = 'democracy.exampleshire.example/issue/202'",
    )
    assert consultation.startswith("Eight-week public consultation")

    # Every listed document is stored, with text or with the reason it has none.
    assert rows(database, "select count(*) from documents where status = 'pending'") == [(0,)]
    assert rows(database, "select count(*) from documents") == [(24,)]
    status, error, pages, report = document(database, "s2001/Home", "decision/101")
    assert (status, error, pages) == ("ok", None, 2)
    assert "4. Alternative options considered and rejected" in page_text(database, report, 2)
    assert document(database, "s2007/")[:2] == (
        "failed",
        "corrupt PDF (Failed to load document (PDFium: Data format error).)",
    )
    assert document(database, "s2008/")[:2] == ("skipped", "encrypted PDF (needs a password)")
    assert document(database, "s2006/")[:3] == ("ok", "no text layer (scanned?)", 2)
    assert document(database, "s2004/")[0::2][:2] == ("ok", 2)  # DOCX, two pages
    assert document(database, "ID=2009")[:2] == ("ok", None)  # an HTML attachment
    assert document(database, "s2050/")[:2] == (
        "skipped",
        "too large: listed as 75.0 MB, over the 1.9 MB cap; not downloaded",
    )
    assert document(database, "mgConvert2PDF.aspx?ID=2050")[:2] == (
        "skipped",
        "too large: 2.9 MB, over the 1.9 MB cap; download stopped",
    )
    assert document(database, "www.example.org")[:2] == (
        "skipped",
        "off-site link (www.example.org); not fetched",
    )
    assert document(database, "documents/private/")[:2] == (
        "skipped",
        "not fetched: Forbidden by robots.txt",
    )
    # Politely: robots.txt read and obeyed, a User-Agent with a contact URL, no file twice.
    requests = list(server.requests)
    assert requests[0].path == "/robots.txt"
    assert not [r for r in requests if r.path.startswith("/moderngov/documents/private/")]
    assert all("oursay" in r.headers.get("user-agent", "") for r in requests)
    fetched = [(r.path, tuple(sorted(r.query.items()))) for r in requests if "ocuments/" in r.path]
    assert len(fetched) == len(set(fetched))
    downloads_first = document_request_count(requests)
    assert downloads_first == 19  # 8 files as documents/s…, 11 as mgConvert2PDF
    assert rows(database, "select count(*) from crawl_failures") == [(0,)]
    assert rows(
        database, "select complete_until from crawl_checkpoints where source = 'moderngov'"
    ) == [("2026-06-29 23:00:00.000000",)]  # 30/06/2026 00:00 in London, stored in UTC

    # Second run over the unchanged site: pages again, documents not at all.
    before = len(server.requests)
    second = crawl("moderngov", database, SAMPLE_COUNCILS, *base, *WINDOW)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "records 0 new, 0 changed, 28 unchanged" in second.stdout
    assert document_request_count(server.requests[before:]) == 0

    # The site republishes one report and adds a decision: only those two files come.
    sim.revision = 2
    before = len(server.requests)
    third = crawl("moderngov", database, SAMPLE_COUNCILS, *base, *WINDOW)
    assert third.returncode == 0, third.stderr[-3000:]
    fetched = sorted(
        f"{r.path}?{r.query}" for r in server.requests[before:] if "ocuments/" in r.path
    )
    assert document_request_count(server.requests[before:]) == 3, fetched
    assert "records 1 new" in third.stdout
    status, _, pages, report = document(database, "s2001/Home", "decision/101")
    assert (status, pages) == ("ok", 3)
    assert "Addendum (20 March 2026)" in page_text(database, report, 3)
    assert document(database, "s2011/")[0] == "ok"

    # Without --since the next run starts 14 days before the checkpoint.
    before = len(server.requests)
    fourth = crawl("moderngov", database, SAMPLE_COUNCILS, *base, "--until", "2026-07-31")
    assert fourth.returncode == 0, fourth.stderr[-3000:]
    (listing,) = [
        r
        for r in server.requests[before:]
        if r.path.endswith("mgDelegatedDecisions.aspx") and r.arg("DS") == "2"
    ]
    assert listing.arg("DR") == "16/06/2026-31/07/2026"
    assert document_request_count(server.requests[before:]) == 0


def test_meetings_from_html_pages_when_the_web_service_is_off(
    exampleshire: tuple[ModernGovSim, SimServer], tmp_path: Path
) -> None:
    sim, server = exampleshire
    sim.web_service = False
    database = tmp_path / "oursay.db"
    result = crawl(
        "moderngov",
        database,
        SAMPLE_COUNCILS,
        *["--council", "EXA", "--base-url", sim.base_url(server.url), *WINDOW],
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "'oursay/moderngov/html_fallback': 1" in result.stderr
    counts = kinds(database)
    assert (counts["meeting"], counts["agenda_item"]) == (4, 10)
    ((title, status, description),) = rows(
        database,
        "select title, status, description from records "
        "where source_key = 'democracy.exampleshire.example/meeting/301'",
    )
    assert (title, status) == ("Cabinet - 10 February 2026", "Confirmed")
    assert "Venue: Council Chamber, County Hall, Exampleton" in description
    ((item_title,),) = rows(
        database,
        "select title from records "
        "where source_key = 'democracy.exampleshire.example/agenda_item/4014'",
    )
    assert item_title == "Members' Questions and Community Engagement Update"
    assert document(database, "s2003/", "agenda_item/4004")[0] == "ok"


def test_firewall_challenge_without_a_browser_is_recorded(
    exampleshire: tuple[ModernGovSim, SimServer], tmp_path: Path
) -> None:
    sim, server = exampleshire
    sim.mode = "challenge"
    database = tmp_path / "oursay.db"
    args = ["--council", "EXA", "--base-url", sim.base_url(server.url), *WINDOW]
    result = crawl("moderngov", database, SAMPLE_COUNCILS, *args, timeout=60)
    assert result.returncode == 4  # finished, nothing collected
    assert "1 failures recorded" in result.stdout
    ((council, reason, url),) = rows(
        database, "select council_code, reason, url from crawl_failures"
    )
    assert council == "EXA"
    assert reason == "firewall challenge (HTTP 503); browser path off"
    assert "mgDelegatedDecisions.aspx" in url
    assert kinds(database) == {}
    assert rows(database, "select count(*) from crawl_checkpoints") == [(0,)]
    # The challenge is not mistaken for a rate limit and waited out: one try, then stop.
    assert [r.path for r in server.requests] == [
        "/robots.txt",
        "/moderngov/mgDelegatedDecisions.aspx",
    ]


def test_slow_host_times_out_and_is_recorded(
    exampleshire: tuple[ModernGovSim, SimServer], tmp_path: Path
) -> None:
    sim, server = exampleshire
    sim.mode, sim.slow_delay = "slow", 3.0
    database = tmp_path / "oursay.db"
    args = ["--council", "EXA", "--base-url", sim.base_url(server.url), *WINDOW]
    result = crawl(
        "moderngov",
        database,
        SAMPLE_COUNCILS,
        *args,
        *["--set", "DOWNLOAD_TIMEOUT=1", "--set", "RETRY_TIMES=0"],
        timeout=60,
    )
    ((council, reason),) = rows(database, "select council_code, reason from crawl_failures")
    assert council == "EXA"
    assert reason.startswith("DownloadTimeoutError: ") and "took longer than 1" in reason, reason
    assert rows(database, "select count(*) from crawl_checkpoints") == [(0,)]
    assert result.returncode == 4  # finished, nothing collected


def test_a_failing_council_does_not_stop_the_others(tmp_path: Path) -> None:
    good = ModernGovSim(huge_bytes=3_000_000)
    bad = ModernGovSim(mode="error")
    moved = lambda request: (  # noqa: E731 - a one-line site: everything has moved away
        SimResponse(200, "User-agent: *\n", "text/plain")
        if request.path == "/robots.txt"
        else SimResponse(301, "", headers={"Location": "https://moved.example.org/"})
    )
    with SimServer(good) as one, SimServer(bad) as two, SimServer(moved) as three:
        councils = write_councils(
            tmp_path / "councils.csv",
            [
                {"code": "EXA", "name": "Exampleshire (sample)", "platform": "moderngov",
                 "base_url": one.url},
                {"code": "ZZE", "name": "Errorshire (sample)", "platform": "moderngov",
                 "base_url": two.url},
                {"code": "ZZM", "name": "Movedshire (sample)", "platform": "moderngov",
                 "base_url": three.url},
            ],
        )  # fmt: skip
        database = tmp_path / "oursay.db"
        result = crawl(
            "moderngov",
            database,
            councils,
            *["--council", "EXA", "--council", "ZZE", "--council", "ZZM", *WINDOW],
            *["--set", "RETRY_TIMES=0"],
        )
    # The others' records are kept; the exit status says that something was not collected.
    assert result.returncode == 3, result.stdout + result.stderr[-6000:]
    assert "2 failures recorded" in result.stdout
    failures = dict(rows(database, "select council_code, reason from crawl_failures"))
    assert failures["ZZE"] == "HTTP 500"
    assert failures["ZZM"].startswith("moved to another host, not followed: ")
    assert "EXA" not in failures
    assert rows(database, "select council_code, count(*) from records group by 1") == [("EXA", 28)]
    assert rows(database, "select scope from crawl_checkpoints") == [("EXA",)]
    host = one.url.removeprefix("http://")
    assert rows(database, "select count(*) from records where source_key like ?", f"{host}/%") == [
        (28,)
    ]


def test_cmis_crawl_and_second_run(tmp_path: Path) -> None:
    sim = CMISSim()
    database = tmp_path / "oursay.db"
    with SimServer(sim) as server:
        args = ["--council", "SMP", "--base-url", sim.base_url(server.url), *WINDOW]
        first = crawl("cmis", database, SAMPLE_COUNCILS, *args)
        assert first.returncode == 0, first.stderr[-3000:]
        # Each paper is an agenda item of its meeting, carrying its document.
        assert kinds(database) == {"meeting": 4, "agenda_item": 6}
        papers = rows(
            database,
            "select r.title, count(d.id) from records r join documents d on d.record_id = r.id "
            "where r.kind = 'agenda_item' group by r.id order by r.title",
        )
        assert [count for _, count in papers] == [1] * 6
        assert "Leisure centre management contract award - report" in {t for t, _ in papers}
        assert rows(
            database,
            "select count(*) from documents d join records r on r.id = d.record_id "
            "where r.kind = 'meeting'",
        ) == [(0,)]
        ((title, status, description),) = rows(
            database,
            "select title, status, description from records "
            "where source_key = 'cmis.sampleton.example/meeting/6101'",
        )
        assert (title, status) == ("Cabinet - 3 February 2026", "Held")
        assert "Venue: Council Chamber, Sampleton Town Hall" in description.splitlines()
        statuses = rows(
            database, "select status, error, count(*) from documents group by 1, 2 order by 1, 2"
        )
        assert statuses == [
            ("failed", "corrupt PDF (Failed to load document (PDFium: Data format error).)", 1),
            ("ok", None, 5),
        ]
        ((report,),) = rows(
            database, "select id from documents where title like 'Leisure centre management%'"
        )
        assert "Alternative options considered and rejected" in page_text(database, report, 2)
        assert cmis_documents(server.requests) == 6
        assert rows(database, "select scope from crawl_checkpoints where source = 'cmis'") == [
            ("SMP",)
        ]

        before = len(server.requests)
        second = crawl("cmis", database, SAMPLE_COUNCILS, *args)
        assert second.returncode == 0, second.stderr[-3000:]
        assert "records 0 new, 0 changed, 10 unchanged" in second.stdout
        assert cmis_documents(server.requests[before:]) == 0
        # Months are walked with the no-JavaScript calendar, January to June.
        months = sorted(
            r.path.split("/Date/")[1][:10] for r in server.requests[before:] if "/Date/" in r.path
        )
        assert months == [f"2026-{m:02d}-01" for m in range(1, 7)]


def _tls_context(directory: Path) -> ssl.SSLContext:
    """A self-signed certificate for 127.0.0.1: a council whose certificate won't verify."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2040, 1, 1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (directory / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "cert.pem", directory / "key.pem")
    return context


def test_tls_verification_follows_the_registry(tmp_path: Path) -> None:
    server = SimServer(ModernGovSim(scheme="https", huge_bytes=3_000_000))
    server._httpd.socket = _tls_context(tmp_path).wrap_socket(
        server._httpd.socket, server_side=True
    )
    url = f"https://127.0.0.1:{server.port}"
    with server:
        for verify in ("true", "false"):
            councils = write_councils(
                tmp_path / f"councils-{verify}.csv",
                [{"code": "ZZT", "name": "TLS (sample)", "platform": "moderngov",
                  "base_url": url, "verify_tls": verify}],
            )  # fmt: skip
            database = tmp_path / f"{verify}.db"
            result = crawl(
                "moderngov",
                database,
                councils,
                *["--council", "ZZT", *WINDOW, "--set", "RETRY_TIMES=0"],
            )
            failures = rows(database, "select council_code, reason from crawl_failures")
            if verify == "true":
                # Certificates are checked: this one is self-signed, so the council fails.
                assert result.returncode == 4  # finished, nothing collected
                ((council, reason),) = failures
                assert council == "ZZT" and "certificate verify failed" in reason
                assert kinds(database) == {}
            else:
                # The registry says this council's certificate does not verify: crawl anyway.
                assert result.returncode == 0, result.stderr[-3000:]
                assert failures == []
                assert kinds(database)["decision"] == 6
