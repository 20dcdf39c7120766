"""What a downloaded document is: the bytes decide, the server's label only promises.

``sniff`` tells the format from the bytes (council servers label PDFs
``application/octet-stream`` and error pages PDF); ``declared_kind`` reads what the
Content-Type or the URL's file name promises, so that a login page in place of a report is
caught.
"""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import urlsplit

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML_MIME = "text/html"
TEXT_MIME = "text/plain"


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


KIND_NAMES = {
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
