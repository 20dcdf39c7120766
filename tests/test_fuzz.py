"""Fuzzing the readers of untrusted bytes: document text extraction (crawlers/extract.py)
and the OCDS reader and ingest (crawlers/ocds_json.py, crawlers/ingest.py).

Hypothesis mutates real documents (PDF, DOCX, HTML made by the project's sample site
helpers) and writes JSON with invalid numbers and mixed encodings; every example must end
in a recorded error or a correct parse, in bounded time (Hypothesis deadline). A corpus of
nasty files generated in tmp_path (50 MB single-line HTML, a PDF whose page stream
inflates to 150 MB, a DOCX zip bomb, truncated and encrypted PDFs) is read in a
subprocess under an address-space limit, so that "bounded memory" is enforced, not hoped.
Cases test_bad_input.py and test_documents.py already cover (a zip whose header lies, HTML
past lxml's limits, out of memory) are not repeated.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawlers.extract import extract
from crawlers.ingest import ingest_files
from crawlers.ocds_json import InvalidJSON, parse_json
from crawlers.sim.moderngov import make_pdf

REPO = Path(__file__).resolve().parents[1]
STATUSES = {"ok", "failed", "skipped"}
FUZZ = settings(
    max_examples=40,
    deadline=5000,  # ms per example: a slow machine, but a hang still fails
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples every run: CI is reproducible
)

PDF = make_pdf([["SAMPLE fuzz page one"], ["SAMPLE fuzz page two"]])


def docx(body_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"/>',
        )
        archive.writestr("word/document.xml", body_xml)
    return buffer.getvalue()


DOCX = docx(
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
    b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>SAMPLE fuzz text</w:t></w:r></w:p>'
    b"</w:body></w:document>"
)
HTML = b"<!doctype html><html><body><p>SAMPLE fuzz paragraph</p></body></html>"
KINDS = {
    "pdf": (PDF, "application/pdf", "https://example.org/a.pdf"),
    "docx": (
        DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "https://example.org/a.docx",
    ),
    "html": (HTML, "text/html", "https://example.org/a.htm"),
}


def check(extraction: object) -> None:
    status = getattr(extraction, "status", None)
    pages = getattr(extraction, "pages", None)
    error = getattr(extraction, "error", None)
    assert status in STATUSES
    if status == "ok":
        assert isinstance(pages, list) and all(isinstance(p, str) for p in pages)
    else:
        assert pages is None and isinstance(error, str) and error


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str, str]:
    kind = draw(st.sampled_from(sorted(KINDS)))
    body, content_type, url = KINDS[kind]
    data = bytearray(body)
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "duplicate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 4096))]
    return bytes(data), content_type, url


@FUZZ
@given(mutated())
def test_mutated_documents_are_read_or_recorded(case: tuple[bytes, str, str]) -> None:
    body, content_type, url = case
    check(extract(body, content_type, url))


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(["é", "\u2013", "\ufeff", "\x00", "\ud7ff", "\U0001f600"]),
        ),
        max_size=20,
    ),
    st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16"]),
    st.sampled_from(["", "; charset={}", "; charset=x-unknown", "; charset=utf-8"]),
)
def test_html_in_mixed_encodings(pieces: list[str], encoding: str, declared: str) -> None:
    text = "".join(pieces)
    body = b"<html><body><p>" + text.encode(encoding, errors="replace") + b"</p></body></html>"
    check(extract(body, "text/html" + declared.format(encoding), "https://example.org/p.htm"))


NUMBERS = [
    "NaN", "Infinity", "-Infinity", "1e9999", "-1e9999", "01", "-0", "1.5e-99999",
    "1" * 5000, "0x10", "1.", ".5", "+1", "1e", "--1",
]  # fmt: skip


@FUZZ
@given(
    st.sampled_from(NUMBERS),
    st.text(max_size=30),
    st.binary(max_size=8),
    st.booleans(),
)
def test_ocds_json_with_invalid_numbers_and_encodings(
    number: str, title: str, stray: bytes, bom: bool
) -> None:
    release = (
        '{"ocid": "ocds-h6vhtk-0fz001", "id": "r1", "date": "2025-03-01T00:00:00Z", '
        '"tag": ["tender"], "buyer": {"name": "Sample"}, "tender": {"title": '
        + json.dumps(title)
        + ', "value": {"amount": '
        + number
        + ', "currency": "GBP"}}}'
    ).encode()
    # Stray bytes inside a string: Latin-1 or broken UTF-8 in the middle of UTF-8.
    at = release.index(b'"Sample') + 2
    stray = stray.replace(b'"', b"").replace(b"\\", b"")
    body = (b"\xef\xbb\xbf" if bom else b"") + release[:at] + stray + release[at:]
    try:
        parsed = parse_json(body)
    except InvalidJSON as error:
        assert str(error)
        return
    assert parsed.value["ocid"] == "ocds-h6vhtk-0fz001"
    amount = parsed.value["tender"]["value"]["amount"]
    # Nothing invented: a number either parses as itself or is kept as its own text.
    assert isinstance(amount, int | float | str)
    if isinstance(amount, float):
        assert amount == amount and abs(amount) != float("inf")


def test_ingest_of_fuzzed_releases_never_crashes(tmp_path: Path) -> None:
    """Every NUMBERS case and broken bytes, one release per line: the good lines load,
    each bad one is one error line, and nothing raises."""
    lines = []
    for n, number in enumerate(NUMBERS):
        lines.append(
            (
                f'{{"ocid": "ocds-h6vhtk-0fz{n:03d}", "id": "r{n}", "date": "2025-03-01T00:00:00Z",'
                f' "tag": ["tender"], "buyer": {{"name": "Caf\xe9 Council"}}, "tender": '
                f'{{"title": "Sample", "value": {{"amount": {number}, "currency": "GBP"}}}}}}'
            ).encode("latin-1")
        )
    lines.append(b'{"ocid": "ocds-h6vhtk-0fzcut", "id": "r", "tender": {"ti')
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    out, errors = io.StringIO(), io.StringIO()
    database = f"sqlite:///{tmp_path / 'f.db'}"
    status = ingest_files([path], out=out, errors=errors, database_url=database)
    assert status in (0, 1)
    assert "Traceback" not in errors.getvalue()
    # Each line is a release read (stored, or not a council's) or one error line naming it.
    summary = out.getvalue()
    releases = int(summary.split(": ", 1)[1].split(" releases", 1)[0])
    error_lines = [line for line in errors.getvalue().splitlines() if "fuzz.jsonl:" in line]
    assert releases + len(error_lines) == len(lines), (summary, errors.getvalue())
    assert releases >= 5  # NaN, Infinity, 1e9999, 5,000 digits… are read, not refused


# ------------------------------------------------------------------ nasty corpus, bounded

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space for the reader: bombs must not fit
READER = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
sys.path.insert(0, {repo!r})
from crawlers.extract import extract
data = open(sys.argv[1], "rb").read()
result = extract(data, sys.argv[2], sys.argv[3])
pages = result.pages or []
print(result.status, len(pages), sum(len(p) for p in pages), result.error or "", sep="|")
"""


