"""ModernGov decisions and issue histories: ``mgDelegatedDecisions.aspx`` (published and
forthcoming), ``ieDecisionDetails.aspx`` and ``mgIssueHistoryHome.aspx``; part of
``ModernGovSpider``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from scrapy import Request
from scrapy.http import Response

from crawlers.dates import uk_date, uk_date_precise
from crawlers.page_kinds import moderngov_problem, parse_failure
from crawlers.spiders.council_base import CouncilSpider
from crawlers.spiders.council_parsing import (
    document_links,
    fields_text,
    local_midnight,
    mg_fields,
    query_arg,
    text_of,
    yes_no,
)
from crawlers.spiders.council_site import FORTHCOMING_HORIZON, CouncilSite


class DecisionPages(CouncilSpider):
    """The decision and issue pages of ``ModernGovSpider``."""

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
