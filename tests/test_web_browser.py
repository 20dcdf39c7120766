"""End to end in the real Chromium (Playwright) against the app served by uvicorn on
127.0.0.1: a supporter finds their council and its feed, a staff member dismisses an item
and it leaves the feed, a journalist searches and downloads CSV.

Screenshots of the main pages go to ``test-artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from conftest import free_port
from playwright.sync_api import Browser, Page, expect, sync_playwright
from test_feeds import sample_database

from oursay.web import create_app
from oursay.web.auth import create_staff_user

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"
LEISURE = "Sample leisure centres to be run by an external operator"


@pytest.fixture
def site(sqlite_database: str) -> Iterator[tuple[str, dict[str, int]]]:
    """The app on a temporary SQLite database, served by uvicorn in a thread."""
    ids = sample_database(sqlite_database)
    create_staff_user("staff", PASSWORD, database_url=sqlite_database)
    app = create_app(sqlite_database, marker_ttl=0, secret="browser-test-" + "k" * 32)
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
        yield f"http://127.0.0.1:{port}", ids
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def feed_text(page: Page, url: str) -> str:
    answer: Any = page.request.get(url)
    assert answer.status == 200
    return answer.text()


def test_supporter_finds_council_and_fetches_its_feed(
    page: Page, site: tuple[str, dict[str, int]]
) -> None:
    base, _ = site
    page.goto(base + "/")
    # The first Tab lands on the skip link, which leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    expect(page.get_by_role("heading", level=1)).to_have_text("Find your council")
    shot(page, "home", full_page=False)  # the council list below runs to 384 names

    page.get_by_label("Your council").select_option(label="Exampleshire Sample Council")
    page.get_by_role("button", name="Show council").click()
    expect(page).to_have_url(base + "/councils/exs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exampleshire Sample Council")
    expect(page.get_by_role("heading", name="Flagged decisions (3)")).to_be_visible()
    shot(page, "council")

    # Feed readers discover the feed from the page head.
    href = page.locator('head link[rel="alternate"][type="application/rss+xml"]').get_attribute(
        "href"
    )
    assert href == "/feeds/exs.rss"
    rss = feed_text(page, base + href)
    assert "<title>Exampleshire Sample Council: " + LEISURE + "</title>" in rss
    # The visible link is the same address.
    assert page.get_by_role("link", name=f"{base}/feeds/exs.rss").count() == 1

    page.get_by_role("link", name=LEISURE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LEISURE)
    expect(page.get_by_text("No evidence of a public consultation")).to_be_visible()
    expect(page.get_by_role("link", name="Sample cabinet report, page 4")).to_have_attribute(
        "href", "https://www.example.org/docs/out.pdf#page=4"
    )
    shot(page, "item")


def test_staff_member_dismisses_an_item_and_the_feed_drops_it(
    page: Page, site: tuple[str, dict[str, int]]
) -> None:
    base, ids = site
    guid = "tag:oursay,2025:find-a-tender/ocds-sample-out/out-1"
    assert guid in feed_text(page, base + "/feeds/exs.rss")

    page.goto(base + "/staff/queue")
    expect(page).to_have_url(base + "/login?next=/staff/queue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff login")
    shot(page, "login")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base + "/staff/queue")
    expect(page.get_by_role("heading", name="Waiting for review (4)")).to_be_visible()
    shot(page, "queue")

    page.get_by_role("link", name=LEISURE, exact=True).click()
    expect(page).to_have_url(f"{base}/items/{ids['outsourcing']}")
    page.get_by_label("Dismiss (not a problem)").check()
    page.get_by_label("Reason").fill("Sample reason: the consultation is in appendix B")
    page.get_by_label("Note for colleagues").fill("Sample note")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator("p.status").first).to_contain_text("Dismissed by campaign staff")
    history = page.locator("table.history tbody tr")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("staff")
    expect(history.first).to_contain_text("Sample reason: the consultation is in appendix B")
    shot(page, "item-reviewed")

    assert guid not in feed_text(page, base + "/feeds/exs.rss")
    assert guid not in feed_text(page, base + "/feeds/all.rss")
    page.goto(base + "/staff/queue")
    expect(page.get_by_role("heading", name="Waiting for review (3)")).to_be_visible()


def test_journalist_searches_and_downloads_csv(
    page: Page, site: tuple[str, dict[str, int]]
) -> None:
    base, ids = site
    page.goto(base + "/search")
    page.get_by_label("Words").fill("sample")
    page.get_by_label("Council").select_option(label="Exampleshire Sample Council")
    page.get_by_label("Flag", exact=True).select_option(label="Flagged")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name="3 records")).to_be_visible()
    rows = page.locator("table.results tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Sample sale of the old depot")
    shot(page, "search")

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("oursay-search-")
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in records] == [ids["asset"], ids["outsourcing"], ids["hostile"]]
    assert {r["council"] for r in records} == {"EXS"}
    assert records[0]["title"] == "Sample sale of the old depot"


def test_flagged_item_reads_on_a_phone_without_sideways_scrolling(
    browser: Browser, site: tuple[str, dict[str, int]]
) -> None:
    """A journalist opens a flagged item on a 390-pixel phone: what, who, why flagged, the
    quoted evidence with its document and page, and nothing wider than the screen."""
    base, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base + "/councils/exs")
        page.get_by_role("link", name=LEISURE, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(LEISURE)
        for heading in ("What is missing", "Evidence"):
            expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
        evidence = page.get_by_role("link", name="Sample cabinet report, page 4")
        evidence.scroll_into_view_if_needed()
        expect(evidence).to_be_in_viewport()
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"
        # No link shows a raw address as its text.
        texts = page.eval_on_selector_all("main a", "links => links.map(a => a.textContent)")
        assert not [t for t in texts if t.strip().startswith(("http://", "https://"))], texts
        shot(page, "item-390")
    finally:
        context.close()
