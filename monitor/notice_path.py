"""The procurement-notice path: a notice's type, the sentence that says it is for a
service, the structural decision (:mod:`monitor.notices`) and the facts read from its text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from monitor import notice_text as NT
from monitor import notices as N
from monitor import rules as R
from monitor.engine import _Chunk, _Hit
from monitor.text import Segment

# Find a Tender pages print the type as "UK4: Tender notice - Procurement Act 2023".
_NOTICE_TYPE_IN_TEXT = re.compile(r"\bUK(\d{1,2})\s*[:\-–]\s*[A-Z]")
_CPV_LINE = re.compile(r"\b\d{8}(?:-\d)?\b")
_BUYER_FIELD = re.compile(
    r"^\W*(?:i\.\d\)\s*)?(?:main activity|type of (?:the )?contracting authority|"
    r"contracting authority|name and addresses)\b"
    # (nor a contact line: "Contact: Property Services")
    r"|^\W*(?:contact(?: point| details| name)?|enquiries|address|department)\s*:",
    re.I,
)


# The Procurement Act 2023 notice names (Find a Tender; the Procurement Regulations 2024),
# printed as a notice page's first line: "Procurement termination notice".
_NOTICE_NAMES = {
    "pipeline notice": "UK1",
    "preliminary market engagement notice": "UK2",
    "planned procurement notice": "UK3",
    "tender notice": "UK4",
    "transparency notice": "UK5",
    "contract award notice": "UK6",
    "contract details notice": "UK7",
    "payments compliance notice": "UK8",
    "contract performance notice": "UK9",
    "contract change notice": "UK10",
    "contract termination notice": "UK11",
    "procurement termination notice": "UK12",
    "dynamic market notice - establishment": "UK13",
    "dynamic market notice – establishment": "UK13",
}
_NOTICE_NAME_START = re.compile(
    r"\s*(?:UK\d{1,2}\s*[:\-–]?\s*)?(?P<name>" + "|".join(map(re.escape, _NOTICE_NAMES)) + r")\b",
    re.I,
)


def _printed_notice_type(chunks: Sequence[_Chunk]) -> str | None:
    """The type a text prints at its very start ("UK6: Contract award notice"), for records
    not known to be notices: only a text that opens with it is one."""
    for chunk in chunks[:2]:
        m = _NOTICE_TYPE_IN_TEXT.match(chunk.analysed.norm.lstrip())
        if m:
            return f"UK{m.group(1)}"
    return None


def _notice_type(notice_type: str | None, chunks: Sequence[_Chunk]) -> str | None:
    if notice_type and notice_type.strip():
        value = notice_type.strip().upper().replace(" ", "")
        return value if value.startswith("UK") else f"UK{value}"
    for chunk in chunks:
        m = _NOTICE_TYPE_IN_TEXT.search(chunk.analysed.norm)
        if m:
            # A code and a name that disagree ("UK12: Dynamic market notice - establishment"):
            # the name is what the page says in words, and is what a reader goes by.
            named = _NOTICE_NAME_START.match(chunk.analysed.norm, m.start())
            if named:
                return _NOTICE_NAMES[" ".join(named.group("name").lower().split())]
            return f"UK{m.group(1)}"
    # Else the name the notice's own text starts with.
    for chunk in chunks[:2]:
        m = _NOTICE_NAME_START.match(chunk.analysed.norm)
        if m:
            return _NOTICE_NAMES[" ".join(m.group("name").lower().split())]
    return None


def _notice_hits(
    chunks: Sequence[_Chunk], service_head: str | None = None, title: str | None = None
) -> list[_Hit]:
    """The sentence that says a procurement notice is for a service (goods and works are set
    aside later by the same false friends as decisions). ``service_head`` is the head of the
    notice's title when it names a service ("Treatment Service"): the sentence that holds it
    is the last resort."""
    for chunk in chunks:
        for seg in chunk.analysed.segments:
            # (not a line of the code list: "Meals-on-wheels services - 55521100" is the CPV
            # code's label, which the structural decision has read already)
            if _CPV_LINE.search(seg.text) and len(seg.text) < 160:
                continue
            # (nor the buyer's own description: "I.5) Main activity: General public services")
            if _BUYER_FIELD.match(seg.text):
                continue
            m = R.NOTICE_SERVICE_SUBJECT.search(seg.text)
            if m:
                return [_service_hit(chunk, seg, m.start(), m.end())]
    # A notice's title (its first sentence, or the title its fields give) may name the
    # service with one word: "Running of Ballywalter Holiday and Touring Park".
    for chunk in chunks[:1]:
        for seg in chunk.analysed.segments[:1]:
            m = R.NOTICE_TITLE_SERVICE.search(seg.text)
            if m:
                return [_service_hit(chunk, seg, m.start(), m.end())]
    if title and R.NOTICE_TITLE_SERVICE.search(title):
        for chunk in chunks:
            for seg in chunk.analysed.segments:
                start = seg.text.find(title)
                if start >= 0:
                    return [_service_hit(chunk, seg, start, start + len(title))]
    if service_head:
        for chunk in chunks:
            for seg in chunk.analysed.segments:
                start = seg.text.find(service_head)
                if start >= 0:
                    return [_service_hit(chunk, seg, start, start + len(service_head))]
    return []


def _service_hit(chunk: _Chunk, seg: Segment, start: int, end: int) -> _Hit:
    return _Hit("procurement_notice_service", R.OUTSOURCING, False, chunk, seg, start, end)


def _notice_structure(
    notice: N.NoticeFacts | None, notice_type: str | None
) -> N.StructuralDecision | None:
    """The structural decision for a notice (from its stored release, or read from its text);
    None for a record that is no notice."""
    if notice is None:
        return None
    if notice.notice_type is None and notice_type:
        notice = replace(notice, notice_type=notice_type)
    return N.decide(notice)


def _read_notice(
    pages: Sequence[tuple[str | None, int | None, str]],
    title: str | None,
    doc_type: str | None,
    notice: N.NoticeFacts | None,
) -> N.NoticeFacts | None:
    """A notice's facts: its stored release's, completed from its text where the release
    states no category and no CPV code; a notice given as text only (a procurement case, or a
    text that prints notice headings) is read from its text (monitor.notice_text)."""
    texts = [text for _, _, text in pages if text]
    if notice is not None:
        if (notice.categories or notice.cpvs) and notice.title:
            return notice
        return N.with_text(notice, NT.notice_from_text(texts, title))
    if NT.reads_as_notice((doc_type or "").strip().lower() or None, texts):
        return NT.notice_from_text(texts, title)
    return None
