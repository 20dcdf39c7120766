"""Committee documents: download them politely, extract their text page by page.

Two halves:

* **Extraction** (no Scrapy): ``extract(body, content_type, url)`` sniffs the format and
  returns an ``Extraction`` — PDF text per page with pypdfium2 (chosen by measurement, see
  ``docs/documents.md``), DOCX with the standard library (zipfile + ElementTree), HTML
  attachments with lxml. A document that cannot be read is never an exception for the
  crawl: it comes back with ``status`` ``failed`` or ``skipped`` and the reason in
  ``error`` — encrypted, corrupt, an unsupported format; a PDF without a text layer is
  ``ok`` with empty pages and the note ``no text layer (scanned?)``.
* **Download** (``DocumentDownloads``, a mixin for the council spiders): decides per
  listed document whether to fetch it at all (off-site links, sizes over the cap, and
  documents an earlier run already holds are not fetched), fetches each URL once per run
  however many records list it, and turns the answer — or the failure — into one
  ``DocumentItem`` per record.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import io
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pypdfium2 as pdfium
from lxml import etree
from lxml import html as lxml_html

from crawlers.items import DocumentItem, RecordItem

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response
    from twisted.python.failure import Failure

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML_MIME = "text/html"
TEXT_MIME = "text/plain"

NO_TEXT_LAYER = "no text layer (scanned?)"
# A DOCX is a zip; its main part is inflated in memory, so refuse absurd ones (zip bombs).
# The cap holds for the bytes actually inflated, whatever the zip directory claims.
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
# Members are inflated this much at a time, so memory stays near the cap above.
INFLATE_CHUNK = 1024 * 1024
# libxml2's default limits (text nodes of 10 MB, 256 levels of nesting) silently drop the
# rest of a document; its "huge" mode raises them to 1 GB and 2,048 levels, which bounds
# nothing a download (DOWNLOAD_MAXSIZE) can hold except depth. Past 2,048 levels the
# extraction is recorded as failed with the reason, never as an empty "ok".
HTML_MAX_DEPTH = 2048

# PDFium is not thread-safe (not even across documents), and extraction runs in worker
# threads so that a long report does not stall the crawl; one lock serialises it.
_PDFIUM_LOCK = threading.Lock()


class DocumentError(Exception):
    """A document that could be downloaded but not read; ``status`` says how to record it."""

    status = "failed"


class EncryptedDocument(DocumentError):
    # Nothing to retry: the bytes will be the same next time, and we have no password.
    status = "skipped"


class CorruptDocument(DocumentError):
    status = "failed"


class UnsupportedDocument(DocumentError):
    status = "skipped"


class WrongContent(DocumentError):
    # A login or error page where a report should be: the server may answer properly next
    # time, so this is a failure (fetched again when the listing changes), not a skip.
    status = "failed"


@dataclass(frozen=True)
class Extraction:
    status: str  # ok | failed | skipped
    pages: list[str] | None
    error: str | None
    mime_type: str | None


# --- extraction --------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff(body: bytes, content_type: str | None = None, url: str | None = None) -> str:
    """``pdf``, ``docx``, ``doc``, ``html``, ``text`` or ``unknown``: the bytes decide first,
    because council servers label PDFs ``application/octet-stream`` and error pages PDF."""
    if body[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if body[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "unknown"
    if body[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Word 97-2003, old Excel
        return "doc"
    if looks_like_html(body):
        return "html"
    ctype = (content_type or "").split(";")[0].strip().lower()
    path = urlsplit(url or "").path.lower()
    if ctype in ("text/html", "application/xhtml+xml") or path.endswith((".htm", ".html")):
        return "html"
    if ctype == "text/plain" or path.endswith(".txt"):
        return "text"
    return "unknown"


# The tags the WHATWG MIME Sniffing standard (section 7.1) takes as the start of an HTML
# page, plus XHTML's XML declaration; followed by a space or ">" (or "/" for "<br/>").
_HTML_START = re.compile(
    rb"\s*(?:<\?xml|<!--|<!doctype\s+html|"
    rb"<(?:html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s/>])",
    re.IGNORECASE,
)


def looks_like_html(body: bytes) -> bool:
    head = body[:1024].removeprefix(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or b"<body" in head[:200].lower()


_KIND_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word document (DOCX)",
    "doc": "a Word 97-2003 document",
    "html": "an HTML page",
    "text": "plain text",
    "unknown": "content of an unknown type",
}
_DECLARED_BY_MIME = {PDF_MIME: "pdf", DOCX_MIME: "docx", "application/msword": "doc"}
_DECLARED_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}


def declared_kind(content_type: str | None, url: str | None) -> str | None:
    """The document format the server's Content-Type, else the URL's file name, promises
    (``pdf``, ``docx``, ``doc``), or ``None`` when neither names one."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in _DECLARED_BY_MIME:
        return _DECLARED_BY_MIME[ctype]
    path = urlsplit(url or "").path.lower()
    return next((k for suffix, k in _DECLARED_BY_SUFFIX.items() if path.endswith(suffix)), None)


