"""``GET /health`` (JSON, public) and the staff health page: how crawling goes, per source
and per council, from the ``crawl_runs`` and ``crawl_failures`` tables.

For each source, and each council a council spider crawls: the last run, the last
success (a run that ended ``ok`` or ``partial``: something was collected) with the items
it collected, the last failure (``failed`` or ``abandoned``) and why, and the records
stored. A council whose runs have failed since its last success for more than
``OURSAY_HEALTH_FAILING_DAYS`` days is listed under ``failing``. A database that cannot be
read answers 503. Reasons are cleaned like feed text (no e-mail addresses or phone
numbers): the JSON is public, and what a server answered may carry an officer's details.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from crawlers.summary import STORED, council_stat
from feeds.items import clean_text
from oursay import __version__
from oursay.web.auth import staff_user
from storage.models import Council, CrawlFailure, CrawlRun, Record, StaffUser

# crawl_runs statuses of a run that ended and judged itself (crawlers.outcome).
FINISHED_RUN_STATUSES = ("ok", "partial", "failed")
SUCCESS = ("ok", "partial")  # something was collected
FAILURE = ("failed", "abandoned")
DEFAULT_FAILING_DAYS = 3.0
WHY_LIMIT = 300
Render = Callable[..., HTMLResponse]


def failing_days() -> float:
    """OURSAY_HEALTH_FAILING_DAYS: days of failed runs before a council is listed as failing."""
    text = os.environ.get("OURSAY_HEALTH_FAILING_DAYS", "").strip()
    if not text:
        return DEFAULT_FAILING_DAYS
    try:
        days = float(text)
    except ValueError:
        raise ValueError(
            f"OURSAY_HEALTH_FAILING_DAYS must be a number of days, not {text!r}"
        ) from None
    if days < 0:
        raise ValueError(f"OURSAY_HEALTH_FAILING_DAYS must not be negative, not {text!r}")
    return days


def health_figures(session: Session) -> dict[str, Any]:
    """The database's totals and the last crawl that ended."""
    records = session.scalar(select(func.count(Record.id))) or 0
    councils = session.scalar(select(func.count()).select_from(Council)) or 0
    staff = session.scalar(select(func.count(StaffUser.id))) or 0
    # The last crawl that ended: a row still "running" (or one whose process died,
    # "abandoned") says nothing about how crawling goes.
    last = session.scalars(
        select(CrawlRun)
        .where(CrawlRun.status.in_(FINISHED_RUN_STATUSES))
        .order_by(CrawlRun.id.desc())
        .limit(1)
    ).first()
    return {
        "records": records,
        "councils": councils,
        "staff_users": staff,
        "last_crawl": (
            {
                "source": last.source,
                "status": last.status,
                "started_at": last.started_at.isoformat(),
                "finished_at": last.finished_at.isoformat() if last.finished_at else None,
            }
            if last is not None
            else None
        ),
    }


@dataclass
class Track:
    """How one source, or one council on one source, has been crawled."""

    source: str
    council: str | None = None
    last_run: CrawlRun | None = None
    last_success: CrawlRun | None = None
    last_failure: CrawlRun | None = None
    records: int = 0
    last_error: CrawlFailure | None = None
    # Per merged group of runs: the first failure after that group's last success.
    first_failures: tuple[datetime, ...] = ()

    def merge(
        self,
        last: CrawlRun | None,
        success: CrawlRun | None,
        failure: CrawlRun | None,
        since: datetime | None,
    ) -> None:
        self.last_run = _newest(self.last_run, last)
        self.last_success = _newest(self.last_success, success)
        self.last_failure = _newest(self.last_failure, failure)
        if since is not None:
            self.first_failures += (since,)

    @property
    def failing_since(self) -> datetime | None:
        """The first failure after the last success of all the runs merged (a council
        crawled alone and with others, a source over all its councils)."""
        success = self.last_success
        after = [at for at in self.first_failures if success is None or at > success.started_at]
        return min(after, default=None)

    def is_failing_for(self, now: datetime) -> timedelta | None:
        """How long it has failed, when its newest ended run failed; else None."""
        ended = self.last_success, self.last_failure
        if ended[1] is None or (ended[0] is not None and ended[0].id > ended[1].id):
            return None
        since = self.failing_since or ended[1].started_at
        return now - since

    def as_json(self, now: datetime) -> dict[str, Any]:
        body: dict[str, Any] = {"source": self.source}
        if self.council is not None:
            body["council"] = self.council
        success, failure = self.last_success, self.last_failure
        failing = self.is_failing_for(now)
        body.update(
            {
                "last_run": _run(self.last_run),
                "last_success": (
                    {
                        "at": _at(success),
                        "status": success.status,
                        **_collected(success, self.council),
                    }
                    if success is not None
                    else None
                ),
                "last_failure": (
                    {"at": _at(failure), "status": failure.status, "why": _why(failure.error)}
                    if failure is not None
                    else None
                ),
                "failing_since": (
                    (self.failing_since or failure.started_at).isoformat()
                    if failing is not None and failure is not None
                    else None
                ),
                "records": self.records,
            }
        )
        if self.council is not None:
            error = self.last_error
            body["last_error"] = (
                {"at": error.created_at.isoformat(), "why": _why(error.reason)}
                if error is not None
                else None
            )
        return body


