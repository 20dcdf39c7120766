"""Items and feeds from record states.

The same code serves ``oursay feeds`` (every feed at once, from one read of the database)
and the web app (one feed on demand), so a path holds the same bytes either way. Bytes are
a function of the database alone: ``lastBuildDate`` is the newest item's change date, never
"now", so an unchanged database gives an unchanged ETag.

What an item says, and the cleaning of scraped text, live in :mod:`feeds.items`; the
names other modules import from here are re-exported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, defer

from feeds import render
from feeds.items import (
    LONDON,
    SOURCE_NAMES,
    TAG_PREFIX,
    ItemSummary,
    clean_text,
    format_date,
    guid_for,
    item_html,
    safe_url,
    sentence,
    summarise,
)
from feeds.render import RenderedItem
from feeds.snapshot import PlainSelect, feed_select
from feeds.stylesheet import STYLESHEET_PATH, stylesheet_parts, with_stylesheet
from storage import queries
from storage.models import Council, Record
from storage.queries import RecordState, states_query

# Public names, with those defined in feeds.items that the web app, the exports and the
# benches import from here.
__all__ = [
    "AGGREGATE_NAMES",
    "CATEGORY_SLUGS",
    "EMPTY_FEED_DATE",
    "FEED_ITEM_LIMIT",
    "FORMATS",
    "LONDON",
    "SOURCE_NAMES",
    "TAG_PREFIX",
    "CouncilInfo",
    "FeedBuilder",
    "FeedSpec",
    "ItemSummary",
    "Links",
    "aggregate_specs",
    "build_feed",
    "clean_text",
    "council_specs",
    "feed_columns",
    "feed_state_queries",
    "find_spec",
    "format_date",
    "guid_for",
    "item_html",
    "load_councils",
    "load_feed_states",
    "newest_first",
    "relative",
    "safe_url",
    "sentence",
    "site_specs",
    "sort_key",
    "spec_states",
    "summarise",
    "usable_councils",
]

# Newest items per feed. Feed readers only need what is recent; the web app's search and
# the exports hold the whole archive.
FEED_ITEM_LIMIT = 200
# An empty feed still needs a date; a constant keeps its bytes stable (the day the
# Procurement Act 2023 regime started).
EMPTY_FEED_DATE = datetime(2025, 2, 24, tzinfo=UTC)
FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
CATEGORY_SLUGS = {"outsourcing": "outsourcing", "asset_sale": "asset-sales"}
_CODE = re.compile(r"^[A-Za-z0-9]{1,8}$")

# --------------------------------------------------------------------------- feeds


@dataclass(frozen=True)
class CouncilInfo:
    code: str
    name: str

    @property
    def slug(self) -> str:
        return self.code.lower()


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its name under ``feeds/`` (without extension) and what it selects.

    ``kind`` is ``flagged`` (the monitor's flag, not dismissed, or confirmed by staff),
    ``notices`` (every outsourcing or asset-sale record, flagged or not) or
    ``good_practice`` (records staff reviewed as good practice).
    """

    name: str
    title: str
    description: str
    kind: str
    council: CouncilInfo | None = None
    category: str | None = None

    def path(self, fmt: str) -> str:
        return f"feeds/{self.name}.{fmt}"

    def matches(self, state: RecordState) -> bool:
        """The Python twin of :meth:`query`: the static build filters one big read with
        it, the web app asks the database; both must select the same records."""
        if self.council and state.record.council_code != self.council.code:
            return False
        a = state.assessment
        if self.kind == "good_practice":
            return state.review_status == "good_practice"
        if a is None:
            return False
        if self.category == "outsourcing" and not a.is_outsourcing:
            return False
        if self.category == "asset_sale" and not a.is_asset_sale:
            return False
        if self.kind == "notices":
            return bool(a.is_outsourcing or a.is_asset_sale)
        return state.flagged

    def query(self, limit: int = FEED_ITEM_LIMIT) -> Select[Any]:
        filters: dict[str, Any] = {}
        if self.council:
            filters["council_codes"] = [self.council.code]
        if self.kind == "good_practice":
            filters["review_status"] = "good_practice"
        elif self.kind == "notices":
            filters["categories"] = [self.category] if self.category else list(CATEGORY_SLUGS)
        else:
            filters["flagged_only"] = True
            if self.category:
                filters["categories"] = [self.category]
        return feed_columns(newest_first(states_query(**filters))).limit(limit)


def newest_first(query: Select[Any]) -> Select[Any]:
    """Order by the item date feeds show (published, else first seen), newest first, and
    skip the raw source data nobody here reads (it can be large)."""
    date = func.coalesce(Record.published_at, Record.first_seen_at)
    return query.order_by(None).order_by(date.desc(), Record.id.desc()).options(defer(Record.data))