def _clean_pdf_text(text: str) -> str:
    # PDFium reports a hyphen that Word wrote as a hyphenation point as U+0002 ("in\x02house"
    # for "in-house"): put the hyphen back, or phrase searches for "in-house" miss it.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    text = text.replace("\ufffe", "-").replace("\ufffc", "").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def pdf_pages(data: bytes) -> list[str]:
    """Text of every page (index 0 is page 1). Raises ``EncryptedDocument`` or
    ``CorruptDocument``; a page that fails alone comes back empty."""
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            message = str(error)
            if "password" in message.lower():
                raise EncryptedDocument("encrypted PDF (needs a password)") from error
            raise CorruptDocument(f"corrupt PDF ({message})") from error
        try:
            pages: list[str] = []
            for index in range(len(document)):
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        pages.append(_clean_pdf_text(textpage.get_text_bounded()))
                    finally:
                        textpage.close()
                except pdfium.PdfiumError:
                    pages.append("")
                finally:
                    page.close()
            return pages
        finally:
            # Closed here, under the lock, not by a finaliser in whatever thread runs it.
            document.close()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def inflate(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """A member's bytes, inflated a chunk at a time, refused once past ``cap`` bytes.

    The sizes in a zip's directory are the file's own claims. ``ZipFile.read`` trusts them
    and asks zlib for up to 2 GiB in one call, so a member declared as 6 MB that inflates
    to 2 GB is in memory before anything can object. Here zipfile may inflate up to the
    cap whatever the claim, the bytes actually produced are counted, and a claim the
    bytes contradict is a corrupt file.
    """
    info = archive.getinfo(name)
    if info.file_size > cap:
        raise UnsupportedDocument(
            f"DOCX body too large to read ({human_size(info.file_size)}, over the "
            f"{human_size(cap)} cap)"
        )
    unchecked = copy.copy(info)
    # zipfile stops (and checks the CRC) at file_size: let it run on past the cap.
    unchecked.file_size = cap + 2 * INFLATE_CHUNK
    chunks: list[bytes] = []
    produced = 0
    with archive.open(unchecked) as member:
        while chunk := member.read(INFLATE_CHUNK):
            produced += len(chunk)
            if produced > cap:
                raise CorruptDocument(
                    f"DOCX body inflates to over {human_size(cap)} although its zip "
                    f"directory says {human_size(info.file_size)} (a zip bomb?); not read"
                )
            chunks.append(chunk)
    if produced != info.file_size:
        raise CorruptDocument(
            f"corrupt DOCX ({name} inflates to {produced} bytes, its zip directory says "
            f"{info.file_size})"
        )
    return b"".join(chunks)


def docx_pages(data: bytes) -> list[str]:
    """Paragraph text of a DOCX, split into pages at explicit page breaks and at the page
    breaks Word recorded when it last laid the document out (close to printed pages)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = inflate(archive, "word/document.xml", MAX_DOCX_XML_BYTES)
    except (zipfile.BadZipFile, KeyError) as error:
        raise CorruptDocument(f"corrupt DOCX ({error})") from error
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise CorruptDocument(f"corrupt DOCX ({error})") from error
    pages: list[list[str]] = [[]]
    for paragraph in root.iter(f"{_W}p"):
        line: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t":
                line.append(node.text or "")
            elif node.tag == f"{_W}tab":
                line.append("\t")
            elif node.tag == f"{_W}br" and node.get(f"{_W}type") != "page":
                line.append("\n")
            elif node.tag in (f"{_W}br", f"{_W}lastRenderedPageBreak") and (line or pages[-1]):
                # Only page breaks remain here (a line break was handled above).
                pages[-1].append("".join(line))
                line = []
                pages.append([])
        pages[-1].append("".join(line))
    texts = ["\n".join(lines).strip("\n") for lines in pages]
    while len(texts) > 1 and not texts[-1].strip():
        texts.pop()
    return texts


# Table cells are not blocks here: one line per table row reads better.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot",
    "thead", "tr", "ul",
}  # fmt: skip


def html_to_text(markup: str | bytes | etree._Element, *, base_url: str | None = None) -> str:
    """Readable plain text of an HTML fragment or page: one line per block element,
    whitespace inside a block collapsed (Word-exported HTML is hard-wrapped mid-sentence),
    scripts and styles dropped. Lenient: what libxml2 cannot read past its limits (see
    ``HTML_MAX_DEPTH``) is left out; ``html_document_text`` says so instead."""
    if isinstance(markup, str | bytes):
        if not markup.strip():
            return ""
        root, _ = _parse_html(markup)
    else:
        root = markup
    return _element_text(root)


def html_document_text(markup: str | bytes) -> str:
    """``html_to_text`` for a downloaded document: raises ``CorruptDocument`` when the
    parser stopped at one of its limits, as the text would be silently incomplete."""
    if not markup.strip():
        return ""
    root, limit = _parse_html(markup)
    if limit:
        raise CorruptDocument(f"HTML beyond the parser's limits ({limit}); text not read")
    return _element_text(root)


# libxml2 errors after which the tree holds only part of the document.
_PARSER_LIMIT_ERRORS = ("ERR_RESOURCE_LIMIT", "ERR_NO_MEMORY")


def _parse_html(markup: str | bytes) -> tuple[Any, str | None]:
    """The parsed tree, and the message of a parser limit it hit (else ``None``)."""
    # A parser per call: lxml parsers are not shared between threads, and each call's
    # error log must be its own.
    parser = lxml_html.HTMLParser(huge_tree=True)
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        parser = lxml_html.HTMLParser(huge_tree=True)
        root = lxml_html.document_fromstring(markup, parser=parser)
    limits = [e.message for e in parser.error_log if e.type_name in _PARSER_LIMIT_ERRORS]
    # "Excessive depth in document: 2048, use XML_PARSE_HUGE option": the advice is libxml2's
    # to programmers (and already taken), not the reason.
    return root, (re.split(r",\s*(?:use|try)\b", limits[0])[0].strip() if limits else None)


def _element_text(root: Any) -> str:
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    # Walked with a stack, not recursion: documents nest deeper than Python's call stack.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, leaving = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if leaving:
            if block:
                flush()
            if element.tail:
                current.append(element.tail)
            continue
        if tag in ("script", "style", "noscript", "head", "title"):
            if element.tail:
                current.append(element.tail)
            continue
        if block:
            flush()
        if tag in ("td", "th"):
            current.append(" ")
        if element.text and tag:
            current.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return "\n".join(lines)


def _decode(body: bytes, content_type: str | None) -> str:
    match = re.search(r"charset=([\w-]+)", content_type or "", re.IGNORECASE)
    for encoding in (match.group(1) if match else None, "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def extract(
    body: bytes,
    content_type: str | None = None,
    url: str | None = None,
    *,
    listed_url: str | None = None,
) -> Extraction:
    """The text of one downloaded document, or the reason there is none. Never raises:
    whatever the bytes do to a parser is recorded on the document.

    ``url`` is where the bytes came from; ``listed_url`` the link the record lists, when a
    redirect (to a login page, say) made them differ. The bytes must be what the
    Content-Type or either URL's file name promises: a PDF, a DOCX, a Word file."""
    kind = sniff(body, content_type, url)
    mime_by_kind = {"pdf": PDF_MIME, "docx": DOCX_MIME, "html": HTML_MIME}
    declared = declared_kind(content_type, url) or declared_kind(None, listed_url)
    try:
        pages, mime = _extract(body, kind, declared, content_type)
    except DocumentError as error:
        return Extraction(error.status, None, str(error), mime_by_kind.get(kind))
    # Out of memory, or nested past the call stack, on this document: it fails alone.
    except MemoryError:
        return Extraction("failed", None, "out of memory extracting text", mime_by_kind.get(kind))
    except RecursionError:
        return Extraction("failed", None, "nested too deeply to read", mime_by_kind.get(kind))
    # The parsers run on bytes from anywhere and raise more than their documented errors
    # (zlib.error, EOFError, NotImplementedError for an unknown zip compression…): any of
    # them is this document's failure, recorded with the error's name, not the crawl's.
    except Exception as error:
        reason = f"could not read ({type(error).__name__}: {error})"
        return Extraction("failed", None, reason, mime_by_kind.get(kind))
    if not any(page.strip() for page in pages):
        return Extraction("ok", pages, NO_TEXT_LAYER if kind == "pdf" else "no text", mime)
    return Extraction("ok", pages, None, mime)


def _extract(
    body: bytes, kind: str, declared: str | None, content_type: str | None
) -> tuple[list[str], str]:
    if declared and kind in ("html", "text"):
        # A login, error or "session expired" page in place of the file: its text is not
        # the document's.
        raise WrongContent(f"expected {_KIND_NAMES[declared]}, got {_KIND_NAMES[kind]}")
    if kind == "pdf":
        return pdf_pages(body), PDF_MIME
    if kind == "docx":
        return docx_pages(body), DOCX_MIME
    if kind == "html":
        return [html_document_text(_decode(body, content_type))], HTML_MIME
    if kind == "text":
        return [_decode(body, content_type).strip()], TEXT_MIME
    if kind == "doc":
        raise UnsupportedDocument("unsupported format: Word 97-2003 / OLE2 file")
    ctype = (content_type or "unknown").split(";")[0]
    raise UnsupportedDocument(f"unsupported format ({ctype})")


_SIZE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(bytes|b|kb|k|mb|m|gb|g)\b", re.IGNORECASE)
_UNITS = {"b": 1, "bytes": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2}
_UNITS |= {"g": 1024**3, "gb": 1024**3}


def listed_size(text: str | None) -> int | None:
    """Bytes from a listing's size note: ModernGov's "PDF 119 KB", CMIS's "4.30 Mb"."""
    match = _SIZE.search(text or "")
    if not match:
        return None
    return int(float(match.group(1).replace(",", ".")) * _UNITS[match.group(2).lower()])


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


# --- download ----------------------------------------------------------------------------


class Site(Protocol):
    """What the downloader needs to know about the council site a record came from."""

    code: str | None

    def fetch_url(self, url: str) -> str: ...
    def is_own(self, url: str) -> bool: ...


@dataclass
class PreviousRecord:
    """What an earlier run stored for one record: each document's status and content hash,
    and the document listing (URL → size/date notes) the record was stored with."""

    documents: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    listing: dict[str, dict[str, Any]] = field(default_factory=dict)


def listing_signature(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of a listed document that change when the file is replaced."""
    return {k: entry.get(k) for k in ("size", "published", "modified") if entry.get(k)}


class DocumentDownloads:
    """Mixin for council spiders (``BaseSpider`` subclasses with ``source``).

    ``document_requests(record, site)`` after yielding a record; the spider provides
    ``previous_record(source_key)`` (an earlier run's state, or ``None``).
    """

    # URL being fetched -> records waiting for it: (source_key, public URL, title).
    _document_waiters: dict[str, list[tuple[str, str, str | None]]]
    # Recently finished downloads, so a second record listing the same file in this run
    # gets the same result without a second request.
    _document_results: OrderedDict[str, tuple[Extraction, str | None, int | None]]
    DOCUMENT_RESULT_CACHE = 64

    def _init_documents(self) -> None:
        self._document_waiters = {}
        self._document_results = OrderedDict()

    @property
    def document_maxsize(self) -> int:
        """``DOWNLOAD_MAXSIZE`` (``OURSAY_DOWNLOAD_MAXSIZE`` in the environment)."""
        return self.crawler.settings.getint("DOWNLOAD_MAXSIZE")  # type: ignore[attr-defined]

    def previous_record(self, source_key: str) -> PreviousRecord | None:
        raise NotImplementedError

    def document_requests(
        self, record: RecordItem, site: Site, meta: Mapping[str, Any] | None = None
    ) -> Iterator[Request | DocumentItem]:
        """Requests for the record's documents that need fetching, and ``DocumentItem``s
        for the ones that are recorded without fetching."""
        from scrapy import Request

        stats = self.crawler.stats  # type: ignore[attr-defined]
        previous = self.previous_record(record.source_key)
        listing = {d["url"]: d for d in record.data.get("documents", []) if d.get("url")}
        for document in record.documents:
            url, title = document["url"], document.get("title")
            entry = listing.get(url, {})
            before = previous.documents.get(url) if previous else None
            unchanged_listing = previous is not None and listing_signature(
                previous.listing.get(url, {})
            ) == listing_signature(entry)

            def skipped(reason: str, url: str = url, title: str | None = title) -> DocumentItem:
                stats.inc_value("oursay/documents/not_fetched")
                return DocumentItem(
                    source=record.source,
                    source_key=record.source_key,
                    url=url,
                    status="skipped",
                    error=reason,
                    title=title,
                )

            if before and before[0] == "skipped" and unchanged_listing:
                continue  # recorded as skipped before; nothing new to say
            if not site.is_own(url):
                host = urlsplit(url).hostname or url
                yield skipped(f"off-site link ({host}); not fetched")
                continue
            size = listed_size(entry.get("size"))
            if size and size > self.document_maxsize:
                yield skipped(
                    f"too large: listed as {human_size(size)}, over the "
                    f"{human_size(self.document_maxsize)} cap; not downloaded"
                )
                continue
            if before and unchanged_listing:
                status, digest = before
                # Failed with a hash = the bytes arrived but could not be read: the same
                # bytes would fail again. Failed without one = the download itself failed.
                if status in ("ok", "skipped") or (status == "failed" and digest):
                    stats.inc_value("oursay/documents/unchanged")
                    continue
            fetch = site.fetch_url(url)
            waiter = (record.source_key, url, title)
            if fetch in self._document_results:
                yield from self._document_items(record.source, [waiter], fetch)
                continue
            if fetch in self._document_waiters:
                self._document_waiters[fetch].append(waiter)
                continue
            self._document_waiters[fetch] = [waiter]
            yield Request(
                fetch,
                callback=self.parse_document,
                errback=self.document_errback,
                # Each URL is fetched once per run by the bookkeeping above; a file that
                # fell out of the result cache may be fetched again rather than lost.
                dont_filter=True,
                priority=-10,  # pages first: they lead to more records
                meta={
                    **(meta or {}),
                    "council_code": site.code,
                    "source": record.source,
                    "download_maxsize": self.document_maxsize,
                    # The key of the waiting records; survives redirects (response.url won't).
                    "document_fetch": fetch,
                },
            )

    async def parse_document(self, response: Response) -> AsyncIterator[DocumentItem]:
        """Callback for a document: extract in a worker thread, one item per waiting record."""
        body = response.body
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        fetch = response.meta["document_fetch"]
        extraction = await asyncio.to_thread(
            extract, body, content_type, response.url, listed_url=fetch
        )
        self.crawler.stats.inc_value("oursay/documents/downloaded")  # type: ignore[attr-defined]
        self._remember(fetch, extraction, sha256(body), len(body))
        for item in self._document_items(
            response.meta["source"], self._document_waiters.pop(fetch, []), fetch
        ):
            yield item

    def document_errback(self, failure: Failure) -> Iterator[DocumentItem]:
        """A document that could not be downloaded: recorded on the document, with why."""
        from scrapy.exceptions import DownloadCancelledError
        from scrapy.spidermiddlewares.httperror import HttpError

        request = failure.request  # type: ignore[attr-defined]
        status = "failed"
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        elif failure.check(DownloadCancelledError) and "max size" in str(failure.value):
            match = re.search(r"receive[d]? (\d+) bytes", str(failure.value))
            size = f"{human_size(int(match.group(1)))}, " if match else ""
            reason = (
                f"too large: {size}over the {human_size(self.document_maxsize)} cap; "
                "download stopped"
            )
            status = "skipped"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        fetch = request.meta["document_fetch"]
        self._remember(fetch, Extraction(status, None, reason, None), None, None)
        yield from self._document_items(
            request.meta["source"], self._document_waiters.pop(fetch, []), fetch
        )

    def _remember(
        self, fetch: str, extraction: Extraction, digest: str | None, size: int | None
    ) -> None:
        self._document_results[fetch] = (extraction, digest, size)
        while len(self._document_results) > self.DOCUMENT_RESULT_CACHE:
            self._document_results.popitem(last=False)

    def _document_items(
        self, source: str, waiters: list[tuple[str, str, str | None]], fetch: str
    ) -> Iterator[DocumentItem]:
        extraction, digest, size = self._document_results[fetch]
        for source_key, url, title in waiters:
            yield DocumentItem(
                source=source,
                source_key=source_key,
                url=url,
                status=extraction.status,
                pages=extraction.pages,
                content_hash=digest,
                error=extraction.error,
                mime_type=extraction.mime_type,
                size_bytes=size,
                title=title,
            )
