"""The scorecard pages in a real Chromium and the good-practice feed through feedparser,
both against the app served by uvicorn on 127.0.0.1 over the real recorded notices (read
from ../shared at run time): Milton Keynes's published leisure contract, Westminster's
contracts without a copy, Blackpool's 20% social-value weight.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
import uvicorn
from conftest import free_port
from playwright.sync_api import Browser, Page, expect, sync_playwright
from test_scorecard import PAGES, RECORDED_AS_OF

from crawlers.ingest import ingest_files
from monitor.assess import monitor
from monitor.principles.scorecard import recompute
from oursay.web import create_app

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
# The heading link that sorts by principle 9 (its name carries the principle's title).
SORT_9 = '#national thead a[href*="sort=9&"]'
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def site(sqlite_database: str, shared_dir: Path) -> Iterator[str]:
    folder = shared_dir / "fixtures/real/procurement"
    assert ingest_files([folder / name for name in PAGES], out=io.StringIO()) == 0
    assert not monitor(database_url=sqlite_database).errors
    recompute(sqlite_database, as_of=RECORDED_AS_OF)
    app = create_app(sqlite_database, marker_ttl=0, secret="scorecard-test-" + "k" * 32)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def page(chromium_path: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        assert answer.status == 200
        return answer.read()


def row_cells(page: Page, code: str) -> list[str]:
    return page.locator(f"#row-{code} td").all_inner_texts()


@pytest.mark.browser
def test_national_table_and_council_pages(page: Page, site: str) -> None:
    page.goto(site + "/scorecard?evidence=only")
    expect(page.get_by_role("heading", level=1)).to_contain_text("every council")
    # Cells: nation, type, principles 1-9, motion.
    assert row_cells(page, "mik")[2] == "Practised"
    assert row_cells(page, "wsm")[2] == "Not practised"
    assert row_cells(page, "bpl")[2] == "No evidence"  # not the same as not practised
    assert row_cells(page, "bpl")[10] == "Practised"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "scorecard.png"), full_page=True)

    # Filter without JavaScript: the form is a plain GET.
    page.get_by_label("Principle", exact=True).select_option("1")
    page.get_by_label("Status on that principle").select_option(label="Not practised")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/scorecard\?.*principle=1&status=not\+practised"))
    names = page.locator("#national tbody th").all_inner_texts()
    assert "Westminster" in names and "Milton Keynes" not in names

    # Sorting by principle 9 puts practised first; a second click reverses it.
    page.goto(site + "/scorecard?evidence=only")
    page.locator(SORT_9).click()
    first = page.locator("#national tbody tr").first.locator("td").nth(10)
    expect(first).to_have_text("Practised")
    page.locator(SORT_9).click()
    expect(page.locator("#national tbody tr").first.locator("td").nth(10)).not_to_have_text(
        "Practised"
    )

    # The council page: Milton Keynes's leisure contract, linked to the signed copy.
    page.goto(site + "/scorecard?evidence=only")
    page.get_by_role("link", name="Milton Keynes", exact=True).click()
    expect(page).to_have_url(site + "/councils/mik/scorecard")
    p1 = page.locator("#principle-1")
    expect(p1.locator(".status")).to_have_text("Practised")
    copy = p1.get_by_role("link", name="Management of Leisure Facilities")
    expect(copy).to_have_attribute(
        "href", "https://www.find-tender.service.gov.uk/Notice/Attachment/A-20674"
    )
    expect(page.locator("#principle-3 .status")).to_have_text("No evidence")
    page.screenshot(path=str(SCREENSHOTS / "scorecard-council.png"), full_page=True)

    page.goto(site + "/councils/wsm/scorecard")
    expect(page.locator("#principle-1 .status")).to_have_text("Not practised")
    expect(page.locator("#principle-1 li.bad")).to_have_count(4)
    expect(page.locator("#principle-1")).to_contain_text("Housing First")
    expect(page.locator("#history-heading")).to_be_visible()
    expect(page.locator("section", has=page.locator("#history-heading"))).to_contain_text(
        "Not practised"
    )

    page.goto(site + "/councils/bpl/scorecard")
    expect(page.locator("#principle-9 .status")).to_have_text("Practised")
    expect(page.locator("#principle-9")).to_contain_text("'Social Value' 20%")


def test_csv_download_is_the_national_table(site: str) -> None:
    rows = list(csv.DictReader(io.StringIO(fetch(site + "/scorecard.csv").decode("utf-8"))))
    by_code = {row["code"]: row for row in rows}
    assert len(rows) > 300  # every council in the register
    assert by_code["MIK"]["p1"] == "practised"
    assert by_code["WSM"]["p1"] == "not practised"
    assert by_code["BPL"]["p1"] == "no evidence"
    assert by_code["BPL"]["p9"] == "practised"
    assert "20%" not in by_code["BPL"]["p9_reason"] and "10%" in by_code["BPL"]["p9_reason"]
    england = fetch(site + "/scorecard.csv?nation=Wales").decode("utf-8")
    assert "MIK" not in england and "VGL" in england


def test_good_practice_feed_through_feedparser(site: str, sqlite_database: str) -> None:
    mik = feedparser.parse(fetch(site + "/feeds/practice/mik.rss"))
    assert mik.version == "rss20" and not mik.bozo
    titles = [entry.title for entry in mik.entries]
    assert "Milton Keynes: Principle 1, Public service contracts publicly available" in titles
    leisure = next(e for e in mik.entries if "Principle 1," in e.title)
    assert "Management of Leisure Facilities" in leisure.description
    assert leisure.link == "https://www.find-tender.service.gov.uk/Notice/Attachment/A-20674"

    bpl = feedparser.parse(fetch(site + "/feeds/practice/bpl.atom"))
    assert bpl.version == "atom10" and not bpl.bozo
    [social] = bpl.entries
    assert "'Social Value' 20%" in social.content[0].value

    # Westminster has nothing to celebrate on principle 1: its feed has no such item.
    wsm = feedparser.parse(fetch(site + "/feeds/practice/wsm.rss"))
    assert not any("Principle 1," in e.title for e in wsm.entries)

    # GUIDs are stable when the scorecard is computed again.
    before = [e.id for e in mik.entries]
    recompute(sqlite_database, as_of=RECORDED_AS_OF)
    again = feedparser.parse(fetch(site + "/feeds/practice/mik.rss"))
    assert [e.id for e in again.entries] == before and len(set(before)) == len(before)
    assert urllib.request.urlopen(site + "/scorecard").status == 200
