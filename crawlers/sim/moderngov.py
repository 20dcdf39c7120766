"""A simulated ModernGov site for Exampleshire County Council, a **fictional** council.

Everything it serves is the project's own SAMPLE DATA (``data/exampleshire_moderngov.json``),
shaped like the real ModernGov pages (``mgLabel`` spans, ``mgSubSubTitleTxt`` sections,
``mgBulletList`` document lists, the ``mgWebService.asmx`` XML with double-encoded titles)
so that the spider meets the same markup it meets on a council's site. Dates run from
13/01/2026 to 09/06/2026: crawl it with ``--since 2026-01-01``.

Knobs (attributes of ``SimSite``, changeable while the server runs):

``mode``
    ``normal``; ``challenge`` (a "Just a moment..." firewall page, 503, until a cookie set
    by JavaScript comes back); ``slow`` (every page waits ``slow_delay`` seconds);
    ``error`` (every page answers 500). robots.txt is always answered normally.
``web_service``
    ``False`` disables ``mgWebService.asmx`` (404) so that meetings come from the HTML pages.
``revision``
    ``2`` republishes document 2001 (new text, new date) and adds decision 107, for
    tests of incremental crawling.
``huge_bytes``
    Size of the oversized document's body (default: just over Scrapy's 50 MiB cap).

Also here: a minimal PDF writer (standard library only) used for the sample documents,
including an encrypted one (RC4, standard security handler revision 2), a scanned-style
one with no text layer and a broken one, and a DOCX writer.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from crawlers.sim.server import SimRequest, SimResponse

DATA = Path(__file__).with_name("data")
CLEARANCE_COOKIE = "sim_clearance"
# What the challenge page's script computes; a client that runs no JavaScript never has it.
CLEARANCE_VALUE = "passed-42"
DEFAULT_HUGE_BYTES = 50 * 1024 * 1024 + 4096

# --- PDF and DOCX writers -------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(line: str, width: int = 88) -> list[str]:
    words, lines, current = line.split(" "), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _page_stream(lines: list[str]) -> bytes:
    out = [b"BT /F1 11 Tf 56 790 Td 15 TL"]
    for line in lines:
        for part in _wrap(line) if line else [""]:
            out.append(_pdf_string(part) + b" Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def _scan_stream() -> bytes:
    # An inline grey image and nothing else: what a scanned page looks like to a text layer.
    pixels = bytes(range(40, 240, 12))[:16].ljust(16, b"\x80")
    return b"q 480 0 0 640 56 100 cm BI /W 4 /H 4 /CS /G /BPC 8 ID " + pixels + b" EI Q"


_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def make_pdf(
    pages: list[list[str]] | None = None,
    *,
    streams: list[bytes] | None = None,
    user_password: str | None = None,
    title: str = "SAMPLE DATA",
) -> bytes:
    """A small valid PDF: one Helvetica text page per list of lines (or raw ``streams``).
    With ``user_password`` the file is encrypted (40-bit RC4, PDF 1.4 standard handler),
    so a reader without the password cannot open it."""
    contents = streams if streams is not None else [_page_stream(p) for p in pages or [[""]]]
    n = len(contents)
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs, then encrypt.
    objects: dict[int, bytes] = {}
    page_ids = [5 + 2 * i for i in range(n)]
    file_id = hashlib.md5(b"".join(contents) + title.encode()).digest()
    key: bytes | None = None
    encrypt_id = 5 + 2 * n
    if user_password is not None:
        owner = (b"sample-owner" + _PAD)[:32]
        user = (user_password.encode("latin-1") + _PAD)[:32]
        o_value = _rc4(hashlib.md5(owner).digest()[:5], user)
        permissions = -44
        key = hashlib.md5(user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        objects[encrypt_id] = (
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + o_value.hex().encode()
            + b"> /U <"
            + u_value.hex().encode()
            + b"> /P "
            + str(permissions).encode()
            + b" >>"
        )

    def crypt(obj_id: int, data: bytes) -> bytes:
        if key is None:
            return data
        object_key = hashlib.md5(key + struct.pack("<i", obj_id)[:3] + b"\x00\x00").digest()
        return _rc4(object_key[:10], data)

    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(f"{p} 0 R".encode() for p in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n).encode() + b" >>"
    objects[3] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects[4] = b"<< /Title " + _pdf_string(title) + b" /Producer (oursay sim) >>"
    if key is not None:  # strings are encrypted too
        objects[4] = b"<< /Title <" + crypt(4, title.encode("cp1252", "replace")).hex().encode()
        objects[4] += b"> >>"
    for page_id, content in zip(page_ids, contents, strict=True):
        data = crypt(page_id + 1, content)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents "
            + str(page_id + 1).encode()
            + b" 0 R >>"
        )
        objects[page_id + 1] = (
            b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for obj_id in sorted(objects):
        offsets[obj_id] = len(out)
        out += f"{obj_id} 0 obj\n".encode() + objects[obj_id] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for obj_id in range(1, size):
        out += f"{offsets[obj_id]:010d} 00000 n \n".encode()
    ident = file_id.hex()
    trailer = f"trailer\n<< /Size {size} /Root 1 0 R /Info 4 0 R /ID [<{ident}> <{ident}>]"
    if key is not None:
        trailer += f" /Encrypt {encrypt_id} 0 R"
    out += trailer.encode() + f" >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_scanned_pdf(pages: int = 1) -> bytes:
    return make_pdf(streams=[_scan_stream() for _ in range(pages)], title="SAMPLE scan")


# A download cut short: a PDF header, the start of an object, then nothing usable.
BROKEN_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty"


def make_docx(pages: list[list[str]]) -> bytes:
    """A minimal Word document: one paragraph per line, a page break between pages."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body: list[str] = []
    for number, lines in enumerate(pages):
        if number:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        for line in lines:
            body.append(
                f'<w:p><w:r><w:t xml:space="preserve">{html.escape(line)}</w:t></w:r></w:p>'
            )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{w}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# --- common behaviour of the simulated council sites -----------------------------------


