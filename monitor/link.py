"""Linking records across sources.

A procurement notice usually implements a committee decision or forward-plan entry of the
same council taken months before; a decision may point to a consultation. The link is
made on what both records say about their subject: the distinctive words of their titles
and descriptions (weighted by how rare each word is across the council's records), with
dates in a plausible order. Every link keeps its score and method so that staff can see
why two records were tied together.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Record, RecordLink

METHOD = "subject-words-idf/v1"
ISSUE_METHOD = "moderngov-issue-id/v1"
SAME_DECISION_METHOD = "subject-words-both-ways/v1"
TITLES_ALIKE_METHOD = f"{METHOD}+titles-alike"
# Below this a pair shares little more than stock phrases ("services", "contract").
MIN_SCORE = 0.35
# A notice is published after the decision behind it, rarely more than three years on.
MAX_DECISION_AGE = timedelta(days=3 * 365)
DECISION_KINDS = ("decision", "forward_plan", "issue", "agenda_item")
# The stages one council decision moves through: announced, put to a meeting, decided.
STAGE = {"forward_plan": 0, "issue": 0, "agenda_item": 1, "decision": 2}
# Two committee records are one decision only on much stronger evidence than a notice and
# its decision: both titles must be mostly the same words (shared weight over the larger
# side), with at least two distinctive words in common ("Leisure" alone ties a leisure
# contract to a leisure centre sale).
SAME_DECISION_MIN = 0.6
SAME_DECISION_MIN_WORDS = 2
# A forward-plan entry may be dated at its planned meeting, after the decision itself.
SAME_DECISION_WINDOW = (timedelta(days=-90), timedelta(days=540))

# Words every council record uses: they say nothing about which service is meant.
STOPWORDS = frozenset(
    """a an and are as at be by for from in into is it its of on or our the to with this
    that these those will shall be been being has have had not no council councils
    county borough district city cabinet committee decision decisions report key item
    agenda meeting notice contract contracts service services provision provider
    providers procurement tender tendering award awarded approval approve approved
    proposed proposal future new delivery deliver options option update lot lots
    framework sample data exampleshire sampleton""".split()
)
WORD = re.compile(r"[a-z][a-z0-9\-]{2,}")


def subject_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOPWORDS}


@dataclass(frozen=True)
class Candidate:
    record_id: int
    words: frozenset[str]


def _idf(documents: Sequence[set[str]]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for words in documents:
        counts.update(words)
    total = len(documents) + 1
    return {word: math.log(total / (1 + n)) + 1.0 for word, n in counts.items()}


def similarity(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Weighted overlap of two word sets (1.0 when the smaller set is wholly shared)."""
    if not a or not b:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in a & b)
    smaller = min(sum(idf.get(w, 1.0) for w in a), sum(idf.get(w, 1.0) for w in b))
    return shared / smaller if smaller else 0.0


def _text(record: Record) -> str:
    return f"{record.title}\n{record.description[:2000]}"


def link_council(session: Session, council_code: str) -> int:
    """Recompute this council's links; returns how many there are now."""
    records = list(session.scalars(select(Record).where(Record.council_code == council_code)))
    words = {r.id: subject_words(_text(r)) for r in records}
    idf = _idf(list(words.values()))
    notices = [r for r in records if r.kind == "notice"]
    decisions = [r for r in records if r.kind in DECISION_KINDS]
    consultations = [r for r in records if r.kind == "consultation"]
    links: list[RecordLink] = []
    titles = {r.id: subject_words(r.title or "") for r in (*decisions, *notices)}
    for notice in notices:
        found = _best_links(notice, decisions, words, idf, "implements", limit=2)
        if found:
            # The decision it most likely implements, titled alike: one decision, one item
            # (monitor.decision_groups), whatever the notice's own wording adds.
            alike = both_ways_similarity(titles[notice.id], titles[found[0].to_record_id], idf)
            if alike >= SAME_DECISION_MIN:
                found[0].method = TITLES_ALIKE_METHOD
        links += found
    for decision in decisions:
        links += _best_links(decision, consultations, words, idf, "consultation", limit=2)
    # Titles only: the stages of one decision are titled alike, their texts are not.
    links += same_decision_links(decisions, titles, idf)
    _replace_links(session, [r.id for r in records], links)
    return len(links)


def _replace_links(session: Session, record_ids: list[int], links: list[RecordLink]) -> None:
    """Write only the difference, so a re-run over unchanged records changes no row."""
    if not record_ids:
        return
    existing = {
        (link.from_record_id, link.to_record_id, link.relation): link
        for link in session.scalars(
            select(RecordLink).where(RecordLink.from_record_id.in_(record_ids))
        )
    }
    wanted = {(link.from_record_id, link.to_record_id, link.relation): link for link in links}
    stale = [link.id for key, link in existing.items() if key not in wanted]
    if stale:
        session.execute(delete(RecordLink).where(RecordLink.id.in_(stale)))
    for key, link in wanted.items():
        current = existing.get(key)
        if current is None:
            session.add(link)
        elif current.score != link.score or current.method != link.method:
            current.score, current.method = link.score, link.method


