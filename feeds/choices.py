"""Every feed a supporter can choose, by name: the council and all-council feeds
(:mod:`feeds.build`), regions and nations (:mod:`feeds.regions`), topics
(:mod:`feeds.topics`) and saved searches (``feeds/search?q=…``). The web app serves them and
the e-mail alerts read them through :func:`find_feed` and :func:`feed_states`, so a mail
holds exactly what the feed shows.

A feed's *key* is its path under the site root without the extension, plus the query of a
saved search: ``feeds/ken``, ``feeds/topics/libraries``, ``feeds/search?q=leisure``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from sqlalchemy import Select
from sqlalchemy.orm import Session

from feeds.build import (
    FEED_ITEM_LIMIT,
    FORMATS,
    CouncilInfo,
    FeedBuilder,
    FeedSpec,
    Links,
    feed_columns,
    find_spec,
    load_councils,
    spec_states,
)
from feeds.regions import AreaSpec, area_specs
from feeds.topics import TopicSpec, topic_specs
from storage.queries import RecordState

SEARCH_NAME = "search"
# The search parameters a saved-search feed keeps (the search page's filters, not its page).
# Every filter of the site's search form (oursay/web/search.py SearchForm.from_params).
SEARCH_PARAMS = (
    "q",
    "council",
    "nation",
    "kind",
    "category",
    "flag",
    "review",
    "source",
    "from",
    "to",
    "min",
    "max",
    "cpv",
)


def saved_search_query(params: Mapping[str, str], councils: Mapping[str, CouncilInfo]) -> Any:
    """The records a saved search selects, newest first: the one place that calls the site's
    search, so that switching search engines changes saved-search feeds and alerts too."""
    from oursay.web.search import SearchForm  # the web app's search form and its query

    return SearchForm.from_params(params, councils).query()


@dataclass(frozen=True)
class SearchSpec(FeedSpec):
    """A saved search as a feed: ``feeds/search.rss?q=…``."""

    params: tuple[tuple[str, str], ...] = ()
    councils: tuple[tuple[str, CouncilInfo], ...] = ()

    def path(self, fmt: str) -> str:
        return f"feeds/{SEARCH_NAME}.{fmt}?{urlencode(self.params)}"


    def matches(self, state: RecordState) -> bool:
        return True  # the search query selected it

    def query(self, limit: int = FEED_ITEM_LIMIT) -> Select[Any]:
        query = saved_search_query(dict(self.params), dict(self.councils))
        return feed_columns(query).limit(limit)


def search_spec(params: Mapping[str, str], councils: Mapping[str, CouncilInfo]) -> SearchSpec:
    kept = tuple(
        (name, " ".join(str(params[name]).split())[:200])
        for name in SEARCH_PARAMS
        if str(params.get(name) or "").strip()
    )
    words = dict(kept).get("q", "")
    described = f"“{words}”" if words else "everything"
    filters = ", ".join(f"{k}={v}" for k, v in kept if k != "q")
    return SearchSpec(
        f"{SEARCH_NAME}?{urlencode(kept)}",
        f"oursay: search for {described}" + (f" ({filters})" if filters else ""),
        f"New records oursay has found matching the search for {described}"
        + (f", filtered by {filters}" if filters else "")
        + ". Search results include records that are not flagged.",
        "search",
        params=kept,
        councils=tuple(sorted(councils.items())),
    )


def feed_key(value: str) -> str | None:
    """The key of a feed given as its key, path or URL (``https://host/feeds/ken.rss``,
    ``/feeds/ken.atom``, ``feeds/ken``), or None when it cannot name a feed."""
    parts = urlsplit(value.strip())
    path = parts.path.lstrip("/")
    for fmt in FORMATS:
        path = path.removesuffix(f".{fmt}")
    if not path.startswith("feeds/") or ".." in path:
        return None
    if path == f"feeds/{SEARCH_NAME}":
        params = {k: v for k, v in parse_qsl(parts.query) if k in SEARCH_PARAMS and v.strip()}
        return f"{path}?{urlencode(sorted(params.items()))}" if params else None
    return path


def find_feed(session: Session, key: str) -> FeedSpec | None:
    """The spec for a feed key, or None when there is no such feed."""
    path, _, query = key.partition("?")
    name = path.removeprefix("feeds/")
    if not path.startswith("feeds/"):
        return None
    councils = load_councils(session)
    if name == SEARCH_NAME:
        params = dict(parse_qsl(query))
        return search_spec(params, councils) if params.get("q") or len(params) else None
    if name.startswith("topics/"):
        return next((s for s in topic_specs() if s.name == name), None)
    if name.startswith(("regions/", "nations/")):
        return next((s for s in area_specs(session) if s.name == name), None)
    return find_spec(name, councils)


def feed_states(session: Session, spec: FeedSpec) -> list[RecordState]:
    """What the feed lists now, newest first (the newest ``FEED_ITEM_LIMIT``)."""
    return spec_states(session, spec)


class ChoiceLinks(Links):
    """Links whose feed pages are the web app's page for each kind of chosen feed: a
    topic's row on /topics, the /topics page for nations and regions, the search page for a
    saved search (the channel ``<link>`` and Atom ``rel="alternate"``)."""

    def page_path(self, spec: FeedSpec) -> str:
        if self.web:
            if isinstance(spec, SearchSpec):
                return f"search?{urlencode(spec.params)}"
            if isinstance(spec, TopicSpec) and spec.topic is not None:
                return f"topics#topic-{spec.topic.slug}"
            if isinstance(spec, AreaSpec):
                return "topics"
        return super().page_path(spec)


def render_feed(session: Session, spec: FeedSpec, fmt: str, links: Links) -> bytes:
    links = ChoiceLinks(links.base_url, links.web)
    builder = FeedBuilder(load_councils(session), links)
    return builder.render(spec, fmt, feed_states(session, spec))
