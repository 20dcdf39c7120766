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
from functools import cache
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
        return state.flagged and self.topic is not None and topic_matches(self.topic, state.record)

    def query(self, limit: int = FEED_ITEM_LIMIT) -> Select[Any]:
        assert self.topic is not None
        query = states_query(flagged_only=True)
        return feed_columns(newest_first(query.where(topic_condition(self.topic)))).limit(limit)


def topic_matches(topic: Topic, record: Record) -> bool:
    codes = [str(code) for code in record.cpv_codes or []]
    if any(code.startswith(r.prefix) for code in codes for r in topic.cpv):
        return True
    text = f"{record.title or ''}\n{record.description or ''}".lower()
    return any(keyword in text for keyword in topic.keywords)


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