CHALLENGE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Just a moment...</title>
<meta name="robots" content="noindex,nofollow"></head>
<body><div class="main-wrapper"><h1>Checking your browser before accessing the site.</h1>
<p>Enable JavaScript and cookies to continue</p>
<noscript>This simulated firewall needs JavaScript.</noscript></div>
<script>
  // Simulated challenge (oursay test site): compute a token, store it, reload.
  var token = "passed-" + (6 * 7);
  document.cookie = "%(cookie)s=" + token + "; path=/";
  setTimeout(function () { window.location.reload(); }, 150);
</script></body></html>
"""


@dataclass
class SimSite:
    """Knobs and the request pipeline shared by the simulated council sites."""

    prefix: str = ""
    mode: str = "normal"  # normal | challenge | slow | error
    scheme: str = "http"  # of the absolute URLs the site writes (https behind TLS)
    slow_delay: float = 5.0
    revision: int = 1
    disallow: list[str] = field(default_factory=list)

    def base_url(self, server_url: str) -> str:
        """The site's base URL on a running ``SimServer`` (what ``--base-url`` takes)."""
        return server_url.rstrip("/") + self.prefix

    def __call__(self, request: SimRequest) -> SimResponse:
        if request.path == "/robots.txt":
            lines = ["User-agent: *", *(f"Disallow: {p}" for p in self.disallow), ""]
            return SimResponse(200, "\n".join(lines), "text/plain")
        if self.mode == "error":
            return SimResponse(
                500,
                "<html><body><h1>Server Error in '/' Application.</h1>"
                "<p>Runtime Error (simulated)</p></body></html>",
            )
        if self.mode == "challenge" and not self._cleared(request):
            return SimResponse(
                503,
                CHALLENGE_PAGE % {"cookie": CLEARANCE_COOKIE},
                headers={"Cache-Control": "no-store", "cf-mitigated": "challenge"},
            )
        if not request.path.lower().startswith(self.prefix.lower()):
            return self.not_found()
        response = self.route(request, request.path[len(self.prefix) :].lstrip("/"))
        if self.mode == "slow":
            response.delay = self.slow_delay
        return response

    def _cleared(self, request: SimRequest) -> bool:
        cookies = request.headers.get("cookie", "")
        return f"{CLEARANCE_COOKIE}={CLEARANCE_VALUE}" in cookies.replace(" ", "")

    def route(self, request: SimRequest, path: str) -> SimResponse:
        raise NotImplementedError

    @staticmethod
    def not_found() -> SimResponse:
        return SimResponse(404, "<html><body><h1>The resource cannot be found.</h1></body></html>")


