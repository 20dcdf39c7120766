"""What a long paper's sentences are about, so that its consultation and in-house evidence is
taken only from the part about the matter it decides.

A transformation update that extends an ICT managed service also reports a library survey and
a care-homes appraisal "after consultation with residents and their families"; a budget paper
that sells a depot also tells of engagement on youth provision. Those are consultations and
appraisals of other matters (eval README: the consultation must be on the decision, or on a
wider strategy that produced it). A sentence is about the services and things it names (the
service domains and kinds of property of :mod:`monitor.rules.vocabulary`), or, when it names
none, about those its numbered paragraph names. Evidence about named matters that share none
with the decision's is set aside; evidence that names no matter stays (it may be about the
decision: "Residents were consulted on the proposals")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from monitor.deciding import decides_or_formally_proposes
from monitor.engine import _Chunk, _Hit
from monitor.matter_names import lower_words, names
from monitor.rules.vocabulary import ASSET_OBJECT, SERVICE_DOMAIN

# (not the "house" of "in-house", which names how a service is run, not a matter)
# (and the parts a landlord's repairs are let in, which no rule needs as a service of its own:
# "the responsive repairs service" is one matter, "domestic gas servicing" another)
_PARTS_OF_REPAIRS = (
    r"responsive repairs|gas (?:servicing|safety|maintenance)|heating (?:installations?|systems?)|"
    r"boilers?|lifts?|lift maintenance|voids?|void properties|planned maintenance|electrical "
    r"(?:testing|inspections?)|asbestos|fire (?:safety|doors?|risk)|water hygiene|legionella"
)
_MATTER = re.compile(
    rf"(?<!\bin-)(?<!\bin )\b(?:{SERVICE_DOMAIN}|{ASSET_OBJECT}|{_PARTS_OF_REPAIRS})\b", re.I
)
# Names too general to tell matters apart ("the land", "services", "the centre").
_GENERAL = frozenset(
    {
        "land",
        "lands",
        "site",
        "sites",
        "property",
        "properties",
        "premises",
        "building",
        "buildings",
        "asset",
        "assets",
        "unit",
        "units",
        "acre",
        "acres",
        "hectare",
        "hectares",
        "centre",
        "centres",
        "services",
        "service",
        "maintenance",
        "repairs",
        "transport",
        "care",
        # ("sexual health" and "health visiting" are different services)
        "health",
        "public",
        "open",
        "residential",
        "support",
        "estate",
        "estates",
        "offices",
        "office",
    }
)
_ABOUT_THE_DECISION = frozenset({"options"})
# How far after a quote its subject is looked for: "consultation on the future of day services".
_AFTER = 80
_OPTION_HEADING = re.compile(
    r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?option\s*\(?\w{1,3}\)?\s*[-–—:.(]", re.I
)
# A paragraph's own number at the start of its first sentence: "22. Option 1 - ...".
_NUMBERED = re.compile(r"^\W*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s")


# ("sale on the open market" is how land is sold, not an outdoor market)
_SALE_METHODS = frozenset({"open market", "open markets"})
_LINKING = frozenset({"to", "and", "of", "the", "for", "a", "an", "in", "on", "with", "&"})


# A report's own labels for its matters: "Strand A", "Workstream 2", "Site C", "Lot 3".
_LABEL = re.compile(
    r"\b(?:[Ss]trand|[Ww]orkstream|[Ww]ork [Ss]tream|[Ss]ite|[Ll]ot)\s+([A-Z]|\d{1,2})\b"
)


@lru_cache(maxsize=8192)
def terms(text: str) -> frozenset[str]:
    """The distinctive words of the matters a text names, by their first letters ("libraries"
    and "library", "home to school" and "school"): a matter named in other words still shares
    one ("day services" and "day opportunities")."""
    found = set()
    for m in _MATTER.finditer(text):
        if m.group(0).lower() in _SALE_METHODS:
            continue
        for word in re.findall(r"[\w'’²]+", m.group(0).lower()):
            if word not in _GENERAL and word not in _LINKING:
                found.add(word[:6])
    for m in _LABEL.finditer(text):
        found.add(f"{m.group(0).split()[0].lower()} {m.group(1)}")
    return frozenset(found)


def _paragraphs(
    chunks: Sequence[_Chunk],
) -> tuple[dict[int, int], list[list[str]], list[int]]:
    """Which numbered paragraph each sentence (by ``id``) belongs to, each paragraph's
    sentences, and the section (a heading, or a top-level number: "8.", "8.1", "8.2") each
    paragraph is in: the matters are read only for the paragraphs that evidence sits in."""
    group_of: dict[int, int] = {}
    groups: list[list[str]] = []
    section_of: list[int] = []
    section = -1
    top: str | None = None
    for chunk in chunks:
        current: list[str] | None = None
        for seg in chunk.analysed.segments:
            numbered = _NUMBERED.match(seg.text)
            if current is None or numbered or seg.is_heading:
                first = seg.text.lstrip(" ([").split(".")[0].split()[0] if numbered else None
                if current is None or seg.is_heading or (first is not None and first != top):
                    section += 1
                    top = first
                current = []
                groups.append(current)
                section_of.append(section)
            current.append(seg.text)
            group_of[id(seg)] = len(groups) - 1
    return group_of, groups, section_of


# A recommendation that only notes a matter or puts it off decides nothing about it: "(ii)
# notes that the asset transfer request ... will be determined at a future meeting".
_NOTES_OR_DEFERS = re.compile(
    r"^\W*(?:\(?\w{1,3}[.)]\s*|\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:that )?(?:(?:the )?[\w ]{0,30}?"
    r"(?:cabinet|committee|council|executive|board|panel) )?(?:is asked to |to )?notes?\b"
    r"(?![^.;]{0,200}?\b(?:and|but) (?:approves?|agrees?|authoris\w*|awards?|extends?)\b)|"
    r"\b(?:(?:be|was|were|is|being|will be) (?:deferred|postponed|withdrawn)|(?:determined|"
    r"considered|decided|reported) (?:at|to) a (?:future|later|subsequent) meeting)\b",
    re.I,
)


def notes_or_defers(text: str) -> bool:
    """Whether a recommendation only notes a matter or puts it off."""
    return _NOTES_OR_DEFERS.search(text) is not None


def context_terms(chunk: _Chunk, seg: object) -> frozenset[str]:
    """The matters of the numbered paragraph a sentence sits in, else of its section: what a
    sentence that names none is about ("5.3 ... No decision has yet been made" under "5.
    Fostering")."""
    group_of, groups, section_of = _paragraphs([chunk])
    index = group_of.get(id(seg))
    if index is None:
        return frozenset()
    found = frozenset().union(*(terms(t) for t in groups[index]))
    if found:
        return found
    section = section_of[index]
    return frozenset().union(
        *(terms(t) for i, s in enumerate(section_of) if s == section for t in groups[i])
    )


class Matters:
    """The matters of a record's sentences, read once per paragraph and only when asked."""

    def __init__(
        self,
        chunks: Sequence[_Chunk],
        decided: Sequence[_Hit],
        is_heading: Callable[[_Hit], bool],
    ) -> None:
        self._group_of, self._groups, self._section_of = _paragraphs(chunks)
        self._read: dict[int, frozenset[str]] = {}
        self._read_section: dict[int, frozenset[str]] = {}
        self._chunks = chunks
        self._decided = decided
        self._is_heading = is_heading
        self._deciding: frozenset[str] | None = None
        self._deciding_hits: list[_Hit] = []
        self._undecided: frozenset[str] = frozenset()
        self._places: tuple[frozenset[str], frozenset[str]] | None = None
        self._lowered: frozenset[str] | None = None
        self._named: dict[str, frozenset[str]] = {}
        self._named_group: dict[int, frozenset[str]] = {}

    def deciding(self) -> frozenset[str]:
        """The matters the record decides or formally proposes, worked out once: from the
        quotes outside its title and headings when there are such (the title of a paper on
        two matters names both), else from any deciding quote, else from every quote."""
        if self._deciding is None:
            # (one test per sentence: a sentence holds several quotes)
            segments = {id(h.seg): h.seg for h in self._decided}
            formal = {
                k: decides_or_formally_proposes(seg, False)
                and not _NOTES_OR_DEFERS.search(seg.text)
                for k, seg in segments.items()
            }
            hits = (
                [
                    h
                    for h in self._decided
                    if not h.chunk.is_title and not self._is_heading(h) and formal[id(h.seg)]
                ]
                or [h for h in self._decided if h.chunk.is_title or formal[id(h.seg)]]
                or list(self._decided)
            )
            self._deciding = self.of_all(hits)
            self._deciding_hits = hits
            # (what the recommendations only note or put off: their own words' matters)
            self._undecided = (
                frozenset().union(
                    *(
                        terms(seg.text)
                        for seg in segments.values()
                        if _NOTES_OR_DEFERS.search(seg.text)
                    )
                )
                - self._deciding
            )
        return self._deciding

    def undecided(self) -> frozenset[str]:
        """The matters of the record's quotes that only note a matter or put it off."""
        self.deciding()
        return self._undecided

    def _names(self, text: str) -> frozenset[str]:
        if self._lowered is None:
            self._lowered = lower_words(c.analysed.norm for c in self._chunks)
        if text not in self._named:
            self._named[text] = names(text, self._lowered)
        return self._named[text]

    def _group_names(self, index: int) -> frozenset[str]:
        if index not in self._named_group:
            self._named_group[index] = frozenset().union(
                *(self._names(t) for t in self._groups[index])
            )
        return self._named_group[index]

    def places(self) -> tuple[frozenset[str], frozenset[str]]:
        """The place names of what the record decides, and those only its other
        recommendations name (:mod:`monitor.matter_names`): "Bryn Haf", "Derwen" of the homes
        it transfers; "Llys Gwyn" of the home it consults on first."""
        if self._places is None:
            self.deciding()
            decided_segs = {id(h.seg) for h in self._deciding_hits}
            decided = frozenset().union(*(self._names(h.seg.text) for h in self._deciding_hits))
            others = frozenset().union(
                *(
                    self._names(seg.text)
                    for c in self._chunks
                    for seg in c.analysed.segments
                    if seg.section == "decision" and id(seg) not in decided_segs
                ),
                *(self._names(h.seg.text) for h in self._decided if id(h.seg) not in decided_segs),
            )
            self._places = (decided, others - decided)
        return self._places

    def places_of(self, hit: _Hit) -> frozenset[str]:
        """The recommendations' place names that evidence is about: its sentence's, else its
        paragraph's, else its section's."""
        decided, others = self.places()
        known = decided | others
        found = self._names(hit.seg.text) & known
        index = self._group_of.get(id(hit.seg))
        if found or index is None:
            return found
        found = self._group_names(index) & known
        if found:
            return found
        section = self._section_of[index]
        return known & frozenset().union(
            *(self._group_names(i) for i, s in enumerate(self._section_of) if s == section)
        )

    def _group(self, index: int) -> frozenset[str]:
        if index not in self._read:
            self._read[index] = frozenset().union(*(terms(t) for t in self._groups[index]))
        return self._read[index]

    def _paragraph(self, hit: _Hit) -> frozenset[str]:
        index = self._group_of.get(id(hit.seg))
        return frozenset() if index is None else self._group(index)

    def _section(self, hit: _Hit) -> frozenset[str]:
        index = self._group_of.get(id(hit.seg))
        if index is None:
            return frozenset()
        section = self._section_of[index]
        if section not in self._read_section:
            self._read_section[section] = frozenset().union(
                *(self._group(i) for i, s in enumerate(self._section_of) if s == section)
            )
        return self._read_section[section]

    def of(self, hit: _Hit) -> frozenset[str]:
        """What evidence is about: its own sentence's matters, else its paragraph's, else its
        section's ("8.3 A total of 1,087 responses were received" under "8. Day services")."""
        return terms(hit.seg.text) or self._paragraph(hit) or self._section(hit)

    def of_all(self, hits: Iterable[_Hit]) -> frozenset[str]:
        # (a decision's own words when they name a matter: its paragraph may list the others,
        # "(a) approve the re-procurement of the home care framework; (b) consider the
        # outcome of the consultation on day services")
        # (and only when none of them names one, the paragraphs they sit in: "(b) delegate
        # authority ... to award places on the framework" shares its list with "(c) agree that
        # a public consultation is held on the day opportunities service", another matter)
        hits = list(hits)
        found: set[str] = set()
        for hit in hits:
            found |= terms(hit.seg.text)
        if not found:
            for hit in hits:
                found |= self._paragraph(hit)
        return frozenset(found)


_A_NOTICE = re.compile(r"\b(?:notices?|advertis\w*|advert|published|publication|invit\w*)\b", re.I)
_NAMES_AN_OPTION = re.compile(r"\b[Oo]ption (?:\d{1,2}|[A-F])\b")


def on_other_matters(evidence: Sequence[_Hit], matters: Matters) -> list[_Hit]:
    """The evidence hits that name matters and share none with what the record decides (an
    empty list when the decision names no distinctive matter)."""
    deciding = matters.deciding()
    decided_places, other_places = matters.places()
    aside = []
    for h in evidence:
        if decided_places and other_places:
            # (a place only another recommendation names: "a public consultation on the
            # future of Llys Gwyn" beside the transfer of Bryn Haf and Tŷ Derwen)
            places = matters.places_of(h)
            if places & other_places and places.isdisjoint(decided_places):
                aside.append(h)
                continue
        if not deciding:
            continue
        # (a record's own options and reasons are about what it decides, whatever they name;
        # a recommendation is read by its own words: "3.04 That the Board notes the results
        # of the Parks and Open Spaces Residents' Survey" is about parks)
        # (nor does a sentence that names one of its numbered options: "expanding the in-house
        # Passenger Transport Unit ... (Option 2)" in a paper on home to school transport)
        # (and a statutory notice inviting objections is about a disposal by what it is)
        # (but a notice about a matter the record only notes or puts off is that matter's:
        # "notes that the asset transfer request for the former school will be determined at
        # a future meeting" beside the depot it sells)
        if (
            h.seg.section in _ABOUT_THE_DECISION
            or _OPTION_HEADING.match(h.seg.text)
            or _NAMES_AN_OPTION.search(h.seg.text)
        ):
            continue
        if h.rule == "statutory_open_space_notice" and _A_NOTICE.search(h.seg.text):
            named = matters.of(h)
            if not (named & matters.undecided() and named.isdisjoint(deciding)):
                continue
        # (the words after the evidence first: a title on two matters, "(1) Re-procurement of
        # the Home Care Framework and (2) Outcome of Consultation on Day Services")
        named = terms(h.seg.text[h.start : h.end + _AFTER])
        if not named:
            own = h.seg.section in ("decision", "reasons")
            named = terms(h.seg.text) if own else matters.of(h)
        if named and named.isdisjoint(deciding):
            aside.append(h)
    return aside
