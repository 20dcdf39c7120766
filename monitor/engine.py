"""The rule-scanning engine: rules matched sentence by sentence (:func:`_scan`), matches
set aside as false friends (:func:`_split`) and the quotes kept (:func:`_evidence`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from monitor import prefilter
from monitor import rules as R
from monitor.result import Evidence
from monitor.text import Analysed, Segment, quote_bounds

# Quotes kept per label: enough for a reviewer, short enough for a feed item.
_MAX_PER_LABEL = 6


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
    # The lead-in of the list the sentence is an item of (:func:`_lead_ins`), or None.
    lead: str | None = None

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
    every page of an options table names the same option). Verdicts that depend on the
    sentence alone, not on where the match is in it, are kept per sentence (``sentence``):
    several rules and labels match the same sentence."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}
        self._lowered: dict[str, str | None] = {}
        self.verdicts: dict[tuple[str, str, str, str | None, int, int], R.FalseFriend | None]
        self.verdicts = {}
        # sentence -> {(false friend's position in R.FALSE_FRIENDS, what): bool}
        self.sentence: dict[str, dict[tuple[int, int], bool]] = {}
        # sentence -> which clauses of the prefilter (monitor.prefilter.may_match) it has
        self.clauses: dict[str, dict[prefilter.Words, bool]] = {}

    def __call__(self, text: str) -> str:
        masked = self._done.get(text)
        if masked is None:
            masked = R.NOT_PEOPLE.sub(lambda m: " " * len(m.group(0)), text)
            masked = R.mask_named_bodies(masked)
            self._done[text] = masked
        return masked

    def lowered(self, text: str) -> str | None:
        """:func:`monitor.prefilter.lowered` of ``text``, worked out once."""
        if text in self._lowered:
            return self._lowered[text]
        low = self._lowered[text] = prefilter.lowered(text)
        return low


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

# The distinct trigger fragments of a set of rules, shortest first, each with the shorter
# fragments it holds ("consult" in "consultation"), by the rules' ids (the rules are kept so
# that their ids are not reused).
Fragments = tuple[tuple[str, tuple[str, ...]], ...]
_FRAGMENTS: dict[tuple[int, ...], tuple[Sequence[R.Rule], Fragments]] = {}


def _fragments(rules: Sequence[R.Rule]) -> Fragments:
    key = tuple(map(id, rules))
    known = _FRAGMENTS.get(key)
    if known is None:
        distinct = sorted(dict.fromkeys(f for rule in rules for f in rule.trigger), key=len)
        fragments = tuple(
            (f, tuple(o for o in distinct if len(o) < len(f) and o in f)) for f in distinct
        )
        known = _FRAGMENTS[key] = (tuple(rules), fragments)
    return known[1]


def _triggered_segments(
    rules: Sequence[R.Rule],
    chunk: _Chunk,
    chunk_lowered: str,
    where: dict[str, set[int] | frozenset[int]] | None = None,
) -> list[list[R.Rule]]:
    """For each sentence of ``chunk``, the rules (in their order) whose trigger is in it.

    Each trigger fragment is looked for once in the whole page rather than in every sentence.
    ``chunk_lowered`` keeps the offsets of the page's text (:func:`monitor.prefilter.lowered`),
    so a fragment inside a sentence's span is in that sentence's lower-cased text. ``where``
    keeps the sentences each fragment is in, for the page, between the scans of a record
    (the rule sets share fragments)."""
    segments = chunk.analysed.segments
    per_segment: list[list[R.Rule]] = [[] for _ in segments]
    starts = [seg.start for seg in segments]
    if where is None:
        where = {}
    # Most fragments are nowhere in the page: a plain ``in`` says so, once per fragment, and
    # a rule none of whose fragments is in any sentence is passed over with one set test.
    # A fragment that holds a shorter one the page lacks ("consultation", "consult") is not
    # in it either: the shorter ones come first and are known by then.
    present: set[str] = set()
    for fragment, inside in _fragments(rules):
        found = where.get(fragment)
        if found is None:
            absent = False
            for shorter in inside:
                if where[shorter] is _NOWHERE:
                    absent = True
                    break
            found = where[fragment] = (
                _NOWHERE
                if absent or fragment not in chunk_lowered
                else _fragment_segments(fragment, chunk_lowered, segments, starts)
            )
        if found:
            present.add(fragment)
    for rule in rules:
        if rule.trigger:
            if present.isdisjoint(rule.trigger):
                continue
            holding: set[int] = set()
            for fragment in rule.trigger:
                if fragment in present:
                    holding |= where[fragment]
        else:
            holding = set(range(len(segments)))
        for i in holding:
            if rule.section is None or segments[i].section == rule.section:
                per_segment[i].append(rule)
    return per_segment


# What the scans of one record learn about each of its pages, by the chunk's id: the chunk
# (kept so that its id is not reused), its lower case, and the sentences each trigger
# fragment is in (:func:`_triggered_segments`).
Pages = dict[int, tuple[_Chunk, str | None, dict[str, set[int] | frozenset[int]]]]


# A list item ("(ii) Marine Services to employ catering staff directly;", "b) retain the
# service") and the sentence that leads into its list ("Three routes forward were costed:",
# "The options considered were: (i) ..."): the lead-in says what the items are.
_LIST_ITEM = re.compile(r"^\W{0,3}(?:\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)|[-•–]\s)", re.I)
_LEADS_A_LIST = re.compile(r":\s*$|:\s*\(?(?:i|a|1)\)\s", re.I)


def _lead_ins(segments: Sequence[Segment]) -> list[str | None]:
    """For each sentence, the lead-in of the list it is an item of, or None."""
    out: list[str | None] = []
    lead: str | None = None
    for seg in segments:
        text = seg.text
        if lead is not None and _LIST_ITEM.match(text):
            out.append(lead)
            continue
        out.append(None)
        lead = text if _LEADS_A_LIST.search(text) else None
    return out


def _scan(
    rules: Iterable[R.Rule],
    chunks: Sequence[_Chunk],
    mask: _Masker | None = None,
    pages: Pages | None = None,
) -> list[_Hit]:
    """Every (rule, sentence) match; consultation rules read the sentence through ``mask``.
    ``pages`` is shared by the scans of one record (:data:`Pages`), or None."""
    hits: list[_Hit] = []
    rules = tuple(rules)
    if pages is None:
        pages = {}
    # Long reports repeat sentences (a summary and its recommendations, the same option on
    # every page of a table): each (rule, sentence) is searched once per scan. Per sentence:
    # the clauses of the prefilter it has, and each rule's match span (None: no match).
    seen: dict[str, tuple[dict[prefilter.Words, bool], dict[int, tuple[int, int] | None]]] = {}
    for chunk in chunks:
        # Triggers are found page by page (:func:`_triggered_segments`), not sentence by
        # sentence; the order of the hits is unchanged.
        page = pages.get(id(chunk))
        if page is None or page[0] is not chunk:
            page = pages[id(chunk)] = (chunk, prefilter.lowered(chunk.analysed.norm), {})
        _, chunk_lowered, where = page
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
            per_segment = _triggered_segments(rules, chunk, chunk_lowered, where)
        search_span = prefilter.search_span
        leads = _lead_ins(chunk.analysed.segments)
        for seg, live, lead in zip(chunk.analysed.segments, per_segment, leads, strict=True):
            if not live:
                continue
            if mask is not None:
                text = mask(seg.text)
                lowered = mask.lowered(text)
            else:
                text = seg.text
                # The page's lower case keeps offsets (prefilter.lowered): the sentence's
                # lower case is its slice.
                lowered = None if chunk_lowered is None else chunk_lowered[seg.start : seg.end]
            # (a list item's match may depend on its lead-in: it is remembered with it)
            key = text if lead is None else f"{lead}\n{text}"
            memo = seen.get(key)
            if memo is None:
                memo = seen[key] = ({}, {})
            known, spans = memo
            for rule in live:
                if id(rule) in spans:
                    span = spans[id(rule)]
                else:
                    # Only the branches of a triggered rule that have every word they need are
                    # searched, if any (the longest rules cost hundreds of microseconds).
                    span = search_span(rule.pattern, text, lowered, known)
                    if (
                        span is not None
                        and rule.also is not None
                        and not rule.also.search(text)
                        and not (lead is not None and rule.also.search(lead))
                    ):
                        span = None
                    spans[id(rule)] = span
                if span is not None:
                    hits.append(_Hit(rule.name, rule.label, rule.weak, chunk, seg, *span, lead))
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
    key = (hit.label, hit.rule, hit.seg.text, hit.seg.section, hit.start, hit.end, hit.lead)
    if key in mask.verdicts:
        return mask.verdicts[key]
    mask.verdicts[key] = verdict = _quick_false_friend(hit, mask)
    return verdict


# The false friends that can apply to a (label, rule), in their order, with their position in
# R.FALSE_FRIENDS; worked out again if R.FALSE_FRIENDS is replaced.
_APPLICABLE: dict[tuple[str, str], tuple[tuple[int, R.FalseFriend], ...]] = {}
_APPLICABLE_FOR: list[tuple[R.FalseFriend, ...]] = []

# What a per-sentence verdict is about (keys of _Masker.sentence).
_WHOLE, _CAN_MATCH, _RESCUED = 0, 1, 2


def _applicable(label: str, rule: str) -> tuple[tuple[int, R.FalseFriend], ...]:
    if not _APPLICABLE_FOR or _APPLICABLE_FOR[0] is not R.FALSE_FRIENDS:
        _APPLICABLE.clear()
        _APPLICABLE_FOR[:] = [R.FALSE_FRIENDS]
    found = _APPLICABLE.get((label, rule))
    if found is None:
        found = _APPLICABLE[(label, rule)] = tuple(
            (k, ff)
            for k, ff in enumerate(R.FALSE_FRIENDS)
            if label in ff.labels and not (ff.only_rules and rule not in ff.only_rules)
        )
    return found


def _quick_false_friend(hit: _Hit, mask: _Masker) -> R.FalseFriend | None:
    """:func:`_first_false_friend`, with the same answer, doing less: only the false friends
    of the hit's label and rule are tried; what depends on the sentence alone (a
    sentence-scope false friend, a rescue read in the whole sentence, whether the sentence
    has any word a pattern needs) is worked out once per sentence (:class:`_Masker`); the
    sentence is masked only when a rescue is looked for."""
    text = hit.seg.text
    known = mask.sentence.get(text)
    if known is None:
        known = mask.sentence[text] = {}
    lowered = mask.lowered(text)
    clauses = mask.clauses.get(text)
    if clauses is None:
        clauses = mask.clauses[text] = {}
    for k, ff in _applicable(hit.label, hit.rule):
        if ff.lead_in and hit.lead is not None and _found_in_lead_in(ff, hit, mask):
            return ff
        scope = ff.scope
        if scope == "sentence":
            verdict = known.get((k, _WHOLE))
            if verdict is None:
                verdict = known[(k, _WHOLE)] = prefilter.found(
                    ff.pattern, text, lowered, clauses
                ) and not (ff.unless is not None and ff.unless.search(mask(text)))
            if verdict:
                return ff
            continue
        if scope == "section":
            if hit.seg.section != ff.pattern.pattern:
                continue
            lo, hi = 0, len(text)
        else:
            # Most sentences lack every word the pattern needs: then so does every window.
            can = known.get((k, _CAN_MATCH))
            if can is None:
                can = known[(k, _CAN_MATCH)] = prefilter.may_match(
                    ff.pattern, lowered, known=clauses
                )
            if not can:
                continue
            lo, hi = _window(scope, hit, len(text))
            if not prefilter.found(
                ff.pattern, text[lo:hi], None if lowered is None else lowered[lo:hi]
            ):
                continue
            if ff.unless_in_sentence:
                lo, hi = 0, len(text)
        if ff.unless is None:
            return ff
        if lo == 0 and hi == len(text):
            rescued = known.get((k, _RESCUED))
            if rescued is None:
                rescued = known[(k, _RESCUED)] = ff.unless.search(mask(text)) is not None
        else:
            rescued = ff.unless.search(mask(text)[lo:hi]) is not None
        if not rescued:
            return ff
    return None


def _found_in_lead_in(ff: R.FalseFriend, hit: _Hit, mask: _Masker) -> bool:
    """``ff`` is in the lead-in of the hit's list and nothing in the item or its lead-in
    rescues the match."""
    lead = hit.lead or ""
    if ff.pattern.search(lead) is None:
        return False
    return ff.unless is None or not (
        ff.unless.search(mask(lead)) or ff.unless.search(mask(hit.seg.text))
    )


def _first_false_friend(hit: _Hit, mask: _Masker) -> R.FalseFriend | None:
    """The first false friend that sets ``hit`` aside, the plain way: every false friend in
    turn (:func:`_quick_false_friend` gives the same answer; tests compare them)."""
    text = hit.seg.text
    masked = mask(text)
    lowered = prefilter.lowered(text)
    for ff in R.FALSE_FRIENDS:
        if hit.label not in ff.labels or (ff.only_rules and hit.rule not in ff.only_rules):
            continue
        if ff.lead_in and hit.lead is not None and _found_in_lead_in(ff, hit, mask):
            return ff
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
