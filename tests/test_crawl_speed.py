"""The Find a Tender crawl's shortcuts (issue 14, point 6) give exactly the plain answers.

* ``scrub`` with its inlined loops against the plain recursive cleaning it replaced, on
  random release-like values (personal keys, e-mails, mojibake, nesting at the limit);
* ``BuyerMatcher.match`` answering from its cache as it answers without one;
* a ``PageItem`` stored by the pipeline as its records yielded one by one would be: the
  same rows and counts, and a refused record mid-page fails alone.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers import ocds_clean
from crawlers.buyers import BuyerMatcher
from crawlers.ocds_clean import MAX_RELEASE_DEPTH, clean_text, scrub
from crawlers.ocds_packages import InvalidRelease
from storage.councils import load_registry
from storage.db import get_engine
from storage.models import CrawlFailure, Record

# --- scrub ---------------------------------------------------------------------------------


def plain_scrub(value: Any, depth: int = 0) -> Any:
    """The cleaning as first written: one recursive call per value."""
    if depth > MAX_RELEASE_DEPTH:
        raise InvalidRelease(f"nested more than {MAX_RELEASE_DEPTH} levels deep")
    if isinstance(value, dict):
        return {
            key: plain_scrub(item, depth + 1)
            for key, item in value.items()
            if not ocds_clean._PERSONAL_KEY.search(key)
        }
    if isinstance(value, list):
        return [plain_scrub(item, depth + 1) for item in value]
    if isinstance(value, str):
        return clean_text(value)
    return value


def outcome(function: Any, value: Any) -> tuple[str, Any]:
    try:
        return "ok", function(value)
    except InvalidRelease as error:
        return "error", str(error)


KEYS = st.sampled_from(
    ["id", "title", "contactPoint", "email", "e-mail", "telephone", "faxNumber", "name", "x"]
)
TEXTS = st.sampled_from(
    ["", "plain", "write to jo@example.gov.uk", "worth Â£3 million", "Café – £5", "a@b"]
) | st.text(max_size=12)
LEAVES = TEXTS | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_scrub_equals_the_plain_recursion(value: Any) -> None:
    assert outcome(scrub, value) == outcome(plain_scrub, value)


def nest(depth: int, leaf: Any, *, as_list: bool) -> Any:
    for _ in range(depth):
        leaf = [leaf] if as_list else {"x": leaf}
    return leaf


@pytest.mark.parametrize("as_list", [False, True])
@pytest.mark.parametrize("leaf", ["text", 1, None, {}, [], {"email": "a@b.c"}, {"x": 1}, [1]])
@pytest.mark.parametrize("extra", [-2, -1, 0, 1, 2])
def test_scrub_depth_limit_is_where_it_was(as_list: bool, leaf: Any, extra: int) -> None:
    value = nest(MAX_RELEASE_DEPTH + extra, leaf, as_list=as_list)
    assert outcome(scrub, value) == outcome(plain_scrub, value)


# --- the buyer matcher's cache -------------------------------------------------------------


QUESTIONS: list[tuple[str | None, list[str], list[tuple[str, str]]]] = [
    ("Kent County Council", [], []),
    ("KENT COUNTY COUNCIL", ["GB-PPON-PXYZ-1234-ABCD"], []),
    ("Cyngor Sir Ceredigion County Council", [], []),
    ("Kent County Council", [], [("UK_CA_DEVOLVED_REGULATIONS", "GB-SCT")]),
    ("Hertfordshire County Council - Children's Services", [], []),
    ("Some Housing Association", [], []),
    (None, ["GB-GOR-E10000016"], []),
    (None, [], []),
]


def test_buyer_matcher_answers_from_its_cache_as_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry = load_registry()
    cached, fresh = BuyerMatcher(registry), BuyerMatcher(registry)
    # A cache of 3 is emptied twice over the questions asked twice: answers never change.
    monkeypatch.setattr("crawlers.buyers.MATCH_CACHE_SIZE", 3)
    for name, identifiers, classifications in QUESTIONS * 2:
        expected = fresh._match(name, tuple(identifiers), tuple(classifications))
        assert cached.match(name, identifiers, classifications) == expected
        assert len(cached._answers) <= 3
    assert cached.match("Kent County Council") is not None
    assert cached.match("Kent County Council").code == "KEN"  # type: ignore[union-attr]


# --- one item per page through the pipeline ------------------------------------------------


def test_page_item_is_stored_as_its_records_one_by_one(tmp_path: Any) -> None:
    from scrapy import Spider
    from scrapy.utils.test import get_crawler

    from crawlers.items import FailureItem, PageItem, RecordItem
    from crawlers.pipelines import StoragePipeline
    from storage.migrate import upgrade

    def record(key: str, title: str = "") -> RecordItem:
        return RecordItem(
            source="find-a-tender", source_key=key, kind="notice", council_code="KEN", title=title
        )

    def page(n: int) -> list[RecordItem | FailureItem]:
        found: list[RecordItem | FailureItem] = [record(f"r{n}-{i}") for i in range(7)]
        found.insert(3, record("bad"))
        found.insert(5, FailureItem(source="find-a-tender", reason=f"release {n}: broken"))
        return found

    def run(url: str, paged: bool) -> tuple[dict[str, Any], list[Any], list[str]]:
        upgrade(url)
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON records WHEN NEW.source_key = 'bad' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
            )
        crawler = get_crawler(Spider, {"OURSAY_DATABASE_URL": url, "OURSAY_COMMIT_EVERY": 5})
        spider = Spider.from_crawler(crawler, name="find_a_tender")
        crawler.spider = spider
        pipeline = StoragePipeline.from_crawler(crawler)
        pipeline.open_spider(spider)
        for n in range(3):
            items = page(n)
            if paged:
                pipeline.process_item(PageItem(items), spider)
            else:
                for item in items:
                    pipeline.process_item(item, spider)
        pipeline.close_spider(spider)
        pipeline.spider_closed(spider, "finished")
        with Session(get_engine(url)) as session:
            rows = [
                (r.id, r.source_key, r.title, r.content_hash)
                for r in session.scalars(select(Record).order_by(Record.id))
            ]
            reasons = [f.reason for f in session.scalars(select(CrawlFailure).order_by("id"))]
        stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("oursay/")}
        return stats, rows, reasons

    one_by_one = run(f"sqlite:///{tmp_path / 'items.db'}", paged=False)
    paged = run(f"sqlite:///{tmp_path / 'pages.db'}", paged=True)
    assert paged == one_by_one
    stats, rows, reasons = paged
    assert len(rows) == 21 and "bad" not in {key for _, key, _, _ in rows}
    assert stats["oursay/records/inserted"] == 21
    assert stats["oursay/store_failures"] == 3
    assert [r.split(":")[0] for r in reasons].count("could not store record bad") == 3
    assert sum(r.startswith("release ") for r in reasons) == 3
