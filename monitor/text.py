"""Text helpers: whitespace normalisation, sentence segments and section headings.

Evidence quotes must be exact substrings of the input after whitespace normalisation, so every
offset here is an offset into ``normalise(text)``. Line structure is read from the raw text
before it is flattened: council pages carry meaning in their lines (a ModernGov heading such as
"Consultation process" on a line of its own, bullet lists, "Other options considered:") and in
hard-wrapped PDF text, where a line break is just a space.

Long reports arrive page by page. :func:`analyse` takes the section a page starts in (the
state the previous page ended in, :attr:`Analysed.state`) so that an "Options considered"
section running over a page break keeps its kind, and it leaves out of the sentences the lines
that are not the report's prose: running headers and footers repeated on every page
(:func:`repeated_lines`), bare page numbers and table-of-contents lines. Left-out lines stay in
the normalised text, so offsets and quotes are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from monitor.headings import (
    _HEADING_NUMBER,
    _PARAGRAPH_NUMBER,
    _is_bare_heading,
    heading_kind,
)

__all__ = [
    "Analysed",
    "SectionState",
    "Segment",
    "analyse",
    "heading_kind",
    "line_key",
    "normalise",
    "quote_bounds",
    "repeated_lines",
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
    # "reasons", "decision", "purpose", "background", "procurement", "meta") or None before
    # any heading.
    section: str | None
    # True when the segment is a bare heading line ("Consultation process", "Options:").
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class SectionState:
    """Where a page ends: the kind of section it is in, and the numbers that can end it.

    ``number`` is the top-level number of the numbered part the section belongs to ("6" for
    "6. OPTIONS CONSIDERED" and for an unnumbered "Consultation process" sub-heading inside
    "5. CONSULTATION"); a later paragraph or heading numbered higher ("7.1 ...") ends the
    section even when its own heading is not one the monitor knows ("7. Next steps").
    ``part`` is the top-level number of the last numbered part seen.
    """

    section: str | None = None
    number: int | None = None
    part: int | None = None


@dataclass(frozen=True, slots=True)
class Analysed:
    norm: str
    segments: tuple[Segment, ...]
    # The section state at the end of the text, to start the next page of the same document.
    state: SectionState = SectionState()


# A line ending in sentence punctuation ends its block; a line ending in a connective word
# or a comma continues on the next line (hard-wrapped PDF and web text).
_HARD_END = re.compile(r"[.!?:;][\"'”’)]*$")  # the rule; _hard_end is its fast form
_CONNECTIVE_END = re.compile(
    r"(?:\b(?:and|or|of|the|to|in|for|with|a|an|by|on|at|as|from|that|which|be|is|are|was|"
    r"were|its|their|this|these|under|into|per|than|not|but|nor|such|our|his|her)|[,&(/–-])$",
    re.I,
)
# The longest text _CONNECTIVE_END can match ("which"): only a line's last characters are
# searched, not every position of a long line (tests check it against the pattern).
_CONNECTIVE_WIDTH = 5
_CLOSERS = "\"'”’)"


def _hard_end(line: str) -> bool:
    """``_HARD_END.search(line)`` without trying every position: the line's last character
    before closing quotes and brackets is sentence punctuation."""
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", ":", ";")


def _connective_end(line: str) -> bool:
    return _CONNECTIVE_END.search(line, max(0, len(line) - _CONNECTIVE_WIDTH)) is not None


_LIST_START = re.compile(
    r"^(?:[•·▪‣◦●■□✓♦◆➢➤►*–—-]\s|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,5}|[A-Z])[.)]\s|"
    # Numbered report paragraphs: "2.5 The current contract ..." starts a new paragraph.
    # "(a) ", "(iv) ", "(12) " but not a bracketed acronym that wraps to a new line ("(ECC) runs").
    r"\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})\)\s|\d{1,2}\.\d{1,2}\.?\s+(?=[A-Z‘'\"“(]|"
    # "1.2 to NOTE that ...": the numbered clauses of a resolution start in lower case.
    r"(?:to|that)\s))"
)
# Sentence ends: punctuation, then a capital, digit, bracket or bullet. Abbreviations that
# councils use before a capital ("Cllr. Smith", "No. 5") are guarded below.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9•·▪♦◆➢➤►])")
# (and the glyphs word processors give bullets: "♦ seek approval for ... ♦ advise on ...")
_INLINE_BULLETS = "•·▪♦◆➢➤►"
_INLINE_BULLET = re.compile(rf"\s(?=[{_INLINE_BULLETS}]\s)")
# Lettered items run together on one line: "(a) ... be noted; and (b) the contract be awarded".
_INLINE_ITEM = re.compile(r"(?<=;)\s+(?=(?:and |or )?\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s)")
_ABBREVIATIONS = frozenset(
    "cllr mr mrs ms dr no nos st e.g i.e etc para paras approx ltd co inc vs cf ref rev prof "
    "sq ft m.a cl reg incl excl nr dept govt pt".split()
)

# Lines that are not prose. A bare page number ("17", "Page 3 of 24", "- 3 -") at the top or
# bottom of a page; a table-of-contents line ("Consultation responses ........ 14",
# "Responses – Mill Lane centre 16" under a "Contents" heading), which names a
# section without being one.
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I
)
_CONTENTS = re.compile(r"^(?:table of )?contents?(?: page)?:?$|^index:?$", re.I)
_TOC_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}$|…+\s*\d{1,3}$")
_TOC_ENTRY = re.compile(r"\S\s+\d{1,3}$")
# How many lines at each end of a page can be a running header or footer.
_EDGE_LINES = 3


def line_key(line: str) -> str:
    """A line compared across pages: spacing and case ignored, every number alike (a running
    header carries the page number: "Exampleshire – Cabinet – 2", "... – 3")."""
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _edge_indices(n: int) -> set[int]:
    """Which of a page's ``n`` lines can be a running header or footer: up to three at each
    end, and fewer on a short page, whose middle is its text."""
    k = max(1, min(_EDGE_LINES, n // 3))
    return set(range(min(k, n))) | set(range(max(0, n - k), n))


def _edge_lines(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    return [lines[i] for i in sorted(_edge_indices(len(lines)))]


def repeated_lines(pages: Sequence[str]) -> frozenset[str]:
    """Keys (:func:`line_key`) of the running headers and footers of one document: lines at
    the top or bottom of at least half its pages (and of three pages or more)."""
    if len(pages) < 3:
        return frozenset()
    counts: dict[str, int] = {}
    for text in pages:
        for key in {line_key(line) for line in _edge_lines(text)}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(3, (len(pages) + 1) // 2)
    return frozenset(key for key, n in counts.items() if n >= needed)


# Not frozen: one is made per line of every page, and a frozen __init__ costs more.
@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    blank_before: bool
    # Not prose: a running header or footer, a bare page number, a table-of-contents entry.
    skip: bool = False
    # heading_kind(text), worked out once per line.
    kind: str | None = None


# A line at least this long, broken without a blank line, is a hard wrap (see _wrap_width).
_WRAP_AT = 70


def _wrap_width(lines: Sequence[_Line]) -> int:
    """Length from which a line counts as filled to the margin. Web text has one paragraph
    per line and keeps the default; PDF pages are wrapped at their column width, which is
    narrower in two-column layouts and tables (a 45-character column never reaches 70)."""
    lengths = sorted(len(line.text) for line in lines if not line.skip)
    if len(lengths) < 8:
        return _WRAP_AT
    # Nine lines in ten are no longer than a full line of the page's widest column.
    full = lengths[(len(lengths) - 1) * 9 // 10]
    return min(_WRAP_AT, full * 4 // 5)


def _joins(prev: _Line, nxt: _Line, wrap_at: int = _WRAP_AT) -> bool:
    """Whether the break between two lines is a wrap inside one sentence."""
    if nxt.skip or _hard_end(prev.text) or _LIST_START.match(nxt.text):
        return False
    if prev.kind or nxt.kind:
        return False
    # A table's next row, its first cell filled ("EN13  | Parks | Cemeteries ..."), starts
    # afresh; a row's wrapped cells ("| Disposal by long lease |") run on.
    if (
        nxt.text.count(" | ") >= 2
        and not nxt.text.lstrip().startswith("|")
        and (" | " in prev.text)
    ):
        return False
    if nxt.text[0].islower() or _connective_end(prev.text):
        return True
    # A long line broken without a blank line is a hard wrap; a short one is a title or a
    # field label ("Decision Maker: Cabinet").
    return not nxt.blank_before and len(prev.text) >= wrap_at


def _split_block(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one block of normalised text."""
    cuts = [start]
    block = norm[start:end]
    for m in _SENTENCE_BREAK.finditer(block):
        # The word before the break, found without copying the text before it (a long
        # paragraph has many breaks).
        space = block.rfind(" ", 0, m.start())
        # (an abbreviation opened in brackets too: "(approx. 1.9 ha)")
        before = block[space + 1 : m.start()].rstrip(".!?\"'”’)").lstrip("(\"'“‘[").lower()
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        # "1. Mill Lane Library": the number of a list item, not a sentence of its own (a
        # text with a space in it is not a number).
        if space == -1 and block[: m.start()].replace(".", "").isdigit():
            continue
        cuts.append(start + m.end())
    # Each pattern needs a character most blocks lack: a bullet, a semicolon. The sentence
    # breaks above come in order and once each; only these cuts need sorting in.
    more = len(cuts)
    # The bullets are not ASCII: str.isascii is a flag test, so most blocks skip the search.
    if not block.isascii() and any(bullet in block for bullet in _INLINE_BULLETS):
        for m in _INLINE_BULLET.finditer(block):
            cuts.append(start + m.end())
    if ";" in block:
        for m in _INLINE_ITEM.finditer(block):
            cuts.append(start + m.end())
    if len(cuts) > more:
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


