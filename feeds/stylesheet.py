"""The XSLT stylesheet that makes a feed opened in a browser explain itself.

Every feed names it in an ``<?xml-stylesheet?>`` processing instruction; feed readers ignore
it, browsers render the feed through it: what the feed is, how to follow it (its address
for a feed reader, and e-mail alerts where the web app serves it) and the items. The static
site (``oursay feeds --out``) has no server to take subscriptions, so its copy leaves the
e-mail form out.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

STYLESHEET_PATH = "feeds/feed.xsl"
STYLESHEET_TYPE = "text/xsl"
_SOURCE = Path(__file__).resolve().parent / "data" / "feed.xsl"
# The e-mail part of the stylesheet sits between these comments.
_EMAIL_START = b"<!-- e-mail alerts -->"
_EMAIL_END = b"<!-- /e-mail alerts -->"


def with_stylesheet(document: bytes, href: str) -> bytes:
    """``document`` with the processing instruction after its XML declaration."""
    return b"".join(stylesheet_parts(document, href))


def stylesheet_parts(head: bytes, href: str) -> list[bytes]:
    """The start of a document (at least its XML declaration) as parts to join, with the
    processing instruction after the declaration: a feed's items can then be joined with
    them once, instead of the whole document being copied again to insert it."""
    declaration, newline, rest = head.partition(b"\n")
    if not declaration.startswith(b"<?xml"):
        raise ValueError("a feed starts with its XML declaration")
    href_attr = href.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    instruction = f'<?xml-stylesheet type="{STYLESHEET_TYPE}" href="{href_attr}"?>'
    return [declaration, newline, instruction.encode(), b"\n", rest]


@cache
def stylesheet_bytes(*, email: bool) -> bytes:
    """The stylesheet; ``email`` keeps the subscribe-by-e-mail form (the web app's copy)."""
    text = _SOURCE.read_bytes()
    if email:
        return text
    start, end = text.index(_EMAIL_START), text.index(_EMAIL_END) + len(_EMAIL_END)
    return text[:start] + text[end:]
