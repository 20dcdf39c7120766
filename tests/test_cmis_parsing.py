"""CMIS callbacks on real recorded pages (../shared/fixtures/real/councils/pages)."""

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

from crawlers.items import RecordItem
from crawlers.spiders.base import LONDON
from crawlers.spiders.cmis import CMISSpider, month_starts

BASE = "https://birmingham.cmis.uk.com/birmingham"
TAB = f"{BASE}/Meetings/tabid/70"


def pages(shared_dir: Path) -> Path:
    path = shared_dir / "fixtures" / "real" / "councils" / "pages"
    if not path.is_dir():
        pytest.skip(f"no recorded pages at {path}")
    return path


@pytest.fixture
def spider(sqlite_database: str) -> CMISSpider:
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    crawler = Crawler(CMISSpider, settings)
    created = crawler._create_spider(base_url=BASE)
    assert isinstance(created, CMISSpider)
    crawler.spider = created
    crawler.stats = MemoryStatsCollector(crawler)
    site = next(iter(created.sites.values()))
    site.since = datetime(2026, 6, 1, tzinfo=LONDON)
    site.until = datetime(2026, 8, 31, tzinfo=LONDON)
    site.explicit_until = True
    site.state.update(tabid="70", mid="397")
    return created


def response(path: Path, url: str, spider: CMISSpider, **meta: Any) -> HtmlResponse:
    request = Request(url, meta={"site": next(iter(spider.sites)), **meta})
    return HtmlResponse(url, body=path.read_bytes(), encoding="utf-8", request=request)


def test_month_view(shared_dir: Path, spider: CMISSpider) -> None:
    page = response(
        pages(shared_dir) / "lgsf" / "minutes__cmis_calendar_month.html",
        f"{TAB}/ctl/MeetingCalendarPublicNoJava/mid/397/Date/2026-06-01/Default.aspx",
        spider,
        month="2026-06-01",
    )
    requests = list(spider.parse_calendar(page))
    assert [(r.meta["calendar_date"], r.meta["calendar_text"]) for r in requests] == [
        ("2026-06-08", "10:00 Licensing Sub-Committee A"),
        ("2026-06-09", "10:00 Licensing Sub-Committee B"),
        ("2026-06-09", "12:00 Licensing Sub-Committee B"),
        ("2026-06-30", "14:00 Planning Committee"),
    ]
    assert requests[0].url == (
        f"{TAB}/ctl/ViewMeetingPublic/mid/397/Meeting/15028/Committee/6/SelectedTab/Documents/"
        "Default.aspx"
    )
    assert requests[0].meta["council_code"] is None


def test_month_view_respects_the_window(shared_dir: Path, spider: CMISSpider) -> None:
    site = next(iter(spider.sites.values()))
    site.since = datetime(2026, 6, 9, tzinfo=LONDON)
    site.until = datetime(2026, 6, 20, tzinfo=LONDON)
    page = response(
        pages(shared_dir) / "lgsf" / "minutes__cmis_calendar_month.html",
        f"{TAB}/ctl/MeetingCalendarPublicNoJava/mid/397/Date/2026-06-01/Default.aspx",
        spider,
        month="2026-06-01",
    )
    assert [r.meta["calendar_date"] for r in spider.parse_calendar(page)] == [
        "2026-06-09",
        "2026-06-09",
    ]


def test_list_view(shared_dir: Path, spider: CMISSpider) -> None:
    page = response(
        pages(shared_dir) / "lgsf" / "minutes__cmis_listview.html",
        f"{TAB}/Default.aspx?ctl=MeetingCalendarListView&mid=397",
        spider,
    )
    requests = list(spider.parse_calendar(page))
    assert [(r.meta["calendar_date"], r.url.split("/Meeting/")[1][:5]) for r in requests] == [
        ("2026-07-09", "15042"),
        ("2026-07-23", "15115"),
    ]


def test_meeting_page(shared_dir: Path, spider: CMISSpider) -> None:
    url = f"{TAB}/ctl/ViewMeetingPublic/mid/397/Meeting/15150/Committee/6/Default.aspx"
    page = response(
        pages(shared_dir) / "lgsf" / "minutes__cmis_meeting_summary.html",
        url,
        spider,
        calendar_text="10:00 Licensing Sub-Committee A",
    )
    output = list(spider.parse_meeting(page))
    record, paper = [o for o in output if isinstance(o, RecordItem)]
    requests = [o for o in output if isinstance(o, Request)]
    assert record.kind == "meeting"
    assert record.source_key == "birmingham.cmis.uk.com/birmingham/meeting/15150"
    assert record.title == "Licensing Sub-Committee A - 3 August 2026"
    assert record.published_at == datetime(2026, 8, 3, tzinfo=LONDON)
    assert record.status == "Scheduled"
    assert record.data["time"] == "10:00"
    assert record.data["fields"]["Venue"] == "On-line meeting"
    assert record.description.splitlines()[:4] == [
        "Committee: Licensing Sub-Committee A",
        "Date/Time: 3 Aug 2026 - 10:00",
        "Status: Scheduled",
        "Venue: On-line meeting",
    ]
    document = f"{BASE}/Document.ashx?czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A"
    assert record.data["documents"] == [
        {"url": document, "title": "Minutes of the previous meeting"}
    ]
    # The paper is an agenda item of the meeting, and only it downloads the document.
    assert record.documents == []
    assert paper.kind == "agenda_item"
    assert paper.title == "Minutes of the previous meeting"
    assert paper.source_key.startswith("birmingham.cmis.uk.com/birmingham/agenda_item/15150-")
    assert paper.documents == [{"url": document, "title": "Minutes of the previous meeting"}]
    assert paper.published_at == record.published_at
    assert [r.url for r in requests] == [document]


def test_search_results_link_document_handler_urls(shared_dir: Path, spider: CMISSpider) -> None:
    # The search page is not crawled (it needs postbacks), but its document links are the
    # same Document.ashx handler URLs the meeting pages carry.
    page = response(
        pages(shared_dir) / "sectortrace" / "cmis_search_harborough_council_page1.html",
        "https://cmis.harborough.gov.uk/cmis5/Search.aspx",
        spider,
    )
    links = page.xpath("//a[contains(@href, 'Document.ashx')]")
    titles = [link.xpath("normalize-space(.)").get() for link in links]
    assert "Environmental Services Contract Procurement Award" in titles


def test_month_starts() -> None:
    assert month_starts(date(2025, 11, 15), date(2026, 2, 1)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