def _skipped(texts: Sequence[str], repeated: Collection[str]) -> list[bool]:
    """For each line: whether it is a running header/footer, a page number or a contents
    line rather than prose."""
    n = len(texts)
    skip = [False] * n
    for i in _edge_indices(n):
        text = texts[i]
        if _PAGE_NUMBER.match(text):
            skip[i] = True
        elif repeated and line_key(text) in repeated and heading_kind(text) is None:
            # A heading that happens to open several pages ("Decision:") is still a heading.
            skip[i] = True
    in_contents = False
    for i, text in enumerate(texts):
        # Cheap tests first: every line of a long report passes through here.
        if text[-1].isdigit() and _TOC_LEADER.search(text):
            skip[i] = True
            continue
        if len(text) <= 24 and _CONTENTS.match(text):
            skip[i] = in_contents = True
            continue
        if not in_contents:
            continue
        # Under "Contents": entries end with a page number; a short unnumbered line is a group
        # title ("Survey results") when the entry after it is numbered.
        nxt = next((texts[k] for k in range(i + 1, n) if not skip[k]), "")
        if len(text) <= 100 and (
            _TOC_ENTRY.search(text)
            or (len(text) <= 60 and not _hard_end(text) and _TOC_ENTRY.search(nxt))
        ):
            skip[i] = True
        else:
            in_contents = False
    return skip


