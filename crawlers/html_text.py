"""Readable plain text of HTML: council pages and HTML attachments alike.

One line per block element, whitespace inside a block collapsed, scripts and styles
dropped; parsed with lxml in libxml2's "huge" mode, and walked without recursion.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

# libxml2's default limits (text nodes of 10 MB, 256 levels of nesting) silently drop the
# rest of a document; its "huge" mode raises them to 1 GB and 2,048 levels, which bounds
# nothing a download (DOWNLOAD_MAXSIZE) can hold except depth. Past 2,048 levels the
# extraction is recorded as failed with the reason, never as an empty "ok".
HTML_MAX_DEPTH = 2048

# Table cells are not blocks here: one line per table row reads better.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot",
    "thead", "tr", "ul",
}  # fmt: skip


def html_to_text(markup: str | bytes | etree._Element, *, base_url: str | None = None) -> str:
    """Readable plain text of an HTML fragment or page: one line per block element,
    whitespace inside a block collapsed (Word-exported HTML is hard-wrapped mid-sentence),
    scripts and styles dropped. Lenient: what libxml2 cannot read past its limits (see
    ``HTML_MAX_DEPTH``) is left out; ``crawlers.extract.html_document_text`` says so instead."""
    if isinstance(markup, str | bytes):
        if not markup.strip():
            return ""
        root, _ = parse_html(markup)
    else:
        root = markup
    return element_text(root)


# libxml2 errors after which the tree holds only part of the document.
_PARSER_LIMIT_ERRORS = ("ERR_RESOURCE_LIMIT", "ERR_NO_MEMORY")


def parse_html(markup: str | bytes) -> tuple[Any, str | None]:
    """The parsed tree, and the message of a parser limit it hit (else ``None``)."""
    # A parser per call: lxml parsers are not shared between threads, and each call's
    # error log must be its own.
    parser = lxml_html.HTMLParser(huge_tree=True)
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        parser = lxml_html.HTMLParser(huge_tree=True)
        root = lxml_html.document_fromstring(markup, parser=parser)
    limits = [e.message for e in parser.error_log if e.type_name in _PARSER_LIMIT_ERRORS]
    # "Excessive depth in document: 2048, use XML_PARSE_HUGE option": the advice is libxml2's
    # to programmers (and already taken), not the reason.
    return root, (re.split(r",\s*(?:use|try)\b", limits[0])[0].strip() if limits else None)


def element_text(root: Any) -> str:
    """Plain text of a parsed tree: one line per block element (see ``html_to_text``)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    # Walked with a stack, not recursion: documents nest deeper than Python's call stack.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, leaving = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if leaving:
            if block:
                flush()
            if element.tail:
                current.append(element.tail)
            continue
        if tag in ("script", "style", "noscript", "head", "title"):
            if element.tail:
                current.append(element.tail)
            continue
        if block:
            flush()
        if tag in ("td", "th"):
            current.append(" ")
        if element.text and tag:
            current.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    flush()
    return "\n".join(lines)