def feed_columns(query: Select[Any]) -> Select[Any]:
    """Skip what items never show. (``load_only`` would cost more than it saves: the ORM
    sets a loader on every instance for every deferred column.)"""
    current = query.column_descriptions[1]["entity"]
    return query.options(defer(current.signals))


def sort_key(state: RecordState) -> tuple[datetime, int]:
    return (state.date or EMPTY_FEED_DATE, state.record.id)


AGGREGATE_NAMES = ("all", "outsourcing", "asset-sales", "good-practice", "notices/all")


def aggregate_specs() -> list[FeedSpec]:
    lacks = "where oursay found no public consultation or no in-house option"
    return [
        FeedSpec(
            "all",
            "oursay: outsourcing and asset sales without consultation, all councils",
            f"Council decisions to outsource services or sell assets {lacks}.",
            "flagged",
        ),
        FeedSpec(
            "outsourcing",
            "oursay: outsourcing without consultation or an in-house option, all councils",
            f"Council decisions to outsource public services {lacks}.",
            "flagged",
            category="outsourcing",
        ),
        FeedSpec(
            "asset-sales",
            "oursay: asset sales without consultation, all councils",
            "Council decisions to sell public assets where oursay found no public consultation.",
            "flagged",
            category="asset_sale",
        ),
        FeedSpec(
            "good-practice",
            "oursay: good practice, all councils",
            "Decisions that campaign staff found followed good practice: the public was "
            "consulted and an in-house option was on the table.",
            "good_practice",
        ),
        FeedSpec(
            "notices/all",
            "oursay: every outsourcing and asset-sale notice, all councils",
            "Every outsourcing and asset-sale record oursay has found, flagged or not "
            "(for journalists).",
            "notices",
        ),
    ]


def council_specs(council: CouncilInfo) -> list[FeedSpec]:
    """A council's four feeds (a new list each call; the specs are built once per council
    and name: a static rebuild asks for every council's three times, 1,200 at 400)."""
    return list(_council_specs(council))


@lru_cache(maxsize=4_096)
def _council_specs(council: CouncilInfo) -> tuple[FeedSpec, ...]:
    name, slug = council.name, council.slug
    lacks = "where oursay found no public consultation or no in-house option"
    return (
        FeedSpec(
            slug,
            f"oursay: {name}, outsourcing and asset sales without consultation",
            f"Decisions by {name} to outsource services or sell assets {lacks}.",
            "flagged",
            council,
        ),
        FeedSpec(
            f"{slug}-outsourcing",
            f"oursay: {name}, outsourcing without consultation or an in-house option",
            f"Decisions by {name} to outsource public services {lacks}.",
            "flagged",
            council,
            "outsourcing",
        ),
        FeedSpec(
            f"{slug}-asset-sales",
            f"oursay: {name}, asset sales without consultation",
            f"Decisions by {name} to sell public assets where oursay found no consultation.",
            "flagged",
            council,
            "asset_sale",
        ),
        FeedSpec(
            f"notices/{slug}",
            f"oursay: {name}, every outsourcing and asset-sale notice",
            f"Every outsourcing and asset-sale record oursay has found for {name}, "
            "flagged or not (for journalists).",
            "notices",
            council,
        ),
    )


def usable_councils(councils: Iterable[CouncilInfo]) -> list[CouncilInfo]:
    """Councils whose code can name a feed (letters and digits, not a reserved name)."""
    reserved = {n.split("/")[-1] for n in AGGREGATE_NAMES}
    return sorted(
        (c for c in councils if _CODE.match(c.code) and c.slug not in reserved),
        key=lambda c: c.code,
    )


def site_specs(councils: Iterable[CouncilInfo]) -> list[FeedSpec]:
    specs = aggregate_specs()
    for council in usable_councils(councils):
        specs.extend(council_specs(council))
    return specs


def find_spec(name: str, councils: dict[str, CouncilInfo]) -> FeedSpec | None:
    """The spec for a feed name such as ``ken``, ``ken-outsourcing``, ``notices/ken``."""
    for spec in aggregate_specs():
        if spec.name == name:
            return spec
    code = name.removeprefix("notices/").split("-", 1)[0]
    council = councils.get(code.upper())
    if council is None or code != council.slug or not usable_councils([council]):
        return None
    return next((spec for spec in council_specs(council) if spec.name == name), None)


def load_councils(session: Session) -> dict[str, CouncilInfo]:
    rows = session.execute(select(Council.code, Council.name).order_by(Council.code))
    return {code: CouncilInfo(code, clean_text(name) or code) for code, name in rows}


