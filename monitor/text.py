"""Text helpers: whitespace normalisation, sentence segments and section headings.

Evidence quotes must be exact substrings of the input after whitespace normalisation, so every
offset here is an offset into ``normalise(text)``. Line structure is read from the raw text
before it is flattened: council pages carry meaning in their lines (a ModernGov heading such as
"Consultation process" on a line of its own, bullet lists, "Other options considered:") and in
hard-wrapped PDF text, where a line break is just a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Analysed",
    "Segment",
    "analyse",
    "heading_kind",
    "normalise",
    "quote_bounds",
]


def normalise(text: str) -> str:
    """Collapse every run of whitespace (newlines, tabs, no-break spaces) to one space."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence or list item: ``norm[start:end] == text``."""

    start: int
    end: int
    text: str
    # Kind of the section heading this segment sits under ("options", "consultation",
    # "reasons", "decision", "purpose", "procurement", "meta") or None before any heading.
    section: str | None
    # True when the segment is a bare heading line ("Consultation process", "Options:").
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Analysed:
    norm: str
    segments: tuple[Segment, ...]


# Headings as councils write them: ModernGov decision pages ("Alternative options considered
# and rejected", "Reasons for decision", "Consultation process"), committee reports
# ("Options appraisal", "Procurement route") and key:value metadata lines. A heading must
# start the line and be followed by a colon, a dash or the end of the line, so that prose
# such as "Consultation has been undertaken with users" is never taken for a heading.
_END = r"\s*(?::-?|-|–|—|$)"
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "options",
        re.compile(
            r"^(?:details of |summary of )?(?:any |the )?(?:other |alternative |further )?"
            r"(?:options?|alternatives?)(?: (?:appraisal|analysis|considered|available|"
            r"explored|reviewed|assessed|that have been considered))?"
            r"(?: (?:and|&) (?:rejected|discounted|dismissed|not pursued))?"
            r"(?: by (?:the )?[\w ]{1,40})?" + _END,
            re.I,
        ),
    ),
    (
        "consultation",
        re.compile(
            r"^(?:details of )?(?:any )?(?:public )?(?:consultations?|consultees?|engagement)"
            r"(?: (?:process|undertaken|carried out|and engagement|and communications?|"
            r"responses?|feedback|outcomes?|plan|summary|with \w+(?: \w+)?))?"
            + _END
            # "... and other consultation" (report headings that name several sources)
            + r"|^[\w ,]{0,60}\band (?:other )?consultations?"
            + _END,
            re.I,
        ),
    ),
    (
        "reasons",
        re.compile(
            r"^(?:considerations ?/ ?)?(?:reasons?|rationale)(?: for (?:the )?"
            r"(?:decisions?|recommendations?|proposals?))?" + _END,
            re.I,
        ),
    ),
    (
        "decision",
        re.compile(
            r"^(?:decisions?(?: made| taken)?|decision\(s\) recommended|resolved|"
            r"recommendations?|it was resolved|the (?:cabinet|committee|executive) resolved|"
            r"delegated decision)" + _END,
            re.I,
        ),
    ),
    (
        "purpose",
        re.compile(
            r"^(?:purpose(?: of (?:the )?report)?|summary|background|introduction|"
            r"brief description of decision)" + _END,
            re.I,
        ),
    ),
    ("procurement", re.compile(r"^procurement (?:route|strategy|options|process)" + _END, re.I)),
    (
        "meta",
        re.compile(
            r"^(?:report author|publication date|date of decision|decided at meeting|"
            r"effective from|officers to action|exempt information|details of any conflict|"
            r"lead member|lead director|contact|department|decision type|decision status|"
            r"decision maker|decision due|decision title|is key decision\??|"
            r"is subject to call in\??|is callable in\??|wards? affected|"
            r"accompanying documents|supporting documents|additional documents|minutes|"
            r"implementation of decisions?|notice of proposed decision first published|"
            r"anticipated restriction|original text|financial implications|legal implications|"
            r"risk (?:management|implications)|equalit(?:y|ies)(?: impact)?(?: implications)?|"
            r"portfolio holder|cabinet member|specific delegation)\b\s*(?::|-|–|\?|$)",
            re.I,
        ),
    ),
)


def heading_kind(line: str) -> str | None:
    """Kind of section heading that starts ``line``, if any (short lines only)."""
    if len(line) > 160:
        return None
    for kind, pattern in _HEADINGS:
        if pattern.match(line):
            return kind
    return None


def _is_bare_heading(line: str) -> bool:
    """A heading with nothing after it on the line (an empty template field looks like this)."""
    stripped = line.rstrip(" :-–—")
    return (
        heading_kind(line) is not None
        and len(stripped) <= 80
        and not re.search(r"[:–—-]\s*\S", line)
    )


