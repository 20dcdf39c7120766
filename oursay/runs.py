"""Crawl runs the worker starts: claimed before the crawl, closed and judged after it.

The worker writes the ``running`` row itself and hands its id to the crawl
(``OURSAY_RUN_ID``), which adopts it, so a crawl that never starts, hangs or is killed
still has its row closed with the reason. Two guards keep a crawl from overlapping
itself: APScheduler's ``max_instances=1`` within one worker, and here a check for
another ``running`` row of the same source and council (a manual ``oursay crawl``, or
a worker on another host), serialised on PostgreSQL by a transaction advisory lock.
"""

from __future__ import annotations

import hashlib
import os
import socket
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.models import CrawlRun, utcnow
from storage.records import mark_abandoned_runs

# ``oursay crawl`` source names and the spider names crawl_runs.source holds.
SPIDERS = {
    "find-a-tender": "find_a_tender",
    "contracts-finder": "contracts_finder",
    "moderngov": "moderngov",
    "cmis": "cmis",
}
SOURCES = {spider: source for source, spider in SPIDERS.items()}
FAILED_STATUSES = ("failed", "partial", "abandoned")
# Records the run stored: new, changed, or seen again unchanged (a council's papers are
# re-read every day, so a healthy run's count is steady).
ITEM_STATS = ("oursay/records/inserted", "oursay/records/updated", "oursay/records/unchanged")


@dataclass(frozen=True)
class Judgement:
    history_runs: int = 5
    min_history_runs: int = 3
    min_share: float = 0.2

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> Judgement:
        return cls(
            int(values["history_runs"]), int(values["min_history_runs"]), float(values["min_share"])
        )


def items(stats: Mapping[str, Any]) -> int:
    return sum(int(stats.get(name) or 0) for name in ITEM_STATS)


def pages(stats: Mapping[str, Any]) -> int:
    return int(stats.get("downloader/response_count") or 0)


def errors(stats: Mapping[str, Any]) -> int:
    return int(stats.get("oursay/failures") or 0) + int(stats.get("oursay/store_failures") or 0)


def claim_run(
    session: Session, source: str, council: str | None
) -> tuple[CrawlRun | None, CrawlRun | None]:
    """A new ``running`` row for this crawl, committed; or (None, the run in the way)."""
    spider = SPIDERS[source]
    if session.get_bind().dialect.name == "postgresql":
        # Two workers (or a worker and a manual crawl) checking at once both see no row:
        # one at a time, until this transaction commits.
        session.execute(select(func.pg_advisory_xact_lock(_lock_key(spider, council))))
    mark_abandoned_runs(session)
    same_council = (
        or_(CrawlRun.council_code.is_(None), CrawlRun.council_code == council) if council else True
    )
    blocker = session.scalars(
        select(CrawlRun)
        .where(CrawlRun.status == "running", CrawlRun.source == spider, same_council)
        .order_by(CrawlRun.id)
    ).first()
    if blocker is not None:
        session.commit()  # keep the abandoned marks
        return None, blocker
    run = CrawlRun(
        source=spider,
        council_code=council,
        pid=os.getpid(),
        hostname=socket.gethostname(),
        stats={},
    )
    session.add(run)
    session.commit()
    return run, None


