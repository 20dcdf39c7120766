"""Feeds: every file round-trips through feedparser, bytes and GUIDs are stable, dates are
timezone-aware, scraped text cannot break the XML or leak contact details, and the
selection (flagged, dismissed, confirmed, good practice, notices) is right.

The sample data is our own: two fictional councils (EXS, SMP) and sample items.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from feeds.build import (
    Links,
    build_feed,
    clean_text,
    find_spec,
    guid_for,
    load_councils,
    safe_url,
)
from feeds.regions import area_specs
from feeds.static import write_site
from feeds.topics import topic_specs
from storage.db import get_engine
from storage.models import Assessment, Council, Record, Review, StaffUser

ATOM = "{http://www.w3.org/2005/Atom}"
EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")
T0 = datetime(2026, 8, 1, 9, 30, tzinfo=UTC)

# ------------------------------------------------------------------ sample data helpers
# (test_web.py and test_web_browser.py use them too)


def add_sample_councils(session: Session) -> None:
    session.add_all(
        [
            Council(code="EXS", name="Exampleshire Sample Council", nation="England"),
            Council(code="SMP", name="Sampleton Sample Borough Council", nation="England"),
        ]
    )
    session.flush()


def add_record(
    session: Session,
    key: str,
    *,
    title: str,
    published: datetime | None,
    council: str = "EXS",
    description: str = "Sample description written for the tests.",
    source: str = "find-a-tender",
    assessment: dict[str, Any] | None = None,
    reviews: tuple[tuple[str, str | None], ...] = (),
    reviewer: StaffUser | None = None,
) -> int:
    record = Record(
        source=source,
        source_key=f"ocds-sample-{key}/{key}-1",
        kind="notice",
        council_code=council,
        title=title,
        description=description,
        url=f"https://www.example.org/notice/{key}",
        published_at=published,
        buyer_name=f"{council} sample buyer",
        content_hash=key.ljust(64, "0")[:64],
    )
    session.add(record)
    session.flush()
    if assessment is not None:
        values = {
            "is_outsourcing": True,
            "is_asset_sale": False,
            "has_consultation": False,
            "has_inhouse_statement": False,
            "should_flag": True,
            "evidence": [
                {
                    "label": "outsourcing",
                    "quote": f"The service will be delivered by an external provider ({key}).",
                    "rule": "sample-rule",
                    "document": "Sample cabinet report",
                    "page": 4,
                    "url": f"https://www.example.org/docs/{key}.pdf",
                }
            ],
        } | assessment
        session.add(
            Assessment(record_id=record.id, rules_version="test", input_hash=f"h-{key}", **values)
        )
    for number, (status, reason) in enumerate(reviews):
        session.add(
            Review(
                record_id=record.id,
                status=status,
                reason=reason,
                reviewer_id=reviewer.id if reviewer else None,
                created_at=datetime(2026, 9, 1, tzinfo=UTC) + timedelta(minutes=number),
            )
        )
    session.flush()
    return record.id


HOSTILE_TITLE = "Sample <script>alert('x')</script> & Sons\x0b care contract ]]>"


def add_sample_items(session: Session) -> dict[str, int]:
    """Sample items covering each way a record can be (or not be) in a feed."""
    add_sample_councils(session)
    day = timedelta(days=1)
    # JSON on SQLite keeps a lone surrogate ("\ud800" escaped); PostgreSQL's JSONB refuses it.
    surrogate = "\ud800" if session.get_bind().dialect.name == "sqlite" else ""
    ids = {
        "outsourcing": add_record(
            session,
            "out",
            title="Sample leisure centres to be run by an external operator",
            published=T0 + 9 * day,
            assessment={},
        ),
        "asset": add_record(
            session,
            "asset",
            title="Sample sale of the old depot",
            published=T0 + 11 * day,
            assessment={"is_outsourcing": False, "is_asset_sale": True},
        ),
        "dismissed": add_record(
            session,
            "dismissed",
            title="Sample grounds maintenance contract (dismissed)",
            published=T0 + 13 * day,
            assessment={},
            reviews=(("dismissed", "Sample reason: consultation found in the minutes"),),
        ),
        "good": add_record(
            session,
            "good",
            title="Sample libraries review with a public consultation",
            published=T0 + 4 * day,
            assessment={"has_consultation": True, "has_inhouse_statement": True},
            reviews=(("good_practice", None),),
        ),
        "unflagged": add_record(
            session,
            "unflagged",
            title="Sample catering contract with an in-house bid",
            published=T0 + 5 * day,
            assessment={
                "has_consultation": True,
                "has_inhouse_statement": True,
                "should_flag": False,
            },
        ),
        "hostile": add_record(
            session,
            "hostile",
            title=HOSTILE_TITLE,
            published=T0 + 7 * day,
            description=(
                "Contact the officer at officer.name@example.org or on 01632 960123. "
                "<b>Bold</b> &amp; <img src=x onerror=alert(1)> \x01\x1f\x7f end."
            ),
            assessment={
                "evidence": [
                    {
                        "label": "outsourcing",
                        "quote": f"Broken {surrogate} surrogate and \x0b tab in a sample quote",
                        "document": "Sample <report>",
                        "page": "2",
                        "url": "javascript:alert(1)",
                    }
                ]
            },
        ),
        "other_council": add_record(
            session,
            "other",
            council="SMP",
            title="Sample home care services outsourced",
            published=T0 + 10 * day,
            assessment={},
        ),
        "confirmed": add_record(
            session,
            "confirmed",
            council="SMP",
            title="Sample street lighting contract confirmed by staff",
            published=T0 + 2 * day,
            assessment={"should_flag": False, "has_consultation": None},
            reviews=(("confirmed", None),),
        ),
        "neither": add_record(
            session,
            "neither",
            title="Sample road resurfacing works",
            published=T0 + 8 * day,
            assessment={"is_outsourcing": False, "should_flag": False},
        ),
        "unassessed": add_record(
            session, "unassessed", title="Sample unassessed notice", published=T0 + 6 * day
        ),
    }
    return ids


def sample_database(url: str) -> dict[str, int]:
    with Session(get_engine(url)) as session:
        ids = add_sample_items(session)
        session.commit()
    return ids


def guids(feed: Any) -> list[str]:
    return [entry.id for entry in feed.entries]


def parse(path: Path) -> Any:
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


# ------------------------------------------------------------------ fixtures

Site = tuple[Path, dict[str, int], str]


@pytest.fixture
def site(database: str, tmp_path: Path) -> Site:
    """The sample site on each backend (SQLite and PostgreSQL), built afresh."""
    ids = sample_database(database)
    out = tmp_path / "site"
    write_site(out, database_url=database)
    return out, ids, database


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One SQLite sample site shared by the read-only tests (a build writes ~3,000
    files for the 382 registry councils; once per module is enough)."""
    from storage.migrate import upgrade

    folder = tmp_path_factory.mktemp("built")
    url = f"sqlite:///{folder / 'oursay.db'}"
    upgrade(url)
    ids = sample_database(url)
    write_site(folder / "site", database_url=url)
    return folder / "site", ids, url


