"""Feed XML written from string templates, byte for byte what feedgen and lxml write.

A full build writes some 6,400 feeds of up to 200 items. Building an lxml tree for every
item and every channel through feedgen cost about half a millisecond per item, most of a
cold build; these templates do the same in a few microseconds. feedgen stays the reference:
``FeedBuilder.render(..., splice=False)`` goes through it, and tests/test_feeds.py holds
the two to the same bytes (also for hostile text), so a feedgen upgrade that changes its
output shows up there.

Every value reaching these templates is already cleaned (``clean_text``/``safe_url``): no
XML-forbidden characters. Escaping follows libxml2's serialiser: ``& < >`` and CR in text;
``& < > "`` and TAB/LF/CR in attributes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from feedgen.util import formatRFC2822

from feeds.items import ItemSummary, item_html

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZERO = timedelta(0)


def text(value: str) -> str:
    """Element text as libxml2 escapes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def attribute(value: str) -> str:
    """An attribute value (double-quoted) as libxml2 escapes it."""
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


@lru_cache(maxsize=4096)
def _named(value: str) -> str:
    """:func:`attribute` of the few values every item repeats (link relations and types,
    categories, council names): escaped once, not once per item."""
    return attribute(value)


def rfc2822(value: datetime) -> str:
    """feedgen's ``formatRFC2822`` (strftime under the C locale) without touching the
    process locale; offsets other than UTC go through feedgen itself."""
    if value.utcoffset() != _ZERO:
        return str(formatRFC2822(value))
    return (
        f"{_DAYS[value.weekday()]}, {value.day:02d} {_MONTHS[value.month - 1]} "
        f"{value.year:04d} {value.hour:02d}:{value.minute:02d}:{value.second:02d} +0000"
    )


def rss_item(
    *,
    title: str,
    link: str | None,
    content_html: str,
    guid: str,
    categories: list[str],
    published: datetime | None,
) -> bytes:
    """One ``<item>`` at depth 2, as feedgen's pretty printer writes it inside a channel."""
    return _rss_item(
        text(title), link and text(link), text(content_html), text(guid),
        [text(label) for label in categories], published,
    )  # fmt: skip


def _rss_item(
    title: str, link: str | None, content: str, guid: str, categories: list[str],
    published: datetime | None,
) -> bytes:  # fmt: skip
    """:func:`rss_item` from values already escaped as element text."""
    parts = ["    <item>\n", f"      <title>{title}</title>\n"]
    if link:
        parts.append(f"      <link>{link}</link>\n")
    parts.append(f"      <description>{content}</description>\n")
    parts.append(f'      <guid isPermaLink="false">{guid}</guid>\n')
    parts += [f"      <category>{label}</category>\n" for label in categories]
    if published is not None:
        parts.append(f"      <pubDate>{rfc2822(published)}</pubDate>\n")
    parts.append("    </item>\n")
    return "".join(parts).encode("utf-8")


def atom_entry(
    *,
    guid: str,
    title: str,
    updated: datetime,
    content_html: str,
    links: list[tuple[str, str, str]],
    categories: list[tuple[str, str]],
    published: datetime | None,
) -> bytes:
    """One ``<entry>`` at depth 1. ``links`` are (href, rel, type); ``categories`` are
    (term, label)."""
    return _atom_entry(text(guid), text(title), updated, text(content_html), links, categories,
                       published)  # fmt: skip


def _atom_entry(
    guid: str, title: str, updated: datetime, content: str, links: list[tuple[str, str, str]],
    categories: list[tuple[str, str]], published: datetime | None,
) -> bytes:  # fmt: skip
    """:func:`atom_entry` with ``guid``, ``title`` and ``content`` already escaped."""
    parts = [
        "  <entry>\n",
        f"    <id>{guid}</id>\n",
        f"    <title>{title}</title>\n",
        f"    <updated>{updated.isoformat()}</updated>\n",
        f'    <content type="html">{content}</content>\n',
    ]
    parts += [
        f'    <link href="{attribute(href)}" rel="{_named(rel)}" type="{_named(kind)}"/>\n'
        for href, rel, kind in links
    ]
    for term, label in categories:
        label_attribute = f' label="{_named(label)}"' if label else ""
        parts.append(f'    <category term="{_named(term)}"{label_attribute}/>\n')
    if published is not None:
        parts.append(f"    <published>{published.isoformat()}</published>\n")
    parts.append("  </entry>\n")
    return "".join(parts).encode("utf-8")