# A line ending in sentence punctuation ends its block; a line ending in a connective word
# or a comma continues on the next line (hard-wrapped PDF and web text).
_HARD_END = re.compile(r"[.!?:;][\"'”’)]*$")
_CONNECTIVE_END = re.compile(
    r"(?:\b(?:and|or|of|the|to|in|for|with|a|an|by|on|at|as|from|that|which|be|is|are|was|"
    r"were|its|their|this|these|under|into|per|than|not|but|nor|such|our|his|her)|[,&(/–-])$",
    re.I,
)
_LIST_START = re.compile(
    r"^(?:[•·▪‣◦●■□✓*–—-]\s|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,5}|[A-Z])[.)]\s|"
    r"\(\w{1,4}\)\s)"
)
# Sentence ends: punctuation, then a capital, digit, bracket or bullet. Abbreviations that
# councils use before a capital ("Cllr. Smith", "No. 5") are guarded below.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9•·▪])")
_INLINE_BULLET = re.compile(r"\s(?=[•·▪]\s)")
# Lettered items run together on one line: "(a) ... be noted; and (b) the contract be awarded".
_INLINE_ITEM = re.compile(r"(?<=;)\s+(?=(?:and |or )?\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s)")
_ABBREVIATIONS = frozenset(
    "cllr mr mrs ms dr no nos st e.g i.e etc para paras approx ltd co inc vs cf ref rev prof "
    "sq ft m.a cl reg".split()
)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool


def _joins(prev: _Line, nxt: _Line) -> bool:
    """Whether the break between two lines is a wrap inside one sentence."""
    if _HARD_END.search(prev.text) or _LIST_START.match(nxt.text):
        return False
    if heading_kind(prev.text) or heading_kind(nxt.text):
        return False
    if nxt.text[0].islower() or _CONNECTIVE_END.search(prev.text):
        return True
    # A long line broken without a blank line is a hard wrap; a short one is a title or a
    # field label ("Decision Maker: Cabinet").
    return not nxt.blank_before and len(prev.text) > 70


def _split_block(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one block of normalised text."""
    cuts = [start]
    block = norm[start:end]
    for m in _SENTENCE_BREAK.finditer(block):
        before = block[: m.start()].rsplit(" ", 1)[-1].rstrip(".!?\"'”’)").lower()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        cuts.append(start + m.end())
    for m in _INLINE_BULLET.finditer(block):
        cuts.append(start + m.end())
    for m in _INLINE_ITEM.finditer(block):
        cuts.append(start + m.end())
    cuts = sorted(set(cuts))
    spans = []
    for i, s in enumerate(cuts):
        e = cuts[i + 1] if i + 1 < len(cuts) else end
        # Drop the separating space(s) at the end of each span.
        while e > s and norm[e - 1] == " ":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def analyse(text: str) -> Analysed:
    """Normalise ``text`` and cut it into sentence segments that know their section."""
    parts: list[str] = []
    lines: list[_Line] = []
    pos = 0
    blank = False
    for raw in text.splitlines():
        words = raw.split()
        if not words:
            blank = True
            continue
        line = " ".join(words)
        if parts:
            pos += 1  # the single space that joins lines in the normalised text
        lines.append(_Line(pos, pos + len(line), line, blank))
        parts.append(line)
        pos += len(line)
        blank = False
    norm = " ".join(parts)

    segments: list[Segment] = []
    section: str | None = None
    i = 0
    while i < len(lines):
        first = lines[i]
        kind = heading_kind(first.text)
        if kind:
            section = kind
        j = i
        while j + 1 < len(lines) and _joins(lines[j], lines[j + 1]):
            j += 1
        bare = kind is not None and i == j and _is_bare_heading(first.text)
        for s, e in _split_block(norm, first.start, lines[j].end):
            segments.append(Segment(s, e, norm[s:e], section, bare))
        i = j + 1
    return Analysed(norm, tuple(segments))


def quote_bounds(
    norm: str, seg_start: int, seg_end: int, m_start: int, m_end: int, limit: int = 300
) -> tuple[int, int]:
    """Span of a readable quote around a match: the whole sentence when short enough,
    otherwise a window of about ``limit`` characters cut at word boundaries."""
    if seg_end - seg_start <= limit:
        s, e = seg_start, seg_end
    else:
        slack = max(0, limit - (m_end - m_start))
        s = max(seg_start, m_start - slack // 2)
        e = min(seg_end, m_end + slack - (m_start - s))
        if s > seg_start:
            space = norm.find(" ", s, m_start)
            s = space + 1 if space != -1 else s
        if e < seg_end:
            space = norm.rfind(" ", m_end, e)
            e = space if space != -1 else e
    # Trim list punctuation that only joins the quote to the next item.
    while e > s and norm[e - 1] in " ;,":
        e -= 1
    while s < e and norm[s] == " ":
        s += 1
    return s, e