def feed_state_queries() -> list[Select[Any]]:
    """The selects behind :func:`load_feed_states`: assessed outsourcing or asset-sale or
    flagged records, and good-practice reviews."""
    query = feed_columns(newest_first(states_query(assessed_only=True)))
    current = query.column_descriptions[1]["entity"]
    latest = query.column_descriptions[2]["entity"]
    query = query.where(
        or_(
            current.is_outsourcing.is_(True),
            current.is_asset_sale.is_(True),
            current.should_flag.is_(True),
            latest.status.in_(["confirmed", "good_practice"]),
        )
    )
    good = feed_columns(newest_first(states_query(review_status="good_practice")))
    return [query, good]


def load_feed_states(
    session: Session, narrow: Callable[[Select[Any]], Select[Any]] | None = None
) -> list[RecordState]:
    """Every state any feed can list, in one read, newest first (``narrow`` adds a filter,
    such as some councils only). Records, assessments and reviews come as plain rows
    (:func:`feeds.snapshot.fast_states`), not ORM instances: read them, never write."""
    selects = _FEED_STATE_SELECTS.get(queries.USE_FLAG_STATE)
    if selects is None:
        # Built once per process: building the selects and adapting their columns cost
        # about a tenth of a one-council rebuild.
        selects = [PlainSelect(query) for query in feed_state_queries()]
        _FEED_STATE_SELECTS[queries.USE_FLAG_STATE] = selects
    states: dict[int, RecordState] = {}
    for plain in selects:
        for state in (plain.narrowed(narrow) if narrow else plain).states(session):
            states.setdefault(state.record.id, state)
    return sorted(states.values(), key=sort_key, reverse=True)


_FEED_STATE_SELECTS: dict[bool, list[PlainSelect]] = {}


