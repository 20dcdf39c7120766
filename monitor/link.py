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
# Below this a pair shares little more than stock phrases ("services", "contract").
MIN_SCORE = 0.35
# A notice is published after the decision behind it, rarely more than three years on.
MAX_DECISION_AGE = timedelta(days=3 * 365)
DECISION_KINDS = ("decision", "forward_plan", "issue", "agenda_item")

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
    for notice in notices:
        links += _best_links(notice, decisions, words, idf, "implements", limit=2)
    for decision in decisions:
        links += _best_links(decision, consultations, words, idf, "consultation", limit=2)
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
