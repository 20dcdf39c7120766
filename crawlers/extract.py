"""Text extraction from downloaded documents, page by page (no Scrapy).

``extract(body, content_type, url)`` sniffs the format (``crawlers.sniff``) and returns an
``Extraction`` — PDF text per page with pypdfium2 (chosen by measurement, see
``docs/documents.md``), DOCX with the standard library (zipfile + ElementTree), HTML
attachments with lxml (``crawlers.html_text``). A document that cannot be read is never an
exception for the crawl: it comes back with ``status`` ``failed`` or ``skipped`` and the
reason in ``error`` — encrypted, corrupt, an unsupported format; a PDF without a text layer
is ``ok`` with empty pages and the note ``no text layer (scanned?)``.
"""

from __future__ import annotations

import copy
import io
import re
import threading
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import pypdfium2 as pdfium

from crawlers.html_text import element_text, parse_html
from crawlers.sizes import human_size
from crawlers.sniff import (
    DOCX_MIME,
    HTML_MIME,
    KIND_NAMES,
    PDF_MIME,
    TEXT_MIME,
    declared_kind,
    sniff,
)

NO_TEXT_LAYER = "no text layer (scanned?)"
# A DOCX is a zip; its main part is inflated in memory, so refuse absurd ones (zip bombs).
# The cap holds for the bytes actually inflated, whatever the zip directory claims.
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
# Members are inflated this much at a time, so memory stays near the cap above.
INFLATE_CHUNK = 1024 * 1024

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


def html_document_text(markup: str | bytes) -> str:
    """``html_to_text`` for a downloaded document: raises ``CorruptDocument`` when the
    parser stopped at one of its limits, as the text would be silently incomplete."""
    if not markup.strip():
        return ""
    root, limit = parse_html(markup)
    if limit:
        raise CorruptDocument(f"HTML beyond the parser's limits ({limit}); text not read")
    return element_text(root)


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
        raise WrongContent(f"expected {KIND_NAMES[declared]}, got {KIND_NAMES[kind]}")
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
