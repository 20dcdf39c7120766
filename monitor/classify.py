"""Classify a council record: outsourcing / asset sale, consultation, in-house option, flag.

The rules live in the :mod:`monitor.rules` package; this module applies them sentence by
sentence, sets aside false friends, applies document-level blockers and keeps every quote it
relied on.

Flag rule (DESIGN.md)::

    should_flag = (is_outsourcing and (not has_consultation or not has_inhouse_statement))
                  or (is_asset_sale and not has_consultation)

``has_consultation`` is ``None`` unless the record is outsourcing or an asset sale;
``has_inhouse_statement`` is ``None`` unless it is outsourcing. Every true label carries at
least one quote; a false label needs none.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from monitor import notice_text as NT
from monitor import notices as N
from monitor import prefilter
from monitor import rules as R
from monitor.deciding import (
    decides_or_formally_proposes,
    decides_or_proposes,
    has_deciding_part,
    is_heading,
    is_long_paper,
    subject_not_a_service,
)
from monitor.items import Item, split_items
from monitor.notice_subject import names_a_service
from monitor.text import Analysed, SectionState, Segment, analyse, quote_bounds, repeated_lines

__all__ = [
    "RULES_VERSION",
    "Classification",
    "Evidence",
    "classify",
    "classify_pages",
]


def _rules_version() -> str:
    # Any edit to the rules, the engine (and its prefilter), the text helpers, the notice
    # structure tables or the confidence steps can change an assessment, so the version is the
    # review date plus a hash of their sources: stored assessments made with other rules are
    # then recognisably stale.
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    sources = [
        *sorted((here / "rules").glob("*.py")),
        *(
            here / name
            for name in (
                "classify.py",
                "confidence.py",
                "deciding.py",
                "items.py",
                "text.py",
                "notices.py",
                "notice_subject.py",
                "notice_text.py",
                "procurement_groups.py",
                "cpv_groups.py",
                "prefilter.py",
            )
        ),
    ]
    for source in sources:
        digest.update(source.read_bytes())
    return f"{R.RULES_SERIES}+{digest.hexdigest()[:10]}"


RULES_VERSION: str = _rules_version()

# Quotes kept per label and set-aside matches kept per record: enough for a reviewer, short
# enough for a feed item. A long report sets aside many matches of a few kinds (every option
# it lists, every mention of the contracts' history): a few of each kind are kept, so that one
# kind does not crowd out the others.
_MAX_PER_LABEL = 6
_MAX_DISCOUNTED = 16
_MAX_DISCOUNTED_PER_REASON = 3


@dataclass(frozen=True)
class Evidence:
    """A quote (an exact substring of the whitespace-normalised input) and the rule behind it.

    ``document`` and ``page`` say where the quote is; ``start`` is its offset in the
    normalised text of that page (or of the whole text for :func:`classify`). A quote taken
    from the record's title has ``document``, ``page`` and ``start`` all ``None``.
    """

    label: str
    quote: str
    rule: str
    page: int | None = None
    document: str | None = None
    start: int | None = None


@dataclass(frozen=True)
class Classification:
    is_outsourcing: bool
    is_asset_sale: bool
    has_consultation: bool | None
    has_inhouse_statement: bool | None
    should_flag: bool
    evidence: tuple[Evidence, ...]
    # Facts about the record that are not quotes: notice signals ("performance_notice" for
    # UK9, "contract_change" UK10, "termination" UK11, "procurement_termination" UK12,
    # "procurement_notice"), the structural rule that decided a notice ("notice:cpv_division_85",
    # "notice_structure_silent": see monitor.notices) and blockers that applied ("insourcing",
    # "shared_service", "council_owned_company", "decommissioning").
    signals: tuple[str, ...]
    # Matches set aside as false friends (``rule`` = the false friend's name), for reviewers.
    discounted: tuple[Evidence, ...] = ()
    # For a flag, which checks found nothing: "consultation", "inhouse_statement". Kept apart
    # from the quotes (it is not one) and from signals (a linked decision can still supply it).
    missing: tuple[str, ...] = ()
    # Facts for a confidence score and the staff review route (not quotes). Whether the
    # outsourcing or sale evidence came from a deciding part of the record (title or item
    # heading, "Decision" / "Recommendations" / "Reasons" parts, a sentence that decides or
    # formally proposes) rather than from description alone (a press release, a notice without
    # a resolution): ``None`` when the record is neither.
    decided_in_deciding_part: bool | None = None
    # How much was read: pages with text (a record's own text counts as one) and documents.
    pages_read: int = 0
    documents_read: int = 0
    # Which verdict labels ("is_outsourcing", "is_asset_sale") rest on at least one quote from
    # a deciding part (title, decision/recommendation section, decision sentence) rather than
    # background only: the confidence module weighs the two differently.
    decided_in: tuple[str, ...] = ()

    def as_json(self, id: Any) -> dict[str, Any]:
        """The design's output fields: ``evidence`` is the list of quote strings (as in the
        labelled cases); ``evidence_detail`` has label, rule, document, page and offset."""
        quotes: list[str] = []
        for ev in self.evidence:
            if ev.quote not in quotes:
                quotes.append(ev.quote)
        return {
            "id": id,
            "is_outsourcing": self.is_outsourcing,
            "is_asset_sale": self.is_asset_sale,
            "has_consultation": self.has_consultation,
            "has_inhouse_statement": self.has_inhouse_statement,
            "should_flag": self.should_flag,
            "evidence": quotes,
            "evidence_detail": [asdict(ev) for ev in self.evidence],
            "missing": list(self.missing),
            "decided_in": list(self.decided_in),
            "signals": list(self.signals),
            "discounted": [asdict(ev) for ev in self.discounted],
            "decided_in_deciding_part": self.decided_in_deciding_part,
            "pages_read": self.pages_read,
            "documents_read": self.documents_read,
            "rules_version": RULES_VERSION,
        }


# --------------------------------------------------------------------------------------------
# Internals
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    document: str | None
    page: int | None
    analysed: Analysed
    is_title: bool = False


@dataclass(frozen=True)
class _Hit:
    rule: str
    label: str
    weak: bool
    chunk: _Chunk
    seg: Segment
    start: int  # match offsets inside seg.text
    end: int

    def evidence(self, rule: str | None = None) -> Evidence:
        norm, seg = self.chunk.analysed.norm, self.seg
        s, e = quote_bounds(norm, seg.start, seg.end, seg.start + self.start, seg.start + self.end)
        title = self.chunk.is_title
        return Evidence(
            label=self.label,
            quote=norm[s:e],
            rule=rule or self.rule,
            page=None if title else self.chunk.page,
            document=None if title else self.chunk.document,
            start=None if title else s,
        )


class _Masker:
    """Blanks out compounds that contain a 'public' word but are not people ("Cabinet Member
    for Communities", "Community Impact Assessment"), keeping the length so offsets still
    point into the original sentence. One per classification: the scan and the false-friend
    checks ask for the same sentences.

    It also keeps the false-friend verdicts of the classification (:func:`_false_friend`):
    long reports say the same thing several times (a summary repeats the recommendations,
    every page of an options table names the same option)."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}
        self.verdicts: dict[tuple[str, str, str, str | None, int, int], R.FalseFriend | None]
        self.verdicts = {}

    def __call__(self, text: str) -> str:
        masked = self._done.get(text)
        if masked is None:
            masked = R.NOT_PEOPLE.sub(lambda m: " " * len(m.group(0)), text)
            masked = R.mask_named_bodies(masked)
            self._done[text] = masked
        return masked


_TRIGGER_RES: dict[tuple[str, ...], re.Pattern[str]] = {}


def _trigger_re(trigger: tuple[str, ...]) -> re.Pattern[str]:
    """A rule's trigger fragments as one literal alternation: one C-level scan per text."""
    pattern = _TRIGGER_RES.get(trigger)
    if pattern is None:
        pattern = _TRIGGER_RES[trigger] = re.compile("|".join(map(re.escape, trigger)))
    return pattern


def _triggered(trigger: tuple[str, ...], lowered: str) -> bool:
    """Whether one of a rule's trigger fragments is in the (lower-cased) sentence."""
    return not trigger or _trigger_re(trigger).search(lowered) is not None


def _fragment_segments(
    fragment: str, chunk_lowered: str, segments: Sequence[Segment], starts: Sequence[int]
) -> set[int]:
    """Which sentences hold ``fragment``: every place it occurs in the page (``str.find``,
    far quicker than a regex scan), kept when it lies wholly inside one sentence.
    ``starts`` are the sentences' start offsets."""
    found: set[int] = set()
    at = chunk_lowered.find(fragment)
    while at != -1:
        i = bisect_right(starts, at) - 1
        if i >= 0 and at + len(fragment) <= segments[i].end:
            found.add(i)
        at = chunk_lowered.find(fragment, at + 1)
    return found


_NOWHERE: frozenset[int] = frozenset()


def _triggered_segments(
    rules: Sequence[R.Rule], chunk: _Chunk, chunk_lowered: str
) -> list[list[R.Rule]]:
    """For each sentence of ``chunk``, the rules (in their order) whose trigger is in it.

    Each trigger fragment is looked for once in the whole page rather than in every sentence.
    ``chunk_lowered`` keeps the offsets of the page's text (:func:`monitor.prefilter.lowered`),
    so a fragment inside a sentence's span is in that sentence's lower-cased text."""
    segments = chunk.analysed.segments
    per_segment: list[list[R.Rule]] = [[] for _ in segments]
    starts = [seg.start for seg in segments]
    where: dict[str, set[int] | frozenset[int]] = {}
    for rule in rules:
        if rule.trigger:
            holding: set[int] = set()
            for fragment in rule.trigger:
                if fragment not in where:
                    # Most fragments are nowhere in the page: a plain ``in`` says so.
                    where[fragment] = (
                        _fragment_segments(fragment, chunk_lowered, segments, starts)
                        if fragment in chunk_lowered
                        else _NOWHERE
                    )
                holding |= where[fragment]
        else:
            holding = set(range(len(segments)))
        for i in holding:
            if rule.section is None or segments[i].section == rule.section:
                per_segment[i].append(rule)
    return per_segment


def _scan(
    rules: Iterable[R.Rule], chunks: Sequence[_Chunk], mask: _Masker | None = None
) -> list[_Hit]:
    """Every (rule, sentence) match; consultation rules read the sentence through ``mask``."""
    hits: list[_Hit] = []
    rules = tuple(rules)
    for chunk in chunks:
        # Triggers are found page by page (:func:`_triggered_segments`), not sentence by
        # sentence; the order of the hits is unchanged.
        chunk_lowered = prefilter.lowered(chunk.analysed.norm)
        if chunk_lowered is None:
            # A letter whose lower case is longer ("İ") or that re.I reads as ASCII: sentence
            # by sentence, the plain way.
            per_segment = [
                [
                    rule
                    for rule in rules
                    if (rule.section is None or seg.section == rule.section)
                    and _triggered(rule.trigger, seg.text.lower())
                ]
                for seg in chunk.analysed.segments
            ]
        else:
            per_segment = _triggered_segments(rules, chunk, chunk_lowered)
        for seg, live in zip(chunk.analysed.segments, per_segment, strict=True):
            if not live:
                continue
            text = mask(seg.text) if mask is not None else seg.text
            for rule in live:
                m = rule.pattern.search(text)
                if m is None or (rule.also is not None and rule.also.search(text) is None):
                    continue
                hits.append(_Hit(rule.name, rule.label, rule.weak, chunk, seg, m.start(), m.end()))
    return hits


def _window(scope: str, hit: _Hit, length: int) -> tuple[int, int]:
    if scope == "before":
        return max(0, hit.start - 60), hit.end
    if scope == "just_before":
        return max(0, hit.start - 30), hit.start
    if scope == "lead":
        return max(0, hit.start - 80), hit.start
    if scope == "after":
        return hit.start, hit.end + 80
    return 0, length


def _false_friend(hit: _Hit, mask: _Masker) -> R.FalseFriend | None:
    # Everything the verdict depends on.
    key = (hit.label, hit.rule, hit.seg.text, hit.seg.section, hit.start, hit.end)
    if key in mask.verdicts:
        return mask.verdicts[key]
    mask.verdicts[key] = verdict = _first_false_friend(hit, mask)
    return verdict


def _first_false_friend(hit: _Hit, mask: _Masker) -> R.FalseFriend | None:
    text = hit.seg.text
    masked = mask(text)
    lowered = prefilter.lowered(text)
    for ff in R.FALSE_FRIENDS:
        if hit.label not in ff.labels or (ff.only_rules and hit.rule not in ff.only_rules):
            continue
        if ff.scope == "section":
            found = hit.seg.section == ff.pattern.pattern
            lo, hi = 0, len(text)
        else:
            lo, hi = _window(ff.scope, hit, len(text))
            # The false friend is looked for in the raw words ("Cabinet Member for ..."); the
            # rescue in the masked ones, where such titles no longer read as people. Most
            # windows lack every word the pattern needs: no regex search for those.
            found = (
                prefilter.may_match(ff.pattern, lowered, lo, hi)
                and ff.pattern.search(text[lo:hi]) is not None
            )
            if ff.unless_in_sentence:
                lo, hi = 0, len(text)
        if found and not (ff.unless is not None and ff.unless.search(masked[lo:hi])):
            return ff
    return None


def _split(hits: Iterable[_Hit], mask: _Masker) -> tuple[list[_Hit], list[tuple[_Hit, str]]]:
    """Hits that stand, and hits set aside with the name of the false friend."""
    kept: list[_Hit] = []
    set_aside: list[tuple[_Hit, str]] = []
    for hit in hits:
        ff = _false_friend(hit, mask)
        if ff is None:
            kept.append(hit)
        else:
            set_aside.append((hit, ff.name))
    return kept, set_aside


# Find a Tender pages print the type as "UK4: Tender notice - Procurement Act 2023".
_NOTICE_TYPE_IN_TEXT = re.compile(r"\bUK(\d{1,2})\s*[:\-–]\s*[A-Z]")


def _notice_type(notice_type: str | None, chunks: Sequence[_Chunk]) -> str | None:
    if notice_type and notice_type.strip():
        value = notice_type.strip().upper().replace(" ", "")
        return value if value.startswith("UK") else f"UK{value}"
    for chunk in chunks:
        m = _NOTICE_TYPE_IN_TEXT.search(chunk.analysed.norm)
        if m:
            return f"UK{m.group(1)}"
    return None


def _notice_hits(chunks: Sequence[_Chunk], service_head: str | None = None) -> list[_Hit]:
    """The sentence that says a procurement notice is for a service (goods and works are set
    aside later by the same false friends as decisions). ``service_head`` is the head of the
    notice's title when it names a service ("Treatment Service"): the sentence that holds it
    is the last resort."""
    for chunk in chunks:
        for seg in chunk.analysed.segments:
            m = R.NOTICE_SERVICE_SUBJECT.search(seg.text)
            if m:
                return [
                    _Hit(
                        "procurement_notice_service",
                        R.OUTSOURCING,
                        False,
                        chunk,
                        seg,
                        m.start(),
                        m.end(),
                    )
                ]
    # A notice's title (its first sentence) may name the service with one word.
    for chunk in chunks[:1]:
        for seg in chunk.analysed.segments[:1]:
            m = R.NOTICE_TITLE_SERVICE.search(seg.text)
            if m:
                return [
                    _Hit(
                        "procurement_notice_service",
                        R.OUTSOURCING,
                        False,
                        chunk,
                        seg,
                        m.start(),
                        m.end(),
                    )
                ]
    if service_head:
        for chunk in chunks:
            for seg in chunk.analysed.segments:
                start = seg.text.find(service_head)
                if start >= 0:
                    return [
                        _Hit(
                            "procurement_notice_service",
                            R.OUTSOURCING,
                            False,
                            chunk,
                            seg,
                            start,
                            start + len(service_head),
                        )
                    ]
    return []


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


def _decides(hit: _Hit) -> bool:
    """Whether an outsourcing match is the record's decision, not a mention: in the title,
    under a "Decision" / "Recommendation(s)" heading, or in a sentence that states a decision
    ("APPROVE the commencement of a procurement", "RESOLVED that the contract be awarded")."""
    return (
        hit.chunk.is_title
        or hit.seg.section == "decision"
        or R.DECISION_SENTENCE.search(hit.seg.text) is not None
    )


def _decides_or_proposes(hit: _Hit) -> bool:
    return decides_or_proposes(hit.seg, hit.chunk.is_title)


def _is_heading(hit: _Hit) -> bool:
    return is_heading(hit.seg, hit.chunk.analysed, hit.chunk.page)


def _background_only(
    kept: list[_Hit],
    aside: Sequence[tuple[_Hit, str]],
    deciding_part: bool,
    long_paper: bool = False,
) -> bool:
    """Whether a label's matches are only background: none of them decides or proposes, and
    the record decides something else (or its other matches were set aside as a policy or
    process). In a long paper the test is stricter (:func:`decides_or_formally_proposes`) and
    holds whether or not the paper decides anything: a strategy's mentions stay mentions."""
    if not kept:
        return False
    if long_paper:
        if any(decides_or_formally_proposes(h.seg, h.chunk.is_title) for h in kept):
            return False
    elif any(_decides_or_proposes(h) for h in kept):
        return False
    policy = any(reason == "disposal_policy" for _, reason in aside)
    if deciding_part and not policy and any(_is_heading(h) for h in kept):
        return False
    return deciding_part or policy or long_paper


def _blockers(chunks: Sequence[_Chunk], kept: Sequence[_Hit]) -> list[tuple[R.Blocker, _Hit]]:
    found: list[tuple[R.Blocker, _Hit]] = []
    decided: bool | None = None  # worked out once, for the first blocker that asks
    for blocker in R.BLOCKERS:
        hit = _first_blocker_hit(blocker, chunks)
        if hit is None:
            continue
        # Long papers: a blocker that only sits in the background ("councils are increasingly
        # insourcing waste services") gives way to an outsourcing the record decides; one that
        # is itself decided or proposed still blocks.
        if blocker.yields_to_decision or not _decides_or_proposes(hit):
            if decided is None:
                decided = any(_decides(h) for h in kept if h.seg is not hit.seg)
            if decided:
                continue
        found.append((blocker, hit))
    return found


def _first_blocker_hit(blocker: R.Blocker, chunks: Sequence[_Chunk]) -> _Hit | None:
    """The sentence that shows the blocker: the first one under a "Decision" heading if any
    (a long report states its proposal in the summary and again in the decision), otherwise
    the first one."""
    first: _Hit | None = None
    for chunk in chunks:
        for seg in chunk.analysed.segments:
            # An option listed under "Options considered" was discussed, not decided.
            if seg.section == "options" or (first is not None and seg.section != "decision"):
                continue
            if not _triggered(blocker.trigger, seg.text.lower()):
                continue
            m = blocker.pattern.search(seg.text)
            if m is None or (blocker.unless is not None and blocker.unless.search(seg.text)):
                continue
            if (
                blocker.also is not None
                and seg.section != "decision"
                and blocker.also.search(seg.text) is None
            ):
                continue
            hit = _Hit(blocker.name, R.OUTSOURCING, False, chunk, seg, m.start(), m.end())
            if seg.section == "decision":
                return hit
            first = first or hit
    return first


# Outsourcing rules whose decision implies the service is in-house today (it is being moved
# out), so a reason against the current service is a reason against the in-house option.
_EXTERNALISING = frozenset(
    {
        "transfer_to_provider",
        "outsourcing_agreed",
        "spin_out",
        "business_transfer",
        "stock_transfer",
    }
)


def _evidence(hits: Iterable[_Hit]) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    for hit in hits:
        ev = hit.evidence()
        # One entry per rule and quote: a sentence found by two rules shows both reasons.
        if (ev.quote, ev.rule) in seen:
            continue
        seen.add((ev.quote, ev.rule))
        out.append(ev)
        if len(out) >= _MAX_PER_LABEL:
            break
    return out


def _classify_chunks(
    chunks: Sequence[_Chunk],
    doc_type: str | None,
    notice_type: str | None,
    notice: N.NoticeFacts | None = None,
) -> Classification:
    signals: list[str] = []
    discounted: list[tuple[_Hit, str]] = []
    mask = _Masker()
    doc_type = (doc_type or "").strip().lower() or None
    whole = " ".join(c.analysed.norm for c in chunks)

    # ---- outsourcing
    out_kept, aside = _split(_scan(R.OUTSOURCING_RULES, chunks), mask)
    discounted += aside
    text_aside = aside
    nt = _notice_type(notice_type, chunks) if (notice_type or doc_type == "procurement") else None
    is_notice = nt is not None or doc_type == "procurement" or notice is not None
    if nt in R.NOTICE_SIGNALS:
        signals.append(R.NOTICE_SIGNALS[nt])
    # Structure before words (monitor.notices): what a notice states about itself decides;
    # its text decides only where the structure is silent or mixed.
    structure = _notice_structure(notice, nt) if is_notice else None
    structural: Evidence | None = None
    if structure is not None and notice is not None and notice.from_text:
        # The same decision as for a stored release, from the lines of the notice's text.
        signals.append("notice_structure_from_text")
    if structure is not None and structure.verdict == N.NOT_OUTSOURCING:
        signals.append(structure.rule)
        discounted += [(h, structure.rule) for h in out_kept]
        out_kept = []
        # Kept with the quotes (label "notice_structure"): a reviewer sees why a notice that
        # speaks of services is not a public service let out.
        structural_note = Evidence("notice_structure", structure.quote, structure.rule)
    else:
        structural_note = None
        if nt in R.NOT_LETTING_NOTICE_TYPES:
            # Performance, termination and cancellation notices report on a contract: signals
            # for campaign staff, not decisions to outsource.
            discounted += [(h, "notice_reports_on_contract") for h in out_kept]
            out_kept = []
        elif is_notice:
            head = names_a_service(notice.title) if notice is not None else None
            notice_kept, aside = _split(_notice_hits(chunks, head), mask)
            discounted += aside
            out_kept += notice_kept
            signals.append("procurement_notice")
        if structure is not None and structure.verdict == N.OUTSOURCING:
            signals.append(structure.rule)
            structural = Evidence(R.OUTSOURCING, structure.quote, structure.rule)
        elif structure is not None:
            signals += structure.signals
    blocked = _blockers(chunks, out_kept) if (out_kept or structural) else []
    if blocked:
        signals += [blocker.name for blocker, _ in blocked]
        # First among the set-aside quotes: it is why the record is not outsourcing, and a
        # long report can have more set-aside matches than are kept.
        discounted[:0] = [(hit, f"blocker:{blocker.name}") for blocker, hit in blocked]
        discounted += [(h, f"blocked_by:{blocked[0][0].name}") for h in out_kept]
        out_kept = []
        structural = None
    # After the blockers: a record about ending contracts says so whatever else it mentions.
    if out_kept and subject_not_a_service(
        ((h.rule, h.seg.text) for h in out_kept),
        (c.analysed.norm for c in chunks if c.is_title),
        (seg.text for c in chunks for seg in c.analysed.segments),
    ):
        discounted += [(h, "subject_not_a_service") for h in out_kept]
        out_kept = []
    deciding_part = has_deciding_part(c.analysed for c in chunks if not c.is_title)
    # A notice is itself the step it announces (a tender, an award): none of its sentences
    # is background to another decision.
    long_paper = not is_notice and is_long_paper(c.analysed for c in chunks if not c.is_title)
    if not is_notice and _background_only(out_kept, text_aside, deciding_part, long_paper):
        discounted += [(h, "background_only") for h in out_kept]
        out_kept = []
    is_outsourcing = bool(out_kept) or structural is not None

    # ---- asset sale
    asset_kept, aside = _split(_scan(R.ASSET_RULES, chunks), mask)
    discounted += aside
    if _background_only(asset_kept, aside, deciding_part, long_paper):
        discounted += [(h, "background_only") for h in asset_kept]
        asset_kept = []
    is_asset_sale = bool(asset_kept)

    # ---- consultation (only where the question arises)
    has_consultation: bool | None = None
    cons_kept: list[_Hit] = []
    if is_outsourcing or is_asset_sale:
        cons_kept, aside = _split(_scan(R.CONSULTATION_RULES, chunks, mask), mask)
        discounted += aside
        if is_notice:
            # Policy (eval README): a procurement notice carries no consultation of its own;
            # "community engagement" in a notice describes the work being bought.
            discounted += [(h, "notice_text") for h in cons_kept]
            cons_kept = []
        elif (
            cons_kept
            and all(h.weak for h in cons_kept)
            and R.STAFF_OR_MARKET_CONSULTATION.search(whole)
        ):
            # "The outcome of the consultation" in a document whose only named consultation
            # is with staff or the market refers to that consultation.
            discounted += [(h, "staff_or_market_context") for h in cons_kept]
            cons_kept = []
        has_consultation = bool(cons_kept)

    # ---- in-house option (only for outsourcing)
    has_inhouse: bool | None = None
    inh_kept: list[_Hit] = []
    if is_outsourcing:
        in_house_now = bool(R.INHOUSE_DESCRIPTOR.search(whole)) or any(
            h.rule in _EXTERNALISING for h in out_kept
        )
        candidates = [
            h
            for h in _scan(R.INHOUSE_RULES, chunks)
            if h.rule != "inhouse_reason_against" or in_house_now
        ]
        inh_kept, aside = _split(candidates, mask)
        discounted += aside
        if is_notice:
            discounted += [(h, "notice_text") for h in inh_kept]
            inh_kept = []
        has_inhouse = bool(inh_kept)

    should_flag = (is_outsourcing and not (has_consultation and has_inhouse)) or (
        is_asset_sale and not has_consultation
    )
    decided_in: bool | None = None
    if is_outsourcing or is_asset_sale:
        decided_in = any(
            _decides_or_proposes(h) or (deciding_part and _is_heading(h))
            for h in (*out_kept, *asset_kept)
        )
    read = [c for c in chunks if not c.is_title]
    missing: list[str] = []
    if should_flag:
        if not has_consultation:
            missing.append("consultation")
        if is_outsourcing and not has_inhouse:
            missing.append("inhouse_statement")

    evidence: list[Evidence] = [e for e in (structural, structural_note) if e is not None]
    for kept in (out_kept, asset_kept, cons_kept, inh_kept):
        evidence += _evidence(kept)

    aside_evidence: list[Evidence] = []
    seen: set[tuple[str, str]] = set()
    per_reason: dict[str, int] = {}
    for hit, reason in discounted:
        ev = hit.evidence(rule=reason)
        if (ev.quote, reason) in seen or per_reason.get(reason, 0) >= _MAX_DISCOUNTED_PER_REASON:
            continue
        seen.add((ev.quote, reason))
        per_reason[reason] = per_reason.get(reason, 0) + 1
        aside_evidence.append(ev)
        if len(aside_evidence) >= _MAX_DISCOUNTED:
            break

    return Classification(
        is_outsourcing=is_outsourcing,
        is_asset_sale=is_asset_sale,
        has_consultation=has_consultation,
        has_inhouse_statement=has_inhouse,
        should_flag=bool(should_flag),
        evidence=tuple(evidence),
        signals=tuple(dict.fromkeys(signals)),
        discounted=tuple(aside_evidence),
        missing=tuple(missing),
        decided_in_deciding_part=decided_in,
        pages_read=len(read),
        documents_read=len({c.document for c in read if c.document is not None}),
        decided_in=tuple(
            label
            for label, kept in (("is_outsourcing", out_kept), ("is_asset_sale", asset_kept))
            if any(_decides(h) for h in kept)
        ),
    )


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def classify_pages(
    pages: Sequence[tuple[str | None, int | None, str]],
    title: str | None = None,
    doc_type: str | None = None,
    notice_type: str | None = None,
    notice: N.NoticeFacts | None = None,
) -> Classification:
    """Classify a record made of several texts: ``(document url/name, page number, text)``.

    Long reports and records with attached documents are passed page by page so that every
    quote keeps its document and page. Sentences never span two pages, but sections do: a
    page starts in the section the previous page of the same document ended in ("Options
    considered" on page 5 runs on to page 6). Running headers and footers repeated on the
    pages of a document, bare page numbers and contents lines are not read as prose. Labels
    are decided over all pages (and the title) together. ``notice`` is what a procurement
    notice states about itself (:func:`monitor.notices.notice_facts`): it decides before the
    words do.
    """
    # Running headers and footers belong to paginated documents: texts without a page number
    # (a record's own description) are never compared with each other.
    by_document: dict[str | None, list[str]] = {}
    for document, page, text in pages:
        if page is not None and text and text.strip():
            by_document.setdefault(document, []).append(text)
    repeated = {doc: repeated_lines(texts) for doc, texts in by_document.items()}
    notice = _read_notice(pages, title, doc_type, notice)
    is_notice = notice is not None or notice_type is not None or doc_type == "procurement"
    items = [] if is_notice else split_items(pages)
    if len(items) > 1:
        return _classify_items(items, repeated, doc_type, title)
    return _classify_chunks(_chunks(pages, title, repeated), doc_type, notice_type, notice)


def _chunks(
    pages: Sequence[tuple[str | None, int | None, str]],
    title: str | None,
    repeated: dict[str | None, frozenset[str]],
) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    if title and title.strip():
        chunks.append(_Chunk(None, None, analyse(title), is_title=True))
    state: SectionState | None = None
    previous: tuple[str | None, int | None] | None = None
    for document, page, text in pages:
        if not (text and text.strip()):
            continue
        # Only the next page of the same document continues a section (not a record's own
        # text before its documents, nor page 1 of the next attachment). An agenda item that
        # starts part-way down a page starts afresh (it is passed as its own text).
        follows = (
            previous is not None
            and previous[0] == document
            and page is not None
            and previous[1] is not None
            and page == previous[1] + 1
        )
        analysed = analyse(
            text, state if follows else None, repeated.get(document, ()) if page is not None else ()
        )
        chunks.append(_Chunk(document, page, analysed))
        state, previous = analysed.state, (document, page)
    return chunks


def _classify_items(
    items: Sequence[Item],
    repeated: dict[str | None, frozenset[str]],
    doc_type: str | None,
    title: str | None,
) -> Classification:
    """A pack of agenda items: each item judged on its own (its outsourcing never borrows
    another item's consultation), the record flagged with the first item that flags on its
    own, otherwise described by the first item that decides an outsourcing or a sale. Items of
    procedure (apologies, declarations of interest, exclusion of the press) list other items'
    titles and are not judged. The record title goes with the record's own texts (the item
    without a heading), never into the pack's items: it names the meeting, not each matter."""
    judged = [
        (
            item,
            _classify_chunks(
                _chunks(item.pages, title if item.heading is None else None, repeated),
                doc_type,
                None,
            ),
        )
        for item in items
        if not item.procedural
    ]
    read = [
        (document, page)
        for document, page, text in (p for i in items for p in i.pages)
        if text.strip()
    ]
    counts = {
        "pages_read": len(set(read)),
        "documents_read": len({document for document, _ in read if document is not None}),
    }
    chosen = next((pair for pair in judged if pair[1].should_flag), None) or next(
        (pair for pair in judged if pair[1].is_outsourcing or pair[1].is_asset_sale), None
    )
    if chosen is not None:
        item, result = chosen
        signals = [*result.signals, f"agenda_items:{len(items)}"]
        if item.heading:
            signals.append(f"item:{item.heading[:120]}")
        return replace(result, signals=tuple(signals), **counts)
    # Nothing decided in any item: what each item set aside, and the blockers that applied,
    # are all kept for reviewers.
    signals = [s for _, result in judged for s in result.signals]
    discounted = [ev for _, result in judged for ev in result.discounted][:_MAX_DISCOUNTED]
    return Classification(
        is_outsourcing=False,
        is_asset_sale=False,
        has_consultation=None,
        has_inhouse_statement=None,
        should_flag=False,
        evidence=(),
        signals=tuple(dict.fromkeys([*signals, f"agenda_items:{len(items)}"])),
        discounted=tuple(discounted),
        decided_in_deciding_part=None,
        **counts,
    )


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


def classify(
    text: str,
    title: str | None = None,
    doc_type: str | None = None,
    notice_type: str | None = None,
) -> Classification:
    """Classify one record's text. ``doc_type`` is the labelled-case type (``decision``,
    ``report``, ``forward_plan``, ``notice``, ``procurement``, ``other``); ``notice_type`` is
    the Procurement Act notice type of a procurement record (``UK1`` .. ``UK17``)."""
    return classify_pages(
        [(None, None, text)], title=title, doc_type=doc_type, notice_type=notice_type
    )
