"""A large simulated ModernGov site: as many meetings, agenda items and documents as a
benchmark or a memory test asks for, all made up (SAMPLE DATA) and generated on request.

``LargeModernGovSim(meetings=200, items_per_meeting=10, documents_per_item=5)`` serves
10,000 documents through the ModernGov web service (``GetCommittees``, ``GetMeetings``,
``GetMeeting``, then ``mgConvert2PDF.aspx?ID=…`` per document), the path the spider takes
for meetings. Every ``html_every``-th document is an HTML page, the rest PDFs of two
pages whose text differs per document (so extraction and hashing do real work). Nothing
is cached on the server side: a document's bytes are built for each request, so the site
itself stays small whatever its size.

Meetings fall between 05/01/2026 and 20/06/2026: crawl with ``--since 2026-01-01
--until 2026-06-30`` and ``parts=meetings``.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from crawlers.sim.moderngov import ModernGovSim, make_pdf

FIRST_DAY = date(2026, 1, 5)
SPAN_DAYS = 166  # to 20/06/2026
FIRST_DOCUMENT = 100_000
FIRST_ITEM = 500_000
FIRST_MEETING = 900_000
COMMITTEES = [
    {"id": 1, "title": "Cabinet", "deleted": False, "expired": False, "category": "Executive"},
    {"id": 2, "title": "Planning Committee", "deleted": False, "expired": False},
    {"id": 3, "title": "Audit Committee", "deleted": False, "expired": False},
    {"id": 4, "title": "Health Scrutiny Panel", "deleted": False, "expired": False},
]
SERVICES = ["home care", "library", "waste collection", "highways", "leisure centre",
            "school transport", "parking", "street lighting"]  # fmt: skip


def _day(n: int, count: int) -> date:
    return FIRST_DAY + timedelta(days=SPAN_DAYS * n // max(1, count))


class _Documents(Mapping[str, dict[str, Any]]):
    """The documents' metadata, computed from the id instead of held for each one."""

    def __init__(self, site: LargeModernGovSim) -> None:
        self.site = site

    def _number(self, doc_id: str) -> int | None:
        try:
            n = int(doc_id) - FIRST_DOCUMENT
        except ValueError:
            return None
        return n if 0 <= n < self.site.document_count else None

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._number(doc_id) is not None

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        n = self._number(doc_id)
        if n is None:
            raise KeyError(doc_id)
        site = self.site
        meeting = n // (site.items_per_meeting * site.documents_per_item)
        service = SERVICES[n % len(SERVICES)]
        title = f"Report {n} on {service} services"
        kind = "html" if site.html_every and n % site.html_every == site.html_every - 1 else "pdf"
        lines = [
            "SAMPLE DATA - Largeshire County Council (fictional)",
            title,
            f"1. This report (number {n}) sets out options for the {service} service.",
            f"2. The estimated annual cost is GBP {1000 + 37 * n:,} for meeting {meeting}.",
            *(f"{3 + k}. Paragraph {k} of report {n}: the council considered the "
              f"{service} contract, lot {k}, and the consultation responses." for k in range(8)),
        ]  # fmt: skip
        second = [f"Appendix to report {n}", *(f"Line {k}: {service} figures {n * k}" for k in
                                                range(12))]  # fmt: skip
        published = _day(meeting, site.meetings) - timedelta(days=7)
        return {
            "title": title,
            "kind": kind,
            "published": f"{published:%d/%m/%Y}",
            "pages": [lines, second],
        }

    def __iter__(self) -> Iterator[str]:
        return (str(FIRST_DOCUMENT + n) for n in range(self.site.document_count))

    def __len__(self) -> int:
        return self.site.document_count


@dataclass
class LargeModernGovSim(ModernGovSim):
    meetings: int = 200
    items_per_meeting: int = 10
    documents_per_item: int = 5
    html_every: int = 4  # every 4th document is an HTML page; 0 for PDFs only

    @property
    def document_count(self) -> int:
        return self.meetings * self.items_per_meeting * self.documents_per_item

    @cached_property
    def _data(self) -> dict[str, Any]:
        per_meeting = self.items_per_meeting * self.documents_per_item
        meetings = []
        for m in range(self.meetings):
            first = m * per_meeting
            items = [
                {
                    "id": FIRST_ITEM + m * self.items_per_meeting + i,
                    "number": f"{i + 1}.",
                    "title": f"Item {i + 1}: {SERVICES[(m + i) % len(SERVICES)]} services",
                    "text": f"<p>Report on item {i + 1} of meeting {m}.</p>",
                    "minutes": f"<p>RESOLVED that item {i + 1} be noted.</p>",
                    "documents": [
                        str(FIRST_DOCUMENT + first + i * self.documents_per_item + d)
                        for d in range(self.documents_per_item)
                    ],
                }
                for i in range(self.items_per_meeting)
            ]
            meetings.append(
                {
                    "id": FIRST_MEETING + m,
                    "committee": COMMITTEES[m % len(COMMITTEES)]["id"],
                    "date": f"{_day(m, self.meetings):%d/%m/%Y}",
                    "time": "10.00 am",
                    "status": "Confirmed",
                    "location": "Council Chamber, County Hall, Largeton",
                    "items": items,
                }
            )
        return {
            "banner": "SAMPLE DATA - Largeshire County Council (fictional)",
            "committees": COMMITTEES,
            "meetings": meetings,
            "decisions": [],
            "issues": [],
            "forthcoming": [],
            "plans": [],
            "consultations": [],
            "documents": _Documents(self),
        }

    @property
    def data(self) -> dict[str, Any]:
        return self._data

    def meeting(self, meeting_id: int) -> dict[str, Any] | None:
        n = meeting_id - FIRST_MEETING
        return self._data["meetings"][n] if 0 <= n < self.meetings else None

    def document_bytes(self, doc_id: str) -> bytes:
        """Built for each request (the parent class keeps every file it made)."""
        doc = self.document(doc_id)
        if doc["kind"] == "html":
            paragraphs = "".join(f"<p>{html.escape(line)}</p>" for page in doc["pages"]
                                 for line in page)  # fmt: skip
            title = html.escape(doc["title"])
            return (
                f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}"
                f"</h1>{paragraphs}</body></html>"
            ).encode()
        return make_pdf(doc["pages"], title=doc["title"])