def crawl_health(
    session: Session, now: datetime | None = None, days: float | None = None
) -> dict[str, Any]:
    """Per source and per council, and the councils failing for more than ``days``."""
    now = now or datetime.now(UTC)
    days = failing_days() if days is None else days
    known = set(session.scalars(select(Council.code)))
    groups = _run_groups(session)
    sources: dict[str, Track] = {}
    councils: dict[tuple[str, str], Track] = {}
    for (source, scope), (last, success, failure, since) in groups.items():
        sources.setdefault(source, Track(source)).merge(last, success, failure, since)
        for code in _codes(scope, known):
            track = councils.setdefault((code, source), Track(source, code))
            track.merge(last, success, failure, since)
    for (source, code), count in _record_counts(session):
        sources.setdefault(source, Track(source)).records += count
        if code is not None and (code, source) in councils:
            councils[(code, source)].records = count
    errors = _last_errors(session)
    for (code, _), track in councils.items():
        track.last_error = errors.get(code)
    names = {code: name for code, name in session.execute(select(Council.code, Council.name))}
    threshold = timedelta(days=days)
    failing = []
    for track in sorted(councils.values(), key=lambda t: (t.council or "", t.source)):
        failed_for = track.is_failing_for(now)
        if failed_for is not None and failed_for > threshold and track.last_failure is not None:
            failing.append(
                {
                    "council": track.council,
                    "name": names.get(track.council or ""),
                    "source": track.source,
                    "failing_since": (now - failed_for).isoformat(),
                    "days": round(failed_for.total_seconds() / 86400, 1),
                    "why": _why(track.last_failure.error),
                }
            )
    return {
        "failing_after_days": days,
        "sources": [sources[name].as_json(now) for name in sorted(sources)],
        "by_council": [
            {**councils[key].as_json(now), "name": names.get(key[0])} for key in sorted(councils)
        ],
        "failing": failing,
    }


def _run_groups(
    session: Session,
) -> dict[tuple[str, str | None], tuple[Any, Any, Any, datetime | None]]:
    """For each (source, council scope) of crawl_runs: its last run, last success, last
    failure, and the start of the first failure after the last success."""
    scope = (CrawlRun.source, CrawlRun.council_code)

    def newest(*statuses: str) -> Any:
        query = select(*scope, func.max(CrawlRun.id))
        if statuses:
            query = query.where(CrawlRun.status.in_(statuses))
        return {(s, c): i for s, c, i in session.execute(query.group_by(*scope))}

    last, success, failure = newest(), newest(*SUCCESS), newest(*FAILURE)
    good = (
        select(*scope, func.max(CrawlRun.id).label("id"))
        .where(CrawlRun.status.in_(SUCCESS))
        .group_by(*scope)
        .subquery()
    )
    since_rows = session.execute(
        select(*scope, func.min(CrawlRun.started_at))
        .outerjoin(
            good,
            and_(
                good.c.source == CrawlRun.source,
                good.c.council_code.is_not_distinct_from(CrawlRun.council_code),
            ),
        )
        .where(CrawlRun.status.in_(FAILURE), or_(good.c.id.is_(None), CrawlRun.id > good.c.id))
        .group_by(*scope)
    )
    since = {(s, c): at for s, c, at in since_rows}
    wanted = {i for ids in (last, success, failure) for i in ids.values()}
    runs = {run.id: run for run in session.scalars(select(CrawlRun).where(CrawlRun.id.in_(wanted)))}
    return {
        key: (
            runs.get(last[key]),
            runs.get(success.get(key, -1)),
            runs.get(failure.get(key, -1)),
            since.get(key),
        )
        for key in last
    }


