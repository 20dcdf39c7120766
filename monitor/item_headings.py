"""Item headings: which line of a minutes pack, agenda or forward plan heads an item.

Numbered headings ("12. Leisure services contract", "Minute 45/2025", "CAB 45/25"), a plan's
references and table rows, entry titles over "Decision maker:" fields, and the unnumbered
headings of minutes in capitals or sentence case over "There was submitted a report". Split
from :mod:`monitor.items`, which cuts documents at these lines and decides whether a document
is a pack of items at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor.text import heading_kind

__all__ = ["item_heading"]

# An item heading as councils number them. Explicit markers first ("Item 7", "Agenda item
# 12:", "Minute 45/2025", "CAB 45/25", "Min. No. 12"), then a bare number before a short
# title ("12. Leisure services contract", "46 LEISURE CONTRACT OPTIONS").
_MARKED = re.compile(
    r"^(?:(?:agenda\s+)?(?:item|entry)\s+(?:no\.?\s*)?(?P<item>\d{1,3})[a-z]?|"
    r"min(?:ute)?s?\.?\s+(?:no\.?\s*)?(?P<minute>\d{1,4})(?:/\d{2,4})?|"
    # A minute number, never a date ("16/02/2021").
    r"(?:[A-Z]{1,5}\s?)?(?P<ref>\d{1,4})/(?P<ref_tail>\d{2,4})(?:/[A-Z]{1,6})?|"
    # A committee's letters, a slash or a dot, the minute's number: "CAB/68", "EX.31"
    r"[A-Z]{1,5}[/.](?P<slashed>\d{1,4})|"
    # ... or glued to it, with a full stop after: "EX104. Play Park Strategy", "CAB27."
    # (capitals only, two at least: never "A38 junction" or a word)
    r"(?-i:[A-Z]{2,5})(?P<glued>\d{1,4})(?=\.)|"
    # A forward plan's reference: "FP/25/031 Refuse collection vehicles", "KD/2025/011"
    r"[A-Z]{1,5}/\d{2,4}/(?P<plan>\d{1,4}))(?![/\d])\b\s*[:.\-–—]?\s*(?P<title>.*)$",
    re.I,
)
# A forward plan's entries, each under its reference ("Ref: FP/2025/011", "Key decision
# reference: KD123"): numbered in the order they come, since references need not rise.
_PLAN_ENTRY = re.compile(
    r"^(?:ref(?:erence)?(?:\s+no\.?)?|(?:key\s+)?decision\s+(?:ref(?:erence)?|no\.?)|"
    # ("Ref: KD 2024/089": letters, a space, the number)
    # ("Ref FP/27/041": no colon)
    r"forward\s+plan\s+(?:ref(?:erence)?|no\.?))(?:\s*[:.]\s*|\s+)(?P<ref>(?:[A-Za-z]{1,5}\s)?[\w/.-]*\d"
    r"[\w/.-]*)\s*$",
    re.I,
)
_DECISION_TAKEN_ROW = re.compile(
    r"\|\s*(?:approved|taken|decided|noted|agreed|completed|deferred|withdrawn|implemented|"
    r"made)\s*\|?\s*$",
    re.I,
)
_TABLE_ROW = re.compile(
    # (a table of a meeting's decisions opens each row with its minute number: "| 62 |
    # Highways Materials Testing – Return to Direct Delivery | That ... |")
    r"^(?:\|\s*(?P<minute>\d{1,3})\s*(?=\|)|"
    r"(?:agenda\s+)?(?:item|entry|no\.?)\s*(?P<number>\d{1,3})|"
    # or a plan's reference in the first cell: "FP/25/031 | Award of ... | Cabinet | ..."
    # (a reference, not a table's key: "C1 | Former depot | Vacant" is a row of data)
    r"(?P<ref>(?-i:[A-Z]){1,5}(?:/(?-i:[A-Z]){1,5})?\s?[/.-]?\s?\d{1,4}/\d{1,4}(?:/\d{1,4})?|"
    r"(?-i:[A-Z]){2,5}\s?-?\d{3,4}))\s*\|\s*"
    # (a date cell may come first: "KD/24/104 | 10/05/2024 | Coastal defence scheme | ...")
    # ("FP/26/01/05 | 12 Jan 2026 | Leisure Services ...": a date in words)
    r"(?:(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2} (?-i:[A-Z])[a-z]{2,8}\.? \d{4})\s*\|\s*)?"
    r"(?P<title>[A-Za-z][^|]{2,599})\|",
    re.I,
)
# (a colon may split the title: "5 HOMECARE: COMMISSIONING ARRANGEMENTS FROM APRIL 2020")
_NUMBERED = re.compile(
    r"^(?P<number>\d{1,3})\.?\s+(?P<title>[A-Z(‘'\"“][^.;:!?]{2,160}(?::\s[^.;:!?]{2,120})?)$"
)
# A ModernGov item number on a line of its own ("39."), its title on the next line.
_BARE_NUMBER = re.compile(r"^(?P<number>\d{1,3})\.?$")
# An item heading names its matter in a few words; a longer line is prose ("109/2009 The
# Cabinet agreed to the contract being awarded to ...").
_MAX_HEADING_WORDS = 26

# Items of procedure: what they list (declared interests, excluded reports, the minutes of
# the last meeting) names other items' matters without deciding them.
_PROCEDURAL = re.compile(
    # (with a committee's letters: "CB24/33. Public questions", "EX.47 Apologies")
    r"^(?:(?:[A-Z]{1,5}\s?)?\d{1,4}(?:[/.]\d{1,4})?\.?\s+|[A-Z]{1,5}[/.]\d{1,4}\.?\s+|"
    r"(?:agenda\s+)?item\s+\d{1,3}\s*[:.\-–—]?\s*)?"
    # (Scottish minutes: "Declaration of Group Decisions and Members' Interests", "Minute of
    # the Meeting dated 29 April 2025", "Chair")
    r"(?:apologies|declarations? of (?:disclosable )?(?:pecuniary )?interests?|"
    r"declarations? of [\w' ’]{0,40}?interests?|chair(?:man|person)?$|"
    r"(?:confirmation of )?(?:the )?minutes?(?: of (?:the )?(?:previous |last )?meeting\b.*)?$|"
    r"exclusion of (?:the )?press|readmittance|urgent business|(?:any )?other business|"
    r"notification of other business|chair(?:man)?'?s announcements|announcements|"
    r"public (?:questions|participation|question time)|questions (?:from|by) (?:members of )?"
    r"(?:the )?public|petitions|"
    r"attendance by reserve|substitut|members' questions|deputations|date of next meeting)",
    re.I,
)


def _short_title(title: str) -> bool:
    return (
        bool(title)
        and len(title.split()) <= _MAX_HEADING_WORDS
        and not title.rstrip().endswith(".")
        and heading_kind(title) is None
    )


# What an item heading line starts with (a number, "Item", "Agenda item", "Minute", "CAB 45/"):
# one cheap test that lets most lines of a long paper through untouched.
_MAY_BE_HEADING = re.compile(
    r"\s*(?:\|\s*\d|\d|(?:agenda\s+)?item\b|entry\b|min|[A-Z]{1,5}(?:/[A-Z]{1,5})?[\s/.]?\d|ref|key|"
    r"decision\s+(?:ref|no)|forward)",
    re.I,
)


_PERSON = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Alderman|Bailie|Provost|Sir|Dame)\.? (?-i:[A-Z])"
)


# A plan printed as a table whose reference is the row's last cell: "Procurement of a managed
# service for the ICT Service Desk ... | Director of Resources | 16 June 2025 | Staff and trade
# unions | Delegated decision report | Chief Digital Officer | D57712" (the row is the entry).
_ROW_ENDING_IN_REF = re.compile(
    # (letters before the number, or five digits at least: not a year or an amount)
    r"^[^|]{3,1200}\|(?:[^|]*\|){2,}\s*(?:(?-i:[A-Z]{1,5})[/-]?\d{3,6}(?:/\d{1,4})?|\d{5,6})\s*$"
)


# ... or whose first cell opens with it: "D56204 Disposal of the former school site ... |
# Director of City Development | 23 June 2025 | Ward Members | ..."
_ROW_OPENING_WITH_REF = re.compile(
    r"^(?-i:[A-Z]{1,5})[/-]?\d{3,6}\s+(?-i:[A-Z])[^|]{3,1200}\|(?:[^|]*\|){2,}"
)


def _heading_and_number(line: str, last: int = 0) -> tuple[str, int] | None:
    if " | " in line and (
        _ROW_ENDING_IN_REF.match(line.strip()) or _ROW_OPENING_WITH_REF.match(line.strip())
    ):
        return " ".join(line.split()), last + 1
    if not _MAY_BE_HEADING.match(line):
        return None
    line = " ".join(line.split())
    if _PLAN_ENTRY.match(line):
        return line, last + 1
    # A plan printed as a table, one entry a row: "Item 4 | Former Offices – Release of Site |
    # To approve ... | Executive | 15 May 2025" (the row is the entry; its first cells head it).
    row = _TABLE_ROW.match(line)
    if row and (row.group("number") or row.group("minute")):
        number = row.group("number") or row.group("minute")
        return f"Item {number} | {row.group('title').strip()}", int(number)
    if row:
        # (the whole row: its last cell may say the decision is already taken, "| Approved")
        return line, last + 1
    # Every line of a long paper comes here: the cheap anchored patterns first, the section
    # heading test (one large pattern) only for the few lines that look like item headings.
    if not line or len(line.split()) > _MAX_HEADING_WORDS:
        return None
    m = _MARKED.match(line)
    if m:
        title = m.group("title")
        # "Minute 45/2025" alone, or with a short title; never a sentence, nor a member's
        # interest declared in an item ("Item 8: Mr H Sutherland (non-financial)").
        if title and (title.rstrip().endswith(".") or _PERSON.match(title)):
            return None
        number = int(
            m.group("item")
            or m.group("minute")
            or m.group("ref")
            or m.group("slashed")
            or m.group("glued")
            or m.group("plan")
        )
        if m.group("ref"):
            # Both halves, so that the year-first numbers of some minutes ("25/07 Report of
            # the Executive", "25/08 Notice of motion") rise as well as "45/25", "46/25".
            number = number * 10_000 + int(m.group("ref_tail"))
    else:
        m = _NUMBERED.match(line)
        if m is None or heading_kind(m.group("title")) is not None:
            return None
        number = int(m.group("number"))
    return None if heading_kind(line) is not None else (line, number)


def item_heading(line: str) -> str | None:
    """The item heading a line states, if it is one: a short numbered line that is not a
    report's own section heading ("6. Options considered")."""
    found = _heading_and_number(line)
    return found[0] if found else None


