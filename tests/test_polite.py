"""Politeness from the registry: TLS exceptions and the browser path only where it says so."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawlers.spiders.council_base import ChallengeMiddleware, FirewallChallenge
from crawlers.spiders.moderngov import ModernGovSpider
from storage.councils import EXTRA_ENV, registry_by_code

CHALLENGE = (
    b"<html><head><title>Just a moment...</title></head><body>"
    b"<script src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1'></script>"
)


@pytest.fixture(autouse=True)
def _registry_only(monkeypatch: pytest.MonkeyPatch, sqlite_database: str) -> None:
    monkeypatch.delenv(EXTRA_ENV, raising=False)


def spider_for(codes: str, browser: str = "off") -> Any:
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", browser)
    crawler = Crawler(ModernGovSpider, settings)
    spider = crawler._create_spider(council=codes)
    crawler.spider = spider
    crawler.stats = MemoryStatsCollector(crawler)
    return spider


def test_tls_checks_are_off_only_for_hosts_the_registry_names() -> None:
    spider = spider_for("BDG,KEN")
    assert registry_by_code()["BDG"].verify_tls is False
    assert spider.unverified_hosts() == {"lbbd.moderngov.co.uk:443"}
    assert spider.crawler.settings.getlist("OURSAY_TLS_UNVERIFIED_HOSTS") == [
        "lbbd.moderngov.co.uk:443"
    ]


def _challenged(spider: Any, code: str) -> Any:
    site = next(s for s in spider.sites.values() if s.code == code)
    url = f"{site.base_url}/mgDelegatedDecisions.aspx"
    request = Request(url, meta={"site": site.key, "council_code": code})
    response = HtmlResponse(
        url, status=403, body=CHALLENGE, request=request, headers={"Content-Type": "text/html"}
    )
    return ChallengeMiddleware(spider.crawler).process_response(request, response)


def test_registry_mode_uses_the_browser_only_for_flagged_councils() -> None:
    spider = spider_for("TAW,KEN", browser="registry")
    # Whether Chromium is installed does not matter here: no page is fetched.
    spider.browser_available = True
    with pytest.raises(FirewallChallenge, match="only for councils the registry marks"):
        _challenged(spider, "KEN")
    retried = _challenged(spider, "TAW")  # Tamworth: browser=true (issue 11 override)
    assert isinstance(retried, Request) and retried.meta.get("playwright") is True


def test_a_crawl_of_every_council_leaves_out_those_not_in_force(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "code,name,platform,base_url,end_date,successors\n"
        "ZZO,Old District Council (sample),moderngov,https://old.example.gov.uk,2020-03-31,KEN\n"
        "ZZN,New Council (sample),moderngov,https://new.example.gov.uk,,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(EXTRA_ENV, str(extra))
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("OURSAY_BROWSER", "off")
    crawler = Crawler(ModernGovSpider, settings)
    spider = crawler._create_spider()
    assert "ZZN" in spider.sites and "ZZO" not in spider.sites
