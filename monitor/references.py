"""The parts of a paper that its decision adopts by reference: "approves the savings and
income proposals set out in Appendix 3 (lines SAV-01 to SAV-22)", "to undertake the process
described in paragraphs 3.7 to 3.10", "agrees the approach in section 6".

A long paper's background is only background, but a paragraph the decision points to is
part of what is decided: "7.2 Proposal SAV-14: ... The proposal is to let a contract for these
services" is decided when the recommendation approves lines SAV-01 to SAV-22. The paragraph a
sentence belongs to is the last numbered paragraph before it ("7.2 ..."), and a line code
("SAV-14", "ASC 07") counts wherever that paragraph names it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from monitor import rules as R
from monitor.engine import _Chunk

# A decision that approves what another part of the paper sets out.
_ADOPTS = re.compile(
    r"\b(?:approv\w*|agree\w*|adopt\w*|endors\w*|implement\w*|undertake|proceed\w* with)\b"
    r"(?P<what>[^.;]{0,120}?)\b(?:set out|described|detailed|listed|contained|shown|summarised|"
    r"outlined|"
    r"identified)(?: in| at| within| under)? (?:the |this )?(?:report(?:'s|’s)? )?"
    r"(?P<ref>(?:paragraphs?|sections?|appendix|appendices|annex|schedule|table|lines?)\b"
    r"(?:[^;]|\.(?=\d)){0,90})",
    re.I,
)
# What a strategy or policy sets out is its content, not steps it takes: "approves the
# Commissioning Strategy set out in section 4" adopts no tender the strategy describes.
_POLICY_DOCUMENT = re.compile(
    r"\b(?:strateg\w*|polic(?:y|ies)|plans?|vision|framework|priorities|principles|charter)\b", re.I
)
# "paragraphs 3.7 to 3.10", "paragraph 4.7", "sections 6 and 7"
_PARAGRAPHS = re.compile(
    r"\b(?:paragraphs?|paras?\.?|sections?)\s+(?P<first>\d{1,2}(?:\.\d{1,2}){0,3})"
    r"(?:\s*(?:to|-|–|and)\s*(?P<last>\d{1,2}(?:\.\d{1,2}){0,3}))?",
    re.I,
)
# "lines SAV-01 to SAV-22", "SAV-14", "(ASC 03–ASC 07)"
_CODES = re.compile(
    r"\b(?P<prefix>[A-Z]{2,5})[- ]?(?P<first>\d{1,3})\b(?:\s*(?:to|-|–)\s*(?:(?P=prefix)[- ]?)?"
    r"(?P<last>\d{1,3})\b)?"
)
# A paragraph's own number at the start of its first sentence: "7.2 Proposal SAV-14: ...".
_PARAGRAPH_NUMBER = re.compile(r"^\W*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")
# How many sentences after its numbered first sentence still belong to a paragraph.
_PARAGRAPH_SENTENCES = 8


def _number(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _within(number: tuple[int, ...], first: tuple[int, ...], last: tuple[int, ...]) -> bool:
    # "section 6" holds 6.1, 6.2 ...; a range compares paragraph numbers of the same depth.
    if first == last:
        return number[: len(first)] == first
    return first <= number[: len(last)] <= last


# "Appendix B", "appendices 2 and 3": the appendices a decision adopts.
_APPENDICES = re.compile(
    r"\bappendi(?:x|ces)\s+(?P<first>[A-Z]|\d{1,2})\b(?:\s*(?:and|&|,|to|-|–)\s*"
    r"(?P<second>[A-Z]|\d{1,2})\b)?",
    re.I,
)
# An appendix's own heading: "Appendix B – Procurement Strategy: Recommendations".
_APPENDIX_HEADING = re.compile(r"^\W*(?:appendix|annex)\s+(?P<id>[A-Z]|\d{1,2})\b", re.I)
_APPENDIX_HEADING_WORDS = 15
# How many sentences of an appendix are read as adopted (an appendix runs to the next one).
_APPENDIX_SENTENCES = 60


class _References:
    def __init__(self) -> None:
        self.paragraphs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        self.codes: list[tuple[str, int, int]] = []
        self.appendices: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.paragraphs or self.codes or self.appendices)

    def add(self, ref: str) -> None:
        for m in _APPENDICES.finditer(ref):
            self.appendices.update(
                part.upper() for part in (m.group("first"), m.group("second")) if part
            )
        for m in _PARAGRAPHS.finditer(ref):
            first = _number(m.group("first"))
            last = _number(m.group("last")) if m.group("last") else first
            self.paragraphs.append((first, last))
        for m in _CODES.finditer(ref):
            first = int(m.group("first"))
            last = int(m.group("last")) if m.group("last") else first
            self.codes.append((m.group("prefix"), first, last))

    def names_paragraph(self, number: tuple[int, ...]) -> bool:
        return any(_within(number, first, last) for first, last in self.paragraphs)

    def names_code_in(self, text: str) -> bool:
        for m in _CODES.finditer(text):
            value = int(m.group("first"))
            if any(
                prefix == m.group("prefix") and first <= value <= last
                for prefix, first, last in self.codes
            ):
                return True
        return False


def _adopted_references(chunks: Iterable[_Chunk]) -> _References:
    refs = _References()
    for chunk in chunks:
        for seg in chunk.analysed.segments:
            if seg.section != "decision" and R.DECISION_SENTENCE.search(seg.text) is None:
                continue
            for m in _ADOPTS.finditer(seg.text):
                if not _POLICY_DOCUMENT.search(m.group("what")):
                    refs.add(m.group("ref"))
    return refs


def adopted_segments(chunks: Sequence[_Chunk]) -> frozenset[int]:
    """The sentences (by ``id``) that sit in a paragraph a deciding sentence adopts by its
    number or by a line code it names."""
    refs = _adopted_references(chunks)
    if not refs:
        return frozenset()
    adopted: set[int] = set()
    # (an appendix the decision adopts runs from its heading to the next appendix's, across
    # pages: "Appendix B – Procurement Strategy: Recommendations / B1. That ... be instructed
    # to undertake an open tender")
    appendix_left = 0
    for chunk in chunks:
        number: tuple[int, ...] | None = None
        lead = ""
        left = 0
        for seg in chunk.analysed.segments:
            heading = _APPENDIX_HEADING.match(seg.text)
            if heading is not None and len(seg.text.split()) <= _APPENDIX_HEADING_WORDS:
                adopts = heading.group("id").upper() in refs.appendices
                appendix_left = _APPENDIX_SENTENCES if adopts else 0
            elif appendix_left > 0:
                appendix_left -= 1
                adopted.add(id(seg))
            m = _PARAGRAPH_NUMBER.match(seg.text)
            if m is not None:
                number, lead, left = _number(m.group(1)), seg.text, _PARAGRAPH_SENTENCES
            elif left > 0:
                left -= 1
            else:
                number, lead = None, ""
            in_paragraph = number is not None and refs.names_paragraph(number)
            if in_paragraph or (refs.codes and refs.names_code_in(f"{lead} {seg.text}")):
                adopted.add(id(seg))
    return frozenset(adopted)
