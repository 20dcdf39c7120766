"""Minutes and agenda packs cut into their items, so each item is judged on its own.

Full council or cabinet minutes and CMIS "agenda reports" packs hold several agenda items:
"12. Leisure services contract", "Minute 45/2025 ...", "Item 7: ...", or a ModernGov
"Agenda and minutes" page where the item number stands on its own line above the title. An
outsourcing decided in one item must not borrow the consultation reported in another, nor the
other way round, so :func:`monitor.classify.classify_pages` assesses each item apart when a
document is such a pack.

A document is read as a pack only when it has at least two item headings numbered in rising
order and at least two of its items record a decision of their own ("RESOLVED", "Decision:",
"It was agreed", a ModernGov "Minutes:" field). A report, whose numbered parts ("6. Options
considered", "7. Next steps") hold one recommendation between them, is never cut up; nor is a
record cut across its documents: a report and its appendices stay one matter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from monitor.item_headings import (
    _BARE_NUMBER,
    _DECISION_TAKEN_ROW,
    _PLAN_ENTRY,
    _PROCEDURAL,
    _heading_and_number,
    _short_title,
    _titled_entry,
    _unnumbered_heading,
    item_heading,
)
from monitor.plan_entries import entry_starts

__all__ = ["Item", "PageText", "item_heading", "split_items"]

PageText = tuple[str | None, int | None, str]

# An item holds more than its heading: a list of report titles ("53 Disposal of Small Surplus
# Sites" under "Exclusion of the press and public") is part of the item that lists them.
_MIN_ITEM_WORDS = 12
# An item the meeting did not take, said in its first lines.
_WITHDRAWN = re.compile(
    r"\b(?:this |the )?item (?:was|had been|has been|is) (?:withdrawn|deferred|not taken)\b|"
    r"\bwithdrawn from the agenda\b",
    re.I,
)
_WITHDRAWN_READ = 400
# What makes an item record a decision of its own: a resolution, a "Decision(s):" field or a
# ModernGov "Minutes:" field. Capitals matter: a report's background says "Cabinet agreed to
# set up a board in 2018"; minutes say "RESOLVED" or "The Cabinet agreed:".
_DECIDES = re.compile(
    r"\bRESOLVED\b|\bR E S O L V E D\b|\bResolved\s*(?:[:–—-]|that\b)|"
    # "It was proposed, seconded and unanimously agreed that"
    r"\b(?:proposed|moved),? (?:and )?seconded,? and (?:[\w ,]{0,30}?)(?:agreed|resolved|"
    r"carried)\b|\bORDERED\b|\bOrdered that\b|"
    r"\b(?:[Ii]t was|[Ww]as|[Ww]ere) (?:resolved|agreed|approved)\b|"
    r"^\s*(?:DECISIONS?(?: MADE)?|Decisions?(?: [Mm]ade)?|Minutes|Agreed|AGREED|Decided|"
    r"DECIDED)\s*[:–—-]|"
    # a "Decision" heading on a line of its own, over what was decided (Scottish minutes)
    r"^[ \t]*(?:DECISIONS?|Decisions?)[ \t]*$|"
    # A forward plan entry's fields: each entry names the decision to come.
    r"\b(?:Decision maker|Decision to be taken by|Decision by|Matter for decision|Nature of "
    r"(?:the )?decision|Purpose(?: of (?:the )?report)?|Decision (?:required|sought)|"
    r"What is the decision\??|Key decision reason|Lead officer|"
    r"Decision due|Portfolio(?: holder)?)\s*[:–—-]|"
    r"\b(?:[Cc]abinet|[Cc]ommittee|[Cc]ouncil|[Ee]xecutive|[Pp]anel|[Bb]oard) "
    r"(?:resolved|agreed|approved|decided)\s*(?::|–|—|-|\bthat\b)|"
    # Scottish minutes: "Following consideration, the Committee agreed to note the outturn"
    r"\b(?:Following consideration|Thereafter|After (?:consideration|discussion)),? the "
    r"(?:Cabinet|Committee|Council|Executive|Panel|Board|Sub-Committee) (?:agreed|resolved|"
    r"decided|noted|approved)\b|"
    # Minutes' own forms: a decision verb in capitals ("i. AGREED to extend the contract", "The
    # Committee APPROVED the policy"), "Cabinet:" over a numbered list of what it did, and the
    # list's items ("1. Agreed Option 3", "ii. Noted the update").
    r"\b(?:AGREED|APPROVED|DECIDED|ENDORSED|NOTED)\b(?! BY\b)|"
    r"^[ \t]*(?:The )?(?:Cabinet|Committee|Council|Executive|Panel|Board|Sub-Committee)[ \t]*:"
    r"[ \t]*$|"
    r"^[ \t]*(?:\(?[ivx]{1,4}[.)]|\d{1,2}[.)]|\([a-z]\))[ \t]*(?:Noted|Agreed|Approved|Endorsed|"
    r"Delegated|Decided|Authorised|Resolved)\b|"
    # Cabinet panels' minutes: "Conclusion:" over "The Panel recommends to Cabinet that ..."
    r"^[ \t]*(?:CONCLUSIONS?|Conclusions?)[ \t]*:[ \t]*$|"
    r"\b(?:[Cc]abinet|[Cc]ommittee|[Pp]anel|[Bb]oard|[Ff]orum) recommend(?:s|ed) (?:to (?:the )?"
    r"[A-Z][\w ]{0,40}? )?that\b|"
    # Northern Irish minutes: "Alderman A moved, seconded by Councillor B and" / "Recommendation:
    # That Members note the report."
    r"\bseconded by [^.\n]{0,60}\band\s*$|^[ \t]*Recommendation\s*:\s*That (?:Members|Council|the "
    r"Committee)\b",
    re.M,
)
_MIN_ITEMS = 2


@dataclass
class Item:
    """One agenda item: its heading line (``None`` for what precedes the first item, such as
    the attendance list) and its text, page by page, so quotes keep document and page."""

    heading: str | None
    pages: list[PageText] = field(default_factory=list)
    number: int | None = None

    def text(self) -> str:
        return "\n".join(text for _, _, text in self.pages)

    @property
    def withdrawn(self) -> bool:
        """An item withdrawn or deferred ("This item was withdrawn from the agenda"): its title
        names a matter the meeting did not take."""
        return (
            self.heading is not None
            and _WITHDRAWN.search(self.text()[:_WITHDRAWN_READ]) is not None
        )

    @property
    def procedural(self) -> bool:
        """An item of meeting procedure (apologies, declarations of interest, exclusion of
        the press): it decides no outsourcing or sale, whatever titles it lists."""
        return self.heading is not None and (
            _PROCEDURAL.match(self.heading) is not None
            # a row of a log of decisions already taken: "KD 2024/071 | Supported Housing
            # Commissioning Plan | Cabinet | 18 September 2024 | Approved"
            or _DECISION_TAKEN_ROW.search(self.heading) is not None
        )

    def add(self, document: str | None, page: int | None, text: str) -> None:
        # Text of one page goes into one piece, so sentences and sections run on within it.
        if self.pages and self.pages[-1][:2] == (document, page):
            self.pages[-1] = (document, page, self.pages[-1][2] + text)
        else:
            self.pages.append((document, page, text))


# An appendix after the last item that names the item it belongs to: "APPENDIX - EXTRACT
# FROM REPORT (ITEM 6)", "Appendix to Minute 45".
_APPENDIX_FOR = re.compile(
    r"^\s*appendi(?:x|ces)\b[^\n]{0,80}?\b(?:item|minute)\s+(?:no\.?\s*)?(?P<number>\d{1,4})\b",
    re.I,
)


def _cut(
    document: str | None,
    pages: Sequence[PageText],
    in_capitals: bool = False,
    starts: dict[tuple[int, int], str] | None = None,
) -> list[Item]:
    """The items of one document's pages, headings kept only while their numbers rise (a
    numbered list inside an item, "1. Land at Mill Lane", numbers below the item's own). An
    appendix that names its item ("APPENDIX - EXTRACT FROM REPORT (ITEM 6)") goes with that
    item, wherever it is printed. ``in_capitals``: items are headed by unnumbered lines in
    capitals instead."""
    items = [Item(None)]
    last = 0
    for p, (_, page, text) in enumerate(pages):
        lines = text.splitlines(keepends=True)
        start = 0
        k = 0
        while k < len(lines):
            appendix = _APPENDIX_FOR.match(lines[k]) if last else None
            owner = (
                next((i for i in items if i.number == int(appendix.group("number"))), None)
                if appendix
                else None
            )
            if owner is not None and owner is not items[-1]:
                if k > start:
                    items[-1].add(document, page, "".join(lines[start:k]))
                # The appendix runs to the next item heading; its text joins its item.
                end = k + 1
                while end < len(lines) and _heading_and_number(lines[end], last) is None:
                    end += 1
                owner.add(document, page, "".join(lines[k:end]))
                start = k = end
                continue
            if starts is not None:
                # (a plan's entries found from the fields they repeat: monitor.plan_entries)
                heading = starts.get((p, k))
                found = (heading, last + 1) if heading is not None else None
            elif in_capitals:
                found = _unnumbered_heading(lines, k, last)
            else:
                found = _heading_and_number(lines[k], last) or _titled_entry(lines, k, last)
            begin = k
            bare = (
                _BARE_NUMBER.match(lines[k].strip())
                if found is None and not in_capitals and starts is None
                else None
            )
            if found is None and bare is not None:
                nxt = next(
                    (j for j in range(k + 1, min(k + 4, len(lines))) if lines[j].strip()), None
                )
                if nxt is not None and _short_title(" ".join(lines[nxt].split())):
                    found = (
                        f"{bare.group('number')}. {' '.join(lines[nxt].split())}",
                        int(bare.group("number")),
                    )
                    begin = nxt  # the item's text starts at its title
            if found is None or found[1] <= last:
                k += 1
                continue
            if k > start:
                items[-1].add(document, page, "".join(lines[start:k]))
            items.append(Item(found[0], number=found[1]))
            last = found[1]
            start = begin
            k = begin + 1
        if start < len(lines):
            items[-1].add(document, page, "".join(lines[start:]))
    # A heading with (almost) nothing under it is a line of a list, not an item.
    merged: list[Item] = []
    for item in items:
        # (not an item of procedure: "58 APOLOGIES FOR ABSENCE" over one line is an item)
        if (
            merged
            and item.heading is not None
            and not item.procedural
            and len(item.text().split()) < _MIN_ITEM_WORDS
        ):
            for piece in item.pages:
                merged[-1].add(*piece)
            continue
        merged.append(item)
    return [item for item in merged if item.heading is not None or item.pages]


# In minutes headed without numbers, a line that is the committee's own sentence: "The
# Committee approved the campaign.", "After consideration, the Committee noted the report."
# (read only there: a numbered report's background says "The Committee approved ... in 2019")
_MINUTE_SENTENCE = re.compile(
    r"^[ \t]*(?:After consideration,? |Thereafter,? )?[Tt]he (?:Committee|Cabinet|Council|Board|"
    r"Panel|Sub-Committee|Executive) (?:approved|agreed|noted|resolved|decided|endorsed)\b",
    re.M,
)


def _is_pack(items: Sequence[Item], unnumbered: bool = False) -> bool:
    headed = [item for item in items if item.heading is not None]
    if len(headed) < _MIN_ITEMS:
        return False  # (most documents: no need to read every item for a resolution)
    # A forward plan's entries are each a decision to come, whatever their fields are called
    # ("Decision:", "Description:", "Key decision:").
    if sum(1 for item in headed if _PLAN_ENTRY.match(item.heading or "")) >= _MIN_ITEMS:
        return True
    # a plan printed as a table, one entry a row
    if sum(1 for item in headed if " | " in (item.heading or "")) >= _MIN_ITEMS + 1:
        return True
    # Minutes whose numbered items include the meeting's procedure ("112 APOLOGIES FOR
    # ABSENCE", "114 DECLARATIONS OF INTEREST") are a pack, however few items say "RESOLVED".
    procedure = sum(1 for item in headed if item.procedural)
    if procedure >= _MIN_ITEMS and len(headed) > procedure:
        return True
    deciding = (
        item
        for item in headed
        if _DECIDES.search(item.text()) or (unnumbered and _MINUTE_SENTENCE.search(item.text()))
    )
    return len(list(islice(deciding, _MIN_ITEMS))) >= _MIN_ITEMS


# The private part of an item taken after the press are excluded: "114. Grounds Maintenance
# Services - Award of Contract (Exempt Appendix)", "Leisure Contract - Part 2", "Confidential
# Appendix: ...". It belongs to the public item of the same name.
_PRIVATE_PART = re.compile(
    r"\W*\b(?:exempt|confidential|closed|private|restricted|part (?:2|ii|b))\b(?: (?:appendix|"
    r"appendices|report|information|minute|annex|item|session))?\W*",
    re.I,
)
_ITEM_NUMBER = re.compile(r"^\W*(?:item\s+)?[\w.]{0,6}?\d[\w.]{0,4}[.):]?\s+", re.I)


_EXCLUSION = re.compile(r"\bexclusion of (?:the )?(?:press|public)\b", re.I)
# A shortened title must keep this many words to name the same matter.
_MIN_MATTER_WORDS = 3


def _matter(heading: str) -> str:
    """What an item is about, without its number and any private-part marker."""
    name = _ITEM_NUMBER.sub("", heading)
    name = _PRIVATE_PART.sub(" ", name)
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


def _with_private_parts_joined(items: list[Item]) -> list[Item]:
    """An item that is the exempt part of an earlier item joins it, so that the matter is
    judged once on all its text (the exempt part alone only "notes the exempt appendix")."""
    out: list[Item] = []
    by_matter: dict[str, Item] = {}
    # (items taken after the press and public are excluded are private parts too: "309.
    # Disposal of Former Sample School Site - Financial Terms")
    excluded = False
    for item in items:
        heading = item.heading
        if heading is not None and _EXCLUSION.search(heading):
            excluded = True
        elif heading is not None and (excluded or _PRIVATE_PART.search(heading)):
            # (its title may be the public item's shortened: "9. Disposal of Land at Sample
            # Garages, Sampleton, to Sample Trust" and "13. Disposal of Land at Sample Garages
            # – Closed Appendix")
            matter = _matter(heading)
            twin = by_matter.get(matter) or next(
                (
                    public
                    for name, public in by_matter.items()
                    if len(matter.split()) >= _MIN_MATTER_WORDS
                    and (matter in name or name in matter)
                ),
                None,
            )
            if twin is not None:
                twin.pages.extend(item.pages)
                continue
        out.append(item)
        if heading is not None:
            by_matter.setdefault(_matter(heading), item)
    return out


# A minute's reference at the start of its heading: "SPR 24/087", "CAB/23/47", "EX106".
_REFERENCE = re.compile(
    r"^\W*((?-i:[A-Z]){1,5}\s?[/.]?\s?\d{1,4}(?:/\d{1,4})?|\d{1,4}/\d{2,4})(?![\w/])"
)


def _with_same_reference_joined(items: list[Item]) -> list[Item]:
    """An item whose heading repeats an earlier item's minute reference is that item's text:
    a table of a meeting's business whose row says "See detailed minute below", then the
    detailed minute under the same reference ("SPR 24/087 LAND AT DRUMREAGH ROAD")."""
    out: list[Item] = []
    by_reference: dict[str, Item] = {}
    for item in items:
        m = _REFERENCE.match(item.heading or "")
        reference = re.sub(r"[\s/.]", "", m.group(1)).upper() if m else None
        if reference is not None and reference in by_reference:
            by_reference[reference].pages.extend(item.pages)
            continue
        out.append(item)
        if reference is not None:
            by_reference[reference] = item
    return out


# The resolutions of minutes headed in capitals ("Decided:", "AGREED", "RESOLVED"): counted as
# plain substrings, so that a long report pays almost nothing for the test.
_MINUTED = (
    "Decided",
    "DECIDED",
    "AGREED",
    "RESOLVED",
    "R E S O L V E D",
    "Resolved",
    "Agreed:",
    "There was submitted",
    "There had been circulated",
    # (Northern Irish minutes: "The Committee approved ...", "The Committee noted the update.")
    "Committee approved",
    "Committee noted",
    "Committee agreed",
    # (English district minutes: each item "The Cabinet considered a report ...", then
    # "Decision: ...")
    "Decision:",
    "DECISION:",
    "Cabinet considered",
    "Committee considered",
)


def _decides_twice(texts: Sequence[PageText]) -> bool:
    found = 0
    for _, _, text in texts:
        found += sum(text.count(word) for word in _MINUTED)
        if found >= _MIN_ITEMS:
            return True
    return False


def split_items(pages: Sequence[PageText]) -> list[Item]:
    """The agenda items of a record, or one item holding every page when no document of the
    record is a pack of items. A document that is a pack gives its items; the record's other
    texts (its own description, a covering report) stay together as one more item."""
    by_document: dict[str | None, list[PageText]] = {}
    for piece in pages:
        by_document.setdefault(piece[0], []).append(piece)
    cut = {document: _cut(document, texts) for document, texts in by_document.items()}
    packs = {document for document, items in cut.items() if _is_pack(items)}
    for document, texts in by_document.items():
        # (minutes whose headings have no numbers, in capitals or over "There was submitted":
        # tried only when the numbered reading finds no pack and the text holds minuted
        # decisions in at least two places)
        if document not in packs and _decides_twice(texts):
            unnumbered = _cut(document, texts, in_capitals=True)
            if _is_pack(unnumbered, unnumbered=True):
                cut[document] = unnumbered
                packs.add(document)
        if document not in packs:
            # (a plan in a layout no heading rule knows: its entries repeat the same fields)
            starts = entry_starts([text.splitlines() for _, _, text in texts])
            if starts:
                cut[document] = _cut(document, texts, starts=starts)
                packs.add(document)
    if not packs:
        return [Item(None, list(pages))]
    rest = Item(None, [piece for piece in pages if piece[0] not in packs])
    out = [rest] if rest.pages else []
    for document in by_document:
        if document in packs:
            out += _with_same_reference_joined(_with_private_parts_joined(cut[document]))
    return out
