"""The feeds a supporter chooses beyond a council's own: regions and nations, topics, saved
searches; the stylesheet that makes any feed opened in a browser explain itself; and the
/topics page listing the topics with the CPV ranges that define them.

These feeds are cached and answered with ETag / Last-Modified / 304 exactly like the council
feeds (:mod:`oursay.web.feedcache`): the same cache class, building through
:mod:`feeds.choices`.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from feeds.build import FORMATS, Links
from feeds.choices import feed_key, find_feed, render_feed
from feeds.regions import area_specs
from feeds.stylesheet import STYLESHEET_TYPE, stylesheet_bytes
from feeds.topics import topic_specs
from oursay.web.feedcache import (
    CACHE_CONTROL,
    FeedCache,
    feed_response,
)

Render = Callable[..., HTMLResponse]


class ChosenFeedCache(FeedCache):
    """The feed cache, building region, nation, topic and saved-search feeds."""

    def _build(self, name: str, base_url: str) -> tuple[bytes, str] | None:
        path, _, _query = name.partition("?")
        fmt = path.rpartition(".")[2]
        key = feed_key(name)
        if fmt not in FORMATS or key is None:
            return None
        with self.sessions() as session:
            spec = find_feed(session, key)
            if spec is None:
                return None
            body = render_feed(session, spec, fmt, Links(base_url, web=True))
        return body, FORMATS[fmt]


def add_feed_view_routes(
    app: FastAPI, sessions: Callable[[], Session], render: Render, feeds: FeedCache
) -> None:
    """Register before the generic ``/feeds/{name}`` route, which would take these paths."""
    chosen = ChosenFeedCache(
        sessions, marker_ttl=feeds.marker_ttl, file_signature=feeds.file_signature
    )
    app.state.chosen_feeds = chosen

    async def serve(request: Request, name: str) -> Response:
        base = str(request.base_url)
        cached = chosen.peek(name, base) or await run_in_threadpool(chosen.get, name, base)
        return feed_response(cached, request)

    @app.api_route("/feeds/feed.xsl", methods=["GET", "HEAD"])
    def stylesheet() -> Response:
        return Response(
            stylesheet_bytes(email=True),
            media_type=f"{STYLESHEET_TYPE}; charset=utf-8",
            headers={"Cache-Control": CACHE_CONTROL},
        )

    @app.api_route("/feeds/search.{fmt}", methods=["GET", "HEAD"])
    async def search_feed(request: Request, fmt: str) -> Response:
        key = feed_key(f"/feeds/search.{fmt}?{request.url.query}")
        if key is None:
            return Response("Add a search: /feeds/search.rss?q=…\n", 404, media_type="text/plain")
        # The cache key is the normalised search, so ?q=a&x=1 and ?q=a share one entry.
        return await serve(request, f"feeds/search.{fmt}?{key.partition('?')[2]}")

    for kind in ("topics", "regions", "nations"):

        @app.api_route(f"/feeds/{kind}/{{filename}}", methods=["GET", "HEAD"])
        async def chosen_feed(request: Request, filename: str, kind: str = kind) -> Response:
            return await serve(request, f"feeds/{kind}/{filename}")

    @app.get("/topics", response_class=HTMLResponse)
    def topics(request: Request) -> HTMLResponse:
        with sessions() as session:
            areas = area_specs(session)
        return render(
            request,
            "topics.html",
            {
                "topics": topic_specs(),
                "nations": [s for s in areas if s.name.startswith("nations/")],
                "regions": [s for s in areas if s.name.startswith("regions/")],
            },
        )
