"""Whether a match decides or is only background, and the document-level blockers
(insourcing, shared service, council-owned company, decommissioning) that undo an outsourcing."""

from __future__ import annotations

from collections.abc import Sequence

from monitor import prefilter
from monitor import rules as R
from monitor.deciding import (
    DECIDING_SECTIONS,
    decides_or_formally_proposes,
    decides_or_proposes,
    is_heading,
    is_long_paper,
    without_dated_past,
)
from monitor.engine import _Chunk, _fragment_segments, _Hit, _triggered
from monitor.subjects import context_terms, notes_or_defers, terms


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


def _decided_here(hit: _Hit) -> bool:
    """Whether a blocker's sentence is this record's decision or proposal, not an earlier
    decision it reports by date ("Cabinet agreed in October 2024 that responsive repairs should
    be brought in-house in phases, starting with Lot 1"): that is background, which gives way
    to an outsourcing the record decides."""
    if not _decides_or_proposes(hit):
        return False
    if hit.chunk.is_title or hit.seg.section in DECIDING_SECTIONS:
        return True
    text = without_dated_past(hit.seg.text)
    return bool(R.DECISION_SENTENCE.search(text) or R.PROPOSAL_SENTENCE.search(text))


def _is_heading(hit: _Hit) -> bool:
    return is_heading(hit.seg, hit.chunk.analysed, hit.chunk.page)


def _background_only(
    kept: list[_Hit],
    aside: Sequence[tuple[_Hit, str]],
    deciding_part: bool,
    long_paper: bool = False,
    adopted: frozenset[int] = frozenset(),
) -> bool:
    """Whether a label's matches are only background: none of them decides or proposes, and
    the record decides something else (or its other matches were set aside as a policy or
    process). In a long paper the test is stricter (:func:`decides_or_formally_proposes`) and
    holds whether or not the paper decides anything: a strategy's mentions stay mentions."""
    if not kept:
        return False
    # (a paragraph the decision adopts by its number or line code: monitor.references)
    if adopted and any(id(h.seg) in adopted for h in kept):
        return False
    if long_paper:
        if any(decides_or_formally_proposes(h.seg, h.chunk.is_title) for h in kept):
            return False
    elif any(_decides_or_proposes(h) for h in kept):
        return False
    policy = any(reason == "disposal_policy" for _, reason in aside)
    # "Information item: Award of Home Care Contracts" over "That members note the award ...":
    # when the deciding part only notes the step, the heading names what is noted.
    noted = any(reason == "noted_only" and not _is_heading(h) for h, reason in aside)
    # "Former Offices - Unsolicited Offer" over "the Council is not minded to dispose of the
    # property": when the deciding part declines the step, the heading names what is declined.
    declined = any(
        reason in ("decided_against", "not_proceeding") and _decides_or_proposes(h)
        for h, reason in aside
    )
    if (
        deciding_part
        and not policy
        and not noted
        and not declined
        and any(_is_heading(h) for h in kept)
    ):
        return False
    return deciding_part or policy or long_paper


def _blockers(
    chunks: Sequence[_Chunk], kept: Sequence[_Hit], lets_contract: bool = False
) -> list[tuple[R.Blocker, _Hit]]:
    """The blockers that apply. ``lets_contract``: the record is a notice that itself lets
    a contract (a tender or award notice), which is as decided as a record gets: only a fact
    about the parties (a council-owned company, no contract let) blocks it, never its
    background ("following the decision to bring housing management back in-house, the
    repairs service is being re-procured")."""
    found: list[tuple[R.Blocker, _Hit]] = []
    # Whether the record decides an outsourcing outside a given sentence: worked out once per
    # sentence a blocker sits in (the blocker's own sentence never counts against it).
    decided: dict[int, bool] = {}
    # Every blocker reads every sentence: each is lower-cased once, not once per blocker.
    lowered = [_lowered_sentences(chunk) for chunk in chunks]
    for blocker in R.BLOCKERS:
        if lets_contract and not blocker.fact:
            continue
        hit = _first_blocker_hit(blocker, chunks, lowered, {})
        if hit is None:
            continue
        if blocker.unless_in_record is not None and any(
            blocker.unless_in_record.search(chunk.analysed.norm) for chunk in chunks
        ):
            continue
        # Long papers: a blocker that only sits in the background ("councils are increasingly
        # insourcing waste services") gives way to an outsourcing the record decides; one that
        # is itself decided or proposed still blocks.
        if not blocker.fact and (blocker.yields_to_decision or not _decided_here(hit)):
            key = id(hit.seg)
            if key not in decided:
                decided[key] = any(_decides(h) for h in kept if h.seg is not hit.seg)
            if decided[key]:
                continue
        # (a fact, or a step the record itself takes, about another matter than the
        # outsourcing it decides: "bring the responsive repairs service in-house" beside
        # "award the contract for domestic gas servicing")
        if (blocker.fact or _decided_here(hit)) and _about_another_matter(hit, kept):
            continue
        found.append((blocker, hit))
    return found


