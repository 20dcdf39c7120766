"""The council crawler and its simulated site, split into modules by concern: the names
other code imports from ``crawlers.spiders.council_base``, ``crawlers.spiders.moderngov`` and
``crawlers.sim.moderngov`` are still there (the very objects of the modules that now define
them), the downloader middlewares still tell council spiders from others, and log lines keep
the logger names they had."""

from __future__ import annotations

import logging
from dataclasses import fields
from importlib import import_module
from typing import Any

import pytest
import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawlers.sim.moderngov import ModernGovSim
from crawlers.spiders.council_base import (
    ChallengeMiddleware,
    MovedHost,
    MovedHostMiddleware,
)
from crawlers.spiders.moderngov import ModernGovSpider
from storage.councils import EXTRA_ENV

# Where each name importable from the old module lives now.
MOVED = {
    "crawlers.spiders.council_base": {
        "crawlers.spiders.council_site": [
            "CHECKPOINT_OVERLAP",
            "DEFAULT_LOOKBACK",
            "FORTHCOMING_HORIZON",
            "MEETING_HORIZON",
            "CouncilSite",
        ],
        "crawlers.spiders.council_browser": [
            "CHALLENGE_CLEARED_JS",
            "DEFAULT_CHROMIUM",
            "FETCH_DOCUMENT_JS",
            "ChallengeMiddleware",
            "FirewallChallenge",
            "MovedHost",
            "MovedHostMiddleware",
            "looks_like_challenge",
        ],
        "crawlers.spiders.council_parsing": [
            "document_links",
            "fields_text",
            "local_midnight",
            "mg_fields",
            "query_arg",
            "text_of",
            "yes_no",
        ],
        "crawlers.dates": ["uk_date", "uk_dates"],
    },
    "crawlers.spiders.moderngov": {"crawlers.spiders.moderngov_meetings": ["decode_twice"]},
    "crawlers.sim.moderngov": {
        "crawlers.sim.files": ["BROKEN_PDF", "make_docx", "make_pdf", "make_scanned_pdf"],
        "crawlers.sim.site": ["CHALLENGE_PAGE", "CLEARANCE_COOKIE", "CLEARANCE_VALUE", "SimSite"],
        "crawlers.sim.moderngov_data": ["DATA", "load_data"],
    },
}


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        (old, new, name)
        for old, homes in MOVED.items()
        for new, names in homes.items()
        for name in names
    ],
)
def test_names_stay_importable_from_where_they_were(old: str, new: str, name: str) -> None:
    module = import_module(old)
    assert name in module.__all__
    assert getattr(module, name) is getattr(import_module(new), name)


def test_the_simulated_site_takes_its_knobs_in_the_same_order() -> None:
    # Positional construction and the dataclass repr depend on the order of the fields.
    assert [f.name for f in fields(ModernGovSim)] == [
        "prefix",
        "mode",
        "scheme",
        "slow_delay",
        "revision",
        "disallow",
        "web_service",
        "huge_bytes",
        "data_file",
    ]


def test_the_spider_answers_every_callback_it_names() -> None:
    for name in (
        "parse_site_root",
        "parse_decision_list",
        "parse_decision",
        "parse_issue",
        "parse_plans_home",
        "parse_plans",
        "parse_plan_items",
        "parse_consultation_list",
        "parse_consultation",
        "parse_committees",
        "parse_meetings",
        "parse_meeting",
        "parse_committee_list",
        "parse_meeting_list",
        "parse_meeting_page",
        "page_errback",
        "document_errback",
        "previous_record",
        "via_browser",
    ):
        assert callable(getattr(ModernGovSpider, name)), name


def _crawler(spider_class: type[scrapy.Spider], **kwargs: Any) -> Crawler:
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    crawler = Crawler(spider_class, settings)
    crawler.spider = crawler._create_spider(**kwargs)
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


class _OtherSpider(scrapy.Spider):
    name = "other"


def _redirect(url: str, target: str, site: str = "") -> tuple[Request, Response]:
    request = Request(url, meta={"site": site})
    response = HtmlResponse(url, status=302, headers={"Location": target}, request=request)
    return request, response


def test_the_middlewares_leave_other_spiders_alone() -> None:
    crawler = _crawler(_OtherSpider)
    request, redirect = _redirect("https://a.example/x", "https://b.example/y")
    assert MovedHostMiddleware(crawler).process_response(request, redirect) is redirect
    challenge = HtmlResponse(
        "https://a.example/x",
        status=503,
        body=b"<html><head><title>Just a moment...</title></head></html>",
        headers={"Content-Type": "text/html", "cf-mitigated": "challenge"},
        request=request,
    )
    assert ChallengeMiddleware(crawler).process_response(request, challenge) is challenge


@pytest.fixture
def council_crawler(monkeypatch: pytest.MonkeyPatch, sqlite_database: str) -> Crawler:
    monkeypatch.delenv(EXTRA_ENV, raising=False)
    return _crawler(ModernGovSpider, council="KEN")


def test_the_middlewares_still_see_council_spiders(council_crawler: Crawler) -> None:
    site = next(iter(council_crawler.spider.sites.values()))
    request, redirect = _redirect(f"{site.base_url}/x", "https://elsewhere.example/y", site.key)
    with pytest.raises(MovedHost, match=r"elsewhere\.example"):
        MovedHostMiddleware(council_crawler).process_response(request, redirect)


def test_log_lines_keep_their_logger_names(
    council_crawler: Crawler, caplog: pytest.LogCaptureFixture
) -> None:
    spider = council_crawler.spider
    site = next(iter(spider.sites.values()))
    url = site.url("mgWebService.asmx/GetCommittees")
    response = HtmlResponse(url, status=404, request=Request(url, meta={"site": site.key}))
    with caplog.at_level(logging.INFO):
        follow = list(spider.parse_committees(response))
    assert [r.url for r in follow] == [site.url("mgListCommittees.aspx?bcr=1")]
    assert [r.name for r in caplog.records if "web service unavailable" in r.getMessage()] == [
        "crawlers.spiders.moderngov"
    ]
    for module in ("council_browser", "council_state"):
        logger = import_module(f"crawlers.spiders.{module}").logger
        assert logger.name == "crawlers.spiders.council_base"
