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

The file writers are in ``crawlers/sim/files.py``, what all simulated sites share in
``crawlers/sim/site.py``; the data, pages and meetings of this one in ``moderngov_data``,
``moderngov_pages`` and ``moderngov_meetings`` beside this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from crawlers.sim.files import BROKEN_PDF, make_docx, make_pdf, make_scanned_pdf
from crawlers.sim.moderngov_data import DATA, load_data
from crawlers.sim.moderngov_meetings import ModernGovMeetings
from crawlers.sim.server import SimRequest, SimResponse
from crawlers.sim.site import CHALLENGE_PAGE, CLEARANCE_COOKIE, CLEARANCE_VALUE, SimSite

# Names the tests, the demo and the other simulated sites import from here.
__all__ = [
    "BROKEN_PDF",
    "CHALLENGE_PAGE",
    "CLEARANCE_COOKIE",
    "CLEARANCE_VALUE",
    "DATA",
    "DEFAULT_HUGE_BYTES",
    "ModernGovSim",
    "SimSite",
    "document_request_count",
    "load_data",
    "make_docx",
    "make_pdf",
    "make_scanned_pdf",
]

DEFAULT_HUGE_BYTES = 50 * 1024 * 1024 + 4096


@dataclass
class ModernGovSim(ModernGovMeetings):
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


def document_request_count(requests: list[SimRequest]) -> int:
    """How many requests asked for a document (what the incremental-crawl tests count)."""
    return sum(
        1
        for r in requests
        if "/documents/" in r.path or r.path.lower().endswith("mgconvert2pdf.aspx")
    )
