"""ModernGov callbacks on real recorded pages (../shared/fixtures/real/councils/pages)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawlers.items import RecordItem
from crawlers.spiders.base import LONDON
from crawlers.spiders.council_base import looks_like_challenge, uk_date, uk_dates
from crawlers.spiders.moderngov import ModernGovSpider, decode_twice


def pages(shared_dir: Path) -> Path:
    path = shared_dir / "fixtures" / "real" / "councils" / "pages"
    if not path.is_dir():
        pytest.skip(f"no recorded pages at {path}")
    return path


def make_spider(base_url: str, **kwargs: Any) -> ModernGovSpider:
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    crawler = Crawler(ModernGovSpider, settings)
    spider = crawler._create_spider(base_url=base_url, **kwargs)
    assert isinstance(spider, ModernGovSpider)
    crawler.spider = spider
    crawler.stats = MemoryStatsCollector(crawler)
    site = next(iter(spider.sites.values()))
    site.since = datetime(2025, 1, 1, tzinfo=LONDON)
    site.until = datetime(2026, 12, 31, tzinfo=LONDON)
    site.explicit_until = True
    return spider


@pytest.fixture
def kirklees(sqlite_database: str) -> ModernGovSpider:
    return make_spider("https://democracy.kirklees.gov.uk")


def html(path: Path, url: str, spider: ModernGovSpider, **meta: Any) -> HtmlResponse:
    request = Request(url, meta={"site": next(iter(spider.sites)), **meta})
    return HtmlResponse(url, body=path.read_bytes(), encoding="utf-8", request=request)


def xml(path: Path, url: str, spider: ModernGovSpider, **meta: Any) -> XmlResponse:
    request = Request(url, meta={"site": next(iter(spider.sites)), **meta})
    return XmlResponse(url, body=path.read_bytes(), request=request)


def split(output: Any) -> tuple[list[RecordItem], list[Request]]:
    items = list(output)
    return (
        [i for i in items if isinstance(i, RecordItem)],
        [i for i in items if isinstance(i, Request)],
    )


def test_decisions_register(shared_dir: Path, kirklees: ModernGovSpider) -> None:
    response = html(
        pages(shared_dir) / "lgsf" / "decisions__modgov_decisions_list.html",
        "https://democracy.kirklees.gov.uk/mgDelegatedDecisions.aspx?DS=2",
        kirklees,
        listing="published",
    )
    _, requests = split(kirklees.parse_decision_list(response))
    decisions = [r for r in requests if "ieDecisionDetails" in r.url]
    assert [r.url for r in decisions] == [
        "https://democracy.kirklees.gov.uk/ieDecisionDetails.aspx?ID=13567",
        "https://democracy.kirklees.gov.uk/ieDecisionDetails.aspx?ID=13149",
    ]
    first = decisions[0].meta["listing_row"]
    assert first["title"] == (
        "Settlement Agreement with Network Rail Infrastructure Limited (NRIL) in respect of land "
        "adjacent to the George Hotel, Railway Street, Huddersfield"
    )
    assert (first["date"], first["effective"], first["call_in"]) == (
        "01/04/2025",
        "01/04/2025",
        "Not for call-in",
    )
    # The row that links to an issue history is followed as an issue, at one URL per issue.
    issues = [r for r in requests if "mgIssueHistoryHome" in r.url]
    assert [r.url for r in issues] == [
        "https://democracy.kirklees.gov.uk/mgIssueHistoryHome.aspx?IId=6535&Opt=0"
    ]
    assert all(r.meta["council_code"] is None for r in requests)


def test_officer_decisions_register(shared_dir: Path, kirklees: ModernGovSpider) -> None:
    response = html(
        pages(shared_dir) / "lgsf" / "decisions__modgov_officer_decisions_list.html",
        "https://democracy.kirklees.gov.uk/mgListOfficerDecisions.aspx",
        kirklees,
    )
    _, requests = split(kirklees.parse_decision_list(response))
    assert [r.meta["listing_row"]["title"] for r in requests] == ["Admission of the Public"]


def test_decision_details_with_document(shared_dir: Path, kirklees: ModernGovSpider) -> None:
    response = html(
        pages(shared_dir) / "lgsf" / "decisions__modgov_decision_detail.html",
        "https://democracy.kirklees.gov.uk/ieDecisionDetails.aspx?ID=7942",
        kirklees,
    )
    records, requests = split(kirklees.parse_decision(response))
    (record,) = records
    assert record.kind == "decision"
    assert record.source_key == "democracy.kirklees.gov.uk/decision/7942"
    assert record.title == "Minutes of Previous Meeting"
    assert record.status == "Recommendations Approved"
    assert record.is_key_decision is False
    assert record.decision_maker is None
    assert record.published_at == datetime(2015, 10, 22, tzinfo=LONDON)
    assert record.data["decision_date"] == "2015-10-19"
    assert record.data["subject_to_call_in"] is False
    assert record.data["issue_id"] == "6535"
    assert record.data["meeting"]["id"] == "4832"
    assert record.data["meeting"]["committee_id"] == "151"
    assert record.data["meeting"]["title"] == "19/10/2015 - Policy Committee"
    assert (
        "Decision: The Minutes of the Policy Committee meeting on 23 September 2015 were "
        "approved as a correct record." in record.description
    )
    assert "Is Key decision?: No" in record.description.splitlines()
    url = "https://democracy.kirklees.gov.uk/documents/s7942/polc2%20-%2023.09.2015.pdf"
    assert record.documents == [{"url": url, "title": "polc2 - 23.09.2015"}]
    assert record.data["documents"][0]["size"] == "PDF 119 KB"
    # Then: the document download, and the issue history (for "Consultation process").
    assert [r.url for r in requests] == [
        url,
        "https://democracy.kirklees.gov.uk/mgIssueHistoryHome.aspx?IId=6535&Opt=0",
    ]
    assert requests[0].meta["document_fetch"] == url


def test_decision_details_without_documents(shared_dir: Path, kirklees: ModernGovSpider) -> None:
    response = html(
        pages(shared_dir) / "lgsf" / "decisions__modgov_decision_detail_no_documents.html",
        "https://democracy.kirklees.gov.uk/ieDecisionDetails.aspx?ID=20001",
        kirklees,
    )
    records, requests = split(kirklees.parse_decision(response))
    (record,) = records
    assert record.title == (
        "To enable the Council's waste treatment contractor to consult on alternative "
        "processing arrangements"
    )
    assert record.decision_maker == "Strategic Director for Environment"
    assert record.is_key_decision is True
    assert record.data["fields"]["Purpose"] == (
        "To seek approval for alternative processing arrangements."
    )
    assert record.data["fields"]["Decision"] == (
        "That approval be given to enable the contractor to consult on alternative processing "
        "arrangements, subject to employee consultation outcomes."
    )
    assert record.published_at == datetime(2026, 8, 5, tzinfo=LONDON)
    assert record.documents == [] and requests == []


def test_decision_with_several_paragraphs(shared_dir: Path, kirklees: ModernGovSpider) -> None:
    response = html(
        pages(shared_dir) / "lgsf" / "decisions__modgov_decision_multi_paragraph.html",
        "https://democracy.kirklees.gov.uk/ieDecisionDetails.aspx?ID=20002",
        kirklees,
    )
    (record,), _ = split(kirklees.parse_decision(response))
    assert record.title == "Appointment of contractor to demolish Holme Park Court"
    assert record.decision_maker == "Service Director - Homes & Neighbourhoods"
    assert record.data["fields"]["Decision"] == (
        "The demolition of the existing tower blocks has been approved to support the "
        "regeneration of Berry Brow.\nThis decision was authorised by the Cabinet at its "
        "meeting on Tuesday, 27 July 2021."
    )
    assert record.data["decision_date"] == "2021-07-27"
    assert record.published_at == datetime(2025, 12, 10, tzinfo=LONDON)


def test_get_committees_skips_deleted_and_expired(shared_dir: Path, sqlite_database: str) -> None:
    spider = make_spider("https://democracy.manchester.gov.uk")
    response = xml(
        pages(shared_dir) / "lgsf" / "minutes__committees.xml",
        "https://democracy.manchester.gov.uk/mgWebService.asmx/GetCommittees",
        spider,
    )
    requests = list(spider.parse_committees(response))
    assert [r.url for r in requests] == [
        "https://democracy.manchester.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=163"
        "&sFromDate=01/01/2025&sToDate=31/12/2026",
        "https://democracy.manchester.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=144"
        "&sFromDate=01/01/2025&sToDate=31/12/2026",
    ]
    assert requests[1].meta["committee_title"] == "Audit Committee"

    gloucester = make_spider("https://democracy.gloucester.gov.uk", include_expired="1")
    response = xml(
        pages(shared_dir) / "moderngov_ws" / "gloucester_mgws_GetCommittees.xml",
        "https://democracy.gloucester.gov.uk/mgWebService.asmx/GetCommittees",
        gloucester,
    )
    titles = [r.meta["committee_title"] for r in gloucester.parse_committees(response)]
    assert len(titles) == 131  # nothing deleted; expired ones asked for on request
    assert "Cemeteries & Crematoria Task & Finish Group" in titles


def test_web_service_off_falls_back_to_html(kirklees: ModernGovSpider) -> None:
    url = "https://democracy.kirklees.gov.uk/mgWebService.asmx/GetCommittees"
    request = Request(url, meta={"site": next(iter(kirklees.sites))})
    response = HtmlResponse(
        url, status=500, body=b"Web Service method name is not valid.", request=request
    )
    (fallback,) = list(kirklees.parse_committees(response))
    assert fallback.url == "https://democracy.kirklees.gov.uk/mgListCommittees.aspx?bcr=1"


def test_get_meetings_in_window(shared_dir: Path, sqlite_database: str) -> None:
    spider = make_spider("https://democracy.gloucester.gov.uk")
    site = next(iter(spider.sites.values()))
    site.since = datetime(2025, 10, 1, tzinfo=LONDON)
    response = xml(
        pages(shared_dir) / "moderngov_ws" / "gloucester_mgws_GetMeetings.xml",
        "https://democracy.gloucester.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=129",
        spider,
        committee_title="Cabinet",
    )
    requests = list(spider.parse_meetings(response))
    ids = [r.url.rsplit("=", 1)[1] for r in requests]
    assert "7837" in ids and "7217" not in ids  # 21/11/2025 in; 10/01/2024 out
    assert all(r.meta["committee_id"] == "129" for r in requests)


def test_get_meeting_agenda_items(shared_dir: Path, sqlite_database: str) -> None:
    spider = make_spider("https://democracy.gloucester.gov.uk")
    response = xml(
        pages(shared_dir) / "moderngov_ws" / "gloucester_mgws_GetMeeting_7837.xml",
        "https://democracy.gloucester.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=7837",
        spider,
        committee_title="Cabinet",
        committee_id="129",
    )
    records, requests = split(spider.parse_meeting(response))
    items = [r for r in records if r.kind == "agenda_item"]
    (meeting,) = [r for r in records if r.kind == "meeting"]
    assert [i.title for i in items] == [
        "Declarations of Interest",
        "Public Question Time (15 minutes)",
        "Petitions and Deputations (15 minutes)",
        # Double-encoded on the wire ("&amp;#39;"): decoded twice.
        "Leader and Cabinet Members' Question Time (15 minutes)",
        "Final Proposals for Local Government Reorganisation in Gloucestershire",
    ]
    final = items[-1]
    assert (
        final.source_key
        == "democracy.gloucester.gov.uk/agenda_item/" + final.data["agenda_item_id"]
    )
    assert len(final.documents) == 6
    assert final.documents[0] == {
        "url": "https://democracy.gloucester.gov.uk/mgConvert2PDF.aspx?ID=65412",
        "title": "Final proposals for Local Government Reorganisation in Gloucestershire",
    }
    assert final.data["documents"][0]["published"]
    questions = items[1]
    assert "Agenda text: The opportunity is given to members of the public" in (
        questions.description
    )
    assert "Minutes: In respect of question 1 the member of the public asked" in (
        questions.description
    )
    assert questions.published_at == datetime(2025, 11, 21, tzinfo=LONDON)
    assert meeting.title == "Cabinet - 21 November 2025"
    assert meeting.status == "Confirmed; Special Meeting"
    assert meeting.data["location"] == (
        "Civic Suite, North Warehouse, The Docks, Gloucester, GL1 2EP"
    )
    assert [i["title"] for i in meeting.data["agenda_items"]] == [i.title for i in items]
    # Every linked paper of the meeting is downloaded (the host matches, case aside).
    assert len(requests) == 7


def test_get_meeting_minutes_and_cancelled(shared_dir: Path, sqlite_database: str) -> None:
    spider = make_spider("https://democracy.manchester.gov.uk")
    response = xml(
        pages(shared_dir) / "lgsf" / "minutes__meeting_with_minutes.xml",
        "https://democracy.manchester.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=4967",
        spider,
        committee_title="Audit Committee",
        committee_id="144",
    )
    records, requests = split(spider.parse_meeting(response))
    minutes = records[0]
    assert minutes.title == "Minutes"
    assert minutes.description.splitlines() == [
        "Meeting: Audit Committee, 10/02/2026",
        "Item: 1.",
        "Agenda text: To approve as a correct record the minutes of the meeting held on "
        "25 November 2025.",
        "Minutes: To approve the minutes of the meeting held on 25 November 2025 as a correct "
        "record.",
    ]
    assert minutes.documents[0]["title"] == "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025"
    assert len(requests) == 2

    cancelled = xml(
        pages(shared_dir)
        / "moderngov_ws"
        / "lgsf_mgws_GetMeeting_cancelled_no_minutes_manchester.xml",
        "https://democracy.manchester.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=4966",
        spider,
        committee_title="Audit Committee",
        committee_id="144",
    )
    records, requests = split(spider.parse_meeting(cancelled))
    (meeting,) = records
    assert (meeting.kind, meeting.status, meeting.data["agenda_items"]) == (
        "meeting",
        "Cancelled",
        [],
    )
    assert meeting.url == (
        "https://democracy.manchester.gov.uk/ieListDocuments.aspx?CId=144&MId=4966&Ver=4"
    )


def test_real_pages_are_not_taken_for_challenges(shared_dir: Path) -> None:
    for path in sorted(pages(shared_dir).glob("*/*.html")):
        response = HtmlResponse(
            "https://example.gov.uk/x",
            body=path.read_bytes(),
            headers={"Content-Type": "text/html"},
        )
        assert not looks_like_challenge(response), path.name
    challenge = HtmlResponse(
        "https://example.gov.uk/x",
        status=403,
        headers={"Content-Type": "text/html"},
        body=b"<html><head><title>Just a moment...</title></head><body>"
        b"<script src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1'></script>",
    )
    assert looks_like_challenge(challenge)


def test_search_results_dates_and_titles(shared_dir: Path) -> None:
    text = (
        pages(shared_dir) / "sectortrace" / "moderngov_search_kent_substance_misuse.html"
    ).read_text()
    response = HtmlResponse(
        "https://democracy.kent.gov.uk/ieSearchResults2.aspx", body=text.encode()
    )
    meetings = response.xpath("//a[contains(@href, 'ieListDocuments.aspx')]/text()").getall()
    assert uk_date(meetings[0]) == date(2020, 9, 9)
    titles = [decode_twice(t) for t in response.xpath("//a[@class='mgAiTitleLnk']/@title").getall()]
    assert (
        "Link to issue 16/00144 - Young People’s Substance Misuse Services – Contract Extension"
        in (titles)
    )


def test_uk_dates() -> None:
    assert uk_dates("Forward Plan: 1 April 2026 to 31 July 2026") == [
        date(2026, 4, 1),
        date(2026, 7, 31),
    ]
    assert uk_date("Tuesday, 10th February, 2026 10.00 am") == date(2026, 2, 10)
    assert uk_date("10&#47;02&#47;2026".replace("&#47;", "/")) == date(2026, 2, 10)
    assert uk_date("9 Jun 2026 by Cabinet") == date(2026, 6, 9)
    assert uk_date("31/02/2026") is None


def test_firewall_script_on_an_ordinary_page_is_not_a_challenge() -> None:
    page = (
        b"<html><head><title>Decision details</title></head><body>Decision text"
        b"<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script></body></html>"
    )
    ordinary = HtmlResponse(
        "https://example.gov.uk/x", headers={"Content-Type": "text/html"}, body=page
    )
    assert not looks_like_challenge(ordinary)
    blocked = HtmlResponse(
        "https://example.gov.uk/x", status=403, headers={"Content-Type": "text/html"}, body=page
    )
    assert looks_like_challenge(blocked)


def test_without_a_council_every_moderngov_council_is_crawled(
    sqlite_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.councils import load_registry

    sample = Path(__file__).resolve().parents[1] / "crawlers" / "sim" / "data"
    monkeypatch.setenv("OURSAY_EXTRA_COUNCILS", str(sample / "sample_councils.csv"))
    registry = load_registry()
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    crawler = Crawler(ModernGovSpider, settings)
    spider = crawler._create_spider()
    assert isinstance(spider, ModernGovSpider)
    today = datetime.now(LONDON).date()
    expected = {
        c.code
        for c in registry
        if c.platform == "moderngov" and c.base_url and c.in_force(today)
    }
    assert set(spider.sites) == expected
    assert "EXA" in spider.sites and "SMP" not in spider.sites  # SMP runs CMIS
    kent = spider.sites.get("KEN")
    if kent is not None:
        assert kent.public_base_url == kent.base_url
        assert "democracy.kent.gov.uk" in spider.allowed_domains
    # Certificates are checked by default; only the hosts of councils registered with
    # verify_tls=false are listed for the lenient policy (crawlers.tls).
    assert crawler.settings.getbool("DOWNLOAD_VERIFY_CERTIFICATES") is True
    lenient = {
        f"{urlsplit(c.base_url).hostname}:{urlsplit(c.base_url).port or 443}"
        for c in registry
        if c.code in expected and not c.verify_tls and c.base_url.startswith("https:")
    }
    assert set(crawler.settings.getlist("OURSAY_TLS_UNVERIFIED_HOSTS")) == lenient