def _about_another_matter(hit: _Hit, kept: Sequence[_Hit]) -> bool:
    """Whether a fact is stated about another matter than the outsourcing the record decides:
    "Cabinet agreed to re-procure day services" beside "no decision to outsource the library
    service has been made". Both must name a matter (:func:`monitor.subjects.terms`) and share
    none; a fact that names nothing ("the company is wholly owned by the Council") is about
    the record."""
    deciding: set[str] = set()
    for h in kept:
        if (
            h.seg is not hit.seg
            and not h.chunk.is_title
            and _decides_or_proposes(h)
            and not notes_or_defers(h.seg.text)
        ):
            deciding |= terms(h.seg.text)
    if not deciding:
        return False
    # (a fact that names nothing is about its paragraph's or section's matter, in a long
    # paper: "No decision has yet been made" in a section on the fostering framework)
    named = terms(hit.seg.text)
    if not named and is_long_paper([hit.chunk.analysed]):
        named = context_terms(hit.chunk, hit.seg)
    return bool(named) and named.isdisjoint(deciding)


def _lowered_sentences(chunk: _Chunk) -> tuple[list[str], str | None]:
    """A chunk's sentences lower-cased, and the page lower-cased when the prefilter may read
    it (no letter that re.I folds to ASCII: :func:`monitor.prefilter.lowered`)."""
    page = prefilter.lowered(chunk.analysed.norm)
    if page is None:
        return [seg.text.lower() for seg in chunk.analysed.segments], None
    # Lower-casing such a page keeps every offset: a sentence's lower case is its slice.
    return [page[seg.start : seg.end] for seg in chunk.analysed.segments], page


def _first_blocker_hit(
    blocker: R.Blocker,
    chunks: Sequence[_Chunk],
    lowered: Sequence[tuple[list[str], str | None]] | None = None,
    seen: dict[str, tuple[int, int] | None] | None = None,
) -> _Hit | None:
    """The sentence that shows the blocker: the first one under a "Decision" heading if any
    (a long report states its proposal in the summary and again in the decision), otherwise
    the first one. ``lowered`` is :func:`_lowered_sentences` of each chunk, when known;
    ``seen`` keeps, per sentence, where the blocker's pattern matched when no ``unless``
    rescued it (None otherwise): a long report repeats sentences."""
    if seen is None:
        seen = {}
    first: _Hit | None = None
    for c, chunk in enumerate(chunks):
        lows, page = lowered[c] if lowered is not None else _lowered_sentences(chunk)
        segments = chunk.analysed.segments
        holding: set[int] | None = None
        if page is not None and blocker.trigger:
            # The sentences that hold a trigger fragment, from where each fragment is in the
            # page (as the rules' triggers are found): a fragment nowhere in the page is in
            # none of its sentences, and most are nowhere.
            holding = set()
            starts: list[int] | None = None
            for fragment in blocker.trigger:
                if fragment in page:
                    if starts is None:
                        starts = [seg.start for seg in segments]
                    holding |= _fragment_segments(fragment, page, segments, starts)
            if not holding:
                continue
        for s, seg in enumerate(segments):
            # An option listed under "Options considered" was discussed, not decided.
            if seg.section == "options" or (first is not None and seg.section != "decision"):
                continue
            if holding is not None:
                if s not in holding:
                    continue
            elif not _triggered(blocker.trigger, lows[s]):
                continue
            if seg.text in seen:
                span = seen[seg.text]
            else:
                # Only the branches of the pattern that have the words they need are searched.
                span = prefilter.search_span(
                    blocker.pattern, seg.text, lows[s] if page is not None else None
                )
                if span is not None and blocker.unless is not None:
                    span = None if blocker.unless.search(seg.text) else span
                seen[seg.text] = span
            if span is None:
                continue
            if (
                blocker.also is not None
                and seg.section != "decision"
                and blocker.also.search(seg.text) is None
            ):
                continue
            hit = _Hit(blocker.name, R.OUTSOURCING, False, chunk, seg, *span)
            if seg.section == "decision":
                return hit
            first = first or hit
    return first
