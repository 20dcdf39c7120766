"""Where in a record a match sits: the parts that decide, and what the whole record is about.

Outsourcing or a sale must be decided or formally proposed in the parts of a record that decide
(the title or item heading, "Decision" / "Recommendations" / "Reasons for the decision", a
sentence that resolves, approves or proposes). Background, policy context and lists of past
decisions only support. These helpers work on the sentence segments of :mod:`monitor.text`;
:mod:`monitor.classify` applies them to its matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from monitor import prefilter
from monitor import rules as R
from monitor.notice_subject import subject_of
from monitor.text import Analysed, Segment

# Sections whose sentences state or explain the decision itself.
DECIDING_SECTIONS = frozenset({"decision", "reasons"})
# A record's first line is its item heading when it is at most this many words long.
_HEADING_WORDS = 15
# A record (or agenda item) this long is a wordy paper: strategies, budget papers, full
# reports and minutes, whose background is full of "commissioning", "tender" and "disposal".
LONG_PAPER_CHARS = 5_000


def decides_or_proposes(seg: Segment, in_title: bool) -> bool:
    """A sentence in the title or a deciding part, or one that decides or formally proposes
    ("APPROVE the ...", "it is proposed", "Cabinet is asked to", "will be transferred")."""
    return (
        in_title
        or seg.section in DECIDING_SECTIONS
        or R.DECISION_SENTENCE.search(seg.text) is not None
        or R.PROPOSAL_SENTENCE.search(seg.text) is not None
    )


def decides_or_formally_proposes(seg: Segment, in_title: bool) -> bool:
    """The test for long papers: the title or item heading, a "Decision" / "Recommendations"
    part, a decision sentence, or a sentence with a decision verb or a formal proposal
    ("Cabinet is asked to", "it is proposed", "the site be sold"). A sentence that only has
    "will", "seeking" or "subject to approval" in it is background, and so is a sentence under
    "Reasons" that has no such verb: in minutes that part runs on into the next paragraphs."""
    return (
        in_title
        or seg.section == "decision"
        or R.DECISION_SENTENCE.search(seg.text) is not None
        or R.FORMAL_PROPOSAL_SENTENCE.search(without_dated_past(seg.text)) is not None
    )


def without_dated_past(text: str) -> str:
    """``text`` without decisions told as dated past events ("agreed by Cabinet in May",
    "approved by the Executive in 2023"): in a long paper they are the history of earlier
    decisions, and a sentence whose only decision verb is one of them decides nothing."""
    if R.DATED_PAST_DECISION.search(text) is None:
        return text
    return R.DATED_PAST_DECISION.sub(lambda m: " " * len(m.group(0)), text)


def only_notes(analysed: Iterable[Analysed]) -> bool:
    """Whether a record's decision part only notes ("RESOLVED - That the schedule be
    noted"): then the sales and contracts it lists were decided elsewhere, earlier or by
    officers, and it decides none of them (eval README: items that only note)."""
    noted = next(ff for ff in R.DECISION_FALSE_FRIENDS if ff.name == "noted_only")
    segments = [seg for text in analysed for seg in text.segments]
    # (not the bare heading itself: "Resolved:"; the items of a list a noting line leads,
    # "The Executive Cabinet Member noted: (a) the performance ...; (b) ...", are noted too)
    deciding = []
    noting_list = False
    for seg in segments:
        if seg.section != "decision" or seg.is_heading or _FIELD.match(seg.text):
            continue
        if noting_list and _LIST_ITEM.match(seg.text) and not R.DECISION_SENTENCE.search(seg.text):
            continue
        deciding.append(seg.text)
        noting_list = _NOTING_LEAD.search(seg.text) is not None
    if not deciding:
        # A report whose recommendations sit under a heading not known as one ("Proposals /
        # Cabinet is asked to: / 1. Approve Option B"): its decision sentences decide, whatever
        # a committee it reports "noted".
        if any(
            R.DECISION_SENTENCE.search(seg.text) and not noted.pattern.search(seg.text)
            for seg in segments
        ):
            return False
        # Minutes with no "Decision" heading: their resolutions ("RESOLVED that the budget
        # monitoring position be noted", "The Cabinet agreed to defer consideration").
        deciding = [seg.text for seg in segments if _RESOLUTION.match(seg.text)]
    if not deciding and any(_NOTHING_BROUGHT.match(seg.text) for seg in segments):
        # a standing item with nothing under it: "12. Disposal of Property / 12.1 No items
        # were brought forward at this meeting."
        return True
    # (the resolution's own opening word is not a step it takes: "Agreed: that the annual
    # review be noted")
    deciding = [_AGREED_OPENING.sub("", sentence) for sentence in deciding]
    return bool(deciding) and all(
        (
            noted.pattern.search(sentence) is not None
            and (noted.unless is None or noted.unless.search(sentence) is None)
        )
        or (_DEFERS.search(sentence) is not None and _OTHER_STEP.search(sentence) is None)
        for sentence in deciding
    )


# A minuted resolution's opening.
_RESOLUTION = re.compile(
    r"^\W*(?:RESOLVED|Resolved|R E S O L V E D|DECIDED|Decided|AGREED)\b|"
    # Northern Ireland's minutes: "Agreed: that the annual review be noted", "Proposed by
    # Councillor Ferguson, seconded by Alderman Irvine and agreed: that ..."
    r"^\W*Agreed\s*(?:[:–—-]|that\b)|"
    r"^\W*Proposed by\b[^.;]{0,120}?\band agreed\s*(?:[:–—-]|that\b)|"
    # (after a Scottish minute's lead-in: "There being no amendment, the Committee agreed")
    r"^\W*(?:(?:there being no amendment|following consideration|thereafter|after "
    r"(?:consideration|discussion)),? )?(?:the )?(?:cabinet|committee|council|executive|panel|"
    r"board|sub-committee) (?:resolved|agreed|decided|noted)\b|"
    # numbered in some minutes: "6.2 The Panel noted the update." (not a report's narrative,
    # "4.5 The Panel noted that Options 3 and 4 could be reconsidered")
    r"^\W*\d{1,3}(?:\.\d{1,2})*\.?\s+(?:the )?(?:cabinet|committee|council|executive|panel|"
    r"board|sub-committee) (?:resolved|agreed|decided|noted)\b(?! that\b)",
    re.I,
)
# A page's field after its decision: "Reference: Report 25/312 (PDF)", "Contact: ...".
_FIELD = re.compile(
    r"^\W*(?:reference|ref|contact|report author|lead officer|background papers|documents?|"
    r"attachments?|supporting documents|date of (?:decision|publication)|effective from)\b"
    r"[^.:]{0,20}:",
    re.I,
)
_AGREED_OPENING = re.compile(
    r"^\W*(?:(?:it was )?(?:resolved|decided|agreed)|proposed by\b[^.;]{0,120}?\band agreed)"
    r"\s*(?:[:–—-]\s*)?(?:that\b)?",
    re.I,
)
_NOTING_LEAD = re.compile(r"\b(?:noted|notes|to note)\s*[:–—-]?\s*$", re.I)
_LIST_ITEM = re.compile(r"^\W*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]|[•·▪-])\s", re.I)
_NOTHING_BROUGHT = re.compile(
    r"^\W*(?:\d{1,3}(?:\.\d{1,2})*\.?\s+)?(?:there (?:were|was|are|is) )?no (?:items?|business|"
    r"reports?|matters?|decisions?)\b[^.;]{0,40}?\b(?:brought forward|considered|submitted|"
    r"received|to (?:report|consider)|for (?:consideration|decision))\b",
    re.I,
)
# A decision only to put the matter off: "agreed to defer consideration of the report", "that
# the item be deferred to the next meeting", "consideration was continued to a later meeting".
_DEFERS = re.compile(
    r"\b(?:to (?:defer|postpone)|(?:be|was|were|is|being) (?:deferred|postponed|withdrawn|"
    r"adjourned)|continued to (?:the|a|its) (?:next|future|later)|"
    # (Scotland's "continue": "agreed to continue consideration of this item to a future
    # meeting")
    r"continue (?:consideration of )?(?:this|the) (?:item|matter|report) to (?:the|a|its) "
    r"(?:next|future|later|subsequent)|"
    # a further report asked for: "The Strategic Lead be asked to report back on discussions"
    r"report back|(?:bring|submit|present)\w* (?:a )?(?:further |new )?report)\b",
    re.I,
)
_OTHER_STEP = re.compile(
    # (not "the timescale for any asset transfer request": a noun, no step taken)
    r"\b(?:approv\w*|award\w*|authoris\w*|endors\w*|sold|sell|dispose of|disposal of|"
    r"transferred|transfer (?:of|the)|procur\w*|tender\w*|extend\w*|appoint\w*|let)\b",
    re.I,
)


def is_long_paper(analysed: Iterable[Analysed]) -> bool:
    """Whether the text read (title aside) is as long as a wordy paper."""
    return sum(len(text.norm) for text in analysed) >= LONG_PAPER_CHARS


def has_deciding_part(analysed: Iterable[Analysed]) -> bool:
    """Whether a record states a decision somewhere: a "Decision" / "Recommendations" part or
    a decision sentence ("RESOLVED that", "(a) approves ...")."""
    return any(
        seg.section == "decision" or R.DECISION_SENTENCE.search(seg.text) is not None
        for text in analysed
        for seg in text.segments
    )


def is_heading(seg: Segment, analysed: Analysed, page: int | None) -> bool:
    """The short first line of a record's own text or first page: its item heading when no
    title is given ("Potential disposal of land at ...")."""
    return (
        page in (None, 1)
        and bool(analysed.segments)
        and seg is analysed.segments[0]
        and len(seg.text.split()) <= _HEADING_WORDS
    )


def subject_not_a_service(
    matches: Iterable[tuple[str, str]], titles: Iterable[str], sentences: Iterable[str]
) -> bool:
    """Whether a record buys goods, works or advice for the council's own use rather than
    letting a service: every outsourcing match (``(rule, sentence)``) is a generic contract
    rule whose sentence names no public service, no title names one, and some sentence of the
    record names goods, works or own-use advice. Generic sentences ("award the contract to the
    company named in the report") take their subject from the rest of the record."""
    for rule, sentence in matches:
        # A job title names no service the contract is for: "in consultation with the Lead
        # Member for Culture and Tourism, to award the contracts".
        # (only job titles are masked: "the collection of bulky household waste" names one)
        if rule not in R.GENERIC_CONTRACT_RULES or R.NAMES_A_SERVICE.search(
            R.JOB_TITLES.sub(lambda m: " " * len(m.group()), sentence)
        ):
            return False
    # (a title that buys goods names none: "Supply of pitch maintenance materials"; a table
    # of tenders is read cell by cell)
    if any(
        R.TITLE_NAMES_A_SERVICE.search(cell) and subject_of(cell) is None
        for title in titles
        for cell in title.split(" | ")
    ):
        return False
    # Most sentences lack every word these long patterns need (monitor.prefilter): those
    # need no regex search.
    for sentence in sentences:
        lowered = prefilter.lowered(sentence)
        for pattern in R.SUBJECT_NOT_A_SERVICE:
            if prefilter.may_match(pattern, lowered) and pattern.search(sentence):
                return True
    return False


# A field that names what a contract is for, in a table of tenders or a decision record.
FIELD_TITLE = re.compile(
    r"^(?:title of (?:the )?(?:tender|contract|procurement)|contract title|tender title|"
    # (or the header of a table of tenders: "Title of Tender | Proposed Contract Duration | ...")
    r"subject(?: matter)?|title)\s*[:|]",
    re.I,
)


def field_titles(segments: Sequence[Segment]) -> list[str]:
    """Fields that name what a contract is for, and the rows of a table of tenders under its
    header ("Title of Tender | Duration | Value", then one contract a row)."""
    out: list[str] = []
    in_table = False
    for seg in segments:
        if FIELD_TITLE.match(seg.text):
            out.append(seg.text)
            in_table = " | " in seg.text
        elif in_table and " | " in seg.text:
            out.append(seg.text)
        else:
            in_table = False
    return out