def title_guid(key: str) -> str:
    return f"tag:oursay,2025:find-a-tender/ocds-sample-{key}/{key}-1"


# ------------------------------------------------------------------ tests


def test_selection_in_council_feeds(site: Site) -> None:
    out, _, _ = site
    exs = parse(out / "feeds/exs.rss")
    # Newest first; dismissed, good-practice, unflagged, neither and unassessed are absent.
    assert guids(exs) == [title_guid("asset"), title_guid("out"), title_guid("hostile")]
    smp = parse(out / "feeds/smp.atom")
    # A staff confirmation flags a record the monitor did not.
    assert guids(smp) == [title_guid("other"), title_guid("confirmed")]
    assert guids(parse(out / "feeds/exs-asset-sales.rss")) == [title_guid("asset")]
    assert guids(parse(out / "feeds/exs-outsourcing.rss")) == [
        title_guid("out"),
        title_guid("hostile"),
    ]
    assert guids(parse(out / "feeds/good-practice.rss")) == [title_guid("good")]
    all_flagged = guids(parse(out / "feeds/all.rss"))
    assert all_flagged == [
        title_guid("asset"),
        title_guid("other"),
        title_guid("out"),
        title_guid("hostile"),
        title_guid("confirmed"),
    ]
    # Journalists' notices: every outsourcing or asset-sale record, flagged or not.
    notices = guids(parse(out / "feeds/notices/exs.rss"))
    assert notices == [
        title_guid(k) for k in ("dismissed", "asset", "out", "hostile", "unflagged", "good")
    ]
    assert title_guid("dismissed") not in all_flagged


