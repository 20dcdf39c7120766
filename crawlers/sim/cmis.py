"""A simulated CMIS site for Sampleton Borough Council, a **fictional** council.

SAMPLE DATA only (``data/sampleton_cmis.json``), in the shape of Civica CMIS (DotNetNuke):
``Meetings.aspx`` redirects to the meetings tab; its calendar needs JavaScript, so the
crawler uses the no-JavaScript month view (``…/ctl/MeetingCalendarPublicNoJava/mid/<m>/
Date/<yyyy-mm-dd>/Default.aspx``) and the meeting pages (``…/ctl/ViewMeetingPublic/…``),
whose papers are ``Document.ashx?<opaque query>`` links. Meetings run from 20/01/2026 to
24/03/2026. The knobs are those of ``crawlers.sim.site.SimSite``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from crawlers.sim.files import BROKEN_PDF, make_docx, make_pdf
from crawlers.sim.moderngov_data import load_data
from crawlers.sim.server import SimRequest, SimResponse
from crawlers.sim.site import SimSite, _e

# The parameter names of CMIS's encrypted query strings look like this: opaque, fixed.
_KEYS = ("czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo", "rUzwRPf+Z3zd4E7Ikn8Lyw==", "mCTIbCubSFfXsDGW9IXnlg==")


def _opaque(doc_id: str) -> str:
    token = base64.b64encode(hashlib.sha1(doc_id.encode()).digest()[:12] + doc_id.encode())
    pad = base64.b64encode(hashlib.md5(doc_id.encode()).digest()[:6]).decode()
    values = (token.decode(), pad, "hFflUdN3100=")

    def escape(text: str) -> str:
        return text.replace("+", "%2b").replace("=", "%3d")

    return "&".join(
        f"{escape(key)}={escape(value)}" for key, value in zip(_KEYS, values, strict=True)
    )


def _doc_from_query(query: dict[str, list[str]]) -> str | None:
    for key, values in query.items():
        if key.startswith("czJKcaeAi5tUFL1DTL2UE4") and values:
            try:
                return base64.b64decode(values[0])[12:].decode()
            except (ValueError, UnicodeDecodeError):
                return None
    return None


@dataclass
class CMISSim(SimSite):
    """``SimServer(CMISSim())``; ``sim.base_url(server.url)`` is what ``--base-url`` takes."""

    data_file: str = "sampleton_cmis.json"

    def __post_init__(self) -> None:
        self._bytes: dict[str, bytes] = {}

    @property
    def data(self) -> dict[str, Any]:
        return load_data(self.data_file)

    def meetings_path(self, tail: str = "Default.aspx") -> str:
        return f"{self.prefix}/Meetings/tabid/{self.data['tabid']}/{tail}"

    def document_bytes(self, doc_id: str) -> bytes:
        if doc_id not in self._bytes:
            doc = self.data["documents"][doc_id]
            if doc["kind"] == "pdf":
                self._bytes[doc_id] = make_pdf(doc["pages"], title=doc["title"])
            elif doc["kind"] == "docx":
                self._bytes[doc_id] = make_docx(doc["pages"])
            else:
                self._bytes[doc_id] = BROKEN_PDF
        return self._bytes[doc_id]

    def route(self, request: SimRequest, path: str) -> SimResponse:
        lowered = path.lower()
        if lowered == "meetings.aspx":
            return SimResponse(302, "", headers={"Location": self.meetings_path()})
        if lowered == "document.ashx":
            doc_id = _doc_from_query(request.query)
            if doc_id not in self.data["documents"]:
                return self.not_found()
            kind = self.data["documents"][doc_id]["kind"]
            ctype = (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                if kind == "docx"
                else "application/pdf"
            )
            return SimResponse(200, self.document_bytes(doc_id), ctype)
        tab = f"meetings/tabid/{self.data['tabid']}/"
        if not lowered.startswith(tab):
            return self.not_found()
        rest = path[len(tab) :]
        if rest.lower() == "default.aspx":
            if (request.arg("ctl") or "").lower() == "meetingcalendarlistview":
                return self._list_view(request)
            return self._calendar_js()
        match = re.match(
            r"ctl/MeetingCalendarPublicNoJava/mid/(\d+)/Date/(\d{4})-(\d\d)-(\d\d)/Default\.aspx$",
            rest,
            re.IGNORECASE,
        )
        if match:
            return self._month(int(match.group(2)), int(match.group(3)))
        match = re.match(
            r"ctl/ViewMeetingPublic/mid/(\d+)/Meeting/(\d+)/Committee/(\d+)/", rest, re.IGNORECASE
        )
        if match:
            return self._meeting(int(match.group(2)))
        return self.not_found()

    def page(self, title: str, content: str) -> SimResponse:
        return SimResponse(
            200,
            f"<!DOCTYPE html><html><head><title>{_e(title)}</title></head><body>"
            f'<div class="sample-banner"><strong>{_e(self.data["banner"])}</strong></div>'
            f'<form method="post" action="" id="Form"><input type="hidden" name="__VIEWSTATE" '
            f'value="c2FtcGxl" />{content}</form></body></html>',
        )

    def _meeting_url(self, meeting: dict[str, Any]) -> str:
        return self.meetings_path(
            f"ctl/ViewMeetingPublic/mid/{self.data['mid']}/Meeting/{meeting['id']}/Committee/"
            f"{meeting['committee']}/SelectedTab/Documents/Default.aspx"
        )

    def _calendar_js(self) -> SimResponse:
        mid = self.data["mid"]
        first = date.today().replace(day=1).isoformat()
        nojava = self.meetings_path(
            f"ctl/MeetingCalendarPublicNoJava/mid/{mid}/Date/{first}/Default.aspx"
        )
        content = (
            f'<div class="DNNModuleContent ModCMISMeetingsC" id="dnn_ctr{mid}_ModuleContent">'
            f'<div id="dnn_ctr{mid}_MeetingCalendarPublic_RadScheduler1" class="RadScheduler">'
            "<noscript>The calendar needs JavaScript.</noscript></div>"
            f'<a href="{nojava}">View calendar without JavaScript</a> '
            f'<a href="?ctl=MeetingCalendarListView&amp;mid={mid}">List view</a></div>'
        )
        return self.page("Meetings", content)

    def _month(self, year: int, month: int) -> SimResponse:
        mid = self.data["mid"]
        rows = []
        for index, meeting in enumerate(
            m
            for m in self.data["meetings"]
            if date.fromisoformat(m["date"]).year == year
            and date.fromisoformat(m["date"]).month == month
        ):
            day = date.fromisoformat(meeting["date"])
            title = self.data["committees"][meeting["committee"]]
            css = "rgRow" if index % 2 == 0 else "rgAltRow"
            rows.append(
                f'<tr class="{css}" id="dnn_ctr{mid}_MeetingCalendarPublicPrinter_grdRadMeeting_'
                f'ctl00__{index}">\n  <td class="SimpleCalendarDate">{day:%A}, {day.day} '
                f'{day:%B}</td>\n  <td>\n    <p class="Meeting">\n      <a href="'
                f'{self._meeting_url(meeting)}">{meeting["time"]} {_e(title)}</a>\n    </p>\n'
                "  </td>\n</tr>"
            )
        content = (
            f'<div class="DNNModuleContent ModCMISMeetingsC">\n<table class="rgMasterTable" '
            f'id="dnn_ctr{mid}_MeetingCalendarPublicPrinter_grdRadMeeting_ctl00">\n'
            f"{''.join(rows)}\n</table>\n</div>"
        )
        return self.page(f"Meetings {year}-{month:02d}", content)

    def _list_view(self, request: SimRequest) -> SimResponse:
        mid = self.data["mid"]
        today = date.today()
        rows = []
        for index, meeting in enumerate(self.data["meetings"]):
            day = date.fromisoformat(meeting["date"])
            if (day.year, day.month) != (today.year, today.month):
                continue  # as on real sites: the current month only
            title = self.data["committees"][meeting["committee"]]
            rows.append(
                f'<tr class="rgRow"><td class="DateColumn"><a id="dnn_ctr{mid}_MeetingCalendar'
                f'PublicList_grdRadMeeting_ctl00_ctl0{index}_lnkMeeting" href="'
                f'{self._meeting_url(meeting)}">{day.day} {day:%b %Y} {meeting["time"]} - '
                f"{_e(title)}</a></td><td>{_e(meeting['venue'])}</td></tr>"
            )
        content = (
            '<div class="CMIS_ModuleWrapper CM_ModuleWrapper MeetingCalendarListView"><table '
            f'id="dnn_ctr{mid}_MeetingCalendarPublicList_grdRadMeeting_ctl00"><tbody>'
            f"{''.join(rows)}</tbody></table></div>"
        )
        return self.page("Meetings list", content)

    def _meeting(self, meeting_id: int) -> SimResponse:
        meeting = next((m for m in self.data["meetings"] if m["id"] == meeting_id), None)
        if meeting is None:
            return self.not_found()
        day = date.fromisoformat(meeting["date"])

        def holder(label: str, value: str, css: str) -> str:
            return (
                f'<div class="holder"><div class="DNNLabel {css}Label"><div class="dnnLabel">'
                f"<label><span>{label}:</span></label></div></div>"
                f'<div class="Value {css}">{value}</div></div>\n'
            )

        documents = "".join(
            f'<li class="DocumentListItem"><a class="TitleLink" href="{self.prefix}/Document.ashx?'
            f'{_e(_opaque(doc_id))}">{_e(self.data["documents"][doc_id]["title"])}</a></li>'
            for doc_id in meeting["documents"]
        )
        content = (
            '<div class="DNNModuleContent ModCMISMeetingsC">\n<h1>Meeting Details</h1>\n'
            + holder("Committee", _e(self.data["committees"][meeting["committee"]]), "Committee")
            + holder("Date/Time", f"{day.day} {day:%b %Y} - {meeting['time']}", "DateTime")
            + holder("Status", _e(meeting["status"]), "Status")
            + holder("Venue", _e(meeting["venue"]), "Venue")
            + f'<ul class="DocumentList CmisDocumentList">{documents}</ul>\n</div>'
        )
        return self.page("Meeting details", content)


def document_request_count(requests: list[SimRequest]) -> int:
    return sum(1 for r in requests if r.path.lower().endswith("/document.ashx"))
