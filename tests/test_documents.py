"""Document text extraction (real Kent PDFs from ../shared, and our own small files) and
the download decisions: oversized, off-site, unchanged, one download for many records."""

from __future__ import annotations

import asyncio
import io
import re
import zipfile
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from twisted.python.failure import Failure

from crawlers.documents import (
    NO_TEXT_LAYER,
    PreviousRecord,
    docx_pages,
    extract,
    html_to_text,
    listed_size,
    pdf_pages,
    sniff,
)
from crawlers.items import DocumentItem, RecordItem
from crawlers.sim.moderngov import BROKEN_PDF, make_pdf, make_scanned_pdf
from crawlers.spiders.moderngov import ModernGovSpider


def reports(shared_dir: Path) -> Path:
    path = shared_dir / "fixtures" / "real" / "councils" / "reports"
    if not path.is_dir():
        pytest.skip(f"no real reports at {path}")
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


def test_record_of_decision_alternatives_section_is_readable(shared_dir: Path) -> None:
    pdf = reports(shared_dir) / "Appendix 4 - 24-00093 Record of Decision.pdf"
    pages = pdf_pages(pdf.read_bytes())
    assert len(pages) == 6
    hits = [
        n for n, text in enumerate(pages, start=1) if "alternatives considered and rejected" in text
    ]
    assert hits == [5]
    page5 = flat(pages[4])
    assert (
        "Any alternatives considered and rejected: The six options considered are as follows"
        in (page5)
    )
    # The options themselves run on to page 6, as lines a reader can quote.
    page6 = flat(pages[5])
    assert "Option 2: Reprocure significantly reduced contracts." in page6
    assert (
        "Option 6: Do not renew the two commissioned contracts, but instead hire space for KCC "
        "Family Hub staff to deliver the services from within the two settings." in page6
    )
    assert "Would not achieve the full MTFP saving agreed by Council." in page6
    assert flat(pages[0]).startswith("KENT COUNTY COUNCIL – RECORD OF DECISION")
    assert "Key decision: YES" in pages[0]


def test_in_house_survives_line_end_hyphenation(shared_dir: Path) -> None:
    pages = pdf_pages(
        (reports(shared_dir) / "Appendix 3 - 24-00093 Decision Report.pdf").read_bytes()
    )
    text = "\n".join(pages)
    # PDFium marks a hyphen at a line end as U+0002; it must come back as a hyphen.
    assert "\x02" not in text
    assert "in-house Family Hub" in flat(text)
    assert len(re.findall(r"in-house", text)) >= 16


def test_options_section_of_the_transfer_report(shared_dir: Path) -> None:
    (pdf,) = reports(shared_dir).glob("24-00109 - Transfer the 18-25 section*Report.pdf")
    result = extract(pdf.read_bytes(), "application/pdf", str(pdf))
    assert result.status == "ok" and result.error is None
    assert result.pages is not None
    pages_with_heading = [
        n
        for n, text in enumerate(result.pages, start=1)
        if "Options considered and dismissed" in text
    ]
    assert pages_with_heading, "the options section heading should be found"


def test_every_real_report_has_text_on_every_page(shared_dir: Path) -> None:
    for pdf in sorted(reports(shared_dir).glob("*.pdf")):
        result = extract(pdf.read_bytes(), "application/octet-stream", pdf.name)
        assert result.status == "ok", pdf.name
        assert result.pages and all(page.strip() for page in result.pages), pdf.name


def test_corrupt_encrypted_and_scanned_pdfs_carry_reasons() -> None:
    broken = extract(BROKEN_PDF, "application/pdf")
    assert (broken.status, broken.pages) == ("failed", None)
    assert broken.error and broken.error.startswith("corrupt PDF")

    locked = extract(make_pdf([["secret"]], user_password="pw"), "application/pdf")
    assert (locked.status, locked.error) == ("skipped", "encrypted PDF (needs a password)")

    scanned = extract(make_scanned_pdf(3), "application/pdf")
    assert scanned.status == "ok"
    assert scanned.pages == ["", "", ""]
    assert scanned.error == NO_TEXT_LAYER

    # A real report cut short in transit is corrupt, not an exception.
    readable = extract(make_pdf([["SAMPLE line one"], ["SAMPLE line two"]]))
    assert readable.pages == ["SAMPLE line one", "SAMPLE line two"]


