"""OPML 2.0 list of the feeds, so a supporter can subscribe to many councils at once and
a journalist can import every council feed into a reader."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from feeds.build import (
    CouncilInfo,
    FeedSpec,
    Links,
    aggregate_specs,
    council_specs,
    usable_councils,
)
from feeds.practice import practice_path

OPML_PATH = "feeds.opml"


def opml_bytes(
    councils: Iterable[CouncilInfo], links: Links, chosen: Sequence[FeedSpec] = ()
) -> bytes:
    """Every council's RSS feed (flagged decisions), plus the all-council feeds and the
    ``chosen`` ones (nations, regions, topics: feeds.regions, feeds.topics). Names were
    cleaned by :func:`feeds.build.load_councils`; ElementTree escapes them. No date
    elements: the bytes change only when the list of councils does."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "oursay: council feeds"
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")

    group = ET.SubElement(body, "outline", text="All councils", title="All councils")
    for spec in aggregate_specs():
        _feed_outline(group, spec.title, links.feed(spec, "rss", OPML_PATH), links, spec)

    if chosen:
        title = "Nations, regions and topics"
        group = ET.SubElement(body, "outline", text=title, title=title)
        for spec in chosen:
            name = spec.title.removeprefix("oursay: ")
            _feed_outline(group, name, links.feed(spec, "rss", OPML_PATH), links, spec)

    usable = list(usable_councils(councils))
    group = ET.SubElement(body, "outline", text="Councils", title="Councils")
    for council in usable:
        spec = council_specs(council)[0]
        _feed_outline(group, council.name, links.feed(spec, "rss", OPML_PATH), links, spec)

    # Each council's good practice from its scorecard (feeds/practice.py), to celebrate.
    title = "Good practice (scorecard)"
    group = ET.SubElement(body, "outline", text=title, title=title)
    for council in usable:
        spec = council_specs(council)[0]
        xml_url = links.url(practice_path(council.code, "rss"), OPML_PATH)
        _feed_outline(group, f"{council.name}: good practice", xml_url, links, spec)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _feed_outline(
    parent: ET.Element, text: str, xml_url: str, links: Links, spec: FeedSpec
) -> None:
    ET.SubElement(
        parent,
        "outline",
        type="rss",
        version="RSS2",
        text=text,
        title=text,
        xmlUrl=xml_url,
        htmlUrl=links.url(links.page_path(spec), OPML_PATH),
    )