def relative(path: str, from_path: str) -> str:
    """``path`` (from the site root) as seen from the file ``from_path``; string work only
    (``posixpath.relpath`` asks the OS for the working directory, thousands of times)."""
    here = from_path.split("/")[:-1]
    parts = path.split("/")
    common = 0
    while common < min(len(here), len(parts) - 1) and here[common] == parts[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(parts[common:]) or "./"


@dataclass(frozen=True)
class Links:
    """Where things live. With a base URL every link is absolute. Without one (a static
    site that may be served from any directory) links are relative to the file holding
    them. ``web`` says whether the web app's council and item pages exist."""

    base_url: str | None = None
    web: bool = False

    def url(self, path: str, from_path: str = "") -> str:
        if self.base_url:
            return self.base_url.rstrip("/") + "/" + path
        return relative(path, from_path)

    def feed(self, spec: FeedSpec, fmt: str, from_path: str = "") -> str:
        return self.url(spec.path(fmt), from_path)

    def page_path(self, spec: FeedSpec) -> str:
        if spec.council is None:
            return "" if self.web else "index.html"
        if self.web:
            return f"councils/{spec.council.slug}"
        return f"index.html#council-{spec.council.slug}"

    def item(self, record_id: int) -> str | None:
        return self.url(f"items/{record_id}") if self.web and self.base_url else None


class _Entry(FeedEntry):
    """A feed entry with feedgen 1.0's Atom link bug worked around
    (``FeedEntry.atom_entry`` rebinds its loop variable to the new element, so every
    attribute but ``href`` — ``rel``, ``type``, … — is lost). Used by the reference
    path only (``FeedBuilder.render(..., splice=False)``)."""

    def atom_entry(self, extensions: bool = True) -> Any:
        element = super().atom_entry(extensions)
        nodes = element.findall("link")
        for node, link in zip(nodes, self.link() or [], strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if link.get(key):
                    node.set(key, str(link[key]))
        return element


class FeedBuilder:
    """Renders feeds for one snapshot of the database. Items are summarised and written
    once per record and format, so an item listed in a council feed, a category feed and
    ``all`` costs once; the XML comes from :mod:`feeds.render`'s templates."""

    def __init__(self, councils: dict[str, CouncilInfo], links: Links) -> None:
        self.councils = councils
        self.links = links
        self._items: dict[int, RenderedItem] = {}

    def forget(self, record_ids: Iterable[int]) -> None:
        """Drop cached items no later feed will list (bounds memory in a full build)."""
        for record_id in record_ids:
            self._items.pop(record_id, None)

    def summary(self, state: RecordState) -> ItemSummary:
        council = self.councils.get(state.record.council_code or "")
        return summarise(state, council.name if council else None)

    def _item(self, state: RecordState) -> RenderedItem:
        cached = self._items.get(state.record.id)
        if cached is None:
            s = self.summary(state)
            cached = self._items[state.record.id] = RenderedItem(s, self.links.item(s.record_id))
        return cached

    def _feedgen_entry(self, item: RenderedItem) -> _Entry:
        """The reference path: the same item through feedgen and lxml."""
        s = item.summary
        entry = _Entry()
        entry.id(s.guid)  # also the RSS guid, isPermaLink="false"
        entry.title(item.title)
        for href, rel, kind in item.links:
            entry.link(href=href, rel=rel, type=kind)
        entry.content(item.content, type="html")
        if s.date is not None:
            entry.pubDate(s.date)  # RSS pubDate and Atom published
        entry.updated(s.updated)
        for term, label in item.categories:
            entry.category(term=term, label=label)
        return entry

    def render(
        self,
        spec: FeedSpec,
        fmt: str,
        states: Sequence[RecordState],
        *,
        from_path: str = "",
        splice: bool = True,
    ) -> bytes:
        """The feed's bytes; ``states`` newest first, already selected for ``spec``.
        ``splice=False`` builds the whole document with feedgen (the reference the
        templates are tested against)."""
        items = [self._item(state) for state in states[:FEED_ITEM_LIMIT]]
        built = max((item.summary.updated for item in items), default=EMPTY_FEED_DATE)
        self_href = self.links.feed(spec, fmt, from_path)
        page = self.links.url(self.links.page_path(spec), from_path)
        # Browsers show the feed through the stylesheet (feeds.stylesheet); readers ignore it.
        stylesheet = self.links.url(STYLESHEET_PATH, from_path)
        if not splice:
            document = self._feedgen_document(spec, fmt, items, self_href, page, built)
            return with_stylesheet(document, stylesheet)
        # One join of every part: a feed is up to ~400 KB, and each concatenation copied it.
        if fmt == "rss":
            head = render.rss_head(
                title=spec.title, page=page, description=spec.description,
                self_href=self_href, mime=FORMATS[fmt], built=built,
            )  # fmt: skip
            parts = stylesheet_parts(head, stylesheet)
            parts += [item.rss() for item in items]
            parts.append(render.RSS_CLOSING)
            return b"".join(parts)
        head = render.atom_head(
            feed_id=f"{TAG_PREFIX}feeds/{spec.name}", title=spec.title, page=page,
            description=spec.description, self_href=self_href, mime=FORMATS[fmt], built=built,
        )  # fmt: skip
        parts = stylesheet_parts(head, stylesheet)
        parts += [item.atom() for item in items]
        parts.append(render.ATOM_CLOSING)
        return b"".join(parts)

    def _feedgen_document(
        self, spec: FeedSpec, fmt: str, items: list[RenderedItem], self_href: str, page: str,
        built: datetime,
    ) -> bytes:  # fmt: skip
        fg = FeedGenerator()
        fg.id(f"{TAG_PREFIX}feeds/{spec.name}")
        fg.title(spec.title)
        fg.description(spec.description)
        fg.link(href=self_href, rel="self", type=FORMATS[fmt])
        # feedgen takes the RSS channel <link> from the last link added: the HTML page.
        fg.link(href=page, rel="alternate")
        fg.language("en-GB")
        fg.author({"name": "oursay"})  # Atom wants an author; deliberately no e-mail
        fg.generator("oursay")
        fg.lastBuildDate(built)
        for item in items:
            fg.add_entry(self._feedgen_entry(item), order="append")  # feedgen prepends
        return bytes(fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True))


def build_feed(
    session: Session,
    name: str,
    fmt: str,
    links: Links,
    councils: dict[str, CouncilInfo] | None = None,
) -> bytes | None:
    """One feed on demand (the web app), or None when no feed has that name."""
    if fmt not in FORMATS:
        return None
    councils = councils if councils is not None else load_councils(session)
    spec = find_spec(name, councils)
    if spec is None:
        return None
    return FeedBuilder(councils, links).render(spec, fmt, spec_states(session, spec))


def spec_states(session: Session, spec: FeedSpec) -> list[RecordState]:
    """What ``spec`` lists now, newest first (the newest ``FEED_ITEM_LIMIT``): its query's
    rows as plain read-only states, as the static build reads them, through the select
    kept for the feed (:func:`feeds.snapshot.feed_select`). ORM instances (three a row)
    were most of a feed's time at a million records (bench/README.md)."""
    if session.autoflush:
        session.flush()  # what the ORM query did first: pending changes are seen
    states = feed_select(spec).states(session)
    return sorted((s for s in states if spec.matches(s)), key=sort_key, reverse=True)