def _best_links(
    source: Record,
    targets: Iterable[Record],
    words: dict[int, set[str]],
    idf: dict[str, float],
    relation: str,
    limit: int,
) -> list[RecordLink]:
    scored = []
    for target in targets:
        if relation == "implements" and not _plausible_order(source, target):
            continue
        score = similarity(words[source.id], words[target.id], idf)
        if score >= MIN_SCORE:
            scored.append((score, target.id))
    scored.sort(reverse=True)
    return [
        RecordLink(
            from_record_id=source.id,
            to_record_id=target_id,
            relation=relation,
            score=round(score, 3),
            method=METHOD,
        )
        for score, target_id in scored[:limit]
    ]


def _issue_id(record: Record) -> str:
    data = record.data if isinstance(record.data, dict) else {}
    value = data.get("issue_id")
    return str(value).strip() if value not in (None, "") else ""


def same_decision_links(
    records: Sequence[Record], words: dict[int, set[str]], idf: dict[str, float]
) -> list[RecordLink]:
    """``same_decision`` links between committee records of one decision: from each later
    stage to the earliest record of its ModernGov issue (the platform's own identifier),
    otherwise to the earlier-stage record whose subject is plainly the same."""
    links: list[RecordLink] = []
    by_issue: dict[str, list[Record]] = {}
    for record in records:
        if issue := _issue_id(record):
            by_issue.setdefault(issue, []).append(record)
    tied: set[int] = set()
    for members in by_issue.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda r: (STAGE.get(r.kind, 9), r.id))
        first = members[0]
        for member in members[1:]:
            links.append(
                RecordLink(
                    from_record_id=member.id,
                    to_record_id=first.id,
                    relation="same_decision",
                    score=1.0,
                    method=ISSUE_METHOD,
                )
            )
            tied.add(member.id)
    years = {r.id: _years(r.title or "") for r in records}
    for record in records:
        stage = STAGE.get(record.kind, 0)
        if stage == 0 or record.id in tied:
            continue
        best: tuple[float, float, int] | None = None
        for earlier in records:
            if STAGE.get(earlier.kind, 0) >= stage or not _same_decision_dates(record, earlier):
                continue
            if years[record.id] and years[earlier.id] and years[record.id] != years[earlier.id]:
                continue  # "Budget 2026/27" is not "Budget 2025/26"
            score = both_ways_similarity(words[record.id], words[earlier.id], idf)
            # Of records titled equally alike, the nearest in time (this year's, not last).
            candidate = (score, -_days_apart(record, earlier), earlier.id)
            if score >= SAME_DECISION_MIN and (best is None or candidate[:2] > best[:2]):
                best = candidate
        if best is not None:
            links.append(
                RecordLink(
                    from_record_id=record.id,
                    to_record_id=best[2],
                    relation="same_decision",
                    score=round(best[0], 3),
                    method=SAME_DECISION_METHOD,
                )
            )
    return links


_YEAR = re.compile(r"\b(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?\b")


def _years(title: str) -> frozenset[str]:
    return frozenset(re.sub(r"\s", "", y) for y in _YEAR.findall(title))


def _days_apart(a: Record, b: Record) -> float:
    if a.published_at is None or b.published_at is None:
        return 0.0
    return abs((a.published_at - b.published_at).total_seconds()) / 86400


def both_ways_similarity(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    """Shared weight over the larger side: high only when both say mostly the same."""
    shared = a & b
    if len(shared) < SAME_DECISION_MIN_WORDS:
        return 0.0
    larger = max(sum(idf.get(w, 1.0) for w in a), sum(idf.get(w, 1.0) for w in b))
    return sum(idf.get(w, 1.0) for w in shared) / larger if larger else 0.0


def _same_decision_dates(later: Record, earlier: Record) -> bool:
    if later.published_at is None or earlier.published_at is None:
        return True
    gap = later.published_at - earlier.published_at
    return SAME_DECISION_WINDOW[0] <= gap <= SAME_DECISION_WINDOW[1]


def _plausible_order(notice: Record, decision: Record) -> bool:
    if notice.published_at is None or decision.published_at is None:
        return True
    # A forward-plan entry may be dated after the notice that follows it; allow a margin.
    gap = notice.published_at - decision.published_at
    return -timedelta(days=120) <= gap <= MAX_DECISION_AGE


def link_all(session: Session) -> int:
    codes = session.scalars(
        select(Record.council_code).where(Record.council_code.is_not(None)).distinct()
    )
    return sum(link_council(session, code) for code in list(codes))