def _flate_pdf(inflated_size: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated_size`` bytes of spaces."""
    stream = zlib.compress(b" " * inflated_size, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
        + stream + b"\nendstream",
    ]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out += trailer.encode()
    return bytes(out)


def _docx_bomb(inflated_size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<w:t>a</w:t>" * 100_000
            for _ in range(inflated_size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


CORPUS = {
    "html-50mb-one-line": (
        lambda: b"<html><body><p>" + b"SAMPLE " * (50 * 1024 * 1024 // 7) + b"</p></body></html>",
        "text/html",
        "https://example.org/long.htm",
    ),
    "pdf-stream-inflates-to-150mb": (lambda: _flate_pdf(150 * 1024 * 1024), "application/pdf",
                                     "https://example.org/huge.pdf"),
    "pdf-truncated": (lambda: PDF[: len(PDF) // 2], "application/pdf", "https://example.org/t.pdf"),
    "pdf-encrypted": (lambda: make_pdf([["secret"]], user_password="pw"), "application/pdf",
                      "https://example.org/e.pdf"),
    "docx-zip-bomb-200mb": (
        lambda: _docx_bomb(200 * 1024 * 1024),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "https://example.org/bomb.docx",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CORPUS))
def test_nasty_files_end_in_a_result_within_bounded_memory(tmp_path: Path, name: str) -> None:
    make, content_type, url = CORPUS[name]
    path = tmp_path / name
    path.write_bytes(make())
    code = READER.format(limit=MEMORY_LIMIT, repo=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), content_type, url],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    status, pages, characters, error = done.stdout.strip().split("|", 3)
    assert status in STATUSES, done.stdout
    if status != "ok":
        assert error, done.stdout
    if name == "html-50mb-one-line":
        assert (status, int(pages)) == ("ok", 1) and int(characters) > 40_000_000
    if name == "pdf-encrypted":
        assert status == "skipped"
    if name == "pdf-truncated":
        assert status == "failed"
