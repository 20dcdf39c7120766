"""Parsing helpers shared by the council spiders (module level, so that tests and the CMIS
spider can use them): text of a selection, ModernGov label/value fields and document lists,
query arguments. Dates live in ``crawlers/dates.py``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from lxml import etree
from parsel import Selector
from w3lib.url import safe_url_string

from crawlers.documents import html_to_text
from crawlers.spiders.base import parse_when
from crawlers.urls import canonical_url


def local_midnight(day: date | None) -> datetime | None:
    return parse_when(day) if day else None


def text_of(selection: Any) -> str:
    """Whitespace-collapsed text of a parsel selection."""
    return " ".join(" ".join(selection.xpath(".//text()").getall()).split())


def mg_fields(content: Selector) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a ModernGov content block in page order: ``<p><span
    class="mgLabel">Label: </span>value</p>`` and ``<h3 class="mgSubSubTitleTxt">Label:
    </h3>`` followed by its text block."""
    fields: list[tuple[str, str]] = []
    for node in content.xpath(
        ".//p[span[contains(@class, 'mgLabel')]] | .//h3[contains(@class, 'mgSubSubTitleTxt')]"
    ):
        tag = node.root.tag
        if tag == "p":
            label = text_of(node.xpath("./span[contains(@class, 'mgLabel')][1]"))
            copy = etree.fromstring(etree.tostring(node.root))
            for span in copy.xpath("./span[contains(@class, 'mgLabel')][1]"):
                tail = span.tail
                parent = span.getparent()
                parent.remove(span)
                if tail:
                    parent.text = (parent.text or "") + tail
            value = html_to_text(copy)
        else:
            label = text_of(node)
            block = node.xpath("following-sibling::*[1]")
            if not block or block[0].root.tag in ("h2", "h3"):
                continue
            value = html_to_text(block[0].root)
        label = label.strip().rstrip(":").strip()
        if label:
            fields.append((label, value.strip()))
    return fields


_DOC_PATH = re.compile(
    r"/documents/|mgconvert2pdf\.aspx|document\.ashx|\.(pdf|docx?|xlsx?|rtf|odt|txt|html?|pptx?)$",
    re.IGNORECASE,
)


def document_links(container: Selector | Iterable[Selector], page_url: str) -> list[dict[str, Any]]:
    """Documents in ModernGov bullet lists: ``url``, ``title`` (without the size note) and
    ``size`` ("PDF 119 KB"). Links to other pages (decisions, meetings) are left out."""
    found: dict[str, dict[str, Any]] = {}
    selections = [container] if isinstance(container, Selector) else list(container)
    for selection in selections:
        for link in selection.xpath(".//ul[contains(@class, 'mgBulletList')]//a[@href]"):
            href = link.attrib["href"].strip()
            # One document linked as x.pdf, x.pdf#search="…" and x.pdf#page=2 is stored once.
            url = canonical_url(safe_url_string(urljoin(page_url, href)))
            if not _DOC_PATH.search(urlsplit(url).path.lower()):
                continue
            size = text_of(link.xpath(".//span[contains(@class, 'mgFileSize')]")) or None
            title_parts = link.xpath(
                "./text() | .//*[not(ancestor-or-self::span[contains(@class, 'mgFileSize')])]"
                "/text()"
            ).getall()
            title = " ".join(" ".join(title_parts).split()) or url.rsplit("/", 1)[-1]
            found.setdefault(url, {"url": url, "title": title, "size": size})
    return list(found.values())


def fields_text(fields: Iterable[tuple[str, str]]) -> str:
    """The plain-text description: one ``Label: value`` line per field (values that span
    paragraphs keep their line breaks)."""
    return "\n".join(f"{label}: {value}" for label, value in fields if value)


def yes_no(value: str | None) -> bool | None:
    text = (value or "").strip().lower()
    if text.startswith("yes"):
        return True
    if text.startswith("no"):
        return False
    return None


def query_arg(url: str, name: str) -> str | None:
    for key, values in parse_qs(urlsplit(url).query).items():
        if key.lower() == name.lower() and values:
            return values[0]
    return None