def test_truncated_real_pdf_is_recorded_not_raised(shared_dir: Path) -> None:
    data = (reports(shared_dir) / "Appendix 5 - Service Offer Comparison.pdf").read_bytes()
    result = extract(data[: len(data) // 3], "application/pdf")
    assert result.status in ("failed", "ok")
    if result.status == "failed":
        assert result.error and "corrupt PDF" in result.error


def _docx(body: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>',
        )
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def test_docx_text_split_at_page_breaks() -> None:
    data = _docx(
        "<w:p><w:r><w:t>Options appraisal</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In-house</w:t></w:r><w:r><w:tab/>"
        "<w:t>rejected</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        '<w:p><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">Page two </w:t>'
        "</w:r><w:r><w:t>text</w:t></w:r></w:p>"
        '<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>Page three</w:t></w:r></w:p>'
    )
    assert sniff(data, "application/octet-stream") == "docx"
    assert docx_pages(data) == [
        "Options appraisal\nIn-house\trejected",
        "Page two text",
        "Page three",
    ]
    result = extract(data)
    assert result.status == "ok" and result.mime_type and "wordprocessingml" in result.mime_type


def test_docx_that_is_not_a_zip_is_corrupt() -> None:
    result = extract(b"PK\x03\x04 not really a zip", "application/vnd.openxmlformats")
    assert result.status == "skipped" and "unsupported" in (result.error or "")


def test_html_attachment_text() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>"
        b"<h1>Consultation   report</h1><script>var x = 1;</script>"
        b"<p>We asked\n residents.</p><table><tr><td>Option</td><td>Result</td></tr></table>"
        b"</body></html>"
    )
    result = extract(page, "text/html; charset=utf-8")
    assert result.status == "ok"
    assert result.pages == ["Consultation report\nWe asked residents.\nOption Result"]
    assert html_to_text("<p>a &amp; b</p><p></p><p>c</p>") == "a & b\nc"


def test_unsupported_formats_are_skipped_with_reason() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
    assert extract(ole).error == "unsupported format: Word 97-2003 / OLE2 file"
    assert extract(b"\x89PNG....", "image/png").status == "skipped"
    assert extract(b"plain words", "text/plain").pages == ["plain words"]


def test_listed_sizes() -> None:
    assert listed_size("PDF 119 KB") == 119 * 1024
    assert listed_size("4.30 Mb") == int(4.30 * 1024 * 1024)
    assert listed_size("PDF 75 MB") == 75 * 1024 * 1024
    assert listed_size("no size here") is None


# --- download decisions ---------------------------------------------------------------


@pytest.fixture
def spider(sqlite_database: str, monkeypatch: pytest.MonkeyPatch) -> ModernGovSpider:
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    settings.set("DOWNLOAD_MAXSIZE", 2_000_000)
    crawler = Crawler(ModernGovSpider, settings)
    created = crawler._create_spider(base_url="https://democracy.example.gov.uk")
    assert isinstance(created, ModernGovSpider)
    crawler.spider = created
    crawler.stats = MemoryStatsCollector(crawler)
    return created


def _record(spider: ModernGovSpider, key: str, documents: list[dict[str, str]]) -> RecordItem:
    return RecordItem(
        source="moderngov",
        source_key=key,
        kind="decision",
        documents=[{"url": d["url"], "title": d["title"]} for d in documents],
        data={"documents": documents},
    )


def test_download_decisions(spider: ModernGovSpider) -> None:
    site = next(iter(spider.sites.values()))
    base = "https://democracy.example.gov.uk/documents"
    record = _record(
        spider,
        "k/decision/1",
        [
            {"url": f"{base}/s1/report.pdf", "title": "Report", "size": "PDF 119 KB"},
            {"url": f"{base}/s2/plans.pdf", "title": "Plans", "size": "PDF 75 MB"},
            {"url": "https://www.example.org/elsewhere.pdf", "title": "Elsewhere"},
        ],
    )
    out = list(spider.document_requests(record, site))
    requests = [o for o in out if isinstance(o, Request)]
    items = {o.url: o for o in out if isinstance(o, DocumentItem)}
    assert [r.url for r in requests] == [f"{base}/s1/report.pdf"]
    assert requests[0].meta["download_maxsize"] == 2_000_000
    assert items[f"{base}/s2/plans.pdf"].status == "skipped"
    assert "listed as 75.0 MB" in (items[f"{base}/s2/plans.pdf"].error or "")
    assert items["https://www.example.org/elsewhere.pdf"].error == (
        "off-site link (www.example.org); not fetched"
    )

    # A second record listing the same file waits for the same download.
    other = _record(spider, "k/agenda_item/9", [{"url": f"{base}/s1/report.pdf", "title": "R"}])
    assert list(spider.document_requests(other, site)) == []
    body = make_pdf([["SAMPLE report text"]])
    response = Response(
        requests[0].url,
        body=body,
        headers={"Content-Type": "application/pdf"},
        request=requests[0],
    )

    async def collect() -> list[DocumentItem]:
        return [item async for item in spider.parse_document(response)]

    done = asyncio.run(collect())
    assert sorted(i.source_key for i in done) == ["k/agenda_item/9", "k/decision/1"]
    assert all(i.pages == ["SAMPLE report text"] and i.status == "ok" for i in done)
    assert all(i.content_hash and len(i.content_hash) == 64 for i in done)


def test_unchanged_documents_are_not_fetched_again(
    spider: ModernGovSpider, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = next(iter(spider.sites.values()))
    url = "https://democracy.example.gov.uk/documents/s1/report.pdf"
    listing = [{"url": url, "title": "Report", "size": "PDF 119 KB"}]
    previous = PreviousRecord(
        documents={url: ("ok", "ab" * 32)}, listing={url: {"size": "PDF 119 KB"}}
    )
    monkeypatch.setattr(spider, "previous_record", lambda key: previous)
    assert list(spider.document_requests(_record(spider, "k/1", listing), site)) == []
    # The listing says the file changed: fetch it again.
    changed = [{"url": url, "title": "Report", "size": "PDF 140 KB"}]
    assert [r.url for r in spider.document_requests(_record(spider, "k/1", changed), site)] == [url]
    # A download that failed before (no bytes, no hash) is tried again...
    spider._document_waiters.clear()  # (the request above is still in flight)
    previous.documents[url] = ("failed", None)
    assert len(list(spider.document_requests(_record(spider, "k/1", listing), site))) == 1
    # ...one whose bytes arrived but could not be read is not (they would fail again).
    previous.documents[url] = ("failed", "cd" * 32)
    spider._document_waiters.clear()
    assert list(spider.document_requests(_record(spider, "k/1", listing), site)) == []


def test_oversized_download_is_recorded_as_skipped(spider: ModernGovSpider) -> None:
    site = next(iter(spider.sites.values()))
    url = "https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=7"
    record = _record(spider, "k/agenda_item/7", [{"url": url, "title": "Schedules"}])
    (request,) = list(spider.document_requests(record, site))
    error = DownloadCancelledError(
        f"Expected to receive 3000000 bytes which is larger than download max size (2000000) "
        f"in request {request}."
    )
    failure = Failure(error)
    failure.request = request  # type: ignore[attr-defined]
    (item,) = list(spider.document_errback(failure))
    assert item.status == "skipped"
    assert item.error == "too large: 2.9 MB, over the 1.9 MB cap; download stopped"
    assert item.source_key == "k/agenda_item/7"
