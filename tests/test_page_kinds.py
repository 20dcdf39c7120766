"""Parsers refuse pages they do not understand; dates in every real form; one URL per page.

Real recorded pages come from ../shared/fixtures/real/councils/pages (read at test time);
the small pages written here reproduce each real shape the issue names (forward plans
linking ``ieIssueDetails.aspx`` from ``mgPlanItemTitle``, month-only due dates, documents
linked three ways, ``#AI`` anchors in meeting lists).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawlers.dates import dated, uk_date_precise, uk_dates
from crawlers.items import FailureItem, RecordItem
from crawlers.spiders.base import LONDON
from crawlers.spiders.cmis import CMISSpider
from crawlers.spiders.council_base import document_links
from crawlers.spiders.moderngov import ModernGovSpider
from crawlers.urls import canonical_url

BASE = "https://democracy.example-council.gov.uk"
CMIS_BASE = "https://birmingham.cmis.uk.com/birmingham"
CMIS_MEETING = f"{CMIS_BASE}/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397"


def make_spider(cls: type, base_url: str) -> Any:
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    crawler = Crawler(cls, settings)
    spider = crawler._create_spider(base_url=base_url)
    crawler.spider = spider
    crawler.stats = MemoryStatsCollector(crawler)
    site = next(iter(spider.sites.values()))
    site.since = datetime(2025, 1, 1, tzinfo=LONDON)
    site.until = datetime(2027, 12, 31, tzinfo=LONDON)
    site.explicit_until = True
    return spider


@pytest.fixture
def mg(sqlite_database: str) -> ModernGovSpider:
    return make_spider(ModernGovSpider, BASE)


@pytest.fixture
def cmis(sqlite_database: str) -> CMISSpider:
    return make_spider(CMISSpider, CMIS_BASE)


def page(spider: Any, url: str, body: bytes | str, **meta: Any) -> HtmlResponse:
    request = Request(url, meta={"site": next(iter(spider.sites)), **meta})
    data = body.encode() if isinstance(body, str) else body
    return HtmlResponse(url, body=data, encoding="utf-8", request=request)


def mg_page(heading: str, content: str) -> str:
    return (
        "<!-- Modern.gov Reverse CMS --><html><head><title>Example</title></head><body>"
        f'<div id="modgov"><div class="mgSubTitle"><h2 class="mgSubTitleTxt">{heading}</h2>'
        f'</div><div class="mgContent">{content}</div></div></body></html>'
    )


def label(name: str, value: str) -> str:
    return f'<p><span class="mgLabel">{name}: </span>{value}</p>'


def outcome(items: Any) -> tuple[list[RecordItem], list[FailureItem]]:
    produced = list(items)
    return (
        [i for i in produced if isinstance(i, RecordItem)],
        [i for i in produced if isinstance(i, FailureItem)],
    )


def real(shared_dir: Path, *parts: str) -> bytes:
    path = shared_dir.joinpath("fixtures", "real", "councils", "pages", *parts)
    if not path.is_file():
        pytest.skip(f"no recorded page at {path}")
    return path.read_bytes()


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("01/Sep/2026", date(2026, 9, 1), "day"),  # CMIS calendars
        ("1st September 2026", date(2026, 9, 1), "day"),
        ("Tuesday, 10th February, 2026", date(2026, 2, 10), "day"),
        ("22nd of May 2026", date(2026, 5, 22), "day"),
        ("10/02/2026", date(2026, 2, 10), "day"),
        ("Sept 2026", date(2026, 9, 1), "month"),
        ("Decision due: March 2027 by Cabinet", date(2027, 3, 1), "month"),
        ("not before 2026", None, None),
        ("31/02/2026", None, None),
    ],
)
def test_dates_in_every_real_form(text: str, expected: date | None, precision: str) -> None:
    assert uk_date_precise(text) == (expected, precision)


def test_month_only_dates_do_not_shadow_full_ones() -> None:
    assert uk_dates("Forward Plan: 1 April 2026 to 31 July 2026") == [
        date(2026, 4, 1), date(2026, 7, 31)]  # fmt: skip
    assert dated("Meeting 01/Sep/2026, report from March 2026") == [(date(2026, 9, 1), "day")]


# -- wrong kinds of page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("callback", "url"),
    [
        ("parse_decision", f"{BASE}/ieDecisionDetails.aspx?ID=512"),
        ("parse_issue", f"{BASE}/mgIssueHistoryHome.aspx?IId=77&Opt=0"),
        ("parse_consultation", f"{BASE}/mgConsultationDisplay.aspx?ID=9"),
        ("parse_meeting_page", f"{BASE}/ieListDocuments.aspx?CId=1&MId=5&Ver=4"),
        ("parse_plan_items", f"{BASE}/mgListPlanItems.aspx?PlanId=3"),
    ],
)
def test_a_real_search_page_is_refused_by_every_moderngov_parser(
    shared_dir: Path, mg: ModernGovSpider, callback: str, url: str
) -> None:
    # A real ModernGov page of another kind (search results) answered at the parser's URL.
    body = real(shared_dir, "sectortrace", "moderngov_search_kent_substance_misuse.html")
    records, failures = outcome(getattr(mg, callback)(page(mg, url, body)))
    assert records == []
    assert len(failures) == 1 and failures[0].url == url
    assert failures[0].reason.startswith("parse failure: not a ")
    assert mg.crawler.stats.get_value("oursay/parse_failures") == 1


def test_an_empty_key_is_never_emitted(mg: ModernGovSpider) -> None:
    body = mg_page("Cabinet - Tuesday, 10th February, 2026 7.00 pm", label("Venue", "Hall"))
    url = f"{BASE}/ieListDocuments.aspx?CId=1&Ver=4"  # no MId
    records, failures = outcome(mg.parse_meeting_page(page(mg, url, body)))
    assert records == [] and "no meeting id" in failures[0].reason
    stub = mg_page("Issue", "<p>No issue.</p>")
    url = f"{BASE}/mgIssueHistoryHome.aspx?IId=404&Opt=0"
    records, failures = outcome(mg.parse_issue(page(mg, url, stub)))
    assert records == [] and failures[0].url == url


def test_real_decision_pages_still_parse(shared_dir: Path, mg: ModernGovSpider) -> None:
    body = real(shared_dir, "lgsf", "decisions__modgov_decision_detail.html")
    url = f"{BASE}/ieDecisionDetails.aspx?ID=1234"
    records, failures = outcome(mg.parse_decision(page(mg, url, body)))
    assert failures == [] and len(records) == 1
    assert records[0].source_key.endswith("/decision/1234")


def test_real_cmis_calendar_is_not_a_meeting(shared_dir: Path, cmis: CMISSpider) -> None:
    body = real(shared_dir, "lgsf", "minutes__cmis_calendar_month.html")
    url = f"{CMIS_MEETING}/Meeting/1/Committee/2/Default.aspx"
    records, failures = outcome(cmis.parse_meeting(page(cmis, url, body)))
    assert records == [] and failures[0].reason.startswith("parse failure: not a CMIS meeting")


def test_real_cmis_document_list_is_a_meeting(shared_dir: Path, cmis: CMISSpider) -> None:
    body = real(shared_dir, "found", "DemocracyClub_LGSF", "minutes__cmis_detail_with_minutes.html")
    url = f"{CMIS_MEETING}/Meeting/15150/Committee/6/Default.aspx"
    records, failures = outcome(cmis.parse_meeting(page(cmis, url, body)))
    assert failures == [] and records[0].kind == "meeting"
    no_id = url.replace("/Meeting/15150/Committee/6", "")
    records, failures = outcome(cmis.parse_meeting(page(cmis, no_id, body)))
    assert records == [] and "no Meeting/<id>" in failures[0].reason


# -- forward plans ------------------------------------------------------------------------


def plan_entry(issue_id: int, title: str, due: str) -> str:
    href = f"ieIssueDetails.aspx?IId={issue_id}&amp;PlanId=31&amp;Opt=3#AI{issue_id}"
    return (
        f'<div class="mgPlanItem"><p class="mgPlanItemTitle"><a href="{href}">{title}</a></p>'
        + label("Decision maker", "Cabinet")
        + label("Decision due", due)
        + label("Notice of proposed decision first published", "02/11/2026")
        + f'<p><a href="{href}">More information</a></p></div>'
    )


def test_real_plan_shape_ieissuedetails_links_and_month_only_dates(mg: ModernGovSpider) -> None:
    body = mg_page(
        "Forward Plan: 1 December 2026 to 31 March 2027",
        plan_entry(901, "Leisure centres: future operating model", "March 2027")
        + plan_entry(902, "Sale of the Old Depot site", "14 Jan 2027"),
    )
    url = f"{BASE}/mgListPlanItems.aspx?PlanId=31"
    produced = list(mg.parse_plan_items(page(mg, url, body)))
    records = [i for i in produced if isinstance(i, RecordItem)]
    assert [r.data["issue_id"] for r in records] == ["901", "902"]  # "More" links: no dup
    first, second = (r.data for r in records)
    assert (first["decision_due"], first["date_precision"]) == ("2027-03-01", "month")
    assert (second["decision_due"], second["date_precision"]) == ("2027-01-14", "day")
    assert records[0].title == "Leisure centres: future operating model"
    issue_urls = sorted(r.url for r in produced if isinstance(r, Request))
    assert issue_urls == [f"{BASE}/mgIssueHistoryHome.aspx?IId=901&Opt=0",
                          f"{BASE}/mgIssueHistoryHome.aspx?IId=902&Opt=0"]  # fmt: skip


def test_a_page_that_is_not_a_plan_is_refused(mg: ModernGovSpider) -> None:
    body = mg_page("Committee structure", '<ul><li><a href="mgCommitteeDetails.aspx?ID=1">'
                   "Cabinet</a></li></ul>")  # fmt: skip
    records, failures = outcome(
        mg.parse_plan_items(page(mg, f"{BASE}/mgListPlanItems.aspx?PlanId=2", body))
    )
    assert records == [] and "no plan entries" in failures[0].reason
    empty = mg_page("Forward Plan: 1 May 2027 to 31 August 2027", "<p>No items.</p>")
    records, failures = outcome(
        mg.parse_plan_items(page(mg, f"{BASE}/mgListPlanItems.aspx?PlanId=4", empty))
    )
    assert records == [] and failures == []  # an empty plan is a plan


def test_issue_month_only_due_keeps_its_precision(mg: ModernGovSpider) -> None:
    body = mg_page(
        "Issue - items at meetings - Leisure centres",
        label("Decision type", "Key") + label("Decision due", "March 2027 by Cabinet"),
    )
    url = f"{BASE}/mgIssueHistoryHome.aspx?IId=901&Opt=0"
    records, _ = outcome(mg.parse_issue(page(mg, url, body)))
    assert records[0].data["decision_due"] == "2027-03-01"
    assert records[0].data["date_precision"] == "month"
    assert records[0].decision_maker == "Cabinet"


# -- one URL per page ---------------------------------------------------------------------


def test_a_document_linked_three_ways_is_stored_once(mg: ModernGovSpider) -> None:
    pdf = f"{BASE}/documents/s5120/Leisure%20report.pdf"
    links = "".join(
        f'<li><a href="{href}">Leisure report <span class="mgFileSize">PDF 120 KB</span></a></li>'
        for href in (
            "documents/s5120/Leisure%20report.pdf",
            'documents/s5120/Leisure%20report.pdf#search="leisure"',
            f"{BASE}/(S(czobl0450xbqi155ede3ifez))/documents/s5120/Leisure%20report.pdf#page=2",
        )
    )
    row = (
        '<table class="mgItemTable"><tr><td class="mgItemNumberCell">5.</td><td>'
        '<p class="mgAiTitleTxt"><a name="AI77"></a>Leisure centres</p>'
        f'<ul class="mgBulletList">{links}</ul></td></tr></table>'
    )
    body = mg_page("Cabinet - Tuesday, 10th February, 2026 7.00 pm", row)
    url = f"{BASE}/ieListDocuments.aspx?CId=1&MId=5&Ver=4"
    records, failures = outcome(mg.parse_meeting_page(page(mg, url, body)))
    item = next(r for r in records if r.kind == "agenda_item")
    assert failures == [] and item.documents == [{"url": pdf, "title": "Leisure report"}]


def test_canonical_urls() -> None:
    assert canonical_url("https://Host.gov.uk/a.pdf#search=%22x%22") == "https://host.gov.uk/a.pdf"
    assert (
        canonical_url(
            "https://democraticservices.hounslow.gov.uk/%28S%28czobl0450xbqi155ede3ifez%29%29/"
            "mgAi.aspx?ID=5"
        )
        == "https://democraticservices.hounslow.gov.uk/mgAi.aspx?ID=5"
    )
    assert canonical_url("https://h.gov.uk/x.aspx?ID=5&PHPSESSID=abc&Opt=0") == (
        "https://h.gov.uk/x.aspx?ID=5&Opt=0")  # fmt: skip
    assert (
        canonical_url("https://h.gov.uk/x.aspx?CId=1&MId=5")
        == "https://h.gov.uk/x.aspx?CId=1&MId=5"
    )


def test_document_links_drop_fragments_on_a_real_page(shared_dir: Path) -> None:
    from parsel import Selector

    body = real(shared_dir, "lgsf", "decisions__modgov_decision_detail.html").decode("utf-8")
    url = f"{BASE}/ieDecisionDetails.aspx?ID=1"
    found = document_links(Selector(body), url)
    assert found and all("#" not in d["url"] for d in found)


def test_meeting_list_ignores_agenda_item_anchors_and_duplicates(mg: ModernGovSpider) -> None:
    links = "".join(
        f'<li><a href="{href}">{text}</a></li>'
        for href, text in (
            ("ieListDocuments.aspx?CId=1&amp;MId=5&amp;Ver=4", "10 Feb 2026 7.00 pm"),
            ("ieListDocuments.aspx?CId=1&amp;MId=5&amp;Ver=4#AI77", "10 Feb 2026 item 5"),
            ("ieListDocuments.aspx?CId=1&amp;MId=5&amp;Ver=4", "10 Feb 2026 (again)"),
            ("ieListDocuments.aspx?CId=1&amp;MId=6&amp;Ver=4", "3 Mar 2026 7.00 pm"),
        )
    )
    body = mg_page("Cabinet", f'<ul class="mgBulletList">{links}</ul>')
    requests = list(
        mg.parse_meeting_list(page(mg, f"{BASE}/ieListMeetings.aspx?CId=1&Year=2026", body))
    )
    assert [r.url for r in requests] == [
        f"{BASE}/ieListDocuments.aspx?CId=1&MId=5&Ver=4",
        f"{BASE}/ieListDocuments.aspx?CId=1&MId=6&Ver=4",
    ]
