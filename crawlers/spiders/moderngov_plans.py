"""ModernGov forward plans (``mgPlansHome.aspx`` → ``mgListPlans.aspx`` →
``mgListPlanItems.aspx``) and consultations (``mgConsultationListDisplay.aspx`` →
``mgConsultationDisplay.aspx``); part of ``ModernGovSpider``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from scrapy import Request
from scrapy.http import Response

from crawlers.dates import uk_date, uk_date_precise, uk_dates
from crawlers.page_kinds import PLAN_ITEM_LINKS, moderngov_problem, parse_failure, plan_problem
from crawlers.spiders.council_parsing import (
    document_links,
    fields_text,
    local_midnight,
    mg_fields,
    query_arg,
    text_of,
)
from crawlers.spiders.council_site import FORTHCOMING_HORIZON
from crawlers.spiders.moderngov_decisions import DecisionPages


class PlanPages(DecisionPages):
    """The forward-plan and consultation pages of ``ModernGovSpider`` (plan entries lead
    to issue histories, hence on ``DecisionPages``)."""

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
