"""ModernGov council sites (``ModernGovSpider``), on ``crawlers.spiders.council_base``.

The spider's parsers live by the pages they read: ``moderngov_decisions`` (decisions and
issue histories), ``moderngov_plans`` (forward plans and consultations) and
``moderngov_meetings`` (the web service and the HTML meeting pages).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from scrapy import Request
from scrapy.http import Response

from crawlers.spiders.council_site import CouncilSite
from crawlers.spiders.moderngov_meetings import MeetingPages, decode_twice
from crawlers.spiders.moderngov_plans import PlanPages

# decode_twice is imported from here by tests and tools; it lives with the meeting pages.
__all__ = ["ModernGovSpider", "decode_twice"]


class ModernGovSpider(PlanPages, MeetingPages):
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
