"""Meetings on the simulated ModernGov site: the ``mgWebService.asmx`` XML (titles
double-encoded, as ModernGov writes them) and the HTML pages used when it is off."""

from __future__ import annotations

import re
from typing import Any

from crawlers.sim.moderngov_pages import ModernGovPages
from crawlers.sim.server import SimRequest, SimResponse
from crawlers.sim.site import _date, _e, _long_date


class ModernGovMeetings(ModernGovPages):
    """Meeting pages of ``ModernGovSim``."""

    web_service: bool

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
