"""Is this page the kind the parser expects? One check per page kind.

A council site answers 200 with whatever it likes: a login form, a "No issue." stub, a
search page after a redirect, a CMS error page. A parser that read such a page as a decision
would store a record with an empty or wrong key, and different pages would overwrite one
another under it. Each check returns why the page is *not* of its kind (``None`` when it
is); the spider then records a parse failure with the URL and stores nothing.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import Response

# Labels that only the page kind's own content block carries (ModernGov's field labels;
# docs in ../shared/reference/council_platforms.md, "Field labels seen on pages").
DECISION_LABELS = {
    "decision maker", "decision", "decision status", "is key decision?", "date of decision",
    "publication date", "purpose", "decided at meeting", "effective from", "reason",
}  # fmt: skip
ISSUE_LABELS = {
    "decision type", "decision due", "decision status", "decision maker", "reason key",
    "notice of proposed decision first published", "consultation process", "lead member",
    "lead director", "lead officer", "wards affected",
}  # fmt: skip
CONSULTATION_LABELS = {
    "consultation start date", "consultation end date", "start date", "end date", "status",
    "target audience", "description",
}  # fmt: skip
# Titles and headings of pages that are never content: a wrong turn, not a parser bug.
_NOT_CONTENT = re.compile(
    r"(?i)\b(page not found|error|sign in|log ?in|access denied|search results?|no issue)\b"
)


def _heading(response: Response) -> str:
    return " ".join(" ".join(response.xpath(
        "//h2[contains(@class, 'mgSubTitleTxt')][1]//text()").getall()).split())  # fmt: skip


def _labels(fields: list[tuple[str, str]]) -> set[str]:
    return {label.lower() for label, _value in fields}


def moderngov_problem(
    response: Response, kind: str, ident: str, fields: list[tuple[str, str]]
) -> str | None:
    """Why ``response`` is not a ModernGov ``kind`` page with id ``ident``, or ``None``."""
    if not ident:
        return f"no {kind} id in the URL"
    expected = {"decision": DECISION_LABELS, "issue": ISSUE_LABELS,
                "consultation": CONSULTATION_LABELS}.get(kind)  # fmt: skip
    if expected is not None and not (_labels(fields) & expected):
        title = " ".join(response.xpath("//title//text()").get("").split())
        if _NOT_CONTENT.search(title) or _NOT_CONTENT.search(_heading(response)):
            return f"the page is {title or _heading(response)!r}"
        return f"none of the {kind} page's fields ({', '.join(sorted(expected)[:3])}, …)"
    return None


def meeting_page_problem(response: Response, meeting_id: str) -> str | None:
    """``ieListDocuments.aspx``: a meeting id, and an agenda table or a dated heading."""
    if not meeting_id:
        return "no meeting id (MId) in the URL"
    if response.xpath("//table[contains(@class, 'mgItemTable')]"):
        return None
    from crawlers.dates import uk_date

    if uk_date(_heading(response)) is None:
        return "no agenda table and no dated meeting heading"
    return None


PLAN_ITEM_LINKS = (
    "contains(@href, 'mgIssueHistoryHome.aspx') or contains(@href, 'ieIssueDetails.aspx')"
)


def plan_problem(response: Response) -> str | None:
    """``mgListPlanItems.aspx``: plan entries, or at least a plan's heading when empty."""
    if response.xpath(
        f"//*[contains(@class, 'mgPlanItem')] | //a[{PLAN_ITEM_LINKS}][contains(@href, 'PlanId')]"
    ):
        return None
    text = f"{_heading(response)} {response.xpath('//title//text()').get('')}"
    if re.search(r"(?i)\bplan\b", text) and not _NOT_CONTENT.search(text):
        return None  # a plan with no entries yet
    return "no plan entries and no plan heading"


def cmis_meeting_problem(response: Response, meeting_id: str) -> str | None:
    """``ViewMeetingPublic``: a meeting id, and the meeting summary or its document list."""
    if not meeting_id:
        return "no Meeting/<id> in the URL"
    if response.xpath(
        "//div[contains(@class, 'holder')]/div[contains(@class, 'DNNLabel')] | "
        "//*[contains(@class, 'DocumentList')] | //*[contains(@id, 'ViewMeetingPublic')]"
    ):  # not the module class ModCMISMeetingsC: the calendar pages carry it too
        return None
    return "neither a CMIS meeting summary nor its document list"


def parse_failure(spider: Any, response: Response, kind: str, why: str, council: str) -> Any:
    """The failure item for a page of the wrong kind (counted apart from fetch failures)."""
    spider.crawler.stats.inc_value("oursay/parse_failures")
    return spider.failure_item(
        f"parse failure: not a {kind} page ({why})", url=response.url, council_code=council
    )
