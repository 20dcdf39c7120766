"""Issue 16, "each input fails alone": generated bad OCDS files through the real
``oursay ingest`` (a subprocess, as an operator runs it). Each bad file, release or
entry ends in one line naming it and its reason; everything good beside it is stored;
the exit status is non-zero; no traceback reaches the user."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from crawlers.documents import DOCX_MIME, extract
from crawlers.sim.moderngov import ModernGovSim, make_docx
from crawlers.sim.procurement import CF_SAMPLE, FTS_SAMPLE, SAMPLE_COUNCILS_CSV, FindATenderSim
from crawlers.sim.server import SimRequest, SimResponse, SimServer

REPO = Path(__file__).resolve().parents[1]


def run_oursay(
    database: Path, *args: str, settings: Sequence[str] = (), cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    """``oursay ARGS`` as a user runs it, on a SQLite file, with the sample councils."""
    command = [sys.executable, "-m", "oursay", *args]
    if args[:1] in (("ingest",), ("crawl",)):
        command.append("--create")  # a fresh database each test
    for setting in settings:
        command += ["--set", setting]
    env = {
        **os.environ,
        "OURSAY_DATABASE_URL": f"sqlite:///{database}",
        "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS_CSV),
    }
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def oursay_ingest(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return run_oursay(tmp_path / "oursay.db", "ingest", *map(str, files), cwd=tmp_path)


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
        result = run_oursay(
            database,
            *("crawl", "find-a-tender", "--base-url", server.url),
            *("--since", "2026-08-12", "--until", "2026-08-15"),
            settings=FAST_CRAWL,
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


# --- Committee documents: bad files fail alone, with the reason ------------------------------

LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
    b"<h1>Session expired</h1><p>Please sign in to continue.</p></body></html>"
)
BLOCK = 1 << 24


def lying_docx(inflated: int, claimed: int) -> bytes:
    """A DOCX whose ``word/document.xml`` inflates to about ``inflated`` bytes while its zip
    directory (central and local headers) says ``claimed``."""
    honest = zipfile.ZipFile(io.BytesIO(make_docx([["Sample"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in honest.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, honest.read(info))
                continue
            with archive.open(info.filename, "w") as member:
                member.write(b'<?xml version="1.0"?>')
                for _ in range(inflated // BLOCK):
                    member.write(b" " * BLOCK)
    data = bytearray(buffer.getvalue())
    name = b"word/document.xml"
    # Uncompressed size: offset 24 of a central directory entry, 22 of a local header.
    for signature, name_at, size_at in ((b"PK\x01\x02", 46, 24), (b"PK\x03\x04", 30, 22)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = struct.pack("<I", claimed)
            start += 4
    return bytes(data)


def deep_html(levels: int, marker: str) -> bytes:
    page = "<!DOCTYPE html><html><body><p>Before the deep part.</p>"
    page += "<div>" * levels + "Deep inside." + "</div>" * levels
    return (page + f"<p>{marker}</p></body></html>").encode()


def test_lying_zip_docx_fails_with_bounded_memory() -> None:
    bomb = lying_docx(inflated=256 << 20, claimed=6 << 20)
    assert len(bomb) < 2 << 20
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/document.xml").file_size == 6 << 20
    tracemalloc.start()
    try:
        extraction = extract(bomb, DOCX_MIME, "https://example.org/documents/s1/Appendix.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (extraction.status, extraction.pages) == ("failed", None)
    assert extraction.error == (
        "DOCX body inflates to over 64.0 MB although its zip directory says 6.0 MB "
        "(a zip bomb?); not read"
    )
    # Inflated a chunk at a time up to the cap, never the whole 256 MB at once.
    assert peak < 128 << 20, peak
    # Inflating to more than it says, though under the cap, is a corrupt file too.
    small_lie = lying_docx(inflated=BLOCK, claimed=4096)
    extraction = extract(small_lie, DOCX_MIME, "https://example.org/a.docx")
    assert extraction.status == "failed"
    assert extraction.error == (
        f"corrupt DOCX (word/document.xml inflates to {BLOCK + 21} bytes, its zip directory "
        "says 4096)"
    )


@pytest.mark.parametrize(
    ("content_type", "url", "listed_url", "expected"),
    [
        ("text/html", "https://example.org/documents/s1/report.pdf", None, "a PDF"),
        ("application/pdf", "https://example.org/mgConvert2PDF.aspx?ID=1", None, "a PDF"),
        (DOCX_MIME, "https://example.org/download?id=1", None, "a Word document (DOCX)"),
        ("text/html", "https://example.org/login", "https://example.org/a.docx", "a Word"),
    ],
)
def test_html_page_in_place_of_a_document_is_a_failure(
    content_type: str, url: str, listed_url: str | None, expected: str
) -> None:
    extraction = extract(LOGIN_PAGE, content_type, url, listed_url=listed_url)
    assert (extraction.status, extraction.pages) == ("failed", None)
    assert extraction.error is not None
    assert extraction.error.startswith(f"expected {expected}")
    assert extraction.error.endswith(", got an HTML page")
    # Even without a doctype, a page that starts as HTML is one.
    bare = b"\n  <head><title>Sign in</title></head><body>Session expired</body>"
    assert extract(bare, content_type, url, listed_url=listed_url).status == "failed"
    # Served as what it is, the same page is read.
    assert extract(LOGIN_PAGE, "text/html", "https://example.org/page.htm").pages == [
        "Session expired\nPlease sign in to continue."
    ]


def test_html_past_lxml_default_limits_is_read_or_recorded_as_failed() -> None:
    marker = "The last paragraph after the long one."
    long_node = (
        "<!DOCTYPE html><html><body><p>First.</p><p>" + "word " * 2_400_000 + f"</p><p>{marker}"
    ).encode() + b"</p></body></html>"
    assert len(long_node) > 11_000_000
    extraction = extract(long_node, "text/html", "https://example.org/a.htm")
    assert extraction.status == "ok" and extraction.error is None
    assert extraction.pages is not None
    assert extraction.pages[0].startswith("First.\nword word ")
    assert extraction.pages[0].endswith(f"word\n{marker}")

    # 300 levels: past lxml's default 256, within libxml2's huge mode (2,048).
    extraction = extract(deep_html(300, marker), "text/html", "https://example.org/a.htm")
    assert extraction.status == "ok"
    assert extraction.pages == [f"Before the deep part.\nDeep inside.\n{marker}"]
    # Past 2,048 the text cannot all be read: a recorded failure, not an empty "ok".
    extraction = extract(deep_html(3000, marker), "text/html", "https://example.org/a.htm")
    assert (extraction.status, extraction.pages) == ("failed", None)
    assert extraction.error == (
        "HTML beyond the parser's limits (Excessive depth in document: 2048); text not read"
    )


@dataclass
class TroubledModernGov(ModernGovSim):
    """The sample ModernGov site, with some document addresses answering what goes wrong:
    ``replaced`` maps a fragment of ``path?ID=…`` to the answer."""

    replaced: dict[str, SimResponse] = field(default_factory=dict)

    def route(self, request: SimRequest, path: str) -> SimResponse:
        address = f"{path}?ID={request.arg('ID') or ''}"
        for fragment, response in self.replaced.items():
            if fragment in address:
                return response
        return super().route(request, path)


def test_council_crawl_records_each_bad_document_and_stores_the_rest(tmp_path: Path) -> None:
    marker = "End of the engagement update."
    long_page = (
        "<!DOCTYPE html><html><body><p>Engagement update.</p><p>"
        + "word " * 2_400_000
        + "</p>"
        + "<div>" * 300
        + "Deep inside."
        + "</div>" * 300
        + f"<p>{marker}</p></body></html>"
    ).encode()
    site = TroubledModernGov(prefix="/moderngov", huge_bytes=100_000)
    login_as_pdf = SimResponse(200, LOGIN_PAGE, "application/pdf")
    bomb = SimResponse(200, lying_docx(256 << 20, 6 << 20), DOCX_MIME)
    site.replaced = {
        # The listed "….pdf" answers with the council's login page (as text/html)...
        "documents/s2001/": SimResponse(200, LOGIN_PAGE, "text/html; charset=utf-8"),
        # ...or labelled as a PDF, under both of its addresses.
        "documents/s2002/": login_as_pdf,
        "?ID=2002": login_as_pdf,
        "documents/s2004/": bomb,
        "?ID=2004": bomb,
        "?ID=2009": SimResponse(200, long_page, "text/html; charset=utf-8"),
    }
    database = tmp_path / "oursay.db"
    with SimServer(site) as server:
        result = run_oursay(
            database,
            *("crawl", "moderngov", "--council", "EXA", "--base-url", site.base_url(server.url)),
            *("--since", "2026-01-01", "--until", "2026-06-30"),
            settings=(
                "DOWNLOAD_DELAY=0",
                "AUTOTHROTTLE_ENABLED=False",
                "OURSAY_BROWSER=off",
                "DOWNLOAD_MAXSIZE=20000000",
            ),
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr

    def outcomes(url_part: str) -> set[tuple[str, str | None, int | None]]:
        with sqlite3.connect(database) as connection:
            return set(
                connection.execute(
                    "select status, error, page_count from documents where url like ?",
                    (f"%{url_part}%",),
                ).fetchall()
            )

    assert outcomes("s2001/") == {("failed", "expected a PDF, got an HTML page", None)}
    assert outcomes("?ID=2002") | outcomes("s2002/") == {
        ("failed", "expected a PDF, got an HTML page", None)
    }
    assert outcomes("?ID=2004") | outcomes("s2004/") == {
        (
            "failed",
            "DOCX body inflates to over 64.0 MB although its zip directory says 6.0 MB "
            "(a zip bomb?); not read",
            None,
        )
    }
    assert outcomes("ID=2009") == {("ok", None, 1)}
    with sqlite3.connect(database) as connection:
        (text,) = connection.execute(
            "select p.text from document_pages p join documents d on d.id = p.document_id "
            "where d.url like '%ID=2009%' limit 1"
        ).fetchone()
        pending = connection.execute(
            "select count(*) from documents where status = 'pending'"
        ).fetchone()
        login_text = connection.execute(
            "select count(*) from document_pages where text like '%Session expired%'"
        ).fetchone()
    assert text.startswith("Engagement update.\nword word ")
    assert text.endswith(f"word\nDeep inside.\n{marker}")
    assert pending == (0,) and login_text == (0,)
    # The rest are stored as on a good day, the same report under its other address too.
    assert outcomes("?ID=2001") == {("ok", None, 2)}
    assert outcomes("s2003/") == {("ok", None, 2)}
    assert outcomes("s2007/") == {
        ("failed", "corrupt PDF (Failed to load document (PDFium: Data format error).)", None)
    }


def test_a_row_the_database_refuses_fails_alone(tmp_path: Path, any_database_url: str) -> None:
    fts = fts_releases()
    with_nul = json.loads(json.dumps(fts[0]))
    with_nul["tender"]["title"] = "Home care\u0000 (sample)"
    path = tmp_path / "nul.json"
    path.write_text(json.dumps({"releases": [with_nul, fts[1]]}))
    result = subprocess.run(
        [sys.executable, "-m", "oursay", "ingest", "--create", str(path)],
        cwd=tmp_path,
        env={
            **os.environ,
            "OURSAY_DATABASE_URL": any_database_url,
            "OURSAY_EXTRA_COUNCILS": str(SAMPLE_COUNCILS_CSV),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    from sqlalchemy import create_engine, text

    engine = create_engine(any_database_url)
    with engine.connect() as connection:
        keys = set(connection.scalars(text("select source_key from records")))
    engine.dispose()
    assert f"{fts[1]['ocid']}/{fts[1]['id']}" in keys
    if any_database_url.startswith("postgresql"):
        # PostgreSQL text cannot hold NUL: that release alone is refused, and named.
        assert result.returncode == 1
        assert result.stderr == (
            f"oursay ingest: {path}: release '990113-2026' (releases[0]): not stored: "
            "PostgreSQL text fields cannot contain NUL (0x00) bytes\n"
        )
        assert f"{path}: 2 releases; stored 1 new, " in result.stdout
        assert len(keys) == 1
    else:
        assert result.returncode == 0, result.stderr
        assert len(keys) == 2


EXTRACT_UNDER_MEMORY_LIMIT = """
import json, resource, sys
from crawlers.documents import extract
body = b"<!DOCTYPE html><html><body><p>" + b"word " * 8_000_000 + b"</p><p>end</p></body></html>"
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
limit = size + 100 * 2**20  # far less than parsing 40 MB of HTML takes
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
extraction = extract(body, "text/html", "https://example.org/minutes.htm")
text = extraction.pages[0] if extraction.pages else ""
print(json.dumps([extraction.status, extraction.error, len(text), text[-9:]]))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_running_out_of_memory_is_a_recorded_failure() -> None:
    result = subprocess.run(
        [sys.executable, "-c", EXTRACT_UNDER_MEMORY_LIMIT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    status, error, length, tail = json.loads(result.stdout)
    # Whatever ran out (Python's allocations or libxml2's), the document is a failure with
    # the reason; were the limit enough after all, the text would have to be whole.
    if status == "failed":
        assert error == "out of memory extracting text" or error.startswith("could not read (")
    else:
        assert (status, length, tail) == ("ok", 40_000_003, " word\nend"), (status, error)