def test_every_feed_file_round_trips(site: Site) -> None:
    out, _, url = site
    with Session(get_engine(url)) as session:
        codes = sorted(load_councils(session))
    files = sorted(p for p in (out / "feeds").rglob("*.*") if p.name != "feed.xsl")
    with Session(get_engine(url)) as session:
        chosen = len(area_specs(session)) + len(topic_specs())
    # Five all-council feeds, five per council (four of flags and notices, one of good
    # practice on the scorecard) and the nation, region and topic feeds, each as RSS and
    # Atom; and the stylesheet a browser shows them with.
    assert len(files) == 2 * (5 + 5 * len(codes) + chosen)
    assert (out / "feeds/feed.xsl").read_bytes().startswith(b"<?xml")
    assert b"/alerts/subscribe" not in (out / "feeds/feed.xsl").read_bytes()
    for path in files:
        parsed = parse(path)
        expected = "rss20" if path.suffix == ".rss" else "atom10"
        assert parsed.version == expected, path
        assert parsed.feed.title.startswith("oursay: ")


def test_bytes_and_guids_are_stable_across_builds(site: Site, tmp_path: Path) -> None:
    out, _, url = site
    again = tmp_path / "again"
    second = write_site(again, database_url=url)
    for path in sorted(out.rglob("*.*")):
        assert (again / path.relative_to(out)).read_bytes() == path.read_bytes(), path
    # Writing over an unchanged site rewrites nothing (mtimes and server ETags stay put).
    assert write_site(again, database_url=url).changed == 0
    feed_files = [p for p in (again / "feeds").rglob("*.*") if p.name != "feed.xsl"]
    assert second.feed_count == len(feed_files)

    # A new record changes the feed but not the GUIDs of the items already in it.
    before = guids(parse(out / "feeds/exs.rss"))
    with Session(get_engine(url)) as session:
        add_record(
            session,
            "later",
            title="Sample later decision",
            published=T0 + timedelta(days=20),
            assessment={},
        )
        session.commit()
    write_site(again, database_url=url)
    after = guids(parse(again / "feeds/exs.rss"))
    assert after == [title_guid("later"), *before]


def test_dates_are_timezone_aware_and_last_build_is_newest_item(
    built: Site,
) -> None:
    out, _, _ = built
    rss = ET.parse(out / "feeds/exs.rss").getroot().find("channel")
    assert rss is not None
    pub_dates = [parsedate_to_datetime(i.findtext("pubDate") or "") for i in rss.iter("item")]
    assert pub_dates == sorted(pub_dates, reverse=True)
    assert all(d.tzinfo is not None and d.utcoffset() == timedelta(0) for d in pub_dates)
    assert pub_dates[0] == T0 + timedelta(days=11)

    atom = ET.parse(out / "feeds/exs.atom").getroot()
    updated = [
        datetime.fromisoformat(e.findtext(f"{ATOM}updated") or "")
        for e in atom.iter(f"{ATOM}entry")
    ]
    assert all(u.tzinfo is not None for u in updated)
    feed_updated = datetime.fromisoformat(atom.findtext(f"{ATOM}updated") or "")
    assert feed_updated == max(updated)
    last_build = parsedate_to_datetime(rss.findtext("lastBuildDate") or "")
    assert last_build == feed_updated.replace(microsecond=0)


