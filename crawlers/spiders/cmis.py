"""CMIS (Civica) council committee sites: meetings and their papers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response

from crawlers.dates import uk_date
from crawlers.items import RecordItem
from crawlers.page_kinds import cmis_meeting_problem, parse_failure
from crawlers.spiders.council_base import CouncilSpider
from crawlers.spiders.council_parsing import fields_text, local_midnight, text_of
from crawlers.spiders.council_site import MEETING_HORIZON, CouncilSite
from crawlers.urls import canonical_url

_TABID = re.compile(r"/tabid/(\d+)/", re.IGNORECASE)
_MID = re.compile(r"(?:/mid/|dnn_ctr)(\d+)", re.IGNORECASE)
_MEETING = re.compile(r"/Meeting/(\d+)/Committee/(\d+)/", re.IGNORECASE)
_CALENDAR_DAY = re.compile(r"(\d{1,2})\s+([A-Za-z]+)")


def month_starts(start: date, end: date) -> list[date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


class CMISSpider(CouncilSpider):
    """
    Domain
      Civica CMIS committee sites (about 30 UK councils), e.g.
      birmingham.cmis.uk.com/birmingham, cmis.harborough.gov.uk/cmis5.
    Spider arguments
      since, until, council, base_url
        As for every oursay spider (see ``ModernGovSpider``); without ``until``, meetings
        up to two months ahead are included (their agendas are published in advance).
      tabid, mid
        The meetings tab and calendar module ids, when discovery from ``Meetings.aspx``
        does not work for a site.
    API and pages
      ``Meetings.aspx`` (redirects to ``Meetings/tabid/<t>/Default.aspx``; its calendar
      needs JavaScript) → one no-JavaScript month view per month,
      ``Meetings/tabid/<t>/ctl/MeetingCalendarPublicNoJava/mid/<m>/Date/<yyyy-mm-dd>/
      Default.aspx`` (``?ctl=MeetingCalendarListView&mid=<m>`` is understood too) →
      ``…/ctl/ViewMeetingPublic/mid/<m>/Meeting/<id>/Committee/<c>/Default.aspx`` →
      papers at ``Document.ashx?<opaque query>``. Search needs ASP.NET postbacks and is
      not used. See ../shared/reference/council_platforms.md.
    """

    name = "cmis"
    source = "cmis"
    platform = "cmis"

    def __init__(
        self, *args: Any, tabid: str | None = None, mid: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tabid = tabid
        self.mid = mid

    def site_requests(self, site: CouncilSite) -> Iterable[Request]:
        if self.tabid and self.mid:
            site.state.update(tabid=self.tabid, mid=self.mid)
            yield from self.month_requests(site)
            return
        yield self.page_request(site, site.url("Meetings.aspx"), self.parse_meetings_home)

    def parse_meetings_home(self, response: Response) -> Iterator[Any]:
        """The meetings tab: find its tab id and calendar module id, then walk the months."""
        site = self.site_of(response)
        links = " ".join(response.xpath("//a/@href").getall())
        tab = _TABID.search(response.url) or _TABID.search(links)
        ids = " ".join(response.xpath("//@id").getall())
        module = _MID.search(links) or _MID.search(ids)
        if not tab or not module:
            yield self.failure_item(
                "CMIS meetings calendar not found (give tabid= and mid=)",
                url=response.url,
                council_code=site.code,
            )
            site.failed = True
            return
        site.state.update(tabid=self.tabid or tab.group(1), mid=self.mid or module.group(1))
        yield from self.month_requests(site)

    def month_requests(self, site: CouncilSite) -> Iterator[Request]:
        assert site.since is not None
        end = site.horizon(MEETING_HORIZON)
        for first in month_starts(site.since.date(), end.date()):
            yield self.page_request(
                site,
                site.url(
                    f"Meetings/tabid/{site.state['tabid']}/ctl/MeetingCalendarPublicNoJava/"
                    f"mid/{site.state['mid']}/Date/{first.isoformat()}/Default.aspx"
                ),
                self.parse_calendar,
                meta={"month": first.isoformat()},
            )

    def parse_calendar(self, response: Response) -> Iterator[Request]:
        """A month view (rows of days, ``p.Meeting`` links) or the list view (one row per
        meeting, the date in the link text)."""
        site = self.site_of(response)
        month = date.fromisoformat(response.meta["month"]) if "month" in response.meta else None
        for link in response.xpath("//a[contains(@href, 'ViewMeetingPublic')]"):
            href = response.urljoin(link.attrib["href"])
            match = _MEETING.search(href)
            if not match:
                continue
            text = text_of(link)
            day = uk_date(text)
            if day is None and month is not None:
                # Month view: the day is in the row's first cell ("Monday, 8 June"), the
                # year in the month asked for.
                cell = link.xpath("ancestor::tr[1]/td[contains(@class, 'SimpleCalendarDate')]")
                found = _CALENDAR_DAY.search(text_of(cell))
                if found:
                    day = uk_date(f"{found.group(1)} {found.group(2)} {month.year}")
            if not self.in_window(site, day, ahead=MEETING_HORIZON):
                continue
            meeting_id, committee_id = match.groups()
            yield self.page_request(
                site,
                site.url(
                    f"Meetings/tabid/{site.state.get('tabid', '')}/ctl/ViewMeetingPublic/mid/"
                    f"{site.state.get('mid', '')}/Meeting/{meeting_id}/Committee/{committee_id}"
                    "/SelectedTab/Documents/Default.aspx"
                )
                if site.state.get("tabid")
                else href,
                self.parse_meeting,
                meta={"calendar_text": text, "calendar_date": day.isoformat() if day else None},
            )

    def parse_meeting(self, response: Response) -> Iterator[Any]:
        """``ViewMeetingPublic``: the meeting summary and its papers."""
        site = self.site_of(response)
        match = _MEETING.search(response.url)
        meeting_id, committee_id = match.groups() if match else ("", "")
        problem = cmis_meeting_problem(response, meeting_id)
        if problem:
            yield parse_failure(self, response, "CMIS meeting", problem, site.code)
            return
        fields: list[tuple[str, str]] = []
        for holder in response.xpath("//div[contains(@class, 'holder')]"):
            label = text_of(holder.xpath("./div[contains(@class, 'DNNLabel')]")).rstrip(": ")
            value = text_of(holder.xpath("./div[contains(@class, 'Value')][1]"))
            if label and (label, value) not in fields:
                fields.append((label, value))
        values = {label.lower(): value for label, value in fields}
        committee = values.get("committee") or re.sub(
            r"^\d{1,2}[:.]\d{2}\s*", "", response.meta.get("calendar_text", "")
        )
        day = uk_date(values.get("date/time")) or (
            date.fromisoformat(response.meta["calendar_date"])
            if response.meta.get("calendar_date")
            else None
        )
        time = re.search(r"\d{1,2}[:.]\d{2}", values.get("date/time", ""))
        documents = []
        for link in response.xpath(
            "//ul[contains(@class, 'DocumentList')]//a[@href] | "
            "//a[contains(@href, 'Document.ashx')]"
        ):
            url = site.public_url(canonical_url(response.urljoin(link.attrib["href"])))
            if url not in {d["url"] for d in documents}:
                documents.append({"url": url, "title": text_of(link) or "Document"})
        meeting_title = f"{committee} - {day.day} {day:%B %Y}" if day else committee
        record = self.record(
            site,
            source_key=site.source_key("meeting", meeting_id),
            kind="meeting",
            title=meeting_title,
            description=fields_text(
                [*fields, ("Papers", "; ".join(d["title"] for d in documents))]
            ),
            url=site.public_url(response.url),
            published_at=local_midnight(day),
            status=values.get("status") or None,
            data={
                "meeting_id": meeting_id,
                "committee_id": committee_id,
                "committee": committee,
                "date": day.isoformat() if day else None,
                "time": time.group(0) if time else None,
                "fields": dict(fields),
                "documents": documents,
            },
            # Each paper is downloaded once, by the agenda item it belongs to (below).
            documents=[],
        )
        yield record
        for number, document in enumerate(documents, start=1):
            yield from self.emit(
                site,
                self.paper_record(
                    site,
                    document,
                    number=number,
                    meeting_id=meeting_id,
                    meeting_title=meeting_title,
                    committee=committee,
                    day=day,
                ),
            )

    def paper_record(
        self,
        site: CouncilSite,
        document: dict[str, str],
        *,
        number: int,
        meeting_id: str,
        meeting_title: str,
        committee: str,
        day: date | None,
    ) -> RecordItem:
        """One paper of a meeting as an agenda item, so the monitor assesses it like a
        ModernGov agenda item. CMIS pages list papers, not items: a report is one item; a
        whole agenda pack or the minutes hold several, which the monitor reads by section."""
        paper_id = _paper_id(document["url"])
        return self.record(
            site,
            source_key=site.source_key("agenda_item", f"{meeting_id}-{paper_id}"),
            kind="agenda_item",
            title=document["title"],
            description=fields_text([("Meeting", meeting_title), ("Paper", str(number))]),
            url=document["url"],
            published_at=local_midnight(day),
            data={
                "meeting_id": meeting_id,
                "committee": committee,
                "number": str(number),
                "paper_id": paper_id,
                "documents": [document],
            },
            documents=[document],
        )


def _paper_id(url: str) -> str:
    """A stable id for a paper: CMIS ``Document.ashx`` queries are opaque, so the address
    itself (its hash) is the only stable key."""
    query = urlsplit(url).query
    found = re.search(r"(?:^|&)(?:id|ID|Id)=([\w-]{1,40})(?:&|$)", query)
    return found.group(1) if found else hashlib.sha1(url.encode()).hexdigest()[:12]