def _heading_at(lines: list[_Line], i: int) -> tuple[str | None, int]:
    """Kind of the heading starting at line ``i`` and how many lines it takes (1 or 2): PDF
    text splits long headings ("Alternative options considered and" / "rejected:")."""
    first = lines[i].text
    kind = lines[i].kind
    if kind or i + 1 >= len(lines) or lines[i + 1].skip:
        return kind, 1
    second = lines[i + 1].text
    # Only a short pair, or one ending like a heading field ("... rejected:"), is tried.
    if (
        not first[0].islower()
        and len(first) <= 100
        and not _hard_end(first)
        and (second.endswith(":") or len(first) + len(second) <= 80)
    ):
        kind = heading_kind(f"{first} {second}")
        if kind:
            return kind, 2
    return None, 1


def _is_numbered_part(lines: list[_Line], i: int, number: int) -> bool:
    """Whether line ``i`` ("4. Next steps") heads a numbered part: a short line whose next
    paragraph is numbered within it ("4.1 ..."). A numbered list ("1. Mill Lane", "2. ...") is
    not."""
    text = lines[i].text
    if len(text) > 80 or _hard_end(text) or len(text.split()) > 10:
        return False
    for k in range(i + 1, min(i + 4, len(lines))):
        if lines[k].skip:
            continue
        m = _PARAGRAPH_NUMBER.match(lines[k].text)
        return m is not None and int(m.group(1)) == number and m.group(2) is not None
    return False


