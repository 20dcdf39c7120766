"""ModernGov meetings and agenda items: the web service (``mgWebService.asmx``
``GetCommittees`` → ``GetMeetings`` → ``GetMeeting``) and, when it is off, the HTML pages
(``mgListCommittees.aspx`` → ``ieListMeetings.aspx`` → ``ieListDocuments.aspx``); part of
``ModernGovSpider``."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from crawlers.dates import uk_date
from crawlers.documents import html_to_text
from crawlers.items import RecordItem
from crawlers.page_kinds import meeting_page_problem, parse_failure
from crawlers.spiders.council_base import CouncilSpider
from crawlers.spiders.council_parsing import (
    document_links,
    fields_text,
    local_midnight,
    mg_fields,
    query_arg,
    text_of,
)
from crawlers.spiders.council_site import MEETING_HORIZON, CouncilSite
from crawlers.urls import canonical_url

# The logger name these lines had before the module was split out: log output unchanged.
logger = logging.getLogger("crawlers.spiders.moderngov")


def _xml_text(node: Selector, tag: str) -> str:
    value = node.xpath(f"./{tag}/text()").get()
    return value.strip() if value else ""


def decode_twice(text: str) -> str:
    """ModernGov's web service HTML-encodes titles and then XML-encodes them: the XML
    parser undoes the second, this undoes the first ("Members&#39;" → "Members'"); runs of
    whitespace become one space."""
    return " ".join(html.unescape(text).split())


class MeetingPages(CouncilSpider):
    """The meeting pages of ``ModernGovSpider``."""

    include_expired: bool

    # meetings: the web service ---------------------------------------------------------
    def parse_committees(self, response: Response) -> Iterator[Request]:
        """``GetCommittees``; when the service is off (an error, an HTML page instead of
        XML), the HTML pages instead."""
        site = self.site_of(response)
        committees = response.xpath("//committees/committee") if response.status == 200 else []
        if response.status != 200 or not response.xpath("/committees"):
            logger.info(
                "%s: web service unavailable (HTTP %s); using the HTML pages",
                site.key,
                response.status,
            )
            self.crawler.stats.inc_value("oursay/moderngov/html_fallback")
            yield self.page_request(
                site, site.url("mgListCommittees.aspx?bcr=1"), self.parse_committee_list
            )
            return
        assert site.since is not None
        end = site.horizon(MEETING_HORIZON)
        for committee in committees:
            if _xml_text(committee, "committeedeleted").lower() == "true":
                continue
            if _xml_text(committee, "committeeexpired").lower() == "true" and not (
                self.include_expired
            ):
                continue
            committee_id = _xml_text(committee, "committeeid")
            yield self.page_request(
                site,
                site.url(
                    f"mgWebService.asmx/GetMeetings?lCommitteeId={committee_id}"
                    f"&sFromDate={site.since:%d/%m/%Y}&sToDate={end:%d/%m/%Y}"
                ),
                self.parse_meetings,
                meta={
                    "committee_title": decode_twice(_xml_text(committee, "committeetitle")),
                    "raw_body": True,
                },
            )

    def parse_meetings(self, response: Response) -> Iterator[Request]:
        """``GetMeetings``: the committee's meetings in the window → ``GetMeeting`` each."""
        site = self.site_of(response)
        committee = response.xpath("//committee[1]")
        committee_id = _xml_text(committee[0], "committeeid") if committee else ""
        committee_title = response.meta.get("committee_title") or (
            decode_twice(_xml_text(committee[0], "committeetitle")) if committee else ""
        )
        for meeting in response.xpath("//committeemeetings/meeting"):
            day = uk_date(_xml_text(meeting, "meetingdate"))
            if not self.in_window(site, day, ahead=MEETING_HORIZON):
                continue  # some installs ignore the dates they are given
            yield self.page_request(
                site,
                site.url(
                    f"mgWebService.asmx/GetMeeting?lMeetingId={_xml_text(meeting, 'meetingid')}"
                ),
                self.parse_meeting,
                meta={
                    "committee_title": committee_title,
                    "committee_id": committee_id,
                    "raw_body": True,
                },
            )

    def parse_meeting(self, response: Response) -> Iterator[Any]:
        """``GetMeeting``: the meeting, and one record per agenda item with its documents."""
        site = self.site_of(response)
        meeting = response.xpath("/meeting")
        if not meeting:
            return
        node = meeting[0]
        meeting_id = _xml_text(node, "meetingid")
        day = uk_date(_xml_text(node, "meetingdate"))
        committee = response.meta.get("committee_title", "")
        committee_id = response.meta.get("committee_id", "")
        page_url = site.url(f"ieListDocuments.aspx?CId={committee_id}&MId={meeting_id}&Ver=4")
        items = []
        for item in node.xpath("./agendaitems/agendaitem"):
            item_id = _xml_text(item, "agendaitemid")
            title = decode_twice(_xml_text(item, "agendaitemtitle"))
            number = _xml_text(item, "fulldisplaynumberformat") or _xml_text(
                item, "agendaitemnumber"
            )
            restricted = _xml_text(item, "isrestricted").lower() == "true"
            items.append({"id": item_id, "number": number, "title": title})
            documents = []
            for doc in item.xpath("./linkeddocuments/linkeddoc"):
                if _xml_text(doc, "isrestricted").lower() == "true":
                    continue  # exempt papers are not published
                url = _xml_text(doc, "url")
                if not url:
                    continue
                documents.append(
                    {
                        "url": site.public_url(canonical_url(url)),
                        "title": decode_twice(_xml_text(doc, "title")),
                        "published": _xml_text(doc, "publicationdate") or None,
                        "attachment_id": _xml_text(doc, "attachmentid") or None,
                    }
                )
            record = self._agenda_item_record(
                site,
                item_id=item_id,
                title=title,
                number=number,
                meeting=(meeting_id, committee, committee_id, day),
                agenda_text=html_to_text(_xml_text(item, "agendatext")),
                minutes=html_to_text(_xml_text(item, "minutesnonemptyhtmlbody")),
                page_url=page_url,
                documents=documents,
                flags={
                    "is_decision": _xml_text(item, "isdecision").lower() == "true",
                    "is_call_in": _xml_text(item, "iscallin").lower() == "true",
                    "is_restricted": restricted,
                },
            )
            yield from self.emit(site, record)
        yield self._meeting_record(
            site,
            meeting_id=meeting_id,
            committee=committee,
            committee_id=committee_id,
            day=day,
            time=_xml_text(node, "meetingtime"),
            location=_xml_text(node, "meetinglocation"),
            status=_xml_text(node, "meetingstatus"),
            url=page_url,
            items=items,
            via="web service",
        )

    def _agenda_item_record(
        self,
        site: CouncilSite,
        *,
        item_id: str,
        title: str,
        number: str,
        meeting: tuple[str, str, str, date | None],
        agenda_text: str,
        minutes: str,
        page_url: str,
        documents: list[dict[str, Any]],
        flags: dict[str, Any] | None = None,
    ) -> RecordItem:
        """One agenda item, whether read from the web service or the HTML meeting page."""
        meeting_id, committee, committee_id, day = meeting
        fields = [
            ("Meeting", f"{committee}, {day:%d/%m/%Y}" if day else committee),
            ("Item", number),
            ("Agenda text", agenda_text),
            ("Minutes", minutes),
        ]
        return self.record(
            site,
            source_key=site.source_key("agenda_item", item_id),
            kind="agenda_item",
            title=title,
            description=fields_text(fields),
            url=site.public_url(f"{page_url}#AI{item_id}"),
            published_at=local_midnight(day),
            data={
                "agenda_item_id": item_id,
                "meeting_id": meeting_id,
                "committee": committee,
                "committee_id": committee_id,
                "number": number,
                **(flags or {}),
                "documents": documents,
            },
            documents=[{"url": d["url"], "title": d["title"]} for d in documents],
        )

    def _meeting_record(
        self,
        site: CouncilSite,
        *,
        meeting_id: str,
        committee: str,
        committee_id: str,
        day: date | None,
        time: str,
        location: str,
        status: str,
        url: str,
        items: list[dict[str, str]],
        via: str,
    ) -> RecordItem:
        fields = [
            ("Committee", committee),
            ("Date", f"{day:%d/%m/%Y}" if day else ""),
            ("Time", time),
            ("Venue", location),
            ("Status", status),
            ("Agenda", "; ".join(f"{i['number']} {i['title']}".strip() for i in items)),
        ]
        return self.record(
            site,
            source_key=site.source_key("meeting", meeting_id),
            kind="meeting",
            title=f"{committee} - {day.day} {day:%B %Y}" if day else committee,
            description=fields_text(fields),
            url=site.public_url(url),
            published_at=local_midnight(day),
            status=status or None,
            data={
                "meeting_id": meeting_id,
                "committee": committee,
                "committee_id": committee_id,
                "date": day.isoformat() if day else None,
                "time": time or None,
                "location": location or None,
                "agenda_items": items,
                "via": via,
            },
        )

    # meetings: the HTML pages ----------------------------------------------------------
    def parse_committee_list(self, response: Response) -> Iterator[Request]:
        """``mgListCommittees.aspx`` → ``ieListMeetings.aspx?CId=&Year=`` per year in the window."""
        site = self.site_of(response)
        assert site.since is not None
        end = site.horizon(MEETING_HORIZON)
        seen: set[str] = set()
        for link in response.xpath("//a[contains(@href, 'mgCommitteeDetails.aspx')]"):
            committee_id = query_arg(response.urljoin(link.attrib["href"]), "ID")
            if not committee_id or committee_id in seen:
                continue
            seen.add(committee_id)
            for year in range(site.since.year, end.year + 1):
                yield self.page_request(
                    site,
                    site.url(f"ieListMeetings.aspx?CId={committee_id}&Year={year}"),
                    self.parse_meeting_list,
                    meta={"committee_title": text_of(link), "committee_id": committee_id},
                )

    def parse_meeting_list(self, response: Response) -> Iterator[Request]:
        """``ieListMeetings.aspx``: a committee's meetings in one year."""
        site = self.site_of(response)
        seen: set[str] = set()
        for link in response.xpath("//a[contains(@href, 'ieListDocuments.aspx')]"):
            href = link.attrib["href"]
            if "#" in href:
                continue  # "#AI123": an agenda item of a meeting listed on its own
            url = canonical_url(response.urljoin(href))
            meeting_id = query_arg(url, "MId") or query_arg(url, "MID")
            if not meeting_id or meeting_id in seen:
                continue
            if not self.in_window(site, uk_date(text_of(link)), ahead=MEETING_HORIZON):
                continue
            seen.add(meeting_id)
            yield self.page_request(
                site,
                url,
                self.parse_meeting_page,
                meta={k: response.meta.get(k) for k in ("committee_title", "committee_id")},
            )

    def parse_meeting_page(self, response: Response) -> Iterator[Any]:
        """``ieListDocuments.aspx?CId=&MId=``: a meeting's agenda with items and papers."""
        site = self.site_of(response)
        meeting_id = query_arg(response.url, "MId") or query_arg(response.url, "MID") or ""
        problem = meeting_page_problem(response, meeting_id)
        if problem:
            yield parse_failure(self, response, "meeting", problem, site.code)
            return
        committee_id = query_arg(response.url, "CId") or response.meta.get("committee_id", "")
        heading = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]"))
        committee = response.meta.get("committee_title") or heading.split(" - ")[0]
        day = uk_date(heading)
        time_match = re.search(r"\d{1,2}[.:]\d{2}\s*[ap]m", heading, re.IGNORECASE)
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        values = {label.lower(): value for label, value in mg_fields(scope)}
        items = []
        for row in scope.xpath(".//table[contains(@class, 'mgItemTable')]//tr[td]"):
            title_node = row.xpath(
                "./td[not(contains(@class,'mgItemNumberCell'))]"
                "//p[contains(@class,'mgAiTitleTxt')][1]"
            )
            if not title_node:
                continue
            anchor = row.xpath(".//a[starts-with(@name,'AI') or starts-with(@id,'AI')]")
            item_id = ""
            if anchor:
                item_id = (anchor[0].attrib.get("name") or anchor[0].attrib.get("id") or "")[2:]
            if not item_id:
                link = row.xpath(".//a[contains(@href, 'mgAi.aspx')]/@href").get()
                item_id = query_arg(response.urljoin(link), "ID") if link else ""
            if not item_id:
                continue
            number = text_of(row.xpath("./td[contains(@class,'mgItemNumberCell')]"))
            title = text_of(title_node[0])
            blocks = row.xpath(".//div[contains(@class,'mgWordPara')]")
            agenda_text, minutes = "", ""
            for block in blocks:
                text = html_to_text(block.root)
                if text.lower().startswith("minutes:"):
                    minutes = text[len("minutes:") :].strip()
                elif not agenda_text:
                    agenda_text = text
            documents = [
                {**d, "url": site.public_url(d["url"])} for d in document_links(row, response.url)
            ]
            items.append({"id": item_id, "number": number, "title": title})
            record = self._agenda_item_record(
                site,
                item_id=item_id,
                title=title,
                number=number,
                meeting=(meeting_id, committee, committee_id, day),
                agenda_text=agenda_text,
                minutes=minutes,
                page_url=response.url.split("#")[0],
                documents=documents,
            )
            yield from self.emit(site, record)
        yield self._meeting_record(
            site,
            meeting_id=meeting_id,
            committee=committee,
            committee_id=committee_id,
            day=day,
            time=time_match.group(0) if time_match else "",
            location=values.get("venue", ""),
            status=values.get("status", ""),
            url=response.url,
            items=items,
            via="html",
        )