def test_self_links_in_rss_and_atom(built: Site, tmp_path: Path) -> None:
    out, _, url = built
    rss = ET.parse(out / "feeds/notices/exs.rss").getroot().find("channel")
    assert rss is not None
    self_links = [link for link in rss.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == ["exs.rss"]  # relative to the file
    assert rss.findtext("link") == "../../index.html#council-exs"

    write_site(tmp_path / "public", base_url="https://feeds.example.org/", database_url=url)
    atom = parse(tmp_path / "public/feeds/exs.atom")
    rels = {link.rel: link.href for link in atom.feed.links}
    assert rels["self"] == "https://feeds.example.org/feeds/exs.atom"
    assert rels["alternate"] == "https://feeds.example.org/index.html#council-exs"
    rss_parsed = parse(tmp_path / "public/feeds/exs.rss")
    assert {link.rel: link.href for link in rss_parsed.feed.links}["self"] == (
        "https://feeds.example.org/feeds/exs.rss"
    )


def test_atom_entry_links_keep_rel(database: str) -> None:
    """feedgen 1.0 drops ``rel`` on entry links; our entries keep alternate and related."""
    sample_database(database)
    with Session(get_engine(database)) as session:
        body = build_feed(session, "exs", "atom", Links("http://oursay.example/", web=True))
    assert body is not None
    root = ET.fromstring(body)
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    links = [(link.get("rel"), link.get("href")) for link in entry.findall(f"{ATOM}link")]
    assert links[0] == ("alternate", "https://www.example.org/notice/asset")
    assert links[1][0] == "related"
    assert re.fullmatch(r"http://oursay\.example/items/\d+", links[1][1] or "")
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0
    assert [link.rel for link in parsed.entries[0].links] == ["alternate", "related"]


def test_item_content_says_what_who_when_missing_and_quotes(
    built: Site,
) -> None:
    out, _, _ = built
    entry = next(e for e in parse(out / "feeds/exs.rss").entries if e.id == title_guid("out"))
    assert entry.title == (
        "Exampleshire Sample Council: Sample leisure centres to be run by an external operator"
    )
    assert entry.link == "https://www.example.org/notice/out"
    text = entry.description
    assert "What was decided:</strong> Sample leisure centres" in text
    assert "Buyer:</strong> EXS sample buyer (Exampleshire Sample Council)" in text
    assert "When:</strong> 10 August 2026" in text
    assert "No evidence of a public consultation; no evidence that an in-house option" in text
    assert "The service will be delivered by an external provider (out)." in text
    # The evidence links to the document at its page.
    assert 'href="https://www.example.org/docs/out.pdf#page=4"' in text
    assert "Sample cabinet report, page 4" in text
    assert 'href="https://www.example.org/notice/out"' in text
    assert entry.guidislink is False


def test_hostile_scraped_text_is_escaped_and_stripped(
    built: Site,
) -> None:
    out, _, _ = built
    raw = (out / "feeds/exs.rss").read_bytes()
    assert b"<script>" not in raw and b"<img" not in raw
    assert b"\x0b" not in raw and b"\x01" not in raw and b"\x7f" not in raw
    assert b"javascript:" not in raw
    assert "\ufffd".encode() not in raw  # the lone surrogate is dropped, not replaced
    parsed = parse(out / "feeds/exs.rss")
    entry = next(e for e in parsed.entries if e.id == title_guid("hostile"))
    # Readers show the scraped markup as text, never as markup.
    assert entry.title == (
        "Exampleshire Sample Council: Sample <script>alert('x')</script> & Sons care contract ]]>"
    )
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp;amp; Sons" not in entry.description
    assert "&lt;script&gt;" in entry.description
    assert "&lt;img src=x onerror=alert(1)&gt;" in entry.description
    assert "Broken surrogate and tab in a sample quote" in entry.description
    assert "Sample &lt;report&gt;, page 2" in entry.description
    atom = parse(out / "feeds/exs.atom")
    assert any("&lt;script&gt;" in e.content[0].value for e in atom.entries)


def test_no_contact_details_anywhere(built: Site) -> None:
    out, _, _ = built
    for path in out.rglob("*.*"):
        data = path.read_bytes()
        assert not EMAIL.search(data), path
        assert b"01632 960123" not in data, path
    assert b"[e-mail removed]" in (out / "feeds/exs.rss").read_bytes()


def test_opml_lists_every_council_feed(built: Site) -> None:
    out, _, url = built
    root = ET.parse(out / "feeds.opml").getroot()
    assert root.get("version") == "2.0"
    with Session(get_engine(url)) as session:
        codes = sorted(load_councils(session))
    councils = next(o for o in root.iter("outline") if o.get("text") == "Councils")
    urls = [o.get("xmlUrl") for o in councils.findall("outline")]
    assert urls == [f"feeds/{code.lower()}.rss" for code in codes]
    assert all(o.get("type") == "rss" and o.get("text") for o in councils.findall("outline"))
    for xml_url in urls:
        assert (out / (xml_url or "")).is_file()
    names = {o.get("text") for o in councils.findall("outline")}
    assert "Exampleshire Sample Council" in names
    # Each council's good-practice feed (the scorecard's), and a file behind each.
    practice = next(o for o in root.iter("outline") if o.get("text") == "Good practice (scorecard)")
    practice_urls = [o.get("xmlUrl") for o in practice.findall("outline")]
    assert practice_urls == [f"feeds/practice/{code.lower()}.rss" for code in codes]
    for xml_url in practice_urls:
        assert (out / (xml_url or "")).is_file()
    index = (out / "index.html").read_text("utf-8")
    assert f'href="feeds/practice/{codes[0].lower()}.rss">good practice' in index


def test_rss_best_practices_profile(built: Site) -> None:
    out, _, _ = built
    for name in ("exs.rss", "smp.rss", "all.rss", "notices/exs.rss", "good-practice.rss"):
        channel = ET.parse(out / "feeds" / name).getroot().find("channel")
        assert channel is not None
        for element in ("title", "link", "description", "language", "lastBuildDate"):
            assert (channel.findtext(element) or "").strip(), f"{name}: {element}"
        parsedate_to_datetime(channel.findtext("lastBuildDate") or "")
        assert len([x for x in channel.findall(f"{ATOM}link") if x.get("rel") == "self"]) == 1
        for item in channel.findall("item"):
            assert item.findtext("title") or item.findtext("description")
            guid = item.find("guid")
            assert guid is not None and guid.get("isPermaLink") == "false"
            assert (guid.text or "").startswith("tag:oursay,2025:")
            assert re.fullmatch(
                r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}",
                item.findtext("pubDate") or "",
            )
            assert len(item.findall("enclosure")) <= 1
            assert (item.findtext("link") or "").startswith("https://")
        guids_here = [g.text for g in channel.iter("guid")]
        assert len(guids_here) == len(set(guids_here))


