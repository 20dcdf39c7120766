"""The web app: public pages (councils, items, search, exports, feeds) and the staff
review pages. Server-rendered HTML that works without JavaScript.

Pages read the database through ``storage.queries``; the only writes are staff reviews.
Feeds are the same bytes ``oursay feeds`` writes, cached in memory (see ``feedcache``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from feeds.build import (
    FORMATS,
    CouncilInfo,
    clean_text,
    council_specs,
    format_date,
    load_councils,
    newest_first,
    safe_url,
    sentence,
    summarise,
    usable_councils,
)
from monitor.review_carry import CARRIED_PREFIX
from oursay import __version__
from oursay.alerts import FREQUENCIES
from oursay.web.alerts import add_alert_routes
from oursay.web.assessment_history import assessment_history
from oursay.web.auth import (
    LoginThrottle,
    SessionCookies,
    authenticate,
    check_csrf,
    cookie_mode,
    csrf_token,
    log_in,
    log_out,
    secret_key,
    staff_user,
)
from oursay.web.feed_views import add_feed_view_routes
from oursay.web.feedcache import (
    FeedCache,
    feed_response,
    sqlite_signature,
)
from oursay.web.health import add_health_routes
from oursay.web.linked import linked_records
from oursay.web.scorecard import add_scorecard_routes
from oursay.web.search import CATEGORIES, FLAGS, REVIEWS, add_search_routes
from storage.db import database_url as default_database_url
from storage.db import normalise_url, session_factory
from storage.models import Record, Review
from storage.queries import RecordState, states_query

HERE = Path(__file__).resolve().parent
REVIEW_STATUSES = {
    "confirmed": "Confirm the flag",
    "dismissed": "Dismiss (not a problem)",
    "needs_info": "Needs more information",
    "good_practice": "Good practice",
}
QUEUE_PAGE = 50
COUNCIL_PAGE_ITEMS = 100


class SecurityHeaders:
    """Headers every response gets. A pure ASGI wrapper: it costs next to nothing on the
    feed path, where throughput matters."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (
            b"content-security-policy",
            b"default-src 'self'; img-src 'self' data:; form-action 'self'; "
            b"frame-ancestors 'none'; base-uri 'none'",
        ),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    database_url: str | None = None,
    *,
    marker_ttl: float = 1.0,
    secret: str | None = None,
    cookie_secure: str | None = None,
    login_limit: int = 10,
) -> FastAPI:
    url = normalise_url(database_url) if database_url else default_database_url()
    sessions: Callable[[], Session] = session_factory(url)
    feeds = FeedCache(sessions, marker_ttl=marker_ttl, file_signature=sqlite_signature(url))
    throttle = LoginThrottle(limit=login_limit)
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        categories=CATEGORIES,
        flags=FLAGS,
        reviews=REVIEWS,
        review_statuses=REVIEW_STATUSES,
        version=__version__,
        sentence=sentence,
        alert_frequencies=FREQUENCIES,
    )
    templates.env.filters["day"] = format_date

    app = FastAPI(title="oursay", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.feeds = feeds
    app.state.database_url = url
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    secret = secret or secret_key(url)
    app.add_middleware(SessionCookies, secret=secret, secure=cookie_mode(cookie_secure))
    app.add_middleware(SecurityHeaders)

    def render(
        request: Request, name: str, context: dict[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        context.setdefault("staff", None)
        # Called by the templates' forms only, so public pages set no session cookie.
        context["csrf_token"] = lambda: csrf_token(request)
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 405 or request.url.path.startswith("/feeds"):
            return Response(str(error.detail), status_code=error.status_code)
        return render(
            request,
            "error.html",
            {"status": error.status_code, "message": error.detail},
            error.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        # A mistyped address (/items/abc) deserves a page, not FastAPI's JSON.
        return render(
            request, "error.html", {"status": 404, "message": "There is no page here."}, 404
        )

    # ------------------------------------------------------------------ public pages

    # The scorecard first: its /feeds/practice/ route must come before /feeds/{name}.
    add_scorecard_routes(app, sessions, render)
    add_feed_view_routes(app, sessions, render, feeds)  # topics, regions, searches
    add_alert_routes(app, sessions, render, secret)
    add_health_routes(app, sessions, render)
    add_search_routes(app, sessions, render)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, q: str = "") -> HTMLResponse:
        with sessions() as session:
            councils = load_councils(session)
            counts = flagged_counts(session)
            recent = [
                summarise(s, _name(councils, s))
                for s in _states(session, newest_first(states_query(flagged_only=True)), 10)
            ]
            staff = staff_user(request, session)
        listed = by_name(councils)
        wanted = " ".join(q.split())[:100]
        if wanted:
            needle = wanted.lower()
            listed = [c for c in listed if needle in c.name.lower() or needle == c.slug]
        return render(
            request,
            "home.html",
            {
                "staff": staff,
                "councils": by_name(councils),
                "listed": listed,
                "counts": counts,
                "q": wanted,
                "recent": recent,
            },
        )

    @app.get("/councils")
    def pick_council(council: str = "") -> RedirectResponse:
        """The no-JavaScript council picker posts its select here."""
        code = council.strip().lower()
        if not code.isalnum():
            return RedirectResponse("/", status_code=303)
        return RedirectResponse(f"/councils/{quote(code)}", status_code=303)

    @app.get("/councils/{slug}", response_class=HTMLResponse)
    def council_page(request: Request, slug: str) -> HTMLResponse:
        with sessions() as session:
            councils = load_councils(session)
            council = councils.get(slug.upper())
            if council is None or slug != council.slug or not usable_councils([council]):
                raise HTTPException(404, "There is no council with that code.")
            query = newest_first(states_query(council_codes=[council.code], flagged_only=True))
            items = [
                summarise(s, council.name) for s in _states(session, query, COUNCIL_PAGE_ITEMS)
            ]
            total = session.scalar(
                select(func.count()).select_from(query.order_by(None).subquery())
            )
            staff = staff_user(request, session)
        specs = council_specs(council)
        return render(
            request,
            "council.html",
            {
                "staff": staff,
                "council": council,
                "items": items,
                "total": total or 0,
                "feeds": [(spec, fmt) for spec in specs for fmt in FORMATS],
                "main_feed": specs[0],
            },
        )

    @app.get("/items/{record_id}", response_class=HTMLResponse)
    def item_page(request: Request, record_id: int) -> HTMLResponse:
        with sessions() as session:
            return _item_response(request, session, record_id)

    def _item_response(
        request: Request,
        session: Session,
        record_id: int,
        error: str | None = None,
        form: dict[str, str] | None = None,
    ) -> HTMLResponse:
        query = states_query().where(Record.id == record_id)
        row = session.execute(query.options(selectinload(Record.documents))).first()
        if row is None:
            raise HTTPException(404, "There is no item with that number.")
        state = RecordState(*row)
        councils = load_councils(session)
        staff = staff_user(request, session)
        history = []
        if staff is not None:
            reviews = session.scalars(
                select(Review)
                .where(Review.record_id == record_id)
                .options(selectinload(Review.reviewer))
                .order_by(Review.id.desc())
            )
            history = [
                {
                    "status": REVIEWS.get(r.status, r.status),
                    "who": r.reviewer.username
                    if r.reviewer
                    else (
                        "oursay (carried from another record of the decision)"
                        if (r.reason or "").startswith(CARRIED_PREFIX)
                        else "unknown"
                    ),
                    "when": r.created_at,
                    "reason": r.reason,
                    "note": r.note,
                }
                for r in reviews
            ]
        documents = [
            {"title": clean_text(d.title, 200) or "Document", "url": safe_url(d.url)}
            for d in state.record.documents
        ]
        return render(
            request,
            "item.html",
            {
                "staff": staff,
                "item": summarise(state, _name(councils, state), description_limit=5000),
                "council": councils.get(state.record.council_code or ""),
                "assessed": state.assessment is not None,
                "documents": [d for d in documents if d["url"]],
                "linked": linked_records(session, record_id),
                "assessments": assessment_history(session, record_id),
                "reviewed_at": state.review.created_at if state.review else None,
                "history": history,
                "error": error,
                "form": form or {},
            },
            400 if error else 200,
        )


    # ------------------------------------------------------------------ feeds

    async def serve_feed(request: Request, name: str) -> Response:
        base = str(request.base_url)
        # Fresh entries are answered on the event loop; a build or a marker read (both
        # touch the database) runs in the thread pool.
        cached = feeds.peek(name, base) or await run_in_threadpool(feeds.get, name, base)
        return feed_response(cached, request)

    @app.api_route("/feeds/{name:path}", methods=["GET", "HEAD"])
    async def feed(request: Request, name: str) -> Response:
        return await serve_feed(request, f"feeds/{name}")

    @app.api_route("/feeds.opml", methods=["GET", "HEAD"])
    async def opml(request: Request) -> Response:
        return await serve_feed(request, "feeds.opml")

    # ------------------------------------------------------------------ staff

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/staff/queue") -> HTMLResponse:
        return render(request, "login.html", {"next": _local(next), "error": None})

    @app.post("/login", response_class=HTMLResponse)
    def login(
        request: Request,
        username: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form(alias="csrf_token")] = "",
        next: Annotated[str, Form()] = "/staff/queue",
    ) -> Response:
        check_csrf(request, csrf)
        client = request.client.host if request.client else "unknown"
        keys = (f"ip:{client}", f"user:{username.lower()}")
        wait = throttle.retry_after(*keys)
        if wait:
            response = render(
                request,
                "login.html",
                {"next": _local(next), "error": "Too many failed attempts. Try again later."},
                429,
            )
            response.headers["Retry-After"] = str(wait)
            return response
        with sessions() as session:
            user = authenticate(session, username, password[:1024])
        if user is None:
            throttle.failed(*keys)
            return render(
                request,
                "login.html",
                {
                    "next": _local(next),
                    "error": "Wrong username or password.",
                    "username": username,
                },
                401,
            )
        throttle.succeeded(*keys)
        log_in(request, user)
        return RedirectResponse(_local(next), status_code=303)

    @app.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form(alias="csrf_token")] = "") -> Response:
        check_csrf(request, csrf)
        log_out(request)
        return RedirectResponse("/", status_code=303)

    @app.get("/staff/queue", response_class=HTMLResponse)
    def queue(request: Request, page: int = 1) -> Response:
        with sessions() as session:
            staff = staff_user(request, session)
            if staff is None:
                return RedirectResponse("/login?next=/staff/queue", status_code=303)
            councils = load_councils(session)
            waiting = review_queue(session)
            total = session.scalar(select(func.count()).select_from(waiting.subquery())) or 0
            pages = max(1, -(-total // QUEUE_PAGE))
            page = max(1, min(page, pages))
            items = [
                summarise(s, _name(councils, s))
                for s in _states(session, waiting.offset((page - 1) * QUEUE_PAGE), QUEUE_PAGE)
            ]
            more_info = [
                summarise(s, _name(councils, s))
                for s in _states(
                    session, newest_first(states_query(review_status="needs_info")), 100
                )
            ]
        return render(
            request,
            "queue.html",
            {
                "staff": staff,
                "items": items,
                "total": total,
                "page": page,
                "pages": pages,
                "more_info": more_info,
                "queue_href": lambda page: f"/staff/queue?page={page}",
            },
        )

    @app.post("/items/{record_id}/review", response_class=HTMLResponse)
    def review(
        request: Request,
        record_id: int,
        status: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
        note: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form(alias="csrf_token")] = "",
        next: Annotated[str, Form()] = "",
    ) -> Response:
        with sessions() as session:
            staff = staff_user(request, session)
            if staff is None:
                raise HTTPException(403, "Log in as campaign staff to review items.")
            check_csrf(request, csrf)
            if session.get(Record, record_id) is None:
                raise HTTPException(404, "There is no item with that number.")
            reason, note = reason.strip()[:2000], note.strip()[:5000]
            error = None
            if status not in REVIEW_STATUSES:
                error = "Choose what to do with this item."
            elif status == "dismissed" and not reason:
                error = "Give a reason for dismissing this item."
            if error:
                form = {"status": status, "reason": reason, "note": note}
                return _item_response(request, session, record_id, error, form)
            session.add(
                Review(
                    record_id=record_id,
                    status=status,
                    reason=reason or None,
                    note=note or None,
                    reviewer_id=staff.id,
                )
            )
            session.commit()
        feeds.invalidate()
        target = _local(next) if next else f"/items/{record_id}"
        return RedirectResponse(target, status_code=303)

    return app


# ---------------------------------------------------------------------- queries


def _states(session: Session, query: Any, limit: int) -> list[RecordState]:
    return [RecordState(r, a, v) for r, a, v in session.execute(query.limit(limit))]


def _name(councils: dict[str, CouncilInfo], state: RecordState) -> str | None:
    council = councils.get(state.record.council_code or "")
    return council.name if council else None


def by_name(councils: dict[str, CouncilInfo]) -> list[CouncilInfo]:
    return sorted(usable_councils(councils.values()), key=lambda c: (c.name.lower(), c.code))


def _local(target: str) -> str:
    """Only same-site paths: ``next`` must not send a staff member to another site."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/staff/queue"
    return target


def flagged_counts(session: Session) -> dict[str, int]:
    flagged = states_query(flagged_only=True).order_by(None).subquery()
    rows = session.execute(
        select(flagged.c.council_code, func.count()).group_by(flagged.c.council_code)
    )
    return {code: count for code, count in rows if code}


def review_queue(session: Session) -> Any:
    """Never reviewed, oldest first: published flags, and records the monitor sent to staff
    because it is not sure (a flag below the publish threshold, an unread document)."""
    query = states_query(assessed_only=True)
    current = query.column_descriptions[1]["entity"]
    latest = query.column_descriptions[2]["entity"]
    sent = current.publish_state == "needs_review"
    published_flag = current.should_flag.is_(True) & (current.publish_state.is_(None) | ~sent)
    date = func.coalesce(Record.published_at, Record.first_seen_at)
    return (
        query.where(latest.id.is_(None), published_flag | sent)
        .order_by(None)
        .order_by(date.asc(), Record.id.asc())
    )
