"""Built feeds kept in memory and answered with ETag / Last-Modified / 304.

A feed is rebuilt only when a cheap database *marker* changes: the newest record change
and the highest assessment and review ids, plus the council count. Feed readers poll
the same few URLs over and over; between crawls nearly every request is answered from
memory, most of them with an empty 304. The marker itself is re-read at most every
``marker_ttl`` seconds (writes made through this app reset it at once); changes made by
other processes (a crawl, the monitor) show within that time. On SQLite the re-read is
skipped while the database file and its WAL are unchanged (size and mtime), since every
commit writes to one of them.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from feeds.build import EMPTY_FEED_DATE, FORMATS, Links, build_feed, load_councils
from feeds.opml import opml_bytes
from feeds.regions import area_specs
from feeds.topics import topic_specs
from storage.models import Assessment, Council, Record, Review

CACHE_CONTROL = "public, max-age=300"
Marker = tuple[object, ...]


@dataclass(frozen=True)
class CachedFeed:
    body: bytes
    etag: str
    last_modified: datetime
    media_type: str
    marker: Marker


class FeedCache:
    def __init__(
        self,
        sessions: Callable[[], Session],
        *,
        marker_ttl: float = 1.0,
        max_bytes: int = 64 * 1024 * 1024,
        file_signature: Callable[[], tuple[int, ...] | None] | None = None,
    ) -> None:
        self.sessions = sessions
        self.marker_ttl = marker_ttl
        self.file_signature = file_signature
        self._signature: tuple[int, ...] | None = None
        self.max_bytes = max_bytes
        self.builds = 0  # how many feeds were built (tests and the bench read it)
        self._entries: OrderedDict[tuple[str, str], CachedFeed] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        # One build at a time: concurrent requests for a stale feed wait for the first
        # build instead of all rebuilding it, and feedgen's date formatting switches the
        # process-wide locale, which is not safe to do from two threads at once.
        self._build_lock = threading.Lock()
        self._marker_lock = threading.Lock()
        self._marker: Marker | None = None
        self._marker_read_at = -math.inf
        self._last_modified = datetime(1970, 1, 1, tzinfo=UTC)

    def invalidate(self) -> None:
        """Re-read the marker on the next request (after a write through the app)."""
        with self._lock:
            self._marker_read_at = -math.inf

    def marker(self) -> tuple[Marker, datetime]:
        now = time.monotonic()
        with self._lock:
            if self._marker is not None and now - self._marker_read_at < self.marker_ttl:
                return self._marker, self._last_modified
        # One reader at a time: while one request reads the marker, the others answer
        # with the one read just before (at most a read older).
        if not self._marker_lock.acquire(blocking=self._marker is None):
            with self._lock:
                assert self._marker is not None
                return self._marker, self._last_modified
        try:
            # SQLite: a commit always touches the database file or its WAL, so unchanged
            # files mean an unchanged marker, without a query (which scans records).
            signature = self.file_signature() if self.file_signature else None
            if signature is not None and signature == self._signature:
                with self._lock:
                    self._marker_read_at = now
                    assert self._marker is not None
                    return self._marker, self._last_modified
            with self.sessions() as session:
                marker, changed_at = read_marker(session)
            self._signature = signature
        finally:
            self._marker_lock.release()
        with self._lock:
            if marker != self._marker:
                # HTTP dates have one-second resolution: a second change within the same
                # second must still move Last-Modified, or If-Modified-Since clients would
                # get a 304 for content they have not seen.
                floor = changed_at.replace(microsecond=0)
                if self._marker is not None and floor <= self._last_modified:
                    floor = self._last_modified + timedelta(seconds=1)
                self._marker, self._last_modified = marker, floor
            self._marker_read_at = now
            return self._marker, self._last_modified

    def peek(self, name: str, base_url: str) -> CachedFeed | None:
        """The cached feed when it is current and the marker was read recently; never
        touches the database, so the app can answer it without leaving the event loop."""
        with self._lock:
            if self._marker is None or time.monotonic() - self._marker_read_at >= self.marker_ttl:
                return None
            cached = self._entries.get((name, base_url))
            if cached is None or cached.marker != self._marker:
                return None
            self._entries.move_to_end((name, base_url))
            return cached

    def get(self, name: str, base_url: str) -> CachedFeed | None:
        """``name`` is a path under the site root: ``feeds/ken.rss``, ``feeds.opml``."""
        marker, last_modified = self.marker()
        key = (name, base_url)
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None and cached.marker == marker:
                self._entries.move_to_end(key)
                return cached
        with self._build_lock:
            with self._lock:  # built by another thread while we waited?
                cached = self._entries.get(key)
                if cached is not None and cached.marker == marker:
                    return cached
            built = self._build(name, base_url)
            if built is None:
                return None
            body, media_type = built
            digest = hashlib.sha256(body).hexdigest()[:32]
            cached = CachedFeed(body, f'"{digest}"', last_modified, media_type, marker)
            self.builds += 1
            self._store(key, cached)
            return cached

    def _build(self, name: str, base_url: str) -> tuple[bytes, str] | None:
        links = Links(base_url, web=True)
        with self.sessions() as session:
            if name == "feeds.opml":
                councils = load_councils(session)
                chosen = [*area_specs(session), *topic_specs()]
                return opml_bytes(councils.values(), links, chosen), "text/x-opml"
            stem, _, fmt = name.removeprefix("feeds/").rpartition(".")
            if not name.startswith("feeds/") or fmt not in FORMATS:
                return None
            body = build_feed(session, stem, fmt, links)
        return (body, FORMATS[fmt]) if body is not None else None

    def _store(self, key: tuple[str, str], cached: CachedFeed) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._entries[key] = cached
            self._size += len(cached.body)
            while self._size > self.max_bytes and len(self._entries) > 1:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted.body)


def sqlite_signature(url: str) -> Callable[[], tuple[int, ...] | None] | None:
    """For a SQLite file: a function giving the size and mtime of the file and its WAL."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    paths = [Path(parsed.database), Path(f"{parsed.database}-wal")]

    def signature() -> tuple[int, ...] | None:
        values: list[int] = []
        for path in paths:
            try:
                info = path.stat()
            except FileNotFoundError:
                values += [-1, -1]
                continue
            except OSError:
                return None  # unknown: read the marker
            values += [info.st_size, info.st_mtime_ns]
        return tuple(values)

    return signature