def _record_counts(session: Session) -> Iterable[tuple[tuple[str, str | None], int]]:
    """Records stored per (spider name, council): records name their source as the
    command line does (find-a-tender), runs as the spider (find_a_tender)."""
    rows = session.execute(
        select(Record.source, Record.council_code, func.count(Record.id)).group_by(
            Record.source, Record.council_code
        )
    )
    return [((source.replace("-", "_"), code), count) for source, code, count in rows]


def _last_errors(session: Session) -> dict[str, CrawlFailure]:
    newest = (
        select(func.max(CrawlFailure.id))
        .where(CrawlFailure.council_code.is_not(None))
        .group_by(CrawlFailure.council_code)
    )
    rows = session.scalars(select(CrawlFailure).where(CrawlFailure.id.in_(newest)))
    return {row.council_code: row for row in rows if row.council_code}


def _codes(scope: str | None, known: set[str]) -> list[str]:
    """The councils of a run's scope ("EXA" or "EXA,SMP"; cut at 8 characters, so a
    cut-off last code is dropped rather than guessed)."""
    if not scope:
        return []
    return [code for code in scope.split(",") if code in known]


def _newest(a: CrawlRun | None, b: CrawlRun | None) -> CrawlRun | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a.id > b.id else b


def _at(run: CrawlRun) -> str:
    return (run.finished_at or run.started_at).isoformat()


def _run(run: CrawlRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "status": run.status,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }


def _collected(run: CrawlRun, council: str | None) -> dict[str, int]:
    """Items (records stored: new, changed or the same) and documents a run collected,
    for one council when the run counted per council (crawlers.summary)."""
    stats = run.stats or {}

    def count(name: str) -> int:
        if council is not None and council_stat(council, "pages") in stats:
            name = council_stat(council, name)[len("oursay/") :]
        value = stats.get(f"oursay/{name}") or 0
        return int(value) if isinstance(value, int | float) else 0

    return {
        "items": sum(count(name) for name in STORED),
        "documents": count("documents/ok"),
        "errors": count("failures"),
    }


def _why(text: str | None) -> str | None:
    return clean_text(text, WHY_LIMIT) or None if text else None


def health_body(session: Session) -> dict[str, Any]:
    return {
        "status": "ok",
        "database": "ok",
        "version": __version__,
        **health_figures(session),
        **crawl_health(session),
    }


def add_health_routes(app: FastAPI, sessions: Callable[[], Session], render: Render) -> None:
    @app.get("/health")
    def health() -> JSONResponse:
        try:
            with sessions() as session:
                body = health_body(session)
        except SQLAlchemyError as error:
            # Up, but of no use without its database: a load balancer should look elsewhere.
            return JSONResponse(
                {"status": "error", "database": f"error: {type(error).__name__}"},
                status_code=503,
            )
        return JSONResponse(body)

    @app.get("/staff/health", response_class=HTMLResponse)
    def staff_health(request: Request) -> Response:
        try:
            with sessions() as session:
                staff = staff_user(request, session)
                if staff is None:
                    return RedirectResponse("/login?next=/staff/health", status_code=303)
                body = health_body(session)
        except SQLAlchemyError as error:
            return render(
                request,
                "error.html",
                {
                    "status": 503,
                    "message": f"The database cannot be read ({type(error).__name__}).",
                },
                503,
            )
        return render(request, "health.html", {"staff": staff, "health": body})