def analyse(
    text: str,
    state: SectionState | None = None,
    repeated: Collection[str] = (),
) -> Analysed:
    """Normalise ``text`` and cut it into sentence segments that know their section.

    ``state`` is the section the text starts in (the previous page's
    :attr:`Analysed.state`); ``repeated`` holds the :func:`line_key` of running headers and
    footers (:func:`repeated_lines`), left out of the segments with bare page numbers and
    contents lines.
    """
    parts: list[str] = []
    blanks: list[bool] = []
    blank = False
    for raw in text.splitlines():
        words = raw.split()
        if not words:
            blank = True
            continue
        parts.append(" ".join(words))
        blanks.append(blank)
        blank = False
    norm = " ".join(parts)
    skip = _skipped(parts, repeated)
    lines: list[_Line] = []
    pos = 0
    for k, line in enumerate(parts):
        # Offsets into norm: each line is followed by the single space that joins it to the next.
        lines.append(
            _Line(
                pos,
                pos + len(line),
                line,
                blanks[k],
                skip[k],
                None if skip[k] else heading_kind(line),
            )
        )
        pos += len(line) + 1

    wrap_at = _wrap_width(lines)
    state = state or SectionState()
    section, number, part = state.section, state.number, state.part
    segments: list[Segment] = []
    i = 0
    while i < len(lines):
        first = lines[i]
        if first.skip:
            i += 1
            continue
        kind, heading_lines = _heading_at(lines, i)
        numbered = _PARAGRAPH_NUMBER.match(first.text) if first.text[0].isdigit() else None
        top = int(numbered.group(1)) if numbered else None
        if kind:
            own = _HEADING_NUMBER.match(first.text)
            own_number = int(own.group(1)) if own and own.group(1) else None
            section = kind
            # An unnumbered sub-heading ("Consultation Process") belongs to the numbered
            # part it sits in ("5. CONSULTATION").
            number = own_number if own_number is not None else part
            if own_number is not None:
                part = own_number
        elif top is not None:
            if number is not None and top > number:
                # "7.1 ..." or "7. Next steps" after "6. Options considered": a new part.
                section, number = None, None
            if (part is not None and top > part) or (
                numbered and numbered.group(2) is None and _is_numbered_part(lines, i, top)
            ):
                part = top
        j = i
        while j + 1 < len(lines) and _joins(lines[j], lines[j + 1], wrap_at):
            j += 1
        j = max(j, min(i + heading_lines - 1, len(lines) - 1))
        # The heading's text is only needed for a heading that stands alone.
        bare = (
            kind is not None
            and j == i + heading_lines - 1
            and _is_bare_heading(" ".join(line.text for line in lines[i : i + heading_lines]), kind)
        )
        for s, e in _split_block(norm, first.start, lines[j].end):
            segments.append(Segment(s, e, norm[s:e], section, bare))
        i = j + 1
    return Analysed(norm, tuple(segments), SectionState(section, number, part))


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