# A ModernGov plan page prints each entry as its title on a line of its own, then its fields:
# "Former Swanspool House annexe - declaration as surplus and sale" / "Decision maker:
# Executive" / "Decision due: 10 Apr 2025".
_ENTRY_FIELD = re.compile(
    r"^\s*(?:decision maker|decision[- ]taker|decision to be taken by|decision by)\s*:", re.I
)
# ... or its title as a field of its own: "Title: Community Asset Transfer - sports pavilions"
# over "Decision by: Cabinet Member for Resources"
_TITLE_FIELD = re.compile(r"^\s*(?:title|subject|decision title|report title)\s*:\s*\S", re.I)
_MAX_ENTRY_TITLE = 200
# (a field of an entry already headed, "Matter for decision: ...", is no title)
_FIELD_LINE = re.compile(
    r"^\s*(?:matter for decision|ref(?:erence)?(?: no\.?)?|(?:key )?decision(?: title)?|title|"
    r"subject|summary|description|purpose|item|issue|report title)\s*:",
    re.I,
)


_ANY_FIELD = re.compile(r"^\s*[A-Z][\w()'’/&-]*(?: [\w()'’/&-]+){0,3}\s*:\s")


def _titled_entry(lines: Sequence[str], k: int, last: int) -> tuple[str, int] | None:
    """Line ``k`` as a plan entry's title: a short line, no field or sentence of its own,
    with the entry's "Decision maker:" field on the next line."""
    title = " ".join(lines[k].split())
    if (
        _TITLE_FIELD.match(title)
        and len(title) <= _MAX_ENTRY_TITLE
        and k + 1 < len(lines)
        and _ENTRY_FIELD.match(lines[k + 1])
    ):
        # (not a field of an entry its reference already heads: "Ref: KD 2024/089" over
        # "Title: ..." over "Decision maker: ...")
        previous = next((x for x in reversed(lines[max(0, k - 2) : k]) if x.strip()), "")
        if _heading_and_number(previous, last) is None:
            return title, last + 1
        return None
    if (
        not title
        or len(title) > _MAX_ENTRY_TITLE
        or title.endswith((".", ":"))
        or k + 1 >= len(lines)
        or not _ENTRY_FIELD.match(lines[k + 1])
        or _ENTRY_FIELD.match(lines[k])
        or _FIELD_LINE.match(lines[k])
        # (a record's own field is no entry's title: "Applicant: Sample Community Company"
        # over "Decision by: Executive Chief Officer")
        or _ANY_FIELD.match(lines[k])
    ):
        return None
    return title, last + 1