def test_empty_feed_is_valid_and_stable(sqlite_database: str) -> None:
    with Session(get_engine(sqlite_database)) as session:
        add_sample_councils(session)
        session.commit()
        links = Links("https://feeds.example.org/")
        first = build_feed(session, "exs", "rss", links)
        assert first is not None
        assert build_feed(session, "exs", "rss", links) == first
    parsed = feedparser.parse(first)
    assert parsed.bozo == 0 and parsed.entries == []
    # A constant date, not "now": an empty feed's ETag does not change either.
    assert parsed.feed.updated == "Mon, 24 Feb 2025 00:00:00 +0000"


def test_index_page_links_every_council(built: Site) -> None:
    out, _, _ = built
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in page
    assert 'href="#main"' in page
    assert 'id="council-exs"' in page
    assert 'href="feeds/exs.rss"' in page and 'href="feeds/exs.atom"' in page
    assert 'href="feeds.opml"' in page


def test_guid_is_a_tag_uri_of_source_and_key() -> None:
    record = Record(source="moderngov", source_key="democracy.example.org/decision/12 & 3")
    assert (
        guid_for(record) == "tag:oursay,2025:moderngov/democracy.example.org/decision/12%20%26%203"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("exs", "exs"),
        ("exs-outsourcing", "exs-outsourcing"),
        ("exs-asset-sales", "exs-asset-sales"),
        ("notices/exs", "notices/exs"),
        ("notices/all", "notices/all"),
        ("all", "all"),
        ("good-practice", "good-practice"),
        ("EXS", None),
        ("exs-other", None),
        ("notices/exs-outsourcing", None),
        ("zzz", None),
        ("../exs", None),
    ],
)
def test_feed_names(name: str, expected: str | None) -> None:
    from feeds.build import CouncilInfo

    councils = {"EXS": CouncilInfo("EXS", "Exampleshire Sample Council")}
    spec = find_spec(name, councils)
    assert (spec.name if spec else None) == expected


