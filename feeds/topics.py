"""Topic feeds: flagged decisions on one subject across every council.

The topics are data (``feeds/data/topics.toml``): CPV prefixes, each with its CPV 2008
heading as the source, and keywords. An item is in a topic when one of its CPV codes starts
with one of the prefixes or its title or description contains one of the keywords. The
database selects (:meth:`TopicSpec.query`), and :meth:`TopicSpec.matches` is its Python twin
for the static build, like :class:`feeds.build.FeedSpec`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Select, String, cast, func, or_

from feeds.build import FEED_ITEM_LIMIT, FeedSpec, feed_columns, newest_first
from storage.models import Record
from storage.queries import RecordState, states_query

TOPICS_PATH = Path(__file__).resolve().parent / "data" / "topics.toml"


@dataclass(frozen=True)
class CpvRange:
    prefix: str
    source: str


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    keywords: tuple[str, ...]
    cpv: tuple[CpvRange, ...]

    @cached_property
    def prefixes(self) -> tuple[str, ...]:
        return tuple(r.prefix for r in self.cpv)

    @cached_property
    def checks(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The keywords grouped by first word, without those containing another keyword
        of the topic ("leisure centres" goes with "leisure centre"): a keyword can only be
        in a text that holds its first word, so a group whose word is absent is skipped.
        Selects exactly what testing every keyword selects."""
        kept = [k for k in self.keywords if not any(o != k and o in k for o in self.keywords)]
        groups: dict[str, list[str]] = {}
        for keyword in dict.fromkeys(kept):
            groups.setdefault(_first_word(keyword), []).append(keyword)
        return tuple((word, tuple(words)) for word, words in groups.items())


def _first_word(keyword: str) -> str:
    return keyword.split(" ", 1)[0] or keyword


@cache
def load_topics(path: Path = TOPICS_PATH) -> tuple[Topic, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    topics = []
    for entry in data["topic"]:
        topics.append(
            Topic(
                slug=entry["slug"],
                title=entry["title"],
                description=entry["description"],
                keywords=tuple(k.lower() for k in entry.get("keywords", [])),
                cpv=tuple(CpvRange(str(c["prefix"]), c["source"]) for c in entry.get("cpv", [])),
            )
        )
    return tuple(topics)


@dataclass(frozen=True)
class TopicSpec(FeedSpec):
    topic: Topic | None = None

    def matches(self, state: RecordState) -> bool:
        if not state.flagged or self.topic is None:
            return False
        # Snapshot states (feeds/snapshot.py) know every loaded topic they belong to.
        known = getattr(state, "topic_slugs", None)
        if known is not None and _loaded(self.topic):
            return self.topic.slug in known
        return topic_matches(self.topic, state.record)

    def query(self, limit: int = FEED_ITEM_LIMIT) -> Select[Any]:
        assert self.topic is not None
        query = states_query(flagged_only=True)
        return feed_columns(newest_first(query.where(topic_condition(self.topic)))).limit(limit)


TopicInputs = tuple[tuple[str, ...], str, dict[str, bool]]


def topic_inputs(record: Record) -> TopicInputs:
    """What :func:`topic_matches` reads of a record: its CPV codes, its lowered text, and
    a memo of which first words of keywords (:attr:`Topic.checks`) are in that text, so
    that each is looked for once for all the topics."""
    codes = tuple(str(code) for code in record.cpv_codes or [])
    return codes, f"{record.title or ''}\n{record.description or ''}".lower(), {}


def _loaded(topic: Topic) -> bool:
    return _by_slug().get(topic.slug) is topic


@cache
def _by_slug() -> dict[str, Topic]:
    return {topic.slug: topic for topic in load_topics()}


def matching_topics(record: Record) -> frozenset[str]:
    """Slugs of the loaded topics :func:`topic_matches` puts ``record`` in, all at once:
    the lowered text is made and each first word looked for once, not once per topic.
    Most records hold none of the first words: then only their CPV codes can place them
    (remembered per list of codes, which repeat), and no topic is tested one by one."""
    topics = load_topics()
    memo = _memo(topics)
    codes, text, _ = topic_inputs(record)
    by_code = memo.by_codes.get(codes)
    if by_code is None:
        if len(memo.by_codes) >= 10_000:
            memo.by_codes.clear()
        by_code = memo.by_codes[codes] = frozenset(
            t.slug
            for t in topics
            if t.prefixes and any(code.startswith(t.prefixes) for code in codes)
        )
    present = {word for word in memo.words if word in text}
    if not present:
        return by_code
    found = set(by_code)
    for topic in topics:
        if topic.slug in found:
            continue
        for word, keywords in topic.checks:
            if word in present and any(keyword in text for keyword in keywords):
                found.add(topic.slug)
                break
    return frozenset(found)


@dataclass
class _Memo:
    topics: tuple[Topic, ...]
    words: tuple[str, ...]  # every topic's first words (Topic.checks), once each
    by_codes: dict[tuple[str, ...], frozenset[str]]  # topics placed by CPV codes alone


_MEMOS: list[_Memo] = []


def _memo(topics: tuple[Topic, ...]) -> _Memo:
    """What :func:`matching_topics` keeps about the loaded topics (made again if they are
    loaded again, as tests do)."""
    if not _MEMOS or _MEMOS[0].topics is not topics:
        words = tuple(dict.fromkeys(word for t in topics for word, _ in t.checks))
        _MEMOS[:] = [_Memo(topics, words, {})]
    return _MEMOS[0]


def topic_matches(topic: Topic, record: Record, inputs: TopicInputs | None = None) -> bool:
    codes, text, seen = inputs if inputs is not None else topic_inputs(record)
    if codes and topic.prefixes:
        for code in codes:
            if code.startswith(topic.prefixes):
                return True
    for word, keywords in topic.checks:
        present = seen.get(word)
        if present is None:
            present = seen[word] = word in text
        if present:
            for keyword in keywords:
                if keyword in text:
                    return True
    return False


def topic_condition(topic: Topic) -> Any:
    """The SQL twin of :func:`topic_matches`. CPV codes are a JSON list of strings, which
    both SQLite (text) and PostgreSQL (``jsonb::text``) render as ``["85311000", …]``, so a
    prefix is ``LIKE '%"85311%'`` on either."""
    codes = cast(Record.cpv_codes, String)
    conditions = [codes.like(f'%"{r.prefix}%') for r in topic.cpv]
    for keyword in topic.keywords:
        pattern = f"%{keyword}%"
        conditions.append(func.lower(Record.title).like(pattern))
        conditions.append(func.lower(Record.description).like(pattern))
    return or_(*conditions)


def topic_specs() -> list[TopicSpec]:
    return [
        TopicSpec(
            f"topics/{topic.slug}",
            f"oursay: {topic.title.lower()}, all councils",
            f"Council decisions about {_about(topic)}, flagged because oursay found no "
            "public consultation or no in-house option.",
            "flagged",
            topic=topic,
        )
        for topic in load_topics()
    ]


def _about(topic: Topic) -> str:
    """The description as part of a sentence: "leisure centres, … and their management"."""
    text = topic.description.rstrip(".")
    return text[:1].lower() + text[1:]