# Minutes whose items are headed by unnumbered lines in capitals (common in Scotland):
# "CORPORATE ASSET STRATEGY – OFFICE RATIONALISATION: PROPERTY AT KILDONAN STREET".
_CAPS_HEADING = re.compile(r"^(?=[^a-z]*$)(?=(?:[^A-Z]*[A-Z]){6})[A-Z][A-Z0-9 ,.'’&()/:–—-]+$")


# Scottish minutes often head an item with a short unnumbered line in sentence case, then open
# its first paragraph with "4 There was submitted a report by ...".
_ITEM_OPENING = re.compile(
    r"^\W*(?:\d{1,3}\.?\s+)?(?:there (?:was|were|had been) (?:submitted|circulated|considered)|"
    r"consideration was given|the (?:committee|cabinet|council|board|panel|sub-committee) "
    r"(?:considered|received|approved|noted|agreed|was (?:reminded|advised|informed|updated))|"
    # an officer's report: "The Director of Property and Projects submitted a report seeking"
    r"the (?:[\w,/&'’-]+ ){1,8}?(?:submitted|presented|introduced|provided|tabled) (?:a |an |the )?"
    r"(?:[\w-]+ )?(?:report|update|paper))\b",
    re.I,
)
# What opens a sentence, not a title: "The Committee noted the report."
_SENTENCE_OPENING = re.compile(
    r"^\W*(?:the|it|there|this|he|she|they|councillor|members?|officers?|in|on|with|after)\b",
    re.I,
)


def _unnumbered_heading(lines: Sequence[str], k: int, last: int) -> tuple[str, int] | None:
    """Line ``k`` as an unnumbered item heading: in capitals, or a short line (not a sentence)
    whose next line opens an item ("There was submitted a report ...")."""
    found = _caps_heading(lines[k], last)
    if found is not None:
        return found
    line = " ".join(lines[k].split())
    if (
        not line
        or len(line.split()) > _MAX_HEADING_WORDS
        or _SENTENCE_OPENING.match(line)
        or heading_kind(line) is not None
    ):
        return None
    # (an item of procedure is known by its name: "Declarations of Interest", "Apologies")
    if _PROCEDURAL.match(line) and not line.endswith("."):
        return line, last + 1
    nxt = next((lines[j] for j in range(k + 1, min(k + 3, len(lines))) if lines[j].strip()), "")
    return (line, last + 1) if _ITEM_OPENING.match(nxt) else None


def _caps_heading(line: str, last: int) -> tuple[str, int] | None:
    line = " ".join(line.split())
    if (
        not _CAPS_HEADING.match(line)
        or not 2 <= len(line.split()) <= _MAX_HEADING_WORDS
        or line.endswith(".")
        or heading_kind(line) is not None
    ):
        return None
    return line, last + 1