def _lock_key(spider: str, council: str | None) -> int:
    digest = hashlib.sha256(f"oursay crawl {spider} {council or '*'}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def close_run(
    session: Session,
    run_id: int,
    *,
    exit_status: int | None,
    timed_out: float | None = None,
    stopped: str | None = None,
    judgement: Judgement | None = None,
) -> CrawlRun:
    """Close the row after the crawl's process ended, and judge it.

    ``timed_out``: the timeout it was killed after; ``stopped``: why the worker stopped it
    (its shutdown). A row the crawl closed itself is kept, and then judged against the
    history; one it left ``running`` is closed here with what is known.
    """
    run = session.get(CrawlRun, run_id)
    if run is None:
        raise ValueError(f"crawl run {run_id} is not in the database")
    if run.status == "running":
        run.finished_at = utcnow()
        if stopped:
            run.status, run.finish_reason = "abandoned", "shutdown"
            run.error = f"stopped by the worker ({stopped}) before the crawl recorded its end"
        elif timed_out is not None:
            run.status, run.finish_reason = "failed", "timeout"
            run.error = f"killed after the {timed_out:.0f} s timeout"
        elif exit_status is None:  # a Scrapyd job: its node's log says more
            run.status, run.finish_reason = "failed", "ended unrecorded"
            run.error = "the crawl ended without recording its end (see its Scrapyd log)"
        else:
            run.status, run.finish_reason = "failed", f"exit {exit_status}"
            run.error = f"the crawl process ended (exit status {exit_status}) without recording"
    elif stopped and run.finish_reason != "finished":
        run.status = "abandoned"
        run.error = f"stopped by the worker ({stopped}): {run.error or run.finish_reason}"
    elif timed_out is not None and run.finish_reason != "finished":
        run.status = "failed"
        run.error = f"killed after the {timed_out:.0f} s timeout: {run.error or run.finish_reason}"
    elif run.status == "ok":
        why = too_few_items(session, run, judgement or Judgement())
        if why:
            run.status, run.error = "failed", why
    session.commit()
    return run


def too_few_items(session: Session, run: CrawlRun, judgement: Judgement) -> str | None:
    """Why this run's item count is suspicious against its own history, if it is."""
    same_council = (
        CrawlRun.council_code == run.council_code
        if run.council_code
        else CrawlRun.council_code.is_(None)
    )
    history = session.scalars(
        select(CrawlRun)
        .where(
            CrawlRun.source == run.source,
            same_council,
            CrawlRun.status == "ok",
            CrawlRun.id != run.id,
            CrawlRun.id < run.id,
        )
        .order_by(CrawlRun.id.desc())
        .limit(judgement.history_runs)
    ).all()
    if len(history) < judgement.min_history_runs:
        return None
    median = statistics.median(items(past.stats or {}) for past in history)
    count = items(run.stats or {})
    if count < judgement.min_share * median:
        return (
            f"suspiciously few items: {count} against a median of {median:g} in its last "
            f"{len(history)} ok runs (under {judgement.min_share:.0%})"
        )
    return None


# --- ``oursay runs`` and ``oursay failures`` -------------------------------------------------


def list_runs(
    session: Session,
    *,
    councils: Sequence[str] = (),
    sources: Sequence[str] = (),
    failures_only: bool = False,
    limit: int = 50,
) -> list[dict[str, Any]]:
    query = select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)
    if councils:
        query = query.where(CrawlRun.council_code.in_([code.upper() for code in councils]))
    if sources:
        query = query.where(CrawlRun.source.in_([SPIDERS[source] for source in sources]))
    if failures_only:
        query = query.where(CrawlRun.status.in_(FAILED_STATUSES))
    return [run_row(run) for run in session.scalars(query)]


def run_row(run: CrawlRun) -> dict[str, Any]:
    stats = run.stats or {}
    seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else None
    return {
        "id": run.id,
        "source": SOURCES.get(run.source, run.source),
        "council": run.council_code,
        "status": run.status,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "seconds": round(seconds, 1) if seconds is not None else None,
        "finish_reason": run.finish_reason,
        "pages": pages(stats),
        "items": items(stats),
        "errors": errors(stats),
        "why": run.error,
        "host": run.hostname,
        "pid": run.pid,
    }


def text_lines(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = [
        f"{'id':>5}  {'started (UTC)':<16}  {'source':<16} {'council':<7} {'status':<9} "
        f"{'pages':>5} {'items':>5} {'errors':>6} {'secs':>6}  finish reason / why"
    ]
    for row in rows:
        secs = f"{row['seconds']:.0f}" if row["seconds"] is not None else "-"
        why = row["finish_reason"] or ""
        if row["why"]:
            why = f"{why}: {row['why']}" if why else row["why"]
        lines.append(
            f"{row['id']:>5}  {row['started_at'][:16].replace('T', ' '):<16}  "
            f"{row['source']:<16} {row['council'] or '-':<7} {row['status']:<9} "
            f"{row['pages']:>5} {row['items']:>5} {row['errors']:>6} {secs:>6}  {why}"
        )
    return lines
