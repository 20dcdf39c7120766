"""A council's good-practice feed: the scorecard's evidence worth celebrating (a published
contract, social value weighted, a consultation held, an in-house option, a provider
recalled, a motion adopting the principles), beside the flag feed.

Served at ``/feeds/practice/<code>.rss|.atom`` and written by ``oursay feeds`` at the same
paths. GUIDs are tag URIs made of the council, the principle and the evidence (record and
link), so a reader sees each piece once however often the scorecard is recomputed.
"""

from __future__ import annotations

import hashlib
import html
from datetime import UTC, datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from feeds.build import EMPTY_FEED_DATE, FORMATS
from feeds.items import TAG_PREFIX, clean_text, safe_url
from monitor.principles.base import MOTION, PRINCIPLES, Evidence
from monitor.principles.report import Card

PRACTICE_DIR = "feeds/practice"


def practice_path(code: str, fmt: str) -> str:
    return f"{PRACTICE_DIR}/{code.lower()}.{fmt}"


def good_items(card: Card) -> list[tuple[str, Evidence, datetime]]:
    """(principle key, evidence, date) for each piece to celebrate, newest first."""
    items = []
    for key, entry in card.entries.items():
        for piece in entry.evidence:
            if piece.good is not True:
                continue
            when = _day(piece.date) or entry.changed_at or EMPTY_FEED_DATE
            items.append((key, piece, when))
    items.sort(key=lambda item: (item[2], item[0], item[1].text), reverse=True)
    return items


def _day(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None
    except ValueError:
        return None


def guid(code: str, key: str, piece: Evidence) -> str:
    # The text is part of the key: one notice can show two contracts (two pieces, one link).
    digest = hashlib.sha256(f"{piece.url}\n{piece.text}".encode()).hexdigest()[:16]
    return f"{TAG_PREFIX}practice/{code.lower()}/{key}/{piece.record_id or 0}/{digest}"


def practice_feed(card: Card, fmt: str, *, self_url: str, page_url: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}")
    name = clean_text(card.name) or card.code
    fg = FeedGenerator()
    fg.id(f"{TAG_PREFIX}{PRACTICE_DIR}/{card.code.lower()}")
    fg.title(f"oursay: {name}, good practice on the Our Services Our Say principles")
    fg.description(
        f"Public evidence that {name} follows the campaign's principles: published "
        "contracts, social value weighted, consultations held, in-house options, recalls."
    )
    fg.link(href=self_url, rel="self", type=FORMATS[fmt])
    fg.link(href=page_url, rel="alternate")
    fg.language("en-GB")
    fg.author({"name": "oursay"})
    fg.generator("oursay")
    items = good_items(card)
    fg.lastBuildDate(max((when for _, _, when in items), default=EMPTY_FEED_DATE))
    for key, piece, when in items:
        label = "Motion" if key == MOTION else f"Principle {key}"
        title = PRINCIPLES.get(key, "Adopted the Our Services Our Say principles")
        entry = fg.add_entry(order="append")
        entry.id(guid(card.code, key, piece))
        entry.title(f"{name}: {label}, {title}")
        link = safe_url(piece.url) or page_url
        entry.link(href=link, rel="alternate", type="text/html")
        entry.content(
            f"<p>{html.escape(piece.text, quote=False)}</p><p>{html.escape(label)}: "
            f'{html.escape(title)}. <a href="{html.escape(page_url)}">'
            "The council's scorecard</a></p>",
            type="html",
        )
        entry.pubDate(when)
        entry.updated(when)
        entry.category(term=key, label=label)
    return fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)


def write_practice_feeds(out: Path, cards: list[Card], base_url: str | None) -> tuple[int, int]:
    """Each council's good-practice feeds under ``out``: (files, files whose bytes changed)."""
    from feeds.static import _write_if_changed

    count = changed = 0
    for card in cards:
        for fmt in FORMATS:
            path = practice_path(card.code, fmt)
            # The static site has no scorecard pages: the index's council row stands in.
            root = base_url.rstrip("/") + "/" if base_url else "../../"
            page = f"{root}index.html#council-{card.code.lower()}"
            self_url = f"{root}{path}" if base_url else f"{card.code.lower()}.{fmt}"
            changed += _write_if_changed(
                out / path, practice_feed(card, fmt, self_url=self_url, page_url=page)
            )
            count += 1
    return count, changed
