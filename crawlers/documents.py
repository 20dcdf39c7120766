"""Committee documents: download them politely, extract their text page by page.

The download decisions are here: ``DocumentDownloads``, a mixin for the council spiders,
decides per listed document whether to fetch it at all (off-site links, sizes over the
cap, and documents an earlier run already holds are not fetched), fetches each URL once per
run however many records list it, and turns the answer — or the failure — into one
``DocumentItem`` per record.

The rest lives by concern, and every name is importable from here as before the split:

* ``crawlers.extract``: ``extract(body, content_type, url)`` and the PDF/DOCX/HTML readers
  with their bounds; never raises for a document that cannot be read.
* ``crawlers.sniff``: what the bytes are (``sniff``) and what the server promised
  (``declared_kind``).
* ``crawlers.html_text``: ``html_to_text`` for pages and HTML attachments.
* ``crawlers.sizes``: ``listed_size`` and ``human_size``.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from crawlers.extract import (
    INFLATE_CHUNK,
    MAX_DOCX_XML_BYTES,
    NO_TEXT_LAYER,
    CorruptDocument,
    DocumentError,
    EncryptedDocument,
    Extraction,
    UnsupportedDocument,
    WrongContent,
    docx_pages,
    extract,
    html_document_text,
    inflate,
    pdf_pages,
)
from crawlers.html_text import HTML_MAX_DEPTH, html_to_text
from crawlers.items import DocumentItem, RecordItem
from crawlers.sizes import human_size, listed_size
from crawlers.sniff import (
    DOCX_MIME,
    HTML_MIME,
    PDF_MIME,
    TEXT_MIME,
    declared_kind,
    looks_like_html,
    sniff,
)

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response
    from twisted.python.failure import Failure

__all__ = [
    "DOCX_MIME",
    "HTML_MAX_DEPTH",
    "HTML_MIME",
    "INFLATE_CHUNK",
    "MAX_DOCX_XML_BYTES",
    "NO_TEXT_LAYER",
    "PDF_MIME",
    "TEXT_MIME",
    "CorruptDocument",
    "DocumentDownloads",
    "DocumentError",
    "EncryptedDocument",
    "Extraction",
    "PreviousRecord",
    "Site",
    "UnsupportedDocument",
    "WrongContent",
    "declared_kind",
    "docx_pages",
    "extract",
    "html_document_text",
    "html_to_text",
    "human_size",
    "inflate",
    "listed_size",
    "listing_signature",
    "looks_like_html",
    "pdf_pages",
    "sha256",
    "sniff",
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    # Document requests handed to Scrapy and not yet answered, per council site; the rest
    # wait in ``_document_backlog`` as (URL, meta) until one is answered. Pages go first
    # (they lead to more records), so without this every document of a council was a
    # queued Request before the first was fetched: memory in proportion to the site
    # (~3 kB a document: 30 MB for 10,000), not to what is being fetched
    # (bench/bench_crawl_memory.py).
    DOCUMENTS_QUEUED_PER_SITE = 16
    _documents_queued: dict[str, int]
    _document_backlog: dict[str, deque[tuple[str, Mapping[str, Any]]]]

    def _init_documents(self) -> None:
        self._document_waiters = {}
        self._document_results = OrderedDict()
        self._documents_queued = {}
        self._document_backlog = {}

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
        stats = self.crawler.stats  # type: ignore[attr-defined]
        previous = self.previous_record(record.source_key)
        listing = {d["url"]: d for d in record.data.get("documents", []) if d.get("url")}
        shared: dict[str, Any] | None = None
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
            if shared is None:  # one for all the record's documents, waiting or not
                shared = {
                    **(meta or {}),
                    "council_code": site.code,
                    "source": record.source,
                    "download_maxsize": self.document_maxsize,
                }
            slot = str(site.code or urlsplit(fetch).hostname)
            if self._documents_queued.get(slot, 0) < self.DOCUMENTS_QUEUED_PER_SITE:
                self._documents_queued[slot] = self._documents_queued.get(slot, 0) + 1
                yield self._document_request(fetch, slot, shared)
            else:
                self._document_backlog.setdefault(slot, deque()).append((fetch, shared))

    def _document_request(self, fetch: str, slot: str, meta: Mapping[str, Any]) -> Request:
        from scrapy import Request

        request = Request(
            fetch,
            callback=self.parse_document,
            errback=self.document_errback,
            # Each URL is fetched once per run by the bookkeeping above; a file that
            # fell out of the result cache may be fetched again rather than lost.
            dont_filter=True,
            priority=-10,  # pages first: they lead to more records
            meta={
                **meta,
                # The key of the waiting records; survives redirects (response.url won't).
                "document_fetch": fetch,
                "document_slot": slot,
            },
        )
        return self.prepare_document_request(request)

    def prepare_document_request(self, request: Request) -> Request:
        """The request as it goes to Scrapy (council spiders send some through Chromium)."""
        return request

    def _document_answered(self, meta: Mapping[str, Any]) -> None:
        """A document request of ``meta["document_slot"]`` was answered (or failed): hand
        Scrapy the next waiting one of that site."""
        slot = meta.get("document_slot")
        if slot is None:
            return
        self._documents_queued[slot] = max(0, self._documents_queued.get(slot, 0) - 1)
        self.release_documents(slot)

    def release_documents(self, slot: str | None = None, *, reset: bool = False) -> int:
        """Schedule waiting document requests up to the per-site limit; ``reset`` forgets
        the count of requests in flight first (the crawl is idle: none are). Returns how
        many were scheduled."""
        keys = [slot] if slot is not None else list(self._document_backlog)
        if not any(self._document_backlog.get(key) for key in keys):
            return 0
        engine = self.crawler.engine  # type: ignore[attr-defined]
        released = 0
        for key in keys:
            backlog = self._document_backlog.get(key)
            if reset:
                self._documents_queued[key] = 0
            while backlog and self._documents_queued.get(key, 0) < self.DOCUMENTS_QUEUED_PER_SITE:
                fetch, meta = backlog.popleft()
                self._documents_queued[key] = self._documents_queued.get(key, 0) + 1
                engine.crawl(self._document_request(fetch, key, meta))
                released += 1
            if not backlog:
                self._document_backlog.pop(key, None)
        return released

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
        self._document_answered(response.meta)
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
        self._document_answered(request.meta)
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