def _date(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _slash(text: str) -> str:
    """ModernGov writes the slashes of dates as ``&#47;``."""
    return _e(text).replace("/", "&#47;")


def _long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


# --- ModernGov -------------------------------------------------------------------------


@cache
def load_data(name: str = "exampleshire_moderngov.json") -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@dataclass
class ModernGovSim(SimSite):
    """``SimServer(ModernGovSim())``; the site lives at the server's root, or under
    ``prefix`` (e.g. ``/moderngov``, as on councils that host ModernGov in a sub-directory).
    ``sim.base_url(server.url)`` is what ``--base-url`` takes."""

    web_service: bool = True
    huge_bytes: int = DEFAULT_HUGE_BYTES
    data_file: str = "exampleshire_moderngov.json"

    def __post_init__(self) -> None:
        if not self.disallow:
            self.disallow = [f"{self.prefix}/documents/private/"]
        self._bytes: dict[tuple[str, int], bytes] = {}

    # data access, honouring the revision knob
    @property
    def data(self) -> dict[str, Any]:
        return load_data(self.data_file)

    def _visible(self, entry: dict[str, Any]) -> bool:
        return entry.get("revision", 1) <= self.revision

    def decisions(self) -> list[dict[str, Any]]:
        return [d for d in self.data["decisions"] if self._visible(d)]

    def issue(self, issue_id: int) -> dict[str, Any] | None:
        return next((i for i in self.data["issues"] if i["id"] == issue_id), None)

    def committee(self, committee_id: int) -> dict[str, Any] | None:
        return next((c for c in self.data["committees"] if c["id"] == committee_id), None)

    def meeting(self, meeting_id: int) -> dict[str, Any] | None:
        return next((m for m in self.data["meetings"] if m["id"] == meeting_id), None)

    def document(self, doc_id: str) -> dict[str, Any]:
        return self.data["documents"][doc_id]

    def document_published(self, doc_id: str) -> str:
        doc = self.document(doc_id)
        if self.revision >= 2 and "revision2_published" in doc:
            return doc["revision2_published"]
        return doc.get("published", "")

    def document_bytes(self, doc_id: str) -> bytes:
        doc = self.document(doc_id)
        revision = 2 if self.revision >= 2 and "revision2_pages" in doc else 1
        cache_key = (doc_id, revision if doc["kind"] != "huge" else self.huge_bytes)
        if cache_key not in self._bytes:
            pages = doc.get("revision2_pages") if revision == 2 else doc.get("pages")
            kind = doc["kind"]
            if kind == "pdf":
                body = make_pdf(pages, title=doc["title"])
            elif kind == "docx":
                body = make_docx(pages)
            elif kind == "html":
                paragraphs = "".join(f"<p>{_e(line)}</p>" for line in pages[0])
                body = f"<!DOCTYPE html><html><head><title>{_e(doc['title'])}</title></head>"
                body += f"<body><h1>{_e(doc['title'])}</h1>{paragraphs}</body></html>"
                body = body.encode()
            elif kind == "scanned":
                body = make_scanned_pdf(2)
            elif kind == "broken":
                body = BROKEN_PDF
            elif kind == "encrypted":
                body = make_pdf(pages, user_password="sample-secret", title=doc["title"])
            elif kind == "huge":
                body = b"%PDF-1.4\n" + b"\0" * (self.huge_bytes - 9)
            else:
                raise KeyError(doc_id)
            self._bytes[cache_key] = body
        return self._bytes[cache_key]

    def document_path(self, doc_id: str) -> str:
        """The ``documents/s<id>/<title>.<ext>`` path ModernGov lists (relative)."""
        doc = self.document(doc_id)
        if doc["kind"] == "offsite":
            return doc["url"]
        ext = {"docx": "docx", "html": "htm"}.get(doc["kind"], "pdf")
        folder = "documents/private" if doc.get("robots_disallowed") else "documents"
        return f"{folder}/s{doc_id}/{doc['title']}.{ext}"

    def listed_size(self, doc_id: str) -> str:
        doc = self.document(doc_id)
        if "listed_size" in doc:
            return doc["listed_size"]
        kind = {"docx": "WORD", "html": "HTML"}.get(doc["kind"], "PDF")
        return f"{kind} {max(1, round(len(self.document_bytes(doc_id)) / 1024))} KB"

    # routing
    def route(self, request: SimRequest, path: str) -> SimResponse:
        lowered = path.lower()
        if lowered.startswith("documents/"):
            match = re.match(r"documents/(?:private/)?s(\d+)/", path)
            return self._file(match.group(1)) if match else self.not_found()
        if lowered.startswith("mgwebservice.asmx"):
            return self._web_service(request, path.split("/", 1)[1] if "/" in path else "")
        handlers: dict[str, Callable[[SimRequest], SimResponse]] = {
            "": self._home,
            "mgdelegateddecisions.aspx": self._decisions_list,
            "iedecisiondetails.aspx": self._decision,
            "mgissuehistoryhome.aspx": self._issue,
            "mgplanshome.aspx": self._plans_home,
            "mglistplans.aspx": self._plans,
            "mglistplanitems.aspx": self._plan_items,
            "mgconsultationlistdisplay.aspx": self._consultations,
            "mgconsultationdisplay.aspx": self._consultation,
            "mglistcommittees.aspx": self._committees_html,
            "ielistmeetings.aspx": self._meetings_html,
            "ielistdocuments.aspx": self._meeting_html,
            "mgconvert2pdf.aspx": lambda r: self._file(r.arg("ID") or ""),
        }
        handler = handlers.get(lowered)
        return handler(request) if handler else self.not_found()

    def _file(self, doc_id: str) -> SimResponse:
        if doc_id not in self.data["documents"]:
            return self.not_found()
        doc = self.document(doc_id)
        if doc["kind"] == "offsite" or not self._visible(doc):
            return self.not_found()
        body = self.document_bytes(doc_id)
        ctype = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "html": "text/html; charset=utf-8",
        }.get(doc["kind"], "application/pdf")
        return SimResponse(200, body, ctype)

    def page(self, title: str, content: str, h1: str | None = None) -> SimResponse:
        nav = "".join(
            f'<li><a href="{href}" title="Link to {label.lower()}">{label}</a></li>'
            for href, label in (
                ("mgCalendarMonthView.aspx?GL=1&amp;bcr=1", "Calendar"),
                ("mgListCommittees.aspx?bcr=1", "Committees"),
                ("mgConsultationListDisplay.aspx?bcr=1", "Consultations"),
                (
                    "mgDelegatedDecisions.aspx?bcr=1&amp;DM=0&amp;DS=2&amp;K=0&amp;DR=&amp;V=0",
                    "Decisions",
                ),
                ("mgPlansHome.aspx?bcr=1", "Forward plans"),
                ("ieDocHome.aspx?bcr=1", "Meetings"),
            )
        )
        body = (
            f"<!-- Modern.gov Reverse CMS -->\n<html><head><title>{_e(title)}</title></head>"
            f'<body><div class="sample-banner"><strong>{_e(self.data["banner"])}</strong></div>'
            f"<ul>{nav}</ul>"
            f'<div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">'
            f"{_e(h1 or title)}</h1></div>\n{content}\n"
            f'<div class="mgFooter"><p>&nbsp;</p></div></div></body></html>'
        )
        return SimResponse(200, body)

    def _home(self, request: SimRequest) -> SimResponse:
        return self.page("Committee papers", '<div class="mgContent"><p>Sample site.</p></div>')

    def _doc_list(self, doc_ids: list[str]) -> str:
        items = []
        for doc_id in doc_ids:
            doc = self.document(doc_id)
            if not self._visible(doc):
                continue
            href = _e(self.document_path(doc_id))
            size = ""
            if doc["kind"] != "offsite":
                size = (
                    f'\n<span class="mgFileSize"><img height="12" src="mgimages/logo-pdf-1.gif" '
                    f'width="12" alt="pdf icon" /> {_e(self.listed_size(doc_id))}</span>'
                )
            items.append(
                f'<li><a href="{href}" title="Link&#32;to&#32;file&#32;{_e(doc["title"])}">'
                f"{_e(doc['title'])}{size} </a>  </li>"
            )
        return f'<ul  class="mgBulletList" >\n{"".join(items)}\n</ul>' if items else ""

    @staticmethod
    def _label(label: str, value: str) -> str:
        return f'<p><span  class="mgLabel" >{_e(label)}: </span>{value}</p>\n'

    @staticmethod
    def _section(heading: str, text: str) -> str:
        return (
            f'<h3 class="mgSubSubTitleTxt">{_e(heading)}:</h3>\n<div class="mgWordPara">'
            f'<div class="WordSection1">\n<p class="MsoNormal"><span style="">{_e(text)}'
            "</span></p>\n</div>\n</div>\n"
        )

    # decisions
    def _decisions_list(self, request: SimRequest) -> SimResponse:
        dr = request.arg("DR") or ""
        status = request.arg("DS") or "2"
        match = re.match(r"(\d\d/\d\d/\d{4})-(\d\d/\d\d/\d{4})", dr)
        start, end = (_date(match.group(1)), _date(match.group(2))) if match else (None, None)

        def inside(text: str) -> bool:
            return start is None or start <= _date(text) <= end  # type: ignore[operator]

        rows = []
        if status == "1":
            caption = "Forthcoming decisions"
            for issue_id in self.data["forthcoming"]:
                issue = self.issue(issue_id)
                if issue and inside(issue["due"]):
                    rows.append(
                        f'<tr><td  class="mgMainTxt" ><a  href="mgIssueHistoryHome.aspx?IId='
                        f'{issue_id}&amp;Opt=0"  title="Link&#32;to&#32;issue&#32;history">'
                        f'{_e(issue["title"])}</a></td><td  class="mgMainTxt" >'
                        f'{_slash(issue["due"])}</td><td  class="mgMainTxt" ></td>'
                        f'<td  class="mgMainTxt" >Key decision</td></tr>'
                    )
        else:
            caption = "Decisions published"
            for decision in self.decisions():
                if not inside(decision["published"]):
                    continue
                rows.append(
                    f'<tr><td  class="mgMainTxt" ><a  href="ieDecisionDetails.aspx?ID='
                    f'{decision["id"]}"  title="Link&#32;to&#32;decision&#32;details&#32;for&#32;'
                    f'{_e(decision["title"])}">{_e(decision["title"])}<span  class="mgHide" > '
                    f'ref&#58; {decision["id"]}</span></a></td><td  class="mgMainTxt" >'
                    f'{_slash(decision["published"])}</td><td  class="mgMainTxt" >'
                    f"{_slash(decision.get('effective', decision['published']))}</td>"
                    f'<td  class="mgMainTxt" >'
                    f"{'Not for call-in' if decision['call_in'] == 'No' else 'Call-in period'}"
                    "</td></tr>"
                )
        table = (
            '<div class="mgContent"><table class="mgTabTable tablesorter"  summary="Table of '
            f'decision summary data">\n<caption  class="mgSectionTitle" >{caption}</caption>\n'
            "<thead class='mgFilterHeaderRow'><tr><th abbr='Title' scope='col'>Title</th>"
            "<th abbr='Published' scope='col'>Date</th><th abbr='Applies' scope='col'>"
            "Effective from</th><th abbr='Call-ins' scope='col'>Call-ins</th></tr></thead>"
            f"<tbody>\n{''.join(rows)}\n</tbody></table></div>"
        )
        return self.page("Decisions", table)

    def _decision(self, request: SimRequest) -> SimResponse:
        decision_id = int(request.arg("ID") or 0)
        decision = next((d for d in self.decisions() if d["id"] == decision_id), None)
        if decision is None:
            return self.page("Decision details", '<div class="mgContent"><p>No decision.</p></div>')
        links = ""
        if decision.get("issue"):
            links = (
                '<div class="mgLinks" >\n<ul  class="mgActionList" >\n<li><a  href="'
                f'mgIssueHistoryHome.aspx?IId={decision["issue"]}&amp;Opt=0"  title="Link&#32;to'
                f'&#32;issue&#32;history">Find out more about this issue</a></li>\n</ul>\n</div>\n'
            )
        parts = [self._label("Decision Maker", _e(decision["maker"]))]
        parts.append(
            self._label(
                "Decision status",
                f'<span  class="mgPlanItemInForce" >{_e(decision["status"])}</span>',
            )
        )
        parts.append(self._label("Is Key decision?", "Yes" if decision["key"] else "No"))
        parts.append(self._label("Is subject to call in?", decision["call_in"]))
        for heading, key in (
            ("Purpose", "purpose"),
            ("Decision", "decision"),
            ("Reasons for the decision", "reasons"),
            ("Alternative options considered", "alternatives"),
        ):
            if decision.get(key):
                parts.append(self._section(heading, decision[key]))
        if decision.get("wards"):
            parts.append(self._label("Wards affected", _e(decision["wards"])))
        parts.append(self._label("Publication date", _slash(decision["published"])))
        parts.append(self._label("Date of decision", _slash(decision["date"])))
        if decision.get("meeting"):
            meeting = self.meeting(decision["meeting"])
            assert meeting is not None
            committee = self.committee(meeting["committee"])
            assert committee is not None
            parts.append(
                self._label(
                    "Decided at meeting",
                    f'<a  href="ieListDocuments.aspx?CId={committee["id"]}&amp;MID='
                    f'{meeting["id"]}"  >{_slash(meeting["date"])} - {_e(committee["title"])}</a>',
                )
            )
        if decision.get("effective"):
            parts.append(self._label("Effective from", _slash(decision["effective"])))
        documents = self._doc_list(decision.get("documents", []))
        if documents:
            parts.append(f'<p class="mgLabel" >Accompanying Documents:</p>\n{documents}')
        content = (
            f'<div class="mgSubTitle" >\n<h2 class="mgSubTitleTxt">{_e(decision["title"])}</h2>'
            f'\n</div>\n{links}<div class="mgContent" >\n{"".join(parts)}</div>'
        )
        return self.page(f"Decision - {decision['title']}", content, "Decision details")

    # issues, forward plans, consultations
    def _issue(self, request: SimRequest) -> SimResponse:
        issue = self.issue(int(request.arg("IId") or 0))
        if issue is None:
            return self.page("Issue", '<div class="mgContent"><p>No issue.</p></div>')
        due = _date(issue["due"])
        parts = [
            '<h2 class="mgSectionTitle">Issue details</h2>\n',
            self._label("Decision type", _e(issue["type"])),
            self._label("Reason Key", _e(issue["reason_key"])),
            self._label("Decision status", _e(issue["status"])),
            self._label("Wards affected", _e(issue["wards"])),
            self._label(
                "Notice of proposed decision first published", _slash(issue["first_published"])
            ),
            self._label("Decision due", f"{_long_date(due)} by {_e(issue['maker'])}"),
            self._label("Lead member", _e(issue["lead_member"])),
            self._label("Lead director", _e(issue["lead_director"])),
            self._label("Department", _e(issue["department"])),
            self._label("Contact", "Democratic Services, Exampleshire County Council (sample)"),
            self._label("Consultation process", _e(issue["consultation"])),
        ]
        decisions = [d for d in self.decisions() if d["id"] in issue["decisions"]]
        if decisions:
            items = "".join(
                f'<li><a href="ieDecisionDetails.aspx?ID={d["id"]}">{_slash(d["date"])} - '
                f"{_e(d['title'])}</a></li>"
                for d in decisions
            )
            parts.append(
                f'<h2 class="mgSectionTitle">Decisions</h2>\n<ul class="mgBulletList">{items}</ul>'
            )
        documents = self._doc_list(issue.get("documents", []))
        if documents:
            parts.append(f'<h2 class="mgSectionTitle">Documents</h2>\n{documents}')
        content = (
            f'<div class="mgSubTitle" >\n<h2 class="mgSubTitleTxt">Issue - items at meetings - '
            f'{_e(issue["title"])}</h2>\n</div>\n<div class="mgContent" >\n{"".join(parts)}</div>'
        )
        return self.page(f"Issue - {issue['title']}", content, "Issue details")

    def _plans_home(self, request: SimRequest) -> SimResponse:
        rps = sorted({p["rp"] for p in self.data["plans"]})
        items = "".join(
            f'<li><a href="mgListPlans.aspx?RPId={rp}&amp;RD=0">Cabinet forward plan</a></li>'
            for rp in rps
        )
        return self.page(
            "Browse forward plans",
            f'<div class="mgContent"><ul class="mgBulletList">{items}</ul></div>',
        )

    def _plans(self, request: SimRequest) -> SimResponse:
        rp = int(request.arg("RPId") or 0)
        items = "".join(
            f'<li><a href="mgListPlanItems.aspx?PlanId={p["id"]}&amp;RP={rp}">{_e(p["title"])}'
            "</a></li>"
            for p in self.data["plans"]
            if p["rp"] == rp
        )
        return self.page(
            "Browse plans", f'<div class="mgContent"><ul class="mgBulletList">{items}</ul></div>'
        )

    def _plan_items(self, request: SimRequest) -> SimResponse:
        plan = next(
            (p for p in self.data["plans"] if p["id"] == int(request.arg("PlanId") or 0)), None
        )
        if plan is None:
            return self.not_found()
        blocks = []
        for issue_id in plan["issues"]:
            issue = self.issue(issue_id)
            assert issue is not None
            due = _date(issue["due"])
            blocks.append(
                f'<div class="mgPlanItem">\n<h2 class="mgPlanItemTitleTxt"><a href="'
                f"mgIssueHistoryHome.aspx?IId={issue_id}&amp;PlanId={plan['id']}&amp;RPID="
                f'{plan["rp"]}">{_e(issue["title"])}</a></h2>\n'
                + self._label("Decision maker", _e(issue["maker"]))
                + self._label("Decision due", _long_date(due))
                + self._label("Lead officer", _e(issue["lead_director"]))
                + self._label(
                    "Notice of proposed decision first published",
                    _slash(issue["first_published"]),
                )
                + self._label("Anticipated restriction", "Open")
                + "</div>\n"
            )
        content = (
            f'<div class="mgSubTitle" ><h2 class="mgSubTitleTxt">{_e(plan["title"])}</h2></div>'
            f'\n<div class="mgContent" >\n{"".join(blocks)}</div>'
        )
        return self.page(plan["title"], content, "Plan items")

    def _consultations(self, request: SimRequest) -> SimResponse:
        rows = "".join(
            f'<tr><td class="mgMainTxt"><a href="mgConsultationDisplay.aspx?ID={c["id"]}">'
            f'{_e(c["title"])}</a></td><td class="mgMainTxt">{_slash(c["start"])}</td>'
            f'<td class="mgMainTxt">{_slash(c["end"])}</td><td class="mgMainTxt">'
            f"{_e(c['status'])}</td></tr>"
            for c in self.data["consultations"]
        )
        table = (
            '<div class="mgContent"><table class="mgTabTable" summary="Table of consultations">'
            '<caption class="mgSectionTitle">Consultations</caption><thead><tr>'
            "<th scope='col'>Title</th><th scope='col'>Start date</th><th scope='col'>End date"
            f"</th><th scope='col'>Status</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )
        return self.page("Consultations", table)

    def _consultation(self, request: SimRequest) -> SimResponse:
        cid = int(request.arg("ID") or 0)
        item = next((c for c in self.data["consultations"] if c["id"] == cid), None)
        if item is None:
            return self.not_found()
        parts = [
            self._label("Consultation start date", _slash(item["start"])),
            self._label("Consultation end date", _slash(item["end"])),
            self._label("Status", _e(item["status"])),
            self._label("Target audience", _e(item["audience"])),
            self._section("Description", item["description"]),
        ]
        if item.get("results"):
            parts.append(self._section("Results", item["results"]))
        content = (
            f'<div class="mgSubTitle" ><h2 class="mgSubTitleTxt">{_e(item["title"])}</h2></div>'
            f'\n<div class="mgContent" >\n{"".join(parts)}</div>'
        )
        return self.page(item["title"], content, "Consultation details")

    # meetings: the web service
    def _web_service(self, request: SimRequest, operation: str) -> SimResponse:
        if not self.web_service:
            return self.not_found()
        xml = "application/xml; charset=utf-8"
        if operation == "GetCommittees":
            rows = "".join(
                f"<committee><committeeid>{c['id']}</committeeid><committeetitle>"
                f"{_e(c['title'])}</committeetitle><committeedeleted>{c['deleted']}"
                f"</committeedeleted><committeeexpired>{c['expired']}</committeeexpired>"
                + (
                    f"<committeecategory>{_e(c['category'])}</committeecategory>"
                    if c.get("category")
                    else ""
                )
                + "</committee>"
                for c in self.data["committees"]
            )
            count = len(self.data["committees"])
            body = (
                '<?xml version="1.0" encoding="utf-8"?>\n<committees><committeescount> '
                f"{count}</committeescount>{rows}</committees>"
            )
            return SimResponse(200, body, xml)
        if operation == "GetMeetings":
            committee = self.committee(int(request.arg("lCommitteeId") or 0))
            start, end = request.arg("sFromDate") or "", request.arg("sToDate") or ""
            if (
                committee is None
                or not re.match(r"\d\d/\d\d/\d{4}$", start + "")
                or not re.match(r"\d\d/\d\d/\d{4}$", end)
            ):
                return SimResponse(500, "Invalid parameters", "text/plain")
            meetings = [
                m
                for m in self.data["meetings"]
                if m["committee"] == committee["id"]
                and _date(start) <= _date(m["date"]) <= _date(end)
            ]
            rows = "".join(
                f"<meeting><meetingid>{m['id']}</meetingid><meetingdate>{m['date']}</meetingdate>"
                f"<meetingstatus>{m['status']}</meetingstatus><meetingtime>{m['time']}"
                "</meetingtime><iswebcast>False</iswebcast></meeting>"
                for m in meetings
            )
            body = (
                '<?xml version="1.0" encoding="utf-8"?>\n<getmeetings><meetingscount> '
                f"{len(meetings)}</meetingscount><committeescount> 1</committeescount>"
                f"<committee><committeeid>{committee['id']}</committeeid><committeetitle>"
                f"{_e(committee['title'])}</committeetitle><committeemeetingcount> "
                f"{len(meetings)}</committeemeetingcount><committeemeetings>{rows}"
                "</committeemeetings></committee></getmeetings>"
            )
            return SimResponse(200, body, xml)
        if operation == "GetMeeting":
            meeting = self.meeting(int(request.arg("lMeetingId") or 0))
            if meeting is None:
                return SimResponse(500, "Invalid meeting", "text/plain")
            return SimResponse(200, self._meeting_xml(meeting, request), xml)
        return SimResponse(
            500,
            "System.InvalidOperationException: Web Service method name is not valid.",
            "text/plain",
        )

    def _absolute(self, request: SimRequest, path: str) -> str:
        host = request.headers.get("host", "127.0.0.1")
        return f"{self.scheme}://{host}{self.prefix}/{path}"

    def _meeting_xml(self, meeting: dict[str, Any], request: SimRequest) -> str:
        committee = self.committee(meeting["committee"])
        assert committee is not None
        items = []
        for item in meeting["items"]:
            docs = []
            for number in item["documents"]:
                doc = self.document(number)
                if not self._visible(doc):
                    continue
                docs.append(
                    f"<linkeddoc><attachmentid>{number}</attachmentid><title>"
                    f"{_e(_e(doc['title']))}</title><isurl>False</isurl><url>"
                    f"{_e(self._absolute(request, f'mgConvert2PDF.aspx?ID={number}'))}</url>"
                    f"<isrestricted>{bool(item.get('restricted'))}</isrestricted>"
                    f"<publicationdate>{self.document_published(number)}</publicationdate>"
                    f"<meetingdate>{meeting['date']}</meetingdate><committeetitle>"
                    f"{_e(committee['title'])}</committeetitle><ownertitle>"
                    f"{_e(_e(item['title']))}</ownertitle></linkeddoc>"
                )
            items.append(
                f"<agendaitem><agendaitemid>{item['id']}</agendaitemid>"
                # Titles are HTML-encoded, then XML-encoded: "&amp;#39;" on the wire.
                f"<agendaitemtitle>{_e(_e(item['title']))}</agendaitemtitle>"
                f"<agendatext>{_e(item['text'])}</agendatext>"
                f"<actualmeetingdate>{meeting['date']}</actualmeetingdate>"
                f"<fulldisplaynumberformat>{item['number']}</fulldisplaynumberformat>"
                f"<minutesnonemptyhtmlbody>{_e(item.get('minutes', ''))}"
                "</minutesnonemptyhtmlbody>"
                f"<iscallin>False</iscallin><isdecision>{bool(item.get('decision'))}</isdecision>"
                f"<isrestricted>{bool(item.get('restricted'))}</isrestricted>"
                f"<meetingdate>{meeting['date']}</meetingdate>"
                f"<refertocommittee>{_e(committee['title'])}</refertocommittee>"
                + (f"<linkeddocuments>{''.join(docs)}</linkeddocuments>" if docs else "")
                + "</agendaitem>"
            )
        published = "True" if meeting["items"] else "False"
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<meeting>'
            f"<meetingid>{meeting['id']}</meetingid><meetingdate>{meeting['date']}</meetingdate>"
            f"<meetingstatus>{meeting['status']}</meetingstatus>"
            f"<isdisplayallowed>True</isdisplayallowed><meetingtime>{meeting['time']}"
            f"</meetingtime><meetinglocation>{_e(meeting['location'])}</meetinglocation>"
            f"<iswebcast>False</iswebcast><agendaid>{meeting['id']}</agendaid>"
            f"<agendapublished>{published}</agendapublished><decisionpublished>{published}"
            f"</decisionpublished><minutepublished>{published}</minutepublished>"
            f"<agendaitems>{''.join(items)}</agendaitems><attendees></attendees></meeting>"
        )

    # meetings: the HTML pages (used when the web service is off)
    def _committees_html(self, request: SimRequest) -> SimResponse:
        items = "".join(
            f'<li><a href="mgCommitteeDetails.aspx?ID={c["id"]}">{_e(c["title"])}</a></li>'
            for c in self.data["committees"]
            if not c["deleted"]
        )
        return self.page(
            "Committee structure",
            f'<div class="mgContent"><ul class="mgBulletList">{items}</ul></div>',
        )

    def _meetings_html(self, request: SimRequest) -> SimResponse:
        committee = self.committee(int(request.arg("CId") or request.arg("CommitteeId") or 0))
        if committee is None:
            return self.not_found()
        year = int(request.arg("Year") or 0)
        items = []
        for m in self.data["meetings"]:
            day = _date(m["date"])
            if m["committee"] != committee["id"] or (year and day.year != year):
                continue
            cancelled = " CANCELLED" if m["status"] == "Cancelled" else ""
            items.append(
                f'<li><a href="ieListDocuments.aspx?CId={committee["id"]}&amp;MId={m["id"]}'
                f'&amp;Ver=4">{_long_date(day)} {m["time"]}{cancelled}</a></li>'
            )
        content = (
            f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{_e(committee["title"])}</h2>'
            f'</div><div class="mgContent"><ul class="mgBulletList">{"".join(items)}</ul></div>'
        )
        return self.page(f"Browse meetings - {committee['title']}", content, "Browse meetings")

    def _meeting_html(self, request: SimRequest) -> SimResponse:
        meeting = self.meeting(int(request.arg("MId") or 0))
        if meeting is None:
            return self.not_found()
        committee = self.committee(meeting["committee"])
        assert committee is not None
        day = _date(meeting["date"])
        rows = []
        for item in meeting["items"]:
            documents = "" if item.get("restricted") else self._doc_list(item["documents"])
            minutes = (
                f'<div class="mgWordPara"><p class="mgSubItemTitleTxt">Minutes:</p>'
                f"{item['minutes']}</div>"
                if item.get("minutes")
                else ""
            )
            rows.append(
                f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">{item["number"]}</p>'
                f'</td><td><p class="mgAiTitleTxt"><a name="AI{item["id"]}" id="AI{item["id"]}">'
                f'</a>{_e(item["title"])}</p>\n<div class="mgWordPara">{item["text"]}</div>'
                f"{minutes}{documents}</td></tr>"
            )
        content = (
            f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{_e(committee["title"])} - '
            f"{day.strftime('%A')}, {_long_date(day)} {meeting['time']}</h2></div>\n"
            f'<div class="mgContent">'
            + self._label("Venue", _e(meeting["location"]))
            + self._label("Status", _e(meeting["status"]))
            + f'<table class="mgItemTable" summary="Table of agenda items">{"".join(rows)}'
            "</table></div>"
        )
        return self.page(f"Agenda for {committee['title']}", content, "Agenda and minutes")


def document_request_count(requests: list[SimRequest]) -> int:
    """How many requests asked for a document (what the incremental-crawl tests count)."""
    return sum(
        1
        for r in requests
        if "/documents/" in r.path or r.path.lower().endswith("mgconvert2pdf.aspx")
    )
