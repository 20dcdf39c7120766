"""ModernGov council sites (``ModernGovSpider``), on ``crawlers.spiders.council_base``."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from crawlers.dates import uk_date_precise
from crawlers.documents import html_to_text
from crawlers.items import RecordItem
from crawlers.page_kinds import (
    PLAN_ITEM_LINKS,
    meeting_page_problem,
    moderngov_problem,
    parse_failure,
    plan_problem,
)
from crawlers.spiders.council_base import (
    FORTHCOMING_HORIZON,
    MEETING_HORIZON,
    CouncilSite,
    CouncilSpider,
    document_links,
    fields_text,
    local_midnight,
    mg_fields,
    query_arg,
    text_of,
    uk_date,
    uk_dates,
    yes_no,
)
from crawlers.urls import canonical_url

logger = logging.getLogger(__name__)


def _xml_text(node: Selector, tag: str) -> str:
    value = node.xpath(f"./{tag}/text()").get()
    return value.strip() if value else ""


def decode_twice(text: str) -> str:
    """ModernGov's web service HTML-encodes titles and then XML-encodes them: the XML
    parser undoes the second, this undoes the first ("Members&#39;" → "Members'"); runs of
    whitespace become one space."""
    return " ".join(html.unescape(text).split())


class ModernGovSpider(CouncilSpider):
    """
    Domain
      ModernGov (Civica modern.gov) committee sites: about 300 UK councils, e.g.
      democracy.kent.gov.uk, www.southampton.gov.uk/moderngov.
    Spider arguments
      since, until
        The window (``YYYY-MM-DD``). Without ``since``: each council's checkpoint minus 14
        days, or 90 days back on a first run. Without ``until``: now, and forthcoming
        decisions / forward plans up to six months ahead, meetings two months ahead.
      council
        Register codes (``KEN,SUR``); default every ModernGov council in the registry.
      base_url
        Another host serving one council's site (mirror, local test server); records keep
        the registry's URLs and keys.
      parts
        Comma-separated subset of ``decisions,meetings,plans,consultations``
        (default all). Issue histories come with decisions and plans.
      include_expired
        ``1`` to also ask the web service for meetings of expired committees.
    Settings
      OURSAY_BROWSER
        ``auto`` (default: the browser path for councils flagged ``browser`` and for
        challenged ones, when Chromium is installed) or ``off``.
      DOWNLOAD_MAXSIZE
        Documents larger than this are recorded as skipped, not downloaded (environment:
        ``OURSAY_DOWNLOAD_MAXSIZE``).
    Environment
      OURSAY_CHROMIUM
        Chromium executable for the browser path (default ``/usr/bin/chromium``).
    API and pages
      Decisions: ``mgDelegatedDecisions.aspx?DR=dd/mm/yyyy-dd/mm/yyyy&DS=2`` (published),
      ``DS=1`` (forthcoming), each row → ``ieDecisionDetails.aspx?ID=``.
      Meetings: ``mgWebService.asmx/GetCommittees``, ``GetMeetings``, ``GetMeeting``;
      when the service is off, ``mgListCommittees.aspx`` → ``ieListMeetings.aspx`` →
      ``ieListDocuments.aspx``.
      Forward plans: ``mgPlansHome.aspx`` → ``mgListPlans.aspx`` → ``mgListPlanItems.aspx``.
      Issue histories: ``mgIssueHistoryHome.aspx?IId=`` (incl. "Consultation process").
      Consultations: ``mgConsultationListDisplay.aspx`` → ``mgConsultationDisplay.aspx?ID=``.
      See ../shared/reference/council_platforms.md.
    """

    name = "moderngov"
    source = "moderngov"
    platform = "moderngov"
    PARTS = ("decisions", "meetings", "plans", "consultations")

    def __init__(
        self,
        *args: Any,
        parts: str | None = None,
        include_expired: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parts = {p.strip() for p in (parts or ",".join(self.PARTS)).split(",") if p.strip()}
        unknown = self.parts - set(self.PARTS)
        if unknown:
            raise ValueError(f"unknown parts {sorted(unknown)}; choose from {self.PARTS}")
        self.include_expired = include_expired in ("1", "true", "yes")

    @staticmethod
    def _dr(start: datetime | date, end: datetime | date) -> str:
        return f"{start:%d/%m/%Y}-{end:%d/%m/%Y}"

    def decisions_url(self, site: CouncilSite, status: int) -> str:
        assert site.since is not None
        end = site.until if status == 2 else site.horizon(FORTHCOMING_HORIZON)
        assert end is not None
        return site.url(
            f"mgDelegatedDecisions.aspx?XXR=0&DR={self._dr(site.since, end)}&ACT=Find"
            f"&RP=0&K=0&V=0&DM=0&HD=0&DS={status}&Next=true"
        )

    def site_requests(self, site: CouncilSite) -> Iterable[Request]:
        """One request first: the published-decisions register. If the council's site
        fails there (down, firewall, TLS), it is recorded once and nothing else is tried."""
        yield self.page_request(
            site,
            self.decisions_url(site, 2),
            self.parse_site_root,
            optional=True,
            meta={"listing": "published"},
        )

    def parse_site_root(self, response: Response) -> Iterator[Any]:
        """The published-decisions register, answered: the site is up; queue the rest."""
        site = self.site_of(response)
        if response.status == 200 and "decisions" in self.parts:
            yield from self.parse_decision_list(response)
        if "decisions" in self.parts:
            yield self.page_request(
                site,
                self.decisions_url(site, 1),
                self.parse_decision_list,
                optional=True,
                meta={"listing": "forthcoming"},
            )
        if "meetings" in self.parts:
            yield self.page_request(
                site,
                site.url("mgWebService.asmx/GetCommittees"),
                self.parse_committees,
                # Any error here means "no web service": the HTML pages are the fallback,
                # so no retries either.
                meta={
                    "handle_httpstatus_list": [403, 404, 410, 500, 501],
                    "dont_retry": True,
                    "raw_body": True,
                },
            )
        if "plans" in self.parts:
            yield self.page_request(
                site, site.url("mgPlansHome.aspx?bcr=1"), self.parse_plans_home, optional=True
            )
        if "consultations" in self.parts:
            yield self.page_request(
                site,
                site.url("mgConsultationListDisplay.aspx?bcr=1"),
                self.parse_consultation_list,
                optional=True,
            )

    # decisions -----------------------------------------------------------------------
    def parse_decision_list(self, response: Response) -> Iterator[Request]:
        """``mgDelegatedDecisions.aspx``: rows link to decision details (published) or to
        issue histories (forthcoming decisions are issues not yet decided)."""
        if response.status != 200:
            return
        site = self.site_of(response)
        for link in response.xpath("//table//tr/td[1]//a[@href]"):
            href = link.attrib["href"]
            row = link.xpath("ancestor::tr[1]")
            cells = [text_of(td) for td in row.xpath("./td")]
            for hidden in link.xpath(".//*[contains(@class, 'mgHide')]"):
                hidden.root.getparent().remove(hidden.root)
            listing = {
                "title": text_of(link),
                "date": cells[1] if len(cells) > 1 else None,
                "effective": cells[2] if len(cells) > 2 else None,
                "call_in": cells[3] if len(cells) > 3 else None,
                "listing": response.meta.get("listing"),
            }
            url = response.urljoin(href)
            if "iedecisiondetails.aspx" in href.lower():
                yield self.page_request(
                    site, url, self.parse_decision, meta={"listing_row": listing}
                )
            elif "mgissuehistoryhome.aspx" in href.lower():
                yield self.issue_request(site, url, listing)

    def parse_decision(self, response: Response) -> Iterator[Any]:
        """``ieDecisionDetails.aspx?ID=``: one decision."""
        site = self.site_of(response)
        decision_id = query_arg(response.url, "ID") or query_arg(response.url, "AIId") or ""
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        if not content:
            content = response.xpath("//div[@id='modgov']")
        fields = mg_fields(content[0] if content else response)
        problem = moderngov_problem(response, "decision", decision_id, fields)
        if problem:
            yield parse_failure(self, response, "decision", problem, site.code)
            return
        values = {label.lower(): value for label, value in fields}
        listing = response.meta.get("listing_row") or {}
        title = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]")) or (
            listing.get("title") or f"Decision {decision_id}"
        )
        published = uk_date(values.get("publication date"))
        decided = uk_date(values.get("date of decision"))
        effective = uk_date(values.get("effective from") or listing.get("effective"))
        issue_href = response.xpath("//a[contains(@href, 'mgIssueHistoryHome.aspx')]/@href").get()
        meeting = response.xpath(
            "//p[span[contains(@class,'mgLabel')][starts-with(normalize-space(.),'Decided at')]]"
            "/a[@href]"
        )
        documents = document_links(content[0] if content else response, response.url)
        data: dict[str, Any] = {
            "decision_id": decision_id,
            "fields": dict(fields),
            "publication_date": published.isoformat() if published else None,
            "decision_date": decided.isoformat() if decided else None,
            "effective_from": effective.isoformat() if effective else None,
            "subject_to_call_in": yes_no(values.get("is subject to call in?")),
            "call_in": listing.get("call_in"),
            "listing": listing.get("listing", "published"),
            "wards": [
                w.strip() for w in re.split(r"[;,]", values.get("wards affected", "")) if w.strip()
            ],
            "documents": [{**d, "url": site.public_url(d["url"])} for d in documents],
        }
        if issue_href:
            data["issue_id"] = query_arg(response.urljoin(issue_href), "IId")
        if meeting:
            meeting_url = response.urljoin(meeting[0].attrib["href"])
            data["meeting"] = {
                "id": query_arg(meeting_url, "MId"),
                "committee_id": query_arg(meeting_url, "CId"),
                "title": text_of(meeting[0]),
                "url": site.public_url(meeting_url),
            }
        record = self.record(
            site,
            source_key=site.source_key("decision", decision_id),
            kind="decision",
            title=title,
            description=fields_text(fields),
            url=site.public_url(response.url),
            published_at=local_midnight(published or decided or uk_date(listing.get("date"))),
            decision_maker=values.get("decision maker") or None,
            is_key_decision=yes_no(values.get("is key decision?")),
            status=values.get("decision status") or None,
            data=data,
            documents=[{"url": d["url"], "title": d["title"]} for d in data["documents"]],
        )
        yield from self.emit(site, record)
        if issue_href:
            # The issue history holds "Consultation process" and the forward-plan notice.
            yield self.issue_request(site, response.urljoin(issue_href))

    # issue histories -----------------------------------------------------------------
    def issue_request(
        self, site: CouncilSite, url: str, listing: dict[str, Any] | None = None
    ) -> Request:
        """One URL per issue however it was reached (forthcoming list, plan, decision), so
        that Scrapy fetches it once per run."""
        issue_id = query_arg(url, "IId") or query_arg(url, "ID") or ""
        return self.page_request(
            site,
            site.url(f"mgIssueHistoryHome.aspx?IId={issue_id}&Opt=0"),
            self.parse_issue,
            meta={"listing_row": listing} if listing else None,
        )

    def parse_issue(self, response: Response) -> Iterator[Any]:
        """``mgIssueHistoryHome.aspx?IId=``: an issue (a matter for decision) and its history."""
        site = self.site_of(response)
        issue_id = query_arg(response.url, "IId") or query_arg(response.url, "ID") or ""
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        fields = mg_fields(scope)
        problem = moderngov_problem(response, "issue", issue_id, fields)
        if problem:
            yield parse_failure(self, response, "issue", problem, site.code)
            return
        values = {label.lower(): value for label, value in fields}
        listing = response.meta.get("listing_row") or {}
        heading = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]"))
        title = re.sub(r"^Issue\s*-\s*items at meetings\s*-\s*", "", heading, flags=re.I)
        title = title or listing.get("title") or f"Issue {issue_id}"
        first_published = uk_date(values.get("notice of proposed decision first published"))
        due_text = values.get("decision due", "")
        due, due_precision = uk_date_precise(due_text)
        maker = values.get("decision maker")
        if not maker and " by " in due_text:
            maker = due_text.split(" by ", 1)[1].strip()
        decision_type = values.get("decision type", "")
        is_key = None
        if decision_type:
            is_key = decision_type.strip().lower().startswith("key")
        decisions = [
            query_arg(response.urljoin(h), "ID")
            for h in scope.xpath(".//a[contains(@href, 'ieDecisionDetails.aspx')]/@href").getall()
        ]
        documents = [
            {**d, "url": site.public_url(d["url"])} for d in document_links(scope, response.url)
        ]
        data = {
            "issue_id": issue_id,
            "fields": dict(fields),
            "consultation_process": values.get("consultation process"),
            "decision_type": decision_type or None,
            "first_published": first_published.isoformat() if first_published else None,
            "decision_due": due.isoformat() if due else None,
            # "March 2027" is a month, not 1 March: the monitor must not read it as a day.
            "date_precision": due_precision,
            "decision_ids": [d for d in decisions if d],
            "documents": documents,
        }
        record = self.record(
            site,
            source_key=site.source_key("issue", issue_id),
            kind="issue",
            title=title,
            description=fields_text(fields),
            url=site.public_url(site.url(f"mgIssueHistoryHome.aspx?IId={issue_id}&Opt=0")),
            published_at=local_midnight(first_published or due),
            decision_maker=maker or None,
            is_key_decision=is_key,
            status=values.get("decision status") or None,
            data=data,
            documents=[{"url": d["url"], "title": d["title"]} for d in documents],
        )
        yield from self.emit(site, record)

    # forward plans -------------------------------------------------------------------
    def parse_plans_home(self, response: Response) -> Iterator[Request]:
        """``mgPlansHome.aspx`` → the plan series (``mgListPlans.aspx?RPId=``) or plans."""
        if response.status != 200:
            return
        site = self.site_of(response)
        for href in response.xpath("//a[contains(@href, 'mgListPlans.aspx')]/@href").getall():
            yield self.page_request(site, response.urljoin(href), self.parse_plans, optional=True)
        yield from self.parse_plans(response)

    def parse_plans(self, response: Response) -> Iterator[Request]:
        """``mgListPlans.aspx?RPId=``: plans, each a period; only those overlapping the window."""
        if response.status != 200:
            return
        site = self.site_of(response)
        assert site.since is not None
        start, end = site.since.date(), site.horizon(FORTHCOMING_HORIZON).date()
        for link in response.xpath("//a[contains(@href, 'mgListPlanItems.aspx')]"):
            dates = uk_dates(text_of(link))  # "Forward Plan: 1 April 2026 to 31 July 2026"
            if dates and (max(dates) < start or min(dates) > end):
                continue  # a plan for a period wholly outside the window
            yield self.page_request(
                site,
                response.urljoin(link.attrib["href"]),
                self.parse_plan_items,
                optional=True,
                meta={"plan_title": text_of(link)},
            )

    def parse_plan_items(self, response: Response) -> Iterator[Any]:
        """``mgListPlanItems.aspx?PlanId=``: forward-plan entries (notices of key decisions);
        each entry's fields are the labels between its issue link and the next one."""
        if response.status != 200:
            return
        site = self.site_of(response)
        problem = plan_problem(response)
        if problem:
            yield parse_failure(self, response, "forward plan", problem, site.code)
            return
        plan_id = query_arg(response.url, "PlanId") or ""
        plan_title = text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]")) or (
            response.meta.get("plan_title") or ""
        )
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        entries: list[dict[str, Any]] = []
        # Real plans link entries as ieIssueDetails.aspx?IId=…&PlanId=… (in an
        # mgPlanItemTitle heading), older ones as mgIssueHistoryHome.aspx; an entry's title
        # and "more" links name the same issue once.
        for node in scope.xpath(
            f".//*[self::a[{PLAN_ITEM_LINKS}] or self::p[span[contains(@class, 'mgLabel')]]]"
        ):
            if node.root.tag == "a":
                issue_id = query_arg(response.urljoin(node.attrib.get("href", "")), "IId")
                if not issue_id or (entries and entries[-1]["issue_id"] == issue_id):
                    continue
                entries.append({"link": node, "fields": [], "issue_id": issue_id})
            elif entries:
                label = text_of(node.xpath("./span[contains(@class,'mgLabel')][1]"))
                value = text_of(node)[len(label) :].strip()
                entries[-1]["fields"].append((label.rstrip(": ").strip(), value))
        for entry in entries:
            link = entry["link"]
            issue_url = response.urljoin(link.attrib["href"])
            issue_id = entry["issue_id"]
            fields = entry["fields"]
            values = {label.lower(): value for label, value in fields}
            first_published = uk_date(values.get("notice of proposed decision first published"))
            due, due_precision = uk_date_precise(values.get("decision due"))
            data = {
                "plan_id": plan_id,
                "plan_title": plan_title,
                "issue_id": issue_id,
                "fields": dict(fields),
                "decision_due": due.isoformat() if due else None,
                "date_precision": due_precision,
                "first_published": first_published.isoformat() if first_published else None,
            }
            record = self.record(
                site,
                source_key=site.source_key("forward_plan", issue_id),
                kind="forward_plan",
                title=text_of(link),
                description=fields_text([("Forward plan", plan_title), *fields]),
                url=site.public_url(response.url),
                published_at=local_midnight(first_published or due),
                decision_maker=values.get("decision maker") or None,
                status=values.get("decision status") or None,
                data=data,
            )
            yield record
            yield self.issue_request(site, issue_url)

    # consultations ---------------------------------------------------------------------
    def parse_consultation_list(self, response: Response) -> Iterator[Request]:
        """``mgConsultationListDisplay.aspx``: consultations that were open in the window
        or in the year before it (a decision's consultation closes months before it)."""
        if response.status != 200:
            return
        site = self.site_of(response)
        for link in response.xpath("//a[contains(@href, 'mgConsultationDisplay.aspx')]"):
            row = link.xpath("ancestor::tr[1]")
            dates = uk_dates(text_of(row[0])) if row else []
            assert site.since is not None
            if dates and max(dates) < (site.since - timedelta(days=365)).date():
                continue
            yield self.page_request(
                site, response.urljoin(link.attrib["href"]), self.parse_consultation
            )

    def parse_consultation(self, response: Response) -> Iterator[Any]:
        """``mgConsultationDisplay.aspx?ID=``: one consultation from ModernGov's module."""
        site = self.site_of(response)
        consultation_id = query_arg(response.url, "ID") or ""
        content = response.xpath("//div[contains(@class, 'mgContent')][1]")
        scope = content[0] if content else response
        fields = mg_fields(scope)
        problem = moderngov_problem(response, "consultation", consultation_id, fields)
        if problem:
            yield parse_failure(self, response, "consultation", problem, site.code)
            return
        values = {label.lower(): value for label, value in fields}
        start = uk_date(values.get("consultation start date") or values.get("start date"))
        end = uk_date(values.get("consultation end date") or values.get("end date"))
        documents = [
            {**d, "url": site.public_url(d["url"])} for d in document_links(scope, response.url)
        ]
        record = self.record(
            site,
            source_key=site.source_key("consultation", consultation_id),
            kind="consultation",
            title=text_of(response.xpath("//h2[contains(@class, 'mgSubTitleTxt')][1]"))
            or f"Consultation {consultation_id}",
            description=fields_text(fields),
            url=site.public_url(response.url),
            published_at=local_midnight(start),
            status=values.get("status") or None,
            data={
                "consultation_id": consultation_id,
                "fields": dict(fields),
                "start_date": start.isoformat() if start else None,
                "end_date": end.isoformat() if end else None,
                "documents": documents,
            },
            documents=[{"url": d["url"], "title": d["title"]} for d in documents],
        )
        yield from self.emit(site, record)

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