def read_marker(session: Session) -> tuple[Marker, datetime]:
    """One round trip: what changed last, and when."""
    newest_record = select(func.max(Record.updated_at)).scalar_subquery()
    record_count = select(func.count(Record.id)).scalar_subquery()
    last_assessment = select(func.max(Assessment.id)).scalar_subquery()
    last_review = select(func.max(Review.id)).scalar_subquery()
    councils = select(func.count()).select_from(Council).scalar_subquery()
    row = session.execute(
        select(newest_record, record_count, last_assessment, last_review, councils)
    ).one()
    times = [row[0]]
    if row[2] is not None:
        times.append(session.get_one(Assessment, row[2]).created_at)
    if row[3] is not None:
        times.append(session.get_one(Review, row[3]).created_at)
    known = [t for t in times if t is not None]
    changed_at = max(known) if known else EMPTY_FEED_DATE  # the empty feeds' date too
    return tuple(row), changed_at


def not_modified(
    cached: CachedFeed, if_none_match: str | None, if_modified_since: str | None
) -> bool:
    """RFC 9110 §13.1: If-None-Match wins when present; If-Modified-Since otherwise."""
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or cached.etag in tags
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return cached.last_modified <= since
    return False


def media_type_for(media_type: str, accept: str | None) -> str:
    """The type to send a feed as. Browsers show ``application/rss+xml`` as plain text and
    never apply its stylesheet, so a request that accepts HTML (a browser navigating to the
    feed) gets the same bytes as ``application/xml``, which browsers render through the
    stylesheet (feeds.stylesheet); feed readers get the feed's own type."""
    if media_type in FORMATS.values() and accept and "text/html" in accept:
        return "application/xml"
    return media_type


def http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC), usegmt=True)


def feed_response(cached: CachedFeed | None, request: Request) -> Response:
    """The answer for one cached feed: 404 when there is none, 304 when the client's copy is
    current, else the body, with the validators and caching headers every feed carries."""
    if cached is None:
        return Response("No feed at this address.\n", 404, media_type="text/plain")
    headers = {
        "ETag": cached.etag,
        "Last-Modified": http_date(cached.last_modified),
        "Cache-Control": CACHE_CONTROL,
        "Vary": "Accept",  # browsers get the feed as application/xml (media_type_for)
    }
    if not_modified(
        cached, request.headers.get("if-none-match"), request.headers.get("if-modified-since")
    ):
        return Response(status_code=304, headers=headers)
    media_type = media_type_for(cached.media_type, request.headers.get("accept"))
    return Response(cached.body, media_type=f"{media_type}; charset=utf-8", headers=headers)
