"""A feed opened in the real Chromium (Playwright) from the app served by uvicorn: the XSLT
stylesheet turns it into a page that says what the feed is, how to follow it (the address,
the e-mail button) and lists the items, with scraped text still escaped.

Screenshots go to ``test-artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from conftest import free_port
from playwright.sync_api import Browser, Page, expect, sync_playwright
from test_feeds import HOSTILE_TITLE, sample_database

from oursay.web import create_app

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


@pytest.fixture
def base(sqlite_database: str) -> Iterator[str]:
    sample_database(sqlite_database)
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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One Chromium for the module: launching it is most of these tests' time."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_rss_feed_in_the_browser_explains_itself(page: Page, base: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    answer = page.goto(base + "/feeds/exs.rss")
    # Browsers get the feed as XML (they show application/rss+xml as plain text).
    assert answer is not None
    assert answer.headers["content-type"] == "application/xml; charset=utf-8"
    expect(page.locator("#feed-title")).to_have_text(
        "oursay: Exampleshire Sample Council, outsourcing and asset sales without consultation"
    )
    expect(page.locator("#what-is-this")).to_contain_text("This is a news feed.")
    expect(page.locator("#feed-url")).to_have_text(base + "/feeds/exs.rss")
    items = page.locator("article.item h3")
    expect(items).to_have_count(3)
    expect(items.first).to_have_text("Exampleshire Sample Council: Sample sale of the old depot")
    # The hostile title is text on the page, not markup; no script ran.
    # (in the item's heading and in its "What was decided").
    expect(page.get_by_text("<script>alert('x')</script>", exact=False)).to_have_count(2)
    expect(page.locator("script, img")).to_have_count(0)
    assert "<script>" in HOSTILE_TITLE and dialogs == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "feed-rss-xslt.png"), full_page=True)

    # The e-mail button leads to the subscribe form for this feed.
    page.get_by_role("button", name="Get these by e-mail").click()
    expect(page).to_have_url(
        base
        + "/alerts/subscribe?feed="
        + "http%3A%2F%2F127.0.0.1%3A"
        + base.rsplit(":", 1)[1]
        + "%2Ffeeds%2Fexs.rss"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail alerts")
    expect(page.get_by_label("Your e-mail address")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "subscribe-form.png"), full_page=True)


def test_atom_topic_feed_in_the_browser(page: Page, base: str) -> None:
    page.goto(base + "/feeds/topics/leisure.atom")
    expect(page.locator("#feed-title")).to_have_text(
        "oursay: leisure centres, swimming pools and sport, all councils"
    )
    expect(page.locator("article.item h3")).to_have_text(
        ["Exampleshire Sample Council: Sample leisure centres to be run by an external operator"]
    )
    page.screenshot(path=str(SCREENSHOTS / "feed-atom-topic-xslt.png"), full_page=True)


@pytest.mark.parametrize("path", ["/councils/exs", "/topics"])
def test_subscribe_form_and_topics_fit_a_phone(browser: Browser, base: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base + path)
        if path == "/topics":
            expect(page.locator('a[href="/feeds/topics/libraries.rss"]')).to_be_visible()
        else:
            expect(page.get_by_label("Your e-mail address")).to_be_visible()
            expect(page.get_by_role("button", name="Get e-mail alerts")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        name = "topics-390" if path == "/topics" else "council-subscribe-390"
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
