"""Minutes and agenda packs cut into their items, so each item is judged on its own.

Full council or cabinet minutes and CMIS "agenda reports" packs hold several agenda items:
"12. Leisure services contract", "Minute 45/2025 ...", "Item 7: ...". An outsourcing decided in
one item must not borrow the consultation reported in another, nor the other way round, so
:func:`monitor.classify.classify_pages` assesses each item apart when a record is such a pack.

A record is read as a pack only when it has at least two item headings and at least two of its
items decide something of their own ("RESOLVED", "Decision:", "It was agreed", a "Minutes:"
field). A single report, whose numbered parts ("6. Options considered", "7. Next steps") hold
one recommendation between them, is never cut up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from monitor.text import heading_kind

__all__ = ["Item", "PageText", "split_items"]

PageText = tuple[str | None, int | None, str]

# An item heading as councils number them. Explicit markers first ("Item 7", "Agenda item
# 12:", "Minute 45/2025", "CAB 45/25", "Min. No. 12"), then a bare number before a short
# title ("12. Leisure services contract", "46 LEISURE CONTRACT OPTIONS").
_MARKED = re.compile(
    r"^(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?\d{1,3}[a-z]?|"
    r"min(?:ute)?s?\.?\s+(?:no\.?\s*)?\d{1,4}(?:/\d{2,4})?|"
    r"[A-Z]{1,5}\s?\d{1,4}/\d{2,4}|\d{1,4}/\d{2,4})\b\s*[:.\-–—]?\s*(?P<title>.*)$",
    re.I,
)
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.?\s+(?P<title>[A-Z(‘'\"“][^.;:!?]{2,100})$")
# An item heading names its matter in a few words; a longer line is prose ("109/2009 The
# Cabinet agreed to the contract being awarded to ...").
_MAX_HEADING_WORDS = 14
# What makes an item decide on its own: a resolution, a "Decision(s):" field or a ModernGov
# "Minutes:" field that records what the meeting did.
_DECIDES = re.compile(
    r"\bRESOLVED\b|\b(?:it was|was|were) (?:resolved|agreed|approved)\b|"
    r"^\s*(?:decisions?(?: made)?|minutes|resolved|agreed)\s*:|"
    r"\b(?:cabinet|committee|council|executive|sub-committee|panel|board) "
    r"(?:resolved|agreed|approved|decided|noted)\b",
    re.I | re.M,
)
_MIN_ITEMS = 2


@dataclass
class Item:
    """One agenda item: its heading line (``None`` for what precedes the first item, such as
    the attendance list) and its text, page by page, so quotes keep document and page."""

    heading: str | None
    pages: list[PageText] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(text for _, _, text in self.pages)


def item_heading(line: str) -> str | None:
    """The item heading a line states, if it is one: a short numbered line that is not a
    report's own section heading ("6. Options considered")."""
    line = " ".join(line.split())
    if not line or len(line.split()) > _MAX_HEADING_WORDS or heading_kind(line) is not None:
        return None
    m = _MARKED.match(line)
    if m:
        title = m.group("title")
        # "Minute 45/2025" alone, or with a short title; never a sentence.
        return line if not title or not title.rstrip().endswith(".") else None
    m = _NUMBERED.match(line)
    if m is not None and heading_kind(m.group("title")) is None:
        return line
    return None


def _cut(pages: Sequence[PageText]) -> list[Item]:
    items = [Item(None)]
    for document, page, text in pages:
        lines = text.splitlines(keepends=True)
        start = 0
        for k, line in enumerate(lines):
            heading = item_heading(line)
            if heading is None:
                continue
            if k > start:
                items[-1].pages.append((document, page, "".join(lines[start:k])))
            items.append(Item(heading))
            start = k
        if start < len(lines):
            items[-1].pages.append((document, page, "".join(lines[start:])))
    return [item for item in items if item.heading is not None or item.pages]


def split_items(pages: Sequence[PageText]) -> list[Item]:
    """The agenda items of a record, or one item holding every page when the record is not a
    pack of items (fewer than two item headings, or fewer than two items that decide)."""
    items = _cut(pages)
    headed = [item for item in items if item.heading is not None]
    deciding = [item for item in headed if _DECIDES.search(item.text())]
    if len(headed) < _MIN_ITEMS or len(deciding) < _MIN_ITEMS:
        return [Item(None, list(pages))]
    return items