def test_clean_text_and_safe_url() -> None:
    assert clean_text(" a\x00b\x0bc\ud800d\x85e  \n f ") == "a b c d e f"
    assert clean_text("write to jo.bloggs@example.org") == "write to [e-mail removed]"
    assert clean_text("call +44 (0)1632 960 123 now") == "call [phone removed] now"
    assert clean_text("ocds-h6vhtk-0123456789 and £01234567890") == (
        "ocds-h6vhtk-0123456789 and £01234567890"
    )
    assert clean_text("one two three four", limit=9) == "one two…"
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://u:p@example.org/", "/x", ""):
        assert safe_url(bad) is None


def test_feed_of_staff_reviews_shows_status_not_reasons(
    built: Site,
) -> None:
    out, _, _ = built
    notices = (out / "feeds/notices/exs.rss").read_text(encoding="utf-8")
    assert "Dismissed by campaign staff" in notices
    # Staff reasons and notes are internal: they stay out of public feeds.
    assert "consultation found in the minutes" not in notices


def test_unknown_feed_name_builds_nothing(sqlite_database: str) -> None:
    with Session(get_engine(sqlite_database)) as session:
        assert build_feed(session, "nope", "rss", Links("http://x.example/")) is None
        assert build_feed(session, "ken", "json", Links("http://x.example/")) is None
        assert session.scalar(select(Council.code).where(Council.code == "KEN")) == "KEN"
        assert build_feed(session, "ken", "rss", Links("http://x.example/")) is not None


def test_spliced_entries_match_plain_feedgen(built: Site) -> None:
    """Entries serialised once and spliced into each feed give exactly the bytes feedgen
    writes when every entry is added to every feed."""
    from feeds.build import FeedBuilder
    from storage.queries import RecordState

    _, _, url = built
    with Session(get_engine(url)) as session:
        councils = load_councils(session)
        for name in ("exs", "notices/exs", "all", "good-practice"):
            spec = find_spec(name, councils)
            assert spec is not None
            states = [RecordState(r, a, v) for r, a, v in session.execute(spec.query())]
            for fmt in ("rss", "atom"):
                links = Links("https://feeds.example.org/", web=True)
                fast = FeedBuilder(councils, links).render(spec, fmt, states)
                plain = FeedBuilder(councils, links).render(spec, fmt, states, splice=False)
                assert fast == plain, (name, fmt)


def test_uncertain_flags_wait_for_review_and_entries_explain_themselves(database: str) -> None:
    """A flag the monitor sent to review stays out of the public feeds, is marked in the
    journalists' notices feed, and every entry names its rules and where it looked."""
    with Session(get_engine(database)) as session:
        add_sample_councils(session)
        looked = "no consultation found: 23 pages of 3 documents searched"
        add_record(
            session,
            "sure",
            title="Sample refuse service outsourced",
            published=T0,
            assessment={"publish_state": "published", "confidence": 0.85, "searched": [looked]},
        )
        add_record(
            session,
            "unsure",
            title="Sample parks service perhaps outsourced",
            published=T0 + timedelta(days=1),
            assessment={
                "publish_state": "needs_review",
                "confidence": 0.45,
                "confidence_reason": "outsourcing found in background text only",
            },
        )
        session.commit()
        links = Links("https://oursay.example/")
        public = feedparser.parse(build_feed(session, "exs", "rss", links))
        assert guids(public) == [title_guid("sure")]
        entry = public.entries[0].description
        assert "<strong>Where oursay looked:</strong>" in entry and f"<li>{looked}</li>" in entry
        assert "[rule: sample-rule]" in entry and "Sample cabinet report, page 4" in entry
        # Confidence is for staff: not in public entries.
        assert "0.85" not in entry and "background text only" not in entry
        notices = feedparser.parse(build_feed(session, "notices/exs", "rss", links))
        assert guids(notices) == [title_guid("unsure"), title_guid("sure")]
        marked = notices.entries[0].description
        assert "Waiting for review by campaign staff: the monitor is not sure" in marked