RSS_CLOSING = b"  </channel>\n</rss>\n"
ATOM_CLOSING = b"</feed>\n"


def rss_head(
    *, title: str, page: str, description: str, self_href: str, mime: str, built: datetime
) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<rss xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n'
        "  <channel>\n"
        f"    <title>{text(title)}</title>\n"
        f"    <link>{text(page)}</link>\n"
        f"    <description>{text(description)}</description>\n"
        f'    <atom:link href="{attribute(self_href)}" rel="self" type="{attribute(mime)}"/>\n'
        "    <docs>http://www.rssboard.org/rss-specification</docs>\n"
        "    <generator>oursay</generator>\n"
        "    <language>en-GB</language>\n"
        f"    <lastBuildDate>{rfc2822(built)}</lastBuildDate>\n"
    ).encode()


def atom_head(
    *, feed_id: str, title: str, page: str, description: str, self_href: str, mime: str,
    built: datetime,
) -> bytes:  # fmt: skip
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">\n'
        f"  <id>{text(feed_id)}</id>\n"
        f"  <title>{text(title)}</title>\n"
        f"  <updated>{built.isoformat()}</updated>\n"
        "  <author>\n"
        "    <name>oursay</name>\n"
        "  </author>\n"
        f'  <link href="{attribute(self_href)}" rel="self" type="{attribute(mime)}"/>\n'
        f'  <link href="{attribute(page)}" rel="alternate"/>\n'
        "  <generator>oursay</generator>\n"
        f"  <subtitle>{text(description)}</subtitle>\n"
    ).encode()


class RenderedItem:
    """One record as feeds show it, with its XML per format written on first use."""

    __slots__ = ("_atom", "_rss", "_text", "categories", "content", "links", "summary", "title")

    def __init__(self, summary: ItemSummary, item_page: str | None) -> None:
        s = self.summary = summary
        self.title = (f"{s.council_name}: " if s.council_name else "") + s.title
        alternate = s.source_url or item_page
        links: list[tuple[str, str, str]] = []
        if alternate:
            links.append((alternate, "alternate", "text/html"))
        if item_page and item_page != alternate:
            links.append((item_page, "related", "text/html"))
        self.links = links
        self.content = item_html(s, item_page)
        categories: list[tuple[str, str]] = []
        if s.category_label:
            categories.append((s.category or "", s.category_label))
        if s.council_name:
            categories.append(((s.council_code or "").lower(), s.council_name))
        self.categories = categories
        self._rss: bytes | None = None
        self._atom: bytes | None = None
        self._text: tuple[str, str, str] | None = None

    def _escaped(self) -> tuple[str, str, str]:
        # Title, content (the largest text of a feed) and guid, escaped once for both formats.
        if self._text is None:
            self._text = (text(self.title), text(self.content), text(self.summary.guid))
        return self._text

    def rss(self) -> bytes:
        if self._rss is None:
            title, content, guid = self._escaped()
            link = self.links[0][0] if self.links and self.links[0][1] == "alternate" else None
            self._rss = _rss_item(
                title, link and text(link), content, guid,
                [text(label) for _, label in self.categories], self.summary.date,
            )  # fmt: skip
        return self._rss

    def atom(self) -> bytes:
        if self._atom is None:
            title, content, guid = self._escaped()
            s = self.summary
            self._atom = _atom_entry(
                guid, title, s.updated, content, self.links, self.categories, s.date
            )
        return self._atom
