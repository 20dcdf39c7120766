"""Feeds a supporter chooses: regions and nations, topics (CPV ranges and words from
feeds/data/topics.toml), saved searches; each with stable GUIDs, ETag/304, rel=self and the
stylesheet that explains a feed opened in a browser. The browser itself: test_alerts_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import feedparser
import pytest
from conftest import _create_postgres_database, _drop_postgres_database
from lxml import etree
from sqlalchemy import update
from sqlalchemy.orm import Session
from test_feeds import T0, add_record, sample_database, title_guid
from test_web import TestClient

from feeds.choices import feed_key
from feeds.topics import load_topics
from oursay.web import create_app
from storage.db import get_engine
from storage.migrate import upgrade
from storage.models import Council, Record

XSL = b'<?xml-stylesheet type="text/xsl" href="http://testserver/feeds/feed.xsl"?>'


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """One sample database per backend for the module: every test here only reads."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('choices') / 'oursay.db'}", None
    else:
        admin_url = request.getfixturevalue("postgres_admin_url")
        name, url = _create_postgres_database(admin_url)
        drop = (admin_url, name)
    try:
        upgrade(url)
        sample_database(url)
        with Session(get_engine(url)) as session:
            session.execute(
                update(Council).where(Council.code == "EXS").values(region="South East")
            )
            session.execute(update(Council).where(Council.code == "SMP").values(region="London"))
            # Coded, not worded: only its CPV code (CPV 2008 92511000 Library services) says
            # libraries.
            record_id = add_record(
                session,
                "books",
                title="Sample contract for the service at Mill Road",
                published=T0 + 12 * timedelta(days=1),
                assessment={},
            )
            session.get_one(Record, record_id).cpv_codes = ["92511000"]
            session.commit()
        app = create_app(url, marker_ttl=0, secret="test-secret-" + "x" * 32)
        with TestClient(app) as test_client:
            yield test_client
    finally:
        if drop:
            _drop_postgres_database(*drop)


def parsed(client: TestClient, url: str) -> feedparser.FeedParserDict:
    answer = client.get(url)
    assert answer.status_code == 200, (url, answer.text)
    feed = feedparser.parse(answer.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def ids_of(feed: feedparser.FeedParserDict) -> list[str]:
    return [entry.id for entry in feed.entries]


def test_region_and_nation_feeds(client: TestClient) -> None:
    east = parsed(client, "/feeds/regions/south-east.rss")
    assert ids_of(east) == [title_guid(k) for k in ("books", "asset", "out", "hostile")]
    london = parsed(client, "/feeds/regions/london.atom")
    assert ids_of(london) == [title_guid("other"), title_guid("confirmed")]
    england = ids_of(parsed(client, "/feeds/nations/england.rss"))
    assert set(england) == set(ids_of(east)) | set(ids_of(london))
    assert client.get("/feeds/regions/atlantis.rss").status_code == 404


def test_topic_feeds_by_words_and_by_cpv_code(client: TestClient) -> None:
    leisure = parsed(client, "/feeds/topics/leisure.rss")
    assert ids_of(leisure) == [title_guid("out")]
    assert ids_of(parsed(client, "/feeds/topics/home-care.atom")) == [title_guid("other")]
    # The dismissed grounds-maintenance item is not flagged, so not in the parks topic.
    assert ids_of(parsed(client, "/feeds/topics/parks.rss")) == []
    libraries = parsed(client, "/feeds/topics/libraries.rss")
    assert ids_of(libraries) == [title_guid("books")]
    assert libraries.feed.link == "http://testserver/topics#topic-libraries"
    assert client.get("/feeds/topics/nothing.rss").status_code == 404


def test_topics_page_lists_every_topic_with_its_cpv_sources(client: TestClient) -> None:
    page = client.get("/topics").text
    for topic in load_topics():
        assert f'href="/feeds/topics/{topic.slug}.rss"' in page
        for cpv in topic.cpv:
            assert cpv.source in page
            assert cpv.source.startswith("CPV 2008 ")
    assert 'href="/feeds/regions/south-east.rss"' in page
    assert 'href="/feeds/nations/england.rss"' in page


def test_saved_search_feed(client: TestClient) -> None:
    feed = parsed(client, "/feeds/search.rss?q=sample+depot")
    assert ids_of(feed) == [title_guid("asset")]
    assert "depot" in feed.feed.title
    assert feed.feed.link == "http://testserver/search?q=sample+depot"
    # Search feeds hold what the search page finds, flagged or not.
    unflagged = parsed(client, "/feeds/search.atom?q=catering")
    assert ids_of(unflagged) == [title_guid("unflagged")]
    # Unknown parameters are dropped; the same search is the same feed.
    again = client.get("/feeds/search.rss?utm_source=x&q=sample+depot")
    assert again.content == client.get("/feeds/search.rss?q=sample+depot").content
    assert client.get("/feeds/search.rss").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/feeds/topics/leisure.rss", "/feeds/regions/london.atom", "/feeds/search.rss?q=sample"],
)
def test_etag_304_self_link_and_stylesheet(client: TestClient, url: str) -> None:
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["content-type"].startswith(("application/rss+xml", "application/atom"))
    assert first.content.split(b"\n")[1] == XSL
    root = etree.fromstring(first.content)
    selfs = root.xpath("//*[local-name()='link'][@rel='self']/@href")
    assert selfs == ["http://testserver" + url]
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304


def test_council_feeds_carry_the_stylesheet_and_it_is_served(client: TestClient) -> None:
    feed = client.get("/feeds/exs.rss")
    assert feed.content.split(b"\n")[1] == XSL
    xsl = client.get("/feeds/feed.xsl")
    assert xsl.status_code == 200
    assert xsl.headers["content-type"] == "text/xsl; charset=utf-8"
    # A real XSLT processor applies it: the explanation, the address and the items.
    html = etree.XSLT(etree.fromstring(xsl.content))(etree.fromstring(feed.content))
    text = str(html)
    assert "This is a news feed." in text
    assert "http://testserver/feeds/exs.rss" in text
    assert "Sample sale of the old depot" in text
    assert 'action="/alerts/subscribe"' in text
    # Scraped text stays escaped through the stylesheet.
    assert "<script>" not in text


def test_feed_keys() -> None:
    assert feed_key("https://example.org/feeds/ken.rss") == "feeds/ken"
    assert feed_key("/feeds/topics/leisure.atom") == "feeds/topics/leisure"
    assert feed_key("feeds/search.rss?page=2&q=a+b&x=1") == "feeds/search?q=a+b"
    assert feed_key("/items/3") is None
    assert feed_key("/feeds/../etc/passwd") is None


def test_saved_search_keeps_every_filter_of_the_search_form() -> None:
    from feeds.choices import search_spec

    params = {
        "q": "leisure",
        "nation": "Wales",
        "kind": "notice",
        "min": "100000",
        "max": "5000000",
        "cpv": "92000000",
        "utm_source": "newsletter",
    }
    kept = dict(search_spec(params, {}).params)
    assert kept == {k: v for k, v in params.items() if k != "utm_source"}
